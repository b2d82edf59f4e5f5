"""Time and Duration objects of the ``time`` module
(runtime/luac2py_runtime/modules/time_objects.py).

Go is the reference: Duration.String outputs are the ones Go documents, layouts and parse errors
follow Go's time package. Functions are called directly, with a tiny fake execution whose clock
and random source are fixed.
"""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from luac2py_runtime.lua import ops
from luac2py_runtime.modules import time as wtime
from luac2py_runtime.modules.payload import lua_to_py
from luac2py_runtime.lua.errors import LuaError
from luac2py_runtime.modules.errors import WippyError
from luac2py_runtime.modules.time_objects import Duration, Time, go_duration_string

UTC = timezone.utc
NOW = datetime(2024, 1, 15, 10, 30, 0, 123456, tzinfo=UTC)
HOUR = 3_600_000_000_000
MINUTE = 60_000_000_000
SECOND = 1_000_000_000
MS = 1_000_000
US = 1_000

RFC3339 = wtime.CONSTANTS["RFC3339"]
RFC3339NANO = wtime.CONSTANTS["RFC3339NANO"]
DATE_TIME = wtime.CONSTANTS["DATE_TIME"]
DATE_ONLY = wtime.CONSTANTS["DATE_ONLY"]
TIME_ONLY = wtime.CONSTANTS["TIME_ONLY"]


class FakeBackend:
    def __init__(self, now: datetime) -> None:
        self.clock = now
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.clock

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        await asyncio.sleep(0)
        self.clock += timedelta(seconds=seconds)


class FakeEx:
    def __init__(self, seed: int = 1, now: datetime = NOW) -> None:
        self._rng = random.Random(seed)
        self.backend = FakeBackend(now)
        self.tasks: list[Any] = []

    def rng(self) -> random.Random:
        return self._rng


def m(obj: Any, name: str, *args: Any) -> Any:
    """obj:name(...) as generated code does it."""
    return ops.index(obj, name)(obj, *args)


def utf8(s: str) -> str:
    """Python text -> the Lua byte string holding its UTF-8."""
    return s.encode("utf-8").decode("latin-1")


# -- Duration ---------------------------------------------------------------------------------

GO_DURATION_STRINGS = [
    (HOUR + 30 * MINUTE, "1h30m0s"),
    (1500 * MS, "1.5s"),
    (300 * MS, "300ms"),
    (0, "0s"),
    (2 * MINUTE + 3500 * MS, "2m3.5s"),
    (-HOUR, "-1h0m0s"),
    (US, utf8("1µs")),
    (100, "100ns"),
    # more outputs from Go's documentation and tests
    (HOUR + 2 * MINUTE + 300 * MS, "1h2m0.3s"),
    (1100 * US, "1.1ms"),
    (2 * HOUR, "2h0m0s"),
    (1, "1ns"),
    (-1, "-1ns"),
    (1100, utf8("1.1µs")),
    (2200 * US, "2.2ms"),
    (3300 * MS, "3.3s"),
    (4 * MINUTE + 5 * SECOND, "4m5s"),
    (4 * MINUTE + 5001 * MS, "4m5.001s"),
    (5 * HOUR + 6 * MINUTE + 7001 * MS, "5h6m7.001s"),
    (8 * MINUTE + 1, "8m0.000000001s"),
    (2**63 - 1, "2562047h47m16.854775807s"),
    (-(2**63), "-2562047h47m16.854775808s"),
]


@pytest.mark.parametrize("nanos,text", GO_DURATION_STRINGS)
def test_duration_string_matches_go(nanos: int, text: str) -> None:
    assert go_duration_string(nanos) == text
    d = Duration(nanos)
    assert ops.tostring(d) == text
    assert m(d, "string") == text


def test_microsecond_sign_is_utf8_bytes() -> None:
    s = ops.tostring(Duration(US))
    assert s == "1\xc2\xb5s"
    assert len(s) == 4  # #s in Lua counts bytes
    assert s.encode("latin-1").decode("utf-8") == "1µs"


