"""Build a project — a registry folder or a single .lua file — into a Python package.

    samples/order/_index.yaml  ->  out/__init__.py              (WORKFLOWS, WORKER_ENTRIES, ...)
    order_workflow.lua             out/app_order_workflow.py    (one module per workflow)
                                   out/lib_app_util.py          (one per library.lua entry)
                                   out/.luac2py-cache.json      (what each module was built from)

Incremental builds: every generated module is keyed by a hash of its Lua source, the entry's
settings, what it imports and the compiler itself (a digest of the compiler's own source files
and templates and of black's version). When the key recorded in ``OUTDIR/.luac2py-cache.json``
matches and the module in OUTDIR is the one recorded, the module is reused (with its warnings)
instead of compiled. The package is still written whole and atomically. The output depends only
on the inputs: two builds of the same project give identical files.

This module imports the compiler proper (parser, lowering, black, jinja2) only when something
has to be compiled, so that a no-op rebuild stays cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import diagnostics as D
from .registry import Entry, Registry, library_imports, library_order, load_registry, validate

CACHE_FILE = ".luac2py-cache.json"
CACHE_VERSION = 1

# progress(done, total, label): called before each module that is actually compiled
ProgressFn = Callable[[int, int, str], None]


def py_ident(s: str) -> str:
    s = re.sub(r"[^0-9A-Za-z_]", "_", s)
    if not s or s[0].isdigit():
        s = "_" + s
    return s


def class_name(entry_id: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", entry_id)
    name = "".join(p[:1].upper() + p[1:] for p in parts if p)
    if not name or name[0].isdigit():
        name = "W" + name
    return name


@dataclass
class Project:
    files: dict[str, str] = field(default_factory=dict)
    workflows: list[dict[str, str]] = field(default_factory=list)
    # function.lua entries: {"entry", "module", "source", "worker" (activity worker or None)}
    functions: list[dict[str, Any]] = field(default_factory=list)
    workers: list[dict[str, Any]] = field(default_factory=list)
    clients: dict[str, dict[str, Any]] = field(default_factory=dict)
    registry: Registry | None = None
    compiled: int = 0  # modules compiled in this build
    reused: int = 0  # modules taken unchanged from the previous build
    cache: dict[str, Any] = field(default_factory=dict)  # module file -> record


# -- the compiler's own digest ------------------------------------------------------------


@lru_cache(maxsize=1)
def compiler_digest() -> str:
    """A digest of everything that shapes the output: the compiler's source files, the
    templates and black's version (its formatting is part of the output). Found through
    import specs, not importlib.metadata/resources, which cost more than the rest of a no-op
    rebuild."""
    import importlib.util

    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    paths = sorted(pkg.rglob("*.py"))
    tspec = importlib.util.find_spec("luac2py.templates")
    for loc in (tspec.submodule_search_locations or []) if tspec else []:
        paths += sorted(Path(loc).glob("*.j2"))
    bspec = importlib.util.find_spec("_black_version")  # black's version, as black has it
    if bspec is not None and bspec.origin:
        paths.append(Path(bspec.origin))
    for p in paths:
        if "__pycache__" in p.parts:
            continue
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def _key(**parts: Any) -> str:
    parts["compiler"] = compiler_digest()
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ModuleCache:
    """The previous build's records (``OUTDIR/.luac2py-cache.json``) and its modules."""

    def __init__(self, outdir: Path | None) -> None:
        self.outdir = outdir
        self.records: dict[str, Any] = {}
        if outdir is None:
            return
        try:
            data = json.loads((outdir / CACHE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
            mods = data.get("modules")
            if isinstance(mods, dict):
                self.records = mods

    def lookup(self, module_file: str, key: str) -> tuple[str, dict[str, Any]] | None:
        rec = self.records.get(module_file)
        if self.outdir is None or not isinstance(rec, dict) or rec.get("key") != key:
            return None
        try:
            text = (self.outdir / module_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if _sha(text) != rec.get("sha256"):
            return None
        return text, rec


def _record(key: str, text: str, diags: list[D.Diagnostic], **extra: Any) -> dict[str, Any]:
    return {"key": key, "sha256": _sha(text), "diagnostics": [d.to_json() for d in diags],
            **extra}


def _replay_diagnostics(rec: dict[str, Any], reporter: D.Reporter) -> None:
    for d in rec.get("diagnostics") or []:
        reporter.add(D.Diagnostic(d["code"], d["severity"], d["message"], d["file"], d["line"],
                                  d["col"]))


class _Emitter:
    """Emits lowered modules, the results taken in the order they were handed in. With
    ``parallel``, one forked worker process emits a module whenever it is idle while this
    process goes on lowering (and emitting the others): emitting is most of a build, and
    the worker needs nothing but the lowered ``ast``."""

    def __init__(self, parallel: bool) -> None:
        self.parallel = parallel
        self.pool: Any = None
        self.queue: list[tuple[Any, Callable[[str | None, D.Diagnostic | None], None]]] = []

    def submit(self, lowered: Any, done: Callable[[str | None, D.Diagnostic | None], None],
               more: bool) -> None:
        """Emit ``lowered``; ``done(text, error)`` is called by ``finish``. ``more``: other
        modules follow (a worker is started only when there are at least two to emit)."""
        from concurrent.futures import Future

        from .driver import emit_lowered

        busy = any(isinstance(f, Future) and not f.done() for f, _ in self.queue)
        if not busy and (self.pool is not None or more) and self._pool() is not None:
            self.queue.append((self.pool.submit(emit_lowered, lowered), done))
        else:
            self.queue.append((emit_lowered(lowered), done))

    def _pool(self) -> Any:
        if self.pool is None and self.parallel and _can_fork():
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from .emit import cst, module  # noqa: F401 - loaded once, before the fork

            module.warm_up()
            self.pool = ProcessPoolExecutor(max_workers=1,
                                            mp_context=multiprocessing.get_context("fork"))
        return self.pool

    def finish(self) -> None:
        from concurrent.futures import Future

        try:
            for item, done in self.queue:
                done(*(item.result() if isinstance(item, Future) else item))
        finally:
            self.queue = []
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
                self.pool = None


def _can_fork() -> bool:
    """Whether a worker can be forked safely: two cores or more, and this process runs one
    thread (a fork copies locks held by other threads, e.g. an SDK's, in their held state)."""
    if (os.cpu_count() or 1) < 2 or not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _Builder:
    """Compiles modules for one project, reusing cached ones."""

    def __init__(self, proj: Project, reporter: D.Reporter, fmt: bool, cache: ModuleCache | None,
                 progress: ProgressFn | None, total: int, parallel: bool = False) -> None:
        self.proj = proj
        self.reporter = reporter
        self.fmt = fmt
        self.cache = cache
        self.progress = progress
        self.total = total
        self.done = 0
        self.emitter = _Emitter(parallel and fmt)

    def module(self, module_file: str, label: str, key_parts: dict[str, Any],
               lower_fn: Callable[[], Any], defer: bool = False) -> tuple[str, Any] | None:
        """(text, record or driver.Lowered) of one module, from the cache when its key
        matches. With ``defer`` (nothing later needs the module's text or whether it could be
        emitted), the text comes with ``finish``."""
        key = _key(**key_parts) if self.cache is not None else ""
        if self.cache is not None:
            hit = self.cache.lookup(module_file, key)
            if hit is not None:
                text, rec = hit
                _replay_diagnostics(rec, self.reporter)
                self.proj.files[module_file] = text
                self.proj.cache[module_file] = rec
                self.proj.reused += 1
                self.done += 1
                return text, rec
        if self.progress is not None:
            self.progress(self.done, self.total, label)
        before = len(self.reporter.diagnostics)
        low = lower_fn()
        self.done += 1
        self.proj.compiled += 1
        if low is None:
            return None
        diags = self.reporter.diagnostics[before:]
        emitted: list[str] = []

        def done(text: str | None, error: D.Diagnostic | None) -> None:
            if error is not None:
                self.reporter.add(error)
                return
            assert text is not None
            emitted.append(text)
            self.proj.files[module_file] = text
            if self.cache is not None:
                exports_async = any(fi.is_async for fi in low.unit.res.functions)
                self.proj.cache[module_file] = _record(
                    key, text, diags, exports_async=exports_async,
                    io_requires=low.unit.io_requires)

        if defer:
            self.emitter.submit(low, done, more=self.done < self.total)
            return "", low
        from .driver import emit_lowered

        done(*emit_lowered(low))
        return (emitted[0], low) if emitted else None

    def finish(self) -> None:
        self.emitter.finish()


def _read_source(path: Path, reporter: D.Reporter, where: Entry | None) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as e:
        reporter.add(D.registry_error(str(where.file if where else path),
                                      where.line if where else 0, f"cannot read {path}: {e}",
                                      "L2P206"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        reporter.add(D.Diagnostic("L2P002", "error", "source is not valid UTF-8", str(path),
                                  line, 0))
        return None


def compile_single_file(path: Path, name: str, reporter: D.Reporter, fmt: bool = True,
                        cache: ModuleCache | None = None,
                        progress: ProgressFn | None = None) -> Project:
    proj = Project()
    src = _read_source(path, reporter, None)
    if src is None:
        return proj
    mod = py_ident(name)
    cls = class_name(name)
    b = _Builder(proj, reporter, fmt, cache, progress, 1)

    def compile_it() -> Any:
        from .driver import lower_module
        from .emit.module import WorkflowSpec

        spec = WorkflowSpec(name=name, cls=cls, method="main", libraries={})
        return lower_module(src, str(path), reporter, chunk_name=path.name, workflow=spec,
                            fmt=fmt)

    r = b.module(mod + ".py", name, {"kind": "single", "source": src, "file": str(path),
                                      "name": name, "fmt": fmt}, compile_it)
    if r is not None:
        proj.workflows.append({"name": name, "module": mod, "cls": cls, "entry": name})
    return proj


def _unique_modules(ids: list[str], prefix: str, taken: set[str]) -> dict[str, str]:
    """entry ID -> module name, distinct even when two IDs map to the same identifier."""
    out: dict[str, str] = {}
    for eid in sorted(ids):
        base = prefix + py_ident(eid)
        name, n = base, 2
        while name in taken or name == "__init__":
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        out[eid] = name
    return out


def _closure(lib_ids: dict[str, str], reg: Registry) -> list[tuple[str, str, str]]:
    """(alias, library ID, importer) of every library reachable from ``lib_ids``."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    todo = [(a, t, "") for a, t in sorted(lib_ids.items())]
    while todo:
        alias, tid, via = todo.pop(0)
        out.append((alias, tid, via))
        if tid in seen or tid not in reg.entries:
            continue
        seen.add(tid)
        for a, t in sorted(library_imports(reg.entries[tid]).items()):
            todo.append((a, t, tid))
    return out


def compile_registry(root: Path, reporter: D.Reporter, fmt: bool = True,
                     cache: ModuleCache | None = None,
                     progress: ProgressFn | None = None, parallel: bool = False) -> Project:
    proj = Project()
    reg = load_registry(root, reporter)
    proj.registry = reg
    validate(reg, reporter)
    if reporter.has_errors:
        return proj
    lib_entries = library_order(reg, D.Reporter())
    wf_entries = sorted(reg.of_kind("workflow.lua"), key=lambda e: e.id)
    fn_entries = sorted(reg.of_kind("function.lua"), key=lambda e: e.id)
    taken: set[str] = set()
    lib_mods = _unique_modules([e.id for e in lib_entries], "lib_", taken)
    wf_mods = _unique_modules([e.id for e in wf_entries], "", taken)
    fn_mods = _unique_modules([e.id for e in fn_entries], "fn_", taken)
    b = _Builder(proj, reporter, fmt, cache, progress,
                 len(lib_entries) + len(wf_entries) + len(fn_entries), parallel=parallel)
    # a library is held to the workflow rules when a workflow reaches it, to the function
    # rules when only functions do (and to the workflow rules when nothing imports it)
    in_workflows = {t for e in wf_entries for _, t, _ in _closure(library_imports(e), reg)}
    in_functions = {t for e in fn_entries for _, t, _ in _closure(library_imports(e), reg)}

    # library entry id -> (python module, exports_async)
    libs: dict[str, tuple[str, bool]] = {}
    # library entry id -> (file, its require()s of modules a workflow may not use)
    lib_io: dict[str, tuple[str, list[Any]]] = {}
    reported: set[tuple[str, int, int]] = set()
    for e in lib_entries:
        path = e.source_path()
        assert path is not None
        src = _read_source(path, reporter, e)
        if src is None:
            continue
        mod = lib_mods[e.id]
        imports = {a: t for a, t in library_imports(e).items() if t in libs}
        if len(imports) != len(library_imports(e)):
            continue  # an imported library failed to compile: already reported
        summaries = {a: libs[t] for a, t in imports.items()}
        display = _display(path)
        allowed = _modules(e)
        rules = "function" if e.id in in_functions and e.id not in in_workflows else "workflow"

        def compile_lib(src: str = src, display: str = display, path: Path = path,
                        allowed: frozenset[str] = allowed, rules: str = rules,
                        summaries: dict[str, tuple[str, bool]] = summaries) -> Any:
            from .driver import lower_module
            from .semantics.analysis import LibrarySummary

            return lower_module(
                src, display, reporter, chunk_name=path.name, allowed_modules=allowed,
                libraries={a: LibrarySummary(a, m, ea) for a, (m, ea) in summaries.items()},
                in_workflow=rules == "workflow", in_function=rules == "function",
                library=True, fmt=fmt)

        r = b.module(mod + ".py", e.id, {
            "kind": "library", "source": src, "file": display, "chunk": path.name,
            "modules": sorted(allowed), "libraries": summaries, "rules": rules, "fmt": fmt},
            compile_lib)
        if r is None:
            continue
        exports_async = (r[1].get("exports_async") if isinstance(r[1], dict)
                         else any(fi.is_async for fi in r[1].unit.res.functions))
        libs[e.id] = ("." + mod, bool(exports_async))
        io_req = (r[1].get("io_requires") if isinstance(r[1], dict)
                  else r[1].unit.io_requires)
        if io_req:
            lib_io[e.id] = (display, [tuple(x) for x in io_req])

    for e in wf_entries + fn_entries:
        is_wf = e.kind == "workflow.lua"
        path = e.source_path()
        assert path is not None
        src = _read_source(path, reporter, e)
        if src is None:
            continue
        direct = library_imports(e)
        if any(t not in libs for t in direct.values()):
            continue  # an imported library failed to compile: already reported
        # the runtime resolves require(alias) per execution, so every library reachable from
        # the entry is registered under its alias: an alias must mean one library
        aliases: dict[str, str] = {}
        conflict = False
        for alias, tid, via in _closure(direct, reg):
            if aliases.setdefault(alias, tid) != tid:
                reporter.add(D.registry_error(
                    str(e.file), e.line,
                    f"entry '{e.id}': import alias '{alias}' names both '{aliases[alias]}' and "
                    f"'{tid}' (imported by '{via or e.id}'); luac2py needs one library per alias "
                    "among an entry's imports", "L2P213"))
                conflict = True
        if conflict or any(t not in libs for t in aliases.values()):
            continue
        if is_wf:
            _check_library_io(e.id, aliases.values(), lib_io, reported, reporter)
        summaries = {a: libs[t] for a, t in direct.items()}
        spec_libs = {a: libs[t][0] for a, t in sorted(aliases.items())}
        method = str(e.data.get("method") or "main")
        display = _display(path)
        allowed = _modules(e)
        if is_wf:
            name = str(e.meta("temporal", "workflow", "name") or e.id)
            mod, cls = wf_mods[e.id], class_name(e.id)
        else:
            name, mod, cls = e.id, fn_mods[e.id], ""

        def compile_entry(src: str = src, display: str = display, path: Path = path,
                          allowed: frozenset[str] = allowed, name: str = name,
                          cls: str = cls, method: str = method, is_wf: bool = is_wf,
                          summaries: dict[str, tuple[str, bool]] = summaries,
                          spec_libs: dict[str, str] = spec_libs) -> Any:
            from .driver import lower_module
            from .emit.module import FunctionSpec, WorkflowSpec
            from .semantics.analysis import LibrarySummary

            libraries = {a: LibrarySummary(a, m, ea) for a, (m, ea) in summaries.items()}
            if is_wf:
                spec = WorkflowSpec(name=name, cls=cls, method=method, libraries=spec_libs)
                return lower_module(
                    src, display, reporter, chunk_name=path.name, allowed_modules=allowed,
                    libraries=libraries, workflow=spec, fmt=fmt)
            fspec = FunctionSpec(method=method, libraries=spec_libs)
            return lower_module(
                src, display, reporter, chunk_name=path.name, allowed_modules=allowed,
                libraries=libraries, function=fspec, in_workflow=False, in_function=True,
                fmt=fmt)

        key = {"kind": "workflow" if is_wf else "function", "source": src, "file": display,
               "chunk": path.name, "modules": sorted(allowed), "libraries": summaries,
               "spec_libraries": spec_libs, "name": name, "cls": cls, "method": method,
               "fmt": fmt}
        # nothing depends on a workflow's or function's module: emitted while going on
        r = b.module(mod + ".py", e.id, key, compile_entry, defer=True)
        if r is None:
            continue
        if is_wf:
            proj.workflows.append({"name": name, "module": mod, "cls": cls, "entry": e.id})
        else:
            options = e.meta("options")
            proj.functions.append({"entry": e.id, "module": mod, "source": path.name,
                                   "worker": _activity_worker_of(e),
                                   "options": options if isinstance(options, dict) else {}})
    b.finish()

    clients: dict[str, Entry] = {c.id: c for c in reg.of_kind("temporal.client")}
    for w in sorted(reg.of_kind("temporal.worker"), key=lambda e: e.id):
        names = [wf["name"] for wf in proj.workflows
                 if _worker_of(reg.entries[wf["entry"]]) == w.id]
        client = w.data.get("client")
        cid = w.ref(str(client)) if client else None
        prefix = ""
        if cid in clients:
            prefix = str(clients[cid].data.get("tq_prefix") or "")
        proj.workers.append({
            "id": w.id,
            "task_queue": prefix + str(w.data.get("task_queue") or w.id),
            "client": cid,
            "workflows": names,
            "activities": [f["entry"] for f in proj.functions if f["worker"] == w.id],
            "worker_options": dict(w.data.get("worker_options") or {}),
        })
    for cid in sorted(clients):
        proj.clients[cid] = {k: v for k, v in clients[cid].data.items()
                             if k in ("address", "namespace", "tq_prefix", "tls", "auth")}
    return proj


def _check_library_io(wf: str, lib_ids: Any, lib_io: dict[str, tuple[str, list[Any]]],
                      reported: set[tuple[str, int, int]], reporter: D.Reporter) -> None:
    """A library that a workflow imports (directly or not) is workflow code: its require()s
    of modules a workflow may not use are errors, at the library's line, reported once."""
    for tid in sorted(set(lib_ids)):
        if tid not in lib_io:
            continue
        # (imported here: a no-op rebuild has no reason to load the catalog)
        from .semantics.catalog import WORKFLOW_FORBIDDEN_MODULES

        file, reqs = lib_io[tid]
        for name, line, col in reqs:
            if (file, line, col) in reported:
                continue
            reported.add((file, line, col))
            reporter.add(D.module_not_in_workflow(file, line, col, name,
                                                  WORKFLOW_FORBIDDEN_MODULES[name], wf))


def _worker_of(e: Entry) -> str | None:
    w = e.meta("temporal", "workflow", "worker")
    return e.ref(str(w)) if w else None


def _activity_worker_of(e: Entry) -> str | None:
    """The worker entry that serves a function as an activity (type = its entry ID)."""
    w = e.meta("temporal", "activity", "worker")
    return e.ref(str(w)) if w else None


def _modules(e: Entry) -> frozenset[str]:
    mods = e.data.get("modules") or []
    return frozenset(str(m) for m in mods) if isinstance(mods, list) else frozenset()


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def compile_project(src: Path, reporter: D.Reporter, name: str | None = None,
                    fmt: bool = True, cache: ModuleCache | None = None,
                    progress: ProgressFn | None = None, parallel: bool = False) -> Project:
    """``parallel``: emit some modules in a forked worker process (see ``_Emitter``)."""
    if src.is_file():
        return compile_single_file(src, name or f"local:{src.stem}", reporter, fmt=fmt,
                                   cache=cache, progress=progress)
    return compile_registry(src, reporter, fmt=fmt, cache=cache, progress=progress,
                            parallel=parallel)


def _package_init(proj: Project, cache: ModuleCache) -> str:
    key = _key(kind="init", workflows=proj.workflows, functions=proj.functions,
               workers=proj.workers, clients=proj.clients)
    hit = cache.lookup("__init__.py", key)
    if hit is not None:
        proj.cache["__init__.py"] = hit[1]
        return hit[0]
    from .driver import package_init

    text = package_init(proj.workflows, proj.functions, proj.workers, proj.clients)
    proj.cache["__init__.py"] = _record(key, text, [])
    return text


def build(src: Path, outdir: Path, reporter: D.Reporter, name: str | None = None,
          progress: ProgressFn | None = None, incremental: bool = True,
          parallel: bool = True) -> Project:
    """Compile ``src`` into the package ``outdir`` (written atomically; left untouched when
    there are errors). ``proj.compiled`` / ``proj.reused`` count the modules. ``parallel``:
    emit in a second process too when that is safe (``_Emitter``); the output is the same."""
    from .driver import write_package_atomically

    cache = ModuleCache(outdir if incremental else None)
    proj = compile_project(src, reporter, name, cache=cache, progress=progress,
                           parallel=parallel)
    if reporter.has_errors:
        return proj
    files = dict(proj.files)
    files["__init__.py"] = _package_init(proj, cache)
    records = {f: proj.cache[f] for f in sorted(files) if f in proj.cache}
    files[CACHE_FILE] = json.dumps({"version": CACHE_VERSION, "compiler": compiler_digest(),
                                    "modules": records}, indent=1, sort_keys=True) + "\n"
    write_package_atomically(outdir, files)
    return proj
