"""The reflection and the insights of :mod:`reference_app`, imported when first opened, as
planner imports its own (so that the reference's first paint carries only the day's widgets)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalGroup, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, SelectionList, Static, TextArea

TITLE = "Review the quarterly deck with the team and write the notes"


class ReflectionLike(Screen[None]):
    """Five questions and answers beside the day's tasks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Close"),
        Binding("ctrl+s", "app.pop_screen", "Save"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("REFERENCE-REFLECTION  Reflection · Wed 25 Nov 2026")
        yield Static("Stress  1  2  3  4  5   not rated yet")
        with Horizontal():
            with Vertical():
                for i in range(5):
                    yield Static(f"Question {i + 1}: what went well today, and why?")
                    yield TextArea(soft_wrap=True, show_line_numbers=False)
            with VerticalScroll():
                for i in range(20):
                    line = f"✓ {TITLE} {i}" if i % 2 == 0 else "  why: To help others · grows"
                    yield Static(line)
                yield SelectionList[int](*[(f"{TITLE} {i}", i) for i in range(4)])
                yield Static("Carry to Thu 26 Nov 2026 (tomorrow):")
                with Horizontal():
                    yield Button("Chosen (0)", compact=True)
                    yield Button("All (4)", compact=True)
                yield Static("space in the list chooses")
        yield Footer()


class InsightsLike(Screen[None]):
    """Eight sections of figures."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        yield Static("REFERENCE-INSIGHTS  Insights · Week  Month  Quarter  Year")
        with VerticalScroll():
            for section in range(8):
                with VerticalGroup():
                    yield Static(f"Section {section + 1}")
                    bars = (f"Skill {n:<10} {'█' * (3 * n + 2)} {3 * n}" for n in range(8))
                    yield Static("\n".join(bars))
                    yield Static(f"{section * 120} tasks done in all")
        yield Footer()
