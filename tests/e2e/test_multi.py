"""samples/multi: 12 workflows in two namespaces, a shared library (which imports another) and
two workers. It builds and checks, and runs on the dev server with `luac2py worker` serving
both workers in one process and `luac2py run --address` starting workflows from others."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, build_package

MULTI = ROOT / "samples" / "multi"
EXE = str(Path(sys.executable).parent / "luac2py")

# (workflow, inputs, exit code, stdout result or stderr error)
CASES = [
    ("shop:greet", ["Ada"], 0, "Hello, Ada!"),
    ("shop:order", [{"id": "o1", "total": 30, "customer": "c1", "address": "Seoul"}], 0,
     {"status": "completed", "payment_id": "pay-c1-30", "tracking": "trk-o1"}),
    ("shop:order", [{"id": "o2", "total": 30, "customer": "c1", "address": "nowhere"}], 0,
     {"status": "refunded", "error": "address cannot be shipped to"}),
    ("shop:cart_total", [{"items": [{"price": 2500}, {"price": 9999}]}], 0,
     {"items": 2, "subtotal": "124.99", "discount": "12.49", "total": "112.50"}),
    ("shop:slugify", [["Hello World!", "  Lua -> Python  "]], 0, "hello-world,lua-python"),
    ("shop:batch", [["a1", "gone-b2", "c3"]], 0,
     {"reserved": ["a1", "c3"], "failed": ["gone-b2: gone-b2 is out of stock"]}),
    ("shop:restock", [{"sku": "x", "level": 3, "target": 20, "pause": "100ms"}], 0,
     {"sku": "x", "level": 20, "rounds": 3}),
    ("billing:invoice", [{"customer": "c7", "items": [{"name": "pen", "price": 150},
                                                      {"name": "ink", "price": 1205}]}], 0,
     {"invoice": "INV-c7-1355", "total": "13.55", "lines": ["pen 1.50", "ink 12.05"]}),
    ("billing:refund", [{"payment_id": "pay-disputed"}], 0,
     {"refunded": False, "reason": "payment is disputed", "kind": "Conflict"}),
    ("billing:refund", [{}], 1, "error: Invalid: payment_id is required"),
    ("billing:validate", [5], 0, "ok"),
    ("billing:validate", ["x"], 1,
     "error: Internal: invalid input: validate.lua:3: amount must be a number, got string"),
    ("billing:reminders", [{"customer": "c2", "count": 2, "every": "200ms"}], 0,
     {"customer": "c2", "sent": ["reminder 1 to c2", "reminder 2 to c2"]}),
    ("billing.tax.v1", [{"country": "KR", "amount": 12345}], 0,
     {"country": "KR", "rate": 10, "tax": "12.34", "gross": "135.79"}),
    ("billing:tax", [{"country": "XX", "amount": 1}], 1, "error: Internal: no tax rate for XX"),
    ("billing:statement", ["c9"], 0, {"customer": "c9", "months": ["2026-01 20.00",
                                                                   "2026-02 49.99"]}),
]


def test_multi_builds(tmp_path):
    pkg = build_package(MULTI, tmp_path)
    assert len(pkg.WORKFLOW_MODULES) == 12
    namespaces = {n.split(":")[0].split(".")[0] for n in pkg.WORKFLOW_MODULES}
    assert namespaces == {"shop", "billing"}
    assert sorted(pkg.WORKER_ENTRIES) == ["billing:worker", "shop:worker"]
    assert pkg.WORKER_ENTRIES["shop:worker"]["task_queue"] == "shop"
    assert pkg.WORKER_ENTRIES["billing:worker"]["client"] == "common:temporal"
    assert pkg.CLIENT_ENTRIES["common:temporal"]["address"] == "localhost:7233"
    files = sorted(p.name for p in Path(pkg.__file__).parent.glob("*.py"))
    assert [f for f in files if f.startswith("lib_")] == ["lib_common_fmt.py",
                                                          "lib_common_util.py"]
    r = subprocess.run([EXE, "check", str(MULTI)], capture_output=True, text=True)
    assert r.returncode == 0 and "0 error(s), 0 warning(s)" in r.stdout


class _Worker:
    """`luac2py worker` as a subprocess, its stderr collected by a thread."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([EXE, "worker", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            if "ready" in line:
                self.ready.set()

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready.wait(0.2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("worker did not start:\n" + "".join(self.lines))

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(10)
        self.thread.join(10)
        return code


@pytest.fixture
def cache_env(tmp_path):
    return {**os.environ, "LUAC2PY_CACHE_DIR": str(tmp_path / "cache")}


def test_multi_on_dev_server(dev_server, cache_env):
    address = dev_server.client.service_client.config.target_host
    # the worker finds the cluster through TEMPORAL_ADDRESS (over the client entry's
    # localhost:7233); the runs through --address
    wenv = {**cache_env, "TEMPORAL_ADDRESS": address}
    worker = _Worker([str(MULTI), "--activities", "samples.multi.activities"], wenv)
    try:
        worker.wait_ready()
        log = "".join(worker.lines)
        assert "on task queue 'shop' (shop:worker)" in log
        assert "on task queue 'billing' (billing:worker)" in log
        assert f"at {address}" in log
        procs = []
        for i, (wf, inputs, _code, _want) in enumerate(CASES):
            args = [EXE, "run", str(MULTI), "--workflow", wf, "--address", address]
            if i % 4:  # most only start the workflow; the `luac2py worker` serves them
                args.append("--no-worker")
            else:  # some also run their own worker (no activities) on the same queue
                args += ["--activities", "samples.multi.activities"]
            for v in inputs:
                args += ["--input", json.dumps(v)]
            procs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True, cwd=ROOT, env=cache_env))
        for (wf, inputs, code, want), p in zip(CASES, procs):
            out, err = p.communicate(timeout=300)
            assert p.returncode == code, (wf, inputs, out, err)
            if code == 0:
                assert json.loads(out.strip().splitlines()[-1]) == want, (wf, err)
            else:
                assert want in err, (wf, err)
            assert "Traceback" not in err, err
    finally:
        code = worker.stop(signal.SIGINT)
    log = "".join(worker.lines)
    assert code == 0, log
    assert "shutting down" in log and "stopped" in log


def test_worker_stops_on_sigterm(dev_server, cache_env):
    address = dev_server.client.service_client.config.target_host
    worker = _Worker([str(MULTI), "--worker", "billing:worker", "--address", address,
                      "--activities", "samples.multi.activities"], cache_env)
    worker.wait_ready()
    log = "".join(worker.lines)
    assert "(billing:worker)" in log and "(shop:worker)" not in log
    r = subprocess.run([EXE, "run", str(MULTI), "--workflow", "billing:validate", "--input",
                        "7", "--address", address, "--no-worker"], capture_output=True,
                       text=True, cwd=ROOT, env=cache_env, timeout=300)
    assert r.returncode == 0 and json.loads(r.stdout) == "ok", r.stderr
    assert worker.stop(signal.SIGTERM) == 0
    assert "stopped" in "".join(worker.lines)


def test_run_prints_the_web_ui_address(cache_env):
    """Without --address, `run` starts a dev server with its web UI and says where it is."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = subprocess.run([EXE, "run", str(MULTI), "--workflow", "shop:greet", "--input", '"UI"',
                        "--ui-port", str(port)], capture_output=True, text=True, cwd=ROOT,
                       env=cache_env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == "Hello, UI!"
    assert f"web UI at http://127.0.0.1:{port}" in r.stderr
