"""Pilot tests of the purpose reminder screen ("Remember your why"), hosted in a small app."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from planner.app import PlannerApp
from planner.model import Profile, Purpose, Skill, new_task, validated_reflection
from planner.reminder import ReminderEvidence
from planner.screens.reminder import ReminderScreen
from planner.store import Store
from planner.themes import PLANNER_DARK

TODAY = date(2026, 11, 25)
SIZE = (100, 30)


def fixed_now() -> datetime:
    return datetime(2026, 11, 25, 21, 0)


def open_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record", now=fixed_now)


def add_done(store: Store, task_id: str, title: str, day: date, **links: Any) -> None:
    store.add_task(
        new_task(
            id=task_id, title=title, day=day, done=True, created="2026-01-01T00:00:00", **links
        )
    )


def full_record(store: Store) -> None:
    """Two purposes, skills growing, stretch tasks, people, a calm day's line, a next step."""
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_purpose(Purpose("analyst", "To become a great analyst"))
    store.save_skill(Skill("excel", "Excel"))
    store.save_skill(Skill("mentoring", "Mentoring"))
    store.save_profile(Profile(next_step="Senior data analyst"))
    for i in range(3):
        add_done(
            store,
            f"h{i}",
            f"Helped team {i}",
            TODAY - timedelta(days=2 + i),
            purposes=["help-others"],
            skills=["excel"],
            people=["marilyn"],
        )
    add_done(
        store,
        "st1",
        "Trained the new hire on pivot tables",
        TODAY - timedelta(days=1),
        purposes=["help-others"],
        skills=["mentoring"],
        people=["sam"],
        stretch=True,
    )
    add_done(store, "old1", "Old spreadsheet work", TODAY - timedelta(days=40), skills=["excel"])
    calm = TODAY - timedelta(days=15)
    store.save_reflection(
        calm, validated_reflection(served_why="I untangled a report and Ana smiled."), stress=2
    )


class Host(App[None]):
    """A bare app that opens the reminder on start, with the planner's dark theme."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.dismissed = False

    def on_mount(self) -> None:
        self.register_theme(PLANNER_DARK)
        self.theme = PLANNER_DARK.name
        self.push_screen(ReminderScreen(self.store, TODAY), self._reminder_dismissed)

    def _reminder_dismissed(self, _result: None) -> None:
        self.dismissed = True


BOX = " │╭╮╰╯─▊▎▔▁▏▂▄▅▆"


def screen_text(app: App[Any]) -> str:
    """The terminal's text with box edges trimmed, lines joined by spaces (so wrapping is moot)."""
    lines = (strip.text.strip(BOX) for strip in app.screen._compositor.render_strips())
    return " ".join(line for line in lines if line)


