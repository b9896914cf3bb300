"""The record on disk: a folder of TinyDB JSON files, read and written only through :class:`Store`.

Layout (a design choice made for speed: TinyDB re-reads and rewrites a whole file on every
operation, so no file may grow with the years):

- ``meta.json``: schema version, profile, settings, purposes and skills;
- ``recurring.json``: recurring series (one document per series, with its skipped days);
- ``YYYY-MM.json``: one file per month with that month's tasks and day records (rating,
  reflection). Opening a day or adding a task touches one small file however long the history.
- ``backups/``: rolling snapshots (see :mod:`planner.backups`); ``.lock``: the write lock.

Every read-modify-write happens under one inter-process lock and re-reads the files inside it,
and ids are random, so the app and ``planner add`` in another terminal never lose each other's
writes. Reads take no lock: files are only ever replaced whole, by rename.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.storages import MemoryStorage

from planner import backups, documents
from planner.documents import DocumentError
from planner.model import DayRecord, Profile, Purpose, Reflection, Settings, Skill, Task
from planner.storage import (
    BufferedStorage,
    BusyError,
    RecordError,
    StoreError,
    WriteError,
    clean_stray_temps,
    ensure_private_dir,
    iter_files,
    read_json,
    tighten,
)

__all__ = ["SCHEMA_VERSION", "NotFoundError", "Store", "StoreError"]

SCHEMA_VERSION = 1
META = "meta.json"
SERIES = "recurring.json"
LOCK = ".lock"
VIRTUAL_SEP = "~"


class NotFoundError(StoreError):
    """No task has the id the user gave."""

    def __init__(self, task_id: str) -> None:
        super().__init__(f"no task with id {task_id!r}: ids are shown by 'planner show --json'")


def month_name(day: date) -> str:
    """The file that holds ``day``'s tasks and day record."""
    return f"{day.year:04d}-{day.month:02d}.json"


def is_month_name(name: str) -> bool:
    """True for ``YYYY-MM.json``."""
    return (
        len(name) == 12 and name.endswith(".json") and name[4] == "-" and name[:4].isdigit()
        and name[5:7].isdigit()
    )


def new_id() -> str:
    """A random task id, 48 bits: collisions across processes are negligible and need no lock."""
    return secrets.token_hex(6)


def virtual_id(series_id: str, day: date) -> str:
    """The id of a recurring series' occurrence on ``day`` (stable, so two writers agree)."""
    return f"{series_id}{VIRTUAL_SEP}{day:%Y%m%d}"


def split_virtual_id(task_id: str) -> tuple[str, date] | None:
    """``(series id, day)`` for an occurrence id, else ``None``."""
    series_id, sep, stamp = task_id.partition(VIRTUAL_SEP)
    if not sep:
        return None
    try:
        return series_id, datetime.strptime(stamp, "%Y%m%d").date()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Series:
    """A recurring task: the template, its rule, and the days the user removed."""

    template: Task
    exdates: frozenset[date]

    def occurrence(self, day: date) -> Task:
        """The occurrence on ``day`` as it is when nobody touched it."""
        return self.template.with_changes(
            id=virtual_id(self.template.id, day), day=day, done=False, series=self.template.id
        )


def _tinydb(data: dict[str, Any] | None) -> TinyDB:
    """A TinyDB over already-parsed data, for queries that never write."""
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(data or {})
    return db


