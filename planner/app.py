"""The Textual app: wires the store, the settings and a ``today`` clock into the screens.

Kept small on purpose: the screens own their state and call the store; the app registers the
themes, applies the saved theme and keymap, puts every action in the command palette and
opens the day screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from planner import keys
from planner.model import Settings, clean_line
from planner.screens.day import DayScreen
from planner.storage import StoreError
from planner.store import Store
from planner.style_cache import CachedStylesheet, default_cache_folder
from planner.themes import DEFAULT_THEME, THEMES, stylesheet
from planner.widgets.render_cache import use_fresh_context_threads
from planner.widgets.typeahead import KeyHandled, KeysReleased, KeyTurns

__all__ = ["PlannerApp", "run_app"]

#: Seconds after the first paint before the cyclic collector, off while starting, comes back.
COLLECTOR_DELAY = 0.25


class PlannerApp(App[None]):
    """planner, full screen."""

    TITLE = "planner"
    # Only what the first screen needs: every other screen brings its own stylesheet, parsed
    # when it first opens rather than before the first paint.
    CSS_PATH: ClassVar[str | PurePath | list[str | PurePath] | None] = [
        stylesheet("app.tcss"),
        stylesheet("day.tcss"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = list(keys.APP_BINDINGS)
    COMMANDS = App.COMMANDS

    def __init__(
        self,
        store: Store,
        today: Callable[[], date] = date.today,
        start_day: date | None = None,
        poll_interval: float = 1.0,
        style_cache: Path | None = None,
    ) -> None:
        super().__init__()
        # Style sheets parsed on an earlier start are read back (see planner.style_cache);
        # with no folder (the tests), everything is parsed as Textual does.
        self.stylesheet = CachedStylesheet(variables=self.get_css_variables(), folder=style_cache)
        self.store = store
        self.today = today
        self.start_day = start_day
        self.poll_interval = poll_interval
        self._collector_held = not gc.isenabled()
        """The collector is off for a faster start (planner/__main__.py) until the first paint."""
        self.keymap: dict[str, str] = {}
        """The keymap in force (binding id → keys), as saved in settings."""
        self._keys = KeyTurns(self)
        self._notes: list[tuple[str, str, SeverityLevel]] = []
        """Problems found before the app runs, told once it does: (title, message, severity)."""
        try:
            self._settings = store.settings()
        except StoreError as error:
            self._settings = Settings()
            self._notes.append(("Settings not read", str(error), "error"))
        for theme in THEMES:
            self.register_theme(theme)
        self._choose_first_theme(self._valid_theme(self._settings.theme))

    def _choose_first_theme(self, name: str) -> None:
        """Start in theme ``name``: chosen before the stylesheet is first parsed, so it is parsed
        once, in the right colours. Set without Textual's theme watcher, whose refresh of the
        stylesheet would parse every style sheet a second time before the first paint; what
        else the watcher does is done here."""
        self.set_reactive(PlannerApp.theme, name)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.add_class(f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        # Nothing is parsed yet: the variables are only swapped for the theme's.
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen[Any]:
        """The day screen is the bottom of the stack: every other screen returns to it."""
        return DayScreen(self.store, self.today, self.start_day, self.poll_interval)

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal are handled one at a time, each where the focus is when its
        turn comes (see :mod:`planner.widgets.typeahead`)."""
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                await self._keys.arrived(event, super().on_event)
                return
            if self._keys.came_back(event):
                await self._keys.hand_on(super().on_event)
                return
        await super().on_event(event)

    async def on_key_handled(self, message: KeyHandled) -> None:
        """A key's marker came up: the next key's turn."""
        message.stop()
        await self._keys.handled(message, super().on_event)

    async def on_keys_released(self, message: KeysReleased) -> None:
        """A screen stopped keeping the keys waiting: hand on those that wait."""
        message.stop()
        await self._keys.hand_on(super().on_event)

    def on_mount(self) -> None:
        """Apply the saved keymap, tell what went wrong at start, remember theme changes."""
        # Before any thread worker runs: a finished worker must not keep its screen alive.
        use_fresh_context_threads(asyncio.get_running_loop())
        self._apply_keymap(self._settings.keymap)
        for title, message, severity in self._notes:
            self.notify(message, title=title, severity=severity, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Take the hourly backup if it is due; the collector comes back a moment later, once
        the footer's keys are painted too."""
        self._take_due_backup()
        if self._collector_held:
            self.set_timer(COLLECTOR_DELAY, self._restore_collector)

    def _restore_collector(self) -> None:
        """Turn the cyclic collector back on. After one collection (~25 ms), every object made
        while starting is frozen: later collections skip them, so no key press waits for a
        walk through all of Textual."""
        self._collector_held = False
        gc.collect()
        gc.freeze()
        gc.enable()

    @work(thread=True, group="backup", exit_on_error=False)
    def _take_due_backup(self) -> None:
        """The hourly backup, if due, off the UI thread and after the first paint, so that no
        key press pays for it (see :meth:`planner.records.RecordFolder.backup_if_due`). TinyDB,
        which the first write needs and the first paint does not, is loaded here too."""
        import planner.buffered_storage  # noqa: F401

        # A failure is not told here: the first write tries again, and says so if it fails.
        with contextlib.suppress(StoreError):
            self.store.backup_if_due()

    def _valid_theme(self, name: str) -> str:
        if name in self.available_themes:
            return name
        message = f"Unknown theme {name!r} in settings; using {DEFAULT_THEME}"
        self._notes.append(("", message, "warning"))
        return DEFAULT_THEME

    def _apply_keymap(self, keymap: dict[str, str]) -> None:
        known = keys.binding_ids()
        # Both come from a file: text holding control characters is no key, and must not reach
        # the terminal (in these warnings, the footer or the help).
        unknown = sorted(clean_line(k) for k in set(keymap) - known)
        if unknown:
            self.notify(
                f"Unknown key ids in settings, ignored: {', '.join(unknown)}",
                severity="warning",
                markup=False,
            )
        garbled = sorted(k for k, v in keymap.items() if k in known and v != clean_line(v))
        if garbled:
            self.notify(
                f"Keys with control characters in settings, ignored: {', '.join(garbled)}",
                severity="warning",
                markup=False,
            )
        self.keymap = {
            k: v for k, v in keymap.items() if k in known and v.strip() and k not in garbled
        }
        self.set_keymap(self.keymap)

    def _remember_theme(self, theme: Theme) -> None:
        """Save the theme the user picked, so the next start uses it."""
        if theme.name == self._settings.theme:
            return
        self._settings = replace(self._settings, theme=theme.name)
        try:
            self.store.save_settings(self._settings)
        except StoreError as error:
            self.notify(str(error), title="Theme not saved", severity="error", markup=False)

    def maybe_auto_remind(self, day: date) -> None:
        """``day`` was just rated stressful elsewhere (the reflection): show the purpose
        reminder by itself if it is due, through the day screen's once-a-day rule."""
        for screen in self.screen_stack:
            if isinstance(screen, DayScreen):
                screen._maybe_auto_remind(day)
                return

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, plus every action of the screen the palette was opened on."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, DayScreen):
            return
        for binding in keys.DAY_BINDINGS:
            title = keys.palette_title(binding)
            if title is None:
                continue
            name, _, _ = binding.action.partition("(")
            if screen.check_action(name, ()) is not True:
                continue  # greyed out right now (e.g. nothing selected)
            yield SystemCommand(
                title, binding.tooltip, partial(self.run_action, binding.action, screen)
            )


def run_app(
    store: Store, today: Callable[[], date] = date.today, start_day: date | None = None
) -> None:
    """Run the app full screen until the user quits."""
    PlannerApp(store, today, start_day, style_cache=default_cache_folder()).run()
