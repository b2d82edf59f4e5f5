"""The ``process`` module inside workflows: PIDs, messages (signals and updates), events,
child workflows as processes, and the spawner builders.

    local ch = process.listen("approve")        -- a channel of payload values
    local msg = process.inbox():receive()       -- Message: msg:topic(), msg:payload():data()
    process.send(msg:from(), "ack")             -- to a workflow: a signal; to an update: reply
    local pid = process.spawn("app:child", "app:worker", input)   -- a child workflow
    local ev = process.events():receive()       -- {kind = "pid.exit", from = pid, result = {...}}

A PID is ``{node@host|id}``: for workflows ``node`` is the Temporal client entry, ``host`` the
worker entry and ``id`` the workflow ID. ``{update|<id>}`` is the sender of a Temporal Update;
PIDs whose node is ``host`` belong to processes of the host API (Python code outside
workflows), which collect what workflows send them from the workflow's outbox.

Messages arrive through one dynamic signal handler and one dynamic update handler (see
``workflow_base``) into the instance's ``Mailbox``, which exists before the run starts, so
nothing that arrives early is lost.
"""

from __future__ import annotations

import re
from typing import Any

from ..lua import ops
from .payload import py_to_lua
from ..lua.errors import LuaError
from ..lua.values import LuaTable, Userdata, from_lua_str, lua_type, table_from_list, to_lua_str
from .channel import Channel
from .errors import WippyError
from .options import WORKFLOW_PREFIXES, option_key

EXIT = "pid.exit"
LINK_DOWN = "pid.link.down"
CANCEL = "pid.cancel"

_PID = re.compile(r"^\{(?:([^@|{}]*)@)?([^|{}]*)\|(.*)\}$")


def make_pid(node: str, host: str, ident: str) -> str:
    return "{" + node + "@" + host + "|" + ident + "}"


def parse_pid(pid: str) -> tuple[str, str, str] | None:
    """(node, host, id) of ``{node@host|id}``; ``{update|id}`` gives ("", "update", id)."""
    m = _PID.match(pid)
    if m is None:
        return None
    return m.group(1) or "", m.group(2), m.group(3)


# -- payloads and messages -------------------------------------------------------------


class Payload(Userdata):
    """One payload of a message; ``:data()`` decodes it."""

    __slots__ = ("value",)
    lua_type_name = "userdata"

    def __init__(self, value: Any) -> None:
        self.value = value  # already a Lua value

    def lua_tostring(self) -> str:
        return "payload"

    def to_json(self) -> Any:
        from .payload import lua_to_py

        return lua_to_py(self.value)


def _p_data(self: Payload, *_: Any) -> Any:
    return self.value


Payload.lua_methods = {"data": _p_data}


class Message(Userdata):
    __slots__ = ("topic", "values", "sender")
    lua_type_name = "userdata"

    def __init__(self, topic: str, values: tuple[Any, ...], sender: str) -> None:
        self.topic = topic  # Lua strings
        self.values = values
        self.sender = sender

    def lua_tostring(self) -> str:
        return f"message: {self.topic}"

    def payload(self) -> Any:
        if not self.values:
            return None
        if len(self.values) == 1:
            return Payload(self.values[0])
        return LuaTable([Payload(v) for v in self.values])

    def data(self) -> Any:
        """What a plain ``listen`` channel carries: the value (a list for several)."""
        if not self.values:
            return None
        if len(self.values) == 1:
            return self.values[0]
        return table_from_list(list(self.values))  # a trailing nil is no array slot


def _m_topic(self: Message, *_: Any) -> str:
    return self.topic


def _m_payload(self: Message, *_: Any) -> Any:
    return self.payload()


def _m_from(self: Message, *_: Any) -> str:
    return self.sender


Message.lua_methods = {"topic": _m_topic, "payload": _m_payload, "from": _m_from}


_INF = float("inf")  # the capacity of the mailbox's channels (unbounded): one float for all


