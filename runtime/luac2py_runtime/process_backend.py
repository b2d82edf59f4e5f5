"""Temporal calls behind the ``process`` module inside a workflow (mixed into
``TemporalBackend``): sending, children as processes, cancellation, continue-as-new, options.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any, Sequence

import temporalio.common
import temporalio.exceptions
import temporalio.workflow

from .converter import lua_to_py, py_to_lua
from .errors import LuaError
from .values import LuaTable, from_lua_str, to_lua_str
from .werrors import WippyError
from .wprocess import EXIT, Message, make_pid, parse_pid


def duration_ms(v: Any, what: str) -> timedelta | None:
    """Option durations: a Go duration string or a number of milliseconds."""
    if v is None:
        return None
    if type(v) in (int, float):
        return timedelta(milliseconds=float(v))
    if type(v) is str:
        from .wtime import parse_go_duration

        n = parse_go_duration(v)
        if n is None:
            raise LuaError(f"invalid duration for option '{what}': {v}")
        return timedelta(microseconds=n / 1000)
    raise LuaError(f"option '{what}' must be a duration")


def retry_policy(t: Any) -> temporalio.common.RetryPolicy | None:
    if type(t) is not LuaTable:
        return None
    h = {from_lua_str(k): v for k, v in t.items() if type(k) is str}
    kw: dict[str, Any] = {}
    if "initial_interval" in h:
        kw["initial_interval"] = duration_ms(h["initial_interval"], "initial_interval")
    if "backoff_coefficient" in h:
        kw["backoff_coefficient"] = float(h["backoff_coefficient"])
    if "maximum_interval" in h:
        kw["maximum_interval"] = duration_ms(h["maximum_interval"], "maximum_interval")
    if "maximum_attempts" in h:
        kw["maximum_attempts"] = int(h["maximum_attempts"])
    if "non_retryable_error_types" in h and type(h["non_retryable_error_types"]) is LuaTable:
        kw["non_retryable_error_types"] = [from_lua_str(x)
                                           for x in h["non_retryable_error_types"].arr]
    return temporalio.common.RetryPolicy(**kw)


_REUSE = {
    "allow_duplicate": temporalio.common.WorkflowIDReusePolicy.ALLOW_DUPLICATE,
    "allow_duplicate_failed_only":
        temporalio.common.WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    "reject_duplicate": temporalio.common.WorkflowIDReusePolicy.REJECT_DUPLICATE,
}
_CLOSE = {
    "terminate": temporalio.workflow.ParentClosePolicy.TERMINATE,
    "abandon": temporalio.workflow.ParentClosePolicy.ABANDON,
    "request_cancel": temporalio.workflow.ParentClosePolicy.REQUEST_CANCEL,
}


def child_options(opts: dict[str, Any]) -> dict[str, Any]:
    kw: dict[str, Any] = {}
    for key in ("execution_timeout", "run_timeout", "task_timeout"):
        if key in opts:
            kw[key] = duration_ms(opts[key], key)
    if "id_reuse_policy" in opts:
        p = _REUSE.get(from_lua_str(str(opts["id_reuse_policy"])))
        if p is None:
            raise LuaError(f"unknown id_reuse_policy: {opts['id_reuse_policy']}")
        kw["id_reuse_policy"] = p
    if "retry_policy" in opts:
        kw["retry_policy"] = retry_policy(opts["retry_policy"])
    if "cron_schedule" in opts:
        kw["cron_schedule"] = from_lua_str(str(opts["cron_schedule"]))
    if "memo" in opts and type(opts["memo"]) is LuaTable:
        kw["memo"] = lua_to_py(opts["memo"])
    if "parent_close_policy" in opts:
        p2 = _CLOSE.get(from_lua_str(str(opts["parent_close_policy"])))
        if p2 is None:
            raise LuaError(f"unknown parent_close_policy: {opts['parent_close_policy']}")
        kw["parent_close_policy"] = p2
    if opts.get("wait_for_cancellation") is False:
        kw["cancellation_type"] = temporalio.workflow.ChildWorkflowCancellationType.ABANDON
    if "search_attributes" in opts and type(opts["search_attributes"]) is LuaTable:
        from .backend import _search_update

        kw["search_attributes"] = temporalio.common.TypedSearchAttributes(
            [_pair(_search_update(k, v)) for k, v in opts["search_attributes"].items()]
        )
    return kw


def _pair(update: Any) -> Any:
    return temporalio.common.SearchAttributePair(update.key, update.value)


class ProcessBackendMixin:
    instance: Any
    task_queue: str

    # -- identity ----------------------------------------------------------------------
    def pid(self) -> str:
        p = getattr(self.instance, "_lua_pid", None)
        if p is None:
            node, host, _ = type(self.instance)._lua_registry()
            p = make_pid(node, host, temporalio.workflow.info().workflow_id)
            self.instance._lua_pid = p
        return p  # type: ignore[no-any-return]

    def mailbox(self) -> Any:
        return self.instance._lua_mailbox

    @property
    def process_options(self) -> dict[str, Any]:
        return self.instance._lua_process_options  # type: ignore[no-any-return]

    # -- messages ----------------------------------------------------------------------
    async def send(self, target: str, topic: str, values: Sequence[Any]) -> Any:
        me = self.pid()
        if target == me:
            return True
        parsed = parse_pid(target)
        if parsed is not None and parsed[1] == "update" and not parsed[0]:
            return self.instance._lua_reply_update(parsed[2], topic, values)
        if parsed is not None and parsed[0] == "host":
            self.instance._lua_outbox_put(target, topic, values, me)
            return True
        wid = parsed[2] if parsed is not None else target
        if not wid:
            return None, WippyError(f"process not found: {to_lua_str(target)}", "NotFound", False)
        handle = temporalio.workflow.get_external_workflow_handle(wid)
        try:
            await handle.signal(topic, args=[lua_to_py(v) for v in values])
        except (temporalio.exceptions.ApplicationError, temporalio.exceptions.FailureError) as e:
            return None, WippyError(to_lua_str(f"process not found: {target} ({e})"),
                                    "NotFound", False)
        return True

    # -- children as processes -----------------------------------------------------------
    async def spawn(self, sp: Any, wf: str, host: str, args: Sequence[Any], wait: bool) -> Any:
        opts = sp.options
        wf_type = from_lua_str(wf)
        host_s = from_lua_str(host)
        node, _, queues = type(self.instance)._lua_registry()
        tq = opts.get("task_queue")
        task_queue = from_lua_str(tq) if type(tq) is str else queues.get(host_s, host_s)
        explicit = sp.name or (from_lua_str(opts["id"]) if type(opts.get("id")) is str else None)
        wid = explicit or str(temporalio.workflow.uuid4())
        kw = child_options(opts)
        child_pid = make_pid(node, host_s, wid)
        inst = self.instance
        inst._lua_child_ctx = dict(sp.context) if sp.context else None
        try:
            handle = await temporalio.workflow.start_child_workflow(
                wf_type, args=[lua_to_py(a) for a in args], id=wid, task_queue=task_queue, **kw
            )
        except temporalio.exceptions.WorkflowAlreadyStartedError:
            policy = opts.get("id_conflict_policy")
            use_existing = explicit and (policy is None or policy == "use_existing") and not \
                opts.get("execution_error_when_already_started")
            if use_existing:
                for topic, vals in sp.messages:
                    await temporalio.workflow.get_external_workflow_handle(wid).signal(
                        topic, args=[lua_to_py(v) for v in vals])
                return to_lua_str(child_pid)
            return None, WippyError(to_lua_str(f"workflow already started: {wid}"),
                                    "AlreadyExists", False)
        except temporalio.exceptions.ChildWorkflowError as e:
            from .backend import error_from_exception

            return None, error_from_exception(e)
        finally:
            inst._lua_child_ctx = None
        for topic, vals in sp.messages:
            await handle.signal(topic, args=[lua_to_py(v) for v in vals])
        if wait:
            value, err = await self._child_result(handle)
            return (None, err) if err is not None else value
        inst._lua_children[wid] = handle
        asyncio.get_running_loop().create_task(self._watch_child(handle, child_pid))
        return to_lua_str(child_pid)

    async def _child_result(self, handle: Any) -> tuple[Any, Any]:
        from .backend import error_from_exception

        try:
            result = await handle
        except temporalio.exceptions.ChildWorkflowError as e:
            err = error_from_exception(e)
            return None, err
        return py_to_lua(result), None

    async def _watch_child(self, handle: Any, child_pid: str) -> None:
        value, err = await self._child_result(handle)
        result = LuaTable(None, {k: v for k, v in (("value", value), ("error", err))
                                 if v is not None})
        self.mailbox().event(EXIT, to_lua_str(child_pid), result)

    async def cancel_process(self, target: str) -> Any:
        parsed = parse_pid(target)
        wid = parsed[2] if parsed is not None else target
        child = self.instance._lua_children.get(wid)
        try:
            if child is not None:
                child.cancel()
            else:
                await temporalio.workflow.get_external_workflow_handle(wid).cancel()
        except (temporalio.exceptions.ApplicationError, temporalio.exceptions.FailureError) as e:
            return None, WippyError(to_lua_str(f"process not found: {target} ({e})"),
                                    "NotFound", False)
        return True

    def continue_as_new(self, args: Sequence[Any]) -> None:
        temporalio.workflow.continue_as_new(args=[lua_to_py(a) for a in args])


def message_from_signal(name: str, values: tuple[Any, ...], sender: str | None) -> Message:
    return Message(to_lua_str(name), values, to_lua_str(sender or ""))
