"""Hostile and broken input: a clear error and no partial output, or a correct program.

Random bytes, invalid UTF-8, deep nesting, huge literals, Python keywords and dunder names
as Lua names, Lua strings holding Python code, broken YAML, import cycles, and a fuzz test
of the whole compiler on mutated programs (a package or diagnostics, never an internal
error).
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from luac2py import diagnostics as D
from luac2py.driver import compile_chunk
from luac2py.project import build

from tests.helpers import ROOT, luac2py, write_project

from .luaenv import run_lua
from .names import NAMES, program

# -- helpers ------------------------------------------------------------------------------


def compile_src(source: str, fmt: bool = False) -> tuple[Any, list[D.Diagnostic]]:
    """compile_chunk must return a module or record an error: nothing else."""
    reporter = D.Reporter()
    c = compile_chunk(source, "hostile.lua", reporter, chunk_name="hostile.lua",
                      in_workflow=False, fmt=fmt)
    errors = [d for d in reporter.diagnostics if d.severity == "error"]
    internal = [d for d in reporter.diagnostics if d.code == "L2P999"]
    assert not internal, [str(d) for d in internal]
    if c is None:
        assert errors, "no module and no error"
    else:
        assert not errors
        compile(c.text, "hostile.py", "exec")  # valid Python
    return c, reporter.diagnostics


def cli(*args: str, cwd: Path | None = None) -> Any:
    """``luac2py ARGS`` run in-process (the same ``main`` as the console script, much faster
    than a subprocess); stdout and stderr captured."""
    import contextlib
    import io
    import os
    from types import SimpleNamespace

    from luac2py.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(list(args))
    finally:
        os.chdir(old)
    return SimpleNamespace(returncode=rc, stdout=out.getvalue(), stderr=err.getvalue())


def assert_clean_failure(r: Any, out: Path) -> None:
    """A CLI failure: exit 1, an error naming a file, no traceback, nothing written."""
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert re.search(r"(^|\n)[^\n]+:\d+(:\d+)?: error: ", r.stderr), r.stderr
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]


# -- bytes and encodings ------------------------------------------------------------------


def test_random_bytes_file_is_a_clean_error(tmp_path):
    for seed in range(5):
        data = random.Random(seed).randbytes(2000)
        src = tmp_path / f"noise{seed}.lua"
        src.write_bytes(data)
        out = tmp_path / f"out{seed}"
        assert_clean_failure(cli("build", str(src), "-o", str(out)), out)
    # and once through the real console script
    assert_clean_failure(luac2py("build", str(src), "-o", str(out)), out)


def test_random_text_gives_diagnostics():
    rnd = random.Random(7)
    for _ in range(30):
        text = "".join(chr(rnd.randrange(0, 0x3000)) for _ in range(300))
        text = text.replace("\0", "")  # raw NUL: see test_raw_nul_byte_in_a_string
        c, diags = compile_src(text)
        assert c is None and diags


@pytest.mark.parametrize("blob", [b"\xff\xfe", b"local s = '\xc3\x28'", b"return '\xed\xa0\x80'",
                                  b"-- \x80\x81\nreturn 1", b"return 1\n\xf8\x88\x80\x80\x80"])
def test_invalid_utf8_names_the_file_and_line(tmp_path, blob):
    src = tmp_path / "bad.lua"
    src.write_bytes(blob)
    out = tmp_path / "out"
    r = cli("build", str(src), "-o", str(out))
    assert_clean_failure(r, out)
    assert "UTF-8" in r.stderr and "[L2P002]" in r.stderr
    line = blob[: re.search(rb"[\x80-\xff]", blob).start()].count(b"\n") + 1
    assert f"{src}:{line}" in r.stderr


def test_invalid_utf8_in_exec_is_a_clean_error(tmp_path):
    src = tmp_path / "bad.lua"
    src.write_bytes(b"print('\xff')")
    r = luac2py("exec", str(src))
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.strip()


def test_raw_nul_byte_in_a_string():
    c, _ = compile_src('return "a\0b"')
    assert c is not None


def test_nul_escape_in_a_string():
    assert run_lua(r'return "a\0b", #"a\0b"') == ("a\0b", 3)


# -- deep nesting and huge input ----------------------------------------------------------

# name: (the program at nesting depth n, what it returns). Each program returns a value that
# only the whole nested construct gives.
DEEP: dict[str, tuple[Any, Any]] = {
    "parens": (lambda n: "return " + "(" * n + "1" + ")" * n, lambda n: (1,)),
    "tables": (lambda n: "local t = " + "{" * n + "}" * n +
               "\nlocal d = 0 while t do d = d + 1 t = t[1] end return d", lambda n: (n,)),
    "functions": (lambda n: "local f = " + "function() return " * n + "1" + " end" * n +
                  "\nlocal k = 0 while type(f) == 'function' do f = f() k = k + 1 end "
                  "return k, f", lambda n: (n, 1)),
    "blocks": (lambda n: "local x = 0 " + "do x = x + 1 " * n + " end" * n + " return x",
               lambda n: (n,)),
    "while": (lambda n: "local x " + "while x do " * n + " end" * n + " return 'done'",
              lambda n: ("done",)),
    "unary minus": (lambda n: "return " + "- " * n + "1", lambda n: (1 if n % 2 == 0 else -1,)),
    "repeat": (lambda n: "local k = 0 " + "repeat k = k + 1 " * n + " until true" * n +
               " return k", lambda n: (n,)),
    "if": (lambda n: "local k = 0 " + "if true then k = k + 1 " * n + " end" * n + " return k",
           lambda n: (n,)),
    "left-assoc additions": (lambda n: "return " + "+".join(["1"] * n), lambda n: (n,)),
    "right-assoc concatenations": (lambda n: "return " + "..".join(['"a"'] * n),
                                   lambda n: ("a" * n,)),
    "field accesses": (lambda n: "local a = setmetatable({}, {__index = function(t) return t "
                       "end}) return a" + ".b" * n + " == a", lambda n: (True,)),
    "calls": (lambda n: "local function f() return f end return f" + "()" * n + " == f",
              lambda n: (True,)),
    "nots": (lambda n: "return " + "not " * n + "1", lambda n: (n % 2 == 0,)),
    "method calls": (lambda n: "local a = {} function a:b() return self end return a" +
                     ":b()" * n + " == a", lambda n: (True,)),
}
# depths beyond what the compiler (or Python) takes: a clear error, or a correct program
HUGE = {"parens": 5000, "tables": 5000, "functions": 500, "blocks": 2000, "while": 200,
        "unary minus": 20000, "repeat": 300, "if": 300, "left-assoc additions": 20000,
        "right-assoc concatenations": 20000, "field accesses": 20000, "calls": 20000,
        "nots": 20000, "method calls": 5000}


def _check_deep(name: str, n: int) -> Any:
    make, result = DEEP[name]
    c, diags = compile_src(make(n))
    if c is None:
        assert any(d.code in ("L2P001", "L2P306") for d in diags), [str(d) for d in diags]
    else:
        assert run_lua(make(n)) == result(n)
    return c


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_compiles_or_is_a_clear_error(name):
    _check_deep(name, HUGE[name])


@pytest.mark.parametrize("name", sorted(DEEP))
def test_moderate_nesting_compiles_and_runs(name):
    """20 levels (Python's own limit for nested loops): compiled, and right."""
    assert _check_deep(name, 20) is not None


def test_deep_nesting_in_the_cli_is_a_clean_error(tmp_path):
    src = tmp_path / "deep.lua"
    src.write_text("return " + "{" * 5000 + "}" * 5000)
    out = tmp_path / "out"
    r = luac2py("build", str(src), "-o", str(out))
    assert_clean_failure(r, out)
    assert "too many syntax levels" in r.stderr


def test_huge_literals():
    big = "x" * 1_500_000
    assert run_lua(f'local s = "{big}" return #s, s:sub(-3)') == (1_500_000, "xxx")
    # go-lua compiler/parse/lexer.go and utils.go: a numeral beyond int64 is read by Go's
    # ParseFloat, whose range error the compiler turns into NaN (hexadecimal ones included);
    # an underflow is 0
    assert run_lua("local x = " + "9" * 100_000 + " return x ~= x") == (True,)
    assert run_lua("local x = 0x" + "f" * 100_000 + " return x ~= x") == (True,)
    assert run_lua("local a, b = 1e999999, -1e999999 return a ~= a, b ~= b, 1e-999999") == (
        True, True, 0.0)
    many = "return {" + ",".join(str(i) for i in range(10_000)) + "}"
    (t,) = run_lua(many)
    assert t.length() == 10_000


def test_huge_literal_in_the_cli_builds(tmp_path):
    src = tmp_path / "big.lua"
    src.write_text('return function() return "' + "y" * 500_000 + '" end\n')
    r = cli("build", str(src), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr


# -- Python names as Lua names --------------------------------------------------------------


def test_python_keywords_and_dunders_are_ordinary_lua_names():
    """Every name in names.NAMES as a local, parameter, upvalue, loop variable, global, local
    and global function, table field, method and goto label: the same output as LuaJIT
    (Lua 5.1 with goto)."""
    import lupa.luajit21

    src = program()
    expected = lupa.luajit21.LuaRuntime(encoding=None).execute(src.encode()).decode()
    assert len(expected.splitlines()) > 10 * len(NAMES)
    (got,) = run_lua(src)
    assert got == expected


def test_python_names_in_table_constructors_and_strings():
    fields = ", ".join(f'["{n}"] = "{n}"' for n in NAMES)
    dotted = " .. ".join(f"t.{n}" for n in NAMES if n not in ("_",))
    (r,) = run_lua(f"local t = {{{fields}}} return {dotted}")
    assert r == "".join(n for n in NAMES if n != "_")


# -- Lua strings holding Python -------------------------------------------------------------

TRICKY_STRINGS = [
    '"); import os; os.system("x',
    "'); import os; os.system('x",
    '"""; import os; """',
    "'''; import os; '''",
    "\\\"); __import__('os').system('x') #",
    "{__import__('os').system('x')}",
    "%s%r%(x)s{0}{}",
    "\\n\\r\\t\\\\\\0",
    "line\nbreak\r\nand\rcarriage",
    "# lua:1: fake marker\n_lua_mark_1",
    "\x00\x01\x7f\x80\xff",
    "end]]--[==[ ]=] ]]",
    "\u2028\u2029\x0b\x0c\x1c\x85",
    "한국어 \"따옴표\" 'и' ✓",
]


def lua_literal(s: str) -> str:
    """A Lua string literal for ``s`` (a Lua byte string: one char per byte)."""
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if ch < 128 and (c.isalnum() or c in " ;(){}#%.,_=:!?-+*/<>|&^~@$`[]'"):
            out.append(c)
        else:
            out.append(f"\\{ch:03d}")
    return '"' + "".join(out) + '"'


def to_lua_bytes(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


ALLOWED_IMPORTS = ("luac2py_runtime", "temporalio")


def python_constants_and_imports(text: str) -> tuple[set[Any], set[str]]:
    import ast

    tree = ast.parse(text)
    consts = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    mods = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    mods |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    return consts, mods


@pytest.mark.parametrize("s", TRICKY_STRINGS)
def test_strings_holding_python_stay_data(s):
    lit = lua_literal(s)
    # as an escaped literal, as a long bracket string when it can be one, in comments
    long = ""
    for level in range(5):
        close = "]" + "=" * level + "]"
        if close not in s and not any(c in s for c in "\r\n\0"):
            long = "[" + "=" * level + "[" + s + close
            break
    raw_comment = s if not any(c in s for c in "\r\n\0") else ""
    src = (f"local a = {lit}\n-- {s!r} {raw_comment}\n--[==[ {raw_comment} ]==]\n"
           f"local b = {long or lit}\nreturn a, b, #a, a == b\n")
    c, _ = compile_src(src)
    assert c is not None
    a, _b, n, same = run_lua(src)
    assert a == to_lua_bytes(s) and n == len(s.encode("utf-8")) and same is True
    # the text is a constant of the generated module, and nothing was imported from it
    consts, mods = python_constants_and_imports(c.text)
    assert to_lua_bytes(s) in consts
    assert all(m.split(".")[0] in ALLOWED_IMPORTS for m in mods), mods


def test_quote_trick_round_trips_unchanged():
    s = '"); import os; os.system("x'
    (r,) = run_lua(r'return "\"); import os; os.system(\"x"')
    assert r == s


# -- broken YAML and registries ---------------------------------------------------------------

WF = "return function() return 1 end\n"

BROKEN_YAML = {
    "unclosed quote": 'version: "1.0\nnamespace: app\nentries: []\n',
    "bad indentation": "version: '1.0'\nnamespace: app\nentries:\n  - name: a\n   kind: x\n",
    "tab indentation": "version: '1.0'\nnamespace: app\nentries:\n\t- name: a\n",
    "not a mapping": "- just\n- a list\n",
    "entries not a list": "version: '1.0'\nnamespace: app\nentries: {a: 1}\n",
    "no namespace": "version: '1.0'\nentries: []\n",
    "python tag": ("version: '1.0'\nnamespace: app\nentries:\n  - !!python/object/apply:os.system"
                   " ['touch PWNED']\n"),
    "binary": "\x00\x01\x02 garbage \xff",
    "entry without source": ("version: '1.0'\nnamespace: app\nentries:\n  - name: wf\n"
                             "    kind: workflow.lua\n"),
    "missing source file": ("version: '1.0'\nnamespace: app\nentries:\n  - name: wf\n"
                            "    kind: workflow.lua\n    source: file://nope.lua\n"),
    "duplicate entries": ("version: '1.0'\nnamespace: app\nentries:\n"
                          "  - {name: wf, kind: workflow.lua, source: file://wf.lua}\n"
                          "  - {name: wf, kind: workflow.lua, source: file://wf.lua}\n"),
    "unknown library": ("version: '1.0'\nnamespace: app\nentries:\n"
                        "  - {name: wf, kind: workflow.lua, source: file://wf.lua,"
                        " imports: {u: app:nope}}\n"),
    "huge anchors": ("version: '1.0'\nnamespace: app\na: &a [x, x, x, x, x, x, x, x, x]\n"
                     "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                     "entries: [*c, *c, *c]\n"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_broken_registry_is_a_clean_error(tmp_path, name):
    text = BROKEN_YAML[name]
    root = tmp_path / "proj"
    root.mkdir()
    (root / "_index.yaml").write_bytes(text.encode("utf-8", "surrogateescape")
                                       if name != "binary" else b"\x00\x01\x02 garbage \xff")
    (root / "wf.lua").write_text(WF)
    out = tmp_path / "out"
    r = cli("build", str(root), "-o", str(out), cwd=tmp_path)
    assert_clean_failure(r, out)
    assert not (tmp_path / "PWNED").exists()


def _libs_project(tmp_path: Path, imports: dict[str, dict[str, str]]) -> Path:
    entries = ["  - {name: worker, kind: temporal.worker, task_queue: q}",
               "  - name: wf\n    kind: workflow.lua\n    source: file://wf.lua\n"
               "    imports: {a: app:a}\n    meta: {temporal: {workflow: {worker: worker}}}"]
    files = {"wf.lua": 'local a = require("a")\nreturn function() return a.f() end\n'}
    for lib, imp in imports.items():
        entries.append(f"  - name: {lib}\n    kind: library.lua\n    source: file://{lib}.lua\n"
                       f"    imports: {{{', '.join(f'{k}: app:{v}' for k, v in imp.items())}}}")
        reqs = "".join(f'local {k} = require("{k}")\n' for k in imp)
        files[f"{lib}.lua"] = reqs + "return {f = function() return 1 end}\n"
    files["_index.yaml"] = 'version: "1.0"\nnamespace: app\nentries:\n' + "\n".join(entries) + "\n"
    return write_project(tmp_path, files)


@pytest.mark.parametrize("imports", [
    {"a": {"b": "b"}, "b": {"a": "a"}},
    {"a": {"a": "a"}},
    {"a": {"b": "b"}, "b": {"c": "c"}, "c": {"a": "a"}},
], ids=["two", "self", "three"])
def test_import_cycle_is_a_clean_error(tmp_path, imports):
    root = _libs_project(tmp_path, imports)
    out = tmp_path / "out"
    r = cli("build", str(root), "-o", str(out))
    assert_clean_failure(r, out)
    assert "cycle" in r.stderr and "[L2P210]" in r.stderr


def test_library_imports_without_a_cycle_build(tmp_path):
    root = _libs_project(tmp_path, {"a": {"b": "b"}, "b": {}})
    r = cli("build", str(root), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr


# -- code injection through names the generator writes into Python --------------------------



def test_workflow_name_cannot_inject_code(tmp_path):
    marker = tmp_path / "INJECTED"
    name = f'x"""; open({str(marker)!r}, "w").close(); """'
    root = write_project(tmp_path, {
        "_index.yaml": ("version: '1.0'\nnamespace: app\nentries:\n"
                        "  - {name: worker, kind: temporal.worker, task_queue: q}\n"
                        "  - name: wf\n    kind: workflow.lua\n    source: file://wf.lua\n"
                        "    meta: {temporal: {workflow: {worker: worker, name: "
                        + repr(name).replace("\\'", "''") + "}}}\n"),
        "wf.lua": WF,
    })
    _build_and_import(tmp_path, root)
    assert not marker.exists()


def test_source_file_name_cannot_inject_code(tmp_path):
    marker = tmp_path / "INJECTED2"
    d = tmp_path / "src"
    d.mkdir()
    src = d / f'a\nopen({marker.name!r}, "w").close()\n#.lua'
    src.write_text(WF)
    _build_and_import(tmp_path, src, cwd=tmp_path)
    assert not marker.exists()


def _build_and_import(tmp_path: Path, src: Path, cwd: Path | None = None) -> None:
    """Build and import the package in-process (what a worker does): injected code, if any,
    runs here, and only touches a marker file."""
    import importlib
    import os
    import sys
    import uuid

    pkg = f"inj_{uuid.uuid4().hex[:8]}"
    reporter = D.Reporter()
    build(src, tmp_path / pkg, reporter)
    assert not reporter.has_errors, [str(d) for d in reporter.diagnostics]
    old = os.getcwd()
    sys.path.insert(0, str(tmp_path))
    try:
        os.chdir(cwd or tmp_path)
        _ = importlib.import_module(pkg).WORKFLOWS  # imports every workflow module
    finally:
        os.chdir(old)
        sys.path.remove(str(tmp_path))


# -- found while writing these tests -----------------------------------------------------------


def test_function_expressions_in_a_generic_for_explist():
    r = run_lua("local out = {}\n"
                "for _, f in ipairs({function() return 1 end, function() return 2 end}) do\n"
                "  out[#out + 1] = f()\n"
                "end\n"
                "return out[1], out[2]")
    assert r == (1, 2)


# -- fuzz: the whole compiler on mutated programs -----------------------------------------------

CORPUS_FILES = sorted((ROOT / "tests" / "unit" / "parser_corpus").glob("*.lua")) + sorted(
    (ROOT / "samples").rglob("*.lua"))
CORPUS = [p.read_text(encoding="utf-8") for p in CORPUS_FILES]
TOKENS = ["end", "(", ")", "{", "}", "[", "]", "=", "==", ",", ";", ".", "..", "...", ":",
          "::", "local", "function", "return", "if", "then", "else", "for", "in", "do",
          "while", "repeat", "until", "goto", "break", "nil", "true", "not", "and", "or",
          "#", "-", "+", "*", "/", "//", "%", "^", "~", "<<", "'x'", '"', "[[", "]]", "--",
          "--[[", "\n", "0x", "1e", "9" * 30, "_ex", "_G", "class", "__import__", "self",
          "require", "coroutine.spawn", "channel.select", "process.listen", "time.sleep",
          "type", "as", "!", "?", "<", ">", "->", "@", "\\", "\r", "\t", "\xff", "é"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    src = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(src)))
        j = min(len(src), i + draw(st.integers(0, 40)))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap"]))
        if op == "delete":
            src = src[:i] + src[j:]
        elif op == "insert":
            src = src[:i] + " " + draw(st.sampled_from(TOKENS)) + " " + src[i:]
        elif op == "replace":
            src = src[:i] + draw(st.sampled_from(TOKENS)) + src[j:]
        elif op == "duplicate":
            src = src[:j] + src[i:j] + src[j:]
        else:
            k = draw(st.integers(0, len(src)))
            a, b = sorted((i, k))
            src = src[a:b][::-1] + src[:a] + src[b:] if draw(st.booleans()) else \
                src[b:] + src[a:b] + src[:a]
    return src


FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(mutated(), st.booleans())
def test_fuzz_compiler_gives_a_module_or_diagnostics(src, in_workflow):
    reporter = D.Reporter()
    c = compile_chunk(src, "fuzz.lua", reporter, chunk_name="fuzz.lua", in_workflow=in_workflow,
                      fmt=False)
    assert not [d for d in reporter.diagnostics if d.code == "L2P999"]
    if c is None:
        assert reporter.has_errors
    else:
        compile(c.text, "fuzz.py", "exec")


def test_fuzz_cli_on_a_few_mutations(tmp_path):
    rnd = random.Random(1234)
    for n in range(2):
        src = CORPUS[rnd.randrange(len(CORPUS))]
        i = rnd.randrange(len(src))
        src = src[:i] + rnd.choice(TOKENS) + src[i + rnd.randrange(20):]
        f = tmp_path / f"m{n}.lua"
        f.write_text(src, encoding="utf-8")
        out = tmp_path / f"out{n}"
        r = luac2py("build", str(f), "-o", str(out))
        assert r.returncode in (0, 1), r.stderr
        assert "Traceback" not in r.stderr and "internal" not in r.stderr, r.stderr
        if r.returncode == 1:
            assert_clean_failure(r, out)
        else:
            assert (out / "__init__.py").exists()
