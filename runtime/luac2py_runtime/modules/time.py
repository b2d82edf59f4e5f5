"""The ``time`` module: durable timers, the workflow clock, Time and Duration objects.

Durations are Go duration strings ("300ms", "1h30m") or numbers of nanoseconds.
"""

from __future__ import annotations

import re
from typing import Any

from ..lua import ops
from ..lua.errors import LuaError
from ..lua.values import LuaTable, lua_type

_UNITS = {
    "ns": 1,
    "us": 1_000,
    "\xc2\xb5s": 1_000,  # µs as a Lua (UTF-8 byte) string
    "\u00b5s": 1_000,
    "\u03bcs": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}
_PART = re.compile(r"(\d+\.?\d*|\.\d+)(ns|us|\xc2\xb5s|\u00b5s|\u03bcs|ms|s|m|h)")


def parse_go_duration(s: str) -> int | None:
    """Go's time.ParseDuration, in nanoseconds (None when malformed)."""
    orig = s
    neg = False
    if s[:1] in "+-" and s:
        neg = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if not s:
        return None
    total = 0.0
    pos = 0
    while pos < len(s):
        m = _PART.match(s, pos)
        if m is None:
            return None
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    del orig
    n = int(round(total))
    return -n if neg else n


def to_nanos(d: Any, fname: str = "sleep") -> int:
    t = type(d)
    if t is int:
        return d  # type: ignore[no-any-return]
    if t is float:
        return int(d)
    if t is str:
        n = parse_go_duration(d)
        if n is None:
            raise LuaError(f"invalid duration: {d}")
        return n
    from .time_objects import Duration

    if isinstance(d, Duration):
        return int(d.nanos)
    raise LuaError(f"bad argument #1 to '{fname}' (duration expected, got {lua_type(d)})")


async def sleep(ex: Any, d: Any = None, *_: Any) -> tuple[()]:
    ns = to_nanos(d, "sleep")
    if ns > 0:
        await ex.backend.sleep(ns / 1e9)
    return ()


def now(ex: Any, *_: Any) -> Any:
    from .time_objects import Time

    return Time.from_datetime(ex.backend.now())


def after(ex: Any, d: Any = None, *_: Any) -> Any:
    from .time_objects import after as _after

    return _after(ex, to_nanos(d, "after"))


def timer(ex: Any, d: Any = None, *_: Any) -> Any:
    from .time_objects import Timer

    return Timer(ex, to_nanos(d, "timer"))


def ticker(ex: Any, d: Any = None, *_: Any) -> Any:
    from .time_objects import Ticker

    return Ticker(ex, to_nanos(d, "ticker"))


def parse_duration(s: Any = None, *_: Any) -> Any:
    from .time_objects import Duration
    from .errors import WippyError

    if type(s) is not str:
        return None, WippyError(f"invalid duration: {ops.tostring(s)}", "Invalid", False)
    n = parse_go_duration(s)
    if n is None:
        return None, WippyError(f'time: invalid duration "{s}"', "Invalid", False)
    return Duration(n)


def unix(sec: Any = None, nsec: Any = 0, *_: Any) -> Any:
    from .time_objects import Time

    from ..lua.string import check_int

    s = 0 if sec is None else check_int(sec, 1, "unix")
    ns = 0 if nsec is None else check_int(nsec, 2, "unix")
    return Time(s * 1_000_000_000 + ns)


def parse(layout: Any = None, value: Any = None, *_: Any) -> Any:
    from .time_objects import parse_layout

    return parse_layout(layout, value)


CONSTANTS = {
    "NANOSECOND": 1,
    "MICROSECOND": 1000,
    "MILLISECOND": 1000000,
    "SECOND": 1000000000,
    "MINUTE": 60000000000,
    "HOUR": 3600000000000,
    "RFC3339": "2006-01-02T15:04:05Z07:00",
    "RFC3339NANO": "2006-01-02T15:04:05.999999999Z07:00",
    "DATE_TIME": "2006-01-02 15:04:05",
    "DATE_ONLY": "2006-01-02",
    "TIME_ONLY": "15:04:05",
}


def build(ex: Any) -> LuaTable:
    import functools

    h: dict[str, Any] = dict(CONSTANTS)
    for n, f in (("sleep", sleep), ("now", now), ("after", after), ("timer", timer),
                 ("ticker", ticker)):
        h[n] = functools.partial(f, ex)
    h["parse_duration"] = parse_duration
    h["unix"] = unix
    h["parse"] = parse
    return LuaTable(None, h)
