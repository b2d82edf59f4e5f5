"""Registers every Wippy module's table builder with the execution (imported lazily)."""

from __future__ import annotations

from . import lcoroutine, wchannel, wctx, werrors, wfuncs, wprocess, wtime, wworkflow
from .execution import MODULE_BUILDERS

MODULE_BUILDERS.update(
    {
        "coroutine": lcoroutine.build,
        "errors": werrors.build,
        "funcs": wfuncs.build,
        "time": wtime.build,
        "ctx": wctx.build,
        "channel": wchannel.build,
        "process": wprocess.build,
        "workflow": wworkflow.build,
    }
)