@pytest.mark.parametrize(
    "text,nanos",
    [("1h30m", HOUR + 30 * MINUTE), ("1.5h", HOUR + 30 * MINUTE), ("300ms", 300 * MS),
     (utf8("1µs"), US), ("1us", US), ("-1.5s", -1500 * MS), ("0", 0), ("2m3.5s", 123500 * MS)],
)
def test_parse_duration_round_trip(text: str, nanos: int) -> None:
    d = wtime.parse_duration(text)
    assert isinstance(d, Duration)
    assert d.nanos == nanos
    again = wtime.parse_duration(ops.tostring(d))
    assert again.nanos == nanos


def test_parse_duration_error() -> None:
    r = wtime.parse_duration("abc")
    assert r[0] is None and isinstance(r[1], WippyError) and r[1].kind == "Invalid"


def test_duration_accessors_types_and_values() -> None:
    d = Duration(HOUR + 30 * MINUTE + 1500)
    ns, us, ms = m(d, "nanoseconds"), m(d, "microseconds"), m(d, "milliseconds")
    assert (ns, us, ms) == (5_400_000_001_500, 5_400_000_001, 5_400_000)
    assert all(type(x) is int for x in (ns, us, ms))
    s, mi, h = m(d, "seconds"), m(d, "minutes"), m(d, "hours")
    assert all(type(x) is float for x in (s, mi, h))
    assert s == pytest.approx(5400.0000015)
    assert mi == pytest.approx(90.000000025)
    assert h == pytest.approx(1.5 + 1500 / HOUR, rel=1e-15)
    assert m(Duration(HOUR + 30 * MINUTE), "hours") == 1.5
    assert m(Duration(1500 * MS), "seconds") == 1.5


def test_duration_accessors_truncate_toward_zero_like_go() -> None:
    d = Duration(-1_500_999)
    assert m(d, "microseconds") == -1500
    assert m(d, "milliseconds") == -1
    assert m(Duration(-1500 * MS), "seconds") == -1.5


def test_duration_comparisons() -> None:
    a, b = Duration(SECOND), Duration(2 * SECOND)
    assert ops.lt(a, b) and ops.le(a, a) and not ops.lt(b, a)
    assert ops.eq(a, Duration(SECOND)) and not ops.eq(a, b)


# -- Time: clock, fields, formatting ---------------------------------------------------------


def test_now_reads_the_workflow_clock() -> None:
    ex = FakeEx()
    t = wtime.now(ex)
    assert isinstance(t, Time)
    assert m(t, "unix") == int(NOW.timestamp())
    assert m(t, "unix_nano") == int(NOW.timestamp()) * SECOND + 123456 * 1000
    assert wtime.now(ex).nanos == t.nanos  # the clock does not move by itself


def test_fields() -> None:
    t = Time.from_datetime(NOW)
    assert (m(t, "year"), m(t, "month"), m(t, "day")) == (2024, 1, 15)
    assert (m(t, "hour"), m(t, "minute"), m(t, "second")) == (10, 30, 0)
    assert m(t, "nanosecond") == 123456000
    assert m(t, "weekday") == 1  # a Monday
    assert m(t, "yearday") == 15 and m(t, "year_day") == 15
    assert m(t, "date") == (2024, 1, 15)
    assert m(t, "clock") == (10, 30, 0)


@pytest.mark.parametrize(
    "layout,expected",
    [
        (RFC3339, "2024-01-15T10:30:00Z"),
        (RFC3339NANO, "2024-01-15T10:30:00.123456Z"),
        (DATE_TIME, "2024-01-15 10:30:00"),
        (DATE_ONLY, "2024-01-15"),
        (TIME_ONLY, "10:30:00"),
        ("Mon Jan _2 15:04:05 2006", "Mon Jan 15 10:30:00 2024"),
        ("Monday, 02-Jan-06 03:04:05.000 PM MST", "Monday, 15-Jan-24 10:30:00.123 AM UTC"),
        ("2006-01-02T15:04:05.000000000-07:00", "2024-01-15T10:30:00.123456000+00:00"),
        ("002 __2 _2 1 3 4 5 pm", "015  15 15 1 10 30 0 am"),
    ],
)
def test_format_layouts(layout: str, expected: str) -> None:
    t = Time.from_datetime(NOW)
    assert m(t, "format", layout) == expected


