"""The command line: ``planner`` opens the app; its subcommands work on the record from the shell.

Exit codes (DESIGN.md, "Command line"): 0 done; 2 bad usage or input, with one line on stderr
and nothing written; 1 any other failure, with one line and no traceback. Input is validated
before the record is opened, so a mistake never writes anything.

The shell commands never import Textual: the app is imported only in the branch that opens it.

Every ``planner add`` pays for what this module imports, so it imports only what adding a task
needs: the common command lines (``add WORDS…``, ``show [WORDS…] [--json]``) are read without
argparse (see :func:`_plain`), and what other commands use is imported in them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

from planner import __version__, paths
from planner.model import ValidationError, is_stressful, new_task, parse_stress
from planner.output import dumps_json, shown, task_json, task_line, write
from planner.storage import StoreError, WriteError, as_path, atomic_write, check_writable
from planner.store import NotFoundError, Store, list_backups, new_id, restore_backup

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from _typeshed import SupportsWrite

    Arguments = argparse.Namespace | SimpleNamespace

__all__ = ["UsageError", "build_parser", "main"]

MD_DEFAULT_DAYS = 30


class UsageError(Exception):
    """The command line itself is wrong (unknown command, missing argument …)."""


COMMANDS: dict[str, str] = {
    "add": "quick add a task with the grammar of the app; prints what was saved",
    "show": "print a day's plan: tasks, their links and the day's rating",
    "done": "mark a task done (ID as printed by add and show --json)",
    "reopen": "mark a task not done again",
    "rate": "set a day's stress rating, 1 (calm) to 5 (very stressful)",
    "export": "write the Markdown journal, the full JSON backup or an iCalendar of timed tasks",
    "import": "restore or merge a JSON export; importing the same file twice adds nothing",
    "restore": "list the backups, or bring one back (the current record is kept aside first)",
    "demo": "open the app on a sample record in a temporary folder, to explore",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``--data`` is accepted before or after the subcommand.

    argparse is imported here: the common command lines never need it (see :func:`_plain`).
    """
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse that reports a mistake as one line (UsageError) instead of usage + exit."""

        def error(self, message: str) -> NoReturn:
            raise UsageError(message)

        def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
            # Help and version text through the same writer as everything else, so a terminal
            # whose encoding lacks a character gets "?" instead of a crash.
            if message:
                write(file or sys.stderr, message)

    parser = _Parser(
        prog="planner",
        description="A terminal daily planner that ties every task to your why. "
        "Without a command, opens the app on today (or on --date WHEN).",
        epilog=f"The record lives in --data DIR, else ${paths.DATA_ENV}, else the user data "
        f"folder (honours XDG_DATA_HOME). ${paths.TODAY_ENV}=YYYY-MM-DD fixes 'today' for "
        "scripts and tests. Exit codes: 0 done, 2 bad usage or input (nothing written), "
        "1 any other failure.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument(
        "--data", metavar="DIR", help="the folder that holds the record (before or after COMMAND)"
    )
    # nargs="+": a day of the grammar may be several words (dec 3, next fri), unquoted.
    parser.add_argument(
        "--date", nargs="+", metavar="WHEN", help="open the app on this day (e.g. tomorrow)"
    )
    common = _Parser(add_help=False)
    # SUPPRESS: a subcommand without --data must not overwrite the one given before it.
    common.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"the folder that holds the record (default: ${paths.DATA_ENV}, else the user "
        "data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, **options: Any) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=COMMANDS[name], description=COMMANDS[name], parents=[common], **options
        )

    add = command(
        "add",
        epilog='e.g. planner add "Mentor the new hire +excel #help-others '
        '@marilyn tomorrow 3pm !" (a lone "!" marks a stretch task)',
    )
    add.add_argument("text", nargs="+", metavar="TEXT", help="the task, in quick-add grammar")
    show = command("show")
    show.add_argument(
        "when", nargs="*", default=[], metavar="WHEN", help="the day (default: today)"
    )
    show.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    for name in ("done", "reopen"):
        command(name).add_argument("id", metavar="ID", help="the task's id")
    rate = command("rate")
    rate.add_argument("rating", metavar="N", help="1 (calm) … 5 (very stressful)")
    # default=[]: without it argparse counts an optional "*" positional as required, and
    # "planner rate" alone would say WHEN is missing.
    rate.add_argument(
        "when", nargs="*", default=[], metavar="WHEN", help="the day (default: today)"
    )
    export = command(
        "export",
        epilog="Default range: everything for json and ics; the last "
        f"{MD_DEFAULT_DAYS} days up to today for md. A bound left out means no limit on that "
        "side. ics holds only timed tasks and timed repeating tasks.",
    )
    export.add_argument(
        "--format",
        choices=("md", "json", "ics"),
        default="json",
        help="md journal, json full backup (default), ics calendar",
    )
    export.add_argument(
        "--from", dest="first", nargs="+", metavar="WHEN", help="first day included"
    )
    export.add_argument("--to", dest="last", nargs="+", metavar="WHEN", help="last day included")
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically, private) instead of the screen",
    )
    command("import").add_argument(
        "file", metavar="FILE", help="a file made by export --format json"
    )
    command("restore").add_argument(
        "backup", nargs="?", metavar="BACKUP", help="a backup's name as listed, or 'latest'"
    )
    command("demo")
    return parser


# ------------------------------------------------------------------------------------ helpers


def _text(value: str, what: str) -> str:
    """Refuse text that was not valid UTF-8 in argv (Python keeps such bytes as surrogates)."""
    if any("\udc80" <= char <= "\udcff" for char in value):
        raise ValidationError(f"the {what} is not valid UTF-8 text; check the terminal's encoding")
    return value


def _day(words: list[str] | str | None, today: date, what: str = "day") -> date:
    text = words if isinstance(words, str) else " ".join(words or [])
    if not text.strip():
        return today
    from planner.dates import parse_day

    return parse_day(_text(text, what), today)


def _format_day(day: date, today: date) -> str:
    from planner.dates import format_day

    return format_day(day, today)


def _output_file(name: str) -> Path:
    """The file ``-o`` names, refused (exit 2, nothing written) when it cannot be written.

    A missing folder, a folder given as the file or a read-only target is a mistake in what
    the user typed; only a failure while writing (a full disk) is left to the write itself.
    """
    from pathlib import Path

    target = Path(_text(name, "output file name")).expanduser()
    if target.is_dir():
        raise ValidationError(f"-o {target} is a folder; give a file name, e.g. {target}/export")
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ValidationError(f"cannot write {target}: the folder {folder} {what}")
    try:
        check_writable(folder)
        check_writable(target)
    except WriteError as error:
        raise ValidationError(str(error)) from None
    return target


def _out(text: str = "") -> None:
    write(sys.stdout, text + "\n")


def _fail(message: str) -> None:
    write(sys.stderr, f"planner: {shown(message)}\n")


class Context:
    """What every command needs: the parsed arguments, the clock and the record's folder."""

    def __init__(self, args: Arguments, clock: Callable[[], date]) -> None:
        self.args = args
        self.clock = clock
        self.today = clock()
        #: The record's folder as text (a ``Path`` costs an import of pathlib: see
        #: :mod:`planner.storage`).
        self.root = paths.data_root(args.data)

    @property
    def folder(self) -> Path:
        """The record's folder."""
        return as_path(self.root)

    def store(self, *, write: bool = True) -> Store:
        """Open the record. Reading from a folder that does not exist creates nothing."""
        exists = paths.check_folder(self.root)
        if not write and not exists:
            return Store(self.root)
        return Store.open(self.root)


