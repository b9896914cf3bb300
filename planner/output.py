"""Printing to the terminal safely: no control byte from the record ever reaches it.

Everything the command line prints that came from user data goes through :func:`shown` (one
line) or :func:`shown_text` (several lines), which strip escape sequences and control
characters and turn undecodable bytes (lone surrogates from a non-UTF-8 argument or file name)
into ``?``. :func:`task_json` cleans every string of a task the same way for ``show --json``,
:func:`dumps_json` makes JSON that is safe to print as well, and :func:`write`
never fails on a terminal whose encoding cannot show a character.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from planner.model import Task, clean_line, clean_text

if TYPE_CHECKING:
    from typing import Protocol

    class Writable(Protocol):
        """Anything with ``write(str)``: a text stream, or what argparse prints to (a Protocol
        class costs a fraction of a millisecond to build, on every command: for the checker
        only)."""

        def write(self, text: str, /) -> object:
            """Write ``text``."""


__all__ = ["dumps_json", "shown", "shown_text", "task_json", "task_line", "write"]

# json.dumps escapes C0 controls itself but, with ensure_ascii=False, leaves DEL, the C1
# controls (0x9b is a one-byte CSI on some terminals), the bidi embedding, override and isolate
# controls (which reorder what a terminal shows after them) and lone surrogates as they are.
# (A pattern, compiled the first time a text holds a character beyond ASCII or DEL.)
_JSON_UNSAFE = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _no_surrogates(value: str) -> str:
    return value.encode("utf-8", "replace").decode("utf-8")


def shown(value: object) -> str:
    """One line of user text as it may be printed: control characters removed."""
    return _no_surrogates(clean_line(str(value)))


def shown_text(value: object) -> str:
    """Multi-line user text as it may be printed: newlines kept, control characters removed."""
    return _no_surrogates(clean_text(str(value)))


def dumps_json(data: Any, *, indent: int | None = None) -> str:
    """``json.dumps`` with non-ASCII kept, and every character a terminal could act on escaped.

    The result is still exactly the same JSON value: only the escaping differs.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if text.isascii() and "\x7f" not in text:
        return text  # nothing the pattern matches
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)


def write(stream: Writable, text: str) -> None:
    """Write ``text`` to ``stream``; characters its encoding lacks become ``?``."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))


def task_json(task: Task) -> dict[str, Any]:
    """A task as ``planner show --json`` prints it (the object of DESIGN.md, in its order).

    Every string is cleaned like printed text (:func:`clean_line`, notes :func:`clean_text`):
    a record written by another program may hold escape sequences, and a script that prints
    a field must not pass them on. ``export --format json`` is the exact backup and is not
    cleaned.
    """
    return {
        "id": clean_line(task.id),
        "title": clean_line(task.title),
        "day": task.day.isoformat(),
        "time": f"{task.time:%H:%M}" if task.time else None,
        "done": task.done,
        "purposes": [clean_line(slug) for slug in task.purposes],
        "skills": [clean_line(slug) for slug in task.skills],
        "people": [clean_line(slug) for slug in task.people],
        "stretch": task.stretch,
        "recurrence": clean_line(task.recurrence) if task.recurrence is not None else None,
        "notes": clean_text(task.notes),
    }


def task_line(task: Task) -> str:
    """One task for the terminal: ``[x] 15:00  Title  #purpose +skill @person !  (id …)``."""
    box = "[x]" if task.done else "[ ]"
    when = f"{task.time:%H:%M}" if task.time else "     "
    tags = [f"#{p}" for p in task.purposes] + [f"+{s}" for s in task.skills]
    tags += [f"@{p}" for p in task.people]
    if task.stretch:
        tags.append("!")
    if task.recurrence:
        tags.append("(repeats)")
    extra = "  " + " ".join(tags) if tags else ""
    return shown(f"{box} {when}  {task.title}{extra}  (id {task.id})")
