"""Scopes: which variable each name means, and the facts the lowering needs about it.

    local x = 1                 -- Var x (function: chunk)
    for i = 1, 3 do
      fns[i] = function()       -- FuncInfo (parent: chunk), captures i
        return i + x            -- i: declared in a loop and captured -> bound per iteration
      end
    end

The resolver walks the tree once, attaches a ``Var`` (or ``None`` for a global) to every
``Name`` that is a variable (``node._var``), a ``FuncInfo`` to every function node
(``node._fi``), and records per variable whether it is captured by a closure, assigned after its
declaration, or declared inside a loop (a captured loop variable needs a fresh binding per
iteration), and per function which variables it captures, assigns from outside, and which
calls it makes (for the suspension analysis in ``effects``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from luaparser import astnodes as A


@dataclass(eq=False)
class Var:
    name: str
    decl: A.Node
    func: FuncInfo
    loop_depth: int  # loops of `func` enclosing the declaration
    is_param: bool = False
    captured: bool = False  # read or written by an inner function
    assigned: bool = False  # written after its declaration
    assigned_by_inner: bool = False
    const_function: FuncInfo | None = None  # `local function f` never reassigned
    init_value: A.Node | None = None  # the declaration's value node (single target)
    fornum: A.Node | None = None  # the numeric `for` whose control variable this is
    # `local a, b = f()`: (the call, which of its results) for targets the last value fills
    init_call: tuple[A.Node, int] | None = None
    forin_index: A.Node | None = None  # the generic `for` whose first variable this is
    py: str = ""  # Python name, given by the lowering

    @property
    def loop_captured(self) -> bool:
        return self.captured and self.loop_depth > 0

    @property
    def boxed(self) -> bool:
        """Needs an explicit cell: captured in a loop (fresh binding per iteration) and
        written after its declaration (a value copy would not do)."""
        return self.loop_captured and self.assigned


@dataclass(eq=False)
class FuncInfo:
    node: A.Node | None  # None for the chunk
    parent: FuncInfo | None
    name: str
    is_vararg: bool = False
    params: list[Var] = field(default_factory=list)
    # variables of enclosing functions read or written here (or in nested functions)
    free: dict[int, Var] = field(default_factory=dict)
    # loop-captured variables this function must bind when created (per-iteration copy)
    bind_at_creation: dict[int, Var] = field(default_factory=dict)
    nonlocals: dict[int, Var] = field(default_factory=dict)  # written here, declared outside
    calls: list[A.Node] = field(default_factory=list)  # call nodes directly in this body
    children: list[FuncInfo] = field(default_factory=list)
    escapes: bool = False  # used as a value, not only called by name
    is_async: bool = False
    loop_depth: int = 0  # current loop depth while resolving
    has_return_values: bool = False
    single_result: bool = False  # every exit returns exactly one plain value
    fixed_results: int | None = None  # every exit returns this many plain values (>= 2)


@dataclass
class Scope:
    vars: dict[str, Var]
    parent: Scope | None
    func: FuncInfo


@dataclass
class Resolution:
    chunk: FuncInfo
    functions: list[FuncInfo]
    global_reads: dict[str, list[A.Node]]
    global_writes: dict[str, list[A.Node]]
    # `lib.member = v` writes to a library/module table given as a global: (lib, member)
    lib_member_writes: set[tuple[str, str]]
    uses_G: bool


class Resolver:
    def __init__(self) -> None:
        self.chunk = FuncInfo(None, None, "<chunk>", is_vararg=True)
        self.functions: list[FuncInfo] = [self.chunk]
        self.scope = Scope({}, None, self.chunk)
        self.global_reads: dict[str, list[A.Node]] = {}
        self.global_writes: dict[str, list[A.Node]] = {}
        self.lib_member_writes: set[tuple[str, str]] = set()
        self.uses_G = False

    # -- scopes ------------------------------------------------------------------------
    def push(self, func: FuncInfo | None = None) -> None:
        self.scope = Scope({}, self.scope, func or self.scope.func)

    def pop(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    def declare(self, name: A.Name, is_param: bool = False) -> Var:
        f = self.scope.func
        v = Var(name.id, name, f, f.loop_depth, is_param=is_param)
        self.scope.vars[name.id] = v
        name._var = v  # type: ignore[attr-defined]
        return v

    def lookup(self, ident: str) -> Var | None:
        s: Scope | None = self.scope
        while s is not None:
            v = s.vars.get(ident)
            if v is not None:
                return v
            s = s.parent
        return None

    def reference(self, name: A.Name, write: bool) -> Var | None:
        v = self.lookup(name.id)
        name._var = v  # type: ignore[attr-defined]
        if v is None:
            if name.id == "_G":
                self.uses_G = True
            target = self.global_writes if write else self.global_reads
            target.setdefault(name.id, []).append(name)
            return None
        if write:
            v.assigned = True
            v.const_function = None
        cur = self.scope.func
        if v.func is not cur:
            v.captured = True
            if write:
                v.assigned_by_inner = True
                cur.nonlocals[id(v)] = v
            # every function between the declaring one and here captures it
            f: FuncInfo | None = cur
            outermost = cur
            while f is not None and f is not v.func:
                f.free[id(v)] = v
                outermost = f
                f = f.parent
            if v.loop_depth > 0:
                outermost.bind_at_creation[id(v)] = v
        return v

    # -- traversal ---------------------------------------------------------------------
    def resolve(self, chunk: A.Chunk) -> Resolution:
        chunk._fi = self.chunk  # type: ignore[attr-defined]
        self.block(chunk.body.body)
        return Resolution(
            self.chunk,
            self.functions,
            self.global_reads,
            self.global_writes,
            self.lib_member_writes,
            self.uses_G,
        )

    def block(self, stmts: list[A.Node], new_scope: bool = True) -> None:
        if new_scope:
            self.push()
        for s in stmts:
            self.stmt(s)
        if new_scope:
            self.pop()

    def stmt(self, s: A.Node) -> None:
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None:
            # an expression statement (Call / Invoke)
            self.expr(s)
            return
        m(s)

    def s_LocalAssign(self, s: A.LocalAssign) -> None:
        for v in s.values:
            self.expr(v)
        n = len(s.values)
        for i, t in enumerate(s.targets):
            var = self.declare(t)
            if i < n and (n == len(s.targets) or i < n - 1):
                var.init_value = s.values[i]
            elif n and i >= n - 1 and type(s.values[-1]) is A.Call and not s.values[-1].wrapped:
                var.init_call = (s.values[-1], i - (n - 1))

    def s_Assign(self, s: A.Assign) -> None:
        for v in s.values:
            self.expr(v)
        for t in s.targets:
            self.target(t)

    def target(self, t: A.Node) -> None:
        if isinstance(t, A.Name):
            self.reference(t, write=True)
        elif isinstance(t, A.Index):
            self.expr(t.value)
            if t.notation == A.IndexNotation.DOT and isinstance(t.idx, A.Name):
                if isinstance(t.value, A.Name) and self.lookup(t.value.id) is None:
                    self.lib_member_writes.add((t.value.id, t.idx.id))
            else:
                self.expr(t.idx)
        else:
            self.expr(t)

    def s_LocalFunction(self, s: A.LocalFunction) -> None:
        var = self.declare(s.name)
        fi = self.function(s, s.name.id, s.args, s.body)
        var.const_function = fi
        var.init_value = s

    def s_Function(self, s: A.Function) -> None:
        name = s.name
        if isinstance(name, A.Name):
            self.reference(name, write=True)
            label = name.id
        else:
            self.target(name)
            label = _dotted(name)
        self.function(s, label, s.args, s.body).escapes = True

    def s_Method(self, s: A.Method) -> None:
        self.target(A.Index(s.name, s.source))  # evaluates the source
        fi = self.function(s, _dotted(s.source) + ":" + s.name.id, s.args, s.body, method=True)
        fi.escapes = True

    def s_While(self, s: A.While) -> None:
        self.expr(s.test)
        self.loop_body(s.body.body)

    def s_Repeat(self, s: A.Repeat) -> None:
        f = self.scope.func
        f.loop_depth += 1
        self.push()
        for st in s.body.body:
            self.stmt(st)
        self.expr(s.test)  # `until` sees the body's locals
        self.pop()
        f.loop_depth -= 1

    def loop_body(self, stmts: list[A.Node], declare: list[A.Name] = []) -> None:
        f = self.scope.func
        f.loop_depth += 1
        self.push()
        for n in declare:
            self.declare(n)
        for st in stmts:
            self.stmt(st)
        self.pop()
        f.loop_depth -= 1

    def s_Do(self, s: A.Do) -> None:
        self.block(s.body.body)

    def s_If(self, s: A.Node) -> None:
        self.expr(s.test)
        self.block(s.body.body)
        o = s.orelse
        if o is None:
            return
        if isinstance(o, A.Block):
            self.block(o.body)
        else:
            self.s_If(o)

    s_ElseIf = s_If

    def s_Fornum(self, s: A.Fornum) -> None:
        self.expr(s.start)
        self.expr(s.stop)
        if isinstance(s.step, A.Node):
            self.expr(s.step)
        self.loop_body(s.body.body, [s.target])
        s.target._var.fornum = s  # type: ignore[attr-defined]

    def s_Forin(self, s: A.Forin) -> None:
        for e in s.iter:
            self.expr(e)
        self.scope.func.calls.append(s)  # the loop calls its iterator function
        self.loop_body(s.body.body, list(s.targets))
        if s.targets:
            s.targets[0]._var.forin_index = s

    def s_Return(self, s: A.Return) -> None:
        f = self.scope.func
        vals = s.values or []
        for v in vals:
            self.expr(v)
        if vals:
            f.has_return_values = True

    def s_Break(self, s: A.Node) -> None:
        pass

    def s_SemiColon(self, s: A.Node) -> None:
        pass

    def s_Goto(self, s: A.Node) -> None:
        pass

    def s_Label(self, s: A.Node) -> None:
        pass

    # -- functions ---------------------------------------------------------------------
    def function(
        self,
        node: A.Node,
        name: str,
        args: list[A.Node],
        body: A.Block,
        method: bool = False,
    ) -> FuncInfo:
        parent = self.scope.func
        fi = FuncInfo(node, parent, name)
        node._fi = fi  # type: ignore[attr-defined]
        parent.children.append(fi)
        self.functions.append(fi)
        self.push(fi)
        if method:
            self_name = A.Name("self")
            node._self = self_name  # type: ignore[attr-defined]
            fi.params.append(self.declare(self_name, is_param=True))
        for a in args:
            if isinstance(a, (A.Varargs, A.Dots)):
                fi.is_vararg = True
            else:
                fi.params.append(self.declare(a, is_param=True))
        for st in body.body:
            self.stmt(st)
        self.pop()
        return fi

    # -- expressions -------------------------------------------------------------------
    def expr(self, e: Any) -> None:
        t = type(e)
        if t is A.Name:
            v = self.reference(e, write=False)
            if v is not None and v.const_function is not None:
                # a local function used as a value (not as a callee) escapes
                if not getattr(e, "_callee", False):
                    v.const_function.escapes = True
            return
        if t is A.Index:
            if type(e.value) is A.Name:
                e.value._indexbase = True
            self.expr(e.value)
            if e.notation != A.IndexNotation.DOT or not isinstance(e.idx, A.Name):
                self.expr(e.idx)
            return
        if t is A.Call:
            e.func._callee = True
            self.expr(e.func)
            for a in e.args:
                self.expr(a)
            self.scope.func.calls.append(e)
            return
        if t is A.Invoke:
            self.expr(e.source)
            for a in e.args:
                self.expr(a)
            self.scope.func.calls.append(e)
            return
        if t is A.AnonymousFunction:
            self.function(e, "<anonymous>", e.args, e.body).escapes = True
            return
        if t is A.Table:
            for f in e.fields:
                if f.key is not None and (f.between_brackets or not isinstance(f.key, A.Name)):
                    self.expr(f.key)
                self.expr(f.value)
            return
        if isinstance(e, A.BinaryOp):
            self.expr(e.left)
            self.expr(e.right)
            return
        if isinstance(e, A.UnaryOp):
            self.expr(e.operand)
            return
        # literals, varargs


def _dotted(n: A.Node) -> str:
    if isinstance(n, A.Name):
        return n.id
    if isinstance(n, A.Index) and isinstance(n.idx, A.Name):
        return _dotted(n.value) + "." + n.idx.id
    return "?"


def resolve(chunk: A.Chunk) -> Resolution:
    return Resolver().resolve(chunk)
