"""The insights screen (key ``i``): stress, skills, purposes, stretch, people, reflection, the path.

For the last week, month, quarter or year (``w`` ``m`` ``q`` ``y``, or ``tab``/``left``/``right``
to cycle). The figures come from :func:`planner.insights.load_insights`, which reads the record,
so they are computed in a thread worker that posts each result back as a message: the UI thread
never reads the record here and stays responsive. On opening, the shown period is computed first
and, once it is painted, the other three, so switching periods is instant; each result is kept
for the life of the screen (it is opened afresh from the day, so it never shows stale figures).
A period asked for before its figures are ready shows an empty body, and "Computing…" only if
they take longer than a blink.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from planner.insights import Insights, Period, load_insights
from planner.storage import StoreError
from planner.store import Store
from planner.themes import stylesheet
from planner.widgets.insights_view import InsightsView
from planner.widgets.key_footer import KeyFooter

__all__ = ["INSIGHTS_BINDINGS", "PERIODS", "InsightsScreen", "period_span"]

#: The periods in the order the keys cycle through them.
PERIODS: tuple[Period, ...] = (Period.WEEK, Period.MONTH, Period.QUARTER, Period.YEAR)
#: How long a period may take before "Computing…" is shown (shorter would only flicker).
COMPUTING_DELAY = 0.2
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _period_binding(key: str, period: Period, description: str, tooltip: str) -> Binding:
    return Binding(
        key,
        f"period('{period.name}')",
        description,
        tooltip=tooltip,
        id=f"insights.{period.label}",
    )


INSIGHTS_BINDINGS: list[BindingType] = [
    _period_binding("w", Period.WEEK, "Week", "Insights over the last 7 days"),
    _period_binding("m", Period.MONTH, "Month", "Insights over the last 30 days"),
    _period_binding("q", Period.QUARTER, "Quarter", "Insights over the last 13 weeks"),
    _period_binding("y", Period.YEAR, "Year", "Insights over the last 52 weeks"),
    Binding(
        "tab,right",
        "cycle(1)",
        "Next period",
        show=False,
        tooltip="Switch to the next, longer period",
        id="insights.next",
    ),
    Binding(
        "shift+tab,left",
        "cycle(-1)",
        "Previous period",
        show=False,
        tooltip="Switch to the previous, shorter period",
        id="insights.previous",
    ),
    Binding("escape", "close", "Back", tooltip="Back to the day", id="insights.close"),
]


def period_span(first: date, last: date) -> str:
    """``19–25 Nov 2026``, ``27 Oct – 25 Nov 2026`` or ``27 Nov 2025 – 25 Nov 2026``."""
    end = f"{last.day} {_MONTHS[last.month - 1]} {last.year}"
    if first.year != last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} {first.year} – {end}"
    if first.month != last.month:
        return f"{first.day} {_MONTHS[first.month - 1]} – {end}"
    return f"{first.day}–{end}"


def _period_words(period: Period) -> str:
    """``last 7 days`` … ``last 52 weeks``."""
    if period.bucket_days == 7:
        return f"last {period.days // 7} weeks"
    return f"last {period.days} days"


class InsightsScreen(Screen[None]):
    """Charts of the user's own record over a period ending ``today``."""

    TITLE = "Insights"
    CSS_PATH = stylesheet("insights.tcss")
    AUTO_FOCUS = "#insights-body"
    BINDINGS: ClassVar[list[BindingType]] = INSIGHTS_BINDINGS

    period: reactive[Period] = reactive(Period.MONTH, init=False)
    """The period shown."""

    class Computed(Message):
        """The worker finished one period (posted from the worker thread)."""

        def __init__(self, insights: Insights) -> None:
            super().__init__()
            self.insights = insights

    class Failed(Message):
        """The record could not be read; ``reason`` is the store's one-line message."""

        def __init__(self, period: Period, reason: str) -> None:
            super().__init__()
            self.period = period
            self.reason = reason

    def __init__(self, store: Store, today: date, period: Period = Period.MONTH) -> None:
        """Insights over ``store``'s record for periods ending ``today``, opening on ``period``."""
        super().__init__()
        self.store = store
        self.today = today
        self.cache: dict[Period, Insights] = {}
        """Figures computed so far, by period (kept for the life of the screen)."""
        self.shown: Insights | None = None
        """The figures on screen (tests read them); None until the first arrive."""
        self._computing_timer: Timer | None = None
        self._prefetching = False
        self.set_reactive(InsightsScreen.period, period)

    def compose(self) -> ComposeResult:
        """Period bar, a line for "computing" or errors, the scrolling sections, the footer."""
        yield Static(self._bar_content(), id="insights-bar")
        # Both hidden until needed, set before mounting so showing them restyles nothing.
        status = Static(id="insights-status")
        status.display = False
        yield status
        with VerticalScroll(id="insights-body"):
            view = InsightsView(id="insights-view")
            view.display = False
            yield view
        yield KeyFooter()

    def on_mount(self) -> None:
        """Compute the shown period; the others follow once it is painted (see ``_prefetch``)."""
        self._expect(self.period)
        self._compute((self.period,))

    def _prefetch(self) -> None:
        """Compute the periods not asked for yet, so switching to them is instant.

        Started after the first figures are painted, so the first paint does not share the
        interpreter with three more computations.
        """
        if self._prefetching:
            return
        self._prefetching = True
        self._compute(tuple(period for period in PERIODS if period not in self.cache))

    # ------------------------------------------------------------------------ computing
    @work(thread=True, group="insights")
    def _compute(self, periods: tuple[Period, ...]) -> None:
        """Compute each period off the UI thread and post each result as it is ready."""
        worker = get_current_worker()
        for period in periods:
            if worker.is_cancelled:
                return
            if period in self.cache:
                continue
            try:
                insights = load_insights(self.store, period, self.today)
            except StoreError as error:
                # The store's messages name a file and a cause, never what the user wrote.
                self.post_message(self.Failed(period, str(error)))
                return
            self.post_message(self.Computed(insights))

    def on_insights_screen_computed(self, message: Computed) -> None:
        """Keep the result; show it if it is the period asked for."""
        insights = message.insights
        self.cache.setdefault(insights.period, insights)
        if insights.period is self.period:
            self._show(self.cache[insights.period])
            self.call_after_refresh(self._prefetch)

    def on_insights_screen_failed(self, message: Failed) -> None:
        """Say plainly that the record could not be read, and why."""
        if message.period is not self.period:
            return
        self._stop_timer()
        status = self.query_one("#insights-status", Static)
        status.update(Content(f"Your record could not be read just now: {message.reason}"))
        status.add_class("-error")
        status.display = True

    def _expect(self, period: Period) -> None:
        """Show ``period`` now if computed; else hide the other period's figures until it comes."""
        cached = self.cache.get(period)
        if cached is not None:
            self._show(cached)
            return
        # Hidden rather than dimmed: figures under another period's name would mislead, and
        # a class change would restyle every chart in the view.
        self.query_one(InsightsView).display = False
        self._stop_timer()
        self._computing_timer = self.set_timer(COMPUTING_DELAY, self._say_computing)

    def _say_computing(self) -> None:
        if self.period in self.cache:
            return
        status = self.query_one("#insights-status", Static)
        status.remove_class("-error")
        status.update(Content(f"Computing the {_period_words(self.period)}…"))
        status.display = True

    def _stop_timer(self) -> None:
        if self._computing_timer is not None:
            self._computing_timer.stop()
            self._computing_timer = None

    def _show(self, insights: Insights) -> None:
        self._stop_timer()
        self.shown = insights
        self.query_one("#insights-status").display = False
        view = self.query_one(InsightsView)
        view.show(insights)
        view.display = True
        self.query_one("#insights-bar", Static).update(self._bar_content())

    # -------------------------------------------------------------------------- periods
    def _bar_content(self) -> Content:
        """``Insights  ○ Week  ● Month  ○ Quarter  ○ Year  27 Oct – 25 Nov 2026``.

        The chosen period is marked by a filled dot and bold, not by colour alone.
        """
        parts: list[str | tuple[str, str]] = [("Insights", "bold"), "  "]
        for period in PERIODS:
            # Each name is also a link: a click switches to it, as its key does.
            click = f"@click=screen.period('{period.name}')"
            if period is self.period:
                parts.append((f"● {period.label.capitalize()}", f"bold {click}"))
            else:
                parts.append((f"○ {period.label.capitalize()}", click))
            parts.append("  ")
        first, last = self.period.range(self.today)
        parts.append(period_span(first, last))
        return Content.assemble(*parts)

    def watch_period(self, period: Period) -> None:
        """A new period: the bar at once, the figures from the cache or the worker."""
        self.query_one("#insights-bar", Static).update(self._bar_content())
        self._expect(period)
        if period not in self.cache:
            # The prefetch may still be busy with another period: this one goes first.
            self._compute((period,))

    def action_period(self, name: str) -> None:
        """Show the period named ``name`` (``WEEK`` … ``YEAR``)."""
        self.period = Period[name]

    def action_cycle(self, step: int) -> None:
        """Show the next (``1``) or previous (``-1``) period, wrapping around."""
        index = PERIODS.index(self.period)
        self.period = PERIODS[(index + step) % len(PERIODS)]

    def action_close(self) -> None:
        """Back to the day."""
        self.dismiss(None)
