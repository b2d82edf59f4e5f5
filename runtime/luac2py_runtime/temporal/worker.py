"""Clients and workers set up for compiled workflows."""

from __future__ import annotations

from typing import Any, Sequence

import temporalio.client
import temporalio.worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from .converter import DATA_CONVERTER


async def connect(
    target_host: str = "localhost:7233", namespace: str = "default", **kwargs: Any
) -> temporalio.client.Client:
    """A temporalio Client with luac2py's payload converter (and interceptors)."""
    kwargs.setdefault("data_converter", DATA_CONVERTER)
    interceptors = list(kwargs.pop("interceptors", []))
    from .interceptors import ContextInterceptor

    interceptors.append(ContextInterceptor())
    return await temporalio.client.Client.connect(
        target_host, namespace=namespace, interceptors=interceptors, **kwargs
    )


def workflow_runner(sandboxed: bool) -> temporalio.worker.WorkflowRunner:
    if not sandboxed:
        return temporalio.worker.UnsandboxedWorkflowRunner()
    # the runtime is deterministic by design and keeps its state per execution: pass it
    # through instead of re-importing it on every run. `cryptography` (pure functions of
    # their inputs) is passed through too; its compiled extension must be imported before,
    # outside the sandbox.
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401

    restrictions = SandboxRestrictions.default.with_passthrough_modules(
        "luac2py_runtime", "cryptography"
    )
    return SandboxedWorkflowRunner(restrictions=restrictions)


def new_worker(
    client: temporalio.client.Client,
    task_queue: str,
    workflows: Sequence[type],
    activities: Sequence[Any] = (),
    *,
    sandboxed: bool = False,
    **kwargs: Any,
) -> temporalio.worker.Worker:
    """A temporalio Worker for compiled workflows (unsandboxed unless ``sandboxed``)."""
    kwargs.setdefault("workflow_runner", workflow_runner(sandboxed))
    return temporalio.worker.Worker(
        client,
        task_queue=task_queue,
        workflows=list(workflows),
        activities=list(activities),
        **kwargs,
    )
