"""`luac2py call`: a function.lua entry run as a host process (its spawns, messages, links
and events are tested in test_host.py, through the same runtime entry point)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers import luac2py, write_project

# -- luac2py call ----------------------------------------------------------------------------

PROJECT = {
    "_index.yaml": """version: "1.0"
namespace: app
entries:
  - {name: worker, kind: temporal.worker, task_queue: call-q}
  - name: hello
    kind: workflow.lua
    source: file://hello.lua
    modules: [funcs]
    meta: {temporal: {workflow: {worker: worker}}}
  - name: double
    kind: function.lua
    source: file://double.lua
    meta: {temporal: {activity: {worker: worker}}}
  - name: greet
    kind: function.lua
    source: file://greet.lua
  - name: broken
    kind: function.lua
    source: file://broken.lua
""",
    "hello.lua": """local funcs = require("funcs")
return function(name)
    local n = funcs.call("app:double", 21)
    return "hello " .. name .. " " .. n
end
""",
    "double.lua": "return function(x) return x * 2 end\n",
    # a host process: a workflow (which calls a Lua activity) run to its end with exec
    "greet.lua": """return function(name)
    local r, err = process.exec("app:hello", "app:worker", name)
    return {greeting = r, error = err and tostring(err), pid = type(process.pid())}
end
""",
    "broken.lua": "return function() error('broken on purpose') end\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("call")
    return write_project(tmp, PROJECT), tmp / "call_pkg"


def test_call_prints_the_result(project):
    root, build = project
    r = luac2py("call", str(root), "app:greet", "--input", '"you"', "--build-dir", str(build))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"greeting": "hello you 42", "pid": "string"}
    assert "dev server at 127.0.0.1:" in r.stderr


def test_call_of_a_failing_function(project):
    root, build = project
    r = luac2py("call", str(root), "app:broken", "--time-skipping", "--build-dir", str(build))
    assert r.returncode == 1
    assert r.stdout == ""
    assert "error: Internal: broken.lua:1: broken on purpose" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("entry, message", [
    ("app:hello", "error: 'app:hello' is a workflow.lua entry, not a function: run it with "
                  "`luac2py run {root} --workflow app:hello`"),
    ("app:worker", "error: 'app:worker' is a temporal.worker entry, not a function.lua entry"),
    ("app:nope", "error: no function entry 'app:nope' in {root} (have: app:broken, "
                 "app:double, app:greet)"),
])
def test_call_of_what_is_not_a_function(project, entry, message):
    root, build = project
    r = luac2py("call", str(root), entry, "--build-dir", str(build))
    assert r.returncode == 2
    assert message.format(root=root) in r.stderr
    assert "Traceback" not in r.stderr and "dev server" not in r.stderr
