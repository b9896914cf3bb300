"""Recurring series: how a repeating task is kept, and the occurrences it shows on a day.

A series is one document in ``recurring.json``: the template task (its ``day`` is the first day
of the series, its ``recurrence`` an RFC 5545 RRULE body) plus ``exdates``, the days the user
deleted. Nothing is stored per occurrence until the user touches one: an occurrence is
*virtual*, with the id ``<series id>~YYYYMMDD``, stable so that two processes name it alike.
Touching it (done, edit, reorder) stores a real task with that id in the month file; deleting
it adds the day to ``exdates``; moving it stores it on the new day and skips the old one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from planner import documents
from planner.documents import DocumentError
from planner.model import Frozen, Task, ValidationError

__all__ = [
    "VIRTUAL_SEP",
    "Series",
    "doc_to_series",
    "occurrences_on",
    "series_start",
    "series_to_doc",
    "split_virtual_id",
    "virtual_id",
    "with_exdate",
]

VIRTUAL_SEP = "~"
Doc = dict[str, Any]


def virtual_id(series_id: str, day: date) -> str:
    """The id of a recurring series' occurrence on ``day`` (stable, so two writers agree)."""
    return f"{series_id}{VIRTUAL_SEP}{day:%Y%m%d}"


def split_virtual_id(task_id: str) -> tuple[str, date] | None:
    """``(series id, day)`` for an occurrence id, else ``None``."""
    series_id, sep, stamp = task_id.rpartition(VIRTUAL_SEP)
    if not sep or not series_id or len(stamp) != 8 or not stamp.isdigit():
        return None
    try:
        return series_id, datetime.strptime(stamp, "%Y%m%d").date()
    except ValueError:
        return None


class Series(Frozen):
    """A recurring task: the template, its rule, and the days the user removed."""

    _fields = ("template", "exdates")
    __slots__ = _fields

    template: Task
    exdates: frozenset[date]

    def __init__(self, template: Task, exdates: frozenset[date]) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "exdates", exdates)

    def occurrence(self, day: date) -> Task:
        """The occurrence on ``day`` as it is when nobody touched it."""
        return self.template.with_changes(
            id=virtual_id(self.template.id, day), day=day, done=False, series=self.template.id
        )


def doc_to_series(doc: Doc) -> Series:
    """Decode a series document; raises :class:`DocumentError` on a wrong field."""
    template = documents.doc_to_task(doc)
    raw = doc.get("exdates", [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise DocumentError(f"series {template.id[:40]!r}: 'exdates' should be a list of dates")
    try:
        exdates = frozenset(date.fromisoformat(day) for day in raw)
    except (TypeError, ValueError):
        raise DocumentError(
            f"series {template.id[:40]!r}: 'exdates' should be a list of dates (YYYY-MM-DD)"
        ) from None
    return Series(template, exdates)


def series_to_doc(template: Task, existing: Doc | None = None) -> Doc:
    """The document for a series, merged into ``existing`` (its skipped days and any fields a
    newer program added are kept)."""
    base: Doc = dict(existing) if existing else {"exdates": []}
    base.update(documents.task_to_doc(template))
    base.setdefault("exdates", [])
    return base


def with_exdate(doc: Doc, day: date, *, skipped: bool) -> list[str] | None:
    """The series' new ``exdates`` with ``day`` skipped (or no longer), or ``None`` if unchanged."""
    days = set(doc.get("exdates") or [])
    before = set(days)
    if skipped:
        days.add(day.isoformat())
    else:
        days.discard(day.isoformat())
    return sorted(days) if days != before else None


def occurrences_on(all_series: Iterable[Series], day: date, taken: set[str]) -> list[Task]:
    """The untouched occurrences on ``day``: not skipped, and not already stored (``taken``)."""
    found = []
    for series in all_series:
        rule = series.template.recurrence
        if not rule or day in series.exdates or virtual_id(series.template.id, day) in taken:
            continue
        # Imported here: dateutil's rrule is only needed when the record has series.
        from planner.dates import occurs_on

        # A rule this version cannot read (from a newer program) shows no occurrences rather
        # than hiding the whole day; the series itself is kept as it is.
        with contextlib.suppress(ValueError):
            if occurs_on(rule, series.template.day, day):
                found.append(series.occurrence(day))
    return found


def series_start(task: Task) -> Task:
    """The template of a new series: its rule checked, its first day the first occurrence.

    ``every mon`` typed on a Wednesday starts on the following Monday. Raises
    :class:`~planner.model.ValidationError` (a ``DateError``) for a rule that cannot be read
    or never occurs.
    """
    from planner.dates import first_occurrence

    assert task.recurrence is not None
    start = first_occurrence(task.recurrence, task.day)
    if start is None:
        raise ValidationError(f"the repeat rule never occurs on or after {task.day.isoformat()}")
    return task.with_changes(day=start, series=None)
