"""Positions and fast constructors for the ``luaparser.astnodes`` tree that the parser builds.

Every node the parser makes carries a :class:`Pos` in ``node._first_token`` (set directly, not
through luaparser's setter, which expects an ANTLR token). luaparser's ``Node.__eq__`` ignores
``_first_token``, so trees still compare equal to ``luaparser.ast.parse`` output, and
luaparser's ``node.line`` / ``node.start_char`` properties read our ``Pos`` as they would a token.

Which token a node's position names (the lowering uses it for error messages):

* names, literals, ``...``, tables (``{``), fields (their first token), anonymous functions
  (``function``): the token itself;
* binary and unary operators: the **operator** token (``a +`` **here** ``b``);
* ``Index``: the ``.`` or ``[`` token;
* ``Call`` and ``Invoke``: the token that opens the arguments (``(``, the string or the ``{``),
  which is the line Lua reports for a call;
* statements: their first token (for an assignment, the first target's first token); a call
  statement is its ``Call``/``Invoke`` node, positioned as above;
* ``Block``: its first token (the closing keyword when the block is empty); ``Chunk``: 1:1.

The constructors below build nodes without running luaparser's ``__init__`` chain (which
costs about twice as much); each sets exactly the attributes the real constructor sets, which
``tests/unit/test_parser.py`` checks against the real constructors.
"""

from __future__ import annotations

from typing import Any

from luaparser.astnodes import (
    AnonymousFunction,
    Assign,
    Block,
    Break,
    Call,
    CallStyle,
    Chunk,
    Do,
    Dots,
    ElseIf,
    Expression,
    FalseExpr,
    Field,
    Forin,
    Fornum,
    Function,
    Goto,
    If,
    Index,
    IndexNotation,
    Invoke,
    Label,
    LocalAssign,
    LocalFunction,
    Method,
    Name,
    Nil,
    Node,
    Number,
    Repeat,
    Return,
    SemiColon,
    String,
    StringDelimiter,
    Table,
    TrueExpr,
    Varargs,
    While,
)

__all__ = ["Pos", "pos", "set_pos"]


class Pos:
    """Where a node is: 1-based ``line`` and ``column`` (in characters), and the 0-based
    character offsets ``start``/``stop`` of the token the position names."""

    __slots__ = ("line", "column", "start", "stop")

    def __init__(self, line: int, column: int, start: int = 0, stop: int = 0) -> None:
        self.line = line
        self.column = column
        self.start = start
        self.stop = stop

    def __repr__(self) -> str:
        return f"Pos({self.line}, {self.column})"


def pos(node: Node) -> tuple[int, int]:
    """``(line, column)`` of a node built by our parser (both 1-based)."""
    p = node._first_token
    if not isinstance(p, Pos):
        raise ValueError(f"{type(node).__name__} node has no luac2py position")
    return p.line, p.column


def set_pos(node: Node, line: int, col: int) -> None:
    """Give ``node`` the position ``line``:``col`` (1-based)."""
    node._first_token = Pos(line, col)  # type: ignore[assignment]


# ---------------------------------------------------------------------------------------------
# Constructors. Each mirrors the attribute set of the luaparser constructor of the same node.
# ---------------------------------------------------------------------------------------------

_new = object.__new__


def chunk(body: Block, p: Pos) -> Chunk:
    n = _new(Chunk)
    n.__dict__ = {"_name": "Chunk", "comments": [], "_first_token": p, "_last_token": None,
                  "body": body}
    return n


def block(body: list[Node], p: Pos) -> Block:
    n = _new(Block)
    n.__dict__ = {"_name": "Block", "comments": [], "_first_token": p, "_last_token": None,
                  "body": body}
    return n


def _expr(cls: type, name: str, p: Pos, fields: dict[str, Any]) -> Any:
    """Generic constructor for the rarer expression/statement nodes."""
    n = _new(cls)
    d = {"_name": name, "comments": [], "_first_token": p, "_last_token": None, "wrapped": False}
    d.update(fields)
    n.__dict__ = d
    return n


def name(ident: str, p: Pos) -> Name:
    n = _new(Name)
    n.__dict__ = {"_name": "Name", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "id": ident, "attribute": None}
    return n


def index(idx: Expression, value: Expression, notation: IndexNotation, p: Pos) -> Index:
    n = _new(Index)
    n.__dict__ = {"_name": "Index", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "idx": idx, "value": value, "notation": notation}
    return n


def call(func: Expression, args: list[Expression], style: CallStyle, p: Pos) -> Call:
    n = _new(Call)
    n.__dict__ = {"_name": "Call", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "func": func, "args": args, "style": style}
    return n


