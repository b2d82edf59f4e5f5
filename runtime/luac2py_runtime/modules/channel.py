"""The ``channel`` module: Go-style channels and ``channel.select`` for ``coroutine.spawn``.

    local ch = channel.new(2)               -- 0 or nil: unbuffered (a send waits for a receiver)
    coroutine.spawn(function() ch:send(1); ch:close() end)
    local v, ok = ch:receive()              -- 1, true ... then nil, false once closed and drained
    local r = channel.select{ch:case_receive(), other:case_send(x), default = true}
    -- r = {channel = ch, value = v, ok = true}  or  {default = true, ok = true}

Everything is built on asyncio futures queued in FIFO order: the workflow event loop runs
ready callbacks in order, so who gets which value is deterministic and replays. No sets and no
``asyncio.wait`` anywhere. An operation that can complete at once (room in the buffer, a value
buffered, a waiting partner) completes synchronously and creates no future; ``send`` and
``receive`` then return their result directly instead of a coroutine (generated code awaits a
method's result only when it is a coroutine).

A blocked operation is a ``_Waiter`` in the channel's ``recvq`` or ``sendq``: plain lists, made
on the first waiter (they are short, and an open workflow holds a channel per ``listen``, mostly
with one waiter or none, where three deques of 760 bytes each would dominate its memory); the
buffer is a deque made on the first value buffered and dropped when drained. A ``select`` that
has to wait puts one waiter per case on the cases' channels, all sharing one future: the first
partner to resolve that future wins and the others see it done and skip it ("stale"), and the
select removes its remaining waiters when it wakes. A waiter whose task was cancelled has a
cancelled future, so it is stale too.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from ..lua.errors import LuaError
from ..lua.execution import TASK_STATE
from ..lua.values import LuaTable, Userdata, lua_type

# What a waiting sender's future receives when the channel is closed under it.
_CLOSED = object()


class _Waiter:
    """A blocked send or receive, or one case of a blocked select.

    ``fut`` gets ``(index, value, ok)``: ``index`` is the case's position in the select (0 for a
    plain operation), ``value`` what a receiver got, ``ok`` False for a receive on a closed
    channel and ``_CLOSED`` for a send on one."""

    __slots__ = ("fut", "index", "value")

    def __init__(self, fut: asyncio.Future[Any], index: int, value: Any = None) -> None:
        self.fut = fut
        self.index = index
        self.value = value


class Channel(Userdata):
    """A channel. ``cap`` is the buffer size (0: unbuffered; ``float('inf')`` for the unbounded
    mailboxes that runtime modules may create, e.g. for signals)."""

    __slots__ = ("cap", "buf", "closed", "recvq", "sendq", "external")

    def __init__(self, cap: int | float = 0, external: bool = False) -> None:
        self.cap = cap
        # fed from outside the Lua code (signals, timers, events): waiting on it is no deadlock
        self.external = external
        self.buf: deque[Any] | None = None  # made on the first value buffered
        self.closed = False
        self.recvq: list[_Waiter] | None = None  # made on the first waiter
        self.sendq: list[_Waiter] | None = None

    def lua_tostring(self) -> str:
        return f"channel: 0x{id(self) & 0xFFFFFFFF:08x}"

    def __repr__(self) -> str:
        return f"Channel(cap={self.cap}, buffered={self.buffered()}, closed={self.closed})"

    def buffered(self) -> int:
        buf = self.buf
        return 0 if buf is None else len(buf)

    # -- the partner queues ---------------------------------------------------------------
    def waiters(self, send: bool) -> list[_Waiter]:
        """The queue of blocked senders (``send``) or receivers, made if need be."""
        if send:
            q = self.sendq
            if q is None:
                q = self.sendq = []
        else:
            q = self.recvq
            if q is None:
                q = self.recvq = []
        return q

    def _live_receiver(self) -> _Waiter | None:
        """The first receiver still waiting (stale ones are dropped), left in the queue."""
        q = self.recvq
        while q:
            w = q[0]
            if not w.fut.done():
                return w
            del q[0]
        return None

    def _live_sender(self) -> _Waiter | None:
        q = self.sendq
        while q:
            w = q[0]
            if not w.fut.done():
                return w
            del q[0]
        return None

    # -- non-blocking halves (used by send/receive/select and by other runtime modules) -----
    def can_send(self) -> bool:
        return self.closed or self.buffered() < self.cap or self._live_receiver() is not None

    def can_receive(self) -> bool:
        return bool(self.buf) or self.closed or self._live_sender() is not None

    def send_now(self, v: Any) -> None:
        """Complete a send that ``can_send`` said is ready (raises on a closed channel)."""
        if self.closed:
            raise LuaError("send on closed channel")
        w = self._live_receiver()
        if w is not None:
            del self.recvq[0]
            w.fut.set_result((w.index, v, True))
            return
        buf = self.buf
        if buf is None:
            buf = self.buf = deque()
        buf.append(v)

    def receive_now(self) -> tuple[Any, bool]:
        """Complete a receive that ``can_receive`` said is ready."""
        buf = self.buf
        if buf:
            v = buf.popleft()
            # a blocked sender moves into the freed slot, in arrival order
            w = self._live_sender()
            if w is not None:
                del self.sendq[0]
                buf.append(w.value)
                w.fut.set_result((w.index, None, True))
            elif not buf:
                self.buf = None  # drained: an idle channel holds no deque
            return v, True
        w = self._live_sender()
        if w is not None:
            del self.sendq[0]
            w.fut.set_result((w.index, None, True))
            return w.value, True
        return None, False  # closed and drained

    def offer(self, v: Any) -> bool:
        """Send without blocking, from Python (timers, signal delivery): False when the value
        could not be delivered (channel full or closed)."""
        if self.closed or not (self.buffered() < self.cap or self._live_receiver() is not None):
            return False
        self.send_now(v)
        return True

    def close_channel(self) -> None:
        if self.closed:
            raise LuaError("close of closed channel")
        self.closed = True
        # Buffered values stay receivable; waiting receivers (the buffer is then empty) get
        # nil, false; waiting senders fail.
        rq, self.recvq = self.recvq, None
        for w in rq or ():
            if not w.fut.done():
                w.fut.set_result((w.index, None, False))
        sq, self.sendq = self.sendq, None
        for w in sq or ():
            if not w.fut.done():
                w.fut.set_result((w.index, None, _CLOSED))

    # -- blocking operations ----------------------------------------------------------------
    def send(self, v: Any = None) -> Any:
        """``ch:send(v)``: true, or a coroutine when the send has to wait."""
        if self.closed:
            raise LuaError("send on closed channel")
        if self.buffered() < self.cap or self._live_receiver() is not None:
            self.send_now(v)
            return True
        fut = asyncio.get_running_loop().create_future()
        self.waiters(True).append(_Waiter(fut, 0, v))
        return _await_send(fut, self.external)

    def receive(self) -> Any:
        """``ch:receive()``: ``(v, true)`` / ``(nil, false)``, or a coroutine giving them."""
        if self.buf or self.closed or self._live_sender() is not None:
            return self.receive_now()
        fut = asyncio.get_running_loop().create_future()
        self.waiters(False).append(_Waiter(fut, 0))
        return _await_receive(fut, self.external)


# _await_send and _await_receive do what blocked_on does themselves: a waiting coroutine then
# holds one coroutine frame less (an open workflow waits in one per Lua coroutine).


async def _await_send(fut: asyncio.Future[Any], external: bool = False) -> bool:
    st = TASK_STATE.get()
    if st is None:
        _, _, ok = await fut
    else:
        st.block(external)
        try:
            _, _, ok = await fut
        finally:
            st.unblock()
    if ok is _CLOSED:
        raise LuaError("send on closed channel")
    return True


async def _await_receive(fut: asyncio.Future[Any], external: bool = False) -> tuple[Any, bool]:
    st = TASK_STATE.get()
    if st is None:
        _, v, ok = await fut
        return v, ok
    st.block(external)
    try:
        _, v, ok = await fut
    finally:
        st.unblock()
    return v, ok


async def blocked_on(fut: asyncio.Future[Any], external: bool) -> Any:
    """Await a channel operation, telling the execution's deadlock detector that this Lua
    coroutine waits (it finds where only when it reports a deadlock) and whether anything
    outside the Lua code could wake it."""
    st = TASK_STATE.get()
    if st is None:
        return await fut
    st.block(external)
    try:
        return await fut
    finally:
        st.unblock()


class Case(Userdata):
    """A case for ``channel.select``, made by ``ch:case_send(v)`` / ``ch:case_receive()``."""

    __slots__ = ("channel", "is_send", "value")

    def __init__(self, channel: Channel, is_send: bool, value: Any = None) -> None:
        self.channel = channel
        self.is_send = is_send
        self.value = value

    def __repr__(self) -> str:
        return f"Case({'send' if self.is_send else 'receive'}, {self.channel!r})"


Case.lua_methods = {}


def _check_channel(self: Any, name: str) -> Channel:
    if not isinstance(self, Channel):
        raise LuaError(f"bad argument #1 to '{name}' (channel expected, got {lua_type(self)})")
    return self


def _m_send(self: Any, v: Any = None, *_: Any) -> Any:
    return _check_channel(self, "send").send(v)


def _m_receive(self: Any, *_: Any) -> Any:
    return _check_channel(self, "receive").receive()


def _m_close(self: Any, *_: Any) -> bool:
    _check_channel(self, "close").close_channel()
    return True


def _m_case_send(self: Any, v: Any = None, *_: Any) -> Case:
    return Case(_check_channel(self, "case_send"), True, v)


def _m_case_receive(self: Any, *_: Any) -> Case:
    return Case(_check_channel(self, "case_receive"), False)


def _m_debug_size(self: Any, *_: Any) -> int:
    return _check_channel(self, "_debug_size").buffered()


def _m_debug_senders(self: Any, *_: Any) -> int:
    return sum(1 for w in _check_channel(self, "_debug_senders").sendq or () if not w.fut.done())


def _m_debug_receivers(self: Any, *_: Any) -> int:
    return sum(1 for w in _check_channel(self, "_debug_receivers").recvq or ()
               if not w.fut.done())


Channel.lua_methods = {
    "send": _m_send,
    "receive": _m_receive,
    "close": _m_close,
    "case_send": _m_case_send,
    "case_receive": _m_case_receive,
    "_debug_size": _m_debug_size,
    "_debug_senders": _m_debug_senders,
    "_debug_receivers": _m_debug_receivers,
}


# -- the module functions -----------------------------------------------------------------


def new(size: Any = None, *_: Any) -> Channel:
    """``channel.new([n])``: a channel with a buffer of ``n`` values (default 0: unbuffered)."""
    if size is None:
        return Channel(0)
    t = type(size)
    if t is float and size.is_integer():
        size = int(size)
    elif t is not int:
        raise LuaError(f"bad argument #1 to 'new' (number expected, got {lua_type(size)})")
    if size < 0:
        raise LuaError("bad argument #1 to 'new' (buffer size must be non-negative)")
    return Channel(size)


def _result(case: Case, value: Any, ok: Any) -> LuaTable:
    h: dict[str, Any] = {"channel": case.channel}
    if value is not None:
        h["value"] = value
    h["ok"] = ok
    return LuaTable(None, h)


async def select(ex: Any, cases: Any = None, *_: Any) -> LuaTable:
    """``channel.select{case, ..., default = true}``: perform the first ready case, in array
    order; with ``default`` and no case ready, return ``{default = true, ok = true}``; else wait
    for the first case to become ready."""
    if type(cases) is not LuaTable:
        raise LuaError(f"bad argument #1 to 'select' (table expected, got {lua_type(cases)})")
    arr = list(cases.arr)  # a snapshot: the table may change while we wait
    for i, c in enumerate(arr):
        if not isinstance(c, Case):
            raise LuaError(
                f"bad argument #1 to 'select' (case #{i + 1} is a {lua_type(c)}, expected a "
                "case from case_send or case_receive)"
            )
    # ready cases, in array order
    for c in arr:
        ch = c.channel
        if c.is_send:
            if ch.can_send():
                ch.send_now(c.value)  # raises on a closed channel
                return _result(c, None, True)
        elif ch.can_receive():
            v, ok = ch.receive_now()
            return _result(c, v, ok)
    d = cases.hash.get("default")
    if d is not None and d is not False:
        return LuaTable(None, {"default": True, "ok": True})
    if not arr:
        raise LuaError("select with no cases would block forever")
    # wait on every case; the first partner to resolve the shared future wins
    fut = asyncio.get_running_loop().create_future()
    waiters: list[tuple[list[_Waiter], _Waiter]] = []
    for i, c in enumerate(arr):
        ch = c.channel
        w = _Waiter(fut, i, c.value)
        q = ch.waiters(c.is_send)
        q.append(w)
        waiters.append((q, w))
    try:
        index, v, ok = await blocked_on(fut, any(c.channel.external for c in arr))
    finally:
        for q, w in waiters:
            try:
                q.remove(w)
            except ValueError:  # popped by the partner that fired it, or by close
                pass
    c = arr[index]
    if c.is_send:
        if ok is _CLOSED:
            raise LuaError("send on closed channel")
        return _result(c, None, True)
    return _result(c, v, ok)


def build(ex: Any) -> LuaTable:
    import functools

    return LuaTable(None, {"new": new, "select": functools.partial(select, ex)})