def _open_app(ctx: Context, store: Store, start_day: date) -> int:
    import importlib

    try:
        module = importlib.import_module("planner.app")
    except ImportError as error:
        raise StoreError(f"the app cannot start: {error}") from None
    result = module.run_app(store=store, today=ctx.clock, start_day=start_day)
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


# ------------------------------------------------------------------------------------ commands


def cmd_app(ctx: Context) -> int:
    """``planner`` / ``planner --date WHEN``: open the app (the day is checked first)."""
    start = _day(ctx.args.date, ctx.today, "date")
    return _open_app(ctx, ctx.store(), start)


def cmd_add(ctx: Context) -> int:
    """Quick add from the shell; prints what was understood and saved."""
    from planner import quickadd

    text = _text(" ".join(ctx.args.text), "text")
    parsed = quickadd.parse(text, ctx.today)
    task = new_task(
        id=new_id(),
        title=parsed.title,
        day=parsed.resolved_day(ctx.today),
        time=parsed.time,
        purposes=parsed.purposes,
        skills=parsed.skills,
        people=parsed.people,
        stretch=parsed.stretch,
        recurrence=parsed.recurrence,
    )
    store = ctx.store()
    new_purposes, new_skills = store.ensure_tags(task.purposes, task.skills)
    saved = store.add_task(task)
    _out(f"added {shown(saved.id)}: {shown(saved.title)}")
    for label, value in parsed.preview(ctx.today, ctx.today):
        if label != "title":
            _out(f"  {label}: {shown(value)}")
    created = [f"purpose #{p}" for p in new_purposes] + [f"skill +{s}" for s in new_skills]
    if created:
        hint = " (a new purpose gets a draft statement: write your own in the app with p)"
        _out(f"  first time: {shown(', '.join(created))}{hint if new_purposes else ''}")
    old_purposes, old_skills = store.archived_tags(task.purposes, task.skills)
    if archived := [f"purpose #{p}" for p in old_purposes] + [f"skill +{s}" for s in old_skills]:
        hint = " (linked all the same; p in the app brings it back)"
        _out(f"  archived: {shown(', '.join(archived))}{hint}")
    return 0