def invoke(source: Expression, func: Name, args: list[Expression], style: CallStyle,
           p: Pos) -> Invoke:
    n = _new(Invoke)
    n.__dict__ = {"_name": "Invoke", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "source": source, "func": func, "args": args,
                  "style": style}
    return n


def number(value: int | float, p: Pos) -> Number:
    n = _new(Number)
    n.__dict__ = {"_name": "Number", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "n": value}
    return n


def string(s: bytes, raw: str, delimiter: StringDelimiter, p: Pos) -> String:
    n = _new(String)
    n.__dict__ = {"_name": "String", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "s": s, "raw": raw, "delimiter": delimiter}
    return n


def binop(cls: type, opname: str, left: Expression, right: Expression, p: Pos) -> Any:
    n = _new(cls)
    n.__dict__ = {"_name": opname, "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "left": left, "right": right}
    return n


def unop(cls: type, opname: str, operand: Expression, p: Pos) -> Any:
    n = _new(cls)
    n.__dict__ = {"_name": opname, "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "operand": operand}
    return n


def field(key: Expression | None, value: Expression, between_brackets: bool, idx: int | None,
          p: Pos) -> Field:
    n = _new(Field)
    n.__dict__ = {"_name": "Field", "comments": [], "_first_token": p, "_last_token": None,
                  "wrapped": False, "key": key, "value": value,
                  "between_brackets": between_brackets, "_index": idx}
    return n


def table(fields: list[Field], p: Pos) -> Table:
    return _expr(Table, "Table", p, {"fields": fields})


def nil(p: Pos) -> Nil:
    return _expr(Nil, "Nil", p, {})


def true(p: Pos) -> TrueExpr:
    return _expr(TrueExpr, "True", p, {"value": True})


def false(p: Pos) -> FalseExpr:
    return _expr(FalseExpr, "False", p, {"value": False})


def dots(p: Pos) -> Dots:
    return _expr(Dots, "Dots", p, {})


def varargs(p: Pos) -> Varargs:
    return _expr(Varargs, "Varargs", p, {})


def anonymous_function(args: list[Expression], body: Block, p: Pos) -> AnonymousFunction:
    return _expr(AnonymousFunction, "AnonymousFunction", p, {"args": args, "body": body})


def assign(targets: list[Node], values: list[Node], p: Pos) -> Assign:
    return _expr(Assign, "Assign", p, {"targets": targets, "values": values})


def local_assign(targets: list[Name], values: list[Node], p: Pos) -> LocalAssign:
    return _expr(LocalAssign, "LocalAssign", p, {"targets": targets, "values": values})


def while_(test: Expression, body: Block, p: Pos) -> While:
    return _expr(While, "While", p, {"test": test, "body": body})


def do(body: Block, p: Pos) -> Do:
    return _expr(Do, "Do", p, {"body": body})


def repeat(body: Block, test: Expression, p: Pos) -> Repeat:
    return _expr(Repeat, "Repeat", p, {"body": body, "test": test})


def if_(test: Expression, body: Block, p: Pos) -> If:
    return _expr(If, "If", p, {"test": test, "body": body, "orelse": None})


def elseif(test: Expression, body: Block, p: Pos) -> ElseIf:
    return _expr(ElseIf, "ElseIf", p, {"test": test, "body": body, "orelse": None})


def label(label_id: Name, p: Pos) -> Label:
    return _expr(Label, "Label", p, {"id": label_id})


def goto(target: Name, p: Pos) -> Goto:
    return _expr(Goto, "Goto", p, {"label": target})


def semicolon(p: Pos) -> SemiColon:
    return _expr(SemiColon, "SemiColon", p, {})


def break_(p: Pos) -> Break:
    return _expr(Break, "Break", p, {})


def return_(values: list[Expression], p: Pos) -> Return:
    return _expr(Return, "Return", p, {"values": values})


def fornum(target: Name, start: Expression, stop: Expression, step: Expression | int,
           body: Block, p: Pos) -> Fornum:
    return _expr(Fornum, "Fornum", p, {"target": target, "start": start, "stop": stop,
                                       "step": step, "body": body})


def forin(body: Block, iters: list[Expression], targets: list[Name], p: Pos) -> Forin:
    return _expr(Forin, "Forin", p, {"body": body, "iter": iters, "targets": targets})


def function(fname: Expression, args: list[Expression], body: Block, p: Pos) -> Function:
    return _expr(Function, "Function", p, {"name": fname, "args": args, "body": body})


def local_function(fname: Name, args: list[Expression], body: Block, p: Pos) -> LocalFunction:
    return _expr(LocalFunction, "LocalFunction", p, {"name": fname, "args": args, "body": body})


def method(source: Expression, mname: Name, args: list[Expression], body: Block,
           p: Pos) -> Method:
    return _expr(Method, "Method", p, {"source": source, "name": mname, "args": args,
                                       "body": body})
