"""The hand-written values of planner.model behave like the frozen dataclasses they replace."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import date, time

import pytest

from planner import model
from planner.model import DayRecord, Reflection, Task
from planner.series import Series

WRITE = Task("a1", "Write", date(2026, 11, 25), time(9, 30), purposes=("why",), order=2)


def test_equal_by_value_and_hashed_alike() -> None:
    same = Task("a1", "Write", date(2026, 11, 25), time(9, 30), purposes=("why",), order=2)
    assert same == WRITE and hash(WRITE) == hash(same)
    assert WRITE.with_changes(done=True) != WRITE
    assert len({WRITE, same, WRITE.with_changes(order=3)}) == 2
    assert DayRecord(date(2026, 1, 1)) != Reflection()  # another class is never equal
    assert (WRITE == "a1") is False


def test_frozen_like_a_dataclass() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        WRITE.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del WRITE.title
    with pytest.raises(AttributeError):
        WRITE.extra = 1  # type: ignore[attr-defined]
    assert WRITE.title == "Write"
    assert not hasattr(WRITE, "__dict__")


def test_repr_names_every_field_in_order() -> None:
    assert repr(DayRecord(date(2026, 1, 2), 3)) == (
        "DayRecord(day=datetime.date(2026, 1, 2), stress=3, reflection=None, reminded=False)"
    )
    assert repr(WRITE).startswith("Task(id='a1', title='Write', day=datetime.date(2026, 11, 25)")
    assert repr(WRITE).endswith("order=2, series=None, created='')")


def test_with_changes_keeps_the_rest_and_refuses_unknown_fields() -> None:
    changed = WRITE.with_changes(title="Read", done=True)
    assert (changed.title, changed.done, changed.time, changed.order) == (
        "Read",
        True,
        time(9, 30),
        2,
    )
    assert WRITE.title == "Write"
    record = DayRecord(date(2026, 1, 2), 3).with_changes(reminded=True)
    assert record == DayRecord(date(2026, 1, 2), 3, None, True)
    with pytest.raises(TypeError):
        WRITE.with_changes(colour="red")


def test_copies_and_pickles() -> None:
    series = Series(WRITE.with_changes(recurrence="FREQ=DAILY"), frozenset({date(2026, 12, 1)}))
    for value in (WRITE, DayRecord(date(2026, 1, 2), 4, Reflection(learned="x")), series):
        assert copy.copy(value) == value
        assert copy.deepcopy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value


def test_meta_values_are_dataclasses_loaded_on_first_use() -> None:
    profile = model.Profile()
    assert dataclasses.replace(profile, stress_threshold=2).stress_threshold == 2
    assert model.Settings().theme == "planner-dark"
    assert dataclasses.is_dataclass(model.Purpose) and dataclasses.is_dataclass(model.Skill)
    with pytest.raises(AttributeError):
        model.Nothing  # type: ignore[attr-defined]  # noqa: B018


def _task_docs() -> list[dict[str, object]]:
    base: dict[str, object] = {
        "id": "a1",
        "title": "Write",
        "day": "2026-11-25",
        "time": "09:30",
        "done": False,
        "purposes": ["why"],
        "skills": [],
        "people": ["ann", "bob"],
        "stretch": True,
        "recurrence": None,
        "notes": "n",
        "links": [],
        "order": 3,
        "series": None,
        "created": "2026-11-25T09:00:00",
    }
    odd: list[tuple[str, object]] = [
        ("id", ""),
        ("id", 5),
        ("title", None),
        ("title", 5),
        ("day", "2026-02-30"),
        ("day", None),
        ("time", ""),
        ("time", "25:00"),
        ("time", 930),
        ("done", 1),
        ("stretch", None),
        ("order", True),
        ("order", 2.0),
        ("purposes", None),
        ("purposes", "why"),
        ("skills", ["a", 1]),
        ("links", [None]),
        ("recurrence", 5),
        ("series", ["x"]),
        ("notes", None),
        ("created", 0),
    ]
    docs = [base, {k: v for k, v in base.items() if k not in ("time", "links", "order")}]
    docs += [{**base, key: value} for key, value in odd]
    return docs


@pytest.mark.parametrize("doc", _task_docs())
def test_the_quick_task_decoding_agrees_with_the_checked_one(doc: dict[str, object]) -> None:
    from planner import documents

    try:
        expected: object = documents._checked_task(doc)
    except documents.DocumentError as error:
        expected = str(error)
    quick = documents._plain_task(doc)
    assert quick is None or quick == expected
    try:
        decoded: object = documents.doc_to_task(doc)
    except documents.DocumentError as error:
        decoded = str(error)
    assert decoded == expected
    try:
        day: object = documents.task_day(doc)
    except documents.DocumentError as error:
        day = str(error)
    assert day == (expected.day if isinstance(expected, Task) else expected)


def test_usual_task_documents_take_the_quick_way() -> None:
    from planner import documents

    for doc in _task_docs()[:2]:
        assert documents._plain_task(doc) == documents._checked_task(doc)
