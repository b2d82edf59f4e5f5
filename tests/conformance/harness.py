"""Differential testing: the same Lua program run by real Lua (lupa) and compiled by luac2py,
and go-lua cases whose expected output is written in the case itself.

Output is compared line by line. Programs choose their reference with a first line
``-- lua: 5.1`` (the core language, error wording), ``-- lua: 5.3`` (integers and floats,
bitwise operators, ``//``) or ``-- lua: golua`` (expected answers read from Wippy's VM, go-lua:
see ``golua_expected``); the chunk name is ``input`` on both sides. Real Lua's ``print`` writes
numbers as Wippy's VM does (go-lua value.go ``LNumber.String``: an integral float without
``.0``, other floats in Go's shortest form, ``+Inf``, ``-Inf``, ``NaN``), so that a lupa case
compares what go-lua takes over from standard Lua rather than the spelling of printed numbers;
``tostring`` and ``..`` keep real Lua's spelling, so a program that makes text of a number
itself is a go-lua case.
"""

from __future__ import annotations

import asyncio
import gc
from datetime import UTC
from typing import Any

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk

from tests.helpers import golua_wording

def _gonum(v: Any) -> bytes:
    from luac2py_runtime.lua.values import number_to_str

    return number_to_str(v).encode()


def reference_output(source: str, version: str) -> list[str]:
    import lupa.lua51
    import lupa.lua53

    mod = lupa.lua51 if version == "5.1" else lupa.lua53
    lua = mod.LuaRuntime(encoding=None, unpack_returned_tuples=True)
    out: list[str] = []

    def emit(*parts: Any) -> None:
        out.append("\t".join(p.decode("latin-1") if isinstance(p, bytes) else str(p)
                             for p in parts))

    lua.globals()[b"_emit"] = emit
    lua.globals()[b"_gonum"] = _gonum
    lua.execute(r"""
      local _emit, _tostring, _select, _type, _gonum = _emit, tostring, select, type, _gonum
      print = function(...)
        local n = _select('#', ...)
        local parts = {}
        for i = 1, n do
          local v = (_select(i, ...))
          parts[i] = _type(v) == "number" and _gonum(v) or tostring(v)
        end
        _emit(table.concat(parts, "\t"))
      end
    """)
    fn, err = lua.eval(
        "function(src) local f, e = (loadstring or load)(src, '=input') "
        "if f then return f, false end return false, e end"
    )(
        source.encode("utf-8")
    )
    if fn is False:
        raise AssertionError(f"reference Lua rejected the program: {err}")
    ok_err = lua.eval(
        "function(f) local ok, e = pcall(f) if not ok then "
        "if type(e) == 'string' or type(e) == 'number' then return tostring(e) end "
        "return '(error object is a ' .. type(e) .. ' value)' end end"
    )(fn)
    if ok_err is not None:
        out.append("error: " + (ok_err.decode("latin-1") if isinstance(ok_err, bytes) else str(ok_err)))
    return [golua_wording(ln) for ln in out]


class _Capture:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def print(self, text: str) -> None:
        self.lines.append(text)

    def new_random(self) -> Any:
        import random

        return random.Random(0)

    def now(self) -> Any:
        from datetime import datetime

        return datetime(2024, 1, 1, tzinfo=UTC)

    def clock(self) -> float:
        return 0.0


def compiled_output(source: str) -> list[str]:
    from luac2py_runtime.lua.errors import to_lua_error
    from luac2py_runtime.lua.ops import tostring_basic
    from luac2py_runtime.host.script import load_module, run_chunk
    from luac2py_runtime.lua.values import lua_type

    reporter = D.Reporter()
    gc.disable()  # the compiler allocates much and frees little: collections only cost time
    try:
        c = compile_chunk(source, "input", reporter, chunk_name="input", in_workflow=False,
                          fmt=False)
    finally:
        gc.enable()
    if c is None:
        raise AssertionError("luac2py rejected the program: "
                             + "; ".join(str(d) for d in reporter.diagnostics))
    mod = load_module(c.text, "input")
    cap = _Capture()
    try:
        asyncio.run(run_chunk(mod, [], backend=cap))
    except Exception as e:  # noqa: BLE001 - a Python error escaping is itself a Lua error
        v = to_lua_error(e).value
        if type(v) in (str, int, float):
            cap.lines.append("error: " + tostring_basic(v))
        else:
            cap.lines.append(f"error: (error object is a {lua_type(v)} value)")
    return cap.lines


def version_of(source: str) -> str:
    first = source.split("\n", 1)[0]
    if "golua" in first:
        return "golua"
    return "5.3" if "5.3" in first else "5.1"


EXPECT_MARK = "--> "
CITE_MARK = "golua:"


def golua_expected(program: str) -> list[str]:
    """The output a go-lua case expects: its ``--> `` lines, in order, ``\\t`` standing for
    the tab ``print`` puts between values (``-->`` alone is an empty line)."""
    out = []
    for ln in program.split("\n"):
        s = ln.lstrip()
        if s.rstrip() == EXPECT_MARK.strip():
            out.append("")
        elif s.startswith(EXPECT_MARK):
            out.append(s[len(EXPECT_MARK):].replace("\\t", "\t"))
    return out


CASE_MARK = "-- case:"


def split_cases(source: str) -> list[tuple[str, str]]:
    """A case file's programs: ``(name, program)`` for every ``-- case: name`` section, or the
    whole file as one program when it has no sections. Each program keeps the file's first
    line (its ``-- lua:`` header) and its own lines at their place in the file, padded with
    empty lines, so that ``input:LINE:`` in error messages points into the file."""
    lines = source.split("\n")
    starts = [i for i, ln in enumerate(lines) if ln.startswith(CASE_MARK)]
    if not starts:
        return [("main", source)]
    out: list[tuple[str, str]] = []
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        name = lines[i][len(CASE_MARK):].strip() or f"case{n}"
        body = [lines[0]] + [""] * (i - 1) + lines[i:end]
        out.append((name, "\n".join(body)))
    return out
