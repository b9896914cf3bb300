"""The full JSON backup: export, validation of a file to import, and the merge.

The export is one JSON object (``"format": "planner-export"``) holding the profile, settings,
purposes, skills, recurring series (with their skipped days), tasks and day records (ratings and
reflections). Each document is the stored one with its known fields written in their canonical
form, so fields a newer program added are carried along and come back on import.

Importing merges, never replaces: tasks and series by id, purposes and skills by slug, days by
day (filling what the record lacks), the profile and settings only while the record's own are
still the defaults. Importing the same file twice adds nothing; importing an export into an
empty folder gives back the same record (export → import → export is the identity).

The Markdown journal and the iCalendar file are made by :mod:`planner.exports` and re-exported
here, so every export format is reached from this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner import backups, documents
from planner.dates import DateError, occurs_on
from planner.documents import DocumentError
from planner.exports import export_ics, export_markdown
from planner.model import (
    REFLECTION_PROMPTS,
    Profile,
    Settings,
    ValidationError,
    clean_line,
    clean_text,
)
from planner.storage import RecordError
from planner.store import META, SCHEMA_VERSION, SERIES, Store, month_name

__all__ = [
    "EXPORT_FORMAT",
    "ImportFileError",
    "ImportReport",
    "export_ics",
    "export_json",
    "export_markdown",
    "import_json",
    "load_export",
    "validate_export",
]

EXPORT_FORMAT = "planner-export"
Doc = dict[str, Any]


class ImportFileError(ValidationError):
    """A file given to ``planner import`` is not a planner export; nothing was changed."""


# ---------------------------------------------------------------------------------- export


def _canonical(
    store: Store, name: str, raw: Doc, decode: Callable[[Doc], Any], encode: Callable[[Any], Doc]
) -> Doc:
    """The stored document with its known fields rewritten canonically, unknown ones kept."""
    try:
        value = decode(raw)
    except DocumentError as error:
        raise RecordError(store.folder / name, f"wrong shape: {error}") from None
    return {**raw, **encode(value)}


def _canonical_day(store: Store, name: str, raw: Doc) -> Doc:
    doc = _canonical(store, name, raw, documents.doc_to_day, documents.day_to_doc)
    # The reflection is nested: keep its unknown fields too.
    if isinstance(raw.get("reflection"), dict) and isinstance(doc["reflection"], dict):
        doc["reflection"] = {**raw["reflection"], **doc["reflection"]}
    return doc


def _in_range(day: str, first: date | None, last: date | None) -> bool:
    return (first is None or day >= first.isoformat()) and (last is None or day <= last.isoformat())


def _months(store: Store, first: date | None, last: date | None) -> list[str]:
    return [
        name
        for name in store.month_files()
        if (first is None or name >= month_name(first))
        and (last is None or name <= month_name(last))
    ]


def export_json(store: Store, first: date | None = None, last: date | None = None) -> Doc:
    """The full, re-importable backup of the record (tasks and days limited to the range).

    The profile, settings, purposes, skills and every series are always included, so even a
    partial export imports into a working record.
    """
    single = {}
    for table, decode, encode in (
        ("profile", documents.doc_to_profile, documents.profile_to_doc),
        ("settings", documents.doc_to_settings, documents.settings_to_doc),
    ):
        docs = store.raw_table(META, table)
        single[table] = _canonical(store, META, docs[0] if docs else {}, decode, encode)
    purposes = [
        _canonical(store, META, d, documents.doc_to_purpose, documents.purpose_to_doc)
        for d in store.raw_table(META, "purposes")
    ]
    skills = [
        _canonical(store, META, d, documents.doc_to_skill, documents.skill_to_doc)
        for d in store.raw_table(META, "skills")
    ]
    series = []
    for raw in store.raw_table(SERIES, "series"):
        doc = _canonical(store, SERIES, raw, documents.doc_to_task, documents.task_to_doc)
        doc["exdates"] = sorted(_exdates(raw, store.folder / SERIES))
        series.append(doc)
    tasks: list[Doc] = []
    days: list[Doc] = []
    for name in _months(store, first, last):
        for raw in store.raw_table(name, "tasks"):
            doc = _canonical(store, name, raw, documents.doc_to_task, documents.task_to_doc)
            if _in_range(doc["day"], first, last):
                tasks.append(doc)
        for raw in store.raw_table(name, "days"):
            doc = _canonical_day(store, name, raw)
            if _in_range(doc["day"], first, last):
                days.append(doc)
    tasks.sort(key=lambda d: (d["day"], d["order"], d["created"], d["id"]))
    days.sort(key=lambda d: str(d["day"]))
    return {
        "format": EXPORT_FORMAT,
        "version": SCHEMA_VERSION,
        "range": {
            "from": first.isoformat() if first else None,
            "to": last.isoformat() if last else None,
        },
        "profile": single["profile"],
        "settings": single["settings"],
        "purposes": purposes,
        "skills": skills,
        "series": series,
        "tasks": tasks,
        "days": days,
    }


def _exdates(doc: Doc, where: Path | str) -> set[str]:
    raw = doc.get("exdates", [])
    if not isinstance(raw, list):
        raise _shape(where, f"series {doc.get('id')!r}: 'exdates' should be a list of dates")
    try:
        return {date.fromisoformat(d).isoformat() for d in raw}
    except (TypeError, ValueError):
        raise _shape(where, f"series {doc.get('id')!r}: 'exdates' should be dates") from None


def _shape(where: Path | str, reason: str) -> Exception:
    if isinstance(where, Path):
        return RecordError(where, f"wrong shape: {reason}")
    return ImportFileError(f"cannot import {where}: {reason}; nothing was changed")


# ---------------------------------------------------------------------------------- import


@dataclass
class Export:
    """A validated export, its documents cleaned of control characters."""

    profile: Doc | None = None
    settings: Doc | None = None
    purposes: list[Doc] = field(default_factory=list)
    skills: list[Doc] = field(default_factory=list)
    series: list[Doc] = field(default_factory=list)
    tasks: list[Doc] = field(default_factory=list)
    days: list[Doc] = field(default_factory=list)


def load_export(path: Path) -> Export:
    """Read and validate the export at ``path``; raises :class:`ImportFileError` naming the file."""
    shown = clean_line(str(path)).encode("utf-8", "replace").decode("utf-8")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"cannot import {shown}: {error.strerror or error}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        reason = f"it is not UTF-8 text (byte {error.start})"
        raise ImportFileError(f"cannot import {shown}: {reason}") from None
    except json.JSONDecodeError as error:
        reason = f"it is not JSON ({error.msg} at line {error.lineno})"
        raise ImportFileError(f"cannot import {shown}: {reason}") from None
    except RecursionError:
        raise ImportFileError(f"cannot import {shown}: the JSON is nested too deeply") from None
    return validate_export(data, shown)


def _list(data: Doc, key: str, where: str) -> list[Doc]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _shape(where, f"{key!r} should be a list of objects")
    return [dict(item) for item in value]


def _checked(where: str, what: str, decode: Callable[[Doc], Any], doc: Doc) -> Any:
    try:
        return decode(doc)
    except DocumentError as error:
        raise _shape(where, f"{what}: {error}") from None


def validate_export(data: object, where: str) -> Export:
    """Check that ``data`` is a planner export this program can read; returns it cleaned."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise _shape(where, f'it is not a planner export (no "format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _shape(where, "'version' should be a whole number")
    if version > SCHEMA_VERSION:
        raise _shape(
            where,
            f"it was written by a newer planner (schema {version}); this one reads up to "
            f"schema {SCHEMA_VERSION}. Upgrade planner to import it",
        )
    result = Export()
    for key in ("profile", "settings"):
        value = data.get(key)
        if value is not None and not isinstance(value, dict):
            raise _shape(where, f"{key!r} should be an object")
        if value:
            setattr(result, key, dict(value))
    if result.profile is not None:
        _checked(where, "profile", documents.doc_to_profile, result.profile)
        result.profile["next_step"] = clean_line(result.profile.get("next_step") or "")
    if result.settings is not None:
        _checked(where, "settings", documents.doc_to_settings, result.settings)
    for key, decode, text in (
        ("purposes", documents.doc_to_purpose, "statement"),
        ("skills", documents.doc_to_skill, "name"),
    ):
        docs = _list(data, key, where)
        for doc in docs:
            item = _checked(where, key, decode, doc)
            if not item.slug.strip():
                raise _shape(where, f"{key}: an entry has no 'slug'")
            doc[text] = clean_line(doc.get(text) or "")
        setattr(result, key, docs)
    result.series = _list(data, "series", where)
    for doc in result.series:
        task = _task(where, "series", doc)
        doc["exdates"] = sorted(_exdates(doc, where))
        try:
            occurs_on(task.recurrence or "", task.day, task.day)
        except DateError:
            raise _shape(where, f"series {task.id!r} has no valid repeat rule") from None
    result.tasks = _list(data, "tasks", where)
    for doc in result.tasks:
        _task(where, "tasks", doc)
    result.days = _list(data, "days", where)
    for doc in result.days:
        _checked(where, "days", documents.doc_to_day, doc)
        reflection = doc.get("reflection")
        if isinstance(reflection, dict):
            for name, _ in REFLECTION_PROMPTS:
                reflection[name] = clean_text(reflection.get(name) or "")
    return result


