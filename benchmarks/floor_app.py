"""The floor: a bare Textual app that shows one line. Nothing planner does can paint faster."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class FloorApp(App[None]):
    """One static line."""

    def compose(self) -> ComposeResult:
        yield Static("FLOOR" + "-PAINTED")


if __name__ == "__main__":
    FloorApp().run()
