"""The ``yaml`` module: ``yaml.encode(table)`` and ``yaml.decode(text)`` (PyYAML).

    yaml.encode({name = "svc", ports = {80, 443}})
    -- "name: svc\\nports:\\n    - 80\\n    - 443\\n"
    yaml.decode("a: 1\\nb: [x, y]\\n")      -- {a = 1, b = {"x", "y"}}
    yaml.decode("")                         -- nil, err (Invalid: "input cannot be empty")
    yaml.decode("a: [")                     -- nil, err (Internal: "yaml: line 1: ...")

Wippy's module is ``gopkg.in/yaml.v3``; this one reads and writes what yaml.v3 does where it
matters to values. Decoding resolves plain scalars by yaml.v3's rules, not PyYAML's YAML 1.1
ones: only ``true``/``false`` (any case form yaml.v3 takes) are booleans (``yes``, ``on`` are
strings), ``~``/``null`` are nil, integers are Go's base-prefixed forms (``0x1F``, ``0o17``,
``017``, ``0b101``, ``1_000``), timestamps stay strings, only the first document is read.
Encoding converts the table as a payload is converted (SEMANTICS section 4: arrays for 1..n,
sorted keys) and writes block style with yaml.v3's 4-space indentation, literal blocks for
multi-line strings and no line folding; the layout may still differ from yaml.v3's in
details, never the value. Kinds as in Wippy: a non-table / non-string / empty argument is
``Invalid``, a syntax or conversion error ``Internal``.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml as _yaml

from ..lua.values import LuaTable, from_lua_str, to_lua_str
from .errors import WippyError
from .payload import EncodingError, lua_to_py, py_to_lua


def _err(msg: str, kind: str) -> tuple[None, WippyError]:
    return None, WippyError(msg, kind, False)


# -- decoding: yaml.v3's scalar resolution ------------------------------------------------


class _Loader(_yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {}  # none of PyYAML's YAML 1.1 ones

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# strconv.ParseInt(s, 0, 64) forms, and yaml.v3's float form (plus .inf / .nan)
_INT = re.compile(r"^[-+]?(?:0[bB]_?[01][01_]*|0[oO]_?[0-7][0-7_]*|0[xX]_?[0-9a-fA-F][0-9a-fA-F_]*"
                  r"|0[0-7_]*|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")

_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))


def _construct_int(loader: Any, node: Any) -> Any:
    s = loader.construct_scalar(node)
    sign = -1 if s[:1] == "-" else 1
    body = s.lstrip("+-").replace("_", "")
    if len(body) > 1 and body[0] == "0" and body[1] in "0123456789":
        n = int(body, 8)  # Go's legacy octal: 017 is 15
    else:
        try:
            n = int(body, 0)
        except ValueError:  # an explicit !!int tag on something else
            return s
    n *= sign
    # beyond int64 Go's ParseInt fails and yaml.v3 tries a float
    return n if -(2**63) <= n < 2**63 else float(n)


def _construct_float(loader: Any, node: Any) -> Any:
    s = loader.construct_scalar(node)
    low = s.lower()
    if low.endswith(".inf"):
        return -math.inf if s[0] == "-" else math.inf
    if low == ".nan":
        return math.nan
    try:
        return float(s.replace("_", ""))
    except ValueError:
        return s


def _construct_timestamp(loader: Any, node: Any) -> Any:
    return loader.construct_scalar(node)  # yaml.v3 leaves timestamps as strings


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _to_lua(v: Any) -> Any:
    """Decoded YAML as a Lua value; mapping keys that are no strings keep their type."""
    if type(v) is dict:
        t = LuaTable()
        for k, x in v.items():
            if x is None or k is None:
                continue
            if isinstance(k, (dict, list)):
                k = to_lua_str(str(k))
            t.set(_to_lua(k), _to_lua(x))
        return t
    if type(v) is list:
        return LuaTable([_to_lua(x) for x in v]) if None not in v else py_to_lua(
            [_to_lua(x) for x in v])
    if type(v) in (set, tuple):
        return _to_lua(list(v))
    return py_to_lua(v)


def decode(s: Any = None, *_: Any) -> Any:
    """The value of a YAML document (its first one)."""
    if type(s) is not str:
        return _err("string expected", "Invalid")
    if s == "":
        return _err("input cannot be empty", "Invalid")
    try:
        docs = _yaml.load_all(from_lua_str(s), Loader=_Loader)  # noqa: S506 (safe loader)
        data = next(docs, None)
    except _yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return _err(f"yaml: {where}{e.problem or e.context or 'invalid YAML'}", "Internal")
    except (_yaml.YAMLError, ValueError, RecursionError) as e:
        return _err(f"yaml: {e}", "Internal")
    try:
        return _to_lua(data), None
    except (TypeError, ValueError, RecursionError) as e:
        return _err(f"convert to Lua failed: {e}", "Internal")


# -- encoding -------------------------------------------------------------------------


_STR = "tag:yaml.org,2002:str"


class _Dumper(_yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # yaml.v3's layout: a sequence inside a mapping is indented; a node that is a
        # sequence item starts right after its "- "
        if not flow and self.indent is not None and self.states and \
                self.states[-1] == self.expect_block_sequence_item:
            self.indents.append(self.indent)
            self.indent += 2
            return
        super().increase_indent(flow, False)


def _str(dumper: Any, s: str) -> Any:
    style = "|" if "\n" in s and not any(c in s for c in "\r\t") else None
    if style is None and dumper.resolve(_yaml.ScalarNode, s, (True, False)) != _STR:
        style = '"'  # a string that reads as another type: yaml.v3 double-quotes it
    return dumper.represent_scalar(_STR, s, style=style)


def _float(dumper: Any, f: float) -> Any:
    if f != f:
        text = ".nan"
    elif f in (math.inf, -math.inf):
        text = "+.inf" if f > 0 else "-.inf"
    else:
        text = repr(f)
        if "e" in text:  # Go writes 1e+21, not 1.0e+21
            mant, _, exp = text.partition("e")
            mant = mant[:-2] if mant.endswith(".0") else mant
            text = f"{mant}e{'' if exp[0] in '+-' else '+'}{exp}"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(float, _float)
# PyYAML's YAML 1.1 resolvers stay (so "yes" or "1:20" are quoted, as yaml.v3 quotes them), plus
# Go's float form, so that 1e+300 is written plain as yaml.v3 writes it
_Dumper.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))


def encode(t: Any = None, *_: Any) -> Any:
    """YAML text of a table."""
    if type(t) is not LuaTable:
        return _err("table expected", "Invalid")
    try:
        data = lua_to_py(t)
        text = _yaml.dump(data, Dumper=_Dumper, indent=4, sort_keys=True, allow_unicode=True,
                          default_flow_style=False, width=math.inf)
    except (EncodingError, _yaml.YAMLError, RecursionError) as e:
        return _err(str(e), "Internal")
    return to_lua_str(text), None


def build(ex: Any) -> LuaTable:
    return LuaTable(None, {"encode": encode, "decode": decode})
