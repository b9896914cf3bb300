"""Pilot tests of the insights screen, hosted in a small app, and once through the real app's ``i``.

Every test uses the fixed ``TODAY`` (Wed 25 Nov 2026), a record in ``tmp_path`` and a fixed
terminal size, and waits for the screen's workers instead of sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

import planner.screens.insights as insights_screen
from planner.insights import Insights, Period, load_insights
from planner.model import Profile, Purpose, Skill, validated_reflection
from planner.screens.insights import PERIODS, InsightsScreen, period_span
from planner.store import Store
from planner.themes import THEMES
from planner.widgets.bar_chart import Bar, BarChart
from planner.widgets.blocks import column_cell, hbar
from planner.widgets.insights_view import InsightsView
from planner.widgets.stress_chart import StressChart, bucket_points
from tests.ui.conftest import TODAY, add_task, make_app, open_store

SIZE = (100, 30)


class Host(App[None]):
    """A bare app that opens the insights screen on start, with the planner's dark theme."""

    def __init__(self, store: Store, today: date = TODAY) -> None:
        super().__init__()
        self.store = store
        self.today = today
        for theme in THEMES:
            self.register_theme(theme)

    def on_mount(self) -> None:
        self.theme = "planner-dark"
        self.push_screen(InsightsScreen(self.store, self.today))


def known_record(store: Store) -> None:
    """A record with counts that differ between the week and the month.

    Week (19–25 Nov): Excel done 3 (all for "To help others"), SQL done 1 (stretch, with
    @marilyn, no purpose), one task not done; Sun 22 Nov rated 5 (stressful) and reflected,
    Mon 23 Nov rated 2. Earlier in the month (5 Nov): Excel done 2 more, for "To grow".
    """
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_purpose(Purpose("grow", "To grow"))
    store.save_skill(Skill("excel", "Excel"))
    store.save_skill(Skill("sql", "SQL"))
    store.save_profile(
        Profile(next_step="Lead analyst", next_step_skills=("excel",), welcomed=True)
    )
    for offset in range(3):
        add_task(
            store,
            f"Excel work {offset}",
            TODAY - timedelta(days=offset),
            done=True,
            purposes=("help-others",),
            skills=("excel",),
        )
    add_task(
        store,
        "Taught SQL joins",
        TODAY - timedelta(days=3),
        done=True,
        skills=("sql",),
        people=("marilyn",),
        stretch=True,
    )
    add_task(store, "Not done yet", TODAY)
    for offset in range(2):
        add_task(
            store,
            f"Older Excel {offset}",
            TODAY - timedelta(days=20),
            done=True,
            purposes=("grow",),
            skills=("excel",),
        )
    # Not yesterday: a stressful yesterday would bring up the purpose reminder in the real app.
    store.save_reflection(
        TODAY - timedelta(days=3), validated_reflection(learned="Joins"), stress=5
    )
    store.set_stress(TODAY - timedelta(days=2), 2)


def bars_of(screen: InsightsScreen, selector: str) -> list[tuple[str, float]]:
    """(label, value) of each bar of a chart."""
    return [(bar.label, bar.value) for bar in screen.query_one(selector, BarChart).bars]


def text_of(screen: InsightsScreen, selector: str) -> str:
    """The plain text of a Static."""
    return str(screen.query_one(selector, Static).content)


def chart_text(screen: InsightsScreen, selector: str, width: int = 80) -> str:
    """A chart's lines, plain, as drawn at ``width``."""
    widget = screen.query_one(selector)
    assert isinstance(widget, BarChart | StressChart)
    return "\n".join(line.plain for line in widget.lines(width))


