"""The app's start: the cyclic collector, switched off while starting (planner/__main__.py),
is on again once the day is painted."""

from __future__ import annotations

import gc

from planner.app import COLLECTOR_DELAY
from planner.store import Store
from tests.ui.conftest import SIZE, add_task, make_app


async def test_the_collector_is_on_again_after_the_first_paint(welcomed: Store) -> None:
    add_task(welcomed, "A task")
    gc.disable()
    try:
        app = make_app(welcomed)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not gc.isenabled(), "not while the first screen is being drawn"
            await pilot.pause(COLLECTOR_DELAY + 0.2)
            assert gc.isenabled()
            assert app.screen.query_one("#task-list") is not None
    finally:
        gc.enable()
        gc.unfreeze()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(welcomed: Store) -> None:
    app = make_app(welcomed)
    frozen = gc.get_freeze_count()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen, "nothing frozen in a process that did not ask"
