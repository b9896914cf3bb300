"""Keys: every key of DESIGN.md is a binding with an id, a description and a tooltip; keys
can be remapped in settings; every action is in the command palette and in the help."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import timedelta
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode

import planner.screens
import planner.widgets
from planner import keys
from planner.model import Settings
from planner.screens.day import DayScreen
from planner.screens.help import HelpScreen
from planner.screens.search import SearchScreen
from planner.store import Store
from planner.widgets.quick_add import QuickAdd
from planner.widgets.why_panel import WhyPanel
from tests.ui.conftest import SIZE, TODAY, add_task, make_app

#: DESIGN.md's key table: key → the id of the binding that must hold it.
DESIGN_KEYS = {
    "a": "day.add",
    "e": "day.edit",
    "enter": "day.edit",
    "space": "day.toggle",
    "x": "day.toggle",
    "d": "day.delete",
    "delete": "day.delete",
    "u": "day.undo",
    "m": "day.move",
    "c": "day.carry",
    "up": "day.up",
    "k": "day.up",
    "down": "day.down",
    "j": "day.down",
    "shift+up": "day.reorder_up",
    "shift+down": "day.reorder_down",
    "left_square_bracket": "day.previous",
    "left": "day.previous",
    "right_square_bracket": "day.next",
    "right": "day.next",
    "t": "day.today",
    "g": "day.goto",
    "s": "day.rate",
    "w": "day.remind",
    "r": "day.reflect",
    "i": "day.insights",
    "p": "day.purposes",
    "slash": "day.search",
    "question_mark": "day.help",
    "ctrl+p": "app.palette",
    "escape": "day.escape",
    "q": "app.quit",
}


def all_bindings() -> list[Binding]:
    return list(Binding.make_bindings([*keys.DAY_BINDINGS, *keys.APP_BINDINGS]))


def test_every_design_key_is_bound_with_an_id() -> None:
    bound = {b.key: b.id for b in all_bindings()}
    for key, binding_id in DESIGN_KEYS.items():
        assert bound.get(key) == binding_id, key


def test_every_binding_has_id_description_and_tooltip() -> None:
    ids = [b.id for b in (*keys.DAY_BINDINGS, *keys.APP_BINDINGS)]
    assert len(ids) == len(set(ids)), "binding ids are unique"
    for binding in (*keys.DAY_BINDINGS, *keys.APP_BINDINGS):
        assert binding.id and binding.description and binding.tooltip, binding


def test_every_day_action_has_a_palette_title_or_is_escape() -> None:
    for binding in keys.DAY_BINDINGS:
        if binding.id != "day.escape":
            assert keys.palette_title(binding), binding.id


async def test_footer_shows_the_few_that_matter(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {b.binding.id for b in pilot.app.screen.active_bindings.values() if b.binding.show}
        assert {"day.add", "day.edit", "day.toggle", "day.help", "app.quit"} <= shown
        assert "day.up" not in shown and "day.reorder_up" not in shown


async def test_keymap_from_settings_remaps_a_key(welcomed: Store) -> None:
    welcomed.save_settings(Settings(keymap={"day.add": "n", "day.help": "f1"}))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert pilot.app.screen.quick_add_bar is None, "a is no longer the key"
        await pilot.press("n")
        assert pilot.app.screen.query_one(QuickAdd).display
        await pilot.press("escape", "f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        row = next(r for r in pilot.app.screen.rows if r.binding_id == "day.add")
        assert row.keys == "n"


async def test_unknown_keymap_ids_are_reported_not_fatal(welcomed: Store) -> None:
    welcomed.save_settings(Settings(keymap={"day.nonsense": "z"}))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("day.nonsense" in n.message for n in pilot.app._notifications)
        assert isinstance(pilot.app.screen, DayScreen)


async def test_help_lists_every_binding_and_closes(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        listed = {row.binding_id for row in screen.rows}
        assert listed == {b.id for b in (*keys.DAY_BINDINGS, *keys.APP_BINDINGS)} | set(
            keys.SCREEN_KEYS
        )
        edit = next(r for r in screen.rows if r.binding_id == "day.edit")
        assert edit.keys.startswith("e / ")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, DayScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(pilot.app.screen, DayScreen)


async def test_palette_has_every_action_and_textuals_own(welcomed: Store) -> None:
    add_task(welcomed, "Something")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"Theme", "Quit", "Keys"} <= titles
        for binding in keys.DAY_BINDINGS:
            title = keys.palette_title(binding)
            if title and binding.id != "day.undo":  # nothing to undo yet: greyed, left out
                assert title in titles, title


async def test_palette_runs_an_action(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"add task")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)
        assert pilot.app.screen.query_one(QuickAdd).display


async def test_our_themes_are_registered_and_the_choice_is_remembered(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {"planner-dark", "planner-light", "textual-dark"} <= set(pilot.app.available_themes)
        assert pilot.app.theme == "planner-dark"
        pilot.app.theme = "planner-light"
        await pilot.pause()
        assert welcomed.settings().theme == "planner-light"
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "planner-light"


async def test_an_unknown_theme_falls_back_with_a_warning(welcomed: Store) -> None:
    welcomed.save_settings(Settings(theme="no-such-theme"))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "planner-dark"
        assert any("no-such-theme" in n.message for n in pilot.app._notifications)


def screen_bindings() -> dict[str, Binding]:
    """Every binding with an id of every screen and widget, by importing each module."""
    found: dict[str, Binding] = {}
    for package in (planner.screens, planner.widgets):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                    for binding in cls.__dict__.get("BINDINGS", []):
                        if isinstance(binding, Binding) and binding.id:
                            found[binding.id] = binding
    return found


def test_the_static_key_table_matches_every_screen() -> None:
    found = screen_bindings()
    day_and_app = {b.id for b in (*keys.DAY_BINDINGS, *keys.APP_BINDINGS)}
    others = {i: (b.key, b.description) for i, b in found.items() if i not in day_and_app}
    assert others == keys.SCREEN_KEYS
    assert keys.binding_ids() == set(found) | day_and_app


async def test_help_shows_each_binding_id_beside_its_key(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_lines(pilot.app)
        assert any("day.add" in line and "Add" in line and "a " in line for line in lines)
        assert any("insights.week" in line and "Week" in line for line in lines)


async def test_other_screens_keys_can_be_remapped_by_id(welcomed: Store) -> None:
    welcomed.save_settings(Settings(keymap={"search.close": "f2"}))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any("search.close" in n.message for n in pilot.app._notifications)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SearchScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)


async def test_hints_name_the_remapped_keys(welcomed: Store) -> None:
    welcomed.save_settings(Settings(keymap={"day.add": "n", "day.edit": "f3"}))
    async with make_app(welcomed, start_day=TODAY + timedelta(days=9)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Press n to add a task" in " ".join(screen_lines(pilot.app))
    add_task(welcomed, "Untied")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = pilot.app.screen.query_one(WhyPanel).describe().plain
        assert "Press f3 to link it" in text


def screen_lines(app: App[Any]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]
