"""Shared fixtures for the app's Pilot and snapshot tests.

- ``TODAY`` is the fixed "today" of every UI test (Wed 25 Nov 2026); never the real clock.
- ``store``: an empty record in ``tmp_path`` (the welcome screen would show for it).
- ``welcomed``: the same record after the welcome, so the app opens straight on the day.
- :func:`add_task` builds and saves one task with sensible defaults (today, not done), creating
  its purposes and skills the way quick add does; returns the task as stored.
- :func:`make_app` builds the app on a store with the fixed clock and a poll interval so long
  that tests decide when the record is polled (``app.screen.poll_changes()``).

Import the helpers with ``from tests.ui.conftest import TODAY, add_task, make_app``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from planner.app import PlannerApp
from planner.model import Profile, Task, new_task
from planner.store import Store, new_id

TODAY = date(2026, 11, 25)
"""The fixed "today" of the UI tests: a Wednesday."""
NOW = datetime(2026, 11, 25, 9, 0)
"""The store's fixed clock (backups, reflection stamps)."""
SIZE = (100, 30)
"""The default terminal size of the Pilot tests."""


def open_store(folder: Path) -> Store:
    """A store on ``folder`` with the fixed clock (a second one on the same folder plays
    "another process", e.g. ``planner add`` in another terminal)."""
    return Store.open(folder, now=lambda: NOW)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty record in ``tmp_path / "record"``."""
    return open_store(tmp_path / "record")


@pytest.fixture
def welcomed(store: Store) -> Store:
    """An empty record whose user has been through the welcome."""
    store.save_profile(Profile(welcomed=True))
    return store


def add_task(
    store: Store,
    title: str,
    day: date = TODAY,
    *,
    at: time | None = None,
    done: bool = False,
    purposes: tuple[str, ...] = (),
    skills: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    stretch: bool = False,
    recurrence: str | None = None,
    notes: str = "",
    task_id: str | None = None,
) -> Task:
    """Save one task (creating new purposes/skills with draft names) and return it as stored."""
    store.ensure_tags(purposes, skills)
    task = new_task(
        id=task_id or new_id(),
        title=title,
        day=day,
        time=at,
        done=done,
        purposes=purposes,
        skills=skills,
        people=people,
        stretch=stretch,
        recurrence=recurrence,
        notes=notes,
        created=NOW.isoformat(timespec="seconds"),
    )
    return store.add_task(task)


def make_app(store: Store, today: date = TODAY, start_day: date | None = None) -> PlannerApp:
    """The app on ``store`` with "today" fixed; polling is left to the test."""
    return PlannerApp(store, today=lambda: today, start_day=start_day, poll_interval=3600)
