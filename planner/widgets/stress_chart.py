"""The stress chart: one column per day (rating 1–5), stressful days marked, unrated days as gaps.

Drawn with block characters, one line per rating level, so a glance shows the shape of the
period. A stressful day is marked by a symbol (``!``) under its column *and* its colour, and the
legend says what the symbol means, so nothing depends on colour alone. A day without a rating
is a ``·`` on the base line: visibly a gap, never a low bar. When the period has more days than
the width has columns (a quarter or a year at 80 columns), a column is a week: its height is the
average rating and the digit under it counts its stressful days, so none is averaged away; the
legend says so.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from planner.model import DEFAULT_STRESS_THRESHOLD
from planner.widgets.blocks import column_cell

__all__ = ["StressChart", "StressPoint", "bucket_points"]

#: Rating levels: one line of the chart each.
LEVELS = 5
#: Width of the axis on the left ("5 ┤").
GUTTER = 3
#: Widest a day's column gets (bar plus gap), so a week does not sprawl across the screen.
MAX_PITCH = 5
STRESS_MARK = "!"
GAP_MARK = "·"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@dataclass(frozen=True, slots=True)
class StressPoint:
    """One column: the days it covers, the rating it shows, and how many of them were stressful."""

    first: date
    last: date
    stress: float | None
    """The day's rating, or the average of the rated days of a longer column; None: no rating."""
    stressful: int
    """How many of its days were stressful."""


def bucket_size(count: int, columns: int) -> int:
    """Days per column: one when they fit, else whole weeks (a unit people think in)."""
    if count <= columns:
        return 1
    weeks = math.ceil(count / 7 / max(1, columns))
    return 7 * weeks


def bucket_points(days: list[tuple[date, int | None, bool]], columns: int) -> list[StressPoint]:
    """Fit ``(day, rating, stressful)`` in at most ``columns`` columns.

    When there are too many days, the columns are whole weeks counted back from the last day
    (so the newest column is complete); a column shows the average of its rated days and counts
    its stressful ones.
    """
    if not days or columns <= 0:
        return []
    size = bucket_size(len(days), columns)
    starts = list(range(len(days) - size, -size, -size))
    points: list[StressPoint] = []
    for start in reversed(starts):
        group = days[max(0, start) : start + size]
        ratings = [rating for _, rating, _ in group if rating is not None]
        points.append(
            StressPoint(
                first=group[0][0],
                last=group[-1][0],
                stress=sum(ratings) / len(ratings) if ratings else None,
                stressful=sum(1 for _, _, stressful in group if stressful),
            )
        )
    return points


def _joined(parts: list[tuple[str, Style | None]]) -> Content:
    """One line from (text, style) parts, with runs of one style merged into one span.

    Blank text takes the style before it (a space shows no colour), so a row of a hundred
    columns is a handful of spans rather than hundreds: far less work for every repaint.
    """
    runs: list[tuple[str, Style | None]] = []
    for text, style in parts:
        if runs and (style == runs[-1][1] or not text.strip()):
            runs[-1] = (runs[-1][0] + text, runs[-1][1])
        elif runs and not runs[-1][0].strip():
            runs[-1] = (runs[-1][0] + text, style)
        else:
            runs.append((text, style))
    return Content.assemble(*((text, style) if style else text for text, style in runs))


def _mark(point: StressPoint) -> str:
    """The symbol under a column: ``!`` for a stressful day, a count for a longer column."""
    if not point.stressful:
        return " "
    if point.first == point.last:
        return STRESS_MARK
    return str(point.stressful) if point.stressful < 10 else "+"


def _short(day: date, with_year: bool = False) -> str:
    # English names spelled out, so the chart does not change with the machine's locale.
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