def _task(where: str, key: str, doc: Doc) -> Any:
    task = _checked(where, key, documents.doc_to_task, doc)
    if not clean_line(task.title).strip():
        raise _shape(where, f"{key}: task {task.id!r} has an empty title")
    doc["title"] = clean_line(task.title).strip()
    doc["notes"] = clean_text(task.notes)
    return task


@dataclass
class ImportReport:
    """What an import added to the record."""

    tasks: int = 0
    series: int = 0
    purposes: int = 0
    skills: int = 0
    days: int = 0
    days_filled: int = 0
    profile: bool = False
    settings: bool = False

    @property
    def changed(self) -> bool:
        """True when the import added or filled in anything."""
        return any(
            (self.tasks, self.series, self.purposes, self.skills, self.days, self.days_filled)
        ) or (self.profile or self.settings)

    def describe(self) -> str:
        """One line: ``3 tasks, 1 series, 2 days added; profile set``."""
        parts = [
            f"{n} {word if n == 1 else plural}"
            for n, word, plural in (
                (self.tasks, "task", "tasks"),
                (self.series, "repeating task", "repeating tasks"),
                (self.purposes, "purpose", "purposes"),
                (self.skills, "skill", "skills"),
                (self.days, "day record", "day records"),
            )
            if n
        ]
        text = ", ".join(parts) + " added" if parts else ""
        extra = [f"{self.days_filled} day(s) filled in"] if self.days_filled else []
        extra += ["profile set"] if self.profile else []
        extra += ["settings set"] if self.settings else []
        return "; ".join([p for p in [text, ", ".join(extra)] if p]) or "nothing new"


