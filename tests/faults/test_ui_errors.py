"""Write failures and an unreadable record while the app is open: told in one line, nothing lost.

Every write the app makes from the keyboard (quick add, done, edit, delete, move, rate, the
reflection, purposes, skills and the profile) is made to fail, by a full disk (the rename of
the atomic write fails with ENOSPC) or by a record file made read-only. Each time:

- a notification says so in one line, as text (``markup=False``), naming the file, with no
  traceback;
- the screen does not show the change as saved (the day's list, the rating, the reflection's
  status, the purposes list are as before);
- every file of the record is byte-identical;
- the reflection's text never appears in a notification or on screen outside its text areas.

A record file that is damaged before the app starts is named on screen with the way to restore
it, the day is still shown, no key overwrites it, and it is told once, not at every poll.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import uikit as k
from faultkit import files_of, stray_temps
from textual.pilot import Pilot
from textual.widgets import TabbedContent, TextArea

from planner.demo import make_demo
from planner.store import Store
from planner.widgets.task_list import TaskList

SIZE = (100, 30)
MARKER = "secret-marker-7f3a9c"
"""A word written in the reflection: it must never be shown anywhere else."""

Action = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(autouse=True)
def _summary(request: pytest.FixtureRequest) -> None:
    k.register_summary(request.config)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample record, made once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("demo") / "record"
    make_demo(folder, k.TODAY)
    return folder


def copy_of(folder: Path, tmp_path: Path) -> Store:
    target = tmp_path / "record"
    shutil.copytree(folder, target)
    return Store.open(target, now=lambda: k.NOW)


# ---------------------------------------------------------------------------- what the user does
async def quick_add(pilot: Pilot[Any]) -> None:
    await pilot.press("a")
    await pilot.press(*"Write the quarterly report")
    await pilot.press("enter")


async def select(pilot: Pilot[Any], *, repeating: bool = False) -> None:
    """Select the day's first one-off task (or first occurrence of a repeating one)."""
    screen = k.day_screen(pilot.app)
    screen.selected_id = next(t.id for t in screen.tasks if t.is_recurring == repeating)
    await pilot.pause()


async def toggle(pilot: Pilot[Any]) -> None:
    await select(pilot)
    await pilot.press("space")


async def edit(pilot: Pilot[Any]) -> None:
    await select(pilot)
    await pilot.press("e")
    await k.settle(pilot)
    await pilot.press("end", *" (edited)", "ctrl+s")


async def delete(pilot: Pilot[Any]) -> None:
    await select(pilot)
    await pilot.press("d")


async def delete_occurrence(pilot: Pilot[Any]) -> None:
    """Delete one occurrence: d asks whether the day or the series is meant; t, this day only."""
    await select(pilot, repeating=True)
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("t")


async def move(pilot: Pilot[Any]) -> None:
    await select(pilot)
    await pilot.press("m")


async def rate(pilot: Pilot[Any]) -> None:
    await pilot.press("s", "5")


async def reflect_typed(pilot: Pilot[Any]) -> None:
    """The reflection opened, rated, and the marker typed into the first answer."""
    await pilot.press("r")
    await k.settle(pilot)
    await pilot.press("2")  # the rating has focus first
    area = pilot.app.screen.query_one("#answer-learned", TextArea)
    area.focus()
    await pilot.pause()
    await pilot.press(*f"I learned {MARKER} today")


async def reflect(pilot: Pilot[Any]) -> None:
    await reflect_typed(pilot)
    await pilot.press("ctrl+s")


async def reflect_and_leave(pilot: Pilot[Any]) -> None:
    """Esc on unsaved answers, then "save" in the question."""
    await reflect_typed(pilot)
    await pilot.press("escape")
    await k.settle(pilot)
    await pilot.press("s")


def _new_tag(tab: str, kind: str) -> Action:
    async def create(pilot: Pilot[Any]) -> None:
        await pilot.press("p")
        await k.settle(pilot)
        pilot.app.screen.query_one(TabbedContent).active = f"tab-{tab}"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await k.paste(pilot, f"new-{kind}", into=f"#{kind}-slug")
        await k.paste(pilot, f"A new {kind} {MARKER}", into=f"#{kind}-text")
        await pilot.press("ctrl+s")

    return create


async def profile(pilot: Pilot[Any]) -> None:
    await pilot.press("p")
    await k.settle(pilot)
    pilot.app.screen.query_one(TabbedContent).active = "tab-profile"
    await pilot.pause()
    await k.paste(pilot, " and then director", into="#next-step")
    await pilot.press("ctrl+s")


