"""Unit tests of the front end: every construct, the typed dialect (erased), numbers, strings,
error messages with positions, node positions, and deep nesting."""

from __future__ import annotations

import gc
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from luaparser import ast as luaparser_ast
from luaparser import astnodes as A
from luaparser.astnodes import CallStyle, IndexNotation, Node, StringDelimiter

import luac2py
from luac2py.diagnostics import LuaSyntaxError
from luac2py.frontend import nodes as N
from luac2py.frontend.lexer import tokenize
from luac2py.frontend.nodes import Pos, pos, set_pos
from luac2py.frontend.parser import MAX_LEVELS, parse

CORPUS_DIR = Path(__file__).parent / "parser_corpus"


# -- helpers -----------------------------------------------------------------------------------


def walk(node: object) -> Iterator[Node]:
    if isinstance(node, Node):
        yield node
        for key, value in node.__dict__.items():
            if not key.startswith("_"):
                yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def difference(a: object, b: object, path: str = "tree") -> str | None:
    """First difference between two trees (leaf types included, ``7`` is not ``7.0``).
    Positional fields' implicit ``_index`` is checked separately (hand-built trees lack it)."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, Node):
        assert isinstance(b, Node)
        for key in sorted(set(a.__dict__) | set(b.__dict__)):
            if key in ("_first_token", "_last_token", "_index", "comments"):
                continue
            d = difference(a.__dict__.get(key), b.__dict__.get(key), f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(a, list):
        assert isinstance(b, list)
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if a == b or (a != a and b != b):
        return None
    return f"{path}: {a!r} != {b!r}"


def same(a: Node, b: Node) -> bool:
    d = difference(a, b)
    assert d is None, d
    return True


def stmts(src: str) -> list[Node]:
    return parse(src).body.body


def expr(src: str) -> Node:
    """The expression ``src`` (parsed as the value of ``x = src``)."""
    (stmt,) = stmts("x = " + src)
    (value,) = stmt.values
    return value


_OPS = {
    "AddOp": "+", "SubOp": "-", "MultOp": "*", "FloatDivOp": "/", "FloorDivOp": "//",
    "ModOp": "%", "ExpoOp": "^", "Concat": "..", "BAndOp": "&", "BOrOp": "|", "BXorOp": "~",
    "BShiftLOp": "<<", "BShiftROp": ">>", "RLtOp": "<", "RGtOp": ">", "RLtEqOp": "<=",
    "RGtEqOp": ">=", "REqOp": "==", "RNotEqOp": "~=", "LAndOp": "and", "LOrOp": "or",
    "UMinusOp": "-", "UBNotOp": "~", "ULNotOp": "not ", "ULengthOp": "#",
}


def show(e: Node) -> str:
    """A fully parenthesised rendering of an expression of names, numbers and operators."""
    if isinstance(e, A.BinaryOp):
        return f"({show(e.left)} {_OPS[e._name]} {show(e.right)})"
    if isinstance(e, A.UnaryOp):
        return f"({_OPS[e._name]}{show(e.operand)})"
    if isinstance(e, A.Name):
        return e.id
    if isinstance(e, A.Number):
        return repr(e.n)
    raise AssertionError(f"cannot show {type(e).__name__}")


def syntax_error(src: str) -> LuaSyntaxError:
    with pytest.raises(LuaSyntaxError) as info:
        parse(src, "t.lua")
    return info.value


def luaparser_tree(src: str) -> Node:
    tree = luaparser_ast.parse(src)
    for n in walk(tree):
        n.comments = []
    return tree


# -- API ----------------------------------------------------------------------------------------


def test_parse_returns_a_chunk_and_package_entry_point_delegates() -> None:
    tree = parse("return 1")
    assert isinstance(tree, A.Chunk)
    assert isinstance(tree.body, A.Block)
    assert luac2py.parse("return 1") == tree


def test_parse_accepts_utf8_bytes_and_keeps_invalid_bytes_in_strings() -> None:
    tree = parse(b'local s = "caf\xc3\xa9\xff"')
    assert tree.body.body[0].values[0].s == b"caf\xc3\xa9\xff"


def test_gc_and_recursion_limit_are_restored() -> None:
    limit = sys.getrecursionlimit()
    assert gc.isenabled()
    parse("x = 1")
    syntax_error("x = = 1")
    assert gc.isenabled()
    assert sys.getrecursionlimit() == limit
    gc.disable()
    try:
        parse("x = 1")
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- node constructors -------------------------------------------------------------------------


_REAL = {
    "chunk": lambda: A.Chunk(None),
    "block": lambda: A.Block(None),
    "name": lambda: A.Name(None),
    "index": lambda: A.Index(None, None, None),
    "call": lambda: A.Call(None, None, None),
    "invoke": lambda: A.Invoke(None, None, None, None),
    "number": lambda: A.Number(None),
    "string": lambda: A.String(None, None, None),
    "field": lambda: A.Field(None, None, None),
    "table": lambda: A.Table(None),
    "nil": A.Nil,
    "true": A.TrueExpr,
    "false": A.FalseExpr,
    "dots": A.Dots,
    "varargs": A.Varargs,
    "anonymous_function": lambda: A.AnonymousFunction(None, None),
    "assign": lambda: A.Assign(None, None),
    "local_assign": lambda: A.LocalAssign(None, None),
    "while_": lambda: A.While(None, None),
    "do": lambda: A.Do(None),
    "repeat": lambda: A.Repeat(None, None),
    "if_": lambda: A.If(None, None, None),
    "elseif": lambda: A.ElseIf(None, None, None),
    "label": lambda: A.Label(None),
    "goto": lambda: A.Goto(None),
    "semicolon": A.SemiColon,
    "break_": A.Break,
    "return_": lambda: A.Return(None),
    "fornum": lambda: A.Fornum(None, None, None, None, None),
    "forin": lambda: A.Forin(None, None, None),
    "function": lambda: A.Function(None, None, None),
    "local_function": lambda: A.LocalFunction(None, None, None),
    "method": lambda: A.Method(None, None, None, None),
}


@pytest.mark.parametrize("factory", sorted(_REAL))
def test_fast_constructors_set_exactly_what_luaparser_sets(factory: str) -> None:
    real = _REAL[factory]()
    fn = getattr(N, factory)
    nargs = len(inspect.signature(fn).parameters)
    ours = fn(*([None] * (nargs - 1)), Pos(1, 1))
    assert type(ours) is type(real)
    assert set(ours.__dict__) == set(real.__dict__)
    assert ours._name == real._name
    for key in ("wrapped", "value"):
        if key in real.__dict__:
            assert ours.__dict__[key] == real.__dict__[key]


@pytest.mark.parametrize(
    "cls", [c for c in vars(A).values() if isinstance(c, type) and issubclass(c, A.BinaryOp)
            and c not in (A.BinaryOp, A.AriOp, A.BitOp, A.RelOp, A.LoOp)]
)
def test_every_binary_operator_node_is_built_like_luaparser(cls: type) -> None:
    real = cls(None, None)
    from luac2py.frontend.parser import _BINARY

    (entry,) = [e for e in _BINARY.values() if e[2] is cls]
    ours = N.binop(cls, entry[3], None, None, Pos(1, 1))
    assert ours.__dict__.keys() == real.__dict__.keys() and ours._name == real._name


# -- constructs --------------------------------------------------------------------------------


def test_index_shapes() -> None:
    assert same(expr("a.b"), A.Index(A.Name("b"), A.Name("a"), IndexNotation.DOT))
    assert same(expr("a[k]"), A.Index(A.Name("k"), A.Name("a"), IndexNotation.SQUARE))
    assert same(
        expr("a.b[1]"),
        A.Index(A.Number(1), A.Index(A.Name("b"), A.Name("a")), IndexNotation.SQUARE),
    )


def test_calls_and_invokes() -> None:
    assert same(expr("f(1, 2)"), A.Call(A.Name("f"), [A.Number(1), A.Number(2)]))
    assert same(
        expr('f "s"'),
        A.Call(A.Name("f"), [A.String(b"s", "s", StringDelimiter.DOUBLE_QUOTE)],
               CallStyle.NO_PARENTHESIS),
    )
    assert same(expr("f{}"), A.Call(A.Name("f"), [A.Table([])], CallStyle.NO_PARENTHESIS))
    assert same(expr("a:m(x)"), A.Invoke(A.Name("a"), A.Name("m"), [A.Name("x")]))
    assert same(
        expr("a.b:m[[s]]"),
        A.Invoke(A.Index(A.Name("b"), A.Name("a")), A.Name("m"),
                 [A.String(b"s", "s", StringDelimiter.DOUBLE_SQUARE)], CallStyle.NO_PARENTHESIS),
    )
    assert same(expr("f()()"), A.Call(A.Call(A.Name("f"), []), []))


def test_function_statements() -> None:
    body = A.Block([])
    assert same(stmts("function f() end")[0], A.Function(A.Name("f"), [], body))
    assert same(
        stmts("function a.b.c(x, ...) end")[0],
        A.Function(A.Index(A.Name("c"), A.Index(A.Name("b"), A.Name("a"))),
                   [A.Name("x"), A.Varargs()], body),
    )
    assert same(
        stmts("function a.b:c(x) end")[0],
        A.Method(A.Index(A.Name("b"), A.Name("a")), A.Name("c"), [A.Name("x")], body),
    )
    assert same(stmts("local function f(...) end")[0],
                A.LocalFunction(A.Name("f"), [A.Varargs()], body))
    assert same(expr("function(a) end"), A.AnonymousFunction([A.Name("a")], body))


def test_wrapped_expressions() -> None:
    e = expr("(f())")
    assert isinstance(e, A.Call) and e.wrapped is True
    assert expr("f()").wrapped is False
    e = expr("(a).b")
    assert e.wrapped is False and e.value.wrapped is True
    assert expr("((...))").wrapped is True


def test_table_fields() -> None:
    t = expr('{1, k = 2, [3] = 4; "five", [k] = f()}')
    assert same(t, A.Table([
        A.Field(None, A.Number(1)),
        A.Field(A.Name("k"), A.Number(2)),
        A.Field(A.Number(3), A.Number(4), between_brackets=True),
        A.Field(None, A.String(b"five", "five", StringDelimiter.DOUBLE_QUOTE)),
        A.Field(A.Name("k"), A.Call(A.Name("f"), []), between_brackets=True),
    ]))
    assert [f.index for f in t.fields] == [1, None, None, 2, None]


def test_loops() -> None:
    fornum = stmts("for i = 1, 10 do end")[0]
    assert same(fornum, A.Fornum(A.Name("i"), A.Number(1), A.Number(10), 1, A.Block([])))
    assert fornum.step == 1 and type(fornum.step) is int
    assert same(stmts("for i = 10, 1, -1 do break end")[0].step, A.UMinusOp(A.Number(1)))
    assert same(
        stmts("for k, v in pairs(t), 1 do end")[0],
        A.Forin(A.Block([]), [A.Call(A.Name("pairs"), [A.Name("t")]), A.Number(1)],
                [A.Name("k"), A.Name("v")]),
    )
    assert same(stmts("while x do end")[0], A.While(A.Name("x"), A.Block([])))
    assert same(stmts("repeat local y until y")[0],
                A.Repeat(A.Block([A.LocalAssign([A.Name("y")], [])]), A.Name("y")))


def test_if_elseif_else_chain() -> None:
    s = stmts("if a then x() elseif b then elseif c then else y() end")[0]
    assert same(s, A.If(
        A.Name("a"), A.Block([A.Call(A.Name("x"), [])]),
        A.ElseIf(A.Name("b"), A.Block([]),
                 A.ElseIf(A.Name("c"), A.Block([]), A.Block([A.Call(A.Name("y"), [])]))),
    ))
    assert stmts("if a then end")[0].orelse is None
    assert same(stmts("if a then else end")[0].orelse, A.Block([]))


def test_other_statements() -> None:
    assert same(stmts("goto done ::done::")[0], A.Goto(A.Name("done")))
    assert same(stmts("goto done ::done::")[1], A.Label(A.Name("done")))
    assert same(stmts("do ; end")[0], A.Do(A.Block([A.SemiColon()])))
    assert same(stmts("local a, b = 1")[0],
                A.LocalAssign([A.Name("a"), A.Name("b")], [A.Number(1)]))
    assert same(stmts("a, b.c = 1, 2")[0],
                A.Assign([A.Name("a"), A.Index(A.Name("c"), A.Name("b"))],
                         [A.Number(1), A.Number(2)]))
    assert same(stmts("return")[0], A.Return([]))
    assert same(stmts("return 1, ...;")[0], A.Return([A.Number(1), A.Dots()]))
    assert same(stmts("while 1 do break end")[0].body.body[0], A.Break())
    assert [type(s) for s in stmts("f();;g()")] == [A.Call, A.SemiColon, A.SemiColon, A.Call]


def test_literals() -> None:
    assert same(expr("nil"), A.Nil())
    assert same(expr("true"), A.TrueExpr())
    assert same(expr("false"), A.FalseExpr())
    assert same(expr("..."), A.Dots())


CONSTRUCTS = [
    "local a = nil",
    "a, b, c = f()",
    "local t = {f(), g(), ...}",
    "x = a.b.c:d(e)[f].g",
    "x = #t + -n * ~m",
    "x = not a or b and c",
    "f{a = 1}{b = 2}'three'",
    "local f = function(a, b, ...) return ... end",
    "for i = 1, 3, 0.5 do local j = i end",
    "repeat local x = 1 until x == 1",
    "if a then elseif b then else end",
    "goto continue ::continue::",
    "x = 1 // 2 % 3 ^ 4 .. 5 << 6 >> 7 & 8 | 9 ~ 10",
    "local s = [==[ ]] ]==] .. 'a\\'b' .. \"c\\\"d\"",
    "x = 0x10 + 1e3 + .5 + 3. + 1E-2",
    "do local a; local b end",
    "a.b.c = function(self) return self end",
    "print(('x'):rep(3), #{1, 2})",
]


@pytest.mark.parametrize("src", CONSTRUCTS)
def test_constructs_equal_luaparser(src: str) -> None:
    assert same(parse(src), luaparser_tree(src))


# -- operator precedence -----------------------------------------------------------------------


PRECEDENCE = [
    ("a or b and c", "(a or (b and c))"),
    ("a and b or c and d", "((a and b) or (c and d))"),
    ("a < b == c", "((a < b) == c)"),
    ("a == b | c", "(a == (b | c))"),
    ("a | b ~ c", "(a | (b ~ c))"),
    ("a ~ b & c", "(a ~ (b & c))"),
    ("a & b << c", "(a & (b << c))"),
    ("a << b .. c", "(a << (b .. c))"),
    ("a .. b .. c", "(a .. (b .. c))"),
    ("a .. b + c", "(a .. (b + c))"),
    ("a + b * c", "(a + (b * c))"),
    ("a - b - c", "((a - b) - c)"),
    ("a / b // c % d", "(((a / b) // c) % d)"),
    ("-a ^ b", "(-(a ^ b))"),
    ("-2 ^ 2", "(-(2 ^ 2))"),
    ("a ^ -b", "(a ^ (-b))"),
    ("a ^ b ^ c", "(a ^ (b ^ c))"),
    ("2 ^ -3 ^ 2", "(2 ^ (-(3 ^ 2)))"),
    ("not a == b", "((not a) == b)"),
    ("#a + 1", "((#a) + 1)"),
    ("~a & b", "((~a) & b)"),
    ("a ~ ~b", "(a ~ (~b))"),
    ("- - a", "(-(-a))"),
    ("a >> b >> c", "((a >> b) >> c)"),
    ("a < b .. c", "(a < (b .. c))"),
    ("1 .. 2 == 3", "((1 .. 2) == 3)"),
    ("a + b .. c + d", "((a + b) .. (c + d))"),
    ("a .. b ^ c .. d", "(a .. ((b ^ c) .. d))"),
]


@pytest.mark.parametrize(("src", "shape"), PRECEDENCE)
def test_operator_precedence(src: str, shape: str) -> None:
    assert show(expr(src)) == shape


def test_concat_chain_is_right_associative_and_not_recursive() -> None:
    n = 2000
    e = expr(" .. ".join(f"v{i}" for i in range(n)))
    for i in range(n - 1):
        assert isinstance(e, A.Concat) and e.left.id == f"v{i}"
        e = e.right
    assert e.id == f"v{n - 1}"


def test_long_left_associative_and_power_chains() -> None:
    e = expr(" + ".join(["1"] * 3000))
    depth = 0
    while isinstance(e, A.AddOp):
        e, depth = e.left, depth + 1
    assert depth == 2999
    e = expr(" ^ ".join(["2"] * 2000))
    assert isinstance(e, A.ExpoOp) and isinstance(e.right, A.ExpoOp)
    e = expr("-" * 1 + " - ".join(["x"] * 10) + " .. " + "not " * 500 + "y")
    assert isinstance(e, A.Concat)


# -- the typed dialect (erased) ----------------------------------------------------------------


TYPED = [
    # local annotations
    ("local x: number = 1", "local x = 1"),
    ("local x: string", "local x"),
    ("local a: T, b: U? = f()", "local a, b = f()"),
    ("local a, b: {string} = 1, {}", "local a, b = 1, {}"),
    ("local m: {[string]: number} = {}", "local m = {}"),
    ("local r: {a: number, b: string?; c: {number}} = {}", "local r = {}"),
    ("local r: {a: number, b?: string, readonly c: any} = {}", "local r = {}"),
    ("local f: (a: number, b: string?) -> boolean = g", "local f = g"),
    ("local f: (number) -> (string, boolean) = g", "local f = g"),
    ("local f: () -> () = g", "local f = g"),
    ("local u: A | B | nil = g", "local u = g"),
    ("local i: A & B = g", "local i = g"),
    ("local m: process.Message = msg", "local m = msg"),
    ("local g: Foo<T, U> = x", "local g = x"),
    ("local g: Map<string, Box<Result<T>>> = x", "local g = x"),
    ("local x: Foo<T>= 1", "local x = 1"),
    ("local l: 'a' | \"b\" | 1 | -1 | true | false = x", "local l = x"),
    ("local p: (A | B)? = x", "local p = x"),
    ("local a: any, u: unknown = 1, 2", "local a, u = 1, 2"),
    ("local t: typeof(x) = x", "local t = x"),
    ("local k: keyof T = x", "local k = x"),
    ("local n: number[] = {}", "local n = {}"),
    ("local f: fun(x: number): string = g", "local f = g"),
    ("local r: readonly {number} = t", "local r = t"),
    ("local v: number @min(0) @max(10) = 5", "local v = 5"),
    ("local v: (...any) -> ...any = g", "local v = g"),
    # parameters, return types, generics
    ("function f(a: T, b: U?) end", "function f(a, b) end"),
    ("function f(a: number, ...: any) end", "function f(a, ...) end"),
    ("function f(...: string) end", "function f(...) end"),
    ("function f(): number return 1 end", "function f() return 1 end"),
    ("function f(): (number, string) return 1, 'a' end", "function f() return 1, 'a' end"),
    ("function f(): number, string return 1, 'a' end", "function f() return 1, 'a' end"),
    ("function f(): () end", "function f() end"),
    ("function f(): (x: number) -> string end", "function f() end"),
    ("function f<T>(x: T): T return x end", "function f(x) return x end"),
    ("function f<T, U: Base, V = string>(x: T) end", "function f(x) end"),
    ("function m.n.f<T>(x: T): T? end", "function m.n.f(x) end"),
    ("function Obj:method(x: number): string end", "function Obj:method(x) end"),
    ("function Obj:method<T>(x: T) end", "function Obj:method(x) end"),
    ("local function f<T, U>(x: T, y: U): (T, U) return x, y end",
     "local function f(x, y) return x, y end"),
    ("local function f(): string? end", "local function f() end"),
    ("local g = function(x: number): number return x end", "local g = function(x) return x end"),
    ("local g = function<T>(x: T): T return x end", "local g = function(x) return x end"),
    ("function f(x: number): asserts x is string end", "function f(x) end"),
    # type aliases and interfaces leave nothing
    ("type Foo = number\nx = 1", "x = 1"),
    ("type Foo<T> = {T} | nil\nx = 1", "x = 1"),
    ("type Fn = (a: number) -> (boolean, string)\nx = 1", "x = 1"),
    ("type C = T extends U ? A : B\nx = 1", "x = 1"),
    ("export type Point = {x: number, y: number}\nx = 1", "x = 1"),
    ("type R<K, V> = {[K]: V}\ntype S = R<string, number>\nx = 1", "x = 1"),
    ("do type Local = string end", "do end"),
    ("interface Greeter\n  name: string\n  greet: (self, x: number) -> string\nend\nx = 1",
     "x = 1"),
    ("interface Shape: Base, pkg.Other\n  function area(self): number\n"
     "  function map<T>(value: T): pkg.Result\n  readonly id?: string;\n"
     "  describe(self): string,\nend", ""),
    ("interface Empty end", ""),
    # casts and non-nil assertions
    ("local y = x as number", "local y = x"),
    ("local y = x as number + 1", "local y = x + 1"),
    ("local y = a + b as number", "local y = a + b"),
    ("local y = (x as string):upper()", "local y = (x):upper()"),
    ("local y = x :: number", "local y = x"),
    ("local y = f(x :: T, y as U)", "local y = f(x, y)"),
    ("local y = {x as T, k = v :: U}", "local y = {x, k = v}"),
    ("local y = x as A | B", "local y = x"),
    ("local y = x as {string}", "local y = x"),
    ("local y = nil as T?", "local y = nil"),
    ("local y = x!", "local y = x"),
    ("local y = x! + z!", "local y = x + z"),
    ("local y = f(x)!.z!:m()!", "local y = f(x).z:m()"),
    ("local y = t[i]! as number", "local y = t[i]"),
    ("if x! ~= nil then end", "if x ~= nil then end"),
    ("local y = f::<T, U>(x, y)", "local y = f(x, y)"),
    ("local y = obj:method::<Box<T>>(x)", "local y = obj:method(x)"),
    # labels still work next to `::` casts
    ("x = y\n::lbl::\ngoto lbl", "x = y\n::lbl::\ngoto lbl"),
    ("f()\n::lbl::", "f()\n::lbl::"),
    ("x = y :: T\nf()", "x = y\nf()"),
]


@pytest.mark.parametrize(("typed", "plain"), TYPED, ids=[t for t, _ in TYPED])
def test_typed_code_erases_to_the_plain_tree(typed: str, plain: str) -> None:
    assert same(parse(typed), parse(plain))


def test_typed_program() -> None:
    typed = """
