"""Wippy errors on the wire (temporal/failures.py) against the table of Go's
service/temporal/errors/convert.go (FromTemporalError, ToApplicationError): the cases the
end-to-end tests in tests/e2e/test_interop.py do not reach (child workflow wrappers,
cancellation, termination, chains with gaps), built from the SDK's own exception classes."""

from __future__ import annotations

from typing import Any

import temporalio.exceptions as E

from luac2py_runtime.modules.errors import WippyError
from luac2py_runtime.modules.payload import lua_to_py, py_to_lua
from luac2py_runtime.temporal.failures import (
    error_from_exception, internal_application_error, wippy_application_error)


def _lua(err: WippyError) -> dict[str, Any]:
    return {"kind": err.kind, "message": err.message, "retryable": err.retryable,
            "details": lua_to_py(err.details) if err.details is not None else None}


def _child(cause: BaseException) -> E.ChildWorkflowError:
    e = E.ChildWorkflowError("child failed", namespace="default", workflow_id="wf-1",
                             run_id="run-1", workflow_type="app:child", initiated_event_id=5,
                             started_event_id=6, retry_state=E.RetryState.RETRY_POLICY_NOT_SET)
    e.__cause__ = cause
    return e


def test_child_wrapper_details() -> None:
    err = error_from_exception(_child(E.ApplicationError("declined", type="Invalid",
                                                         non_retryable=True)))
    assert _lua(err) == {"kind": "Invalid", "message": "declined", "retryable": False,
                         "details": {"_wrapper": "child_workflow", "_workflow_id": "wf-1",
                                     "_workflow_type": "app:child", "_run_id": "run-1",
                                     "_retry_state": "RetryPolicyNotSet"}}


def test_cancel_terminate_timeout() -> None:
    assert _lua(error_from_exception(E.CancelledError("whatever"))) == {
        "kind": "Canceled", "message": "operation canceled", "retryable": False, "details": None}
    assert _lua(error_from_exception(E.TerminatedError("by operator"))) == {
        "kind": "Canceled", "message": "workflow terminated", "retryable": False,
        "details": None}
    t = error_from_exception(E.TimeoutError("activity Heartbeat timeout",
                                            type=E.TimeoutType.HEARTBEAT,
                                            last_heartbeat_details=[]))
    assert _lua(t) == {"kind": "Timeout", "message": "activity Heartbeat timeout",
                       "retryable": False, "details": {"timeout_type": "heartbeat"}}


def test_chain_metadata_comes_from_the_nearest_layer_that_has_it() -> None:
    # the outer layer says nothing of kind and retry: the inner one's count; "retry" absent
    # everywhere stays unknown (nil), not Temporal's non_retryable flag
    chain = {"errors": [{"msg": "outer"}, {"msg": "middle", "kind": "Conflict"},
                        {"msg": "inner", "retry": True, "details": {"n": 1}}]}
    err = error_from_exception(E.ApplicationError("outer", chain, type="Internal"))
    assert _lua(err) == {"kind": "Conflict", "message": "outer: middle: inner",
                         "retryable": True, "details": {"n": 1}}
    bare = error_from_exception(E.ApplicationError("x", {"errors": [{"msg": "x"}]},
                                                   type="Internal", non_retryable=True))
    assert (bare.kind, bare.retryable) == ("", None)


def test_plain_types() -> None:
    assert _lua(error_from_exception(E.ApplicationError("m", type="RateLimited"))) == {
        "kind": "RateLimited", "message": "m", "retryable": True, "details": None}
    assert error_from_exception(E.ApplicationError("m", type="ValueError")).kind == ""
    # decision (SEMANTICS.md section 4): the SDKs' "not registered" types are NotFound
    for t in ("NotFoundError", "ActivityNotRegisteredError"):
        assert error_from_exception(E.ApplicationError("no such activity", type=t)).kind == \
            "NotFound"


def test_out_leaves_unknowns_out_and_keeps_causes() -> None:
    inner = WippyError("no row", "", None, py_to_lua({"table": "orders"}))
    outer = WippyError("lookup failed", "NotFound", False, None, cause=inner)
    a = wippy_application_error(outer)
    assert (a.message, a.type, a.non_retryable) == ("lookup failed", "NotFound", True)
    assert list(a.details) == [{"errors": [
        {"msg": "lookup failed", "kind": "NotFound", "retry": False},
        {"msg": "no row", "details": {"table": "orders"}}]}]
    assert wippy_application_error(WippyError("m")).type == "Internal"


def test_a_decoded_chain_goes_back_out_layer_by_layer() -> None:
    chain = {"errors": [{"msg": "a", "kind": "Invalid"}, {"msg": "b"}, {"msg": "c"}]}
    err = error_from_exception(E.ApplicationError("a", chain, type="Invalid"))
    assert err.message == "a: b: c"
    assert list(wippy_application_error(err).details) == [chain]


def test_python_exception_is_internal() -> None:
    a = internal_application_error(ValueError("bad input"))
    assert (a.type, a.message, a.non_retryable) == ("Internal", "bad input", False)
    assert list(a.details) == [{"errors": [{"msg": "bad input", "kind": "Internal"}]}]
