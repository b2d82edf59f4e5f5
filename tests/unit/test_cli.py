"""`luac2py check` (text and JSON), determinism diagnostics with their codes, `run` choosing
among several workflows, and where `worker`/`run` connect (flags > env > client entry)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import ROOT, luac2py, write_project

# the seed's saga example (workflows.ko.md): run_compensations is called before its
# `local function` definition, so at the call it is an (unassigned) global
SAGA = """local funcs = require("funcs")

local function main(order)
    local compensations = {}

    local reservation, err = funcs.call("app:reserve_inventory", order.items)
    if err then
        return {status = "failed", step = "inventory", error = tostring(err)}
    end
    table.insert(compensations, 1, {
        action = "app:release_inventory",
        args = reservation.id
    })

    local payment, err = funcs.call("app:charge_payment", order.payment)
    if err then
        run_compensations(compensations)
        return {status = "failed", step = "payment", error = tostring(err)}
    end
    return {status = "completed"}
end

local function run_compensations(compensations)
    for _, comp in ipairs(compensations) do
        funcs.call(comp.action, comp.args)
    end
end

return main
"""


def _project(tmp_path, lua: str, modules=("funcs", "time")):
    mods = "[" + ", ".join(modules) + "]"
    return write_project(tmp_path, {
        "_index.yaml": 'version: "1.0"\nnamespace: app\nentries:\n'
                       "  - name: worker\n    kind: temporal.worker\n    task_queue: q\n"
                       "  - name: wf\n    kind: workflow.lua\n    source: file://wf.lua\n"
                       f"    modules: {mods}\n"
                       "    meta: {temporal: {workflow: {worker: worker}}}\n",
        "wf.lua": lua,
    })


def test_check_warns_on_saga_global(tmp_path):
    root = _project(tmp_path, SAGA)
    r = luac2py("check", str(root))
    assert r.returncode == 0, r.stdout  # a warning does not fail the check
    wf = root / "wf.lua"
    assert (f"{wf}:17:9: warning: global 'run_compensations' is read but never assigned"
            in r.stdout)
    assert "[L2P110]" in r.stdout and "0 error(s), 1 warning(s)" in r.stdout
    assert "        run_compensations(compensations)\n" in r.stdout  # the source line
    r = luac2py("check", str(root), "--format", "json")
    assert r.returncode == 0
    assert json.loads(r.stdout) == [{
        "code": "L2P110", "severity": "warning",
        "message": "global 'run_compensations' is read but never assigned, and is no builtin "
                   "or module (a 'local function' defined later in the file is not visible "
                   "here)",
        "file": str(wf), "line": 17, "col": 9}]


def test_check_clean_project_and_writes_nothing(tmp_path):
    r = luac2py("check", "samples/multi")
    assert r.returncode == 0 and r.stdout.strip() == "0 error(s), 0 warning(s)"
    r = luac2py("check", "samples/multi", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == []
    assert not list((ROOT / "samples" / "multi").rglob("*.luac2py-cache.json"))


@pytest.mark.parametrize("lua,code,line,text", [
    ("local function main()\n  local f = io.open('x')\nend\nreturn main\n",
     "L2P101", 2, "'io' cannot be used in a workflow"),
    ("local function main()\n  return os.getenv('HOME')\nend\nreturn main\n",
     "L2P101", 2, "'os.getenv' cannot be used in a workflow"),
    ("local function main()\n  return load('return 1')()\nend\nreturn main\n",
     "L2P101", 2, "'load' cannot be used in a workflow"),
    ("local function main()\n  local t = debug.traceback()\nend\nreturn main\n",
     "L2P101", 2, "'debug' cannot be used in a workflow"),
    ("local time = require('time')\n\nreturn function() return 1 end\n",
     "L2P102", 1, "module 'time' is not in this entry's 'modules' list"),
    ("local json = require('no_such_module')\nreturn function() return 1 end\n",
     "L2P103", 1, "require('no_such_module'): no such module"),
    ("local name = 'funcs'\nlocal m = require(name)\nreturn function() return 1 end\n",
     "L2P104", 2, "require() needs a string literal"),
])
def test_determinism_errors(tmp_path, lua, code, line, text):
    root = _project(tmp_path, lua, modules=("funcs",))
    r = luac2py("check", str(root), "--format", "json")
    assert r.returncode == 1
    errs = [d for d in json.loads(r.stdout) if d["severity"] == "error"]
    assert [(d["code"], d["line"]) for d in errs] == [(code, line)], errs
    assert text in errs[0]["message"]
    assert errs[0]["file"] == str(root / "wf.lua") and errs[0]["col"] > 0
    # build fails the same way, writing nothing
    out = tmp_path / "out"
    r = luac2py("build", str(root), "-o", str(out))
    assert r.returncode == 1 and f"[{code}]" in r.stderr and not out.exists()
    assert "Traceback" not in r.stderr


def test_check_reports_all_errors_at_once(tmp_path):
    root = _project(tmp_path, "local a = require('nope')\nlocal function main()\n"
                              "  io.write('x')\n  return dofile('y')\nend\nreturn main\n")
    r = luac2py("check", str(root))
    assert r.returncode == 1
    for code in ("L2P103", "L2P101"):
        assert f"[{code}]" in r.stdout
    assert "3 error(s)" in r.stdout


# two workflows, wf.lua listed first; in each file the phases report in their own order
# (wf.lua: determinism errors of lines 3 and 5, the require error of line 4, then warnings)
SORT_INDEX = """version: "1.0"
namespace: app
entries:
  - name: worker
    kind: temporal.worker
    task_queue: q
  - name: wf
    kind: workflow.lua
    source: file://wf.lua
    modules: [funcs]
    meta: {temporal: {workflow: {worker: worker}}}
  - name: a
    kind: workflow.lua
    source: file://a.lua
    meta: {temporal: {workflow: {worker: worker}}}
