"""Python activities for the order sample (``--activities samples.order.activities``).

An order whose shipping address is ``"fail"`` cannot be shipped: ``app:ship_order`` fails
without retry, and the workflow refunds the payment.
"""

from __future__ import annotations

from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError

# what the refund activity did, for tests running the worker in-process
REFUNDS: list[str] = []


@activity.defn(name="app:charge_payment")
async def charge_payment(req: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"pay-{req['customer']}-{req['amount']}", "amount": req["amount"]}


@activity.defn(name="app:ship_order")
async def ship_order(req: dict[str, Any]) -> dict[str, Any]:
    if req.get("address") == "fail":
        raise ApplicationError("address cannot be shipped to", type="Invalid",
                               non_retryable=True)
    return {"tracking_number": f"trk-{req['order_id']}"}


@activity.defn(name="app:refund_payment")
async def refund_payment(payment_id: str) -> dict[str, Any]:
    REFUNDS.append(payment_id)
    activity.logger.info("refunded %s", payment_id)
    return {"refunded": payment_id}
