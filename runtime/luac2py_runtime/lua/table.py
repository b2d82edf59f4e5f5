"""The Lua ``table`` library (Lua 5.1: concat insert remove sort getn maxn) and ``unpack``.

The functions work on LuaTable's array part directly where that is equivalent to Lua's raw
gets and sets, and keep its invariants (``arr`` never ends in None; key ``len(arr)+1`` never in
``hash``). ``#t`` is ``len(arr)``, the border these functions use, as 5.1's ``luaL_getn`` does
(raw, no ``__len``).

``sort`` is Go's sort.Sort, transcribed, because that is what Wippy's VM sorts with: a sort
is not stable, so only the same algorithm puts equal-keyed elements in the same order and calls
a comparator in the same sequence (comparison errors are Lua's, "attempt to compare ...").
"""

from __future__ import annotations

from types import CoroutineType, FunctionType
from typing import Any, Callable

from .errors import LuaError
from .string import NOARG, check_int, opt_int, opt_str, type_error
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


# -- table.sort: Go's sort.Sort ------------------------------------------------------------
# Wippy's VM (wippyai/go-lua, tablelib.go) sorts a table's array with Go's sort.Sort, whose
# Less calls the comparator: since Go 1.19 that is pattern-defeating quicksort
# (src/sort/zsortinterface.go), ported below line for line, so that elements that compare
# equal end in Wippy's order and the comparator is called with the same pairs in the same
# order (tests/unit/data/go_sort_fixtures.json holds what Go's own sort.Sort did). Like
# Go's, it never reports an invalid order function: an inconsistent comparator just gives
# some order.

_MASK64 = (1 << 64) - 1  # breakPatterns' xorshift works on uint64
_Less = Callable[[Any, Any], bool]


def _go_sort(a: list[Any], less: _Less) -> None:
    """Go's sort.Sort of ``a`` in place, ``less(x, y)`` being its Less."""
    n = len(a)
    if n <= 1:
        return
    _pdqsort(a, less, 0, n, n.bit_length())


def _insertion_sort(a: list[Any], less: _Less, lo: int, hi: int) -> None:
    for i in range(lo + 1, hi):
        j = i
        while j > lo and less(a[j], a[j - 1]):
            a[j], a[j - 1] = a[j - 1], a[j]
            j -= 1


def _sift_down(a: list[Any], less: _Less, lo: int, hi: int, first: int) -> None:
    root = lo
    while True:
        child = 2 * root + 1
        if child >= hi:
            return
        if child + 1 < hi and less(a[first + child], a[first + child + 1]):
            child += 1
        if not less(a[first + root], a[first + child]):
            return
        a[first + root], a[first + child] = a[first + child], a[first + root]
        root = child


