"""The ``base64`` module (runtime/luac2py_runtime/modules/base64.py).

Expected answers: Wippy's module (``runtime/lua/modules/base64/module.go`` @ffabbba: Go's
``base64.StdEncoding``, one value on success, ``nil, err`` kind Invalid otherwise) and Go's
decoder (``encoding/base64/base64.go``, ``decodeQuantum``: newlines skipped, padding required,
``CorruptInputError`` offsets) for the error positions; Python's ``base64`` for the bytes."""

from __future__ import annotations

import base64 as pybase64
import os

import pytest

from luac2py_runtime.lua.values import LuaTable, bytes_to_lua
from luac2py_runtime.modules import base64 as b64
from luac2py_runtime.modules.errors import WippyError
from tests.unit.hostlua import run_lua

ALL_BYTES = bytes(range(256))


def invalid(r: object, msg: str) -> None:
    assert type(r) is tuple and r[0] is None and isinstance(r[1], WippyError), r
    assert (r[1].kind, r[1].message, r[1].retryable) == ("Invalid", msg, False)


@pytest.mark.parametrize("data", [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar",
                                  ALL_BYTES, os.urandom(1000)])
def test_round_trip_matches_python(data: bytes) -> None:
    enc = b64.encode(bytes_to_lua(data))
    assert enc == pybase64.b64encode(data).decode()  # one value: no error slot
    assert b64.decode(enc) == bytes_to_lua(data)


def test_newlines_are_skipped_as_go_does() -> None:
    assert b64.decode("aGVs\r\nbG8=\n") == "hello"
    assert b64.decode("aG\nVsbG8=") == "hello"


@pytest.mark.parametrize("text,offset", [
    ("aGVsbG8", 4),       # partial quantum at the end: CorruptInputError(si - j)
    ("a", 0),
    ("a===", 1),          # padding after one symbol: si - 1
    ("aG=x", 2),          # "==" expected, other byte: si - 1 (the first "=")
    ("aG=", 3),           # not enough padding: len(src)
    ("aG!x", 2),          # a byte outside the alphabet
    ("aGVsbG8=x", 8),     # trailing garbage after the padding
    ("aGVsbG8=\nx", 9),
])
def test_corrupt_input_offsets(text: str, offset: int) -> None:
    invalid(b64.decode(text), f"illegal base64 data at input byte {offset}")


@pytest.mark.parametrize("arg", [None, 42, 1.5, True, LuaTable()])
def test_non_strings_are_invalid(arg: object) -> None:
    invalid(b64.encode(arg), "string expected")
    invalid(b64.decode(arg), "string expected")


def test_from_lua() -> None:
    out = run_lua("""
        local base64 = require("base64")
        print(base64.encode("hello"), select("#", base64.encode("hello")))
        print(base64.decode("aGVsbG8="))
        local v, err = base64.decode("!!")
        print(v, err:kind(), tostring(err))
        print(base64.decode(base64.encode("\\0\\255\\128")) == "\\0\\255\\128")
    """)
    assert out == ["aGVsbG8=\t1", "hello", "nil\tInvalid\tillegal base64 data at input byte 0",
                   "true"]
