"""A bare Textual app that fills the terminal with text in one widget: what painting a whole
screen costs beyond one line (:mod:`floor_app`), with nothing to lay out but one widget.

Its 40 lines of 120 columns carry colours and bold as planner's day does; the first line says
``SCREENFUL-PAINTED`` and the last ``SCREENFUL-END``, so that the benchmark waits for the whole
frame.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

TITLE = "Review the quarterly deck with the team and write the notes"


def screenful(height: int = 40) -> str:
    """The text of a 120-column screen, as markup: a header, task lines with their why, and a
    line of keys."""
    lines = ["[b]SCREENFUL-PAINTED[/b]  Wed 25 Nov 2026 (today)   stress 3/5   5/11 done"]
    for i in range(height - 2):
        task = f"[b]09:{i % 60:02d}[/b]  {TITLE} {i}"
        why = f"[dim]why: To help others · grows Excel ({i})[/dim]"
        lines.append(f"{task:<80}{why}")
    keys = "  ".join(f"[reverse] {k} [/reverse] {what}" for k, what in _KEYS)
    lines.append(f"{keys}  SCREENFUL-END")
    return "\n".join(lines)


_KEYS = [("a", "Add"), ("space", "Done"), ("]", "Next"), ("[", "Previous"), ("r", "Reflect")]


class ScreenfulApp(App[None]):
    """One widget holding a terminal's worth of text."""

    def compose(self) -> ComposeResult:
        yield Static(screenful())


if __name__ == "__main__":
    ScreenfulApp().run()
