"""Temporal calls behind the ``process`` module inside a workflow (mixed into
``TemporalBackend``): sending, children as processes, cancellation, continue-as-new, options.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import temporalio.common
import temporalio.exceptions
import temporalio.workflow

from ..modules.payload import EncodingError, lua_to_py, py_to_lua
from ..lua.values import LuaTable, from_lua_str, to_lua_str
from ..modules.errors import WippyError
from ..modules.options import (  # noqa: F401 (host)
    OptionError, duration_ms, retry_policy_fields, strip_prefixes)
from ..modules.process import EXIT, Message, make_pid, parse_pid

def retry_policy(fields: dict[str, Any] | None) -> temporalio.common.RetryPolicy | None:
    """A retry policy from ``options.retry_policy_fields``."""
    return None if fields is None else temporalio.common.RetryPolicy(**fields)


_REUSE = {
    "allow_duplicate": temporalio.common.WorkflowIDReusePolicy.ALLOW_DUPLICATE,
    "allow_duplicate_failed_only":
        temporalio.common.WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    "reject_duplicate": temporalio.common.WorkflowIDReusePolicy.REJECT_DUPLICATE,
}
_CONFLICT = {
    "use_existing": temporalio.common.WorkflowIDConflictPolicy.USE_EXISTING,
    "fail": temporalio.common.WorkflowIDConflictPolicy.FAIL,
    "terminate_existing": temporalio.common.WorkflowIDConflictPolicy.TERMINATE_EXISTING,
}
_CLOSE = {
    "terminate": temporalio.workflow.ParentClosePolicy.TERMINATE,
    "abandon": temporalio.workflow.ParentClosePolicy.ABANDON,
    "request_cancel": temporalio.workflow.ParentClosePolicy.REQUEST_CANCEL,
}


def conflict_policy(opts: dict[str, Any], explicit_id: bool) -> str:
    """Wippy's defaults: an explicit ID reuses a running workflow, a generated one fails;
    ``execution_error_when_already_started`` turns reuse into an error."""
    p = opts.get("id_conflict_policy")
    if p is None:
        p = "use_existing" if explicit_id else "fail"
    p = str(p)
    if p not in _CONFLICT:
        raise OptionError(f"unknown id_conflict_policy: {p}")
    if opts.get("execution_error_when_already_started") is True and p == "use_existing":
        p = "fail"
    return p


def start_options(opts: dict[str, Any], *, child: bool) -> dict[str, Any]:
    """Keyword arguments for ``start_child_workflow`` (``child``) or ``Client.start_workflow``
    from prefix-stripped options in plain Python values. ``id``, ``task_queue``,
    ``id_conflict_policy``, ``execution_error_when_already_started`` and ``namespace`` are the
    caller's business."""
    kw: dict[str, Any] = {}
    for key in ("execution_timeout", "run_timeout", "task_timeout"):
        if opts.get(key) is not None:
            kw[key] = duration_ms(opts[key], key)
    if opts.get("id_reuse_policy") is not None:
        p = _REUSE.get(str(opts["id_reuse_policy"]))
        if p is None:
            raise OptionError(f"unknown id_reuse_policy: {opts['id_reuse_policy']}")
        kw["id_reuse_policy"] = p
    if isinstance(opts.get("retry_policy"), dict):
        kw["retry_policy"] = retry_policy(retry_policy_fields(opts["retry_policy"]))
    if opts.get("cron_schedule"):
        kw["cron_schedule"] = str(opts["cron_schedule"])
    if isinstance(opts.get("memo"), dict):
        kw["memo"] = dict(opts["memo"])
    if isinstance(opts.get("search_attributes"), dict):
        kw["search_attributes"] = temporalio.common.TypedSearchAttributes(
            [search_pair(k, v) for k, v in opts["search_attributes"].items()])
    if child:
        if opts.get("parent_close_policy") is not None:
            p2 = _CLOSE.get(str(opts["parent_close_policy"]))
            if p2 is None:
                raise OptionError(f"unknown parent_close_policy: {opts['parent_close_policy']}")
            kw["parent_close_policy"] = p2
        # a cancellation request always reaches the child; the parent's EXIT event either
        # waits for the child to end (the default here: the event has its real result) or
        # comes at once with a Canceled error
        if opts.get("wait_for_cancellation") is False:
            kw["cancellation_type"] = temporalio.workflow.ChildWorkflowCancellationType.TRY_CANCEL
    else:
        if opts.get("start_delay") is not None:
            kw["start_delay"] = duration_ms(opts["start_delay"], "start_delay")
        if opts.get("enable_eager_start") is True:
            kw["request_eager_start"] = True
    return kw


def search_pair(name: str, value: Any) -> Any:
    """A typed search attribute from a plain value (string -> Keyword, boolean -> Bool,
    integer -> Int, float -> Double, list of strings -> KeywordList, datetime -> Datetime)."""
    from datetime import datetime

    SA = temporalio.common.SearchAttributeKey
    P = temporalio.common.SearchAttributePair
    if isinstance(value, bool):
        return P(SA.for_bool(name), value)
    if isinstance(value, int):
        return P(SA.for_int(name), value)
    if isinstance(value, float):
        return P(SA.for_float(name), value)
    if isinstance(value, str):
        return P(SA.for_keyword(name), value)
    if isinstance(value, datetime):
        return P(SA.for_datetime(name), value)
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return P(SA.for_keyword_list(name), list(value))
    raise OptionError(f"search attribute '{name}': unsupported value type")


