"""The ``?`` screen: every key with its current binding (after remapping), and the grammar."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from planner.keys import KeyRow
from planner.themes import stylesheet

__all__ = ["HelpScreen"]

GRAMMAR: tuple[tuple[str, str], ...] = (
    ("#slug", "purpose (created with a draft statement when new)"),
    ("+slug", "skill (created when new)"),
    ("@name", "person"),
    ("!", "stretch: above and beyond"),
    ("a day", "today, tomorrow, fri, next fri, in 3 days, dec 3, 2026-12-03"),
    ("a time", "9am, 3:30pm, 15:30"),
    ("every …", "every day, every weekday, every mon, every 2 weeks, every month"),
    ('"…" or \\#', "literal text, never parsed"),
)


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; Esc, ? or q closes it."""

    CSS_PATH = stylesheet("help.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q", "close", "Close", tooltip="Back to the day", id="help.close"
        ),
    ]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """Keys first, then the quick-add grammar; each row wraps beside its key."""
        with Vertical(id="help-box", classes="dialog"):
            yield Static(Content.styled("Keys and help", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield _row("key", Content("what it does"), "id (remap in settings)", heading=True)
                day_and_app = True
                for row in self.rows:
                    if day_and_app and not row.binding_id.startswith(("day.", "app.")):
                        day_and_app = False
                        yield Static(
                            Content.styled("On the other screens and dialogs", "bold"),
                            classes="help-heading",
                        )
                    yield _row(
                        row.keys,
                        Content.assemble((row.description, "bold"), "  ", (row.tooltip, "dim")),
                        row.binding_id,
                    )
                    if row.binding_id == "day.rate":
                        # The rating's second key is not a binding of its own.
                        yield _row("  then 1–5", Content("the rating: 1 calm … 5 very stressful"))
                yield Static(
                    Content.styled("Quick add understands", "bold"), classes="help-heading"
                )
                for token, meaning in GRAMMAR:
                    yield _row(token, Content(meaning))
            yield Static(
                Content.styled("Esc closes · ctrl+p finds any action by name", "dim"),
                id="help-footer",
            )

    def action_close(self) -> None:
        """Back to where the help was opened."""
        self.dismiss(None)


def _row(key: str, text: Content, binding_id: str = "", *, heading: bool = False) -> Horizontal:
    """One help line: the key and the binding id (the name a keymap in the settings uses) in
    their columns, the text wrapping beside them."""
    return Horizontal(
        Static(Content.styled(key, "bold $primary"), classes="help-key"),
        Static(Content.styled(binding_id, "dim"), classes="help-id"),
        Static(Content.styled(text.plain, "bold") if heading else text, classes="help-text"),
        classes="help-row",
    )
