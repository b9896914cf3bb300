"""Carry in: pick which unfinished tasks from earlier days come into the shown day.

Every candidate starts ticked, so carrying everything is ``c`` then Enter; space unticks the
ones left behind on purpose. Dismisses with the ids to carry, or None.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from planner.dates import format_day
from planner.model import Task, clean_line
from planner.widgets.check_list import CheckList

__all__ = ["CarryScreen"]


class CarryScreen(ModalScreen[list[str] | None]):
    """A ticked list of unfinished earlier tasks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "carry",
            "Carry",
            tooltip="Carry the ticked tasks",
            id="carry.confirm",
            priority=True,
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Carry nothing", id="carry.cancel"),
    ]

    def __init__(self, candidates: tuple[Task, ...], day: date, today: date) -> None:
        super().__init__()
        self.candidates = candidates
        self.day = day
        self.today = today

    def compose(self) -> ComposeResult:
        """Title, the ticked list, and how to use it."""
        with Vertical(id="carry-box", classes="dialog"):
            yield Static(
                Content.assemble(
                    ("Carry into ", "bold"), (format_day(self.day, self.today), "bold")
                ),
                classes="dialog-title",
            )
            yield CheckList[str](
                *(Selection(self._prompt(t), t.id, True) for t in self.candidates), id="carry-list"
            )
            yield Static(
                Content.styled(
                    "space ticks / unticks · Enter carries the ticked ones · Esc cancels", "dim"
                ),
                id="carry-help",
            )

    def _prompt(self, task: Task) -> Content:
        when = format_day(task.day)
        return Content.assemble((when, "dim"), "  ", clean_line(task.title))

    def action_carry(self) -> None:
        """Carry the ticked tasks."""
        self.dismiss(list(self.query_one("#carry-list", SelectionList).selected))

    def action_cancel(self) -> None:
        """Carry nothing."""
        self.dismiss(None)
