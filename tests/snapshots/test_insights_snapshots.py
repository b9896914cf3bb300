"""Snapshot tests of the insights screen on the demo record, at 100×30 and 80×24, and empty.

The screen is hosted in a bare app with the planner's dark theme, so these pictures change only
when the insights change. The demo record is generated in ``tmp_path`` by
:func:`planner.demo.make_demo` for the fixed ``TODAY`` and a fixed seed: nothing rendered depends
on the real date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from planner.demo import make_demo
from planner.screens.insights import InsightsScreen
from planner.store import Store
from planner.themes import PLANNER_DARK

TODAY = date(2026, 11, 25)
SIZES = [(100, 30), (80, 24)]
SEED = 7
Snap = Callable[..., bool]


class Host(App[None]):
    """A bare app with the planner's dark theme that opens the insights on start."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.register_theme(PLANNER_DARK)
        self.theme = PLANNER_DARK.name
        self.push_screen(InsightsScreen(self.store, TODAY))


def demo_app(tmp_path: Path) -> Host:
    folder = tmp_path / "demo"
    make_demo(folder, TODAY, seed=SEED)
    return Host(Store.open(folder))


def pressing(*keys: str) -> Callable[[Pilot[None]], object]:
    """Wait for the figures, press ``keys`` (waiting after each), and wait for the repaint."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run


class TestInsightsSnapshots:
    """The insights of the demo record, per period and size, and of an empty record."""

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_demo_month(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """Opens on the month: the daily stress chart with marks and gaps, then skills."""
        assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=pressing())

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_demo_week(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """``w``: seven wide columns named by weekday."""
        assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=pressing("w"))

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_demo_year(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """``y``: a column per week, with counts of stressful days under them."""
        assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=pressing("y"))

    def test_demo_month_lower_sections(self, snap_compare: Snap, tmp_path: Path) -> None:
        """Scrolled to the end at 80×24: reflection, stressful vs calm, the path."""
        assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=pressing("end"))

    def test_demo_month_middle_sections(self, snap_compare: Snap, tmp_path: Path) -> None:
        """One page down at 80×24: purposes, stretch tasks, people."""
        assert snap_compare(
            demo_app(tmp_path), terminal_size=(80, 24), run_before=pressing("pagedown")
        )

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_empty_record(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """A kind message, and how to set the next step."""
        app = Host(Store.open(tmp_path / "record"))
        assert snap_compare(app, terminal_size=size, run_before=pressing())
