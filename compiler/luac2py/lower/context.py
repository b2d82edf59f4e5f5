"""State shared by the lowering functions: names, runtime imports, the function being built.

Every Lua local gets a Python name unique in the module (``x``, ``x_1``, ...), so shadowing and
nested functions never clash; internal names start with one underscore and are reserved first.
Runtime symbols are referenced as data (``"lua.ops:index"``) and become module-level imports.
"""

from __future__ import annotations

import ast
import builtins
import keyword
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Reporter
from ..semantics.analysis import Unit, lua_pos
from ..semantics.scopes import FuncInfo, Var

RT = "luac2py_runtime"

MARK = "_lua_mark_"  # marker statements, turned into `# lua:N: source` comments by the emitter


@dataclass
class Loop:
    continue_label: str | None = None
    once: bool = False  # a repeat body wrapped in a one-shot loop: `continue` is `break`
    break_flag: str | None = None


@dataclass
class GotoTarget:
    """A label that forward gotos reach by raising ``_Goto(ident)``, caught after the
    statements they skip."""

    label: str
    ident: int
    loop_depth: int  # len(FnState.loops) where the label's block is lowered
    loop_label: bool = False  # the label ends that loop's body (`goto continue`)


@dataclass
class SelfTail:
    """A function whose tail calls of itself are a loop: ``return f(x)`` assigns the
    parameters and continues the ``while True`` that wraps the body. ``check`` is the
    Python name of the function when the callee must be compared with it at run time (a
    global function, which could be replaced), None when the callee is statically itself
    (``local function f``)."""

    calls: set[int]  # id() of the Call nodes that are such tail calls
    check: str | None


@dataclass
class FnState:
    fi: FuncInfo
    is_async: bool
    vararg: str | None = None
    loops: list[Loop] = field(default_factory=list)
    gotos: list[GotoTarget] = field(default_factory=list)
    self_tail: SelfTail | None = None


class Names:
    def __init__(self) -> None:
        self.used: set[str] = set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins))
        self.used |= {"temporalio", "self"}
        self.next: dict[str, int] = {}  # base -> next suffix to try

    def fresh(self, base: str) -> str:
        if base.startswith("__"):
            base = "L" + base
        if base not in self.used:
            self.used.add(base)
            return base
        i = self.next.get(base, 1)
        while f"{base}_{i}" in self.used:
            i += 1
        self.next[base] = i + 1
        name = f"{base}_{i}"
        self.used.add(name)
        return name

    def reserve(self, name: str) -> None:
        self.used.add(name)


class Ctx:
    def __init__(self, unit: Unit, reporter: Reporter) -> None:
        self.unit = unit
        self.reporter = reporter
        self.filename = unit.filename
        self.names = Names()
        self.imports: dict[tuple[str, str], str] = {}
        self.fn: FnState = FnState(unit.res.chunk, unit.res.chunk.is_async)
        self.pre: list[ast.stmt] = []  # statements an expression needs first
        self.goto_ids = 0
        self.source_lines = unit.source.splitlines()
        self.kind_memo: dict[tuple[str, int, int], str] = {}  # see expressions.kind
        self.local_calls: dict[int, list[Any]] | None = None  # id(FuncInfo) -> its calls
        for n in ("_ex", "_gh", "_G_", "_T", "_va"):
            self.names.reserve(n)

    # -- names -------------------------------------------------------------------------
    def var_name(self, v: Var) -> str:
        if not v.py:
            base = v.name
            if base.startswith("_"):
                base = "L" + base
            v.py = self.names.fresh(base)
        return v.py

    def temp(self, hint: str = "t") -> str:
        return self.names.fresh("_" + hint)

    def rt(self, symbol: str) -> ast.Name:
        """A reference to runtime symbol ``"module:attr"``, imported at module level."""
        mod, attr = symbol.split(":")
        key = (mod, attr)
        alias = self.imports.get(key)
        if alias is None:
            base = "_" + attr.strip("_")
            leaf = mod.rpartition(".")[2]
            alias = base if base not in self.names.used else f"_{leaf}_{attr.strip('_')}"
            self.names.reserve(alias)
            self.imports[key] = alias
        return ast.Name(alias, ast.Load())

    # -- positions and markers -----------------------------------------------------------
    def mark(self, node: Any) -> ast.stmt:
        line, _ = lua_pos(node)
        return ast.Expr(ast.Name(f"{MARK}{line}", ast.Load()))

    def take_pre(self) -> list[ast.stmt]:
        p = self.pre
        self.pre = []
        return p


# -- small ast builders ----------------------------------------------------------------


def name(n: str) -> ast.Name:
    return ast.Name(n, ast.Load())


def store(n: str) -> ast.Name:
    return ast.Name(n, ast.Store())


def const(v: Any) -> ast.Constant:
    return ast.Constant(v)


def call(f: ast.expr, args: list[ast.expr], kw: list[ast.keyword] | None = None) -> ast.Call:
    return ast.Call(f, args, kw or [])


def attr(obj: ast.expr, a: str) -> ast.Attribute:
    return ast.Attribute(obj, a, ast.Load())


def is_simple(e: ast.expr) -> bool:
    """Safe to evaluate twice (no side effects, cheap)."""
    return isinstance(e, (ast.Name, ast.Constant))


def conj(conds: list[ast.expr]) -> ast.expr:
    """``a and b and ...`` (just ``a`` for one condition)."""
    return conds[0] if len(conds) == 1 else ast.BoolOp(ast.And(), conds)
