"""What keeps planner fast on a long history stays in place: the shell commands import only
what they use, skill growth is counted from the month summaries, and the hourly backup can be
taken before the first write rather than by it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from planner import insights_load
from planner.dates import _month_word
from planner.demo import make_history
from planner.model import new_task
from planner.screens import day_ops
from planner.store import Store, list_backups, new_id

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 0)

#: Modules a shell command that adds a task must not import: each costs milliseconds on every
#: ``planner add`` and none is needed for it.
NOT_FOR_ADD = (
    "textual",
    "dateutil.parser",
    "dateutil.rrule",
    "dateutil.relativedelta",
    "filelock",
    "secrets",
    "_strptime",
    "platformdirs",
    "pathlib",
    "urllib.parse",
    "threading",
    "unicodedata",
    "argparse",
    "gettext",
    "dataclasses",
    "inspect",
    "calendar",
    "locale",
    "planner.model_meta",
    "planner.transfer",
    "planner.demo",
    "planner.insights",
    "planner.app",
)


def _imported_by(argv: list[str], record: Path, unwanted: tuple[str, ...]) -> list[str]:
    """Which of ``unwanted`` the command ``argv`` imported, in a fresh interpreter.

    Without ``site`` (-S), with the packages on PYTHONPATH: the editable install's finder,
    which ``site`` loads at every start, imports pathlib and importlib.util itself.
    """
    code = (
        "import sys, json\n"
        "from planner import cli\n"
        f"code = cli.main({argv!r})\n"
        f"print(json.dumps([code, [m for m in {unwanted!r} if m in sys.modules]]))\n"
    )
    packages = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), *packages]),
        "PLANNER_DATA": str(record),
        "PLANNER_TODAY": TODAY.isoformat(),
    }
    result = subprocess.run(
        [sys.executable, "-S", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=record.parent,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    code_, imported = json.loads(result.stdout.strip().splitlines()[-1])
    assert code_ == 0
    assert isinstance(imported, list)
    return imported


def test_planner_add_imports_only_what_it_uses(tmp_path: Path) -> None:
    record = tmp_path / "record"
    # The record's first write creates it, the tags' first use writes meta.json (whose every
    # value is checked, so the meta values are loaded), and the next write takes the hourly
    # backup (every file checked): not the common case.
    _imported_by(["add", "First #help-others +excel"], record, ())
    _imported_by(["add", "Second"], record, ())
    for text in (
        "Call Ann tomorrow 3pm #help-others +excel @ann",
        "Plan next fri 9:30am !",
        "Review in 2 weeks +excel",
        "Call Ann \\tomorrow",
        "Gym every mon,wed 7am +excel",
        "Decide on the market budget in may or june",
        "Call Ann dec 3 2027",
    ):
        assert _imported_by(["add", *text.split()], record, NOT_FOR_ADD) == [], text
    # The record now has a repeating task: showing a day checks its rule too.
    assert _imported_by(["show", "--json"], record, NOT_FOR_ADD) == []
    assert _imported_by(["show", "next", "mon", "--json"], record, NOT_FOR_ADD) == []


#: Command lines read without argparse, and some it must read instead.
PLAIN = [
    [],
    ["add", "x"],
    ["add", "Call", "Ann", "tomorrow", "3pm", "#why", "+excel", "@ann", "!"],
    ["add", ""],
    ["add", "show", "add"],
    ["show"],
    ["show", "--json"],
    ["show", "tomorrow"],
    ["show", "next", "fri", "--json"],
    ["show", "add"],
]
NOT_PLAIN = [
    ["add"],
    ["add", "-x"],
    ["add", "--", "-x"],
    ["add", "x", "--data", "d"],
    ["add", "x", "-5"],
    ["--data", "d", "add", "x"],
    ["show", "--json", "tomorrow"],
    ["show", "--json", "--json"],
    ["show", "-1"],
    ["show", "--data", "d"],
    ["add", "--help"],
    ["--version"],
    ["done", "abc"],
    ["rate", "3"],
    ["shows"],
]


@pytest.mark.parametrize("argv", PLAIN)
def test_the_common_command_lines_are_read_as_the_parser_reads_them(argv: list[str]) -> None:
    from planner import cli

    plain = cli._plain(argv)
    assert plain is not None
    assert vars(plain) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", NOT_PLAIN)
def test_other_command_lines_are_left_to_the_parser(argv: list[str]) -> None:
    from planner import cli

    assert cli._plain(argv) is None


#: Modules the app must not import before its first paint: other screens come with their key,
#: the grammar with the quick-add bar, the rest with the commands that use them.
NOT_FOR_FIRST_PAINT = (
    "planner.quickadd",
    "planner.insights",
    "planner.insights_load",
    "planner.screens.reflection",
    "planner.screens.insights",
    "planner.screens.edit_task",
    "planner.transfer",
    "planner.buffered_storage",
    "tinydb",
    "dateutil.parser",
    "dateutil.rrule",
    "filelock",
    "secrets",
    "zipfile",
    "importlib.resources",
)


def _last_line_of(code: str) -> str:
    """What ``code`` printed last, run in a fresh interpreter (nothing imported yet)."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_app_imports_only_the_day_screen_before_its_first_paint() -> None:
    code = (
        "import gc, sys, json\n"
        "import planner.__main__, planner.app, planner.screens.day\n"
        f"print(json.dumps([gc.isenabled(), [m for m in {NOT_FOR_FIRST_PAINT!r} "
        "if m in sys.modules]]))\n"
    )
    collector_on, imported = json.loads(_last_line_of(code))
    assert imported == []
    assert collector_on is False, "off while starting; the app turns it on after its first paint"


