"""The record's model: validation rules and their messages, and the documents written to disk."""

from __future__ import annotations

import math
from datetime import date, time

import pytest

from planner import documents
from planner.documents import DocumentError
from planner.model import (
    MAX_TEXT,
    MAX_TITLE,
    DayRecord,
    Profile,
    Purpose,
    Reflection,
    Settings,
    Skill,
    Task,
    ValidationError,
    check_slug,
    check_text,
    check_title,
    clean_line,
    clean_text,
    draft_statement,
    is_stressful,
    new_task,
    parse_stress,
    skill_name,
    slugify,
    validated_reflection,
)
from planner.series import doc_to_series, split_virtual_id, virtual_id

DAY = date(2026, 11, 25)

# ------------------------------------------------------------------ cleaning text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain", "plain"),
        ("a\x1b[2Jb", "ab"),
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),
        ("a\x1b]0;title\x1b\\b", "ab"),
        ("a\x00\x07\x7f\x9bb", "ab"),
        ("line\r\nnext\rthird", "line\nnext\nthird"),
        ("tab\tkept", "tab\tkept"),
        ("[bold]not markup[/]", "[bold]not markup[/]"),
        ("emoji 🎉 and 漢字", "emoji 🎉 and 漢字"),
        # Bidi embedding, override and isolate controls go; right-to-left letters, the plain
        # direction marks and emoji joiners stay.
        ("a\u202ab\u202bc\u202cd\u202de\u202ef", "abcdef"),
        ("a\u2066b\u2067c\u2068d\u2069e", "abcde"),
        ("שלום \u200fעולם مرحبا", "שלום \u200fעולם مرحبا"),
        ("family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_bidi_controls_are_stripped_from_one_line_text() -> None:
    assert clean_line("evil\u202etxt.exe\u2069") == "eviltxt.exe"
    assert check_title("Zero\u200bwidth inside") == "Zero\u200bwidth inside"


def test_clean_line_makes_one_line() -> None:
    assert clean_line("a\nb\tc\r\nd") == "a b c d"


def test_check_title() -> None:
    assert check_title("  Mentor Ann  ") == "Mentor Ann"
    assert check_title("two\nlines") == "two lines"
    for bad in ("", "   ", "\x1b[2J", "\n\t", "\u200b", " \u200b\ufeff\u2060 ", "\u202e\u2066"):
        with pytest.raises(ValidationError, match="empty title"):
            check_title(bad)
    assert check_title("x" * MAX_TITLE) == "x" * MAX_TITLE
    with pytest.raises(ValidationError, match="too long"):
        check_title("x" * (MAX_TITLE + 1))


def test_check_text_size() -> None:
    assert check_text("a\nb") == "a\nb"
    with pytest.raises(ValidationError, match="too long"):
        check_text("x" * (MAX_TEXT + 1), "reflection")


def test_slugs() -> None:
    assert slugify("To help others") == "to-help-others"
    assert slugify("  Excel!! ") == "excel"
    assert check_slug("Mentoring") == "mentoring"
    with pytest.raises(ValidationError, match="empty purpose"):
        check_slug("!!!", "purpose")
    with pytest.raises(ValidationError, match="too long"):
        check_slug("a" * 101)
    assert draft_statement("help-others") == "Help others"
    assert skill_name("pivot_tables") == "Pivot tables"


# ------------------------------------------------------------------ ratings


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4), (2.0, 2)])
def test_parse_stress_accepts(value: object, expected: int) -> None:
    assert parse_stress(value) == expected


