"""A horizontal bar chart drawn with block characters: one labelled bar per row, a note after it.

Used by the insights screen for tasks done per skill, per purpose, stretch tasks and people.
Labels are user text (skill names, purpose statements, people) and are shown literally: they go
into :class:`~textual.content.Content` as plain text, cleaned of control characters, never as
markup. The chart lays itself out for the width it is given: the label column shrinks (with an
ellipsis) before the bars do, so it stays readable at 80 columns and does not break when narrower.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from planner.model import clean_line
from planner.widgets.blocks import hbar

__all__ = ["Bar", "BarChart"]

#: The widest the label column gets, so long purpose statements leave room for the bars.
MAX_LABEL = 28
#: Below this many cells for the bar, each row is drawn on two lines (label, then bar).
MIN_BAR = 6


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a :class:`BarChart`."""

    label: str
    """What the bar is for (user text, shown literally)."""
    value: float
    """The length of the bar, against the chart's maximum."""
    note: Content | str = ""
    """Shown after the bar: the figure itself, a trend, a total."""
    highlight: bool = False
    """Draw the bar in the highlight colour (e.g. a skill the next step needs)."""


class BarChart(Widget):
    """Labelled horizontal bars; the longest is the chart's maximum unless one is given."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar-chart--label",
        "bar-chart--bar",
        "bar-chart--highlight",
        "bar-chart--track",
        "bar-chart--note",
        "bar-chart--empty",
    }
    """
    | Class | Description |
    | :- | :- |
    | `bar-chart--label` | The labels on the left. |
    | `bar-chart--bar` | The bars. |
    | `bar-chart--highlight` | Bars marked `highlight`. |
    | `bar-chart--track` | The unfilled part of a bar, when the chart has a track. |
    | `bar-chart--note` | The note after each bar. |
    | `bar-chart--empty` | The line shown when there are no bars. |
    """

    DEFAULT_CSS = """
    BarChart {
        height: auto;
    }
    """

    bars: reactive[tuple[Bar, ...]] = reactive((), layout=True)
    """The rows, top to bottom."""
    maximum: reactive[float | None] = reactive(None)
    """The value of a full-width bar; ``None`` means the largest value."""
    empty: reactive[str] = reactive("Nothing yet.", layout=True)
    """Shown instead of the chart when there are no rows."""

    def __init__(
        self,
        bars: tuple[Bar, ...] = (),
        *,
        maximum: float | None = None,
        track: bool = False,
        empty: str = "Nothing yet.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """A chart of ``bars``; ``track`` draws the unfilled rest of each bar (for shares)."""
        super().__init__(name=name, id=id, classes=classes)
        self.track = track
        self._drawn: tuple[tuple[object, ...], list[Content]] | None = None
        self.set_reactive(BarChart.bars, bars)
        self.set_reactive(BarChart.maximum, maximum)
        self.set_reactive(BarChart.empty, empty)

    def lines(self, width: int) -> list[Content]:
        """The chart as lines of at most ``width`` cells (tests read these).

        Layout asks for the height and then renders, often more than once per frame; the lines
        are kept until the width, the bars or the styles change.
        """
        key = (width, self.bars, self.maximum, self.empty, self.track)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(width))
        return self._drawn[1]

    def notify_style_update(self) -> None:
        """The theme or the stylesheet changed: draw again with the new colours."""
        self._drawn = None
        super().notify_style_update()

    def _draw(self, width: int) -> list[Content]:
        if not self.bars:
            return [
                Content(self.empty).stylize(self.get_visual_style("bar-chart--empty", partial=True))
            ]
        width = max(width, 1)
        labels = [Content(clean_line(bar.label).strip()) for bar in self.bars]
        notes = [Content(bar.note) if isinstance(bar.note, str) else bar.note for bar in self.bars]
        label_width = min(max(label.cell_length for label in labels), MAX_LABEL, width * 2 // 5)
        note_width = min(max(note.cell_length for note in notes), width // 2)
        bar_width = (
            width - label_width - note_width - 3
        )  # two spaces after the label, one before the note
        stacked = bar_width < MIN_BAR
        if stacked:
            # Too narrow for label, bar and note side by side: the label gets its own line.
            label_width = width
            bar_width = max(1, width - note_width - 1)
        top = self.maximum if self.maximum is not None else max(bar.value for bar in self.bars)

        label_style = self.get_visual_style("bar-chart--label", partial=True)
        note_style = self.get_visual_style("bar-chart--note", partial=True)
        track_style = self.get_visual_style("bar-chart--track", partial=True)
        lines: list[Content] = []
        for bar, label, note in zip(self.bars, labels, notes, strict=True):
            style = self.get_visual_style(
                "bar-chart--highlight" if bar.highlight else "bar-chart--bar", partial=True
            )
            drawn = hbar(bar.value, top, bar_width)
            rest = bar_width - len(drawn)
            track = ("░" * rest) if self.track else (" " * rest)
            body = Content.assemble(
                (drawn, style), (track, track_style), " ", note.stylize_before(note_style)
            )
            shown_label = label.truncate(label_width, ellipsis=True, pad=True).stylize(label_style)
            if stacked:
                lines.append(shown_label)
                lines.append(body.truncate(width, ellipsis=True))
            else:
                lines.append(
                    Content.assemble(shown_label, "  ", body).truncate(width, ellipsis=True)
                )
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the chart needs at ``width`` (rows may stack when narrow)."""
        return len(self.lines(width))

    def render(self) -> RenderResult:
        """The chart for the current width."""
        return Content("\n").join(self.lines(self.size.width))
