"""Activities of the worker-bench workloads, shared by every variant (compiled, embedded,
hand-written). They are cheap and deterministic: the benchmark measures the workflow side."""

from __future__ import annotations

import functools
import zlib
from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError

REGIONS = ["seoul", "busan", "incheon", "daegu", "daejeon", "gwangju"]
CATEGORIES = ["books", "games", "garden", "kitchen", "music", "office", "sports", "toys"]


@activity.defn(name="bench:reserve_inventory")
async def reserve_inventory(items: Any) -> dict[str, Any]:
    return {"id": f"res-{len(items or [])}"}


@activity.defn(name="bench:release_inventory")
async def release_inventory(rid: Any) -> dict[str, Any]:
    return {"released": rid}


@activity.defn(name="bench:charge_payment")
async def charge_payment(req: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"pay-{req['customer']}-{req['amount']}", "amount": req["amount"]}


@activity.defn(name="bench:refund_payment")
async def refund_payment(payment_id: Any) -> dict[str, Any]:
    return {"refunded": payment_id}


@activity.defn(name="bench:ship_order")
async def ship_order(req: dict[str, Any]) -> dict[str, Any]:
    if req.get("address") == "fail":
        raise ApplicationError("address cannot be shipped to", type="Invalid",
                               non_retryable=True)
    return {"tracking_number": f"trk-{req['order_id']}"}


@activity.defn(name="bench:work")
async def work(req: dict[str, Any]) -> dict[str, Any]:
    return {"value": req["id"] * req["weight"] + 1}


@functools.lru_cache(maxsize=8)
def _rows(count: int, seed: int) -> tuple[dict[str, Any], ...]:
    out = []
    x = seed
    for i in range(1, count + 1):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append({
            "id": i,
            "region": REGIONS[x % len(REGIONS)],
            "category": CATEGORIES[(x >> 8) % len(CATEGORIES)],
            "sku": f"SKU-{(x >> 4) % 100000:05d}",
            "qty": 1 + (x >> 12) % 20,
            "price": ((x >> 16) % 100000) / 100 + 0.5,
        })
    return tuple(out)


@activity.defn(name="bench:load_rows")
async def load_rows(req: dict[str, Any]) -> list[dict[str, Any]]:
    return list(_rows(int(req.get("count", 5000)), int(req.get("seed", 7))))


@activity.defn(name="bench:save_report")
async def save_report(req: dict[str, Any]) -> dict[str, Any]:
    report = req["report"]
    # the id fingerprints the report and the summary: every variant must produce the same
    digest = zlib.crc32(report.encode()) ^ zlib.crc32(
        repr([(g["key"], g["rows"], g["qty"], g["total"], g["top"]) for g in req["groups"]])
        .encode())
    return {"id": f"rep-{req['lines']}-{len(report)}-{digest:08x}"}


ALL = [reserve_inventory, release_inventory, charge_payment, refund_payment, ship_order, work,
       load_rows, save_report]
