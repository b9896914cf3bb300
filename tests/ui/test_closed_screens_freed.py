"""Closed screens leave memory: opening the reflection and the insights again and again does not
keep every earlier copy (and its rendered lines) alive."""

from __future__ import annotations

import gc
import weakref

from textual._styles_cache import StylesCache

from planner.screens.insights import InsightsScreen
from planner.screens.reflection import ReflectionScreen
from planner.store import Store
from planner.widgets.plain_text_area import PlainTextArea
from planner.widgets.render_cache import COLLECT_DELAY
from tests.ui.conftest import SIZE, add_task, make_app


def alive(kind: type) -> int:
    return sum(1 for found in gc.get_objects() if isinstance(found, kind))


async def test_reflection_and_insights_are_freed_when_closed(welcomed: Store) -> None:
    add_task(welcomed, "Write the report", skills=("excel",), done=True)
    app = make_app(welcomed)
    counts = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):
            for key in ("r", "i"):
                await pilot.press(key)
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
            gc.collect()
            counts.append(alive(StylesCache))
        assert alive(ReflectionScreen) == 0
        assert alive(PlainTextArea) == 0
        # Not even the newest: its finished worker does not keep it (a pool thread's context).
        assert alive(InsightsScreen) == 0
    assert counts[2] <= counts[1], f"widgets drawn pile up: {counts}"


async def test_a_closed_screen_is_collected_soon_after_the_day_comes_back(
    welcomed: Store,
) -> None:
    add_task(welcomed, "Write the report")
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        closed = weakref.ref(screen)
        del screen
        gc.collect()
        collections_before = gc.get_stats()[2]["collections"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause(COLLECT_DELAY + 0.2)
        assert gc.get_stats()[2]["collections"] > collections_before, "a full collection ran"
        assert closed() is None, "the reflection screen is gone without anyone calling gc"


async def test_no_collection_when_the_collector_is_off(welcomed: Store) -> None:
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        gc.disable()
        try:
            collections_before = gc.get_stats()[2]["collections"]
            await pilot.press("escape")
            await pilot.pause(COLLECT_DELAY + 0.2)
            assert gc.get_stats()[2]["collections"] == collections_before
        finally:
            gc.enable()