async def ready(app: App[Any], pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_full_record_shows_the_users_own_evidence(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    full_record(store)
    app = Host(store)
    async with app.run_test(size=(100, 60)) as pilot:
        await ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReminderScreen)
        assert screen.evidence is not None
        text = screen_text(app)
        assert "Remember your why" in text
        assert "To help others" in text
        assert "4 tasks done for it in the last 30 days" in text
        assert "Trained the new hire on pivot tables" in text
        assert "To become a great analyst" in text
        assert "Excel: 3 tasks, up from 1" in text
        assert "Above and beyond" in text
        assert "@marilyn (3), @sam (1)" in text
        assert "“I untangled a report and Ana smiled.”" in text
        assert "Tue 10 Nov 2026" in text
        assert "This job is a stepping stone to: Senior data analyst" in text
        assert "Gathering" not in text


async def test_empty_record_asks_kindly_for_a_purpose(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "Your record is just starting" in text
        assert "press p to write yours" in text
        assert "the next step this job leads to" in text
        assert "Your why" not in text
        assert "Above and beyond" not in text
        assert "stepping stone" not in text


async def test_empty_record_with_a_next_step_shows_it(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_profile(Profile(next_step="Team lead"))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "press p to write yours." in text
        assert "This job is a stepping stone to: Team lead" in text


async def test_escape_dismisses(tmp_path: Path) -> None:
    app = Host(open_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, ReminderScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReminderScreen)
        assert app.dismissed


async def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_purpose(Purpose("why", "[b]Bold?[/b] [@click=app.quit]x[/] [/]"))
    store.save_profile(Profile(next_step="[red]Lead[/red] \x1b]0;pwned\x07"))
    add_done(store, "t1", "Fix [/] and [@click=app.quit]quit[/]", TODAY, purposes=["why"])
    store.save_reflection(
        TODAY - timedelta(days=3),
        validated_reflection(served_why="calm \x1b[2J[i]day[/i]"),
        stress=1,
    )
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "[b]Bold?[/b] [@click=app.quit]x[/] [/]" in text
        assert "Fix [/] and [@click=app.quit]quit[/]" in text
        assert "“calm [i]day[/i]”" in text
        assert "stepping stone to: [red]Lead[/red]" in text
        assert "\x1b" not in text
        assert "pwned" not in text
        # Clicking the hostile text runs no action: the app is still there.
        for line in app.screen.query(".reminder-purpose-statement, .reminder-purpose-title"):
            for x in range(0, 40, 3):
                await pilot.click(line, offset=(x, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReminderScreen)


async def test_evidence_is_gathered_in_a_thread_and_shown_when_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.reminder

    store = open_store(tmp_path)
    full_record(store)
    release = threading.Event()
    threads: list[threading.Thread] = []
    real_build = planner.reminder.build_reminder

    def slow_build(store: Store, today: date) -> ReminderEvidence:
        threads.append(threading.current_thread())
        assert release.wait(timeout=10)
        return real_build(store, today)

    monkeypatch.setattr("planner.screens.reminder.build_reminder", slow_build)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Gathering your record" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, ReminderScreen)
        assert screen.evidence is None
        release.set()
        await ready(app, pilot)
        assert threads and threads[0] is not threading.main_thread()
        assert screen.evidence is not None
        text = screen_text(app)
        assert "Gathering your record" not in text
        assert "To help others" in text


async def test_a_record_that_cannot_be_read_is_said_plainly(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    full_record(store)
    month = tmp_path / "record" / "2026-11.json"
    month.write_text("{not json", encoding="utf-8")
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "Your record could not be read just now" in text
        assert "cannot read" in text
        assert "planner restore" in text
        assert app.is_running


# --------------------------------------------------------------------------- in the real app


def planner_app(store: Store, today: date = TODAY) -> PlannerApp:
    """The real app on ``store`` with a fixed clock (polling slowed: nothing else writes)."""
    return PlannerApp(store, today=lambda: today, poll_interval=3600)


def started_record(store: Store) -> None:
    """A record past the welcome, with purposes and done work."""
    full_record(store)
    store.save_profile(Profile(next_step="Senior data analyst", welcomed=True))
    store.add_task(new_task(id="t1", title="Plan the week", day=TODAY, created="2026-01-01"))


def reminders_open(app: App[Any]) -> int:
    return sum(isinstance(screen, ReminderScreen) for screen in app.screen_stack)


async def test_rating_today_stressful_with_s_shows_the_reminder_at_once(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    started_record(store)
    app = planner_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert reminders_open(app) == 0
        await pilot.press("s", "3")
        await ready(app, pilot)
        assert store.day_record(TODAY).stress == 3
        assert reminders_open(app) == 0  # calm: no reminder
        await pilot.press("s", "5")
        await ready(app, pilot)
        assert store.day_record(TODAY).stress == 5
        assert isinstance(app.screen, ReminderScreen)
        text = screen_text(app)
        assert "To help others" in text
        assert "This job is a stepping stone to: Senior data analyst" in text
        await pilot.press("escape")
        await pilot.pause()
        assert reminders_open(app) == 0
        # Once a day by itself: rating again does not bring it back.
        await pilot.press("s", "4")
        await ready(app, pilot)
        assert reminders_open(app) == 0


async def test_threshold_decides_what_is_stressful(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    started_record(store)
    store.save_profile(Profile(next_step="Senior data analyst", welcomed=True, stress_threshold=5))
    app = planner_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("s", "4")
        await ready(app, pilot)
        assert reminders_open(app) == 0
        await pilot.press("s", "5")
        await ready(app, pilot)
        assert reminders_open(app) == 1


async def test_the_day_after_a_stressful_day_shows_it_once_not_twice(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    started_record(store)
    store.set_stress(TODAY, 5)
    tomorrow = TODAY + timedelta(days=1)
    first = planner_app(store, tomorrow)
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)
        assert reminders_open(first) == 1
        assert isinstance(first.screen, ReminderScreen)
        assert "To help others" in screen_text(first)
        await pilot.press("escape")
        await pilot.pause()
        assert reminders_open(first) == 0
    again = planner_app(open_store(tmp_path), tomorrow)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert reminders_open(again) == 0


async def test_a_calm_yesterday_shows_nothing_on_start(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    started_record(store)
    store.set_stress(TODAY, 3)
    app = planner_app(store, TODAY + timedelta(days=1))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert reminders_open(app) == 0


async def test_w_always_shows_it(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    started_record(store)
    store.set_stress(TODAY - timedelta(days=1), 5)  # it opens by itself once on start
    app = planner_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert reminders_open(app) == 1
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(2):
            await pilot.press("w")
            await ready(app, pilot)
            assert reminders_open(app) == 1
            assert "To help others" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert reminders_open(app) == 0


async def test_w_on_an_empty_record_shows_the_first_time_version(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_profile(Profile(welcomed=True))
    app = planner_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("w")
        await ready(app, pilot)
        assert reminders_open(app) == 1
        assert "press p to write yours" in screen_text(app)
