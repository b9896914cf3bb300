"""Every key of the app, in one table: each binding has an id so it can be remapped.

Settings hold a keymap (binding id → keys, e.g. ``{"day.add": "n"}``) applied with
``App.set_keymap``. The same table feeds the footer, the ``?`` help screen and the command
palette, so a key, its description and its palette entry never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding

__all__ = [
    "APP_BINDINGS",
    "DAY_BINDINGS",
    "SCREEN_KEYS",
    "KeyRow",
    "binding_ids",
    "current_key",
    "help_rows",
    "palette_title",
]


def _b(
    keys: str,
    action: str,
    description: str,
    tooltip: str,
    binding_id: str,
    *,
    show: bool = False,
    priority: bool = False,
) -> Binding:
    """A binding with everything the footer, help and palette need."""
    return Binding(
        keys, action, description, show=show, tooltip=tooltip, id=binding_id, priority=priority
    )


#: The day screen's keys, in the order of DESIGN.md's table.
DAY_BINDINGS: list[Binding] = [
    _b(
        "a",
        "quick_add",
        "Add",
        "Quick add a task, e.g. 'Call Ann tomorrow 3pm #help-others +excel'",
        "day.add",
        show=True,
    ),
    _b("e,enter", "edit", "Edit", "Edit every field of the selected task", "day.edit", show=True),
    _b(
        "space,x",
        "toggle_done",
        "Done",
        "Mark the selected task done, or not done again",
        "day.toggle",
        show=True,
    ),
    _b("d,delete", "delete", "Delete", "Delete the selected task (u undoes it)", "day.delete"),
    _b(
        "u",
        "undo",
        "Undo",
        "Undo the last change; press again to go further back",
        "day.undo",
        show=True,
    ),
    _b("m", "move_tomorrow", "To tomorrow", "Move the selected task to the next day", "day.move"),
    _b(
        "c",
        "carry",
        "Carry in",
        "Carry unfinished tasks from earlier days into this day",
        "day.carry",
    ),
    _b("up,k", "select(-1)", "Previous task", "Select the task above", "day.up"),
    _b("down,j", "select(1)", "Next task", "Select the task below", "day.down"),
    _b(
        "shift+up", "reorder(-1)", "Move up", "Move the selected task up the list", "day.reorder_up"
    ),
    _b(
        "shift+down",
        "reorder(1)",
        "Move down",
        "Move the selected task down the list",
        "day.reorder_down",
    ),
    _b("[,left", "shift_day(-1)", "Previous day", "Show the previous day", "day.previous"),
    _b("],right", "shift_day(1)", "Next day", "Show the next day", "day.next"),
    _b("t", "today", "Today", "Show today", "day.today"),
    _b("g", "goto", "Go to", "Go to a date: tomorrow, fri, dec 3, 2026-12-03 …", "day.goto"),
    _b(
        "s",
        "rate",
        "Rate",
        "Rate this day's stress: s, then 1 (calm) … 5 (very stressful)",
        "day.rate",
        show=True,
    ),
    _b(
        "w",
        "remind",
        "Why",
        "Remember your why: your purposes and what you have done for them",
        "day.remind",
        show=True,
    ),
    _b("r", "reflect", "Reflect", "End-of-day reflection for this day", "day.reflect", show=True),
    _b(
        "i",
        "insights",
        "Insights",
        "Stress, skills and purposes over weeks and months",
        "day.insights",
    ),
    _b("p", "purposes", "Purposes", "Purposes, skills and profile", "day.purposes"),
    _b("/", "search", "Search", "Search tasks and reflections across all days", "day.search"),
    _b("?", "help", "Keys", "Every key and what it does", "day.help", show=True),
    _b("escape", "cancel", "Close", "Close what is open; on the day itself, nothing", "day.escape"),
]

#: App-wide keys (they work on every screen that is not a dialog).
APP_BINDINGS: list[Binding] = [
    _b("q", "quit", "Quit", "Quit planner (everything is already saved)", "app.quit", show=True),
    _b(
        "ctrl+p",
        "command_palette",
        "Commands",
        "Every action, searchable",
        "app.palette",
        priority=True,
    ),
]

#: Titles of the command-palette entries, "group: action", by binding id.
_PALETTE: dict[str, str] = {
    "day.add": "Day: add task",
    "day.edit": "Day: edit task",
    "day.toggle": "Day: mark done / not done",
    "day.delete": "Day: delete task",
    "day.undo": "Day: undo",
    "day.move": "Day: move task to tomorrow",
    "day.carry": "Day: carry in unfinished tasks",
    "day.up": "Day: select previous task",
    "day.down": "Day: select next task",
    "day.reorder_up": "Day: move task up",
    "day.reorder_down": "Day: move task down",
    "day.previous": "Day: previous day",
    "day.next": "Day: next day",
    "day.today": "Day: today",
    "day.goto": "Day: go to date",
    "day.rate": "Day: rate stress",
    "day.remind": "Why: purpose reminder",
    "day.reflect": "Reflection: reflect on this day",
    "day.insights": "Insights: show insights",
    "day.purposes": "Purposes: purposes, skills and profile",
    "day.search": "Search: search all days",
    "day.help": "Help: keys and help",
}


def palette_title(binding: Binding) -> str | None:
    """The command-palette title of a binding, or None when it has no palette entry."""
    return _PALETTE.get(binding.id or "")


#: The keys of the other screens, dialogs and widgets, by binding id: (default keys,
#: description). Kept here as a table, so that checking a keymap and drawing the help need not
#: import every screen at start; tests/ui/test_keys.py imports each screen and checks that its
#: bindings match this table, so the two cannot drift apart.
SCREEN_KEYS: dict[str, tuple[str, str]] = {
    "edit.save": ("ctrl+s", "Save"),
    "edit.cancel": ("escape", "Cancel"),
    "series.this_day": ("t", "This day only"),
    "series.stop": ("s", "Stop the series"),
    "series.cancel": ("escape,c", "Cancel"),
    "carry.confirm": ("enter", "Carry"),
    "carry.cancel": ("escape", "Cancel"),
    "goto.cancel": ("escape", "Cancel"),
    "quick.cancel": ("escape", "Cancel"),
    "help.close": ("escape,question_mark,q", "Close"),
    "insights.week": ("w", "Week"),
    "insights.month": ("m", "Month"),
    "insights.quarter": ("q", "Quarter"),
    "insights.year": ("y", "Year"),
    "insights.next": ("tab,right", "Next period"),
    "insights.previous": ("shift+tab,left", "Previous period"),
    "insights.close": ("escape", "Back"),
    "purposes.close": ("escape", "Back"),
    "purposes.save": ("ctrl+s", "Save"),
    "purposes.new": ("ctrl+n", "New"),
    "reflection.save": ("ctrl+s", "Save"),
    "reflection.close": ("escape", "Close"),
    "confirm.save": ("s", "Save"),
    "confirm.discard": ("d", "Discard"),
    "confirm.cancel": ("escape,c", "Cancel"),
    "rating.1": ("1", "Rate 1"),
    "rating.2": ("2", "Rate 2"),
    "rating.3": ("3", "Rate 3"),
    "rating.4": ("4", "Rate 4"),
    "rating.5": ("5", "Rate 5"),
    "rating.down": ("left", "Calmer"),
    "rating.up": ("right", "More stressful"),
    "rating.clear": ("0,backspace", "Clear rating"),
    "reminder.close": ("escape", "Close"),
    "search.close": ("escape", "Close"),
    "search.results": ("down", "Results"),
    "welcome.skip_rest": ("escape", "Skip the rest"),
}


def binding_ids() -> set[str]:
    """Every binding id of every screen, to check a keymap from settings."""
    return {b.id for b in (*DAY_BINDINGS, *APP_BINDINGS) if b.id} | set(SCREEN_KEYS)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One line of the help screen."""

    binding_id: str
    keys: str
    """The keys as shown, after the user's keymap (``a``, ``e / enter``)."""
    description: str
    tooltip: str


