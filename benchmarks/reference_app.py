"""A bare Textual app with the widgets of planner's three screens and none of planner: the
floor of memory for an editing session (see :mod:`memory_floor`).

Each screen has the kinds and numbers of widgets planner's has with the benchmark's history: the
day (a header, an option list of ten tasks, a panel of lines, a summary, a footer of ten keys, an
input opened by ``a``), the reflection (``r``: a rating line, five questions with five text
areas, a column of twenty-odd lines, a selection list, two buttons, a footer) and the insights
(``i``: eight sections of a heading and a block of bars or a line, a footer). The keys are
planner's: ``a``, Enter, space, ``]``, ``[``, ``r``, ``i``, Escape. No file is read or written.
The reflection's and the insights' widgets are imported when first opened, as planner's are, so
that its first paint is that of the day's widgets alone.

Closed screens are let go as planner lets them go (``planner.widgets.render_cache``), so that what
is compared is what the screens hold, not how long Textual keeps them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from planner.widgets.render_cache import (
    COLLECT_DELAY,
    collect_closed_screens,
    forget_closed_screens,
)

if TYPE_CHECKING:
    from textual.widgets import Input

TITLE = "Review the quarterly deck with the team and write the notes"


class DayLike(Screen[None]):
    """A day's tasks, a panel beside them, and a quick-add input."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("space", "toggle", "Done"),
        Binding("right_square_bracket", "day(1)", "Next"),
        Binding("left_square_bracket", "day(-1)", "Previous"),
        Binding("r", "open('reflection')", "Reflect"),
        Binding("i", "open('insights')", "Insights"),
        Binding("e", "nothing", "Edit"),
        Binding("d", "nothing", "Delete"),
        Binding("s", "nothing", "Rate"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day = 0

    def compose(self) -> ComposeResult:
        yield Static("REFERENCE-DAY 0", id="header")
        with Horizontal():
            yield OptionList(*[f"09:{i:02d}  {TITLE} {i}" for i in range(10)], id="tasks")
            yield Static("\n".join(f"why: To help others · grows Excel ({i})" for i in range(12)))
        yield Static("3 of 10 done · 2 skills grown")
        yield Footer()

    def _say(self, what: str) -> None:
        self.query_one("#header", Static).update(f"REFERENCE-DAY {self.day} {what}")

    def action_add(self) -> None:
        from textual.widgets import Input

        bar = Input(placeholder="quick add")
        self.mount(bar, before=self.query_one(Footer))
        bar.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#tasks", OptionList).add_option(event.value)
        self._say(f"added {event.value}")
        event.input.remove()
        self.query_one("#tasks").focus()

    def action_toggle(self) -> None:
        tasks = self.query_one("#tasks", OptionList)
        last = tasks.option_count - 1
        tasks.replace_option_prompt_at_index(last, f"✓ {tasks.get_option_at_index(last).prompt}")
        self._say("toggled")

    def action_day(self, step: int) -> None:
        self.day += step
        self._say("moved")

    def action_open(self, name: str) -> None:
        from reference_screens import InsightsLike, ReflectionLike

        self.app.push_screen(ReflectionLike() if name == "reflection" else InsightsLike())

    def action_nothing(self) -> None:
        """A key of planner's footer that the session does not press."""

    def on_screen_resume(self) -> None:
        forget_closed_screens()
        self.set_timer(COLLECT_DELAY, collect_closed_screens)


class ReferenceApp(App[None]):
    """The day screen at the bottom of the stack, as in planner."""

    CSS = """
    #tasks { width: 2fr; height: 1fr; }
    Horizontal { height: 1fr; }
    Horizontal > Static, Horizontal > Vertical, Horizontal > VerticalScroll { width: 1fr; }
    TextArea { height: 4; }
    """

    def get_default_screen(self) -> Screen[Any]:
        return DayLike()


if __name__ == "__main__":
    ReferenceApp().run()
