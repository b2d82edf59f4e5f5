"""Every checked-in history (tests/histories/<sample>/<name>.json, recorded by the end-to-end
tests with ``--update-histories``) replays against the current compiler's output of
samples/<sample>: a change that breaks determinism fails the build."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import temporalio.worker
from temporalio.client import WorkflowHistory

from luac2py_runtime.temporal.converter import DATA_CONVERTER
from luac2py_runtime.temporal.interceptors import ContextInterceptor
from tests.helpers import ROOT, build_package

HISTORIES = sorted((ROOT / "tests" / "histories").glob("*/*.json"))
_packages: dict[str, Any] = {}


def _package(sample: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if sample not in _packages:
        _packages[sample] = build_package(ROOT / "samples" / sample,
                                          tmp_path_factory.mktemp(sample))
    return _packages[sample]


def test_histories_are_checked_in() -> None:
    assert len(HISTORIES) >= 10, "record them with: pytest tests/e2e --update-histories"


@pytest.mark.parametrize("path", HISTORIES, ids=[f"{p.parent.name}/{p.stem}" for p in HISTORIES])
def test_replay(path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    pkg = _package(path.parent.name, tmp_path_factory)
    history = WorkflowHistory.from_json(path.stem, path.read_text(encoding="utf-8"))
    replayer = temporalio.worker.Replayer(
        workflows=pkg.workflows_for(None), data_converter=DATA_CONVERTER,
        interceptors=[ContextInterceptor()],
        workflow_runner=temporalio.worker.UnsandboxedWorkflowRunner(),
    )
    r = asyncio.run(replayer.replay_workflow(history, raise_on_replay_failure=False))
    assert r.replay_failure is None, str(r.replay_failure)