def help_rows(keymap: Mapping[str, str], display: Callable[[Binding], str]) -> list[KeyRow]:
    """Every binding with its current keys (the keymap applied), in table order: the day's
    and the app's first, then those of the other screens (their tooltip left empty)."""
    rows: list[KeyRow] = []
    for binding in (*DAY_BINDINGS, *APP_BINDINGS):
        keys = keymap.get(binding.id or "", binding.key)
        shown = " / ".join(display(b) for b in _expand(binding, keys))
        rows.append(KeyRow(binding.id or "", shown, binding.description, binding.tooltip))
    for binding_id, (default, description) in SCREEN_KEYS.items():
        binding = Binding(keymap.get(binding_id, default), "", description, id=binding_id)
        shown = " / ".join(display(b) for b in _expand(binding, binding.key))
        rows.append(KeyRow(binding_id, shown, description, ""))
    return rows


def current_key(
    keymap: Mapping[str, str], binding_id: str, display: Callable[[Binding], str]
) -> str:
    """The first key that runs a day or app binding now (after the keymap), as displayed."""
    for binding in (*DAY_BINDINGS, *APP_BINDINGS):
        if binding.id == binding_id:
            first = next(iter(_expand(binding, keymap.get(binding_id, binding.key))))
            return display(first)
    raise KeyError(binding_id)


def _expand(binding: Binding, keys: str) -> Iterable[Binding]:
    """One binding per key of a comma-separated key list."""
    return Binding.make_bindings([binding.with_key(keys)])