def test_format_rfc3339_and_offsets() -> None:
    t = Time.from_datetime(NOW)
    assert m(t, "format_rfc3339") == "2024-01-15T10:30:00Z"
    seoul = Time.from_datetime(NOW.astimezone(timezone(timedelta(hours=9))))
    assert seoul.nanos == t.nanos
    assert m(seoul, "format", RFC3339) == "2024-01-15T19:30:00+09:00"
    assert m(seoul, "format", "15:04 -0700 -07 Z0700 MST") == "19:30 +0900 +09 +0900 +0900"
    assert m(m(seoul, "utc"), "format", RFC3339) == "2024-01-15T10:30:00Z"
    west = Time(t.nanos, -(3 * 3600 + 30 * 60))
    assert m(west, "format", RFC3339) == "2024-01-15T07:00:00-03:30"


def test_tostring_is_go_time_string() -> None:
    t = Time.from_datetime(NOW)
    assert ops.tostring(t) == "2024-01-15 10:30:00.123456 +0000 UTC"
    assert ops.tostring(Time(0)) == "1970-01-01 00:00:00 +0000 UTC"


def test_fields_agree_with_python_datetime() -> None:
    rng = random.Random(7)
    lo = int(datetime(1, 1, 1, tzinfo=UTC).timestamp())
    hi = int(datetime(9999, 12, 31, tzinfo=UTC).timestamp())
    for _ in range(2000):
        sec = rng.randrange(lo, hi)
        micros = rng.randrange(1_000_000)
        dt = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=sec, microseconds=micros)
        t = Time(sec * SECOND + micros * 1000)
        assert m(t, "date") == (dt.year, dt.month, dt.day)
        assert m(t, "clock") == (dt.hour, dt.minute, dt.second)
        assert m(t, "weekday") == (dt.weekday() + 1) % 7
        assert m(t, "yearday") == dt.timetuple().tm_yday
        assert Time.from_datetime(dt).nanos == t.nanos
        expect = f"{dt.year:04d}-" + dt.strftime("%m-%dT%H:%M:%S") + (
            ("." + f"{micros:06d}".rstrip("0")) if micros else "") + "Z"
        assert m(t, "format", RFC3339NANO) == expect


# -- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", [RFC3339, RFC3339NANO, DATE_TIME, DATE_ONLY, TIME_ONLY])
def test_parse_round_trips(layout: str) -> None:
    rng = random.Random(3)
    for _ in range(300):
        nanos = rng.randrange(-(2**62), 2**62)
        offset = rng.choice([0, 9 * 3600, -5 * 3600, 5 * 3600 + 45 * 60])
        t = Time(nanos, offset)
        text = m(t, "format", layout)
        p = wtime.parse(layout, text)
        assert isinstance(p, Time), (text, p)
        assert m(p, "format", layout) == text
        if layout == RFC3339NANO:
            assert p.nanos == nanos
        elif layout == RFC3339:
            assert p.nanos == nanos - nanos % SECOND


def test_parse_keeps_the_offset() -> None:
    p = wtime.parse(RFC3339, "2024-01-15T19:30:00+09:00")
    assert m(p, "unix") == int(datetime(2024, 1, 15, 10, 30, tzinfo=UTC).timestamp())
    assert m(p, "hour") == 19
    assert m(p, "format", RFC3339) == "2024-01-15T19:30:00+09:00"
    assert ops.tostring(p) == "2024-01-15 19:30:00 +0900 +0900"
    z = wtime.parse(RFC3339, "2024-01-15T10:30:00Z")
    assert m(p, "equal", z)
    assert ops.tostring(wtime.parse(RFC3339, "2024-01-15T10:30:00+00:00")).endswith("+0000 UTC")


