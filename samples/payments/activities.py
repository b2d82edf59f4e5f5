"""The Python activity of samples/payments (``--activities samples.payments.activities``),
served beside the Lua ones: a project moving to Lua keeps the activities it has."""

from __future__ import annotations

from typing import Any

from temporalio import activity

# what the activity did, for tests running the worker in-process
NOTIFIED: list[dict[str, Any]] = []


@activity.defn(name="app:notify_customer")
async def notify_customer(note: dict[str, Any]) -> bool:
    NOTIFIED.append(note)
    return True
