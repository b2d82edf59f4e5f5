"""Helpers for tests: build Lua into a package and import it, run Lua scripts."""

from __future__ import annotations

import importlib
import math
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from luac2py import diagnostics as D
from luac2py.project import build

ROOT = Path(__file__).resolve().parent.parent


def build_package(src: Path, tmp_path: Path, name: str | None = None) -> Any:
    """Compile a registry folder or .lua file into a uniquely named package and import it."""
    pkg = f"luac2py_test_{uuid.uuid4().hex[:10]}"
    reporter = D.Reporter()
    build(src, tmp_path / pkg, reporter, name=name)
    errors = [str(d) for d in reporter.diagnostics if d.severity == "error"]
    assert not errors, errors
    if str(tmp_path) not in sys.path:
        sys.path.insert(0, str(tmp_path))
    return importlib.import_module(pkg)


def write_project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / f"proj_{uuid.uuid4().hex[:6]}"
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def luac2py(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "luac2py"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          timeout=timeout)


async def wait_for_event(handle: Any, attr: str) -> Any:
    """The attributes of the first event of ``handle``'s history that has ``attr`` (e.g.
    ``"workflow_task_completed_event_attributes"``), as soon as it has happened: the history
    is read until it holds the event (no guess at how long that takes). Fails when the
    workflow closes without it."""
    import asyncio

    import temporalio.client

    while True:
        # (the time-skipping server never answers a long poll for new events: read again)
        async for e in handle.fetch_history_events():
            if e.HasField(attr):
                return getattr(e, attr)
        desc = await handle.describe()
        if desc.status != temporalio.client.WorkflowExecutionStatus.RUNNING:
            raise AssertionError(f"{handle.id} closed without a {attr} event")
        await asyncio.sleep(0.02)


_POSITION = re.compile(r'^(\[string "[^"]*"\]|input|stdin):\d+: ')
_ARG_ERROR = re.compile(r"(bad argument #\d+ to )'(?:\w+\.)?(\w+)'")


def golua_wording(msg: str, position: bool = True) -> str:
    """Real Lua's (lupa's) error message as go-lua words the same error, the one difference
    docs/differences.md lists for argument errors: the function's name unquoted (auxlib.go
    ArgError ``bad argument #1 to sub``; tablelib.go ``in table for concat``). Without
    ``position`` the ``chunk:line:`` prefix goes too (where tests compare positions apart)."""
    if not position:
        msg = _POSITION.sub("", msg)
    msg = msg.replace("in table for 'concat'", "in table for concat")
    return _ARG_ERROR.sub(r"\1\2", msg)


def lua_literal(v: Any) -> str:
    """A Lua expression for a Python-side value: nil, booleans, numbers (integers stay
    integers, floats keep a point; int64's minimum, NaN and the infinities as expressions),
    strings byte-escaped into ASCII-only source; an object with a ``src`` attribute is that
    Lua source."""
    if v is None:
        return "nil"
    if v is True:
        return "true"
    if v is False:
        return "false"
    src = getattr(v, "src", None)
    if isinstance(src, str):
        return src
    if isinstance(v, int):
        return "(-9223372036854775807-1)" if v == -(2**63) else str(v)
    if isinstance(v, float):
        if v != v:
            return "(0/0)"
        if math.isinf(v):
            return "(1/0)" if v > 0 else "(-1/0)"
        r = repr(v)
        return r if ("." in r or "e" in r) else r + ".0"
    if isinstance(v, str):
        return '"' + "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\'
                             else "\\%03d" % ord(ch) for ch in v) + '"'
    raise TypeError(v)
