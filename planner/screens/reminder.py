"""The purpose reminder ("Remember your why"): the user's own record, for the hard days.

It opens by itself after a day is rated stressful and on the first open of the day after one
(the app decides when; see ``PlannerApp``), and at any time with ``w``. Gathering the evidence
reads about two months of tasks and a year of reflections, so it runs in a thread worker that
posts the result back; the box shows a short "gathering" line until then. Esc closes it.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from planner.reminder import ReminderEvidence, build_reminder
from planner.storage import StoreError
from planner.store import Store
from planner.themes import stylesheet
from planner.widgets.reminder_view import ReminderView

__all__ = ["ReminderScreen"]


class ReminderScreen(ModalScreen[None]):
    """A calm box over the current screen with the user's purposes and the evidence for them."""

    CSS_PATH = stylesheet("reminder.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Close the reminder and go back",
            id="reminder.close",
        ),
    ]

    class EvidenceReady(Message):
        """The worker finished gathering the evidence."""

        def __init__(self, evidence: ReminderEvidence) -> None:
            super().__init__()
            self.evidence = evidence

    class EvidenceFailed(Message):
        """The record could not be read; ``reason`` is the store's one-line message."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.evidence: ReminderEvidence | None = None
        """The evidence shown, once gathered (tests read it)."""

    def compose(self) -> ComposeResult:
        """The box: a title, a placeholder until the evidence arrives, and the way out."""
        with VerticalScroll(id="reminder-box") as box:
            box.border_subtitle = "↑↓ scroll · Esc closes"
            yield Static(Content("Remember your why"), id="reminder-title")
            yield Static(Content("Gathering your record…"), id="reminder-loading")

    def on_mount(self) -> None:
        """Start gathering as soon as the box is on screen."""
        self.gather()

    @work(thread=True, exit_on_error=False, group="reminder")
    def gather(self) -> None:
        """Read the record off the UI thread and post what was found."""
        try:
            evidence = build_reminder(self.store, self.today)
        except StoreError as error:
            # The store's messages name a file and a cause, never what the user wrote.
            self.post_message(self.EvidenceFailed(str(error)))
            return
        self.post_message(self.EvidenceReady(evidence))

    async def on_reminder_screen_evidence_ready(self, message: EvidenceReady) -> None:
        """Replace the placeholder with the evidence."""
        self.evidence = message.evidence
        box = self.query_one("#reminder-box", VerticalScroll)
        await self.query("#reminder-loading").remove()
        await box.mount(ReminderView(message.evidence, id="reminder-view"))
        box.scroll_home(animate=False)

    def on_reminder_screen_evidence_failed(self, message: EvidenceFailed) -> None:
        """Say plainly that the record could not be read, and why."""
        loading = self.query_one("#reminder-loading", Static)
        loading.update(Content(f"Your record could not be read just now: {message.reason}"))
        loading.add_class("-error")

    def action_close(self) -> None:
        """Esc: back to where the user was."""
        self.dismiss(None)
