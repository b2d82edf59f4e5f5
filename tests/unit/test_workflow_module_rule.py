"""Modules a workflow may not use (``catalog.WORKFLOW_FORBIDDEN_MODULES``: http_client, env,
logger) are a compile error (L2P105) at the ``require`` line of a workflow, or of a library a
workflow imports, with a hint to move the call into a function; ``luac2py exec`` and
libraries only functions import may use them; pure modules (yaml, base64, hash) are allowed in
workflows, as Wippy's deterministic classes are. Also: uuid and crypto draw from the OS's
random source outside workflows, which ``math.randomseed`` does not reach."""

from __future__ import annotations

import pytest

from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py.project import compile_project
from tests.helpers import luac2py, write_project
from tests.unit.hostlua import run_lua


def _compile(src: str, **kw: object) -> list[D.Diagnostic]:
    rep = D.Reporter()
    compile_chunk(src, "wf.lua", rep, fmt=False, **kw)  # type: ignore[arg-type]
    return [d for d in rep.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("module", ["http_client", "env", "logger"])
def test_workflow_require_is_an_error_at_the_line(module: str) -> None:
    src = f'local x = 1\nlocal m = require("{module}")\nreturn function() return x end\n'
    errs = _compile(src, allowed_modules=frozenset({module}))
    assert [(d.code, d.line, d.col) for d in errs] == [("L2P105", 2, 18)]
    msg = str(errs[0])
    assert msg.startswith(f"wf.lua:2:18: error: require('{module}'): module '{module}' "
                          "cannot be used in a workflow: ")
    assert "move the call into a function (a function.lua entry) and call that with " \
           "funcs.call [L2P105]" in msg
    # also without the module in the allow-list: the more useful error, once
    assert [d.code for d in _compile(src, allowed_modules=frozenset())] == ["L2P105"]


@pytest.mark.parametrize("module", ["http_client", "env", "logger", "yaml", "hash"])
def test_outside_workflows_they_compile(module: str) -> None:
    assert _compile(f'local m = require("{module}")\n', in_workflow=False) == []


@pytest.mark.parametrize("module", ["yaml", "base64", "hash", "json"])
def test_pure_modules_are_allowed_in_workflows(module: str) -> None:
    assert _compile(f'local m = require("{module}")\nreturn function() return m end\n',
                    allowed_modules=frozenset({module})) == []


def _project(tmp_path, wf_imports_lib: bool):  # type: ignore[no-untyped-def]
    imports = "    imports: {util: app:util}\n" if wf_imports_lib else ""
    return write_project(tmp_path, {
        "_index.yaml": f"""version: "1.0"
namespace: app
entries:
  - name: worker
    kind: temporal.worker
    task_queue: q
  - name: util
    kind: library.lua
    source: file://util.lua
    modules: [http_client]
  - name: wf
    kind: workflow.lua
    source: file://wf.lua
{imports}    meta: {{temporal: {{workflow: {{worker: worker}}}}}}
""",
        "util.lua": 'local M = {}\nlocal http = require("http_client")\n'
                    "function M.get(u) return http.get(u) end\nreturn M\n",
        "wf.lua": ("local util = require('util')\n" if wf_imports_lib else "")
        + "return function() return 1 end\n",
    })


def test_library_imported_by_a_workflow(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path, True)
    rep = D.Reporter()
    compile_project(root, rep, fmt=False)
    errs = [d for d in rep.diagnostics if d.severity == "error"]
    assert [(d.code, d.file.endswith("util.lua"), d.line, d.col) for d in errs] == \
        [("L2P105", True, 2, 21)]
    assert "this library is imported by workflow 'app:wf'" in errs[0].message


def test_library_no_workflow_imports_is_fine(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path, False)
    rep = D.Reporter()
    compile_project(root, rep, fmt=False)
    assert not rep.has_errors, [str(d) for d in rep.diagnostics]


def test_cli_build_reports_it_without_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path / "p", True)
    # twice: the second build reads the library from the build cache
    for _ in range(2):
        p = luac2py("build", str(root), "-o", str(tmp_path / "out"))
        assert p.returncode != 0
        assert "util.lua:2:21: error: require('http_client')" in p.stdout + p.stderr
        assert "Traceback" not in p.stdout + p.stderr


def test_host_randomness_is_real_and_not_reseeded() -> None:
    src = """
        local uuid = require("uuid")
        local crypto = require("crypto")
        math.randomseed(42)
        print(uuid.v4(), crypto.random.bytes(16) ~= nil and #crypto.random.bytes(16))
        print(uuid.v4())
    """
    a, b = run_lua(src), run_lua(src)
    assert a[0] != b[0] and a[1] != b[1]  # math.randomseed(42) in both runs: no effect
    assert a[0].endswith("\t16")
