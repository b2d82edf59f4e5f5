"""Lua errors and where they happened.

A Lua error is a ``LuaError`` carrying any Lua value. A string message raised at level 1 or 2
gets Lua's ``chunk:line:`` prefix, but the prefix is found lazily, from the Python traceback, the
first time the error is caught (``pcall``) or reported: every generated module carries
``__lua_chunk__`` (the Lua file name) and ``__lua_lines__`` (Python line -> Lua line), so the
deepest generated frame in the traceback is where the Lua code raised it (level 1), the next one
out its caller (level 2). Python exceptions escaping from compiled code (calling nil,
``RecursionError``, ...) become Lua errors the same way.
"""

from __future__ import annotations

import asyncio
from types import CodeType, FrameType, TracebackType
from typing import Any


class WorkflowTaskError(Exception):
    """Fails the current workflow task (retried by Temporal), never the workflow, and is not
    catchable by Lua ``pcall``: e.g. a recorded version outside the supported range."""


class LuaError(Exception):
    """A Lua error; ``value`` is the Lua value given to ``error`` (or the message)."""

    def __init__(self, value: Any, level: int = 1, traceback: str | None = None) -> None:
        super().__init__(value)
        self.value = value
        # level 0 (or a non-string value) means: no position to add.
        self.level = level if type(value) is str else 0
        self.lua_traceback = traceback

    def __str__(self) -> str:
        from .ops import tostring_basic

        return tostring_basic(self.value)


def lua_frames(tb: TracebackType | None) -> list[tuple[str, int]]:
    """(chunk, lua line) of every generated-code frame in a traceback, outermost first."""
    out: list[tuple[str, int]] = []
    while tb is not None:
        pos = frame_position(tb.tb_frame, tb.tb_lineno)
        if pos is not None:
            out.append(pos)
        tb = tb.tb_next
    return out


# the operator helpers: frames of this file are the VM's own work, not a function call level
_OPS_FILE = __file__.rsplit("errors.py", 1)[0] + "ops.py"
# where the VM's own errors are raised (operators, indexing, table keys)
_VM_FILES = frozenset({_OPS_FILE, __file__.rsplit("errors.py", 1)[0] + "values.py"})

# The code of every function Lua code can call as a value (the base library, the string,
# table, math and os tables, the modules' functions): C functions to Lua. Filled by the
# runtime as it builds them. (Methods of runtime objects are not noted: a VM error inside
# one keeps the caller's line.)
C_FUNCTIONS: set[CodeType] = set()


def register_c_functions(fns: Any) -> None:
    """Note the functions among ``fns`` (an iterable of values: functions, bound methods,
    ``functools.partial`` objects) as C functions."""
    for f in fns:
        f = getattr(f, "__func__", None) or getattr(f, "func", None) or f
        code = getattr(f, "__code__", None)
        if code is not None:
            C_FUNCTIONS.add(code)


def _vm_error_in_c_function(tb: TracebackType | None) -> bool:
    """An error the VM raised (ops, values) while a C function called from Lua code was
    running: Lua adds no position to it ("invalid key to 'next'", a comparison failing in
    ``table.sort``), where an error a C function raises itself names the caller's line."""
    frames: list[FrameType] = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    if not frames or frames[-1].f_code.co_filename not in _VM_FILES:
        return False
    inner = max((i for i, f in enumerate(frames) if "__lua_lines__" in f.f_globals), default=-1)
    return any(f.f_code in C_FUNCTIONS for f in frames[inner + 1:])


def frame_position(frame: FrameType, pyline: int) -> tuple[str, int] | None:
    g = frame.f_globals
    lines = g.get("__lua_lines__")
    if lines is None:
        return None
    return g["__lua_chunk__"], lua_line(lines, pyline)


def lua_line(lines: tuple[int, ...], pyline: int) -> int:
    """``lines[i]`` is the Lua line of Python line i+1 (0 when unknown)."""
    if 0 < pyline <= len(lines):
        return lines[pyline - 1]
    return 0


