"""The Lua ``table`` library (Lua 5.1: concat insert remove sort getn maxn) and ``unpack``.

The functions work on LuaTable's array part directly where that is equivalent to Lua's raw
gets and sets, and keep its invariants (``arr`` never ends in None; key ``len(arr)+1`` never in
``hash``). ``#t`` is ``len(arr)``, the border these functions use, as 5.1's ``luaL_getn`` does
(raw, no ``__len``).

``sort`` is Lua 5.1's own quicksort, transcribed: Lua's sort is not stable, so only the same
algorithm puts equal-keyed elements in the same order, calls a comparator in the same sequence,
and raises the same errors ("invalid order function for sorting", "attempt to compare ...").
"""

from __future__ import annotations

from types import CoroutineType, FunctionType
from typing import Any, Callable

from .errors import LuaError
from .lstring import NOARG, check_int, opt_int, opt_str, type_error
from .ops import call, lt, tostring_basic
from .values import LuaTable, is_function


def check_table(t: Any, n: int, fname: str) -> LuaTable:
    if type(t) is LuaTable:
        return t
    raise type_error(t, n, fname, "table")


# ----------------------------------------------------------------------------------------
# concat
# ----------------------------------------------------------------------------------------


def tconcat(
    t: Any = NOARG, sep: Any = None, i: Any = None, j: Any = None, *_: Any
) -> str:
    # argument order of the checks is Lua's: the separator is checked before the table
    sep = opt_str(sep, 2, "concat", "")
    if type(t) is not LuaTable:
        t = check_table(t, 1, "concat")
    arr = t.arr
    first = opt_int(i, 3, "concat", 1)
    last = opt_int(j, 4, "concat", len(arr))
    if first > last:
        return ""
    if first == 1 and last == len(arr):
        try:
            return sep.join(arr)
        except TypeError:
            pass  # numbers to convert, or an invalid value to report
    elif 1 <= first and last <= len(arr):
        try:
            return sep.join(arr[first - 1 : last])
        except TypeError:
            pass
    out = []
    for k in range(first, last + 1):
        v = arr[k - 1] if 0 < k <= len(arr) else t.get(k)
        tv = type(v)
        if tv is str:
            out.append(v)
        elif tv is int or tv is float:
            out.append(tostring_basic(v))
        else:
            raise LuaError(f"invalid value (at index {k}) in table for 'concat'")
    return sep.join(out)


# ----------------------------------------------------------------------------------------
# insert / remove
# ----------------------------------------------------------------------------------------


def _migrate(t: LuaTable) -> None:
    """After the array part grew in the middle, pull now-contiguous keys out of the hash."""
    h = t.hash
    if not h:
        return
    arr = t.arr
    nxt = len(arr) + 1
    while nxt in h:
        arr.append(h.pop(nxt))
        nxt += 1


def tinsert(*args: Any) -> tuple[()]:
    t = args[0] if args else NOARG
    if type(t) is not LuaTable:
        t = check_table(t, 1, "insert")
    arr = t.arr
    nargs = len(args)
    if nargs == 2:
        v = args[1]
        if v is not None:
            if t.hash:
                t.set_int(len(arr) + 1, v)
            else:
                arr.append(v)
        return ()
    if nargs != 3:
        raise LuaError("wrong number of arguments to 'insert'")
    pos = args[1]
    if type(pos) is not int:
        pos = check_int(pos, 2, "insert")
    v = args[2]
    e = len(arr) + 1
    if 1 <= pos <= e:
        if pos == e:
            t.set_int(pos, v)
            return ()
        # t[e] = t[e-1], ..., t[pos+1] = t[pos]; t[pos] = v
        arr.insert(pos - 1, v)
        _migrate(t)
        return ()
    if pos > e:
        t.set_int(pos, v)
        return ()
    # pos < 1: Lua 5.1 still shifts t[pos..e-1] up by one (t[k] = t[k-1] for k = e..pos+1)
    # and sets t[pos]; done over the keys that exist, so a far-off pos cannot stall
    h = t.hash
    moved = {k: h.pop(k) for k in [k for k in h if type(k) is int and pos <= k <= 0]}
    for k, x in moved.items():
        if k < 0:
            h[k + 1] = x
    if v is not None:
        h[pos] = v
    arr.insert(0, moved.get(0))
    while arr and arr[-1] is None:
        arr.pop()
    _migrate(t)
    return ()


