"""Wippy errors on the wire, both ways, as Go Wippy writes and reads them
(``service/temporal/errors/convert.go``; SEMANTICS.md section 4).

Out (``wippy_application_error``): an ApplicationError whose message is the error's own message,
type its kind (``Internal`` when it has none), non-retryable when it says so, and one detail:
the chain ``{"errors": [{"msg", "kind", "retry", "details"}, ...]}`` of the error and each of its
causes, outermost first (``kind``, ``retry`` and ``details`` left out when unknown).

In (``error_from_exception``, Go's ``FromTemporalError``):

    ApplicationError with a chain     each entry an error, linked as causes; the message Lua sees
                                      is every message joined with ": "; kind, retryable and
                                      details are the outermost entry's that has them
    ApplicationError without a chain  kind = its type if Wippy knows it, else Unknown ("");
                                      retryable = not non_retryable
    cancellation                      Canceled, not retryable, "operation canceled"
    timeout                           Timeout, not retryable, details {timeout_type = ...}
    termination                       Canceled, not retryable, "workflow terminated"
    anything else                     Internal

An activity or child workflow wrapper adds its facts to the details (``_wrapper``,
``_activity_id`` or ``_workflow_id``/``_workflow_type``/``_run_id``, ``_retry_state``).
Decision (SEMANTICS.md section 4): the Python SDK's and Go SDK's "not registered" types are
NotFound (Go reads them as Unknown).
"""

from __future__ import annotations

from typing import Any

import temporalio.exceptions

from ..lua.values import LuaTable, from_lua_str, to_lua_str
from ..modules.errors import KNOWN_KINDS, WippyError
from ..modules.payload import lua_to_py, py_to_lua

# an activity type no worker on the queue registers: Python SDK, Go SDK
_NOT_REGISTERED = ("NotFoundError", "ActivityNotRegisteredError")


def wippy_application_error(err: WippyError) -> temporalio.exceptions.ApplicationError:
    """A Wippy error as the ApplicationError Wippy puts on the wire."""
    chain: list[dict[str, Any]] = []
    e: WippyError | None = err
    while e is not None and len(chain) < 64:
        entry: dict[str, Any] = {"msg": from_lua_str(_own_message(e))}
        if e.kind:
            entry["kind"] = e.kind
        if e.retryable is not None:
            entry["retry"] = e.retryable
        if e.details is not None:
            entry["details"] = lua_to_py(e.details)
        chain.append(entry)
        e = e.cause
    return temporalio.exceptions.ApplicationError(
        chain[0]["msg"], {"errors": chain}, type=err.kind or "Internal",
        non_retryable=err.retryable is False)


def _joined(e: WippyError | None) -> str:
    parts = []
    while e is not None:
        parts.append(e.message)
        e = e.cause
    return ": ".join(p for p in parts if p)


def _own_message(e: WippyError) -> str:
    """An error's own part of its message: a decoded chain's outermost error shows Lua every
    message joined (``_from_chain``), but goes back on the wire as one entry per layer; the
    layer ``errors.wrap`` adds has its context as its own message (its message is the wrapped
    error's text)."""
    if e.context and e.cause is not None and e.message == e.cause.error_text():
        return e.context
    tail = _joined(e.cause)
    if tail and e.message.endswith(": " + tail):
        return e.message[: -len(tail) - 2]
    return e.message


def internal_application_error(e: BaseException) -> temporalio.exceptions.ApplicationError:
    """A plain Python exception escaping an activity: kind Internal, retryability Temporal's
    (SEMANTICS.md section 4), with the chain entry that makes Go callers read it as Internal."""
    msg = str(e) or type(e).__name__
    return temporalio.exceptions.ApplicationError(
        msg, {"errors": [{"msg": msg, "kind": "Internal"}]}, type="Internal")


