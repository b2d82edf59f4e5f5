"""Diagnostics: every message the compiler can report, each from one named factory with a
stable code.

A diagnostic renders as ``file.lua:12:5: error: message [L2P003]``, followed (when the source
is known) by the offending line and a caret under the column. Compilation records diagnostics
and goes on where it can, so one run shows every error; the driver fails the build if any
error was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    file: str
    line: int
    col: int  # 1-based; 0 when the column is unknown (registry files)

    def location(self) -> str:
        if self.col:
            return f"{self.file}:{self.line}:{self.col}"
        return f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message} [{self.code}]"

    def render(self, source: str | None = None) -> str:
        """The one-line form plus the source line and a caret, when the source is known."""
        text = str(self)
        if source is not None and self.line > 0:
            lines = source.splitlines()
            if self.line <= len(lines):
                src = lines[self.line - 1].expandtabs(4)
                text += "\n    " + src
                if self.col:
                    prefix = lines[self.line - 1][: self.col - 1].expandtabs(4)
                    text += "\n    " + " " * len(prefix) + "^"
        return text

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "col": self.col,
        }


class CompileError(Exception):
    """Raised by the driver when a compilation recorded errors; carries all diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class LuaSyntaxError(Exception):
    """A syntax error in Lua source. ``str()`` is ``file:LINE:COL: error: message``."""

    code = "L2P001"

    def __init__(self, message: str, filename: str, line: int, col: int):
        self.message = message
        self.filename = filename
        self.line = line
        self.col = col
        super().__init__(f"{filename}:{line}:{col}: error: {message}")

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.code, "error", self.message, self.filename, self.line, self.col)


@dataclass
class Reporter:
    """Collects diagnostics for one compilation."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, d: Diagnostic) -> None:
        self.diagnostics.append(d)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def in_order(self) -> list[Diagnostic]:
        """By file, line and column, as mypy and ruff list them (phases report in their own
        order); diagnostics at one position keep the order they were reported in."""
        return sorted(self.diagnostics, key=lambda d: (d.file, d.line, d.col))


# ---------------------------------------------------------------------------------------------
# Factories. One per message; the code is stable and documented in docs/commands.md.
# L2P0xx: syntax; L2P1xx: semantics and determinism; L2P2xx: registry; L2P3xx: unsupported.
# ---------------------------------------------------------------------------------------------


def syntax_error(err: LuaSyntaxError) -> Diagnostic:
    return err.diagnostic()


def forbidden_call(file: str, line: int, col: int, name: str, why: str) -> Diagnostic:
    return Diagnostic(
        "L2P101", "error", f"'{name}' cannot be used in a workflow: {why}", file, line, col
    )


def unavailable_in_function(file: str, line: int, col: int, name: str, why: str) -> Diagnostic:
    return Diagnostic(
        "L2P106", "error", f"'{name}' is not available in a function: {why}", file, line, col
    )


def module_not_allowed(file: str, line: int, col: int, name: str) -> Diagnostic:
    return Diagnostic(
        "L2P102",
        "error",
        f"require('{name}'): module '{name}' is not in this entry's 'modules' list",
        file,
        line,
        col,
    )


def module_not_in_workflow(file: str, line: int, col: int, name: str, why: str,
                           workflow: str | None = None) -> Diagnostic:
    via = f" (this library is imported by workflow '{workflow}')" if workflow else ""
    return Diagnostic(
        "L2P105",
        "error",
        f"require('{name}'): module '{name}' cannot be used in a workflow{via}: {why}; move "
        "the call into a function (a function.lua entry) and call that with funcs.call",
        file,
        line,
        col,
    )


def unknown_module(file: str, line: int, col: int, name: str) -> Diagnostic:
    return Diagnostic("L2P103", "error", f"require('{name}'): no such module", file, line, col)


def dynamic_require(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        "L2P104",
        "error",
        "require() needs a string literal so that the module can be checked at build time",
        file,
        line,
        col,
    )


def undefined_global(file: str, line: int, col: int, name: str) -> Diagnostic:
    return Diagnostic(
        "L2P110",
        "warning",
        f"global '{name}' is read but never assigned, and is no builtin or module "
        "(a 'local function' defined later in the file is not visible here)",
        file,
        line,
        col,
    )


def goto_unsupported(file: str, line: int, col: int, label: str) -> Diagnostic:
    return Diagnostic(
        "L2P301",
        "error",
        f"'goto {label}': only a jump forward to a label in the same or an enclosing block "
        "is supported",
        file,
        line,
        col,
    )


def goto_no_label(file: str, line: int, col: int, label: str) -> Diagnostic:
    return Diagnostic("L2P302", "error", f"no visible label '{label}' for goto", file, line, col)


def duplicate_label(file: str, line: int, col: int, label: str) -> Diagnostic:
    return Diagnostic("L2P303", "error", f"label '{label}' already defined", file, line, col)


def vararg_outside(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        "L2P304", "error", "cannot use '...' outside a vararg function", file, line, col
    )


def break_outside(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic("L2P305", "error", "no loop to break", file, line, col)


def too_complex(file: str, line: int, col: int, what: str) -> Diagnostic:
    return Diagnostic("L2P306", "error", f"too complex to compile: {what}", file, line, col)


def registry_error(file: str, line: int, message: str, code: str = "L2P201",
                   severity: str = "error") -> Diagnostic:
    return Diagnostic(code, severity, message, file, line, 0)


# -- L2P12x: code Wippy accepts but that does not do what it seems to (warnings) --------------


def unknown_escape(file: str, line: int, col: int, char: str) -> Diagnostic:
    shown = char if char.isprintable() else repr(char)[1:-1]
    return Diagnostic(
        "L2P120", "warning",
        f"'\\{shown}' is no escape sequence: Wippy reads it as '{shown}' (so \"\\x41\" is the "
        f"three characters x41); write '\\\\{shown}' or a decimal escape such as '\\65'",
        file, line, col)


def rep_separator(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        "L2P121", "warning",
        "string.rep ignores its third argument in Wippy: no separator is inserted "
        "(('ab'):rep(3, ',') is 'ababab')", file, line, col)


def zero_for_step(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        "L2P122", "warning",
        "a 'for' step of zero is no error in Wippy: the loop runs zero times when the start "
        "is below the limit and forever otherwise", file, line, col)


def division_by_zero(file: str, line: int, col: int, op: str) -> Diagnostic:
    what = ("is NaN in Wippy (never an error)" if op == "%" else
            "raises 'attempt to divide by zero' in Wippy (a constant dividend gives inf or "
            "NaN at build time instead)")
    return Diagnostic("L2P123", "warning", f"'{op}' by the constant zero {what}",
                      file, line, col)


def internal_error(file: str, line: int, col: int, what: str) -> Diagnostic:
    return Diagnostic("L2P999", "error", f"internal compiler error: {what}", file, line, col)
