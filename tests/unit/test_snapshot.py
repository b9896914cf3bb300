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


def counting(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The files read, and the files parsed, by name."""
    reads: list[str] = []
    parses: list[str] = []
    real_read, real_parse = records.read_bytes, records.parse_record

    def read_bytes(path: object) -> object:
        reads.append(str(path).rsplit("/", 1)[-1])
        return real_read(path)  # type: ignore[arg-type]

    def parse_record(path: object, raw: bytes) -> object:
        parses.append(str(path).rsplit("/", 1)[-1])
        return real_parse(path, raw)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "read_bytes", read_bytes)
    monkeypatch.setattr(records, "parse_record", parse_record)
    return reads, parses


def add(store: Store, title: str, day: date = DAY) -> None:
    store.add_task(new_task(id=new_id(), title=title, day=day))


def test_a_day_just_written_is_read_once_for_its_view(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Write the report")  # a file written a moment ago is not trusted on its times
    reads, parses = counting(monkeypatch)
    data = day_ops.load_day(store, DAY)
    assert [t.title for t in data.tasks] == ["Write the report"]
    assert reads.count("2026-11.json") == 1, reads
    assert parses == [], "the bytes are the ones this store wrote: nothing to parse"
    day_ops.load_day(store, DAY)
    assert reads.count("2026-11.json") == 2, "a new view reads the file again"
    assert parses == []


def test_a_file_another_program_just_wrote_is_parsed_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Write the report")
    add(Store.open(store.folder), "Elsewhere")
    reads, parses = counting(monkeypatch)
    for _ in range(3):
        data = day_ops.load_day(store, DAY)
        assert [t.title for t in data.tasks] == ["Write the report", "Elsewhere"]
    assert reads.count("2026-11.json") == 3, "each view reads it: it may change again"
    assert parses.count("2026-11.json") == 1, "and parses it only when its bytes changed"


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
