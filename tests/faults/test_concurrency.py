"""Concurrency: processes adding at once, a lock held elsewhere, a lock holder killed."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from faultkit import STATS, files_of, finish, start_child, wait_for

from planner.model import new_task, validated_reflection
from planner.storage import BusyError
from planner.store import Store, new_id, restore_backup

TODAY = date(2026, 11, 25)


def add_concurrently(folder: Path, processes: int, each: int) -> None:
    Store.open(folder)
    children = [start_child("adder", str(folder), f"p{n}", str(each)) for n in range(processes)]
    for child in children:
        wait_for(child, "READY")
    for child in children:  # as close to "at once" as two pipes allow
        assert child.stdin is not None
        child.stdin.write("GO\n")
        child.stdin.flush()
    acknowledged = []
    for child in children:
        lines = wait_for(child, "DONE")
        acknowledged += [line.split()[1] for line in lines if line.startswith("A ")]
        _, err = finish(child)
        assert child.returncode == 0, err[-3000:]
    day = Store.open(folder).tasks_for_day(TODAY)
    added = [t for t in day if t.title[0] == "p"]
    titles = Counter(t.title for t in added)
    expected = {f"p{n}-{i}" for n in range(processes) for i in range(each)}
    assert set(titles) == expected, "every add is there"
    assert set(titles.values()) == {1}, "none twice"
    assert sorted(t.id for t in added) == sorted(acknowledged)
    assert sorted(t.order for t in day) == list(range(len(day))), "positions stay distinct"
    STATS["concurrent_adds"] += processes * each


def test_two_processes_adding_100_each(tmp_path: Path) -> None:
    add_concurrently(tmp_path / "record", processes=2, each=100)


@pytest.mark.faults
def test_four_processes_adding_300_each(tmp_path: Path) -> None:
    for round_ in range(3):
        add_concurrently(tmp_path / f"record{round_}", processes=4, each=300)


@pytest.mark.faults
def test_locks_long(tmp_path: Path) -> None:
    """The busy and dead-holder checks of the quick suite, repeated."""
    for n in range(3):
        test_a_held_lock_gives_busy_error_and_writes_nothing(tmp_path / f"busy{n}")
    for n in range(5):
        test_a_lock_holder_killed_leaves_no_stale_lock(tmp_path / f"dead{n}")


def test_an_open_store_sees_another_process_write(tmp_path: Path) -> None:
    folder = tmp_path / "record"
    app = Store.open(folder)
    first = app.add_task(new_task(id=new_id(), title="mine", day=TODAY))
    token = app.change_token(TODAY)
    assert [t.title for t in app.tasks_for_day(TODAY)] == ["mine"]
    add_concurrently(folder, processes=1, each=20)
    assert app.change_token(TODAY) != token
    assert len(app.tasks_for_day(TODAY)) == 21
    assert app.get_task(first.id).title == "mine"


def hold_lock(folder: Path):  # type: ignore[no-untyped-def]
    holder = start_child("hold", str(folder))
    wait_for(holder, "HELD")
    return holder


def test_a_held_lock_gives_busy_error_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "record"
    store = Store.open(folder, lock_timeout=0.3)
    store.add_task(new_task(id=new_id(), title="before", day=TODAY))
    holder = hold_lock(folder)
    try:
        before = files_of(folder)
        attempts = [
            lambda: store.add_task(new_task(id=new_id(), title="no", day=TODAY)),
            lambda: store.set_stress(TODAY, 3),
            lambda: store.save_reflection(TODAY, validated_reflection(learned="no")),
            lambda: store.set_done(store.tasks_for_day(TODAY)[0].id, True),
            lambda: store.ensure_tags(["new"], []),
            lambda: restore_backup(store, "latest"),
        ]
        for attempt in attempts:
            started = time.monotonic()
            with pytest.raises(BusyError) as caught:
                attempt()
            assert time.monotonic() - started >= 0.3, "it waited first"
            message = str(caught.value)
            assert "busy" in message and "nothing was changed" in message
            assert "\n" not in message and str(folder) in message
            STATS["busy_checks"] += 1
        assert files_of(folder) == before
        # reading never waits for the lock
        assert [t.title for t in store.tasks_for_day(TODAY)] == ["before"]
        assert Store.open(folder).tasks_for_day(TODAY)[0].title == "before"
    finally:
        holder.kill()
        finish(holder)


def test_a_lock_holder_killed_leaves_no_stale_lock(tmp_path: Path) -> None:
    folder = tmp_path / "record"
    Store.open(folder)
    for _ in range(3):
        holder = hold_lock(folder)
        os.kill(holder.pid, signal.SIGKILL)
        finish(holder)
        STATS["killed_holders"] += 1
        store = Store.open(folder, lock_timeout=5)
        started = time.monotonic()
        store.add_task(new_task(id=new_id(), title="next writer", day=TODAY))
        assert time.monotonic() - started < 2, "the next writer did not wait for a dead process"
    assert len(Store.open(folder).tasks_for_day(TODAY)) == 3