def current_position(depth: int = 1) -> tuple[str, int] | None:
    """(chunk, line) of the function ``depth`` levels up the Lua call stack, as seen from the
    caller's caller (a builtin such as ``error``). Level 1 is that builtin's immediate
    caller, level 2 the function that called it, and so on. A level that is runtime code
    (``pcall(error, "x")``, a function called by ``pcall``, ``table.sort`` or
    ``coroutine.resume``) is a C function to Lua: no position. The operator helpers of
    ``ops`` (metamethods, calls of callable tables) are not: Lua's VM calls those from the
    Lua function itself."""
    import sys

    f: FrameType | None = sys._getframe(2)
    level = 1
    while f is not None:
        if level == depth:
            return frame_position(f, f.f_lineno)
        f = f.f_back
        while f is not None and f.f_code.co_filename == _OPS_FILE:
            f = f.f_back
        level += 1
    return None


def where(pos: tuple[str, int] | None) -> str:
    if pos is None:
        return ""
    chunk, line = pos
    return f"{chunk}:{line}: "


def python_exception_message(exc: BaseException) -> str:
    """Lua wording for a Python exception that escaped compiled code."""
    if isinstance(exc, RecursionError):
        return "stack overflow"
    if isinstance(exc, ZeroDivisionError):
        return "attempt to perform 'n%0'"
    if isinstance(exc, TypeError):
        msg = str(exc)
        if "not callable" in msg:
            tname = msg.split("'")[1] if "'" in msg else "nil"
            from .values import lua_type

            names = {"NoneType": "nil", "bool": "boolean", "int": "number", "float": "number",
                     "str": "string", "LuaTable": "table"}
            return f"attempt to call a {names.get(tname, lua_type(None) if tname == 'NoneType' else 'userdata')} value"
        return msg
    if isinstance(exc, MemoryError):
        return "not enough memory"
    return f"{type(exc).__name__}: {exc}"


def to_lua_error(exc: BaseException) -> LuaError:
    """The ``LuaError`` for any exception caught at a Lua boundary, its message positioned."""
    if isinstance(exc, LuaError):
        if exc.level:
            frames = lua_frames(exc.__traceback__)
            pos = None
            if len(frames) >= exc.level and not (
                    exc.level == 1 and _vm_error_in_c_function(exc.__traceback__)):
                pos = frames[-exc.level]
            exc.value = where(pos) + exc.value
            exc.level = 0
        return exc
    frames = lua_frames(exc.__traceback__)
    err = LuaError(where(frames[-1] if frames else None) + python_exception_message(exc), 0)
    err.__traceback__ = exc.__traceback__
    return err


# Exceptions that Lua code must never catch: cancellation, and the control flow of the layers
# above (the Temporal binding adds the SDK's own with ``pass_through``).
_UNCATCHABLE: tuple[type[BaseException], ...] = ()


def pass_through(*types: type[BaseException]) -> None:
    """Let exceptions of these types cross ``pcall`` and coroutine boundaries untouched."""
    global _UNCATCHABLE
    _UNCATCHABLE = tuple(dict.fromkeys((*_UNCATCHABLE, *types)))


def is_lua_boundary_exception(exc: BaseException) -> bool:
    """Exceptions that a Lua ``pcall`` may catch: Lua errors and Python errors raised by compiled
    code. Cancellation and the SDK's internal control flow must pass through untouched."""
    return not isinstance(exc, _UNCATCHABLE)


pass_through(asyncio.CancelledError, KeyboardInterrupt, SystemExit, GeneratorExit,
             WorkflowTaskError)


def decode_lines(encoded: str) -> tuple[int, ...]:
    """Decode a generated module's line table (``line*count,...``, see the emitter)."""
    out: list[int] = []
    for part in encoded.split(","):
        if "*" in part:
            line, count = part.split("*")
            out.extend([int(line)] * int(count))
        elif part:
            out.append(int(part))
    return tuple(out)
