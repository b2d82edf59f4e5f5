"""The ``env`` and ``logger`` modules outside workflows (``LocalBackend``: the process
environment and Python's ``logging``).

Expected answers: Wippy's ``runtime/lua/modules/env`` (newest ModuleDef: ``empty key``
Invalid, ``environment variable not found`` NotFound, a read-only storage's
``environment variable is read-only`` PermissionDenied) read as SEMANTICS section 6 decides
(every process variable on a read-only OS storage); ``runtime/lua/modules/logger`` (a Logger
object, levels, string-keyed fields, ``error`` field taken out of the table, ``with``,
``named``, ``name cannot be empty``)."""

from __future__ import annotations

import logging

import pytest

from luac2py_runtime.host.io import LOGGER
from luac2py_runtime.lua.errors import LuaError
from tests.unit.hostlua import run_lua


def test_env_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L2P_TEST_VAR", "\ud55c value")
    monkeypatch.delenv("L2P_TEST_MISSING", raising=False)
    out = run_lua("""
        local env = require("env")
        local v, err = env.get("L2P_TEST_VAR")
        print(v == "\\237\\149\\156 value", err)
        v, err = env.get("L2P_TEST_MISSING")
        print(v, err:kind(), err:message(), err:retryable())
        v, err = env.get("")
        print(v, err:kind(), err:message())
        local ok, e = env.set("L2P_TEST_VAR", "x")
        print(ok, e:kind(), e:message())
        ok, e = env.set("L2P_TEST_MISSING", "x")
        print(ok, e:kind())
        local all = env.get_all()
        print(all.L2P_TEST_VAR == v or all.L2P_TEST_VAR == "\\237\\149\\156 value", all.L2P_TEST_MISSING)
        print(pcall(env.get, {}))
    """)
    assert out[:5] == [
        "true\tnil",
        "nil\tNotFound\tenvironment variable not found\tfalse",
        "nil\tInvalid\tempty key",
        "nil\tPermissionDenied\tenvironment variable is read-only",
        "nil\tNotFound",
    ]
    assert out[5] == "true\tnil"
    assert out[6].startswith("false\tbad argument #1 to get (string expected, got table)")
    import os
    assert os.environ["L2P_TEST_VAR"] == "\ud55c value"  # set changed nothing


def test_logger_records(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    out = run_lua("""
        local logger = require("logger")
        logger:info("order paid", {order = "o1", amount = 30, ratio = 0.5, ok = true, [1] = "dropped"})
        local fields = {error = errors.new("card declined"), order = "o2"}
        logger:error("charge failed", fields)
        print(fields.error, fields.order)
        local l = logger:named("payments"):with({service = "stripe"})
        l:named("retry"):debug("retrying", {attempt = 2})
        l:warn("slow")
        print(pcall(logger.info, "x"))
        print(pcall(function() return logger:named("") end))
        print(type(logger))
    """)
    recs = [r for r in caplog.records if r.name.startswith(LOGGER)]
    assert [(r.name, r.levelname) for r in recs] == [
        (LOGGER, "INFO"), (LOGGER, "ERROR"), (f"{LOGGER}.payments.retry", "DEBUG"),
        (f"{LOGGER}.payments", "WARNING")]
    f0 = recs[0].lua_fields  # type: ignore[attr-defined]
    assert {k: f0[k] for k in ("order", "amount", "ratio", "ok")} == \
        {"order": "o1", "amount": 30, "ratio": 0.5, "ok": True}
    assert f0["location"].endswith(".lua:3")
    assert recs[0].getMessage().startswith("order paid\t{")
    assert recs[1].lua_fields["error"] == "card declined"  # type: ignore[attr-defined]
    assert recs[1].lua_fields["location"].endswith(".lua:5")  # type: ignore[attr-defined]
    assert recs[2].lua_fields["service"] == "stripe"  # type: ignore[attr-defined]
    assert recs[2].lua_fields["attempt"] == 2  # type: ignore[attr-defined]
    assert out[0] == "nil\to2"  # the error field left the caller's table, as in Wippy
    assert out[1].startswith("false\tbad argument #1 to info (logger expected, got string)")
    assert out[2].startswith("false\t") and "name cannot be empty" in out[2]
    assert out[3] == "userdata"


def test_logger_level_filter_skips_work(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    run_lua('local l = require("logger"); l:info("hidden"); l:warn("shown")')
    assert [r.getMessage().split("\t")[0] for r in caplog.records
            if r.name == LOGGER] == ["shown"]


def test_logger_message_must_be_a_string() -> None:
    with pytest.raises(LuaError, match="bad argument #1 to info \\(string expected, got table\\)"):
        run_lua('require("logger"):info({})')