async def until(pilot: Pilot[None], condition: Callable[[], bool], tries: int = 100) -> None:
    """Let the app run (no sleeping) until ``condition`` holds; fail after ``tries`` pauses."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the screen never got there")


# ---------------------------------------------------------------------------- switching periods
async def test_opens_on_the_month_and_shows_its_figures(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.title == "Insights"
        assert screen.period is Period.MONTH
        assert screen.shown is not None and screen.shown.period is Period.MONTH
        assert bars_of(screen, "#skills-chart") == [("Excel", 5), ("SQL", 1)]
        coverage = dict(bars_of(screen, "#purposes-chart"))
        assert coverage["Any purpose"] == 5 / 6
        assert coverage["To help others"] == 3 / 6
        assert coverage["To grow"] == 2 / 6
        assert "● Month" in text_of(screen, "#insights-bar")
        assert "27 Oct – 25 Nov 2026" in text_of(screen, "#insights-bar")
        assert not screen.query_one("#insights-status").display
        assert screen.query_one(InsightsView).display


async def test_period_keys_switch_the_figures(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)

        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.period is Period.WEEK
        assert screen.shown is not None and screen.shown.period is Period.WEEK
        assert bars_of(screen, "#skills-chart") == [("Excel", 3), ("SQL", 1)]
        assert dict(bars_of(screen, "#purposes-chart"))["Any purpose"] == 3 / 4
        assert bars_of(screen, "#stretch-chart") == [("This week", 1), ("The week before", 0)]
        assert bars_of(screen, "#people-chart") == [("@marilyn", 1)]
        assert "1 of 7" in chart_text(screen, "#reflection-chart")
        assert "19–25 Nov 2026" in text_of(screen, "#insights-bar")
        assert "● Week" in text_of(screen, "#insights-bar")
        # The path: Excel, 5 done in all, on its way to "growing" at 10.
        assert "5/10 to growing · +3 this week" in chart_text(screen, "#path-chart")

        for key, period in (("q", Period.QUARTER), ("y", Period.YEAR), ("m", Period.MONTH)):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.period is period
            assert screen.shown is not None and screen.shown.period is period
        assert bars_of(screen, "#skills-chart") == [("Excel", 5), ("SQL", 1)]


async def test_tab_left_and_right_cycle_through_the_periods(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        seen = []
        for _ in PERIODS:
            await pilot.press("tab")
            await pilot.pause()
            seen.append(screen.period)
        assert seen == [Period.QUARTER, Period.YEAR, Period.WEEK, Period.MONTH]
        seen = []
        for key in ("left", "left", "right", "shift+tab"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen.period)
        assert seen == [Period.WEEK, Period.YEAR, Period.WEEK, Period.YEAR]


async def test_every_period_is_ready_before_it_is_asked_for(tmp_path: Path) -> None:
    """After opening, all four periods are computed: switching shows figures at once."""
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        # The other periods are computed once the first is painted: wait for that worker too.
        for _ in range(20):
            if set(screen.cache) == set(PERIODS):
                break
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert set(screen.cache) == set(PERIODS)
        for key, period in (("y", Period.YEAR), ("w", Period.WEEK), ("q", Period.QUARTER)):
            await pilot.press(key)
            # Not waiting for any worker: the figures are on screen once the key is handled.
            assert screen.period is period
            assert screen.shown is screen.cache[period]


async def test_slow_figures_say_computing_and_keys_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the worker is held, the screen says so and still answers keys; then it fills."""
    store = open_store(tmp_path / "record")
    known_record(store)
    release = threading.Event()

    def held_load(store: Store, period: Period, today: date) -> Insights:
        release.wait(timeout=30)
        return load_insights(store, period, today)

    monkeypatch.setattr(insights_screen, "load_insights", held_load)
    monkeypatch.setattr(insights_screen, "COMPUTING_DELAY", 0.001)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        try:
            screen = app.screen
            assert isinstance(screen, InsightsScreen)
            status = screen.query_one("#insights-status", Static)
            await until(pilot, lambda: status.display)
            assert str(status.content) == "Computing the last 30 days…"
            assert not screen.query_one(InsightsView).display
            await pilot.press("y")
            assert screen.period is Period.YEAR
            assert "● Year" in text_of(screen, "#insights-bar")
            await until(pilot, lambda: "52 weeks" in str(status.content))
            assert str(status.content) == "Computing the last 52 weeks…"
        finally:
            release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not status.display
        assert screen.shown is not None and screen.shown.period is Period.YEAR
        assert screen.query_one(InsightsView).display