def _default_profile(doc: Doc | None) -> bool:
    profile = documents.doc_to_profile(doc or {})
    return (profile.next_step, profile.next_step_skills, profile.stress_threshold) == (
        Profile().next_step,
        Profile().next_step_skills,
        Profile().stress_threshold,
    )


def _fill_day(existing: Doc, incoming: Doc) -> Doc | None:
    """``existing`` with what it lacks taken from ``incoming``; None when nothing changes."""
    merged = dict(existing)
    for key, value in incoming.items():
        if key == "reflection":
            current = existing.get("reflection")
            if value and (not current or documents.doc_to_reflection(current).is_empty):  # type: ignore[union-attr]
                merged[key] = value
        elif merged.get(key) is None and value is not None:
            merged[key] = value
    return merged if merged != existing else None


def import_json(store: Store, export: Export) -> ImportReport:
    """Merge ``export`` into ``store`` under the record's lock; returns what was added.

    A snapshot of the record is kept first (``backups/before-import-…``) when anything changes.
    """
    report = ImportReport()
    # The outer transaction only takes the lock: what to write is decided from the files as
    # they are while we hold it, so a concurrent writer cannot slip in between.
    with store.transaction():
        meta_changes = _plan_meta(store, export, report)
        have_series = {d.get("id") for d in store.raw_table(SERIES, "series")}
        new_series = []
        for doc in export.series:
            if doc["id"] not in have_series:
                have_series.add(doc["id"])
                new_series.append(doc)
        report.series = len(new_series)
        have_tasks = {d.get("id") for n in store.month_files() for d in store.raw_table(n, "tasks")}
        by_month: dict[str, tuple[list[Doc], dict[str, Doc]]] = {}
        for doc in export.tasks:
            if doc["id"] in have_tasks or doc["id"] in have_series:
                continue
            have_tasks.add(doc["id"])
            by_month.setdefault(month_name(date.fromisoformat(doc["day"])), ([], {}))[0].append(doc)
            report.tasks += 1
        for doc in export.days:
            by_month.setdefault(month_name(date.fromisoformat(doc["day"])), ([], {}))[1][
                doc["day"]
            ] = doc
        day_changes = _plan_days(store, by_month, report)
        if not report.changed:
            return report
        files = [store.folder / n for n in (META, SERIES, *store.month_files())]
        existing = [path for path in files if path.exists()]
        if existing:
            backups.snapshot(store.folder, existing, "before-import", store.now())
        names = [META] if meta_changes else []
        names += [SERIES] if new_series else []
        names += sorted(n for n in by_month if by_month[n][0] or day_changes.get(n))
        with store.transaction(*names) as dbs:
            if META in dbs and meta_changes is not None:
                meta_changes(dbs[META])
            if SERIES in dbs:
                dbs[SERIES].table("series").insert_multiple(new_series)
            for name, db in dbs.items():
                if name in (META, SERIES):
                    continue
                # One insert_multiple: TinyDB rewrites the whole table on every insert.
                db.table("tasks").insert_multiple(by_month[name][0])
                for day, doc in day_changes.get(name, {}).items():
                    table = db.table("days")
                    found = [d for d in table.all() if d.get("day") == day]
                    if found:
                        table.update(doc, doc_ids=[found[0].doc_id])
                    else:
                        table.insert(doc)
    return report


