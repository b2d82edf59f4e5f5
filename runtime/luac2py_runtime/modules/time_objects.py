"""Time and Duration objects of the ``time`` module, with Go's formatting and parsing.

    local t = time.now()                      -- Time(nanos=1705314600123000000, offset=0)
    t:format(time.RFC3339)                    -- "2024-01-15T10:30:00Z"
    tostring(t:sub(t:add("90m")))             -- Duration(-5400000000000) -> "-1h30m0s"

A Time is an instant (Unix nanoseconds, any int) plus the UTC offset it is shown in; the calendar
is computed with integer day arithmetic (proleptic Gregorian, as Go does), so year 0 and
nanosecond precision survive, which Python's ``datetime`` cannot hold. Layouts are Go's
reference-time layouts ("2006-01-02T15:04:05Z07:00"); the tokenizer follows Go's
``nextStdChunk`` so that the same layout means the same thing.

Timers, tickers and ``time.after`` deliver Times on channels of ``modules.channel`` (a clear
Lua error when that module is missing); each waits with ``ex.backend.sleep`` (a durable Temporal timer) in
a task registered in ``ex.tasks``, and stamps the Time from the workflow clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..lua.errors import LuaError
from ..lua.values import LuaTable, Userdata, lua_type

NS_PER_SEC = 1_000_000_000
NS_PER_DAY = 86_400 * NS_PER_SEC
_INT64_MAX = 2**63 - 1
_INT64_MIN = -(2**63)

# ----------------------------------------------------------------------------------------
# calendar (Howard Hinnant's days_from_civil / civil_from_days)
# ----------------------------------------------------------------------------------------


def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _tdiv(a: int, b: int) -> int:
    """Integer division truncating toward zero (Go's ``/``)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _clamp64(n: int) -> int:
    return _INT64_MAX if n > _INT64_MAX else _INT64_MIN if n < _INT64_MIN else n


# ----------------------------------------------------------------------------------------
# Duration
# ----------------------------------------------------------------------------------------


def _fmt_frac(v: int, prec: int) -> tuple[str, int]:
    """Go's fmtFrac: the fraction of v/10**prec without trailing zeros (no dot when zero)."""
    digits = []
    printed = False
    for _ in range(prec):
        digit = v % 10
        printed = printed or digit != 0
        if printed:
            digits.append(str(digit))
        v //= 10
    if printed:
        return "." + "".join(reversed(digits)), v
    return "", v


def go_duration_string(d: int) -> str:
    """Go's time.Duration.String, as a Lua string ("µ" is the UTF-8 bytes C2 B5)."""
    neg = d < 0
    u = -d if neg else d
    if u < NS_PER_SEC:
        if u == 0:
            return "0s"
        if u < 1_000:
            prec, unit = 0, "ns"
        elif u < 1_000_000:
            prec, unit = 3, "\xc2\xb5s"
        else:
            prec, unit = 6, "ms"
        frac, u = _fmt_frac(u, prec)
        out = f"{u}{frac}{unit}"
    else:
        frac, u = _fmt_frac(u, 9)
        out = f"{u % 60}{frac}s"
        u //= 60
        if u > 0:
            out = f"{u % 60}m" + out
            u //= 60
            if u > 0:
                out = f"{u}h" + out
    return "-" + out if neg else out


class Duration(Userdata):
    """A span of time in nanoseconds (Go's time.Duration)."""

    __slots__ = ("nanos",)

    def __init__(self, nanos: int) -> None:
        self.nanos = _clamp64(int(nanos))

    def lua_tostring(self) -> str:
        return go_duration_string(self.nanos)

    def __repr__(self) -> str:
        return f"Duration({self.nanos})"


def _d_nanoseconds(self: Duration, *_: Any) -> int:
    return self.nanos


def _d_microseconds(self: Duration, *_: Any) -> int:
    return _tdiv(self.nanos, 1_000)


def _d_milliseconds(self: Duration, *_: Any) -> int:
    return _tdiv(self.nanos, 1_000_000)


def _float_units(n: int, unit: int) -> float:
    whole = _tdiv(n, unit)
    return float(whole) + float(n - whole * unit) / unit


def _d_seconds(self: Duration, *_: Any) -> float:
    return _float_units(self.nanos, NS_PER_SEC)


def _d_minutes(self: Duration, *_: Any) -> float:
    return _float_units(self.nanos, 60 * NS_PER_SEC)


def _d_hours(self: Duration, *_: Any) -> float:
    return _float_units(self.nanos, 3600 * NS_PER_SEC)


def _d_string(self: Duration, *_: Any) -> str:
    return go_duration_string(self.nanos)


Duration.lua_methods = {
    "nanoseconds": _d_nanoseconds,
    "microseconds": _d_microseconds,
    "milliseconds": _d_milliseconds,
    "seconds": _d_seconds,
    "minutes": _d_minutes,
    "hours": _d_hours,
    "string": _d_string,
}


def _nanos_of(v: Any, what: str) -> int:
    if isinstance(v, Duration):
        return v.nanos
    if isinstance(v, Time):
        raise LuaError(f"attempt to compare {what} with a Time")
    raise LuaError(f"attempt to compare {what} with {lua_type(v)}")


Duration.meta = LuaTable(  # type: ignore[attr-defined]
    None,
    {
        "__tostring": lambda d, *_: go_duration_string(d.nanos),
        "__eq": lambda a, b, *_: isinstance(b, Duration) and a.nanos == b.nanos,
        "__lt": lambda a, b, *_: _nanos_of(a, "duration") < _nanos_of(b, "duration"),
        "__le": lambda a, b, *_: _nanos_of(a, "duration") <= _nanos_of(b, "duration"),
    },
)

# ----------------------------------------------------------------------------------------
# Time
# ----------------------------------------------------------------------------------------

LONG_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
SHORT_DAYS = tuple(d[:3] for d in LONG_DAYS)
LONG_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
SHORT_MONTHS = tuple(m[:3] for m in LONG_MONTHS)

RFC3339 = "2006-01-02T15:04:05Z07:00"
RFC3339NANO = "2006-01-02T15:04:05.999999999Z07:00"
_STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST"


class Time(Userdata):
    """An instant (Unix nanoseconds) shown at a fixed UTC offset (seconds east)."""

    __slots__ = ("nanos", "offset", "zone")

    def __init__(self, nanos: int, offset: int = 0, zone: str | None = None) -> None:
        self.nanos = int(nanos)
        self.offset = int(offset)
        # Go prints a zone name for MST; a fixed offset without a name prints as -0700
        self.zone = zone if zone is not None else ("UTC" if self.offset == 0 else "")

    @classmethod
    def from_datetime(cls, dt: datetime) -> Time:
        """A Time from a datetime (naive means UTC), keeping its UTC offset."""
        off = dt.utcoffset()
        offset = int(off.total_seconds()) if off is not None else 0
        days = days_from_civil(dt.year, dt.month, dt.day)
        local = (
            days * 86_400 + dt.hour * 3600 + dt.minute * 60 + dt.second
        ) * NS_PER_SEC + dt.microsecond * 1_000
        return cls(local - offset * NS_PER_SEC, offset)

    def fields(self) -> tuple[int, int, int, int, int, int, int, int, int]:
        """(year, month, day, hour, minute, second, nanosecond, weekday, yearday) as shown."""
        local = self.nanos + self.offset * NS_PER_SEC
        days, rem = divmod(local, NS_PER_DAY)
        secs, nsec = divmod(rem, NS_PER_SEC)
        y, m, d = civil_from_days(days)
        wday = (days + 4) % 7  # 1970-01-01 was a Thursday
        yday = days - days_from_civil(y, 1, 1) + 1
        return y, m, d, secs // 3600, secs // 60 % 60, secs % 60, nsec, wday, yday

    def format(self, layout: str) -> str:
        return format_layout(self, layout)

    def to_json(self) -> str:
        return format_layout(self, RFC3339NANO)

    def lua_tostring(self) -> str:
        return format_layout(self, _STRING_LAYOUT)

    def __repr__(self) -> str:
        return f"Time({self.nanos}, offset={self.offset})"


def _check_time(v: Any, fname: str, n: int = 1) -> Time:
    if not isinstance(v, Time):
        raise LuaError(f"bad argument #{n} to '{fname}' (Time expected, got {lua_type(v)})")
    return v


def _duration_nanos(d: Any, fname: str) -> int:
    from .time import to_nanos

    return to_nanos(d, fname)


def _t_add(self: Time, d: Any = None, *_: Any) -> Time:
    return Time(self.nanos + _duration_nanos(d, "add"), self.offset, self.zone)


def _t_sub(self: Time, other: Any = None, *_: Any) -> Any:
    """t:sub(u) is the Duration t - u; t:sub(d) with a duration is the Time t - d."""
    if isinstance(other, Time):
        return Duration(_clamp64(self.nanos - other.nanos))
    return Time(self.nanos - _duration_nanos(other, "sub"), self.offset, self.zone)


def _t_after(self: Time, other: Any = None, *_: Any) -> bool:
    return self.nanos > _check_time(other, "after").nanos


def _t_before(self: Time, other: Any = None, *_: Any) -> bool:
    return self.nanos < _check_time(other, "before").nanos


def _t_equal(self: Time, other: Any = None, *_: Any) -> bool:
    return self.nanos == _check_time(other, "equal").nanos


def _t_compare(self: Time, other: Any = None, *_: Any) -> int:
    o = _check_time(other, "compare").nanos
    return -1 if self.nanos < o else 1 if self.nanos > o else 0


def _t_format(self: Time, layout: Any = None, *_: Any) -> str:
    if type(layout) is not str:
        raise LuaError(f"bad argument #1 to 'format' (string expected, got {lua_type(layout)})")
    return format_layout(self, layout)


def _t_format_rfc3339(self: Time, *_: Any) -> str:
    return format_layout(self, RFC3339)


def _t_unix(self: Time, *_: Any) -> int:
    return self.nanos // NS_PER_SEC


def _t_unix_milli(self: Time, *_: Any) -> int:
    return self.nanos // 1_000_000


def _t_unix_micro(self: Time, *_: Any) -> int:
    return self.nanos // 1_000


def _t_unix_nano(self: Time, *_: Any) -> int:
    return _clamp64(self.nanos)


def _field(i: int) -> Any:
    def get(self: Time, *_: Any) -> int:
        return self.fields()[i]

    return get


def _t_date(self: Time, *_: Any) -> tuple[int, int, int]:
    f = self.fields()
    return f[0], f[1], f[2]


def _t_clock(self: Time, *_: Any) -> tuple[int, int, int]:
    f = self.fields()
    return f[3], f[4], f[5]


def _t_utc(self: Time, *_: Any) -> Time:
    return Time(self.nanos, 0, "UTC")


_ZERO_TIME_NANOS = days_from_civil(1, 1, 1) * NS_PER_DAY  # Go's zero Time: year 1, UTC


def _t_is_zero(self: Time, *_: Any) -> bool:
    return self.nanos == _ZERO_TIME_NANOS


def _int_arg(v: Any, n: int, fname: str) -> int:
    if type(v) is int:
        return v
    if type(v) is float and v.is_integer():
        return int(v)
    if v is None:
        return 0
    raise LuaError(f"bad argument #{n} to '{fname}' (number expected, got {lua_type(v)})")


def _t_add_date(self: Time, years: Any = None, months: Any = None, days: Any = None,
                *_: Any) -> Time:
    """Go's AddDate: calendar arithmetic in the Time's zone, normalising overflow
    (Jan 31 + 1 month = Mar 2 or 3, as in Go)."""
    y, m, d, hh, mi, ss, ns, _w, _yd = self.fields()
    y += _int_arg(years, 1, "add_date")
    m0 = m - 1 + _int_arg(months, 2, "add_date")
    y += m0 // 12
    m = m0 % 12 + 1
    day_number = days_from_civil(y, m, 1) + d - 1 + _int_arg(days, 3, "add_date")
    local = (day_number * 86_400 + hh * 3600 + mi * 60 + ss) * NS_PER_SEC + ns
    return Time(local - self.offset * NS_PER_SEC, self.offset, self.zone)


def _t_truncate(self: Time, d: Any = None, *_: Any) -> Time:
    """Go's Truncate: round down to a multiple of d since the zero time (d <= 0: unchanged)."""
    n = _duration_nanos(d, "truncate")
    if n <= 0:
        return Time(self.nanos, self.offset, self.zone)
    r = (self.nanos - _ZERO_TIME_NANOS) % n
    return Time(self.nanos - r, self.offset, self.zone)


def _t_round(self: Time, d: Any = None, *_: Any) -> Time:
    """Go's Round: to the nearest multiple of d since the zero time, halves up."""
    n = _duration_nanos(d, "round")
    if n <= 0:
        return Time(self.nanos, self.offset, self.zone)
    r = (self.nanos - _ZERO_TIME_NANOS) % n
    if r + r < n:
        return Time(self.nanos - r, self.offset, self.zone)
    return Time(self.nanos + (n - r), self.offset, self.zone)


Time.lua_methods = {
    "add": _t_add,
    "sub": _t_sub,
    "after": _t_after,
    "before": _t_before,
    "equal": _t_equal,
    "compare": _t_compare,
    "format": _t_format,
    "format_rfc3339": _t_format_rfc3339,
    "unix": _t_unix,
    "unix_milli": _t_unix_milli,
    "unix_micro": _t_unix_micro,
    "unix_nano": _t_unix_nano,
    "year": _field(0),
    "month": _field(1),
    "day": _field(2),
    "hour": _field(3),
    "minute": _field(4),
    "second": _field(5),
    "nanosecond": _field(6),
    "weekday": _field(7),
    "yearday": _field(8),
    "year_day": _field(8),  # the name in Wippy's documentation
    "date": _t_date,
    "clock": _t_clock,
    "utc": _t_utc,
    "is_zero": _t_is_zero,
    "add_date": _t_add_date,
    "truncate": _t_truncate,
    "round": _t_round,
}


def _time_nanos(v: Any) -> int:
    if isinstance(v, Time):
        return v.nanos
    raise LuaError(f"attempt to compare Time with {lua_type(v)}")


Time.meta = LuaTable(  # type: ignore[attr-defined]
    None,
    {
        "__tostring": lambda t, *_: t.lua_tostring(),
        "__eq": lambda a, b, *_: isinstance(b, Time) and a.nanos == b.nanos,
        "__lt": lambda a, b, *_: _time_nanos(a) < _time_nanos(b),
        "__le": lambda a, b, *_: _time_nanos(a) <= _time_nanos(b),
    },
)

# ----------------------------------------------------------------------------------------
# Go layouts
# ----------------------------------------------------------------------------------------

# Chunk kinds; fractional seconds carry (kind, separator, digit count).
(
    LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
    UNDER_YEARDAY, ZERO_YEARDAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND,
    ZERO_SECOND, LONG_YEAR, YEAR, PM, PM_LOWER, TZ, ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ,
    ISO_COLON_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ,
    NUM_COLON_SECONDS_TZ, FRAC0, FRAC9,
) = range(35)

_ISO_TZS = {ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_COLON_SECONDS_TZ}
_NUM_TZS = {NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ}

_TZ_FORMS = (  # (layout text, kind), longest first, as Go checks them
    ("-07:00:00", NUM_COLON_SECONDS_TZ), ("-070000", NUM_SECONDS_TZ), ("-07:00", NUM_COLON_TZ),
    ("-0700", NUM_TZ), ("-07", NUM_SHORT_TZ),
    ("Z07:00:00", ISO_COLON_SECONDS_TZ), ("Z070000", ISO_SECONDS_TZ), ("Z07:00", ISO_COLON_TZ),
    ("Z0700", ISO_TZ), ("Z07", ISO_SHORT_TZ),
)

Chunk = tuple[int, str, int]  # (kind, fraction separator, fraction digits)


def _starts_lower(s: str) -> bool:
    return bool(s) and "a" <= s[0] <= "z"


def next_std_chunk(layout: str) -> tuple[str, Chunk | None, str]:
    """Go's nextStdChunk: (literal prefix, first layout element or None, rest)."""
    n = len(layout)
    for i, c in enumerate(layout):
        rest = layout[i:]
        if c == "J":
            if rest.startswith("Jan"):
                if rest.startswith("January"):
                    return layout[:i], (LONG_MONTH, "", 0), layout[i + 7:]
                if not _starts_lower(layout[i + 3:]):
                    return layout[:i], (MONTH, "", 0), layout[i + 3:]
        elif c == "M":
            if rest.startswith("Mon"):
                if rest.startswith("Monday"):
                    return layout[:i], (LONG_WEEKDAY, "", 0), layout[i + 6:]
                if not _starts_lower(layout[i + 3:]):
                    return layout[:i], (WEEKDAY, "", 0), layout[i + 3:]
            if rest.startswith("MST"):
                return layout[:i], (TZ, "", 0), layout[i + 3:]
        elif c == "0":
            if i + 1 < n and "1" <= layout[i + 1] <= "6":
                kind = (ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR)[
                    int(layout[i + 1]) - 1
                ]
                return layout[:i], (kind, "", 0), layout[i + 2:]
            if rest.startswith("002"):
                return layout[:i], (ZERO_YEARDAY, "", 0), layout[i + 3:]
        elif c == "1":
            if rest.startswith("15"):
                return layout[:i], (HOUR, "", 0), layout[i + 2:]
            return layout[:i], (NUM_MONTH, "", 0), layout[i + 1:]
        elif c == "2":
            if rest.startswith("2006"):
                return layout[:i], (LONG_YEAR, "", 0), layout[i + 4:]
            return layout[:i], (DAY, "", 0), layout[i + 1:]
        elif c == "_":
            if rest.startswith("_2"):
                if rest.startswith("_2006"):  # a literal "_" then the year
                    return layout[: i + 1], (LONG_YEAR, "", 0), layout[i + 5:]
                return layout[:i], (UNDER_DAY, "", 0), layout[i + 2:]
            if rest.startswith("__2"):
                return layout[:i], (UNDER_YEARDAY, "", 0), layout[i + 3:]
        elif c in "345":
            kind = {"3": HOUR12, "4": MINUTE, "5": SECOND}[c]
            return layout[:i], (kind, "", 0), layout[i + 1:]
        elif c == "P":
            if rest.startswith("PM"):
                return layout[:i], (PM, "", 0), layout[i + 2:]
        elif c == "p":
            if rest.startswith("pm"):
                return layout[:i], (PM_LOWER, "", 0), layout[i + 2:]
        elif c == "-" or c == "Z":
            for text, kind in _TZ_FORMS:
                if rest.startswith(text):
                    return layout[:i], (kind, "", 0), layout[i + len(text):]
        elif c == "." or c == ",":
            if i + 1 < n and layout[i + 1] in "09":
                ch = layout[i + 1]
                j = i + 1
                while j < n and layout[j] == ch:
                    j += 1
                # only a fraction when the run of digits ends here
                if not _isdig(layout, j):
                    kind = FRAC0 if ch == "0" else FRAC9
                    return layout[:i], (kind, c, j - (i + 1)), layout[j:]
    return layout, None, ""


def _pad(v: int, width: int) -> str:
    if v < 0:
        return "-" + str(-v).rjust(width, "0")
    return str(v).rjust(width, "0")


def _fmt_offset(offset: int, kind: int) -> str:
    zone = _tdiv(offset, 60)  # minutes, truncated as in Go
    absoffset = offset
    sign = "+"
    if zone < 0:
        sign = "-"
        zone = -zone
        absoffset = -absoffset
    out = sign + _pad(zone // 60, 2)
    if kind in (ISO_COLON_TZ, NUM_COLON_TZ, ISO_COLON_SECONDS_TZ, NUM_COLON_SECONDS_TZ):
        out += ":"
    if kind not in (NUM_SHORT_TZ, ISO_SHORT_TZ):
        out += _pad(zone % 60, 2)
    if kind in (ISO_SECONDS_TZ, NUM_SECONDS_TZ, ISO_COLON_SECONDS_TZ, NUM_COLON_SECONDS_TZ):
        if kind in (NUM_COLON_SECONDS_TZ, ISO_COLON_SECONDS_TZ):
            out += ":"
        out += _pad(absoffset % 60, 2)
    return out


def format_layout(t: Time, layout: str) -> str:
    """Go's Time.Format."""
    year, month, day, hour, minute, sec, nsec, wday, yday = t.fields()
    out: list[str] = []
    while layout:
        prefix, std, layout = next_std_chunk(layout)
        out.append(prefix)
        if std is None:
            break
        kind, sep, ndig = std
        if kind == YEAR:
            out.append(_pad(abs(year) % 100, 2))
        elif kind == LONG_YEAR:
            out.append(_pad(year, 4))
        elif kind == MONTH:
            out.append(SHORT_MONTHS[month - 1])
        elif kind == LONG_MONTH:
            out.append(LONG_MONTHS[month - 1])
        elif kind == NUM_MONTH:
            out.append(str(month))
        elif kind == ZERO_MONTH:
            out.append(_pad(month, 2))
        elif kind == WEEKDAY:
            out.append(SHORT_DAYS[wday])
        elif kind == LONG_WEEKDAY:
            out.append(LONG_DAYS[wday])
        elif kind == DAY:
            out.append(str(day))
        elif kind == UNDER_DAY:
            out.append(str(day).rjust(2, " "))
        elif kind == ZERO_DAY:
            out.append(_pad(day, 2))
        elif kind == UNDER_YEARDAY:
            out.append(str(yday).rjust(3, " "))
        elif kind == ZERO_YEARDAY:
            out.append(_pad(yday, 3))
        elif kind == HOUR:
            out.append(_pad(hour, 2))
        elif kind in (HOUR12, ZERO_HOUR12):
            hr = hour % 12 or 12
            out.append(str(hr) if kind == HOUR12 else _pad(hr, 2))
        elif kind == MINUTE:
            out.append(str(minute))
        elif kind == ZERO_MINUTE:
            out.append(_pad(minute, 2))
        elif kind == SECOND:
            out.append(str(sec))
        elif kind == ZERO_SECOND:
            out.append(_pad(sec, 2))
        elif kind == PM:
            out.append("PM" if hour >= 12 else "AM")
        elif kind == PM_LOWER:
            out.append("pm" if hour >= 12 else "am")
        elif kind in _ISO_TZS or kind in _NUM_TZS:
            if kind in _ISO_TZS and t.offset == 0:
                out.append("Z")
            else:
                out.append(_fmt_offset(t.offset, kind))
        elif kind == TZ:
            if t.zone:
                out.append(t.zone)
            else:
                out.append(_fmt_offset(t.offset, NUM_TZ))
        elif kind in (FRAC0, FRAC9):
            out.append(_fmt_nano(nsec, kind == FRAC9, sep, ndig))
    return "".join(out)


def _fmt_nano(nsec: int, trim: bool, sep: str, ndig: int) -> str:
    if trim and (ndig == 0 or nsec == 0):
        return ""
    s = str(nsec).rjust(9, "0")[:ndig]
    if trim:
        s = s.rstrip("0")
        if not s:
            return ""
    return sep + s


# ----------------------------------------------------------------------------------------
# parsing
# ----------------------------------------------------------------------------------------


class _Bad(Exception):
    pass


def _quote(s: str) -> str:
    """Go's time.quote: bytes outside printable ASCII as \\xNN (s is a Lua byte string)."""
    out = ['"']
    for c in s:
        o = ord(c)
        if o < 0x20 or o >= 0x80:
            out.append("\\x%02x" % (o & 0xFF))
        else:
            if c == '"' or c == "\\":
                out.append("\\")
            out.append(c)
    out.append('"')
    return "".join(out)


def _isdig(s: str, i: int) -> bool:
    """Go's isDigit: an ASCII digit at s[i] (str.isdigit would accept '\\xb2' and friends)."""
    return i < len(s) and "0" <= s[i] <= "9"


def _alldig(s: str) -> bool:
    return bool(s) and all("0" <= c <= "9" for c in s)


def _getnum(s: str, fixed: bool) -> tuple[int, str]:
    if not _isdig(s, 0):
        raise _Bad
    if not _isdig(s, 1):
        if fixed:
            raise _Bad
        return int(s[0]), s[1:]
    return int(s[:2]), s[2:]


def _getnum3(s: str, fixed: bool) -> tuple[int, str]:
    n = 0
    i = 0
    while i < 3 and _isdig(s, i):
        n = n * 10 + int(s[i])
        i += 1
    if i == 0 or (fixed and i != 3):
        raise _Bad
    return n, s[i:]


def _lookup(names: tuple[str, ...], s: str) -> tuple[int, str]:
    for i, name in enumerate(names):
        if s[: len(name)].lower() == name.lower():
            return i, s[len(name):]
    raise _Bad


class _SkipError(Exception):
    def __init__(self, value: str) -> None:
        self.value = value  # what was left of the value where the literal text stopped matching


def _skip(value: str, prefix: str) -> str:
    """Go's skip: consume the layout's literal text; raises _SkipError with the rest."""
    while prefix:
        if prefix[0] == " ":
            if value and value[0] != " ":
                raise _SkipError(value)
            prefix = prefix.lstrip(" ")
            value = value.lstrip(" ")
            continue
        if not value or value[0] != prefix[0]:
            raise _SkipError(value)
        prefix = prefix[1:]
        value = value[1:]
    return value


def _parse_nanos(value: str, nbytes: int) -> int:
    """Nanoseconds of ".ddd" (value[0] is the separator, digits up to nbytes)."""
    if value[:1] not in (".", ","):
        raise _Bad
    if nbytes > 10:
        nbytes = 10
    digits = value[1:nbytes]
    if not _alldig(digits):
        raise _Bad
    return int(digits) * 10 ** (10 - nbytes)


def _leading_int_len(s: str) -> tuple[int, int]:
    """Go's leadingInt: (value, number of digits consumed)."""
    i = 0
    while _isdig(s, i):
        i += 1
    return (int(s[:i]) if i else 0), i


def _parse_signed_offset(value: str) -> int:
    """Go's parseSignedOffset: length of "+hh"/"-h" (hours 0..23), 0 when none."""
    if value[:1] not in ("+", "-"):
        return 0
    x, n = _leading_int_len(value[1:])
    if n == 0 or x > 23:
        return 0
    return 1 + n


def _parse_time_zone(value: str) -> int:
    """Go's parseTimeZone: length of a zone abbreviation at the start of value (0: none)."""
    if len(value) < 3:
        return 0
    if value[:4] in ("ChST", "MeST"):
        return 4
    if value[:3] == "GMT":
        return 3 + (_parse_signed_offset(value[3:]) if len(value) > 3 else 0)
    if value[0] in ("+", "-"):
        return _parse_signed_offset(value)
    n = 0
    while n < 6 and n < len(value) and "A" <= value[n] <= "Z":
        n += 1
    if n == 3:
        return 3
    if n == 4 and (value[3] == "T" or value[:4] == "WITA"):
        return 4
    if n == 5 and value[4] == "T":
        return 5
    return 0


class _ParseError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def parse_go_time(layout: str, value: str) -> Time:
    """Go's time.Parse (default location UTC); raises _ParseError with Go's message."""
    alayout, avalue = layout, value

    def err(layout_elem: str, value_elem: str, msg: str = "") -> _ParseError:
        if msg:
            return _ParseError(f"parsing time {_quote(avalue)}{msg}")
        return _ParseError(
            f"parsing time {_quote(avalue)} as {_quote(alayout)}: cannot parse "
            f"{_quote(value_elem)} as {_quote(layout_elem)}"
        )

    year = 0
    month = -1
    day = -1
    yday = -1
    hour = minute = sec = nsec = 0
    am = pm = False
    utc = False
    zone_offset: int | None = None
    zone_name = ""
    while True:
        prefix, std, suffix = next_std_chunk(layout)
        stdstr = layout[len(prefix): len(layout) - len(suffix)]
        try:
            value = _skip(value, prefix)
        except _SkipError as e:
            raise err(prefix, e.value) from None
        if std is None:
            if value:
                raise err("", "", ": extra text: " + _quote(value))
            break
        layout = suffix
        kind, _sep, ndig = std
        hold = value
        range_err = ""
        try:
            if kind == YEAR:
                if len(value) < 2 or not _alldig(value[:2]):
                    raise _Bad
                year = int(value[:2])
                value = value[2:]
                year += 1900 if year >= 69 else 2000
            elif kind == LONG_YEAR:
                if len(value) < 4 or not _alldig(value[:4]):
                    raise _Bad
                year = int(value[:4])
                value = value[4:]
            elif kind == MONTH:
                month, value = _lookup(SHORT_MONTHS, value)
                month += 1
            elif kind == LONG_MONTH:
                month, value = _lookup(LONG_MONTHS, value)
                month += 1
            elif kind in (NUM_MONTH, ZERO_MONTH):
                month, value = _getnum(value, kind == ZERO_MONTH)
                if not 1 <= month <= 12:
                    range_err = "month"
            elif kind == WEEKDAY:
                _, value = _lookup(SHORT_DAYS, value)
            elif kind == LONG_WEEKDAY:
                _, value = _lookup(LONG_DAYS, value)
            elif kind in (DAY, UNDER_DAY, ZERO_DAY):
                if kind == UNDER_DAY and value[:1] == " ":
                    value = value[1:]
                day, value = _getnum(value, kind == ZERO_DAY)
            elif kind in (UNDER_YEARDAY, ZERO_YEARDAY):
                for _ in range(2):
                    if kind == UNDER_YEARDAY and value[:1] == " ":
                        value = value[1:]
                yday, value = _getnum3(value, kind == ZERO_YEARDAY)
            elif kind == HOUR:
                hour, value = _getnum(value, False)
                if not 0 <= hour < 24:
                    range_err = "hour"
            elif kind in (HOUR12, ZERO_HOUR12):
                hour, value = _getnum(value, kind == ZERO_HOUR12)
                if not 0 <= hour <= 12:
                    range_err = "hour"
            elif kind in (MINUTE, ZERO_MINUTE):
                minute, value = _getnum(value, kind == ZERO_MINUTE)
                if not 0 <= minute < 60:
                    range_err = "minute"
            elif kind in (SECOND, ZERO_SECOND):
                sec, value = _getnum(value, kind == ZERO_SECOND)
                if not 0 <= sec < 60:
                    range_err = "second"
                elif len(value) >= 2 and value[0] in ".," and _isdig(value, 1):
                    # a fraction in the value that the layout does not spell out
                    _, nxt, _ = next_std_chunk(layout)
                    if nxt is None or nxt[0] not in (FRAC0, FRAC9):
                        k = 2
                        while _isdig(value, k):
                            k += 1
                        nsec = _parse_nanos(value, k)
                        value = value[k:]
            elif kind == PM:
                p, value = value[:2], value[2:]
                if p == "PM":
                    pm = True
                elif p == "AM":
                    am = True
                else:
                    raise _Bad
            elif kind == PM_LOWER:
                p, value = value[:2], value[2:]
                if p == "pm":
                    pm = True
                elif p == "am":
                    am = True
                else:
                    raise _Bad
            elif kind in _ISO_TZS or kind in _NUM_TZS:
                if kind in _ISO_TZS and value[:1] == "Z":
                    value = value[1:]
                    utc = True
                else:
                    if kind in (ISO_COLON_TZ, NUM_COLON_TZ):
                        if len(value) < 6 or value[3] != ":":
                            raise _Bad
                        sign, hh, mm, ss, value = value[0], value[1:3], value[4:6], "00", value[6:]
                    elif kind in (NUM_SHORT_TZ, ISO_SHORT_TZ):
                        if len(value) < 3:
                            raise _Bad
                        sign, hh, mm, ss, value = value[0], value[1:3], "00", "00", value[3:]
                    elif kind in (ISO_COLON_SECONDS_TZ, NUM_COLON_SECONDS_TZ):
                        if len(value) < 9 or value[3] != ":" or value[6] != ":":
                            raise _Bad
                        sign, hh, mm, ss = value[0], value[1:3], value[4:6], value[7:9]
                        value = value[9:]
                    elif kind in (ISO_SECONDS_TZ, NUM_SECONDS_TZ):
                        if len(value) < 7:
                            raise _Bad
                        sign, hh, mm, ss = value[0], value[1:3], value[3:5], value[5:7]
                        value = value[7:]
                    else:
                        if len(value) < 5:
                            raise _Bad
                        sign, hh, mm, ss, value = value[0], value[1:3], value[3:5], "00", value[5:]
                    hr, _ = _getnum(hh, True)
                    mi, _ = _getnum(mm, True)
                    se, _ = _getnum(ss, True)
                    if hr > 24:
                        range_err = "time zone offset hour"
                    if mi > 60:
                        range_err = "time zone offset minute"
                    if se > 60:
                        range_err = "time zone offset second"
                    zone_offset = (hr * 60 + mi) * 60 + se
                    if sign == "-":
                        zone_offset = -zone_offset
                    elif sign != "+":
                        raise _Bad
            elif kind == TZ:
                if value.startswith("UTC"):
                    utc = True
                    value = value[3:]
                else:
                    n = _parse_time_zone(value)
                    if n == 0:
                        raise _Bad
                    zone_name, value = value[:n], value[n:]
            elif kind == FRAC0:
                nd = 1 + ndig
                if len(value) < nd:
                    raise _Bad
                nsec = _parse_nanos(value, nd)
                value = value[nd:]
            elif kind == FRAC9:
                if len(value) >= 2 and value[0] in ".," and _isdig(value, 1):
                    k = 1
                    while _isdig(value, k + 1):
                        k += 1
                    nsec = _parse_nanos(value, 1 + k)
                    value = value[1 + k:]
        except _Bad:
            raise err(stdstr, hold) from None
        if range_err:
            raise err(stdstr, value, ": " + range_err + " out of range")

    if pm and hour < 12:
        hour += 12
    elif am and hour == 12:
        hour = 0

    if yday >= 0:
        if _is_leap(year):
            if yday > 366:
                raise err("", "", ": day-of-year out of range")
        elif yday > 365:
            raise err("", "", ": day-of-year out of range")
        if yday == 0:
            raise err("", "", ": day-of-year out of range")
        m = 1
        d = yday
        while d > _days_in(m, year):
            d -= _days_in(m, year)
            m += 1
        if month >= 0 and month != m:
            raise err("", "", ": day-of-year does not match month")
        if day >= 0 and day != d:
            raise err("", "", ": day-of-year does not match day")
        month, day = m, d
    else:
        if month < 0:
            month = 1
        if day < 0:
            day = 1

    if day < 1 or day > _days_in(month, year):
        raise err("", "", ": day out of range")

    local = (
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + sec
    ) * NS_PER_SEC + nsec
    if utc:
        return Time(local, 0, "UTC")
    if zone_offset is not None:
        return Time(local - zone_offset * NS_PER_SEC, zone_offset, zone_name or None)
    if zone_name:
        # As Go does with the UTC default location: the clock is read as UTC and the result
        # is only *shown* in a made-up zone with that name (offset 0, or the hours of GMT+h).
        offset = 0
        if zone_name.startswith("GMT") and len(zone_name) > 3:
            offset = int(zone_name[3:]) * 3600
        return Time(local, offset, zone_name)
    return Time(local, 0, "UTC")


def parse_layout(layout: Any = None, value: Any = None, *_: Any) -> Any:
    """time.parse(layout, value) -> Time, or nil and an Invalid error."""
    from .errors import WippyError

    if type(layout) is not str:
        raise LuaError(f"bad argument #1 to 'parse' (string expected, got {lua_type(layout)})")
    if type(value) is not str:
        raise LuaError(f"bad argument #2 to 'parse' (string expected, got {lua_type(value)})")
    try:
        return parse_go_time(layout, value)
    except _ParseError as e:
        return None, WippyError(e.message, "Invalid", False)


# ----------------------------------------------------------------------------------------
# timers (need channels)
# ----------------------------------------------------------------------------------------


def _channel_class() -> Any:
    from .channel import Channel

    return Channel


def _positive(nanos: int, fname: str) -> int:
    if nanos <= 0:
        raise LuaError(f"bad argument #1 to '{fname}' (duration must be positive)")
    return nanos


def _start_task(ex: Any, coro: Any) -> Any:
    """Run a timer coroutine on the workflow event loop. It is registered with the execution
    (``ex.tasks``, which ``run_main`` cancels when the entry point returns) so that a timer
    nobody waits for neither keeps the run alive nor gets garbage-collected."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        coro.close()
        raise LuaError("timers can only be created while the workflow is running") from None
    task = loop.create_task(coro)
    tasks = ex.tasks
    if len(tasks) >= 64:  # forget finished ones (a loop of time.after calls)
        tasks[:] = [t for t in tasks if not t.done()]
    tasks.append(task)
    return task


def _now(ex: Any) -> Time:
    return Time.from_datetime(ex.backend.now())


async def _fire_after(ex: Any, nanos: int, ch: Any) -> None:
    await ex.backend.sleep(nanos / 1e9)
    ch.offer(_now(ex))


def _drain(ch: Any) -> None:
    """Drop a fired but unreceived value (Go 1.23: no stale value after Stop/Reset)."""
    buf = getattr(ch, "buf", None)
    if buf is not None:
        buf.clear()


class Timer(Userdata):
    """time.timer(d): ``channel()`` receives one Time when a durable timer fires;
    ``stop()`` and ``reset(d)`` return whether the timer was still pending (as in Go)."""

    __slots__ = ("ex", "ch", "task")
    lua_type_name = "userdata"

    def __init__(self, ex: Any, nanos: int) -> None:
        chan = _channel_class()
        _positive(nanos, "timer")
        self.ex = ex
        self.ch = chan(1, external=True)
        self.task: Any = None
        self._arm(nanos)

    def _arm(self, nanos: int) -> None:
        self.task = _start_task(self.ex, _fire_after(self.ex, nanos, self.ch))

    def pending(self) -> bool:
        return self.task is not None and not self.task.done()

    def stop(self) -> bool:
        was = self.pending()
        if was:
            self.task.cancel()  # done only once the loop runs: forget it now
            self.task = None
        _drain(self.ch)
        return was

    def lua_tostring(self) -> str:
        return f"timer: 0x{id(self) & 0xFFFFFFFF:08x}"


def _timer_channel(self: Any, *_: Any) -> Any:
    return _check(self, Timer, "channel").ch


def _timer_stop(self: Any, *_: Any) -> bool:
    return _check(self, Timer, "stop").stop()


def _timer_reset(self: Any, d: Any = None, *_: Any) -> bool:
    t = _check(self, Timer, "reset")
    nanos = _positive(_duration_nanos(d, "reset"), "reset")
    was = t.stop()
    t._arm(nanos)
    return was


def _check(v: Any, cls: type, fname: str) -> Any:
    if not isinstance(v, cls):
        raise LuaError(f"bad argument #1 to '{fname}' ({cls.__name__.lower()} expected, "
                       f"got {lua_type(v)})")
    return v


Timer.lua_methods = {"channel": _timer_channel, "stop": _timer_stop, "reset": _timer_reset}


async def _tick(ex: Any, nanos: int, ch: Any) -> None:
    while True:
        await ex.backend.sleep(nanos / 1e9)
        ch.offer(_now(ex))  # dropped when the reader is behind, as Go's ticker does


class Ticker(Userdata):
    """time.ticker(d): ``channel()`` receives a Time every d (ticks a slow reader misses are
    dropped); ``stop()``; ``reset(d)``."""

    __slots__ = ("ex", "ch", "task")
    lua_type_name = "userdata"

    def __init__(self, ex: Any, nanos: int) -> None:
        chan = _channel_class()
        _positive(nanos, "ticker")
        self.ex = ex
        self.ch = chan(1, external=True)
        self.task = _start_task(ex, _tick(ex, nanos, self.ch))

    def stop(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = None

    def lua_tostring(self) -> str:
        return f"ticker: 0x{id(self) & 0xFFFFFFFF:08x}"


def _ticker_channel(self: Any, *_: Any) -> Any:
    return _check(self, Ticker, "channel").ch


def _ticker_stop(self: Any, *_: Any) -> tuple[()]:
    _check(self, Ticker, "stop").stop()
    return ()


def _ticker_reset(self: Any, d: Any = None, *_: Any) -> tuple[()]:
    t = _check(self, Ticker, "reset")
    nanos = _positive(_duration_nanos(d, "reset"), "reset")
    t.stop()
    t.task = _start_task(t.ex, _tick(t.ex, nanos, t.ch))
    return ()


Ticker.lua_methods = {"channel": _ticker_channel, "stop": _ticker_stop, "reset": _ticker_reset}


def after(ex: Any, nanos: int) -> Any:
    """time.after(d): a channel that receives one Time when a durable timer fires."""
    chan = _channel_class()
    _positive(nanos, "after")
    ch = chan(1, external=True)
    _start_task(ex, _fire_after(ex, nanos, ch))
    return ch
