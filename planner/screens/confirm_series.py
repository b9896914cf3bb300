"""Deleting a repeating task asks what to delete: this day only, or the series from this day on.

Dismisses with ``"day"``, ``"series"`` or None (cancel). Either deletion is undoable.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from planner.model import clean_line

__all__ = ["ConfirmSeriesScreen", "SeriesChoice"]

SeriesChoice = Literal["day", "series"]


class ConfirmSeriesScreen(ModalScreen[SeriesChoice | None]):
    """Delete this day only / stop the whole series from this day / cancel."""

    # The box itself is the app's shared ``.dialog`` (styles/app.tcss); only its size is here.
    DEFAULT_CSS = """
    #series-box { width: 70; height: auto; }
    #series-buttons { height: auto; margin-top: 1; }
    #series-buttons Button { margin-right: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "choose('day')", "This day only", id="series.this_day"),
        Binding("s", "choose('series')", "Stop the series", id="series.stop"),
        Binding("escape,c", "cancel", "Cancel", id="series.cancel"),
    ]

    def __init__(self, title: str, day_label: str) -> None:
        super().__init__()
        self.task_title = title
        self.day_label = day_label

    def compose(self) -> ComposeResult:
        """The question, then one button per answer."""
        with Vertical(id="series-box", classes="dialog"):
            yield Static(Content.styled("Delete a repeating task", "bold"), classes="dialog-title")
            yield Static(
                Content.assemble(
                    "“",
                    clean_line(self.task_title),
                    "” repeats. Delete it on ",
                    self.day_label,
                    " only, or stop the whole series from that day on?",
                )
            )
            with Horizontal(id="series-buttons"):
                yield Button("This day only (t)", id="series-day", compact=True)
                yield Button(
                    "Stop the series (s)", id="series-stop", variant="warning", compact=True
                )
                yield Button("Cancel (Esc)", id="series-cancel", compact=True)

    def action_choose(self, choice: SeriesChoice) -> None:
        """Close with the choice."""
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Close without deleting."""
        self.dismiss(None)

    @on(Button.Pressed, "#series-day")
    def _day(self) -> None:
        self.dismiss("day")

    @on(Button.Pressed, "#series-stop")
    def _stop(self) -> None:
        self.dismiss("series")

    @on(Button.Pressed, "#series-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