def test_parse_nanoseconds_and_fraction_not_in_layout() -> None:
    p = wtime.parse(RFC3339NANO, "2024-01-15T10:30:00.123456789Z")
    assert m(p, "nanosecond") == 123456789
    # Go accepts a fraction after seconds even when the layout has none
    q = wtime.parse(RFC3339, "2024-01-15T10:30:00.5Z")
    assert m(q, "nanosecond") == 500_000_000


@pytest.mark.parametrize(
    "layout,value,message",
    [
        (DATE_ONLY, "2024-13-01", 'parsing time "2024-13-01": month out of range'),
        (DATE_ONLY, "2023-02-29", 'parsing time "2023-02-29": day out of range'),
        (DATE_ONLY, "x", 'parsing time "x" as "2006-01-02": cannot parse "x" as "2006"'),
        (DATE_ONLY, "2024/01/15",
         'parsing time "2024/01/15" as "2006-01-02": cannot parse "/01/15" as "-"'),
        (DATE_ONLY, "2024-01-15x", 'parsing time "2024-01-15x": extra text: "x"'),
        (TIME_ONLY, "25:00:00", 'parsing time "25:00:00": hour out of range'),
        (RFC3339, "2024-01-15T10:30:00",
         'parsing time "2024-01-15T10:30:00" as "2006-01-02T15:04:05Z07:00": '
         'cannot parse "" as "Z07:00"'),
        # non-ASCII bytes are quoted as \xNN, as Go does; superscript digits are not digits
        (DATE_ONLY, "2024-\xb2\xb2-01",
         'parsing time "2024-\\xb2\\xb2-01" as "2006-01-02": cannot parse "\\xb2\\xb2-01" as "01"'),
    ],
)
def test_parse_errors_use_go_messages(layout: str, value: str, message: str) -> None:
    r = wtime.parse(layout, value)
    assert type(r) is tuple and r[0] is None
    err = r[1]
    assert isinstance(err, WippyError)
    assert (err.kind, err.retryable, err.message) == ("Invalid", False, message)


def test_parse_zone_abbreviations() -> None:
    p = wtime.parse("2006-01-02 15:04 MST", "2024-01-15 10:30 PST")
    assert m(p, "format", "15:04 MST") == "10:30 PST"
    assert m(p, "unix") == int(datetime(2024, 1, 15, 10, 30, tzinfo=UTC).timestamp())
    g = wtime.parse("2006-01-02 15:04 MST", "2024-01-15 10:30 GMT+3")
    assert g.offset == 3 * 3600  # Go: the clock is read as UTC, shown in a +3h zone
    assert m(g, "unix") == int(datetime(2024, 1, 15, 10, 30, tzinfo=UTC).timestamp())
    assert isinstance(wtime.parse("MST", "ChST"), Time)
    assert isinstance(wtime.parse("2006 MST", "2024 AB")[1], WippyError)


def test_parse_argument_types_raise() -> None:
    with pytest.raises(LuaError):
        wtime.parse(RFC3339, None)
    with pytest.raises(LuaError):
        wtime.parse(1, "x")


# -- arithmetic ---------------------------------------------------------------------------


def test_add_and_sub() -> None:
    t = Time.from_datetime(NOW)
    later = m(t, "add", "90m")
    assert later.nanos - t.nanos == 90 * MINUTE
    assert m(t, "add", Duration(SECOND)).nanos == t.nanos + SECOND
    assert m(t, "add", 5).nanos == t.nanos + 5  # a number is nanoseconds
    assert m(t, "add", -HOUR).nanos == t.nanos - HOUR
    d = m(later, "sub", t)
    assert isinstance(d, Duration) and d.nanos == 90 * MINUTE
    assert ops.tostring(d) == "1h30m0s"
    assert ops.tostring(m(t, "sub", later)) == "-1h30m0s"
    assert m(m(later, "sub", t), "milliseconds") == 5_400_000


def test_after_before_equal() -> None:
    t = Time.from_datetime(NOW)
    u = m(t, "add", "1ns")
    assert m(u, "after", t) and not m(t, "after", u)
    assert m(t, "before", u) and not m(u, "before", t)
    assert m(t, "equal", Time(t.nanos, 3600)) and not m(t, "equal", u)
    assert ops.eq(t, Time(t.nanos)) and ops.lt(t, u) and ops.le(t, t)
    with pytest.raises(LuaError):
        m(t, "after", 5)