class Store:
    """Repository of the whole record; every method returns model objects, never documents."""

    def __init__(
        self,
        folder: Path,
        *,
        lock_timeout: float = 10.0,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.folder = Path(folder)
        self.lock_timeout = lock_timeout
        self.now = now
        self._cache: dict[str, tuple[tuple[int, int, int], dict[str, Any] | None]] = {}
        self._lock_depth = 0
        self._lock: Any = None
        self._backed_up = False

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, folder: Path, **options: Any) -> Store:
        """Open (creating if needed) the record in ``folder``; checks the schema, cleans temps."""
        store = cls(folder, **options)
        store._prepare()
        return store

    def _prepare(self) -> None:
        ensure_private_dir(self.folder)
        for path in iter_files(self.folder):
            tighten(path, 0o600)
        meta = read_json(self.folder / META)
        schema = self._schema_of(meta)
        if schema > SCHEMA_VERSION:
            raise RecordError(
                self.folder / META,
                f"it was written by a newer planner (schema {schema}); this one reads up to "
                f"schema {SCHEMA_VERSION}. Upgrade planner to open it",
            )
        with contextlib.suppress(BusyError):
            with self._locked(timeout=0.2):
                clean_stray_temps(self.folder)
                if meta is None or schema < SCHEMA_VERSION:
                    self._migrate(schema)

    @staticmethod
    def _schema_of(meta: dict[str, Any] | None) -> int:
        if meta is None:
            return SCHEMA_VERSION
        table = meta.get("meta", {})
        info = next(iter(table.values()), {}) if isinstance(table, dict) else {}
        schema = info.get("schema", 0) if isinstance(info, dict) else 0
        return schema if isinstance(schema, int) and not isinstance(schema, bool) else 0

    def _migrate(self, schema: int) -> None:
        """Bring an older record up to date, keeping a copy of it first."""
        meta_path = self.folder / META
        current = read_json(meta_path)
        if current is not None and self._schema_of(current) < SCHEMA_VERSION:
            backups.snapshot(self.folder, self._record_files(), f"before-schema-{SCHEMA_VERSION}")
        for version in range(self._schema_of(current) if current else SCHEMA_VERSION, SCHEMA_VERSION):
            step = MIGRATIONS.get(version)
            if step is not None:
                step(self)
        self._put_single(META, "meta", {"schema": SCHEMA_VERSION, "app": "planner"})

    # ------------------------------------------------------------------ files
    def _record_files(self) -> list[Path]:
        """Every file of the record (not backups, not the lock)."""
        return sorted(
            path for path in iter_files(self.folder)
            if path.name in (META, SERIES) or is_month_name(path.name)
        )

    def month_files(self) -> list[str]:
        """Names of the month files, oldest first."""
        return sorted(p.name for p in iter_files(self.folder) if is_month_name(p.name))

    def _load(self, name: str) -> dict[str, Any] | None:
        """Parsed contents of a record file, cached until the file is replaced."""
        path = self.folder / name
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self._cache.pop(name, None)
            return None
        except OSError as error:
            raise RecordError(path, error.strerror or str(error)) from error
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        cached = self._cache.get(name)
        if cached is not None and cached[0] == key:
            return cached[1]
        data = read_json(path)
        self._cache[name] = (key, data)
        return data

    def change_token(self, day: date) -> tuple[object, ...]:
        """Something that changes whenever another process changes what ``day`` shows."""
        token: list[object] = []
        for name in (META, SERIES, month_name(day)):
            try:
                st = os.stat(self.folder / name)
                token.append((st.st_ino, st.st_mtime_ns, st.st_size))
            except OSError:
                token.append(None)
        return tuple(token)

    def _table(self, name: str, table: str) -> list[dict[str, Any]]:
        """The documents of one table of one file (read-only)."""
        data = self._load(name)
        if not data:
            return []
        return list(_tinydb(data).table(table).all())

    # ------------------------------------------------------------------ locking
    @contextlib.contextmanager
    def _locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the record's inter-process lock (re-entrant within this object)."""
        from filelock import FileLock, Timeout

        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        wait = self.lock_timeout if timeout is None else timeout
        lock = FileLock(str(self.folder / LOCK), mode=0o600, is_singleton=False)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise BusyError(self.folder, wait) from None
        except OSError as error:
            raise WriteError(self.folder / LOCK, error) from error
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            lock.release()

    @contextlib.contextmanager
    def _open(self, name: str) -> Iterator[TinyDB]:
        """A TinyDB on one file for a read-modify-write; flushed atomically on success."""
        with self._locked():
            self._maybe_backup()
            db = TinyDB(str(self.folder / name), storage=BufferedStorage)
            yield db
            storage: BufferedStorage = db.storage
            storage.flush()

    @contextlib.contextmanager
    def transaction(self, *names: str) -> Iterator[dict[str, TinyDB]]:
        """Several files under one lock; each is replaced atomically, in the order given."""
        with self._locked(), contextlib.ExitStack() as stack:
            yield {name: stack.enter_context(self._open(name)) for name in names}

    def _maybe_backup(self) -> None:
        """Take a rolling backup before the first write of a process, at most hourly."""
        if self._backed_up:
            return
        self._backed_up = True
        backups.rolling_backup(self.folder, self._record_files(), self.now())

    # ------------------------------------------------------------------ decoding
    def _decode(self, name: str, decode: Callable[[dict[str, Any]], Any], doc: dict[str, Any]) -> Any:
        try:
            return decode(doc)
        except DocumentError as error:
            raise RecordError(self.folder / name, f"wrong shape: {error}") from None

    # ------------------------------------------------------------------ meta
    def profile(self) -> Profile:
        """The user's profile (next step, stress threshold)."""
        docs = self._table(META, "profile")
        return self._decode(META, documents.doc_to_profile, docs[0] if docs else {})  # type: ignore[no-any-return]

    def save_profile(self, profile: Profile) -> None:
        """Replace the profile, keeping fields this program does not know."""
        self._put_single(META, "profile", documents.profile_to_doc(profile))

    def settings(self) -> Settings:
        """The app's settings (theme, keymap)."""
        docs = self._table(META, "settings")
        return self._decode(META, documents.doc_to_settings, docs[0] if docs else {})  # type: ignore[no-any-return]

    def save_settings(self, settings: Settings) -> None:
        """Replace the settings."""
        self._put_single(META, "settings", documents.settings_to_doc(settings))

    def _put_single(self, name: str, table: str, doc: dict[str, Any]) -> None:
        with self._open(name) as db:
            t = db.table(table)
            existing = t.all()
            if existing:
                t.update(doc, doc_ids=[existing[0].doc_id])
            else:
                t.insert(doc)

    def purposes(self, include_archived: bool = True) -> list[Purpose]:
        """Every purpose, in the order created."""
        found = [self._decode(META, documents.doc_to_purpose, d) for d in self._table(META, "purposes")]
        return [p for p in found if include_archived or not p.archived]

    def skills(self, include_archived: bool = True) -> list[Skill]:
        """Every skill, in the order created."""
        found = [self._decode(META, documents.doc_to_skill, d) for d in self._table(META, "skills")]
        return [s for s in found if include_archived or not s.archived]

    def save_purpose(self, purpose: Purpose) -> None:
        """Create or update a purpose by slug."""
        with self._open(META) as db:
            db.table("purposes").upsert(documents.purpose_to_doc(purpose), where("slug") == purpose.slug)

    def save_skill(self, skill: Skill) -> None:
        """Create or update a skill by slug."""
        with self._open(META) as db:
            db.table("skills").upsert(documents.skill_to_doc(skill), where("slug") == skill.slug)

    def ensure_tags(self, purposes: Iterable[str], skills: Iterable[str]) -> tuple[list[str], list[str]]:
        """Create the purposes and skills not seen before; returns the slugs created."""
        from planner.model import draft_statement, skill_name

        wanted_p, wanted_s = list(purposes), list(skills)
        known_p = {p.slug for p in self.purposes()}
        known_s = {s.slug for s in self.skills()}
        if set(wanted_p) <= known_p and set(wanted_s) <= known_s:
            return [], []
        created_p: list[str] = []
        created_s: list[str] = []
        with self._open(META) as db:
            tp, ts = db.table("purposes"), db.table("skills")
            have_p = {d.get("slug") for d in tp.all()}
            have_s = {d.get("slug") for d in ts.all()}
            for slug in wanted_p:
                if slug not in have_p:
                    tp.insert(documents.purpose_to_doc(Purpose(slug, draft_statement(slug), draft=True)))
                    have_p.add(slug)
                    created_p.append(slug)
            for slug in wanted_s:
                if slug not in have_s:
                    ts.insert(documents.skill_to_doc(Skill(slug, skill_name(slug))))
                    have_s.add(slug)
                    created_s.append(slug)
        return created_p, created_s

    def is_empty(self) -> bool:
        """True for a record with no tasks, no series and no purposes (the welcome shows then)."""
        return not self.month_files() and not self._table(SERIES, "series") and not self.purposes()

    def raw_table(self, name: str, table: str) -> list[dict[str, Any]]:
        """Copies of one table's documents as stored, fields this program does not know
        included: the full export (planner.transfer) keeps them. Read-only."""
        import copy

        return [copy.deepcopy(dict(doc)) for doc in self._table(name, table)]

    # ------------------------------------------------------------------ series
    def series(self) -> list[Series]:
        """Every recurring series."""
        result = []
        for doc in self._table(SERIES, "series"):
            template = self._decode(SERIES, documents.doc_to_task, doc)
            raw = doc.get("exdates", [])
            try:
                exdates = frozenset(date.fromisoformat(d) for d in raw)
            except (TypeError, ValueError):
                raise RecordError(self.folder / SERIES, f"series {template.id!r}: bad 'exdates'") from None
            result.append(Series(template, exdates))
        return result

    def _occurrences_on(self, day: date, taken: set[str]) -> list[Task]:
        all_series = self.series()
        if not all_series:
            return []
        from planner.dates import occurs_on  # dateutil's rrule only when there are series

        found = []
        for series in all_series:
            rule = series.template.recurrence
            if not rule or day in series.exdates:
                continue
            vid = virtual_id(series.template.id, day)
            if vid in taken:
                continue
            with contextlib.suppress(ValueError):
                if occurs_on(rule, series.template.day, day):
                    found.append(series.occurrence(day))
        return found

    # ------------------------------------------------------------------ tasks: reading
    def _month_tasks(self, name: str) -> list[Task]:
        return [self._decode(name, documents.doc_to_task, d) for d in self._table(name, "tasks")]

    def tasks_for_day(self, day: date) -> list[Task]:
        """The day's tasks in display order, recurring occurrences included."""
        stored = [t for t in self._month_tasks(month_name(day)) if t.day == day]
        taken = {t.id for t in stored}
        tasks = stored + self._occurrences_on(day, taken)
        return sorted(tasks, key=Task.sort_key)

    def get_task(self, task_id: str) -> Task:
        """The task with ``task_id``; raises :class:`NotFoundError`."""
        virtual = split_virtual_id(task_id)
        if virtual is not None:
            series_id, day = virtual
            for task in self._month_tasks(month_name(day)):
                if task.id == task_id:
                    return task
            for series in self.series():
                if series.template.id == series_id and day not in series.exdates:
                    return series.occurrence(day)
            raise NotFoundError(task_id)
        for name in reversed(self.month_files()):
            for task in self._month_tasks(name):
                if task.id == task_id:
                    return task
        for series in self.series():
            if series.template.id == task_id:
                return series.template
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
        """Unfinished one-off tasks from days before ``day`` (recurring ones recur by themselves)."""
        found = []
        for name in self.month_files():
            if name > month_name(day):
                break
            found.extend(
                t for t in self._month_tasks(name) if t.day < day and not t.done and t.series is None
            )
        return sorted(found, key=lambda t: (t.day, *t.sort_key()))

    def search(
        self,
        text: str = "",
        *,
        purpose: str | None = None,
        skill: str | None = None,
        person: str | None = None,
    ) -> list[Task]:
        """Tasks whose title or notes contain ``text`` (case-insensitive) and match the tags."""
        needle = text.casefold().strip()
        found = []
        for task in self.all_tasks():
            if purpose and purpose not in task.purposes:
                continue
            if skill and skill not in task.skills:
                continue
            if person and person not in task.people:
                continue
            if needle and needle not in task.title.casefold() and needle not in task.notes.casefold():
                continue
            found.append(task)
        return sorted(found, key=lambda t: (t.day, *t.sort_key()), reverse=True)

    # ------------------------------------------------------------------ tasks: writing
    def add_task(self, task: Task) -> Task:
        """Save a new task (a recurring one becomes a series); returns it as stored."""
        if task.recurrence and task.series is None:
            with self._open(SERIES) as db:
                db.table("series").insert({**documents.task_to_doc(task), "exdates": []})
            return task.with_changes(id=virtual_id(task.id, task.day), series=task.id)
        name = month_name(task.day)
        with self._open(name) as db:
            table = db.table("tasks")
            today = [self._decode(name, documents.doc_to_task, d) for d in table.search(where("day") == task.day.isoformat())]
            task = task.with_changes(order=_slot_for(task, today))
            for other in today:
                if other.order >= task.order:
                    table.update({"order": other.order + 1}, where("id") == other.id)
            table.insert(documents.task_to_doc(task))
        return task

    def put_task(self, task: Task) -> Task:
        """Store ``task`` exactly as given (create or replace), e.g. for an edit or an undo."""
        if task.series is None and task.recurrence:
            with self._open(SERIES) as db:
                db.table("series").upsert(
                    {**documents.task_to_doc(task), "exdates": []}, where("id") == task.id
                )
            return task
        virtual = split_virtual_id(task.id)
        if virtual is not None:
            self._set_exdate(virtual[0], virtual[1], skipped=virtual[1] != task.day)
        with self.transaction(*{month_name(task.day), *self._months_holding(task.id)}) as dbs:
            for name, db in dbs.items():
                table = db.table("tasks")
                if name == month_name(task.day):
                    doc = documents.task_to_doc(task)
                    existing = table.get(where("id") == task.id)
                    if existing is not None:
                        merged = {**existing, **doc}
                        table.update(merged, doc_ids=[existing.doc_id])  # type: ignore[union-attr]
                    else:
                        table.insert(doc)
                else:
                    table.remove(where("id") == task.id)
        return task

    def _months_holding(self, task_id: str) -> list[str]:
        virtual = split_virtual_id(task_id)
        if virtual is not None:
            names = [month_name(virtual[1])]
        else:
            names = self.month_files()
        return [n for n in names if any(d.get("id") == task_id for d in self._table(n, "tasks"))]

    def _set_exdate(self, series_id: str, day: date, *, skipped: bool) -> None:
        with self._open(SERIES) as db:
            table = db.table("series")
            doc = table.get(where("id") == series_id)
            if doc is None:
                return
            days = set(doc.get("exdates", []))
            before = set(days)
            (days.add if skipped else days.discard)(day.isoformat())
            if days != before:
                table.update({"exdates": sorted(days)}, where("id") == series_id)

    def remove_task(self, task_id: str) -> Task:
        """Delete a task; for an occurrence of a series, skip that day. Returns what was removed."""
        task = self.get_task(task_id)
        if task.series is None and task.recurrence:
            with self._open(SERIES) as db:
                db.table("series").remove(where("id") == task_id)
            return task
        virtual = split_virtual_id(task_id)
        if virtual is not None:
            self._set_exdate(virtual[0], virtual[1], skipped=True)
        for name in self._months_holding(task_id):
            with self._open(name) as db:
                db.table("tasks").remove(where("id") == task_id)
        return task

    def set_done(self, task_id: str, done: bool) -> Task:
        """Mark a task done or not done."""
        return self.put_task(self.get_task(task_id).with_changes(done=done))

    def move_task(self, task_id: str, day: date) -> Task:
        """Move a task to another day (placed at the end of that day)."""
        task = self.get_task(task_id)
        last = max((t.order for t in self.tasks_for_day(day)), default=-1)
        return self.put_task(task.with_changes(day=day, order=last + 1))

    def reorder(self, day: date, ordered_ids: list[str]) -> list[Task]:
        """Give the day's tasks the order of ``ordered_ids``; returns the day's tasks."""
        tasks = {t.id: t for t in self.tasks_for_day(day)}
        position = {task_id: i for i, task_id in enumerate(ordered_ids)}
        name = month_name(day)
        changed = [t.with_changes(order=position[t.id]) for t in tasks.values() if t.id in position and t.order != position[t.id]]
        with self._open(name) as db:
            table = db.table("tasks")
            for task in changed:
                if table.contains(where("id") == task.id):
                    table.update({"order": task.order}, where("id") == task.id)
                else:
                    table.insert(documents.task_to_doc(task))
        return self.tasks_for_day(day)

    # ------------------------------------------------------------------ days
    def day_record(self, day: date) -> DayRecord:
        """The rating and reflection of ``day`` (an empty record when there is none)."""
        name = month_name(day)
        for doc in self._table(name, "days"):
            if doc.get("day") == day.isoformat():
                return self._decode(name, documents.doc_to_day, doc)  # type: ignore[no-any-return]
        return DayRecord(day)

    def day_records(self, first: date, last: date) -> dict[date, DayRecord]:
        """Day records with ``first <= day <= last``, by day."""
        result: dict[date, DayRecord] = {}
        for name in self.month_files():
            if name < month_name(first) or name > month_name(last):
                continue
            for doc in self._table(name, "days"):
                record: DayRecord = self._decode(name, documents.doc_to_day, doc)
                if first <= record.day <= last:
                    result[record.day] = record
        return result

    def _update_day(self, day: date, change: Callable[[DayRecord], DayRecord]) -> DayRecord:
        name = month_name(day)
        with self._open(name) as db:
            table = db.table("days")
            existing = table.get(where("day") == day.isoformat())
            record = self._decode(name, documents.doc_to_day, existing) if existing else DayRecord(day)
            updated = change(record)
            doc = documents.day_to_doc(updated)
            if existing is not None:
                table.update({**existing, **doc}, doc_ids=[existing.doc_id])  # type: ignore[union-attr]
            else:
                table.insert(doc)
        return updated

    def set_stress(self, day: date, stress: int | None) -> DayRecord:
        """Rate ``day`` (1–5) or clear its rating (``None``)."""
        from dataclasses import replace

        return self._update_day(day, lambda r: replace(r, stress=stress))

    def save_reflection(self, day: date, reflection: Reflection, stress: int | None = None) -> DayRecord:
        """Save the day's reflection (and its rating when given)."""
        from dataclasses import replace

        stamped = replace(reflection, saved_at=reflection.saved_at or self.now().isoformat(timespec="seconds"))
        return self._update_day(
            day, lambda r: replace(r, reflection=stamped, stress=stress if stress is not None else r.stress)
        )

    def mark_reminded(self, day: date) -> bool:
        """Record that the purpose reminder was shown by itself on ``day``; False if it already was."""
        if self.day_record(day).reminded:
            return False
        from dataclasses import replace

        self._update_day(day, lambda r: replace(r, reminded=True))
        return True

    def previous_day_with_record(self, day: date) -> DayRecord:
        """Yesterday's record (for the intention shown in today's header)."""
        return self.day_record(day - timedelta(days=1))

    def search_reflections(self, text: str) -> list[DayRecord]:
        """Days whose reflection contains every word of ``text`` (case-insensitive), newest first.

        An empty ``text`` matches every saved reflection that has an answer.
        """
        words = text.casefold().split()
        found: list[DayRecord] = []
        for name in self.month_files():
            for doc in self._table(name, "days"):
                record: DayRecord = self._decode(name, documents.doc_to_day, doc)
                if record.reflection is None or record.reflection.is_empty:
                    continue
                answers = " \n".join(a for _, a in record.reflection.answers()).casefold()
                if all(word in answers for word in words):
                    found.append(record)
        return sorted(found, key=lambda r: r.day, reverse=True)

    def rename_tag(self, kind: str, old: str, new: str) -> int:
        """Give a purpose (``kind="purpose"``) or a skill (``"skill"``) a new slug.

        Every task, every recurring series and the profile's next-step skills that refer to
        ``old`` are rewritten, all under one lock, each file replaced atomically; nothing is
        written when ``new`` is taken or ``old`` does not exist (``ValidationError``).
        Returns how many tasks and series were changed.
        """
        from planner.model import ValidationError, check_slug

        field = {"purpose": "purposes", "skill": "skills"}[kind]
        new = check_slug(new, kind)
        if new == old:
            return 0
        changed = 0
        with self._locked():
            # Only the month files that refer to the old slug are rewritten; the scan happens
            # inside the lock so a task added meanwhile by another process is not missed.
            names = [
                n for n in self.month_files()
                if any(old in (d.get(field) or ()) for d in self._table(n, "tasks"))
            ]
            with self.transaction(META, SERIES, *names) as dbs:
                tags = dbs[META].table(field)
                if tags.contains(where("slug") == new):
                    raise ValidationError(f"a {kind} called {new!r} already exists")
                if not tags.contains(where("slug") == old):
                    raise ValidationError(f"no {kind} called {old!r}")
                tags.update({"slug": new}, where("slug") == old)
                if kind == "skill":
                    profile = dbs[META].table("profile")
                    for doc in profile.all():
                        wanted = doc.get("next_step_skills") or []
                        if isinstance(wanted, list) and old in wanted:
                            renamed = _renamed(wanted, old, new)
                            profile.update({"next_step_skills": renamed}, doc_ids=[doc.doc_id])
                for name in (SERIES, *names):
                    table = dbs[name].table("series" if name == SERIES else "tasks")
                    for doc in table.all():
                        refs = doc.get(field)
                        if isinstance(refs, list) and old in refs:
                            table.update({field: _renamed(refs, old, new)}, doc_ids=[doc.doc_id])
                            changed += 1
        return changed


