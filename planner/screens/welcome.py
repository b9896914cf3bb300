"""The welcome (first run): "What is your why?" and the next step on the path.

Two questions, each skippable (the Skip button), and Esc skips the rest. What was answered is
saved when the welcome ends, together with ``Profile.welcomed`` so that it is shown once, even
when every question was skipped. A purpose statement gets its slug from its first words
(``To help others`` → ``help-others``), the one typed after ``#`` in quick add.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Input, Static

from planner.model import Purpose, ValidationError
from planner.screens.purposes import MAX_STATEMENT, checked_line, slug_for_statement
from planner.storage import StoreError
from planner.store import Store
from planner.themes import stylesheet
from planner.widgets.key_footer import KeyFooter
from planner.widgets.plain_input import PlainInput

__all__ = ["WelcomeScreen"]

INTRO = (
    "planner ties each task to why you do it and to the skills it grows, "
    "so the hard days have a reason. Two questions, both can be skipped."
)


class WelcomeScreen(Screen[None]):
    """First run: the user's why and next step; every question can be skipped."""

    DEFAULT_CLASSES = "planner-welcome"
    CSS_PATH = stylesheet("welcome.tcss")
    AUTO_FOCUS = "#why-1"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "skip_rest",
            "Skip the rest",
            tooltip="Keep what you answered and start planning",
            id="welcome.skip_rest",
        ),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.step = "why"
        """``why`` (the purpose statements) or ``next`` (the next step)."""
        self.statements: list[tuple[str, str]] = []
        """The (slug, statement) pairs answered so far."""
        self.next_step = ""
        self._failed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box"):
            yield Static("Welcome to planner", id="welcome-title")
            yield Static(Content(INTRO), id="welcome-intro")
            with ContentSwitcher(initial="step-why", id="welcome-steps"):
                with Vertical(id="step-why", classes="welcome-step"):
                    yield Static("What is your why?", classes="question")
                    yield Static(
                        Content(
                            "One or two sentences about why you work, e.g. “To help others” "
                            "or “To provide for my family”."
                        ),
                        classes="hint",
                    )
                    yield PlainInput(placeholder="To help others", id="why-1")
                    yield PlainInput(placeholder="A second one, optional (Tab)", id="why-2")
                with Vertical(id="step-next", classes="welcome-step"):
                    yield Static("What is the next step on your path?", classes="question")
                    yield Static(
                        Content(
                            "The position you are working toward: this job is a stepping "
                            "stone to it. E.g. “Team lead”."
                        ),
                        classes="hint",
                    )
                    yield PlainInput(placeholder="Team lead", id="next-step")
                    yield Static(id="welcome-saved-as", classes="hint")
            yield Static(id="welcome-message")
            with Horizontal(id="welcome-buttons"):
                yield Button("Continue", id="welcome-continue", variant="primary")
                yield Button("Skip", id="welcome-skip")
            yield Static(id="welcome-progress")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_progress()

    # ------------------------------------------------------------------ steps
    def _show_progress(self) -> None:
        number = 1 if self.step == "why" else 2
        text = f"Question {number} of 2 · Enter continues · Skip skips it · Esc skips the rest"
        self.query_one("#welcome-progress", Static).update(Content(text))

    def _show_error(self, text: str) -> None:
        message = self.query_one("#welcome-message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "-shown")

    def _go_to_next_step(self) -> None:
        self.step = "next"
        self.query_one(ContentSwitcher).current = "step-next"
        self.query_one("#welcome-continue", Button).label = "Finish"
        if self.statements:
            tags = ", ".join(f"#{slug}" for slug, _ in self.statements)
            note = f"Tie a task to your why with {tags} in quick add."
            self.query_one("#welcome-saved-as", Static).update(Content(note))
        self._show_error("")
        self._show_progress()
        self.query_one("#next-step", Input).focus()

    def action_continue(self) -> None:
        """Accept the answer to the current question and move on."""
        try:
            if self.step == "why":
                answers = [self.query_one(f"#why-{n}", Input).value for n in (1, 2)]
                statements = [
                    checked_line(a, "statement", MAX_STATEMENT) for a in answers if a.strip()
                ]
                taken = {p.slug for p in self.store.purposes()}
                self.statements = []
                for statement in dict.fromkeys(statements):
                    slug = slug_for_statement(statement, taken)
                    taken.add(slug)
                    self.statements.append((slug, statement))
            else:
                raw = self.query_one("#next-step", Input).value
                self.next_step = (
                    checked_line(raw, "next step", MAX_STATEMENT) if raw.strip() else ""
                )
        except (ValidationError, StoreError) as error:
            self._show_error(str(error))
            return
        if self.step == "why":
            self._go_to_next_step()
        else:
            self._finish()

    def action_skip(self) -> None:
        """Skip the current question: nothing from it is kept."""
        if self.step == "why":
            self.statements = []
            self._go_to_next_step()
        else:
            self.next_step = ""
            self._finish()

    def action_skip_rest(self) -> None:
        """Esc: keep what was answered, skip what is left, and start planning."""
        if self._failed:
            # Saving already failed once and the user wants out: let them go.
            self.dismiss(None)
            return
        self._finish()

    def _finish(self) -> None:
        """Save the answers and mark the welcome as done (also when all was skipped)."""
        try:
            known = {p.slug for p in self.store.purposes()}
            for slug, statement in self.statements:
                if slug not in known:
                    self.store.save_purpose(Purpose(slug, statement))
            profile = self.store.profile()
            self.store.save_profile(
                replace(profile, next_step=self.next_step or profile.next_step, welcomed=True)
            )
        except StoreError as error:
            self._failed = True
            self._show_error(f"{error} (Esc leaves without saving)")
            return
        self.dismiss(None)

    # ------------------------------------------------------------------ events
    @on(Button.Pressed, "#welcome-continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    @on(Button.Pressed, "#welcome-skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter continues (Tab reaches the second statement).

        Keys typed ahead can reach a field of the question just left, before the focus moves
        on; an Enter there must not answer the next question, so it is ignored.
        """
        current = "#step-why" if self.step == "why" else "#step-next"
        if event.input in self.query(f"{current} Input"):
            self.action_continue()