def tremove(t: Any = NOARG, pos: Any = None, *_: Any) -> Any:
    if type(t) is not LuaTable:
        t = check_table(t, 1, "remove")
    arr = t.arr
    e = len(arr)
    if pos is None or pos is NOARG:
        if e == 0:
            return ()
        v = arr.pop()
        while arr and arr[-1] is None:
            arr.pop()
        return v
    if type(pos) is not int:
        pos = check_int(pos, 2, "remove")
    if not 1 <= pos <= e:
        return ()
    v = arr.pop(pos - 1)
    while arr and arr[-1] is None:
        arr.pop()
    return v


# ----------------------------------------------------------------------------------------
# sort
# ----------------------------------------------------------------------------------------


def _ctruth(r: Any) -> bool:
    """Truth of a comparator's result that is not a plain boolean: its first value (a tuple is
    several results), refusing a coroutine (a comparator that would suspend)."""
    if type(r) is tuple:
        r = r[0] if r else None
    elif type(r) is CoroutineType:
        r.close()
        raise LuaError("attempt to yield across a C-call boundary")
    return r is not None and r is not False


def _auxsort(a: list[Any], t: LuaTable, comp: Callable[[Any, Any], Any], lo: int,
             up: int) -> None:
    """Lua 5.1's auxsort of ``a[lo..up]`` (1-based) with ``comp(x, y)`` as "x < y": the same
    comparisons in the same order and the same errors as C Lua. A result other than a plain
    boolean is taken as Lua takes a call's first result (``_ctruth``). Reads outside 1..n
    (the algorithm's sentinels can run one past either end with a bad comparator) go to the
    table."""
    n = len(a)
    while lo < up:
        # sort a[lo], a[(lo+up)//2], a[up]
        r = comp(a[up - 1], a[lo - 1])
        if r is not True and r is not False:
            r = _ctruth(r)
        if r:
            a[lo - 1], a[up - 1] = a[up - 1], a[lo - 1]
        if up - lo == 1:
            break
        i = (lo + up) // 2
        r = comp(a[i - 1], a[lo - 1])
        if r is not True and r is not False:
            r = _ctruth(r)
        if r:
            a[i - 1], a[lo - 1] = a[lo - 1], a[i - 1]
        else:
            r = comp(a[up - 1], a[i - 1])
            if r is not True and r is not False:
                r = _ctruth(r)
            if r:
                a[i - 1], a[up - 1] = a[up - 1], a[i - 1]
        if up - lo == 2:
            break
        pivot = a[i - 1]
        a[i - 1], a[up - 2] = a[up - 2], pivot
        # invariant: a[lo..i] <= P <= a[j..up]; only lo+1..up-2 left to partition
        i = lo
        j = up - 1
        while True:
            # repeat ++i until a[i] >= P (i only grows from lo+1 >= 2)
            i += 1
            while True:
                r = comp(a[i - 1] if i <= n else t.get(i), pivot)
                if r is not True and r is not False:
                    r = _ctruth(r)
                if not r:
                    break
                if i > up:
                    raise LuaError("invalid order function for sorting")
                i += 1
            # repeat --j until a[j] <= P (j only shrinks from up-1 <= n-1)
            j -= 1
            while True:
                r = comp(pivot, a[j - 1] if j >= 1 else t.get(j))
                if r is not True and r is not False:
                    r = _ctruth(r)
                if not r:
                    break
                if j < lo:
                    raise LuaError("invalid order function for sorting")
                j -= 1
            if j < i:
                break
            a[i - 1], a[j - 1] = a[j - 1], a[i - 1]
        if i > up:
            # only a comparator that accepts nil gets here; C Lua would go on to write
            # t[up+1], outside the sorted range
            raise LuaError("invalid order function for sorting")
        a[up - 2], a[i - 1] = a[i - 1], a[up - 2]
        # recurse into the smaller half, loop on the larger one
        if i - lo < up - i:
            j = lo
            i = i - 1
            lo = i + 2
        else:
            j = i + 1
            i = up
            up = j - 2
        _auxsort(a, t, comp, j, i)


