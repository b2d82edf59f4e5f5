"""Registries: every error names the YAML file and line with a stable code; namespaces,
references, library imports (shared, chained, cyclic) and the package's worker view."""

from __future__ import annotations

import uuid

import pytest

from luac2py import diagnostics as D
from luac2py.project import build, compile_project
from tests.helpers import build_package, luac2py, write_project

WF = "local function main(x) return x end\nreturn main\n"


def _check(root):
    reporter = D.Reporter()
    compile_project(root, reporter, fmt=False)
    return reporter.diagnostics


def _errors(root):
    return [d for d in _check(root) if d.severity == "error"]


def _one(root, code):
    errs = _errors(root)
    assert [d.code for d in errs] == [code], [str(d) for d in errs]
    return errs[0]


def _index(ns, entries):
    return f'version: "1.0"\nnamespace: {ns}\n\nentries:\n{entries}'


WORKER = """  - name: worker
    kind: temporal.worker
    task_queue: q
"""


def test_missing_source_file(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": _index("app", WORKER + """
  - name: wf
    kind: workflow.lua
    source: file://nope.lua
    meta: {temporal: {workflow: {worker: worker}}}
""")})
    d = _one(root, "L2P206")
    assert d.file == str(root / "_index.yaml") and d.line == 9
    assert str(d).startswith(f"{root / '_index.yaml'}:9: error: entry 'app:wf': source file "
                             "not found: file://nope.lua [L2P206]")


def test_entry_without_source(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": _index("app", """  - name: wf
    kind: workflow.lua
""")})
    d = _one(root, "L2P205")
    assert d.line == 5


def test_unknown_worker(tmp_path):
    root = write_project(tmp_path, {"wf.lua": WF, "_index.yaml": _index("app", WORKER + """
  - name: wf
    kind: workflow.lua
    source: file://wf.lua
    meta: {temporal: {workflow: {worker: app:nobody}}}
""")})
    d = _one(root, "L2P207")
    assert d.line == 9 and "unknown worker 'app:nobody'" in d.message


def test_worker_reference_must_name_a_worker(tmp_path):
    # a reference to an entry of another kind is as unknown as a missing one
    root = write_project(tmp_path, {"wf.lua": WF, "_index.yaml": _index("app", WORKER + """
  - name: wf
    kind: workflow.lua
    source: file://wf.lua
    meta: {temporal: {workflow: {worker: wf}}}
""")})
    _one(root, "L2P207")


def test_duplicate_id(tmp_path):
    root = write_project(tmp_path, {"wf.lua": WF, "_index.yaml": _index("app", WORKER + """
  - name: worker
    kind: temporal.worker
    task_queue: other
""")})
    d = _one(root, "L2P204")
    assert d.line == 9 and "duplicate entry ID 'app:worker'" in d.message
    assert f"{root / '_index.yaml'}:5" in d.message  # where the first one is


def test_duplicate_id_across_files(tmp_path):
    root = write_project(tmp_path, {
        "a/_index.yaml": _index("app", WORKER),
        "b/_index.yaml": _index("app", WORKER),
    })
    d = _one(root, "L2P204")
    assert d.file == str(root / "b" / "_index.yaml")


def test_duplicate_workflow_type(tmp_path):
    root = write_project(tmp_path, {"wf.lua": WF, "_index.yaml": _index("app", """  - name: a
    kind: workflow.lua
    source: file://wf.lua
    meta: {temporal: {workflow: {name: same}}}
  - name: b
    kind: workflow.lua
    source: file://wf.lua
    meta: {temporal: {workflow: {name: same}}}
""")})
    d = _one(root, "L2P204")
    assert "workflow type 'same'" in d.message


def test_bad_yaml_names_line(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": "namespace: app\nentries:\n  - name: [x\n"
                                                    "  - kind: y\n"})
    d = _one(root, "L2P202")
    assert d.file == str(root / "_index.yaml") and d.line >= 3
    assert str(d).startswith(f"{root / '_index.yaml'}:{d.line}: error: invalid YAML")


@pytest.mark.parametrize("text,line", [
    ("- just\n- a list\n", 1),
    ("version: '1.0'\nentries: []\n", 1),
    ("namespace: app\nentries: {a: 1}\n", 1),
    ("namespace: app\nentries:\n  - kind: workflow.lua\n", 3),
])
def test_malformed_registry(tmp_path, text, line):
    root = write_project(tmp_path, {"_index.yaml": text})
    d = _one(root, "L2P203")
    assert d.line == line


def test_no_registry(tmp_path):
    (tmp_path / "empty").mkdir()
    _one(tmp_path / "empty", "L2P200")


def test_unknown_client(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": _index("app", """  - name: worker
    kind: temporal.worker
    client: nowhere
    task_queue: q
""")})
    d = _one(root, "L2P209")
    assert "unknown client 'nowhere'" in d.message and d.line == 5


def test_worker_without_task_queue(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": _index("app", """  - name: worker
    kind: temporal.worker
""")})
    _one(root, "L2P211")


def test_unknown_library_import(tmp_path):
    root = write_project(tmp_path, {"wf.lua": WF, "_index.yaml": _index("app", """  - name: wf
    kind: workflow.lua
    source: file://wf.lua
    imports: {util: app:missing}
""")})
    d = _one(root, "L2P208")
    assert "import 'util' names unknown library 'app:missing'" in d.message


def test_library_import_cycle(tmp_path):
    lib = "local x = require('{0}')\nreturn {{}}\n"
    root = write_project(tmp_path, {
        "a.lua": lib.format("b"), "b.lua": lib.format("c"), "c.lua": lib.format("a"),
        "_index.yaml": _index("app", """  - name: a
    kind: library.lua
    source: file://a.lua
    imports: {b: b}
  - name: b
    kind: library.lua
    source: file://b.lua
    imports: {c: c}
  - name: c
    kind: library.lua
    source: file://c.lua
    imports: {a: app:a}
"""),
    })
    d = _one(root, "L2P210")
    assert "import cycle among libraries: app:a -> app:b -> app:c -> app:a" in d.message
    assert d.line == 5


def test_conflicting_aliases_in_import_closure(tmp_path):
    root = write_project(tmp_path, {
        "wf.lua": "local u = require('u')\nreturn function() return u end\n",
        "a.lua": "local u = require('u')\nreturn {}\n",
        "u1.lua": "return 1\n", "u2.lua": "return 2\n",
        "_index.yaml": _index("app", """  - name: wf
    kind: workflow.lua
    source: file://wf.lua
    imports: {u: u1, a: a}
  - name: a
    kind: library.lua
    source: file://a.lua
    imports: {u: u2}
  - name: u1
    kind: library.lua
    source: file://u1.lua
  - name: u2
    kind: library.lua
    source: file://u2.lua
"""),
    })
    d = _one(root, "L2P213")
    assert "alias 'u'" in d.message


def test_function_lua_activity_compiles(tmp_path):
    root = write_project(tmp_path, {"f.lua": WF, "_index.yaml": _index("app", WORKER + """
  - name: f
    kind: function.lua
    source: file://f.lua
    meta: {temporal: {activity: {worker: worker}}}
""")})
    assert _check(root) == []
    pkg = build_package(root, tmp_path)
    assert pkg.FUNCTION_MODULES == {"app:f": ("fn_app_f", "f.lua", "app:worker")}
    assert pkg.WORKER_ENTRIES["app:worker"]["activities"] == ["app:f"]


def test_activity_meta_without_worker_warns(tmp_path):
    # Wippy's activity listener skips it: a plain function, not an activity
    root = write_project(tmp_path, {"f.lua": WF, "_index.yaml": _index("app", WORKER + """
  - name: f
    kind: function.lua
    source: file://f.lua
    meta: {temporal: {activity: {local: true}}}
""")})
    diags = _check(root)
    assert [(d.code, d.severity, d.line) for d in diags] == [("L2P212", "warning", 9)]
    assert "no 'worker'" in diags[0].message
    pkg = build_package(root, tmp_path)
    assert pkg.FUNCTION_MODULES["app:f"][2] is None


def test_activity_of_an_unknown_worker(tmp_path):
    root = write_project(tmp_path, {"f.lua": WF, "_index.yaml": _index("app", WORKER + """
  - name: f
    kind: function.lua
    source: file://f.lua
    meta: {temporal: {activity: {worker: nope}}}
""")})
    d = _one(root, "L2P207")
    assert d.line == 9 and "entry 'app:f': unknown worker 'nope'" in d.message


FN_USES = """local time = require("time")
local http = require("no_such_module")
local function main(x)
  local f = io.open("x")
  return os.getenv("HOME"), os.time()
end
return main
"""


def test_function_checks_at_the_lua_line(tmp_path):
    root = write_project(tmp_path, {"f.lua": FN_USES, "_index.yaml": _index("app", """
  - name: f
    kind: function.lua
    source: file://f.lua
    modules: [time]
""")})
    got = [(d.code, d.line, d.col) for d in _errors(root)]
    # an unknown module as in a workflow; io and os.getenv do not exist in Wippy's Lua
    # (L2P106, with a hint), os.time is the real clock: no error
    assert got == [("L2P106", 4, 13), ("L2P106", 5, 12), ("L2P103", 2, 21)], got
    msgs = {d.code + str(d.line): d.message for d in _errors(root)}
    assert "'os.getenv' is not available in a function: use the env module" in msgs["L2P1065"]


def test_library_rules_follow_its_importers(tmp_path):
    lib = "local M = {}\nfunction M.t() return os.getenv('X') end\nreturn M\n"
    entries = """
  - name: lib
    kind: library.lua
    source: file://lib.lua
  - name: f
    kind: function.lua
    source: file://f.lua
    imports: {lib: lib}
"""
    wf = """
  - name: wf
    kind: workflow.lua
    source: file://f.lua
    imports: {lib: lib}
"""
    fn_only = write_project(tmp_path, {"f.lua": WF, "lib.lua": lib,
                                       "_index.yaml": _index("app", entries)})
    assert [d.code for d in _errors(fn_only)] == ["L2P106"]
    both = write_project(tmp_path, {"f.lua": WF, "lib.lua": lib,
                                    "_index.yaml": _index("app", entries + wf)})
    assert [d.code for d in _errors(both)] == ["L2P101"]


def test_registry_errors_through_the_cli(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": _index("app", WORKER + """
  - name: wf
    kind: workflow.lua
    source: file://gone.lua
""")})
    out = tmp_path / "out"
    r = luac2py("build", str(root), "-o", str(out))
    assert r.returncode == 1
    assert f"{root / '_index.yaml'}:9: error: " in r.stderr and "[L2P206]" in r.stderr
    assert "Traceback" not in r.stderr and not out.exists()
    r = luac2py("check", str(root), "--format", "json")
    assert r.returncode == 1
    import json

    [d] = json.loads(r.stdout)
    assert d["code"] == "L2P206" and d["line"] == 9 and d["col"] == 0


def test_unrelated_kinds_are_ignored(tmp_path):
    root = write_project(tmp_path, {"wf.lua": WF, "_index.yaml": _index("app", """  - name: api
    kind: http.service
    addr: ":8080"
  - name: wf
    kind: workflow.lua
    source: file://wf.lua
""")})
    assert _check(root) == []


# -- what a good registry builds into --------------------------------------------------------


def _multi_ns(tmp_path):
    return write_project(tmp_path, {
        "common/_index.yaml": _index("common", """  - name: temporal
    kind: temporal.client
    address: "example.org:7233"
    namespace: prod
    tq_prefix: "dev-"
  - name: util
    kind: library.lua
    source: file://util.lua
    imports: {fmt: fmt}
  - name: fmt
    kind: library.lua
    source: file://fmt.lua
"""),
        "common/util.lua": "local fmt = require('fmt')\nlocal M = {}\nM.loads = 0\n"
                           "function M.shout(s) return fmt.bang(string.upper(s)) end\n"
                           "M.loads = M.loads + 1\nreturn M\n",
        "common/fmt.lua": "return { bang = function(s) return s .. '!' end }\n",
        "a/_index.yaml": _index("app.a", """  - name: worker
    kind: temporal.worker
    client: common:temporal
    task_queue: aq
  - name: hello
    kind: workflow.lua
    source: file://hello.lua
    method: run
    imports: {util: common:util}
    meta: {temporal: {workflow: {worker: worker}}}
  - name: twice
    kind: workflow.lua
    source: file://twice.lua
    imports: {u: common:util, f: common:fmt}
    meta: {temporal: {workflow: {worker: app.a:worker, name: twice.v1}}}
"""),
        "a/hello.lua": "local util = require('util')\n"
                       "return { run = function(name) return util.shout(name) end }\n",
        # require() of the same library twice gives the same (once-loaded) value
        "a/twice.lua": "local u = require('u')\nlocal f = require('f')\n"
                       "return function()\n  local again = require('u')\n"
                       "  return {same = again == u, loads = u.loads, s = f.bang('x')}\nend\n",
        "b/_index.yaml": _index("app.b", """  - name: worker
    kind: temporal.worker
    task_queue: bq
  - name: plain
    kind: workflow.lua
    source: file://plain.lua
    meta: {temporal: {workflow: {worker: worker}}}
"""),
        "b/plain.lua": WF,
    })


def test_namespaces_references_and_package(tmp_path):
    root = _multi_ns(tmp_path)
    assert _check(root) == []
    pkg = build_package(root, tmp_path)
    assert sorted(pkg.WORKFLOW_MODULES) == ["app.a:hello", "app.b:plain", "twice.v1"]
    assert pkg.WORKER_ENTRIES["app.a:worker"]["task_queue"] == "dev-aq"  # the client's prefix
    assert pkg.WORKER_ENTRIES["app.a:worker"]["client"] == "common:temporal"
    assert pkg.WORKER_ENTRIES["app.a:worker"]["workflows"] == ["app.a:hello", "twice.v1"]
    assert pkg.WORKER_ENTRIES["app.b:worker"] == {
        "task_queue": "bq", "client": None, "workflows": ["app.b:plain"], "activities": [],
        "worker_options": {}}
    assert pkg.CLIENT_ENTRIES["common:temporal"]["namespace"] == "prod"
    import temporalio.workflow

    names = [temporalio.workflow._Definition.must_from_class(c).name
             for c in pkg.workflows_for("app.a:worker")]
    assert names == ["app.a:hello", "twice.v1"]
    assert len(pkg.WORKFLOWS) == 3
    # each library is compiled once, into its own module
    import os

    files = sorted(os.listdir(os.path.dirname(pkg.__file__)))
    assert [f for f in files if f.startswith("lib_")] == ["lib_common_fmt.py",
                                                          "lib_common_util.py"]


def test_require_alias_returns_the_library_value(ts_server, tmp_path):
    root = _multi_ns(tmp_path)
    pkg = build_package(root, tmp_path)
    from luac2py_runtime import new_worker

    async def go():
        client = ts_server.client
        tq = f"reg-{uuid.uuid4()}"
        async with new_worker(client, tq, pkg.WORKFLOWS):
            a = await client.execute_workflow("app.a:hello", "hi", id=f"h-{uuid.uuid4()}",
                                              task_queue=tq)
            b = await client.execute_workflow("twice.v1", id=f"t-{uuid.uuid4()}",
                                              task_queue=tq)
        return a, b

    a, b = ts_server.run(go())
    assert a == "HI!"  # util (which requires fmt through its own import) works
    assert b == {"same": True, "loads": 1, "s": "x!"}


def test_run_worker_helper(ts_server, tmp_path):
    root = _multi_ns(tmp_path)
    pkg = build_package(root, tmp_path)
    import asyncio

    async def go():
        client = ts_server.client
        task = asyncio.ensure_future(pkg.run_worker(client, "app.b:worker"))
        try:
            return await client.execute_workflow("app.b:plain", 41, id=f"p-{uuid.uuid4()}",
                                                 task_queue="bq")
        finally:
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass

    assert ts_server.run(go()) == 41


def test_failed_build_writes_nothing(tmp_path):
    root = write_project(tmp_path, {"_index.yaml": _index("app", """  - name: wf
    kind: workflow.lua
""")})
    out = tmp_path / "out"
    reporter = D.Reporter()
    build(root, out, reporter)
    assert reporter.has_errors and not out.exists()
