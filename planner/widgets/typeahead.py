"""Keys typed ahead of a change of focus go where the focus went.

Textual hands each key to the widget focused when the key arrives, and runs the key bindings
when the key comes back up to the app. Keys that arrive together (a paste into the terminal, a
script, a fast typist) are all handed to the same widget before the first has done anything: in
``a`` + ``Buy milk``, the ``a`` opens the quick-add bar, but the letters after it were already
given to the task list, and came back up as the day's own keys: ``u`` undid, ``d`` deleted, ``e``
opened the editor. The same happened to what was typed after ``/`` (search) or ``g`` (go to a
date), and to the digit of ``s`` + digit.

:class:`TypeAhead` remembers which widget each key from the terminal was handed to. When a key
comes back up to the app and the focus has moved since (to the quick-add input, to another
screen), the key is given to the app again as if it had just been typed: Textual then checks the
app's priority keys and hands it to what has the focus now. Nothing is held: a screen that has
no focus yet gets the key itself, and if the focus has moved again when it comes back, it goes
round once more.
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

#: Keys remembered with the widget they were handed to: more than can be on their way at once.
REMEMBERED = 256


class TypeAhead:
    """The app's record of where its keys went (see the module's doc)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        # Weak references: a key must not keep a closed screen's widgets alive.
        self._sent: deque[tuple[events.Key, weakref.ref[Widget]]] = deque(maxlen=REMEMBERED)

    def arrived(self, event: events.Key) -> None:
        """A key from the terminal: remember where the app is about to hand it."""
        target: Widget = self.app.focused or self.app.screen
        self._sent.append((event, weakref.ref(target)))

    def came_back(self, event: events.Key) -> bool:
        """A key came back up to the app: True when it was typed ahead of a change of focus and
        has been given to the app again, to go where the focus is now (drop this one)."""
        for index, (sent, ref) in enumerate(self._sent):
            if sent is event:
                del self._sent[index]
                given = ref()
                break
        else:
            return False  # not from the terminal (simulated), or long forgotten
        if given is (self.app.focused or self.app.screen):
            return False
        # Posted to the app as the terminal posts keys: after what is already waiting there.
        return self.app.post_message(events.Key(event.key, event.character))
