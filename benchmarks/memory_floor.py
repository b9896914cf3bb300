"""Peak memory of an editing session: planner against a bare Textual app with the same widgets.

``make bench`` reads planner's peak memory (VmHWM) after its editing session. This puts two
floors beside it, each driven through the same rounds of keys in tmux: the bare one-line app of
the first-paint floor (:mod:`floor_app`, at rest), and :mod:`reference_app`, which has the
widgets of planner's day, reflection and insights screens and nothing of planner (no record, no
figures). What planner holds above the reference is planner's own: its code, the day and the
insights' history in memory, and what its screens draw. Prints VmHWM in MiB after the settle,
after the first round and after the last; checks no goal. Takes about a minute per run.

    .venv/bin/python benchmarks/memory_floor.py [--rounds N] [--runs N] [--years Y]
"""

from __future__ import annotations

import argparse
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
from tui import REACTION, SETTLE, Peaks, Screens, _env, reference_session, session_peaks  # noqa: E402

from planner.demo import make_history  # noqa: E402
from planner.store import Store  # noqa: E402

TODAY = date(2026, 11, 25)


def planner_session(server: TmuxServer, installed: Installed, history: Path, rounds: int) -> Peaks:
    """planner's editing session, as ``make bench`` drives it (without timing the keys)."""
    screens = Screens(TODAY, Store.open(history).tasks_for_day(TODAY)[0].title)
    session = server.session(_env(history, TODAY), str(history.parent))

    def one(i: int) -> None:
        title = f"Memory probe {i:03d}"
        session.press("a", screens.quick_add_open)
        session.type(f"{title} +excel")
        session.wait_for(screens.typed(f"{title} +excel"))
        session.press("Enter", screens.added(title))
        time.sleep(REACTION)
        session.press("Space", screens.done(title))
        session.press("]", screens.on_tomorrow)
        session.press("[", screens.day)
        session.press("r", screens.reflection)
        time.sleep(REACTION)
        session.press("Escape", screens.back_on_day)
        session.press("i", screens.insights_figures)
        time.sleep(REACTION)
        session.press("Escape", screens.back_on_day)

    try:
        session.launch(shell_quote(str(installed.planner)), screens.first_paint)
        time.sleep(SETTLE)
        if "Remember your why" in session.capture():  # a history that ends on a hard day
            session.press("Escape", screens.back_on_day)
        return session_peaks(session, rounds, one)
    finally:
        session.close()


def floor_at_rest(server: TmuxServer, installed: Installed, work: Path) -> float:
    """The bare one-line app's peak after the settle."""
    session = server.session({"TERM": "xterm-256color", "LANG": "C.UTF-8"}, str(work))
    try:
        command = shell_quote(str(installed.python), str(HERE / "floor_app.py"))
        session.launch(command, lambda screen: "FLOOR-PAINTED" in screen)
        time.sleep(SETTLE)
        return session.peak_mib()
    finally:
        session.close()


def main(argv: list[str] | None = None) -> int:
    """Measure, print, and return 0 (the goal is checked by ``make bench``)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds of keys (15, as bench)")
    parser.add_argument("--runs", type=int, default=1, help="sessions of each program (1)")
    parser.add_argument("--years", type=float, default=10, help="history to generate (10)")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux not found: nothing measured", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="planner-memory-"))
    server = TmuxServer()
    try:
        pristine = work / "pristine"
        make_history(pristine, TODAY, years=args.years)
        installed = install(work / "venv")
        print(
            f"VmHWM in MiB; {args.rounds} rounds of: a, title, Enter, space, ], [, r, Esc, i, Esc"
        )
        print(f"{'':28s} {'settled':>8s} {'round 1':>8s} {'last':>8s}")
        for run in range(args.runs):
            print(
                f"{'floor (one line, at rest)':28s} {floor_at_rest(server, installed, work):8.1f}"
            )
            reference = reference_session(server, installed, work, args.rounds)
            print(f"{'reference (same widgets)':28s} " + " ".join(f"{m:8.1f}" for m in reference))
            history = work / f"history-{run}"
            shutil.copytree(pristine, history)
            peaks = planner_session(server, installed, history, args.rounds)
            print(f"{'planner':28s} " + " ".join(f"{m:8.1f}" for m in peaks))
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
