"""Wippy registries: ``_index.yaml`` files declaring workflows, functions, libraries, workers
and clients (SEMANTICS.md section 5). Errors name the YAML file and line.

Codes: L2P200 no registry file, L2P202 invalid YAML, L2P203 malformed file or entry, L2P204
duplicate entry ID, L2P205 entry without source, L2P206 source file not found (or unreadable),
L2P207 unknown worker, L2P208 unknown library in ``imports``, L2P209 unknown client, L2P210
cycle among library imports, L2P211 worker without ``task_queue``, L2P212 (warning)
``meta.temporal.activity`` without a ``worker`` (not an activity, as in Wippy).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import diagnostics as D

KINDS = {"workflow.lua", "function.lua", "library.lua", "temporal.client", "temporal.worker"}


@dataclass
class Entry:
    id: str  # namespace:name
    kind: str
    data: dict[str, Any]
    file: Path  # the YAML file
    line: int
    namespace: str

    @property
    def name(self) -> str:
        return self.id.split(":", 1)[1]

    def source_path(self) -> Path | None:
        src = self.data.get("source")
        if not isinstance(src, str):
            return None
        if src.startswith("file://"):
            src = src[len("file://"):]
        return (self.file.parent / src).resolve()

    def meta(self, *path: str) -> Any:
        cur: Any = self.data.get("meta")
        for p in path:
            if not isinstance(cur, dict):
                return None
            cur = cur.get(p)
        return cur

    def ref(self, value: str) -> str:
        """A reference with or without namespace, resolved against this entry's namespace."""
        return value if ":" in value else f"{self.namespace}:{value}"


@dataclass
class Registry:
    root: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


# libyaml's loader when PyYAML was built with it (about 10x faster: YAML parsing is most of a
# no-op rebuild), else the pure-Python one; both report positions
_Base: Any = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
_Base = _Base or yaml.SafeLoader


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    m = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    m["__line__"] = node.start_mark.line + 1
    return m


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _strip_lines(x) for k, x in v.items() if k != "__line__"}
    if isinstance(v, list):
        return [_strip_lines(x) for x in v]
    return v


def registry_files(root: Path) -> list[Path]:
    """Every ``_index.yaml``/``_index.yml`` under ``root``, in a stable order (hidden folders,
    caches and virtual environments skipped)."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and d not in ("__pycache__", "node_modules"))
        for fn in sorted(filenames):
            if fn in ("_index.yaml", "_index.yml"):
                out.append(Path(dirpath) / fn)
    return sorted(out)


def load_registry(root: Path, reporter: D.Reporter) -> Registry:
    reg = Registry(root)
    files = registry_files(root)
    reg.files = files
    if not files:
        reporter.add(D.registry_error(str(root), 0, "no _index.yaml found", "L2P200"))
    seen: dict[str, tuple[Path, int]] = {}
    for f in files:
        rel = str(f)
        try:
            doc = yaml.load(f.read_text(encoding="utf-8"), Loader=_LineLoader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 0
            reporter.add(D.registry_error(rel, line, f"invalid YAML: {getattr(e, 'problem', e)}",
                                          "L2P202"))
            continue
        except UnicodeDecodeError:
            reporter.add(D.registry_error(rel, 0, "registry file is not UTF-8 text", "L2P202"))
            continue
        except OSError as e:
            reporter.add(D.registry_error(rel, 0, f"cannot read registry file: {e}", "L2P202"))
            continue
        if not isinstance(doc, dict):
            reporter.add(D.registry_error(rel, 1, "a registry file must be a mapping", "L2P203"))
            continue
        ns = doc.get("namespace")
        if not isinstance(ns, str) or not ns or ":" in ns:
            reporter.add(D.registry_error(rel, doc.get("__line__", 1),
                                          "missing or invalid 'namespace'", "L2P203"))
            continue
        entries = doc.get("entries") or []
        if not isinstance(entries, list):
            reporter.add(D.registry_error(rel, doc.get("__line__", 1),
                                          "'entries' must be a list", "L2P203"))
            continue
        for raw in entries:
            if not isinstance(raw, dict):
                reporter.add(D.registry_error(rel, doc.get("__line__", 1),
                                              "an entry must be a mapping", "L2P203"))
                continue
            line = raw.get("__line__", 0)
            name = raw.get("name")
            kind = raw.get("kind")
            if not isinstance(name, str) or not name or ":" in name:
                reporter.add(D.registry_error(rel, line, "entry without a valid 'name'",
                                              "L2P203"))
                continue
            eid = f"{ns}:{name}"
            if eid in seen:
                ofile, oline = seen[eid]
                reporter.add(D.registry_error(
                    rel, line, f"duplicate entry ID '{eid}' (also at {ofile}:{oline})",
                    "L2P204"))
                continue
            seen[eid] = (f, line)
            if kind not in KINDS:
                continue  # other Wippy kinds (http, env, ...) are not compiled here
            reg.entries[eid] = Entry(eid, kind, _strip_lines(raw), f, line, ns)
    return reg


def _imports(e: Entry, reg: Registry, reporter: D.Reporter) -> dict[str, str]:
    """alias -> library entry ID, reporting bad ones."""
    rel = str(e.file)
    imports = e.data.get("imports") or {}
    if not isinstance(imports, dict):
        reporter.add(D.registry_error(rel, e.line, f"entry '{e.id}': 'imports' must be a "
                                      "mapping of alias to library entry", "L2P203"))
        return {}
    out: dict[str, str] = {}
    for alias, target in imports.items():
        tid = e.ref(str(target))
        if tid not in reg.entries or reg.entries[tid].kind != "library.lua":
            reporter.add(D.registry_error(
                rel, e.line, f"entry '{e.id}': import '{alias}' names unknown "
                f"library '{target}'", "L2P208"))
            continue
        out[str(alias)] = tid
    return out


def library_imports(e: Entry) -> dict[str, str]:
    """alias -> library entry ID of an entry's ``imports`` (after ``validate``)."""
    imports = e.data.get("imports") or {}
    if not isinstance(imports, dict):
        return {}
    return {str(a): e.ref(str(t)) for a, t in imports.items()}