"""
SORT_WF = """local function main()
  local x = undefined_global
  local y = io.open("x")
  local z = require("time")
  return os.getenv("HOME"), later()
end
local function later() end
return main
"""
SORT_A = """local function main()
  return io.write(nothing_here)
end
return main
"""


def _positions(lines: list[str]) -> list[str]:
    """``FILE:LINE:COL [CODE]`` of each diagnostic of text output (not its source lines)."""
    return [ln.split(": ")[0] + " " + ln[ln.rindex("["):] for ln in lines
            if not ln.startswith(" ") and ln.endswith("]")]


def test_diagnostics_are_listed_by_file_line_column(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": SORT_INDEX, "wf.lua": SORT_WF,
                                    "a.lua": SORT_A})
    a, wf = root / "a.lua", root / "wf.lua"
    expected = [(a, 2, 10, "L2P101"), (a, 2, 19, "L2P110"),
                (wf, 2, 13, "L2P110"), (wf, 3, 13, "L2P101"), (wf, 4, 20, "L2P102"),
                (wf, 5, 12, "L2P101"), (wf, 5, 29, "L2P110")]
    r = luac2py("check", str(root), "--format", "json")
    assert r.returncode == 1
    assert [(d["file"], d["line"], d["col"], d["code"]) for d in json.loads(r.stdout)] == \
        [(str(f), line, col, code) for f, line, col, code in expected]
    text = [f"{f}:{line}:{col} [{code}]" for f, line, col, code in expected]
    r = luac2py("check", str(root))
    assert _positions(r.stdout.splitlines()) == text
    assert r.stdout.endswith("4 error(s), 3 warning(s)\n")
    r = luac2py("build", str(root), "-o", str(tmp_path / "out"))
    assert r.returncode == 1 and _positions(r.stderr.splitlines()) == text


def test_diagnostics_at_one_position_keep_their_order(tmp_path):
    """Each broken entry has three errors on its line (column 0), reported as the registry
    checks them: source, imports, worker. Listed by position, they keep that order."""
    broken = ("  - name: {0}\n    kind: workflow.lua\n    source: file://missing_{0}.lua\n"
              "    imports: {{lib: app:nolib}}\n"
              "    meta: {{temporal: {{workflow: {{worker: noworker}}}}}}\n")
    root = write_project(tmp_path, {"_index.yaml": SORT_INDEX.split("  - name: wf")[0]
                                     + broken.format("one") + broken.format("two")})
    r = luac2py("check", str(root), "--format", "json")
    assert r.returncode == 1
    assert [(d["line"], d["col"], d["code"]) for d in json.loads(r.stdout)] == [
        (7, 0, "L2P206"), (7, 0, "L2P208"), (7, 0, "L2P207"),
        (12, 0, "L2P206"), (12, 0, "L2P208"), (12, 0, "L2P207")]


def _many_warnings(tmp_path, n: int = 1000):
    """A workflow with ``n`` warnings: far more output than a pipe holds (64 KiB)."""
    lua = "local t = {}\n" + "".join(f"t[{i}] = g{i}\n" for i in range(n)) + \
          "return function() return t end\n"
    return write_project(tmp_path, {"wf.lua": lua}) / "wf.lua"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_into_a_closed_pipe_ends_quietly(tmp_path, fmt):
    """``luac2py check | head -1``: the reader takes one line and goes away; the rest of the
    output cannot be written. Like ``cat`` or ``grep``, luac2py ends at once with the status
    of SIGPIPE (128 + 13), saying nothing."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    src = _many_warnings(tmp_path)
    exe = Path(sys.executable).parent / "luac2py"
    p = subprocess.Popen([str(exe), "check", str(src), "--format", fmt],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=120) == 128 + signal.SIGPIPE, err
    assert err == b""
    assert first == (b"[\n" if fmt == "json" else
                     f"{src}:2:8: warning: global 'g0' is read but never assigned".encode()
                     + first[first.index(b", and"):])
    # the same check into a reader that takes everything: 1000 warnings, exit 0
    r = luac2py("check", str(src), "--format", fmt)
    assert r.returncode == 0 and r.stderr == ""
    assert (len(json.loads(r.stdout)) if fmt == "json" else r.stdout.count("[L2P110]")) == 1000


