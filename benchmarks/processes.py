"""Whole processes: ``planner add`` and ``planner show --json`` against ``import tinydb``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from figures import Figure, ratio
from install import Installed

ADD_GOAL = 1.5


#: Starts the command and prints its wall time and peak memory. A child's peak memory counts
#: the memory of the process it was forked from, so a small launcher is used rather than the
#: benchmark itself (which holds histories in memory).
PROBE = (
    "import os, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "_, status, usage = os.wait4(proc.pid, 0)\n"
    "elapsed = time.perf_counter() - start\n"
    "error = proc.stderr.read().decode(errors='replace').strip().replace('\\n', ' | ')\n"
    "print(elapsed * 1000, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), error)\n"
)


def run_process(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time (ms) and peak resident memory (MiB) of one process, which must succeed."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *cmd],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split(maxsplit=3)
    if out[2] != "0":
        raise RuntimeError(f"{cmd} exited {out[2]}: {out[3] if len(out) > 3 else ''}")
    return float(out[0]), float(out[1])


def bench_processes(installed: Installed, history: Path, today: str, runs: int) -> list[Figure]:
    """Interleaved runs, so the drift of a shared machine falls on all three alike."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "PLANNER_DATA": str(history),
        "PLANNER_TODAY": today,
    }
    floor_cmd = [str(installed.python), "-c", "import tinydb"]
    planner = str(installed.planner)
    cwd = history.parent  # not the repository: nothing there may shadow what is imported
    # A first write takes the record's first rolling backup: not what is measured here.
    run_process([planner, "add", "Warm-up"], env, cwd)
    floor, add, show, add_mem, show_mem = [], [], [], [], []
    for i in range(runs):
        floor.append(run_process(floor_cmd, env, cwd)[0])
        ms, mib = run_process([planner, "add", f"Shell add {i} +excel #help-others @ann"], env, cwd)
        add.append(ms)
        add_mem.append(mib)
        ms, mib = run_process([planner, "show", "--json"], env, cwd)
        show.append(ms)
        show_mem.append(mib)
    return [
        Figure('floor: python -c "import tinydb"', floor),
        Figure("planner add", add),
        ratio("planner add / floor", add, floor, ADD_GOAL),
        Figure("planner show --json", show),
        ratio("planner show --json / floor", show, floor),
        Figure("planner add: peak memory", add_mem, unit="MiB"),
        Figure("planner show --json: peak memory", show_mem, unit="MiB"),
    ]
