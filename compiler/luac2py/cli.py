"""The ``luac2py`` command line.

    luac2py build SRC -o OUTDIR [--name ns:name] [--no-cache]
    luac2py check SRC [--format json]
    luac2py run SRC [--workflow ID] [--input JSON]... [--activities MODULE]... [--time-skipping]
                [--address HOST:PORT] [--namespace NS] [--no-worker] [--ui-port N]
    luac2py worker SRC [--worker ID]... [--activities MODULE]... [--address HOST:PORT]
                [--namespace NS] [--tls] [--tls-cert F --tls-key F] [--tls-ca F] [--api-key K]
    luac2py replay SRC HISTORY.json... [--workflow-id ID [--address ...]]
    luac2py call SRC ENTRY [--input JSON]... [--activities MODULE]... [--time-skipping]
                [--address HOST:PORT] [--namespace NS]
    luac2py exec FILE.lua [ARGS...]

See docs/commands.md.

Bad input gives ``file:line:col: error: ...`` on stderr and a non-zero exit, never a Python
traceback; an internal failure is reported as such, with the traceback only under
``LUAC2PY_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import Any

from . import diagnostics as D

DESCRIPTION = "Compile Wippy workflow Lua into native Python Temporal workflows."


def _print_diagnostics(reporter: D.Reporter, stream: Any = None) -> None:
    stream = stream or sys.stderr
    cache: dict[str, str | None] = {}
    for d in reporter.in_order():
        if d.file not in cache:
            try:
                cache[d.file] = Path(d.file).read_text(encoding="utf-8") if d.col else None
            except (OSError, UnicodeDecodeError):
                cache[d.file] = None
        print(d.render(cache[d.file]), file=stream)


class _Progress:
    """``[12/50] compiling app:foo`` on one terminal line, for builds that take a while."""

    def __init__(self, stream: Any, delay: float = 0.4) -> None:
        import time

        self.stream = stream
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False
        self._time = time

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.shown and self._time.monotonic() - self.start < self.delay:
            return
        self.shown = True
        text = f"[{done + 1}/{total}] compiling {label}"
        width = shutil.get_terminal_size((80, 20)).columns - 1
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            width = shutil.get_terminal_size((80, 20)).columns - 1
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()


def _progress() -> _Progress | None:
    return _Progress(sys.stderr) if sys.stderr.isatty() else None


class _OneLineFormatter(logging.Formatter):
    """Log records from the SDK (an activity that failed, a workflow task that will be
    retried) as one line each: the exception's kind and message; the traceback is shown only
    under ``LUAC2PY_DEBUG=1``."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        return f"  {type(ei[1]).__name__}: {ei[1]}"

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return ""


def _setup_logging() -> None:
    if os.environ.get("LUAC2PY_DEBUG"):
        logging.basicConfig(level=logging.INFO)
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


def _src_or_error(raw: str) -> Path | None:
    src = Path(raw)
    if not src.exists():
        print(f"error: {src}: no such file or folder", file=sys.stderr)
        return None
    return src


