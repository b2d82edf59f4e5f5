"""Python activities for samples/processes."""

from __future__ import annotations

from typing import Any

import luac2py_runtime
from temporalio import activity


@activity.defn(name="app:read_context")
async def read_context() -> dict[str, Any]:
    return luac2py_runtime.activity_context()


ALL = [read_context]
