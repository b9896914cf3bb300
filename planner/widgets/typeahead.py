"""Keys from the terminal are handled one at a time, each where the focus is when its turn comes.

Textual hands each key to the widget focused when the key arrives, and runs the key bindings
when the key comes back up to the app. Keys that arrive together (a paste into the terminal, a
script, a fast typist) were all handed to the same widget before the first had done anything: in
``a`` + ``Buy milk``, the ``a`` opened the quick-add bar, but the letters after it were already
given to the task list, and came back up as the day's own keys: ``u`` undid, ``d`` deleted, ``e``
opened the editor. Keys after an Enter went into the box the Enter was about to submit.

:class:`KeyTurns` hands the app's next key on only when the one before it has been handled: a
:class:`KeyHandled` marker follows each key to the widget it was handed to and comes up to the
app behind it, after the key's bindings have run. A key that still comes back to a widget the
focus has left since (a screen that took the focus after the key was handed to it) goes first in
line again, to where the focus is now. If a marker is lost with its widget (a screen closed
under it), the line moves on after :data:`STUCK` seconds.

A key's bindings may leave work queued on its way up: Enter in the quick-add bar runs the input's
``submit``, which posts ``Submitted``, and only its handler saves the task and gives the focus
back to the list. While keys wait, a marker that comes up with messages still queued between its
widget and the app goes round again behind them (at most :data:`FOLLOW` times a key), so that in
``aTask one⏎aTask two⏎`` the second ``a`` reaches the list, not the closing bar.

Some keys start work that ends later, off the UI thread: Enter in search, before the search for
what was typed has ended, opens the newest result when it ends. Until then the screen says
``keys_on_hold`` and the keys after the Enter wait (at most :data:`HOLD_LIMIT` seconds); the
screen posts :class:`KeysReleased` when the work is done.
"""

from __future__ import annotations

import time
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

__all__ = ["FOLLOW", "HOLD_LIMIT", "STUCK", "KeyHandled", "KeyTurns", "KeysReleased"]

#: Seconds to wait for a key's marker before handing on the next key anyway.
STUCK = 1.0
#: How many times a key's marker goes round again behind the messages its key left queued (a
#: widget that is never idle, such as one animating, must not hold the line).
FOLLOW = 8
#: Seconds a screen may keep the keys waiting (``keys_on_hold``) before they go on anyway.
HOLD_LIMIT = 5.0

#: How the app handles a key from the terminal (Textual's own ``App.on_event``).
Handler = Callable[[events.Key], Awaitable[None]]


class KeyHandled(Message):
    """Follows a key to the widget it was handed to; reaches the app once the key is handled."""


class KeysReleased(Message):
    """A screen no longer keeps the keys waiting (post it to the app)."""


class KeyTurns:
    """The app's line of keys from the terminal (see the module's doc)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._waiting: deque[events.Key] = deque()
        self._marker: KeyHandled | None = None
        self._marked: weakref.ref[Widget] | None = None
        """The widget the key in flight was handed to."""
        self._rounds = 0
        """How many times the marker of the key in flight went round again."""
        self._timer: Timer | None = None
        self._held_since: float | None = None
        """When the screen on top began to keep the keys waiting."""
        # The widget each key in flight was handed to; weak, so no closed screen is kept.
        self._given: dict[int, tuple[events.Key, weakref.ref[Widget]]] = {}

    async def arrived(self, event: events.Key, handle: Handler) -> None:
        """A key from the terminal: handled now, or after the keys before it."""
        self._waiting.append(event)
        if self._marker is not None and self._timer is None:
            self._timer = self.app.set_timer(STUCK, self._unstick)
        await self.hand_on(handle)

    async def handled(self, marker: KeyHandled, handle: Handler) -> None:
        """A marker reached the app: its key is done, the next one's turn."""
        if marker is not self._marker:
            return  # a late one, after the line moved on without it
        if self._waiting and self._follow():
            return
        self._marker = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        await self.hand_on(handle)

    def came_back(self, event: events.Key) -> bool:
        """A key came up to the app: True when the focus left its widget after it was handed
        there; it then goes first in line, for the focus of the moment (drop this one)."""
        found = self._given.pop(id(event), None)
        if found is None or found[0] is not event:
            return False
        given = found[1]()
        if given is (self.app.focused or self.app.screen):
            return False
        self._waiting.appendleft(events.Key(event.key, event.character))
        return True

    async def hand_on(self, handle: Handler) -> None:
        """Hand on waiting keys, one at a time, while no key is in flight."""
        while self._waiting and self._marker is None and not self._on_hold():
            event = self._waiting.popleft()
            target: Widget = self.app.focused or self.app.screen
            await handle(event)  # the app's priority keys, else handed to ``target``
            if not event.is_forwarded:
                continue  # taken by a priority key
            self._given[id(event)] = (event, weakref.ref(target))
            if len(self._given) > 256:  # keys a widget kept (typed text): forget the oldest
                del self._given[next(iter(self._given))]
            marker = KeyHandled()
            if target.post_message(marker):
                self._marker = marker
                self._marked = weakref.ref(target)
                self._rounds = 0

    def _on_hold(self) -> bool:
        """True while the screen on top keeps the keys waiting, for at most HOLD_LIMIT."""
        if not getattr(self.app.screen, "keys_on_hold", False):
            self._held_since = None
            return False
        now = time.monotonic()
        if self._held_since is None:
            self._held_since = now
            self.app.set_timer(HOLD_LIMIT, lambda: self.app.post_message(KeysReleased()))
        # A little early: the timer's own message must find the hold over.
        return now - self._held_since < HOLD_LIMIT - 0.05

    def _follow(self) -> bool:
        """Send a new marker behind the messages still queued on the way from the key's widget
        up to the app, if there are any; True if one was sent."""
        if self._rounds >= FOLLOW or self._marked is None:
            return False
        node = self._marked()
        while node is not None:
            if node.message_queue_size:
                marker = KeyHandled()
                if not node.post_message(marker):
                    return False
                self._marker = marker
                self._rounds += 1
                return True
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return False

    def _unstick(self) -> None:
        """The marker did not come back: post it to the app so the line moves on."""
        self._timer = None
        if self._marker is not None:
            self._rounds = FOLLOW  # no more rounds: the line moves on
            self.app.post_message(self._marker)