class StressChart(Widget):
    """Columns of daily stress ratings over a period; rebuilt whenever ``days`` changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stress-chart--axis",
        "stress-chart--calm",
        "stress-chart--stressful",
        "stress-chart--gap",
        "stress-chart--mark",
        "stress-chart--legend",
    }
    """
    | Class | Description |
    | :- | :- |
    | `stress-chart--axis` | The rating axis and the dates. |
    | `stress-chart--calm` | Columns of days below the threshold. |
    | `stress-chart--stressful` | Columns of stressful days (and their marks). |
    | `stress-chart--gap` | The dot of a day without a rating. |
    | `stress-chart--mark` | The stressful-day symbol under a column. |
    | `stress-chart--legend` | The legend line. |
    """

    DEFAULT_CSS = """
    StressChart {
        height: auto;
    }
    """

    days: reactive[tuple[tuple[date, int | None, bool], ...]] = reactive((), layout=True)
    """``(day, rating or None, stressful)`` for every day of the period, oldest first."""
    threshold: reactive[int] = reactive(DEFAULT_STRESS_THRESHOLD)
    """The rating from which a day is stressful (named in the legend)."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        """An empty chart; set :attr:`days` (and :attr:`threshold`) to fill it."""
        super().__init__(name=name, id=id, classes=classes)
        self._drawn: tuple[tuple[object, ...], list[Content]] | None = None

    def layout_for(self, width: int) -> tuple[list[StressPoint], int]:
        """The columns drawn at ``width`` and the pitch (cells per column)."""
        room = max(1, width - GUTTER)
        points = bucket_points(list(self.days), room)
        if not points:
            return [], 1
        return points, max(1, min(MAX_PITCH, room // len(points)))

    def lines(self, width: int) -> list[Content]:
        """The chart as lines of at most ``width`` cells (tests read these).

        Kept until the width, the days or the styles change (layout asks more than once).
        """
        key = (width, self.days, self.threshold)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(width))
        return self._drawn[1]

    def notify_style_update(self) -> None:
        """The theme or the stylesheet changed: draw again with the new colours."""
        self._drawn = None
        super().notify_style_update()

    def _draw(self, width: int) -> list[Content]:
        legend_style = self.get_visual_style("stress-chart--legend", partial=True)
        if not self.days:
            return [Content("No days in this period.").stylize(legend_style)]
        points, pitch = self.layout_for(width)
        axis = self.get_visual_style("stress-chart--axis", partial=True)
        calm = self.get_visual_style("stress-chart--calm", partial=True)
        stressful = self.get_visual_style("stress-chart--stressful", partial=True)
        gap = self.get_visual_style("stress-chart--gap", partial=True)
        mark = self.get_visual_style("stress-chart--mark", partial=True)
        # A column is its bar plus a one-cell gap once there is room for both.
        bar_width = pitch - 1 if pitch >= 2 else 1
        if pitch >= 4:
            bar_width = pitch - 2
        space = " " * (pitch - bar_width)

        lines: list[Content] = []
        for row in reversed(range(LEVELS)):
            parts: list[tuple[str, Style | None]] = [(f"{row + 1} ┤", axis)]
            for point in points:
                if point.stress is None:
                    cell = GAP_MARK.center(bar_width) if row == 0 else " " * bar_width
                    parts.append((cell, gap))
                else:
                    block = column_cell(point.stress, row)
                    parts.append((block * bar_width, stressful if point.stressful else calm))
                parts.append((space, None))
            lines.append(_joined(parts))

        marks: list[tuple[str, Style | None]] = [(" " * GUTTER, None)]
        for point in points:
            marks.append((_mark(point).center(bar_width), mark))
            marks.append((space, None))
        lines.append(_joined(marks).rstrip())
        lines.append(self._dates(points, pitch, bar_width, width).stylize(axis))
        lines.extend(line.stylize(legend_style) for line in self._legend(points, width))
        return [line.truncate(width) for line in lines]

    def _legend(self, points: list[StressPoint], width: int) -> list[Content]:
        """What the symbols mean, packed into as few lines as the width allows."""
        size = (points[-1].last - points[-1].first).days + 1
        if size == 1:
            items = [
                f"{STRESS_MARK} stressful day (rated {self.threshold}+)",
                f"{GAP_MARK} no rating",
            ]
        else:
            weeks = "a week" if size == 7 else f"{size // 7} weeks"
            items = [
                f"one column = {weeks}, its average rating",
                f"digit = stressful days (rated {self.threshold}+)",
                f"{GAP_MARK} no rating",
            ]
        packed: list[str] = []
        for item in items:
            if packed and len(packed[-1]) + 3 + len(item) <= width:
                packed[-1] += "   " + item
            else:
                packed.extend(textwrap.wrap(item, max(width, 8)))
        return [Content(line) for line in packed]

    def _dates(self, points: list[StressPoint], pitch: int, bar_width: int, width: int) -> Content:
        """Weekday names under each column for a week; otherwise the first and last day."""
        single = all(point.first == point.last for point in points)
        if single and len(points) <= 7 and pitch >= 3:
            cells = "".join(
                _WEEKDAYS[point.first.weekday()][:bar_width].center(bar_width).ljust(pitch)
                for point in points
            )
            return Content(" " * GUTTER + cells.rstrip())
        with_year = points[0].first.year != points[-1].last.year
        first, last = _short(points[0].first, with_year), _short(points[-1].last, with_year)
        span = min(width, GUTTER + len(points) * pitch)
        inner = max(0, span - GUTTER - len(first) - len(last))
        return Content(" " * GUTTER + first + " " * max(1, inner) + last)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Fixed: the levels, the marks, the dates and the legend."""
        return len(self.lines(width))

    def render(self) -> RenderResult:
        """The chart for the current width."""
        return Content("\n").join(self.lines(self.size.width))
