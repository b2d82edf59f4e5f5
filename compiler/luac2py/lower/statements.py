"""Lowering of Lua statements.

    local payment, err = funcs.call("app:charge", o)
      ->  # lua:3: local payment, err = funcs.call("app:charge", o)
          payment, err = _adjust(await _call(_ex, "app:charge", o), 2)
    for i = 1, n do s = s + i end
      ->  for i in _for_range(1, n, 1):      (range(1, n + 1) when n is an integer)
              s = <s + i>
    for k, v in pairs(t) do ... end
      ->  for k, v in _pairs_iter(t): ...

Each statement is preceded by a marker that the emitter turns into ``# lua:LINE: source``.
``goto continue`` (a jump to a label that ends the enclosing loop body) becomes ``continue``;
other forward jumps raise ``_Goto`` caught after the skipped statements (see "goto" below);
backward jumps are reported as unsupported.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from luaparser import astnodes as A

from .. import diagnostics as D
from ..semantics.analysis import is_multi, lua_pos
from .context import (
    Ctx,
    GotoTarget,
    Loop,
    attr,
    call,
    conj,
    const,
    is_simple,
    name,
    store,
)
from .expressions import (
    describe,
    kind,
    lower_call,
    lower_expr,
    lower_multi,
    lower_raw_multi,
    lower_tuple,
    positive_int,
    table_check,
    truth,
)
from .functions import build_function


def lower_block(ctx: Ctx, stmts: list[Any], loop_label: str | None = None) -> list[ast.stmt]:
    """Lower a block. ``loop_label`` names the label ending a loop body (``goto continue``
    directly in that body becomes ``continue``)."""
    outer = ctx.take_pre()  # what the enclosing statement's expressions need first stays
    try:                    # with that statement (e.g. functions in a generic for's explist)
        segs = _goto_segments(ctx, stmts, loop_label)
        if segs:
            return _lower_segments(ctx, stmts, 0, len(stmts), segs, loop_label)
        return _lower_stmts(ctx, stmts)
    finally:
        ctx.pre = outer


def _lower_stmts(ctx: Ctx, stmts: list[Any]) -> list[ast.stmt]:
    out: list[ast.stmt] = []
    for s in stmts:
        if type(s) is A.SemiColon:
            continue
        h = STMT.get(type(s))
        if h is None:
            line, col = lua_pos(s)
            ctx.reporter.add(D.internal_error(ctx.filename, line, col, type(s).__name__))
            continue
        out.append(ctx.mark(s))
        body = h(ctx, s)
        out.extend(ctx.take_pre())
        out.extend(body)
    return out


# -- goto ----------------------------------------------------------------------------------
#
#     if x then goto done end        try:
#     a()                       ->       if x: raise _Goto(1)
#     ::done::                           a()
#                                    except _Goto as _g:
#                                        if _g.label != 1: raise
#
# A forward goto to a label of the same or an enclosing block raises; the statements from the
# first one holding such a goto up to the label run inside a ``try`` that catches it. Segments
# of one block nest (a partly overlapping one is widened). A goto that ends a loop body
# (``goto continue``) from the body itself is a plain ``continue``.


def _gotos_in(stmts: list[Any], label: str, in_loop: bool = False) -> list[tuple[Any, bool]]:
    """Gotos to ``label`` in these statements (not in nested functions, nor in blocks that
    define their own ``label``), each with whether it sits in a loop nested here."""
    out: list[tuple[Any, bool]] = []
    for s in stmts:
        t = type(s)
        if t is A.Goto:
            if s.label.id == label:
                out.append((s, in_loop))
        elif t is A.If:
            out.extend(_block_gotos(s.body.body, label, in_loop))
            o = s.orelse
            while o is not None:
                if type(o) is A.Block:
                    out.extend(_block_gotos(o.body, label, in_loop))
                    break
                out.extend(_block_gotos(o.body.body, label, in_loop))
                o = o.orelse
        elif t is A.Do:
            out.extend(_block_gotos(s.body.body, label, in_loop))
        elif t in (A.While, A.Repeat, A.Fornum, A.Forin):
            out.extend(_block_gotos(s.body.body, label, True))
    return out


def _block_gotos(stmts: list[Any], label: str, in_loop: bool) -> list[tuple[Any, bool]]:
    if any(type(s) is A.Label and s.id.id == label for s in stmts):
        return []  # that block's own label shadows ours
    return _gotos_in(stmts, label, in_loop)


def _goto_segments(ctx: Ctx, stmts: list[Any], loop_label: str | None) -> list[list[Any]]:
    """[start, end, GotoTarget] for each label of this block that forward gotos reach."""
    segs: list[list[Any]] = []
    for j, s in enumerate(stmts):
        if type(s) is not A.Label:
            continue
        label = s.id.id
        start = None
        for i in range(j):
            found = _gotos_in([stmts[i]], label)
            if loop_label == label:
                found = [g for g in found if g[1]]  # direct ones are `continue`
            if found:
                start = i
                break
        if start is None:
            continue
        # Lua forbids jumping into the scope of a local, unless the label ends the block
        ends_block = all(type(x) in (A.Label, A.SemiColon) for x in stmts[j + 1:])
        if not ends_block:
            for x in stmts[start + 1:j]:
                if type(x) in (A.LocalAssign, A.LocalFunction):
                    line, col = lua_pos(_gotos_in(stmts[start:j], label)[0][0])
                    ctx.reporter.add(D.goto_unsupported(ctx.filename, line, col, label))
                    break
        ctx.goto_ids += 1
        target = GotoTarget(label, ctx.goto_ids, len(ctx.fn.loops), loop_label == label)
        segs.append([start, j, target])
    # widen partly overlapping segments so that they nest
    changed = True
    while changed:
        changed = False
        for a in segs:
            for b in segs:
                if a[0] < b[0] < a[1] < b[1]:
                    b[0] = a[0]
                    changed = True
    return segs


def _lower_segments(ctx: Ctx, stmts: list[Any], lo: int, hi: int, segs: list[list[Any]],
                    loop_label: str | None) -> list[ast.stmt]:
    out: list[ast.stmt] = []
    p = lo
    while p < hi:
        here = [sg for sg in segs if sg[0] == p and sg[1] <= hi and sg[1] > p]
        if not here:
            out.extend(_lower_stmts(ctx, [stmts[p]]))
            p += 1
            continue
        seg = max(here, key=lambda sg: sg[1])
        start, end, target = seg
        inner = [sg for sg in segs if sg is not seg]
        ctx.fn.gotos.append(target)
        try:
            body = _lower_segments(ctx, stmts, start, end, inner, loop_label)
        finally:
            ctx.fn.gotos.remove(target)
        g = ctx.temp("g")
        handler = ast.ExceptHandler(
            ctx.rt("lua.base:Goto"),
            g,
            [ast.If(ast.Compare(attr(name(g), "label"), [ast.NotEq()], [const(target.ident)]),
                    [ast.Raise(None, None)], [])],
        )
        out.append(ast.Try(body or [ast.Pass()], [handler], [], []))
        p = end
    return out


def falls_through(stmts: list[Any]) -> bool:
    real = [s for s in stmts if type(s) not in (A.SemiColon, A.Label)]
    if not real:
        return True
    last = real[-1]
    if type(last) is A.Return:
        return False
    return True


# -- assignments ---------------------------------------------------------------------------


def assign_local(ctx: Ctx, v: Any, value: ast.expr) -> ast.stmt:
    py = ctx.var_name(v)
    if v.boxed:
        value = call(ctx.rt("lua.base:Cell"), [value])
    return ast.Assign([store(py)], value)


def s_local(ctx: Ctx, s: Any) -> list[ast.stmt]:
    targets = s.targets
    values = s.values
    vars_ = [t._var for t in targets]
    out: list[ast.stmt] = []
    if len(values) == len(targets) or (len(values) > len(targets)):
        vals = [lower_expr(ctx, v) for v in values[: len(targets)]]
        extra = values[len(targets):]
        # extra values are still evaluated (for their side effects)
        extra_exprs = [lower_expr(ctx, v) for v in extra]
        if len(targets) == 1:
            out.append(assign_local(ctx, vars_[0], vals[0]))
        else:
            temps = []
            for val in vals:
                t = ctx.temp("v")
                temps.append(t)
                out.append(ast.Assign([store(t)], val))
            for v, t in zip(vars_, temps):
                out.append(assign_local(ctx, v, name(t)))
        for x in extra_exprs:
            out.append(ast.Expr(x))
        return out
    if not values:
        for v in vars_:
            out.append(assign_local(ctx, v, const(None)))
        return out
    # fewer values than targets: the last value expands
    singles = [lower_expr(ctx, v) for v in values[:-1]]
    last, multi = lower_raw_multi(ctx, values[-1])
    rest = len(targets) - len(singles)
    if multi:
        adj = call(ctx.rt("lua.ops:adjust"), [last, const(rest)])
        tgt = ctx.unit.call_target(values[-1]) if type(values[-1]) is A.Call else None
        if tgt is not None and tgt.kind == "local" and tgt.fi is not None \
                and tgt.fi.fixed_results == rest:
            adj = last  # a local function always returning exactly `rest` values
        if not singles and not any(v.boxed for v in vars_):
            names_ = [store(ctx.var_name(v)) for v in vars_]
            return [ast.Assign([ast.Tuple(names_, ast.Store())], adj)]
        tmp = [ctx.temp("v") for _ in range(len(targets))]
        for t, val in zip(tmp, singles):
            out.append(ast.Assign([store(t)], val))
        out.append(
            ast.Assign([ast.Tuple([store(t) for t in tmp[len(singles):]], ast.Store())], adj)
        )
        for v, t in zip(vars_, tmp):
            out.append(assign_local(ctx, v, name(t)))
        return out
    allv = singles + [last] + [const(None)] * (rest - 1)
    if len(targets) == 1:
        return [assign_local(ctx, vars_[0], allv[0])]
    tmp = [ctx.temp("v") for _ in allv]
    for t, val in zip(tmp, allv):
        out.append(ast.Assign([store(t)], val))
    for v, t in zip(vars_, tmp):
        out.append(assign_local(ctx, v, name(t)))
    return out


def assign_to(ctx: Ctx, target: Any, value: ast.expr,
              place: tuple[ast.expr, ast.expr] | None = None) -> list[ast.stmt]:
    """``target = value``; ``place`` is the (table, key) of an indexed target when they were
    evaluated before the values (multiple assignment)."""
    t = type(target)
    if t is A.Name:
        v = getattr(target, "_var", None)
        if v is not None:
            py = ctx.var_name(v)
            if v.boxed:
                return [ast.Assign([ast.Attribute(name(py), "v", ast.Store())], value)]
            return [ast.Assign([store(py)], value)]
        if ctx.unit.res.uses_G:
            return [
                ast.Expr(
                    call(
                        ctx.rt("lua.ops:setindex"),
                        [attr(name("_ex"), "globals"), const(target.id), value],
                    )
                )
            ]
        return [ast.Expr(call(ctx.rt("lua.base:setglobal"), [name("_gh"), const(target.id), value]))]
    if t is A.Index:
        obj, key = place if place is not None else index_place(ctx, target)
        return set_index(ctx, target, obj, key, value)
    raise NotImplementedError(t.__name__)


def index_place(ctx: Ctx, target: Any) -> tuple[ast.expr, ast.expr]:
    """The lowered table and key of an indexed assignment target."""
    obj = lower_expr(ctx, target.value)
    if target.notation == A.IndexNotation.DOT and type(target.idx) is A.Name:
        key: ast.expr = const(target.idx.id)
    else:
        key = lower_expr(ctx, target.idx)
    return obj, key


NON_NIL_KINDS = ("int", "float", "num", "str", "table", "func", "bool")


def set_index(ctx: Ctx, target: Any, obj: ast.expr, key: ast.expr,
              value: ast.expr) -> list[ast.stmt]:
    """``obj[key] = value``: a plain store when the table takes it as is, else ``_setindex``
    (``__newindex``, nil and NaN keys, errors).

        t.x = v   ->  if type(t) is _T and (t.meta is None or "x" in t.hash):
                          t.hash["x"] = v
                      else:
                          _setindex(t, "x", v, "local 't'")
    """
    d = describe(ctx, target.value)
    slow = [ast.Expr(call(ctx.rt("lua.ops:setindex"), [obj, key, value, const(d)]))]
    idx = target.idx
    str_key = isinstance(key, ast.Constant) and type(key.value) is str
    ik = kind(ctx, idx)
    # `map[name] = v`: a string at run time goes to the hash part
    dyn_str = not str_key and (ik == "str" or (ik == "any" and type(idx) is A.Name)) and not (
        target.notation == A.IndexNotation.DOT and type(idx) is A.Name)
    str_key = str_key or dyn_str
    int_key = not str_key and ik in ("int", "num", "any") and not (
        target.notation == A.IndexNotation.DOT and type(idx) is A.Name)
    # an arithmetic key (`#t + 1`) is an integer but for metamethods, a number (`for i = 1,
    # n`) an integer or a float: checked at run time
    int_key = int_key and (ik in ("int", "num") or type(idx) in (A.AddOp, A.SubOp))
    if not (str_key or int_key):
        return slow
    out: list[ast.stmt] = []

    def simple(e: ast.expr, hint: str) -> ast.expr:
        if is_simple(e):
            return e
        t = ctx.temp(hint)
        out.append(ast.Assign([store(t)], e))
        return name(t)

    obj = simple(obj, "o")
    key = simple(key, "k")
    vk = kind(ctx, getattr(target, "_value_node", None)) if hasattr(target, "_value_node") \
        else "any"
    value = simple(value, "v")
    slow = [ast.Expr(call(ctx.rt("lua.ops:setindex"), [obj, key, value, const(d)]))]
    if isinstance(value, ast.Constant):
        if value.value is None:
            return out + slow
        vk = "int"  # any non-nil constant
    is_t = table_check(ctx, target.value, obj)
    no_meta = ast.Compare(attr(obj, "meta"), [ast.Is()], [const(None)])
    if str_key:
        conds: list[ast.expr] = is_t + ([ast.Compare(
            call(name("type"), [key]), [ast.Is()], [name("str")])] if dyn_str else []) + [
            ast.BoolOp(ast.Or(), [
            no_meta, ast.Compare(key, [ast.In()], [attr(obj, "hash")])])]
        if vk not in NON_NIL_KINDS:
            conds.append(ast.Compare(value, [ast.IsNot()], [const(None)]))
        fast: ast.stmt = ast.Assign(
            [ast.Subscript(attr(obj, "hash"), key, ast.Store())], value)
    else:
        # t[i] = v: replace in the array part, or append to it
        conds = is_t + [no_meta]
        if ik != "int":
            conds.insert(0, ast.Compare(call(name("type"), [key]), [ast.Is()], [name("int")]))
        if vk not in NON_NIL_KINDS:
            conds.append(ast.Compare(value, [ast.IsNot()], [const(None)]))
        arr = ctx.temp("a")
        nt = ctx.temp("n")
        n = ast.NamedExpr(store(nt), call(name("len"), [name(arr)]))
        fast = ast.If(
            ast.Compare(key, [ast.LtE()], [n]) if positive_int(ctx, idx) else
            ast.Compare(n, [ast.GtE(), ast.Gt()], [key, const(0)]),  # `_n` bound first
            [ast.Assign([ast.Subscript(name(arr), ast.BinOp(key, ast.Sub(), const(1)),
                                       ast.Store())], value)],
            [ast.If(
                ast.Compare(key, [ast.Eq()], [ast.BinOp(name(nt), ast.Add(), const(1))]),
                [ast.Expr(call(attr(name(arr), "append"), [value]))],
                [ast.Expr(call(attr(obj, "set_int"), [key, value]))],
            )],
        )
        out.append(ast.If(conj(conds),
                          [ast.Assign([store(arr)], attr(obj, "arr")), fast], slow))
        return out
    out.append(ast.If(conj(conds), [fast], slow))
    return out


def s_assign(ctx: Ctx, s: Any) -> list[ast.stmt]:
    targets = s.targets
    values = s.values
    if len(targets) == 1 and len(values) == 1:
        targets[0]._value_node = values[0]
        fused = _field_update(ctx, targets[0], values[0])
        general = assign_to(ctx, targets[0], lower_expr(ctx, values[0]))
        if fused is not None:
            if len(fused) > 2:
                general = [ast.If(fused[2], [fused[3]], general)]
            return [ast.If(fused[0], [fused[1]], general)]
        return general
    out: list[ast.stmt] = []
    # Lua evaluates the tables and keys of the targets, then every value, then assigns
    # (right to left, as the reference implementation does)
    places: list[tuple[ast.expr, ast.expr] | None] = []
    for target in targets:
        if type(target) is not A.Index:
            places.append(None)
            continue
        obj, key = index_place(ctx, target)
        fixed: list[ast.expr] = []
        for part, hint in ((obj, "o"), (key, "k")):
            if isinstance(part, ast.Constant):
                fixed.append(part)
            else:
                tmp = ctx.temp(hint)
                out.extend(ctx.take_pre())
                out.append(ast.Assign([store(tmp)], part))
                fixed.append(name(tmp))
        places.append((fixed[0], fixed[1]))
    n = len(targets)
    tmps = [ctx.temp("v") for _ in range(n)]
    if len(values) >= n:
        for i, v in enumerate(values):
            e = lower_expr(ctx, v)
            out.extend(ctx.take_pre())
            if i < n:
                out.append(ast.Assign([store(tmps[i])], e))
            else:
                out.append(ast.Expr(e))
    else:
        singles = [lower_expr(ctx, v) for v in values[:-1]]
        for t, e in zip(tmps, singles):
            out.append(ast.Assign([store(t)], e))
        last, multi = lower_raw_multi(ctx, values[-1])
        rest = tmps[len(singles):]
        if multi:
            out.append(
                ast.Assign(
                    [ast.Tuple([store(t) for t in rest], ast.Store())],
                    call(ctx.rt("lua.ops:adjust"), [last, const(len(rest))]),
                )
            )
        else:
            out.append(ast.Assign([store(rest[0])], last))
            for t in rest[1:]:
                out.append(ast.Assign([store(t)], const(None)))
    for target, t, place in reversed(list(zip(targets, tmps, places))):
        out.extend(assign_to(ctx, target, name(t), place))
    return out


def _static_field(e: Any) -> str | None:
    """The key of ``x.f`` / ``x["f"]`` on a local ``x`` (None for anything else)."""
    if type(e) is not A.Index or type(e.value) is not A.Name:
        return None
    if getattr(e.value, "_var", None) is None:
        return None
    if e.notation == A.IndexNotation.DOT and type(e.idx) is A.Name:
        return str(e.idx.id)
    if type(e.idx) is A.String:
        return e.idx.s.decode("latin-1")
    return None


def _field_update(ctx: Ctx, target: Any, value: Any) -> tuple[Any, ...] | None:
    """``x.f = x.f + e`` (also ``-``) with ``e`` a name or a number: (condition, statement) of
    a fast path for an integer field in ``x``'s own hash part -- read, add and store with no
    metamethod involved (a present key takes a raw store). The condition has no side effect,
    so when it fails the general statement runs from the start.

        if type(x) is _T and type(_l := x.hash.get("f")) is int and type(e) is int
                and MININT <= (_x := _l + e) <= MAXINT:
            x.hash["f"] = _x
        elif type(x) is _T and type(_l) is float and type(e) in NUM_TYPES:
            x.hash["f"] = _l + e      # a float field: Python's + and - are Lua's
        else:
            <the general statement>

    Returned as (condition, statement, float condition, float statement)."""
    key = _static_field(target)
    if key is None or type(value) not in (A.AddOp, A.SubOp) or value.wrapped:
        return None
    left = value.left
    if _static_field(left) != key or left.value._var is not target.value._var:
        return None
    other = value.right
    if type(other) is A.Name:
        v = getattr(other, "_var", None)
        if v is None or v.boxed:
            return None
    elif not (type(other) is A.Number and type(other.n) is int):
        return None
    obj = lower_expr(ctx, target.value)
    rhs = lower_expr(ctx, other)
    if not isinstance(obj, ast.Name) or not (isinstance(rhs, (ast.Name, ast.Constant))):
        return None
    lt, xt = ctx.temp("l"), ctx.temp("x")
    conds = table_check(ctx, target.value, obj)
    conds.append(ast.Compare(
        call(name("type"), [ast.NamedExpr(store(lt), call(attr(attr(obj, "hash"), "get"),
                                                            [const(key)]))]),
        [ast.Is()], [name("int")]))
    if isinstance(rhs, ast.Name) and kind(ctx, other) != "int":
        conds.append(ast.Compare(call(name("type"), [rhs]), [ast.Is()], [name("int")]))
    op = ast.Add() if type(value) is A.AddOp else ast.Sub()
    conds.append(ast.Compare(const(-(2**63)), [ast.LtE(), ast.LtE()], [
        ast.NamedExpr(store(xt), ast.BinOp(name(lt), op, rhs)), const(2**63 - 1)]))
    # `_l` is bound whenever the table check passes (it is the next condition)
    fconds = table_check(ctx, target.value, obj)
    fconds.append(ast.Compare(call(name("type"), [name(lt)]), [ast.Is()], [name("float")]))
    if isinstance(rhs, ast.Name) and kind(ctx, other) != "int":
        fconds.append(ast.Compare(call(name("type"), [rhs]), [ast.In()],
                                  [ctx.rt("lua.ops:NUM_TYPES")]))
    return (conj(conds), ast.Assign(
        [ast.Subscript(attr(obj, "hash"), const(key), ast.Store())], name(xt)),
        conj(fconds), ast.Assign([ast.Subscript(attr(obj, "hash"), const(key), ast.Store())],
                                 ast.BinOp(name(lt), op, rhs)))


# -- calls and functions --------------------------------------------------------------------


def s_call(ctx: Ctx, s: Any) -> list[ast.stmt]:
    r, _ = lower_call(ctx, s)
    return [ast.Expr(r)]


def s_local_function(ctx: Ctx, s: Any) -> list[ast.stmt]:
    v = s.name._var
    py = ctx.var_name(v)
    return [build_function(ctx, s, py)] + (
        [ast.Assign([store(py)], call(ctx.rt("lua.base:Cell"), [name(py)]))] if v.boxed else []
    )


def s_function(ctx: Ctx, s: Any) -> list[ast.stmt]:
    label = s.name.id if type(s.name) is A.Name else "_fn"
    py = ctx.names.fresh(label if label.isidentifier() and not label.startswith("_") else "_fn")
    out: list[ast.stmt] = [build_function(ctx, s, py)]
    out.extend(ctx.take_pre())
    out.extend(assign_to(ctx, s.name, name(py)))
    return out


def s_method(ctx: Ctx, s: Any) -> list[ast.stmt]:
    py = ctx.names.fresh(s.name.id if not s.name.id.startswith("_") else "_m")
    out: list[ast.stmt] = [build_function(ctx, s, py)]
    obj = lower_expr(ctx, s.source)
    d = describe(ctx, s.source)
    out.append(
        ast.Expr(call(ctx.rt("lua.ops:setindex"), [obj, const(s.name.id), name(py), const(d)]))
    )
    return out


def s_return(ctx: Ctx, s: Any) -> list[ast.stmt]:
    vals = s.values or []
    if not vals:
        return [ast.Return(ast.Tuple([], ast.Load()))]
    if len(vals) == 1:
        e = vals[0]
        st = ctx.fn.self_tail
        if st is not None and id(e) in st.calls and not ctx.fn.loops:
            return _self_tail_call(ctx, e, st.check)
        if type(e) in (A.Call, A.Invoke) and not e.wrapped:
            r, _ = lower_call(ctx, e)
            return [ast.Return(r)]
        if type(e) in (A.Varargs, A.Dots) and not e.wrapped:
            r, _ = lower_multi(ctx, e)
            return [ast.Return(r)]
        return [ast.Return(lower_expr(ctx, e))]
    return [ast.Return(lower_tuple(ctx, vals))]


def _self_tail_call(ctx: Ctx, e: Any, check: str | None) -> list[ast.stmt]:
    """``return f(a, b)`` in ``f`` itself: the parameters take the arguments (adjusted as a
    call adjusts them; a vararg function's extra ones become its ``...``) and the loop around
    the body starts over. With ``check``, only when the callee is still this function."""
    fi = ctx.fn.fi
    params = [store(ctx.var_name(v)) for v in fi.params]
    out: list[ast.stmt] = []
    callee: ast.expr | None = None
    if check is not None:
        f = ctx.temp("f")
        out.append(ast.Assign([store(f)], lower_expr(ctx, e.func)))
        out.extend(ctx.take_pre())
        callee = name(f)
    args = e.args
    multi = bool(args) and is_multi(args[-1])
    simple = not multi and len(args) == len(params) and not fi.is_vararg
    t = ctx.temp("t")
    if simple and check is None:
        vals = [lower_expr(ctx, a) for a in args]
        out.extend(ctx.take_pre())
        if len(params) == 1:
            jump: list[ast.stmt] = [ast.Assign(params, vals[0])]
        else:
            jump = [ast.Assign([ast.Tuple(params, ast.Store())], ast.Tuple(vals, ast.Load()))]
        return out + jump + [ast.Continue()]
    out.append(ast.Assign([store(t)], lower_tuple(ctx, args)))
    out.extend(ctx.take_pre())
    jump = []
    if params:
        jump.append(ast.Assign([ast.Tuple(params, ast.Store()) if len(params) > 1 else params[0]],
                               call(ctx.rt("lua.ops:adjust"), [name(t), const(len(params))])
                               if len(params) > 1 else
                               ast.IfExp(name(t), ast.Subscript(name(t), const(0), ast.Load()),
                                         const(None))))
    if fi.is_vararg and ctx.fn.vararg is not None:
        jump.append(ast.Assign([store(ctx.fn.vararg)],
                               ast.Subscript(name(t), ast.Slice(const(len(params)), None, None),
                                             ast.Load())))
    jump.append(ast.Continue())
    if callee is None:
        return out + jump
    d = describe(ctx, e.func)
    fcall = ast.IfExp(
        ast.Compare(call(name("type"), [callee]), [ast.Is()], [ctx.rt("lua.base:FunctionType")]),
        callee, call(ctx.rt("lua.ops:callable_of"), [callee, const(d)]))
    r = call(fcall, [ast.Starred(name(t), ast.Load())])
    tgt = ctx.unit.call_target(e)
    if ctx.fn.is_async:
        rt = ctx.temp("r")
        r = ast.IfExp(
            ast.Compare(call(name("type"), [ast.NamedExpr(store(rt), r)]), [ast.Is()],
                        [ctx.rt("lua.base:CoroutineType")]),
            ast.Await(name(rt)), name(rt)) if tgt.suspends else r
    return out + [ast.If(ast.Compare(callee, [ast.Is()], [name(check)]), jump,
                         [ast.Return(r)])]


# -- control flow ---------------------------------------------------------------------------


def cond_with_pre(ctx: Ctx, test: Any) -> tuple[ast.expr, list[ast.stmt]]:
    saved = ctx.take_pre()
    c = truth(ctx, test)
    pre = ctx.take_pre()
    ctx.pre = saved
    return c, pre


def s_if(ctx: Ctx, s: Any) -> list[ast.stmt]:
    c, pre = cond_with_pre(ctx, s.test)
    body = lower_block(ctx, s.body.body) or [ast.Pass()]
    orelse: list[ast.stmt] = []
    o = s.orelse
    if o is not None:
        if type(o) is A.Block:
            orelse = lower_block(ctx, o.body)
        else:
            orelse = s_if(ctx, o)
    return pre + [ast.If(c, body, orelse)]


def _loop_label(stmts: list[Any]) -> str | None:
    real = [s for s in stmts if type(s) is not A.SemiColon]
    if real and type(real[-1]) is A.Label:
        return str(real[-1].id.id)
    return None


def loop_body(ctx: Ctx, stmts: list[Any], loop: Loop) -> list[ast.stmt]:
    ctx.fn.loops.append(loop)
    try:
        return lower_block(ctx, stmts, loop.continue_label) or [ast.Pass()]
    finally:
        ctx.fn.loops.pop()


def s_while(ctx: Ctx, s: Any) -> list[ast.stmt]:
    c, pre = cond_with_pre(ctx, s.test)
    body = loop_body(ctx, s.body.body, Loop(_loop_label(s.body.body)))
    if pre:
        return [ast.While(const(True), pre + [ast.If(ast.UnaryOp(ast.Not(), c), [ast.Break()], [])] + body, [])]
    return [ast.While(c, body, [])]


def s_repeat(ctx: Ctx, s: Any) -> list[ast.stmt]:
    label = _loop_label(s.body.body)
    if label is None:
        body = loop_body(ctx, s.body.body, Loop(None))
        c, pre = cond_with_pre(ctx, s.test)
        return [ast.While(const(True), body + pre + [ast.If(c, [ast.Break()], [])], [])]
    # `goto continue` inside repeat must still evaluate `until`: run the body in a one-shot
    # loop where `continue` is `break`, and real breaks set a flag
    flag = ctx.temp("brk")
    inner = loop_body(ctx, s.body.body, Loop(label, once=True, break_flag=flag))
    c, pre = cond_with_pre(ctx, s.test)
    once = ast.For(store(ctx.temp("once")), ast.Tuple([const(0)], ast.Load()), inner, [])
    return [
        ast.Assign([store(flag)], const(False)),
        ast.While(
            const(True),
            [once, ast.If(name(flag), [ast.Break()], [])] + pre + [ast.If(c, [ast.Break()], [])],
            [],
        ),
    ]


def s_break(ctx: Ctx, s: Any) -> list[ast.stmt]:
    if not ctx.fn.loops:
        line, col = lua_pos(s)
        ctx.reporter.add(D.break_outside(ctx.filename, line, col))
        return []
    loop = ctx.fn.loops[-1]
    if loop.once and loop.break_flag:
        return [ast.Assign([store(loop.break_flag)], const(True)), ast.Break()]
    return [ast.Break()]


def s_goto(ctx: Ctx, s: Any) -> list[ast.stmt]:
    label = s.label.id
    loops = ctx.fn.loops
    target = next((g for g in reversed(ctx.fn.gotos) if g.label == label), None)
    if loops and loops[-1].continue_label == label and (
        target is None or target.loop_depth < len(loops) or target.loop_label
    ):
        return [ast.Break()] if loops[-1].once else [ast.Continue()]
    if target is not None:
        return [ast.Raise(call(ctx.rt("lua.base:Goto"), [const(target.ident)]), None)]
    line, col = lua_pos(s)
    ctx.reporter.add(D.goto_unsupported(ctx.filename, line, col, label))
    return []


def s_label(ctx: Ctx, s: Any) -> list[ast.stmt]:
    return []


def s_do(ctx: Ctx, s: Any) -> list[ast.stmt]:
    return lower_block(ctx, s.body.body) or [ast.Pass()]


def _loop_var(ctx: Ctx, v: Any, raw: str) -> list[ast.stmt]:
    """Bind the Lua loop variable from the Python one (a cell when captured and written)."""
    if v.boxed:
        return [ast.Assign([store(ctx.var_name(v))], call(ctx.rt("lua.base:Cell"), [name(raw)]))]
    return []


def s_fornum(ctx: Ctx, s: Any) -> list[ast.stmt]:
    start = lower_expr(ctx, s.start)
    stop = lower_expr(ctx, s.stop)
    step = const(1) if not isinstance(s.step, A.Node) else lower_expr(ctx, s.step)
    v = s.target._var
    py = ctx.var_name(v)
    raw = ctx.temp("i") if v.boxed else py
    it: ast.expr
    st = s.step if isinstance(s.step, A.Node) else None
    # a negative numeral step is a folded float: only positive integer numerals here
    step_lit = 1 if st is None else st.n if (
        type(st) is A.Number and type(st.n) is int and st.n > 0) else 0
    if type(s.start) is A.Number and type(s.start.n) is int and kind(ctx, s.stop) == "int" \
            and step_lit:
        # all three integers: go-lua's integer loop is Python's range
        it = call(name("range"), [start, ast.BinOp(stop, ast.Add(), const(1))]
                  + ([step] if step_lit != 1 else []))
    else:
        it = call(ctx.rt("lua.base:for_range"), [start, stop, step])
    body = _loop_var(ctx, v, raw) + loop_body(ctx, s.body.body, Loop(_loop_label(s.body.body)))
    return [ast.For(store(raw), it, body, [])]


def s_forin(ctx: Ctx, s: Any) -> list[ast.stmt]:
    targets = [t._var for t in s.targets]
    raws = [ctx.temp("k") if v.boxed else ctx.var_name(v) for v in targets]
    rebinds: list[ast.stmt] = []
    for v, raw in zip(targets, raws):
        rebinds.extend(_loop_var(ctx, v, raw))
    loop = Loop(_loop_label(s.body.body))
    iters = s.iter
    it: ast.expr | None = None
    holes = False
    # pairs(t) / ipairs(t) with the builtins: Python generators
    if len(iters) == 1 and type(iters[0]) is A.Call and not iters[0].wrapped:
        c = iters[0]
        tgt = ctx.unit.target(c.func)
        if tgt.kind == "builtin" and tgt.fn is not None and len(c.args) == 1:
            if tgt.fn.symbol == "lua.base:pairs":
                it = call(ctx.rt("lua.base:pairs_iter"), [lower_expr(ctx, c.args[0])])
            elif tgt.fn.symbol == "lua.base:ipairs":
                # `_ipairs_loop` may yield a nil value: the loop ends there
                it = call(ctx.rt("lua.base:ipairs_loop"), [lower_expr(ctx, c.args[0])])
                holes = True
    if it is not None:
        if len(raws) == 1:
            vtemp = ctx.temp("_")
            tgt_store: ast.expr = ast.Tuple([store(raws[0]), store(vtemp)], ast.Store())
            extra: list[ast.stmt] = []
        else:
            vtemp = raws[1]
            tgt_store = ast.Tuple([store(r) for r in raws[:2]], ast.Store())
            extra = [ast.Assign([store(r)], const(None)) for r in raws[2:]]
        if holes:
            extra.insert(0, ast.If(ast.Compare(name(vtemp), [ast.Is()], [const(None)]),
                                   [ast.Break()], []))
        body = extra + rebinds + loop_body(ctx, s.body.body, loop)
        return [ast.For(tgt_store, it, body, [])]
    # the generic protocol: f, s, control = explist; repeat r = f(s, control) until r == nil
    explist = lower_tuple(ctx, iters)
    f, st, ctl = ctx.temp("f"), ctx.temp("s"), ctx.temp("c")
    out: list[ast.stmt] = [
        ast.Assign(
            [ast.Tuple([store(f), store(st), store(ctl)], ast.Store())],
            call(ctx.rt("lua.ops:adjust"), [explist, const(3)]),
        )
    ]
    may_suspend = ctx.fn.is_async and ctx.unit.dyn_suspend
    if not may_suspend:
        it = call(ctx.rt("lua.base:generic_for"), [name(f), name(st), name(ctl), const(len(raws))])
        tgt_store = (
            ast.Tuple([store(r) for r in raws], ast.Store()) if len(raws) > 1 else store(raws[0])
        )
        body = rebinds + loop_body(ctx, s.body.body, loop)
        out.append(ast.For(tgt_store, it, body, []))
        return out
    r = ctx.temp("r")
    step = call(ctx.rt("lua.ops:call"), [name(f), name(st), name(ctl)])
    t = ctx.temp("t")
    awaited = ast.IfExp(
        ast.Compare(call(name("type"), [ast.NamedExpr(store(t), step)]), [ast.Is()],
                    [ctx.rt("lua.base:CoroutineType")]),
        ast.Await(name(t)),
        name(t),
    )
    head: list[ast.stmt] = [
        ast.Assign([store(r)], call(ctx.rt("lua.ops:adjust"), [awaited, const(len(raws))])),
        ast.If(
            ast.Compare(ast.Subscript(name(r), const(0), ast.Load()), [ast.Is()], [const(None)]),
            [ast.Break()],
            [],
        ),
        ast.Assign([store(ctl)], ast.Subscript(name(r), const(0), ast.Load())),
        ast.Assign([ast.Tuple([store(x) for x in raws], ast.Store())], name(r)),
    ]
    body = head + rebinds + loop_body(ctx, s.body.body, loop)
    out.append(ast.While(const(True), body, []))
    return out


STMT: dict[type, Callable[[Ctx, Any], list[ast.stmt]]] = {
    A.LocalAssign: s_local,
    A.Assign: s_assign,
    A.Call: s_call,
    A.Invoke: s_call,
    A.LocalFunction: s_local_function,
    A.Function: s_function,
    A.Method: s_method,
    A.Return: s_return,
    A.If: s_if,
    A.While: s_while,
    A.Repeat: s_repeat,
    A.Break: s_break,
    A.Goto: s_goto,
    A.Label: s_label,
    A.Do: s_do,
    A.Fornum: s_fornum,
    A.Forin: s_forin,
}