type Order = {id: string, items: {Item}, total: number?}
interface Store
  function get(self, id: string): Order?
  put: (self, order: Order) -> boolean
end

local function total<T>(order: Order, tax: number?): number
  local sum: number = 0
  for _, item in ipairs(order.items :: {Item}) do
    sum = sum + (item.price as number) * item.qty!
  end
  return sum * (1 + (tax or 0))
end

function Store.load(self: Store, id: string): (Order?, string?)
  local o = self:get(id)
  if not o then return nil, "missing " .. id end
  return o, nil
end
"""
    plain = """
local function total(order, tax)
  local sum = 0
  for _, item in ipairs(order.items) do
    sum = sum + (item.price) * item.qty
  end
  return sum * (1 + (tax or 0))
end

function Store.load(self, id)
  local o = self:get(id)
  if not o then return nil, "missing " .. id end
  return o, nil
end
"""
    assert same(parse(typed), parse(plain))
    assert same(parse(plain), luaparser_tree(plain))


# -- contextual words --------------------------------------------------------------------------


def test_type_is_contextual() -> None:
    assert same(parse("local t = type(x)"), luaparser_tree("local t = type(x)"))
    assert same(parse("local type = 1\ntype = 2"), luaparser_tree("local type = 1\ntype = 2"))
    assert same(parse("t.type = {type = 'x'}"), luaparser_tree("t.type = {type = 'x'}"))
    assert same(parse("type 'x'"), luaparser_tree("type 'x'"))
    assert same(parse("type.x = 1"), luaparser_tree("type.x = 1"))
    assert same(parse("print(type)"), luaparser_tree("print(type)"))
    assert stmts("type X = number") == []


WORDS = ["fun", "interface", "as", "is", "readonly", "asserts", "typeof", "keyof", "extends",
         "type", "export"]


@pytest.mark.parametrize("word", WORDS)
def test_dialect_words_are_still_names(word: str) -> None:
    for src in [
        f"x = t.{word}",
        f"x = t:{word}()",
        f"t.{word} = 1",
        f"x = {{{word} = 1}}",
        f"function t.{word}() end",
        f"function t:{word}() end",
        f"local {word} = 1",
        f"x = {word}",
        f"{word}(1)",
    ]:
        assert same(parse(src), luaparser_tree(src)), src


def test_interface_needs_a_name_to_start_a_declaration() -> None:
    assert same(parse("interface = 1"), luaparser_tree("interface = 1"))
    assert same(parse("interface.x = 1"), luaparser_tree("interface.x = 1"))


def test_break_may_appear_anywhere_in_a_loop() -> None:
    (loop,) = stmts("while x do break; f() end")
    assert [type(s) for s in loop.body.body] == [A.Break, A.SemiColon, A.Call]


def test_call_on_a_new_line_is_ambiguous_only_after_a_parenthesis() -> None:
    # gopher-lua's rule: `f\n(g)` is a call, `f(a)\n(g)` is an error
    assert same(parse("x = f\n(g)"), parse("x = f(g)"))
    assert same(parse("x = f\n'g'"), parse("x = f'g'"))
    assert "ambiguous syntax" in syntax_error("f(a)\n(g)()").message


def test_not_equal_still_lexes_after_bang_support() -> None:
    assert isinstance(expr("a ~= b"), A.NotEqToOp)
    assert isinstance(expr("a ~ b"), A.BXorOp)


# -- numbers -----------------------------------------------------------------------------------


# Numerals as Wippy's lexer reads them (go-lua compiler/parse/lexer.go scanNumber: one leading
# zero before a digit dropped, then utils.go parseNumberValue: Go's ParseInt(s, 0, 64), else
# ParseFloat; compile.go turns a numeral neither reads into NaN)
NAN = float("nan")
NUMBERS = [
    ("0", 0), ("42", 42), ("1.0", 1.0), ("1.", 1.0), (".5", 0.5), ("1e2", 100.0),
    ("1E+2", 100.0), ("2.5e-1", 0.25), ("0x10", 16), ("0XfF", 255), ("007", 7),
    ("010", 10), ("0010", 8), ("08", 8), ("008", 8.0), ("0099", 99.0), ("00", 0),
    ("007.5", 7.5), ("01e1", 10.0),
    ("9223372036854775807", 9223372036854775807),
    ("9223372036854775808", 9.223372036854775808e18),
    ("123456789012345678901234567890", 1.2345678901234568e29),
    ("0xffffffffffffffff", NAN), ("0x8000000000000000", NAN),
    ("0x10000000000000001", NAN), ("0x7fffffffffffffff", 9223372036854775807),
    ("1e400", NAN), ("0" * 30 + "12", 10), ("1" * 5000, NAN), ("0x" + "f" * 5000, NAN),
]
@pytest.mark.parametrize(("src", "value"), NUMBERS, ids=[s[:30] for s, _ in NUMBERS])
def test_number_values_and_subtypes(src: str, value: int | float) -> None:
    n = expr(src)
    assert isinstance(n, A.Number)
    assert type(n.n) is type(value) and (n.n == value or n.n != n.n and value != value)


def test_hex_exponent_is_not_e() -> None:
    # 0x1e is a hex integer (30), so `0x1e+2` is an addition (as in Lua 5.3)
    assert show(expr("0x1e+2")) == "(30 + 2)"


# -- strings -----------------------------------------------------------------------------------


STRINGS = [
    ('"abc"', b"abc", "abc", StringDelimiter.DOUBLE_QUOTE),
    ("'abc'", b"abc", "abc", StringDelimiter.SINGLE_QUOTE),
    (r'"\a\b\f\n\r\t\v\\\"\'"', b"\a\b\f\n\r\t\v\\\"'", r"\a\b\f\n\r\t\v\\\"\'",
     StringDelimiter.DOUBLE_QUOTE),
    (r'"\65\066\0677\0"', b"AB\x437\x00", r"\65\066\0677\0", StringDelimiter.DOUBLE_QUOTE),
    (r'"\255\128"', b"\xff\x80", r"\255\128", StringDelimiter.DOUBLE_QUOTE),
    ('"a\\\nb"', b"a\nb", "a\\\nb", StringDelimiter.DOUBLE_QUOTE),
    ('"a\\\r\nb"', b"a\nb", "a\\\r\nb", StringDelimiter.DOUBLE_QUOTE),
    (r'"\q\."', b"q.", r"\q\.", StringDelimiter.DOUBLE_QUOTE),
    # go-lua lexer.go scanEscape: any other escaped character stands for itself
    (r'"\x41\z\u{48}"', b"x41zu{48}", r"\x41\z\u{48}", StringDelimiter.DOUBLE_QUOTE),
    (r'"\x00\x01\xff"', b"x00x01xff", r"\x00\x01\xff", StringDelimiter.DOUBLE_QUOTE),
    ('"한글"', "한글".encode(), "한글", StringDelimiter.DOUBLE_QUOTE),
    ("[[x]]", b"x", "x", StringDelimiter.DOUBLE_SQUARE),
    ("[[\nx]]", b"x", "\nx", StringDelimiter.DOUBLE_SQUARE),
    ("[[\r\nx\r\ny]]", b"x\ny", "\r\nx\r\ny", StringDelimiter.DOUBLE_SQUARE),
    ("[[\n\nx]]", b"\nx", "\n\nx", StringDelimiter.DOUBLE_SQUARE),
    ("[==[a]]b]=]c]==]", b"a]]b]=]c", "a]]b]=]c", StringDelimiter.DOUBLE_SQUARE),
    (r"[[\n]]", b"\\n", r"\n", StringDelimiter.DOUBLE_SQUARE),
    ("[=[]=]", b"", "", StringDelimiter.DOUBLE_SQUARE),
]


@pytest.mark.parametrize(("src", "s", "raw", "delimiter"), STRINGS)
def test_string_values(src: str, s: bytes, raw: str, delimiter: StringDelimiter) -> None:
    e = expr(src)
    assert same(e, A.String(s, raw, delimiter))


def test_long_comments_of_any_level() -> None:
    src = "--[==[ ]] ]=] ]==] x = 1 --[[\n]] y = 2 -- z = 3\n--[ w = 4\n"
    assert [s.targets[0].id for s in stmts(src)] == ["x", "y"]


# -- errors ------------------------------------------------------------------------------------


ERRORS = [
    ("function f()\n  x = 1\n\n  return x\n y", "'end' expected (to close 'function' at line 1) "
     "near 'y'", 5, 2),
    ("if x then\n  y = 1\n", "'end' expected (to close 'if' at line 1) near '<eof>'", 3, 1),
    ("if x then y = 1", "'end' expected near '<eof>'", 1, 16),
    ("while x do\nend end", "'<eof>' expected near 'end'", 2, 5),
    ("x = + 1", "unexpected symbol near '+'", 1, 5),
    ('x = "abc', "unfinished string near '<eof>'", 1, 5),
    ('x = "abc\ny"', "unfinished string near '\"abc'", 1, 5),
    ("x = 3x", "malformed number near '3x'", 1, 5),
    ("x = 0x", "malformed number near '0x'", 1, 5),
    ("x = 1..2", "malformed number near '1..2'", 1, 5),
    # go-lua's lexer has no hexadecimal fractions or exponents
    ("x = 0x1p4", "malformed number near '0x1p4'", 1, 5),
    ("x = 0x.8", "malformed number near '0x.8'", 1, 5),
    ("x = 0xA.8p1", "malformed number near '0xA.8p1'", 1, 5),
    ("x = [[abc", "unfinished long string near '<eof>'", 1, 5),
    ("\n--[==[ abc ]]", "unfinished long comment near '<eof>'", 2, 1),
    ("x = [=abc", "invalid long string delimiter near '[='", 1, 5),
    ('x = "\\256"', "decimal escape too large near '\"\\256'", 1, 5),
    ("x = {1, 2", "'}' expected near '<eof>'", 1, 10),
    ("x = {\n1 2}", "'}' expected (to close '{' at line 1) near '2'", 2, 3),
    ("f(a,\nb", "')' expected (to close '(' at line 1) near '<eof>'", 2, 2),
    ("for i = 1 do end", "',' expected near 'do'", 1, 11),
    ("for i do end", "'=' or 'in' expected near 'do'", 1, 7),
    ("local 1 = 2", "<name> expected near '1'", 1, 7),
    ("function f(a, 1) end", "<name> or '...' expected near '1'", 1, 15),
    ("x", "'=' expected near '<eof>'", 1, 2),
    ("x y", "'=' expected near 'y'", 1, 3),
    ("(a) = 1", "syntax error near '='", 1, 5),
    ("a, f() = 1", "syntax error near '='", 1, 8),
    ("f() = 1", "unexpected symbol near '='", 1, 5),
    ("return 1 x = 2", "'<eof>' expected near 'x'", 1, 10),
    ("x = a:b", "function arguments expected near '<eof>'", 1, 8),
    ("f(a)\n(b)()", "ambiguous syntax (function call x new statement) near '('", 2, 1),
    ("x = $", "unexpected symbol near '$'", 1, 5),
    ("x = 1 +\x01", "unexpected symbol near '<\\1>'", 1, 8),
    ("goto 1", "<name> expected near '1'", 1, 6),
    ("::a:", "'::' expected near ':'", 1, 4),
    ("repeat x = 1", "'until' expected near '<eof>'", 1, 13),
    ("x = a[1", "']' expected near '<eof>'", 1, 8),
    ("local t = {[1] 2}", "'=' expected near '2'", 1, 16),
    ("local x: = 1", "type expected near '='", 1, 10),
    ("type X =", "type expected near '<eof>'", 1, 9),
    ("local x: Foo<T = 1", "'>' expected near '='", 1, 16),
    ("interface I\n  x: number\n", "'end' expected (to close 'interface' at line 1) "
     "near '<eof>'", 3, 1),
    ("interface I\n  x number\nend", "':' expected near 'number'", 2, 5),
    ("if a != b then end", "'then' expected near '='", 1, 7),
    ("local function f()\n  return function()\n  end", "'end' expected (to close 'function' "
     "at line 1) near '<eof>'", 3, 6),
    ("x = y\n\n  z = = 2", "unexpected symbol near '='", 3, 7),
    ("x = 1\n" * 3 + "x = 'é\\999'", "decimal escape too large near ''é\\999'", 4, 5),
]


@pytest.mark.parametrize(("src", "message", "line", "col"), ERRORS,
                         ids=[m for _, m, _, _ in ERRORS])
def test_syntax_errors(src: str, message: str, line: int, col: int) -> None:
    err = syntax_error(src)
    assert (err.message, err.line, err.col) == (message, line, col)
    assert str(err) == f"t.lua:{line}:{col}: error: {message}"
    assert err.filename == "t.lua"


def test_earlier_syntax_error_wins_over_later_lexical_error() -> None:
    err = syntax_error('x = = 1\ny = "unfinished')
    assert (err.message, err.line) == ("unexpected symbol near '='", 1)


def test_errors_never_escape_as_other_exceptions() -> None:
    for src in ["", " ", "\n\n", "--", "[", "]", "..", "...", "::", "#!", "#", "\0", "\ud800",
                "'\ud800'", "x = '\\", "x = '\\\n", "function", "local function", "a.", "a:",
                "x = <T>", "type", "type X", "type X<", "type X<T", "local x: {", "x = y as",
                "x = y ::", "interface", "interface I", "x = 1 as", "f::<", "f::<T>", "x!!!"]:
        try:
            parse(src)
        except LuaSyntaxError:
            pass


def test_shebang_line_is_skipped() -> None:
    assert same(parse("#!/usr/bin/env lua\nx = 1"), parse("\nx = 1"))
    assert pos(stmts("#!/usr/bin/env lua\nx = 1")[0]) == (2, 1)


# -- positions ---------------------------------------------------------------------------------


def test_every_node_has_a_position() -> None:
    for path in sorted(CORPUS_DIR.glob("*.lua"))[:40]:
        tree = parse(path.read_bytes().decode())
        for n in walk(tree):
            p = n._first_token
            assert isinstance(p, Pos), (path.name, type(n).__name__)
            assert p.line >= 1 and p.column >= 1
            assert n.line == p.line  # luaparser's own property reads it


def test_positions_of_nodes() -> None:
    src = (
        "local x = a + b\n"          # 1
        "  y.z[1] = f(x, g 'q')\n"   # 2
        "if x then\n"                # 3
        "\tobj:m{1}\n"               # 4
        "end\n"                      # 5
        "return -x .. 'é' .. 2\n"    # 6
    )
    body = stmts(src)
    local, assign, if_, ret = body
    assert pos(local) == (1, 1)
    assert pos(local.targets[0]) == (1, 7)
    add = local.values[0]
    assert pos(add) == (1, 13)  # the operator
    assert pos(add.left) == (1, 11) and pos(add.right) == (1, 15)
    assert pos(assign) == (2, 3)
    target = assign.targets[0]
    assert pos(target) == (2, 6)  # '['
    assert pos(target.value) == (2, 4)  # '.'
    assert pos(target.value.idx) == (2, 5)
    call = assign.values[0]
    assert pos(call) == (2, 13)  # '('
    assert pos(call.func) == (2, 12)
    assert pos(call.args[1]) == (2, 19)  # `g 'q'`: the string argument
    assert pos(if_) == (3, 1) and pos(if_.test) == (3, 4)
    invoke = if_.body.body[0]
    assert pos(invoke) == (4, 7)  # '{'
    assert pos(invoke.source) == (4, 2) and pos(invoke.func) == (4, 6)
    assert pos(ret) == (6, 1)
    concat = ret.values[0]
    assert pos(concat) == (6, 11)
    assert pos(concat.left) == (6, 8) and pos(concat.left.operand) == (6, 9)
    assert pos(concat.right.left) == (6, 14)
    assert pos(concat.right) == (6, 18)  # columns count characters, not bytes
    assert pos(concat.right.right) == (6, 21)


def test_positions_after_multiline_tokens_and_crlf() -> None:
    src = "x = [[a\nb\nc]] .. y\r\n--[==[\n\n]==] z = 'a\\\nb' .. w\n\rv = 1"
    x, z, v = stmts(src)
    assert pos(x.values[0].right) == (3, 8)
    assert pos(z) == (6, 6)
    assert pos(z.values[0].right) == (7, 7)
    assert pos(v) == (8, 1)  # "\n\r" is one line break, as in Lua
    assert str(syntax_error("\r\n\r\nx = = 1")).startswith("t.lua:3:5:")


def test_docstring_example() -> None:
    src = ('local function greet<T>(name: string, n: T?): string\n'
           '  return "hi " .. (name as string) .. n!\nend\n')
    (fn,) = stmts(src)
    assert pos(fn) == (1, 1) and pos(fn.name) == (1, 16)
    assert [pos(a) for a in fn.args] == [(1, 25), (1, 39)]
    (ret,) = fn.body.body
    concat = ret.values[0]
    assert (pos(concat), pos(concat.left), pos(concat.right)) == ((2, 16), (2, 10), (2, 36))
    assert pos(concat.right.left) == (2, 20) and concat.right.left.wrapped
    assert pos(concat.right.right) == (2, 39)
    plain = 'local function greet(name, n)\n  return "hi " .. (name) .. n\nend\n'
    assert same(parse(src), parse(plain))


def test_pos_helpers() -> None:
    n = expr("a")
    set_pos(n, 7, 3)
    assert pos(n) == (7, 3) and n.line == 7
    with pytest.raises(ValueError):
        pos(A.Name("x"))


def test_start_and_stop_offsets_name_the_token() -> None:
    src = "local value = 12.5e1"
    n = stmts(src)[0].values[0]
    assert src[n._first_token.start : n._first_token.stop] == "12.5e1"
    assert n.start_char == n._first_token.start


def test_lexer_padding_allows_lookahead_at_the_end() -> None:
    toks = tokenize("x")
    assert toks.kinds[:2] == ["NAME", "EOF"] and all(k == "EOF" for k in toks.kinds[1:])
    toks = tokenize('x = "')
    assert toks.kinds[2] == "ERROR" and toks.kinds[3] == "EOF"


# -- nesting -----------------------------------------------------------------------------------


def test_deep_nesting_parses() -> None:
    depth = 300
    e = expr("{" * depth + "1" + "}" * depth)
    for _ in range(depth):
        e = e.fields[0].value
    assert e.n == 1
    e = expr("(" * depth + "x" + ")" * depth)
    assert e.id == "x" and e.wrapped
    e = expr("f(" * depth + "x" + ")" * depth)
    assert isinstance(e, A.Call)
    src = "return " + "function() return " * depth + "1" + " end" * depth
    assert isinstance(stmts(src)[0].values[0], A.AnonymousFunction)
    src = "do " * depth + "x = 1" + " end" * depth
    assert isinstance(stmts(src)[0], A.Do)
    src = "if a then " * depth + "x = 1" + " end" * depth
    assert isinstance(stmts(src)[0], A.If)
    assert expr("x" + ".y" * 5000).idx.id == "y"
    assert isinstance(expr("f" + "()" * 5000), A.Call)


@pytest.mark.parametrize("src", [
    "x = " + "(" * (MAX_LEVELS + 10) + "1" + ")" * (MAX_LEVELS + 10),
    "x = " + "{" * 100_000,
    "x = " + "(" * 100_000,
    "do " * 100_000,
    "local x: " + "{" * 100_000 + "}" * 100_000,
    "local x: " + "(" * 100_000,
    "x = " + "function() return " * 20_000,
    "local x: " + "keyof " * 100_000 + "T",
])
def test_too_deep_nesting_is_a_syntax_error(src: str) -> None:
    err = syntax_error(src)
    assert err.message.startswith("chunk has too many syntax levels")
