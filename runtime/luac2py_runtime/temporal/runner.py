"""The worker side of the command line.

``luac2py run``: start a server (unless an address is given), a worker with the compiled
workflows and the given activities, execute one workflow and print its result.

``luac2py worker``: serve the workflows of one or more worker entries of a compiled package
(and Python activities) until SIGINT/SIGTERM.

Where to connect (``resolve_connection``), most specific first: command-line flags, then the
standard environment variables ``TEMPORAL_ADDRESS``, ``TEMPORAL_NAMESPACE``,
``TEMPORAL_API_KEY`` (and ``TEMPORAL_TLS_CLIENT_CERT_PATH`` / ``TEMPORAL_TLS_CLIENT_KEY_PATH``),
then the ``temporal.client`` entry that the worker entry names, then ``localhost:7233`` and
namespace ``default``. ``${env:NAME}`` placeholders in a client entry are read from the
environment when connecting (secrets are never compiled into the package).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import os
import re
import signal
import socket
import sys
import uuid
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Mapping, Sequence

import temporalio.client
import temporalio.exceptions
import temporalio.service

from .activity import merge_activities
from .worker import connect, new_worker

DEFAULT_ADDRESS = "localhost:7233"
DEFAULT_TASK_QUEUE = "luac2py"


def quiet_core_logs() -> None:
    """Keep the SDK core's warnings off stdout, where the result is printed."""
    from temporalio.runtime import LoggingConfig, Runtime, TelemetryConfig, TelemetryFilter

    Runtime.set_default(
        Runtime(telemetry=TelemetryConfig(logging=LoggingConfig(
            filter=TelemetryFilter(core_level="ERROR", other_level="ERROR")))),
        error_if_already_set=False,
    )


# -- connections --------------------------------------------------------------------------


@dataclass
class Connection:
    """Where and how to connect; ``source`` says where the address came from."""

    address: str = DEFAULT_ADDRESS
    namespace: str = "default"
    api_key: str | None = None
    tls: bool = False
    tls_cert: bytes | None = None
    tls_key: bytes | None = None
    tls_ca: bytes | None = None
    tls_server_name: str | None = None
    source: str = "default"
    notes: list[str] = field(default_factory=list)

    def key(self) -> tuple[Any, ...]:
        return (self.address, self.namespace, self.api_key, self.tls, self.tls_cert,
                self.tls_key, self.tls_ca, self.tls_server_name)

    def connect_kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {}
        if self.api_key:
            kw["api_key"] = self.api_key
        if self.tls or self.tls_cert or self.tls_ca or self.api_key:
            if self.tls_cert or self.tls_key or self.tls_ca or self.tls_server_name:
                kw["tls"] = temporalio.service.TLSConfig(
                    server_root_ca_cert=self.tls_ca,
                    domain=self.tls_server_name,
                    client_cert=self.tls_cert,
                    client_private_key=self.tls_key,
                )
            else:
                kw["tls"] = True
        return kw

    async def connect(self) -> temporalio.client.Client:
        return await connect(self.address, namespace=self.namespace, **self.connect_kwargs())


class ConfigError(Exception):
    """A connection setting that cannot be used (a missing file, an unset variable)."""


_ENV_RE = re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}")


def _expand(v: Any, env: Mapping[str, str]) -> Any:
    """``${env:NAME}`` placeholders, as Wippy resolves them in client entries."""
    if not isinstance(v, str):
        return v

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in env:
            raise ConfigError(f"environment variable {name} is not set (needed by ${{env:{name}}})")
        return env[name]

    return _ENV_RE.sub(sub, v)