ACTIONS: dict[str, Action] = {
    "quick add": quick_add,
    "done": toggle,
    "edit": edit,
    "delete": delete,
    "delete a repeat": delete_occurrence,
    "move": move,
    "rate": rate,
    "reflection": reflect,
    "reflection on leaving": reflect_and_leave,
    "purpose": _new_tag("purposes", "purpose"),
    "skill": _new_tag("skills", "skill"),
    "profile": profile,
}
#: The file each action writes: made read-only for the "read-only" failure.
TARGET = {
    "purpose": "meta.json",
    "skill": "meta.json",
    "profile": "meta.json",
    "delete a repeat": "recurring.json",
}


# ---------------------------------------------------------------------------- what must be seen
def shown_state(pilot: Pilot[Any]) -> tuple[object, ...]:
    """What the day screen shows as saved: its tasks and the day's rating."""
    screen = k.day_screen(pilot.app)
    tasks = tuple((t.id, t.title, t.done, t.day, t.order) for t in screen.tasks)
    return tasks, screen.record.stress if screen.record else None


def check_notice(pilot: Pilot[Any], before: int, name: str, filename: str) -> None:
    """One new error toast at least: one line, text, naming the file, no traceback, and no
    word of the reflection."""
    notes = list(pilot.app._notifications)[before:]
    errors = [n for n in notes if n.severity == "error"]
    assert errors, f"{name}: no error was told"
    for note in notes:
        assert not note.markup, name
        assert MARKER not in note.message and MARKER not in note.title, name
    for note in errors:
        assert "\n" not in note.message, (name, note.message)
        assert "Traceback" not in note.message and "Error:" not in note.message, name
        assert filename in note.message, (name, note.message)


def check_not_shown_as_saved(pilot: Pilot[Any], name: str, before: tuple[object, ...]) -> None:
    """The screen where the action happened does not show the change as saved."""
    app = pilot.app
    screen = app.screen
    text = k.screen_text(app)
    if name.startswith("reflection"):
        status = k.region_text(app, screen.query_one("#reflection-status").region)
        assert "unsaved" in status, status
        assert MARKER in text  # typed, and still there to save again
        assert MARKER not in k.text_outside(app, screen.query_one("#prompts").region)
    elif name in ("purpose", "skill"):
        assert f"new-{name}" not in k.region_text(app, screen.query_one(f"#{name}-list").region)
    elif name == "profile":
        pass  # the form keeps what was typed, to try again; the file check says it is not saved
    else:
        assert shown_state(pilot) == before, name
        assert "Write the quarterly report" not in k.region_text(
            app, screen.query_one("#task-list").region
        )
    assert MARKER not in app.title and MARKER not in (screen.title or ""), name


async def check_failed_write(
    store: Store, name: str, fail: Callable[[], Callable[[], None]], filename: str
) -> None:
    """Run the action ``name`` with ``fail()`` in force (it returns the undo), and check."""
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        files = files_of(store.folder)
        before = shown_state(pilot)
        told = len(app._notifications)
        restore = fail()
        try:
            await ACTIONS[name](pilot)
            await k.settle(pilot)
            k.assert_safe(app, name)
            check_notice(pilot, told, name, filename)
            check_not_shown_as_saved(pilot, name, before)
        finally:
            restore()
        assert_unchanged(store.folder, files, name)
        k.UI_STATS["write_failures"] += 1


def record_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """The record itself: not the backups, not hidden files (the insights' cache of figures)."""
    return {n: b for n, b in files.items() if not n.startswith(("backups/", "."))}


def assert_unchanged(folder: Path, before: dict[str, bytes], name: str) -> None:
    """Every record file byte-identical, no temporary file left. A backup the store took
    before the write that failed is allowed, if it is a copy of the record as it was."""
    after = files_of(folder)
    assert record_files(after) == record_files(before), name
    assert not stray_temps(folder), name
    for path, data in after.items():
        if path.startswith("backups/") and path not in before:
            assert before.get(path.split("/", 2)[2]) == data, f"{name}: backup {path} differs"


def full_disk() -> Callable[[], None]:
    """Every rename of an atomic write fails: the disk is full."""
    real = os.replace

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    os.replace = refuse

    def undo() -> None:
        os.replace = real

    return undo


def read_only(path: Path) -> Callable[[], Callable[[], None]]:
    def fail() -> Callable[[], None]:
        mode = path.stat().st_mode
        path.chmod(0o400)
        return lambda: path.chmod(mode)

    return fail


QUICK = ["quick add", "done", "reflection", "purpose"]


@pytest.mark.parametrize("name", QUICK)
async def test_full_disk(demo: Path, tmp_path: Path, name: str) -> None:
    """A full disk: told in one line, nothing shown as saved, every file as it was."""
    store = copy_of(demo, tmp_path)
    await check_failed_write(store, name, full_disk, TARGET.get(name, "2026-11.json"))


