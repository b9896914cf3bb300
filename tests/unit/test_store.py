"""The store: every query and write, recurring series, unknown data kept, schema, permissions."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from planner import records, storage
from planner.model import (
    Profile,
    Purpose,
    Settings,
    Skill,
    Task,
    ValidationError,
    new_task,
    validated_reflection,
)
from planner.storage import RecordError, StoreError, WriteError, read_json
from planner.store import (
    META,
    SERIES,
    NotFoundError,
    Store,
    list_backups,
    month_name,
    new_id,
    restore_backup,
)

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 9, 0)


def make(title: str = "Task", day: date = TODAY, **fields: object) -> Task:
    return new_task(id=new_id(), title=title, day=day, created="2026-11-25T08:00:00", **fields)  # type: ignore[arg-type]


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the lock excepted) by relative path, with its bytes."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if name != ".lock":
                found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def raw(folder: Path, name: str) -> dict[str, dict[str, dict[str, object]]]:
    data = read_json(folder / name)
    assert data is not None
    return data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "record"


@pytest.fixture
def store(folder: Path) -> Store:
    return Store.open(folder, now=lambda: NOW, lock_timeout=2.0)


# ------------------------------------------------------------------ opening


def test_open_creates_private_folder_with_schema(folder: Path) -> None:
    Store.open(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    meta = raw(folder, META)
    assert next(iter(meta["meta"].values()))["schema"] == records.SCHEMA_VERSION


def test_new_record_is_empty(store: Store) -> None:
    assert store.is_empty()
    store.add_task(make())
    assert not store.is_empty()


def test_open_accepts_str(folder: Path) -> None:
    assert Store.open(str(folder)).folder == folder


def test_new_ids_are_unique_and_plain() -> None:
    ids = {new_id() for _ in range(10_000)}
    assert len(ids) == 10_000
    assert all(len(i) == 12 and "~" not in i for i in ids)


# ------------------------------------------------------------------ tasks


def test_add_and_get(store: Store) -> None:
    task = store.add_task(make("Write report", purposes=["help-others"], people=["ann"]))
    assert store.get_task(task.id) == task
    assert store.tasks_for_day(TODAY) == [task]
    assert store.tasks_for_day(TODAY + timedelta(days=1)) == []


def test_add_places_at_end_and_timed_before_later_times(store: Store) -> None:
    a = store.add_task(make("a"))
    b = store.add_task(make("b", time=time(15, 0)))
    c = store.add_task(make("c", time=time(9, 0)))
    d = store.add_task(make("d"))
    assert [t.title for t in store.tasks_for_day(TODAY)] == ["a", "c", "b", "d"]
    assert (a.order, d.order) == (0, 3)
    assert store.get_task(b.id).order == 2, "the later task moved down"
    assert store.get_task(c.id).order == 1


def test_add_same_id_twice_keeps_one(store: Store) -> None:
    task = make("once")
    store.add_task(task)
    store.add_task(task)
    assert [t.id for t in store.tasks_for_day(TODAY)] == [task.id]


def test_get_unknown_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        store.get_task("nope")
    assert "nope" in str(caught.value)
    assert isinstance(caught.value, StoreError)


def test_put_task_edits_and_creates(store: Store) -> None:
    task = store.add_task(make("old"))
    store.put_task(task.with_changes(title="new", notes="n"))
    assert store.get_task(task.id).title == "new"
    other = make("made by put")
    store.put_task(other)
    assert store.get_task(other.id) == other


def test_remove_and_undo_with_put(store: Store) -> None:
    task = store.add_task(make("gone"))
    removed = store.remove_task(task.id)
    assert removed == task
    with pytest.raises(NotFoundError):
        store.get_task(task.id)
    store.put_task(removed)
    assert store.tasks_for_day(TODAY) == [task]


def test_set_done_and_reopen(store: Store) -> None:
    task = store.add_task(make())
    assert store.set_done(task.id, True).done
    assert store.get_task(task.id).done
    assert not store.set_done(task.id, False).done
    assert not store.get_task(task.id).done


def test_move_within_and_across_months(store: Store, folder: Path) -> None:
    there = store.add_task(make("there", day=TODAY + timedelta(days=1)))
    task = store.add_task(make("mover"))
    moved = store.move_task(task.id, TODAY + timedelta(days=1))
    assert moved.order == there.order + 1
    assert [t.title for t in store.tasks_for_day(TODAY + timedelta(days=1))] == ["there", "mover"]
    assert store.tasks_for_day(TODAY) == []
    far = date(2027, 2, 3)
    store.move_task(task.id, far)
    assert store.get_task(task.id).day == far
    assert [t.id for t in store.all_tasks()].count(task.id) == 1
    assert task.id not in json.dumps(raw(folder, month_name(TODAY)))
    assert task.id in json.dumps(raw(folder, month_name(far)))
    # and back again (the task is now found by searching every month)
    store.put_task(store.get_task(task.id).with_changes(day=TODAY))
    assert [t.id for t in store.all_tasks()].count(task.id) == 1
    assert store.get_task(task.id).day == TODAY


def test_put_task_writes_destination_before_removing_source(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between the two files of a move may duplicate, never lose, the task."""
    task = store.add_task(make("mover"))
    order: list[str] = []
    real = storage.atomic_write

    def spy(path: Path, data: bytes) -> None:
        order.append(path.name)
        real(path, data)

    monkeypatch.setattr(storage, "atomic_write", spy)
    store.move_task(task.id, date(2027, 1, 5))
    assert order == ["2027-01.json", month_name(TODAY)]