def cmd_show(ctx: Context) -> int:
    """Print a day's plan, for people or (``--json``) for scripts."""
    day = _day(ctx.args.when, ctx.today)
    store = ctx.store(write=False)
    tasks = store.tasks_for_day(day)
    stress = store.day_record(day).stress
    threshold = store.stress_threshold()
    stressful = is_stressful(stress, threshold)
    if ctx.args.json:
        data = {
            "day": day.isoformat(),
            "stress": stress,
            "stressful": stressful,
            "tasks": [task_json(task) for task in tasks],
        }
        _out(dumps_json(data))
        return 0
    rating = "not rated" if stress is None else f"stress {stress}/5"
    if stressful:
        rating += " ⚠ stressful"
    done = sum(task.done for task in tasks)
    _out(f"{_format_day(day, ctx.today)} · {rating} · {done}/{len(tasks)} done")
    for task in tasks:
        _out(f"  {task_line(task)}")
    if not tasks:
        _out("  no tasks")
    return 0


def cmd_done(ctx: Context, done: bool = True) -> int:
    """Mark a task done (or, with ``done=False``, not done)."""
    task_id = _text(ctx.args.id, "id").strip()
    # Looked up read-only first: an unknown id must not create a folder or a file.
    task = ctx.store(write=False).get_task(task_id)
    if task.series is None and task.recurrence:
        raise ValidationError(
            f"{task_id!r} is a repeating task: mark one day of it, with the id "
            "'planner show DAY --json' prints for that day"
        )
    saved = ctx.store().set_done(task.id, done)
    _out(f"{'done' if done else 'reopened'}: {task_line(saved)}")
    return 0


def cmd_rate(ctx: Context) -> int:
    """Set a day's stress rating and say whether the day is now stressful."""
    rating = parse_stress(_text(ctx.args.rating, "rating"))
    day = _day(ctx.args.when, ctx.today)
    store = ctx.store()
    threshold = store.stress_threshold()
    store.set_stress(day, rating)
    verdict = "⚠ stressful" if is_stressful(rating, threshold) else "not stressful"
    _out(
        f"{_format_day(day, ctx.today)}: stress {rating}/5 — {verdict} (stressful from {threshold})"
    )
    return 0


def cmd_export(ctx: Context) -> int:
    """Write an export to the screen or, atomically, to a file."""
    from planner import transfer

    args = ctx.args
    first = _day(args.first, ctx.today, "--from day") if args.first else None
    last = _day(args.last, ctx.today, "--to day") if args.last else None
    if args.format == "md" and first is None and last is None:
        first, last = ctx.today - timedelta(days=MD_DEFAULT_DAYS - 1), ctx.today
    if first is not None and last is not None and first > last:
        raise ValidationError(f"--from ({first}) is after --to ({last}); swap them")
    target = _output_file(args.output) if args.output and args.output != "-" else None
    store = ctx.store(write=False)
    if args.format == "json":
        text = dumps_json(transfer.export_json(store, first, last), indent=2) + "\n"
    elif args.format == "md":
        text = transfer.export_markdown(store, first, last)
    else:
        text = transfer.export_ics(store, first, last)
    if target is not None:
        atomic_write(target, text.encode("utf-8"))
        _out(f"exported {args.format} to {shown(target)}")
    else:
        write(sys.stdout, text)
    return 0


def cmd_import(ctx: Context) -> int:
    """Merge a JSON export into the record (validated completely before anything is written)."""
    from pathlib import Path

    from planner import transfer

    source = Path(ctx.args.file).expanduser()
    export = transfer.load_export(source)
    report = transfer.import_json(ctx.store(), export)
    if report.changed:
        _out(f"imported {shown(source)}: {report.describe()}")
    else:
        _out(f"nothing new in {shown(source)}: everything in it is already in the record")
    return 0