class Mailbox:
    """Where signals and updates land, in arrival order.

    A message goes to the channel of a ``listen`` on its topic, else to the inbox if
    ``inbox()`` was called, else into the backlog; a later ``listen``/``inbox`` takes its share
    of the backlog, in order."""

    __slots__ = ("listeners", "inbox", "backlog", "_events")

    def __init__(self) -> None:
        self.listeners: dict[str, tuple[Channel, bool]] = {}  # topic -> (channel, as_message)
        self.inbox: Channel | None = None
        # messages no listen/inbox takes yet, in arrival order (None while there are none:
        # most open executions never have one)
        self.backlog: list[Message] | None = None
        self._events: Channel | None = None  # made on first use (process.events(), an event)

    def deliver(self, msg: Message) -> None:
        lst = self.listeners.get(msg.topic)
        if lst is not None:
            ch, as_message = lst
            ch.offer(msg if as_message else msg.data())
        elif self.inbox is not None:
            self.inbox.offer(msg)
        elif self.backlog is None:
            self.backlog = [msg]
        else:
            self.backlog.append(msg)

    def listen(self, topic: str, as_message: bool) -> Channel:
        existing = self.listeners.get(topic)
        if existing is not None:
            return existing[0]
        ch = Channel(_INF, external=True)
        self.listeners[topic] = (ch, as_message)
        backlog = self.backlog
        if backlog is not None:
            keep: list[Message] = []
            for m in backlog:
                if m.topic == topic:
                    ch.offer(m if as_message else m.data())
                else:
                    keep.append(m)
            self.backlog = keep or None
        return ch

    def unlisten(self, topic: str) -> None:
        lst = self.listeners.pop(topic, None)
        if lst is not None:
            lst[0].close_channel()

    def get_inbox(self) -> Channel:
        if self.inbox is None:
            self.inbox = Channel(_INF, external=True)
            backlog, self.backlog = self.backlog, None
            if backlog is not None:
                for m in backlog:
                    self.inbox.offer(m)
        return self.inbox

    def event(self, kind: str, sender: str, result: LuaTable | None = None,
              at: Any = None) -> None:
        h: dict[str, Any] = {"kind": kind, "from": sender}
        if at is not None:
            h["at"] = at
        if result is not None:
            h["result"] = result
        self.events.offer(LuaTable(None, h))

    @property
    def events(self) -> Channel:
        """The channel of process events (``process.events()``)."""
        ch = self._events
        if ch is None:
            ch = self._events = Channel(_INF, external=True)
        return ch


# -- module functions ------------------------------------------------------------------


def _str_arg(v: Any, n: int, fname: str) -> str:
    if type(v) is str:
        return v
    if type(v) in (int, float):
        return ops.tostring_basic(v)
    raise LuaError(f"bad argument #{n} to '{fname}' (string expected, got {lua_type(v)})")


def pid(ex: Any, *_: Any) -> str:
    return to_lua_str(ex.backend.pid())


async def send(ex: Any, target: Any = None, topic: Any = None, *values: Any) -> Any:
    target = _str_arg(target, 1, "send")
    topic = _str_arg(topic, 2, "send")
    if topic.startswith("@"):
        return None, WippyError("topic may not start with '@'", "Invalid", False)
    return await ex.backend.send(from_lua_str(target), from_lua_str(topic), values)


def listen(ex: Any, topic: Any = None, opts: Any = None, *_: Any) -> Any:
    topic = _str_arg(topic, 1, "listen")
    as_message = type(opts) is LuaTable and ops.truthy(opts.get("message"))
    return ex.backend.mailbox().listen(topic, as_message)


def unlisten(ex: Any, topic: Any = None, *_: Any) -> Any:
    ex.backend.mailbox().unlisten(_str_arg(topic, 1, "unlisten"))
    return True


def inbox(ex: Any, *_: Any) -> Channel:
    return ex.backend.mailbox().get_inbox()


def events(ex: Any, *_: Any) -> Channel:
    return ex.backend.mailbox().events


