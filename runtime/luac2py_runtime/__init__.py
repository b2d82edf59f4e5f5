"""luac2py's runtime: what compiled Wippy workflows import on Temporal workers.

Public API: ``connect`` (a Client with the Wippy payload converter and header interceptors) and
``new_worker`` (a Worker set up for compiled workflows); ``luac2py_runtime.host`` for Python code
that is not a workflow.

One subpackage per layer, imports pointing down this list only:

    host/       the host side: the process API for Python code, ``luac2py exec``
    temporal/   the Temporal binding: workflow base class, backend, converter, workers
    modules/    Wippy's modules, reaching Temporal only through the backend interface
    lua/        the Lua language and standard library: no Temporal, no I/O
"""

from __future__ import annotations

from typing import Any

__all__ = ["connect", "new_worker", "DATA_CONVERTER", "activity_context", "client_context"]

# The interface generated code is built against (luac2py.semantics.catalog.RUNTIME_INTERFACE):
# a generated package refuses to import under a runtime with another one.
INTERFACE = 6


def __getattr__(name: str) -> Any:
    # lazy: generated modules import submodules only, and the sandbox stays cheap
    if name in ("connect", "new_worker"):
        from .temporal import worker

        return getattr(worker, name)
    if name in ("activity_context", "client_context"):
        from .temporal import interceptors

        return getattr(interceptors, name)
    if name == "DATA_CONVERTER":
        from .temporal.converter import DATA_CONVERTER

        return DATA_CONVERTER
    raise AttributeError(name)
