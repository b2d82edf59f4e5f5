"""Lowering of Lua functions to Python ``def`` / ``async def``.

    local function add(a, b) return a + b end
      ->  def add(a=None, b=None, *_):
              # lua:1: ...
              return <a + b>

    for i = 1, 3 do fns[i] = function() return i end end
      ->  def _fn(*_, i=i):          # a loop variable captured per iteration
              return i

Every parameter defaults to nil and extra arguments are dropped, as in Lua. A function that can
reach a suspending call is ``async def``. Loop-declared variables captured by the closure are
bound when the closure is created (keyword-only defaults), or shared through a ``_Cell`` when
the variable is also written after its declaration.
"""

from __future__ import annotations

import ast
from typing import Any

from .context import Ctx, FnState, const, name


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
        body.extend(lower_block(ctx, stmts))
        if falls_through(stmts):
            body.append(ast.Return(ast.Tuple([], ast.Load())))
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
