"""The record on disk, read and written only through :class:`Store`.

The folder, its files, the read cache, the lock, the schema check and the rolling backups are
:class:`planner.records.RecordFolder`; recurring series are :mod:`planner.series`. This module
holds what the screens and the command line ask for: tasks, days, profile, purposes, skills.

Every read-modify-write happens under one inter-process lock and re-reads the files inside it,
and ids are random, so the app and ``planner add`` in another terminal never lose each other's
writes. A change that spans two files writes the file that gains a record first, so a crash
between the two writes can leave a duplicate for a moment but never loses anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from planner import backups, documents
from planner.journal import Journal
from planner.model import Task
from planner.records import (
    LOCK,
    META,
    MIGRATIONS,
    SCHEMA_VERSION,
    SERIES,
    RecordFolder,
    check_documents,
    is_month_name,
    month_name,
    where,
)
from planner.series import (
    VIRTUAL_SEP,
    Series,
    doc_to_series,
    occurrences_on,
    series_start,
    series_to_doc,
    split_virtual_id,
    virtual_id,
    with_exdate,
)
from planner.storage import StoreError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "LOCK",
    "META",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SERIES",
    "VIRTUAL_SEP",
    "NotFoundError",
    "Series",
    "Store",
    "StoreError",
    "is_month_name",
    "list_backups",
    "month_name",
    "new_id",
    "restore_backup",
    "split_virtual_id",
    "virtual_id",
]

Doc = dict[str, Any]


class NotFoundError(StoreError):
    """No task has the id the user gave."""

    def __init__(self, task_id: str) -> None:
        super().__init__(f"no task with id {task_id!r}: ids are shown by 'planner show --json'")


def new_id() -> str:
    """A random task id, 48 bits: collisions across processes are negligible and need no lock."""
    # What secrets.token_hex(6) does, without importing secrets (hashlib, hmac: ~3 ms).
    return os.urandom(6).hex()


class Store(Journal):
    """Repository of the whole record; every method returns model objects, never documents.

    Profile, settings, purposes, skills and day records come from :class:`Journal`; the
    folder, lock and cache from :class:`~planner.records.RecordFolder`.
    """

    def raw_table(self, name: str, table: str) -> list[dict[str, Any]]:
        """Copies of one table's documents as stored, fields this program does not know
        included: the full export (planner.transfer) keeps them. Read-only."""
        import copy

        return [copy.deepcopy(dict(doc)) for doc in self._table(name, table)]

    # ------------------------------------------------------------------ series
    def series(self) -> list[Series]:
        """Every recurring series."""
        return [self._decode(SERIES, doc_to_series, doc) for doc in self._table(SERIES, "series")]

    def _occurrences_on(self, day: date, taken: set[str]) -> list[Task]:
        all_series = self.series()
        return occurrences_on(all_series, day, taken) if all_series else []

    def _occurs(self, task_id: str) -> Series | None:
        """The series whose untouched occurrence ``task_id`` is, if that day is one of it."""
        virtual = split_virtual_id(task_id)
        if virtual is None:
            return None
        series_id, day = virtual
        for item in self.series():
            if item.template.id == series_id and day not in item.exdates:
                return item if occurrences_on([item], day, set()) else None
        return None

    # ------------------------------------------------------------------ tasks: reading
    def _month_tasks(self, name: str) -> list[Task]:
        return [self._decode(name, documents.doc_to_task, d) for d in self._table(name, "tasks")]

    def tasks_for_day(self, day: date) -> list[Task]:
        """The day's tasks in display order, recurring occurrences included."""
        stored: dict[str, Task] = {}
        name = month_name(day)
        for doc in self._table(name, "tasks"):
            # Every task of the month is checked; only the day's are built.
            if self._decode(name, documents.task_day, doc) == day:
                task = self._decode(name, documents.doc_to_task, doc)
                stored.setdefault(task.id, task)
        tasks = [*stored.values(), *self._occurrences_on(day, set(stored))]
        return sorted(tasks, key=Task.sort_key)

    def _find_stored(self, task_id: str, names: Iterable[str]) -> Task | None:
        for name in names:
            for doc in self._table(name, "tasks"):
                if doc.get("id") == task_id:
                    return self._decode(name, documents.doc_to_task, doc)
        return None

    def get_task(self, task_id: str) -> Task:
        """The task with ``task_id``; raises :class:`NotFoundError`."""
        virtual = split_virtual_id(task_id)
        if virtual is not None:
            # An occurrence is stored in its own day's month once touched, elsewhere only
            # after a move (which skips its own day); untouched, it comes from its series.
            found = self._find_stored(task_id, [month_name(virtual[1])])
            if found is not None:
                return found
            item = self._occurs(task_id)
            if item is not None:
                return item.occurrence(virtual[1])
        found = self._find_stored(task_id, reversed(self.month_files()))
        if found is not None:
            return found
        for item in self.series():
            if item.template.id == task_id:
                return item.template
        raise NotFoundError(task_id)

    def tasks_between(self, first: date, last: date) -> list[Task]:
        """Stored tasks (touched occurrences included) with ``first <= day <= last``."""
        result: list[Task] = []
        for name in self.month_files():
            if name < month_name(first) or name > month_name(last):
                continue
            result.extend(t for t in self._month_tasks(name) if first <= t.day <= last)
        return sorted(result, key=lambda t: (t.day, *t.sort_key()))

    def all_tasks(self) -> Iterator[Task]:
        """Every stored task, oldest month first."""
        for name in self.month_files():
            yield from self._month_tasks(name)

    def carry_candidates(self, day: date) -> list[Task]:
        """Unfinished one-off tasks from days before ``day`` (a recurring one recurs anyway)."""
        found: list[Task] = []
        for name in self.month_files():
            if name > month_name(day):
                break
            found.extend(
                t
                for t in self._month_tasks(name)
                if t.day < day and not t.done and t.series is None
            )
        return sorted(found, key=lambda t: (t.day, *t.sort_key()))

    def search(
        self,
        text: str = "",
        *,
        purpose: str | None = None,
        skill: str | None = None,
        person: str | None = None,
        first: date | None = None,
        last: date | None = None,
    ) -> list[Task]:
        """Stored tasks whose title or notes contain ``text`` (case-insensitive), with the given
        purpose, skill and person, between ``first`` and ``last`` if given; newest first."""
        needle = text.casefold().strip()
        low, high = first or date.min, last or date.max
        found = []
        for name in self.month_files():
            if name < month_name(low) or name > month_name(high):
                continue
            for task in self._month_tasks(name):
                if not low <= task.day <= high:
                    continue
                if purpose and purpose not in task.purposes:
                    continue
                if skill and skill not in task.skills:
                    continue
                if person and person not in task.people:
                    continue
                if (
                    needle
                    and needle not in task.title.casefold()
                    and needle not in task.notes.casefold()
                ):
                    continue
                found.append(task)
        return sorted(found, key=lambda t: (t.day, *t.sort_key()), reverse=True)

    # ------------------------------------------------------------------ tasks: writing
    def add_task(self, task: Task) -> Task:
        """Save a new task and return it as stored (with its place in the day).

        A task with a recurrence becomes a series starting on its first occurrence on or
        after ``task.day``; that occurrence is returned. Adding a task whose id is already in
        its month replaces it rather than making a second copy.
        """
        if task.recurrence and task.series is None:
            template = series_start(task)
            self._put_series(template)
            return Series(template, frozenset()).occurrence(template.day)
        name = month_name(task.day)
        with self._open(name) as db:
            table = db.table("tasks")
            existing = table.get(where("id") == task.id)
            if existing is not None:
                table.update(documents.task_to_doc(task), doc_ids=[existing.doc_id])
                return task
            same_day = [
                self._decode(name, documents.doc_to_task, d)
                for d in table.search(where("day") == task.day.isoformat())
            ]
            task = task.with_changes(order=_slot_for(task, same_day))
            for other in same_day:
                if other.order >= task.order:
                    table.update({"order": other.order + 1}, where("id") == other.id)
            table.insert(documents.task_to_doc(task))
        return task

    def _put_series(self, template: Task) -> None:
        """Create or replace a series, keeping its skipped days and unknown fields."""
        with self._open(SERIES) as db:
            table = db.table("series")
            existing = table.get(where("id") == template.id)
            doc = series_to_doc(template, existing)
            if existing is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[existing.doc_id])

    def put_task(self, task: Task) -> Task:
        """Store ``task`` exactly as given (create or replace), e.g. for an edit or an undo.

        A series template (a recurrence and no ``series``) replaces the series, keeping its
        skipped days. An occurrence is stored on its day; moved to another day, the day it
        came from is skipped; put back on that day, it shows there again.
        """
        with self._locked():
            if task.series is None and task.recurrence:
                self._put_series(task)
                return task
            target = month_name(task.day)
            virtual = split_virtual_id(task.id)
            holders = self._months_holding(task.id, target)
            # The file that gains the task is written first (see transaction()).
            names = [target, *(n for n in holders if n != target)]
            with self.transaction(*names) as dbs:
                for name, db in dbs.items():
                    table = db.table("tasks")
                    if name != target:
                        table.remove(where("id") == task.id)
                        continue
                    doc = documents.task_to_doc(task)
                    existing = table.get(where("id") == task.id)
                    if existing is None:
                        table.insert(doc)
                    else:
                        table.update(doc, doc_ids=[existing.doc_id])
            if virtual is not None:
                self._set_exdate(virtual[0], virtual[1], skipped=virtual[1] != task.day)
        return task

    def _holds(self, name: str, task_id: str) -> bool:
        return any(doc.get("id") == task_id for doc in self._table(name, "tasks"))

    def _months_holding(self, task_id: str, target: str) -> list[str]:
        """The month files that hold ``task_id``; ``target`` is where it is expected.

        An edit in place finds it there without reading other months. Otherwise (a move, a
        deleted task put back) every month is searched, except for an occurrence whose own
        day is not skipped: it is never stored away from its own day's month then.
        """
        virtual = split_virtual_id(task_id)
        hints = [target] + ([month_name(virtual[1])] if virtual else [])
        found = [n for n in dict.fromkeys(hints) if self._holds(n, task_id)]
        if target in found or (virtual is not None and self._occurs(task_id) is not None):
            return found
        return [n for n in self.month_files() if self._holds(n, task_id)]

    def _set_exdate(self, series_id: str, day: date, *, skipped: bool) -> None:
        for raw in self._table(SERIES, "series"):
            if raw.get("id") == series_id and with_exdate(raw, day, skipped=skipped) is None:
                return  # nothing to change: no write
        with self._open(SERIES) as db:
            table = db.table("series")
            doc = table.get(where("id") == series_id)
            if doc is None:
                return
            days = with_exdate(doc, day, skipped=skipped)
            if days is not None:
                table.update({"exdates": days}, doc_ids=[doc.doc_id])

    def remove_task(self, task_id: str) -> Task:
        """Delete a task; for an occurrence of a series, skip that day. Returns what was removed
        (``put_task`` of it is the undo)."""
        with self._locked():
            task = self.get_task(task_id)
            if task.series is None and task.recurrence:
                with self._open(SERIES) as db:
                    db.table("series").remove(where("id") == task_id)
                return task
            virtual = split_virtual_id(task_id)
            if virtual is not None:
                self._set_exdate(virtual[0], virtual[1], skipped=True)
            holders = [n for n in [month_name(task.day)] if self._holds(n, task_id)]
            with self.transaction(*holders) as dbs:
                for db in dbs.values():
                    db.table("tasks").remove(where("id") == task_id)
        return task

    def set_done(self, task_id: str, done: bool) -> Task:
        """Mark a task done or not done (an occurrence is stored on its day)."""
        with self._locked():
            return self.put_task(self.get_task(task_id).with_changes(done=done))

    def move_task(self, task_id: str, day: date) -> Task:
        """Move a task to another day (placed at the end of that day)."""
        with self._locked():
            task = self.get_task(task_id)
            if task.day == day:
                return task
            last = max((t.order for t in self.tasks_for_day(day)), default=-1)
            return self.put_task(task.with_changes(day=day, order=last + 1))

    def reorder(self, day: date, ordered_ids: list[str]) -> list[Task]:
        """Give the day's tasks the order of ``ordered_ids``; returns the day's tasks."""
        with self._locked():
            tasks = {t.id: t for t in self.tasks_for_day(day)}
            position = {task_id: i for i, task_id in enumerate(ordered_ids)}
            changed = [
                t.with_changes(order=position[t.id])
                for t in tasks.values()
                if t.id in position and t.order != position[t.id]
            ]
            if changed:
                with self._open(month_name(day)) as db:
                    table = db.table("tasks")
                    for task in changed:
                        if table.contains(where("id") == task.id):
                            table.update({"order": task.order}, where("id") == task.id)
                        else:  # an untouched occurrence: stored from now on
                            table.insert(documents.task_to_doc(task))
            return self.tasks_for_day(day)


