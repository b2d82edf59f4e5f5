"""Lua values in Python.

    nil      -> None               boolean -> bool
    integer  -> int (int64 range)  float   -> float
    string   -> str holding one character per byte (latin-1), so that ``len``, slicing and
                patterns count bytes exactly as Lua does and binary data survives; text is
                transcoded (UTF-8) only where it crosses into Python (payloads, print, logs)
    table    -> LuaTable (array part + hash part + metatable slot)
    function -> a Python function (``def`` or ``async def`` for code that can suspend)
    userdata -> a Userdata subclass (channels, Time, errors, ...), reached only through its
                explicit method table, never through Python attributes
    several values (a call's results) -> a Python tuple; a Lua value is never a tuple.
"""

from __future__ import annotations

import math
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any, Callable, Iterator

from .errors import LuaError

MAXINT = 2**63 - 1
MININT = -(2**63)


class _BoolKey:
    """Hash-part stand-in for ``true``/``false`` keys: Python's ``True == 1`` would merge them."""

    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = value

    def __repr__(self) -> str:
        return "true" if self.value else "false"


TRUE_KEY = _BoolKey(True)
FALSE_KEY = _BoolKey(False)


# Keys 1..MAX_ARRAY-1 live in the array part (go-lua config.go MaxArrayIndex): a key beyond its
# end pads it with nils, so ``#t`` is the highest index holding a value (go-lua table.go Len).
MAX_ARRAY = 67108864


class LuaTable:
    """A Lua table, laid out as Wippy's VM lays it out (go-lua table.go).

    ``arr`` is the array part: the values of keys 1..len(arr), holes as None, never ending in
    None (a nil stored at the end trims it), so ``len(arr)`` is ``#t``, the highest positive
    integer key holding a value. Every positive integer key below MAX_ARRAY is in ``arr``
    (setting one beyond its end pads it with nils). ``hash`` holds every other key, in
    insertion order (``pairs`` visits ``arr`` then ``hash``, deterministically). Keys in
    ``hash`` are normalised: integral floats become ints, booleans become TRUE_KEY/FALSE_KEY.
    """

    __slots__ = ("arr", "hash", "meta", "__weakref__")

    def __init__(
        self, arr: list[Any] | None = None, hash: dict[Any, Any] | None = None
    ) -> None:
        self.arr: list[Any] = arr if arr is not None else []
        self.hash: dict[Any, Any] = hash if hash is not None else {}
        self.meta: LuaTable | None = None

    # -- raw access -----------------------------------------------------------------------
    def get(self, key: Any) -> Any:
        """rawget."""
        tk = type(key)
        if tk is str:
            return self.hash.get(key)
        if tk is int:
            arr = self.arr
            if 0 < key <= len(arr):
                return arr[key - 1]
            return self.hash.get(key)
        if tk is float:
            if key.is_integer():
                return self.get(int(key))
            return self.hash.get(key)
        if tk is bool:
            return self.hash.get(TRUE_KEY if key else FALSE_KEY)
        if key is None:
            return None
        return self.hash.get(key)

    def set(self, key: Any, value: Any) -> None:
        """rawset; raises LuaError for nil and NaN keys."""
        tk = type(key)
        if tk is str:
            if value is None:
                self.hash.pop(key, None)
            else:
                self.hash[key] = value
            return
        if tk is int:
            self.set_int(key, value)
            return
        if tk is float:
            if key.is_integer():
                self.set_int(int(key), value)
                return
            if key != key:
                raise LuaError("table index is NaN")
        elif tk is bool:
            key = TRUE_KEY if key else FALSE_KEY
        elif key is None:
            raise LuaError("table index is nil")
        if value is None:
            self.hash.pop(key, None)
        else:
            self.hash[key] = value

    def set_int(self, key: int, value: Any) -> None:
        arr = self.arr
        n = len(arr)
        if 0 < key <= n:
            if value is None and key == n:
                arr.pop()
                while arr and arr[-1] is None:
                    arr.pop()
            else:
                arr[key - 1] = value
            return
        if n < key < MAX_ARRAY:
            if value is not None:
                if key > n + 1:
                    arr.extend([None] * (key - n - 1))
                arr.append(value)
            return
        if value is None:
            self.hash.pop(key, None)
        else:
            self.hash[key] = value

    def append(self, value: Any) -> None:
        """t[#t+1] = value."""
        if value is not None:
            self.arr.append(value)

    def length(self) -> int:
        """The raw border ``#t``."""
        return len(self.arr)

    # -- iteration ------------------------------------------------------------------------
    def items(self) -> Iterator[tuple[Any, Any]]:
        """(key, value) pairs as ``pairs`` visits them; tolerant of assignments during the walk
        (existing keys may be set or cleared)."""
        arr = self.arr
        i = 0
        while i < len(arr):
            v = arr[i]
            i += 1
            if v is not None:
                yield i, v
        h = self.hash
        if h:
            for k in list(h):
                v = h.get(k)
                if v is not None:
                    yield (k.value if type(k) is _BoolKey else k), v

    def next(self, key: Any) -> tuple[Any, Any] | None:
        """Lua ``next``: the entry after ``key`` (None when done). A key of the array range
        continues the array walk even when a nil stored there since trimmed the array (go-lua
        table.go Next): ``t[k] = nil`` during a traversal is allowed."""
        arr = self.arr
        if key is None:
            i = 0
        else:
            tk = type(key)
            if tk is float and key.is_integer():
                key = int(key)
                tk = int
            if tk is int and 0 < key < MAX_ARRAY:
                i = key
            else:
                return self._next_hash(key)
        while i < len(arr):
            v = arr[i]
            i += 1
            if v is not None:
                return i, v
        return self._next_hash(None)

    def _next_hash(self, key: Any) -> tuple[Any, Any] | None:
        h = self.hash
        if not h:
            if key is None:
                return None
            raise LuaError("invalid key to 'next'")
        keys = list(h)  # next() by key is O(n); pairs() does not use it
        if key is None:
            pos = 0
        else:
            if type(key) is bool:
                key = TRUE_KEY if key else FALSE_KEY
            try:
                pos = keys.index(key) + 1
            except ValueError:
                raise LuaError("invalid key to 'next'") from None
        while pos < len(keys):
            k = keys[pos]
            v = h.get(k)
            if v is not None:
                return (k.value if type(k) is _BoolKey else k), v
            pos += 1
        return None

    def __repr__(self) -> str:
        return f"LuaTable(arr={self.arr!r}, hash={self.hash!r})"


