"""Lowering of Lua functions to Python ``def`` / ``async def``.

    local function add(a, b) return a + b end
      ->  def add(a=None, b=None, *_):
              # lua:1: ...
              return <a + b>

    for i = 1, 3 do fns[i] = function() return i end end
      ->  def _fn(*_, i=i):          # a loop variable captured per iteration
              return i

    local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
      ->  def count(n=None, acc=None, *_):
              while True:            # a tail call of itself is a jump (Lua's proper tail call)
                  if n == 0:
                      return acc
                  n, acc = <n - 1>, <acc + 1>
                  continue

Every parameter defaults to nil and extra arguments are dropped, as in Lua. A function that can
reach a suspending call is ``async def``. Loop-declared variables captured by the closure are
bound when the closure is created (keyword-only defaults), or shared through a ``_Cell`` when
the variable is also written after its declaration.
"""

from __future__ import annotations

import ast
from typing import Any

from luaparser import astnodes as A

from .context import Ctx, FnState, SelfTail, const, name


def build_function(ctx: Ctx, node: Any, pyname: str) -> ast.stmt:
    from .statements import falls_through, lower_block

    fi = node._fi
    outer = ctx.fn
    outer_pre = ctx.take_pre()
    ctx.fn = FnState(fi, fi.is_async)
    try:
        params: list[ast.arg] = []
        defaults: list[ast.expr] = []
        for v in fi.params:
            params.append(ast.arg(ctx.var_name(v)))
            defaults.append(const(None))
        if fi.is_vararg:
            ctx.fn.vararg = ctx.names.fresh("_va")
            vararg = ast.arg(ctx.fn.vararg)
        else:
            vararg = ast.arg("_")
        kwonly: list[ast.arg] = []
        kw_defaults: list[ast.expr | None] = []
        for v in fi.bind_at_creation.values():
            py = ctx.var_name(v)
            kwonly.append(ast.arg(py))
            kw_defaults.append(name(py))
        body: list[ast.stmt] = []
        nonlocals = sorted(
            {ctx.var_name(v) for v in fi.nonlocals.values() if not v.boxed}
            - {ctx.var_name(v) for v in fi.bind_at_creation.values()}
        )
        if nonlocals:
            body.append(ast.Nonlocal(nonlocals))
        # boxed parameters: wrap them in cells on entry
        for v in fi.params:
            if v.boxed:
                py = ctx.var_name(v)
                body.append(
                    ast.Assign([ast.Name(py, ast.Store())], ast.Call(ctx.rt("lua.base:Cell"), [name(py)], []))
                )
        stmts = node.body.body
        ctx.fn.self_tail = self_tail_calls(ctx, node, pyname, outer)
        inner = lower_block(ctx, stmts)
        if falls_through(stmts):
            inner.append(ast.Return(ast.Tuple([], ast.Load())))
        if ctx.fn.self_tail is not None:
            # the boxing of parameters runs again for each tail call: fresh cells
            head = [st for st in body if isinstance(st, ast.Nonlocal)]
            inner = [st for st in body if not isinstance(st, ast.Nonlocal)] + inner
            body = head + [ast.While(ast.Constant(True), inner, [])]
        else:
            body.extend(inner)
        if not body:
            body.append(ast.Pass())
        args = ast.arguments(
            posonlyargs=[],
            args=params,
            vararg=vararg,
            kwonlyargs=kwonly,
            kw_defaults=kw_defaults,
            kwarg=None,
            defaults=defaults,
        )
        cls = ast.AsyncFunctionDef if fi.is_async else ast.FunctionDef
        fdef = cls(name=pyname, args=args, body=body, decorator_list=[], returns=None,
                   type_params=[])
        return fdef  # type: ignore[return-value]
    finally:
        ctx.fn = outer
        ctx.pre = outer_pre


def self_tail_calls(ctx: Ctx, node: Any, pyname: str, outer: FnState) -> SelfTail | None:
    """The ``return f(...)`` statements of function ``node`` that call the function itself,
    outside any loop of it: a ``local function`` calling its own name, or a global function
    defined at the chunk's top level calling its global name. None when there are none, or
    when a closure inside captures one of the function's variables (a loop would share them
    between what are separate calls in Lua)."""
    fi = node._fi
    if any(v.func is fi for c in _nested(fi) for v in c.free.values()):
        return None
    check: str | None = None
    glob: str | None = None
    if type(node) is A.Function and type(node.name) is A.Name and \
            getattr(node.name, "_var", None) is None and outer.fi is ctx.unit.res.chunk \
            and not outer.loops and not ctx.unit.res.uses_G:
        glob = node.name.id
        check = pyname
    calls: set[int] = set()
    for c in _tail_calls(node.body.body):
        if glob is not None and type(c.func) is A.Name and c.func.id == glob and \
                getattr(c.func, "_var", None) is None:
            calls.add(id(c))
            continue
        tgt = ctx.unit.call_target(c)
        if tgt.kind == "local" and tgt.fi is fi:
            calls.add(id(c))
    if not calls:
        return None
    return SelfTail(calls, check if glob is not None else None)


def _nested(fi: Any) -> Any:
    for c in fi.children:
        yield c
        yield from _nested(c)


def _tail_calls(stmts: list[Any]) -> Any:
    """The calls in tail position (``return f(...)``) of these statements, not inside loops
    (a jump back to the function's start must leave no Python loop behind)."""
    for st in stmts:
        t = type(st)
        if t is A.Return:
            vals = st.values or []
            if len(vals) == 1 and type(vals[0]) is A.Call and not vals[0].wrapped:
                yield vals[0]
        elif t is A.If:
            yield from _tail_calls(st.body.body)
            o = st.orelse
            while o is not None:
                if type(o) is A.Block:
                    yield from _tail_calls(o.body)
                    break
                yield from _tail_calls(o.body.body)
                o = o.orelse
        elif t is A.Do:
            yield from _tail_calls(st.body.body)
