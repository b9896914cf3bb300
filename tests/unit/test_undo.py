"""The undo stack and how an undo is applied to a store (a fake one: undo is pure)."""

from __future__ import annotations

from datetime import date

from planner.model import Task
from planner.undo import Change, UndoStack, apply_undo

DAY = date(2026, 11, 25)


def task(task_id: str, title: str = "t") -> Task:
    return Task(id=task_id, title=title, day=DAY)


class FakeStore:
    """Records what undo asks of the store."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def put_task(self, t: Task) -> Task:
        self.calls.append(("put", t.title))
        return t

    def remove_task(self, task_id: str) -> Task:
        self.calls.append(("remove", task_id))
        return task(task_id)


def test_records_newest_last_and_pops_in_reverse() -> None:
    stack = UndoStack()
    stack.record("add", [Change(None, task("a"))])
    stack.record("edit", [Change(task("a", "old"), task("a", "new"))])
    assert len(stack) == 2
    assert stack.pop().label == "edit"  # type: ignore[union-attr]
    assert stack.pop().label == "add"  # type: ignore[union-attr]
    assert stack.pop() is None and not stack


def test_an_action_that_changed_nothing_is_not_recorded() -> None:
    stack = UndoStack()
    assert stack.record("reorder", []) is None
    assert stack.record("edit", [Change(task("a"), task("a"))]) is None
    assert not stack


def test_the_oldest_actions_fall_off() -> None:
    stack = UndoStack(limit=3)
    for i in range(5):
        stack.record(f"edit {i}", [Change(task("a", str(i)), task("a", str(i + 1)))])
    assert [stack.pop().label for _ in range(3)] == ["edit 4", "edit 3", "edit 2"]  # type: ignore[union-attr]
    assert stack.pop() is None


def test_apply_undo_puts_befores_back_and_removes_creations_newest_first() -> None:
    store = FakeStore()
    entry = UndoStack().record(
        "edit",
        [Change(task("a", "before"), None), Change(None, task("series", "created"))],
    )
    assert entry is not None
    apply_undo(store, entry)
    assert store.calls == [("remove", "series"), ("put", "before")]


def test_push_back_keeps_a_failed_undo_for_later() -> None:
    stack = UndoStack()
    entry = stack.record("delete", [Change(task("a"), None)])
    assert entry is not None and stack.pop() is entry
    stack.push_back(entry)
    assert stack.peek() is entry