def _watch(name: str) -> Any:
    """``process.monitor``/``unmonitor``/``link``/``unlink``: the backend decides (a workflow
    answers Wippy's 'not supported in workflow context', a host process watches)."""

    async def watch(ex: Any, target: Any = None, *_: Any) -> Any:
        if type(target) is not str or not target:
            return None, WippyError(f"{name} requires a destination argument", "Invalid", False)
        return await getattr(ex.backend, name)(from_lua_str(target))

    watch.__name__ = watch.__qualname__ = name
    return watch


monitor = _watch("monitor")
unmonitor = _watch("unmonitor")
link = _watch("link")
unlink = _watch("unlink")


def set_options(ex: Any, opts: Any = None, *_: Any) -> Any:
    if type(opts) is not LuaTable:
        raise LuaError("bad argument #1 to 'set_options' (table expected)")
    ex.backend.process_options.update({k: v for k, v in opts.items()})
    return True


def get_options(ex: Any, *_: Any) -> LuaTable:
    return LuaTable(None, {"trap_links": bool(ex.backend.process_options.get("trap_links"))})


async def terminate(ex: Any, target: Any = None, *_: Any) -> Any:
    return await ex.backend.terminate_process(from_lua_str(_str_arg(target, 1, "terminate")))


async def cancel(ex: Any, target: Any = None, deadline: Any = None, *_: Any) -> Any:
    if deadline is not None and type(deadline) not in (str, int, float):
        return None, WippyError("deadline must be either a duration string or milliseconds "
                                "number", "Invalid", False)
    return await ex.backend.cancel_process(from_lua_str(_str_arg(target, 1, "cancel")),
                                           deadline)


async def upgrade(ex: Any, target: Any = None, *args: Any) -> Any:
    """``process.upgrade(id, ...)``: continue as new as definition ``id`` (a registry ID;
    nil, "" or any non-string: this one) with the other arguments as input (Go: process module
    ``upgrade``)."""
    workflow = from_lua_str(target) if type(target) is str and target else None
    ex.backend.continue_as_new(args, workflow)
    return True  # not reached


# -- spawning ----------------------------------------------------------------------------

class Spawner(Userdata):
    """An immutable set of spawn options (``process.with_options(...)``)."""

    __slots__ = ("ex", "options", "context", "name", "messages")
    lua_type_name = "userdata"

    def __init__(self, ex: Any, options: dict[str, Any] | None = None,
                 context: dict[str, Any] | None = None, name: str | None = None,
                 messages: tuple[tuple[str, tuple[Any, ...]], ...] = ()) -> None:
        self.ex = ex
        self.options = options or {}
        self.context = context or {}
        self.name = name
        self.messages = messages

    def lua_tostring(self) -> str:
        return "spawner"

    def with_(self, **kw: Any) -> Spawner:
        d = {"options": self.options, "context": self.context, "name": self.name,
             "messages": self.messages}
        d.update(kw)
        return Spawner(self.ex, **d)


def normalise_options(t: Any) -> dict[str, Any]:
    """Spawn options as Go's spawner reads them (process/context.go parseSpawnerOptions,
    ApplyChildWorkflowOptions): string keys only; ``workflow.*`` / ``temporal.workflow.*`` keys
    without their prefix, any other key ignored."""
    if t is None:
        return {}
    if type(t) is not LuaTable:
        raise LuaError(f"bad argument #1 to 'with_options' (table expected, got {lua_type(t)})")
    out: dict[str, Any] = {}
    for k, v in t.items():
        if type(k) is not str:
            raise LuaError("bad argument #1 to 'with_options' (options keys must be strings)")
        key = from_lua_str(k)
        name = option_key(key, WORKFLOW_PREFIXES)
        if name != key:
            out[name] = v
    return out


def _sp_with_options(self: Spawner, t: Any = None, *_: Any) -> Spawner:
    return self.with_(options={**self.options, **normalise_options(t)})


def _sp_with_context(self: Spawner, t: Any = None, *_: Any) -> Spawner:
    from .payload import context_of

    return self.with_(context={**self.context, **context_of(t, "with_context")})


def _sp_with_name(self: Spawner, n: Any = None, *_: Any) -> Spawner:
    return self.with_(name=from_lua_str(_str_arg(n, 1, "with_name")))


