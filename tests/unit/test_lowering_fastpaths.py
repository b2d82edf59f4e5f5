"""The inline fast paths the lowering emits (their behaviour is checked against real Lua in
tests/conformance; these pin their shape)."""

from __future__ import annotations

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk


def _py(src: str) -> str:
    reporter = D.Reporter()
    c = compile_chunk(src, "x.lua", reporter, in_workflow=False, fmt=False)
    assert c is not None, reporter.diagnostics
    return c.text.split("def _chunk", 1)[1]


def test_numeric_for_variable_is_a_static_int() -> None:
    code = _py("local s = 0\nfor i = 1, 10 do s = i * i end\nreturn s\n")
    assert "type(i) is int" not in code
    assert "i * i" in code


def test_one_type_check_per_operand_name() -> None:
    code = _py("local function f(x) return x * x end\nreturn f(3)\n")
    assert code.count("type(x) is int") == 1


def test_single_result_of_dynamic_call_is_inline() -> None:
    code = _py("local t = {f = function() return 1, 2 end}\nlocal a = t.f()\nreturn a\n")
    assert "_first(" not in code and "is tuple" in code


def test_fixed_arity_local_function_unpacks_directly() -> None:
    code = _py("local function dm(a, b) return a // b, a % b end\n"
               "local q, r = dm(7, 2)\nreturn q + r\n")
    assert "_adjust(" not in code


def test_concat_of_strings_and_ints_is_an_f_string() -> None:
    code = _py('for i = 1, 3 do print("n=" .. i .. ";") end\n')
    assert "_concat(" not in code and "f'n={i};'" in code


def test_field_and_integer_key_writes_are_inline() -> None:
    code = _py("local t = {}\nfor i = 1, 3 do t[i] = i end\nt.x = 1\nreturn t\n")
    assert ".append(" in code and "t.hash['x'] = 1" in code
