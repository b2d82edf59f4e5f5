"""The driver: the only place that knows the order of the phases.

    source --parse--> Chunk --analyse--> Unit --lower--> ast --emit--> module text

``compile_chunk`` compiles one Lua file; ``project.build`` compiles a project (a registry folder
or a single file) into a package and writes it atomically with ``write_package_atomically``.

The phases are imported when first used: a no-op rebuild (every module reused from the cache)
never loads the parser, the lowering, jinja2 or black.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import diagnostics as D

if TYPE_CHECKING:
    from .emit.module import FunctionSpec, WorkflowSpec
    from .semantics.analysis import LibrarySummary, Unit


@dataclass
class Compiled:
    text: str
    unit: Unit


def parse_source(source: str, filename: str, reporter: D.Reporter):  # type: ignore[no-untyped-def]
    from .frontend.parser import parse

    try:
        return parse(source, filename)
    except D.LuaSyntaxError as e:
        reporter.add(e.diagnostic())
        return None


def compile_chunk(source: str, filename: str, reporter: D.Reporter, **options: Any
                  ) -> Compiled | None:
    """One Lua file compiled into a module's text; ``options`` are ``lower_module``'s."""
    lowered = lower_module(source, filename, reporter, **options)
    if lowered is None:
        return None
    text, error = emit_lowered(lowered)
    if error is not None:
        reporter.add(error)
        return None
    assert text is not None
    return Compiled(text, lowered.unit)


@dataclass
class Lowered:
    """A chunk checked and lowered, to be emitted: ``emit`` holds ``emit_module``'s arguments,
    plain data and ``ast`` (so the emitting can happen in another process)."""

    unit: Unit
    filename: str
    emit: dict[str, Any]

    def __getstate__(self) -> dict[str, Any]:
        return {"unit": None, "filename": self.filename, "emit": self.emit}


def lower_module(
    source: str,
    filename: str,
    reporter: D.Reporter,
    *,
    chunk_name: str | None = None,
    allowed_modules: frozenset[str] | None = None,
    libraries: dict[str, LibrarySummary] | None = None,
    workflow: WorkflowSpec | None = None,
    function: FunctionSpec | None = None,
    in_workflow: bool = True,
    in_function: bool = False,
    library: bool = False,
    fmt: bool = True,
) -> Lowered | None:
    """The front end, the checks and the lowering of ``compile_chunk``."""
    from .lower.chunk import lower_chunk
    from .lower.context import Ctx
    from .semantics.analysis import Unit, analyse

    chunk = parse_source(source, filename, reporter)
    if chunk is None:
        return None
    for line, col, ch in getattr(chunk, "_unknown_escapes", None) or ():
        reporter.add(D.unknown_escape(filename, line, col, ch))
    unit = Unit(
        filename=filename,
        source=source,
        chunk=chunk,
        reporter=reporter,
        allowed_modules=allowed_modules,
        libraries=libraries or {},
        in_workflow=in_workflow,
        in_function=in_function,
        library=library,
    )
    before = len(reporter.diagnostics)
    try:  # every phase below walks the tree recursively
        analyse(unit)
        ctx = Ctx(unit, reporter)
        chunk_def = lower_chunk(ctx)
    except RecursionError:
        reporter.add(D.too_complex(filename, 1, 1, "nesting too deep"))
        return None
    if any(d.severity == "error" for d in reporter.diagnostics[before:]):
        return None
    return Lowered(unit, filename, dict(
        chunk_def=chunk_def,
        imports=ctx.imports,
        source_name=os.path.basename(filename),
        chunk_name=chunk_name or os.path.basename(filename),
        source=source,
        workflow=workflow,
        function=function,
        fmt=fmt,
    ))


def emit_lowered(lowered: Lowered) -> tuple[str | None, D.Diagnostic | None]:
    """The module's text, or the error that stopped it (the module nests too deeply for
    Python)."""
    from .emit.module import emit_module

    filename = lowered.filename
    try:
        text = emit_module(**lowered.emit)
        compile(text, filename + ".py", "exec")
    except RecursionError:
        return None, D.too_complex(filename, 1, 1, "nesting too deep")
    except SyntaxError as e:  # e.g. too many statically nested blocks
        return None, D.too_complex(filename, 1, 1, str(e.msg))
    return text, None


# -- packages ----------------------------------------------------------------------------


def _same_package(outdir: Path, files: dict[str, str]) -> bool:
    """Whether ``outdir`` already holds exactly these files (a no-op rebuild)."""
    try:
        existing = {p.name for p in outdir.iterdir()}
    except OSError:
        return False
    if existing != set(files) and existing != set(files) | {"__pycache__"}:
        return False
    for rel, text in files.items():
        try:
            if (outdir / rel).read_text(encoding="utf-8") != text:
                return False
        except (OSError, UnicodeDecodeError):
            return False
    return True


def write_package_atomically(outdir: Path, files: dict[str, str]) -> None:
    """Write every file into a fresh temporary folder next to ``outdir``, then swap it in.
    When ``outdir`` already holds exactly these files it is left alone (no swap under the feet
    of a process importing from it)."""
    outdir = outdir.resolve()
    if all("/" not in rel for rel in files) and _same_package(outdir, files):
        return
    parent = outdir.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.tmp-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a package is not
        for rel, text in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        if outdir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old-", dir=parent))
            old.rmdir()
            os.replace(outdir, old)
            os.replace(tmp, outdir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, outdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def package_init(workflows: list[dict[str, str]], functions: list[dict[str, Any]],
                 workers: list[dict[str, Any]], clients: dict[str, dict[str, Any]]) -> str:
    from .emit.module import render
    from .semantics.catalog import RUNTIME_INTERFACE

    return render("package_init.py.j2", workflows=workflows, functions=functions,
                  workers=workers, clients=clients, interface=RUNTIME_INTERFACE)
