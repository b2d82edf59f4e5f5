"""The base class of every generated workflow class.

    @temporalio.workflow.defn(name="app:order_workflow")
    class order_workflow(LuaWorkflow):
        __lua_method__ = "main"
        __lua_chunk_fn__ = staticmethod(_chunk)

        @temporalio.workflow.run
        async def run(self, *args):
            return await self._lua_run(args)

``_lua_run`` creates the execution's Lua state, runs the chunk, calls the entry point with one
Lua value per input payload and turns the results into the workflow result (SEMANTICS.md
section 2): the first value is the result; a second value that is a string or an error fails
the workflow; an uncaught Lua error fails the execution (not the task).
"""

from __future__ import annotations

import importlib
from types import CoroutineType
from typing import Any, ClassVar

import temporalio.exceptions
import temporalio.workflow

from . import ops
from .backend import TemporalBackend, wippy_application_error
from .converter import EncodingError, lua_to_py, py_to_lua
from .errors import LuaError
from .execution import Execution
from .values import LuaTable, from_lua_str, is_function
from .werrors import WippyError


class LuaWorkflow:
    __lua_method__: ClassVar[str] = "main"
    __lua_chunk_fn__: ClassVar[Any]
    __lua_libraries__: ClassVar[dict[str, str]] = {}

    def __init__(self) -> None:
        self._lua_ex: Execution | None = None

    async def _lua_run(self, args: tuple[Any, ...]) -> Any:
        ex = Execution(TemporalBackend(self), chunk_name=type(self).__module__)
        self._lua_ex = ex
        for alias, module in self.__lua_libraries__.items():
            mod = importlib.import_module(module, type(self).__module__.rpartition(".")[0])
            ex.libraries[alias] = mod._chunk
        try:
            r = type(self).__lua_chunk_fn__(ex)
            if type(r) is CoroutineType:
                r = await r
            entry = ops.first(r)
            if not is_function(entry):
                if type(entry) is LuaTable:
                    entry = entry.get(self.__lua_method__)
                if not is_function(entry):
                    raise temporalio.exceptions.ApplicationError(
                        f"workflow entry point '{self.__lua_method__}' not found: the chunk "
                        "must return a function or a table holding it",
                        type="Internal",
                        non_retryable=True,
                    )
            lua_args = tuple(py_to_lua(a) for a in args)
            result = await ex.run_main(entry, lua_args)
        except LuaError as e:
            raise _lua_failure(e) from None
        return _workflow_result(result)


def _lua_failure(e: LuaError) -> temporalio.exceptions.ApplicationError:
    v = e.value
    if isinstance(v, WippyError):
        return wippy_application_error(v)
    msg = from_lua_str(ops.tostring_basic(v)) if not isinstance(v, str) else from_lua_str(v)
    return temporalio.exceptions.ApplicationError(
        msg,
        {"errors": [{"msg": msg, "kind": "Internal", "retry": False}]},
        type="Internal",
        non_retryable=True,
    )


def _workflow_result(result: Any) -> Any:
    if type(result) is tuple:
        if len(result) >= 2:
            err = result[1]
            if isinstance(err, WippyError):
                raise wippy_application_error(err)
            if type(err) is str:
                raise wippy_application_error(WippyError(err, "Internal", False))
        if not result:
            return None
        result = result[0]
    try:
        return lua_to_py(result)
    except EncodingError as e:
        raise temporalio.exceptions.ApplicationError(
            f"cannot encode workflow result: {e}", type="Internal", non_retryable=True
        ) from None