async def test_escape_goes_back(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)


# ------------------------------------------------------------------------- what the charts say
async def test_stress_chart_marks_stressful_days_and_shows_gaps(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        chart = screen.query_one("#stress-chart", StressChart)
        assert chart.days[3] == (TODAY - timedelta(days=3), 5, True)
        assert chart.days[-1] == (TODAY, None, False)
        lines = [line.plain for line in chart.lines(80)]
        # Seven columns of five cells (a bar of three, two spaces), after a three-cell axis.
        column = 3 + 5 * 3 + 1  # the middle of Sun 22 Nov's bar
        assert lines[0][column] == "█"  # rated 5: the top line is filled
        assert lines[5][column] == "!"  # the mark under it
        assert lines[4][3 + 5 * 6 + 1] == "·"  # today: no rating, a gap on the base line
        assert lines[6].split() == ["Th", "Fr", "Sa", "Su", "Mo", "Tu", "We"]
        assert "! stressful day (rated 4+)" in lines[7]
        assert "· no rating" in lines[7]
        note = text_of(screen, "#stress-note")
        assert "1 stressful day" in note and "2 of 7 days rated" in note


async def test_comparison_says_why_when_there_is_too_little_data(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        text = text_of(screen, "#compare-text")
        assert text.startswith("Not enough rated days to compare yet")


async def test_comparison_in_sentences_with_enough_rated_days(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    for offset in range(3, 9):
        store.set_stress(TODAY - timedelta(days=offset), 5 if offset % 2 else 1)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        text = text_of(screen, "#compare-text")
        assert "Tied to a purpose:" in text and "on calm days" in text
        assert "on stressful days" in text


# ---------------------------------------------------------------------------------- edge cases
async def test_empty_record_shows_a_kind_message(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    app = Host(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        message = screen.query_one("#insights-empty", Static)
        assert message.display
        assert str(message.content).startswith("Nothing recorded this month yet.")
        assert not screen.query_one("#section-stress").display
        assert not screen.query_one("#section-skills").display
        # The path stays, saying how to set the next step.
        assert screen.query_one("#section-path").display
        assert text_of(screen, "#path-step").startswith("No next step set yet")
        for key in "wqy":
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.shown is not None and screen.shown.is_empty


# At most 28 cells, so the charts show them whole.
HOSTILE_SKILL = "[b]Excel[/b] [link=x]$accent"
HOSTILE_PURPOSE = "[@click=app.quit]Help[/]"
HOSTILE_STEP = "[i]Lead[/i] [on red]analyst"
HOSTILE_TITLE = "[bold]Stayed late[/] \\[x]"


async def test_hostile_names_are_shown_literally(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    store.save_purpose(Purpose("help-others", HOSTILE_PURPOSE))
    store.save_skill(Skill("excel", HOSTILE_SKILL))
    store.save_profile(Profile(next_step=HOSTILE_STEP, next_step_skills=("excel",), welcomed=True))
    add_task(
        store,
        HOSTILE_TITLE,
        TODAY,
        done=True,
        purposes=("help-others",),
        skills=("excel",),
        stretch=True,
    )
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert (HOSTILE_SKILL, 1) in bars_of(screen, "#skills-chart")
        assert HOSTILE_SKILL in chart_text(screen, "#skills-chart", 120)
        assert HOSTILE_PURPOSE in chart_text(screen, "#purposes-chart", 140)
        assert HOSTILE_SKILL in chart_text(screen, "#path-chart", 120)
        assert HOSTILE_STEP in text_of(screen, "#path-step")
        assert HOSTILE_TITLE in text_of(screen, "#stretch-list")
        # Drawn on the terminal as typed, brackets and all, and the app is still running.
        shown = "\n".join(
            "".join(segment.text for segment in strip)
            for strip in screen._compositor.render_strips()
        )
        assert "[b]Excel[/b]" in shown
        assert app.is_running


async def test_a_record_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    (store.folder / "2026-11.json").write_text("{not json", encoding="utf-8")
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        status = screen.query_one("#insights-status", Static)
        assert status.display and status.has_class("-error")
        assert "could not be read" in str(status.content)
        assert "2026-11.json" in str(status.content)
        assert app.is_running


async def test_small_terminal_does_not_break(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=(30, 10)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in "wqy":
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        for selector in ("#skills-chart", "#purposes-chart", "#stress-chart", "#path-chart"):
            widget = screen.query_one(selector)
            assert isinstance(widget, BarChart | StressChart)
            width = widget.size.width
            assert all(line.cell_length <= width for line in widget.lines(width))


# ------------------------------------------------------------------------------ the real app
async def test_i_on_the_day_opens_insights(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.today == TODAY
        assert screen.shown is not None
        assert bars_of(screen, "#skills-chart") == [("Excel", 5), ("SQL", 1)]
        await pilot.press("w")
        await pilot.pause()
        assert bars_of(screen, "#skills-chart") == [("Excel", 3), ("SQL", 1)]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)


# ------------------------------------------------------------------------- drawing, unit-sized
def test_hbar_draws_eighths_and_never_hides_a_small_value() -> None:
    assert hbar(10, 10, 4) == "████"
    assert hbar(5, 10, 4) == "██"
    assert hbar(1, 10, 4) == "▍"  # 3.2 eighths round to 3
    assert hbar(0.01, 10, 4) == "▏"
    assert hbar(0, 10, 4) == ""
    assert hbar(20, 10, 4) == "████"


def test_column_cells_fill_from_the_bottom() -> None:
    assert [column_cell(3, row) for row in range(5)] == ["█", "█", "█", " ", " "]
    assert column_cell(2.5, 2) == "▄"


def test_long_periods_fold_into_whole_weeks_ending_on_the_last_day() -> None:
    start = TODAY - timedelta(days=90)
    days = [
        (start + timedelta(days=i), 4 if i == 90 else (2 if i % 3 == 0 else None), i == 90)
        for i in range(91)
    ]
    points = bucket_points(days, 77)
    assert len(points) == 13
    assert points[-1].last == TODAY and points[-1].first == TODAY - timedelta(days=6)
    assert points[-1].stressful == 1
    assert all(point.stress is not None for point in points)
    assert bucket_points(days[:30], 77)[0].first == days[0][0]  # fits: one day a column


def test_period_span_reads_naturally() -> None:
    assert period_span(date(2026, 11, 19), TODAY) == "19–25 Nov 2026"
    assert period_span(date(2026, 10, 27), TODAY) == "27 Oct – 25 Nov 2026"
    assert period_span(date(2025, 11, 27), TODAY) == "27 Nov 2025 – 25 Nov 2026"


async def test_bar_chart_stacks_rows_when_narrow() -> None:
    class One(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield BarChart((Bar("A fairly long skill name", 3, "3 ↑1"), Bar("B", 1, "1")))

    app = One()
    async with app.run_test(size=(14, 10)):
        chart = app.query_one(BarChart)
        lines = [line.plain for line in chart.lines(14)]
        assert lines[0].startswith("A fairly long")
        assert len(lines) == 4 and all(len(line) <= 14 for line in lines)


async def test_clicking_a_period_name_switches_to_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "record")
    known_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        bar = text_of(screen, "#insights-bar")
        # One cell of padding on the left of the bar.
        await pilot.click("#insights-bar", offset=(1 + bar.index("○ Quarter") + 2, 0))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.period is Period.QUARTER
        assert screen.shown is not None and screen.shown.period is Period.QUARTER
