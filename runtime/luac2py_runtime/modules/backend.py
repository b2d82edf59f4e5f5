"""The backend interface: everything a Wippy module asks of the world outside Lua.

Each execution holds one backend (``ex.backend``); modules call only these methods, so the same
module code runs on a Temporal worker (``temporal.backend.TemporalBackend``: commands, replayed)
and under ``luac2py exec`` (``host.local.LocalBackend``: wall clock, no Temporal). A backend
that cannot do something keeps the default here: a Lua error worded by ``unavailable``.

Lua values cross this interface as they are (the backend converts payloads with
``modules.payload``); errors that Lua code handles come back as ``(value, WippyError)`` pairs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..lua.errors import LuaError


class Backend:
    def unavailable(self, what: str) -> LuaError:
        """The error for a call this backend cannot serve."""
        return LuaError(f"{what} is not available here")

    # -- clock, randomness, logging (the Lua base library uses these too) -----------------
    def now(self) -> datetime:
        """The current time (the workflow clock inside a workflow)."""
        raise self.unavailable("time.now")

    def clock(self) -> float:
        """Seconds since the execution started (``os.clock``)."""
        raise self.unavailable("os.clock")

    def new_random(self) -> random.Random:
        """The execution's random source (deterministic inside a workflow)."""
        raise self.unavailable("math.random")

    def print(self, text: str) -> None:
        """``print``: a Lua byte string."""
        raise self.unavailable("print")

    async def sleep(self, seconds: float) -> None:
        raise self.unavailable("time.sleep")

    async def wait_condition(self, predicate: Any) -> None:
        """Wait until ``predicate()`` holds when nothing else can run (deadlock detection)."""
        raise self.unavailable("waiting")

    def context(self) -> dict[str, Any]:
        """The ``ctx`` values of this execution (plain Python values)."""
        raise self.unavailable("ctx")

    # -- funcs -------------------------------------------------------------------------------
    async def call_activity(self, activity: str, args: Sequence[Any],
                            options: dict[str, Any] | None = None,
                            context: dict[str, Any] | None = None) -> Any:
        """Run a function to completion: ``(value, None)`` or ``(None, WippyError)``."""
        raise self.unavailable("funcs.call")

    def start_activity(self, activity: str, args: Sequence[Any],
                       options: dict[str, Any] | None = None,
                       context: dict[str, Any] | None = None) -> Any:
        """Start a function; returns a handle (an asyncio future) for ``activity_outcome``.
        ``options`` as ``funcs.activity_options`` gives them (timedelta durations, the retry
        policy as a dict)."""
        raise self.unavailable("funcs.async")

    def activity_outcome(self, handle: Any) -> tuple[Any, Any]:
        """A finished (not cancelled) handle's ``(python value, None)`` or ``(None, err)``."""
        raise self.unavailable("funcs.async")

    # -- workflow ----------------------------------------------------------------------------
    def workflow_info(self) -> Any:
        raise self.unavailable("workflow.info")

    async def exec_child(self, workflow: str, args: Sequence[Any],
                         options: dict[str, Any] | None = None) -> Any:
        raise self.unavailable("workflow.exec")

    def version(self, change_id: str, min_supported: int, max_supported: int) -> int:
        raise self.unavailable("workflow.version")

    def upsert_attrs(self, search: Any, memo: Any) -> Any:
        raise self.unavailable("workflow.attrs")

    def history_length(self) -> int:
        raise self.unavailable("workflow.history_length")

    def history_size(self) -> int:
        raise self.unavailable("workflow.history_size")

    # -- process -----------------------------------------------------------------------------
    def pid(self) -> str:
        raise self.unavailable("process.pid")

    def mailbox(self) -> Any:
        """The execution's ``process.Mailbox`` (listen, inbox, events)."""
        raise self.unavailable("a process mailbox (process.listen, inbox, events)")

    @property
    def process_options(self) -> dict[str, Any]:
        raise self.unavailable("process.set_options")

    async def send(self, target: str, topic: str, values: Sequence[Any]) -> Any:
        raise self.unavailable("process.send")

    async def spawn(self, sp: Any, wf: str, host: str, args: Sequence[Any], wait: bool) -> Any:
        raise self.unavailable("process.spawn")

    async def cancel_process(self, target: str) -> Any:
        raise self.unavailable("process.terminate/cancel")

    def continue_as_new(self, args: Sequence[Any], workflow: str | None = None) -> None:
        """Continue as new with ``args`` as input, as workflow type ``workflow`` (None: this
        one)."""
        raise self.unavailable("process.upgrade")