def _plain_sortable(a: list[Any]) -> bool:
    """True when Python's own sort gives exactly Lua's result: all strings or all non-NaN
    numbers, with no two equal elements that can be told apart (1 and 1.0, 0.0 and -0.0) --
    any correct sort then yields the same sequence, whatever order it uses for ties."""
    t0 = type(a[0])
    if t0 is str:
        for v in a:
            if type(v) is not str:
                return False
        return True
    if t0 is not int and t0 is not float:
        return False
    has_float = False
    for v in a:
        tv = type(v)
        if tv is float:
            if v != v:
                return False
            has_float = True
        elif tv is not int:
            return False
    if not has_float:
        return True
    s = sorted(a)
    for x, y in zip(s, s[1:]):
        if x == y and (type(x) is not type(y) or str(x) != str(y)):
            return False
    return True


def tsort(t: Any = NOARG, comp: Any = None, *_: Any) -> tuple[()]:
    if type(t) is not LuaTable:
        t = check_table(t, 1, "sort")
    if comp is NOARG:
        comp = None
    if comp is not None and not is_function(comp):
        raise type_error(comp, 2, "sort", "function")
    arr = t.arr
    n = len(arr)
    if n < 2:
        return ()
    if comp is None and _plain_sortable(arr):
        arr.sort()
        return ()
    a = list(arr)
    try:
        if comp is None:
            less = lt
        elif type(comp) is FunctionType:
            less = comp  # called directly (an ``async def`` one is refused by _ctruth)
        else:
            def less(x: Any, y: Any) -> Any:
                return call(comp, x, y)

        _auxsort(a, t, less, 1, n)
    finally:
        # like Lua, leave whatever order was reached (also when the comparator raised)
        if len(arr) == n:
            arr[:] = a
            while arr and arr[-1] is None:
                arr.pop()
    return ()


# ----------------------------------------------------------------------------------------
# getn / maxn / unpack
# ----------------------------------------------------------------------------------------


def tgetn(t: Any = NOARG, *_: Any) -> int:
    if type(t) is not LuaTable:
        t = check_table(t, 1, "getn")
    return len(t.arr)


def tmaxn(t: Any = NOARG, *_: Any) -> int | float:
    """Largest positive numeric key, 0 if none. Lua 5.1 returns a double; an integer key is
    returned as an integer here, which prints the same and is what 5.3 users expect."""
    if type(t) is not LuaTable:
        t = check_table(t, 1, "maxn")
    best: int | float = len(t.arr)
    for k in t.hash:
        tk = type(k)
        if (tk is int or tk is float) and k > best:
            best = k
    return best


MAX_UNPACK = 1_000_000


def unpack(t: Any = NOARG, i: Any = None, j: Any = None, *_: Any) -> Any:
    if type(t) is not LuaTable:
        t = check_table(t, 1, "unpack")
    arr = t.arr
    if i is None and j is None:
        n = len(arr)
        if n == 1:
            return arr[0]
        return tuple(arr)
    first = opt_int(i, 2, "unpack", 1)
    last = opt_int(j, 3, "unpack", len(arr))
    if first > last:
        return ()
    if last - first >= MAX_UNPACK:
        raise LuaError("too many results to unpack")
    if first == last:
        return t.get(first)
    if 1 <= first and last <= len(arr):
        return tuple(arr[first - 1 : last])
    get = t.get
    return tuple([get(k) for k in range(first, last + 1)])


LIB: dict[str, Callable[..., Any]] = {
    "concat": tconcat,
    "insert": tinsert,
    "remove": tremove,
    "sort": tsort,
    "getn": tgetn,
    "maxn": tmaxn,
}

# ``unpack`` is a global in Lua 5.1 (and absent from gopher-lua's ``table``), so it is not in
# LIB; the base library installs it from here.
GLOBALS: dict[str, Callable[..., Any]] = {"unpack": unpack}