def table_from_list(values: list[Any]) -> LuaTable:
    """A sequence table from a Python list (trailing nils dropped, holes kept)."""
    while values and values[-1] is None:
        values.pop()
    return LuaTable(values)


def table_from_pairs(arr: list[Any], pairs: list[tuple[Any, Any]]) -> LuaTable:
    """A table constructor with positional values ``arr`` and keyed entries, in source order
    (later entries overwrite earlier ones, as in Lua)."""
    t = LuaTable()
    for k, v in pairs:
        t.set(k, v)
    # positional values are stored last and win over an explicit `[1] = ...`, as in PUC Lua
    if not t.hash and not t.arr:
        while arr and arr[-1] is None:
            arr.pop()
        t.arr = arr
        return t
    for i, v in enumerate(arr, 1):
        t.set_int(i, v)
    return t


class Userdata:
    """Base of runtime objects visible to Lua. Lua reaches them only through ``lua_methods``
    (a dict name -> function(self, *args)) and ``lua_index``; Python attributes stay out of
    reach, so ``obj.__class__`` in Lua is just nil."""

    __slots__ = ()
    lua_type_name = "userdata"
    lua_methods: dict[str, Callable[..., Any]] = {}
    # converts to a string as numbers do (``..``, table.concat): go-lua's error objects
    concatenable = False

    def lua_index(self, key: Any) -> Any:
        """``obj.name``: a method as a value, which checks the object it is called with (a
        colon call, ``obj:name()``, takes the method from ``lua_methods`` unchecked: it
        always passes ``obj``)."""
        if type(key) is str:
            f = self.lua_methods.get(key)
            if f is not None:
                return checked_method(type(self), key, f)
        return None

    def lua_tostring(self) -> str:
        return f"{self.lua_type_name}: 0x{id(self) & 0xFFFFFFFF:08x}"


_CHECKED: dict[tuple[type, str], Callable[..., Any]] = {}
_NO_SELF: Any = object()


