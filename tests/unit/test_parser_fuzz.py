"""Property tests of the front end.

* Robustness: random token soup and random mutations (delete / insert / swap / duplicate, at the
  token and at the character level) of the valid corpus programs. The only outcomes allowed are
  a ``Chunk`` or a ``LuaSyntaxError`` with a sane position; never another exception.
* Precedence against PUC Lua 5.3: a random operator expression evaluates, in Lua 5.3, to the
  same result as the fully parenthesised rendering of the tree we parse from it.
* Erasure: sprinkling type annotations, casts and ``!`` into a plain program does not change
  its tree.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lupa import lua53
from luaparser.astnodes import BinaryOp, Chunk, Name, Number, UnaryOp

from luac2py.diagnostics import LuaSyntaxError
from luac2py.frontend.lexer import tokenize
from luac2py.frontend.parser import parse

CORPUS = [p.read_bytes().decode("utf-8") for p in
          sorted((Path(__file__).parent / "parser_corpus").glob("*.lua"))]
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(source: str) -> None:
    """Parsing ``source`` gives a Chunk or a well-formed LuaSyntaxError, nothing else."""
    try:
        tree = parse(source, "fuzz.lua")
    except LuaSyntaxError as e:
        assert e.filename == "fuzz.lua"
        assert e.message
        lines = source.count("\n") + source.count("\r") + 1
        assert 1 <= e.line <= lines, (e.line, lines)
        assert e.col >= 1
        return
    assert isinstance(tree, Chunk)


def token_texts(source: str) -> list[str]:
    toks = tokenize(source)
    return [source[p.start : p.stop] for k, p in zip(toks.kinds, toks.positions)
            if k not in ("EOF", "ERROR")]


VOCABULARY = (
    "and break do else elseif end false for function goto if in local nil not or repeat "
    "return then true until while x y self type interface as is fun readonly export typeof "
    "keyof extends asserts string number T + - * / // % ^ # & ~ | << >> == ~= <= >= < > = "
    "( ) { } [ ] ; : :: , . .. ... ! ? @ -> 0 1 3.5 0x1F 1e9 'a' \"b\" [[c]] [==[d]==] "
    "--[[e]] --f\n \n"
).split(" ")


@FUZZ
@given(st.lists(st.sampled_from(VOCABULARY), max_size=60),
       st.sampled_from([" ", "\n", "", "\t"]))
def test_random_token_sequences(tokens: list[str], sep: str) -> None:
    check(sep.join(tokens))


@FUZZ
@given(st.text(max_size=200))
def test_random_text(text: str) -> None:
    check(text)


@st.composite
def numeral(draw: st.DrawFn) -> str:
    """Numeral-like text, sometimes with thousands of digits."""
    head = draw(st.sampled_from(["", "0", "0x", "0X", ".", "00"]))
    body = draw(st.text(alphabet="0123456789abcdefABCDEF.", max_size=8))
    run = draw(st.sampled_from(["", "0", "9", "f"])) * draw(st.sampled_from([0, 1, 20, 5000]))
    tail = draw(st.sampled_from(["", "e", "E+", "e-", "p", "P-"])) + draw(
        st.text(alphabet="0123456789", max_size=6))
    return head + body + run + tail


@FUZZ
@given(numeral())
def test_random_numerals(text: str) -> None:
    check("x = " + text)


@st.composite
def token_mutation(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(CORPUS))
    tokens = token_texts(source)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "duplicate", "replace"]))
        i = draw(st.integers(0, max(len(tokens) - 1, 0)))
        j = draw(st.integers(0, max(len(tokens) - 1, 0)))
        if op == "delete" and tokens:
            del tokens[i : i + draw(st.integers(1, 5))]
        elif op == "insert":
            tokens.insert(i, draw(st.sampled_from(VOCABULARY)))
        elif op == "swap" and tokens:
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif op == "duplicate" and tokens:
            tokens[i:i] = tokens[min(i, j) : max(i, j) + 1][:20]
        elif op == "replace" and tokens:
            tokens[i] = draw(st.sampled_from(VOCABULARY))
    return " ".join(tokens)


@FUZZ
@given(token_mutation())
def test_token_mutations_of_valid_programs(source: str) -> None:
    check(source)


@st.composite
def char_mutation(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(CORPUS))
    chars = list(source)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "duplicate"]))
        i = draw(st.integers(0, max(len(chars) - 1, 0)))
        j = draw(st.integers(0, max(len(chars) - 1, 0)))
        if op == "delete":
            del chars[i : i + draw(st.integers(1, 8))]
        elif op == "insert":
            chars[i:i] = list(draw(st.text(alphabet="()[]{}=.,:;!?<>-'\"\\\n ax1#~|&", max_size=4)))
        elif op == "swap" and chars:
            chars[i], chars[j] = chars[j], chars[i]
        elif op == "duplicate":
            chars[i:i] = chars[min(i, j) : max(i, j) + 1][:40]
    return "".join(chars)


@FUZZ
@given(char_mutation())
def test_character_mutations_of_valid_programs(source: str) -> None:
    check(source)


# -- precedence against PUC Lua 5.3 -----------------------------------------------------------

_LUA = lua53.LuaRuntime()
_RUN = _LUA.eval(
    "function(src) local f = load('return ' .. src) "
    "local ok, v = pcall(f) if not ok then return 'error' end "
    "if v ~= v then return 'nan' end return math.type(v) or type(v), tostring(v) end"
)

BINARY_OPS = ["or", "and", "<", "<=", "==", "~=", "|", "~", "&", "<<", ">>", "..", "+", "-",
              "*", "/", "//", "%", "^"]
UNARY_OPS = ["- ", "not ", "~ "]  # the space keeps "- -" from becoming a comment
_OPS = {
    "AddOp": "+", "SubOp": "-", "MultOp": "*", "FloatDivOp": "/", "FloorDivOp": "//",
    "ModOp": "%", "ExpoOp": "^", "Concat": "..", "BAndOp": "&", "BOrOp": "|", "BXorOp": "~",
    "BShiftLOp": "<<", "BShiftROp": ">>", "RLtOp": "<", "RGtOp": ">", "RLtEqOp": "<=",
    "RGtEqOp": ">=", "REqOp": "==", "RNotEqOp": "~=", "LAndOp": "and", "LOrOp": "or",
    "UMinusOp": "-", "UBNotOp": "~", "ULNotOp": "not ", "ULengthOp": "#",
}


def show(e: object) -> str:
    if isinstance(e, BinaryOp):
        return f"({show(e.left)} {_OPS[e._name]} {show(e.right)})"
    if isinstance(e, UnaryOp):
        return f"({_OPS[e._name]}{show(e.operand)})"
    if isinstance(e, Number):
        return repr(e.n)
    assert isinstance(e, Name)
    return e.id


@st.composite
def flat_expression(draw: st.DrawFn) -> str:
    """An unparenthesised expression: operands (small ints, maybe behind unary operators)
    joined by random binary operators."""
    n = draw(st.integers(1, 7))
    parts = []
    for k in range(n):
        prefix = "".join(draw(st.lists(st.sampled_from(UNARY_OPS), max_size=2)))
        parts.append(prefix + str(draw(st.integers(0, 9))))
        if k < n - 1:
            parts.append(draw(st.sampled_from(BINARY_OPS)))
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(flat_expression())
def test_precedence_agrees_with_lua_53(source: str) -> None:
    tree = parse("return " + source)
    rendered = show(tree.body.body[0].values[0])
    assert _RUN(source) == _RUN(rendered), (source, rendered)


# -- erasure ------------------------------------------------------------------------------------


@st.composite
def annotated(draw: st.DrawFn) -> tuple[str, str]:
    """A corpus program, and the same program with annotations inserted after some names of
    `local` statements and some closing parentheses of expressions."""
    source = draw(st.sampled_from(CORPUS))
    toks = tokenize(source)
    kinds, positions = toks.kinds, toks.positions
    inserts: list[tuple[int, str]] = []
    types = ["number", "string?", "{string}", "{[string]: any}", "A | B", "Foo<T>",
             "(x: number) -> string", "{a: number, b: T?}", "pkg.Type"]
    for i in range(len(kinds) - 2):
        if kinds[i] == "local" and kinds[i + 1] == "NAME" and kinds[i + 2] in ("=", ",", "NAME"):
            if draw(st.booleans()):
                inserts.append((positions[i + 1].stop, ": " + draw(st.sampled_from(types))))
        elif kinds[i] == ")" and kinds[i + 1] in (",", ")", "then", "do"):
            choice = draw(st.sampled_from(["", "!", " as any", " :: T"]))
            if choice:
                inserts.append((positions[i].stop, choice))
    typed = source
    for offset, text in sorted(inserts, reverse=True):
        typed = typed[:offset] + text + typed[offset:]
    return source, typed


@settings(max_examples=100, deadline=None)
@given(annotated())
def test_annotations_are_erased(pair: tuple[str, str]) -> None:
    plain, typed = pair
    assert parse(typed) == parse(plain)
