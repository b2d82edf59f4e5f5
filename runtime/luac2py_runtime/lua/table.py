"""The Lua ``table`` library as Wippy's VM has it (go-lua tablelib.go: concat insert remove sort
getn maxn unpack) and the global ``unpack``.

The functions work on LuaTable's array part, which holds every positive integer key below
go-lua's MaxArrayIndex (see ``values``): ``#t`` is ``len(arr)``, the highest index holding a
value, as go-lua's ``LTable.Len`` computes it, and the array part keeps its invariant (it never
ends in None). go-lua's array may end in nils that it never trims (``t[#t] = nil``); here
those are trimmed at once, so ``table.remove`` right after such an assignment removes the
element before them where go-lua removes one of the nils (docs/differences.md).

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
from .values import LuaTable, Userdata, is_function, lua_type


def check_table(t: Any, n: int, fname: str) -> LuaTable:
    if type(t) is LuaTable:
        return t
    raise type_error(t, n, fname, "table")


# ----------------------------------------------------------------------------------------
# concat
# ----------------------------------------------------------------------------------------


def tconcat(*args: Any) -> str:
    """go-lua tablelib.go tableConcat: ``i`` and ``j`` are clamped to ``1..#t``; with exactly
    three arguments an ``i`` outside that range gives the empty string."""
    nargs = len(args)
    t = args[0] if nargs else NOARG
    if type(t) is not LuaTable:
        t = check_table(t, 1, "concat")
    sep = opt_str(args[1] if nargs > 1 else None, 2, "concat", "")
    arr = t.arr
    n = len(arr)
    if nargs <= 2:
        try:
            return sep.join(arr)
        except TypeError:
            first, last = 1, n  # numbers to convert, or an invalid value to report
    else:
        first = opt_int(args[2], 3, "concat", 1)
        last = opt_int(args[3] if nargs > 3 else None, 4, "concat", n)
        if nargs == 3 and (first > n or first < 1):
            return ""
        first = max(min(first, n), 1)
        last = min(last, n)
        if first > last:
            return ""
    out = []
    for k in range(first, last + 1):
        v = arr[k - 1]
        tv = type(v)
        if tv is str:
            out.append(v)
        elif tv is int or tv is float:
            out.append(tostring_basic(v))
        elif isinstance(v, Userdata) and v.concatenable:
            out.append(v.lua_tostring())  # error objects: their message
        else:
            raise LuaError(f"invalid value ({lua_type(v)}) at index {k} in table for concat")
    return sep.join(out)


# ----------------------------------------------------------------------------------------
# insert / remove
# ----------------------------------------------------------------------------------------


def tinsert(*args: Any) -> tuple[()]:
    """go-lua tablelib.go tableInsert / table.go Append, Insert: two arguments append after
    ``#t``; with more, ``Insert(pos, v)`` (further arguments ignored): a position inside the
    array shifts it up, one beyond it just sets ``t[pos]``, one below 1 sets that key. No
    position is out of bounds."""
    nargs = len(args)
    t = args[0] if nargs else NOARG
    if type(t) is not LuaTable:
        t = check_table(t, 1, "insert")
    if nargs == 1:
        raise LuaError("wrong number of arguments")
    arr = t.arr
    if nargs == 2:
        v = args[1]
        if v is not None:
            arr.append(v)
        return ()
    pos = args[1]
    if type(pos) is not int:
        pos = check_int(pos, 2, "insert")
    v = args[2]
    if 1 <= pos <= len(arr):
        arr.insert(pos - 1, v)
    else:
        t.set_int(pos, v)
    return ()


def tremove(*args: Any) -> Any:
    """go-lua tablelib.go tableRemove / table.go Remove: always one value, nil when nothing
    was removed; without a position, or with one below 1, the last element goes; a position
    beyond ``#t`` removes nothing."""
    t = args[0] if args else NOARG
    if type(t) is not LuaTable:
        t = check_table(t, 1, "remove")
    arr = t.arr
    if len(args) == 1:
        pos = -1
    else:
        pos = args[1]
        if type(pos) is not int:
            pos = check_int(pos, 2, "remove")
    n = len(arr)
    if n == 0 or pos > n:
        return None
    if pos == n or pos < 1:
        v = arr.pop()
        while arr and arr[-1] is None:
            arr.pop()
        return v
    return arr.pop(pos - 1)


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


def tsort(*args: Any) -> tuple[()]:
    t = args[0] if args else NOARG
    if type(t) is not LuaTable:
        t = check_table(t, 1, "sort")
    comp = None
    if len(args) > 1:  # go-lua: any second argument must be a function, nil included
        comp = args[1]
        if not is_function(comp):
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


def tmaxn(t: Any = NOARG, *_: Any) -> int:
    """go-lua table.go MaxN: the highest index of the array part holding a value (the hash
    part is not looked at), which is ``#t`` here."""
    if type(t) is not LuaTable:
        t = check_table(t, 1, "maxn")
    return len(t.arr)


MAX_UNPACK = 1_000_000


def unpack(t: Any = NOARG, i: Any = None, j: Any = None, *_: Any) -> Any:
    """go-lua baselib.go baseUnpack: ``t[i] .. t[j]`` read from the array part only."""
    if type(t) is not LuaTable:
        t = check_table(t, 1, "unpack")
    arr = t.arr
    if i is None and j is None:
        n = len(arr)
        if n == 1:
            return arr[0]
        return tuple(arr)
    n = len(arr)
    first = opt_int(i, 2, "unpack", 1)
    last = opt_int(j, 3, "unpack", n)
    if first > last:
        return ()
    if last - first >= MAX_UNPACK:
        raise LuaError("too many results to unpack")
    if 1 <= first and last <= n:
        if first == last:
            return arr[first - 1]
        return tuple(arr[first - 1 : last])
    return tuple([arr[k - 1] if 0 < k <= n else None for k in range(first, last + 1)])


LIB: dict[str, Callable[..., Any]] = {
    "concat": tconcat,
    "insert": tinsert,
    "remove": tremove,
    "sort": tsort,
    "getn": tgetn,
    "maxn": tmaxn,
    "unpack": unpack,
}

# ``unpack`` is also a global (go-lua baselib.go baseFuncs); the base library installs it.
GLOBALS: dict[str, Callable[..., Any]] = {"unpack": unpack}
