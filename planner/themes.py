"""The app's own colour themes and where its stylesheets live.

Two themes, one dark and one light, are registered beside Textual's built-in ones; the chosen
theme is remembered in the record's settings. All ``.tcss`` files use theme variables only
(``$primary``, ``$surface``, ``$text-muted`` …), so every theme restyles the whole app.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from textual.theme import Theme

__all__ = ["DEFAULT_THEME", "PLANNER_DARK", "PLANNER_LIGHT", "THEMES", "stylesheet"]

PLANNER_DARK = Theme(
    name="planner-dark",
    primary="#5fa8d3",
    secondary="#9b8ec4",
    accent="#e0a458",
    warning="#e0a458",
    error="#e06c75",
    success="#7fb685",
    foreground="#dcdfe4",
    background="#1b1e24",
    surface="#22262e",
    panel="#2b303a",
    dark=True,
)
"""Calm blue on a dark slate, warm amber for what needs attention."""

PLANNER_LIGHT = Theme(
    name="planner-light",
    primary="#1f6f9f",
    secondary="#6a5a9e",
    accent="#a0611c",
    warning="#a0611c",
    error="#b3303c",
    success="#2f7d3b",
    foreground="#22262e",
    background="#f6f4ef",
    surface="#ece9e1",
    panel="#e0dccf",
    dark=False,
)
"""The same palette for light terminals, darker hues so text keeps its contrast."""

THEMES: tuple[Theme, ...] = (PLANNER_DARK, PLANNER_LIGHT)
DEFAULT_THEME = PLANNER_DARK.name


def stylesheet(name: str) -> str:
    """The path of one of the app's ``.tcss`` files, inside the installed package.

    The files ship as the package ``planner.styles`` (the ``styles/`` folder of the source
    tree), so this works from a wheel as well as from an editable install. The folder is taken
    from the package's ``__file__`` rather than through ``importlib.resources``, whose import
    (with ``zipfile``) costs milliseconds before the first paint; planner is never run zipped.
    """
    package = importlib.import_module("planner.styles")
    return str(Path(package.__file__ or "").parent / name)
