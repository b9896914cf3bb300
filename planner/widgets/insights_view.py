"""The body of the insights screen: one section per figure, each a chart with a line of words.

The view is handed an :class:`~planner.insights.Insights` (computed elsewhere, off the UI thread)
and only lays it out; it never reads the store. Every piece of user text (skill names, purpose
statements, people, stretch task titles, the next step) goes into :class:`~textual.content.Content`
or a chart label as a literal, cleaned of control characters, never as markup.

The wording lives in small functions (``*_note``, ``*_bars``) so it can be checked without a
terminal.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.content import Content
from textual.widgets import Static

from planner.dates import format_day
from planner.insights import LEVELS, Insights, Period, SkillInsight
from planner.model import clean_line
from planner.widgets.bar_chart import Bar, BarChart
from planner.widgets.stress_chart import StressChart

__all__ = [
    "InsightsView",
    "coverage_bars",
    "path_bars",
    "people_bars",
    "period_phrase",
    "skill_bars",
    "stress_note",
]

#: Rows shown per chart before "and N more" (the screen is a glance, not a report).
MAX_ROWS = 8
MAX_PEOPLE = 6
MAX_STRETCH_TITLES = 3


def _literal(value: str) -> str:
    """User text made safe to show on one line."""
    return clean_line(value).strip()


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def period_phrase(period: Period) -> tuple[str, str]:
    """(``"this week"``, ``"the week before"``): how the period and the one before are named."""
    return f"this {period.label}", f"the {period.label} before"


def _arrow(change: int) -> str:
    """A count's trend in symbols and digits: ``↑3``, ``↓1``, ``→0``."""
    if change > 0:
        return f"↑{change}"
    if change < 0:
        return f"↓{-change}"
    return "→0"


def _share_trend(now: float | None, before: float | None) -> str:
    """The trend of a share against the period before: ``↑ from 48%``, ``↓ from 60%``, ``=``.

    Compared in whole percent, as shown, so "↑" never sits beside two equal figures.
    """
    if now is None or before is None:
        return ""
    now_pct, before_pct = round(now * 100), round(before * 100)
    if now_pct > before_pct:
        return f"↑ from {before_pct}%"
    if now_pct < before_pct:
        return f"↓ from {before_pct}%"
    return "= as before"


def _more(count: int, shown: int, what: str) -> str:
    if count <= shown:
        return ""
    rest = count - shown
    return f"and {rest} more {what if rest == 1 else what + 's'}"


# ----------------------------------------------------------------------- the figures in words
def stress_note(insights: Insights) -> str:
    """One sentence under the stress chart."""
    stress = insights.stress
    _, before = period_phrase(insights.period)
    if not stress.rated:
        return "No day rated in this period: on the day screen press s, then 1 (calm) to 5."
    text = f"Average {stress.average:.1f}"
    if stress.previous_average is not None:
        text += f" ({stress.previous_average:.1f} {before})"
    text += (
        f" · {_plural(stress.stressful, 'stressful day')}"
        f" · {stress.rated} of {len(stress.days)} days rated."
    )
    return text


def skill_bars(insights: Insights) -> tuple[Bar, ...]:
    """Per skill: done in the period (the bar), the trend, the total and the level."""
    rows = insights.skills[:MAX_ROWS]
    if not rows:
        return ()
    done_w = max(len(str(s.done)) for s in rows)
    trend_w = max(len(_arrow(s.change)) for s in rows)
    total_w = max(len(str(s.total)) for s in rows)

    def note(skill: SkillInsight) -> str:
        return (
            f"{skill.done:>{done_w}}  {_arrow(skill.change):<{trend_w}}  "
            f"{skill.total:>{total_w}} in all · {skill.level}"
        )

    return tuple(
        Bar(_literal(s.name) + (" (archived)" if s.archived else ""), s.done, note(s)) for s in rows
    )


def skills_note(insights: Insights) -> str:
    """What the skill bars mean, and how many are not shown."""
    if not insights.skills:
        return "No skill practised yet: tag a task with +skill (e.g. +excel) and mark it done."
    _, before = period_phrase(insights.period)
    levels = ", ".join(f"{name} {at_least}+" for at_least, name in reversed(LEVELS))
    more = _more(len(insights.skills), MAX_ROWS, "skill")
    return f"Bars: done. ↑↓ against {before}. Level by tasks done in all: {levels}." + (
        f" {more.capitalize()}." if more else ""
    )


