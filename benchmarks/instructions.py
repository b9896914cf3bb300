"""Instructions to the first frame: planner on ten years of history against bare Textual apps.

Wall-clock times on a shared machine swing by 30% from run to run; an instruction count does
not. This runs each program in a tmux pane under ``valgrind --tool=callgrind`` until it writes
its first frame (see :mod:`first_frame`) and prints the counts and their ratios to the floor's, so
that a change to the path to the first paint can be weighed before ``make bench`` times it. Beside
the floor (one line) it counts the two other bare apps ``make bench`` times: a screenful of text in
one widget, and the day screen's widgets without planner.

planner's first run parses its style sheets and keeps them in the run's own cache folder; later
runs read them back (planner.style_cache), as every start after the first does. From there
planner's count repeats within about 1%; the bare app's has moved by up to 10% between runs (it
waits on the terminal's replies, and valgrind makes it wait longer), so the lowest count of each
is the one to compare. Slow: each run takes 10–20 s. Needs valgrind and tmux.

    .venv/bin/python benchmarks/instructions.py [--runs N] [--years Y]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from install import Installed, install  # noqa: E402
from tmux import TmuxServer, shell_quote  # noqa: E402

from planner.demo import make_history  # noqa: E402

TODAY = date(2026, 11, 25)
COLLECTED = re.compile(r"Collected : (\d+)")
#: What is counted: the floor first, the ratios are to it.
PROGRAMS = ("floor", "screenful", "reference", "planner")


def count(server: TmuxServer, installed: Installed, which: str, history: Path, work: Path) -> int:
    """Instructions of one run of ``which`` (a bare app or ``planner``) to its first frame."""
    log = work / f"callgrind-{which}.log"
    command = shell_quote(
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        f"--log-file={log}",
        str(installed.python),
        str(HERE / "first_frame.py"),
        which,
    )
    env = {
        "XDG_CACHE_HOME": str(work / "cache"),
        "PLANNER_DATA": str(history),
        "PLANNER_TODAY": TODAY.isoformat(),
        "PYTHONHASHSEED": "0",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
    }
    session = server.session(env, str(work))
    try:
        session.type(f"exec {command}")
        session.keys("Enter")
        deadline = time.perf_counter() + 300
        while time.perf_counter() < deadline:
            found = COLLECTED.search(log.read_text()) if log.exists() else None
            if found:
                return int(found.group(1))
            time.sleep(0.2)
        raise TimeoutError(f"{which}: no count after 300 s; screen:\n{session.capture()}")
    finally:
        session.close()


def main(argv: list[str] | None = None) -> int:
    """Count, print, and return 0 (no goal is checked: the goals are in ``make bench``)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each program (3)")
    parser.add_argument("--years", type=float, default=10, help="history to generate (10)")
    args = parser.parse_args(argv)
    for tool in ("valgrind", "tmux"):
        if shutil.which(tool) is None:
            print(f"{tool} not found: nothing counted", file=sys.stderr)
            return 2
    work = Path(tempfile.mkdtemp(prefix="planner-instructions-"))
    server = TmuxServer()
    try:
        history = work / "history"
        make_history(history, TODAY, years=args.years)
        installed = install(work / "venv")
        counts: dict[str, list[int]] = {name: [] for name in PROGRAMS}
        for _ in range(args.runs):
            for which in counts:
                counts[which].append(count(server, installed, which, history, work))
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)
    for which, found in counts.items():
        print(f"{which:10s} " + "  ".join(f"{n / 1e6:,.0f}M" for n in found))
    floor = min(counts["floor"])
    for which in PROGRAMS[1:]:
        print(f"{which} / floor (lowest of each): {min(counts[which]) / floor:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
