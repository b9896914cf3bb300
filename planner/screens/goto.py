"""Go to a date: one line, typed like the quick-add grammar's days, with a clear error."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from planner.dates import DateError, format_day, parse_day
from planner.widgets.plain_input import PlainInput

__all__ = ["GotoScreen"]

HINT = "today, tomorrow, fri, next fri, in 3 days, dec 3, 2026-12-03 · Enter goes, Esc cancels"


class GotoScreen(ModalScreen[date | None]):
    """Ask for a day; dismisses with it, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Stay on this day", id="goto.cancel"),
    ]

    def __init__(self, today: date, current: date) -> None:
        super().__init__()
        self.today = today
        self.current = current

    def compose(self) -> ComposeResult:
        """A titled box with the input and a message line."""
        with Vertical(id="goto-box", classes="dialog"):
            yield Static(Content.styled("Go to a date", "bold"), classes="dialog-title")
            yield PlainInput(placeholder=format_day(self.current), id="goto-input")
            yield Static(Content.styled(HINT, "dim"), id="goto-message")

    @on(Input.Changed, "#goto-input")
    def _changed(self, event: Input.Changed) -> None:
        message = self.query_one("#goto-message", Static)
        if not event.value.strip():
            message.update(Content.styled(HINT, "dim"))
            return
        try:
            day = parse_day(event.value, self.today)
        except DateError:
            message.update(Content.styled(HINT, "dim"))
        else:
            message.update(Content.assemble(("→ ", "dim"), (format_day(day, self.today), "bold")))

    @on(Input.Submitted, "#goto-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            day = parse_day(event.value, self.today)
        except DateError as error:
            self.query_one("#goto-message", Static).update(
                Content.assemble(("✗ ", "bold $error"), (str(error), "$error"))
            )
            self.app.bell()
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