def coverage_bars(insights: Insights) -> tuple[Bar, ...]:
    """The share of done tasks tied to any purpose, then each purpose's share."""
    coverage = insights.coverage
    if not coverage.done:
        return ()
    bars = [
        Bar(
            "Any purpose",
            coverage.share or 0.0,
            f"{_percent(coverage.share):>4}  {coverage.tied} of {coverage.done}  "
            + _share_trend(coverage.share, coverage.previous_share),
            highlight=True,
        )
    ]
    for purpose in coverage.purposes[: MAX_ROWS - 1]:
        label = _literal(purpose.statement) + (" (archived)" if purpose.archived else "")
        bars.append(
            Bar(
                label,
                purpose.share or 0.0,
                f"{_percent(purpose.share):>4}  {_plural(purpose.done, 'task')}  "
                + _share_trend(purpose.share, purpose.previous_share),
            )
        )
    return tuple(bars)


def coverage_note(insights: Insights) -> str:
    """Under the coverage chart."""
    if not insights.coverage.done:
        return "No task done in this period yet."
    if not insights.coverage.purposes:
        return "No purpose yet: tie a task to one with #purpose (e.g. #help-others)."
    return "A task serving two purposes counts for both."


def stretch_bars(insights: Insights) -> tuple[Bar, ...]:
    """Stretch tasks done in the period and in the one before, side by side."""
    stretch = insights.stretch
    if not stretch.count and not stretch.previous:
        return ()
    now, before = period_phrase(insights.period)
    return (
        Bar(now.capitalize(), stretch.count, str(stretch.count), highlight=True),
        Bar(before.capitalize(), stretch.previous, str(stretch.previous)),
    )


def stretch_lines(insights: Insights) -> Content:
    """The most recent stretch tasks, by title (user text, literal)."""
    stretch = insights.stretch
    if not stretch.count:
        return Content(
            "No stretch task done in this period. Mark one with ! when you go above and beyond."
        )
    lines = [
        Content.assemble("· ", _literal(task.title), f"  ({format_day(task.day)})")
        for task in stretch.tasks[:MAX_STRETCH_TITLES]
    ]
    more = _more(stretch.count, MAX_STRETCH_TITLES, "stretch task")
    if more:
        lines.append(Content(f"  {more}"))
    return Content("\n").join(lines)


def people_bars(insights: Insights) -> tuple[Bar, ...]:
    """The people on the most done tasks."""
    return tuple(
        Bar("@" + _literal(name), count, _plural(count, "task"))
        for name, count in insights.people[:MAX_PEOPLE]
    )


def reflection_bars(insights: Insights) -> tuple[Bar, ...]:
    """The share of the period's days with a reflection."""
    r = insights.reflections
    return (Bar("Days reflected", r.share, f"{r.reflected} of {r.days}  {_percent(r.share)}"),)


def streak_note(insights: Insights) -> str:
    """The reflection streak in words."""
    streak = insights.reflections.streak
    if not streak:
        return "No streak right now: reflect tonight with r on the day screen."
    return f"Streak: {_plural(streak, 'day')} in a row, up to {format_day(insights.today)}."


def comparison_text(insights: Insights) -> str:
    """Stressful vs calm days in plain sentences, or why there is not enough data to say."""
    if insights.comparison is None:
        return insights.comparison_note
    return "\n".join(f"· {line}" for line in insights.comparison.statements())


def _next_level(total: int) -> tuple[int, str] | None:
    """The next level above ``total`` tasks: (tasks needed, name), or None at the top."""
    above = [(at_least, name) for at_least, name in LEVELS if at_least > total]
    return min(above) if above else None


def path_bars(insights: Insights) -> tuple[Bar, ...]:
    """Growth toward each skill the next step needs: the way to its next level."""
    now, _ = period_phrase(insights.period)
    bars = []
    for skill in insights.path.skills:
        following = _next_level(skill.total)
        if following is None:
            value, note = 1.0, f"{skill.total} in all · {skill.level}"
        else:
            needed, name = following
            value = skill.total / needed
            note = f"{skill.total}/{needed} to {name}"
        note += f" · +{skill.done} {now}"
        bars.append(Bar(_literal(skill.name), value, note, highlight=True))
    return tuple(bars)


def path_heading(insights: Insights) -> Content:
    """The next step (user text, literal), or how to set it."""
    step = _literal(insights.path.next_step)
    if not step:
        return Content("No next step set yet: name it with p (purposes, skills and profile).")
    return Content.assemble("This job is a stepping stone to: ", (step, "bold"))


def path_note(insights: Insights) -> str:
    """Under the path's bars."""
    if not insights.path.next_step.strip():
        return ""
    if not insights.path.skills:
        return "Name the skills it needs in the profile (p) to see your growth toward each."
    return "Bars: tasks done in all toward each skill's next level."


