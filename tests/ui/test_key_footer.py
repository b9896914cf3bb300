"""The day screen's footer (planner.widgets.key_footer): its keys follow the screen's state, and
a burst of binding changes rebuilds them once, not once per change."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from planner.store import Store
from planner.widgets.key_footer import KeyFooter
from tests.ui.conftest import SIZE, add_task, make_app


def keys(app: Any) -> dict[str, bool]:
    """Footer key action → enabled (a greyed key has the class ``-disabled``)."""
    footer = app.screen.query_one(KeyFooter)
    return {key.action: not key.has_class("-disabled") for key in footer.query(FooterKey)}


async def test_keys_show_once_and_follow_the_selection(
    welcomed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_task(welcomed, "Only task")
    rebuilds: list[int] = []
    real = KeyFooter.recompose

    async def counting(self: KeyFooter) -> None:
        rebuilds.append(1)
        await real(self)

    monkeypatch.setattr(KeyFooter, "recompose", counting)
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = keys(app)
        assert shown["edit"] and shown["toggle_done"] and shown["quit"]
        assert not shown["undo"]
        assert len(rebuilds) == 1, "the start's burst of binding changes: one rebuild"
        await pilot.press("j")  # nothing to move to: the keys look the same, no rebuild
        await pilot.pause()
        assert len(rebuilds) == 1
        await pilot.press("d")  # no task left: Edit and Done greyed, Undo available
        await pilot.pause()
        await pilot.pause()
        shown = keys(app)
        assert not shown["edit"] and not shown["toggle_done"] and shown["undo"]
        assert len(rebuilds) == 2


async def test_keys_of_earlier_rebuilds_are_let_go(welcomed: Store) -> None:
    """Opening and closing the quick-add bar rebuilds the keys twice; the old keys go, however
    often it happens."""
    import gc

    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        counts = []
        for _ in range(4):
            await pilot.press("a")
            await pilot.pause()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.pause()
            gc.collect()
            counts.append(sum(1 for found in gc.get_objects() if isinstance(found, FooterKey)))
        shown = len(app.screen.query_one(KeyFooter).query(FooterKey))
        assert counts[-1] == counts[1] == shown, counts