def checked_method(cls: type, name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    """``f`` (a method of ``cls``) refusing, with a Lua error, to run on anything but an
    object of ``cls``: ``ch.receive()`` written for ``ch:receive()`` is "bad argument #1 to
    'receive' (channel expected, got no value)", not a Python AttributeError. One wrapper
    per class and name, so ``obj.name == obj.name``."""
    w = _CHECKED.get((cls, name))
    if w is None or getattr(w, "__wrapped__", None) is not f:
        what = cls.lua_type_name if cls.lua_type_name != "userdata" else cls.__name__.lower()

        def w(self: Any = _NO_SELF, *args: Any) -> Any:
            if not isinstance(self, cls):
                got = "no value" if self is _NO_SELF else lua_type(self)
                raise LuaError(f"bad argument #1 to {name} ({what} expected, got {got})")
            return f(self, *args)

        w.__wrapped__ = f  # type: ignore[attr-defined]
        _CHECKED[(cls, name)] = w
    return w


FUNCTION_TYPES: tuple[type, ...] = (FunctionType, BuiltinFunctionType, MethodType)


def is_function(v: Any) -> bool:
    t = type(v)
    return t is FunctionType or t is BuiltinFunctionType or t is MethodType or (
        callable(v) and not isinstance(v, (LuaTable, Userdata, type))
    )


def lua_type(v: Any) -> str:
    """The Lua ``type()`` of a value."""
    t = type(v)
    if t is str:
        return "string"
    if t is int or t is float:
        return "number"
    if t is LuaTable:
        return "table"
    if v is None:
        return "nil"
    if t is bool:
        return "boolean"
    if t is FunctionType or t is BuiltinFunctionType or t is MethodType:
        return "function"
    if isinstance(v, Userdata):
        return v.lua_type_name
    if isinstance(v, LuaTable):
        return "table"
    if callable(v):
        return "function"
    return "userdata"


# -- strings ----------------------------------------------------------------------------


def to_lua_str(s: str) -> str:
    """Python text -> Lua string (UTF-8 bytes, one char per byte)."""
    if s.isascii():
        return s
    return s.encode("utf-8", "surrogateescape").decode("latin-1")


def from_lua_str(s: str) -> str:
    """Lua string -> Python text (invalid UTF-8 becomes U+FFFD, as Go's JSON does)."""
    if s.isascii():
        return s
    return s.encode("latin-1").decode("utf-8", "replace")


def bytes_to_lua(b: bytes) -> str:
    return b.decode("latin-1")


def lua_to_bytes(s: str) -> bytes:
    return s.encode("latin-1")


# -- numbers ----------------------------------------------------------------------------


def wrap_int(i: int) -> int:
    """Wrap an arbitrary Python int to int64, as Lua 5.3 integer arithmetic does."""
    i &= 0xFFFFFFFFFFFFFFFF
    if i > MAXINT:
        i -= 1 << 64
    return i


def fmt_float(f: float) -> str:
    """A float as Wippy's VM prints it (go-lua value.go ``LNumber.String``): an integral value
    that fits int64 as an integer (``5``, ``1000000000000000``, ``0`` for -0.0), any other as
    Go's ``strconv.FormatFloat(f, 'g', -1, 64)``: the shortest digits that read back as ``f``
    (Python's ``repr`` has the same digits), in exponent form when the decimal exponent is
    below -4 or at least 6, with two exponent digits at least; ``+Inf``, ``-Inf``, ``NaN``."""
    if f.is_integer():
        if -9.223372036854775808e18 <= f < 9.223372036854775808e18:
            return str(int(f))
    elif f != f:
        return "NaN"
    elif f == _INF:
        return "+Inf"
    elif f == _NINF:
        return "-Inf"
    r = repr(f)
    if "e" in r:
        return r  # 1e-05, 1e+16: Python and Go agree from 1e16 up and below 1e-4
    if -1e6 < f < 1e6:
        return r
    # 1e6 <= |f| < 1e16 and not integral: Python writes it out, Go uses the exponent form
    neg = r[0] == "-"
    digits = r.lstrip("-")
    point = digits.index(".")
    mant = (digits[:point] + digits[point + 1:]).rstrip("0")
    return (f"{'-' if neg else ''}{mant[0]}{'.' + mant[1:] if len(mant) > 1 else ''}"
            f"e+{point - 1:02d}")


_INF = math.inf
_NINF = -math.inf


def number_to_str(n: int | float) -> str:
    if type(n) is int:
        return str(n)
    return fmt_float(n)


def table_from_dict(arr: list[Any], h: dict[str, Any]) -> LuaTable:
    """A constructor with positional values and string keys whose values may be nil."""
    if arr and arr[-1] is None:
        while arr and arr[-1] is None:
            arr.pop()
    # a nil is falsy: `all` (truth tests only) rules out most constructors, then `in`
    # (identity first) finds every None
    if not all(h.values()) and None in h.values():
        for k in [k for k, v in h.items() if v is None]:
            del h[k]
    # table_of inlined: this runs once per constructor
    t = _new_table(LuaTable)
    t.arr = arr
    t.hash = h
    t.meta = None
    return t


_new_table = object.__new__


def table_of(arr: list[Any], h: dict[Any, Any]) -> LuaTable:
    """A table of an array part and a hash already in ``LuaTable``'s shape (no trailing nil,
    no nil values, normalised keys), without ``__init__``'s defaults."""
    t = _new_table(LuaTable)
    t.arr = arr
    t.hash = h
    t.meta = None
    return t
