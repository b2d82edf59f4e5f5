"""Wippy error objects and the ``errors`` module.

Every module call returns ``value, err``; ``err`` is a ``WippyError`` with ``kind()``,
``message()``, ``retryable()`` (true/false/nil) and ``details()``. ``tostring(err)`` is the
message, and errors concatenate with ``..``.
"""

from __future__ import annotations

from typing import Any

from ..lua.errors import LuaError
from ..lua.values import LuaTable, Userdata, lua_type

KINDS = {
    "NOT_FOUND": "NotFound",
    "ALREADY_EXISTS": "AlreadyExists",
    "INVALID": "Invalid",
    "PERMISSION_DENIED": "PermissionDenied",
    "UNAVAILABLE": "Unavailable",
    "INTERNAL": "Internal",
    "CANCELED": "Canceled",
    "CONFLICT": "Conflict",
    "TIMEOUT": "Timeout",
    "RATE_LIMITED": "RateLimited",
    "UNKNOWN": "",
}
KNOWN_KINDS = frozenset(KINDS.values()) - {""}


class WippyError(Userdata):
    __slots__ = ("message", "kind", "retryable", "details", "cause")
    lua_type_name = "error"

    def __init__(
        self,
        message: str,
        kind: str = "",
        retryable: bool | None = None,
        details: Any = None,
        cause: WippyError | None = None,
    ) -> None:
        self.message = message
        self.kind = kind
        self.retryable = retryable
        self.details = details
        self.cause = cause

    def lua_tostring(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"WippyError({self.kind!r}, {self.message!r})"


def _kind(self: WippyError, *_: Any) -> str:
    return self.kind


def _message(self: WippyError, *_: Any) -> str:
    return self.message


def _retryable(self: WippyError, *_: Any) -> Any:
    return self.retryable


def _details(self: WippyError, *_: Any) -> Any:
    return self.details


def _unwrap(self: WippyError, *_: Any) -> Any:
    return self.cause


WippyError.lua_methods = {
    "kind": _kind,
    "message": _message,
    "retryable": _retryable,
    "details": _details,
    "unwrap": _unwrap,
}


def _tostring_mm(e: Any, *_: Any) -> str:
    return e.message if isinstance(e, WippyError) else str(e)


def _concat_mm(a: Any, b: Any, *_: Any) -> str:
    from ..lua.ops import tostring

    return tostring(a) + tostring(b)


def _eq_mm(a: Any, b: Any, *_: Any) -> bool:
    return a is b


WippyError.meta = LuaTable(  # type: ignore[attr-defined]
    None, {"__tostring": _tostring_mm, "__concat": _concat_mm, "__eq": _eq_mm}
)


def is_error(v: Any) -> bool:
    return isinstance(v, WippyError)


def new(spec: Any = None, *_: Any) -> Any:
    """errors.new(msg) or errors.new{message=, kind=, retryable=, details=}."""
    if type(spec) is str:
        return WippyError(spec)
    if type(spec) is LuaTable:
        h = spec.hash
        msg = h.get("message")
        if msg is None:
            msg = ""
        if type(msg) is not str:
            from ..lua.ops import tostring

            msg = tostring(msg)
        kind = h.get("kind")
        return WippyError(msg, kind if type(kind) is str else "", h.get("retryable"),
                          h.get("details"))
    if isinstance(spec, WippyError):
        return spec
    raise LuaError(f"bad argument #1 to 'new' (string or table expected, got {lua_type(spec)})")


def wrap(err: Any = None, msg: Any = None, *_: Any) -> Any:
    if err is None:
        return None
    if not isinstance(err, WippyError):
        from ..lua.ops import tostring

        err = WippyError(tostring(err))
    text = f"{msg}: {err.message}" if msg is not None else err.message
    return WippyError(text, err.kind, err.retryable, err.details, cause=err)


def is_(err: Any = None, kind: Any = None, *_: Any) -> bool:
    if not isinstance(err, WippyError):
        return False
    e: WippyError | None = err
    while e is not None:
        if e.kind == kind:
            return True
        e = e.cause
    return False


def build(ex: Any) -> LuaTable:
    h: dict[str, Any] = {"new": new, "wrap": wrap, "is": is_}
    h.update(KINDS)
    return LuaTable(None, h)