def empty_message(insights: Insights) -> str:
    """The kind message for a period with nothing in it."""
    now, _ = period_phrase(insights.period)
    return (
        f"Nothing recorded {now} yet. Plan a few tasks (a), rate your days (s) and reflect in "
        "the evening (r): your insights grow from there."
    )


# ------------------------------------------------------------------------------- the widget
class InsightsView(VerticalGroup):
    """Every section of the insights, filled by :meth:`show`."""

    def compose(self) -> ComposeResult:
        """The sections, empty until the first figures arrive."""
        yield Static(id="insights-empty", classes="insights-note")
        with VerticalGroup(id="section-stress", classes="insights-section"):
            yield Static("Stress, day by day", classes="insights-heading")
            yield StressChart(id="stress-chart")
            yield Static(id="stress-note", classes="insights-note")
        with VerticalGroup(id="section-skills", classes="insights-section"):
            yield Static("Skills: tasks done", classes="insights-heading")
            yield BarChart(id="skills-chart", empty="")
            yield Static(id="skills-note", classes="insights-note")
        with VerticalGroup(id="section-purposes", classes="insights-section"):
            yield Static("Purposes: share of done tasks tied to one", classes="insights-heading")
            yield BarChart(id="purposes-chart", maximum=1.0, track=True, empty="")
            yield Static(id="purposes-note", classes="insights-note")
        with VerticalGroup(id="section-stretch", classes="insights-section"):
            yield Static("Above and beyond: stretch tasks done", classes="insights-heading")
            yield BarChart(id="stretch-chart", empty="")
            yield Static(id="stretch-list", classes="insights-note")
        with VerticalGroup(id="section-people", classes="insights-section"):
            yield Static("People worked with most", classes="insights-heading")
            yield BarChart(
                id="people-chart",
                empty="No one tagged on a done task yet: add @name to a task.",
            )
        with VerticalGroup(id="section-reflection", classes="insights-section"):
            yield Static("Reflection", classes="insights-heading")
            yield BarChart(id="reflection-chart", maximum=1.0, track=True)
            yield Static(id="streak-note", classes="insights-note")
        with VerticalGroup(id="section-compare", classes="insights-section"):
            yield Static("Stressful vs calm days", classes="insights-heading")
            yield Static(id="compare-text", classes="insights-text")
        with VerticalGroup(id="section-path", classes="insights-section"):
            yield Static("The path", classes="insights-heading")
            yield Static(id="path-step", classes="insights-text")
            yield BarChart(id="path-chart", maximum=1.0, track=True, empty="")
            yield Static(id="path-note", classes="insights-note")

    def show(self, insights: Insights) -> None:
        """Fill every section with ``insights``, repainting once at the end."""
        with self.app.batch_update():
            self._fill(insights)

    def _fill(self, insights: Insights) -> None:
        empty = insights.is_empty
        message = self.query_one("#insights-empty", Static)
        message.update(Content(empty_message(insights)) if empty else Content())
        message.display = empty
        for section in self.query(".insights-section"):
            section.display = not empty or section.id == "section-path"

        chart = self.query_one("#stress-chart", StressChart)
        chart.threshold = insights.threshold
        chart.days = tuple(insights.stress.points())
        self._text("#stress-note", stress_note(insights))

        self._bars("#skills-chart", skill_bars(insights))
        self._text("#skills-note", skills_note(insights))
        self._bars("#purposes-chart", coverage_bars(insights))
        self._text("#purposes-note", coverage_note(insights))
        self._bars("#stretch-chart", stretch_bars(insights))
        self.query_one("#stretch-list", Static).update(stretch_lines(insights))
        self._bars("#people-chart", people_bars(insights))
        self._bars("#reflection-chart", reflection_bars(insights))
        self._text("#streak-note", streak_note(insights))
        self._text("#compare-text", comparison_text(insights))
        self.query_one("#path-step", Static).update(path_heading(insights))
        self._bars("#path-chart", path_bars(insights))
        note = path_note(insights)
        self._text("#path-note", note)
        self.query_one("#path-note").display = bool(note)

    def _text(self, selector: str, text: str) -> None:
        # Content(...) is literal: the text never goes through the markup parser.
        self.query_one(selector, Static).update(Content(text))

    def _bars(self, selector: str, bars: tuple[Bar, ...]) -> None:
        chart = self.query_one(selector, BarChart)
        chart.bars = bars
        chart.display = bool(bars) or bool(chart.empty)
