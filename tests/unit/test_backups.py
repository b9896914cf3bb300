"""Rolling backups: real copies, checked, crash-safe, pruned; restore and 'latest'."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from planner import backups
from planner.model import new_task
from planner.storage import RecordError, StoreError, atomic_write
from planner.store import META, Store, list_backups, month_name, new_id, restore_backup

NOW = datetime(2026, 11, 25, 9, 0)
DAY = date(2026, 11, 25)


def settle(folder: Path, seconds: float = 60) -> None:
    """Age the record's files, as if written a while ago (file times are coarse)."""
    when = time.time() - seconds
    for path in folder.iterdir():
        if path.is_file():
            os.utime(path, (when, when))


def record(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "rec"
    folder.mkdir(mode=0o700)
    atomic_write(folder / "meta.json", b'{"meta":{"1":{"schema":1}}}')
    atomic_write(folder / "2026-11.json", b'{"tasks":{}}')
    return folder, [folder / "2026-11.json", folder / "meta.json"]


def add(store: Store, title: str) -> None:
    store.add_task(new_task(id=new_id(), title=title, day=DAY))


# ------------------------------------------------------------------ snapshot


def test_snapshot_is_a_copy_not_a_link_to_live_files(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    taken = backups.snapshot(folder, files, now=NOW)
    assert taken.name == "20261125-090000"
    for path in files:
        assert not os.path.samestat(path.stat(), (taken / path.name).stat())
    # damage the live file in place: the backup is untouched
    with open(folder / "meta.json", "r+b") as handle:
        handle.truncate(3)
    assert (taken / "meta.json").read_bytes() == b'{"meta":{"1":{"schema":1}}}'


def test_unchanged_files_are_linked_to_the_previous_backup(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    settle(folder)
    first = backups.snapshot(folder, files, now=NOW)
    atomic_write(folder / "2026-11.json", b'{"tasks":{"1":{"id":"x"}}}')
    second = backups.snapshot(folder, files, now=NOW + timedelta(hours=1), previous=first)
    assert os.path.samestat((first / "meta.json").stat(), (second / "meta.json").stat())
    assert (second / "2026-11.json").read_bytes() == b'{"tasks":{"1":{"id":"x"}}}'
    assert (first / "2026-11.json").read_bytes() == b'{"tasks":{}}'


def test_a_file_changed_just_before_the_previous_backup_is_copied_again(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    first = backups.snapshot(folder, files, now=NOW)  # files written this very moment
    second = backups.snapshot(folder, files, now=NOW + timedelta(hours=1), previous=first)
    assert not os.path.samestat((first / "meta.json").stat(), (second / "meta.json").stat())


def test_snapshot_refuses_a_broken_file_and_leaves_nothing(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    (folder / "2026-11.json").write_bytes(b'{"tasks":')
    with pytest.raises(RecordError, match=r"2026-11\.json"):
        backups.snapshot(folder, files, now=NOW)
    assert os.listdir(folder / "backups") == []


def test_snapshot_without_check_keeps_a_broken_file(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    (folder / "2026-11.json").write_bytes(b'{"tasks":')
    taken = backups.snapshot(folder, files, "before-restore", NOW, check=False)
    assert (taken / "2026-11.json").read_bytes() == b'{"tasks":'


def test_two_snapshots_in_one_second_get_distinct_names(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    names = [backups.snapshot(folder, files, now=NOW).name for _ in range(3)]
    assert names == ["20261125-090000", "20261125-090000-2", "20261125-090000-3"]
    assert [b.taken for b in backups.list_backups(folder)] == [NOW] * 3


def test_partial_snapshots_are_hidden_and_cleaned(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    partial = folder / "backups" / ".partial-20261125-080000-abcd"
    partial.mkdir(parents=True)
    (partial / "meta.json").write_bytes(b"{")
    assert backups.list_backups(folder) == []
    backups.rolling_backup(folder, files, NOW)
    assert not partial.exists()
    assert [b.name for b in backups.list_backups(folder)] == ["20261125-090000"]


def test_store_open_cleans_partial_snapshots(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    Store.open(folder)
    partial = folder / "backups" / ".old-20261125-080000"
    partial.mkdir(parents=True)
    Store.open(folder)
    assert not partial.exists()


# ------------------------------------------------------------------ rolling


def test_rolling_backup_at_most_hourly_and_pruned(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    assert backups.rolling_backup(folder, files, NOW) is not None
    assert backups.rolling_backup(folder, files, NOW + timedelta(minutes=59)) is None
    backups.snapshot(folder, files, "before-import", NOW)
    for hour in range(1, backups.KEEP + 5):
        assert backups.rolling_backup(folder, files, NOW + timedelta(hours=hour)) is not None
    names = [b.name for b in backups.list_backups(folder)]
    plain = [n for n in names if n[0].isdigit()]
    assert len(plain) == backups.KEEP
    assert plain[0] == (NOW + timedelta(hours=backups.KEEP + 4)).strftime(backups.STAMP)
    assert any(n.startswith("before-import") for n in names), "labelled snapshots are kept"
    assert not [n for n in os.listdir(folder / "backups") if n.startswith(".")]


def test_rolling_backup_of_an_empty_record_is_nothing(tmp_path: Path) -> None:
    assert backups.rolling_backup(tmp_path, [], NOW) is None


def test_store_backs_up_before_the_first_write_of_a_process(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    first = Store.open(folder, now=lambda: NOW)
    add(first, "a")  # a new record: nothing to back up yet
    assert list_backups(first) == []
    second = Store.open(folder, now=lambda: NOW + timedelta(minutes=10))
    add(second, "b")
    assert len(list_backups(second)) == 1
    add(second, "c")
    assert len(list_backups(second)) == 1, "once per process"
    third = Store.open(folder, now=lambda: NOW + timedelta(minutes=30))
    add(third, "d")
    assert len(list_backups(third)) == 1, "at most hourly"
    fourth = Store.open(folder, now=lambda: NOW + timedelta(hours=2))
    add(fourth, "e")
    assert len(list_backups(fourth)) == 2
    newest = list_backups(fourth)[0].path
    assert b'"d"' in (newest / month_name(DAY)).read_bytes(), "the record before this write"
    assert b'"e"' not in (newest / month_name(DAY)).read_bytes()


def test_a_broken_file_stops_the_backup_and_the_write(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    add(Store.open(folder, now=lambda: NOW), "a")
    other = Store.open(folder, now=lambda: NOW)
    other.add_task(new_task(id=new_id(), title="old", day=date(2025, 1, 1)))
    (folder / "2025-01.json").write_bytes(b'{"tasks": {"1": ')
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    later = Store.open(folder, now=lambda: NOW + timedelta(hours=3))
    with pytest.raises(RecordError, match=r"2025-01\.json"):
        add(later, "b")
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


# ------------------------------------------------------------------ restore


def test_latest_is_the_newest_good_backup(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    good = backups.snapshot(folder, files, now=NOW)
    bad = backups.snapshot(folder, files, now=NOW + timedelta(hours=1))
    (bad / "meta.json").write_bytes(b"{")
    backups.snapshot(folder, files, "before-restore", NOW + timedelta(hours=2))
    empty = folder / "backups" / (NOW + timedelta(hours=3)).strftime(backups.STAMP)
    empty.mkdir()
    assert backups.find_backup(folder, "latest").path == good
    assert backups.find_backup(folder, bad.name).path == bad


def test_find_backup_errors(tmp_path: Path) -> None:
    folder, files = record(tmp_path)
    with pytest.raises(StoreError, match="no backups"):
        backups.find_backup(folder, "latest")
    taken = backups.snapshot(folder, files, now=NOW)
    with pytest.raises(StoreError, match="no backup named"):
        backups.find_backup(folder, "nope")
    (taken / "meta.json").write_bytes(b"")
    with pytest.raises(StoreError, match="no backup parses"):
        backups.find_backup(folder, "latest")


def test_restore_brings_back_and_keeps_current_aside(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    store = Store.open(folder, now=lambda: NOW)
    add(store, "kept")
    later = Store.open(folder, now=lambda: NOW + timedelta(hours=2))
    add(later, "added after the backup")
    later.add_task(new_task(id=new_id(), title="next month", day=date(2026, 12, 1)))
    current = {p.name: p.read_bytes() for p in later.record_files()}
    backup, aside = restore_backup(later, "latest")
    assert [t.title for t in later.tasks_for_day(DAY)] == ["kept"]
    assert not (folder / "2026-12.json").exists(), "a file the backup lacks is set aside"
    assert {p.name: p.read_bytes() for p in aside.iterdir()} == current
    assert aside.name.startswith("before-restore-")
    # restoring 'latest' again brings the same backup, not the record set aside
    again, _ = restore_backup(later, "latest")
    assert again.name == backup.name
    restore_backup(later, aside.name)
    assert (folder / "2026-12.json").read_bytes() == current["2026-12.json"]


def test_restore_refuses_a_broken_backup_before_changing_anything(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    add(Store.open(folder, now=lambda: NOW), "a")
    later = Store.open(folder, now=lambda: NOW + timedelta(hours=2))
    add(later, "b")
    backup = list_backups(later)[0]
    (backup.path / META).write_bytes(b"[]")
    before = {p.name: p.read_bytes() for p in later.record_files()}
    count = len(list_backups(later))
    with pytest.raises(RecordError):
        restore_backup(later, backup.name)
    assert {p.name: p.read_bytes() for p in later.record_files()} == before
    assert len(list_backups(later)) == count
