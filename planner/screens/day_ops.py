"""What the day screen does to the record, as plain functions over the store (no Textual).

Each write returns the :class:`planner.undo.Change` snapshots it made, so the screen can put
them on its undo stack; reads are gathered in one :class:`DayData` per refresh. Keeping this
apart from the screen keeps the screen about the view and makes these rules testable alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.model import DayRecord, Task, new_task
from planner.storage import StoreError
from planner.store import Store, new_id
from planner.undo import Change

if TYPE_CHECKING:
    from planner.quickadd import ParsedTask

__all__ = [
    "DayData",
    "add_task",
    "affects_growth",
    "carry",
    "count_growth",
    "delete",
    "load_day",
    "move",
    "reorder",
    "save_edit",
    "skill_growth",
    "task_from_parsed",
    "toggle",
]

GROWTH_WINDOW = 30
"""Days counted as "recently" in a skill's growth."""


@dataclass(frozen=True, slots=True)
class DayData:
    """Everything the day screen shows about one day, read in one go."""

    day: date
    tasks: tuple[Task, ...]
    record: DayRecord
    intention: str
    """The intention written in the previous day's reflection, or ``""``."""
    threshold: int
    purposes: dict[str, str] = field(default_factory=dict)
    """Purpose slug → the user's statement."""
    skills: dict[str, str] = field(default_factory=dict)
    """Skill slug → its display name."""


def load_day(store: Store, day: date) -> DayData:
    """Read the day's tasks, its record, the eve's intention and the names of the tags (one
    version of each file: see :meth:`planner.records.RecordFolder.snapshot`)."""
    with store.snapshot():
        previous = store.day_record(day - timedelta(days=1))
        intention = previous.reflection.intention.strip() if previous.reflection else ""
        return DayData(
            day=day,
            tasks=tuple(store.tasks_for_day(day)),
            record=store.day_record(day),
            intention=intention,
            threshold=store.profile().stress_threshold,
            purposes={p.slug: p.statement for p in store.purposes()},
            skills={s.slug: s.name for s in store.skills()},
        )


def skill_growth(
    tasks: Iterable[Task], today: date, window: int = GROWTH_WINDOW
) -> dict[str, tuple[int, int]]:
    """Per skill slug: (done tasks that grew it in the last ``window`` days, done in all)."""
    first = today - timedelta(days=window - 1)
    recent: dict[str, int] = {}
    total: dict[str, int] = {}
    for task in tasks:
        if not task.done:
            continue
        for slug in task.skills:
            total[slug] = total.get(slug, 0) + 1
            if first <= task.day <= today:
                recent[slug] = recent.get(slug, 0) + 1
    return {slug: (recent.get(slug, 0), count) for slug, count in total.items()}


def affects_growth(changes: Iterable[Change]) -> bool:
    """Whether ``changes`` can alter a skill's growth: only done tasks with skills count, so
    adding an open task or ticking one without skills needs no new count."""
    return any(
        task is not None and task.done and bool(task.skills)
        for change in changes
        for task in (change.before, change.after)
    )


def count_growth(
    store: Store, today: date, window: int = GROWTH_WINDOW
) -> dict[str, tuple[int, int]]:
    """:func:`skill_growth` over the whole record, read through the insights' month summaries.

    The totals need all of history. The summaries (:mod:`planner.insights_load`, kept on disk
    beside the record) mean that only the month files changed since the last count are read
    again, one at a time: a count after a key press reads one file, not ten years, and ten
    years of tasks are never held in memory at once.
    """
    from planner.insights_load import history_cache

    first = today - timedelta(days=window - 1)
    history = history_cache(store).load(store.folder, store.month_files(), first, today)
    recent = skill_growth(history.tasks, today, window)
    return {slug: (recent.get(slug, (0, 0))[0], total) for slug, total in history.totals.items()}


