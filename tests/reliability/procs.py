"""Worker subprocesses for the fault and load tests (see worker_proc.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def server_address(server: Any) -> str:
    return str(server.client.service_client.config.target_host)


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (kB) of a process, from /proc/PID/status."""
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0])
    return out


class WorkerProc:
    """``python worker_proc.py ADDRESS PACKAGE_DIR TASK_QUEUE ...`` as a child process."""

    def __init__(self, address: str, package_dir: Path, task_queue: str, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "worker_proc.py"), address, str(package_dir), task_queue,
             *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.stderr: list[str] = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, timeout: float = 60) -> None:
        assert self.proc.stdout is not None
        box: list[str] = []
        t = threading.Thread(target=lambda: box.append(self.proc.stdout.readline()), daemon=True)
        t.start()
        t.join(timeout)
        if not box or box[0].strip() != "ready":
            self.kill()
            raise AssertionError(f"worker did not start: {box!r}\n{''.join(self.stderr)[-3000:]}")

    def status(self) -> dict[str, int]:
        return proc_status(self.proc.pid)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no goodbye to the server."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(5)
            except (subprocess.TimeoutExpired, OSError):
                pass
        self.kill()

    def __enter__(self) -> WorkerProc:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def wait_until(pred: Any, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
