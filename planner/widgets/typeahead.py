"""Keys typed ahead of a change of focus go where the focus went.

Textual hands each key to the widget focused when the key arrives, and runs the key bindings
when the key comes back up to the app. Keys that arrive together (a paste into the terminal, a
script, a fast typist) are all handed to the same widget before the first has done anything: in
``a`` + ``Buy milk``, the ``a`` opens the quick-add bar, but the letters after it were already
given to the task list, and came back up as the day's own keys: ``u`` undid, ``d`` deleted, ``e``
opened the editor. The same happened to what was typed after ``/`` (search) or ``g`` (go to a
date), and to the digit of ``s`` + digit.

:class:`TypeAhead` remembers which widget each key from the terminal was handed to. When a key
comes back up to the app and the focus has moved since (to the quick-add input, or to another
screen), the key is handed again to what has the focus now, as if it had been typed there. A
screen that is still opening has no focus yet: its keys are held, in order, with every key after
them, until it has.
"""

from __future__ import annotations

import weakref
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

__all__ = ["TypeAhead"]

#: Keys remembered with the widget they were handed to: far more than can be on their way.
REMEMBERED = 64
#: Frames a screen may take to take the focus before held keys go to the screen itself.
MAX_WAIT = 10


class TypeAhead:
    """The app's record of where its keys went (see the module's doc)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        # Weak references: a key must not keep a closed screen's widgets alive.
        self._sent: deque[tuple[events.Key, weakref.ref[Widget]]] = deque(maxlen=REMEMBERED)
        self._held: list[events.Key] = []
        self._waited = 0

    def _target(self) -> Widget:
        """Where the app hands a key now (as Textual's ``App.on_event`` does)."""
        return self.app.focused or self.app.screen

    def arrived(self, event: events.Key) -> bool:
        """A key from the terminal: remember where it goes. True when it is held instead,
        behind keys waiting for a screen to take the focus (the caller must not hand it on)."""
        if self._held:
            self._held.append(event)
            return True
        self._sent.append((event, weakref.ref(self._target())))
        return False

    def came_back(self, event: events.Key) -> bool:
        """A key came back up to the app: True when it was typed ahead of a change of focus and
        has been handed (or held) for what has the focus now (the caller must drop it)."""
        for index, (sent, ref) in enumerate(self._sent):
            if sent is event:
                del self._sent[index]
                given = ref()
                break
        else:
            return False  # not from the terminal (simulated), or long forgotten
        now = self._target()
        if given is None or given is now:
            return False
        again = events.Key(event.key, event.character)
        if self.app.focused is None:
            # Another screen is opening: its input takes the focus once it is mounted.
            self._held.append(again)
            if len(self._held) == 1:
                self._waited = 0
                self.app.call_after_refresh(self._release)
        else:
            self._hand(again)
        return True

    def _hand(self, event: events.Key) -> None:
        target = self._target()
        self._sent.append((event, weakref.ref(target)))
        target._forward_event(event)

    def _release(self) -> None:
        """Hand the held keys on, in order, once the screen has the focus (or has waited)."""
        if self.app.focused is None and self._waited < MAX_WAIT:
            self._waited += 1
            self.app.call_after_refresh(self._release)
            return
        held, self._held = self._held, []
        for event in held:
            self._hand(event)
