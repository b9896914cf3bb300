"""Snapshots of the purposes, welcome and search screens, opened through the app's keys.

At 100×30 and 80×24, in a dark and a light theme, with the fixed "today" of the UI tests and a
record in ``tmp_path``; ids are random but never shown. Input cursors are kept still so that
a blink cannot change a picture. Update with ``--snapshot-update`` and read the SVGs' text
before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from planner.model import Profile, Purpose, Settings, Skill, validated_reflection
from planner.store import Store
from tests.ui.conftest import TODAY, add_task, make_app, open_store

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]
THEMES = [pytest.param("planner-dark", id="dark"), pytest.param("planner-light", id="light")]

Snap = Callable[..., bool]


def empty_record(tmp_path: Path, theme: str) -> Store:
    """A brand-new record (the welcome shows) with the theme chosen."""
    store = open_store(tmp_path / "record")
    store.save_settings(Settings(theme=theme))
    return store


def full_record(tmp_path: Path, theme: str) -> Store:
    """Purposes (one a draft, one archived), skills, tasks over weeks, ratings, a reflection."""
    store = empty_record(tmp_path, theme)
    store.save_profile(
        Profile(welcomed=True, next_step="Team lead", next_step_skills=("mentoring",))
    )
    store.save_purpose(Purpose("help-others", "To help others grow"))
    store.save_purpose(Purpose("family", "To provide for my family"))
    store.save_purpose(Purpose("old-why", "To pay off the car", archived=True))
    store.save_skill(Skill("excel", "Excel"))
    store.save_skill(Skill("mentoring", "Mentoring"))
    add_task(
        store,
        "Mentor the new hire on pivot tables",
        at=time(15),
        purposes=("help-others",),
        skills=("excel", "mentoring"),
        people=("marilyn",),
        stretch=True,
    )
    add_task(store, "Pivot the budget by region", TODAY - timedelta(days=5), skills=("excel",))
    add_task(
        store,
        "日本語 🎉 pivot [@click=app.quit]x[/] [/]",
        TODAY - timedelta(days=9),
        done=True,
        purposes=("learn",),  # created as a draft purpose, the way quick add does
    )
    add_task(store, "Weekly report", TODAY - timedelta(days=2), recurrence="FREQ=WEEKLY")
    store.set_stress(TODAY, 4)
    store.set_stress(TODAY - timedelta(days=5), 2)
    # Three days ago, not yesterday: a stressful yesterday would open the purpose reminder.
    store.save_reflection(
        TODAY - timedelta(days=3),
        validated_reflection(learned="Pivot tables beat [b]formulas[/b]", helped="Marilyn"),
        stress=5,
    )
    return store


def settle(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """Before the shot: let the day settle, press ``keys``, wait for workers, still cursors."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


def shoot(
    snap_compare: Snap, store: Store, size: tuple[int, int], keys: Iterable[str] = ()
) -> bool:
    return snap_compare(make_app(store), terminal_size=size, run_before=settle(*keys))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
class TestPurposes:
    """Purposes, skills and profile (key p)."""

    def test_purposes(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """The purposes: active, a draft to write, one archived; the first in the form."""
        assert shoot(snap_compare, full_record(tmp_path, theme), size, ["p"])

    def test_bad_statement(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """A new purpose without a statement: the message under the form."""
        keys = ["p", "ctrl+n", *"grow", "enter", "enter"]
        assert shoot(snap_compare, full_record(tmp_path, theme), size, keys)

    def test_profile(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """The profile tab after a threshold of 9 was refused."""

        async def refuse_nine(pilot: Pilot[Any]) -> None:
            await settle("p")(pilot)
            pilot.app.screen.query_one(TabbedContent).active = "tab-profile"
            await pilot.pause()
            pilot.app.screen.query_one("#threshold", Input).value = "9"
            await pilot.press("ctrl+s")
            await pilot.pause()

        store = full_record(tmp_path, theme)
        assert snap_compare(make_app(store), terminal_size=size, run_before=refuse_nine)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
class TestWelcome:
    """The welcome on an empty record."""

    def test_first_question(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """What is your why? (one statement typed)."""
        keys = [*"To help others"]
        assert shoot(snap_compare, empty_record(tmp_path, theme), size, keys)

    def test_next_step(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """The next step, with the tags the statements were given."""
        keys = [*"To help others", "tab", *"To provide for my family", "enter", *"Team lead"]
        assert shoot(snap_compare, empty_record(tmp_path, theme), size, keys)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
class TestSearch:
    """Search (key /) with results."""

    def test_words(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """ "pivot": tasks (stressful day, done, CJK and markup-like title) and a reflection."""
        keys = ["slash", *"pivot"]
        assert shoot(snap_compare, full_record(tmp_path, theme), size, keys)

    def test_tags(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """ "+excel @marilyn": the one task with both tags."""
        keys = ["slash", *"+excel @marilyn"]
        assert shoot(snap_compare, full_record(tmp_path, theme), size, keys)
