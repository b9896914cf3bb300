"""Pilot tests of the search screen (key ``/``), hosted in a small app, plus its query rules."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from planner.model import Profile, Purpose, Skill, new_task, validated_reflection
from planner.screens.search import SearchScreen, find, parse_query
from planner.store import Store
from planner.widgets.search_results import SearchHit, SearchResults, hit_content

TODAY = date(2026, 11, 25)
SIZE = (100, 30)
HOSTILE = "[@click=app.quit]x[/] [/] [b]bold? \x1b[2J 🎉 中文の仕事"


def fixed_now() -> datetime:
    return datetime(2026, 11, 25, 9, 0)


def fill(store: Store) -> None:
    """Tasks over three months, a series, a reflection, ratings; nothing from the real clock."""
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_skill(Skill("excel", "Excel"))
    store.save_skill(Skill("mentoring", "Mentoring"))
    add = store.add_task
    created = "2026-01-01T00:00:00"
    add(
        new_task(
            id="t1",
            title="Mentor the new hire on pivot tables",
            day=TODAY,
            time=time(15),
            purposes=["help-others"],
            skills=["excel", "mentoring"],
            people=["marilyn"],
            stretch=True,
            created=created,
        )
    )
    add(
        new_task(
            id="t2",
            title="Update the budget spreadsheet",
            day=date(2026, 11, 20),
            done=True,
            skills=["excel"],
            notes="Ask finance for the Q3 numbers",
            created=created,
        )
    )
    add(
        new_task(
            id="t3",
            title="Coffee with Sam",
            day=date(2026, 10, 10),
            purposes=["help-others"],
            people=["sam"],
            created=created,
        )
    )
    add(new_task(id="t4", title=HOSTILE, day=date(2026, 9, 3), created=created))
    add(
        new_task(
            id="s1",
            title="Weekly report",
            day=date(2026, 11, 2),
            recurrence="FREQ=WEEKLY",
            skills=["excel"],
            created=created,
        )
    )
    store.set_stress(TODAY, 5)
    store.set_stress(date(2026, 11, 20), 3)
    store.save_reflection(
        date(2026, 11, 24),
        validated_reflection(learned="Pivot tables beat formulas", helped="Marilyn, again"),
        stress=2,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "record", now=fixed_now)
    fill(opened)
    return opened


class Host(App[None]):
    """A bare app that opens the search screen on start and keeps what it dismissed with."""

    CSS_PATH = str(files("planner.styles").joinpath("search.tcss"))

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.result: object = "still open"

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(self.store, TODAY), self.record_result)

    def record_result(self, result: SearchHit | None) -> None:
        self.result = result.day if result is not None else None


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def search(app: Host, pilot: Pilot[None], text: str) -> SearchResults:
    """Type ``text`` into the search box and wait for the results."""
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one(Input).value = text
    await pilot.pause()  # let the change start its search
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen.results


def days(results: SearchResults) -> list[date]:
    return [hit.day for hit in results.hits]


def status(app: Host) -> str:
    return str(app.screen.query_one("#search-status").render())


# ---------------------------------------------------------------------------- the query


def test_parse_query_splits_words_and_tags() -> None:
    query = parse_query("Pivot  #Help-Others +excel @Marilyn # +")
    assert query.words == ("pivot", "#", "+")
    assert query.purposes == ("help-others",)
    assert query.skills == ("excel",)
    assert query.people == ("marilyn",)


def test_find_is_empty_for_an_empty_query(store: Store) -> None:
    assert find(store, parse_query("   "), TODAY) == []


def test_hit_content_of_a_reflection_and_a_long_title() -> None:
    reflection = SearchHit(
        date(2026, 11, 24), question="One intention for tomorrow", answer="Ask early"
    )
    assert hit_content(reflection, TODAY, ["ask"]).plain == (
        "Tue 24 Nov 2026 (yesterday)  ✎ reflection\n  One intention for tomorrow: Ask early"
    )
    task = new_task(id="x", title="word " * 1000 + "needle", day=TODAY, created="c")
    shown = hit_content(SearchHit(TODAY, stressful=True, task=task), TODAY, ["needle"]).plain
    assert shown.startswith("Wed 25 Nov 2026 (today)  ⚠ stressful\n  ○ to do  …")
    assert shown.endswith("word needle")  # cut around the match, so the match is in view
    assert len(shown) < 250


# ---------------------------------------------------------------------------- typing


async def test_text_finds_tasks_and_reflections_newest_first(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "pivot")
        assert days(results) == [TODAY, date(2026, 11, 24)]
        assert results.hits[0].task is not None and results.hits[0].task.id == "t1"
        assert results.hits[1].task is None and "Pivot tables" in results.hits[1].answer
        assert status(app) == "2 results"


async def test_typing_key_by_key_searches_the_final_text(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"PIVOT HIRE")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # Every word must match, case-insensitively; the reflection has no "hire".
        assert [h.task.id for h in screen.results.hits if h.task] == ["t1"]
        assert len(screen.results.hits) == 1
        assert status(app) == "1 result"


async def test_notes_are_searched(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "finance")
        assert days(results) == [date(2026, 11, 20)]


async def test_purpose_filter(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "#help-others")
        assert [h.task.id for h in results.hits if h.task] == ["t1", "t3"]
        assert len(results.hits) == 2  # reflections carry no tags


async def test_skill_filter_includes_a_recurring_task_on_its_next_day(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "+excel")
        assert days(results) == [date(2026, 11, 30), TODAY, date(2026, 11, 20)]
        assert results.hits[0].repeats == "every week"
        assert "↻ every week" in screen_text(app)


async def test_person_filter_and_words_together(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "@marilyn")
        assert [h.task.id for h in results.hits if h.task] == ["t1"]
        assert len(results.hits) == 1
        results = await search(app, pilot, "+excel budget")
        assert [h.task.id for h in results.hits if h.task] == ["t2"]
        results = await search(app, pilot, "@nobody")
        assert results.hits == ()
        assert status(app) == "No results"


async def test_clearing_the_box_clears_the_results(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "pivot")
        results = await search(app, pilot, "")
        assert results.hits == ()
        assert "Type words" in status(app)


# ---------------------------------------------------------------------------- markers


async def test_result_shows_day_stressful_marker_and_done_state(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "+excel")
        text = screen_text(app)
        assert "Wed 25 Nov 2026 (today)  ⚠ stressful" in text
        calm_line = next(line for line in text.splitlines() if "Fri 20 Nov 2026" in line)
        assert "stressful" not in calm_line  # rated 3, under the threshold of 4
        assert "✓ done   Update the budget spreadsheet  +excel" in text
        assert "○ to do  15:00 Mentor the new hire on pivot tables" in text


async def test_stressful_marker_follows_the_threshold(store: Store) -> None:
    store.save_profile(Profile(stress_threshold=3))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "budget")
        assert results.hits[0].stressful
        assert "Fri 20 Nov 2026  ⚠ stressful" in screen_text(app)
    store.save_profile(Profile(stress_threshold=5))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "budget")
        assert not results.hits[0].stressful
        assert "⚠ stressful" not in screen_text(app)


async def test_hostile_text_is_shown_literally_and_clicking_it_is_harmless(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "click")
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [/] [b]bold? 🎉 中文の仕事" in text
        assert "\x1b" not in text
        row = next(n for n, line in enumerate(text.splitlines()) if "[@click" in line)
        column = text.splitlines()[row].index("[@click") + 3
        await pilot.click(offset=(column, row))
        await pilot.pause()
        # The click on the markup-like title chose the result (it jumped to its day), and
        # nothing in the title acted as a link: the app still runs.
        assert app.result == date(2026, 9, 3)
        assert app.is_running


async def test_a_long_query_is_harmless(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        results = await search(app, pilot, "x" * 100_000)
        assert results.hits == ()
        assert status(app) == "No results"


async def test_an_unreadable_month_is_reported_on_one_line(store: Store) -> None:
    (store.folder / "2026-10.json").write_text("{not json", encoding="utf-8")
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "coffee")
        line = status(app)
        assert "2026-10.json" in line
        assert "\n" not in line
        assert app.screen.query_one("#search-status").has_class("-error")


# ---------------------------------------------------------------------------- choosing


async def test_enter_in_the_box_jumps_to_the_newest_result(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "coffee")
        await pilot.press("enter")
        await pilot.pause()
        assert app.result == date(2026, 10, 10)


async def test_enter_typed_before_the_search_ends_opens_its_newest_result(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "pivot")  # results of an older text are on screen
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.debounce = 1.0  # so that Enter surely comes before the search ends
        await pilot.press("ctrl+a", "ctrl+k", *"coffee", "enter")
        assert app.result == "still open"  # the search for "coffee" is still running
        # The result opens as soon as the worker posts it; the screen then closes, and closing
        # cancels the worker if its thread has not been marked finished yet.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.result == date(2026, 10, 10)


async def test_down_then_enter_jumps_to_the_chosen_result(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "pivot")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.result == date(2026, 11, 24)


async def test_enter_without_results_does_nothing(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "nothing-like-this")
        await pilot.press("enter")
        await pilot.pause()
        assert app.result == "still open"
        assert isinstance(app.screen, SearchScreen)


async def test_escape_closes_with_none(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(app, pilot, "pivot")
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
        assert not isinstance(app.screen, SearchScreen)


# ---------------------------------------------------------------------------- in the app


async def test_slash_in_the_app_opens_search_and_enter_shows_the_day(store: Store) -> None:
    from planner.app import PlannerApp
    from planner.screens.day import DayScreen

    store.save_profile(Profile(welcomed=True))
    app = PlannerApp(store, today=lambda: TODAY, poll_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"coffee")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert app.screen.shown_day() == date(2026, 10, 10)
        assert "Coffee with Sam" in screen_text(app)
