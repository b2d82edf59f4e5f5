"""Build a project — a registry folder or a single .lua file — into a Python package.

    samples/order/_index.yaml  ->  out/__init__.py              (WORKFLOWS, WORKER_ENTRIES, ...)
    order_workflow.lua             out/app_order_workflow.py    (one module per workflow)
                                   out/lib_app_util.py          (one per library.lua entry)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import diagnostics as D
from .driver import compile_chunk, package_init, write_package_atomically
from .emit.module import WorkflowSpec
from .registry import Entry, Registry, load_registry, validate
from .semantics.analysis import LibrarySummary


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
    workers: list[dict[str, object]] = field(default_factory=list)
    clients: dict[str, dict[str, object]] = field(default_factory=dict)
    registry: Registry | None = None


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


def compile_single_file(path: Path, name: str, reporter: D.Reporter, fmt: bool = True) -> Project:
    proj = Project()
    src = _read_source(path, reporter, None)
    if src is None:
        return proj
    mod = py_ident(name)
    cls = class_name(name)
    spec = WorkflowSpec(name=name, cls=cls, method="main", libraries={})
    c = compile_chunk(src, str(path), reporter, chunk_name=path.name, workflow=spec, fmt=fmt)
    if c is not None:
        proj.files[mod + ".py"] = c.text
        proj.workflows.append({"name": name, "module": mod, "cls": cls})
    return proj


def compile_registry(root: Path, reporter: D.Reporter, fmt: bool = True) -> Project:
    proj = Project()
    reg = load_registry(root, reporter)
    proj.registry = reg
    validate(reg, reporter)
    if reporter.has_errors:
        return proj
    libs: dict[str, LibrarySummary] = {}  # library entry id -> summary
    for e in sorted(reg.of_kind("library.lua"), key=lambda e: e.id):
        path = e.source_path()
        assert path is not None
        src = _read_source(path, reporter, e)
        if src is None:
            continue
        mod = "lib_" + py_ident(e.id)
        c = compile_chunk(src, _display(path, root), reporter, chunk_name=path.name,
                          allowed_modules=_modules(e), fmt=fmt)
        if c is None:
            continue
        proj.files[mod + ".py"] = c.text
        exports_async = any(fi.is_async for fi in c.unit.res.functions)
        libs[e.id] = LibrarySummary(alias=e.id, module="." + mod, exports_async=exports_async)
    for e in sorted(reg.of_kind("workflow.lua"), key=lambda e: e.id):
        path = e.source_path()
        assert path is not None
        src = _read_source(path, reporter, e)
        if src is None:
            continue
        wf_name = e.meta("temporal", "workflow", "name") or e.id
        imports = {str(a): e.ref(str(t)) for a, t in (e.data.get("imports") or {}).items()}
        summaries = {a: LibrarySummary(a, libs[t].module, libs[t].exports_async)
                     for a, t in imports.items() if t in libs}
        mod = py_ident(e.id)
        cls = class_name(e.id)
        spec = WorkflowSpec(
            name=str(wf_name),
            cls=cls,
            method=str(e.data.get("method") or "main"),
            libraries={a: s.module for a, s in summaries.items()},
        )
        c = compile_chunk(src, _display(path, root), reporter, chunk_name=path.name,
                          allowed_modules=_modules(e), libraries=summaries, workflow=spec,
                          fmt=fmt)
        if c is None:
            continue
        proj.files[mod + ".py"] = c.text
        proj.workflows.append({"name": str(wf_name), "module": mod, "cls": cls,
                               "entry": e.id})
    for w in sorted(reg.of_kind("temporal.worker"), key=lambda e: e.id):
        names = [wf["name"] for wf in proj.workflows
                 if _worker_of(reg.entries[wf["entry"]]) == w.id]
        client = w.data.get("client")
        proj.workers.append({
            "id": w.id,
            "task_queue": str(w.data.get("task_queue") or w.id),
            "client": w.ref(str(client)) if client else None,
            "workflows": names,
        })
    for c in sorted(reg.of_kind("temporal.client"), key=lambda e: e.id):
        proj.clients[c.id] = {k: v for k, v in c.data.items()
                              if k in ("address", "namespace", "tq_prefix", "tls", "auth")}
    return proj


def _worker_of(e: Entry) -> str | None:
    w = e.meta("temporal", "workflow", "worker")
    return e.ref(str(w)) if w else None


def _modules(e: Entry) -> frozenset[str]:
    mods = e.data.get("modules") or []
    return frozenset(str(m) for m in mods) if isinstance(mods, list) else frozenset()


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def compile_project(src: Path, reporter: D.Reporter, name: str | None = None,
                    fmt: bool = True) -> Project:
    if src.is_file():
        return compile_single_file(src, name or f"local:{src.stem}", reporter, fmt=fmt)
    return compile_registry(src, reporter, fmt=fmt)


def build(src: Path, outdir: Path, reporter: D.Reporter, name: str | None = None) -> Project:
    proj = compile_project(src, reporter, name)
    if reporter.has_errors:
        return proj
    files = dict(proj.files)
    files["__init__.py"] = package_init(proj.workflows, proj.workers, proj.clients)
    write_package_atomically(outdir, files)
    return proj
