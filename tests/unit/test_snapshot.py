"""Reads inside a snapshot (planner.records.RecordFolder.snapshot): one version of each file per
view, parsed once, writes inside it seen, other threads untouched."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from planner import records
from planner.model import new_task
from planner.screens import day_ops
from planner.store import Store, new_id

DAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record")


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = records.read_json

    def read_json(path: object) -> object:
        reads.append(str(path).rsplit("/", 1)[-1])
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "read_json", read_json)
    return reads


def add(store: Store, title: str, day: date = DAY) -> None:
    store.add_task(new_task(id=new_id(), title=title, day=day))


def test_a_day_just_written_is_read_once_for_its_view(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Write the report")  # a file written a moment ago is not trusted to the cache
    reads = counting_reads(monkeypatch)
    data = day_ops.load_day(store, DAY)
    assert [t.title for t in data.tasks] == ["Write the report"]
    assert reads.count("2026-11.json") == 1, reads
    day_ops.load_day(store, DAY)
    assert reads.count("2026-11.json") == 2, "a new view reads the file again"


def test_a_write_inside_the_snapshot_is_seen_by_later_reads(store: Store) -> None:
    add(store, "First")
    with store.snapshot():
        assert [t.title for t in store.tasks_for_day(DAY)] == ["First"]
        add(store, "Second")
        assert [t.title for t in store.tasks_for_day(DAY)] == ["First", "Second"]


def test_another_thread_does_not_see_this_threads_snapshot(store: Store) -> None:
    add(store, "First")
    seen: list[list[str]] = []
    with store.snapshot():
        assert len(store.tasks_for_day(DAY)) == 1
        # Another process adds a task: this view keeps the version it read…
        Store.open(store.folder).add_task(new_task(id=new_id(), title="Elsewhere", day=DAY))
        assert [t.title for t in store.tasks_for_day(DAY)] == ["First"]
        # …while a worker thread reads the file as it is now.
        worker = threading.Thread(
            target=lambda: seen.append([t.title for t in store.tasks_for_day(DAY)])
        )
        worker.start()
        worker.join()
    assert seen == [["First", "Elsewhere"]]
    assert [t.title for t in store.tasks_for_day(DAY)] == ["First", "Elsewhere"]


def test_nested_snapshots_share_the_outer_one(store: Store) -> None:
    add(store, "First")
    with store.snapshot():
        store.tasks_for_day(DAY)
        with store.snapshot():
            Store.open(store.folder).add_task(new_task(id=new_id(), title="Later", day=DAY))
            assert len(store.tasks_for_day(DAY)) == 1
        assert len(store.tasks_for_day(DAY)) == 1, "the inner block did not end the outer one"
    assert len(store.tasks_for_day(DAY)) == 2
