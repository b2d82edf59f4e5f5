r"""Recursive-descent parser for Wippy-dialect Lua, building ``luaparser.astnodes`` trees.

``parse(source, filename)`` returns a ``luaparser.astnodes.Chunk``. On plain Lua the tree equals
``luaparser.ast.parse(source)`` (comments aside; see tests/unit/test_parser_luaparser_compare.py
for the places where luaparser deviates from Lua and we follow Lua). Every node carries its
position (see ``nodes.py``). Bad input raises ``LuaSyntaxError`` and nothing else, with Lua's
wording (``'end' expected (to close 'function' at line 3) near 'x'``) and the line and column of
the offending token.

The grammar is Lua 5.1, plus Lua 5.3's integer operators (``// & | ~ << >>``, unary ``~``, with
5.3 precedence), ``goto``/labels, and Wippy's gradual types, which are parsed and **erased**:
annotations, casts (``e as T``, ``e :: T``), non-nil assertions (``e!``), ``type`` aliases and
``interface`` declarations leave no node behind, so the tree of typed code equals the tree of
the same code without its annotations.

Worked example::

    local function greet<T>(name: string, n: T?): string
      return "hi " .. (name as string) .. n!
    end

becomes (positions in brackets, line:column)::

    Chunk[1:1](body=Block[1:1](body=[
      LocalFunction[1:1](
        name=Name[1:16](id='greet'),
        args=[Name[1:25](id='name'), Name[1:39](id='n')],
        body=Block[2:3](body=[
          Return[2:3](values=[
            Concat[2:16](                          # at the first '..'
              left=String[2:10](s=b'hi ', raw='hi ', delimiter=DOUBLE_QUOTE),
              right=Concat[2:36](                  # '..' is right-associative
                left=Name[2:20](id='name', wrapped=True),
                right=Name[2:39](id='n')))])]))])

The generic parameter, the annotations, the cast and the ``!`` are gone; the parentheses
survive as ``wrapped=True`` (they truncate multiple values in Lua).

Dialect decisions (each is tested in tests/unit/test_parser.py):

* The dialect's extra words (``type interface as is fun readonly asserts typeof keyof extends``)
  are contextual, not reserved: ``type X = T`` / ``type X<..> = T`` / ``export type ..`` and
  ``interface X .. end`` are declarations only at the start of a statement; ``as`` is a cast only
  right after an expression and before something that can start a type; elsewhere all of them
  are plain names (``type(x)``, ``t.as``, ``{is = 1}``, ``local interface = 1``).
* ``::`` after an expression is a cast, except ``:: name ::``, which is a label.
* Escapes are Lua 5.1's; ``\x``, ``\z`` and ``\u`` (which Lua 5.2+ gives a meaning) are errors,
  any other escaped character stands for itself, as in Lua 5.1 and gopher-lua.
* ``break`` may appear anywhere in a loop body (Lua 5.2+, luaparser), not only last.
* A call whose ``(`` starts a new line right after a ``)`` is "ambiguous syntax", as in
  gopher-lua (Wippy's VM); Lua 5.1 applies the rule after any token, 5.2+ never.
* Checks that need scopes (``goto`` targets, ``break`` outside a loop, ``...`` outside a vararg
  function) belong to the semantic phase, not to the parser.

Implementation notes: the lexer (``lexer.py``) tokenizes the whole file up front with one regex.
Binary operators use precedence climbing; chains of the right-associative ``..`` and ``^`` and
runs of unary operators are collected iteratively, so long chains do not recurse. Nesting
(parentheses, tables, functions, blocks) is limited to ``MAX_LEVELS`` levels and reported as
"chunk has too many syntax levels", as Lua does (Lua's own limit is 200).
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

from luaparser.astnodes import (
    AddOp,
    AndLoOp,
    BAndOp,
    BOrOp,
    BShiftLOp,
    BShiftROp,
    BXorOp,
    Block,
    Call,
    CallStyle,
    Chunk,
    Concat,
    EqToOp,
    ExpoOp,
    Expression,
    FloatDivOp,
    FloorDivOp,
    GreaterOrEqThanOp,
    GreaterThanOp,
    Index,
    IndexNotation,
    Invoke,
    LessOrEqThanOp,
    LessThanOp,
    ModOp,
    MultOp,
    Name,
    Node,
    NotEqToOp,
    OrLoOp,
    SubOp,
    UBNotOp,
    ULengthOP,
    ULNotOp,
    UMinusOp,
)

from ..diagnostics import LuaSyntaxError
from . import nodes as N
from .lexer import Tokens, tokenize
from .nodes import Pos

__all__ = ["parse", "MAX_LEVELS"]

MAX_LEVELS = 1000
_RECURSION_LIMIT = 12 * MAX_LEVELS + 4000

_DOT = IndexNotation.DOT
_SQUARE = IndexNotation.SQUARE
_PAREN = CallStyle.DEFAULT
_NOPAREN = CallStyle.NO_PARENTHESIS

# Binary operators: token -> (left priority, right priority, node class, luaparser node name).
# Lua 5.3's table (lparser.c); `..` and `^` are right associative.
_BINARY: dict[str, tuple[int, int, type, str]] = {
    "or": (1, 1, OrLoOp, "LOrOp"),
    "and": (2, 2, AndLoOp, "LAndOp"),
    "<": (3, 3, LessThanOp, "RLtOp"),
    ">": (3, 3, GreaterThanOp, "RGtOp"),
    "<=": (3, 3, LessOrEqThanOp, "RLtEqOp"),
    ">=": (3, 3, GreaterOrEqThanOp, "RGtEqOp"),
    "~=": (3, 3, NotEqToOp, "RNotEqOp"),
    "==": (3, 3, EqToOp, "REqOp"),
    "|": (4, 4, BOrOp, "BOrOp"),
    "~": (5, 5, BXorOp, "BXorOp"),
    "&": (6, 6, BAndOp, "BAndOp"),
    "<<": (7, 7, BShiftLOp, "BShiftLOp"),
    ">>": (7, 7, BShiftROp, "BShiftROp"),
    "..": (9, 8, Concat, "Concat"),
    "+": (10, 10, AddOp, "AddOp"),
    "-": (10, 10, SubOp, "SubOp"),
    "*": (11, 11, MultOp, "MultOp"),
    "/": (11, 11, FloatDivOp, "FloatDivOp"),
    "//": (11, 11, FloorDivOp, "FloorDivOp"),
    "%": (11, 11, ModOp, "ModOp"),
    "^": (14, 13, ExpoOp, "ExpoOp"),
}
_RIGHT_ASSOC = frozenset(("..", "^"))
_UNARY: dict[str, tuple[type, str]] = {
    "not": (ULNotOp, "ULNotOp"),
    "-": (UMinusOp, "UMinusOp"),
    "#": (ULengthOP, "ULengthOp"),
    "~": (UBNotOp, "UBNotOp"),
}
_UNARY_PRIORITY = 12

_BLOCK_END = frozenset(("end", "else", "elseif", "until", "EOF"))
_CALL_ARGS = frozenset(("(", "STRING", "{"))
# Tokens that can start a type (`as` followed by one of them is a cast).
_TYPE_START = frozenset(("NAME", "STRING", "NUMBER", "nil", "true", "false", "{", "(", "function"))
_POSTFIX_TYPE_OPS = frozenset(("NAME", "::", "!"))


def parse(source: str | bytes, filename: str = "<string>") -> Chunk:
    """Parse Wippy-dialect Lua into a ``luaparser.astnodes.Chunk`` (see the module docstring).

    ``bytes`` are decoded as UTF-8 (invalid bytes survive into string values unchanged).
    Raises ``LuaSyntaxError`` on bad input, and nothing else.
    """
    if isinstance(source, bytes):
        source = source.decode("utf-8", "surrogateescape")
    # The tree is acyclic and nothing becomes garbage while parsing, so the cyclic GC would
    # only rescan the growing tree (it more than doubles the parse time of a big file).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    old_limit = sys.getrecursionlimit()
    if old_limit < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        tokens = tokenize(source)
        parser = _Parser(tokens, filename)
        try:
            chunk = parser.chunk()
            if tokens.unknown_escapes:  # reported as warnings by the driver
                chunk._unknown_escapes = tokens.unknown_escapes
            return chunk
        except RecursionError:  # nesting that the level count does not see (`keyof keyof ...`)
            pass
        parser.error("chunk has too many syntax levels")
    finally:
        if old_limit < _RECURSION_LIMIT:
            sys.setrecursionlimit(old_limit)
        if gc_was_enabled:
            gc.enable()


class _Parser:
    def __init__(self, tokens: Tokens, filename: str) -> None:
        self.tokens = tokens
        self.kinds = tokens.kinds
        self.values = tokens.values
        self.positions = tokens.positions
        self.filename = filename
        self.i = 0
        self.t = self.kinds[0]  # kind of the current token
        self.level = 0
        self._statements = {
            ";": self.semicolon_stat,
            "if": self.if_stat,
            "while": self.while_stat,
            "do": self.do_stat,
            "for": self.for_stat,
            "repeat": self.repeat_stat,
            "function": self.function_stat,
            "local": self.local_stat,
            "::": self.label_stat,
            "break": self.break_stat,
            "goto": self.goto_stat,
        }

    # -- token helpers ------------------------------------------------------------------------

    def next(self) -> None:
        i = self.i + 1
        self.i = i
        self.t = self.kinds[i]

    def pos(self) -> Pos:
        return self.positions[self.i]

    def peek(self, n: int = 1) -> str:
        return self.kinds[self.i + n]

    def value(self) -> object:
        return self.values[self.i]

    def error(self, message: str) -> NoReturn:
        """Raise a syntax error near the current token (or the pending lexical error)."""
        i = self.i
        p = self.positions[i]
        if self.kinds[i] == "ERROR":
            raise LuaSyntaxError(str(self.values[i]), self.filename, p.line, p.column)
        raise LuaSyntaxError(
            f"{message} near '{self.tokens.text(i)}'", self.filename, p.line, p.column
        )

    def error_expected(self, what: str) -> NoReturn:
        self.error(f"'{what}' expected")

    def expect(self, kind: str) -> None:
        if self.t != kind:
            self.error_expected(kind)
        self.next()

    def check_match(self, what: str, who: str, line: int) -> None:
        """Expect ``what`` closing ``who`` opened at ``line`` (Lua's check_match)."""
        if self.t == what:
            self.next()
            return
        if line == self.positions[self.i].line:
            self.error_expected(what)
        self.error(f"'{what}' expected (to close '{who}' at line {line})")

    def name(self) -> Name:
        if self.t != "NAME":
            self.error("<name> expected")
        n = N.name(self.values[self.i], self.positions[self.i])  # type: ignore[arg-type]
        self.next()
        return n

    def enter_level(self) -> None:
        self.level += 1
        if self.level > MAX_LEVELS:
            self.error("chunk has too many syntax levels")

    # -- blocks and statements ----------------------------------------------------------------

    def chunk(self) -> Chunk:
        body = self.block()
        if self.t != "EOF":
            self.error_expected("<eof>")
        return N.chunk(body, Pos(1, 1, 0, 0))

    def block(self) -> Block:
        self.enter_level()
        p = self.positions[self.i]
        body: list[Node] = []
        statements = self._statements
        while True:
            t = self.t
            if t in _BLOCK_END:
                break
            if t == "return":
                body.append(self.return_stat())
                break
            handler = statements.get(t)
            if handler is not None:
                body.append(handler())
            elif t == "NAME" and self.kinds[self.i + 1] == "NAME" and self.type_declaration():
                continue
            else:
                body.append(self.expr_stat())
        self.level -= 1
        return N.block(body, p)

    def return_stat(self) -> Node:
        p = self.pos()
        self.next()
        if self.t in _BLOCK_END or self.t == ";":
            values: list[Expression] = []
        else:
            values = self.expr_list()
        if self.t == ";":
            self.next()
        return N.return_(values, p)

    def semicolon_stat(self) -> Node:
        p = self.pos()
        self.next()
        return N.semicolon(p)

    def break_stat(self) -> Node:
        p = self.pos()
        self.next()
        return N.break_(p)

    def goto_stat(self) -> Node:
        p = self.pos()
        self.next()
        return N.goto(self.name(), p)

    def label_stat(self) -> Node:
        p = self.pos()
        self.next()
        n = self.name()
        self.expect("::")
        return N.label(n, p)

    def do_stat(self) -> Node:
        p = self.pos()
        self.next()
        body = self.block()
        self.check_match("end", "do", p.line)
        return N.do(body, p)

    def while_stat(self) -> Node:
        p = self.pos()
        self.next()
        test = self.expr()
        self.expect("do")
        body = self.block()
        self.check_match("end", "while", p.line)
        return N.while_(test, body, p)

    def repeat_stat(self) -> Node:
        p = self.pos()
        self.next()
        body = self.block()
        self.check_match("until", "repeat", p.line)
        return N.repeat(body, self.expr(), p)

    def if_stat(self) -> Node:
        p = self.pos()
        self.next()
        test = self.expr()
        self.expect("then")
        node = N.if_(test, self.block(), p)
        last = node
        while self.t == "elseif":
            pe = self.pos()
            self.next()
            test = self.expr()
            self.expect("then")
            branch = N.elseif(test, self.block(), pe)
            last.orelse = branch
            last = branch
        if self.t == "else":
            self.next()
            last.orelse = self.block()
        self.check_match("end", "if", p.line)
        return node

    def for_stat(self) -> Node:
        p = self.pos()
        self.next()
        first = self.name()
        if self.t == "=":
            self.next()
            start = self.expr()
            self.expect(",")
            stop = self.expr()
            step: Expression | int = 1
            if self.t == ",":
                self.next()
                step = self.expr()
            self.expect("do")
            body = self.block()
            self.check_match("end", "for", p.line)
            return N.fornum(first, start, stop, step, body, p)
        if self.t == "," or self.t == "in":
            targets = [first]
            while self.t == ",":
                self.next()
                targets.append(self.name())
            self.expect("in")
            iters = self.expr_list()
            self.expect("do")
            body = self.block()
            self.check_match("end", "for", p.line)
            return N.forin(body, iters, targets, p)
        self.error("'=' or 'in' expected")

    def function_stat(self) -> Node:
        p = self.pos()
        self.next()
        target: Expression = self.name()
        while self.t == ".":
            pd = self.pos()
            self.next()
            target = N.index(self.name(), target, _DOT, pd)
        if self.t == ":":
            self.next()
            mname = self.name()
            args, body = self.function_body(p.line)
            return N.method(target, mname, args, body, p)
        args, body = self.function_body(p.line)
        return N.function(target, args, body, p)

    def local_stat(self) -> Node:
        p = self.pos()
        self.next()
        if self.t == "function":
            self.next()
            fname = self.name()
            args, body = self.function_body(p.line)
            return N.local_function(fname, args, body, p)
        targets = [self.name()]
        if self.t == ":":
            self.next()
            self.type_()
        while self.t == ",":
            self.next()
            targets.append(self.name())
            if self.t == ":":
                self.next()
                self.type_()
        if self.t == "=":
            self.next()
            values = self.expr_list()
        else:
            values = []
        return N.local_assign(targets, values, p)

    def expr_stat(self) -> Node:
        p = self.pos()
        e = self.suffixed_expr()
        cls = type(e)
        if (cls is Call or cls is Invoke) and not e.wrapped:
            return e
        targets = [e]
        self.check_assignable(e)
        while self.t == ",":
            self.next()
            e = self.suffixed_expr()
            self.check_assignable(e)
            targets.append(e)
        self.expect("=")
        return N.assign(targets, self.expr_list(), p)

    def check_assignable(self, e: Expression) -> None:
        cls = type(e)
        if (cls is not Name and cls is not Index) or e.wrapped:
            self.error("syntax error")

    def function_body(self, line: int) -> tuple[list[Expression], Block]:
        """``[<generics>] (params) [: return types] block end``; ``line`` of 'function'."""
        if self.t == "<":
            self.generic_params()
        args = self.parameters()
        if self.t == ":":
            self.next()
            self.type_list()
        body = self.block()
        self.check_match("end", "function", line)
        return args, body

    def parameters(self) -> list[Expression]:
        """``( [name [: T] {, name [: T]}] [, ...[: T]] )``; types are skipped."""
        self.expect("(")
        args: list[Expression] = []
        if self.t != ")":
            while True:
                if self.t == "NAME":
                    args.append(self.name())
                    if self.t == ":":
                        self.next()
                        self.type_()
                elif self.t == "...":
                    args.append(N.varargs(self.pos()))
                    self.next()
                    if self.t == ":":
                        self.next()
                        self.type_()
                    break
                else:
                    self.error("<name> or '...' expected")
                if self.t != ",":
                    break
                self.next()
        self.expect(")")
        return args

    # -- type declarations (erased) -----------------------------------------------------------

    def type_declaration(self) -> bool:
        """At ``NAME NAME``: consume ``type X = T``, ``type X<..> = T``, ``export type ...``
        or ``interface X ... end`` and return True; otherwise leave the input and return
        False."""
        i = self.i
        kinds, values = self.kinds, self.values
        word = values[i]
        exported = word == "export" and values[i + 1] == "type" and kinds[i + 2] == "NAME"
        if exported:
            word, i = "type", i + 1
        if word == "type" and kinds[i + 2] in ("=", "<"):
            if exported:
                self.next()
            self.next()
            self.next()
            if self.t == "<":
                self.generic_params()
            self.expect("=")
            self.type_()
            return True
        if word == "interface":
            self.interface_declaration()
            return True
        return False

    def interface_declaration(self) -> None:
        """``interface Name [<T>] [: Base {, Base}] {member} end``.

        Members: ``[readonly] name[?]: T``, ``name(params): R`` and
        ``function name[<T>](params)[: R]``, optionally separated by ``,`` or ``;``.
        """
        line = self.pos().line
        self.next()
        self.name()
        if self.t == "<":
            self.generic_params()
        if self.t == ":" or (self.t == "NAME" and self.value() == "extends"):
            self.next()
            self.type_simple()
            while self.t == ",":
                self.next()
                self.type_simple()
        while self.t != "end":
            t = self.t
            if t == "function":
                self.next()
                self.name()
                if self.t == "<":
                    self.generic_params()
                self.parameters()
                self.member_return_types()
            elif t == "NAME":
                if self.value() == "readonly" and self.peek() == "NAME":
                    self.next()
                self.next()
                if self.t == "?":
                    self.next()
                if self.t == "(":
                    self.parameters()
                    self.member_return_types()
                else:
                    self.expect(":")
                    self.type_()
            elif t == "," or t == ";":
                self.next()
            else:
                self.check_match("end", "interface", line)
        self.next()

    def member_return_types(self) -> None:
        """``[: T {, T}]`` after an interface method; a ``,`` followed by ``end`` or by the
        next member is a separator."""
        if self.t != ":":
            return
        self.next()
        self.type_()
        while (self.t == "," and self.peek() in _TYPE_START and self.peek() != "function"
               and self.peek(2) not in (":", "?", "(")):
            self.next()
            self.type_()

    # -- expressions --------------------------------------------------------------------------

    def expr_list(self) -> list[Expression]:
        values = [self.expr(0)]
        while self.t == ",":
            self.next()
            values.append(self.expr(0))
        return values

    def expr(self, limit: int = 0) -> Expression:
        """Lua's subexpr: an expression whose binary operators bind tighter than ``limit``."""
        self.level += 1
        if self.level > MAX_LEVELS:
            self.error("chunk has too many syntax levels")
        t = self.t
        if t in _UNARY:
            ops = []
            while self.t in _UNARY:
                ops.append((self.t, self.positions[self.i]))
                self.next()
            e = self.expr(_UNARY_PRIORITY)
            for op, p in reversed(ops):
                cls, opname = _UNARY[op]
                e = N.unop(cls, opname, e, p)
        else:
            e = self.simple_expr()
        binary = _BINARY
        while True:
            t = self.t
            info = binary.get(t)
            if info is None or info[0] <= limit:
                break
            left_priority, right_priority, cls, opname = info
            p = self.positions[self.i]
            self.next()
            if t in _RIGHT_ASSOC:
                # Collect the whole chain `a .. b .. c` iteratively, then fold to the right.
                operands = [e, self.expr(left_priority)]
                ops = [p]
                while self.t == t:
                    ops.append(self.positions[self.i])
                    self.next()
                    operands.append(self.expr(left_priority))
                e = operands[-1]
                for j in range(len(ops) - 1, -1, -1):
                    e = N.binop(cls, opname, operands[j], e, ops[j])
            else:
                e = N.binop(cls, opname, e, self.expr(right_priority), p)
        self.level -= 1
        return e

    def simple_expr(self) -> Expression:
        t = self.t
        if t == "NAME" or t == "(":
            e = self.suffixed_expr()
            if self.t in _POSTFIX_TYPE_OPS:
                self.postfix_type_ops()
            return e
        i = self.i
        p = self.positions[i]
        if t == "NUMBER":
            self.next()
            e: Expression = N.number(self.values[i], p)  # type: ignore[arg-type]
        elif t == "STRING":
            self.next()
            e = N.string(*self.values[i], p)  # type: ignore[misc]
        elif t == "{":
            e = self.table()
        elif t == "function":
            self.next()
            args, body = self.function_body(p.line)
            e = N.anonymous_function(args, body, p)
        elif t == "nil":
            self.next()
            e = N.nil(p)
        elif t == "true":
            self.next()
            e = N.true(p)
        elif t == "false":
            self.next()
            e = N.false(p)
        elif t == "...":
            self.next()
            e = N.dots(p)
        else:
            e = self.suffixed_expr()
        if self.t in _POSTFIX_TYPE_OPS:
            self.postfix_type_ops()
        return e

    def postfix_type_ops(self) -> None:
        """Skip casts ``as T`` / ``:: T`` and non-nil assertions ``!`` after an expression."""
        kinds = self.kinds
        while True:
            t = self.t
            if t == "NAME":
                if self.value() != "as" or kinds[self.i + 1] not in _TYPE_START:
                    return
                self.next()
                self.type_()
            elif t == "::":
                if kinds[self.i + 1] == "NAME" and kinds[self.i + 2] == "::":
                    return  # `::label::` starts the next statement
                self.next()
                self.type_()
            elif t == "!":
                self.next()
            else:
                return

    def primary_expr(self) -> Expression:
        t = self.t
        if t == "NAME":
            n = N.name(self.values[self.i], self.positions[self.i])  # type: ignore[arg-type]
            self.next()
            return n
        if t == "(":
            line = self.positions[self.i].line
            self.next()
            e = self.expr(0)
            self.check_match(")", "(", line)
            e.wrapped = True
            return e
        self.error("unexpected symbol")

    def suffixed_expr(self) -> Expression:
        positions = self.positions
        if self.t == "NAME":
            i = self.i
            e: Expression = N.name(self.values[i], positions[i])  # type: ignore[arg-type]
            i += 1
            self.i = i
            self.t = self.kinds[i]
        else:
            e = self.primary_expr()
        while True:
            t = self.t
            if t == ".":
                p = positions[self.i]
                self.next()
                e = N.index(self.name(), e, _DOT, p)
            elif t == "[":
                p = positions[self.i]
                self.next()
                key = self.expr(0)
                self.expect("]")
                e = N.index(key, e, _SQUARE, p)
            elif t in _CALL_ARGS:
                p = positions[self.i]
                args, style = self.call_args()
                e = N.call(e, args, style, p)
            elif t == ":":
                self.next()
                mname = self.name()
                if self.t == "::" and self.kinds[self.i + 1] == "<":
                    self.next()
                    self.generic_args()
                p = positions[self.i]
                args, style = self.call_args()
                e = N.invoke(e, mname, args, style, p)
            elif t == "!":
                self.next()
            elif t == "::" and self.kinds[self.i + 1] == "<":
                # explicit type arguments of a generic call: f::<T>(x)
                self.next()
                self.generic_args()
                if self.t not in _CALL_ARGS:
                    self.error("function arguments expected")
            else:
                return e

    def call_args(self) -> tuple[list[Expression], CallStyle]:
        t = self.t
        if t == "(":
            i = self.i
            if self.kinds[i - 1] == ")" and self.positions[i - 1].line != self.positions[i].line:
                # gopher-lua's rule (Lua 5.1 applies it after any token)
                self.error("ambiguous syntax (function call x new statement)")
            line = self.positions[i].line
            self.next()
            if self.t == ")":
                args: list[Expression] = []
            else:
                args = self.expr_list()
            self.check_match(")", "(", line)
            return args, _PAREN
        if t == "STRING":
            i = self.i
            self.next()
            return [N.string(*self.values[i], self.positions[i])], _NOPAREN  # type: ignore[misc]
        if t == "{":
            return [self.table()], _NOPAREN
        self.error("function arguments expected")

    def table(self) -> Expression:
        p = self.pos()
        self.next()
        fields = []
        count = 0
        kinds = self.kinds
        while self.t != "}":
            t = self.t
            pf = self.positions[self.i]
            if t == "[":
                self.next()
                key = self.expr(0)
                self.expect("]")
                self.expect("=")
                fields.append(N.field(key, self.expr(0), True, None, pf))
            elif t == "NAME" and kinds[self.i + 1] == "=":
                key = self.name()
                self.next()
                fields.append(N.field(key, self.expr(0), False, None, pf))
            else:
                count += 1
                fields.append(N.field(None, self.expr(0), False, count, pf))
            if self.t == "," or self.t == ";":
                self.next()
            else:
                break
        self.check_match("}", "{", p.line)
        return N.table(fields, p)

    # -- types (parsed and discarded) ---------------------------------------------------------

    def type_list(self) -> None:
        """Return types: ``T {, T}`` (``(A, B)`` is a parenthesised list)."""
        self.type_()
        while self.t == ",":
            self.next()
            self.type_()

    def type_(self) -> None:
        """A full type: unions ``A | B``, intersections ``A & B``, and the conditional
        ``A extends B ? X : Y``."""
        self.enter_level()
        if self.t == "|" or self.t == "&":
            self.next()
        self.type_union(False)
        if self.t == "NAME" and self.value() == "extends":
            self.next()
            self.type_union(True)
            self.expect("?")
            self.type_()
            self.expect(":")
            self.type_()
        self.level -= 1

    def type_union(self, in_condition: bool) -> None:
        self.type_simple(in_condition)
        while self.t == "|" or self.t == "&":
            self.next()
            self.type_simple(in_condition)

    def type_simple(self, in_condition: bool = False) -> None:
        """A primary type with its postfixes: ``T?``, ``T[]``, ``T[K]``, ``T @annotation(...)``."""
        self.type_primary()
        while True:
            t = self.t
            if t == "?":
                if in_condition and self.peek() in _TYPE_START:
                    return  # the '?' of `A extends B ? X : Y`
                self.next()
            elif t == "[":
                self.next()
                if self.t != "]":
                    self.type_()
                self.expect("]")
            elif t == "@":
                self.next()
                self.name()
                if self.t == "(":
                    line = self.pos().line
                    self.next()
                    if self.t != ")":
                        self.expr_list()
                    self.check_match(")", "(", line)
            else:
                return

    def type_primary(self) -> None:
        t = self.t
        if t == "NAME":
            word = self.value()
            after = self.peek()
            if word == "fun" and after == "(":
                self.next()
                self.function_type_tail()
            elif (word == "interface" or word == "readonly") and after == "{":
                self.next()
                self.table_type()
            elif word == "asserts" and after == "NAME":
                self.next()
                self.next()
                if self.t == "NAME" and self.value() == "is":
                    self.next()
                    self.type_()
            elif word == "typeof" and after == "(":
                self.next()
                line = self.pos().line
                self.next()
                self.expr(0)
                self.check_match(")", "(", line)
            elif word == "keyof" and after in _TYPE_START:
                self.next()
                self.type_simple()
            else:
                self.next()
                while self.t == "." and self.peek() == "NAME":
                    self.next()
                    self.next()
                if self.t == "<":
                    self.generic_args()
        elif t in ("STRING", "NUMBER", "nil", "true", "false"):
            self.next()
        elif t == "-" and self.peek() == "NUMBER":
            self.next()
            self.next()
        elif t == "{":
            self.table_type()
        elif t == "(":
            self.paren_type()
        elif t == "function":
            self.next()
            self.function_type_tail()
        elif t == "...":
            self.next()
            if self.t in _TYPE_START:
                self.type_simple()
        else:
            self.error("type expected")

    def function_type_tail(self) -> None:
        """After ``fun``/``function``: ``(params) [: returns]``."""
        self.paren_type(arrow=False)
        if self.t == ":":
            self.next()
            self.type_()

    def paren_type(self, arrow: bool = True) -> None:
        """``(T)``, a tuple ``(A, B)``, or a function type ``(a: A, B, ...C) -> R``."""
        if self.t != "(":
            self.error_expected("(")
        line = self.pos().line
        self.next()
        kinds = self.kinds
        while self.t != ")":
            t = self.t
            if t == "...":
                self.next()
                if self.t == ":":
                    self.next()
                if self.t != ")" and self.t != ",":
                    self.type_()
            elif t == "NAME" and kinds[self.i + 1] == ":":
                self.next()
                self.next()
                self.type_()
            elif t == "NAME" and kinds[self.i + 1] == "?" and kinds[self.i + 2] == ":":
                self.next()
                self.next()
                self.next()
                self.type_()
            else:
                self.type_()
            if self.t != ",":
                break
            self.next()
        self.check_match(")", "(", line)
        if arrow and self.t == "->":
            self.next()
            self.type_()

    def table_type(self) -> None:
        """``{T}``, ``{[K]: V}``, records ``{a: T, readonly b?: U}`` (``,`` or ``;``)."""
        line = self.pos().line
        self.next()
        kinds = self.kinds
        while self.t != "}":
            t = self.t
            if t == "[":
                self.next()
                self.type_()
                self.expect("]")
                self.expect(":")
                self.type_()
            elif t == "NAME":
                if self.value() == "readonly" and kinds[self.i + 1] == "NAME":
                    self.next()
                after = kinds[self.i + 1]
                if after == ":":
                    self.next()
                    self.next()
                    self.type_()
                elif after == "?" and kinds[self.i + 2] == ":":
                    self.next()
                    self.next()
                    self.next()
                    self.type_()
                else:
                    self.type_()
            else:
                self.type_()
            if self.t == "," or self.t == ";":
                self.next()
            else:
                break
        self.check_match("}", "{", line)

    def generic_params(self) -> None:
        """``<T, U: Constraint, V = Default, W...>`` after a function or type name."""
        self.next()
        while True:
            self.name()
            if self.t == "...":
                self.next()
            if self.t == ":" or (self.t == "NAME" and self.value() == "extends"):
                self.next()
                self.type_()
            if self.t == "=":
                self.next()
                self.type_()
            if self.t != ",":
                break
            self.next()
        self.close_angle()

    def generic_args(self) -> None:
        """``<T, U>`` after a type name (or after ``::`` in a generic call)."""
        self.next()
        if self.t != ">" and self.t != ">>":
            self.type_list()
        self.close_angle()

    def close_angle(self) -> None:
        """Consume a ``>``, splitting ``>>`` (``Box<Result<T>>``) or ``>=`` into two tokens."""
        t = self.t
        if t == ">":
            self.next()
            return
        if t == ">>" or t == ">=":
            rest = t[1]
            i = self.i
            p = self.positions[i]
            self.kinds[i] = rest
            self.positions[i] = Pos(p.line, p.column + 1, p.start + 1, p.stop)
            self.t = rest
            return
        self.error_expected(">")
