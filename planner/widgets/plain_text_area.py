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

    def on_unmount(self) -> None:
        """Drop the watch TextArea keeps on the app's theme.

        Textual removes such a watcher only the next time the watched value changes, so until
        the theme changes every closed screen holding a text area (reflection, edit) stayed in
        memory, whole: a few megabytes each time one was opened.
        """
        watchers = getattr(self.app, "__watchers", {}).get("theme")
        if isinstance(watchers, list):
            watchers[:] = [entry for entry in watchers if entry[0] is not self]

    async def _on_paste(self, event: events.Paste) -> None:
        # Stop TextArea's own paste handler, which would insert the raw text.
        event.prevent_default()
        if self.read_only:
            return
        result = self.replace(clean_text(event.text), *self.selection)
        self.move_cursor(result.end_location)
        self.focus()