class ProcessBackendMixin:
    instance: Any
    task_queue: str

    # -- identity ----------------------------------------------------------------------
    def pid(self) -> str:
        return self.instance._lua_own_pid()  # type: ignore[no-any-return]

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
    async def spawn(self, sp: Any, wf: str, host: str, args: Sequence[Any], wait: bool,
                    monitor: bool = False, link: bool = False) -> Any:
        # a parent workflow gets an EXIT event from every child: monitor and link add nothing
        wf_type = from_lua_str(wf)
        host_s = from_lua_str(host)
        node, _, queues = type(self.instance)._lua_registry()
        try:
            opts = {k: lua_to_py(v) for k, v in sp.options.items()}
            explicit = sp.name or (opts["id"] if isinstance(opts.get("id"), str) else None)
            policy = conflict_policy(opts, bool(explicit))
            kw = start_options(opts, child=True)
            ns = opts.get("namespace")
            if ns and ns != temporalio.workflow.info().namespace:
                raise OptionError("children in another namespace are not supported "
                                  f"(namespace {ns!r})")
            child_args = [lua_to_py(a) for a in args]
            messages = [(t, [lua_to_py(v) for v in vals]) for t, vals in sp.messages]
        except (OptionError, EncodingError, TypeError, ValueError) as e:
            return None, WippyError(to_lua_str(str(e)), "Invalid", False)
        tq = opts.get("task_queue")
        task_queue = tq if isinstance(tq, str) and tq else queues.get(host_s, host_s)
        wid = explicit or str(temporalio.workflow.uuid4())
        child_pid = make_pid(node, host_s, wid)
        inst = self.instance
        inst._lua_child_ctx = dict(sp.context) if sp.context else None
        try:
            handle = await temporalio.workflow.start_child_workflow(
                wf_type, args=child_args, id=wid, task_queue=task_queue, **kw
            )
        except temporalio.exceptions.WorkflowAlreadyStartedError:
            if policy == "use_existing":
                # the running workflow gets the messages; the new input is ignored
                ext = temporalio.workflow.get_external_workflow_handle(wid)
                err = await _signal_all(ext, messages, child_pid)
                return (None, err) if err is not None else to_lua_str(child_pid)
            if policy == "terminate_existing":
                return None, WippyError(to_lua_str(
                    f"workflow already started: {wid} (terminate_existing cannot terminate a "
                    "running workflow from workflow context)"), "AlreadyExists", False)
            return None, WippyError(to_lua_str(f"workflow already started: {wid}"),
                                    "AlreadyExists", False)
        except temporalio.exceptions.ChildWorkflowError as e:
            from .failures import error_from_exception

            return None, error_from_exception(e)
        finally:
            inst._lua_child_ctx = None
        # start messages: right after the start, in order, before anything else we send
        # (a child that already ended cannot get them: its EXIT event tells the rest)
        await _signal_all(handle, messages, child_pid)
        if wait:
            value, err = await self._child_result(handle)
            return (None, err) if err is not None else value
        inst._lua_children[wid] = handle
        asyncio.get_running_loop().create_task(self._watch_child(handle, child_pid))
        return to_lua_str(child_pid)

    async def _child_result(self, handle: Any) -> tuple[Any, Any]:
        from .failures import error_from_exception

        try:
            result = await handle
        except temporalio.exceptions.ChildWorkflowError as e:
            err = error_from_exception(e)
            return None, err
        return py_to_lua(result), None

    async def _watch_child(self, handle: Any, child_pid: str) -> None:
        value, err = await self._child_result(handle)
        if self.instance._lua_children.get(handle.id) is handle:
            del self.instance._lua_children[handle.id]
        result = LuaTable(None, {k: v for k, v in (("value", value), ("error", err))
                                 if v is not None})
        from ..modules.time_objects import Time

        self.mailbox().event(EXIT, to_lua_str(child_pid), result,
                             at=Time.from_datetime(temporalio.workflow.now()))

    async def terminate_process(self, target: str) -> Any:
        # a workflow cannot terminate another: it requests cancellation, as Wippy does
        return await self.cancel_process(target)

    async def monitor(self, target: str) -> Any:
        return _not_in_workflow("monitor")

    async def unmonitor(self, target: str) -> Any:
        return _not_in_workflow("unmonitor")

    async def link(self, target: str) -> Any:
        return _not_in_workflow("link")

    async def unlink(self, target: str) -> Any:
        return _not_in_workflow("unlink")

    async def cancel_process(self, target: str, deadline: Any = None) -> Any:
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

    def continue_as_new(self, args: Sequence[Any], workflow: str | None = None) -> None:
        temporalio.workflow.continue_as_new(args=[lua_to_py(a) for a in args],
                                            workflow=workflow)


def _not_in_workflow(name: str) -> Any:
    return None, WippyError(f"process.{name}: not supported in workflow context",
                            "Invalid", False)


async def _signal_all(handle: Any, messages: Sequence[tuple[str, list[Any]]],
                      pid: str) -> WippyError | None:
    """Send the start messages in order; the first failure as an error (the workflow ended
    before they reached it)."""
    for topic, vals in messages:
        try:
            await handle.signal(topic, args=vals)
        except (temporalio.exceptions.ApplicationError,
                temporalio.exceptions.FailureError) as e:
            return WippyError(to_lua_str(f"start message {topic!r} not delivered to {pid}: "
                                         f"{e}"), "NotFound", False)
    return None


def message_from_signal(name: str, values: tuple[Any, ...], sender: str | None) -> Message:
    return Message(to_lua_str(name), values, to_lua_str(sender or ""))
