"""The list of search results: one entry per matching task or reflection, newest day first.

Each entry shows the day, a stressful marker (a symbol *and* a word, never colour alone), whether
the task is done, and the title with its tags, or the reflection answer that matched. Everything
the user wrote is placed in :class:`~textual.content.Content` as plain text, so brackets and
markup-like text are shown as typed and never interpreted; control characters (escape sequences)
are stripped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner.dates import format_day
from planner.model import Task, clean_line
from planner.series import virtual_id

__all__ = ["SearchHit", "SearchResults"]

#: Longest title or answer shown in a result; the rest is elided (the day screen has it all).
MAX_SHOWN = 160


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: a task on a day, or a day's reflection."""

    day: date
    stressful: bool = False
    task: Task | None = None
    question: str = ""
    """For a reflection: the prompt whose answer matched."""
    answer: str = ""
    """For a reflection: the answer that matched."""
    repeats: str = ""
    """For a recurring task: how it repeats, in words (``every week``)."""

    @property
    def task_id(self) -> str | None:
        """The id of the task as its day lists it (for a series, the occurrence on that day)."""
        if self.task is None:
            return None
        return virtual_id(self.task.id, self.day) if self.repeats else self.task.id


def _shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    line = " ".join(clean_line(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _excerpt(text: str, words: Sequence[str], limit: int = MAX_SHOWN) -> str:
    """The part of ``text`` around the first matched word, so the match is in view."""
    line = " ".join(clean_line(text).split())
    if len(line) <= limit:
        return line
    folded = line.casefold()
    start = min((folded.find(w) for w in words if w in folded), default=0)
    begin = max(0, start - limit // 3)
    piece = line[begin : begin + limit - 2]
    return ("…" if begin else "") + piece + ("…" if begin + len(piece) < len(line) else "")


def hit_content(hit: SearchHit, today: date | None, words: Sequence[str] = ()) -> Content:
    """The two lines shown for ``hit``: the day and markers, then the task or the answer."""
    head: list[str | tuple[str, str]] = [(format_day(hit.day, today), "bold")]
    if hit.stressful:
        head += ["  ", ("⚠ stressful", "bold $text-warning")]
    if hit.task is None:
        head += ["  ", ("✎ reflection", "$text-muted")]
        body: list[str | tuple[str, str]] = [
            "\n  ",
            (_shorten(hit.question, 60), "italic $text-muted"),
            " " if hit.question.endswith("?") else ": ",
            _excerpt(hit.answer, words),
        ]
    else:
        task = hit.task
        mark = ("✓ done ", "$text-success") if task.done else ("○ to do", "$text-muted")
        body = ["\n  ", mark, "  "]
        if task.time is not None:
            body += [(task.time.strftime("%H:%M"), "bold"), " "]
        body.append(_excerpt(task.title, words))
        tags = [f"#{p}" for p in task.purposes] + [f"+{s}" for s in task.skills]
        tags += [f"@{n}" for n in task.people]
        if tags:
            body += ["  ", (_shorten(" ".join(tags), 80), "$text-muted")]
        if task.stretch:
            body += ["  ", ("★ stretch", "$text-accent")]
        if hit.repeats:
            body += ["  ", (f"↻ {hit.repeats}", "$text-muted")]
    content = Content.assemble(*head, *body)
    if words:
        pattern = "|".join(re.escape(word) for word in words)
        # Only the second line holds user text; the day label must not light up for "nov".
        first_line = len(content.plain.split("\n", 1)[0])
        highlighted = content.highlight_regex(
            re.compile(pattern, re.IGNORECASE), style="bold underline"
        )
        content = content[:first_line] + highlighted[first_line:]
    return content


class SearchResults(OptionList):
    """Search results as a list the user moves through; Enter or a click chooses one."""

    class Chosen(Message):
        """The user chose a result (Enter or click)."""

        def __init__(self, hit: SearchHit) -> None:
            super().__init__()
            self.hit = hit
            """The chosen result."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._hits: tuple[SearchHit, ...] = ()

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        """The results shown, in order."""
        return self._hits

    def show_hits(
        self, hits: Sequence[SearchHit], today: date | None, words: Sequence[str]
    ) -> None:
        """Replace the shown results."""
        self._hits = tuple(hits)
        self.set_options(
            Option(hit_content(hit, today, words), id=str(index))
            for index, hit in enumerate(self._hits)
        )
        if self._hits:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the selection into a :class:`Chosen` carrying the result itself."""
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Chosen(self._hits[int(event.option_id)]))
