"""The app in a real terminal (tmux): first paint against a bare Textual app, key → visible
change, and peak memory.

Beside the floor (one line, :mod:`floor_app`), two bare Textual apps show what Textual itself
takes for what planner shows: a screenful of text in one widget (:mod:`screenful_app`) and the
widgets of planner's screens with nothing of planner (:mod:`reference_app`), for first paint and
for memory through the same editing session.

What each measurement waits for is what a person waits for, read off the screen:

- first paint: the day's header (``Wed 25 Nov 2026 (today)``, as :func:`planner.dates.format_day`
  writes it), today's first task and the footer's last key (``Quit``), so the frame is whole;
- add: Enter in quick add until the bar (its input's prompt ``Add ▸``) is gone and the new task
  is in the list; toggle: until that task shows ``✓``; next day: until the header
  names tomorrow;
- reflection: until its title, its first question and its footer (``Save``) show; insights:
  until the period bar shows (the screen is there) and until the first figures show.

Between two timed keys the session waits a person's reaction time (:data:`REACTION`).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from figures import Figure, ratio
from install import Installed
from tmux import TmuxServer, TmuxSession, shell_quote

from planner.dates import format_day
from planner.store import Store

HERE = Path(__file__).resolve().parent
PAINT_GOAL = 1.10
KEY_GOAL, KEY_MAX = 50.0, 100.0
MEMORY_GOAL = 45.0
#: How long the app is left alone after its first paint before its memory is read again, so
#: that what it does in the background (counting skill growth, the rolling backup) is included.
SETTLE = 1.5
#: A person's pause between seeing one change and pressing the next key (a fast reaction is
#: about 0.2 s). Each key is timed on an app that has finished reacting to the previous one:
#: work done after a change is painted (the footer's keys, counting skill growth) is then not
#: charged to the next key, as it never is for a person.
REACTION = 0.2
#: The end of the first task line of :mod:`reference_app` (its tasks are one long title).
REFERENCE_FIRST_TASK = "write the notes 0"
#: What the quick-add bar shows in front of its input while it is open.
QUICK_ADD_PROMPT = "Add ▸"


class Screens:
    """What the screens show, as predicates on the captured text."""

    def __init__(self, today: date, first_task: str) -> None:
        self.today = format_day(today, today)
        self.tomorrow = format_day(today + timedelta(days=1), today)
        self.first_task = first_task

    def day(self, screen: str) -> bool:
        """The day screen, whole, on today."""
        return self.today in screen and "╭─ Tasks" in screen and "Quit" in _last_line(screen)

    def first_paint(self, screen: str) -> bool:
        """The first frame of the app: today's header, the task list with today's first task
        (the footer's keys may come a frame later: see :meth:`complete`)."""
        return self.today in screen and "╭─ Tasks" in screen and self.first_task in screen

    def complete(self, screen: str) -> bool:
        """The first paint with the footer's keys too."""
        return self.first_paint(screen) and self.day(screen)

    @staticmethod
    def quick_add_open(screen: str) -> bool:
        """The quick-add bar: its input's prompt."""
        return QUICK_ADD_PROMPT in screen

    @staticmethod
    def typed(title: str) -> Callable[[str], bool]:
        """``title`` typed in the bar."""
        return lambda screen: title in screen

    def added(self, title: str) -> Callable[[str], bool]:
        """The bar is closed (the footer's keys may follow a frame later) and ``title`` is in
        the list."""
        return lambda screen: QUICK_ADD_PROMPT not in screen and title in screen

    @staticmethod
    def done(title: str) -> Callable[[str], bool]:
        """``title`` is marked done."""
        return lambda screen: f"✓ {title}" in screen

    def on_tomorrow(self, screen: str) -> bool:
        """The header names tomorrow."""
        return self.tomorrow in screen

    def reflection(self, screen: str) -> bool:
        """The reflection screen, title to footer."""
        first = screen.split("\n", 1)[0]
        return (
            "Reflection" in first and "What did I learn" in screen and "Save" in _last_line(screen)
        )

    def back_on_day(self, screen: str) -> bool:
        """Back on the day screen after closing another screen."""
        first = screen.split("\n", 1)[0]
        return self.day(screen) and "Reflection" not in first and "Insights" not in first

    @staticmethod
    def insights_bar(screen: str) -> bool:
        """The insights screen's period bar."""
        return "Insights" in screen.split("\n", 1)[0] and "Month" in screen

    @staticmethod
    def insights_figures(screen: str) -> bool:
        """The first figures of the insights screen."""
        return "Stress, day by day" in screen


def _has_line(screen: str, text: str) -> bool:
    return any(line.strip() == text for line in screen.split("\n"))


def _last_line(screen: str) -> str:
    lines = screen.rstrip("\n").split("\n")
    return lines[-1] if lines else ""


def _env(history: Path, today: date) -> dict[str, str]:
    # The app's cache (parsed style sheets) lives beside the history, not in the user's: the
    # first round of each measurement, which is dropped, fills it, as any earlier start would.
    return {
        "XDG_CACHE_HOME": str(history.parent / "cache"),
        "PLANNER_DATA": str(history),
        "PLANNER_TODAY": today.isoformat(),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
    }


def bench_first_paint(
    installed: Installed, pristine: Path, work: Path, today: date, runs: int
) -> list[Figure]:
    """First paint of the app and of three bare Textual apps, interleaved, each in a fresh
    session: the floor (one line), a screenful of text in one widget, and the day screen's
    widgets without planner (:mod:`reference_app`); memory at first paint and after the app
    settled."""
    history = work / "paint"
    shutil.copytree(pristine, history)
    first_task = Store.open(history).tasks_for_day(today)[0].title
    screens = Screens(today, first_task)
    env = _env(history, today)
    python = str(installed.python)
    bare = {
        "floor": (
            shell_quote(python, str(HERE / "floor_app.py")),
            lambda s: "FLOOR-PAINTED" in s,
        ),
        "screenful": (
            shell_quote(python, str(HERE / "screenful_app.py")),
            lambda s: "SCREENFUL-PAINTED" in s and "SCREENFUL-END" in s,
        ),
        "reference": (
            shell_quote(python, str(HERE / "reference_app.py")),
            lambda s: "REFERENCE-DAY" in s and REFERENCE_FIRST_TASK in s,
        ),
    }
    app_cmd = shell_quote(str(installed.planner))
    times: dict[str, list[float]] = {name: [] for name in bare}
    memory: dict[str, list[float]] = {name: [] for name in bare}
    paint, complete, at_paint, settled = [], [], [], []
    server = TmuxServer()
    try:
        for i in range(runs + 1):  # the first round warms the page cache and is dropped
            for which in (*bare, "app"):
                session = server.session(env, str(work))
                try:
                    if which in bare:
                        command, painted = bare[which]
                        ms = session.launch(command, painted) * 1000
                        if i:
                            times[which].append(ms)
                            memory[which].append(session.peak_mib())
                        continue
                    ms = session.launch(app_cmd, screens.first_paint) * 1000
                    whole = ms + session.wait_for(screens.complete) * 1000
                    at_first = session.peak_mib()
                    time.sleep(SETTLE)
                    if i:
                        paint.append(ms)
                        complete.append(whole)
                        at_paint.append(at_first)
                        settled.append(session.peak_mib())
                finally:
                    session.close()
                time.sleep(0.2)
    finally:
        server.close()
    floor = times["floor"]
    return [
        Figure("first paint: bare Textual app (floor)", floor),
        Figure("first paint: bare Textual, a screenful of text", times["screenful"]),
        Figure("first paint: bare Textual, the day's widgets", times["reference"]),
        Figure("first paint: planner, ten-year history", paint),
        ratio("first paint: screenful of text / floor", times["screenful"], floor),
        ratio("first paint: the day's widgets / floor", times["reference"], floor),
        ratio("first paint: planner / floor", paint, floor, PAINT_GOAL),
        Figure("first paint with the footer's keys: planner", complete),
        ratio("first paint with the footer's keys / floor", complete, floor),
        Figure("floor peak memory at first paint", memory["floor"], unit="MiB"),
        Figure("day's widgets peak memory at first paint", memory["reference"], unit="MiB"),
        Figure("app peak memory at first paint", at_paint, unit="MiB", goal_median=MEMORY_GOAL),
        Figure(
            f"app peak memory {SETTLE:g} s after first paint",
            settled,
            unit="MiB",
            goal_median=MEMORY_GOAL,
        ),
    ]


def bench_keys(
    installed: Installed, pristine: Path, work: Path, today: date, runs: int
) -> list[Figure]:
    """An editing session: ``runs`` rounds of add, toggle, next day, back, reflection and
    insights, each key timed until its change is visible; the peak memory at the end, and that of
    a bare Textual app with the same widgets driven through the same keys (:mod:`reference_app`)."""
    history = work / "keys"
    shutil.copytree(pristine, history)
    first_task = Store.open(history).tasks_for_day(today)[0].title
    screens = Screens(today, first_task)
    add, toggle, next_day, reflection, insights_bar, insights = [], [], [], [], [], []
    server = TmuxServer()
    try:
        floor = _floor_keys(server, installed, work, runs)
        session = server.session(_env(history, today), str(work))
        session.launch(shell_quote(str(installed.planner)), screens.first_paint)
        time.sleep(SETTLE)
        for i in range(runs):
            title = f"Latency probe {i:03d}"
            _press(session, "a", screens.quick_add_open)
            # With a skill, so that ticking it off also counts the skill's growth again.
            session.type(f"{title} +excel")
            session.wait_for(screens.typed(f"{title} +excel"))
            time.sleep(REACTION)
            add.append(_press(session, "Enter", screens.added(title)))
            time.sleep(REACTION)
            toggle.append(_press(session, "Space", screens.done(title)))
            time.sleep(REACTION)
            next_day.append(_press(session, "]", screens.on_tomorrow))
            _press(session, "[", screens.day)
            time.sleep(REACTION)
            reflection.append(_press(session, "r", screens.reflection))
            _press(session, "Escape", screens.back_on_day)
            time.sleep(REACTION)
            start = time.perf_counter()
            session.keys("i")
            insights_bar.append(session.wait_for(screens.insights_bar, since=start) * 1000)
            insights.append(session.wait_for(screens.insights_figures, since=start) * 1000)
            _press(session, "Escape", screens.back_on_day)
        memory = session.peak_mib()
        session.close()
        reference = reference_session(server, installed, work, runs)
    finally:
        server.close()
    return [
        Figure("key → visible: floor (a bare Textual app rewrites its line)", floor),
        Figure(
            "key → visible: add (Enter in quick add)", add, goal_median=KEY_GOAL, goal_max=KEY_MAX
        ),
        Figure("key → visible: toggle done", toggle, goal_median=KEY_GOAL, goal_max=KEY_MAX),
        Figure("key → visible: next day", next_day, goal_median=KEY_GOAL, goal_max=KEY_MAX),
        Figure("key → visible: open reflection", reflection),
        Figure("key → visible: open insights (the screen)", insights_bar),
        Figure("key → visible: open insights (first figures)", insights),
        Figure(
            "app peak memory after the editing session",
            [memory],
            unit="MiB",
            goal_median=MEMORY_GOAL,
        ),
        Figure("bare Textual, same widgets: peak after round 1", [reference[1]], unit="MiB"),
        Figure("bare Textual, same widgets: peak after the session", [reference[2]], unit="MiB"),
    ]


def _floor_keys(server: TmuxServer, installed: Installed, work: Path, runs: int) -> list[float]:
    """Key → visible change in the floor app, timed the same way as planner's keys."""
    session = server.session({"TERM": "xterm-256color", "LANG": "C.UTF-8"}, str(work))
    try:
        command = shell_quote(str(installed.python), str(HERE / "floor_app.py"))
        session.launch(command, lambda screen: "FLOOR-PAINTED" in screen)
        time.sleep(SETTLE)
        times = []
        for i in range(1, runs + 1):
            line = f"FLOOR-PAINTED {i}"
            times.append(_press(session, "x", lambda screen, line=line: _has_line(screen, line)))
            time.sleep(REACTION)
        return times
    finally:
        session.close()


def _press(session: TmuxSession, key: str, predicate: Callable[[str], bool]) -> float:
    return session.press(key, predicate) * 1000


#: Checkpoints of one session: after the settle, after the first round, after the last.
Peaks = tuple[float, float, float]


def session_peaks(session: TmuxSession, rounds: int, one: Callable[[int], None]) -> Peaks:
    """Run ``one`` round of keys ``rounds`` times in ``session``, reading the peak memory at the
    checkpoints."""
    time.sleep(SETTLE)
    settled = session.peak_mib()
    one(0)
    first = session.peak_mib()
    for i in range(1, rounds):
        one(i)
    return settled, first, session.peak_mib()


def reference_session(server: TmuxServer, installed: Installed, work: Path, rounds: int) -> Peaks:
    """The keys of the editing session in :mod:`reference_app`: its peaks after the settle, after
    the first round and after the last."""
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}
    session = server.session(env, str(work))

    def shows(text: str) -> Callable[[str], bool]:
        return lambda screen: text in screen

    def one(i: int) -> None:
        title = f"Memory probe {i:03d}"
        session.press("a", shows("quick add"))
        session.type(title)
        session.wait_for(shows(title))
        session.press("Enter", shows(f"added {title}"))
        time.sleep(REACTION)
        session.press("Space", shows("toggled"))
        session.press("]", shows(f"REFERENCE-DAY {1} moved"))
        session.press("[", shows(f"REFERENCE-DAY {0} moved"))
        session.press("r", shows("REFERENCE-REFLECTION"))
        time.sleep(REACTION)
        session.press("Escape", shows("REFERENCE-DAY"))
        session.press("i", shows("REFERENCE-INSIGHTS"))
        time.sleep(REACTION)
        session.press("Escape", shows("REFERENCE-DAY"))

    try:
        command = shell_quote(str(installed.python), str(HERE / "reference_app.py"))
        session.launch(command, shows("REFERENCE-DAY"))
        return session_peaks(session, rounds, one)
    finally:
        session.close()
