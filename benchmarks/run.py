"""The performance benchmark: planner on ten years of history, against floors in the same run.

Run with ``make bench`` (or ``python benchmarks/run.py --help``). It generates a ten-year
history (and a one-year one, to show what grows with history) into a temporary folder, installs
planner there as users get it (see ``install.py``), then measures, printing medians with
min/max:

- in process: the store's durable write and opening a day, the first write of the hour (the
  rolling backup), and the insights per period, with and without the saved summaries;
- whole processes: ``planner add`` and ``planner show --json`` against
  ``python -c "import tinydb"``, and their peak memory;
- the app in a real terminal (tmux): first paint against a bare Textual app, key → visible
  change for add, toggle, next day, reflection and insights, and the app's peak memory.

It exits 1 when a goal is missed and lists the misses. ``--smoke`` runs every part but the
terminal at a tiny size with few repetitions and checks no goal, so that the test suite keeps the
benchmark code working.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from figures import HEADER, Figure  # noqa: E402
from inproc import bench_backups, bench_insights, bench_store  # noqa: E402
from install import install  # noqa: E402
from processes import bench_processes  # noqa: E402

from planner.demo import make_history  # noqa: E402

TODAY = date(2026, 11, 25)


def _section(title: str) -> None:
    print(f"… {title}", flush=True)


def measure(args: argparse.Namespace, work: Path) -> list[Figure]:
    """Generate the histories, install planner and take every figure."""
    ten, one = work / "ten-years", work / "one-year"
    start = time.perf_counter()
    counts = make_history(ten, TODAY, years=args.years)
    make_history(one, TODAY, years=min(1.0, args.years))
    size = sum(f.stat().st_size for f in ten.iterdir() if f.is_file()) / 2**20
    print(
        f"history: {', '.join(f'{k} {v}' for k, v in counts.items())}, {size:.1f} MiB of JSON "
        f"(generated in {time.perf_counter() - start:.1f} s)",
        flush=True,
    )
    # A real history was written over the years: its files are old. (The hourly backup links
    # files unchanged since the previous one, and a file modified just before is copied again.)
    aged = time.time() - 86400
    for folder in (ten, one):
        for path in folder.iterdir():
            os.utime(path, (aged, aged))
    pristine = work / "pristine"
    shutil.copytree(ten, pristine)
    installed = install(work / "venv")

    figures: list[Figure] = []
    _section("store")
    figures += bench_store(ten, one, TODAY, args.runs * 2)
    figures += bench_backups(pristine, work, TODAY, max(args.runs // 2, 2))
    _section("insights")
    insights_folder = work / "insights"
    shutil.copytree(pristine, insights_folder)
    figures += bench_insights(insights_folder, TODAY, max(args.runs // 2, 1))
    _section("processes")
    processes_folder = work / "processes"
    shutil.copytree(pristine, processes_folder)
    figures += bench_processes(installed, processes_folder, TODAY.isoformat(), args.runs)
    if args.no_tui:
        pass
    elif shutil.which("tmux") is None:
        print("tmux not found: the app's figures are not measured", file=sys.stderr)
    else:
        from tui import bench_first_paint, bench_keys

        _section("app: first paint")
        figures += bench_first_paint(installed, pristine, work, TODAY, args.runs)
        _section("app: keys")
        figures += bench_keys(installed, pristine, work, TODAY, args.runs)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, and return 1 if a goal was missed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--years", type=float, default=10, help="history to generate (10)")
    parser.add_argument("--runs", type=int, default=15, help="repetitions per figure (15)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no goals, no tmux")
    parser.add_argument("--no-tui", action="store_true", help="skip the tmux measurements")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.smoke:
        args.years, args.runs, args.no_tui = 0.05, 2, True

    print(
        f"planner benchmark · Python {platform.python_version()} · {os.cpu_count()} CPUs · "
        f"today fixed at {TODAY}",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        figures = measure(args, work)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(HEADER)
    for figure in figures:
        print(figure.row())
    if args.smoke:
        print("\nsmoke run: goals not checked")
        return 0
    misses = [miss for figure in figures for miss in figure.misses()]
    print()
    if misses:
        print(f"{len(misses)} goal(s) missed:")
        for miss in misses:
            print(f"  {miss}")
        return 1
    print("all goals met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
