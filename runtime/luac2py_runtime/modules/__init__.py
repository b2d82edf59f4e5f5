"""Wippy's modules, one file per module, named as Wippy names them: ``errors``, ``funcs``,
``time`` (with ``time_objects``: Time, Duration, timers), ``channel``, ``process``, ``crypto``,
``uuid``, ``json``, ``ctx``, ``workflow``, ``yaml``, ``base64``, ``hash``, and the ones that do
I/O, for functions only: ``env``, ``logger``, ``http_client``.

Each module checks its Lua arguments and reaches Temporal (or the host) only through the
execution's backend, whose interface is ``backend.Backend``; ``payload`` converts Lua values to
and from the plain Python values of a payload, and ``options`` reads option tables. Modules
import the Lua core (``luac2py_runtime.lua``) and each other, never ``temporal`` or ``host``.

Importing this package registers a builder per module with the Lua core
(``lua.execution.MODULE_BUILDERS``). Builders are named as data and the module files imported
on first ``require``: a workflow that never uses ``crypto`` never imports the ``cryptography``
package (which, among other things, keeps the strict sandbox of temporalio happy for workflows
that do not need it).
"""

from __future__ import annotations

import importlib
from typing import Any

from ..lua.execution import MODULE_BUILDERS

_ROOT = __package__.rpartition(".")[0]

# require name -> module (relative to luac2py_runtime) whose build(ex) makes its table
_BUILDERS = {
    "coroutine": "lua.coroutine",
    "errors": "modules.errors",
    "funcs": "modules.funcs",
    "time": "modules.time",
    "ctx": "modules.ctx",
    "workflow": "modules.workflow",
    "channel": "modules.channel",
    "process": "modules.process",
    "uuid": "modules.uuid",
    "crypto": "modules.crypto",
    "json": "modules.json",
    "yaml": "modules.yaml",
    "base64": "modules.base64",
    "hash": "modules.hash",
    "env": "modules.env",
    "logger": "modules.logger",
    "http_client": "modules.http_client",
}


def _lazy(module: str) -> Any:
    def build(ex: Any) -> Any:
        return importlib.import_module(f"{_ROOT}.{module}").build(ex)

    build.__qualname__ = f"{module}.build"
    return build


for _name, _module in _BUILDERS.items():
    MODULE_BUILDERS.setdefault(_name, _lazy(_module))
