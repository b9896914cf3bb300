"""Quick add: a one-line input at the bottom, parsed live, with a preview of what was understood.

Nothing is saved here: on Enter the widget posts :class:`QuickAdd.Submitted` with the parsed
task and the screen saves it. A line the grammar cannot read shows its message inline.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from planner.widgets.plain_input import PlainInput

if TYPE_CHECKING:
    from planner.quickadd import ParsedTask, QuickAddError

__all__ = ["QuickAdd"]

HINT = (
    "Type the task; add #purpose +skill @person, a day (tomorrow, fri, dec 3), "
    "a time (3pm), ! for stretch, every … to repeat. Enter saves, Esc cancels."
)


class QuickAdd(Vertical, can_focus=False):
    """The quick-add bar: input and live preview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close quick add without saving",
            id="quick.cancel",
        ),
    ]

    default_day: reactive[date] = reactive(date(2000, 1, 1))
    """The day a task goes to when the text names none (the day on screen)."""
    today: reactive[date] = reactive(date(2000, 1, 1))
    """Today, the reference for relative days such as ``tomorrow``."""

    class Submitted(Message):
        """The user pressed Enter on a line the grammar understood."""

        def __init__(self, parsed: ParsedTask, text: str) -> None:
            super().__init__()
            self.parsed = parsed
            self.text = text

    class Closed(Message):
        """Quick add was closed without saving."""

    def compose(self) -> ComposeResult:
        """The input line, and the preview under it."""
        with Horizontal(id="quick-line"):
            yield Static(Content.styled("Add ▸ ", "bold $accent"), id="quick-prompt")
            yield PlainInput(
                placeholder="Call Ann tomorrow 3pm #help-others +excel @ann",
                id="quick-input",
                compact=True,
            )
        yield Static(Content.styled(HINT, "dim"), id="quick-preview")

    @property
    def input(self) -> Input:
        """The text field."""
        return self.query_one("#quick-input", Input)

    def open(self) -> None:
        """Show the bar, empty, and put the cursor in it."""
        self.input.value = ""
        self.display = True
        self._relayout()
        # At once, not after the keys already waiting: those typed with the ``a`` come to the
        # input (planner.widgets.typeahead), not to the day's own keys.
        self.screen.set_focus(self.input)

    def close(self) -> None:
        """Hide the bar."""
        self.display = False
        self._relayout()

    def _relayout(self) -> None:
        # Showing or hiding the bar changes the screen's layout. Left to the bar, the request
        # reaches the screen a frame later than the widgets' own changes: after Enter the new
        # task showed in the list one frame (~30 ms) before the bar went away.
        if self.is_attached:
            self.screen.refresh(layout=True)

    def parsed(self, text: str | None = None) -> ParsedTask | QuickAddError | None:
        """What ``text`` (default: the current text) says: a task, the grammar's complaint, or
        None when empty."""
        # The grammar is imported when the bar is first used: not on the way to the first paint.
        from planner.quickadd import QuickAddError, parse

        text = self.input.value if text is None else text
        if not text.strip():
            return None
        try:
            return parse(text, self.today, self.default_day)
        except QuickAddError as error:
            return error

    def show_error(self, message: str) -> None:
        """Show a message under the input (e.g. the store could not save)."""
        self._preview().update(Content.assemble(("✗ ", "bold $error"), (message, "$error")))

    def _preview(self) -> Static:
        return self.query_one("#quick-preview", Static)

    @on(Input.Changed, "#quick-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Parse the text again and show what was understood."""
        from planner.quickadd import QuickAddError

        result = self.parsed()
        if result is None:
            self._preview().update(Content.styled(HINT, "dim"))
        elif isinstance(result, QuickAddError):
            self.show_error(str(result))
        else:
            rows = result.preview(self.default_day, self.today)
            parts: list[str | tuple[str, str]] = []
            for index, (label, value) in enumerate(rows):
                if index:
                    parts.append(("  ·  ", "dim"))
                parts += [(f"{label} ", "dim"), (value, "bold" if label == "title" else "")]
            self._preview().update(Content.assemble(*parts))

    @on(Input.Submitted, "#quick-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        from planner.quickadd import QuickAddError

        # The text as it was at Enter: keys typed after it may have reached the input since.
        result = self.parsed(event.value)
        if result is None:
            self.show_error("empty: type what the task is, or press Esc to cancel")
            self.app.bell()
        elif isinstance(result, QuickAddError):
            self.show_error(str(result))
            self.app.bell()
        else:
            self.post_message(self.Submitted(result, event.value))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.close()
        self.post_message(self.Closed())
