"""The backend of ``luac2py exec`` and of unit tests: wall clock, seeded ``math.random``,
stdout, the host's I/O (``HostIO``: HTTP, environment, logging, the OS's random source for
``uuid`` and ``crypto``), no Temporal. What only a workflow has (its process identity and
messages, children, history) is a Lua error."""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from ..lua.errors import LuaError, pass_through
from ..modules.backend import Backend
from ..modules.errors import WippyError
from .io import HostIO


class OutputClosed(BaseException):
    """The reader of stdout went away (``luac2py exec script.lua | head``): the script ends
    there, as ``lua script.lua | head`` does; no ``pcall`` can catch it."""


pass_through(OutputClosed)


class LocalBackend(HostIO, Backend):
    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self._t0 = time.monotonic()

    def unavailable(self, what: str) -> LuaError:
        return LuaError(f"{what} needs a running workflow (`luac2py exec` runs the script "
                        "outside Temporal)")

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def clock(self) -> float:
        return time.monotonic() - self._t0

    def new_random(self) -> random.Random:
        return random.Random(self.seed)

    def print(self, text: str) -> None:
        try:
            sys.stdout.write(text.encode("latin-1").decode("utf-8", "replace") + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            raise OutputClosed from None

    async def call_activity(self, activity: str, args: Sequence[Any],
                            options: dict[str, Any] | None = None,
                            context: dict[str, Any] | None = None) -> Any:
        return None, WippyError(f"activity '{activity}' called outside a workflow",
                                "Unavailable", False)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def context(self) -> dict[str, Any]:
        return {}

    async def wait_condition(self, predicate: Any) -> None:
        """Outside Temporal: poll between event-loop turns (idle when it holds twice)."""
        held = 0
        while held < 2:
            await asyncio.sleep(0.01)
            held = held + 1 if predicate() else 0
