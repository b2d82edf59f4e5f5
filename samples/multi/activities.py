"""Python activities for samples/multi (``--activities samples.multi.activities``).

Both workers register all of them: an activity runs on the task queue of the workflow that
calls it.
"""

from __future__ import annotations

from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError


@activity.defn(name="shop:charge")
async def charge(req: dict[str, Any]) -> dict[str, Any]:
    if req.get("amount", 0) <= 0:
        raise ApplicationError("nothing to charge", type="Invalid", non_retryable=True)
    return {"id": f"pay-{req['customer']}-{req['amount']}"}


@activity.defn(name="shop:ship")
async def ship(req: dict[str, Any]) -> dict[str, Any]:
    if req.get("address") == "nowhere":
        raise ApplicationError("address cannot be shipped to", type="Invalid",
                               non_retryable=True)
    return {"tracking": f"trk-{req['order_id']}"}


@activity.defn(name="shop:refund")
async def refund(payment_id: str) -> dict[str, Any]:
    return {"refunded": payment_id}


@activity.defn(name="shop:reserve")
async def reserve(sku: str) -> dict[str, Any]:
    if sku.startswith("gone"):
        raise ApplicationError(f"{sku} is out of stock", type="NotFound", non_retryable=True)
    return {"sku": sku}


@activity.defn(name="shop:supplier_delivery")
async def supplier_delivery(req: dict[str, Any]) -> int:
    return min(int(req["want"]), 7)


@activity.defn(name="billing:store_invoice")
async def store_invoice(req: dict[str, Any]) -> dict[str, Any]:
    return {"number": f"INV-{req['customer']}-{req['total']}"}


@activity.defn(name="billing:refund")
async def billing_refund(payment_id: str) -> dict[str, Any]:
    if payment_id == "pay-disputed":
        raise ApplicationError("payment is disputed", type="Conflict", non_retryable=True)
    return {"id": f"ref-{payment_id}"}


@activity.defn(name="billing:send_reminder")
async def send_reminder(req: dict[str, Any]) -> str:
    return f"reminder {req['n']} to {req['customer']}"


@activity.defn(name="billing:list_invoices")
async def list_invoices(customer: str) -> list[dict[str, Any]]:
    return [
        {"date": "2026-01-03", "total": 1250},
        {"date": "2026-01-20", "total": 750},
        {"date": "2026-02-11", "total": 4999},
    ]