def _renamed(values: list[Any], old: str, new: str) -> list[Any]:
    """``values`` with ``old`` replaced by ``new``, in place, without duplicates."""
    result: list[Any] = []
    for value in values:
        value = new if value == old else value
        if value not in result:
            result.append(value)
    return result


def _slot_for(task: Task, day_tasks: list[Task]) -> int:
    """Where a new task goes: a timed task before the first later-timed task, else at the end."""
    ordered = sorted(day_tasks, key=Task.sort_key)
    if task.time is not None:
        for other in ordered:
            if other.time is not None and other.time > task.time:
                return other.order
    return max((t.order for t in ordered), default=-1) + 1


#: Migrations by the schema version they upgrade from (none yet: schema 1 is the first).
MIGRATIONS: dict[int, Callable[[Store], None]] = {}


def list_backups(store: Store) -> list[backups.Backup]:
    """The record's backups, newest first."""
    return backups.list_backups(store.folder)


def restore_backup(store: Store, name: str) -> tuple[backups.Backup, Path]:
    """Bring back the backup ``name`` (or ``latest``) under the lock; returns it and where the
    record as it was has been kept."""
    with store._locked():
        backup = backups.find_backup(store.folder, name)
        aside = backups.restore(store.folder, backup, store._record_files(), store.now())
    store._cache.clear()
    return backup, aside
