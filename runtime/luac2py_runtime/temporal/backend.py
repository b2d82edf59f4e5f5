"""The one place that calls temporalio from inside a workflow.

Wippy's modules (``funcs``, ``time``, ``workflow``, ...) are thin: each public function checks
its Lua arguments and delegates to the execution's backend (``modules.backend.Backend``).
``TemporalBackend`` implements those calls on the Python SDK.
"""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timedelta
from typing import Any, Sequence

import temporalio.common
import temporalio.exceptions
import temporalio.workflow

from ..modules.payload import lua_to_py, py_to_lua
from ..lua.errors import WorkflowTaskError
from ..lua.values import to_lua_str
from .converter import raw_to_lua
from .process_backend import ProcessBackendMixin, retry_policy
from ..modules.backend import Backend
from ..modules.errors import WippyError
from .failures import error_from_exception

DEFAULT_START_TO_CLOSE = timedelta(minutes=10)


class TemporalBackend(ProcessBackendMixin, Backend):
    """Temporal calls for one workflow execution."""

    # the Lua coroutines run on the execution's own scheduler, not one asyncio task each
    # (``lua.execution.LuaThread``): an open workflow holds less
    light_coroutines = True

    def __init__(self, instance: Any) -> None:
        self.instance = instance
        self.info = temporalio.workflow.info()
        self.task_queue = self.info.task_queue
        self._versions: dict[str, int] | None = None  # made on the first version() call

    # -- clock, randomness, logging ---------------------------------------------------
    def now(self) -> datetime:
        return temporalio.workflow.now()

    def clock(self) -> float:
        return (temporalio.workflow.now() - self.info.start_time).total_seconds()

    def new_random(self) -> random.Random:
        return temporalio.workflow.random()

    def print(self, text: str) -> None:
        from ..lua.values import from_lua_str

        temporalio.workflow.logger.info(from_lua_str(text))

    # -- activities --------------------------------------------------------------------
    async def call_activity(
        self, activity: str, args: Sequence[Any], options: dict[str, Any] | None = None,
        context: dict[str, Any] | None = None,
    ) -> Any:
        """(value, None) or (None, WippyError)."""
        handle = self.start_activity(activity, args, options, context)
        try:
            result = await handle
        except temporalio.exceptions.ActivityError as e:
            return None, error_from_exception(e)
        return raw_to_lua(result), None

    def function_options(self, activity: str) -> dict[str, Any]:
        return type(self.instance)._lua_function_options().get(activity) or {}

    def start_activity(
        self, activity: str, args: Sequence[Any], options: dict[str, Any] | None = None,
        context: dict[str, Any] | None = None,
    ) -> Any:
        """Schedule an activity: one payload per argument, the workflow's task queue, a
        10-minute start-to-close timeout unless told otherwise, no retry policy of our own."""
        opts = dict(options or {})
        opts.setdefault("task_queue", self.task_queue)
        # Go's defaults: a 10-minute start-to-close timeout even beside a schedule-to-close
        # one, no retry policy of our own
        opts.setdefault("start_to_close_timeout", DEFAULT_START_TO_CLOSE)
        if "retry_policy" in opts:
            opts["retry_policy"] = retry_policy(opts["retry_policy"])
        if opts.pop("wait_for_cancellation", False):
            opts["cancellation_type"] = \
                temporalio.workflow.ActivityCancellationType.WAIT_CANCELLATION_COMPLETED
        # the result is decoded by raw_to_lua, straight into Lua tables
        opts["result_type"] = temporalio.common.RawValue
        py_args = [lua_to_py(a) for a in args]
        # the interceptor reads this while scheduling (synchronously) for the header
        self.instance._lua_activity_ctx = context or None
        try:
            return temporalio.workflow.start_activity(activity, args=py_args, **opts)
        finally:
            self.instance._lua_activity_ctx = None

    def activity_outcome(self, handle: Any) -> tuple[Any, WippyError | None]:
        exc = handle.exception()
        if exc is not None:
            if isinstance(exc, temporalio.exceptions.ActivityError):
                return None, error_from_exception(exc)
            return None, WippyError(str(exc), "Internal", None)
        return raw_to_lua(handle.result()), None

    # -- timers --------------------------------------------------------------------------
    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def wait_condition(self, predicate: Any) -> None:
        """Wait until ``predicate()`` holds when the workflow has nothing else to run."""
        await temporalio.workflow.wait_condition(predicate)

    # -- workflow module -------------------------------------------------------------------
    def context(self) -> dict[str, Any]:
        return getattr(self.instance, "_lua_context", None) or {}

    def workflow_info(self) -> Any:
        from ..lua.values import LuaTable, to_lua_str

        i = temporalio.workflow.info()
        return LuaTable(None, {
            "workflow_id": to_lua_str(i.workflow_id),
            "run_id": to_lua_str(i.run_id),
            "workflow_type": to_lua_str(i.workflow_type),
            "task_queue": to_lua_str(i.task_queue),
            "namespace": to_lua_str(i.namespace),
            "attempt": i.attempt,
            "history_length": i.get_current_history_length(),
            "history_size": i.get_current_history_size(),
        })

    def history_length(self) -> int:
        return temporalio.workflow.info().get_current_history_length()

    def history_size(self) -> int:
        return temporalio.workflow.info().get_current_history_size()

    async def exec_child(self, workflow: str, args: Sequence[Any],
                         options: dict[str, Any] | None = None) -> Any:
        """Run a child workflow to completion: (value, None) or (None, WippyError)."""
        opts = dict(options or {})
        opts.setdefault("task_queue", self.task_queue)
        opts.setdefault("id", str(temporalio.workflow.uuid4()))
        try:
            result = await temporalio.workflow.execute_child_workflow(
                workflow, args=[lua_to_py(a) for a in args], **opts
            )
        except temporalio.exceptions.ChildWorkflowError as e:
            err = error_from_exception(e)
            if err.retryable is None:
                err.retryable = True
            return None, err
        return py_to_lua(result), None

    def version(self, change_id: str, min_supported: int, max_supported: int) -> int:
        """Go's GetVersion on the SDK's patch markers: version v is the marker ``C-v``."""
        memo = self._versions
        if memo is None:
            memo = self._versions = {}
        v = memo.get(change_id)
        if v is None:
            if temporalio.workflow.unsafe.is_replaying():
                v = -1
                for k in range(max_supported + _VERSION_PROBE_ABOVE, -1, -1):
                    if temporalio.workflow.patched(f"{change_id}-{k}"):
                        v = k
                        break
            else:
                temporalio.workflow.patched(f"{change_id}-{max_supported}")
                v = max_supported
            memo[change_id] = v
        if not min_supported <= v <= max_supported:
            # fails the workflow task (not the workflow), as Go's GetVersion panics
            raise WorkflowTaskError(
                f"workflow.version({change_id!r}): recorded version {v} is outside the "
                f"supported range [{min_supported}, {max_supported}]"
            )
        return v

    def upsert_attrs(self, search: Any, memo: Any) -> Any:
        from ..lua.values import LuaTable
        from ..modules.errors import WippyError
        from ..modules.payload import EncodingError

        try:
            if type(search) is LuaTable:
                updates = [_search_update(k, v) for k, v in search.items()]
                temporalio.workflow.upsert_search_attributes(updates)
            if type(memo) is LuaTable:
                temporalio.workflow.upsert_memo(lua_to_py(memo) if memo.hash or memo.arr
                                                else {})
        except (EncodingError, TypeError, ValueError) as e:
            return WippyError(to_lua_str(str(e)), "Invalid", False)
        return None


_VERSION_PROBE_ABOVE = 16


def _search_update(key: Any, value: Any) -> Any:
    from ..lua.values import LuaTable, from_lua_str

    SA = temporalio.common.SearchAttributeKey
    name = from_lua_str(key) if isinstance(key, str) else str(key)
    t = type(value)
    if t is str:
        return SA.for_keyword(name).value_set(from_lua_str(value))
    if t is bool:
        return SA.for_bool(name).value_set(value)
    if t is int:
        return SA.for_int(name).value_set(value)
    if t is float:
        return SA.for_float(name).value_set(value)
    if t is LuaTable and all(type(x) is str for x in value.arr) and not value.hash:
        return SA.for_keyword_list(name).value_set([from_lua_str(x) for x in value.arr])
    to_dt = getattr(value, "to_datetime", None)
    if to_dt is not None:
        return SA.for_datetime(name).value_set(to_dt())
    raise TypeError(f"search attribute '{name}': unsupported value type")
