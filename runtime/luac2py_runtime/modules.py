"""The Wippy modules an execution can ``require``, each built per execution on first use.

Builders are named as data and imported on demand: a workflow that never uses ``crypto``
never imports the ``cryptography`` package (which, among other things, keeps the strict
sandbox of temporalio happy for workflows that do not need it).
"""

from __future__ import annotations

import importlib
from typing import Any

from .execution import MODULE_BUILDERS

_BUILDERS = {
    "coroutine": "lcoroutine",
    "errors": "werrors",
    "funcs": "wfuncs",
    "time": "wtime",
    "ctx": "wctx",
    "workflow": "wworkflow",
    "channel": "wchannel",
    "process": "wprocess",
    "uuid": "wuuid",
    "crypto": "wcrypto",
    "json": "wjson",
}


def _lazy(module: str) -> Any:
    def build(ex: Any) -> Any:
        return importlib.import_module(f"{__package__}.{module}").build(ex)

    build.__qualname__ = f"{module}.build"
    return build


for _name, _module in _BUILDERS.items():
    MODULE_BUILDERS.setdefault(_name, _lazy(_module))
