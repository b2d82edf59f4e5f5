"""The embedded-interpreter baseline: the same Lua files that luac2py compiles, run by an
embedded interpreter (lupa: LuaJIT 2.1 or PUC Lua 5.4) inside a Python temporalio workflow,
the way an interpreter-based worker (like Wippy's) runs them.

Made fair and reasonably optimised:
- a fresh Lua state per execution (as Wippy does), sources compiled once per process: the
  prelude (prelude.lua: the Wippy modules on a Lua-side coroutine scheduler) and each
  workload are compiled to bytecode once (``string.dump``) and loaded per execution;
- channel operations between coroutines never leave Lua; only activities, timers and
  messages cross to Python, batched per workflow activation;
- values are converted once at the boundary (``table_from(..., recursive=True)`` in, one
  recursive walk out).

This module holds per-process caches only (bytecode), and is passed through the sandbox.
"""

from __future__ import annotations

import asyncio
import importlib
from datetime import timedelta
from pathlib import Path
from typing import Any, Sequence

import temporalio.workflow as workflow
from temporalio.common import RawValue
from temporalio.exceptions import ActivityError, ApplicationError

HERE = Path(__file__).resolve().parent
WORKLOADS = HERE.parent.parent / "workloads"
FLAVORS = {"luajit": "lupa.luajit21", "lua54": "lupa.lua54"}
TIMEOUT = timedelta(minutes=10)

_bytecode: dict[tuple[str, str], bytes] = {}
_modules: dict[str, Any] = {}


def lupa_module(flavor: str) -> Any:
    m = _modules.get(flavor)
    if m is None:
        m = _modules[flavor] = importlib.import_module(FLAVORS[flavor])
    return m


def bytecode(flavor: str, name: str) -> bytes:
    """The bytecode of prelude.lua (name "prelude") or of bench/workloads/<name>.lua,
    compiled once per process."""
    key = (flavor, name)
    bc = _bytecode.get(key)
    if bc is None:
        path = HERE / "prelude.lua" if name == "prelude" else WORKLOADS / f"{name}.lua"
        lua = lupa_module(flavor).LuaRuntime(encoding=None)
        dump = lua.eval("function(src, name) return string.dump(assert(load(src, name))) end")
        bc = _bytecode[key] = dump(path.read_bytes(), ("=" + path.name).encode())
    return bc  # type: ignore[no-any-return]


def new_state(flavor: str, workload: str) -> tuple[Any, Any, Any]:
    """A fresh Lua state with the prelude and the workload chunk loaded: (runtime, host API
    table, workload chunk function)."""
    lupa = lupa_module(flavor)
    lua = lupa.LuaRuntime(unpack_returned_tuples=True, register_eval=False,
                          register_builtins=False)
    load = lua.globals().load
    host = load(bytecode(flavor, "prelude"), "=prelude.lua", "b")()
    chunk = load(bytecode(flavor, workload), f"={workload}.lua", "b")
    return lua, host, chunk


def to_py(v: Any, lua_type: Any) -> Any:
    """A Lua value as plain Python data (tables with keys 1..n as lists)."""
    t = type(v)
    if t is str or t is int or t is bool or v is None:
        return v
    if t is float:
        return int(v) if v.is_integer() and abs(v) < 2**53 else v
    if lua_type(v) == "table":
        n = len(v)
        if n:
            return [to_py(v[i], lua_type) for i in range(1, n + 1)]
        items = v.items()
        out = {k: to_py(x, lua_type) for k, x in items}
        return out if out else []
    if t is bytes:
        return v.decode("utf-8", "replace")
    return None  # functions, userdata


