"""The screens' footer: Textual's :class:`~textual.widgets.Footer`, rebuilt only when what it
shows changes.

Textual's footer rebuilds all of its keys after every change of the screen's bindings (focus
moving, a key greyed out or back), each rebuild mounting a dozen widgets. The day screen changes
its bindings several times while it opens (mounted, focused, a task selected, the undo key), so
the keys were rebuilt four times, one after the other, before they first showed: about a
hundred milliseconds after the day itself. Here a change only schedules one rebuild, after the
next refresh (so the day is painted first), however many changes arrive before it runs; and a
rebuild is skipped when the keys would look the same.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    """A footer that rebuilds its keys once per burst of binding changes, and only if needed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scheduled = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Schedule one rebuild for the changes that arrive before it runs."""
        self._bindings_ready = True
        if self._scheduled or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._scheduled = True
            self.call_after_refresh(self._rebuild)

    def _looks(self) -> tuple[object, ...]:
        """What the keys would show: each shown binding's key, label, state and tooltip."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    async def _rebuild(self) -> None:
        self._scheduled = False
        if not self.is_attached:  # its screen closed before the rebuild came round
            return
        looks = self._looks()
        if looks == self._shown:
            return
        self._shown = looks
        await self.recompose()
        self._forget_removed_keys()

    def _forget_removed_keys(self) -> None:
        # Textual's footer binds each key it makes to its own ``compact`` setting, and a binding
        # is only dropped when that setting changes, which it never does here: every rebuild
        # left the old keys alive (about 200 kB per round of the editing session).
        watchers = getattr(self, "__watchers", None)
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [entry for entry in entries if getattr(entry[0], "is_attached", True)]
