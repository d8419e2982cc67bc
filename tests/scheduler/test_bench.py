"""The benchmark runs end to end on the tiny preset and prints one table."""

from __future__ import annotations

import subprocess
import sys


def test_bench_prints_a_row_per_method() -> None:
    cmd = [sys.executable, "-m", "scheduler.bench", "--preset", "tiny", "--seed", "1"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    methods = [row.split("|")[1].strip() for row in rows[1:]]
    assert methods == [
        "engine",
        "greedy FCFS, wishes only",
        "greedy FCFS + last resort",
        "deferred acceptance",
    ]
    assert "most any method could place" in run.stdout
