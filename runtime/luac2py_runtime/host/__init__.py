"""The host side: code that is not a workflow.

* ``api``: the ``process`` API for Python code (HTTP handlers, scripts, tests): ``Host``,
  ``connect``, spawn/send/listen/monitor/link/terminate/cancel over a Temporal client. Its
  names are re-exported here: ``from luac2py_runtime.host import Host, EXIT, ProcessError``.
* ``io``: ``HostIO``, the host's I/O for a backend (HTTP, environment, logging, the OS's
  random source), mixed into every backend that is not a workflow.
* ``local``: ``LocalBackend``, the backend of ``luac2py exec`` and of unit tests (wall clock,
  ``HostIO``, no Temporal).
* ``script``: ``luac2py exec``, a plain Lua script run outside Temporal.

The host side may import every other layer: ``temporal``, ``modules`` and ``lua``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CANCEL",
    "EXIT",
    "LINK_DOWN",
    "Event",
    "ExitResult",
    "Host",
    "LinkDownError",
    "Message",
    "ProcessError",
    "Receiver",
    "Spawner",
    "connect",
]


def __getattr__(name: str) -> Any:
    # lazy, so that `luac2py exec` (host.script) does not import the Temporal client
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
