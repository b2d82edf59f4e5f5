"""Lowering of a whole chunk to the per-execution function ``_chunk(_ex)``.

    local x = 1            ->  def _chunk(_ex):
    return { main = main }         _gh = _ex.globals.hash
                                   x = 1
                                   return _T(None, {"main": main})

Lua globals and top-level locals live in this function's frame and in ``_ex``, one per
workflow execution; nothing Lua-visible is stored in Python module globals.
"""

from __future__ import annotations

import ast
import gc

from ..semantics.analysis import Unit
from .context import Ctx, FnState, attr, name, store
from .statements import falls_through, lower_block


def lower_chunk(ctx: Ctx) -> ast.stmt:
    # Lowering allocates many small ast nodes and frees none: the cyclic collector's passes
    # over them cost about half the lowering time, and find nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _lower_chunk(ctx)
    finally:
        if enabled:
            gc.enable()


def _lower_chunk(ctx: Ctx) -> ast.stmt:
    unit: Unit = ctx.unit
    fi = unit.res.chunk
    ctx.fn = FnState(fi, fi.is_async)
    ctx.fn.vararg = "_va"
    body: list[ast.stmt] = [
        ast.Assign([store("_gh")], attr(attr(name("_ex"), "globals"), "hash")),
    ]
    if unit.res.uses_G:
        # reads through a dynamic _G see the global table itself, so the Wippy globals that
        # are otherwise built on first use (channel, process, ...) must be in it
        body.append(ast.Expr(ast.Call(attr(name("_ex"), "install_globals"), [], [])))
    stmts = unit.chunk.body.body
    body.extend(lower_block(ctx, stmts))
    if falls_through(stmts):
        body.append(ast.Return(ast.Tuple([], ast.Load())))
    args = ast.arguments(
        posonlyargs=[],
        args=[ast.arg("_ex")],
        vararg=ast.arg("_va"),
        kwonlyargs=[],
        kw_defaults=[],
        kwarg=None,
        defaults=[],
    )
    cls = ast.AsyncFunctionDef if fi.is_async else ast.FunctionDef
    return cls(name="_chunk", args=args, body=body, decorator_list=[], returns=None,
               type_params=[])  # type: ignore[return-value]
