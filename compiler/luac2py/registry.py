"""Wippy registries: ``_index.yaml`` files declaring workflows, functions, libraries, workers
and clients (SEMANTICS.md section 5). Errors name the YAML file and line."""

from __future__ import annotations

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

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


class _LineLoader(yaml.SafeLoader):
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


def load_registry(root: Path, reporter: D.Reporter) -> Registry:
    reg = Registry(root)
    files = sorted(root.rglob("_index.yaml")) + sorted(root.rglob("_index.yml"))
    if not files:
        reporter.add(D.registry_error(str(root), 0, "no _index.yaml found", "L2P200"))
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
        if not isinstance(doc, dict):
            reporter.add(D.registry_error(rel, 1, "a registry file must be a mapping", "L2P203"))
            continue
        ns = doc.get("namespace")
        if not isinstance(ns, str) or not ns:
            reporter.add(D.registry_error(rel, doc.get("__line__", 1),
                                          "missing 'namespace'", "L2P203"))
            continue
        entries = doc.get("entries") or []
        if not isinstance(entries, list):
            reporter.add(D.registry_error(rel, doc.get("__line__", 1),
                                          "'entries' must be a list", "L2P203"))
            continue
        for raw in entries:
            if not isinstance(raw, dict):
                reporter.add(D.registry_error(rel, 0, "an entry must be a mapping", "L2P203"))
                continue
            line = raw.get("__line__", 0)
            name = raw.get("name")
            kind = raw.get("kind")
            if not isinstance(name, str) or not name:
                reporter.add(D.registry_error(rel, line, "entry without 'name'", "L2P203"))
                continue
            eid = f"{ns}:{name}"
            if kind not in KINDS:
                continue  # other Wippy kinds (http, env, ...) are not compiled here
            if eid in reg.entries:
                other = reg.entries[eid]
                reporter.add(D.registry_error(
                    rel, line, f"duplicate entry ID '{eid}' (also at {other.file}:{other.line})",
                    "L2P204"))
                continue
            reg.entries[eid] = Entry(eid, kind, _strip_lines(raw), f, line, ns)
    return reg


def validate(reg: Registry, reporter: D.Reporter) -> None:
    for e in reg.entries.values():
        rel = str(e.file)
        if e.kind in ("workflow.lua", "function.lua", "library.lua"):
            p = e.source_path()
            if p is None:
                reporter.add(D.registry_error(rel, e.line, f"entry '{e.id}' has no 'source'",
                                              "L2P205"))
            elif not p.is_file():
                reporter.add(D.registry_error(
                    rel, e.line, f"entry '{e.id}': source file not found: {p}", "L2P206"))
        if e.kind == "workflow.lua":
            w = e.meta("temporal", "workflow", "worker")
            if w is not None:
                wid = e.ref(str(w))
                if wid not in reg.entries or reg.entries[wid].kind != "temporal.worker":
                    reporter.add(D.registry_error(
                        rel, e.line, f"entry '{e.id}': unknown worker '{w}'", "L2P207"))
            imports = e.data.get("imports") or {}
            if not isinstance(imports, dict):
                reporter.add(D.registry_error(rel, e.line, "'imports' must be a mapping",
                                              "L2P203"))
            else:
                for alias, target in imports.items():
                    tid = e.ref(str(target))
                    if tid not in reg.entries or reg.entries[tid].kind != "library.lua":
                        reporter.add(D.registry_error(
                            rel, e.line, f"entry '{e.id}': import '{alias}' names unknown "
                            f"library '{target}'", "L2P208"))
        if e.kind == "temporal.worker":
            c = e.data.get("client")
            if c is not None:
                cid = e.ref(str(c))
                if cid not in reg.entries or reg.entries[cid].kind != "temporal.client":
                    reporter.add(D.registry_error(
                        rel, e.line, f"worker '{e.id}': unknown client '{c}'", "L2P209"))
