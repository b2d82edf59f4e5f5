"""Wippy error objects and the ``errors`` module (go-lua error.go, errorslib.go).

Every module call returns ``value, err``; ``err`` is a ``WippyError``: a userdata
(``type(err) == "userdata"``) whose fields are methods: ``kind()``, ``message()``,
``retryable()`` (true/false/nil), ``details()`` (nil when empty). ``tostring(err)``, ``print``,
``..`` and ``table.concat`` give the message. ``errors.wrap(e, "ctx")`` keeps ``e``'s text
(Go's ``Error()``: context, ``": "``, message) as the new message and ``"ctx"`` as its
context, so ``tostring(errors.wrap(e, "ctx"))`` is ``e``'s message and ``string.format("%s",
...)`` (Go's ``Error()``) is ``"ctx: " .. that``.
"""

from __future__ import annotations

from typing import Any

from ..lua.string import NOARG, arg_error
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
    __slots__ = ("message", "kind", "retryable", "details", "context", "cause")
    concatenable = True

    def __init__(
        self,
        message: str,
        kind: str = "",
        retryable: bool | None = None,
        details: Any = None,
        context: str = "",
        cause: WippyError | None = None,
    ) -> None:
        self.message = message
        self.kind = kind
        self.retryable = retryable
        self.details = details
        self.context = context
        # the error this one wraps (Go's Unwrap): what goes on the wire as the chain's next
        # entry (temporal/failures.py); Lua has no method to reach it, as in go-lua
        self.cause = cause

    def lua_tostring(self) -> str:
        return self.message

    def error_text(self) -> str:
        """Go's ``Error()``: the context, if any, before the message. What crosses the
        Temporal boundary and what ``string.format("%s", err)`` shows."""
        return f"{self.context}: {self.message}" if self.context else self.message

    def lua_index(self, key: Any) -> Any:
        # go-lua's methods take any first argument (a non-error gets "", nil or false)
        return self.lua_methods.get(key) if type(key) is str else None

    def __repr__(self) -> str:
        return f"WippyError({self.kind!r}, {self.message!r})"


def _kind(self: Any = None, *_: Any) -> str:
    return self.kind if isinstance(self, WippyError) else ""


def _message(self: Any = None, *_: Any) -> str:
    return self.message if isinstance(self, WippyError) else ""


def _retryable(self: Any = None, *_: Any) -> Any:
    return self.retryable if isinstance(self, WippyError) else None


def _details(self: Any = None, *_: Any) -> Any:
    """go-lua errorslib.go errorDetails: nil when there are none."""
    if not isinstance(self, WippyError):
        return None
    d = self.details
    if type(d) is LuaTable and not d.arr and not d.hash:
        return None
    return d


WippyError.lua_methods = {
    "kind": _kind,
    "message": _message,
    "retryable": _retryable,
    "details": _details,
}


def _tostring_mm(e: Any, *_: Any) -> str:
    return e.message if isinstance(e, WippyError) else ""


def _concat_mm(a: Any, b: Any, *_: Any) -> str:
    from ..lua.ops import tostring_basic

    return tostring_basic(a) + tostring_basic(b)


WippyError.meta = LuaTable(  # type: ignore[attr-defined]
    None, {"__tostring": _tostring_mm, "__concat": _concat_mm}
)


def is_error(v: Any) -> bool:
    return isinstance(v, WippyError)


def new(spec: Any = NOARG, *_: Any) -> Any:
    """go-lua errorslib.go errorsNew: ``errors.new(msg)`` or ``errors.new{message=, kind=,
    retryable=, details=}`` (a string message is required; a kind that is no string, a
    retryable that is no boolean and details that are no table are ignored)."""
    if type(spec) is str:
        return WippyError(spec)
    if type(spec) is LuaTable:
        h = spec.hash
        msg = h.get("message")
        if msg is None:
            raise arg_error(1, "new", "message field is required")
        if type(msg) is not str:
            raise arg_error(1, "new", "message must be a string")
        kind = h.get("kind")
        retryable = h.get("retryable")
        details = h.get("details")
        return WippyError(msg, kind if type(kind) is str else "",
                          retryable if type(retryable) is bool else None,
                          details if type(details) is LuaTable else None)
    if spec is NOARG:
        raise arg_error(1, "new", "value expected")
    raise arg_error(1, "new", "expected string or table")


def wrap(err: Any = NOARG, msg: Any = NOARG, *_: Any) -> Any:
    """go-lua errorslib.go errorsWrap: the parent (an error or a string) becomes the message
    (its ``Error()`` text), the context (a string, or an error's message) is kept apart; kind,
    retryable and details are copied."""
    if err is NOARG:
        raise arg_error(1, "wrap", "value expected")
    if msg is NOARG:
        raise arg_error(2, "wrap", "value expected")
    if isinstance(msg, WippyError):
        context = msg.message
    elif type(msg) is str:
        context = msg
    else:
        raise arg_error(2, "wrap", "expected string or error object")
    if isinstance(err, WippyError):
        return WippyError(err.error_text(), err.kind, err.retryable, err.details, context, err)
    if type(err) is str:
        return WippyError(err, "", None, None, context, WippyError(err))
    raise arg_error(1, "wrap", "expected string or error object")


def is_(err: Any = NOARG, kind: Any = NOARG, *_: Any) -> bool:
    """go-lua errorslib.go errorsIs: the error's own kind only."""
    if err is NOARG:
        raise arg_error(1, "is", "value expected")
    if type(kind) is not str:
        if type(kind) in (int, float):
            from ..lua.ops import tostring_basic

            kind = tostring_basic(kind)
        else:
            got = "no value" if kind is NOARG else lua_type(kind)
            raise arg_error(2, "is", f"string expected, got {got}")
    if not isinstance(err, WippyError):
        return False
    return err.kind == kind


def build(ex: Any) -> LuaTable:
    h: dict[str, Any] = {"new": new, "wrap": wrap, "is": is_}
    h.update(KINDS)
    return LuaTable(None, h)