def cmd_build(args: argparse.Namespace) -> int:
    from .project import build

    src = _src_or_error(args.src)
    if src is None:
        return 2
    reporter = D.Reporter()
    progress = _progress()
    try:
        proj = build(src, Path(args.output), reporter, name=args.name, progress=progress,
                     incremental=not args.no_cache)
    finally:
        if progress is not None:
            progress.finish()
    _print_diagnostics(reporter)
    if reporter.has_errors:
        return 1
    fns = f" and {len(proj.functions)} function(s)" if proj.functions else ""
    print(f"built {len(proj.workflows)} workflow(s){fns} into {args.output} "
          f"({proj.compiled} module(s) compiled, {proj.reused} unchanged)", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .project import compile_project

    src = _src_or_error(args.src)
    if src is None:
        return 2
    reporter = D.Reporter()
    progress = _progress()
    try:
        compile_project(src, reporter, fmt=False, progress=progress)
    finally:
        if progress is not None:
            progress.finish()
    if args.format == "json":
        print(json.dumps([d.to_json() for d in reporter.in_order()], indent=2))
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
    from luac2py_runtime.host.script import run_script

    return run_script(c.text, str(path), [a for a in args.args])


def _load_activities(modules: list[str] | None, pkg: Any = None) -> list[Any]:
    """The Python activities of ``--activities`` modules; ``ActivityConflict`` when one has
    the type of a Lua activity of ``pkg``."""
    from luac2py_runtime.temporal.runner import check_activities, load_activities

    acts = load_activities(modules or [])
    if pkg is not None:
        check_activities(pkg, acts)
    return acts


def _activities_or_error(modules: list[str] | None, pkg: Any) -> list[Any] | None:
    from luac2py_runtime.temporal.activity import ActivityConflict

    try:
        return _load_activities(modules, pkg)
    except ImportError as e:
        print(f"error: cannot import activities module: {e}", file=sys.stderr)
    except ActivityConflict as e:
        print(f"error: {e}", file=sys.stderr)
    return None


class _Built:
    """A project compiled into a temporary (or given) folder and imported."""

    def __init__(self, src: Path, out: str | None, name: str | None = None) -> None:
        self.src = src
        self.tmp: Path | None = None
        if out:
            self.pkg_dir = Path(out).resolve()
        else:
            self.pkg_dir = _cache_dir(src, name) / "luac2py_project"
        self.name = name
        self.proj: Any = None
        self.pkg: Any = None

    def build(self) -> bool:
        import fcntl

        from .project import build

        reporter = D.Reporter()
        progress = _progress()
        self.pkg_dir.parent.mkdir(parents=True, exist_ok=True)
        # one build at a time per folder: `worker` and `run` on the same project share it
        with open(self.pkg_dir.parent / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self.proj = build(self.src, self.pkg_dir, reporter, name=self.name,
                                  progress=progress)
                if not reporter.has_errors:
                    self.import_package()
            finally:
                if progress is not None:
                    progress.finish()
        _print_diagnostics(reporter)
        return not reporter.has_errors

    def import_package(self) -> Any:
        import importlib

        if self.pkg is None:
            sys.path.insert(0, str(self.pkg_dir.parent))
            self.pkg = importlib.import_module(self.pkg_dir.name)
            self.pkg.workflows_for(None)  # import every module while the folder is locked
        return self.pkg

    def sources(self) -> dict[str, str]:
        """generated module -> Lua source path (as shown in diagnostics)."""
        out: dict[str, str] = {}
        reg = getattr(self.proj, "registry", None)
        if reg is None:
            for wf in self.proj.workflows:
                out[wf["module"]] = str(self.src)
            return out
        from .project import _display

        for wf in self.proj.workflows:
            p = reg.entries[wf["entry"]].source_path()
            if p is not None:
                out[wf["module"]] = _display(p)
        return out

    def cleanup(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _build(src: Path, out: str | None, name: str | None = None) -> _Built | None:
    """The project built and imported (None after reporting its errors)."""
    built = _Built(src, out, name=name)
    if not built.build():
        built.cleanup()
        return None
    return built


def _cache_dir(src: Path, name: str | None) -> Path:
    """Where `run`, `worker` and `replay` build a project (incrementally):
    ``$LUAC2PY_CACHE_DIR`` (default ``~/.cache/luac2py``) / a hash of the project's path."""
    import hashlib

    base = os.environ.get("LUAC2PY_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "luac2py")
    ident = f"{src.resolve()}\0{name or ''}"
    return Path(base) / "builds" / hashlib.sha256(ident.encode()).hexdigest()[:16]


def _closed_pipe() -> int:
    """The reader of our output went away (``luac2py check | head``): end quietly with the
    status of a program killed by SIGPIPE, as ``cat`` or ``grep`` would. What is still
    buffered goes nowhere, so that the flush at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):  # a stream that is not a file (tests capture them)
            pass
    os.close(devnull)
    return 128 + signal.SIGPIPE


def _exit_hard(code: int, built: _Built | None = None) -> int:
    # temporalio's core threads may still be winding down; interpreter finalisation racing
    # with them can abort the process after the work is done, so leave without it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    if built is not None:
        built.cleanup()
    os._exit(code)


def _conn_flags(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "address": args.address, "namespace": args.namespace, "api_key": args.api_key,
        "tls": args.tls, "tls_cert": args.tls_cert, "tls_key": args.tls_key,
        "tls_ca": args.tls_ca,
    }


def _pick_workflow(proj: Any, wanted: str | None, src: Path) -> dict[str, str] | None:
    wfs = proj.workflows
    if wanted is None:
        if len(wfs) == 1:
            return dict(wfs[0])
        names = ", ".join(w["name"] for w in wfs)
        print(f"error: {src} has {len(wfs)} workflows: pick one with --workflow "
              f"(have: {names})", file=sys.stderr)
        return None
    for w in wfs:
        if wanted in (w["name"], w.get("entry")):
            return dict(w)
    names = ", ".join(w["name"] for w in wfs)
    print(f"error: no workflow '{wanted}' in {src} (have: {names})", file=sys.stderr)
    return None


def cmd_run(args: argparse.Namespace) -> int:
    _setup_logging()
    src = _src_or_error(args.src)
    if src is None:
        return 2
    if args.no_worker and not _wants_cluster(args):
        print("error: --no-worker needs a cluster where a worker runs: give --address (or set "
              "TEMPORAL_ADDRESS)", file=sys.stderr)
        return 2
    built = _build(src, args.build_dir, name=(args.workflow or f"local:{src.stem}")
                   if src.is_file() else None)
    if built is None:
        return 1
    wf = _pick_workflow(built.proj, args.workflow, src)
    if wf is None:
        built.cleanup()
        return 2
    inputs = _inputs(args.input)
    if inputs is None:
        built.cleanup()
        return 2
    pkg = built.import_package()
    activities = _activities_or_error(args.activities, pkg)
    if activities is None:
        return _exit_hard(2, built)
    from luac2py_runtime.temporal.runner import ConfigError, resolve_connection, run_workflow

    entry = _worker_entry_of(built.proj, wf["name"])
    task_queue = args.task_queue or (entry["task_queue"] if entry else "luac2py")
    connection = None
    if args.address or (not args.time_skipping and _wants_cluster(args)):
        client_entry = pkg.CLIENT_ENTRIES.get((entry or {}).get("client") or "")
        try:
            connection = resolve_connection(client_entry, **_conn_flags(args))
        except ConfigError as e:
            print(f"error: {e}", file=sys.stderr)
            return _exit_hard(2, built)
    return _run_async(run_workflow(
        package=pkg.__name__,
        workflow=wf["name"],
        inputs=inputs,
        activities=activities,
        time_skipping=args.time_skipping,
        namespace=args.namespace or "default",
        task_queue=task_queue,
        connection=connection,
        worker=not args.no_worker,
        workflow_id=args.workflow_id,
        ui_port=args.ui_port,
    ), built, interrupted=130)


def _run_async(coro: Any, built: Any, *, interrupted: int, what: str = "") -> int:
    """Run ``run``'s or ``worker``'s main coroutine; its result is the exit code. A failure
    such as a refused connection is one ``error:`` line (the traceback under LUAC2PY_DEBUG)."""
    import asyncio

    try:
        code = int(asyncio.run(coro))
    except KeyboardInterrupt:
        code = interrupted
    except BrokenPipeError:
        code = _closed_pipe()
    except Exception as e:  # noqa: BLE001 - connection failures and the like
        if os.environ.get("LUAC2PY_DEBUG"):
            raise
        print(f"error: {what}{type(e).__name__}: {e}", file=sys.stderr)
        code = 1
    return _exit_hard(code, built)


def _wants_cluster(args: argparse.Namespace) -> bool:
    """``run`` talks to an existing cluster when told where (a flag or TEMPORAL_ADDRESS);
    otherwise it starts a local server."""
    return bool(args.address or os.environ.get("TEMPORAL_ADDRESS"))


def _worker_entry_of(proj: Any, workflow: str) -> dict[str, Any] | None:
    for w in proj.workers:
        if workflow in w["workflows"]:
            return dict(w)
    return None


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_logging()
    src = _src_or_error(args.src)
    if src is None:
        return 2
    built = _build(src, args.build_dir)
    if built is None:
        return 1
    pkg = built.import_package()
    activities = _activities_or_error(args.activities, pkg)
    if activities is None:
        return _exit_hard(2, built)
    from luac2py_runtime.temporal.runner import ConfigError, plan_workers, serve

    try:
        plans = plan_workers(pkg, args.worker or [], task_queue=args.task_queue,
                             **_conn_flags(args))
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return _exit_hard(2, built)
    if not plans:
        print(f"error: {src}: no workflows or Lua activities to serve", file=sys.stderr)
        return _exit_hard(2, built)
    return _run_async(serve(pkg, plans, activities, sandboxed=args.sandboxed), built,
                      interrupted=0, what="worker failed: ")


def cmd_call(args: argparse.Namespace) -> int:
    _setup_logging()
    src = _src_or_error(args.src)
    if src is None:
        return 2
    if src.is_file():
        print(f"error: {src}: a single .lua file is compiled as a workflow; `luac2py call` "
              "runs a function.lua entry of a registry folder", file=sys.stderr)
        return 2
    built = _build(src, args.build_dir)
    if built is None:
        return 1
    pkg = built.import_package()
    if args.entry not in pkg.FUNCTION_MODULES:
        print(f"error: {_not_a_function(built.proj, args.entry, src)}", file=sys.stderr)
        return _exit_hard(2, built)
    inputs = _inputs(args.input)
    if inputs is None:
        return _exit_hard(2, built)
    activities = _activities_or_error(args.activities, pkg)
    if activities is None:
        return _exit_hard(2, built)
    from luac2py_runtime.host.functions import call_entry
    from luac2py_runtime.temporal.runner import ConfigError, resolve_connection

    connection = None
    if args.address or (not args.time_skipping and _wants_cluster(args)):
        try:
            connection = resolve_connection(None, **_conn_flags(args))
        except ConfigError as e:
            print(f"error: {e}", file=sys.stderr)
            return _exit_hard(2, built)
    return _run_async(call_entry(
        pkg, args.entry, inputs, connection=connection, activities=activities,
        time_skipping=args.time_skipping, namespace=args.namespace or "default",
        ui_port=args.ui_port), built, interrupted=130)


def _not_a_function(proj: Any, entry: str, src: Path) -> str:
    reg = getattr(proj, "registry", None)
    e = reg.entries.get(entry) if reg is not None else None
    if e is not None and e.kind == "workflow.lua":
        return (f"'{entry}' is a workflow.lua entry, not a function: run it with "
                f"`luac2py run {src} --workflow {entry}`")
    if e is not None:
        return f"'{entry}' is a {e.kind} entry, not a function.lua entry"
    have = ", ".join(sorted(f["entry"] for f in proj.functions)) or "none"
    return f"no function entry '{entry}' in {src} (have: {have})"


def cmd_replay(args: argparse.Namespace) -> int:
    import asyncio

    src = _src_or_error(args.src)
    if src is None:
        return 2
    if not args.histories and not args.workflow_id:
        print("error: give HISTORY.json files or --workflow-id", file=sys.stderr)
        return 2
    built = _build(src, args.build_dir)
    if built is None:
        return 1
    pkg = built.import_package()
    from luac2py_runtime.temporal.replay import iter_lines, load_history, replay
    from luac2py_runtime.temporal.runner import ConfigError, quiet_core_logs, resolve_connection

    quiet_core_logs()
    histories = []
    for h in args.histories:
        try:
            histories.append((h, load_history(h)))
        except (OSError, ValueError, KeyError) as e:
            print(f"error: {h}: cannot read history: {e}", file=sys.stderr)
            return _exit_hard(2, built)

    async def go() -> list[Any]:
        if args.workflow_id:
            conn = resolve_connection(None, **_conn_flags(args))
            client = await conn.connect()
            for wid in args.workflow_id:
                hist = await client.get_workflow_handle(wid).fetch_history()
                histories.append((wid, hist))
        return await replay(pkg, histories)

    try:
        reports = asyncio.run(go())
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return _exit_hard(2, built)
    except Exception as e:  # noqa: BLE001 - connection failures, unknown workflow IDs
        if os.environ.get("LUAC2PY_DEBUG"):
            raise
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        return _exit_hard(1, built)
    sources = built.sources()
    bad = sum(not rep.ok for rep in reports)
    try:
        for rep in reports:
            for line in iter_lines(rep, sources):
                print(line, file=sys.stdout if rep.ok else sys.stderr)
        print(f"{len(reports) - bad} of {len(reports)} "
              f"histor{'y' if len(reports) == 1 else 'ies'} replayed", file=sys.stderr)
    except BrokenPipeError:
        return _exit_hard(_closed_pipe(), built)
    return _exit_hard(1 if bad else 0, built)


def _add_run_flags(p: argparse.ArgumentParser, what: str) -> None:
    """The flags `run` and `call` share."""
    p.add_argument("--input", action="append", help=f"one JSON value per {what} argument")
    p.add_argument("--activities", action="append", help="Python module with activities")
    p.add_argument("--time-skipping", action="store_true",
                   help="use the time-skipping test server instead of the dev server")
    p.add_argument("--ui-port", type=int, help="web UI port of the dev server (default: free)")
    p.add_argument("--build-dir", help="build into this folder (default: a per-project folder "
                   "under $LUAC2PY_CACHE_DIR or ~/.cache/luac2py)")


def _inputs(raw: list[str] | None) -> list[Any] | None:
    """The ``--input`` values (None after reporting one that is not JSON)."""
    out = []
    for text in raw or []:
        try:
            out.append(json.loads(text))
        except json.JSONDecodeError as e:
            print(f"error: --input {text!r} is not JSON: {e}", file=sys.stderr)
            return None
    return out


def _add_connection_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("connection (flags > TEMPORAL_* env vars > temporal.client entry "
                             "> localhost:7233)")
    g.add_argument("--address", help="HOST:PORT of the Temporal frontend")
    g.add_argument("--namespace", help="Temporal namespace")
    g.add_argument("--api-key", help="API key (Temporal Cloud); implies TLS")
    g.add_argument("--tls", action="store_true", help="connect with TLS")
    g.add_argument("--tls-cert", help="client certificate file (mTLS)")
    g.add_argument("--tls-key", help="client private key file (mTLS)")
    g.add_argument("--tls-ca", help="CA certificate file for the server")


class _Version(argparse.Action):
    """``--version``, looked up only when asked for: importing importlib.metadata costs a
    fifth of a no-op rebuild."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0,
                         help=help or "show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any,
                 option_string: str | None = None) -> None:
        from importlib.metadata import version

        print(f"luac2py {version('luac2py')}")
        parser.exit()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="luac2py", description=DESCRIPTION,
                                epilog="Every command and option: docs/commands.md.")
    p.add_argument("--version", action=_Version)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="compile a project or a .lua file into a Python package")
    b.add_argument("src")
    b.add_argument("-o", "--output", required=True)
    b.add_argument("--name", help="workflow type for a single .lua file (ns:name)")
    b.add_argument("--no-cache", action="store_true", help="recompile every module")
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
    r.add_argument("--workflow", help="workflow type or entry ID (needed when there are "
                   "several)")
    _add_run_flags(r, "workflow")
    r.add_argument("--task-queue", help="override the worker entry's task queue")
    r.add_argument("--workflow-id", help="workflow ID (default: a fresh one)")
    r.add_argument("--no-worker", action="store_true",
                   help="only start the workflow (a `luac2py worker` serves it)")
    _add_connection_flags(r)
    r.set_defaults(fn=cmd_run)
    cl = sub.add_parser("call", help="run a function.lua entry as a host process and print "
                        "its result")
    cl.add_argument("src")
    cl.add_argument("entry", help="the function.lua entry ID (ns:name)")
    _add_run_flags(cl, "function")
    _add_connection_flags(cl)
    cl.set_defaults(fn=cmd_call)
    w = sub.add_parser("worker", help="serve the project's workflows and activities (Lua and "
                       "Python)")
    w.add_argument("src")
    w.add_argument("--worker", action="append",
                   help="temporal.worker entry to serve (default: all of them)")
    w.add_argument("--activities", action="append", help="Python module with activities")
    w.add_argument("--task-queue", help="override the task queue")
    w.add_argument("--build-dir", help="build into this folder (default: a per-project folder "
                   "under $LUAC2PY_CACHE_DIR or ~/.cache/luac2py)")
    w.add_argument("--sandboxed", action="store_true",
                   help="run workflows in temporalio's sandbox")
    _add_connection_flags(w)
    w.set_defaults(fn=cmd_worker)
    rp = sub.add_parser("replay", help="replay recorded histories against the compiled code")
    rp.add_argument("src")
    rp.add_argument("histories", nargs="*", metavar="HISTORY.json")
    rp.add_argument("--build-dir", help="build into this folder (default: a per-project "
                    "folder under $LUAC2PY_CACHE_DIR or ~/.cache/luac2py)")
    rp.add_argument("--workflow-id", action="append",
                    help="fetch this workflow's history from the cluster")
    _add_connection_flags(rp)
    rp.set_defaults(fn=cmd_replay)
    args = p.parse_args(argv)
    try:
        return int(args.fn(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # an internal error: never a bare traceback
        if os.environ.get("LUAC2PY_DEBUG"):
            raise
        print(f"luac2py: internal error: {type(exc).__name__}: {exc} "
              "(set LUAC2PY_DEBUG=1 for the traceback)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