def library_order(reg: Registry, reporter: D.Reporter) -> list[Entry]:
    """library.lua entries, each after the libraries it imports; a cycle is an error."""
    libs = {e.id: e for e in reg.of_kind("library.lua")}
    order: list[Entry] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(lid: str, path: list[str]) -> None:
        if state.get(lid) == 2:
            return
        if state.get(lid) == 1:
            cyc = path[path.index(lid):] + [lid]
            first = libs[cyc[0]]
            reporter.add(D.registry_error(
                str(first.file), first.line,
                "import cycle among libraries: " + " -> ".join(cyc), "L2P210"))
            return
        state[lid] = 1
        for tid in sorted(set(library_imports(libs[lid]).values())):
            if tid in libs:
                visit(tid, path + [lid])
        state[lid] = 2
        order.append(libs[lid])

    for lid in sorted(libs):
        visit(lid, [])
    return order


def validate(reg: Registry, reporter: D.Reporter) -> None:
    for e in sorted(reg.entries.values(), key=lambda e: (str(e.file), e.line)):
        rel = str(e.file)
        if e.kind in ("workflow.lua", "function.lua", "library.lua"):
            p = e.source_path()
            if p is None:
                reporter.add(D.registry_error(rel, e.line, f"entry '{e.id}' has no 'source'",
                                              "L2P205"))
            elif not p.is_file():
                src = e.data.get("source")
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': source file not found: {src}", "L2P206"))
            mods = e.data.get("modules")
            if mods is not None and not (isinstance(mods, list)
                                         and all(isinstance(m, str) for m in mods)):
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': 'modules' must be a list of module names",
                    "L2P203"))
            _imports(e, reg, reporter)
            method = e.data.get("method")
            if method is not None and (not isinstance(method, str) or not method):
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': 'method' must be a function name", "L2P203"))
        if e.kind == "workflow.lua":
            w = e.meta("temporal", "workflow", "worker")
            if w is not None:
                wid = e.ref(str(w))
                if wid not in reg.entries or reg.entries[wid].kind != "temporal.worker":
                    reporter.add(D.registry_error(
                        rel, e.line, f"entry '{e.id}': unknown worker '{w}'", "L2P207"))
            n = e.meta("temporal", "workflow", "name")
            if n is not None and (not isinstance(n, str) or not n):
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': meta.temporal.workflow.name must be a "
                    "non-empty string", "L2P203"))
        if e.kind == "function.lua" and e.meta("temporal", "activity") is not None:
            w = e.meta("temporal", "activity", "worker")
            if w is None:
                # Wippy's activity listener skips such entries: a plain function, say so
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': meta.temporal.activity has no 'worker': "
                    "the function is not registered as an activity", "L2P212",
                    severity="warning"))
            elif e.ref(str(w)) not in reg.entries or (
                    reg.entries[e.ref(str(w))].kind != "temporal.worker"):
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': unknown worker '{w}'", "L2P207"))
        if e.kind == "temporal.worker":
            c = e.data.get("client")
            if c is not None:
                cid = e.ref(str(c))
                if cid not in reg.entries or reg.entries[cid].kind != "temporal.client":
                    reporter.add(D.registry_error(
                        rel, e.line, f"worker '{e.id}': unknown client '{c}'", "L2P209"))
            tq = e.data.get("task_queue")
            if not isinstance(tq, str) or not tq:
                reporter.add(D.registry_error(
                    rel, e.line, f"worker '{e.id}' has no 'task_queue'", "L2P211"))
    # workflow types must be unique: two entries may not register the same type
    types: dict[str, Entry] = {}
    for e in sorted(reg.of_kind("workflow.lua"), key=lambda e: e.id):
        t = e.meta("temporal", "workflow", "name") or e.id
        if isinstance(t, str) and t in types:
            o = types[t]
            reporter.add(D.registry_error(
                str(e.file), e.line, f"entry '{e.id}': workflow type '{t}' is also "
                f"registered by '{o.id}' ({o.file}:{o.line})", "L2P204"))
        types[str(t)] = e
    library_order(reg, reporter)
