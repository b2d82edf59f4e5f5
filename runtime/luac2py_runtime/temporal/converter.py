"""Temporal payloads the way Wippy writes them (SEMANTICS.md section 4): ``json/plain``,
compact, UTF-8, object keys sorted as Go writes them, integral floats without ``.0``, no NaN.
Lua values become plain Python values (and back) in ``modules.payload``."""

from __future__ import annotations

import json
from typing import Any

import temporalio.api.common.v1
import temporalio.common
import temporalio.converter

from ..lua.values import LuaTable
from ..modules import payload
from ..modules.payload import EncodingError, json_to_lua, lua_to_py, py_to_lua

payload.JSON_ENCODER = temporalio.converter.AdvancedJSONEncoder


def _prepare(v: Any) -> Any:
    """Python value -> JSON-ready value with section 4's number rules."""
    t = type(v)
    if t is float or t is LuaTable:
        return lua_to_py(v)
    if t is dict:
        return {str(k) if not isinstance(k, str) else k: _prepare(x) for k, x in v.items()}
    if t is list or t is tuple:
        return [_prepare(x) for x in v]
    return v


class WippyJSONPayloadConverter(temporalio.converter.JSONPlainPayloadConverter):
    """``json/plain`` the way Wippy writes it: compact, UTF-8, sorted keys, no NaN."""

    def to_payload(self, value: Any) -> temporalio.api.common.v1.Payload | None:
        try:
            data = json.dumps(
                _prepare(value),
                cls=temporalio.converter.AdvancedJSONEncoder,
                separators=(",", ":"),
                sort_keys=True,
                ensure_ascii=False,
                allow_nan=False,
            ).encode("utf-8")
        except (TypeError, ValueError) as e:
            raise EncodingError(str(e)) from e
        return temporalio.api.common.v1.Payload(
            metadata={"encoding": self.encoding.encode()}, data=data
        )


class WippyPayloadConverter(temporalio.converter.CompositePayloadConverter):
    def __init__(self) -> None:
        super().__init__(
            temporalio.converter.BinaryNullPayloadConverter(),
            temporalio.converter.BinaryPlainPayloadConverter(),
            WippyJSONPayloadConverter(),
        )


DATA_CONVERTER = temporalio.converter.DataConverter(
    payload_converter_class=WippyPayloadConverter
)


def raw_to_lua(raw: temporalio.common.RawValue) -> Any:
    """A result fetched undecoded (``result_type=RawValue``) as a Lua value: a JSON payload
    decoded straight into Lua tables, any other as the converter decodes it."""
    p = raw.payload
    if p.metadata.get("encoding") == b"json/plain":
        return json_to_lua(p.data)
    return py_to_lua(DATA_CONVERTER.payload_converter.from_payloads([p])[0])