def _read(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise ConfigError(f"cannot read {what} {path}: {e}") from None


def resolve_connection(
    client_entry: Mapping[str, Any] | None = None,
    *,
    address: str | None = None,
    namespace: str | None = None,
    api_key: str | None = None,
    tls: bool = False,
    tls_cert: str | None = None,
    tls_key: str | None = None,
    tls_ca: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Connection:
    """Flags > environment > ``temporal.client`` entry > defaults."""
    env = os.environ if env is None else env
    c = Connection()
    entry = dict(client_entry or {})
    # the client entry
    if entry.get("address"):
        c.address, c.source = str(_expand(entry["address"], env)), "client entry"
    if entry.get("namespace"):
        c.namespace = str(_expand(entry["namespace"], env))
    auth = entry.get("auth") if isinstance(entry.get("auth"), dict) else {}
    tls_e = entry.get("tls") if isinstance(entry.get("tls"), dict) else {}
    if entry.get("tls") is True or tls_e.get("enabled"):
        c.tls = True
    if tls_e.get("ca_file"):
        c.tls_ca = _read(str(_expand(tls_e["ca_file"], env)), "CA file")
    if tls_e.get("server_name"):
        c.tls_server_name = str(_expand(tls_e["server_name"], env))
    atype = str(auth.get("type") or "")
    if auth.get("api_key"):
        c.api_key = str(_expand(auth["api_key"], env))
    elif auth.get("api_key_file"):
        c.api_key = _read(str(_expand(auth["api_key_file"], env)), "API key file").decode().strip()
    elif auth.get("api_key_env"):
        c.api_key = env.get(str(auth["api_key_env"]))
    if atype == "mtls" or auth.get("cert_file") or auth.get("cert_pem"):
        if auth.get("cert_file"):
            c.tls_cert = _read(str(_expand(auth["cert_file"], env)), "client certificate")
        elif auth.get("cert_pem"):
            c.tls_cert = str(_expand(auth["cert_pem"], env)).encode()
        if auth.get("key_file"):
            c.tls_key = _read(str(_expand(auth["key_file"], env)), "client key")
        elif auth.get("key_pem"):
            c.tls_key = str(_expand(auth["key_pem"], env)).encode()
        c.tls = True
    # the environment
    if env.get("TEMPORAL_ADDRESS"):
        c.address, c.source = env["TEMPORAL_ADDRESS"], "TEMPORAL_ADDRESS"
    if env.get("TEMPORAL_NAMESPACE"):
        c.namespace = env["TEMPORAL_NAMESPACE"]
    if env.get("TEMPORAL_API_KEY"):
        c.api_key = env["TEMPORAL_API_KEY"]
    if env.get("TEMPORAL_TLS_CLIENT_CERT_PATH"):
        c.tls_cert = _read(env["TEMPORAL_TLS_CLIENT_CERT_PATH"], "client certificate")
    if env.get("TEMPORAL_TLS_CLIENT_KEY_PATH"):
        c.tls_key = _read(env["TEMPORAL_TLS_CLIENT_KEY_PATH"], "client key")
    # the flags
    if address:
        c.address, c.source = address, "--address"
    if namespace:
        c.namespace = namespace
    if api_key:
        c.api_key = api_key
    if tls:
        c.tls = True
    if tls_cert:
        c.tls_cert = _read(tls_cert, "client certificate")
    if tls_key:
        c.tls_key = _read(tls_key, "client key")
    if tls_ca:
        c.tls_ca = _read(tls_ca, "CA file")
    if bool(c.tls_cert) != bool(c.tls_key):
        raise ConfigError("a TLS client certificate needs its key, and a key its certificate")
    return c


# -- luac2py worker -------------------------------------------------------------------------


def load_activities(modules: Sequence[str]) -> list[Any]:
    """Every ``@activity.defn`` function (or callable) defined in the given modules."""
    acts: list[Any] = []
    seen: set[int] = set()
    if modules and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    for module in modules:
        mod = importlib.import_module(module)
        for name in sorted(dir(mod)):
            obj = getattr(mod, name)
            if callable(obj) and hasattr(obj, "__temporal_activity_definition"):
                if id(obj) not in seen:
                    seen.add(id(obj))
                    acts.append(obj)
    return acts


@dataclass
class WorkerPlan:
    """One Temporal worker to run: a task queue, its workflows and Lua activities, where to
    connect."""

    entries: list[str]  # worker entry IDs sharing the queue (none: workflows without an entry)
    task_queue: str
    workflows: list[str]
    connection: Connection
    options: dict[str, Any] = field(default_factory=dict)
    activities: list[str] = field(default_factory=list)  # Lua activity types


# worker_options of a temporal.worker entry that map onto temporalio's Worker
_WORKER_OPTIONS = {
    "identity": "identity",
    "max_concurrent_activity_execution_size": "max_concurrent_activities",
    "max_concurrent_workflow_task_execution_size": "max_concurrent_workflow_tasks",
    "max_concurrent_local_activity_execution_size": "max_concurrent_local_activities",
    "max_concurrent_activity_task_pollers": "max_concurrent_activity_task_polls",
    "max_concurrent_workflow_task_pollers": "max_concurrent_workflow_task_polls",
    "build_id": "build_id",
}


def worker_kwargs(options: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in options.items():
        if k in _WORKER_OPTIONS and v not in (None, "", 0):
            out[_WORKER_OPTIONS[k]] = v
    return out


def plan_workers(pkg: Any, workers: Sequence[str] = (), task_queue: str | None = None,
                 **conn: Any) -> list[WorkerPlan]:
    """The workers to run for a compiled package: the named worker entries (all of them when
    none is named); workflows that no worker entry serves run on ``task_queue``."""
    entries: dict[str, Any] = pkg.WORKER_ENTRIES
    clients: dict[str, Any] = getattr(pkg, "CLIENT_ENTRIES", {})
    for w in workers:
        if w not in entries:
            have = ", ".join(sorted(entries)) or "none"
            raise ConfigError(f"no worker entry '{w}' in the project (have: {have})")
    plans: dict[tuple[Any, str], WorkerPlan] = {}

    def add(wid: str | None, queue: str, workflows: list[str], connection: Connection,
            options: dict[str, Any], activities: list[str]) -> None:
        # Entries on one queue and cluster share a worker, as under `luac2py run`: two
        # workers polling one queue would each take tasks of workflows only the other knows.
        key = (connection.key(), queue)
        if key not in plans:  # the first entry's worker options, as local_workers takes them
            plans[key] = WorkerPlan([], queue, [], connection, options)
        p = plans[key]
        if wid is not None:
            p.entries.append(wid)
        p.workflows += [w for w in workflows if w not in p.workflows]
        p.activities += [a for a in activities if a not in p.activities]

    for wid in (list(workers) or sorted(entries)):
        e = entries[wid]
        client = clients.get(e.get("client") or "")
        add(wid, task_queue or e["task_queue"], list(e["workflows"]),
            resolve_connection(client, **conn), dict(e.get("worker_options") or {}),
            list(e.get("activities") or ()))
    if not workers:
        served = {n for e in entries.values() for n in e["workflows"]}
        rest = [n for n in pkg.WORKFLOW_MODULES if n not in served]
        if rest:
            add(None, task_queue or DEFAULT_TASK_QUEUE, rest, resolve_connection(None, **conn),
                {}, [])
    return [p for p in plans.values() if p.workflows or p.activities]


def plan_activities(pkg: Any, plan: WorkerPlan, activities: Sequence[Any]) -> list[Any]:
    """A worker's activities: the Lua activities of its worker entry and the Python ones
    (which every worker registers: ``funcs.call`` runs on the calling workflow's queue)."""
    lua = [a for w in plan.entries for a in pkg.activities_for(w)]
    return merge_activities(lua, activities)


def check_activities(pkg: Any, activities: Sequence[Any]) -> None:
    """Raise ``ActivityConflict`` when a Python activity has the type of a Lua one."""
    merge_activities(pkg.activities_for(None), activities)


async def serve(pkg: Any, plans: Sequence[WorkerPlan], activities: Sequence[Any] = (),
                stop: asyncio.Event | None = None, sandboxed: bool = False) -> int:
    """Run one Temporal worker per plan until ``stop`` is set (or SIGINT/SIGTERM)."""
    quiet_core_logs()
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    installed: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            pass
    clients: dict[tuple[Any, ...], temporalio.client.Client] = {}
    workers = []
    try:
        for p in plans:
            k = p.connection.key()
            if k not in clients:
                clients[k] = await p.connection.connect()
            classes = [pkg.workflow_class(n) for n in p.workflows]
            workers.append(new_worker(clients[k], p.task_queue, classes,
                                      plan_activities(pkg, p, activities),
                                      sandboxed=sandboxed, **worker_kwargs(p.options)))
        async with AllWorkers(workers):
            for p in plans:
                lua = (f" and {len(p.activities)} Lua activit(y/ies) "
                       f"[{', '.join(p.activities)}]" if p.activities else "")
                print(f"luac2py worker: serving {len(p.workflows)} workflow(s) "
                      f"[{', '.join(p.workflows)}]{lua} on task queue '{p.task_queue}' "
                      f"({', '.join(p.entries) or 'no worker entry'}) at {p.connection.address}, "
                      f"namespace '{p.connection.namespace}'", file=sys.stderr)
            if activities:
                print(f"luac2py worker: {len(activities)} Python activit(y/ies) registered",
                      file=sys.stderr)
            print("luac2py worker: ready (Ctrl-C to stop)", file=sys.stderr, flush=True)
            await stop.wait()
            print("luac2py worker: shutting down", file=sys.stderr, flush=True)
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
    print("luac2py worker: stopped", file=sys.stderr, flush=True)
    return 0


class AllWorkers:
    """``async with`` over several workers: start all, shut all down on exit."""

    def __init__(self, workers: Sequence[Any]) -> None:
        self.workers = list(workers)
        self.entered: list[Any] = []

    async def __aenter__(self) -> None:
        for w in self.workers:
            await w.__aenter__()
            self.entered.append(w)

    async def __aexit__(self, *exc: Any) -> None:
        await asyncio.gather(*(w.__aexit__(*exc) for w in reversed(self.entered)),
                             return_exceptions=True)


# -- luac2py run ------------------------------------------------------------------------------


def _failure_text(e: BaseException) -> str:
    cause: BaseException | None = e
    while isinstance(cause, temporalio.client.WorkflowFailureError) or (
        isinstance(cause, temporalio.exceptions.FailureError)
        and not isinstance(cause, temporalio.exceptions.ApplicationError)
        and cause.cause is not None
    ):
        cause = cause.cause
    if isinstance(cause, temporalio.exceptions.ApplicationError):
        return f"{cause.type or 'Internal'}: {cause.message}"
    if isinstance(cause, temporalio.exceptions.TerminatedError):
        return "Canceled: workflow terminated"
    if isinstance(cause, temporalio.exceptions.CancelledError):
        return f"Canceled: {cause}"
    if isinstance(cause, temporalio.exceptions.TimeoutError):
        return f"Timeout: {cause}"
    return f"Internal: {cause}"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


async def run_workflow(
    *,
    package: str,
    workflow: str,
    inputs: Sequence[Any],
    activities: Sequence[Any] = (),
    time_skipping: bool = False,
    address: str | None = None,
    namespace: str = "default",
    task_queue: str = DEFAULT_TASK_QUEUE,
    connection: Connection | None = None,
    worker: bool = True,
    workflow_id: str | None = None,
    ui_port: int | None = None,
) -> int:
    quiet_core_logs()
    pkg = importlib.import_module(package)
    async with cluster(connection, address=address, namespace=namespace,
                       time_skipping=time_skipping, ui_port=ui_port) as client:
        wid = workflow_id or f"luac2py-run-{uuid.uuid4()}"
        run = client.execute_workflow(workflow, args=list(inputs), id=wid, task_queue=task_queue)
        try:
            if worker:
                async with AllWorkers(local_workers(pkg, client, activities, task_queue, workflow)):
                    result = await run
            else:
                result = await run
        except temporalio.client.WorkflowFailureError as e:
            print(f"error: {_failure_text(e)}", file=sys.stderr)
            return 1
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        return 0


@contextlib.asynccontextmanager
async def cluster(connection: Connection | None, *, address: str | None = None,
                  namespace: str = "default", time_skipping: bool = False,
                  ui_port: int | None = None) -> AsyncIterator[temporalio.client.Client]:
    """A client of the given cluster, or of a server started here for as long as the block
    lasts (the dev server with its web UI, or the time-skipping test server)."""
    if connection is None and address:
        connection = Connection(address=address, namespace=namespace, source="--address")
    if connection is not None:
        yield await connection.connect()
        return
    from .testing import start_dev_server, start_time_skipping

    if time_skipping:  # (the server's banner goes to stderr, not among the results)
        env = await start_time_skipping()
        where = "time-skipping test server at {}"
    else:
        ui_port = ui_port or free_port()
        env = await start_dev_server(namespace=namespace, ui=True, ui_port=ui_port)
        where = f"dev server at {{}}; web UI at http://127.0.0.1:{ui_port}"
    print(where.format(env.client.service_client.config.target_host), file=sys.stderr,
          flush=True)
    try:
        yield env.client
    finally:
        await env.shutdown()


def local_workers(pkg: Any, client: temporalio.client.Client, activities: Sequence[Any],
                  task_queue: str | None = None, workflow: str | None = None) -> list[Any]:
    """Workers for a whole project in this process: one per worker entry (its workflows,
    its Lua activities and the Python ``activities``), and one on ``task_queue`` when no entry
    uses it (every workflow of the project, and the Lua activities of ``workflow``'s entry)."""
    by_queue: dict[str, list[str]] = {}  # entries sharing a queue share a worker
    for wid, e in sorted(pkg.WORKER_ENTRIES.items()):
        if e["workflows"] or e.get("activities"):
            by_queue.setdefault(e["task_queue"], []).append(wid)
    workers = []
    for queue, wids in by_queue.items():
        acts = merge_activities([a for w in wids for a in pkg.activities_for(w)], activities)
        classes = [c for w in wids for c in pkg.workflows_for(w)]
        options = pkg.WORKER_ENTRIES[wids[0]].get("worker_options") or {}
        workers.append(new_worker(client, queue, classes, acts, **worker_kwargs(options)))
    queues = {e["task_queue"] for e in pkg.WORKER_ENTRIES.values()}
    if task_queue is not None and task_queue not in queues:
        served = [c for c in pkg.workflows_for(None) if _served_on(pkg, c, task_queue)]
        own = [w for w, e in pkg.WORKER_ENTRIES.items() if workflow in e["workflows"]]
        lua = [a for w in own for a in pkg.activities_for(w)]
        workers.append(new_worker(client, task_queue, served,
                                  merge_activities(lua, activities)))
    return workers


def _served_on(pkg: Any, cls: type, task_queue: str) -> bool:
    """Whether a workflow class belongs on ``task_queue`` (every class when no worker entry
    uses that queue: a single file, or a queue given on the command line)."""
    import temporalio.workflow

    entries = [e for e in pkg.WORKER_ENTRIES.values() if e["task_queue"] == task_queue]
    if not entries:
        return True
    name = temporalio.workflow._Definition.must_from_class(cls).name
    return any(name in e["workflows"] for e in entries)