def _plan_days(
    store: Store, by_month: dict[str, tuple[list[Doc], dict[str, Doc]]], report: ImportReport
) -> dict[str, dict[str, Doc]]:
    changes: dict[str, dict[str, Doc]] = {}
    for name, (_, incoming) in by_month.items():
        have = {d.get("day"): d for d in store.raw_table(name, "days")}
        for day, doc in incoming.items():
            if day not in have:
                changes.setdefault(name, {})[day] = doc
                report.days += 1
                continue
            filled = _fill_day(have[day], doc)
            if filled is not None:
                changes.setdefault(name, {})[day] = filled
                report.days_filled += 1
    return changes


def _plan_meta(store: Store, export: Export, report: ImportReport) -> Callable[[Any], None] | None:
    """Decide the changes to meta.json; returns a function applying them (or None)."""
    profile_docs = store.raw_table(META, "profile")
    settings_docs = store.raw_table(META, "settings")
    set_profile = export.profile is not None and (
        _default_profile(profile_docs[0] if profile_docs else None)
        and (profile_docs[0] if profile_docs else None) != export.profile
    )
    current_settings = documents.doc_to_settings(settings_docs[0] if settings_docs else None)
    set_settings = export.settings is not None and (
        current_settings == Settings()
        and (settings_docs[0] if settings_docs else None) != export.settings
    )
    purposes = {d.get("slug"): d for d in store.raw_table(META, "purposes")}
    skills = {d.get("slug"): d for d in store.raw_table(META, "skills")}
    new_purposes = []
    for doc in export.purposes:
        mine = purposes.get(doc["slug"])
        # A purpose first met as a quick-add tag has only a draft statement: the user's own
        # statement from the export is better.
        if mine is None or (mine.get("draft") and not doc.get("draft")):
            purposes[doc["slug"]] = doc
            new_purposes.append(doc)
    new_skills = []
    for doc in export.skills:
        if doc["slug"] not in skills:
            skills[doc["slug"]] = doc
            new_skills.append(doc)
    report.purposes, report.skills = len(new_purposes), len(new_skills)
    report.profile, report.settings = bool(set_profile), bool(set_settings)
    if not (new_purposes or new_skills or set_profile or set_settings):
        return None

    def apply(db: Any) -> None:
        from tinydb import where

        for table, docs in (("purposes", new_purposes), ("skills", new_skills)):
            for doc in docs:
                db.table(table).upsert(doc, where("slug") == doc["slug"])
        for table, wanted, single in (
            ("profile", set_profile, export.profile),
            ("settings", set_settings, export.settings),
        ):
            if wanted and single is not None:
                db.table(table).truncate()
                db.table(table).insert(single)

    return apply
