"""The ``luac2py`` command line.

    luac2py build SRC -o OUTDIR [--name ns:name]
    luac2py run SRC --workflow ID [--input JSON]... [--activities MODULE] [--time-skipping]
                [--address HOST:PORT] [--namespace NS]
    luac2py exec FILE.lua [ARGS...]
    luac2py check SRC [--format json]

Bad input gives ``file:line:col: error: ...`` on stderr and a non-zero exit, never a Python
traceback; an internal failure is reported as such, with the traceback only under
``LUAC2PY_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import diagnostics as D


def _print_diagnostics(reporter: D.Reporter, stream: Any = None) -> None:
    stream = stream or sys.stderr
    cache: dict[str, str | None] = {}
    for d in reporter.diagnostics:
        if d.file not in cache:
            try:
                cache[d.file] = Path(d.file).read_text(encoding="utf-8") if d.col else None
            except (OSError, UnicodeDecodeError):
                cache[d.file] = None
        print(d.render(cache[d.file]), file=stream)


def cmd_build(args: argparse.Namespace) -> int:
    from .project import build

    src = Path(args.src)
    if not src.exists():
        print(f"error: {src}: no such file or folder", file=sys.stderr)
        return 2
    reporter = D.Reporter()
    proj = build(src, Path(args.output), reporter, name=args.name)
    _print_diagnostics(reporter)
    if reporter.has_errors:
        return 1
    print(f"built {len(proj.workflows)} workflow(s) into {args.output}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .project import compile_project

    src = Path(args.src)
    if not src.exists():
        print(f"error: {src}: no such file or folder", file=sys.stderr)
        return 2
    reporter = D.Reporter()
    compile_project(src, reporter, fmt=False)
    if args.format == "json":
        print(json.dumps([d.to_json() for d in reporter.diagnostics], indent=2))
    else:
        _print_diagnostics(reporter, sys.stdout)
        n_err = sum(d.severity == "error" for d in reporter.diagnostics)
        n_warn = len(reporter.diagnostics) - n_err
        print(f"{n_err} error(s), {n_warn} warning(s)")
    return 1 if reporter.has_errors else 0


def cmd_exec(args: argparse.Namespace) -> int:
    from .driver import compile_chunk

    path = Path(args.file)
    try:
        src = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"lua: cannot open {path}: {e}", file=sys.stderr)
        return 1
    reporter = D.Reporter()
    c = compile_chunk(src, str(path), reporter, chunk_name=str(path), in_workflow=False,
                      fmt=False)
    if c is None:
        _print_diagnostics(reporter)
        return 1
    from luac2py_runtime.script import run_script

    return run_script(c.text, str(path), [a for a in args.args])


def _load_activities(module: str | None) -> list[Any]:
    if not module:
        return []
    import importlib

    sys.path.insert(0, os.getcwd())
    mod = importlib.import_module(module)
    acts = []
    for name in dir(mod):
        obj = getattr(mod, name)
        if callable(obj) and hasattr(obj, "__temporal_activity_definition"):
            acts.append(obj)
    return acts


def cmd_run(args: argparse.Namespace) -> int:
    import asyncio

    from .project import build

    src = Path(args.src)
    if not src.exists():
        print(f"error: {src}: no such file or folder", file=sys.stderr)
        return 2
    reporter = D.Reporter()
    tmp = Path(tempfile.mkdtemp(prefix="luac2py-run-"))
    pkg_name = "luac2py_run_pkg"
    proj = build(src, tmp / pkg_name, reporter,
                 name=args.workflow if src.is_file() else None)
    _print_diagnostics(reporter)
    if reporter.has_errors:
        return 1
    names = [w["name"] for w in proj.workflows]
    if args.workflow not in names:
        print(f"error: no workflow '{args.workflow}' in {src} (have: {', '.join(names)})",
              file=sys.stderr)
        return 2
    inputs = []
    for raw in args.input or []:
        try:
            inputs.append(json.loads(raw))
        except json.JSONDecodeError as e:
            print(f"error: --input {raw!r} is not JSON: {e}", file=sys.stderr)
            return 2
    try:
        activities = _load_activities(args.activities)
    except ImportError as e:
        print(f"error: cannot import activities module {args.activities}: {e}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(tmp))
    from luac2py_runtime.runner import run_workflow

    code = asyncio.run(
        run_workflow(
            package=pkg_name,
            workflow=args.workflow,
            inputs=inputs,
            activities=activities,
            time_skipping=args.time_skipping,
            address=args.address,
            namespace=args.namespace,
            task_queue=_task_queue_for(proj, args.workflow),
        )
    )
    # temporalio's core threads may still be winding down; interpreter finalisation racing
    # with them can abort the process after the work is done, so leave without it
    sys.stdout.flush()
    sys.stderr.flush()
    shutil.rmtree(tmp, ignore_errors=True)
    os._exit(code)


def _task_queue_for(proj: Any, workflow: str) -> str:
    for w in proj.workers:
        if workflow in w["workflows"]:
            return str(w["task_queue"])
    return "luac2py"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="luac2py", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="compile a project or a .lua file into a Python package")
    b.add_argument("src")
    b.add_argument("-o", "--output", required=True)
    b.add_argument("--name", help="workflow type for a single .lua file (ns:name)")
    b.set_defaults(fn=cmd_build)
    c = sub.add_parser("check", help="report all diagnostics, write nothing")
    c.add_argument("src")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(fn=cmd_check)
    e = sub.add_parser("exec", help="run a plain Lua script, like the lua command")
    e.add_argument("file")
    e.add_argument("args", nargs="*")
    e.set_defaults(fn=cmd_exec)
    r = sub.add_parser("run", help="compile and execute a workflow on a Temporal server")
    r.add_argument("src")
    r.add_argument("--workflow", required=True)
    r.add_argument("--input", action="append")
    r.add_argument("--activities")
    r.add_argument("--time-skipping", action="store_true")
    r.add_argument("--address")
    r.add_argument("--namespace", default="default")
    r.set_defaults(fn=cmd_run)
    args = p.parse_args(argv)
    try:
        return int(args.fn(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an internal error: never a bare traceback
        if os.environ.get("LUAC2PY_DEBUG"):
            raise
        print(f"luac2py: internal error: {type(exc).__name__}: {exc} "
              "(set LUAC2PY_DEBUG=1 for the traceback)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
