"""Python activities for samples/reliability."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from temporalio import activity


@activity.defn(name="rel:step")
async def step(req: dict[str, Any]) -> dict[str, Any]:
    """One round of samples/reliability/crash.lua: takes ``sleep`` seconds. With
    ``REL_MARKER_DIR`` set (the fault tests' worker processes), each attempt first leaves a
    file ``step-I-attempt-N`` there, so that a test can kill the worker while it runs."""
    marker_dir = os.environ.get("REL_MARKER_DIR")
    if marker_dir:
        name = f"step-{req['i']}-attempt-{activity.info().attempt}"
        (Path(marker_dir) / name).touch()
    await asyncio.sleep(float(req.get("sleep") or 0))
    i = int(req["i"])
    return {"i": i, "square": i * i}


ALL = [step]
