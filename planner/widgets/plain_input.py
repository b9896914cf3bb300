"""A one-line text field that never holds control characters.

Typed keys are always printable, but a paste can carry anything, including escape sequences
(a clipboard write, a title change, a screen clear) that would act on the terminal when the
field is drawn; and a value loaded from a record written by another program may hold them too.
Both are cleaned with the rule the record uses (:func:`planner.model.clean_line`) before they
enter the field, so what is shown, and what is saved from it, is only text.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from planner.model import clean_line

__all__ = ["PlainInput"]


class PlainInput(Input):
    """An :class:`~textual.widgets.Input` whose value is always cleaned of control characters."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter typed before the app has the terminal (keys sent with the command that starts
        # it) arrives as a line feed, which Textual reads as ctrl+j.
        Binding("ctrl+j", "submit", "Submit", show=False),
    ]

    def validate_value(self, value: str) -> str:
        """Every way a value arrives (typing, paste, code) ends here: keep the text only."""
        return clean_line(value)

    def replace(self, text: str, start: int, end: int) -> None:
        """Insert cleaned text, so the cursor lands after what was really inserted."""
        super().replace(clean_line(text), start, end)