@pytest.mark.faults
@pytest.mark.parametrize("name", list(ACTIONS))
async def test_full_disk_long(demo: Path, tmp_path: Path, name: str) -> None:
    """Every write of the app, on a full disk."""
    store = copy_of(demo, tmp_path)
    await check_failed_write(store, name, full_disk, TARGET.get(name, "2026-11.json"))


@pytest.mark.faults
@pytest.mark.parametrize("name", list(ACTIONS))
async def test_read_only_file(demo: Path, tmp_path: Path, name: str) -> None:
    """The file the action writes is read-only (owner-write bit off): refused, told, kept."""
    store = copy_of(demo, tmp_path)
    filename = TARGET.get(name, "2026-11.json")
    await check_failed_write(store, name, read_only(store.folder / filename), filename)


async def test_read_only_month_quick(demo: Path, tmp_path: Path) -> None:
    """The quick version: toggling a task of a read-only month file."""
    store = copy_of(demo, tmp_path)
    path = store.folder / "2026-11.json"
    await check_failed_write(store, "done", read_only(path), "2026-11.json")


# ---------------------------------------------------------------------------- unreadable at start
#: Ways a month file can be damaged before the app starts.
DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "garbage after": lambda data: data + b"\x00garbage{",
    "invalid utf-8": lambda data: data.replace(b'"title":"', b'"title":"\xff\xfe', 1),
    "wrong shape": lambda data: b'{"tasks": [1, 2, 3]}',
    "wrong field type": lambda data: data.replace(b'"done":false', b'"done":"no"', 1),
}


async def check_damaged_at_start(store: Store, month: str, damage: str, screens: bool) -> None:
    """Damage ``month`` before the app starts; check as the test below says."""
    path = store.folder / f"{month}.json"
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    files = files_of(store.folder)
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        screen = k.day_screen(app)
        assert screen.day == k.TODAY
        told = len(app._notifications)
        for note in app._notifications:
            assert "Traceback" not in note.message and "\n" not in note.message
        if month == "2026-11":  # the month on screen
            hint = screen.query_one(TaskList).empty_hint
            assert path.name in hint and "planner restore" in hint, hint
            assert "This day could not be read" in k.screen_text(app)
            assert told >= 1
        for _ in range(3):
            screen.poll_changes()
        assert len(app._notifications) == told, "told again at every poll"
        for keys in (("a", *"hello", "enter", "escape"), ("space",), ("s", "3"), ("x",), ("m",)):
            await pilot.press(*keys)
            await k.settle(pilot)
            k.assert_safe(app, f"keys {keys}")
        for name in k.SCREENS if screens else ("reflection", "insights month", "search", "carry"):
            await k.visit(pilot, name)
            k.assert_safe(app, name)
            await k.home(pilot)
        assert app.is_running and app.return_code is None
    assert_unchanged(store.folder, files, f"{damage} {month}")
    k.UI_STATS["damaged_starts"] += 1


async def test_damaged_month_at_start(demo: Path, tmp_path: Path) -> None:
    """A truncated month file: the day is named, the file and the way back are on screen, no
    key overwrites it, and the error is told once (not at every poll)."""
    await check_damaged_at_start(copy_of(demo, tmp_path), "2026-11", "truncated", False)


@pytest.mark.faults
@pytest.mark.parametrize("month", ["2026-11", "2026-10"], ids=["this month", "last month"])
@pytest.mark.parametrize("damage", list(DAMAGE))
async def test_damaged_month_at_start_long(
    demo: Path, tmp_path: Path, month: str, damage: str
) -> None:
    """Every kind of damage, to the month on screen or an earlier one; every screen visited."""
    await check_damaged_at_start(copy_of(demo, tmp_path), month, damage, True)


@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_restored_file_is_read_again(demo: Path, tmp_path: Path, run: str) -> None:
    """Once the damaged file is put right (as 'planner restore' does), the next poll shows
    the day."""
    store = copy_of(demo, tmp_path)
    path = store.folder / "2026-11.json"
    good = path.read_bytes()
    path.write_bytes(good[:100])
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        screen = k.day_screen(app)
        assert not screen.tasks
        path.write_bytes(good)
        assert screen.poll_changes()
        await k.settle(pilot)
        assert screen.tasks
        assert "could not be read" not in k.screen_text(app)


# ---------------------------------------------------------------------------- a hostile path
@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_error_naming_a_hostile_path(demo: Path, tmp_path: Path, run: str) -> None:
    """The record's folder name holds an escape sequence: an error naming it is still one
    line of text, in the toast and under the quick-add input."""
    target = tmp_path / f"record {k.HOSTILE['title']}"
    shutil.copytree(demo, target)
    store = Store.open(target, now=lambda: k.NOW)
    await check_failed_write(store, "quick add", full_disk, "2026-11.json")
