"""Run a Lua snippet as ``luac2py exec`` runs a script (``LocalBackend``: the host's clock,
randomness, environment, logging and HTTP) and collect what it prints. For the tests of the
modules that functions use outside workflows."""

from __future__ import annotations

import asyncio
import textwrap
import uuid
from typing import Any

import pytest

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py_runtime.host.local import LocalBackend
from luac2py_runtime.host.script import load_module, run_chunk
from luac2py_runtime.lua.values import from_lua_str


class Capture(LocalBackend):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def print(self, text: str) -> None:
        self.lines.append(from_lua_str(text))


def compile_lua(src: str) -> Any:
    name = f"host_{uuid.uuid4().hex[:8]}.lua"
    rep = D.Reporter()
    c = compile_chunk(textwrap.dedent(src), name, rep, chunk_name=name, in_workflow=False,
                      fmt=False)
    errors = [str(d) for d in rep.diagnostics if d.severity == "error"]
    assert c is not None and not errors, errors
    return load_module(c.text, name)


async def arun_lua(src: str, backend: Capture | None = None, timeout: float = 30) -> list[str]:
    backend = backend or Capture()
    await asyncio.wait_for(run_chunk(compile_lua(src), [], backend), timeout)
    return backend.lines


def run_lua(src: str, backend: Capture | None = None, timeout: float = 30) -> list[str]:
    """The lines the snippet prints (a Lua error propagates as LuaError)."""
    return asyncio.run(arun_lua(src, backend, timeout))


@pytest.fixture(params=["tasks", "light"])
def coroutine_driver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test twice: with the Lua coroutines on asyncio tasks (as ``luac2py exec``
    does) and on the execution's own scheduler (as workflows do, ``LuaThread``). A module
    takes it for all its tests with ``pytestmark = pytest.mark.usefixtures(...)``."""
    monkeypatch.setattr(LocalBackend, "light_coroutines", request.param == "light")
    return str(request.param)
