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
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..lua.errors import LuaError


class Backend:
    # True: the execution runs its Lua coroutines itself, off asyncio tasks (a workflow, whose
    # event loop runs nothing else); False: one asyncio task each, for Python code awaited from
    # Lua that needs a current task (httpx, ``asyncio.timeout``)
    light_coroutines = False

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

    def secure_random(self) -> random.Random:
        """The random source of ``uuid`` and ``crypto``. By default the execution's own
        (``new_random``: inside a workflow one replayed instance, shared with
        ``math.random``); a host backend returns the OS's CSPRNG, which ``math.randomseed``
        cannot reseed."""
        return self.new_random()

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

    def function_options(self, activity: str) -> dict[str, Any]:
        """The ``meta.options`` of function entry ``activity`` (raw ``activity.*`` keys): the
        defaults of every call of it, which an executor's options override."""
        return {}

    def start_activity(self, activity: str, args: Sequence[Any],
                       options: dict[str, Any] | None = None,
                       context: dict[str, Any] | None = None) -> Any:
        """Start a function; returns a handle (an asyncio future) for ``activity_outcome``.
        ``options`` as ``funcs.activity_options`` gives them (timedelta durations, the retry
        policy as a dict)."""
        raise self.unavailable("funcs.async")

    def activity_outcome(self, handle: Any) -> tuple[Any, Any]:
        """A finished (not cancelled) handle's ``(Lua value, None)`` or ``(None, err)``."""
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

    async def spawn(self, sp: Any, wf: str, host: str, args: Sequence[Any], wait: bool,
                    monitor: bool = False, link: bool = False) -> Any:
        """Start workflow ``wf`` on worker entry ``host`` with the spawner ``sp``'s settings:
        its PID (``wait``: its result), or ``(None, err)``; ``monitor``/``link`` as
        ``spawn_monitored``/``spawn_linked`` (a workflow parent gets an EXIT event anyway)."""
        raise self.unavailable("process.spawn")

    async def terminate_process(self, target: str) -> Any:
        raise self.unavailable("process.terminate")

    async def cancel_process(self, target: str, deadline: Any = None) -> Any:
        """A cancellation request; ``deadline`` (a duration string or milliseconds, Lua
        values) is when a host terminates what is still running."""
        raise self.unavailable("process.cancel")

    async def monitor(self, target: str) -> Any:
        """An EXIT event when ``target`` ends: true or ``(None, err)``."""
        raise self.unavailable("process.monitor")

    async def unmonitor(self, target: str) -> Any:
        raise self.unavailable("process.unmonitor")

    async def link(self, target: str) -> Any:
        """A LINK_DOWN event (with ``trap_links``) or the end of this process when ``target``
        ends abnormally."""
        raise self.unavailable("process.link")

    async def unlink(self, target: str) -> Any:
        raise self.unavailable("process.unlink")

    def continue_as_new(self, args: Sequence[Any], workflow: str | None = None) -> None:
        """Continue as new with ``args`` as input, as workflow type ``workflow`` (None: this
        one)."""
        raise self.unavailable("process.upgrade")

    # -- host I/O (functions, `luac2py exec`; never a workflow: the compiler rejects these
    # modules there). host.io.HostIO implements them. -----------------------------------
    def getenv(self, name: str) -> str | None:
        """``env.get``: a variable of the process environment, None when unset."""
        raise self.unavailable("env")

    def environ(self) -> dict[str, str]:
        """``env.get_all``: the whole process environment."""
        raise self.unavailable("env")

    def log(self, level: str, message: str, fields: dict[str, Any], name: str = "") -> None:
        """``logger``: one record. ``level`` is debug, info, warn or error; ``fields`` holds
        plain Python values (str, int, float, bool); ``name`` is the dotted name given with
        ``logger:named`` ("" for the root Lua logger)."""
        raise self.unavailable("logger")

    async def http_request(self, request: HttpRequest) -> tuple[HttpResponse | None, str | None]:
        """``http_client``: send one request; ``(response, None)`` for any status code, or
        ``(None, message)`` when no response came (transport error, timeout, body too large),
        the message worded as Go's ``net/http`` words it."""
        raise self.unavailable("http_client")

    async def aclose(self) -> None:
        """Release what the backend opened for its execution (HTTP connections). Whoever runs
        the execution awaits it once the execution has ended."""


# -- the HTTP request and response crossing the interface (plain Python values) ----------


@dataclass
class HttpTLS:
    """Per-request TLS settings (``tls`` option): PEM texts, as bytes."""

    cert: bytes | None = None
    key: bytes | None = None
    ca: bytes | None = None
    server_name: str | None = None
    insecure_skip_verify: bool = False


@dataclass
class HttpFile:
    """One multipart file part (``files`` option)."""

    name: str
    filename: str
    content: bytes


@dataclass
class HttpRequest:
    method: str  # upper case
    url: str  # text, with the ``query`` option already merged in
    # header and cookie names and values: Lua strings (one char per byte, sent as they are)
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    form: list[tuple[str, str]] | None = None  # text: urlencoded body (or multipart fields)
    files: list[HttpFile] = field(default_factory=list)  # non-empty: multipart/form-data
    cookies: list[tuple[str, str]] = field(default_factory=list)
    auth: tuple[str, str] | None = None  # basic auth (user, password)
    timeout: float = 30.0  # seconds for the whole exchange, body included
    max_body: int = 120 << 20  # bytes of response body read at most
    stream: bool = False  # the body is read later through ``HttpResponse.stream``
    unix_socket: str | None = None
    tls: HttpTLS | None = None


class HttpStream:
    """A response body read incrementally (``stream = true``)."""

    bytes_read: int = 0

    async def read(self, n: int) -> tuple[bytes, str | None]:
        """Up to ``n`` bytes; ``b""`` at the end; ``(b"", message)`` on a read error."""
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError


@dataclass
class HttpResponse:
    status_code: int
    url: str  # the final URL, after redirects
    # as received, in order (names in any case); like cookies, one char per byte
    headers: list[tuple[str, str]]
    cookies: list[tuple[str, str]]  # (name, value) from Set-Cookie headers
    body: bytes = b""
    stream: HttpStream | None = None
