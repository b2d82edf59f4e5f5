"""The four worker-bench workloads, hand-written against temporalio in idiomatic Python.

Run sandboxed (temporalio's default, as users run them) and unsandboxed (the floor).
Payloads and results have the same shape as the Lua workloads in bench/workloads.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

TIMEOUT = timedelta(minutes=10)


def _error_text(e: ActivityError) -> str:
    cause = e.cause
    return cause.message if isinstance(cause, ApplicationError) else str(e)


@workflow.defn(name="bench:saga")
class Saga:
    @workflow.run
    async def run(self, order: dict[str, Any]) -> dict[str, Any]:
        compensations: list[tuple[str, Any]] = []

        async def compensate() -> None:
            for action, arg in compensations:
                try:
                    await workflow.execute_activity(action, arg, start_to_close_timeout=TIMEOUT)
                except ActivityError:
                    pass

        try:
            reservation = await workflow.execute_activity(
                "bench:reserve_inventory", order.get("items"), start_to_close_timeout=TIMEOUT)
        except ActivityError as e:
            return {"status": "failed", "step": "inventory", "error": _error_text(e)}
        compensations.insert(0, ("bench:release_inventory", reservation["id"]))

        try:
            payment = await workflow.execute_activity(
                "bench:charge_payment",
                {"amount": order["total"], "customer": order["customer_id"]},
                start_to_close_timeout=TIMEOUT)
        except ActivityError as e:
            await compensate()
            return {"status": "failed", "step": "payment", "error": _error_text(e)}
        compensations.insert(0, ("bench:refund_payment", payment["id"]))

        await asyncio.sleep(_seconds(order.get("delay", "1h")))

        try:
            shipment = await workflow.execute_activity(
                "bench:ship_order",
                {"order_id": order["id"], "address": order["shipping_address"]},
                start_to_close_timeout=TIMEOUT)
        except ActivityError as e:
            await compensate()
            return {"status": "failed", "step": "shipping", "error": _error_text(e),
                    "compensated": len(compensations)}
        return {"status": "completed", "payment_id": payment["id"],
                "tracking": shipment["tracking_number"]}


def _seconds(d: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    for u in ("ms", "s", "m", "h"):
        if d.endswith(u) and d[: -len(u)].replace(".", "", 1).isdigit():
            return float(d[: -len(u)]) * units[u]
    raise ValueError(f"bad duration {d!r}")


@workflow.defn(name="bench:counter")
class Counter:
    # the input is read in __init__: an Update may arrive in the first workflow task, and its
    # handler then runs before the run method starts
    @workflow.init
    def __init__(self, input: dict[str, Any]) -> None:
        self.counter = input.get("initial", 0)
        self.served = 0
        self.done = False

    @workflow.run
    async def run(self, input: dict[str, Any]) -> dict[str, Any]:
        await workflow.wait_condition(lambda: self.done)
        return {"final_counter": self.counter, "served": self.served}

    def _apply(self, req: Any, sign: int) -> dict[str, Any]:
        if not isinstance(req, dict) or not isinstance(req.get("amount"), (int, float)):
            raise ApplicationError("amount must be a number", type="Rejected",
                                   non_retryable=True)
        if self.counter + sign * req["amount"] < 0:
            raise ApplicationError("would result in negative value", type="Rejected",
                                   non_retryable=True)
        self.counter += sign * req["amount"]
        self.served += 1
        return {"value": self.counter, "served": self.served}

    @workflow.update
    async def increment(self, req: Any) -> dict[str, Any]:
        return self._apply(req, 1)

    @workflow.update
    async def decrement(self, req: Any) -> dict[str, Any]:
        return self._apply(req, -1)

    @workflow.update
    async def finish(self, req: Any = None) -> dict[str, Any]:
        self.done = True
        return {"message": "finishing", "served": self.served}


@workflow.defn(name="bench:fanout")
class Fanout:
    @workflow.run
    async def run(self, input: dict[str, Any]) -> dict[str, Any]:
        n = input.get("count", 200)
        results = await asyncio.gather(
            *(workflow.execute_activity("bench:work", {"id": i, "weight": i % 7},
                                        start_to_close_timeout=TIMEOUT)
              for i in range(1, n + 1)),
            return_exceptions=True,
        )
        total = failed = 0
        for r in results:
            if isinstance(r, BaseException):
                failed += 1
            else:
                total += r["value"]
        return {"count": n, "total": total, "failed": failed, "max_id": n}


@workflow.defn(name="bench:shaping")
class Shaping:
    @workflow.run
    async def run(self, input: dict[str, Any]) -> dict[str, Any]:
        rows = await workflow.execute_activity(
            "bench:load_rows", {"count": input.get("rows", 5000), "seed": input.get("seed", 7)},
            start_to_close_timeout=TIMEOUT)

        groups: dict[str, dict[str, Any]] = {}
        for r in rows:
            key = f"{r['region']}/{r['category']}"
            g = groups.get(key)
            if g is None:
                g = groups[key] = {"key": key, "region": r["region"],
                                   "category": r["category"], "total": 0, "qty": 0,
                                   "rows": []}
            amount = r["price"] * r["qty"]
            g["total"] += amount
            g["qty"] += r["qty"]
            g["rows"].append({"id": r["id"], "sku": r["sku"], "qty": r["qty"],
                              "price": r["price"], "amount": amount})

        ordered = sorted(groups.values(), key=lambda g: (-g["total"], g["key"]))
        lines: list[str] = []
        summary = []
        for g in ordered:
            rs = g["rows"]
            rs.sort(key=lambda r: (-r["amount"], r["id"]))
            lines.append(f"== {g['region'].upper()} / {g['category']}: {len(rs)} rows, "
                         f"{g['qty']} units, total {g['total']:.2f}")
            for j, r in enumerate(rs, 1):
                lines.append(f"{j:3d}. #{r['id']:<6d} {r['sku'].lower():<14s} {r['qty']:4d} x "
                             f"{r['price']:8.2f} = {r['amount']:10.2f}")
            summary.append({"key": g["key"], "rows": len(rs), "qty": g["qty"],
                            "total": f"{g['total']:.2f}", "top": rs[0]["id"]})

        report = "\n".join(lines)
        saved = await workflow.execute_activity(
            "bench:save_report", {"groups": summary, "lines": len(lines), "report": report},
            start_to_close_timeout=TIMEOUT)
        return {"groups": len(ordered), "lines": len(lines), "size": len(report),
                "saved": saved["id"]}


WORKFLOWS = [Saga, Counter, Fanout, Shaping]