def test_reorder(store: Store) -> None:
    a, b, c = (store.add_task(make(x)) for x in "abc")
    result = store.reorder(TODAY, [c.id, a.id, b.id])
    assert [t.title for t in result] == ["c", "a", "b"]
    assert [t.title for t in store.tasks_for_day(TODAY)] == ["c", "a", "b"]


def test_carry_candidates(store: Store) -> None:
    old = store.add_task(make("old undone", day=TODAY - timedelta(days=40)))
    store.set_done(store.add_task(make("old done", day=TODAY - timedelta(days=2))).id, True)
    recent = store.add_task(make("yesterday", day=TODAY - timedelta(days=1)))
    store.add_task(make("today"))
    store.add_task(make("later", day=TODAY + timedelta(days=3)))
    store.add_task(make("daily", day=TODAY - timedelta(days=5), recurrence="FREQ=DAILY"))
    assert [t.id for t in store.carry_candidates(TODAY)] == [old.id, recent.id]


def test_tasks_between_and_all_tasks(store: Store) -> None:
    days = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 1)]
    for day in days:
        store.add_task(make(day.isoformat(), day=day))
    found = store.tasks_between(date(2026, 11, 1), date(2026, 11, 30))
    assert [t.day for t in found] == days[1:3]
    assert len(list(store.all_tasks())) == 4
    assert store.month_files() == ["2026-10.json", "2026-11.json", "2026-12.json"]


def test_search(store: Store) -> None:
    a = store.add_task(make("Pivot tables with Ann", skills=["excel"], people=["ann"]))
    b = store.add_task(
        make("Budget", day=TODAY - timedelta(days=40), purposes=["help"], notes="PIVOT")
    )
    store.add_task(make("Unrelated"))
    assert [t.id for t in store.search("pivot")] == [a.id, b.id], "newest first, notes too"
    assert [t.id for t in store.search("", skill="excel")] == [a.id]
    assert [t.id for t in store.search("", purpose="help")] == [b.id]
    assert [t.id for t in store.search("pivot", person="ann")] == [a.id]
    assert [t.id for t in store.search("pivot", first=TODAY - timedelta(days=7))] == [a.id]
    assert store.search("nothing like it") == []


# ------------------------------------------------------------------ days


def test_stress_reflection_and_reminded(store: Store) -> None:
    assert store.day_record(TODAY).stress is None
    store.set_stress(TODAY, 4)
    assert store.day_record(TODAY).stress == 4
    assert store.day_record(TODAY).stressful()
    reflection = validated_reflection(learned="Pivot tables", intention="Rest")
    record = store.save_reflection(TODAY, reflection)
    assert record.stress == 4, "rating kept when none given"
    assert record.reflection is not None
    assert record.reflection.saved_at == NOW.isoformat(timespec="seconds")
    assert store.day_record(TODAY).reflection == record.reflection
    store.save_reflection(TODAY, reflection, stress=2)
    assert store.day_record(TODAY).stress == 2
    assert store.previous_day_with_record(TODAY + timedelta(days=1)).reflection is not None
    assert store.mark_reminded(TODAY) is True
    assert store.mark_reminded(TODAY) is False
    store.set_stress(TODAY, None)
    assert store.day_record(TODAY).stress is None
    assert store.day_record(TODAY).reminded