def cmd_restore(ctx: Context) -> int:
    """List the backups, or bring one back."""
    name = ctx.args.backup
    if not paths.check_folder(ctx.folder):
        if name is None:
            _out(f"no backups: there is no record in {shown(ctx.folder)} yet")
            return 0
        raise ValidationError(f"there is no record in {ctx.folder}, so no backup to restore")
    # Not Store.open: restoring must work when a file of the record cannot be read.
    store = Store(ctx.folder)
    found = list_backups(store)
    if name is None:
        if not found:
            _out(f"no backups yet in {shown(ctx.folder / 'backups')}")
            return 0
        _out(f"backups in {shown(ctx.folder / 'backups')}, newest first:")
        for backup in found:
            taken = f"{backup.taken:%Y-%m-%d %H:%M:%S}" if backup.taken else "unknown time"
            _out(f"  {shown(backup.name)}  {backup.files} files  {taken}")
        _out("bring one back with: planner restore NAME (or: planner restore latest)")
        return 0
    name = _text(name, "backup name").strip()
    if name != "latest" and name not in {backup.name for backup in found}:
        raise ValidationError(f"no backup named {name!r}: 'planner restore' lists them")
    backup, aside = restore_backup(store, name)
    _out(f"restored backup {shown(backup.name)}; the record as it was is kept in {shown(aside)}")
    return 0


def cmd_demo(ctx: Context) -> int:
    """Open the app on a generated sample record in a new temporary folder."""
    import importlib
    import tempfile
    from pathlib import Path

    try:
        demo = importlib.import_module("planner.demo")
    except ImportError as error:
        raise StoreError(f"the demo is not available: {error}") from None
    folder = Path(tempfile.mkdtemp(prefix="planner-demo-"))
    demo.make_demo(folder, ctx.today)
    code = _open_app(ctx, Store.open(folder), ctx.today)
    _out(
        f"the demo record is in {shown(folder)}; open it again with: planner --data {shown(folder)}"
    )
    return code


HANDLERS: dict[str | None, Callable[[Context], int]] = {
    None: cmd_app,
    "add": cmd_add,
    "show": cmd_show,
    "done": cmd_done,
    "reopen": lambda ctx: cmd_done(ctx, done=False),
    "rate": cmd_rate,
    "export": cmd_export,
    "import": cmd_import,
    "restore": cmd_restore,
    "demo": cmd_demo,
}


#: Commands that leave the cyclic collector off (planner/__main__.py switches it off while
#: starting): the app turns it on after its first paint; ``add`` and ``show`` read one month
#: and the record's meta, and what they make lives until the process ends moments later.
#: Collecting meanwhile would only walk it, and every object made while starting, again and
#: again (a full collection during ``planner add`` cost more than its write). The other
#: commands may read the whole history: they collect as usual.
_COLLECTOR_STAYS_OFF = frozenset({None, "demo", "add", "show"})

#: What the parser gives for an empty command line (checked by the tests).
NO_ARGUMENTS: dict[str, Any] = {"data": None, "date": None, "command": None}


def _plain(argv: list[str]) -> SimpleNamespace | None:
    """What the parser gives for the common command lines, read without it; None for others.

    Read here: ``planner`` alone, ``add WORDS…`` and ``show [WORDS…] [--json]`` where no word
    starts with ``-`` (so none is an option, a negative number or ``--``). Anything else goes
    to argparse, which costs more to import and build than adding a task takes. The tests
    check both agree.
    """
    if not argv:
        return SimpleNamespace(**NO_ARGUMENTS)
    command, words = argv[0], argv[1:]
    if command == "show":
        json = bool(words) and words[-1] == "--json"
        when = words[:-1] if json else words
        if any(word.startswith("-") for word in when):
            return None
        return SimpleNamespace(**{**NO_ARGUMENTS, "command": "show", "when": when, "json": json})
    if command == "add" and words and not any(word.startswith("-") for word in words):
        return SimpleNamespace(**{**NO_ARGUMENTS, "command": "add", "text": words})
    return None


def _run(argv: list[str]) -> int:
    args: Arguments | None = _plain(argv)
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exit_:  # --help and --version print, then exit 0
            return exit_.code if isinstance(exit_.code, int) else 0
    if args.data == "":
        raise UsageError("--data needs a folder")
    command = args.command
    if command is None and args.date is not None:
        # --date takes several words, so "--date tomorrow show" reaches here with the
        # command inside the day; no day word is a command name.
        command = next((word for word in args.date if word in COMMANDS), None)
    if command is not None and args.date is not None:
        raise UsageError(f"--date only opens the app; give the day to '{command}' itself instead")
    if args.command not in _COLLECTOR_STAYS_OFF:
        gc.enable()  # switched off while starting (planner/__main__.py)
    ctx = Context(args, paths.today_clock())
    code = HANDLERS[args.command](ctx)
    sys.stdout.flush()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        _fail(f"{error} (see 'planner --help')")
        return 2
    except (ValidationError, NotFoundError) as error:
        _fail(str(error))
        return 2
    except StoreError as error:
        _fail(str(error))
        return 1
    except KeyboardInterrupt:
        _fail("interrupted")
        return 1
    except BrokenPipeError:
        # The reader went away (planner export | head): stop quietly, and keep Python from
        # complaining again when it flushes stdout on exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 1
    except Exception as error:
        _fail(f"unexpected error ({type(error).__name__}): {error}")
        return 1