def _heap_sort(a: list[Any], less: _Less, lo: int, hi: int) -> None:
    first = lo
    n = hi - lo
    for i in range((n - 1) // 2, -1, -1):
        _sift_down(a, less, i, n, first)
    for i in range(n - 1, -1, -1):
        a[first], a[first + i] = a[first + i], a[first]
        _sift_down(a, less, 0, i, first)


def _pdqsort(a: list[Any], less: _Less, lo: int, hi: int, limit: int) -> None:
    was_balanced = True
    was_partitioned = True
    while True:
        length = hi - lo
        if length <= 12:
            _insertion_sort(a, less, lo, hi)
            return
        if limit == 0:
            _heap_sort(a, less, lo, hi)
            return
        if not was_balanced:
            _break_patterns(a, lo, hi)
            limit -= 1
        pivot, hint = _choose_pivot(a, less, lo, hi)
        if hint == 2:  # decreasing
            _reverse(a, lo, hi)
            pivot = (hi - 1) - (pivot - lo)
            hint = 1
        if was_balanced and was_partitioned and hint == 1:
            if _partial_insertion_sort(a, less, lo, hi):
                return
        if lo > 0 and not less(a[lo - 1], a[pivot]):
            lo = _partition_equal(a, less, lo, hi, pivot)
            continue
        mid, already = _partition(a, less, lo, hi, pivot)
        was_partitioned = already
        left, right = mid - lo, hi - mid
        threshold = length // 8
        if left < right:
            was_balanced = left >= threshold
            _pdqsort(a, less, lo, mid, limit)
            lo = mid + 1
        else:
            was_balanced = right >= threshold
            _pdqsort(a, less, mid + 1, hi, limit)
            hi = mid


def _partition(a: list[Any], less: _Less, lo: int, hi: int, pivot: int) -> tuple[int, bool]:
    a[lo], a[pivot] = a[pivot], a[lo]
    i, j = lo + 1, hi - 1
    while i <= j and less(a[i], a[lo]):
        i += 1
    while i <= j and not less(a[j], a[lo]):
        j -= 1
    if i > j:
        a[j], a[lo] = a[lo], a[j]
        return j, True
    a[i], a[j] = a[j], a[i]
    i += 1
    j -= 1
    while True:
        while i <= j and less(a[i], a[lo]):
            i += 1
        while i <= j and not less(a[j], a[lo]):
            j -= 1
        if i > j:
            break
        a[i], a[j] = a[j], a[i]
        i += 1
        j -= 1
    a[j], a[lo] = a[lo], a[j]
    return j, False


def _partition_equal(a: list[Any], less: _Less, lo: int, hi: int, pivot: int) -> int:
    a[lo], a[pivot] = a[pivot], a[lo]
    i, j = lo + 1, hi - 1
    while True:
        while i <= j and not less(a[lo], a[i]):
            i += 1
        while i <= j and less(a[lo], a[j]):
            j -= 1
        if i > j:
            break
        a[i], a[j] = a[j], a[i]
        i += 1
        j -= 1
    return i


def _partial_insertion_sort(a: list[Any], less: _Less, lo: int, hi: int) -> bool:
    i = lo + 1
    for _ in range(5):
        while i < hi and not less(a[i], a[i - 1]):
            i += 1
        if i == hi:
            return True
        if hi - lo < 50:
            return False
        a[i], a[i - 1] = a[i - 1], a[i]
        if i - lo >= 2:
            j = i - 1
            while j >= 1:
                if not less(a[j], a[j - 1]):
                    break
                a[j], a[j - 1] = a[j - 1], a[j]
                j -= 1
        if hi - i >= 2:
            j = i + 1
            while j < hi:
                if not less(a[j], a[j - 1]):
                    break
                a[j], a[j - 1] = a[j - 1], a[j]
                j += 1
    return False


def _break_patterns(a: list[Any], lo: int, hi: int) -> None:
    length = hi - lo
    if length >= 8:
        r = length
        modulus = 1 << length.bit_length()
        idx = lo + (length // 4) * 2 - 1
        while idx <= lo + (length // 4) * 2 + 1:
            r ^= (r << 13) & _MASK64
            r ^= r >> 17
            r ^= (r << 5) & _MASK64
            other = r & (modulus - 1)
            if other >= length:
                other -= length
            a[idx], a[lo + other] = a[lo + other], a[idx]
            idx += 1


def _choose_pivot(a: list[Any], less: _Less, lo: int, hi: int) -> tuple[int, int]:
    n = hi - lo
    swaps = [0]
    i = lo + n // 4 * 1
    j = lo + n // 4 * 2
    k = lo + n // 4 * 3
    if n >= 8:
        if n >= 50:
            i = _median(a, less, i - 1, i, i + 1, swaps)
            j = _median(a, less, j - 1, j, j + 1, swaps)
            k = _median(a, less, k - 1, k, k + 1, swaps)
        j = _median(a, less, i, j, k, swaps)
    if swaps[0] == 0:
        return j, 1
    if swaps[0] == 12:
        return j, 2
    return j, 0


def _order2(a: list[Any], less: _Less, x: int, y: int, swaps: list[int]) -> tuple[int, int]:
    if less(a[y], a[x]):
        swaps[0] += 1
        return y, x
    return x, y


def _median(a: list[Any], less: _Less, x: int, y: int, z: int, swaps: list[int]) -> int:
    x, y = _order2(a, less, x, y, swaps)
    y, z = _order2(a, less, y, z, swaps)
    x, y = _order2(a, less, x, y, swaps)
    return y


def _reverse(a: list[Any], lo: int, hi: int) -> None:
    i, j = lo, hi - 1
    while i < j:
        a[i], a[j] = a[j], a[i]
        i += 1
        j -= 1


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
        else:
            fn = comp if type(comp) is FunctionType else (lambda x, y: call(comp, x, y))

            def less(x: Any, y: Any) -> bool:
                # Go's LVAsBool of the first result (an ``async def`` one is refused)
                r = fn(x, y)
                return r if r is True or r is False else _ctruth(r)

        _go_sort(a, less)
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
