"""Snapshots of the day screen and its dialogs, at 100×30 and 80×24, in a dark and a light theme.

Every snapshot uses the fixed "today" of the UI tests, a record in ``tmp_path`` and fixed
terminal sizes; ids are random but never shown. Update with ``--snapshot-update`` and read the
SVGs' text before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from planner.model import Profile, Purpose, Settings, Skill, validated_reflection
from planner.store import Store
from tests.ui.conftest import TODAY, add_task, make_app, open_store

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]
THEMES = [pytest.param("planner-dark", id="dark"), pytest.param("planner-light", id="light")]

Snap = Callable[..., bool]


def record(tmp_path: Path, theme: str, *, full: bool) -> Store:
    """An empty or a full record with the theme chosen."""
    store = open_store(tmp_path / "record")
    store.save_profile(Profile(welcomed=True, next_step="Team lead"))
    store.save_settings(Settings(theme=theme))
    if not full:
        return store
    store.save_purpose(Purpose("help-others", "To help others grow"))
    store.save_purpose(Purpose("learn", "To keep learning"))
    store.save_skill(Skill("excel", "Excel"))
    store.save_skill(Skill("mentoring", "Mentoring"))
    add_task(store, "Answer email", at=time(9, 30))
    add_task(
        store,
        "Mentor the new hire on pivot tables",
        at=time(15),
        purposes=("help-others",),
        skills=("excel", "mentoring"),
        people=("marilyn",),
        stretch=True,
        notes="Bring the sales sheet.\nShow [b]VLOOKUP[/b] too.",
    )
    add_task(store, "Stand-up", at=time(10), recurrence="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    add_task(store, "日本語のタスク 🎉 and [@click=app.quit]x[/]", done=True, skills=("excel",))
    add_task(
        store,
        "A very long title that goes on about the quarterly report and the many spreadsheets "
        "that need reconciling before Friday's review with the whole finance team",
        purposes=("learn",),
    )
    add_task(store, "Did some excel", TODAY - timedelta(days=6), skills=("excel",), done=True)
    store.set_stress(TODAY, 4)
    store.save_reflection(TODAY - timedelta(days=1), validated_reflection(intention="Ask early"))
    return store


def settle(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """Before the shot: let the growth count finish, then press ``keys``."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run


def shoot(
    snap_compare: Snap, store: Store, size: tuple[int, int], keys: Iterable[str] = ()
) -> bool:
    return snap_compare(make_app(store), terminal_size=size, run_before=settle(*keys))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
class TestDay:
    """The day screen itself."""

    def test_empty(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """An empty day: the hint to add a task, an empty why panel."""
        assert shoot(snap_compare, record(tmp_path, theme, full=False), size)

    def test_full(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """A stressful day with timed, recurring, done, stretch, CJK/emoji and long tasks."""
        assert shoot(snap_compare, record(tmp_path, theme, full=True), size)

    def test_why_panel(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """The why panel of the stretch task: statements, growth, people, notes."""
        assert shoot(snap_compare, record(tmp_path, theme, full=True), size, ["down", "down"])

    def test_nudge(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """A done task tied to no purpose: a gentle nudge, and the skill it grew."""
        assert shoot(snap_compare, record(tmp_path, theme, full=True), size, ["down"] * 3)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
class TestDialogs:
    """Quick add, edit and help over the day."""

    def test_quick_add_preview(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """Quick add with the live preview of every token."""
        text = list("Mentor Bo tomorrow 3pm #help-others +excel @bo !")
        assert shoot(snap_compare, record(tmp_path, theme, full=True), size, ["a", *text])

    def test_quick_add_error(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """A line the grammar cannot read shows its message inline."""
        assert shoot(
            snap_compare, record(tmp_path, theme, full=False), size, ["a", *"Report feb 30"]
        )

    def test_edit(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """The edit dialog on the stretch task."""
        assert shoot(snap_compare, record(tmp_path, theme, full=True), size, ["down", "down", "e"])

    def test_help(
        self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int], theme: str
    ) -> None:
        """Every key, with the grammar."""
        assert shoot(snap_compare, record(tmp_path, theme, full=False), size, ["question_mark"])


def test_too_small(snap_compare: Snap, tmp_path: Path) -> None:
    """Below 60×15 the screen says so instead of breaking."""
    store = record(tmp_path, "planner-dark", full=True)
    assert snap_compare(make_app(store), terminal_size=(50, 12), run_before=settle())
