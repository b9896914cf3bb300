"""A selection list whose boxes say what they hold, not only by their colour.

Textual's ``SelectionList`` draws the same ``X`` in every box and tells a chosen row from the
others by the box's colour alone: on a monochrome terminal, or to a reader who does not see the
difference, every row looks chosen. :class:`CheckList` draws ``✓`` in a chosen row's box and
leaves the others empty, as the edit screen's checkboxes do.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

__all__ = ["CHOSEN", "NOT_CHOSEN", "CheckList"]

#: What a box holds.
CHOSEN, NOT_CHOSEN = "✓", " "

T = TypeVar("T")


class CheckList(SelectionList[T]):
    """``SelectionList`` with ``✓`` in chosen boxes and nothing in the others."""

    def render_line(self, y: int) -> Strip:
        """The stock line, its box's mark set by the row's state."""
        line = super().render_line(y)
        segments = list(line)
        # The stock line starts with the box: left edge, mark, right edge (see SelectionList).
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return line
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        mark = CHOSEN if selection.value in self.selected else NOT_CHOSEN
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)
