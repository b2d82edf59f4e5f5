"""The sections of BENCHMARKS.md that bench scripts rewrite, each between its markers."""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def write_section(name: str, text: str) -> None:
    """Replace what is between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` with
    ``text`` (appended at the end when the markers are not there yet)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    doc = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    block = f"{start}\n{text.rstrip()}\n{end}"
    if start in doc and end in doc:
        doc = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, doc, flags=re.S)
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    BENCHMARKS.write_text(doc, encoding="utf-8")