def test_exec_into_a_closed_pipe_ends_quietly(tmp_path):
    """``luac2py exec script.lua | head -1``: the script's print meets the closed pipe; the run
    ends there (a pcall around print does not catch it), quietly, with SIGPIPE's status."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    src = write_project(tmp_path, {"many.lua": (
        'for i = 1, 200000 do\n'
        '  local ok = pcall(print, "line " .. i)\n'
        '  if not ok then print("caught") end\n'
        'end\n')}) / "many.lua"
    exe = Path(sys.executable).parent / "luac2py"
    p = subprocess.Popen([str(exe), "exec", str(src)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=ROOT)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=120) == 128 + signal.SIGPIPE, err
    assert (first, err) == (b"line 1\n", b"")


def test_help_and_version():
    import tomllib

    r = luac2py("--help")
    assert r.returncode == 0
    assert r.stdout.splitlines()[2] == \
        "Compile Wippy workflow Lua into native Python Temporal workflows."
    assert "``" not in r.stdout
    r = luac2py("--version")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (r.returncode, r.stdout) == (0, f"luac2py {project['version']}\n")


def test_check_missing_path(tmp_path):
    r = luac2py("check", str(tmp_path / "nothing"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr


def test_run_needs_workflow_when_several(tmp_path):
    r = luac2py("run", "samples/multi", "--time-skipping")
    assert r.returncode == 2
    assert "pick one with --workflow" in r.stderr and "shop:greet" in r.stderr
    r = luac2py("run", "samples/multi", "--workflow", "shop:nope", "--time-skipping")
    assert r.returncode == 2 and "no workflow 'shop:nope'" in r.stderr
    assert "Traceback" not in r.stderr


def test_worker_unknown_entry(tmp_path):
    r = luac2py("worker", "samples/multi", "--worker", "shop:nobody", "--address",
                "127.0.0.1:1")
    assert r.returncode == 2 and "no worker entry 'shop:nobody'" in r.stderr
    assert "billing:worker" in r.stderr and "shop:worker" in r.stderr


def test_worker_bad_activities_module():
    r = luac2py("worker", "samples/multi", "--activities", "samples.multi.nope")
    assert r.returncode == 2 and "cannot import activities module" in r.stderr


# -- where to connect ------------------------------------------------------------------------


def test_connection_precedence(tmp_path):
    from luac2py_runtime.temporal.runner import ConfigError, resolve_connection

    entry = {"address": "entry:7233", "namespace": "entry-ns",
             "auth": {"type": "api_key", "api_key": "${env:MY_KEY}"}}
    c = resolve_connection(None, env={})
    assert (c.address, c.namespace, c.api_key, c.tls) == ("localhost:7233", "default", None,
                                                         False)
    c = resolve_connection(entry, env={"MY_KEY": "k1"})
    assert (c.address, c.namespace, c.api_key) == ("entry:7233", "entry-ns", "k1")
    assert c.connect_kwargs() == {"api_key": "k1", "tls": True}  # an API key implies TLS
    env = {"MY_KEY": "k1", "TEMPORAL_ADDRESS": "env:7233", "TEMPORAL_NAMESPACE": "env-ns",
           "TEMPORAL_API_KEY": "k2"}
    c = resolve_connection(entry, env=env)
    assert (c.address, c.namespace, c.api_key, c.source) == ("env:7233", "env-ns", "k2",
                                                             "TEMPORAL_ADDRESS")
    c = resolve_connection(entry, env=env, address="flag:7233", namespace="flag-ns",
                           api_key="k3")
    assert (c.address, c.namespace, c.api_key, c.source) == ("flag:7233", "flag-ns", "k3",
                                                             "--address")
    with pytest.raises(ConfigError, match="MY_KEY is not set"):
        resolve_connection(entry, env={})
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    cert.write_bytes(b"CERT")
    key.write_bytes(b"KEY")
    c = resolve_connection({"auth": {"type": "mtls", "cert_file": str(cert),
                                     "key_file": str(key)},
                            "tls": {"enabled": True, "server_name": "t.example"}}, env={})
    kw = c.connect_kwargs()
    assert kw["tls"].client_cert == b"CERT" and kw["tls"].client_private_key == b"KEY"
    assert kw["tls"].domain == "t.example"
    c = resolve_connection(None, env={}, tls_cert=str(cert), tls_key=str(key))
    assert c.connect_kwargs()["tls"].client_cert == b"CERT"
    with pytest.raises(ConfigError, match="needs its key"):
        resolve_connection(None, env={}, tls_cert=str(cert))
    with pytest.raises(ConfigError, match="cannot read"):
        resolve_connection(None, env={}, tls_cert=str(tmp_path / "missing"),
                           tls_key=str(key))


def test_worker_plans_for_the_multi_sample(tmp_path):
    from luac2py_runtime.temporal.runner import plan_workers
    from tests.helpers import build_package

    pkg = build_package(ROOT / "samples" / "multi", tmp_path)
    plans = plan_workers(pkg, address="127.0.0.1:9999")
    assert [(p.entries, p.task_queue, p.connection.address) for p in plans] == [
        (["billing:worker"], "billing", "127.0.0.1:9999"),
        (["shop:worker"], "shop", "127.0.0.1:9999"),
    ]
    assert len(plans[0].workflows) == 6 and len(plans[1].workflows) == 6
    assert "billing.tax.v1" in plans[0].workflows
    # entries put on one queue share one worker: two workers polling a queue would each
    # take workflow tasks of types only the other one registered
    [one] = plan_workers(pkg, task_queue="one", address="127.0.0.1:9999")
    assert one.entries == ["billing:worker", "shop:worker"] and one.task_queue == "one"
    assert sorted(one.workflows) == sorted(plans[0].workflows + plans[1].workflows)
    [p] = plan_workers(pkg, ["shop:worker"])
    # no flag, no env: the client entry common:temporal
    assert p.connection.address == "localhost:7233" and p.connection.source in (
        "client entry", "TEMPORAL_ADDRESS")


@pytest.mark.parametrize("cmd", [
    ["run", "samples/multi", "--workflow", "shop:greet", "--no-worker"],
    ["worker", "samples/multi"],
])
def test_unreachable_cluster_is_a_clear_error(cmd):
    r = luac2py(*cmd, "--address", "127.0.0.1:1")
    assert r.returncode == 1
    assert "error: " in r.stderr and "127.0.0.1:1" in r.stderr
    assert "Traceback" not in r.stderr


def test_no_worker_needs_a_cluster():
    r = luac2py("run", "samples/multi", "--workflow", "shop:greet", "--no-worker")
    assert r.returncode == 2 and "--no-worker needs a cluster" in r.stderr