def task_from_parsed(parsed: ParsedTask, default_day: date) -> Task:
    """A new task from quick-add text; raises ``ValidationError`` for a bad value."""
    return new_task(
        id=new_id(),
        title=parsed.title,
        day=parsed.resolved_day(default_day),
        time=parsed.time,
        purposes=parsed.purposes,
        skills=parsed.skills,
        people=parsed.people,
        stretch=parsed.stretch,
        recurrence=parsed.recurrence,
    )


def add_task(store: Store, task: Task) -> tuple[Task, list[str], Change]:
    """Save a new task, creating its new purposes and skills.

    Returns the task as shown on its day, the purposes created (they need a statement) and
    the undo snapshot. A repeating task is recorded by its series, so undo removes the series.
    """
    created_purposes, _ = store.ensure_tags(task.purposes, task.skills)
    stored = store.add_task(task)
    return stored, created_purposes, Change(None, task if task.recurrence else stored)


def toggle(store: Store, task: Task) -> Change:
    """Mark ``task`` done or not done."""
    return Change(task, store.set_done(task.id, not task.done))


def delete(store: Store, task: Task) -> Change:
    """Delete ``task`` (for a repeating task, this day's occurrence only)."""
    store.remove_task(task.id)
    return Change(task, None)


def move(store: Store, task: Task, day: date) -> Change:
    """Move ``task`` to ``day``."""
    return Change(task, store.move_task(task.id, day))


def carry(store: Store, tasks: Iterable[Task], day: date) -> tuple[list[Change], StoreError | None]:
    """Move ``tasks`` into ``day``; stops at the first failure and returns it with what was done."""
    changes: list[Change] = []
    for task in tasks:
        try:
            changes.append(move(store, task, day))
        except StoreError as error:
            return changes, error
    return changes, None


def reorder(
    store: Store, day: date, tasks: tuple[Task, ...], task_id: str, step: int
) -> list[Change]:
    """Move the task ``task_id`` ``step`` places up (-1) or down (+1) the day's list."""
    ids = [t.id for t in tasks]
    index = ids.index(task_id)
    target = index + step
    if not 0 <= target < len(ids):
        return []
    ids[index], ids[target] = ids[target], ids[index]
    before = {t.id: t for t in tasks}
    after = store.reorder(day, ids)
    return [Change(before[t.id], t) for t in after if t.id in before and before[t.id] != t]


def save_edit(store: Store, before: Task, after: Task) -> tuple[Task, list[Change]]:
    """Save an edited task; giving a one-off task a repeat rule turns it into a series."""
    if before.series is not None and after.series is None:
        # An occurrence edited for its whole series (or its series stopped): see series_edit.
        from planner.screens.series_edit import save_series_edit

        return after, save_series_edit(store, before, after)
    store.ensure_tags(after.purposes, after.skills)
    if after.recurrence and not before.recurrence and after.series is None:
        store.remove_task(before.id)
        stored = store.add_task(after)
        return stored, [Change(before, None), Change(None, after)]
    stored = store.put_task(after)
    changes = [Change(before, stored)]
    if stored.time is not None and (stored.time != before.time or stored.day != before.day):
        changes += _slot_by_time(store, stored)
    return stored, changes


def _slot_by_time(store: Store, task: Task) -> list[Change]:
    """Put a task whose time changed back in time order: before the first later-timed task."""
    day_tasks = store.tasks_for_day(task.day)
    others = [t for t in day_tasks if t.id != task.id]
    slot = next(
        (
            i
            for i, t in enumerate(others)
            if t.time is not None and task.time is not None and t.time > task.time
        ),
        len(others),
    )
    ids = [t.id for t in others]
    ids.insert(slot, task.id)
    if ids == [t.id for t in day_tasks]:
        return []
    before = {t.id: t for t in day_tasks}
    after = store.reorder(task.day, ids)
    return [Change(before[t.id], t) for t in after if t.id in before and before[t.id] != t]
