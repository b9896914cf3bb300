"""A multi-line text field for private free text that never holds control characters.

Typed keys are always printable, but a paste can carry anything, including escape sequences
that would act on the terminal when the text is drawn. Pasted text is cleaned with the same
rule the record uses (:func:`planner.model.clean_text`) before it enters the document.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from planner.model import clean_text

__all__ = ["PlainTextArea"]


class PlainTextArea(TextArea):
    """A soft-wrapping :class:`TextArea` where Tab moves focus and pastes are cleaned."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(
            clean_text(text),
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            id=id,
        )

    async def _on_paste(self, event: events.Paste) -> None:
        # Stop TextArea's own paste handler, which would insert the raw text.
        event.prevent_default()
        if self.read_only:
            return
        result = self.replace(clean_text(event.text), *self.selection)
        self.move_cursor(result.end_location)
        self.focus()