@pytest.mark.parametrize("bad", [0, 6, True, 5.5])
def test_bad_stress_is_refused_and_nothing_written(store: Store, folder: Path, bad: object) -> None:
    store.set_stress(TODAY, 3)
    before = files_of(folder)
    with pytest.raises(ValidationError):
        store.set_stress(TODAY, bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        store.save_reflection(TODAY, validated_reflection(learned="x"), stress=bad)  # type: ignore[arg-type]
    assert files_of(folder) == before


def test_day_records_range(store: Store) -> None:
    for offset in range(-40, 5, 3):
        store.set_stress(TODAY + timedelta(days=offset), 1 + offset % 5)
    found = store.day_records(TODAY - timedelta(days=7), TODAY)
    assert sorted(found) == [TODAY - timedelta(days=d) for d in (7, 4, 1)]


def test_search_reflections(store: Store) -> None:
    store.save_reflection(TODAY, validated_reflection(learned="Coaching Ann on pivots"))
    store.save_reflection(TODAY - timedelta(days=1), validated_reflection(helped="Bob"))
    assert [r.day for r in store.search_reflections("pivots ann")] == [TODAY]


# ------------------------------------------------------------------ profile, settings, tags


def test_profile_and_settings(store: Store) -> None:
    assert store.profile() == Profile()
    assert store.settings() == Settings()
    store.save_profile(Profile(next_step="Team lead", stress_threshold=3, welcomed=True))
    store.save_settings(Settings(theme="planner-light", keymap={"quick_add": "n"}))
    assert store.profile().next_step == "Team lead"
    assert store.profile().stress_threshold == 3
    assert store.settings().keymap == {"quick_add": "n"}


def test_purposes_and_skills(store: Store) -> None:
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_purpose(Purpose("grow", "To grow"))
    store.save_purpose(Purpose("grow", "To grow every day", archived=True))
    store.save_skill(Skill("excel", "Excel"))
    assert [p.slug for p in store.purposes()] == ["help-others", "grow"]
    assert store.purposes()[1].statement == "To grow every day"
    assert [p.slug for p in store.purposes(include_archived=False)] == ["help-others"]
    assert [s.name for s in store.skills()] == ["Excel"]


def test_archived_tags_names_the_archived_ones_in_the_order_given(store: Store) -> None:
    store.save_purpose(Purpose("old-why", "An old why", archived=True))
    store.save_purpose(Purpose("grow", "To grow"))
    store.save_skill(Skill("cobol", "COBOL", archived=True))
    store.save_skill(Skill("excel", "Excel"))
    assert store.archived_tags(["grow", "old-why", "new"], ["excel", "cobol"]) == (
        ["old-why"],
        ["cobol"],
    )
    assert store.archived_tags(["grow"], ["excel"]) == ([], [])


def test_ensure_tags_creates_drafts_once(store: Store) -> None:
    store.save_purpose(Purpose("help-others", "To help others"))
    created = store.ensure_tags(["help-others", "learn-more"], ["excel"])
    assert created == (["learn-more"], ["excel"])
    assert store.ensure_tags(["learn-more"], ["excel"]) == ([], [])
    draft = store.purposes()[1]
    assert draft.draft and draft.statement == "Learn more"
    assert store.purposes()[0].statement == "To help others", "existing untouched"
    assert store.skills()[0].name == "Excel"


# ------------------------------------------------------------------ recurring series

MONDAYS = "FREQ=WEEKLY;BYDAY=MO"


def monday_series(store: Store) -> Task:
    # typed on Wednesday 25 Nov: the series starts on Monday 30 Nov
    return store.add_task(make("Weekly review", recurrence=MONDAYS, skills=["planning"]))


def test_series_starts_on_first_occurrence(store: Store) -> None:
    first = monday_series(store)
    assert first.day == date(2026, 11, 30)
    assert first.series is not None and first.id == f"{first.series}~20261130"
    assert store.get_task(first.series).recurrence == MONDAYS


def test_series_occurs_on_the_right_days(store: Store) -> None:
    first = monday_series(store)
    shown = [
        d
        for d in (TODAY + timedelta(days=n) for n in range(-10, 40))
        if any(t.series == first.series for t in store.tasks_for_day(d))
    ]
    assert shown == [date(2026, 11, 30) + timedelta(weeks=w) for w in range(5)]
    assert all(d.weekday() == 0 for d in shown)


def test_bad_rule_is_refused_and_nothing_written(store: Store, folder: Path) -> None:
    before = files_of(folder)
    with pytest.raises(ValidationError):
        store.add_task(make("x", recurrence="FREQ=SOMETIMES"))
    assert files_of(folder) == before


def test_toggling_an_occurrence_materialises_it(store: Store, folder: Path) -> None:
    first = monday_series(store)
    day = date(2026, 12, 7)
    occurrence = next(t for t in store.tasks_for_day(day) if t.series == first.series)
    assert not (folder / month_name(day)).exists()
    store.set_done(occurrence.id, True)
    assert occurrence.id in json.dumps(raw(folder, month_name(day)))
    assert [t.done for t in store.tasks_for_day(day)] == [True]
    assert store.get_task(occurrence.id).done
    other = date(2026, 12, 14)
    assert [t.done for t in store.tasks_for_day(other)] == [False], "other days untouched"
    store.set_done(occurrence.id, False)
    assert [t.done for t in store.tasks_for_day(day)] == [False]
    assert len(store.tasks_for_day(day)) == 1


def test_deleting_an_occurrence_skips_the_day_and_put_undoes(store: Store) -> None:
    first = monday_series(store)
    day = date(2026, 12, 7)
    removed = store.remove_task(f"{first.series}~20261207")
    assert store.tasks_for_day(day) == []
    assert [s.exdates for s in store.series()] == [frozenset({day})]
    with pytest.raises(NotFoundError):
        store.get_task(removed.id)
    assert len(store.tasks_for_day(day + timedelta(weeks=1))) == 1
    store.put_task(removed)
    assert [t.id for t in store.tasks_for_day(day)] == [removed.id]
    assert [s.exdates for s in store.series()] == [frozenset()]


def test_deleting_a_touched_occurrence(store: Store) -> None:
    first = monday_series(store)
    vid = f"{first.series}~20261207"
    store.set_done(vid, True)
    store.remove_task(vid)
    assert store.tasks_for_day(date(2026, 12, 7)) == []
    assert vid not in [t.id for t in store.all_tasks()]


def test_an_occurrence_moved_to_another_day(store: Store) -> None:
    first = monday_series(store)
    vid = f"{first.series}~20261207"
    moved = store.move_task(vid, date(2026, 12, 9))
    assert moved.id == vid
    assert store.tasks_for_day(date(2026, 12, 7)) == []
    assert [t.id for t in store.tasks_for_day(date(2026, 12, 9))] == [vid]
    assert store.get_task(vid).day == date(2026, 12, 9)
    # across a month boundary, then done, then back to its own day
    store.move_task(vid, date(2027, 1, 2))
    assert store.get_task(vid).day == date(2027, 1, 2)
    assert store.tasks_for_day(date(2026, 12, 9)) == []
    store.set_done(vid, True)
    assert store.get_task(vid).done
    assert [t.id for t in store.all_tasks()].count(vid) == 1
    store.move_task(vid, date(2026, 12, 7))
    assert [(t.id, t.done) for t in store.tasks_for_day(date(2026, 12, 7))] == [(vid, True)]
    assert [t.id for t in store.all_tasks()].count(vid) == 1
    assert store.series()[0].exdates == frozenset()


def test_a_virtual_id_for_a_day_off_the_rule_is_not_found(store: Store) -> None:
    first = monday_series(store)
    with pytest.raises(NotFoundError):
        store.get_task(f"{first.series}~20261208")  # a Tuesday
    with pytest.raises(NotFoundError):
        store.get_task(f"{first.series}~20261123")  # before the start


def test_editing_the_series_keeps_skipped_days(store: Store) -> None:
    first = monday_series(store)
    assert first.series is not None
    store.remove_task(f"{first.series}~20261207")
    template = store.get_task(first.series)
    store.put_task(template.with_changes(title="Weekly review (30 min)"))
    assert store.series()[0].exdates == frozenset({date(2026, 12, 7)})
    assert store.tasks_for_day(date(2026, 12, 14))[0].title == "Weekly review (30 min)"
    assert store.tasks_for_day(date(2026, 12, 7)) == []


def test_removing_the_series_keeps_touched_occurrences(store: Store) -> None:
    first = monday_series(store)
    assert first.series is not None
    store.set_done(first.id, True)
    store.remove_task(first.series)
    assert store.series() == []
    assert [t.id for t in store.tasks_for_day(first.day)] == [first.id], "history kept"
    assert store.tasks_for_day(first.day + timedelta(weeks=1)) == []


# ------------------------------------------------------------------ unknown data survives


def doc_key(table: str, doc: dict[str, object]) -> str:
    return f"{table}:{doc.get('id') or doc.get('slug') or doc.get('day') or 'single'}"


def plant_unknown(folder: Path) -> set[str]:
    """Fields, tables and files a newer planner might have written; returns the docs marked."""
    planted = set()
    for name in (META, month_name(TODAY), SERIES):
        data = read_json(folder / name) or {}
        for table_name, table in data.items():
            for doc in table.values():
                doc["future_field"] = {"kept": True}
                planted.add(f"{name}/{doc_key(table_name, doc)}")
        data["future_table"] = {"1": {"x": [1, {"y": "z"}]}}
        storage.atomic_write(folder / name, storage.dump_json(data))
    (folder / "future.json").write_text('{"a": 1}')
    (folder / "notes.txt").write_text("mine")
    return planted


def check_unknown(folder: Path, planted: set[str]) -> None:
    seen = set()
    for name in (META, month_name(TODAY), SERIES):
        data = raw(folder, name)
        assert data["future_table"] == {"1": {"x": [1, {"y": "z"}]}}, name
        for table_name, table in data.items():
            for doc in table.values():
                key = f"{name}/{doc_key(table_name, doc)}"
                if key in planted:
                    assert doc.get("future_field") == {"kept": True}, key
                    seen.add(key)
    assert seen == planted
    assert (folder / "future.json").read_text() == '{"a": 1}'
    assert (folder / "notes.txt").read_text() == "mine"


def test_unknown_fields_tables_and_files_survive_every_write(store: Store, folder: Path) -> None:
    task = store.add_task(make("a"))
    other = store.add_task(make("b"))
    first = monday_series(store)
    assert first.series is not None
    store.set_stress(TODAY, 3)
    store.save_reflection(TODAY, validated_reflection(learned="x"))
    store.save_profile(Profile(next_step="lead"))
    store.save_settings(Settings())
    store.save_purpose(Purpose("p", "P"))
    store.save_skill(Skill("s", "S"))
    planted = plant_unknown(folder)
    # the reflection's own unknown field
    data = raw(folder, month_name(TODAY))
    next(iter(data["days"].values()))["reflection"]["future_prompt"] = "kept"
    storage.atomic_write(folder / month_name(TODAY), storage.dump_json(data))

    store.put_task(task.with_changes(title="edited"))
    store.set_done(task.id, True)
    store.reorder(TODAY, [other.id, task.id])
    store.add_task(Task(id="new-1", title="new", day=TODAY))
    store.set_stress(TODAY, 4)
    store.save_reflection(TODAY, validated_reflection(learned="y"))
    store.mark_reminded(TODAY)
    store.save_profile(Profile(next_step="lead 2"))
    store.save_settings(Settings(theme="x"))
    store.save_purpose(Purpose("p", "P2"))
    store.save_skill(Skill("s", "S2"))
    store.ensure_tags(["q"], ["t"])
    store.put_task(store.get_task(first.series).with_changes(title="renamed"))
    store.remove_task(f"{first.series}~20261207")
    store.move_task(other.id, TODAY + timedelta(days=1))
    store.move_task(other.id, TODAY)
    check_unknown(folder, planted)
    reflection = next(iter(raw(folder, month_name(TODAY))["days"].values()))["reflection"]
    assert reflection["future_prompt"] == "kept"
    assert reflection["learned"] == "y"


# ------------------------------------------------------------------ schema


def test_newer_schema_is_refused_and_left_byte_identical(folder: Path) -> None:
    store = Store.open(folder)
    store.add_task(make())
    meta = raw(folder, META)
    next(iter(meta["meta"].values()))["schema"] = records.SCHEMA_VERSION + 1
    storage.atomic_write(folder / META, storage.dump_json(meta))
    (folder / ".meta.json.crash.tmp").write_text("left by a crash")
    before = files_of(folder)
    with pytest.raises(RecordError) as caught:
        Store.open(folder)
    message = str(caught.value)
    assert "newer planner" in message and str(folder / META) in message
    assert f"schema {records.SCHEMA_VERSION + 1}" in message
    assert "\n" not in message
    assert files_of(folder) == before, "nothing touched, not even the temporary file"


def test_non_numeric_schema_is_a_record_error(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    (folder / META).write_text('{"meta": {"1": {"schema": "2"}}}')
    with pytest.raises(RecordError, match="schema"):
        Store.open(folder)


@pytest.fixture
def schema_two(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pretend this program is schema 2, with a migration from 1 that renames 'memo' to
    'notes' and turns 'done' from "yes"/"no" into true/false (schema 1 records would not
    decode with schema 2's decoders)."""
    ran: list[str] = []

    def migrate(record: records.RecordFolder) -> None:
        ran.append("1->2")
        names = record.month_files()
        with record.transaction(*names) as dbs:
            for db in dbs.values():
                table = db.table("tasks")
                for doc in table.all():
                    changes = {}
                    if "memo" in doc:  # safe to run again
                        changes["notes"] = doc["memo"]
                    if isinstance(doc.get("done"), str):
                        changes["done"] = doc["done"] == "yes"
                    table.update(changes, doc_ids=[doc.doc_id])

    monkeypatch.setattr(records, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(records.MIGRATIONS, 1, migrate)
    yield ran


def test_migration_runs_once_and_keeps_old_record(folder: Path, schema_two: list[str]) -> None:
    folder.mkdir(mode=0o700)
    (folder / META).write_text('{"meta": {"1": {"schema": 1, "app": "planner"}}}')
    old_task = {"id": "t1", "title": "old", "day": "2026-11-25", "memo": "hello", "done": "yes"}
    (folder / "2026-11.json").write_text(json.dumps({"tasks": {"1": old_task}}))
    before = files_of(folder)
    store = Store.open(folder)
    assert schema_two == ["1->2"]
    assert store.get_task("t1").notes == "hello"
    assert store.get_task("t1").done is True
    assert next(iter(raw(folder, META)["meta"].values()))["schema"] == 2
    kept = [b for b in list_backups(store) if b.name.startswith("before-schema-2")]
    assert len(kept) == 1
    assert files_of(kept[0].path) == before, "a copy of the old record, byte for byte"
    assert [b for b in list_backups(store) if not b.name.startswith("before")] == []
    Store.open(folder)
    assert schema_two == ["1->2"], "not again"


def test_migration_of_a_record_without_schema(folder: Path, schema_two: list[str]) -> None:
    folder.mkdir(mode=0o700)
    (folder / META).write_text('{"profile": {"1": {"next_step": "lead"}}}')
    store = Store.open(folder)
    assert schema_two == ["1->2"], "schema 0 -> 1 has no step; 1 -> 2 runs"
    assert store.profile().next_step == "lead"


# ------------------------------------------------------------------ permissions


def all_modes(folder: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root) / name
            found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_every_file_is_0600_and_folder_0700(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_modes: list[int] = []
    real_new_temp_file = storage.new_temp_file

    def new_temp_file(folder: str, name: str) -> tuple[int, str]:
        fd, path = real_new_temp_file(folder, name)
        temp_modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return fd, path

    monkeypatch.setattr(storage, "new_temp_file", new_temp_file)
    folder = tmp_path / "deep" / "record"
    old = os.umask(umask)
    try:
        store = Store.open(folder, now=lambda: NOW)
        store.add_task(make("a"))
        store.add_task(make("b", recurrence="FREQ=DAILY"))
        store.save_reflection(TODAY, validated_reflection(learned="private"))
        later = Store.open(folder, now=lambda: NOW + timedelta(hours=2))
        later.add_task(make("c"))  # first write of a new process, an hour later: a backup
        restore_backup(later, "latest")
    finally:
        os.umask(old)
    modes = all_modes(folder)
    assert any(name.startswith("backups/") for name in modes), "backups were taken"
    assert ".lock" in modes
    for name, found in modes.items():
        is_dir = (folder / name).is_dir()
        assert found == (0o700 if is_dir else 0o600), f"{name}: {oct(found)}"
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700
    assert temp_modes and set(temp_modes) == {0o600}


def test_open_tightens_existing_loose_files(folder: Path) -> None:
    store = Store.open(folder, now=lambda: NOW)
    store.add_task(make())
    Store.open(folder, now=lambda: NOW + timedelta(hours=2)).add_task(make())
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    Store.open(folder)
    for name, found in all_modes(folder).items():
        is_dir = (folder / name).is_dir()
        assert found == (0o700 if is_dir else 0o600), f"{name}: {oct(found)}"


# ------------------------------------------------------------------ caching and other writers


def test_changes_by_another_store_are_seen_at_once(folder: Path) -> None:
    mine = Store.open(folder)
    theirs = Store.open(folder)
    task = mine.add_task(make("ab"))
    for title in ("cd", "ef", "gh", "ij") * 10:  # same size each time
        theirs.put_task(task.with_changes(title=title))
        assert mine.get_task(task.id).title == title
        assert [t.title for t in mine.tasks_for_day(TODAY)] == [title]


def test_cache_is_trusted_on_file_times_only_for_settled_files(store: Store, folder: Path) -> None:
    store.add_task(make())
    store.tasks_for_day(TODAY)
    _key, _data, kept = store._cache[month_name(TODAY)]
    assert kept == (folder / month_name(TODAY)).read_bytes(), "just written: compared next time"
    old = (NOW - timedelta(minutes=5)).timestamp()
    os.utime(folder / month_name(TODAY), (old, old))
    store.tasks_for_day(TODAY)
    assert month_name(TODAY) in store._cache
    cached = store._cache[month_name(TODAY)][1]
    assert store._cache[month_name(TODAY)][2] is None, "settled: trusted on its times"
    store.tasks_for_day(TODAY)
    assert store._cache[month_name(TODAY)][1] is cached


def test_a_file_changed_in_place_within_one_tick_is_read_again(store: Store, folder: Path) -> None:
    """Same inode, same times, same size, other bytes: the case file times cannot tell."""
    task = store.add_task(make("ab"))
    assert store.get_task(task.id).title == "ab"
    path = folder / month_name(TODAY)
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"ab"', b'"cd"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_ino == before.st_ino and path.stat().st_size == before.st_size
    assert store.get_task(task.id).title == "cd"


def test_what_a_write_caches_is_what_its_file_holds(store: Store, folder: Path) -> None:
    """After every kind of write the cached contents equal the file parsed back, with the same
    types (a tuple kept where the file has a list would compare unequal)."""
    task = store.add_task(
        make(
            "Report",
            time=time(9, 30),
            purposes=("grow",),
            skills=("excel", "writing"),
            people=("sam",),
            links=("https://example.org",),
            notes="two\nlines",
            stretch=True,
        )
    )
    store.set_done(task.id, True)
    store.put_task(store.get_task(task.id).with_changes(title="Report v2", skills=("excel",)))
    store.add_task(make("Other", day=TODAY + timedelta(days=1)))
    store.save_profile(Profile(stress_threshold=3))
    store.save_purpose(Purpose(slug="grow", statement="To grow"))
    store.set_stress(TODAY, 4)
    store.save_reflection(TODAY, validated_reflection(learned="Pivot tables", intention="Rest"))
    assert store._cache, "writes leave their files cached"
    for name, (_key, data, kept) in store._cache.items():
        on_disk = (folder / name).read_bytes()
        if kept is not None:
            assert kept == on_disk, name
        assert data == json.loads(on_disk), name


def test_change_token_changes_on_write_elsewhere(folder: Path) -> None:
    mine = Store.open(folder)
    before = mine.change_token(TODAY)
    Store.open(folder).add_task(make())
    assert mine.change_token(TODAY) != before
    same = mine.change_token(TODAY)
    Store.open(folder).add_task(make(day=TODAY + timedelta(days=60)))
    assert mine.change_token(TODAY) == same, "another month's write does not disturb today"


def test_threads_sharing_a_store_lose_nothing(store: Store) -> None:
    def add(n: int) -> None:
        for i in range(25):
            store.add_task(make(f"{n}-{i}"))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    titles = [t.title for t in store.tasks_for_day(TODAY)]
    assert sorted(titles) == sorted(f"{n}-{i}" for n in range(4) for i in range(25))


# ------------------------------------------------------------------ unwritable places


def test_read_only_folder_write_error_and_nothing_changed(folder: Path) -> None:
    store = Store.open(folder)
    store.add_task(make())
    (folder / ".lock").unlink()
    before = files_of(folder)
    folder.chmod(0o500)
    try:
        reader = Store.open(folder)  # reading still works
        assert len(reader.tasks_for_day(TODAY)) == 1
        with pytest.raises(WriteError) as caught:
            reader.add_task(make("no"))
        assert "\n" not in str(caught.value) and str(folder) in str(caught.value)
        assert files_of(folder) == before
        assert not (folder / ".lock").exists()
    finally:
        folder.chmod(0o700)


def test_read_only_file_write_error(store: Store, folder: Path) -> None:
    store.add_task(make())
    path = folder / month_name(TODAY)
    path.chmod(0o400)
    before = files_of(folder)
    with pytest.raises(WriteError, match="read-only"):
        store.add_task(make("no"))
    assert files_of(folder) == before
    assert Store.open(folder).tasks_for_day(TODAY)[0].title == "Task"


def test_data_path_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "record").write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "record")
    assert "not a folder" in str(caught.value)
    assert (tmp_path / "record").read_text() == "not a folder"


def test_restore_works_on_a_record_that_does_not_open(folder: Path) -> None:
    store = Store.open(folder, now=lambda: NOW)
    task = store.add_task(make("precious"))
    Store.open(folder, now=lambda: NOW + timedelta(hours=2)).add_task(make("later"))
    (folder / META).write_bytes(b"\x00garbage")
    with pytest.raises(RecordError):
        Store.open(folder)
    backup, aside = restore_backup(folder, "latest")
    assert (aside / META).read_bytes() == b"\x00garbage", "the broken file is kept aside"
    restored = Store.open(folder)
    assert [t.id for t in restored.tasks_for_day(TODAY)] == [task.id]
    assert backup.name in [b.name for b in list_backups(folder)]


def test_a_record_file_that_is_a_link_stops_writes(store: Store, folder: Path) -> None:
    """Replacing a symbolic link by rename would silently cut it: refuse, clearly."""
    store.add_task(make("a"))
    elsewhere = folder.parent / "elsewhere.json"
    (folder / month_name(TODAY)).rename(elsewhere)
    (folder / month_name(TODAY)).symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    later = Store.open(folder, now=lambda: NOW + timedelta(hours=2))
    with pytest.raises(RecordError, match="not a regular file"):
        later.add_task(make("b"))  # the first write of a process: its backup refuses
    with pytest.raises(RecordError, match="not a regular file"):
        store.add_task(make("b"))  # any write
    assert (folder / month_name(TODAY)).is_symlink()
    assert elsewhere.read_bytes() == before


def test_rename_tag_everywhere_under_one_lock(store: Store) -> None:
    store.save_purpose(Purpose("help", "To help"))
    store.save_skill(Skill("xl", "Excel"))
    store.save_profile(Profile(next_step_skills=("xl",)))
    task = store.add_task(make("a", purposes=["help"], skills=["xl"]))
    old = store.add_task(make("b", day=date(2025, 1, 1), skills=["xl"]))
    store.add_task(make("c", recurrence="FREQ=DAILY", skills=["xl"]))
    assert store.rename_tag("skill", "xl", "excel") == 3
    assert store.get_task(task.id).skills == ("excel",)
    assert store.get_task(old.id).skills == ("excel",)
    assert store.series()[0].template.skills == ("excel",)
    assert store.profile().next_step_skills == ("excel",)
    assert [s.slug for s in store.skills()] == ["excel"]
    store.save_purpose(Purpose("others", "Others"))
    with pytest.raises(ValidationError, match="already exists"):
        store.rename_tag("purpose", "help", "others")
    with pytest.raises(ValidationError, match="no purpose"):
        store.rename_tag("purpose", "nope", "fresh")
    assert store.get_task(task.id).purposes == ("help",)


def test_a_write_checks_a_file_once_until_another_program_changes_it(
    store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_task(make("first"))
    checked: list[str] = []
    real = records.check_documents

    def counting(path: storage.AnyPath, data: dict[str, object]) -> None:
        checked.append(os.path.basename(path))
        real(path, data)

    monkeypatch.setattr(records, "check_documents", counting)
    task = store.add_task(make("second"))
    store.set_done(task.id, True)
    assert checked == [], "files this store wrote are not checked again"
    path = folder / month_name(TODAY)
    data = json.loads(path.read_bytes())
    doc = next(iter(data["tasks"].values()))
    doc["day"] = "not a date"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(RecordError, match="wrong shape"):
        store.add_task(make("third"))
    assert checked == [month_name(TODAY)]
    assert path.read_bytes() == before, "a file holding a record it cannot read is left as is"
