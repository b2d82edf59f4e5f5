"""Replay recorded histories against compiled workflows (``luac2py replay``) and say which Lua
line a non-determinism comes from.

temporalio's ``Replayer`` (with luac2py's data converter and header interceptors) runs the
compiled code against the history; the SDK core reports a mismatch between the commands the code
now issues and the events in the history, but not where in the code the command was issued. So
while replaying, every command the workflow adds is recorded together with the Lua positions of
the generated frames on the stack at that moment (each generated module carries
``__lua_chunk__`` and ``__lua_lines__``). After a failure, the recorded commands are matched in
order against the history's command events; the first one that differs is the culprit, and its
innermost Lua frame is the line reported. A failure raised by workflow code itself is mapped the
same way through its Python stack trace.

Recording hooks ``_WorkflowInstanceImpl._add_command``, an SDK internal: when it is missing,
the replay still runs and reports the SDK's message, only without a Lua line.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

import temporalio.api.enums.v1 as enums
import temporalio.client
import temporalio.worker
from temporalio.worker import Replayer, UnsandboxedWorkflowRunner

from .converter import DATA_CONVERTER
from ..lua.errors import frame_position


@dataclass
class LuaPos:
    chunk: str  # Lua file name (``__lua_chunk__``)
    line: int
    module: str  # Python module of the generated code

    def __str__(self) -> str:
        return f"{self.chunk}:{self.line}"


@dataclass
class ReplayReport:
    name: str  # the history's file name or workflow ID
    workflow_type: str
    ok: bool
    message: str = ""
    lua: list[LuaPos] = field(default_factory=list)  # innermost first
    expected: str = ""  # what the history has at the mismatch
    got: str = ""  # what the code does now


# -- recording commands -----------------------------------------------------------------------


_lock = threading.Lock()
_installed = False


def _stack_positions() -> list[LuaPos]:
    out: list[LuaPos] = []
    f = sys._getframe(2)
    while f is not None:
        pos = frame_position(f, f.f_lineno)
        if pos is not None:
            out.append(LuaPos(pos[0], pos[1], str(f.f_globals.get("__name__", ""))))
        f = f.f_back
    return out


def _install() -> bool:
    global _installed
    with _lock:
        if _installed:
            return True
        try:
            from temporalio.worker._workflow_instance import _WorkflowInstanceImpl
        except ImportError:  # pragma: no cover
            return False
        orig = getattr(_WorkflowInstanceImpl, "_add_command", None)
        if orig is None:  # pragma: no cover
            return False

        def _add_command(self: Any) -> Any:
            cmd = orig(self)
            rec = _ACTIVE.get("commands")
            if rec is not None:
                rec.append((cmd, _stack_positions()))
            return cmd

        _WorkflowInstanceImpl._add_command = _add_command  # type: ignore[method-assign]
        _installed = True
        return True


# the replayer runs workflow activations on its own threads: one replay at a time, shared state
_ACTIVE: dict[str, Any] = {}


# -- what commands and events are ----------------------------------------------------------------

_E = enums.EventType
_EVENT_KINDS: dict[int, tuple[str, str | None]] = {
    _E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: ("activity", "activity_task_scheduled_event_attributes"),
    _E.EVENT_TYPE_TIMER_STARTED: ("timer", None),
    _E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED: (
        "child workflow", "start_child_workflow_execution_initiated_event_attributes"),
    _E.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED: (
        "signal", "signal_external_workflow_execution_initiated_event_attributes"),
    _E.EVENT_TYPE_MARKER_RECORDED: ("marker", "marker_recorded_event_attributes"),
    _E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: ("complete", None),
    _E.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED: ("fail", None),
    _E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW: ("continue as new", None),
    _E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED: ("cancelled", None),
    _E.EVENT_TYPE_TIMER_CANCELED: ("cancel timer", None),
    _E.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED: ("cancel activity", None),
    _E.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED: ("cancel external", None),
    _E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: ("upsert search attributes", None),
    _E.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED: ("modify properties", None),
}

_COMMAND_KINDS = {
    "schedule_activity": "activity",
    "start_timer": "timer",
    "start_child_workflow_execution": "child workflow",
    "signal_external_workflow_execution": "signal",
    "set_patch_marker": "marker",
    "schedule_local_activity": "marker",
    "complete_workflow_execution": "complete",
    "fail_workflow_execution": "fail",
    "continue_as_new_workflow_execution": "continue as new",
    "cancel_workflow_execution": "cancelled",
    "cancel_timer": "cancel timer",
    "request_cancel_activity": "cancel activity",
    "request_cancel_external_workflow_execution": "cancel external",
    "cancel_child_workflow_execution": "cancel external",
    "upsert_workflow_search_attributes": "upsert search attributes",
    "modify_workflow_properties": "modify properties",
}


def _event_desc(ev: Any) -> tuple[str, str] | None:
    k = _EVENT_KINDS.get(ev.event_type)
    if k is None:
        return None
    kind, attr = k
    name = ""
    if attr is not None:
        a = getattr(ev, attr)
        if kind == "activity":
            name = a.activity_type.name
        elif kind == "child workflow":
            name = a.workflow_type.name
        elif kind == "signal":
            name = a.signal_name
        elif kind == "marker":
            name = a.marker_name
    return kind, name


def _command_desc(cmd: Any) -> tuple[str, str] | None:
    variant = cmd.WhichOneof("variant")
    kind = _COMMAND_KINDS.get(variant or "")
    if kind is None:
        return None
    name = ""
    if variant == "schedule_activity":
        name = cmd.schedule_activity.activity_type
    elif variant == "start_child_workflow_execution":
        name = cmd.start_child_workflow_execution.workflow_type
    elif variant == "signal_external_workflow_execution":
        name = cmd.signal_external_workflow_execution.signal_name
    elif variant == "set_patch_marker":
        name = "core_patch"
    elif variant == "schedule_local_activity":
        name = "core_local_activity"
    return kind, name


def _fmt(desc: tuple[str, str] | None) -> str:
    if desc is None:
        return "nothing"
    kind, name = desc
    return f"{kind} '{name}'" if name else kind


def _first_mismatch(history: temporalio.client.WorkflowHistory,
                    commands: list[tuple[Any, list[LuaPos]]]
                    ) -> tuple[tuple[str, str] | None, tuple[str, str] | None, list[LuaPos]] | None:
    expected = [d for d in (_event_desc(e) for e in history.events) if d is not None]
    got = [(d, pos) for d, pos in ((_command_desc(c), p) for c, p in commands) if d is not None]
    for i in range(max(len(expected), len(got))):
        e = expected[i] if i < len(expected) else None
        g, pos = got[i] if i < len(got) else (None, [])
        if e is None and g is None:
            return None
        if e != g:
            if g is None and got:
                pos = got[-1][1]
            return e, g, pos
    return None


_PY_FRAME = re.compile(r'File "([^"]+)", line (\d+)')


def _positions_from_trace(text: str, modules: dict[str, Any]) -> list[LuaPos]:
    """Lua positions of generated-code frames named in a formatted Python stack trace."""
    out: list[LuaPos] = []
    for m in _PY_FRAME.finditer(text):
        path, line = m.group(1), int(m.group(2))
        mod = modules.get(Path(path).name)
        if mod is None:
            continue
        lines = getattr(mod, "__lua_lines__", None)
        if lines is None:
            continue
        ln = lines[line - 1] if 0 < line <= len(lines) else 0
        out.append(LuaPos(getattr(mod, "__lua_chunk__", "?"), ln, mod.__name__))
    out.reverse()  # innermost first
    return out


def _failure_text(exc: BaseException) -> str:
    parts = [str(exc)]
    cause = exc.__cause__ or exc.__context__
    while cause is not None and len(parts) < 5:
        parts.append(str(cause))
        cause = cause.__cause__ or cause.__context__
    return "\n".join(p for p in parts if p)


# -- public API -----------------------------------------------------------------------------------


def load_history(path: str | Path, workflow_id: str | None = None
                 ) -> temporalio.client.WorkflowHistory:
    """A history exported by ``temporal workflow show --output json`` or
    ``WorkflowHistory.to_json()``."""
    p = Path(path)
    data = json.loads(p.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "events" not in data and "history" in data:
        data = data["history"]  # some exports wrap the history
    return temporalio.client.WorkflowHistory.from_json(workflow_id or p.stem, data)


def workflow_type_of(history: temporalio.client.WorkflowHistory) -> str:
    for ev in history.events:
        if ev.event_type == _E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
            return str(ev.workflow_execution_started_event_attributes.workflow_type.name)
    return "?"


def _generated_modules(pkg: Any) -> dict[str, Any]:
    import importlib

    out: dict[str, Any] = {}
    base = Path(pkg.__file__).parent
    for f in sorted(base.glob("*.py")):
        if f.name == "__init__.py":
            continue
        try:
            mod = importlib.import_module(f"{pkg.__name__}.{f.stem}")
        except Exception:  # noqa: BLE001 - reported by the replay itself
            continue
        out[f.name] = mod
    return out


async def replay(pkg: Any, histories: Sequence[tuple[str, temporalio.client.WorkflowHistory]],
                 ) -> list[ReplayReport]:
    """Replay each history against the package's workflows; one report per history."""
    from .interceptors import ContextInterceptor

    recording = _install()
    replayer = Replayer(
        workflows=pkg.workflows_for(None),
        data_converter=DATA_CONVERTER,
        interceptors=[ContextInterceptor()],
        workflow_runner=UnsandboxedWorkflowRunner(),
    )
    modules = _generated_modules(pkg)
    reports: list[ReplayReport] = []
    for name, hist in histories:
        wtype = workflow_type_of(hist)
        if wtype not in pkg.WORKFLOW_MODULES:
            reports.append(ReplayReport(
                name, wtype, False,
                f"workflow type '{wtype}' is not in this project (have: "
                f"{', '.join(sorted(pkg.WORKFLOW_MODULES))})"))
            continue
        commands: list[tuple[Any, list[LuaPos]]] = []
        _ACTIVE["commands"] = commands
        try:
            result = await replayer.replay_workflow(hist, raise_on_replay_failure=False)
        finally:
            _ACTIVE.pop("commands", None)
        failure = result.replay_failure
        if failure is None:
            reports.append(ReplayReport(name, wtype, True))
            continue
        rep = ReplayReport(name, wtype, False, _failure_text(failure))
        mm = _first_mismatch(hist, commands) if recording else None
        if mm is not None:
            e, g, pos = mm
            rep.expected, rep.got, rep.lua = _fmt(e), _fmt(g), pos
        if not rep.lua:
            rep.lua = _positions_from_trace(rep.message, modules)
        reports.append(rep)
    return reports


def iter_lines(rep: ReplayReport, source_of: dict[str, str] | None = None) -> Iterator[str]:
    """The human-readable report (``source_of``: generated module -> Lua source path)."""
    if rep.ok:
        yield f"ok: {rep.name} ({rep.workflow_type}) replays without mismatch"
        return
    where = ""
    if rep.lua:
        top = rep.lua[0]
        src = (source_of or {}).get(top.module.rpartition(".")[2], top.chunk)
        where = f"{src}:{top.line}: "
    kind = "non-determinism" if "ondeterminism" in rep.message or rep.expected else "failure"
    yield f"{where}error: {rep.name} ({rep.workflow_type}) does not replay: {kind}"
    if rep.expected or rep.got:
        yield f"    the history has {rep.expected}; the code now issues {rep.got}"
    for p in rep.lua[1:]:
        src = (source_of or {}).get(p.module.rpartition(".")[2], p.chunk)
        yield f"    called from {src}:{p.line}"
    for ln in rep.message.splitlines()[:6]:
        yield f"    {ln}"
