"""Block-character drawing: horizontal bars and column heights, as plain text.

The charts of the insights screen are drawn with Unicode block elements rather than a plotting
library: they need no dependency, render the same in every terminal font that has the blocks,
and stay legible at 80 columns. These helpers are pure (no Textual) so they can be checked
without a terminal; the widgets add colour and layout.
"""

from __future__ import annotations

__all__ = [
    "COLUMN_EIGHTHS",
    "ROW_EIGHTHS",
    "column_cell",
    "hbar",
]

#: Left-aligned eighths of a cell, for horizontal bars: index n is n/8 of a cell filled.
ROW_EIGHTHS = " ▏▎▍▌▋▊▉█"
#: Bottom-aligned eighths of a cell, for columns: index n is n/8 of a cell filled.
COLUMN_EIGHTHS = " ▁▂▃▄▅▆▇█"


def hbar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of ``value`` out of ``maximum`` drawn in at most ``width`` cells.

    A value above zero always shows at least a sliver, so "one" never looks like "none".
    The result has no padding: its cell length is the bar's length.
    """
    if width <= 0 or maximum <= 0 or value <= 0:
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    eighths = max(eighths, 1)
    full, part = divmod(eighths, 8)
    return "█" * full + (ROW_EIGHTHS[part] if part else "")


def column_cell(level: float, row: int) -> str:
    """The block for line ``row`` (0 = bottom) of a column ``level`` lines tall."""
    eighths = round((level - row) * 8)
    if eighths <= 0:
        return " "
    return COLUMN_EIGHTHS[min(eighths, 8)]