def test_reading_a_day_leaves_tinydb_unloaded_until_the_first_write(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.add_task(new_task(id=new_id(), title="Write the report", day=TODAY))
    code = (
        "import json, sys\n"
        "from datetime import date\n"
        "from planner.store import Store\n"
        f"store = Store.open({str(tmp_path)!r})\n"
        f"day = date.fromisoformat({TODAY.isoformat()!r})\n"
        "titles = [t.title for t in store.tasks_for_day(day)]\n"
        "store.settings(), store.profile(), store.day_record(day), store.purposes()\n"
        "before = 'tinydb' in sys.modules\n"
        "store.set_stress(day, 2)\n"
        "print(json.dumps([titles, before, 'tinydb' in sys.modules]))\n"
    )
    titles, loaded_by_reading, loaded_by_writing = json.loads(_last_line_of(code))
    assert titles == ["Write the report"]
    assert loaded_by_reading is False, "reading a day (as the first paint does) loaded TinyDB"
    assert loaded_by_writing is True


def test_an_empty_command_line_is_what_the_parser_would_give() -> None:
    import argparse

    from planner import cli

    assert cli.build_parser().parse_args([]) == argparse.Namespace(**cli.NO_ARGUMENTS)


def test_every_month_name_of_dateutil_is_still_a_month() -> None:
    from dateutil import parser

    for index, names in enumerate(parser.parserinfo.MONTHS, start=1):
        for name in names if isinstance(names, tuple) else (names,):
            for shown in (name, name.lower(), name.upper()):
                assert _month_word(shown) == index, shown
    assert _month_word("call") is None and _month_word("Marilyn") is None
    # and nothing else is: the two vocabularies are the same
    from planner import dates

    names = parser.parserinfo.MONTHS
    assert {
        name.lower(): index
        for index, forms in enumerate(names, start=1)
        for name in (forms if isinstance(forms, tuple) else (forms,))
    } == dates._MONTHS


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history") / "record"
    make_history(folder, TODAY, years=0.4, tasks_per_day=4)
    return folder


def test_skill_growth_from_summaries_matches_a_full_scan(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(history)
    expected = day_ops.skill_growth(store.all_tasks(), TODAY)
    assert expected
    assert day_ops.count_growth(store, TODAY) == expected
    # After a write only the changed month is read again, and the counts follow it.
    monkeypatch.setattr(insights_load, "SETTLED_NS", -1)  # trust files written just now
    store.add_task(new_task(id=new_id(), title="x", day=TODAY, skills=("excel",), done=True))
    day_ops.count_growth(store, TODAY)
    read: list[str] = []
    real_read = insights_load.read_json

    def counting(path: Path) -> object:
        read.append(path.name)
        return real_read(path)

    monkeypatch.setattr(insights_load, "read_json", counting)
    store.add_task(new_task(id=new_id(), title="y", day=TODAY, skills=("excel",), done=True))
    counted = day_ops.count_growth(store, TODAY)
    assert read == ["2026-11.json"]
    assert counted == day_ops.skill_growth(store.all_tasks(), TODAY)
    assert counted["excel"][1] == expected["excel"][1] + 2


def test_the_hourly_backup_can_be_taken_before_the_first_write(tmp_path: Path) -> None:
    folder = tmp_path / "record"
    Store.open(folder, now=lambda: NOW).add_task(new_task(id=new_id(), title="a", day=TODAY))
    assert len(list_backups(folder)) == 0  # nothing to keep before the very first write
    later = NOW + timedelta(hours=2)
    store = Store.open(folder, now=lambda: later)
    store.backup_if_due()
    assert len(list_backups(folder)) == 1
    store.backup_if_due()
    store.add_task(new_task(id=new_id(), title="b", day=TODAY))
    assert len(list_backups(folder)) == 1, "the first write does not take a second one"
    kept = list_backups(folder)[0].path / "2026-11.json"
    assert [d["title"] for d in json.loads(kept.read_text())["tasks"].values()] == ["a"]


def _simple_rules() -> list[str]:
    rules = []
    for freq in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        for interval in ("", ";INTERVAL=1", ";INTERVAL=2", ";INTERVAL=03", ";INTERVAL=999999"):
            for byday in ("", ";BYDAY=MO", ";BYDAY=MO,WE,FR", ";BYDAY=SA,SU", ";BYDAY=TU,TU"):
                rules.append(f"FREQ={freq}{interval}{byday}")
                rules.append(f"  rrule:freq={freq.lower()}{byday.lower()}{interval.lower()} ")
    return rules


def test_every_rule_read_without_dateutil_is_one_dateutil_reads() -> None:
    """A day with repeating tasks never imports dateutil's rrule to check their rules: that
    holds only if dateutil accepts every rule of the simple form, and expands it alike."""
    from dateutil import rrule

    from planner import dates

    simple = [rule for rule in _simple_rules() if dates._simple_form(rule) is not None]
    assert len(simple) > 100
    start, first = date(2026, 11, 25), datetime(2026, 11, 25)
    for rule in simple:
        expanded = rrule.rrulestr(rule, dtstart=first)
        moments = expanded.between(first, first + timedelta(200), inc=True)
        expected = {moment.date() for moment in moments}
        spec = dates._simple_form(rule)
        assert spec is not None
        found = {
            start + timedelta(n)
            for n in range(201)
            if dates._simple_occurs(spec, start, start + timedelta(n))
        }
        assert found == expected, rule
    for rule in ("FREQ=DAILY;INTERVAL=²", "FREQ=DAILY;INTERVAL=0", "FREQ=HOURLY", "FREQ=DAILY;"):
        assert dates._simple_form(rule) is None, rule


def test_the_hourly_check_agrees_with_the_rolling_backup(tmp_path: Path) -> None:
    import shutil

    from planner import backups

    folder = tmp_path / "record"
    store = Store.open(folder, now=lambda: NOW)
    store.add_task(new_task(id=new_id(), title="a", day=TODAY))
    files = store.record_files()
    assert backups.backup_due(folder, NOW), "no backup yet"
    for hours in (1, 3, 2):  # taken out of order: the newest counts, not the last taken
        backups.rolling_backup(folder, files, NOW + timedelta(hours=hours))
    backups.snapshot(folder, files, "before-restore", NOW + timedelta(hours=9))  # not plain
    (folder / "backups" / "20991231-235959").write_text("a file, not a snapshot")
    for minutes in (-300, 0, 179, 181, 239, 240, 241, 600):
        now = NOW + timedelta(minutes=minutes)
        copy = tmp_path / f"copy{minutes}"
        shutil.copytree(folder, copy)
        taken = backups.rolling_backup(copy, [copy / f.name for f in files], now)
        assert backups.backup_due(folder, now) == (taken is not None), minutes


PATHS = [
    "",
    ".",
    "./",
    "a",
    "a/",
    "a//b",
    "./a/./b/",
    "/",
    "//",
    "///",
    "//a",
    "///a/b",
    "/a/../b",
    "..",
    "../x",
    ".hidden",
    "~",
    "~/x",
    "~/",
    "~/./x//",
    "~root/x",
    "a/~",
]


@pytest.mark.parametrize("text", PATHS)
def test_paths_as_text_are_what_pathlib_makes_of_them(text: str) -> None:
    from planner import storage
    from planner.paths import data_root

    assert storage.path_text(text) == str(Path(text))
    assert storage.child(storage.path_text(text), "meta.json") == str(Path(text) / "meta.json")
    if text:
        assert data_root(text) == str(Path(text).expanduser())


def test_a_store_names_its_files_in_the_type_its_folder_was_given_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner import storage

    written: list[object] = []
    real = storage.atomic_write

    def spy(path: Path | str, data: bytes) -> None:
        written.append(path)
        real(path, data)

    monkeypatch.setattr(storage, "atomic_write", spy)
    for folder in (str(tmp_path / "text"), tmp_path / "path"):
        store = Store.open(folder)
        assert store.folder == Path(folder)
        written.clear()
        store.add_task(new_task(id=new_id(), title="a", day=TODAY))
        assert [type(path) for path in written] == [type(folder)]
        assert str(written[0]) == str(Path(folder) / "2026-11.json")


def test_the_cleaners_quick_ways_agree_with_their_patterns() -> None:
    """Printable text skips the control patterns, a plain slug the word pattern, ASCII JSON the
    escaping, a snapshot's stamp the search: each must give what the pattern gives."""
    import random
    import re
    import unicodedata

    from planner import backups, model, output

    def cleaned(value: str) -> str:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return re.sub(model._CONTROL, "", re.sub(model._ESCAPE_SEQ, "", value))

    def slug(value: str) -> str:
        value = unicodedata.normalize("NFKC", model.clean_line(value)).strip().lower()
        return re.sub(r"[^\w]+", "-", value).strip("-_")

    pieces = ["a", "Z", "0", " ", "\n", "\t", "\r", "\x1b", "[", "2J", "\x07", "\x7f", "\x85"]
    pieces += ["\u202b", "\u2067", "\u200d", "é", "😀", "\ud800", "-", "--", "_", "#", "]", "\\"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert model.clean_text(text) == cleaned(text), repr(text)
        assert model.slugify(text) == slug(text), repr(text)
        dumped = json.dumps(text, ensure_ascii=False)
        escaped = re.sub(output._JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", dumped)
        assert output.dumps_json(text) == escaped, repr(text)
    for name in ("20261204-070806", "20261204-070806-2", "20261204-07", "120261204-070806"):
        found = re.search(backups._STAMP_RE, name)
        stamp = found and datetime.strptime(found.group(1), backups.STAMP)
        assert backups._stamp_of(name) == stamp, name


def test_add_and_show_leave_the_collector_off_the_other_commands_turn_it_on(
    tmp_path: Path,
) -> None:
    """And the process of a command that left it off ends with its objects frozen: the
    collection Python makes while shutting down would walk them all once more."""
    record = tmp_path / "record"
    code = (
        "import atexit, gc, sys, json\n"
        "import planner.__main__\n"
        "atexit.register(lambda: print(json.dumps([gc.isenabled(), gc.get_freeze_count() > 0])))\n"
        "sys.argv = ['planner', *sys.argv[1:]]\n"
        "planner.__main__.main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_DATA": str(record)}
    env["PLANNER_TODAY"] = TODAY.isoformat()

    def run(*argv: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", code, *argv],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()

    for argv, collecting in (
        (["add", "Call Ann"], False),
        (["show", "--json"], False),
        (["rate", "3"], True),
        (["export", "--format", "md"], True),
    ):
        assert json.loads(run(*argv)[-1]) == [collecting, not collecting], argv
    assert json.loads(run("show", "--json")[0])["tasks"][0]["title"] == "Call Ann"


def test_a_day_checks_every_task_of_its_month_and_builds_only_its_own(tmp_path: Path) -> None:
    from planner.storage import RecordError

    folder = tmp_path / "record"
    store = Store.open(folder)
    mine = store.add_task(new_task(id="mine", title="Mine", day=TODAY))
    store.add_task(new_task(id="other", title="Other", day=TODAY + timedelta(days=1)))
    month = folder / "2026-11.json"
    data = json.loads(month.read_text())
    tasks = data["tasks"]
    # a day written in another form fromisoformat reads is still that day
    tasks["9"] = {**tasks["1"], "id": "basic", "day": "20261125", "order": 5}
    month.write_text(json.dumps(data))
    assert [t.id for t in Store.open(folder).tasks_for_day(TODAY)] == [mine.id, "basic"]
    tasks["2"]["done"] = "yes"  # another day's task, of the wrong shape
    month.write_text(json.dumps(data))
    with pytest.raises(RecordError, match=r"2026-11\.json.*'done'"):
        Store.open(folder).tasks_for_day(TODAY)
