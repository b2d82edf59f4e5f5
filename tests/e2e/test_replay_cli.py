"""`luac2py replay`: a recorded history replays against the unchanged project and fails, naming
the Lua line, against a project whose activity calls were reordered."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from luac2py_runtime import new_worker
from tests.helpers import ROOT, build_package

EXE = str(Path(sys.executable).parent / "luac2py")

INDEX = """version: "1.0"
namespace: app
entries:
  - name: worker
    kind: temporal.worker
    task_queue: replay-q
  - name: steps
    kind: workflow.lua
    source: file://steps.lua
    modules: [funcs, time]
    meta: {temporal: {workflow: {worker: worker}}}
"""

STEPS = """local funcs = require("funcs")
local time = require("time")

local function main(n)
    local a = funcs.call("app:first", n)
    time.sleep("1s")
    local b = funcs.call("app:second", a)
    return {a = a, b = b}
end

return main
"""

# the same workflow with the two activity calls swapped
REORDERED = """local funcs = require("funcs")
local time = require("time")

local function main(n)
    local b = funcs.call("app:second", n)
    time.sleep("1s")
    local a = funcs.call("app:first", b)
    return {a = a, b = b}
end

return main
"""


@pytest.fixture
def recorded(ts_server, tmp_path):
    """(project folder, history file, workflow ID) of one completed run of app:steps."""
    from temporalio import activity

    @activity.defn(name="app:first")
    async def first(n: int) -> int:
        return n + 1

    @activity.defn(name="app:second")
    async def second(n: int) -> int:
        return n * 10

    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "_index.yaml").write_text(INDEX)
    (proj / "steps.lua").write_text(STEPS)
    pkg = build_package(proj, tmp_path)

    async def go():
        client = ts_server.client
        tq = f"replay-{uuid.uuid4()}"
        async with new_worker(client, tq, pkg.WORKFLOWS, [first, second]):
            handle = await client.start_workflow("app:steps", 4, id=f"steps-{uuid.uuid4()}",
                                                 task_queue=tq)
            assert await handle.result() == {"a": 5, "b": 50}
            return await handle.fetch_history()

    history = ts_server.run(go())
    hfile = tmp_path / "steps-history.json"
    hfile.write_text(history.to_json())
    return proj, hfile, history.workflow_id


def _replay(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LUAC2PY_CACHE_DIR": str(cache)}
    return subprocess.run([EXE, "replay", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_unchanged_workflow_replays(recorded, tmp_path):
    proj, hfile, _ = recorded
    r = _replay(str(proj), str(hfile), cache=tmp_path / "cache")
    assert r.returncode == 0, r.stderr
    assert "ok: " in r.stdout and "(app:steps) replays without mismatch" in r.stdout
    assert "1 of 1 history replayed" in r.stderr


def test_reordered_activity_is_caught_at_its_lua_line(recorded, tmp_path):
    proj, hfile, _ = recorded
    changed = tmp_path / "changed"
    shutil.copytree(proj, changed)
    (changed / "steps.lua").write_text(REORDERED)
    r = _replay(str(changed), str(hfile), cache=tmp_path / "cache")
    assert r.returncode == 1, r.stdout + r.stderr
    src = changed / "steps.lua"
    # line 5 now schedules app:second where the history has app:first
    first_line = r.stderr.splitlines()[0]
    assert first_line.startswith(f"{src}:5: error: ") or first_line.startswith(
        f"{os.path.relpath(src, ROOT)}:5: error: "), r.stderr
    assert "non-determinism" in first_line
    assert "the history has activity 'app:first'; the code now issues activity 'app:second'" \
        in r.stderr
    assert "0 of 1 history replayed" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_history_export_format(recorded, tmp_path):
    """The `temporal workflow show --output json` form: enum names in the short style."""
    proj, hfile, _ = recorded
    data = json.loads(hfile.read_text())
    for ev in data["events"]:
        et = ev["eventType"]
        if et.startswith("EVENT_TYPE_"):
            ev["eventType"] = "".join(w.capitalize() for w in et[len("EVENT_TYPE_"):].split("_"))
    cli_file = tmp_path / "cli-export.json"
    cli_file.write_text(json.dumps(data))
    r = _replay(str(proj), str(cli_file), str(hfile), cache=tmp_path / "cache")
    assert r.returncode == 0, r.stderr
    assert "2 of 2 histories replayed" in r.stderr


def test_replay_from_the_cluster(ts_server, recorded, tmp_path):
    proj, _, wid = recorded
    address = ts_server.client.service_client.config.target_host
    r = _replay(str(proj), "--workflow-id", wid, "--address", address, cache=tmp_path / "cache")
    assert r.returncode == 0, r.stderr
    assert f"ok: {wid} (app:steps)" in r.stdout


def test_bad_history_file(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "_index.yaml").write_text(INDEX)
    (proj / "steps.lua").write_text(STEPS)
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    r = _replay(str(proj), str(bad), cache=tmp_path / "cache")
    assert r.returncode == 2 and "cannot read history" in r.stderr
    assert "Traceback" not in r.stderr
