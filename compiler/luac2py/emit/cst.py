"""The concrete syntax tree black's parser would build from ``ast.unparse``'s text.

black spends about half of a pass tokenizing and parsing (blib2to3) the text that
``ast.unparse`` wrote from the lowered tree, and ``format_str`` makes two passes. This module
builds that parse tree directly from the ``ast`` tree instead: the same node types, the same
nesting (a parser node with a single child is its child), the parentheses ``ast.unparse``
puts in by precedence (its rules are followed here one for one, Python 3.11's
``ast._Unparser``), and the comments and blank lines as prefixes. black's own line
generator, splitter and blank-line rules then run on it unchanged
(``emit.module.format_tree``), so the output is black's output.

What the generated code never contains (``**``, lambdas, ``with``, docstrings, ...) raises
``Unsupported``, and the module is formatted the slow way (``ast.unparse`` + black). The
tree is checked against black's parser on real modules (tests/unit/test_emit_cst.py).

    x = a + b - c     ->  expr_stmt(NAME x, EQUAL, arith_expr(NAME a, PLUS, NAME b, MINUS, NAME c))
    f(x)[1].y         ->  power(NAME f, trailer('(' x ')'), trailer('[' 1 ']'), trailer('.' y))
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Union

from black.nodes import syms
from blib2to3.pgen2 import token as T
from blib2to3.pytree import Leaf, Node

LN = Union[Leaf, Node]


class Unsupported(Exception):
    """A construct this builder does not reproduce: format the text with black instead."""


# ast._Precedence (3.11), as plain ints
NAMED_EXPR, TUPLE, YIELD, TEST, OR, AND, NOT, CMP = 1, 2, 3, 4, 5, 6, 7, 8
EXPR = BOR = 9
BXOR, BAND, SHIFT, ARITH, TERM, FACTOR, POWER, AWAIT, ATOM = 10, 11, 12, 13, 14, 15, 16, 17, 18

_BINOPS: dict[type, tuple[str, int, int, int]] = {
    # op class -> (text, token type, precedence, parser node type)
    ast.Add: ("+", T.PLUS, ARITH, syms.arith_expr),
    ast.Sub: ("-", T.MINUS, ARITH, syms.arith_expr),
    ast.Mult: ("*", T.STAR, TERM, syms.term),
    ast.MatMult: ("@", T.AT, TERM, syms.term),
    ast.Div: ("/", T.SLASH, TERM, syms.term),
    ast.Mod: ("%", T.PERCENT, TERM, syms.term),
    ast.FloorDiv: ("//", T.DOUBLESLASH, TERM, syms.term),
    ast.LShift: ("<<", T.LEFTSHIFT, SHIFT, syms.shift_expr),
    ast.RShift: (">>", T.RIGHTSHIFT, SHIFT, syms.shift_expr),
    ast.BitOr: ("|", T.VBAR, BOR, syms.expr),
    ast.BitXor: ("^", T.CIRCUMFLEX, BXOR, syms.xor_expr),
    ast.BitAnd: ("&", T.AMPER, BAND, syms.and_expr),
}
_UNARY: dict[type, tuple[str, int]] = {
    ast.USub: ("-", T.MINUS), ast.UAdd: ("+", T.PLUS), ast.Invert: ("~", T.TILDE),
}
_CMPOPS: dict[type, tuple[str, ...]] = {
    ast.Eq: ("==",), ast.NotEq: ("!=",), ast.Lt: ("<",), ast.LtE: ("<=",), ast.Gt: (">",),
    ast.GtE: (">=",), ast.Is: ("is",), ast.IsNot: ("is", "not"), ast.In: ("in",),
    ast.NotIn: ("not", "in"),
}
_OP_TOKENS = {
    "==": T.EQEQUAL, "!=": T.NOTEQUAL, "<": T.LESS, "<=": T.LESSEQUAL, ">": T.GREATER,
    ">=": T.GREATEREQUAL,
}
_AUG: dict[type, int] = {
    ast.Add: T.PLUSEQUAL, ast.Sub: T.MINEQUAL, ast.Mult: T.STAREQUAL, ast.Div: T.SLASHEQUAL,
    ast.Mod: T.PERCENTEQUAL, ast.FloorDiv: T.DOUBLESLASHEQUAL, ast.BitOr: T.VBAREQUAL,
    ast.BitAnd: T.AMPEREQUAL, ast.BitXor: T.CIRCUMFLEXEQUAL, ast.LShift: T.LEFTSHIFTEQUAL,
    ast.RShift: T.RIGHTSHIFTEQUAL, ast.MatMult: T.ATEQUAL,
}
_NAME_CONSTANTS = {None: "None", True: "True", False: "False"}


def _node(type_: int, children: list[LN]) -> LN:
    """A parser node; the parser collapses a node with one child into that child."""
    if len(children) == 1:
        return children[0]
    return Node(type_, children)


def _name(value: str) -> Leaf:
    return Leaf(T.NAME, value)


def _paren(inner: LN) -> Node:
    return Node(syms.atom, [Leaf(T.LPAR, "("), inner, Leaf(T.RPAR, ")")])


def _comma() -> Leaf:
    return Leaf(T.COMMA, ",")


def _interleave(items: list[LN]) -> list[LN]:
    out: list[LN] = []
    for i, it in enumerate(items):
        if i:
            out.append(_comma())
        out.append(it)
    return out


class Builder:
    """Builds parse trees as black's parser would build them.

    ``module`` builds a module from its text (the skeleton the template wrote) and that text's
    ``ast``: comments and blank lines are read from the text between the statements. The
    chunk, which has no text, goes where the skeleton has a placeholder, built as
    ``ast.unparse`` would write it: comments from the marker statements (``comment(stmt)``
    returns a marker's comment text, ``None`` for other statements) and a blank line before
    each nested definition."""

    def __init__(self, comment: Callable[[ast.stmt], str | None]) -> None:
        self.comment = comment
        self.comments: list[str] = []
        self.pending = ""  # comments and blank lines waiting for the next token
        self.lines: list[str] | None = None  # the module's text while building ``module``
        self.prev_end = 0  # the last text line consumed

    def module(self, mod: ast.Module, text: str, placeholder: str, chunk: ast.stmt) -> Node:
        """``text``'s tree, with the chunk's tree where the statement ``placeholder`` is."""
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()  # the last newline ends the last statement
        children: list[LN] = []
        for s in mod.body:
            self.lines = lines
            if (type(s) is ast.Expr and type(s.value) is ast.Name
                    and s.value.id == placeholder):
                self.trivia(s.lineno)
                self.lines = None
                children.append(self.stmt(chunk, 0))  # type: ignore[arg-type]
                self.prev_end = s.end_lineno or s.lineno
            else:
                n = self.stmt(s, 0)
                assert n is not None
                children.append(n)
        self.lines = lines
        self.trivia(len(lines) + 1)
        children.append(Leaf(T.ENDMARKER, "", prefix=self.take_prefix()))
        self.lines = None
        return Node(syms.file_input, children)

    def trivia(self, upto: int) -> None:
        """Comments and blank lines of the text before line ``upto``, into the prefix."""
        assert self.lines is not None
        for line in self.lines[self.prev_end:upto - 1]:
            stripped = line.strip()
            if not stripped:
                self.pending += "\n"
            elif stripped.startswith("#"):
                self.comments.append(stripped)
                self.pending += stripped + "\n"
            else:
                raise Unsupported("statement text over several lines")
        self.prev_end = max(self.prev_end, upto - 1)

    def take_prefix(self) -> str:
        p, self.pending = self.pending, ""
        return p

    # -- statements --------------------------------------------------------------------

    def block(self, body: list[ast.stmt], depth: int) -> Node:
        """``suite``: NEWLINE INDENT stmt+ DEDENT; comments left at the end of the block go
        to the DEDENT, as the parser puts those indented like the block."""
        children: list[LN] = [Leaf(T.NEWLINE, "\n"), Leaf(T.INDENT, "")]
        for s in body:
            n = self.stmt(s, depth)
            if n is not None:
                children.append(n)
        if len(children) == 2:
            raise Unsupported("a block with no statement")
        if self.lines is not None:
            # comments indented like the block, before the dedent, would go to the DEDENT
            for line in self.lines[self.prev_end:]:
                if line.strip():
                    if line.strip().startswith("#"):
                        raise Unsupported("comment at the end of a block")
                    break
        children.append(Leaf(T.DEDENT, "", prefix=self.take_prefix()))
        return Node(syms.suite, children)

    def first(self, value: str, type_: int = T.NAME) -> Leaf:
        return Leaf(type_, value, prefix=self.take_prefix())

    def simple(self, small: LN) -> Node:
        return Node(syms.simple_stmt, [small, Leaf(T.NEWLINE, "\n")])

    def stmt(self, s: ast.stmt, depth: int) -> LN | None:
        if self.lines is not None:
            decos = getattr(s, "decorator_list", None)
            self.trivia(decos[0].lineno if decos else s.lineno)
            if type(s) not in _TEXT_STATEMENTS:
                raise Unsupported("compound statement in the skeleton")
        else:
            text = self.comment(s)
            if text is not None:
                self.comments.append(text)
                self.pending += text + "\n"
                return None
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None:
            raise Unsupported(type(s).__name__)
        n = m(s, depth)
        if self.lines is not None:
            self.prev_end = s.end_lineno or s.lineno
        return n

    def header_done(self, s: ast.stmt) -> None:
        """In a module's text, the body of ``s`` starts after its header line."""
        if self.lines is not None:
            self.prev_end = s.lineno

    def decorated(self, s: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
                  build: Callable[[], LN], async_leaf: Leaf | None) -> LN:
        """``s`` built by ``build``, under its decorators (``async_leaf``: the ``async`` of
        a decorated ``async def``, which makes it an ``async_funcdef``)."""
        if not s.decorator_list:
            return build()
        decos: list[LN] = []
        for d in s.decorator_list:
            at = Leaf(T.AT, "@", prefix=self.take_prefix())
            decos.append(Node(syms.decorator, [at, self.expr(d, TEST), Leaf(T.NEWLINE, "\n")]))
        target = build()
        if async_leaf is not None:
            target = Node(syms.async_funcdef, [async_leaf, target])
        return Node(syms.decorated, [_node(syms.decorators, decos), target])

    def s_Import(self, s: ast.Import, depth: int) -> LN:
        kw = self.first("import")
        names = [self.alias(a, dotted=True) for a in s.names]
        return self.simple(Node(syms.import_name,
                                [kw, _node(syms.dotted_as_names, _interleave(names))]))

    def s_ImportFrom(self, s: ast.ImportFrom, depth: int) -> LN:
        if s.level or not s.module:
            raise Unsupported("relative import")
        kw = self.first("from")
        names = [self.alias(a, dotted=False) for a in s.names]
        return self.simple(Node(syms.import_from, [
            kw, _dotted(s.module), _name("import"),
            _node(syms.import_as_names, _interleave(names))]))

    def alias(self, a: ast.alias, dotted: bool) -> LN:
        if a.name == "*":
            return Leaf(T.STAR, "*")
        name = _dotted(a.name) if dotted else _name(a.name)
        if a.asname is None:
            return name
        return Node(syms.dotted_as_name if dotted else syms.import_as_name,
                    [name, _name("as"), _name(a.asname)])

    def s_ClassDef(self, s: ast.ClassDef, depth: int) -> LN:
        if getattr(s, "type_params", None):
            raise Unsupported("type parameters")
        if self.lines is None:
            raise Unsupported("class in the chunk")

        def build() -> LN:
            parts: list[LN] = [_name("class"), _name(s.name)]
            if not s.decorator_list:
                parts[0].prefix = self.take_prefix()
            args = [self.expr(b, TEST) for b in s.bases] + [self.keyword(k) for k in s.keywords]
            if args:
                parts += [Leaf(T.LPAR, "("), _node(syms.arglist, _interleave(args)),
                          Leaf(T.RPAR, ")")]
            self.header_done(s)
            return Node(syms.classdef, [*parts, Leaf(T.COLON, ":"), self.block(s.body, depth + 1)])

        return self.decorated(s, build, None)

    def s_Expr(self, s: ast.Expr, depth: int) -> LN:
        v = s.value
        if isinstance(v, ast.Constant) and isinstance(v.value, str):
            raise Unsupported("string statement (docstring rules)")
        prefix = self.take_prefix()
        e = self.expr(v, YIELD)
        _set_first_prefix(e, prefix)
        return self.simple(e)

    def s_Assign(self, s: ast.Assign, depth: int) -> LN:
        if s.type_comment:
            raise Unsupported("type comment")
        prefix = self.take_prefix()
        parts: list[LN] = []
        for t in s.targets:
            parts.append(self.target(t, TUPLE, syms.testlist_star_expr))
            parts.append(Leaf(T.EQUAL, "="))
        parts.append(self.expr(s.value, TEST))
        _set_first_prefix(parts[0], prefix)
        return self.simple(Node(syms.expr_stmt, parts))

    def s_AugAssign(self, s: ast.AugAssign, depth: int) -> LN:
        op = _AUG.get(type(s.op))
        if op is None:
            raise Unsupported("augmented **")
        prefix = self.take_prefix()
        tgt = self.expr(s.target, TEST)
        _set_first_prefix(tgt, prefix)
        text = _BINOPS[type(s.op)][0] + "="
        return self.simple(Node(syms.expr_stmt, [tgt, Leaf(op, text), self.expr(s.value, TEST)]))

    def s_Return(self, s: ast.Return, depth: int) -> LN:
        kw = self.first("return")
        if s.value is None:
            return self.simple(kw)
        return self.simple(Node(syms.return_stmt, [kw, self.expr(s.value, TEST)]))

    def s_Pass(self, s: ast.stmt, depth: int) -> LN:
        return self.simple(self.first("pass"))

    def s_Break(self, s: ast.stmt, depth: int) -> LN:
        return self.simple(self.first("break"))

    def s_Continue(self, s: ast.stmt, depth: int) -> LN:
        return self.simple(self.first("continue"))

    def s_Delete(self, s: ast.Delete, depth: int) -> LN:
        kw = self.first("del")
        targets = [self.expr(t, TEST) for t in s.targets]
        return self.simple(Node(syms.del_stmt, [kw, _node(syms.exprlist, _interleave(targets))]))

    def s_Nonlocal(self, s: ast.Nonlocal, depth: int) -> LN:
        return self._global(s.names, "nonlocal")

    def s_Global(self, s: ast.Global, depth: int) -> LN:
        return self._global(s.names, "global")

    def _global(self, names: list[str], kw: str) -> LN:
        return self.simple(Node(syms.global_stmt,
                                [self.first(kw), *_interleave([_name(n) for n in names])]))

    def s_Raise(self, s: ast.Raise, depth: int) -> LN:
        kw = self.first("raise")
        if s.exc is None:
            if s.cause is not None:
                raise Unsupported("raise from without exception")
            return self.simple(kw)
        parts: list[LN] = [kw, self.expr(s.exc, TEST)]
        if s.cause is not None:
            parts += [_name("from"), self.expr(s.cause, TEST)]
        return self.simple(Node(syms.raise_stmt, parts))

    def s_Assert(self, s: ast.Assert, depth: int) -> LN:
        parts: list[LN] = [self.first("assert"), self.expr(s.test, TEST)]
        if s.msg is not None:
            parts += [_comma(), self.expr(s.msg, TEST)]
        return self.simple(Node(syms.assert_stmt, parts))

    def s_If(self, s: ast.If, depth: int) -> LN:
        parts: list[LN] = [self.first("if"), self.expr(s.test, TEST), Leaf(T.COLON, ":"),
                           self.block(s.body, depth + 1)]
        # ast.unparse writes an else holding only an if as elif
        while s.orelse and len(s.orelse) == 1 and isinstance(s.orelse[0], ast.If):
            s = s.orelse[0]
            parts += [self.first("elif"), self.expr(s.test, TEST), Leaf(T.COLON, ":"),
                      self.block(s.body, depth + 1)]
        if s.orelse:
            parts += [self.first("else"), Leaf(T.COLON, ":"), self.block(s.orelse, depth + 1)]
        return Node(syms.if_stmt, parts)

    def s_While(self, s: ast.While, depth: int) -> LN:
        parts: list[LN] = [self.first("while"), self.expr(s.test, TEST), Leaf(T.COLON, ":"),
                           self.block(s.body, depth + 1)]
        if s.orelse:
            parts += [self.first("else"), Leaf(T.COLON, ":"), self.block(s.orelse, depth + 1)]
        return Node(syms.while_stmt, parts)

    def s_For(self, s: ast.For, depth: int) -> LN:
        if s.type_comment:
            raise Unsupported("type comment")
        parts: list[LN] = [self.first("for"), self.target(s.target, TUPLE, syms.exprlist),
                           _name("in"), self.expr(s.iter, TEST), Leaf(T.COLON, ":"),
                           self.block(s.body, depth + 1)]
        if s.orelse:
            parts += [self.first("else"), Leaf(T.COLON, ":"), self.block(s.orelse, depth + 1)]
        return Node(syms.for_stmt, parts)

    def s_Try(self, s: ast.Try, depth: int) -> LN:
        parts: list[LN] = [self.first("try"), Leaf(T.COLON, ":"), self.block(s.body, depth + 1)]
        for h in s.handlers:
            clause: list[LN] = [self.first("except")]
            if h.type is not None:
                clause.append(self.expr(h.type, TEST))
            if h.name:
                clause += [_name("as"), _name(h.name)]
            parts += [_node(syms.except_clause, clause), Leaf(T.COLON, ":"),
                      self.block(h.body, depth + 1)]
        if s.orelse:
            parts += [self.first("else"), Leaf(T.COLON, ":"), self.block(s.orelse, depth + 1)]
        if s.finalbody:
            parts += [self.first("finally"), Leaf(T.COLON, ":"),
                      self.block(s.finalbody, depth + 1)]
        return Node(syms.try_stmt, parts)

    def s_FunctionDef(self, s: ast.FunctionDef, depth: int) -> LN:
        return self._def(s, depth, False)

    def s_AsyncFunctionDef(self, s: ast.AsyncFunctionDef, depth: int) -> LN:
        return self._def(s, depth, True)

    def _def(self, s: ast.FunctionDef | ast.AsyncFunctionDef, depth: int, is_async: bool) -> LN:
        if s.returns is not None or s.type_comment:
            raise Unsupported("annotated function")
        if getattr(s, "type_params", None):
            raise Unsupported("type parameters")
        body = s.body
        if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            raise Unsupported("docstring")
        if depth and self.lines is None:
            self.pending += "\n"  # ast.unparse's maybe_newline before a definition
        async_leaf = Leaf(T.ASYNC, "async") if is_async else None

        def build() -> LN:
            prefix = "" if s.decorator_list else self.take_prefix()
            params = self.arguments(s.args)
            self.header_done(s)
            header: list[LN] = [
                _name("def"), _name(s.name),
                Node(syms.parameters, [Leaf(T.LPAR, "("), *params, Leaf(T.RPAR, ")")]),
                Leaf(T.COLON, ":"), self.block(body, depth + 1)]
            if async_leaf is None:
                header[0].prefix = prefix
                return Node(syms.funcdef, header)
            if s.decorator_list:
                return Node(syms.funcdef, header)
            async_leaf.prefix = prefix
            return Node(syms.async_stmt, [async_leaf, Node(syms.funcdef, header)])

        return self.decorated(s, build, async_leaf)

    def keyword(self, k: ast.keyword) -> LN:
        if k.arg is None:
            return Node(syms.argument, [Leaf(T.DOUBLESTAR, "**"), self.expr(k.value, TEST)])
        return Node(syms.argument, [_name(k.arg), Leaf(T.EQUAL, "="), self.expr(k.value, TEST)])

    def arguments(self, a: ast.arguments) -> list[LN]:
        """The contents of ``parameters`` (a ``typedargslist`` unless a single name)."""
        if a.posonlyargs:
            raise Unsupported("positional-only parameters")
        parts: list[LN] = []
        defaults: list[ast.expr | None] = [None] * (len(a.args) - len(a.defaults))
        defaults += a.defaults

        def sep() -> None:
            if parts:
                parts.append(_comma())

        for arg, d in zip(a.args, defaults):
            sep()
            parts.append(self.arg(arg))
            if d is not None:
                parts += [Leaf(T.EQUAL, "="), self.expr(d, TEST)]
        if a.vararg or a.kwonlyargs:
            sep()
            parts.append(Leaf(T.STAR, "*"))
            if a.vararg:
                parts.append(self.arg(a.vararg))
        for arg, kd in zip(a.kwonlyargs, a.kw_defaults):
            parts += [_comma(), self.arg(arg)]
            if kd is not None:
                parts += [Leaf(T.EQUAL, "="), self.expr(kd, TEST)]
        if a.kwarg:
            sep()
            parts += [Leaf(T.DOUBLESTAR, "**"), self.arg(a.kwarg)]
        if not parts:
            return []
        return [_node(syms.typedargslist, parts)]

    def arg(self, a: ast.arg) -> LN:
        if a.annotation is not None or a.type_comment:
            raise Unsupported("annotated parameter")
        return _name(a.arg)

    # -- expressions -----------------------------------------------------------------------

    def target(self, t: ast.expr, prec: int, list_type: int) -> LN:
        """An assignment or ``for`` target: a tuple unparenthesized at TUPLE precedence is
        ``testlist_star_expr`` (assignment) or ``exprlist`` (``for``)."""
        if isinstance(t, ast.Tuple) and t.elts:
            items = [self.expr(e, TEST) for e in t.elts]
            if len(items) == 1:
                return Node(list_type, [items[0], _comma()])
            return Node(list_type, _interleave(items))
        return self.expr(t, prec)

    def expr(self, e: ast.expr, prec: int) -> LN:
        m = getattr(self, "e_" + type(e).__name__, None)
        if m is None:
            raise Unsupported(type(e).__name__)
        return m(e, prec)

    def e_Name(self, e: ast.Name, prec: int) -> LN:
        return _name(e.id)

    def e_Constant(self, e: ast.Constant, prec: int) -> LN:
        v = e.value
        if e.kind == "u":
            raise Unsupported("u'' string")
        if v is None or v is True or v is False:
            return _name(_NAME_CONSTANTS[v])
        if isinstance(v, str) or isinstance(v, bytes):
            return Leaf(T.STRING, repr(v))
        if isinstance(v, int):
            text = repr(v)
        elif isinstance(v, float):
            text = repr(v)
            if text == "nan":  # ast.unparse writes (1e309-1e309)
                return _paren(Node(syms.arith_expr, [Leaf(T.NUMBER, "1e309"),
                                                     Leaf(T.MINUS, "-"), Leaf(T.NUMBER, "1e309")]))
            text = text.replace("inf", "1e309")  # ast.unparse's _INFSTR
        else:
            raise Unsupported("constant " + type(v).__name__)
        if text.startswith("-"):
            return Node(syms.factor, [Leaf(T.MINUS, "-"), Leaf(T.NUMBER, text[1:])])
        return Leaf(T.NUMBER, text)

    def e_JoinedStr(self, e: ast.JoinedStr, prec: int) -> LN:
        # black turns an f-string into one STRING leaf before formatting it, and normalizes
        # its quotes unless a replacement field holds a backslash: ast.unparse writes none
        # into an expression (it raises instead), a format spec could
        for v in e.values:
            if isinstance(v, ast.FormattedValue) and v.format_spec is not None:
                raise Unsupported("f-string format spec")
        text = ast.unparse(e)
        if "\n" in text:
            raise Unsupported("f-string over several lines")
        return Leaf(T.STRING, text)

    def e_NamedExpr(self, e: ast.NamedExpr, prec: int) -> LN:
        inner = Node(syms.namedexpr_test, [self.expr(e.target, ATOM), Leaf(T.COLONEQUAL, ":="),
                                           self.expr(e.value, ATOM)])
        return _paren(inner) if prec > NAMED_EXPR else inner

    def e_IfExp(self, e: ast.IfExp, prec: int) -> LN:
        inner = Node(syms.test, [self.expr(e.body, OR), _name("if"), self.expr(e.test, OR),
                                 _name("else"), self.expr(e.orelse, TEST)])
        return _paren(inner) if prec > TEST else inner

    def e_BoolOp(self, e: ast.BoolOp, prec: int) -> LN:
        is_and = isinstance(e.op, ast.And)
        op_prec = AND if is_and else OR
        kw = "and" if is_and else "or"
        parts: list[LN] = []
        level = op_prec
        for i, v in enumerate(e.values):
            level = min(level + 1, ATOM)  # each operand one level tighter than the last
            if i:
                parts.append(_name(kw))
            parts.append(self.expr(v, level))
        inner = _node(syms.and_test if is_and else syms.or_test, parts)
        return _paren(inner) if prec > op_prec else inner

    def e_UnaryOp(self, e: ast.UnaryOp, prec: int) -> LN:
        if isinstance(e.op, ast.Not):
            inner = Node(syms.not_test, [_name("not"), self.expr(e.operand, NOT)])
            return _paren(inner) if prec > NOT else inner
        text, tok = _UNARY[type(e.op)]
        inner = Node(syms.factor, [Leaf(tok, text), self.expr(e.operand, FACTOR)])
        return _paren(inner) if prec > FACTOR else inner

    def e_BinOp(self, e: ast.BinOp, prec: int) -> LN:
        spec = _BINOPS.get(type(e.op))
        if spec is None:
            raise Unsupported("**")
        text, tok, op_prec, node_type = spec
        left = self.expr(e.left, op_prec)
        # left-nested operators of one level are one parser node: a + b - c
        if isinstance(left, Node) and left.type == node_type:
            parts = _detach(left)
        else:
            parts = [left]
        parts += [Leaf(tok, text), self.expr(e.right, min(op_prec + 1, ATOM))]
        inner = Node(node_type, parts)
        return _paren(inner) if prec > op_prec else inner

    def e_Compare(self, e: ast.Compare, prec: int) -> LN:
        parts: list[LN] = [self.expr(e.left, EXPR)]
        for o, c in zip(e.ops, e.comparators):
            words = _CMPOPS[type(o)]
            if len(words) == 2:
                parts.append(Node(syms.comp_op, [_name(words[0]), _name(words[1])]))
            elif words[0] in ("is", "in"):
                parts.append(_name(words[0]))
            else:
                parts.append(Leaf(_OP_TOKENS[words[0]], words[0]))
            parts.append(self.expr(c, EXPR))
        inner = Node(syms.comparison, parts)
        return _paren(inner) if prec > CMP else inner

    def e_Await(self, e: ast.Await, prec: int) -> LN:
        value = self.expr(e.value, ATOM)
        if isinstance(value, Node) and value.type == syms.power:
            inner = Node(syms.power, [Leaf(T.AWAIT, "await"), *_detach(value)])
        else:
            inner = Node(syms.power, [Leaf(T.AWAIT, "await"), value])
        return _paren(inner) if prec > AWAIT else inner

    def _trailers(self, base: ast.expr, trailer: Node) -> LN:
        """``base`` followed by one more trailer: one ``power`` node for the whole chain."""
        b = self.expr(base, ATOM)
        if (isinstance(b, Node) and b.type == syms.power
                and not (b.children[0].type == T.AWAIT)):
            return Node(syms.power, [*_detach(b), trailer])
        if isinstance(b, Node) and b.type == syms.power:
            raise Unsupported("trailer after await")  # unparse parenthesizes it first
        return Node(syms.power, [b, trailer])

    def e_Attribute(self, e: ast.Attribute, prec: int) -> LN:
        if isinstance(e.value, ast.Constant) and isinstance(e.value.value, int):
            raise Unsupported("attribute of an int literal")
        return self._trailers(e.value, Node(syms.trailer, [Leaf(T.DOT, "."), _name(e.attr)]))

    def e_Call(self, e: ast.Call, prec: int) -> LN:
        args: list[LN] = []
        for a in e.args:
            if isinstance(a, ast.GeneratorExp):
                raise Unsupported("generator argument")
            if isinstance(a, ast.Starred):
                args.append(Node(syms.argument, [Leaf(T.STAR, "*"), self.expr(a.value, EXPR)]))
            else:
                args.append(self.expr(a, TEST))
        args += [self.keyword(k) for k in e.keywords]
        inner: list[LN] = [Leaf(T.LPAR, "(")]
        if args:
            inner.append(_node(syms.arglist, _interleave(args)))
        inner.append(Leaf(T.RPAR, ")"))
        return self._trailers(e.func, Node(syms.trailer, inner))

    def e_Subscript(self, e: ast.Subscript, prec: int) -> LN:
        s = e.slice
        if isinstance(s, ast.Tuple) and s.elts:
            items = [self.subscript(x) for x in s.elts]
            idx: LN = Node(syms.subscriptlist,
                           [items[0], _comma()] if len(items) == 1 else _interleave(items))
        else:
            idx = self.subscript(s)
        return self._trailers(e.value, Node(syms.trailer, [Leaf(T.LSQB, "["), idx,
                                                          Leaf(T.RSQB, "]")]))

    def subscript(self, s: ast.expr) -> LN:
        if not isinstance(s, ast.Slice):
            return self.expr(s, TEST)
        parts: list[LN] = []
        if s.lower is not None:
            parts.append(self.expr(s.lower, TEST))
        parts.append(Leaf(T.COLON, ":"))
        if s.upper is not None:
            parts.append(self.expr(s.upper, TEST))
        if s.step is not None:
            parts.append(Node(syms.sliceop, [Leaf(T.COLON, ":"), self.expr(s.step, TEST)]))
        return _node(syms.subscript, parts)

    def e_Starred(self, e: ast.Starred, prec: int) -> LN:
        return Node(syms.star_expr, [Leaf(T.STAR, "*"), self.expr(e.value, EXPR)])

    def e_Tuple(self, e: ast.Tuple, prec: int) -> LN:
        if not e.elts:
            return Node(syms.atom, [Leaf(T.LPAR, "("), Leaf(T.RPAR, ")")])
        items = [self.expr(x, TEST) for x in e.elts]
        if prec <= TUPLE:
            raise Unsupported("bare tuple")  # targets are built by target()
        if len(items) == 1:
            return _paren(Node(syms.testlist_gexp, [items[0], _comma()]))
        return _paren(Node(syms.testlist_gexp, _interleave(items)))

    def e_List(self, e: ast.List, prec: int) -> LN:
        items = [self.expr(x, TEST) for x in e.elts]
        inner: list[LN] = [Leaf(T.LSQB, "[")]
        if items:
            inner.append(_node(syms.listmaker, _interleave(items)))
        inner.append(Leaf(T.RSQB, "]"))
        return Node(syms.atom, inner)

    def e_Dict(self, e: ast.Dict, prec: int) -> LN:
        parts: list[LN] = []
        for k, v in zip(e.keys, e.values):
            if parts:
                parts.append(_comma())
            if k is None:
                parts += [Leaf(T.DOUBLESTAR, "**"), self.expr(v, EXPR)]
            else:
                parts += [self.expr(k, TEST), Leaf(T.COLON, ":"), self.expr(v, TEST)]
        inner: list[LN] = [Leaf(T.LBRACE, "{")]
        if parts:
            inner.append(_node(syms.dictsetmaker, parts))
        inner.append(Leaf(T.RBRACE, "}"))
        return Node(syms.atom, inner)

    def e_ListComp(self, e: ast.ListComp, prec: int) -> LN:
        elt = self.expr(e.elt, TEST)
        comp: LN | None = None
        # the parser nests each clause in the one before it: build from the last
        clauses: list[tuple[str, list[LN]]] = []
        for g in e.generators:
            if g.is_async:
                raise Unsupported("async comprehension")
            clauses.append(("for", [_name("for"), self.target(g.target, TUPLE, syms.exprlist),
                                    _name("in"), self.expr(g.iter, OR)]))
            for cond in g.ifs:
                clauses.append(("if", [_name("if"), self.expr(cond, OR)]))
        for kind, parts in reversed(clauses):
            if comp is not None:
                parts.append(comp)
            comp = Node(syms.old_comp_for if kind == "for" else syms.old_comp_if, parts)
        assert comp is not None
        return Node(syms.atom, [Leaf(T.LSQB, "["), Node(syms.listmaker, [elt, comp]),
                                Leaf(T.RSQB, "]")])


def _dotted(name: str) -> LN:
    parts = name.split(".")
    if len(parts) == 1:
        return _name(name)
    out: list[LN] = []
    for i, p in enumerate(parts):
        if i:
            out.append(Leaf(T.DOT, "."))
        out.append(_name(p))
    return Node(syms.dotted_name, out)


_TEXT_STATEMENTS = {ast.Import, ast.ImportFrom, ast.Assign, ast.Expr, ast.Return, ast.ClassDef,
                    ast.FunctionDef, ast.AsyncFunctionDef, ast.Pass}


def _detach(n: Node) -> list[LN]:
    """The children of ``n``, free to be put into another node."""
    kids = list(n.children)
    for k in kids:
        k.parent = None
    n.children = []
    return kids


def _set_first_prefix(n: LN, prefix: str) -> None:
    while isinstance(n, Node):
        n = n.children[0]
    n.prefix = prefix

