"""Whole-chunk analysis: what each call reaches, which functions can suspend, and the
determinism and module checks.

    local funcs = require("funcs")
    local function charge(o) return funcs.call("app:charge", o) end   -- suspends -> async
    local function total(o) return o.a + o.b end                    -- plain def
    local function main(o) local r = charge(o) ... end               -- calls charge -> async

A call's target is one of: a local function known statically, a builtin or a module member
bound statically (the chunk never reassigns the name), ``require``, or dynamic. Dynamic calls
may suspend when an async function escapes as a value anywhere in the chunk (or a suspending
module function does, or ``coroutine.wrap`` is used); method calls also may suspend when their
name is one of the runtime's suspending methods (``ch:receive()``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from luaparser import astnodes as A

from .. import diagnostics as D
from . import catalog as C
from .fold import fold
from .scopes import FuncInfo, Resolution, Var, resolve


def lua_pos(n: Any) -> tuple[int, int]:
    """(line, 1-based column) of a node."""
    tok = getattr(n, "_first_token", None)
    if tok is None:
        return (0, 0)
    col = getattr(tok, "col", None)
    if col is not None:
        return (tok.line, col)
    # our front end's Pos has a 1-based `column`; antlr tokens (luaparser) a 0-based one
    if type(tok).__name__ == "CommonToken":
        return (tok.line, tok.column + 1)
    return (tok.line, tok.column)


@dataclass(frozen=True)
class Target:
    kind: str  # local | builtin | member | require | cast | dynamic
    suspends: bool = False
    single: bool = False
    fn: C.Fn | None = None
    fi: FuncInfo | None = None
    var: Var | None = None
    const: object = None
    module: str | None = None


DYNAMIC = Target("dynamic")


@dataclass
class LibrarySummary:
    """What an importer needs to know about a compiled library.lua module."""

    alias: str
    module: str  # Python module name of the compiled library
    exports_async: bool


@dataclass
class Unit:
    filename: str
    source: str
    chunk: A.Chunk
    reporter: D.Reporter
    allowed_modules: frozenset[str] | None = None  # None: every module allowed
    libraries: dict[str, LibrarySummary] = field(default_factory=dict)
    in_workflow: bool = True
    in_function: bool = False  # a function.lua entry (or a library only functions import)
    library: bool = False  # a library.lua: workflow-only rules are checked by its importers
    # require() of modules a workflow may not use: (name, line, col), for the importers of
    # a library (project.py)
    io_requires: list[tuple[str, int, int]] = field(default_factory=list)
    res: Resolution = None  # type: ignore[assignment]
    dyn_suspend: bool = False
    module_vars: dict[int, str] = field(default_factory=dict)  # id(Var) -> module name
    nodes: list[Any] = field(default_factory=list)  # every node of the chunk, walked once

    # -- facts about globals ---------------------------------------------------------
    def global_static(self, name: str) -> bool:
        """The global ``name`` keeps its builtin value: the chunk never assigns it."""
        return not self.res.uses_G and name not in self.res.global_writes

    def module_of(self, n: Any) -> str | None:
        """The module an expression statically denotes (``funcs`` after
        ``local funcs = require("funcs")``, the global ``string``, ``require("time")`` itself),
        or None."""
        if type(n) is A.Call:
            # require("time").sleep(...): the module itself, as through a local
            name = _require_name(n)
            if name is not None and self.global_static("require") and (
                    name in C.MODULES or name in self.libraries):
                return name
            return None
        if type(n) is not A.Name:
            return None
        v = getattr(n, "_var", None)
        if v is not None:
            return self.module_vars.get(id(v))
        name = n.id
        if not self.global_static(name):
            return None
        if name in C.LIBRARIES:
            return name
        if name in C.WIPPY_GLOBALS:
            return name
        return None

    def member(self, module: str, member: str) -> C.Member | None:
        if (module, member) in self.res.lib_member_writes:
            return None
        if module in C.LIBRARIES:
            return C.LIBRARIES[module].get(member)
        if module in C.MODULES:
            return C.MODULES[module].get(member)
        return None

    # -- call targets ----------------------------------------------------------------
    def target(self, func: Any) -> Target:
        """What a callee expression denotes."""
        t = type(func)
        if t is A.Name:
            v: Var | None = getattr(func, "_var", None)
            if v is not None:
                fi = v.const_function
                if fi is not None and not v.assigned:
                    return Target(
                        "local", suspends=fi.is_async, single=fi.single_result, fi=fi, var=v
                    )
                return self._dynamic(None)
            name = func.id
            if self.global_static(name):
                if name == "require":
                    return Target("require", single=True)
                fn = C.BASE.get(name)
                if isinstance(fn, C.Fn):
                    return Target("builtin", suspends=fn.suspends, single=fn.single, fn=fn)
                cast = C.CALLABLE_LIBRARIES.get(name)
                if cast is not None:
                    return Target("builtin", single=cast.single, fn=cast)
            return self._dynamic(None)
        if t is A.Index and func.notation == A.IndexNotation.DOT and type(func.idx) is A.Name:
            mod = self.module_of(func.value)
            if mod is not None:
                m = self.member(mod, func.idx.id)
                if isinstance(m, C.Fn):
                    return Target(
                        "member", suspends=m.suspends, single=m.single, fn=m, module=mod
                    )
                if mod in self.libraries:
                    return Target("dynamic", suspends=self.libraries[mod].exports_async)
        return self._dynamic(None)

    def _dynamic(self, method: str | None) -> Target:
        if self.dyn_suspend or (method is not None and method in C.SUSPENDING_METHODS):
            return Target("dynamic", suspends=True)
        return DYNAMIC

    def call_target(self, call: Any) -> Target:
        if type(call) is A.Invoke:
            return self._dynamic(call.func.id)
        if type(call) is A.Forin:
            # a generic for calls its iterator: pairs/ipairs are lowered to Python iterators
            it = call.iter
            if len(it) == 1 and type(it[0]) is A.Call and not it[0].wrapped:
                tgt = self.target(it[0].func)
                if tgt.kind == "builtin" and tgt.fn is not None and tgt.fn.symbol in (
                    "lua.base:pairs", "lua.base:ipairs"
                ) and len(it[0].args) == 1:
                    return DYNAMIC
            return self._dynamic(None)
        tgt = self.target(call.func)
        if tgt.kind == "builtin" and tgt.fn is not None and tgt.fn.symbol in C.ASYNC_TWINS:
            # pcall(f, ...) suspends when f can
            if call.args and self.value_suspends(call.args[0]):
                twin = C.ASYNC_TWINS[tgt.fn.symbol]
                return Target("builtin", suspends=True, single=False, fn=twin)
        return tgt

    def value_suspends(self, e: Any) -> bool:
        """Calling the function value ``e`` may suspend."""
        if type(e) is A.AnonymousFunction:
            return bool(e._fi.is_async)
        tgt = self.target(e)
        return tgt.suspends


# ---------------------------------------------------------------------------------------


def walk(node: Any) -> Iterator[Any]:
    """Every node below ``node`` (pre-order), iteratively."""
    stack = [node]
    Node = A.Node
    while stack:
        n = stack.pop()
        yield n
        for k, v in vars(n).items():
            if k[0] == "_" or k == "comments":
                continue
            if isinstance(v, Node):
                stack.append(v)
            elif type(v) is list:
                for x in reversed(v):
                    if isinstance(x, Node):
                        stack.append(x)


def _require_name(value: Any) -> str | None:
    if (
        type(value) is A.Call
        and type(value.func) is A.Name
        and value.func.id == "require"
        and getattr(value.func, "_var", None) is None
        and len(value.args) == 1
        and type(value.args[0]) is A.String
    ):
        return value.args[0].s.decode("utf-8", "replace")
    return None


def analyse(unit: Unit) -> Unit:
    unit.res = resolve(unit.chunk)
    unit.nodes = list(walk(unit.chunk))
    # locals bound to require("module") and never reassigned
    for n in unit.nodes:
        if type(n) is A.LocalAssign:
            for i, t in enumerate(n.targets):
                v: Var = t._var
                name = _require_name(v.init_value) if v.init_value is not None else None
                if name is not None and (name in C.MODULES or name in unit.libraries):
                    unit.module_vars[id(v)] = name
    _drop_reassigned_modules(unit)
    _check(unit)
    _suspension(unit)
    _single_results(unit)
    return unit


def _drop_reassigned_modules(unit: Unit) -> None:
    for n in unit.nodes:
        if type(n) is A.Name:
            v = getattr(n, "_var", None)
            if v is not None and v.assigned and id(v) in unit.module_vars:
                del unit.module_vars[id(v)]


def _suspension(unit: Unit) -> None:
    fns = unit.res.functions
    uses_wrap = False
    for n in unit.nodes:
        if type(n) is A.Index and type(n.idx) is A.Name and n.idx.id == "wrap":
            if unit.module_of(n.value) == "coroutine":
                uses_wrap = True
    while True:
        for fi in fns:
            fi.is_async = False
        changed = True
        while changed:
            changed = False
            for fi in fns:
                if fi.is_async:
                    continue
                if any(unit.call_target(c).suspends for c in fi.calls):
                    fi.is_async = True
                    changed = True
        dyn = uses_wrap or any(fi.is_async and fi.escapes for fi in fns)
        dyn = dyn or _suspending_module_value_escapes(unit)
        dyn = dyn or any(lib.exports_async for lib in unit.libraries.values())
        if dyn == unit.dyn_suspend:
            return
        unit.dyn_suspend = dyn


def _suspending_module_value_escapes(unit: Unit) -> bool:
    for n in unit.nodes:
        if type(n) is A.Index and not getattr(n, "_callee", False):
            if n.notation == A.IndexNotation.DOT and type(n.idx) is A.Name:
                mod = unit.module_of(n.value)
                if mod is not None:
                    m = unit.member(mod, n.idx.id)
                    if isinstance(m, C.Fn) and m.suspends:
                        return True
        elif type(n) is A.Name and not getattr(n, "_indexbase", False):
            if getattr(n, "_callee", False):
                continue
            mod = unit.module_of(n)
            if mod is not None and mod in C.MODULES:
                if any(isinstance(m, C.Fn) and m.suspends for m in C.MODULES[mod].values()):
                    return True
    return False


def _single_results(unit: Unit) -> None:
    """A function returns exactly one value on every path when each ``return`` has one
    expression that is not multi-valued and control cannot fall off the end."""
    for fi in unit.res.functions:
        if fi.node is None:
            continue
        body = fi.node.body.body
        rets = _returns(body)
        counts = set()
        for r in rets:
            vals = r.values or []
            counts.add(-1 if vals and is_multi(vals[-1]) else len(vals))
        fixed = bool(rets) and _ends_in_return(body) and len(counts) == 1
        n = counts.pop() if fixed else -1
        fi.single_result = n == 1
        # a function returning n >= 2 values returns them as a tuple of exactly n
        fi.fixed_results = n if n >= 2 else None


def _returns(stmts: list[Any]) -> list[Any]:
    """The ``return`` statements of a function body (statements only: not in nested
    functions)."""
    out: list[Any] = []
    stack = [stmts]
    while stack:
        for n in stack.pop():
            t = type(n)
            if t is A.Return:
                out.append(n)
            elif t is A.If:
                stack.append(n.body.body)
                o = n.orelse
                while o is not None:
                    if type(o) is A.Block:
                        stack.append(o.body)
                        break
                    stack.append(o.body.body)
                    o = o.orelse
            elif t in (A.Do, A.While, A.Repeat, A.Fornum, A.Forin):
                stack.append(n.body.body)
    return out


def _ends_in_return(stmts: list[Any]) -> bool:
    if not stmts:
        return False
    last = stmts[-1]
    if type(last) is A.Return:
        return True
    if type(last) is A.If:
        return _if_returns(last)
    if type(last) is A.Do:
        return _ends_in_return(last.body.body)
    return False


def _if_returns(n: Any) -> bool:
    if not _ends_in_return(n.body.body):
        return False
    o = n.orelse
    if o is None:
        return False
    if type(o) is A.Block:
        return _ends_in_return(o.body)
    return _if_returns(o)


def _surprises(unit: Unit) -> None:
    """Warnings for code that Wippy accepts but that does not do what it seems to: a
    separator given to ``string.rep`` (ignored), a constant zero ``for`` step (no error: zero
    iterations or an endless loop), ``%`` and ``//`` by a constant zero (NaN; an error or an
    infinity). Unknown string escapes are found by the lexer."""
    rep = unit.reporter
    f = unit.filename
    for n in unit.nodes:
        t = type(n)
        if t is A.Call:
            if len(n.args) >= 3:
                tgt = unit.target(n.func)
                if tgt.fn is not None and tgt.fn.symbol == "lua.lib:string_rep":
                    rep.add(D.rep_separator(f, *lua_pos(n.args[2])))
        elif t is A.Invoke:
            if n.func.id == "rep" and len(n.args) >= 2:
                rep.add(D.rep_separator(f, *lua_pos(n.args[1])))
        elif t is A.Fornum:
            if isinstance(n.step, A.Node) and fold(n.step) == 0:
                rep.add(D.zero_for_step(f, *lua_pos(n.step)))
        elif t is A.ModOp or t is A.FloorDivOp:
            if fold(n.right) == 0:
                rep.add(D.division_by_zero(f, *lua_pos(n), "%" if t is A.ModOp else "//"))


def is_multi(e: Any) -> bool:
    """An expression that gives all its values where it is the last of a list."""
    return (type(e) in (A.Call, A.Invoke, A.Varargs, A.Dots)) and not e.wrapped


# -- checks -----------------------------------------------------------------------------


def _check(unit: Unit) -> None:
    rep = unit.reporter
    f = unit.filename
    res = unit.res
    rules, report = (
        (C.FORBIDDEN, D.forbidden_call) if unit.in_workflow
        else (C.FUNCTION_FORBIDDEN, D.unavailable_in_function) if unit.in_function
        else (None, None))
    if rules is not None and report is not None:
        for name, nodes in res.global_reads.items():
            if name in rules and name not in res.global_writes:
                for n in nodes:
                    line, col = lua_pos(n)
                    rep.add(report(f, line, col, name, rules[name]))
        for n in unit.nodes:
            if (
                type(n) is A.Index
                and type(n.value) is A.Name
                and n.value.id == "os"
                and getattr(n.value, "_var", None) is None
                and type(n.idx) is A.Name
                and n.notation == A.IndexNotation.DOT
            ):
                full = "os." + n.idx.id
                if full in rules:
                    line, col = lua_pos(n)
                    rep.add(report(f, line, col, full, rules[full]))
    for n in unit.nodes:
        if (
            type(n) is A.Call
            and type(n.func) is A.Name
            and n.func.id == "require"
            and getattr(n.func, "_var", None) is None
        ):
            line, col = lua_pos(n)
            if len(n.args) != 1 or type(n.args[0]) is not A.String:
                rep.add(D.dynamic_require(f, line, col))
                continue
            name = n.args[0].s.decode("utf-8", "replace")
            if name in unit.libraries:
                continue
            if name not in C.MODULES:
                rep.add(D.unknown_module(f, line, col, name))
                continue
            if name in C.WORKFLOW_FORBIDDEN_MODULES:
                unit.io_requires.append((name, line, col))
                if unit.in_workflow and not unit.library:
                    why = C.WORKFLOW_FORBIDDEN_MODULES[name]
                    rep.add(D.module_not_in_workflow(f, line, col, name, why))
                    continue
            if (unit.allowed_modules is not None and name not in unit.allowed_modules
                    and name not in C.ALWAYS_REQUIRABLE):
                rep.add(D.module_not_allowed(f, line, col, name))
    _surprises(unit)
    known = (
        set(C.BASE)
        | set(C.LIBRARIES)
        | set(C.WIPPY_GLOBALS)
        | set(C.CALLABLE_LIBRARIES)
        | set(C.CONST_GLOBALS)
        | {"require", "_G", "coroutine"}
        | set(C.FORBIDDEN)
    )
    for name, nodes in res.global_reads.items():
        if name in known or name in res.global_writes:
            continue
        line, col = lua_pos(nodes[0])
        rep.add(D.undefined_global(f, line, col, name))
