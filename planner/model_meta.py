"""The values of ``meta.json``: purposes, skills, the profile and the settings.

They are frozen dataclasses (the screens edit them with ``dataclasses.replace``) and belong to
:mod:`planner.model`, which exports them and loads this module the first time one is used: the
shell commands that add, show and rate never need them, and ``dataclasses`` costs ~12 ms to
import and build (see :mod:`planner.model`). Import them from :mod:`planner.model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model import DEFAULT_STRESS_THRESHOLD

__all__ = ["Profile", "Purpose", "Settings", "Skill"]


@dataclass(frozen=True, slots=True)
class Purpose:
    """A statement of why the user works, referred to by its slug."""

    slug: str
    statement: str
    archived: bool = False
    draft: bool = False
    """True when created from a quick-add tag and not yet written by the user."""


@dataclass(frozen=True, slots=True)
class Skill:
    """Something the user is growing."""

    slug: str
    name: str
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    """Who the user is on the path: the next step and when a day counts as stressful."""

    next_step: str = ""
    stress_threshold: int = DEFAULT_STRESS_THRESHOLD
    next_step_skills: tuple[str, ...] = ()
    welcomed: bool = False
    """True once the welcome screen was shown (answered or skipped)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Preferences of the app: theme and remapped keys (binding id → keys)."""

    theme: str = "planner-dark"
    keymap: dict[str, str] = field(default_factory=dict)

    def __hash__(self) -> int:  # dict field: hash on the stable parts only
        return hash((self.theme, tuple(sorted(self.keymap.items()))))
