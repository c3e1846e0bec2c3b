"""Running `medclair` as a real subprocess, the way a clinic runs it, and measuring what it cost.

The peak resident memory is the child's VmHWM (/proc/PID/status), read while it runs: the rusage that wait4
returns is no good here, because Linux carries the parent's high-water mark across fork/vfork and exec, so every
child of a big pytest process would report at least pytest's own peak.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAIN = REPO / "main.py"
PASSPHRASE = "phrase de passe des tests"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float


def medclair_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MEDCLAIR_DATA_DIR=str(data_dir), MEDCLAIR_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def medclair_command(*args: str | Path) -> list[str]:
    return [sys.executable, str(MAIN), *map(str, args)]


def run(command: list[str], env: dict[str, str], timeout: float = 900) -> Run:
    """Run to completion; stdout and stderr go through files so that a chatty child never blocks on a pipe."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=REPO)
        returncode, max_rss_kb = wait_with_rusage(process, timeout)
        out.seek(0)
        err.seek(0)
        return Run(returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   max_rss_kb / 1024)


def peak_rss_kb(pid: int) -> int:
    """The process's resident-memory high-water mark so far (kB); 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def wait_with_rusage(process: subprocess.Popen, timeout: float) -> tuple[int, int]:
    """Reap the child, following its peak RSS (kB) until it exits; kill it if it outlives `timeout` seconds."""
    deadline = time.monotonic() + timeout
    peak = 0
    while True:
        peak = max(peak, peak_rss_kb(process.pid))
        pid, status, _ = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, peak
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            raise TimeoutError(f"{process.args} still running after {timeout} s")
        time.sleep(0.02)
