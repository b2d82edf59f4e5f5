"""Python activities for samples/messaging."""

from __future__ import annotations

from typing import Any

from temporalio import activity


@activity.defn(name="app:echo_activity")
async def echo_activity(req: dict[str, Any]) -> dict[str, Any]:
    return {"echo": req["job_id"]}


ALL = [echo_activity]
