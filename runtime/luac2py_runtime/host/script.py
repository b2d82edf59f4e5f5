"""Run a compiled plain Lua script outside Temporal (``luac2py exec``), like the ``lua``
command: ``print`` to stdout; an uncaught error prints ``lua: FILE:LINE: message`` on stderr
and exits 1."""

from __future__ import annotations

import asyncio
import sys
import types
from types import CoroutineType
from typing import Any

from ..lua import ops
from ..modules.backend import Backend
from .local import LocalBackend, OutputClosed
from ..lua.errors import LuaError, to_lua_error
from ..lua.execution import Execution
from ..lua.values import LuaTable, from_lua_str, to_lua_str


def load_module(code: str, filename: str, name: str = "__lua_script__") -> types.ModuleType:
    mod = types.ModuleType(name)
    mod.__file__ = filename + ".py"
    exec(compile(code, filename + ".py", "exec"), mod.__dict__)
    return mod


async def run_chunk(mod: types.ModuleType, args: list[str], backend: Any = None,
                    script: str | None = None) -> Any:
    backend = backend or LocalBackend()
    ex = Execution(backend, chunk_name=mod.__lua_chunk__)
    lua_args = tuple(to_lua_str(a) for a in args)
    if script is not None:
        # the lua command's global `arg`: arg[0] is the script, arg[1..n] its arguments
        ex.globals.hash["arg"] = LuaTable(list(lua_args), {0: to_lua_str(script)})

    async def main() -> Any:
        r = mod._chunk(ex, *lua_args)
        if type(r) is CoroutineType:
            r = await r
        return r

    try:
        return await ex.run_main(lambda: main(), ())
    finally:
        if isinstance(backend, Backend):  # test doubles without host I/O hold nothing open
            await backend.aclose()


def _log_to_stderr() -> None:
    """The ``logger`` module's records on stderr, from level info, unless the embedding
    program configured them."""
    import logging

    from .io import LOGGER

    log = logging.getLogger(LOGGER)
    if not log.handlers:
        h = logging.StreamHandler(sys.stderr)
        h.setFormatter(logging.Formatter("%(levelname)s\t%(name)s\t%(message)s"))
        log.addHandler(h)
        log.setLevel(logging.INFO)
        log.propagate = False


def run_script(code: str, filename: str, args: list[str]) -> int:
    _log_to_stderr()
    mod = load_module(code, filename)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 7000))
    try:
        asyncio.run(run_chunk(mod, args, script=filename))
    except OutputClosed:
        raise BrokenPipeError from None  # the command line ends quietly, as for its own output
    except LuaError as e:
        sys.stdout.flush()
        msg = e.value
        text = from_lua_str(msg) if type(msg) is str else (
            f"(error object is a {ops.tostring_basic(msg).split(':')[0]} value)"
            if msg is not None else "nil"
        )
        print(f"lua: {text}", file=sys.stderr)
        return 1
    except Exception as e:  # a Python error escaping compiled code: still a Lua error
        err = to_lua_error(e)
        print(f"lua: {from_lua_str(ops.tostring_basic(err.value))}", file=sys.stderr)
        return 1
    sys.stdout.flush()
    return 0
