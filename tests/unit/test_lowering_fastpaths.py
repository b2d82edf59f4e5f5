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
    code = _py("local function f(x) return x * x end\nreturn f(...)\n")
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


def test_guards_short_circuit_and_bind_both_operands() -> None:
    code = _py("local t = {}\nlocal s = ...\nfor i = 1, 3 do s = s + t[i] end\nreturn s\n")
    assert ") & (" not in code
    # the table access is bound even when `s` is no integer (the slow path needs it)
    assert "type(s) is type((_r :=" in code


def test_positive_loop_index_and_local_table_skip_checks() -> None:
    code = _py("local t = {}\nfor i = 1, 3 do t[i] = i end\nlocal s = 0\n"
               "for i = 1, #t do s = s + t[i] end\nreturn s\n")
    assert "type(t) is _T" not in code and "0 < i" not in code
    assert "t.meta is None" in code


def test_ipairs_walks_the_array_part_and_stops_at_nil() -> None:
    code = _py("local s = 0\nfor _, v in ipairs(...) do s = s + v end\nreturn s\n")
    assert "_ipairs_loop(" in code and "if v is None:" in code


def test_method_call_looks_up_the_class_inline() -> None:
    code = _py("local o = ...\nreturn o:get(1)\n")
    assert "'get' in o.hash" in code and "_m.hash.get('__index')" in code
    assert "_method(o, 'get'" in code  # the slow path


def test_comparisons_of_one_type_are_inline() -> None:
    code = _py("local a, b = ...\nreturn a < b, a ~= b, a == 0\n")
    assert "type(a) is type(b) in _ORDER_TYPES" in code
    assert "a != b if type(a) is type(b) in _EQ_TYPES else not _eq(a, b)" in code
    assert "a == 0 if type(a) is int else _eq(a, 0)" in code


def test_parameter_and_result_kinds_of_local_functions() -> None:
    code = _py("local function dm(a, b) return a // b, a % b end\n"
               "local function lt(x, y) return x < y end\n"
               "local q, r = dm(7, 2)\nreturn lt(q, r)\n")
    assert "type(a)" not in code and "type(x)" not in code
    assert "x < y" in code
    # escaping or called with an expansion: no static kind
    code = _py("local function f(a) return a + 1 end\nlocal g = f\nreturn f(1)\n")
    assert "type(a) is int" in code
    code = _py("local function f(a) return a + 1 end\nreturn f(1), f(...)\n")
    assert "type(a) is int" in code


def test_concat_of_unknown_values_is_inline_for_strings() -> None:
    code = _py('local t = ...\nreturn t.a .. "/" .. t.b\n')
    # both operands bound by one chained comparison, then Python's `+`
    assert "_c + '/' + _c_1" in code and ") is str" in code
    # the general chain on the same (bound) values otherwise
    assert "_concat(_c, _concat('/', _c_1" in code


def test_concat_fallback_evaluates_remaining_operands_in_order() -> None:
    code = _py("local t = ...\nreturn t.a .. t.b .. t.c\n")
    # the first pair failed: the third operand is still unevaluated, the fallback reads it
    assert "_concat(_c, _concat(_c_1, _v" in code
    # a non-string literal operand: the general chain only
    code = _py("local t = ...\nreturn t.a .. true\n")
    assert ") is str" not in code and "_concat(" in code


def test_float_arithmetic_after_the_int_path() -> None:
    code = _py("local a, b = ...\nreturn a * b, a + 1, -a\n")
    assert "type(a) is float and type(b) in _NUM_TYPES" in code
    assert "type(b) is float and type(a) is int" in code
    assert "a + 1 if type(a) is float else _add(a, 1" in code
    # unary minus is always a float in go-lua (vm.go OP_UNM)
    assert "-float(a) if type(a) in _NUM_TYPES else _unm(a" in code


def test_float_field_update_is_inline() -> None:
    code = _py("local g = {total = 0}\nlocal x = ...\ng.total = g.total + x\nreturn g\n")
    assert "elif type(_l) is float and type(x) in _NUM_TYPES:" in code
    assert "g.hash['total'] = _l + x" in code


def test_float_results_keep_the_fast_paths() -> None:
    # go-lua's values are floats where PUC Lua's were integers (x % 7, math.floor): a
    # comparison with a number takes both, and `for i = 1, n` (a float loop when n is a
    # float) indexes the array part when i is an integer
    code = _py("local x, n = ...\nlocal t = {}\nfor i = 1, n do t[i] = i % 7 end\n"
               "return x > 1, t[n]\n")
    assert "x > 1 if type(x) in _NUM_TYPES else _gt(x, 1)" in code
    assert "if type(i) is int and t.meta is None:" in code