def _slot_for(task: Task, day_tasks: list[Task]) -> int:
    """Where a new task goes: a timed task before the first later-timed task, else at the end."""
    ordered = sorted(day_tasks, key=Task.sort_key)
    if task.time is not None:
        for other in ordered:
            if other.time is not None and other.time > task.time:
                return other.order
    return max((t.order for t in ordered), default=-1) + 1


def _record_of(store: RecordFolder | Path | str) -> RecordFolder:
    return store if isinstance(store, RecordFolder) else RecordFolder(store)


def list_backups(store: RecordFolder | Path | str) -> list[backups.Backup]:
    """The record's backups, newest first. Takes a store or just its folder."""
    return backups.list_backups(_record_of(store).folder)


def restore_backup(store: RecordFolder | Path | str, name: str) -> tuple[backups.Backup, Path]:
    """Bring back the backup ``name`` (``latest``: the newest one whose every file parses).

    Runs under the lock. The record as it was is first kept in ``backups/before-restore-…``,
    whose path is returned with the backup. Takes a store or just its folder, because the
    record to repair may not open (``Store.open`` refuses a broken ``meta.json``).
    """
    record = _record_of(store)
    with record._locked():
        backup = backups.find_backup(record.folder, name, check_documents)
        files = record.record_files()
        aside = backups.restore(record.folder, backup, files, record.now(), check_documents)
    record._cache.clear()
    return backup, aside
