"""Bad input: a clear file:line:col error, a non-zero exit, no traceback, no output."""

from __future__ import annotations

from tests.helpers import luac2py


def test_syntax_error_reports_position_and_writes_nothing(tmp_path):
    src = tmp_path / "bad.lua"
    src.write_text("local x = 1\nlocal function f()\n  return x +\nend\n")
    out = tmp_path / "out"
    r = luac2py("build", str(src), "-o", str(out))
    assert r.returncode != 0
    assert f"{src}:4:1: error:" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_failed_rebuild_keeps_previous_output(tmp_path):
    src = tmp_path / "ok.lua"
    src.write_text("return function() return 1 end\n")
    out = tmp_path / "out"
    assert luac2py("build", str(src), "-o", str(out)).returncode == 0
    before = sorted(p.name for p in out.iterdir())
    src.write_text("return function() return 1 +\n")
    r = luac2py("build", str(src), "-o", str(out))
    assert r.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == before


def test_forbidden_call_is_rejected_at_its_line(tmp_path):
    src = tmp_path / "wf.lua"
    src.write_text("local function main()\n  local f = io.open('x')\nend\nreturn main\n")
    r = luac2py("build", str(src), "-o", str(tmp_path / "out"))
    assert r.returncode == 1
    assert f"{src}:2:" in r.stderr and "[L2P101]" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_source_is_an_error(tmp_path):
    r = luac2py("build", str(tmp_path / "nope.lua"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert "no such file" in r.stderr
