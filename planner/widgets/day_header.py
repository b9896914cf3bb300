"""The top of the day screen: the date, the stress marker, progress and the eve's intention.

A stressful day is marked with a symbol *and* a word (``⚠ stressful``), never colour alone.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from planner.dates import format_day
from planner.model import DEFAULT_STRESS_THRESHOLD, DayRecord, Task, clean_line, is_stressful

__all__ = ["DayHeader"]

STRESS_MARK = "⚠"


class DayHeader(Widget):
    """Weekday and date, stress marker, done/total and yesterday's intention for the day."""

    day: reactive[date] = reactive(date(2000, 1, 1))
    """The day shown."""
    today: reactive[date] = reactive(date(2000, 1, 1))
    """Today, to say "(today)" / "(tomorrow)" beside the date."""
    tasks: reactive[tuple[Task, ...]] = reactive(())
    """The day's tasks, for the progress count."""
    record: reactive[DayRecord | None] = reactive(None)
    """The day's rating and reflection."""
    threshold: reactive[int] = reactive(DEFAULT_STRESS_THRESHOLD)
    """The rating at and above which a day is stressful."""
    intention: reactive[str] = reactive("", layout=True)
    """The intention written in the previous day's reflection (a second line: re-layout)."""

    def render(self) -> Content:
        """Two lines: the date and markers, then the intention when there is one."""
        stress = self.record.stress if self.record else None
        done = sum(1 for t in self.tasks if t.done)
        parts: list[str | tuple[str, str]] = [(format_day(self.day, self.today), "bold")]
        if is_stressful(stress, self.threshold):
            parts += ["   ", (f"{STRESS_MARK} stressful ({stress}/5)", "bold $warning")]
        elif stress is not None:
            parts += ["   ", (f"stress {stress}/5", "dim")]
        parts += ["   ", (f"{done}/{len(self.tasks)} done", "$success" if done else "dim")]
        line = Content.assemble(*parts)
        if self.intention:
            label = "Today's intention: " if self.day == self.today else "Intention for this day: "
            line = (
                line
                + Content("\n")
                # The user's own words, possibly from a record written elsewhere: text only.
                + Content.assemble((label, "dim"), (clean_line(self.intention), "italic"))
            )
        return line
