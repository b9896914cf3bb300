"""The day screen's doors to the other screens, its stress rating and its reminders.

A base class of :class:`planner.screens.day.DayScreen`, kept apart so the day screen stays
about the day's tasks. Screens written elsewhere are imported only when their key is pressed;
a screen that does not exist yet says so instead of failing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import events
from textual.reactive import var
from textual.screen import Screen

from planner import keys
from planner.dates import format_day
from planner.model import is_stressful
from planner.storage import RecordError, StoreError
from planner.store import Store

if TYPE_CHECKING:
    from planner.widgets.search_results import SearchHit

__all__ = ["DayLinks"]


class DayLinks(Screen[None]):
    """Opening the other screens; rating the day (``s`` then 1–5); the purpose reminder."""

    rating_pending: var[bool] = var(False)
    """True after ``s``, until a digit or another key."""

    def __init__(self, store: Store, today: Callable[[], date]) -> None:
        super().__init__()
        self.store = store
        self.today = today

    # What the day screen provides.
    def shown_day(self) -> date:
        """The day on screen."""
        raise NotImplementedError

    def show_day(self, day: date, select: str | None = None) -> None:
        """Show another day (with the task of id ``select`` selected)."""
        raise NotImplementedError

    def action_refresh(self) -> None:
        """Read the shown day again."""
        raise NotImplementedError

    # ------------------------------------------------------------------ helpers
    def _error(self, error: Exception) -> None:
        """Report a failure in one line; user text in it stays text."""
        self.notify(
            str(error),
            title=_error_title(error),
            severity="error",
            markup=False,
        )

    @staticmethod
    def _screen_class(module: str, name: str) -> Callable[..., Screen[Any]] | None:
        """``planner.screens.<module>.<name>``, or None while it is not written yet."""
        path = f"planner.screens.{module}"
        try:
            found = importlib.import_module(path)
        except ModuleNotFoundError as error:
            if error.name != path:
                raise  # the screen exists but something it imports is missing: a real bug
            return None
        screen_class = getattr(found, name, None)
        return screen_class if isinstance(screen_class, type) else None

    def _open(
        self,
        module: str,
        name: str,
        label: str,
        *args: object,
        callback: Callable[[Any], None] | None = None,
    ) -> None:
        screen_class = self._screen_class(module, name)
        if screen_class is None:
            self.notify(f"{label} is not available yet", severity="warning")
            return
        try:
            screen = screen_class(*args)
        except StoreError as error:
            self._error(error)
            return
        self.app.push_screen(screen, callback)

    # ------------------------------------------------------------------ rating
    def action_rate(self) -> None:
        """Wait for a digit 1–5 to rate the shown day."""
        self.rating_pending = True

    def on_key(self, event: events.Key) -> None:
        """The second key of ``s`` + digit; any other key cancels the rating and does its job."""
        if not self.rating_pending:
            return
        self.rating_pending = False
        if event.character is not None and len(event.character) == 1 and event.character in "12345":
            event.stop()
            event.prevent_default()
            self._rate(int(event.character))
        elif event.key == "escape":
            event.stop()

    def _rate(self, stress: int) -> None:
        day = self.shown_day()
        try:
            self.store.set_stress(day, stress)
            stressful = is_stressful(stress, self.store.profile().stress_threshold)
        except StoreError as error:
            self._error(error)
            return
        self.action_refresh()
        self.notify(f"Rated {format_day(day)}: {stress}/5" + (" · stressful" if stressful else ""))
        if stressful:
            self._maybe_auto_remind(day)

    # ------------------------------------------------------------------ start and reminders
    def greet(self) -> None:
        """On start: the welcome for a new record, else the reminder after a stressful day."""
        try:
            if self.store.is_empty() and not self.store.profile().welcomed:
                self._open(
                    "welcome",
                    "WelcomeScreen",
                    "The welcome",
                    self.store,
                    callback=lambda _: self.action_refresh(),
                )
                return
            yesterday = self.store.day_record(self.today() - timedelta(days=1))
            if yesterday.stressful(self.store.profile().stress_threshold):
                self._maybe_auto_remind(self.today())
        except StoreError as error:
            self._error(error)

    def _maybe_auto_remind(self, day: date) -> None:
        """Show the purpose reminder by itself, at most once a day (``day``: the stressful day)."""
        if self._screen_class("reminder", "ReminderScreen") is None:
            return  # not marked as shown: the reminder is still owed once it exists
        try:
            first_today = self.store.mark_reminded(self.today())
        except StoreError as error:
            self._error(error)
            return
        if first_today:
            self._open(
                "reminder", "ReminderScreen", "The purpose reminder", self.store, self.today()
            )

    # ------------------------------------------------------------------ keys
    def action_remind(self) -> None:
        """Remember your why."""
        self._open("reminder", "ReminderScreen", "The purpose reminder", self.store, self.today())

    def action_reflect(self) -> None:
        """Reflect on the shown day; its rating and carried tasks show afterwards."""
        self._open(
            "reflection",
            "ReflectionScreen",
            "Reflection",
            self.store,
            self.shown_day(),
            self.today(),
            callback=lambda _saved: self.action_refresh(),
        )

    def action_insights(self) -> None:
        """Insights over weeks and months."""
        self._open("insights", "InsightsScreen", "Insights", self.store, self.today())

    def action_purposes(self) -> None:
        """Purposes, skills and profile; statements may have changed afterwards."""
        self._open(
            "purposes",
            "PurposesScreen",
            "Purposes",
            self.store,
            callback=lambda _: self.action_refresh(),
        )

    def action_search(self) -> None:
        """Search every day; Enter on a result shows its day."""
        self._open(
            "search",
            "SearchScreen",
            "Search",
            self.store,
            self.today(),
            callback=self._show_hit,
        )

    def _show_hit(self, hit: SearchHit | None) -> None:
        """Show the day of the chosen search result, with its task selected."""
        if hit is not None:
            self.show_day(hit.day, select=hit.task_id)

    def action_goto(self) -> None:
        """Ask for a date and show it."""
        from planner.screens.goto import GotoScreen

        self.app.push_screen(
            GotoScreen(self.today(), self.shown_day()),
            lambda day: self.show_day(day) if day is not None else None,
        )

    def on_mount(self) -> None:
        """Name the current keys in the hints, once the app has applied the saved keymap (the
        app's own mount, which applies it, comes after the first screen's)."""
        self.app.call_later(self.show_key_hints)

    def show_key_hints(self) -> None:
        """The empty list's hint and the why panel's nudge name the keys as remapped."""
        from planner.widgets.task_list import TaskList
        from planner.widgets.why_panel import WhyPanel

        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        display = self.app.get_key_display
        for task_list in self.query(TaskList):
            task_list.add_key = keys.current_key(keymap, "day.add", display)
        for panel in self.query(WhyPanel):
            panel.edit_key = keys.current_key(keymap, "day.edit", display)

    def action_help(self) -> None:
        """Every key, with the keys the user remapped."""
        from planner.screens.help import HelpScreen

        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        self.app.push_screen(HelpScreen(keys.help_rows(keymap, self.app.get_key_display)))


def _error_title(error: Exception) -> str:
    """A file that cannot be read is not a failed save: say which it is."""
    if isinstance(error, RecordError):
        return "Record not readable"
    return "Not saved" if isinstance(error, StoreError) else ""
