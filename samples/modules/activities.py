"""Python activities for samples/modules."""

from __future__ import annotations

from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError

import luac2py_runtime

CALLS: list[tuple[str, Any]] = []


@activity.defn(name="app:old_payment")
async def old_payment(x: Any) -> str:
    return "old"


@activity.defn(name="app:new_payment")
async def new_payment(x: Any) -> str:
    return "new"


@activity.defn(name="app:read_context")
async def read_context() -> dict[str, Any]:
    return luac2py_runtime.activity_context()


@activity.defn(name="app:reserve_inventory")
async def reserve_inventory(items: Any) -> dict[str, Any]:
    CALLS.append(("reserve", items))
    return {"id": "res-1"}


@activity.defn(name="app:release_inventory")
async def release_inventory(rid: str) -> None:
    CALLS.append(("release", rid))


@activity.defn(name="app:charge_payment")
async def charge_payment(p: Any) -> dict[str, Any]:
    CALLS.append(("charge", p))
    if isinstance(p, dict) and p.get("card") == "declined":
        raise ApplicationError("card declined", type="Invalid", non_retryable=True)
    return {"id": "pay-1"}


@activity.defn(name="app:refund_payment")
async def refund_payment(pid: str) -> None:
    CALLS.append(("refund", pid))


@activity.defn(name="app:ship_order")
async def ship_order(s: Any) -> dict[str, Any]:
    CALLS.append(("ship", s))
    if isinstance(s, dict) and s.get("address") == "fail":
        raise ApplicationError("cannot ship", type="Unavailable", non_retryable=True)
    return {"tracking": "trk-1"}


ALL = [old_payment, new_payment, read_context, reserve_inventory, release_inventory,
       charge_payment, refund_payment, ship_order]


@activity.defn(name="app:crash")
async def crash(msg: str) -> None:
    raise ValueError(f"crashed: {msg}")


@activity.defn(name="app:typed_error")
async def typed_error(kind: str) -> None:
    raise ApplicationError("typed failure", type=kind, non_retryable=True)


@activity.defn(name="app:echo")
async def echo(x: Any) -> Any:
    return x


@activity.defn(name="app:echo_ctx")
async def echo_ctx() -> Any:
    return luac2py_runtime.activity_context()


ALL += [crash, typed_error, echo, echo_ctx]
