"""Stable names for the standard library functions that generated code imports directly:
``string_format``, ``table_insert``, ``math_floor``, ... (one per entry of each library's
``LIB`` table)."""

from __future__ import annotations

from typing import Any

from . import math as lmath
from . import string as lstring
from . import table as ltable

_g: dict[str, Any] = globals()
for _prefix, _lib in (("string_", lstring.LIB), ("table_", ltable.LIB), ("math_", lmath.LIB)):
    for _name, _fn in _lib.items():
        if callable(_fn):
            _g[_prefix + _name] = _fn
del _g, _prefix, _lib, _name, _fn
