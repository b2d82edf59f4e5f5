"""The Python twins of bench/functions/*.lua."""

from __future__ import annotations

import json
import math
from typing import Any

from temporalio import activity


@activity.defn(name="bench:py_echo")
async def py_echo(x: Any) -> Any:
    return x


@activity.defn(name="bench:py_price")
async def py_price(order: dict[str, Any]) -> dict[str, Any]:
    subtotal = 0.0
    lines = []
    for item in order["items"]:
        price = item["price"] * item["qty"]
        if item["qty"] >= 10:
            price = price * 0.9
        subtotal += price
        lines.append(f"{item['sku']:<12} {item['qty']:3d} x {item['price']:8.2f} = {price:9.2f}")
    tax = math.floor(subtotal * order["tax_rate"] * 100 + 0.5) / 100
    digest = len(json.dumps(lines, separators=(",", ":")))  # as Lua's json.encode writes it
    return {"subtotal": subtotal, "tax": tax, "total": subtotal + tax,
            "receipt": "\n".join(lines), "digest": digest}


ALL = [py_echo, py_price]
