"""The benchmark's own code keeps working: ``benchmarks/run.py --smoke`` runs every part but the
terminal one at a tiny size (CI does not time anything: a shared runner is too noisy)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_benchmark(script: str, *args: str, timeout: float) -> str:
    """What ``benchmarks/<script>`` printed; it must succeed."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_smoke_run_measures_every_figure() -> None:
    out = run_benchmark("run.py", "--smoke", timeout=120)
    for label in (
        "store: durable write, ten-year history",
        "store: first write of the hour (hourly backup)",
        "insights: year, first ever",
        'floor: python -c "import tinydb"',
        "planner add / floor",
        "planner add: peak memory",
    ):
        assert label in out, out
    assert "smoke run: goals not checked" in out


def test_screen_predicates_read_what_the_app_shows() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from tui import Screens
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    screens = Screens(date(2026, 11, 25), "Reply to the vendor")
    day = (
        " Wed 25 Nov 2026 (today)   stress 3/5   5/11 done\n"
        "╭─ Tasks ─────╮╭─ Why ─╮\n"
        "│ 09:00 ✓ Reply to the vendor │\n"
        "a Add e Edit space Done q Quit   ▏^p Commands \n"
    )
    assert screens.first_paint(day) and screens.complete(day)
    assert screens.first_paint(day.replace("Quit", ""))
    assert not screens.complete(day.replace("Quit", ""))
    assert not screens.first_paint(day.replace("Reply to the vendor", ""))
    assert screens.done("Reply to the vendor")(day)
    assert not screens.on_tomorrow(day)
    assert screens.on_tomorrow(day.replace("Wed 25 Nov 2026 (today)", "Thu 26 Nov 2026 (tomorrow)"))
    adding = day.replace("q Quit", "esc Cancel") + " Add ▸ Reply to the vendor\n"
    assert screens.quick_add_open(adding)
    assert not screens.added("Reply to the vendor")(adding)
    assert screens.added("Reply to the vendor")(day)


@pytest.mark.skipif(
    shutil.which("valgrind") is None or shutil.which("tmux") is None,
    reason="needs valgrind and tmux",
)
def test_instruction_counts_reach_the_first_frame_of_every_program() -> None:
    out = run_benchmark("instructions.py", "--runs", "1", "--years", "0.05", timeout=600)
    counts = {}
    for line in out.splitlines():
        name, _, rest = line.partition(" ")
        if rest.strip().endswith("M"):
            counts[name] = float(rest.strip().rstrip("M").replace(",", ""))
    # Each reached a frame: far more than an interpreter that starts and stops (~40M); the
    # bare apps with more to draw take more than the one line.
    assert set(counts) == {"floor", "screenful", "reference", "planner"}, out
    assert counts["floor"] > 300, out
    for name in ("screenful", "reference", "planner"):
        assert counts[name] > counts["floor"], out
        assert f"{name} / floor (lowest of each):" in out


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_memory_floor_drives_planner_and_the_reference_through_a_round() -> None:
    out = run_benchmark("memory_floor.py", "--rounds", "1", "--years", "0.05", timeout=300)
    rows = {line.split()[0]: line.split()[-3:] for line in out.splitlines() if line.strip()}
    # Each went through the whole round (a reference or planner that stopped would time out);
    # a round opens screens, so the peak grows past the settle (and may still grow a little
    # between the two readings after it). The floor is in the output.
    assert "floor" in out, out
    for name in ("reference", "planner"):
        settled, first, last = (float(figure) for figure in rows[name])
        assert 20 < settled < first <= last, out