class Execution:
    """One workflow execution driving one Lua state."""

    def __init__(self, flavor: str, workload: str) -> None:
        self.lua, host, self.chunk = new_state(flavor, workload)
        self.lua_type = lupa_module(flavor).lua_type
        self.table_from = self.lua.table_from
        self.start, self.complete, self.message, self.run_lua = (
            host.start, host.complete, host.message, host.run)
        self.events: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()
        self.updates: dict[int, asyncio.Future[Any]] = {}
        self.next_update = 0

    def to_lua(self, v: Any) -> Any:
        if type(v) is dict or type(v) is list:
            return self.table_from(v, recursive=True)
        return v

    # -- messages: the workflow's dynamic update handler delivers them here -------------------
    async def update(self, name: str, data: Any) -> Any:
        self.next_update += 1
        rid = self.next_update
        fut = asyncio.get_running_loop().create_future()
        self.updates[rid] = fut
        self.events.put_nowait(("msg", name, data, rid))
        return await fut

    # -- the run ------------------------------------------------------------------------
    def _on_activity(self, rid: int, task: Any) -> None:
        self.events.put_nowait(("done", rid, task))

    def _on_timer(self, rid: int) -> None:
        self.events.put_nowait(("timer", rid))

    async def run(self, method: str, input: Any) -> Any:
        loop = asyncio.get_running_loop()
        to_lua, to_py_, lt = self.to_lua, to_py, self.lua_type
        self.start(self.chunk, method, to_lua(input))
        while True:
            status, result, reqs, reps = self.run_lua()
            if reqs is not None:
                for i in range(1, len(reqs) + 1):
                    req = reqs[i]
                    rid, kind = req[1], req[2]
                    if kind == "call":
                        h = workflow.start_activity(req[3], to_py_(req[4], lt),
                                                    start_to_close_timeout=TIMEOUT)
                        h.add_done_callback(lambda t, rid=rid: self._on_activity(rid, t))
                    else:  # sleep: a durable timer
                        loop.call_later(req[3], self._on_timer, rid)
            if reps is not None:
                for i in range(1, len(reps) + 1):
                    rep = reps[i]
                    topic = rep[2]
                    if topic == "ack":  # accepted: the result comes with "ok" or "error"
                        continue
                    fut = self.updates.pop(int(rep[1]), None)
                    if fut is None or fut.done():
                        continue
                    if topic == "ok":
                        fut.set_result(to_py_(rep[3], lt))
                    elif topic in ("nak", "error"):
                        fut.set_exception(ApplicationError(
                            str(rep[3]), type="Rejected" if topic == "nak" else "Internal",
                            non_retryable=True))
            if status == "done":
                return to_py_(result, lt)
            if status == "error":
                raise ApplicationError(str(result), type="Internal", non_retryable=True)
            ev = await self.events.get()
            while True:
                self._deliver(ev)
                if self.events.empty():
                    break
                ev = self.events.get_nowait()

    def _deliver(self, ev: tuple[Any, ...]) -> None:
        kind = ev[0]
        if kind == "done":
            task = ev[2]
            try:
                value = task.result()
            except ActivityError as e:
                cause = e.cause
                msg = cause.message if isinstance(cause, ApplicationError) else str(e)
                kind_ = (cause.type if isinstance(cause, ApplicationError) else None) or "Internal"
                self.complete(ev[1], None, msg, kind_)
                return
            self.complete(ev[1], self.to_lua(value))
        elif kind == "timer":
            self.complete(ev[1], True)
        else:  # msg
            self.message(ev[1], self.to_lua(ev[2]), ev[3])


class EmbeddedWorkflow:
    """Base of the embedded-baseline workflow classes (see workflows.py)."""

    FLAVOR = "luajit"
    WORKLOAD = ""
    METHOD = "main"

    def __init__(self) -> None:
        self._ex = Execution(self.FLAVOR, self.WORKLOAD)

    async def _run(self, input: Any) -> Any:
        return await self._ex.run(self.METHOD, input)

    @workflow.update(dynamic=True)
    async def _update(self, name: str, args: Sequence[RawValue]) -> Any:
        conv = workflow.payload_converter()
        data = conv.from_payload(args[0].payload, None) if args else None
        return await self._ex.update(name, data)
