"""``luac2py run``: start a server (unless an address is given), a worker with the compiled
workflows and the given activities, execute one workflow and print its result."""

from __future__ import annotations

import importlib
import json
import sys
import uuid
from typing import Any, Sequence

import temporalio.client
import temporalio.exceptions

from .worker import connect, new_worker


def quiet_core_logs() -> None:
    """Keep the SDK core's warnings off stdout, where the result is printed."""
    from temporalio.runtime import LoggingConfig, Runtime, TelemetryConfig, TelemetryFilter

    Runtime.set_default(
        Runtime(telemetry=TelemetryConfig(logging=LoggingConfig(
            filter=TelemetryFilter(core_level="ERROR", other_level="ERROR")))),
        error_if_already_set=False,
    )


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


async def run_workflow(
    *,
    package: str,
    workflow: str,
    inputs: Sequence[Any],
    activities: Sequence[Any] = (),
    time_skipping: bool = False,
    address: str | None = None,
    namespace: str = "default",
    task_queue: str = "luac2py",
) -> int:
    quiet_core_logs()
    pkg = importlib.import_module(package)
    workflows = pkg.workflows_for(None)
    env = None
    if address:
        client = await connect(address, namespace=namespace)
    else:
        from .testing import start_dev_server, start_time_skipping

        if time_skipping:
            env = await start_time_skipping()
        else:
            env = await start_dev_server(namespace=namespace, ui=True)
            print(f"dev server at {env.client.service_client.config.target_host}"
                  " (web UI on the next port)", file=sys.stderr)
        client = env.client
    try:
        async with new_worker(client, task_queue, workflows, activities):
            try:
                result = await client.execute_workflow(
                    workflow, args=list(inputs), id=f"luac2py-run-{uuid.uuid4()}",
                    task_queue=task_queue,
                )
            except temporalio.client.WorkflowFailureError as e:
                print(f"error: {_failure_text(e)}", file=sys.stderr)
                return 1
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        return 0
    finally:
        if env is not None:
            await env.shutdown()
