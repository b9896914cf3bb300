"""The command line: every command's output, its errors and exit codes, and that a mistake
writes nothing. End-to-end cases run ``python -m planner`` in a subprocess."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner import __version__, cli
from planner.storage import WriteError

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
EXAMPLE = "Mentor the new hire on pivot tables +excel #help-others @marilyn tomorrow 3pm !"
HOSTILE = [
    "[/]",
    "[@click=app.quit]x[/]",
    "copy \x1b]52;c;aGVsbG8=\x07 me",
    "clear \x1b[2J screen",
    "[bold red]not bold[/bold red]",
]

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The record's folder, given through PLANNER_DATA, with 'today' fixed."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_TODAY", TODAY)
    return folder


@pytest.fixture
def run(data: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``cli.main`` in this process; returns (exit code, stdout, stderr)."""

    def call(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def subprocess_env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env.update(PYTHONPATH=str(ROOT), PLANNER_DATA=str(data), PLANNER_TODAY=TODAY, **extra)
    return env


def planner(data: Path, *args: str | bytes, **extra: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m planner`` in a subprocess (bytes arguments are passed as they are)."""
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        env=subprocess_env(data, **extra),
        cwd=data.parent,
        timeout=60,
        check=False,
    )


def listing(folder: Path) -> dict[str, bytes] | None:
    """Every file under ``folder`` with its bytes (None when the folder does not exist)."""
    if not folder.exists():
        return None
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(folder.rglob("*"))
    }


def show_json(run: Run, when: str = "today") -> dict[str, Any]:
    code, out, err = run("show", when, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def assert_one_line_error(err: str) -> None:
    assert err.startswith("planner: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err


# ------------------------------------------------------------------------------ basics


def test_version(run: Run) -> None:
    assert run("--version") == (0, f"planner {__version__}\n", "")


def test_help_lists_every_command_with_a_description(run: Run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    for name, description in cli.COMMANDS.items():
        assert f"{name} {description}" in " ".join(out.split())
    assert "--data" in out and "--date" in out and "PLANNER_DATA" in out


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_every_command_help_mentions_the_data_folder(run: Run, name: str) -> None:
    code, out, _ = run(name, "--help")
    assert code == 0 and "--data DIR" in out and "PLANNER_DATA" in out


def test_export_help_documents_the_default_ranges(run: Run) -> None:
    code, out, _ = run("export", "--help")
    assert code == 0 and "last 30 days" in " ".join(out.split())


def test_unknown_command_is_one_line_exit_2(run: Run, data: Path) -> None:
    code, out, err = run("frobnicate")
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert "invalid choice" in err and listing(data) is None


def test_rate_alone_names_only_the_missing_rating(run: Run, data: Path) -> None:
    code, out, err = run("rate")
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert "required: N " in err and "WHEN" not in err and listing(data) is None


def test_bad_planner_today_is_exit_2(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_TODAY", "2026-02-30")
    code, _, err = run("show")
    assert code == 2 and "PLANNER_TODAY" in err and "YYYY-MM-DD" in err
    assert_one_line_error(err)


# ------------------------------------------------------------------------------ add and show


def test_design_example_end_to_end(data: Path) -> None:
    added = planner(data, "add", EXAMPLE)
    assert added.returncode == 0, added.stderr
    lines = added.stdout.decode().splitlines()
    assert lines[0].startswith("added ") and lines[0].endswith(
        ": Mentor the new hire on pivot tables"
    )
    assert "  day: Thu 26 Nov 2026 (tomorrow)" in lines
    assert "  time: 15:00" in lines
    shown = planner(data, "show", "tomorrow", "--json")
    assert shown.returncode == 0, shown.stderr
    result = json.loads(shown.stdout)
    task_id = result["tasks"][0]["id"]
    assert lines[0] == f"added {task_id}: Mentor the new hire on pivot tables"
    assert result == {
        "day": "2026-11-26",
        "stress": None,
        "stressful": False,
        "tasks": [
            {
                "id": task_id,
                "title": "Mentor the new hire on pivot tables",
                "day": "2026-11-26",
                "time": "15:00",
                "done": False,
                "purposes": ["help-others"],
                "skills": ["excel"],
                "people": ["marilyn"],
                "stretch": True,
                "recurrence": None,
                "notes": "",
            }
        ],
    }
    assert list(result) == ["day", "stress", "stressful", "tasks"]
    assert list(result["tasks"][0]) == [
        "id",
        "title",
        "day",
        "time",
        "done",
        "purposes",
        "skills",
        "people",
        "stretch",
        "recurrence",
        "notes",
    ]
    rated = planner(data, "rate", "4", "tomorrow")
    assert rated.returncode == 0
    again = json.loads(planner(data, "show", "tomorrow", "--json").stdout)
    assert (again["stress"], again["stressful"]) == (4, True)


def test_add_says_when_a_tag_is_archived(run: Run, data: Path) -> None:
    from planner.model import Purpose
    from planner.store import Store

    assert run("add", "First", "#old-why")[0] == 0
    store = Store.open(data)
    store.save_purpose(Purpose("old-why", "An old why", archived=True))
    code, out, err = run("add", "Again", "#old-why", "#grow")
    assert code == 0 and err == ""
    assert "  archived: purpose #old-why (linked all the same; p in the app brings it back)" in (
        out.splitlines()
    )
    assert store.tasks_for_day(date(2026, 11, 25))[-1].purposes == ("old-why", "grow")
    code, out, _ = run("add", "Third", "#grow")
    assert code == 0 and "archived" not in out


def test_add_prints_what_was_understood(run: Run) -> None:
    code, out, err = run("add", "Write", "report", "+writing", "#grow", "fri", "9:30am")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].endswith(": Write report")
    assert "  day: Fri 27 Nov 2026" in lines and "  time: 09:30" in lines
    assert "  skills: +writing" in lines and "  purposes: #grow" in lines
    assert lines[-1].startswith("  first time: purpose #grow, skill +writing")
    code, out, _ = run("add", "More", "+writing", "#grow")
    assert code == 0 and "first time" not in out  # the tags exist now
    assert "  day: Wed 25 Nov 2026 (today)" in out


def test_add_recurring_and_mark_one_day_done(run: Run) -> None:
    code, out, _ = run("add", "Stand-up every weekday 9am")
    assert code == 0 and "  repeats: every weekday" in out
    occurrence = show_json(run)["tasks"][0]
    assert occurrence["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert out.startswith(f"added {occurrence['id']}: Stand-up")
    code, out, _ = run("done", occurrence["id"])
    assert code == 0 and out.startswith("done: [x] 09:00  Stand-up")
    assert show_json(run)["tasks"][0]["done"] is True
    assert show_json(run, "tomorrow")["tasks"][0]["done"] is False
    series_id = occurrence["id"].split("~")[0]
    code, _, err = run("done", series_id)
    assert code == 2 and "repeating task" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", ""], "empty title"),
        (["add", "   "], "empty title"),
        (["add", "#help-others", "tomorrow"], "empty title"),
        (["add", "Meet", "25:00"], "25:00"),
        (["add", "Meet", "feb", "30"], "feb 30"),
        (["add", "Meet", "tomorrow", "fri"], "two"),
        (["add", "Meet", "every"], "every"),
        (["add", "x" * 100_001], "too long"),
        (["show", "someday"], "not a day"),
        (["show", "12/03"], "ambiguous"),
        (["rate", "0"], "out of range"),
        (["rate", "6"], "out of range"),
        (["rate", "5.5"], "not a rating"),
        (["rate", "NaN"], "not a rating"),
        (["rate", "abc"], "not a rating"),
        (["rate", ""], "not a rating"),
        (["rate", "3", "nonsense"], "not a day"),
        (["export", "--from", "tomorrow", "--to", "today"], "after --to"),
        (["export", "--from", "someday"], "not a day"),
        (["export", "--format", "pdf"], "invalid choice"),
        (["done"], "required"),
        (["--date", "tomorrow", "show"], "--date only opens the app"),
        (["add", "\u200b"], "empty title: type what the task is"),
        (["add", "\u202e \u200b\ufeff #x"], "empty title"),
        (["add", "bad \udcff bytes"], "not valid UTF-8"),
        (["show", "\udcfe"], "not valid UTF-8"),
    ],
)
def test_bad_input_is_exit_2_and_writes_nothing(
    run: Run, data: Path, args: list[str], expected: str
) -> None:
    assert run("add", "Existing task")[0] == 0
    before = listing(data)
    code, out, err = run(*args)
    assert code == 2, (out, err)
    assert_one_line_error(err)
    assert expected.lower() in err.lower(), err
    assert listing(data) == before


def test_bad_input_on_a_new_folder_creates_nothing(run: Run, data: Path) -> None:
    for args in (["add", ""], ["rate", "9"], ["done", "nope"], ["show", "someday"]):
        assert run(*args)[0] == 2
    assert run("show")[0] == 0 and run("show", "--json")[0] == 0  # reading creates nothing
    assert run("export")[0] == 0
    assert not data.exists()


def test_invalid_utf8_argument_from_the_shell(data: Path) -> None:
    result = planner(data, "add", b"caf\xe9 \xff meeting")
    assert result.returncode == 2
    assert result.stderr.startswith(b"planner: ") and b"UTF-8" in result.stderr
    assert result.stderr.count(b"\n") == 1 and not data.exists()


def test_show_human(run: Run) -> None:
    run("add", EXAMPLE)
    run("add", "Plan the week")
    code, out, _ = run("show", "tomorrow")
    assert code == 0
    header, task, *rest = out.splitlines()
    assert header == "Thu 26 Nov 2026 (tomorrow) · not rated · 0/1 done"
    assert task.startswith("  [ ] 15:00  Mentor the new hire on pivot tables  ")
    assert "#help-others +excel @marilyn !" in task and "(id " in task
    assert rest == []
    run("rate", "5", "tomorrow")
    tid = show_json(run, "tomorrow")["tasks"][0]["id"]
    run("done", tid)
    code, out, _ = run("show", "tomorrow")
    assert out.splitlines()[0] == "Thu 26 Nov 2026 (tomorrow) · stress 5/5 ⚠ stressful · 1/1 done"
    assert out.splitlines()[1].startswith("  [x] 15:00  Mentor")
    code, out, _ = run("show", "next", "fri")
    assert out == "Fri 27 Nov 2026 · not rated · 0/0 done\n  no tasks\n"


def test_show_json_of_an_empty_day(run: Run) -> None:
    assert show_json(run, "2026-12-03") == {
        "day": "2026-12-03",
        "stress": None,
        "stressful": False,
        "tasks": [],
    }


def test_stress_threshold_from_the_profile(run: Run, data: Path) -> None:
    from planner.model import Profile
    from planner.store import Store

    Store.open(data).save_profile(Profile(stress_threshold=3))
    code, out, _ = run("rate", "3")
    assert (
        code == 0
        and out == "Wed 25 Nov 2026 (today): stress 3/5 — ⚠ stressful (stressful from 3)\n"
    )
    code, out, _ = run("rate", "2", "yesterday")
    assert out == "Tue 24 Nov 2026 (yesterday): stress 2/5 — not stressful (stressful from 3)\n"
    assert show_json(run)["stressful"] is True
    assert show_json(run, "yesterday")["stressful"] is False


# ------------------------------------------------------------------------------ done / reopen


def test_done_and_reopen(run: Run) -> None:
    run("add", "Write the report 10am")
    tid = show_json(run)["tasks"][0]["id"]
    code, out, _ = run("done", tid)
    assert code == 0 and out == f"done: [x] 10:00  Write the report  (id {tid})\n"
    assert show_json(run)["tasks"][0]["done"] is True
    code, out, _ = run("reopen", tid)
    assert code == 0 and out.startswith("reopened: [ ] 10:00")
    assert show_json(run)["tasks"][0]["done"] is False


def test_unknown_id_is_exit_2_and_writes_nothing(run: Run, data: Path) -> None:
    run("add", "Something")
    before = listing(data)
    for command in ("done", "reopen"):
        code, _, err = run(command, "0000deadbeef")
        assert code == 2 and "no task with id '0000deadbeef'" in err
        assert_one_line_error(err)
    assert listing(data) == before


# ------------------------------------------------------------------------------ the data folder


def test_data_option_before_and_after_the_command(run: Run, tmp_path: Path, data: Path) -> None:
    other = tmp_path / "other"
    assert run("--data", str(other), "add", "First")[0] == 0
    assert run("add", "--data", str(other), "Second")[0] == 0
    assert run("add", "Third", "--data", str(other))[0] == 0
    _code, out, _ = run("show", "--json", "--data", str(other))
    assert [t["title"] for t in json.loads(out)["tasks"]] == ["First", "Second", "Third"]
    assert not data.exists()  # PLANNER_DATA was overridden every time


def test_default_folder_honours_xdg(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANNER_DATA")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run("add", "Where does it go")[0] == 0
    assert (tmp_path / "xdg" / "planner" / "meta.json").is_file()


def test_data_folder_that_is_a_file_is_exit_1(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "afile"
    path.write_bytes(b"precious")
    for args in (["add", "x"], ["show"], ["export"], ["restore"], ["done", "abc"]):
        code, _, err = run("--data", str(path), *args)
        assert code == 1, args
        assert_one_line_error(err)
        assert "is not a folder" in err
    assert path.read_bytes() == b"precious"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_unwritable_folder_is_exit_1(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run("--data", str(locked / "rec"), "add", "x")
    assert code == 1
    assert_one_line_error(err)


def test_broken_record_is_exit_1_and_left_alone(run: Run, data: Path) -> None:
    run("add", "Something")
    meta = data / "meta.json"
    meta.write_bytes(b'{"meta": {"1": {"schema": 1}}')  # truncated
    before = listing(data)
    for args in (["show"], ["add", "More"], ["export"]):
        code, _, err = run(*args)
        assert code == 1, args
        assert_one_line_error(err)
        assert "meta.json" in err and "planner restore" in err
    assert listing(data) == before


def test_unexpected_error_is_one_line_exit_1(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx: cli.Context) -> int:
        raise RuntimeError("something odd\nwith two lines")

    monkeypatch.setitem(cli.HANDLERS, "show", boom)
    code, _, err = run("show")
    assert code == 1
    assert_one_line_error(err)
    assert "RuntimeError" in err


# ------------------------------------------------------------------------------ hostile text


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_text_is_printed_literally_without_control_bytes(run: Run, title: str) -> None:
    code, out, _ = run("add", title)
    assert code == 0
    visible = title.replace("\x1b]52;c;aGVsbG8=\x07", "").replace("\x1b[2J", "")
    expected = " ".join(visible.split())
    assert out.splitlines()[0].endswith(f": {expected}")
    code, shown_out, _ = run("show")
    _code2, json_out, _ = run("show", "--json")
    for text in (out, shown_out, json_out):
        assert "\x1b" not in text and "\x07" not in text
    assert f"  {expected}  (id " in shown_out
    assert json.loads(json_out)["tasks"][0]["title"] == expected


def test_control_bytes_in_a_stored_record_never_reach_the_terminal(run: Run, data: Path) -> None:
    from tinydb import where

    from planner.store import Store, month_name

    run("add", "Plain")
    store = Store.open(data)
    with store.transaction(month_name(date(2026, 11, 25))) as dbs:
        dbs[month_name(date(2026, 11, 25))].table("tasks").update(
            {
                "title": "evil\x1b]0;pwned\x07\x9b31m\x7f\u202e",
                "notes": "a\x1b[2J\nb\x07",
                "people": ["bob\x1b[31m"],
                "skills": ["x\x9b"],
                "purposes": ["p\x07"],
                "recurrence": "FREQ=DAILY\x1b[2J",
            },
            where("title") == "Plain",
        )
    for args in (
        ["show"],
        ["show", "--json"],
        ["export"],
        ["export", "--format", "md"],
        ["export", "--format", "ics"],
    ):
        code, out, _ = run(*args)
        assert code == 0
        assert not any(ch in out for ch in "\x1b\x07\x9b\x7f\u202e"), args
    # show --json is terminal output: no string of it holds a control character, escaped
    # or not, so a script printing a field passes nothing on.
    shown_json = run("show", "--json")[1]
    assert "\\u001b" not in shown_json and "\\u0007" not in shown_json
    assert "\\u009b" not in shown_json and "\\u007f" not in shown_json
    task = json.loads(shown_json)["tasks"][0]
    assert task["title"] == "evil31m" and task["notes"] == "a\nb"
    assert (task["people"], task["skills"], task["purposes"]) == (["bob"], ["x"], ["p"])
    assert task["recurrence"] == "FREQ=DAILY"
    # export --format json is the exact backup: the value is kept, escaped for the terminal.
    backup = json.loads(run("export")[1])["tasks"][0]
    assert backup["title"] == "evil\x1b]0;pwned\x07\x9b31m\x7f\u202e"


def test_newlines_and_tabs_in_a_title_become_spaces(run: Run) -> None:
    code, out, _ = run("add", "two\nlines\tand a tab")
    assert code == 0 and out.splitlines()[0].endswith(": two lines and a tab")
    assert show_json(run)["tasks"][0]["title"] == "two lines and a tab"


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(data: Path) -> None:
    planner(data, "add", "Café ☕ meeting")
    planner(data, "rate", "5")
    shown = planner(data, "show", PYTHONIOENCODING="ascii")
    assert shown.returncode == 0, shown.stderr
    assert b"Caf? ? meeting" in shown.stdout and b"? stressful" in shown.stdout
    helped = planner(data, "rate", "--help", PYTHONIOENCODING="ascii")
    assert helped.returncode == 0 and b"Traceback" not in helped.stderr


def test_empty_data_option_is_exit_2(run: Run) -> None:
    code, _, err = run("--data", "", "show")
    assert code == 2 and "--data needs a folder" in err


# ------------------------------------------------------------------------------ concurrency


def test_two_shells_adding_at_once_lose_nothing(data: Path) -> None:
    def shell(name: str) -> list[int]:
        return [planner(data, "add", f"{name} task {i}").returncode for i in range(50)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        codes = [code for result in pool.map(shell, ["left", "right"]) for code in result]
    assert codes == [0] * 100
    shown = json.loads(planner(data, "show", "--json").stdout)
    titles = [task["title"] for task in shown["tasks"]]
    expected = {f"{name} task {i}" for name in ("left", "right") for i in range(50)}
    assert len(titles) == 100 and set(titles) == expected
    assert len({task["id"] for task in shown["tasks"]}) == 100


# ------------------------------------------------------------------------------ export / import


def test_export_json_to_stdout_and_file(run: Run, data: Path, tmp_path: Path) -> None:
    run("add", EXAMPLE)
    code, out, _ = run("export")
    assert (
        code == 0 and json.loads(out)["tasks"][0]["title"] == "Mentor the new hire on pivot tables"
    )
    target = tmp_path / "backup.json"
    code, out, _ = run("export", "-o", str(target))
    assert code == 0 and out == f"exported json to {target}\n"
    assert json.loads(target.read_text("utf-8")) == json.loads(run("export")[1])
    assert target.stat().st_mode & 0o777 == 0o600


def test_export_formats(run: Run) -> None:
    run("add", EXAMPLE)
    run("add", "Untimed thing")
    code, ics, _ = run("export", "--format", "ics")
    assert code == 0 and ics.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Mentor" in ics
    assert "Untimed" not in ics
    code, md, _ = run("export", "--format", "md")
    # The default Markdown range ends today: tomorrow's task is not in it.
    assert code == 0 and "Untimed thing" in md and "Mentor" not in md
    code, md, _ = run("export", "--format", "md", "--to", "tomorrow")
    assert "Mentor the new hire on pivot tables" in md


def test_export_range_days_of_several_words_unquoted(run: Run) -> None:
    run("add", "Early dec 1")
    run("add", "Late dec 5")
    run("add", "Outside dec 9")
    code, md, err = run("export", "--format", "md", "--from", "dec", "1", "--to", "dec", "5")
    assert code == 0, err
    assert "Early" in md and "Late" in md and "Outside" not in md
    code, _, err = run("export", "--from", "dec", "5", "--to", "dec", "1")
    assert code == 2 and "is after --to" in err
    assert_one_line_error(err)


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        ("nowhere/out.json", "does not exist"),
        ("afile/out.json", "is not a folder"),
        ("adir", "is a folder"),
    ],
)
def test_export_to_a_path_that_cannot_be_written_is_exit_2(
    run: Run, tmp_path: Path, where: str, fragment: str
) -> None:
    run("add", "x")
    (tmp_path / "afile").write_text("keep")
    (tmp_path / "adir").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, out, err = run("export", "-o", str(tmp_path / where))
    assert code == 2 and out == "" and fragment in err
    assert_one_line_error(err)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "afile").read_text() == "keep"


def test_export_that_fails_while_writing_is_exit_1(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", "x")

    def full(path: Path, data: bytes) -> None:
        raise WriteError(path, OSError(28, "No space left on device"))

    monkeypatch.setattr(cli, "atomic_write", full)
    code, _, err = run("export", "-o", str(tmp_path / "out.json"))
    assert code == 1 and "No space left" in err
    assert_one_line_error(err)


def test_import_into_a_new_folder_and_twice(run: Run, data: Path, tmp_path: Path) -> None:
    run("add", EXAMPLE)
    run("add", "Stand-up every day 9am")
    run("rate", "4")
    backup = tmp_path / "backup.json"
    run("export", "-o", str(backup))
    other = tmp_path / "other"
    code, out, _ = run("--data", str(other), "import", str(backup))
    assert code == 0 and out.startswith(f"imported {backup}: 1 task, 1 repeating task")
    assert run("--data", str(other), "export")[1] == run("export")[1]
    before = listing(other)
    code, out, _ = run("--data", str(other), "import", str(backup))
    assert code == 0 and out.startswith("nothing new in ")
    assert listing(other) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json", "not JSON"),
        (b"{}", "not a planner export"),
        (b'{"format": "planner-export", "version": 7}', "newer planner"),
        (
            b'{"format": "planner-export", "version": 1, '
            b'"days": [{"day": "2026-11-25", "stress": "high"}]}',
            "'stress'",
        ),
    ],
)
def test_import_of_a_bad_file_is_exit_2_and_writes_nothing(
    run: Run, data: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    run("add", "Existing")
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = listing(data)
    code, _, err = run("import", str(bad))
    assert code == 2
    assert_one_line_error(err)
    assert str(bad) in err and expected in err
    assert listing(data) == before


def test_import_of_a_missing_file(run: Run, tmp_path: Path, data: Path) -> None:
    code, _, err = run("import", str(tmp_path / "missing.json"))
    assert code == 2 and "missing.json" in err and not data.exists()


# ------------------------------------------------------------------------------ restore


def test_restore_lists_and_brings_back(run: Run, data: Path) -> None:
    code, out, _ = run("restore")
    assert code == 0 and out.startswith("no backups")
    run("add", "First task")
    run("add", "Second task")  # the first write of this process took a backup
    code, out, _ = run("restore")
    assert code == 0 and "newest first" in out
    names = [line.split()[0] for line in out.splitlines()[1:-1]]
    assert names and all("files" in line for line in out.splitlines()[1:-1])
    # Replaced, not written in place: backups share the files' inodes (hard links).
    (data / "broken").write_bytes(b"garbage")
    os.replace(data / "broken", data / "meta.json")
    assert run("show")[0] == 1
    code, _, err = run("restore", "no-such-backup")
    assert code == 2 and "no backup named" in err
    code, out, _ = run("restore", "latest")
    assert code == 0 and out.startswith("restored backup ") and "kept in" in out
    aside = Path(out.rstrip("\n").rsplit("kept in ", 1)[1])
    assert (aside / "meta.json").read_bytes() == b"garbage"  # the broken record was kept too
    assert run("show")[0] == 0


# ------------------------------------------------------------------------------ the app and demo


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand in for planner.app: records how run_app was called."""
    calls: list[dict[str, Any]] = []
    module = types.ModuleType("planner.app")

    def run_app(**kwargs: Any) -> None:
        calls.append(kwargs)

    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planner.app", module)
    return calls


def test_planner_alone_opens_the_app_on_today(run: Run, data: Path, fake_app: list[Any]) -> None:
    assert run() == (0, "", "")
    (call,) = fake_app
    assert call["start_day"] == date(2026, 11, 25) and call["today"]() == date(2026, 11, 25)
    assert call["store"].folder == data


def test_date_opens_the_app_on_that_day(run: Run, fake_app: list[Any]) -> None:
    assert run("--date", "next fri")[0] == 0
    assert fake_app[0]["start_day"] == date(2026, 11, 27)
    assert run("--date", "dec", "3")[0] == 0
    assert fake_app[1]["start_day"] == date(2026, 12, 3)


def test_bad_date_is_refused_before_the_app_is_imported(
    run: Run, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"imported {name}")

    monkeypatch.setattr(importlib, "import_module", refuse)
    code, _, err = run("--date", "someday")
    assert code == 2 and "not a day" in err
    assert_one_line_error(err)
    assert not data.exists()


@pytest.mark.skipif(
    importlib.util.find_spec("planner.demo") is None, reason="planner.demo is not written yet"
)
def test_demo_opens_the_app_on_a_temporary_record(
    run: Run, fake_app: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    code, out, _ = run("demo")
    assert code == 0
    (call,) = fake_app
    folder = call["store"].folder
    assert folder.parent == tmp_path and folder.name.startswith("planner-demo-")
    assert call["store"].tasks_between(date(2026, 1, 1), date(2026, 12, 31))
    assert str(folder) in out


def test_shell_commands_do_not_import_textual(data: Path) -> None:
    code = (
        "import sys; from planner import cli; "
        "rc = cli.main(['add', 'x']) or cli.main(['show', '--json']) or cli.main(['export']); "
        "assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env=subprocess_env(data),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
