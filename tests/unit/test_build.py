"""Incremental, reproducible builds: unchanged modules are reused (a no-op rebuild compiles
nothing), a change recompiles only what it touches, and two builds give identical files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from luac2py import diagnostics as D
from luac2py import project as P
from luac2py.project import CACHE_FILE, build
from tests.helpers import ROOT, luac2py, write_project


def make_project(tmp_path: Path, n: int = 50) -> Path:
    """A registry of ``n`` workflows over two namespaces sharing one library."""
    files: dict[str, str] = {
        "lib/_index.yaml": 'version: "1.0"\nnamespace: lib\nentries:\n'
                           "  - name: util\n    kind: library.lua\n    source: file://util.lua\n",
        "lib/util.lua": "local M = {}\nfunction M.double(x) return x * 2 end\nreturn M\n",
    }
    for ns in ("alpha", "beta"):
        entries = [f"  - name: worker\n    kind: temporal.worker\n    task_queue: {ns}-q\n"]
        for i in range(n // 2):
            entries.append(
                f"  - name: wf{i}\n    kind: workflow.lua\n    source: file://wf{i}.lua\n"
                "    modules: [funcs, time]\n    imports: {util: lib:util}\n"
                "    meta: {temporal: {workflow: {worker: worker}}}\n")
            files[f"{ns}/wf{i}.lua"] = (
                "local funcs = require('funcs')\nlocal time = require('time')\n"
                "local util = require('util')\n\n"
                "local function main(x)\n"
                f"  local r, err = funcs.call('{ns}:step', util.double(x) + {i})\n"
                "  if err then return nil, err end\n"
                "  time.sleep('1s')\n"
                f"  local parts = {{}}\n  for k = 1, {i % 5 + 1} do parts[k] = tostring(r) end\n"
                "  return table.concat(parts, '-')\nend\n\nreturn main\n")
        files[f"{ns}/_index.yaml"] = (f'version: "1.0"\nnamespace: {ns}\nentries:\n'
                                      + "".join(entries))
    return write_project(tmp_path, files)


def _build(src, out, **kw):
    reporter = D.Reporter()
    proj = build(src, out, reporter, **kw)
    assert not reporter.has_errors, [str(d) for d in reporter.diagnostics]
    return proj


def _tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_noop_rebuild_compiles_nothing(tmp_path):
    src = make_project(tmp_path)
    out = tmp_path / "out"
    first = _build(src, out)
    assert (first.compiled, first.reused) == (51, 0)  # 50 workflows + 1 library
    before = _tree(out)
    second = _build(src, out)
    assert (second.compiled, second.reused) == (0, 51)
    assert _tree(out) == before  # and still the full package
    assert len(second.workflows) == 50


def test_change_recompiles_only_that_module(tmp_path):
    src = make_project(tmp_path, n=6)
    out = tmp_path / "out"
    _build(src, out)
    wf = src / "alpha" / "wf1.lua"
    wf.write_text(wf.read_text().replace("time.sleep('1s')", "time.sleep('2s')"))
    p = _build(src, out)
    assert (p.compiled, p.reused) == (1, 6)
    assert "2.0" in (out / "alpha_wf1.py").read_text() or "2s" in (out / "alpha_wf1.py").read_text()
    # a library's body does not change its importers' code: only the library is recompiled
    lib = src / "lib" / "util.lua"
    lib.write_text(lib.read_text().replace("x * 2", "x * 3"))
    p = _build(src, out)
    assert (p.compiled, p.reused) == (1, 6)
    # the entry's settings are part of the key
    idx = src / "beta" / "_index.yaml"
    block = ("  - name: wf2\n    kind: workflow.lua\n    source: file://wf2.lua\n"
             "    modules: [funcs, time]\n    imports: {util: lib:util}\n"
             "    meta: {temporal: {workflow: {worker: worker}}}\n")
    assert block in idx.read_text()
    idx.write_text(idx.read_text().replace(block, block.replace(
        "{worker: worker}", "{worker: worker, name: beta.two}")))
    p = _build(src, out)
    assert (p.compiled, p.reused) == (1, 6)
    assert "beta.two" in (out / "beta_wf2.py").read_text()


def test_compiler_change_recompiles_everything(tmp_path, monkeypatch):
    src = make_project(tmp_path, n=4)
    out = tmp_path / "out"
    _build(src, out)
    monkeypatch.setattr(P, "compiler_digest", lambda: "another-compiler")
    p = _build(src, out)
    assert (p.compiled, p.reused) == (5, 0)


def test_tampered_or_missing_cache_is_ignored(tmp_path):
    src = make_project(tmp_path, n=4)
    out = tmp_path / "out"
    _build(src, out)
    # a hand-edited module is not trusted
    (out / "alpha_wf0.py").write_text("# edited\n")
    p = _build(src, out)
    assert (p.compiled, p.reused) == (1, 4)
    assert "edited" not in (out / "alpha_wf0.py").read_text()
    (out / CACHE_FILE).write_text("{not json")
    p = _build(src, out)
    assert (p.compiled, p.reused) == (5, 0)
    p = _build(src, out, incremental=False)
    assert (p.compiled, p.reused) == (5, 0)


def test_warnings_of_reused_modules_are_reported_again(tmp_path):
    src = write_project(tmp_path, {
        "_index.yaml": 'version: "1.0"\nnamespace: app\nentries:\n'
                       "  - name: wf\n    kind: workflow.lua\n    source: file://wf.lua\n",
        "wf.lua": "local function main() return helper() end\nreturn main\n",
    })
    out = tmp_path / "out"
    for expected_compiled in (1, 0):
        reporter = D.Reporter()
        proj = build(src, out, reporter)
        assert proj.compiled == expected_compiled
        assert [d.code for d in reporter.diagnostics] == ["L2P110"]


def test_two_builds_are_byte_identical(tmp_path):
    src = make_project(tmp_path, n=8)
    # separate processes with different hash seeds: no set or dict order leaks into the output
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([str(Path(sys.executable).parent / "luac2py"), "build", str(src),
                            "-o", str(out)], capture_output=True, text=True, cwd=ROOT, env=env)
        assert r.returncode == 0, r.stderr
        outs.append(_tree(out))
    assert outs[0].keys() == outs[1].keys()
    assert outs[0] == outs[1]
    # and the sample projects
    for sample in ("order", "multi"):
        a, b = tmp_path / f"{sample}-a", tmp_path / f"{sample}-b"
        _build(ROOT / "samples" / sample, a)
        _build(ROOT / "samples" / sample, b, incremental=False)
        assert _tree(a) == _tree(b)


def test_cache_records_what_each_module_came_from(tmp_path):
    src = make_project(tmp_path, n=2)
    out = tmp_path / "out"
    _build(src, out)
    data = json.loads((out / CACHE_FILE).read_text())
    assert data["version"] == P.CACHE_VERSION and data["compiler"] == P.compiler_digest()
    assert sorted(data["modules"]) == sorted(p.name for p in out.glob("*.py"))
    for rec in data["modules"].values():
        assert len(rec["key"]) == 64 and len(rec["sha256"]) == 64


def test_noop_rebuild_does_not_load_the_compiler(tmp_path):
    src = make_project(tmp_path, n=4)
    out = tmp_path / "out"
    code = (
        "import sys\nfrom pathlib import Path\nfrom luac2py import diagnostics as D\n"
        "from luac2py.project import build\n"
        f"p = build(Path({str(src)!r}), Path({str(out)!r}), D.Reporter())\n"
        "heavy = [m for m in ('black', 'jinja2', 'luac2py.lower.chunk', 'luac2py.frontend.parser',"
        " 'luac2py.semantics.catalog') if m in sys.modules]\n"
        "print(p.compiled, heavy)\n"
    )
    # both builds in fresh processes, back to back: the compiler's digest is read from its
    # source files, which other work in this checkout may change while the suite runs
    for _attempt in range(3):
        runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               cwd=ROOT) for _ in range(2)]
        assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
        if runs[1].stdout.split()[0] == "0":
            break
    assert runs[1].stdout.strip() == "0 []", runs[1].stdout


def test_cli_reports_counts(tmp_path):
    src = make_project(tmp_path, n=2)
    out = tmp_path / "out"
    r = luac2py("build", str(src), "-o", str(out))
    assert r.returncode == 0 and "(3 module(s) compiled, 0 unchanged)" in r.stderr
    r = luac2py("build", str(src), "-o", str(out))
    assert r.returncode == 0 and "(0 module(s) compiled, 3 unchanged)" in r.stderr
    r = luac2py("build", str(src), "-o", str(out), "--no-cache")
    assert "(3 module(s) compiled, 0 unchanged)" in r.stderr


def test_progress_on_a_terminal(tmp_path, monkeypatch):
    import io

    from luac2py import cli

    class Tty(io.StringIO):
        def isatty(self):
            return True

    src = make_project(tmp_path, n=4)
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(cli._Progress, "__init__",
                        lambda self, stream, delay=0.0: _init(self, stream))

    def _init(self, stream):
        import time

        self.stream, self.start, self.delay, self.shown, self._time = stream, 0.0, 0.0, False, time

    assert cli.main(["build", str(src), "-o", str(tmp_path / "out")]) == 0
    text = err.getvalue()
    assert "\r[1/5] compiling lib:util" in text and "[5/5] compiling beta:wf1" in text
    assert text.rstrip().endswith("unchanged)")
    # not a terminal: no progress
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    assert cli.main(["build", str(src), "-o", str(tmp_path / "out2")]) == 0
    assert "compiling" not in plain.getvalue()


@pytest.mark.parametrize("n", [50])
def test_fifty_workflow_project_builds_and_checks(tmp_path, n):
    src = make_project(tmp_path, n=n)
    r = luac2py("check", str(src))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 error(s), 0 warning(s)" in r.stdout


def test_package_refuses_a_runtime_with_another_interface(tmp_path):
    """A package built for one runtime interface does not import under another: the error
    says to rebuild (run in a subprocess: the runtime's constant is patched there)."""
    src = make_project(tmp_path, n=2)
    out = tmp_path / "pkg_iface"
    _build(src, out)
    code = ("import sys, luac2py_runtime\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "import pkg_iface\n"  # the right interface: imports
            "del sys.modules['pkg_iface']\n"
            "luac2py_runtime.INTERFACE += 1\n"
            "try:\n"
            "    import pkg_iface\n"
            "except ImportError as e:\n"
            "    print('refused:', e)\n")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "refused: pkg_iface was built by luac2py for runtime interface" in r.stdout
    assert "rebuild it with `luac2py build`" in r.stdout