def _sp_with_message(self: Spawner, topic: Any = None, *values: Any) -> Spawner:
    t = from_lua_str(_str_arg(topic, 1, "with_message"))
    return self.with_(messages=self.messages + ((t, values),))


async def _sp_spawn(self: Spawner, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await self.ex.backend.spawn(self, _str_arg(wf, 1, "spawn"),
                                       _str_arg(host, 2, "spawn"), args, wait=False)


async def _sp_spawn_monitored(self: Spawner, wf: Any = None, host: Any = None,
                              *args: Any) -> Any:
    return await self.ex.backend.spawn(self, _str_arg(wf, 1, "spawn_monitored"),
                                       _str_arg(host, 2, "spawn_monitored"), args, wait=False,
                                       monitor=True)


async def _sp_spawn_linked(self: Spawner, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await self.ex.backend.spawn(self, _str_arg(wf, 1, "spawn_linked"),
                                       _str_arg(host, 2, "spawn_linked"), args, wait=False,
                                       link=True)


async def _sp_spawn_linked_monitored(self: Spawner, wf: Any = None, host: Any = None,
                                     *args: Any) -> Any:
    return await self.ex.backend.spawn(self, _str_arg(wf, 1, "spawn_linked_monitored"),
                                       _str_arg(host, 2, "spawn_linked_monitored"), args,
                                       wait=False, monitor=True, link=True)


async def _sp_exec(self: Spawner, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await self.ex.backend.spawn(self, _str_arg(wf, 1, "exec"),
                                       _str_arg(host, 2, "exec"), args, wait=True)


Spawner.lua_methods = {
    "with_options": _sp_with_options,
    "with_context": _sp_with_context,
    "with_name": _sp_with_name,
    "with_message": _sp_with_message,
    "spawn": _sp_spawn,
    "spawn_monitored": _sp_spawn_monitored,
    "spawn_linked": _sp_spawn_linked,
    "spawn_linked_monitored": _sp_spawn_linked_monitored,
    "exec": _sp_exec,
}


def with_options(ex: Any, t: Any = None, *_: Any) -> Spawner:
    return _sp_with_options(Spawner(ex), t)


def with_context(ex: Any, t: Any = None, *_: Any) -> Spawner:
    return _sp_with_context(Spawner(ex), t)


async def spawn(ex: Any, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await _sp_spawn(Spawner(ex), wf, host, *args)


async def spawn_monitored(ex: Any, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await _sp_spawn_monitored(Spawner(ex), wf, host, *args)


async def spawn_linked(ex: Any, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await _sp_spawn_linked(Spawner(ex), wf, host, *args)


async def spawn_linked_monitored(ex: Any, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await _sp_spawn_linked_monitored(Spawner(ex), wf, host, *args)


async def exec_(ex: Any, wf: Any = None, host: Any = None, *args: Any) -> Any:
    return await _sp_exec(Spawner(ex), wf, host, *args)


def build(ex: Any) -> LuaTable:
    import functools

    fns = {
        "pid": pid, "send": send, "listen": listen, "unlisten": unlisten, "inbox": inbox,
        "events": events, "monitor": monitor, "unmonitor": unmonitor, "link": link,
        "unlink": unlink, "set_options": set_options, "get_options": get_options,
        "terminate": terminate, "spawn_linked_monitored": spawn_linked_monitored,
        "cancel": cancel, "upgrade": upgrade, "with_options": with_options,
        "with_context": with_context, "spawn": spawn, "spawn_monitored": spawn_monitored,
        "spawn_linked": spawn_linked, "exec": exec_,
    }
    h: dict[str, Any] = {k: functools.partial(f, ex) for k, f in fns.items()}
    h["event"] = LuaTable(None, {"EXIT": EXIT, "LINK_DOWN": LINK_DOWN, "CANCEL": CANCEL})
    return LuaTable(None, h)


def lua_values(py_values: Any) -> tuple[Any, ...]:
    return tuple(py_to_lua(v) for v in py_values)
