"""The day's tasks beside the reflection: what got done, what did not, and a way to carry it on.

Done tasks are listed with the purposes they served and the skills they grew, as a memory aid
for the prompts. Unfinished one-off tasks are offered in a selection list; the buttons ask the
screen (by message) to carry the chosen ones, or all of them, to the next day. Recurring tasks
are shown but not offered: they come back by themselves. The widget never touches the store.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from planner.model import Task, clean_line

__all__ = ["CarryList", "ReflectionContext", "task_links"]


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


class CarryList(SelectionList[str]):
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
        """Headings, the done list, the unfinished list and the two carry buttons."""
        done = [t for t in self.tasks if t.done]
        unfinished = [t for t in self.tasks if not t.done]
        yield Static(Content(f"Done ({len(done)})"), classes="context-heading")
        if not done:
            yield Static(Content("Nothing marked done."), classes="context-empty")
        for task in done:
            yield Static(Content.assemble("✓ ", clean_line(task.title)), classes="context-done")
            links = task_links(task, self.purposes, self.skills)
            if links is not None:
                yield Static(links, classes="context-links")
        yield Static(Content(f"Unfinished ({len(unfinished)})"), classes="context-heading")
        if not unfinished:
            yield Static(Content("Everything is done."), classes="context-empty")
            return
        for task in unfinished:
            if task.is_recurring:
                yield Static(
                    Content.assemble("↻ ", clean_line(task.title), ("  recurs", "$text-muted")),
                    classes="context-recurring",
                )
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
