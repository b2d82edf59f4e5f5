"""Running compiled ``function.lua`` entries: as Temporal activities, as host processes
(``luac2py call``), and in-process for another function's ``funcs.call``.

    value, err = await run_function(pkg, "app:charge_payment", [order], HostBackend(pkg, client))
    worker = new_worker(client, queue, workflows, activities=lua_activities(pkg, "app:worker"))

Every call gets a fresh execution (its own globals, loaded modules and libraries) on its own
``HostBackend``, which is closed when the call ends. The outcome follows SEMANTICS.md section 6:
the first return value; ``nil, err`` (an error object, or a string: kind ``Internal``) or an
uncaught error (kind ``Internal`` unless it is an error object with a kind) is the error.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from types import CoroutineType
from typing import Any

from ..lua import ops
from ..lua.errors import LuaError, is_lua_boundary_exception, to_lua_error
from ..lua.execution import Execution
from ..lua.values import LuaTable, is_function, to_lua_str
from ..modules.errors import WippyError
from .backend import HostBackend


def function_module(pkg: Any, entry: str) -> Any:
    """The generated module of a function entry."""
    module = pkg.FUNCTION_MODULES[entry][0]
    return importlib.import_module("." + module, pkg.__name__)


def error_of(value: Any) -> WippyError:
    """A Lua error value (what ``error(v)`` raised, or a returned ``err``) as the function's
    error: an error object keeps its kind (``Internal`` when it has none), anything else is an
    ``Internal`` error with its text and no retryability of its own."""
    if isinstance(value, WippyError):
        if value.kind:
            return value
        return WippyError(value.message, "Internal", value.retryable, value.details,
                          value.cause)
    text = value if type(value) is str else ops.tostring_basic(value)
    return WippyError(text, "Internal", None)


def outcome(result: Any) -> tuple[Any, WippyError | None]:
    """(first value, None) or (None, error) of what the entry point returned."""
    if type(result) is not tuple:
        return result, None
    if len(result) >= 2:
        err = result[1]
        if isinstance(err, WippyError) or type(err) is str:
            return None, error_of(err)
    return (result[0] if result else None), None


async def run_function(pkg: Any, entry: str, args: Sequence[Any],
                       backend: HostBackend) -> tuple[Any, WippyError | None]:
    """Run a function entry once, in a fresh execution on ``backend`` (closed afterwards):
    ``(value, None)`` or ``(None, err)``, Lua values."""
    mod = function_module(pkg, entry)
    ex = Execution(backend, chunk_name=mod.__name__)
    backend.ex = ex
    try:
        for alias, module in mod.__lua_libraries__.items():
            ex.libraries[alias] = importlib.import_module(module, pkg.__name__)._chunk
        try:
            r = mod._chunk(ex)
            if type(r) is CoroutineType:
                r = await r
        except BaseException as e:
            if not is_lua_boundary_exception(e):
                raise
            raise to_lua_error(e) from None
        fn = ops.first(r)
        if not is_function(fn) and type(fn) is LuaTable:
            fn = fn.get(to_lua_str(mod.__lua_method__))
        if not is_function(fn):
            return None, WippyError(to_lua_str(
                f"function entry point '{mod.__lua_method__}' not found in {entry}: the chunk "
                "must return a function or a table holding it"), "Internal", False)
        return outcome(await ex.run_main(fn, tuple(args)))
    except LuaError as e:
        return None, error_of(e.value)
    finally:
        await backend.aclose()


# -- as Temporal activities ----------------------------------------------------------------


async def _run_activity(pkg: Any, entry: str, args: Sequence[Any],
                        context: dict[str, Any]) -> tuple[Any, WippyError | None]:
    import temporalio.activity

    try:
        client = temporalio.activity.client()
    except RuntimeError:  # no client (e.g. an activity environment in a test)
        client = None
    return await run_function(pkg, entry, args, HostBackend(pkg, client, context, name=entry))


def lua_activities(pkg: Any, worker: str | None = None) -> list[Any]:
    """The function entries of ``pkg`` that are activities of worker entry ``worker`` (every
    one when None), as temporalio activities of type = entry ID."""
    from ..temporal.activity import lua_activity

    out = []
    for entry, (_, source, w) in sorted(pkg.FUNCTION_MODULES.items()):
        if w is not None and (worker is None or w == worker):
            out.append(lua_activity(entry, functools.partial(_run_activity, pkg, entry),
                                    entry=entry, source=source))
    return out


# -- luac2py call ----------------------------------------------------------------------------


async def call_entry(pkg: Any, entry: str, inputs: Sequence[Any], *, connection: Any = None,
                     activities: Sequence[Any] = (), time_skipping: bool = False,
                     namespace: str = "default", ui_port: int | None = None) -> int:
    """``luac2py call``: run a function entry as a host process and print its first return
    value as JSON (``error: Kind: message`` and 1 for an error). Without a ``connection`` a
    server is started here, with workers for the project's worker entries (Lua workflows and
    activities, and the Python ``activities``)."""
    import json
    import sys

    from ..modules.payload import EncodingError, lua_to_py, py_to_lua
    from ..lua.values import from_lua_str
    from ..temporal.runner import AllWorkers, cluster, local_workers, quiet_core_logs

    quiet_core_logs()
    async with cluster(connection, namespace=namespace, time_skipping=time_skipping,
                       ui_port=ui_port) as client:
        workers = local_workers(pkg, client, activities) if connection is None else []
        async with AllWorkers(workers):
            value, err = await run_function(pkg, entry, [py_to_lua(i) for i in inputs],
                                            HostBackend(pkg, client, name=entry))
    if err is None:
        try:
            text = json.dumps(lua_to_py(value), ensure_ascii=False, sort_keys=True)
        except EncodingError as e:
            err = WippyError(to_lua_str(f"cannot encode the result: {e}"), "Internal", False)
    if err is not None:
        print(f"error: {err.kind or 'Internal'}: {from_lua_str(err.message)}", file=sys.stderr)
        return 1
    print(text)
    return 0
