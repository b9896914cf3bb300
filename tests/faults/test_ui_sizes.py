"""Every screen at every size, and resize storms: no exception, nothing leaks to the terminal.

The record is the full sample one (``planner.demo.make_demo``: six weeks of tasks, ratings,
reflections, purposes, skills, series). Sizes go from 1 × 1 (nothing fits) to 300 × 100. After
each step the app must still be running, draw no control character and hold no user text in a
title (see ``uikit.assert_safe``). The quick version opens each screen once and resizes it through
a few sizes; the ``faults`` version opens each screen *at* each size (so it is built and laid out
there) and then shakes it with a storm of resizes between tiny and huge, many of them delivered
back to back before the app gets a chance to repaint, as a window being dragged delivers them.
"""

from __future__ import annotations

import random
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
import uikit as k
from textual.events import Resize
from textual.geometry import Size
from textual.pilot import Pilot

from planner.demo import make_demo
from planner.store import Store

SIZES = [(1, 1), (10, 5), (40, 12), (60, 15), (80, 24), (120, 40), (300, 100)]
QUICK_SIZES = [(1, 1), (300, 100), (80, 24)]
#: The quick version leaves out the other tabs and periods of screens it opens.
QUICK_SCREENS = [
    "quick add",
    "edit",
    "help",
    "purposes",
    "search",
    "reminder",
    "reflection",
    "insights month",
    "go to",
    "carry",
    "confirm leave",
]
#: Screens beyond those reached from the day screen in ``uikit.SCREENS``.
EXTRA = ("welcome", "confirm leave")
STORM = 40
"""Resizes in one storm."""


@pytest.fixture(autouse=True)
def _summary(request: pytest.FixtureRequest) -> None:
    k.register_summary(request.config)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample record, made once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("demo") / "record"
    make_demo(folder, k.TODAY)
    return folder


def copy_of(folder: Path, tmp_path: Path) -> Store:
    target = tmp_path / "record"
    shutil.copytree(folder, target)
    return Store.open(target, now=lambda: k.NOW)


async def open_screen(pilot: Pilot[Any], name: str) -> None:
    """Open ``name``: a screen of ``uikit.SCREENS``, the unsaved-changes question, or (on an
    empty record) the welcome, which shows by itself."""
    if name == "welcome":
        assert type(pilot.app.screen).__name__ == "WelcomeScreen"
        k.UI_STATS["screens"] += 1
    elif name == "confirm leave":
        await k.visit(pilot, "reflection")
        pilot.app.screen.query_one("#rating").focus()
        await pilot.press("1", "escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ConfirmLeaveScreen"
    else:
        await k.visit(pilot, name)


def resize_now(pilot: Pilot[Any], width: int, height: int) -> None:
    """Deliver a resize without waiting for the app to handle it (``Pilot.resize_terminal``
    does the same, then pauses)."""
    size = Size(width, height)
    pilot.app._driver._size = size  # type: ignore[union-attr]
    pilot.app.post_message(Resize(size, size))


async def storm(pilot: Pilot[Any], seed: int) -> None:
    """Resizes alternating between tiny and huge; only every fifth is waited for."""
    rng = random.Random(seed)
    for n in range(STORM):
        if n % 2:
            width, height = rng.randint(1, 30), rng.randint(1, 10)
        else:
            width, height = rng.randint(100, 300), rng.randint(30, 100)
        resize_now(pilot, width, height)
        if n % 5 == 4:
            await pilot.pause()
        k.UI_STATS["storm_resizes"] += 1
    await pilot.resize_terminal(100, 30)
    await k.settle(pilot)


def record_for(name: str, demo: Path, tmp_path: Path) -> Store:
    if name == "welcome":
        return Store.open(tmp_path / "empty", now=lambda: k.NOW)
    return copy_of(demo, tmp_path)


ALL_SCREENS = [*k.SCREENS, *EXTRA]


async def test_every_screen_a_few_sizes(demo: Path, tmp_path: Path) -> None:
    """Each screen opened once at 80 × 24, then resized to 1 × 1, 300 × 100 and back."""
    store = copy_of(demo, tmp_path)
    app = k.make_app(store)
    async with k.run(app, (80, 24)) as pilot:
        await k.settle(pilot)
        for name in QUICK_SCREENS:
            await open_screen(pilot, name)
            for width, height in QUICK_SIZES:
                await pilot.resize_terminal(width, height)
                k.assert_safe(app, f"{name} at {width}x{height}")
                k.UI_STATS["screen_sizes"] += 1
            await k.home(pilot)
    empty = Store.open(tmp_path / "empty", now=lambda: k.NOW)
    app = k.make_app(empty)
    async with k.run(app, (1, 1)) as pilot:
        await k.settle(pilot)
        await open_screen(pilot, "welcome")
        k.assert_safe(app, "welcome at 1x1")
        await pilot.resize_terminal(300, 100)
        k.assert_safe(app, "welcome at 300x100")
        k.UI_STATS["screen_sizes"] += 2


async def test_storm_on_the_day(demo: Path, tmp_path: Path) -> None:
    """A resize storm on the day screen with the quick-add bar open."""
    app = k.make_app(copy_of(demo, tmp_path))
    async with k.run(app, (80, 24)) as pilot:
        await k.settle(pilot)
        await open_screen(pilot, "quick add")
        await storm(pilot, 1)
        k.assert_safe(app, "after the storm")


@pytest.mark.faults
@pytest.mark.parametrize("name", ALL_SCREENS)
async def test_every_size_then_a_storm(demo: Path, tmp_path: Path, name: str) -> None:
    """The screen opened at each size (built and laid out there), then a storm."""
    for number, (width, height) in enumerate(SIZES):
        app = k.make_app(record_for(name, demo, tmp_path / str(number)))
        async with k.run(app, (width, height)) as pilot:
            await k.settle(pilot)
            await open_screen(pilot, name)
            k.assert_safe(app, f"{name} at {width}x{height}")
            k.UI_STATS["screen_sizes"] += 1
            if number == len(SIZES) - 1:
                await storm(pilot, zlib.crc32(name.encode()))
                k.assert_safe(app, f"{name} after the storm")
