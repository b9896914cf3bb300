"""The export formats and the import: JSON round trip and merge, Markdown journal, iCalendar."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from tinydb import where

from planner import transfer
from planner.exports import fold, md_escape
from planner.model import Profile, Purpose, Settings, Skill, new_task, validated_reflection
from planner.store import META, SERIES, Store, month_name

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 18, 0, 0)


def open_store(folder: Path) -> Store:
    return Store.open(folder, now=lambda: NOW)


def add(store: Store, task_id: str, title: str, day: date, **fields: Any) -> None:
    store.ensure_tags(fields.get("purposes", ()), fields.get("skills", ()))
    store.add_task(
        new_task(id=task_id, title=title, day=day, created="2026-11-01T09:00:00", **fields)
    )


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (backups included), by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def rich(tmp_path: Path) -> Store:
    """A record with something in every part: profile, settings, tags, tasks, series, days."""
    store = open_store(tmp_path / "rich")
    store.save_profile(
        Profile(
            next_step="Team lead",
            stress_threshold=3,
            next_step_skills=("mentoring",),
            welcomed=True,
        )
    )
    store.save_settings(Settings(theme="planner-light", keymap={"day.next": "n"}))
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_skill(Skill("excel", "Excel"))
    add(
        store,
        "aaaa00000001",
        "Mentor the new hire on pivot tables",
        TODAY + timedelta(days=1),
        time=time(15, 0),
        purposes=["help-others"],
        skills=["excel"],
        people=["marilyn"],
        stretch=True,
        notes="Bring the sample sheet,\nand coffee; maybe.",
    )
    add(store, "aaaa00000002", "Write the weekly report", TODAY, skills=["writing"])
    add(
        store,
        "aaaa00000003",
        "Review [/] markup & **stars**",
        TODAY - timedelta(days=40),
        time=time(9, 30),
    )
    store.set_done("aaaa00000002", True)
    add(
        store,
        "bbbb00000001",
        "Stand-up",
        TODAY - timedelta(days=7),
        time=time(9, 0),
        recurrence="FREQ=DAILY",
    )
    store.remove_task(f"bbbb00000001~{TODAY - timedelta(days=5):%Y%m%d}")  # a skipped day
    store.set_done(f"bbbb00000001~{TODAY - timedelta(days=1):%Y%m%d}", True)  # a touched one
    store.set_stress(TODAY, 4)
    store.save_reflection(
        TODAY - timedelta(days=1),
        validated_reflection(
            learned="Pivot tables group by month",
            helped="Marilyn, with the report",
            intention="Start with the hard thing",
        ),
        stress=2,
    )
    # Fields a newer program might have written: they must survive export and import.
    with store.transaction(month_name(TODAY), SERIES) as dbs:
        dbs[month_name(TODAY)].table("tasks").update(
            {"colour": "blue"}, where("id") == "aaaa00000002"
        )
        days = dbs[month_name(TODAY)].table("days")
        days.update({"weather": "rain"}, where("day") == TODAY.isoformat())
        dbs[SERIES].table("series").update({"x-source": "phone"}, where("id") == "bbbb00000001")
    return store


# ------------------------------------------------------------------------------- JSON


def test_export_json_has_every_part(rich: Store) -> None:
    data = transfer.export_json(rich)
    assert data["format"] == "planner-export" and data["version"] == 1
    assert data["profile"]["next_step"] == "Team lead"
    assert data["settings"]["keymap"] == {"day.next": "n"}
    assert [p["slug"] for p in data["purposes"]] == ["help-others"]
    assert {s["slug"] for s in data["skills"]} == {"excel", "writing"}
    assert [s["id"] for s in data["series"]] == ["bbbb00000001"]
    assert data["series"][0]["exdates"] == [f"{TODAY - timedelta(days=5)}"]
    assert data["series"][0]["x-source"] == "phone"
    ids = [t["id"] for t in data["tasks"]]
    assert set(ids) == {
        "aaaa00000001",
        "aaaa00000002",
        "aaaa00000003",
        f"bbbb00000001~{TODAY - timedelta(days=1):%Y%m%d}",
    }
    report = next(t for t in data["tasks"] if t["id"] == "aaaa00000002")
    assert report["colour"] == "blue" and report["done"] is True
    days = {d["day"]: d for d in data["days"]}
    assert days[TODAY.isoformat()]["stress"] == 4 and days[TODAY.isoformat()]["weather"] == "rain"
    assert (
        days[str(TODAY - timedelta(days=1))]["reflection"]["learned"]
        == "Pivot tables group by month"
    )


def test_export_json_range_limits_tasks_and_days_only(rich: Store) -> None:
    data = transfer.export_json(rich, TODAY, TODAY)
    assert [t["id"] for t in data["tasks"]] == ["aaaa00000002"]
    assert [d["day"] for d in data["days"]] == [TODAY.isoformat()]
    assert data["series"] and data["purposes"] and data["profile"]["next_step"] == "Team lead"
    assert data["range"] == {"from": TODAY.isoformat(), "to": TODAY.isoformat()}


def test_round_trip_into_an_empty_folder_reproduces_the_record(rich: Store, tmp_path: Path) -> None:
    first = transfer.export_json(rich)
    text = json.dumps(first)
    copy = open_store(tmp_path / "copy")
    export = transfer.validate_export(json.loads(text), "backup.json")
    report = transfer.import_json(copy, export)
    assert report.tasks == 4 and report.series == 1 and report.days == 2
    assert report.profile and report.settings
    again = transfer.export_json(open_store(tmp_path / "copy"))
    assert again == first
    # And the copy behaves like the original, not just exports like it.
    assert [t.id for t in copy.tasks_for_day(TODAY)] == [t.id for t in rich.tasks_for_day(TODAY)]
    assert copy.day_record(TODAY - timedelta(days=1)) == rich.day_record(TODAY - timedelta(days=1))
    skipped = TODAY - timedelta(days=5)
    assert [t.title for t in copy.tasks_for_day(skipped)] == [
        t.title for t in rich.tasks_for_day(skipped)
    ]


def test_importing_twice_adds_nothing_and_writes_nothing(rich: Store, tmp_path: Path) -> None:
    export = transfer.validate_export(transfer.export_json(rich), "backup.json")
    copy = open_store(tmp_path / "copy")
    assert transfer.import_json(copy, export).changed
    before = files(tmp_path / "copy")
    report = transfer.import_json(copy, export)
    assert not report.changed and report.describe() == "nothing new"
    assert files(tmp_path / "copy") == before


def test_import_merges_without_overwriting(rich: Store, tmp_path: Path) -> None:
    export = transfer.validate_export(transfer.export_json(rich), "backup.json")
    mine = open_store(tmp_path / "mine")
    mine.save_profile(Profile(next_step="Architect"))
    add(mine, "aaaa00000001", "My own edit of the task", TODAY, purposes=["help-others"])
    mine.set_stress(TODAY - timedelta(days=1), 5)  # the day exists here, without a reflection
    report = transfer.import_json(mine, export)
    assert mine.get_task("aaaa00000001").title == "My own edit of the task"  # kept, not replaced
    assert mine.get_task("aaaa00000003").title.startswith("Review")  # added
    yesterday = mine.day_record(TODAY - timedelta(days=1))
    assert yesterday.stress == 5  # what the record had wins
    assert (
        yesterday.reflection is not None
        and yesterday.reflection.helped == "Marilyn, with the report"
    )
    assert report.days_filled == 1 and report.days == 1
    assert mine.profile().next_step == "Architect" and not report.profile
    # The purpose first met as a tag had a draft statement: the real one replaces it.
    assert [(p.slug, p.statement, p.draft) for p in mine.purposes()] == [
        ("help-others", "To help others", False)
    ]
    assert any(b.name.startswith("before-import-") for b in _backups(mine))


def _backups(store: Store) -> list[Any]:
    from planner.store import list_backups

    return list_backups(store)


BAD_EXPORTS = [
    ([], "not a planner export"),
    ({"format": "other", "version": 1}, "not a planner export"),
    ({"format": "planner-export"}, "'version'"),
    ({"format": "planner-export", "version": 99}, "newer planner"),
    ({"format": "planner-export", "version": 1, "tasks": {}}, "'tasks' should be a list"),
    (
        {"format": "planner-export", "version": 1, "tasks": [{"title": "x", "day": "2026-11-25"}]},
        "no 'id'",
    ),
    (
        {
            "format": "planner-export",
            "version": 1,
            "tasks": [{"id": "a", "title": "x", "day": "2026-02-30"}],
        },
        "not a real date",
    ),
    (
        {
            "format": "planner-export",
            "version": 1,
            "tasks": [{"id": "a", "title": "  ", "day": "2026-11-25"}],
        },
        "empty title",
    ),
    (
        {
            "format": "planner-export",
            "version": 1,
            "tasks": [{"id": "a", "title": "x", "day": "2026-11-25", "done": "yes"}],
        },
        "'done'",
    ),
    (
        {"format": "planner-export", "version": 1, "days": [{"day": "2026-11-25", "stress": 6}]},
        "'stress'",
    ),
    (
        {
            "format": "planner-export",
            "version": 1,
            "series": [{"id": "s", "title": "x", "day": "2026-11-25", "recurrence": "FREQ=NEVER"}],
        },
        "no valid repeat rule",
    ),
    (
        {
            "format": "planner-export",
            "version": 1,
            "series": [
                {
                    "id": "s",
                    "title": "x",
                    "day": "2026-11-25",
                    "recurrence": "FREQ=DAILY",
                    "exdates": ["soon"],
                }
            ],
        },
        "'exdates'",
    ),
    (
        {"format": "planner-export", "version": 1, "profile": {"stress_threshold": 9}},
        "stress_threshold",
    ),
    ({"format": "planner-export", "version": 1, "purposes": [{"statement": "x"}]}, "no 'slug'"),
]


@pytest.mark.parametrize(("data", "expected"), BAD_EXPORTS)
def test_validation_names_the_file_and_the_problem(data: object, expected: str) -> None:
    with pytest.raises(transfer.ImportFileError) as caught:
        transfer.validate_export(data, "backup.json")
    message = str(caught.value)
    assert message.startswith("cannot import backup.json: ") and expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not JSON"),
        (b'{"format": "planner-export", "version": 1', "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_load_export_refuses_unreadable_files(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(transfer.ImportFileError, match=expected):
        transfer.load_export(path)


def test_load_export_missing_file(tmp_path: Path) -> None:
    with pytest.raises(transfer.ImportFileError, match=r"missing\.json"):
        transfer.load_export(tmp_path / "missing.json")


def test_import_strips_control_characters(tmp_path: Path) -> None:
    data = {
        "format": "planner-export",
        "version": 1,
        "tasks": [
            {
                "id": "a1",
                "title": "Hi\x1b[2J there\x07",
                "day": "2026-11-25",
                "notes": "line\x1b]52;c;aGk=\x07 one\nline two",
            }
        ],
    }
    store = open_store(tmp_path / "rec")
    transfer.import_json(store, transfer.validate_export(data, "x.json"))
    task = store.get_task("a1")
    assert task.title == "Hi there" and task.notes == "line one\nline two"


# ------------------------------------------------------------------------------- Markdown


def test_markdown_journal(rich: Store) -> None:
    text = transfer.export_markdown(rich, TODAY - timedelta(days=60), TODAY + timedelta(days=1))
    assert text.startswith("# planner journal\n")
    assert "Next step on the path: Team lead" in text
    assert "## Wed 25 Nov 2026" in text
    assert "Stress: 4/5 — ⚠ stressful" in text  # threshold 3 in this record
    yesterday = text.split("## Tue 24 Nov 2026", 1)[1].split("\n## ", 1)[0]
    assert "Stress: 2/5\n" in yesterday
    for question, answer in (
        ("What did I learn? Which skill grew?", "Pivot tables group by month"),
        ("Who did I help, or who helped me?", "Marilyn, with the report"),
        ("One intention for tomorrow", "Start with the hard thing"),
    ):
        assert f"**{question}**\n\n{answer}\n" in yesterday
    assert "Where did I go above and beyond?" not in yesterday  # unanswered prompts are left out
    assert "### Done\n\n- 09:00 Stand-up" in yesterday
    today = text.split("## Wed 25 Nov 2026", 1)[1].split("\n## ", 1)[0]
    assert "### Done\n\n- Write the weekly report — +writing" in today
    assert "### Not finished\n\n- 09:00 Stand-up" in today
    tomorrow = text.split("## Thu 26 Nov 2026", 1)[1]
    assert (
        "- 15:00 Mentor the new hire on pivot tables — #help-others, +excel, with @marilyn, "
        "above and beyond"
    ) in tomorrow
    # User text is escaped so a Markdown viewer shows it as typed.
    assert r"Review \[/\] markup \& \*\*stars\*\*" in text


def test_markdown_leaves_out_days_outside_the_range_and_says_when_empty(rich: Store) -> None:
    text = transfer.export_markdown(rich, TODAY, TODAY)
    assert (
        "## Wed 25 Nov 2026" in text
        and "Tue 24 Nov" not in text.split("From", 1)[1].split("\n")[1:]
    )
    empty = transfer.export_markdown(rich, date(2020, 1, 1), date(2020, 1, 31))
    assert "Nothing was recorded in this period." in empty


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("<script>", r"\<script\>"),
        ("a\x1b[2Jb", "ab"),
        ("plain words", "plain words"),
    ],
)
def test_md_escape(typed: str, escaped: str) -> None:
    assert md_escape(typed) == escaped


# ------------------------------------------------------------------------------- iCalendar


def test_ics_parses_back_with_icalendar(rich: Store) -> None:
    text = transfer.export_ics(rich, now=datetime(2026, 11, 25, 12, 0, tzinfo=None).astimezone())
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and "planner" in str(calendar["PRODID"])
    events: dict[tuple[str, bool], Any] = {
        (str(e["UID"]), e.get("RECURRENCE-ID") is not None): e for e in calendar.walk("VEVENT")
    }
    # Untimed tasks are not calendar events.
    assert not any("aaaa00000002" in uid for uid, _ in events)
    mentor = events[("aaaa00000001@planner", False)]
    assert str(mentor["SUMMARY"]) == "Mentor the new hire on pivot tables"
    start = mentor.decoded("DTSTART")
    assert start == datetime(2026, 11, 26, 15, 0) and start.tzinfo is None  # floating local time
    assert mentor.decoded("DURATION") == timedelta(minutes=30)
    assert "Bring the sample sheet,\nand coffee; maybe." in str(mentor["DESCRIPTION"])
    assert "#help-others" in str(mentor["DESCRIPTION"])
    assert mentor.decoded("DTSTAMP").tzinfo is not None
    standup = events[("bbbb00000001@planner", False)]
    assert standup["RRULE"]["FREQ"] == ["DAILY"]
    skipped = datetime.combine(TODAY - timedelta(days=5), time(9, 0))
    exdates = [d.dt for d in standup["EXDATE"].dts]
    assert exdates == [skipped]
    override = events[("bbbb00000001@planner", True)]
    assert override.decoded("RECURRENCE-ID") == datetime.combine(TODAY - timedelta(days=1), time(9))
    assert "Done." in str(override["DESCRIPTION"])


def test_ics_escapes_and_folds_hostile_and_long_text(tmp_path: Path) -> None:
    store = open_store(tmp_path / "rec")
    title = "Call back, re: budget; path C:\\temp " + "🎉 wide 漢字 " * 20
    add(store, "cccc00000001", title, TODAY, time=time(8, 5), notes="a\x1b]52;c;aGk=\x07b")
    text = transfer.export_ics(store, now=datetime(2026, 11, 25, 12, 0).astimezone())
    assert "\x1b" not in text and "\x07" not in text
    for line in text.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never a split character
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert str(event["SUMMARY"]) == title.strip()
    assert str(event["DESCRIPTION"]) == "ab"


def test_ics_range_and_empty(rich: Store) -> None:
    text = transfer.export_ics(rich, TODAY + timedelta(days=1), TODAY + timedelta(days=1))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert sorted(uids) == ["aaaa00000001@planner", "bbbb00000001@planner"]
    nothing = transfer.export_ics(rich, date(2020, 1, 1), date(2020, 1, 2))
    assert icalendar.Calendar.from_ical(nothing).walk("VEVENT") == []


@pytest.mark.parametrize("line", ["", "short", "x" * 75, "x" * 76, "é" * 80, "a" + "🎉" * 40])
def test_fold_never_exceeds_75_octets(line: str) -> None:
    parts = fold(line)
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])


def test_meta_unknown_fields_survive_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a")
    store.save_purpose(Purpose("grow", "To grow"))
    with store.transaction(META) as dbs:
        dbs[META].table("purposes").update({"colour": "green"}, where("slug") == "grow")
    data = transfer.export_json(store)
    assert data["purposes"][0]["colour"] == "green"
    copy = open_store(tmp_path / "b")
    transfer.import_json(copy, transfer.validate_export(data, "x"))
    assert transfer.export_json(copy) == data
