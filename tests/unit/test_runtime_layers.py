"""The runtime's layers import one way (CONTRIBUTING.md, "The runtime's layers"): host ->
temporal -> modules -> lua, and only the Temporal binding and the host side import temporalio.

Read from the source (every import statement, also the ones inside functions), so a lazy import
that crosses a layer upward fails here as well."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import luac2py_runtime

ROOT = Path(luac2py_runtime.__file__).parent
ORDER = ["lua", "modules", "temporal", "host"]  # each may import those before it


def _layer(module: str) -> str | None:
    """The layer of a module path relative to the runtime ('lua.ops' -> 'lua')."""
    head = module.split(".")[0]
    return head if head in ORDER else None


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module relative to luac2py_runtime, or 'temporalio...')."""
    package = list(path.relative_to(ROOT).parts[:-1])  # the package the file belongs to
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for a in node.names:
                out.append((node.lineno, a.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    out += [(node.lineno, f"{mod}.{a.name}".lstrip(".")) for a in node.names]
                else:
                    out.append((node.lineno, mod))
            elif node.module:
                name = node.module
                if name.startswith("luac2py_runtime."):
                    name = name[len("luac2py_runtime."):]
                out.append((node.lineno, name))
    return out


FILES = sorted(p for p in ROOT.rglob("*.py") if p.parent != ROOT)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path: Path) -> None:
    own = path.relative_to(ROOT).parts[0]
    allowed = set(ORDER[: ORDER.index(own) + 1])
    bad = []
    for line, mod in _imports(path):
        layer = _layer(mod)
        if layer is not None and layer not in allowed:
            bad.append(f"{path.name}:{line}: {own} imports {mod}")
        if own in ("lua", "modules") and mod.split(".")[0] == "temporalio":
            bad.append(f"{path.name}:{line}: {own} imports {mod} (only through the backend)")
    assert not bad, "\n".join(bad)


def test_layout() -> None:
    top = sorted(p.name for p in ROOT.glob("*.py"))
    assert len(top) <= 10, top
    for layer in ORDER:
        init = ROOT / layer / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text())), f"{layer}/__init__.py: docstring"


def test_imports_are_resolved_as_python_does() -> None:
    """The check above must see what a file really imports, or it could never fail."""
    assert "modules.errors" in [m for _, m in _imports(ROOT / "temporal" / "backend.py")]
    assert "lua.errors" in [m for _, m in _imports(ROOT / "modules" / "options.py")]
    assert "modules.json" in [m for _, m in _imports(ROOT / "modules" / "crypto.py")]