def test_unix_and_unix_nano() -> None:
    t = wtime.unix(1705314600, 123)
    assert m(t, "unix") == 1705314600
    assert m(t, "unix_nano") == 1705314600 * SECOND + 123
    assert m(t, "format", RFC3339NANO) == "2024-01-15T10:30:00.000000123Z"
    before_epoch = Time(-500)
    assert m(before_epoch, "unix") == -1  # Go floors: -1s + 999999500ns
    assert m(before_epoch, "unix_nano") == -500
    assert m(Time(1500 * MS), "unix_milli") == 1500


def test_add_date_truncate_round() -> None:
    t = Time.from_datetime(datetime(2024, 1, 31, 10, 30, 45, tzinfo=UTC))
    assert m(m(t, "add_date", 0, 1, 0), "format", DATE_ONLY) == "2024-03-02"  # Go normalises
    assert m(m(t, "add_date", 1, 0, 1), "format", DATE_ONLY) == "2025-02-01"
    assert m(m(t, "add_date", 0, -2, 0), "format", DATE_ONLY) == "2023-12-01"
    assert m(m(t, "truncate", "1h"), "format", DATE_TIME) == "2024-01-31 10:00:00"
    assert m(m(t, "round", "1m"), "format", DATE_TIME) == "2024-01-31 10:31:00"
    assert m(m(t, "round", "1h"), "format", DATE_TIME) == "2024-01-31 11:00:00"
    assert m(m(t, "truncate", 0), "equal", t)


def test_zero_time_and_json() -> None:
    assert m(wtime.parse(DATE_ONLY, "0001-01-01"), "is_zero")
    assert not m(Time(0), "is_zero")
    t = Time.from_datetime(NOW)
    assert lua_to_py(t) == "2024-01-15T10:30:00.123456Z"


# -- timers -------------------------------------------------------------------------------


def _run(coro: Any) -> Any:
    return asyncio.run(coro)


async def _receive(ch: Any) -> Any:
    r = ch.receive()
    if asyncio.iscoroutine(r):
        r = await r
    return r


def test_after_delivers_one_time_from_the_workflow_clock() -> None:
    async def go() -> None:
        ex = FakeEx()
        ch = wtime.after(ex, "5s")
        v, ok = await _receive(ch)
        assert ok is True and isinstance(v, Time)
        assert v.nanos - Time.from_datetime(NOW).nanos == 5 * SECOND
        assert ex.backend.slept == [5.0]
        assert all(t.done() for t in ex.tasks)

    _run(go())


def test_after_needs_a_positive_duration() -> None:
    async def go() -> None:
        with pytest.raises(LuaError):
            wtime.after(FakeEx(), 0)

    _run(go())


def test_timer_stop_and_reset() -> None:
    async def go() -> None:
        ex = FakeEx()
        t = wtime.timer(ex, "1s")
        assert m(t, "stop") is True  # was pending
        assert m(t, "stop") is False
        assert m(t, "reset", "2s") is False
        v, ok = await _receive(m(t, "channel"))
        assert ok and isinstance(v, Time)
        assert v.nanos - Time.from_datetime(NOW).nanos == 2 * SECOND
        assert m(t, "reset", "1s") is False  # had fired
        assert m(t, "stop") is True
        with pytest.raises(LuaError):
            m(t, "reset", -1)

    _run(go())


def test_ticker_ticks_until_stopped() -> None:
    async def go() -> None:
        ex = FakeEx()
        tk = wtime.ticker(ex, "1m")
        ch = m(tk, "channel")
        stamps = []
        for _ in range(3):
            v, ok = await _receive(ch)
            assert ok
            stamps.append(v.nanos)
        assert [b - a for a, b in zip(stamps, stamps[1:])] == [MINUTE, MINUTE]
        assert m(tk, "stop") == ()
        await asyncio.sleep(0)
        assert all(t.done() for t in ex.tasks)

    _run(go())


