"""The body of the purpose reminder: the user's own record, turned into a few short sections.

The widget is handed the evidence (computed elsewhere, off the UI thread) and only lays it out.
Every piece of user text (purpose statements, task titles, names, the calm-day line, the next
step) goes into :class:`~textual.content.Content` as a literal, and is cleaned of control
characters first, so nothing the user typed is read as markup or reaches the terminal raw.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from planner.dates import format_day
from planner.model import clean_line
from planner.reminder import PurposeEvidence, ReminderEvidence

__all__ = ["ReminderView", "reminder_sections"]

#: How many stretch tasks are listed before "and N more" (the point is the feeling, not a log).
MAX_STRETCH = 5
#: How many people are named.
MAX_PEOPLE = 6


def _literal(value: str) -> str:
    """User text made safe to show on one line."""
    return clean_line(value).strip()


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _purpose_lines(item: PurposeEvidence) -> Iterator[tuple[str, Content]]:
    yield "purpose-statement", Content.assemble(("◆ ", "$accent"), _literal(item.purpose.statement))
    if item.done_30:
        count = _plural(item.done_30, "task")
        yield "purpose-count", Content(f"{count} done for it in the last 30 days")
        for title in item.recent_titles:
            yield "purpose-title", Content.assemble("· ", _literal(title))
    else:
        yield (
            "purpose-count",
            Content(
                "Nothing done for it in the last 30 days yet: one small task today is a start."
            ),
        )


def reminder_sections(evidence: ReminderEvidence) -> list[tuple[str, Content]]:
    """The reminder as (CSS class, line) pairs, in reading order.

    Kept apart from the widget so its wording can be checked without a terminal.
    """
    lines: list[tuple[str, Content]] = []
    next_step = _literal(evidence.next_step)
    if evidence.is_empty:
        lines += [
            ("intro", Content("Your record is just starting, and that is fine.")),
            (
                "body",
                Content(
                    "A purpose is the reason behind your work, in your own words: "
                    "“To help others”, “To become a great analyst”."
                ),
            ),
            (
                "body",
                Content(
                    "Close this with Esc and press p to write yours"
                    + ("." if next_step else ", and the next step this job leads to.")
                    + " Then tie tasks to it with #purpose in quick add: on the hard days "
                    "this page will show you what you have done for it."
                ),
            ),
        ]
        if next_step:
            lines.append(("next-step", Content(f"This job is a stepping stone to: {next_step}")))
        return lines

    lines.append(("intro", Content("A hard day does not undo what your record says.")))
    if next_step:
        lines.append(("next-step", Content(f"This job is a stepping stone to: {next_step}")))
    if evidence.purposes:
        lines.append(("heading", Content("Your why")))
        for item in evidence.purposes:
            lines.extend(_purpose_lines(item))
    else:
        lines.append(("heading", Content("Your why")))
        lines.append(
            ("body", Content("You have not written a purpose yet: press p on the day to add one."))
        )
    if evidence.skills:
        lines.append(("heading", Content("Skills you grew (last 30 days against the 30 before)")))
        for skill in evidence.skills:
            lines.append(("skill", Content.assemble(("▲ ", "$success"), _literal(skill.phrase()))))
    if evidence.stretch:
        lines.append(("heading", Content("Above and beyond")))
        for task in evidence.stretch[:MAX_STRETCH]:
            lines.append(
                (
                    "stretch",
                    Content.assemble(
                        ("★ ", "$warning"),
                        _literal(task.title),
                        (f"  {format_day(task.day)}", "$text-muted"),
                    ),
                )
            )
        more = len(evidence.stretch) - MAX_STRETCH
        if more > 0:
            lines.append(("stretch", Content(f"and {more} more")))
    if evidence.people:
        lines.append(("heading", Content("People you helped or worked with")))
        shown = [f"@{_literal(name)} ({count})" for name, count in evidence.people[:MAX_PEOPLE]]
        more = len(evidence.people) - MAX_PEOPLE
        text = ", ".join(shown) + (f" and {_plural(more, 'other')}" if more > 0 else "")
        lines.append(("people", Content(text)))
    if evidence.calm_line is not None:
        when, said = evidence.calm_line
        lines.append(("heading", Content("On a calm day you wrote")))
        lines.append(("calm-line", Content.assemble("“", _literal(said), "”")))
        lines.append(("calm-date", Content(f"— {format_day(when)}")))
    return lines


class ReminderView(Vertical):
    """The sections of one reminder, each line a :class:`Static` with a CSS class."""

    def __init__(self, evidence: ReminderEvidence, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        """One Static per line so the stylesheet can space headings and indent details."""
        for css_class, content in reminder_sections(self.evidence):
            yield Static(content, classes=f"reminder-{css_class}")
