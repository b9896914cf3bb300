"""Undo for the day screen: a stack of changes, each a list of task snapshots.

Every change the user makes (add, edit, toggle, delete, move, carry, reorder) is recorded as
``(before, after)`` snapshots of the tasks it touched: ``before`` is ``None`` for a task that
was created, ``after`` is ``None`` for one that was removed. Undoing puts every ``before``
back exactly (``Store.put_task``) or removes what was created (``Store.remove_task``), newest
first. Pure: no Textual, and the store is anything with those two methods.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from planner.model import Task

__all__ = ["Change", "Entry", "TaskWriter", "UndoStack", "apply_undo"]


@dataclass(frozen=True, slots=True)
class Change:
    """One task before and after an action."""

    before: Task | None
    after: Task | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One undoable action: what the user did (``"delete"``) and every task it changed."""

    label: str
    changes: tuple[Change, ...]


class TaskWriter(Protocol):
    """The two store methods undo needs."""

    def put_task(self, task: Task) -> Task:
        """Store ``task`` exactly as given."""

    def remove_task(self, task_id: str) -> Task:
        """Remove the task with ``task_id``."""


class UndoStack:
    """The most recent actions, newest last, at most ``limit`` of them."""

    def __init__(self, limit: int = 100) -> None:
        self.limit = limit
        self._entries: list[Entry] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def record(self, label: str, changes: Iterable[Change]) -> Entry | None:
        """Remember an action; an action that changed nothing is not recorded."""
        kept = tuple(c for c in changes if c.before != c.after)
        if not kept:
            return None
        entry = Entry(label, kept)
        self._entries.append(entry)
        # Oldest actions fall off the bottom: undo is for mistakes just made.
        del self._entries[: -self.limit]
        return entry

    def peek(self) -> Entry | None:
        """The action an undo would revert, without taking it off the stack."""
        return self._entries[-1] if self._entries else None

    def pop(self) -> Entry | None:
        """Take the newest action off the stack."""
        return self._entries.pop() if self._entries else None

    def push_back(self, entry: Entry) -> None:
        """Put an entry back on top (its undo failed, so it may be tried again)."""
        self._entries.append(entry)


def apply_undo(store: TaskWriter, entry: Entry) -> list[Task]:
    """Revert ``entry`` in the store, newest change first; returns the tasks put back."""
    restored: list[Task] = []
    for change in reversed(entry.changes):
        if change.before is None:
            if change.after is not None:
                store.remove_task(change.after.id)
        else:
            restored.append(store.put_task(change.before))
    return restored
