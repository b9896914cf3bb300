"""Changing a repeating task as a whole: edit its series, or stop it from a day on.

An occurrence's edit normally applies to that day only; these are the two other choices. The
series' template is changed with ``Store.put_task`` (which keeps its skipped days), and each
write returns :class:`planner.undo.Change` snapshots, ``(template before, template after)``, so
undo puts the series back exactly. No Textual here: the day screen calls these.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner import dates
from planner.model import Task, ValidationError
from planner.series import Series
from planner.store import NotFoundError, Store
from planner.undo import Change

__all__ = ["rule_until", "save_series_edit", "stop_series"]


def _series_of(store: Store, occurrence: Task) -> Series:
    for series in store.series():
        if series.template.id == occurrence.series:
            return series
    raise NotFoundError("this repeating task's series is no longer in the record")


def rule_until(rule: str, last: date) -> str:
    """``rule`` ending on ``last`` (an RRULE ``UNTIL``; an earlier end or count is replaced)."""
    parts = [p for p in rule.split(";") if p and p.split("=")[0].upper() not in ("UNTIL", "COUNT")]
    return ";".join([*parts, f"UNTIL={last:%Y%m%d}"])


def stop_series(store: Store, occurrence: Task) -> list[Change]:
    """End ``occurrence``'s series the day before it; the days before keep their history.

    A series with no day before this one (and no skipped day to keep) is removed outright.
    The shown day's own stored copy (done, or edited for that day) goes too.
    """
    series = _series_of(store, occurrence)
    template = series.template
    last = occurrence.day - timedelta(days=1)
    changes: list[Change] = []
    assert template.recurrence is not None
    if last < template.day and not series.exdates:
        store.remove_task(template.id)
        changes.append(Change(template, None))
    else:
        stopped = template.with_changes(recurrence=rule_until(template.recurrence, last))
        store.put_task(stopped)
        changes.append(Change(template, stopped))
    # A copy stored for the day (done, or edited for this day only) still shows: remove it.
    if any(t.id == occurrence.id for t in store.tasks_for_day(occurrence.day)):
        stored = store.remove_task(occurrence.id)
        changes.append(Change(stored, None))
    return changes


def save_series_edit(store: Store, occurrence: Task, edited: Task) -> list[Change]:
    """Apply the edit of ``occurrence`` to its whole series.

    ``edited`` carries the form's fields; its rule empty means "stop repeating" (from the
    shown day on). The series keeps its first day and skipped days; the shown day's done
    state is the occurrence's own.
    """
    if not edited.recurrence:
        return stop_series(store, occurrence)
    series = _series_of(store, occurrence)
    before = series.template
    if dates.first_occurrence(edited.recurrence, before.day) is None:
        raise ValidationError(f"the repeat rule never occurs on or after {before.day.isoformat()}")
    store.ensure_tags(edited.purposes, edited.skills)
    fields = {
        "title": edited.title,
        "time": edited.time,
        "purposes": edited.purposes,
        "skills": edited.skills,
        "people": edited.people,
        "stretch": edited.stretch,
        "notes": edited.notes,
        "links": edited.links,
    }
    after = before.with_changes(recurrence=edited.recurrence, **fields)
    store.put_task(after)
    changes = [Change(before, after)]
    # The shown day follows the series unless it holds a stored copy, which is updated too.
    untouched = series.occurrence(occurrence.day)
    if occurrence != untouched or edited.done != occurrence.done:
        own = occurrence.with_changes(recurrence=edited.recurrence, done=edited.done, **fields)
        store.put_task(own)
        changes.append(Change(occurrence, own))
    return changes