def error_from_exception(e: BaseException) -> WippyError:
    """An incoming Temporal failure as the Wippy error Lua code sees."""
    wrapper: dict[str, Any] = {}
    if isinstance(e, temporalio.exceptions.ActivityError):
        wrapper = {"_wrapper": "activity", "_activity_id": e.activity_id,
                   "_retry_state": _retry_state(e.retry_state)}
    elif isinstance(e, temporalio.exceptions.ChildWorkflowError):
        wrapper = {"_wrapper": "child_workflow", "_workflow_id": e.workflow_id,
                   "_workflow_type": e.workflow_type, "_run_id": e.run_id,
                   "_retry_state": _retry_state(e.retry_state)}
    inner = e.cause if wrapper and e.cause is not None else e
    err = _inner(inner)
    if wrapper:
        details = err.details if type(err.details) is LuaTable else LuaTable(None, {})
        for k, v in wrapper.items():
            details.hash[k] = to_lua_str(v) if isinstance(v, str) else v
        err.details = details
    return err


def _retry_state(state: Any) -> str:
    """Go's enum text: ``RetryState.MAXIMUM_ATTEMPTS_REACHED`` -> ``MaximumAttemptsReached``."""
    if state is None:
        return "Unspecified"
    return "".join(w.capitalize() for w in state.name.split("_"))


def _inner(e: BaseException) -> WippyError:
    if isinstance(e, temporalio.exceptions.ApplicationError):
        chain = _chain(e)
        if chain:
            return _from_chain(chain)
        kind = e.type or ""
        if kind in _NOT_REGISTERED:
            kind = "NotFound"
        elif kind not in KNOWN_KINDS:
            kind = ""
        return WippyError(to_lua_str(e.message), kind, not e.non_retryable)
    if isinstance(e, temporalio.exceptions.CancelledError):
        return WippyError("operation canceled", "Canceled", False)
    if isinstance(e, temporalio.exceptions.TimeoutError):
        kind = _TIMEOUT_TYPES.get(getattr(e.type, "name", ""), "unknown")
        return WippyError(to_lua_str(e.message or "timeout"), "Timeout", False,
                          LuaTable(None, {"timeout_type": kind}))
    if isinstance(e, temporalio.exceptions.TerminatedError):
        return WippyError("workflow terminated", "Canceled", False)
    msg = e.message if isinstance(e, temporalio.exceptions.FailureError) else str(e)
    return WippyError(to_lua_str(msg or type(e).__name__), "Internal", None)


_TIMEOUT_TYPES = {"START_TO_CLOSE": "start_to_close", "SCHEDULE_TO_START": "schedule_to_start",
                  "SCHEDULE_TO_CLOSE": "schedule_to_close", "HEARTBEAT": "heartbeat"}


def _chain(e: temporalio.exceptions.ApplicationError) -> list[dict[str, Any]]:
    if not e.details:
        return []
    d = e.details[0]
    errors = d.get("errors") if isinstance(d, dict) else None
    if not isinstance(errors, list) or not errors:
        return []
    return [x for x in errors if isinstance(x, dict)]


def _from_chain(chain: list[dict[str, Any]]) -> WippyError:
    """Every entry an error linked to the next as its cause; what Lua reads (message, kind,
    retryable, details) is the outermost error's as Go's go-lua wrapper builds it."""
    cause: WippyError | None = None
    for entry in reversed(chain):
        msg = entry.get("msg")
        kind = entry.get("kind")
        retry = entry.get("retry")
        details = entry.get("details")
        cause = WippyError(
            to_lua_str(msg if isinstance(msg, str) else ""),
            kind if isinstance(kind, str) else "",
            retry if isinstance(retry, bool) else None,
            py_to_lua(details) if details is not None else None,
            cause=cause)
    assert cause is not None
    outer = cause
    kind, retryable, details = "", None, None
    e: WippyError | None = outer
    while e is not None:
        kind = kind or e.kind
        retryable = e.retryable if retryable is None else retryable
        details = e.details if details is None else details
        e = e.cause
    return WippyError(_joined(outer), kind, retryable, details, cause=outer.cause)

