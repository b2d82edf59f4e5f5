"""Lowering of Lua expressions to Python expressions.

    order.total            ->  _v if type(order) is _T and (_v := order.hash.get("total"))
                                   is not None else _index(order, "total", "local 'order'")
    a + b                  ->  _x if type(a) is int and type(b) is int and
                                   MININT <= (_x := a + b) <= MAXINT else _add(a, b, ...)
    a < b, a ~= b          ->  a < b if type(a) is type(b) in _ORDER_TYPES else _lt(a, b)
                               (int, float, str; ``==``/``~=`` also bool: _EQ_TYPES)
    x == nil               ->  x is None
    o:m(x)                 ->  the function from o's own hash or from its metatable's
                               ``__index`` table inline, else _method(o, "m", ...)
    a .. "-" .. b          ->  _concat(a, _concat("-", b))   (f"{i}-{s}" for ints, strings)
    f(x)                   ->  (_r[0] if _r else None) if type(_r := f(x)) is tuple else _r
                               (just f(x) when f returns exactly one value)

An expression lowers to one Python expression giving one Lua value; ``lower_multi`` gives a
tuple for the last expression of a list (calls and ``...`` expand there). Statements an
expression needs first (nested ``def`` of an anonymous function) go to ``ctx.pre``.
Operations inline their common case and call a runtime slow path for the rest.

Static kinds (``kind``) drop checks: literals, numeric ``for`` and ``ipairs`` indices, locals
only ever bound to a table constructor, and the parameters and results of local functions
that are only called by name (the join over their call sites and ``return`` statements).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from typing import Any

from luaparser import astnodes as A

from ..semantics import catalog as C
from ..semantics.analysis import Target, is_multi
from ..semantics.fold import FOLDABLE, INT_RESULT, fold
from .context import Ctx, attr, call, conj, const, is_simple, name, store

MAXI = 2**63 - 1
MINI = -(2**63)

# -- static kinds --------------------------------------------------------------------------


def kind(ctx: Ctx, e: Any, depth: int = 0) -> str:
    """A conservative static kind: nil bool int float num str table func any."""
    t = type(e)
    if t is A.Number:
        return "int" if type(e.n) is int else "float"
    if t is A.String:
        return "str"
    if t is A.Nil:
        return "nil"
    if t is A.TrueExpr or t is A.FalseExpr:
        return "bool"
    if t is A.Table:
        return "table"
    if t is A.AnonymousFunction:
        return "func"
    if isinstance(e, A.RelOp) or t is A.ULNotOp:
        return "bool"
    if t is A.Concat:
        return "str" if _cat_parts_plain(ctx, e, depth) else "any"
    if t in FOLDABLE and fold(e) is not None:
        return "float"
    if t is A.FloatDivOp or t is A.ExpoOp or t is A.ModOp:
        # go-lua: / % ^ of numbers always give a float
        if _num(kind(ctx, e.left, depth + 1)) and _num(kind(ctx, e.right, depth + 1)):
            return "float"
        return "any"
    if t in INT_RESULT:
        return "int"  # // and the bitwise operators: an integer or an error, no metamethods
    if t in (A.AddOp, A.SubOp, A.MultOp):
        kl = kind(ctx, e.left, depth + 1)
        kr = kind(ctx, e.right, depth + 1)
        if _num(kl) and _num(kr):
            if kl == "int" and kr == "int":
                return "int"
            if kl == "float" or kr == "float":
                return "float"
            return "num"
        return "any"
    if t is A.UMinusOp:  # go-lua: always a float
        return "float" if _num(kind(ctx, e.operand, depth + 1)) else "any"
    if t is A.ULengthOP:
        k = kind(ctx, e.operand, depth + 1)
        return "int" if k == "str" else "any"  # a table's __len may return anything
    if t is A.Name and depth < 8:
        v = getattr(e, "_var", None)
        if v is not None and v.fornum is not None and not v.assigned:
            # go-lua: an integer loop when start, limit and step are integers, else a float
            # loop
            f = v.fornum
            ks = kind(ctx, f.start, depth + 1)
            kl = kind(ctx, f.stop, depth + 1)
            kst = kind(ctx, f.step, depth + 1) if isinstance(f.step, A.Node) else "int"
            if ks == kl == kst == "int":
                return "int"
            if _num(ks) and _num(kl) and _num(kst) and "float" in (ks, kl, kst):
                return "float"
            return "num"  # the loop raises unless all three are numbers
        if v is not None and not v.assigned and not v.is_param and v.init_value is not None:
            if type(v.init_value) is A.LocalFunction:
                return "func"
            return kind(ctx, v.init_value, depth + 1)
        if v is not None and not v.assigned and v.forin_index is not None:
            return "int" if ipairs_loop(ctx, v.forin_index) else "any"
        if v is not None and not v.assigned and v.is_param:
            return _param_kind(ctx, v, depth)
        if v is not None and not v.assigned and v.init_call is not None:
            c, idx = v.init_call
            tgt = ctx.unit.call_target(c)
            if tgt.kind == "local" and tgt.fi is not None:
                return _result_kind(ctx, tgt.fi, idx, depth)
    if t is A.Call and depth < 8:
        tgt = ctx.unit.call_target(e)
        if tgt.kind == "local" and tgt.fi is not None:
            return _result_kind(ctx, tgt.fi, 0, depth)
    if t is A.Call:
        tgt = ctx.unit.target(e.func)
        if tgt.kind == "builtin" and tgt.fn is not None:
            # a __tostring metamethod's result is returned as it is: only values without
            # one surely give a string
            if tgt.fn.symbol == "lua.base:lua_tostring" and len(e.args) == 1 and kind(
                    ctx, e.args[0], depth + 1) in ("int", "float", "num", "str", "bool"):
                return "str"
        if tgt.kind == "member" and tgt.fn is not None:
            if tgt.fn.symbol in ("lua.lib:string_format", "lua.lib:string_rep", "lua.lib:string_sub",
                                 "lua.lib:string_upper", "lua.lib:string_lower", "lua.lib:table_concat"):
                return "str"
    return "any"


def _num(k: str) -> bool:
    return k in ("int", "float", "num")


def _join(kinds: list[str]) -> str:
    """The kind of a value that is one of ``kinds``."""
    ks = set(kinds)
    if len(ks) == 1:
        k = ks.pop()
        return "any" if k == "nil" else k
    if ks and all(_num(k) for k in ks):
        return "num"
    return "any"


def _memo_kind(ctx: Ctx, key: tuple[str, int, int], compute: Callable[[], str]) -> str:
    """Memoised, and "any" while being computed (recursive functions)."""
    k = ctx.kind_memo.get(key)
    if k is None:
        ctx.kind_memo[key] = "any"
        k = ctx.kind_memo[key] = compute()
    return k


def _result_kind(ctx: Ctx, fi: Any, idx: int, depth: int) -> str:
    """The kind of result ``idx`` of a call to the local function ``fi`` (called by name):
    the join over its ``return`` statements when every exit returns the same number of plain
    values."""
    n = fi.fixed_results or (1 if fi.single_result else 0)
    if fi.node is None or fi.is_async or not n:
        return "any"
    if idx >= n:
        return "nil"

    def compute() -> str:
        from ..semantics.analysis import _returns

        return _join([kind(ctx, r.values[idx], depth + 1) for r in _returns(fi.node.body.body)])

    return _memo_kind(ctx, ("ret", id(fi), idx), compute)


def _param_kind(ctx: Ctx, v: Any, depth: int) -> str:
    """A parameter (never assigned) of a local function that is only ever called by name:
    the join of what every call passes for it."""
    fi = v.func
    if fi.escapes or fi.node is None or type(fi.node) is not A.LocalFunction or fi.is_async:
        return "any"
    if v not in fi.params:
        return "any"
    pos = fi.params.index(v)

    def compute() -> str:
        if ctx.local_calls is None:
            ctx.local_calls = {}
            for f in ctx.unit.res.functions:
                for c in f.calls:
                    if type(c) is A.Call:
                        tgt = ctx.unit.call_target(c)
                        if tgt.kind == "local" and tgt.fi is not None:
                            ctx.local_calls.setdefault(id(tgt.fi), []).append(c)
        kinds = []
        for c in ctx.local_calls.get(id(fi), []):
            args = c.args
            if pos >= len(args):
                return "any"  # nil
            last = args[-1]
            if pos >= len(args) - 1 and not last.wrapped and type(last) in (
                    A.Call, A.Invoke, A.Varargs, A.Dots):
                return "any"  # an expansion: maybe nothing
            kinds.append(kind(ctx, args[pos], depth + 1))
        return _join(kinds) if kinds else "any"

    return _memo_kind(ctx, ("param", id(v), 0), compute)


def _cat_parts_plain(ctx: Ctx, e: Any, depth: int) -> bool:
    return all(kind(ctx, p, depth + 1) in ("str", "int", "float", "num")
               for p in concat_parts(e))


def concat_parts(e: Any) -> list[Any]:
    """Flatten a right-associative ``..`` chain without recursion."""
    parts: list[Any] = []
    while type(e) is A.Concat and not (e.wrapped and parts):
        parts.append(e.left)
        e = e.right
    parts.append(e)
    return parts


# -- descriptions for error messages ---------------------------------------------------


def describe(ctx: Ctx, e: Any) -> str | None:
    """The role Lua 5.1 names in error messages: local 'x', global 'x', upvalue 'x', field."""
    t = type(e)
    if t is A.Name:
        v = getattr(e, "_var", None)
        if v is None:
            return f"global '{e.id}'"
        if v.func is not ctx.fn.fi:
            return f"upvalue '{e.id}'"
        return f"local '{e.id}'"
    if t is A.Index and type(e.idx) is A.Name and e.notation == A.IndexNotation.DOT:
        return f"field '{e.idx.id}'"
    if t is A.Index and type(e.idx) is A.String:
        return f"field '{e.idx.s.decode('latin-1')}'"
    return None


def desc_const(d: str | None) -> ast.expr:
    return const(d)


# -- entry points ------------------------------------------------------------------------


def lower_expr(ctx: Ctx, e: Any) -> ast.expr:
    """One Lua value."""
    t = type(e)
    h = DISPATCH.get(t)
    if h is None:
        if isinstance(e, A.Call) or isinstance(e, A.Invoke):
            h = DISPATCH[A.Call]
        else:
            raise NotImplementedError(type(e).__name__)
    return h(ctx, e)


def lower_multi(ctx: Ctx, e: Any) -> tuple[ast.expr, bool]:
    """For the last expression of a list: (expr, is_tuple). A tuple-valued result expands."""
    t = type(e)
    if not e.wrapped:
        if t is A.Call or t is A.Invoke:
            r, single = lower_call(ctx, e)
            if single:
                return r, False
            return call(ctx.rt("lua.ops:results"), [r]), True
        if t is A.Varargs or t is A.Dots:
            return name(vararg_name(ctx, e)), True
    return lower_expr(ctx, e), False


def lower_raw_multi(ctx: Ctx, e: Any) -> tuple[ast.expr, bool]:
    """Like ``lower_multi`` but a call's raw result (tuple or bare value) is returned as is,
    for consumers that adjust results themselves (``_adjust``)."""
    if not e.wrapped and type(e) in (A.Call, A.Invoke):
        r, single = lower_call(ctx, e)
        return r, not single
    return lower_multi(ctx, e)


def lower_list(ctx: Ctx, exprs: list[Any]) -> list[ast.expr]:
    """Argument-list style: all values, the last expanded (``ast.Starred`` when multi)."""
    out: list[ast.expr] = []
    for i, e in enumerate(exprs):
        if i == len(exprs) - 1:
            r, multi = lower_multi(ctx, e)
            out.append(ast.Starred(r, ast.Load()) if multi else r)
        else:
            out.append(lower_expr(ctx, e))
    return out


def lower_tuple(ctx: Ctx, exprs: list[Any]) -> ast.expr:
    """All values as one Python expression giving a tuple (for return and adjustment)."""
    if not exprs:
        return ast.Tuple([], ast.Load())
    if len(exprs) == 1:
        r, multi = lower_multi(ctx, exprs[0])
        return r if multi else ast.Tuple([r], ast.Load())
    return ast.Tuple(lower_list(ctx, exprs), ast.Load())


def vararg_name(ctx: Ctx, e: Any) -> str:
    if ctx.fn.vararg is None:
        from .. import diagnostics as D
        from ..semantics.analysis import lua_pos

        line, col = lua_pos(e)
        ctx.reporter.add(D.vararg_outside(ctx.filename, line, col))
        return "_va"
    return ctx.fn.vararg


# -- literals and names ------------------------------------------------------------------


def lua_string(s: bytes) -> str:
    return s.decode("latin-1")


def l_nil(ctx: Ctx, e: Any) -> ast.expr:
    return const(None)


def l_true(ctx: Ctx, e: Any) -> ast.expr:
    return const(True)


def l_false(ctx: Ctx, e: Any) -> ast.expr:
    return const(False)


def l_number(ctx: Ctx, e: Any) -> ast.expr:
    return const(e.n)


def l_string(ctx: Ctx, e: Any) -> ast.expr:
    return const(lua_string(e.s))


def l_varargs(ctx: Ctx, e: Any) -> ast.expr:
    va = vararg_name(ctx, e)
    return ast.IfExp(name(va), ast.Subscript(name(va), const(0), ast.Load()), const(None))


def l_name(ctx: Ctx, e: Any) -> ast.expr:
    v = getattr(e, "_var", None)
    if v is not None:
        py = ctx.var_name(v)
        if v.boxed:
            return attr(name(py), "v")
        return name(py)
    return global_read(ctx, e.id)


LAZY_GLOBALS = frozenset(C.WIPPY_GLOBALS) | {"coroutine"}
# the library globals an execution builds on first use (luac2py_runtime.lua.execution.LAZY_LIBS)
LAZY_LIBS = frozenset(("string", "table", "math", "os"))


def global_read(ctx: Ctx, ident: str) -> ast.expr:
    if ident in C.CONST_GLOBALS and ctx.unit.global_static(ident):
        return const(C.CONST_GLOBALS[ident])
    if ident == "_G" and ctx.unit.global_static("_G"):
        return attr(name("_ex"), "globals")
    if ident in LAZY_GLOBALS and ctx.unit.global_static(ident):
        return call(attr(name("_ex"), "require"), [const(ident)])
    if ctx.unit.res.uses_G:
        # the chunk called _ex.install_globals() first: the library tables are built
        return call(ctx.rt("lua.ops:index"), [attr(name("_ex"), "globals"), const(ident)])
    if ident in LAZY_LIBS:
        # the library tables are built on first use, by this read or by another chunk's
        # (its slot in the globals holds a placeholder until then), even when the chunk
        # assigns the global: the read may come first
        return call(attr(name("_ex"), "lib"), [const(ident)])
    return call(attr(name("_gh"), "get"), [const(ident)])


# -- indexing ----------------------------------------------------------------------------


def bind(ctx: Ctx, e: ast.expr, hint: str = "o") -> tuple[ast.expr, ast.expr]:
    """(first use, later uses) of a value used twice: a walrus temp unless simple."""
    if is_simple(e):
        return e, e
    t = ctx.temp(hint)
    return ast.NamedExpr(store(t), e), name(t)


def l_index(ctx: Ctx, e: Any) -> ast.expr:
    key_node = e.idx
    if e.notation == A.IndexNotation.DOT and type(key_node) is A.Name:
        key: Any = key_node.id
        # module constants and nested constants: time.SECOND, process.event.EXIT
        mod = ctx.unit.module_of(e.value)
        if mod is not None:
            m = ctx.unit.member(mod, key)
            if isinstance(m, C.Const):
                return const(m.value)
        nested = _nested_const(ctx, e)
        if nested is not None:
            return const(nested)
        kexpr: ast.expr = const(key)
    elif type(key_node) is A.String:
        key = lua_string(key_node.s)
        kexpr = const(key)
    else:
        key = None
        kexpr = lower_expr(ctx, key_node)
    obj = lower_expr(ctx, e.value)
    d = describe(ctx, e.value)
    if type(key) is str:
        first, again = bind(ctx, obj)
        v = ctx.temp("v")
        # fast path: the field is in the table itself (plain table, or an object whose
        # class is its metatable); otherwise `_index` looks further (or gives nil)
        get = ast.Compare(
            ast.NamedExpr(store(v), call(attr(attr(first, "hash"), "get"), [const(key)])),
            [ast.IsNot()], [const(None)])
        tc = table_check(ctx, e.value, first)
        if tc:
            get = ast.Compare(ast.NamedExpr(store(v), call(attr(attr(again, "hash"), "get"),
                                                           [const(key)])),
                              [ast.IsNot()], [const(None)])
        return ast.IfExp(
            ast.BoolOp(ast.And(), tc + [get]) if tc else get,
            name(v),
            call(ctx.rt("lua.ops:index"), [again, const(key), desc_const(d)]),
        )
    ik = kind(ctx, key_node) if key is None else None
    # an arithmetic key (`t[i % #t + 1]`) is an integer but for metamethods, a number an
    # integer or a float (`for i = 1, n`): checked
    arith_key = (ik == "any" and type(key_node) in (A.AddOp, A.SubOp)) or ik == "num"
    if (ik == "int" or arith_key) and (is_simple(obj) or is_simple(kexpr)):
        # an integer key in the array part of a plain table
        arr = ctx.temp("a")
        pos = positive_int(ctx, key_node)
        if is_simple(obj):
            kfirst, kagain = bind(ctx, kexpr, "k")
            if arith_key:
                conds = [_is_int_type(kfirst)] + (
                    [] if pos else [ast.Compare(const(0), [ast.Lt()], [kagain])])
            elif pos:  # no `0 < k`: bind a non-simple key in the first check
                conds = ([] if is_simple(kfirst) else
                         [ast.Compare(kfirst, [ast.IsNot()], [const(None)])])
            else:
                conds = [ast.Compare(const(0), [ast.Lt()], [kfirst])]
            conds += table_check(ctx, e.value, obj)
            again = obj
        else:
            first, again = bind(ctx, obj)
            kagain = kexpr
            conds = [
                ast.Compare(call(name("type"), [first]), [ast.Is()], [name("_T")]),
            ]
            if arith_key:
                conds.append(_is_int_type(kagain))
            if not pos:
                conds.append(ast.Compare(const(0), [ast.Lt()], [kagain]))
        conds.append(ast.Compare(kagain, [ast.LtE()], [
            call(name("len"), [ast.NamedExpr(store(arr), attr(again, "arr"))])]))
        conds.append(ast.Compare(attr(again, "meta"), [ast.Is()], [const(None)]))
        return ast.IfExp(
            conj(conds),
            ast.Subscript(name(arr), ast.BinOp(kagain, ast.Sub(), const(1)), ast.Load()),
            call(ctx.rt("lua.ops:index"), [again, kagain, desc_const(d)]),
        )
    kk = ik
    if kk in ("str", "any") and is_simple(kexpr) and type(key_node) is not A.Number:
        # `map[name]`: a string key in the table's own hash part
        first, again = bind(ctx, obj)
        v = ctx.temp("v")
        conds = table_check(ctx, e.value, first)
        o = again if conds else first
        if kk != "str":
            conds.append(ast.Compare(call(name("type"), [kexpr]), [ast.Is()], [name("str")]))
        conds.append(ast.Compare(
            ast.NamedExpr(store(v), call(attr(attr(o, "hash"), "get"), [kexpr])),
            [ast.IsNot()], [const(None)]))
        return ast.IfExp(conj(conds), name(v),
                         call(ctx.rt("lua.ops:index"), [again, kexpr, desc_const(d)]))
    return call(ctx.rt("lua.ops:index"), [obj, kexpr, desc_const(d)])


def ipairs_loop(ctx: Ctx, f: Any) -> bool:
    """``for i, v in ipairs(t)`` with the builtin: ``i`` is an integer >= 1."""
    its = f.iter
    if len(its) != 1 or type(its[0]) is not A.Call or its[0].wrapped or len(its[0].args) != 1:
        return False
    tgt = ctx.unit.target(its[0].func)
    return tgt.kind == "builtin" and tgt.fn is not None and tgt.fn.symbol == "lua.base:ipairs"


def positive_int(ctx: Ctx, e: Any) -> bool:
    """Statically an integer >= 1: a literal, or the control variable (never assigned) of a
    numeric ``for`` whose start is an integer literal >= 1 and whose step is a positive
    integer literal (or absent)."""
    if type(e) is A.Number:
        return type(e.n) is int and e.n >= 1
    if type(e) is not A.Name:
        return False
    v = getattr(e, "_var", None)
    if v is not None and v.forin_index is not None and not v.assigned:
        return ipairs_loop(ctx, v.forin_index)
    if v is None or v.fornum is None or v.assigned:
        return False
    f = v.fornum
    st = f.step
    if isinstance(st, A.Node) and not (type(st) is A.Number and type(st.n) is int and st.n > 0):
        return False
    return type(f.start) is A.Number and type(f.start.n) is int and f.start.n >= 1


def table_check(ctx: Ctx, node: Any, e: ast.expr) -> list[ast.expr]:
    """``[type(e) is _T]``, or nothing when ``node`` is statically a table (a local only
    ever bound to a table constructor)."""
    if type(node) is A.Name and kind(ctx, node) == "table":
        return []
    return [ast.Compare(call(name("type"), [e]), [ast.Is()], [name("_T")])]


def _nested_const(ctx: Ctx, e: Any) -> object | None:
    path: list[str] = []
    n = e
    while type(n) is A.Index and n.notation == A.IndexNotation.DOT and type(n.idx) is A.Name:
        path.append(n.idx.id)
        n = n.value
    if type(n) is not A.Name:
        return None
    mod = ctx.unit.module_of(n)
    if mod is None:
        return None
    path.append(mod)
    return C.NESTED_CONSTS.get(tuple(reversed(path)))


# -- tables --------------------------------------------------------------------------------


def l_table(ctx: Ctx, e: Any) -> ast.expr:
    arr: list[ast.expr] = []
    keyed: list[tuple[ast.expr, ast.expr]] = []
    strkeys: list[tuple[str, ast.expr, Any]] = []
    general = False
    fields = e.fields
    for i, f in enumerate(fields):
        if f.key is None:
            if i == len(fields) - 1:
                r, multi = lower_multi(ctx, f.value)
                arr.append(ast.Starred(r, ast.Load()) if multi else r)
            else:
                arr.append(lower_expr(ctx, f.value))
            continue
        if not f.between_brackets and type(f.key) is A.Name:
            k: ast.expr = const(f.key.id)
            strkeys.append((f.key.id, lower_expr(ctx, f.value), f.value))
            keyed.append((k, strkeys[-1][1]))
            continue
        general = True
        keyed.append((lower_expr(ctx, f.key), lower_expr(ctx, f.value)))
    arr_expr = ast.List(arr, ast.Load())
    if not keyed:
        if not arr:
            return call(name("_T"), [])
        if all(kind(ctx, f.value) not in ("nil", "any") for f in fields):
            return call(name("_T"), [arr_expr])
        return call(ctx.rt("lua.values:table_from_list"), [arr_expr])
    if not general:
        names = [s for s, _, _ in strkeys]
        if len(set(names)) == len(names) and all(
            kind(ctx, v) not in ("nil", "any") for _, _, v in strkeys
        ) and all(kind(ctx, f.value) not in ("nil", "any") for f in fields if f.key is None):
            d = ast.Dict([const(s) for s in names], [v for _, v, _ in strkeys])
            return call(name("_T"), [arr_expr, d] if arr else [const(None), d])
        # string keys whose values may be nil: the runtime drops the nils
        d = ast.Dict([const(s) for s in names], [v for _, v, _ in strkeys])
        if len(set(names)) == len(names):
            return call(ctx.rt("lua.values:table_from_dict"), [arr_expr, d])
    pairs = ast.List([ast.Tuple([k, v], ast.Load()) for k, v in keyed], ast.Load())
    return call(ctx.rt("lua.values:table_from_pairs"), [arr_expr, pairs])


# -- functions -----------------------------------------------------------------------------


def l_function(ctx: Ctx, e: Any) -> ast.expr:
    from .functions import build_function

    fname = ctx.names.fresh("_fn")
    ctx.pre.append(build_function(ctx, e, fname))
    return name(fname)


# -- calls ---------------------------------------------------------------------------------


def l_call_value(ctx: Ctx, e: Any) -> ast.expr:
    r, single = lower_call(ctx, e)
    if single:
        return r
    return first_of(ctx, r)


def first_of(ctx: Ctx, r: ast.expr) -> ast.expr:
    """The first of a call's results, inline: ``(_r[0] if _r else None) if type(_r := r) is
    tuple else _r`` (a function returning one value returns it bare)."""
    t = ctx.temp("r")
    return ast.IfExp(
        ast.Compare(call(name("type"), [ast.NamedExpr(store(t), r)]), [ast.Is()],
                    [name("tuple")]),
        ast.IfExp(name(t), ast.Subscript(name(t), const(0), ast.Load()), const(None)),
        name(t),
    )


def maybe_await(ctx: Ctx, r: ast.expr, tgt: Target) -> ast.expr:
    if not tgt.suspends:
        return r
    if tgt.kind == "dynamic":
        if not ctx.fn.is_async:
            return r
        # a dynamic callee may or may not be async: await only coroutines
        t = ctx.temp("r")
        return ast.IfExp(
            ast.Compare(
                call(name("type"), [ast.NamedExpr(store(t), r)]),
                [ast.Is()],
                [ctx.rt("lua.base:CoroutineType")],
            ),
            ast.Await(name(t)),
            name(t),
        )
    return ast.Await(r)


def lower_call(ctx: Ctx, e: Any) -> tuple[ast.expr, bool]:
    """(raw result expression, returns exactly one value)."""
    if type(e) is A.Invoke:
        return lower_invoke(ctx, e)
    tgt = ctx.unit.call_target(e)
    args = e.args
    if tgt.kind == "local":
        assert tgt.var is not None
        f = name(ctx.var_name(tgt.var))
        return maybe_await(ctx, call(f, lower_list(ctx, args)), tgt), tgt.single
    if tgt.kind in ("builtin", "member"):
        fn = tgt.fn
        assert fn is not None
        spec = SPECIALISERS.get(fn.symbol)
        if spec is not None:
            r = spec(ctx, e, tgt)
            if r is not None:
                return r
        lowered = lower_list(ctx, args)
        if fn.needs_ex:
            lowered.insert(0, name("_ex"))
        return maybe_await(ctx, call(ctx.rt(fn.symbol), lowered), tgt), fn.single
    if tgt.kind == "require":
        arg = args[0] if args else None
        if type(arg) is A.String:
            mod = arg.s.decode("utf-8", "replace")
            return call(attr(name("_ex"), "require"), [const(mod)]), True
        return call(attr(name("_ex"), "require"), lower_list(ctx, args)), True
    # dynamic: check callability inline, the slow path names the culprit
    fexpr = lower_expr(ctx, e.func)
    d = describe(ctx, e.func)
    first, again = bind(ctx, fexpr, "f")
    callee = ast.IfExp(
        ast.Compare(call(name("type"), [first]), [ast.Is()], [ctx.rt("lua.base:FunctionType")]),
        again,
        call(ctx.rt("lua.ops:callable_of"), [again, desc_const(d)]),
    )
    return maybe_await(ctx, call(callee, lower_list(ctx, args)), tgt), False


def lower_invoke(ctx: Ctx, e: Any) -> tuple[ast.expr, bool]:
    mname = e.func.id
    src_kind = kind(ctx, e.source)
    if src_kind == "str" and ctx.unit.global_static("string"):
        m = C.LIBRARIES["string"].get(mname)
        if isinstance(m, C.Fn) and ("string", mname) not in ctx.unit.res.lib_member_writes:
            args = [lower_expr(ctx, e.source)] + lower_list(ctx, e.args)
            return call(ctx.rt(m.symbol), args), m.single
    tgt = ctx.unit.call_target(e)
    obj = lower_expr(ctx, e.source)
    first, again = bind(ctx, obj, "o")
    d = describe(ctx, e.source)
    if src_kind == "str":
        meth: ast.expr = call(ctx.rt("lua.base:method"), [first, const(mname), desc_const(d)])
    else:
        meth = _method_lookup(ctx, e.source, first, again, mname, d)
    r = call(meth, [again] + lower_list(ctx, e.args))
    return maybe_await(ctx, r, tgt), False


def _method_lookup(ctx: Ctx, node: Any, first: ast.expr, again: ast.expr, mname: str,
                   d: str | None) -> ast.expr:
    """The function for ``obj:m(...)``, inline for a plain function found in the table itself
    or in the table that is its metatable's ``__index`` (the class pattern); ``_method``
    does the rest (and the errors).

        _f if type(o) is _T and type(_f := (o.hash["m"] if "m" in o.hash else
              _h.hash.get("m") if (_m := o.meta) is not None
              and type(_h := _m.hash.get("__index")) is _T else None)) is _FunctionType
           else _method(o, "m", "local 'o'")"""
    f, m, h = ctx.temp("f"), ctx.temp("m"), ctx.temp("h")
    tc = table_check(ctx, node, first)
    obj = again if tc else first
    key = const(mname)
    # own hash part (values there are never nil), else the class, else None (slow path)
    cls = ast.IfExp(
        ast.BoolOp(ast.And(), [
            ast.Compare(ast.NamedExpr(store(m), attr(again, "meta")), [ast.IsNot()],
                        [const(None)]),
            ast.Compare(
                call(name("type"), [ast.NamedExpr(
                    store(h), call(attr(attr(name(m), "hash"), "get"), [const("__index")]))]),
                [ast.Is()], [name("_T")]),
        ]),
        call(attr(attr(name(h), "hash"), "get"), [key]),
        const(None),
    )
    found = ast.IfExp(ast.Compare(key, [ast.In()], [attr(obj, "hash")]),
                      ast.Subscript(attr(again, "hash"), key, ast.Load()), cls)
    is_fn = ast.Compare(call(name("type"), [ast.NamedExpr(store(f), found)]), [ast.Is()],
                        [ctx.rt("lua.base:FunctionType")])
    return ast.IfExp(
        conj(tc + [is_fn]),
        name(f),
        call(ctx.rt("lua.base:method"), [again, key, desc_const(d)]),
    )


# -- specialisers: return None to decline ---------------------------------------------------


def spec_select(ctx: Ctx, e: Any, tgt: Target) -> tuple[ast.expr, bool] | None:
    # select('#', ...) -> len(_va)
    if (
        len(e.args) == 2
        and type(e.args[0]) is A.String
        and e.args[0].s == b"#"
        and type(e.args[1]) in (A.Varargs, A.Dots)
    ):
        return call(name("len"), [name(vararg_name(ctx, e.args[1]))]), True
    return None


def spec_type(ctx: Ctx, e: Any, tgt: Target) -> tuple[ast.expr, bool] | None:
    # one argument that is one value (a call giving none would be "value expected")
    if len(e.args) == 1 and not is_multi(e.args[0]):
        return call(ctx.rt("lua.values:lua_type"), [lower_expr(ctx, e.args[0])]), True
    return None


def spec_tostring(ctx: Ctx, e: Any, tgt: Target) -> tuple[ast.expr, bool] | None:
    if len(e.args) == 1 and not is_multi(e.args[0]):
        a = lower_expr(ctx, e.args[0])
        if kind(ctx, e.args[0]) == "str":
            return a, True
        return call(ctx.rt("lua.ops:tostring"), [a]), True
    return None


def spec_sort(ctx: Ctx, e: Any, tgt: Target) -> tuple[ast.expr, bool] | None:
    """``table.sort(t, function(a, b) ... return a.x < b.x end)``: a comparator whose every
    exit returns a comparison gives a Python bool, so Go's Less is the function itself
    (``sort_bool``), not a wrapper that checks each result."""
    if len(e.args) != 2 or not _bool_function(ctx, e.args[1]):
        return None
    args = [lower_expr(ctx, a) for a in e.args]
    fields = _field_order(e.args[1])
    if fields:
        order = ast.Tuple([ast.Tuple([const(n), const(d)], ast.Load()) for n, d in fields],
                          ast.Load())  # (written as a constant tuple, ast.unparse's text)
        return call(ctx.rt("lua.table:sort_by_fields"), args + [order]), False
    return call(ctx.rt("lua.table:sort_bool"), args), False


def _field_order(e: Any) -> list[tuple[str, bool]] | None:
    """A comparator that only compares fields of its arguments, lexicographically::

        function(a, b) if a.f ~= b.f then return a.f > b.f end return a.g < b.g end

    -> ``[("f", True), ("g", False)]`` (True: descending); None for any other body."""
    node = e
    if type(e) is A.Name:
        node = e._var.init_value
    fi = node._fi
    if len(fi.params) < 2:
        return None
    pa, pb = fi.params[0], fi.params[1]

    def field(x: Any) -> tuple[Any, str] | None:
        """(the parameter, the field name) of ``a.f``."""
        if type(x) is not A.Index or type(x.value) is not A.Name:
            return None
        v = getattr(x.value, "_var", None)
        if v is not pa and v is not pb:
            return None
        if x.notation == A.IndexNotation.DOT and type(x.idx) is A.Name:
            return v, x.idx.id
        if type(x.idx) is A.String:
            return v, x.idx.s.decode("latin-1")
        return None

    def compare(x: Any) -> tuple[str, bool] | None:
        """``a.f < b.f`` (or ``<=``, ``>``, ``>=``, either way round) -> (f, descending)."""
        if type(x) not in CMP:
            return None
        left, right = field(x.left), field(x.right)
        if left is None or right is None or left[1] != right[1] or left[0] is right[0]:
            return None
        desc = type(x) in (A.GreaterThanOp, A.GreaterOrEqThanOp)
        return left[1], desc != (left[0] is pb)

    out: list[tuple[str, bool]] = []
    body = node.body.body
    for st in body[:-1]:
        if type(st) is not A.If or st.orelse is not None or type(st.test) is not A.NotEqToOp:
            return None
        tl, tr = field(st.test.left), field(st.test.right)
        inner = st.body.body
        if (tl is None or tr is None or tl[1] != tr[1] or tl[0] is tr[0] or len(inner) != 1
                or type(inner[0]) is not A.Return or len(inner[0].values) != 1):
            return None
        c = compare(inner[0].values[0])
        if c is None or c[0] != tl[1]:
            return None
        out.append(c)
    last = body[-1]
    if type(last) is not A.Return or len(last.values) != 1:
        return None
    c = compare(last.values[0])
    if c is None:
        return None
    out.append(c)
    return out


def _bool_function(ctx: Ctx, e: Any) -> bool:
    """``e`` is a function literal, or a local function never reassigned, that cannot
    suspend, cannot fall off its end, and returns one boolean-kinded value at every exit."""
    from ..semantics.analysis import _ends_in_return, _returns

    node = e
    if type(e) is A.Name:
        v = getattr(e, "_var", None)
        if v is None or v.assigned or type(v.init_value) is not A.LocalFunction:
            return False
        node = v.init_value
    if type(node) not in (A.AnonymousFunction, A.LocalFunction) or node.wrapped:
        return False
    fi = getattr(node, "_fi", None)
    if fi is None or fi.is_async or fi.is_vararg:
        return False
    body = node.body.body
    if not _ends_in_return(body):
        return False
    return all(len(r.values) == 1 and kind(ctx, r.values[0]) == "bool" for r in _returns(body))


SPECIALISERS: dict[str, Callable[[Ctx, Any, Target], tuple[ast.expr, bool] | None]] = {
    "lua.base:select": spec_select,
    "lua.lib:table_sort": spec_sort,
    "lua.base:lua_type_fn": spec_type,
    "lua.base:lua_tostring": spec_tostring,
}


# -- operators -----------------------------------------------------------------------------


def truth(ctx: Ctx, e: Any) -> ast.expr:
    """A Python bool: is the Lua value true (not nil, not false)?"""
    t = type(e)
    if t is A.AndLoOp:
        return ast.BoolOp(ast.And(), [truth(ctx, e.left), truth(ctx, e.right)])
    if t is A.OrLoOp:
        return ast.BoolOp(ast.Or(), [truth(ctx, e.left), truth(ctx, e.right)])
    if t is A.ULNotOp:
        return ast.UnaryOp(ast.Not(), truth(ctx, e.operand))
    if t is A.TrueExpr:
        return const(True)
    if t is A.FalseExpr or t is A.Nil:
        return const(False)
    k = kind(ctx, e)
    v = lower_expr(ctx, e)
    if k == "bool":
        return v
    if k in ("int", "float", "num", "str", "table", "func"):
        return const(True) if isinstance(v, ast.Constant) else _truthy_expr(ctx, v)
    return _truthy_expr(ctx, v)


def _truthy_expr(ctx: Ctx, v: ast.expr) -> ast.expr:
    first, again = bind(ctx, v, "c")
    return ast.BoolOp(
        ast.And(),
        [
            ast.Compare(first, [ast.IsNot()], [const(None)]),
            ast.Compare(again, [ast.IsNot()], [const(False)]),
        ],
    )


def _const_truth(e: ast.expr) -> bool | None:
    """The truth of a lowered constant (None when not a constant)."""
    if isinstance(e, ast.Constant):
        return e.value is not None and e.value is not False
    return None


def l_and(ctx: Ctx, e: Any) -> ast.expr:
    return _and_or(ctx, e, True)


def l_or(ctx: Ctx, e: Any) -> ast.expr:
    return _and_or(ctx, e, False)


def _and_or(ctx: Ctx, e: Any, is_and: bool) -> ast.expr:
    kl = kind(ctx, e.left)
    left = lower_expr(ctx, e.left)
    right = lower_expr(ctx, e.right)
    ct = _const_truth(left)
    if ct is not None:
        return right if ct == is_and else left
    if kl in ("bool", "nil", "table", "func"):
        return ast.BoolOp(ast.And() if is_and else ast.Or(), [left, right])
    if kl in ("int", "float", "num", "str") and is_simple(left):
        return right if is_and else left  # never false: `and` gives right, `or` left
    first, again = bind(ctx, left, "a")
    cond = ast.BoolOp(
        ast.And(),
        [
            ast.Compare(first, [ast.IsNot()], [const(None)]),
            ast.Compare(again, [ast.IsNot()], [const(False)]),
        ],
    )
    return ast.IfExp(cond, right, again) if is_and else ast.IfExp(cond, again, right)


def l_not(ctx: Ctx, e: Any) -> ast.expr:
    return ast.UnaryOp(ast.Not(), truth(ctx, e.operand))


ARITH = {
    A.AddOp: ("lua.ops:add", ast.Add()),
    A.SubOp: ("lua.ops:sub", ast.Sub()),
    A.MultOp: ("lua.ops:mul", ast.Mult()),
    A.FloatDivOp: ("lua.ops:div", None),
    A.ModOp: ("lua.ops:mod", None),
    A.FloorDivOp: ("lua.ops:idiv", None),
    A.ExpoOp: ("lua.ops:pow_", None),
    A.BAndOp: ("lua.ops:band", None),
    A.BOrOp: ("lua.ops:bor", None),
    A.BXorOp: ("lua.ops:bxor", None),
    A.BShiftLOp: ("lua.ops:shl", None),
    A.BShiftROp: ("lua.ops:shr", None),
}


def _is_int_type(x: ast.expr) -> ast.expr:
    return ast.Compare(call(name("type"), [x]), [ast.Is()], [name("int")])


def bind_operands(ctx: Ctx, left: ast.expr, right: ast.expr
                  ) -> tuple[ast.expr, ast.expr, ast.expr, ast.expr]:
    """Operands used more than once (checked, then used): (first use of left, first use of
    right, later uses of left, later uses of right). Non-simple ones go through walrus
    temporaries; ``first`` uses must be evaluated, left before right, before any ``later``."""
    fl, al = bind(ctx, left, "l")
    fr, ar = bind(ctx, right, "r")
    return fl, fr, al, ar


def _type_checks(ctx: Ctx, operands: list[tuple[ast.expr, ast.expr, str]]) -> list[ast.expr]:
    """``type(x) is int`` for each operand not statically an int, evaluating every operand
    (in order) even when an earlier check fails: the slow path needs them all.

    The checks are joined with a short-circuit ``and``; when a failed check would skip a
    later operand's binding, both operands go in one comparison that binds them first:
    ``type(_l := a) is type(_r := b) is int``."""
    items: list[tuple[ast.expr, bool]] = []  # (check, can fail)
    seen: set[str] = set()
    for first, _again, k in operands:
        if isinstance(first, ast.Name):
            if first.id in seen:
                continue  # `i * i`: one check
            seen.add(first.id)
        if k != "int":
            items.append((_is_int_type(first), True))
        elif not is_simple(first):
            # a statically int operand held in a temporary: bind it in order (always true)
            items.append((ast.Compare(first, [ast.IsNot()], [const(None)]), False))
    if len(operands) == 2 and len(items) == 2:
        (fl, _, _), (fr, _, kr) = operands
        if items[0][1] and not is_simple(fr):
            # `and` would skip binding the right operand when the left is no int
            tl = call(name("type"), [fl])
            tr = call(name("type"), [fr])
            if kr == "int":  # the right one is an int: the left one must be one too
                return [ast.Compare(tl, [ast.Is()], [tr])]
            return [ast.Compare(tl, [ast.Is(), ast.Is()], [tr, name("int")])]
    return [c for c, _ in items]


TWO53 = 2**53


def _below_2_53(x: ast.expr) -> ast.expr:
    """``0 <= x < 2**53`` for an int ``x``."""
    return ast.UnaryOp(ast.Not(), ast.BinOp(x, ast.RShift(), const(53)))


def _mod_fast(ctx: Ctx, left: ast.expr, right: ast.expr, kl: str, kr: str, const_div: bool,
              slow: Callable[[ast.expr, ast.expr], ast.expr]) -> ast.expr:
    """``a % b`` is a float in go-lua (``math.Mod`` on the operands as floats). For a
    dividend in ``0..2^53`` (``not a >> 53``, cheaper than a chained comparison) and a divisor
    in ``-2^53..2^53`` (not zero) Python's int modulo is exact and its float is go-lua's
    result (no -0.0 can arise), so::

        i % 7  ->  i % 7 + 0.0 if type(i) is int and not i >> 53 else _mod(i, 7)
        a % b  ->  a % b + 0.0 if type(a) is type(b) is int and not a >> 53
                   and 0 < b <= 2**53 else _mod(a, b)"""
    if not (kl in ("int", "any", "num") and kr in ("int", "any", "num")):
        return slow(left, right)
    if const_div:
        first, again = bind(ctx, left, "l")
        in_range = _below_2_53(first if kl == "int" else again)
        cond = in_range if kl == "int" else ast.BoolOp(ast.And(), [_is_int_type(first), in_range])
        fast = ast.BinOp(ast.BinOp(again, ast.Mod(), right), ast.Add(), const(0.0))
        return ast.IfExp(cond, fast, slow(again, right))
    fl, fr, al, ar = bind_operands(ctx, left, right)
    checks = _type_checks(ctx, [(fl, al, kl), (fr, ar, kr)])
    checks.append(_below_2_53(al))
    checks.append(ast.Compare(const(0), [ast.Lt(), ast.LtE()], [ar, const(TWO53)]))
    fast = ast.BinOp(ast.BinOp(al, ast.Mod(), ar), ast.Add(), const(0.0))
    return ast.IfExp(conj(checks), fast, slow(al, ar))


def l_arith(ctx: Ctx, e: Any) -> ast.expr:
    folded = fold(e)
    if folded is not None:
        return const(folded)
    symbol, pyop = ARITH[type(e)]
    kl = kind(ctx, e.left)
    kr = kind(ctx, e.right)
    left = lower_expr(ctx, e.left)
    right = lower_expr(ctx, e.right)
    dl = describe(ctx, e.left)
    dr = describe(ctx, e.right)

    def slow(a: ast.expr, b: ast.expr) -> ast.expr:
        return call(ctx.rt(symbol), [a, b] + ([const(dl), const(dr)] if dl or dr else []))

    t = type(e)
    rn = e.right
    const_div = (type(rn) is A.Number and type(rn.n) is int and rn.n != 0 and not rn.wrapped
                 and -TWO53 <= rn.n <= TWO53)
    if t is A.ModOp:
        return _mod_fast(ctx, left, right, kl, kr, const_div, slow)
    if t is A.FloorDivOp:
        if not (kl in ("int", "any", "num") and kr in ("int", "any", "num")):
            return slow(left, right)
        if not const_div:
            # two ints, the divisor not zero: Python's floor division is go-lua's
            fl, fr, al, ar = bind_operands(ctx, left, right)
            checks = _type_checks(ctx, [(fl, al, kl), (fr, ar, kr)])
            # not zero, and not -1 (mininteger // -1 leaves int64): the quotient fits
            checks.append(ast.BoolOp(ast.Or(), [
                ast.Compare(const(0), [ast.Lt()], [ar]),
                ast.Compare(ar, [ast.Lt()], [const(-1)])]))
            return ast.IfExp(ast.BoolOp(ast.And(), checks), ast.BinOp(al, ast.FloorDiv(), ar),
                             slow(al, ar))
        # `n // 2`
        if rn.n == -1:
            return slow(left, right)  # mininteger // -1 wraps
        if kl == "int":
            return ast.BinOp(left, ast.FloorDiv(), right)
        first, again = bind(ctx, left, "l")
        return ast.IfExp(_is_int_type(first), ast.BinOp(again, ast.FloorDiv(), right),
                         slow(again, right))
    if pyop is None:
        return slow(left, right)
    if (kl == "float" or kr == "float") and _num(kl) and _num(kr):
        return ast.BinOp(left, pyop, right)
    if (kl == "float" and kr == "any") or (kl == "any" and kr == "float"):
        # a float and an int or a float: Python's + - * are Lua's
        fl, fr, al, ar = bind_operands(ctx, left, right)
        conds: list[ast.expr] = []
        if kl == "float":
            if not is_simple(fl):
                conds.append(ast.Compare(fl, [ast.IsNot()], [const(None)]))  # bound, in order
            conds.append(ast.Compare(call(name("type"), [fr]), [ast.In()],
                                     [ctx.rt("lua.ops:NUM_TYPES")]))
        elif is_simple(fr):
            conds.append(ast.Compare(call(name("type"), [fl]), [ast.In()],
                                     [ctx.rt("lua.ops:NUM_TYPES")]))
        else:
            return slow(fl, fr)  # a failed check would leave the right one unevaluated
        return ast.IfExp(conj(conds), ast.BinOp(al, pyop, ar), slow(al, ar))
    if not (kl in ("int", "any", "num") and kr in ("int", "any", "num")):
        return slow(left, right)
    lit = _const_operand(ctx, e, left, right, kl, kr, pyop, slow)
    if lit is not None:
        return lit
    # two ints: the Python result, unless it leaves int64 (then the helper wraps it)
    fl, fr, al, ar = bind_operands(ctx, left, right)
    checks = _type_checks(ctx, [(fl, al, kl), (fr, ar, kr)])
    res = ctx.temp("x")
    checks.append(
        ast.Compare(
            const(MINI),
            [ast.LtE(), ast.LtE()],
            [ast.NamedExpr(store(res), ast.BinOp(al, pyop, ar)), const(MAXI)],
        )
    )
    cond = checks[0] if len(checks) == 1 else ast.BoolOp(ast.And(), checks)
    return ast.IfExp(cond, name(res), _float_arith(ctx, al, ar, kl, kr, pyop, slow(al, ar)))


def _float_arith(ctx: Ctx, al: ast.expr, ar: ast.expr, kl: str, kr: str, pyop: ast.operator,
                 slow: ast.expr) -> ast.expr:
    """The fallback of the two-int path of ``+ - *``: a float and a number give Python's
    result (Lua converts the int to a float, as Python does), else ``slow``::

        al * ar if type(al) is float and type(ar) in NUM_TYPES
                   or type(ar) is float and type(al) is int else _mul(al, ar, ...)"""
    tl = call(name("type"), [al])
    tr = call(name("type"), [ar])
    isf = ast.Is()
    if isinstance(al, ast.Name) and isinstance(ar, ast.Name) and al.id == ar.id:
        cond: ast.expr = ast.Compare(tl, [isf], [name("float")])  # `x * x`
    elif kl == "int":
        cond = ast.Compare(tr, [isf], [name("float")])
    elif kr == "int":
        cond = ast.Compare(tl, [isf], [name("float")])
    else:
        cond = ast.BoolOp(ast.Or(), [
            ast.BoolOp(ast.And(), [ast.Compare(tl, [ast.Is()], [name("float")]),
                                   ast.Compare(tr, [ast.In()], [ctx.rt("lua.ops:NUM_TYPES")])]),
            ast.BoolOp(ast.And(), [ast.Compare(copy.deepcopy(tr), [ast.Is()], [name("float")]),
                                   ast.Compare(copy.deepcopy(tl), [ast.Is()], [name("int")])]),
        ])
    return ast.IfExp(cond, ast.BinOp(al, pyop, ar), slow)


def _const_operand(ctx: Ctx, e: Any, left: ast.expr, right: ast.expr, kl: str, kr: str,
                   pyop: ast.operator, slow: Callable[[ast.expr, ast.expr], ast.expr]
                   ) -> ast.expr | None:
    """``x + 1``, ``x - 2``, ``3 * x``: with one integer literal operand the result stays in
    int64 when ``x`` is within bounds computed here, so only ``x`` is compared (Lua integers
    never leave int64, so a bound at the end of the range is left out).

        x + 1  ->  x + 1 if type(x) is int and x <= MAXINT - 1 else _add(x, 1, ...)"""
    ln, rn = e.left, e.right
    lc = ln.n if type(ln) is A.Number and type(ln.n) is int else None
    rc = rn.n if type(rn) is A.Number and type(rn.n) is int else None
    if (lc is None) == (rc is None):
        return None
    t = type(e)
    if rc is not None:
        c, x, kx = rc, left, kl
        if t is A.AddOp:
            lo, hi = MINI - c, MAXI - c
        elif t is A.SubOp:
            lo, hi = MINI + c, MAXI + c
        else:
            if c == 0:
                return None
            lo, hi = -(MAXI // abs(c)), MAXI // abs(c)
    else:
        assert lc is not None
        c, x, kx = lc, right, kr
        if t is A.AddOp:
            lo, hi = MINI - c, MAXI - c
        elif t is A.SubOp:
            lo, hi = c - MAXI, c - MINI
        else:
            if c == 0:
                return None
            lo, hi = -(MAXI // abs(c)), MAXI // abs(c)
    if kx not in ("int", "any"):
        return None
    first, again = bind(ctx, x, "l")
    conds: list[ast.expr] = []
    xr = first
    if kx != "int":
        conds.append(_is_int_type(first))
        xr = again
    ops_: list[ast.cmpop] = []
    cmps: list[ast.expr] = []
    head: ast.expr = xr
    if lo > MINI:
        head, ops_, cmps = const(lo), [ast.LtE()], [xr]
    if hi < MAXI:
        ops_.append(ast.LtE())
        cmps.append(const(hi))
    if ops_:
        conds.append(ast.Compare(head, ops_, cmps))
    if not conds:
        return ast.BinOp(left, pyop, right)
    xa = again if conds else x
    fast = ast.BinOp(xa, pyop, const(c)) if rc is not None else ast.BinOp(const(c), pyop, xa)
    other = slow(again, const(c)) if rc is not None else slow(const(c), again)
    if kx != "int":
        # a float and the integer literal: Python's result is Lua's
        other = ast.IfExp(ast.Compare(call(name("type"), [again]), [ast.Is()], [name("float")]),
                          copy.deepcopy(fast), other)
    return ast.IfExp(conj(conds), fast, other)


def l_unm(ctx: Ctx, e: Any) -> ast.expr:
    """``-x`` is always a float in go-lua (``-5`` and ``-(2^53)`` fold to floats at build
    time; ``-x`` of the integer 5 is -5.0)::

        -x  ->  -float(x) if type(x) in NUM_TYPES else _unm(x, "local 'x'")"""
    folded = fold(e)
    if folded is not None:
        return const(folded)
    k = kind(ctx, e.operand)
    v = lower_expr(ctx, e.operand)
    if k == "float":
        return ast.UnaryOp(ast.USub(), v)
    if k == "int":
        return ast.UnaryOp(ast.USub(), call(name("float"), [v]))
    d = describe(ctx, e.operand)
    slow = call(ctx.rt("lua.ops:unm"), [v] + ([const(d)] if d else []))
    if k not in ("num", "any"):
        return slow
    first, again = bind(ctx, v, "u")
    slow.args[0] = again
    return ast.IfExp(
        ast.Compare(call(name("type"), [first]), [ast.In()], [ctx.rt("lua.ops:NUM_TYPES")]),
        ast.UnaryOp(ast.USub(), call(name("float"), [again])), slow)


def l_bnot(ctx: Ctx, e: Any) -> ast.expr:
    d = describe(ctx, e.operand)
    return call(ctx.rt("lua.ops:bnot"), [lower_expr(ctx, e.operand)] + ([const(d)] if d else []))


def l_len(ctx: Ctx, e: Any) -> ast.expr:
    k = kind(ctx, e.operand)
    v = lower_expr(ctx, e.operand)
    if k == "str":
        return call(name("len"), [v])
    d = describe(ctx, e.operand)
    first, again = bind(ctx, v, "o")
    tc = table_check(ctx, e.operand, first)
    no_meta = ast.Compare(attr(again if tc else first, "meta"), [ast.Is()], [const(None)])
    return ast.IfExp(
        ast.BoolOp(ast.And(), tc + [no_meta]) if tc else no_meta,
        call(name("len"), [attr(again, "arr")]),
        call(ctx.rt("lua.ops:length"), [again, const(d)]),
    )


def l_concat(ctx: Ctx, e: Any) -> ast.expr:
    parts = concat_parts(e)
    kinds = [kind(ctx, p) for p in parts]
    vals = [lower_expr(ctx, p) for p in parts]
    if all(k == "str" for k in kinds):
        out = vals[0]
        for v in vals[1:]:
            out = ast.BinOp(out, ast.Add(), v)
        return out
    if all(k in ("str", "int") for k in kinds):
        # strings and integers: an f-string (an int prints as Lua prints it); Python 3.11's
        # f-strings cannot hold string literals in their expressions: `+` and `str()` then
        if any(isinstance(n, ast.Constant) and type(n.value) is str
               for v in vals if not isinstance(v, ast.Constant) for n in ast.walk(v)):
            out = None
            for v, k in zip(vals, kinds):
                piece = v if k == "str" else call(name("str"), [v])
                out = piece if out is None else ast.BinOp(out, ast.Add(), piece)
            assert out is not None
            return out
        pieces: list[ast.expr] = []
        for v in vals:
            if isinstance(v, ast.Constant):
                pieces.append(ast.Constant(str(v.value)))
            else:
                pieces.append(ast.FormattedValue(v, -1, None))
        return ast.JoinedStr(pieces)
    return _concat_fast(ctx, parts, kinds, vals)


def _concat_fast(ctx: Ctx, parts: list[Any], kinds: list[str], vals: list[ast.expr]
                 ) -> ast.expr:
    """All strings at run time: Python's ``+``, else the general chain on the same values.

    Lua evaluates every operand, in order, before concatenating. Checked operands are bound
    in pairs, ``type(_c := a) is type(_c_1 := b) is str`` (a chained comparison evaluates
    both sides before it can fail); when a pair fails, the fallback chain evaluates the
    operands not yet evaluated itself, still in order::

        (a + b + c if type(_c_2 := c) is str else _concat(_c, _concat(_c_1, _c_2)))
        if type(_c := a) is type(_c_1 := b) is str
        else _concat(_c, _concat(_c_1, c))
    """
    firsts: list[ast.expr] = []
    agains: list[ast.expr] = []
    checked: list[int] = []
    for i, (v, k) in enumerate(zip(vals, kinds)):
        if isinstance(v, ast.Constant):
            if type(v.value) is int:
                v = ast.Constant(str(v.value))  # as Lua prints an integer
            elif type(v.value) is not str:
                return _concat_chain(ctx, parts, vals)
            first = again = v
        elif is_simple(v) and all(is_simple(w) for w in vals[i + 1:]):
            first = again = v  # nothing after it can change it
        else:
            # a local read after a later operand's call could see a new value: a temp
            t = ctx.temp("c")
            first, again = ast.NamedExpr(store(t), v), name(t)
        if not isinstance(v, ast.Constant) and (k != "str" or first is not again):
            checked.append(i)
        firsts.append(first)
        agains.append(again)
    if not checked or len(checked) > 6:
        return _concat_chain(ctx, parts, vals)
    fast: ast.expr = agains[0]
    for a in agains[1:]:
        fast = ast.BinOp(fast, ast.Add(), a)
    groups = [checked[i:i + 2] for i in range(0, len(checked), 2)]
    out = fast
    for gi in range(len(groups) - 1, -1, -1):
        g = groups[gi]
        tys: list[ast.expr] = [call(name("type"), [firsts[i]]) for i in g]
        cond = ast.Compare(tys[0], [ast.Is()] * len(tys), tys[1:] + [name("str")])
        done = g[-1]  # operands up to here are evaluated when this group's check fails
        fb = [vals[i] if isinstance(vals[i], ast.Constant) else agains[i] if i <= done
              else copy.deepcopy(vals[i]) for i in range(len(vals))]
        out = ast.IfExp(cond, out, _concat_chain(ctx, parts, fb))
    return out


def _concat_chain(ctx: Ctx, parts: list[Any], vals: list[ast.expr]) -> ast.expr:
    """``ops.concat(a, ops.concat(b, c))``: right-associative, naming the operands."""
    out = vals[-1]
    for i in range(len(vals) - 2, -1, -1):
        dl = describe(ctx, parts[i])
        dr = describe(ctx, parts[i + 1]) if i == len(vals) - 2 else None
        out = call(
            ctx.rt("lua.ops:concat"), [vals[i], out] + ([const(dl), const(dr)] if dl or dr else [])
        )
    return out


CMP = {
    A.LessThanOp: ("lua.ops:lt", ast.Lt()),
    A.GreaterThanOp: ("lua.ops:gt", ast.Gt()),
    A.LessOrEqThanOp: ("lua.ops:le", ast.LtE()),
    A.GreaterOrEqThanOp: ("lua.ops:ge", ast.GtE()),
}


def l_cmp(ctx: Ctx, e: Any) -> ast.expr:
    symbol, pyop = CMP[type(e)]
    kl = kind(ctx, e.left)
    kr = kind(ctx, e.right)
    left = lower_expr(ctx, e.left)
    right = lower_expr(ctx, e.right)
    if (_num(kl) and _num(kr)) or (kl == "str" and kr == "str"):
        return ast.Compare(left, [pyop], [right])
    if kl not in ("int", "float", "num", "any", "str") or kr not in ("int", "float", "num",
                                                                      "any", "str"):
        return call(ctx.rt(symbol), [left, right])
    fl, fr, al, ar = bind_operands(ctx, left, right)
    if "str" in (kl, kr) or (kl == "any" and kr == "any"):
        # two numbers of one type or two strings: Python's order is Lua's
        return _same_type_op(ctx, fl, fr, al, ar, pyop, "lua.ops:ORDER_TYPES",
                             call(ctx.rt(symbol), [al, ar]))
    checks = _type_checks(ctx, [(fl, al, "int" if _num(kl) else kl),
                                (fr, ar, "int" if _num(kr) else kr)])
    # one operand a number, the other any number: Python compares an int with a float
    # exactly, as luac2py does (go-lua's values are floats where PUC Lua's were integers)
    checks = [_widen_to_number(ctx, c) for c in checks]
    fast = ast.Compare(al, [pyop], [ar])
    if not checks:
        return fast
    cond = checks[0] if len(checks) == 1 else ast.BoolOp(ast.And(), checks)
    return ast.IfExp(cond, fast, call(ctx.rt(symbol), [al, ar]))


def _widen_to_number(ctx: Ctx, c: ast.expr) -> ast.expr:
    """``type(x) is int`` -> ``type(x) in NUM_TYPES`` (other checks unchanged)."""
    if (isinstance(c, ast.Compare) and len(c.ops) == 1 and isinstance(c.ops[0], ast.Is)
            and isinstance(c.comparators[0], ast.Name) and c.comparators[0].id == "int"):
        return ast.Compare(c.left, [ast.In()], [ctx.rt("lua.ops:NUM_TYPES")])
    return c


def l_eq(ctx: Ctx, e: Any, negate: bool = False) -> ast.expr:
    left_n, right_n = e.left, e.right
    # put a constant on the right
    if _is_const(left_n) and not _is_const(right_n):
        left_n, right_n = right_n, left_n
    left = lower_expr(ctx, left_n)
    rt = type(right_n)
    if rt is A.Nil:
        return ast.Compare(left, [ast.IsNot() if negate else ast.Is()], [const(None)])
    if rt is A.TrueExpr or rt is A.FalseExpr:
        return ast.Compare(
            left, [ast.IsNot() if negate else ast.Is()], [const(rt is A.TrueExpr)]
        )
    right = lower_expr(ctx, right_n)
    if rt is A.String:
        return ast.Compare(left, [ast.NotEq() if negate else ast.Eq()], [right])
    if rt is A.Number and right_n.n not in (0, 1):
        return ast.Compare(left, [ast.NotEq() if negate else ast.Eq()], [right])
    kl = kind(ctx, left_n)
    kr = kind(ctx, right_n)
    if (_num(kl) and _num(kr)) or (kl == "str" and kr == "str") or (kl == "bool" and kr == "bool"):
        return ast.Compare(left, [ast.NotEq() if negate else ast.Eq()], [right])
    if kl in ("table", "func", "nil") or kr in ("table", "func", "nil"):
        r = call(ctx.rt("lua.ops:eq"), [left, right])
        return ast.UnaryOp(ast.Not(), r) if negate else r
    # two numbers of one type, two strings or two booleans: Python's equality is Lua's
    fl, fr, al, ar = bind_operands(ctx, left, right)
    slow: ast.expr = call(ctx.rt("lua.ops:eq"), [al, ar])
    if rt is A.Number:  # `x == 0`, `x ~= 1` (True == 1 in Python)
        return ast.IfExp(
            ast.Compare(call(name("type"), [fl]), [ast.Is()],
                        [name(type(right_n.n).__name__)]),
            ast.Compare(al, [ast.NotEq() if negate else ast.Eq()], [ar]),
            ast.UnaryOp(ast.Not(), slow) if negate else slow,
        )
    return _same_type_op(ctx, fl, fr, al, ar, ast.NotEq() if negate else ast.Eq(),
                         "lua.ops:EQ_TYPES", ast.UnaryOp(ast.Not(), slow) if negate else slow)


def _same_type_op(ctx: Ctx, fl: ast.expr, fr: ast.expr, al: ast.expr, ar: ast.expr,
                  pyop: ast.cmpop, types: str, slow: ast.expr) -> ast.expr:
    """``al <op> ar if type(fl) is type(fr) in <types> else slow``."""
    return ast.IfExp(
        ast.Compare(call(name("type"), [fl]), [ast.Is(), ast.In()],
                    [call(name("type"), [fr]), ctx.rt(types)]),
        ast.Compare(al, [pyop], [ar]),
        slow,
    )


def _is_const(n: Any) -> bool:
    return type(n) in (A.Nil, A.TrueExpr, A.FalseExpr, A.String, A.Number)


def l_ne(ctx: Ctx, e: Any) -> ast.expr:
    return l_eq(ctx, e, negate=True)


DISPATCH: dict[type, Callable[[Ctx, Any], ast.expr]] = {
    A.Nil: l_nil,
    A.TrueExpr: l_true,
    A.FalseExpr: l_false,
    A.Number: l_number,
    A.String: l_string,
    A.Varargs: l_varargs,
    A.Dots: l_varargs,
    A.Name: l_name,
    A.Index: l_index,
    A.Table: l_table,
    A.AnonymousFunction: l_function,
    A.Call: l_call_value,
    A.Invoke: l_call_value,
    A.AndLoOp: l_and,
    A.OrLoOp: l_or,
    A.ULNotOp: l_not,
    A.UMinusOp: l_unm,
    A.UBNotOp: l_bnot,
    A.ULengthOP: l_len,
    A.Concat: l_concat,
    A.EqToOp: l_eq,
    A.NotEqToOp: l_ne,
    **{k: l_arith for k in ARITH},
    **{k: l_cmp for k in CMP},
}
