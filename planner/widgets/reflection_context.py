"""The day's tasks beside the reflection: what got done, what did not, and a way to carry it on.

Done tasks are listed with the purposes they served and the skills they grew, as a memory aid
for the prompts. Unfinished one-off tasks are offered in a selection list; the buttons ask the
screen (by message) to carry the chosen ones, or all of them, to the next day. Recurring tasks
are shown but not offered: they come back by themselves. The widget never touches the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from planner.model import Task, clean_line
from planner.widgets.check_list import CheckList

__all__ = ["CarryList", "ContextLines", "ContextRow", "ReflectionContext", "task_links"]

#: What a row of :class:`ContextLines` is; each kind is styled by its own component class.
RowKind = Literal["heading", "empty", "done", "links", "recurring"]


def task_links(
    task: Task, purposes: Mapping[str, str], skills: Mapping[str, str]
) -> Content | None:
    """``why: To help others · grows: Excel · with @sam``, or None for a task tied to nothing."""
    parts: list[str] = []
    if task.purposes:
        names = ", ".join(clean_line(purposes.get(slug, slug)) for slug in task.purposes)
        parts.append(f"why: {names}")
    if task.skills:
        names = ", ".join(clean_line(skills.get(slug, slug)) for slug in task.skills)
        parts.append(f"grows: {names}")
    if task.people:
        parts.append("with " + ", ".join(f"@{clean_line(p)}" for p in task.people))
    return Content(" · ".join(parts)) if parts else None


@dataclass(frozen=True, slots=True)
class ContextRow:
    """One entry of :class:`ContextLines`: wrapped to the width, its later lines indented."""

    kind: RowKind
    text: Content
    """User text inside is plain text (titles, purposes, skills): never parsed as markup."""
    indent: int = 0
    """Cells before every line of the entry (a task's links sit under its title)."""


class ContextLines(Widget):
    """The headings and tasks of the context column, drawn by one widget.

    One ``Static`` per line made the reflection build, style and draw twenty-odd widgets for a
    day of ten tasks; one widget that wraps its rows itself opens the screen sooner and holds
    less. A row wraps under its own indent, as a padded ``Static`` did; a heading has a blank
    line above it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "context-lines--heading",
        "context-lines--empty",
        "context-lines--done",
        "context-lines--links",
        "context-lines--recurring",
    }

    DEFAULT_CSS = """
    ContextLines {
        height: auto;
    }
    """

    def __init__(self, rows: tuple[ContextRow, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self._drawn: tuple[int, list[Content]] | None = None

    def lines(self, width: int) -> list[Content]:
        """The rows as lines of at most ``width`` cells, kept until the width or styles change
        (layout asks for the height, then the frame draws: the same lines twice)."""
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._draw(max(width, 1)))
        return self._drawn[1]

    def _draw(self, width: int) -> list[Content]:
        lines: list[Content] = []
        for row in self.rows:
            if row.kind == "heading":
                lines.append(Content(""))
            style = self.get_visual_style(f"context-lines--{row.kind}", partial=True)
            indent = min(row.indent, width - 1)
            for line in row.text.stylize_before(style).wrap(width - indent):
                lines.append(line.pad_left(indent) if indent else line)
        return lines

    def notify_style_update(self) -> None:
        """The theme or the stylesheet changed: draw again with the new colours."""
        self._drawn = None
        super().notify_style_update()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the rows need at ``width``."""
        return len(self.lines(width))

    def render(self) -> RenderResult:
        """The lines for the current width."""
        return Content("\n").join(self.lines(self.size.width))


class CarryList(CheckList[str]):
    """The unfinished tasks to choose from; toggles the option that was selected.

    The stock list toggles whichever option is highlighted when the "selected" message is
    handled, so space then down typed quickly (as a terminal delivers them) toggled the wrong
    row; the message carries the index of the right one.
    """

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()  # not the stock handler as well
        self.toggle(self.get_option_at_index(event.option_index))


class ReflectionContext(VerticalScroll, can_focus=False):
    """Done and unfinished tasks of the reflected day, with the carry controls."""

    tasks: reactive[tuple[Task, ...]] = reactive((), recompose=True)
    """The day's tasks; the screen reassigns it after carrying."""

    class CarryRequested(Message):
        """The user asked to carry these tasks to the next day."""

        def __init__(self, task_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.task_ids = task_ids

    def __init__(
        self,
        tasks: tuple[Task, ...],
        *,
        purposes: Mapping[str, str],
        skills: Mapping[str, str],
        tomorrow_label: str,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.purposes = dict(purposes)
        self.skills = dict(skills)
        self.tomorrow_label = tomorrow_label
        self.set_reactive(ReflectionContext.tasks, tasks)

    @property
    def carryable(self) -> tuple[Task, ...]:
        """Unfinished one-off tasks (recurring ones recur by themselves)."""
        return tuple(t for t in self.tasks if not t.done and not t.is_recurring)

    def compose(self) -> ComposeResult:
        """The day's tasks as one list of lines, the carry list and the two carry buttons."""
        done = [t for t in self.tasks if t.done]
        unfinished = [t for t in self.tasks if not t.done]
        rows: list[ContextRow] = [ContextRow("heading", Content(f"Done ({len(done)})"))]
        if not done:
            rows.append(ContextRow("empty", Content("Nothing marked done.")))
        for task in done:
            rows.append(ContextRow("done", Content.assemble("✓ ", clean_line(task.title))))
            links = task_links(task, self.purposes, self.skills)
            if links is not None:
                rows.append(ContextRow("links", links, indent=2))
        rows.append(ContextRow("heading", Content(f"Unfinished ({len(unfinished)})")))
        if not unfinished:
            rows.append(ContextRow("empty", Content("Everything is done.")))
        for task in unfinished:
            if task.is_recurring:
                title = Content.assemble("↻ ", clean_line(task.title), ("  recurs", "$text-muted"))
                rows.append(ContextRow("recurring", title))
        yield ContextLines(tuple(rows), id="context-lines")
        if not unfinished:
            return
        carryable = self.carryable
        if not carryable:
            return
        selections: list[Selection[str]] = []
        for task in carryable:
            prompt = Content(clean_line(task.title))
            links = task_links(task, self.purposes, self.skills)
            if links is not None:
                prompt = Content.assemble(prompt, ("  ", ""), links.stylize("$text-muted"))
            selections.append(Selection(prompt, task.id))
        yield CarryList(*selections, id="carry-list")
        yield Static(Content(f"Carry to {self.tomorrow_label}:"), classes="context-carry-label")
        with Horizontal(id="carry-buttons"):
            yield Button(Content("Chosen (0)"), id="carry-chosen", compact=True)
            yield Button(Content(f"All ({len(carryable)})"), id="carry-all", compact=True)
        yield Static(Content("space in the list chooses"), classes="context-carry-hint")

    @on(SelectionList.SelectedChanged, "#carry-list")
    def _chosen_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        # The list marks choices by colour only; the count on the button says it in words.
        event.stop()
        count = len(event.selection_list.selected)
        self.query_one("#carry-chosen", Button).label = Content(f"Chosen ({count})")

    @on(Button.Pressed, "#carry-chosen")
    def _carry_chosen(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = tuple(self.query_one("#carry-list", SelectionList).selected)
        if not chosen:
            self.notify("Choose tasks first (space), or carry all", markup=False)
            return
        self.post_message(self.CarryRequested(chosen))

    @on(Button.Pressed, "#carry-all")
    def _carry_all(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.CarryRequested(tuple(t.id for t in self.carryable)))