@pytest.mark.parametrize(
    "value", [0, 6, -1, 5.5, math.nan, math.inf, "abc", "", "5.5", "NaN", True, None, "1e1"]
)
def test_parse_stress_refuses_with_what_is_accepted(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_stress(value)
    assert "1 (calm) to 5" in str(caught.value)


def test_parse_stress_message_is_short_and_clean() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_stress("\x1b[2J" + "x" * 1000)
    assert "\x1b" not in str(caught.value)
    assert len(str(caught.value)) < 200


def test_stressful_threshold() -> None:
    assert not is_stressful(None)
    assert is_stressful(4) and not is_stressful(3)
    assert is_stressful(3, threshold=3)
    assert DayRecord(DAY, stress=5).stressful()
    assert not DayRecord(DAY, stress=2).stressful(threshold=4)


# ------------------------------------------------------------------ tasks


def test_new_task_validates_and_normalises() -> None:
    task = new_task(
        id="t1",
        title=" Mentor\x1b[31m Ann ",
        day=DAY,
        purposes=["Help Others", "help-others"],
        skills=["Excel"],
        people=["ann", "Ann"],
        links=["  https://x \n", " "],
        notes="line1\nline2\x07",
        created="2026-11-25T08:00:00",
    )
    assert task.title == "Mentor Ann"
    assert task.purposes == ("help-others",)
    assert task.skills == ("excel",)
    assert task.people == ("ann",)
    assert task.links == ("https://x",)
    assert task.notes == "line1\nline2"
    assert task.serves_purpose and not task.is_recurring
    with pytest.raises(ValidationError):
        new_task(id="t", title=" ", day=DAY)


def test_task_sort_key_and_changes() -> None:
    early = Task("a", "a", DAY, time=time(9), order=1)
    untimed = Task("b", "b", DAY, order=1)
    first = Task("c", "c", DAY, order=0)
    assert sorted([untimed, early, first], key=Task.sort_key) == [first, early, untimed]
    changed = early.with_changes(done=True)
    assert changed.done and not early.done


def test_reflection() -> None:
    empty = Reflection()
    assert empty.is_empty
    filled = validated_reflection(learned="Pivots\x1b[2J", intention="Rest")
    assert filled.learned == "Pivots"
    assert not filled.is_empty
    assert filled.answers()[0][0].startswith("What did I learn")
    with pytest.raises(ValidationError):
        validated_reflection(helped="x" * (MAX_TEXT + 1))


def test_settings_hashable_and_profile_defaults() -> None:
    assert hash(Settings(keymap={"a": "b"})) == hash(Settings(keymap={"a": "b"}))
    assert Profile().stress_threshold == 4


# ------------------------------------------------------------------ documents


def test_task_document_round_trip() -> None:
    task = Task(
        id="t1",
        title="Title [b]x[/b] 🎉",
        day=DAY,
        time=time(15, 30),
        done=True,
        purposes=("p",),
        skills=("s",),
        people=("ann",),
        stretch=True,
        recurrence=None,
        notes="n\nn",
        links=("https://x",),
        order=3,
        series="abc",
        created="2026-11-25T08:00:00",
    )
    doc = documents.task_to_doc(task)
    assert doc["time"] == "15:30" and doc["day"] == "2026-11-25"
    assert documents.doc_to_task(doc) == task
    assert documents.doc_to_task({**doc, "unknown": 1}) == task


def test_minimal_task_document_uses_defaults() -> None:
    task = documents.doc_to_task({"id": "x", "title": "t", "day": "2026-11-25"})
    assert task == Task("x", "t", DAY)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": None}, "id"),
        ({"day": "2026-02-30"}, "day"),
        ({"day": 20261125}, "day"),
        ({"time": "25:99"}, "time"),
        ({"done": "yes"}, "done"),
        ({"purposes": "p"}, "purposes"),
        ({"purposes": [1]}, "purposes"),
        ({"order": "1"}, "order"),
        ({"order": True}, "order"),
        ({"title": ["x"]}, "title"),
        ({"recurrence": 3}, "recurrence"),
    ],
)
def test_wrong_field_types_name_the_field(change: dict[str, object], field: str) -> None:
    doc = {"id": "t1", "title": "t", "day": "2026-11-25", **change}
    with pytest.raises(DocumentError) as caught:
        documents.doc_to_task(doc)
    assert repr(field) in str(caught.value) or field == "id"


def test_document_errors_never_echo_private_values() -> None:
    secret = "my private reflection about my boss"
    for doc in (
        {"id": "t", "title": "t", "day": secret},
        {"id": "t", "title": "t", "day": "2026-11-25", "done": secret},
        {"id": "t", "title": "t", "day": "2026-11-25", "time": secret},
        {"id": "t", "title": "t", "day": "2026-11-25", "order": secret},
    ):
        with pytest.raises(DocumentError) as caught:
            documents.doc_to_task(doc)
        assert secret not in str(caught.value)
    with pytest.raises(DocumentError) as caught:
        documents.doc_to_day({"day": "2026-11-25", "reminded": secret})
    assert secret not in str(caught.value)


def test_day_document_round_trip_and_errors() -> None:
    record = DayRecord(DAY, stress=4, reflection=Reflection(learned="x", saved_at="s"))
    assert documents.doc_to_day(documents.day_to_doc(record)) == record
    assert documents.doc_to_day({"day": "2026-11-25"}) == DayRecord(DAY)
    for stress in (0, 6, "4", True, 4.5):
        with pytest.raises(DocumentError, match="stress"):
            documents.doc_to_day({"day": "2026-11-25", "stress": stress})
    with pytest.raises(DocumentError, match="reflection"):
        documents.doc_to_day({"day": "2026-11-25", "reflection": "text"})


def test_meta_documents_round_trip() -> None:
    profile = Profile(next_step="Lead", stress_threshold=3, next_step_skills=("x",), welcomed=True)
    assert documents.doc_to_profile(documents.profile_to_doc(profile)) == profile
    assert documents.doc_to_profile(None) == Profile()
    with pytest.raises(DocumentError, match="stress_threshold"):
        documents.doc_to_profile({"stress_threshold": 9})
    settings = Settings(theme="t", keymap={"quick_add": "n"})
    assert documents.doc_to_settings(documents.settings_to_doc(settings)) == settings
    assert documents.doc_to_settings({"keymap": {"a": 1, "b": "c"}}).keymap == {"b": "c"}
    purpose = Purpose("p", "P", archived=True, draft=True)
    assert documents.doc_to_purpose(documents.purpose_to_doc(purpose)) == purpose
    skill = Skill("s", "S", archived=True)
    assert documents.doc_to_skill(documents.skill_to_doc(skill)) == skill


def test_series_documents_and_virtual_ids() -> None:
    assert virtual_id("abc", DAY) == "abc~20261125"
    assert split_virtual_id("abc~20261125") == ("abc", DAY)
    for plain in ("abc", "abc~", "~20261125", "abc~20261332", "abc~2026112"):
        assert split_virtual_id(plain) is None
    doc = {"id": "s", "title": "t", "day": "2026-11-25", "recurrence": "FREQ=DAILY"}
    series = doc_to_series({**doc, "exdates": ["2026-11-26"]})
    assert series.exdates == frozenset({date(2026, 11, 26)})
    assert series.occurrence(date(2026, 11, 27)).id == "s~20261127"
    for bad in ("2026-11-26", ["x"], [1]):
        with pytest.raises(DocumentError, match="exdates"):
            doc_to_series({**doc, "exdates": bad})
