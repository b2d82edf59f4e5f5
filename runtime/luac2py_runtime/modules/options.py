"""Option tables of spawners (``process.with_options``) and executors (``funcs`` options):
key prefixes and durations, read the same way inside workflows and on the host."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..lua.errors import LuaError

WORKFLOW_PREFIXES = ("temporal.workflow.", "workflow.")  # spawners
ACTIVITY_PREFIXES = ("temporal.activity.", "activity.")  # funcs executors


def option_key(key: str, prefixes: tuple[str, ...]) -> str:
    """An option's name without its prefix (``temporal.workflow.id`` -> ``id``)."""
    for p in prefixes:
        if key.startswith(p):
            return key[len(p):]
    return key


def strip_prefixes(opts: Any) -> dict[str, Any]:
    """Spawn options without their ``temporal.workflow.`` / ``workflow.`` prefix (plain Python
    values, as the host API gets them)."""
    return {option_key(k, WORKFLOW_PREFIXES): v for k, v in dict(opts or {}).items()
            if isinstance(k, str)}


def duration_ms(v: Any, what: str) -> timedelta | None:
    """Option durations: a Go duration string or a number of milliseconds."""
    if v is None:
        return None
    if isinstance(v, timedelta):
        return v
    if type(v) in (int, float):
        return timedelta(milliseconds=float(v))
    if type(v) is str:
        from .time import parse_go_duration

        n = parse_go_duration(v)
        if n is None:
            raise OptionError(f"invalid duration for option '{what}': {v}")
        return timedelta(microseconds=n / 1000)
    raise OptionError(f"option '{what}' must be a duration")


class OptionError(LuaError):
    """An option that cannot be mapped: a Lua error where Lua code passed it (activity
    options), ``Invalid`` for spawns (``nil, err`` in Lua, ProcessError on the host)."""


_RETRY_KEYS = {k.replace("_", ""): k for k in (
    "initial_interval", "backoff_coefficient", "maximum_interval", "maximum_attempts",
    "non_retryable_error_types")}


def retry_policy_fields(h: Any, what: str = "retry_policy") -> dict[str, Any] | None:
    """A retry policy table (plain Python values) as Go's ``parseRetryPolicyPB`` reads it: keys
    in snake or camel case, any letter case; intervals are option durations (0 or less: unset);
    ``maximum_attempts`` an integral number; ``non_retryable_error_types`` a string or a list
    of strings; other keys ignored. ``None`` for anything but a table."""
    if not isinstance(h, dict):
        return None
    out: dict[str, Any] = {}
    for k, v in h.items():
        name = _RETRY_KEYS.get(str(k).replace("_", "").lower())
        if name is None or v is None:
            continue
        if name in ("initial_interval", "maximum_interval"):
            d = duration_ms(v, f"{what}.{name}")
            if d is not None and d > timedelta(0):
                out[name] = d
        elif name == "backoff_coefficient":
            if type(v) not in (int, float):
                raise OptionError(f"{what}.{name} must be a number")
            out[name] = float(v)
        elif name == "maximum_attempts":
            if type(v) not in (int, float) or v != int(v):
                raise OptionError(f"{what}.{name} must be an integer")
            out[name] = int(v)
        elif isinstance(v, str):
            out[name] = [v]
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            out[name] = list(v)
        else:
            raise OptionError(f"{what}.{name} must be a string or a list of strings")
    return out
