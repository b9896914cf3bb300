"""Where the record lives and which day is "today", as the command line decides them.

The folder comes from ``--data DIR``, else the ``PLANNER_DATA`` environment variable, else
``platformdirs.user_data_dir("planner")`` (which honours ``XDG_DATA_HOME``). "Today" is the real
date unless ``PLANNER_TODAY=YYYY-MM-DD`` is set: a documented hook for tests and scripts that
need a fixed day.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from planner.model import ValidationError
from planner.storage import StoreError, as_path, path_text

if TYPE_CHECKING:
    from pathlib import Path

    from planner.storage import AnyPath

__all__ = [
    "DATA_ENV",
    "TODAY_ENV",
    "DataFolderError",
    "check_folder",
    "data_folder",
    "data_root",
    "default_folder",
    "today_clock",
]

DATA_ENV = "PLANNER_DATA"
TODAY_ENV = "PLANNER_TODAY"


class DataFolderError(StoreError):
    """The data path exists but is not a folder (a file, a broken link …)."""

    def __init__(self, folder: AnyPath, reason: str) -> None:
        folder = self.folder = as_path(folder)
        super().__init__(
            f"the data folder {folder} {reason}; give another with --data DIR or {DATA_ENV}"
        )


def default_folder() -> Path:
    """The platform's per-user data folder for planner (``$XDG_DATA_HOME/planner`` on Linux)."""
    # Imported here: platformdirs is only needed when neither --data nor PLANNER_DATA is given.
    import platformdirs

    return as_path(platformdirs.user_data_dir("planner", appauthor=False))


def data_folder(given: str | None, env: Mapping[str, str] | None = None) -> Path:
    """The record's folder: ``given`` (``--data``), else ``PLANNER_DATA``, else the default.

    ``~`` is expanded; an empty value counts as not given.
    """
    return as_path(data_root(given, env))


def data_root(given: str | None, env: Mapping[str, str] | None = None) -> str:
    """:func:`data_folder` as text (``str(data_folder(...))``), made without pathlib."""
    env = os.environ if env is None else env
    chosen = given or env.get(DATA_ENV) or None
    if chosen is None:
        return str(default_folder())
    return _expand_user(path_text(chosen))


def _expand_user(path: str) -> str:
    """``Path.expanduser()``: a leading ``~`` or ``~user`` part becomes that home folder."""
    if not path.startswith("~"):
        return path
    first, sep, rest = path.partition("/")
    home = os.path.expanduser(first)
    if home.startswith("~"):
        raise RuntimeError("Could not determine home directory.")
    return path_text(home + sep + rest) if rest else path_text(home)


def check_folder(folder: AnyPath) -> bool:
    """Whether ``folder`` exists; raises :class:`DataFolderError` when it is not a folder."""
    if os.path.isdir(folder):
        return True
    if os.path.lexists(folder):
        raise DataFolderError(folder, "is not a folder")
    return False


def today_clock(env: Mapping[str, str] | None = None) -> Callable[[], date]:
    """A callable giving "today": fixed by ``PLANNER_TODAY`` when set, else the real date.

    Raises :class:`ValidationError` for a ``PLANNER_TODAY`` that is not a real ``YYYY-MM-DD``.
    """
    env = os.environ if env is None else env
    fixed = env.get(TODAY_ENV, "").strip()
    if not fixed:
        return date.today
    try:
        day = date.fromisoformat(fixed)
        if len(fixed) != 10:
            raise ValueError(fixed)
    except ValueError:
        raise ValidationError(
            f"{TODAY_ENV} must be a real date written YYYY-MM-DD, not {fixed[:40]!r}"
        ) from None
    return lambda: day
