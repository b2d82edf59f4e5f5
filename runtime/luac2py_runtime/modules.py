"""Registers every Wippy module's table builder with the execution (imported lazily)."""

from __future__ import annotations

from . import (
    lcoroutine,
    wchannel,
    wcrypto,
    wctx,
    werrors,
    wfuncs,
    wjson,
    wprocess,
    wtime,
    wuuid,
    wworkflow,
)
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
        "uuid": wuuid.build,
        "crypto": wcrypto.build,
        "json": wjson.build,
        "workflow": wworkflow.build,
    }
)
