"""The floor: a bare Textual app that shows one line. Nothing planner does can paint faster.

Its one key, ``x``, rewrites the line (``FLOOR-PAINTED 1``, ``2`` …): the floor of key → visible
change, what any Textual app takes from a key to its next frame in the same terminal.
"""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Static


class FloorApp(App[None]):
    """One static line, and one key that changes it."""

    BINDINGS: ClassVar[list[BindingType]] = [("x", "bump", "Bump")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("FLOOR" + "-PAINTED", id="line")

    def action_bump(self) -> None:
        self.count += 1
        self.query_one("#line", Static).update(f"FLOOR-PAINTED {self.count}")


if __name__ == "__main__":
    FloorApp().run()
