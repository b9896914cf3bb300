"""The end-of-day reflection (key ``r``): a stress rating, the five prompts, the day as context.

The rating row has focus first and takes the digits 1–5; Tab moves into the prompts, so typing
numbers in an answer never changes the rating. ctrl+s saves (the screen can stay open and save
again); Esc closes, asking first when there are unsaved changes. A saved reflection reopens with
its answers. Unfinished tasks can be carried to the next day from here; that is written at once.

Reflections are private: their text is never put into a notification, an error, the title or a
log. Saving a stressful rating asks the app for the purpose reminder (it shows it at most once a
day by itself).

The screen dismisses with True when it wrote anything (the reflection, or carried tasks), so the
screen below knows to reload.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static, TextArea

from planner.dates import format_day
from planner.model import (
    REFLECTION_PROMPTS,
    ValidationError,
    clean_text,
    is_stressful,
    validated_reflection,
)
from planner.storage import StoreError
from planner.store import Store
from planner.themes import stylesheet
from planner.widgets.key_footer import KeyFooter
from planner.widgets.plain_text_area import PlainTextArea
from planner.widgets.reflection_context import ReflectionContext
from planner.widgets.stress_rating import StressRating

__all__ = ["ConfirmLeaveScreen", "ReflectionScreen"]


#: The answers in prompt order plus the rating: what "unsaved changes" compares.
Snapshot = tuple[int | None, tuple[str, ...]]


class ConfirmLeaveScreen(ModalScreen[str]):
    """Asks what to do with unsaved changes; dismisses with "save", "discard" or "cancel"."""

    CSS_PATH = stylesheet("reflection.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save", tooltip="Save, then close", id="confirm.save"),
        Binding(
            "d",
            "choose('discard')",
            "Discard",
            tooltip="Close without saving",
            id="confirm.discard",
        ),
        Binding(
            "escape,c", "choose('cancel')", "Cancel", tooltip="Keep editing", id="confirm.cancel"
        ),
    ]

    def compose(self) -> ComposeResult:
        """A short question and three buttons."""
        with Vertical(id="confirm-box"):
            yield Static(Content("Save your reflection before closing?"), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content("Save (s)"), id="save", variant="primary")
                yield Button(Content("Discard (d)"), id="discard", variant="error")
                yield Button(Content("Cancel (Esc)"), id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        """Close the question with ``choice``."""
        self.dismiss(choice)


class PromptColumn(VerticalScroll, can_focus=False):
    """The prompts' column; not a tab stop itself (its text areas are)."""


class ReflectionScreen(Screen[bool]):
    """The reflection of one day: rating, prompts, and the day's tasks beside them."""

    CSS_PATH = stylesheet("reflection.tcss")
    AUTO_FOCUS = "#rating"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save the reflection (and the rating)",
            priority=True,
            id="reflection.save",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Close the reflection; asks first if there are unsaved changes",
            id="reflection.close",
        ),
    ]

    def __init__(self, store: Store, day: date, today: date) -> None:
        super().__init__()
        self.store = store
        self.day = day
        self.today = today
        self.tomorrow = day + timedelta(days=1)
        record = store.day_record(day)
        self.threshold = store.profile().stress_threshold
        reflection = record.reflection
        # As the text areas will hold them (cleaned of control characters), so that a record
        # written elsewhere does not open with "unsaved changes".
        answers = tuple(
            clean_text(getattr(reflection, name)) if reflection is not None else ""
            for name, _ in REFLECTION_PROMPTS
        )
        self._stored_stress = record.stress
        self._saved: Snapshot = (record.stress, answers)
        self._has_saved_reflection = reflection is not None
        # Everything is read here, so a record that cannot be read fails while the screen is
        # being made (the caller says why), never half-way through drawing it.
        self._tasks = tuple(store.tasks_for_day(day))
        self._purposes = {p.slug: p.statement for p in store.purposes()}
        self._skills = {s.slug: s.name for s in store.skills()}
        self.wrote = False
        """True once anything was written from this screen (the dismiss result)."""

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        """Header, rating, the prompts beside the day's tasks, and the footer."""
        with Horizontal(id="reflection-header"):
            yield Static(
                Content(f"Reflection · {format_day(self.day, self.today)}"),
                id="reflection-title",
            )
            yield Static(id="reflection-status")
        yield StressRating(self._saved[0], threshold=self.threshold, id="rating")
        with Horizontal(id="reflection-body"):
            with PromptColumn(id="prompts"):
                for (name, question), answer in zip(
                    REFLECTION_PROMPTS, self._saved[1], strict=True
                ):
                    yield Static(Content(question), classes="prompt-question")
                    yield PlainTextArea(answer, id=f"answer-{name}")
            yield ReflectionContext(
                self._tasks,
                purposes=self._purposes,
                skills=self._skills,
                tomorrow_label=format_day(self.tomorrow, self.today),
                id="context",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show whether there is something saved yet."""
        self._show_status()

    # ------------------------------------------------------------------ state
    def current(self) -> Snapshot:
        """The rating and answers as they are on screen now."""
        rating = self.query_one("#rating", StressRating).value
        answers = tuple(
            self.query_one(f"#answer-{name}", TextArea).text for name, _ in REFLECTION_PROMPTS
        )
        return rating, answers

    @property
    def dirty(self) -> bool:
        """True when the screen holds changes that are not saved."""
        return self.current() != self._saved

    def _show_status(self) -> None:
        status = self.query_one("#reflection-status", Static)
        if self.dirty:
            status.update(Content.assemble(("● ", "$warning"), "unsaved changes"))
        elif self._has_saved_reflection:
            status.update(Content.assemble(("✓ ", "$success"), "saved"))
        else:
            status.update(Content.styled("not saved yet", "$text-muted"))

    @on(TextArea.Changed)
    @on(StressRating.Changed)
    def _changed(self) -> None:
        self._show_status()

    # ------------------------------------------------------------------ saving
    def save(self, *, remind: bool = True) -> bool:
        """Write the reflection and the rating; returns False (and says why) when it could not.

        With ``remind`` a stressful rating asks the app for the reminder at once; the caller
        that is about to close the screen asks after closing instead.
        """
        rating, answers = self.current()
        try:
            reflection = validated_reflection(
                **{name: text for (name, _), text in zip(REFLECTION_PROMPTS, answers, strict=True)}
            )
            self.store.save_reflection(self.day, reflection, stress=rating)
            if rating is None and self._stored_stress is not None:
                # The user cleared the rating on screen; save_reflection keeps a missing one.
                self.store.set_stress(self.day, None)
        except (StoreError, ValidationError) as error:
            # Both messages name a file or a limit, never the text of the reflection.
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return False
        self._stored_stress = rating
        self._saved = (rating, answers)
        self._has_saved_reflection = True
        self.wrote = True
        self._show_status()
        self.notify("Reflection saved", markup=False)
        if remind and self.saved_stressful:
            self._ask_for_reminder()
        return True

    @property
    def saved_stressful(self) -> bool:
        """Whether the rating as last saved makes the day stressful."""
        return is_stressful(self._saved[0], self.threshold)

    def _ask_for_reminder(self, app: App[object] | None = None) -> None:
        """A stressful day deserves the reminder; the app shows it at most once a day."""
        hook = getattr(app or self.app, "maybe_auto_remind", None)
        if callable(hook):
            hook(self.day)

    def action_save(self) -> None:
        """ctrl+s: save and stay."""
        self.save()

    def action_close(self) -> None:
        """Esc: close, asking first when there are unsaved changes."""
        if not self.dirty:
            self.dismiss(self.wrote)
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                if self.save(remind=False):
                    app = self.app
                    self.dismiss(self.wrote)
                    if self.saved_stressful:
                        self._ask_for_reminder(app)
            elif choice == "discard":
                self.dismiss(self.wrote)

        self.app.push_screen(ConfirmLeaveScreen(), decided)

    # ------------------------------------------------------------------ carrying
    @on(ReflectionContext.CarryRequested)
    async def _carry(self, message: ReflectionContext.CarryRequested) -> None:
        moved = 0
        try:
            for task_id in message.task_ids:
                self.store.move_task(task_id, self.tomorrow)
                moved += 1
        except StoreError as error:
            self.notify(str(error), title="Not carried", severity="error", markup=False)
        if moved:
            self.wrote = True
            noun = "task" if moved == 1 else "tasks"
            self.notify(
                f"Carried {moved} {noun} to {format_day(self.tomorrow, self.today)}", markup=False
            )
        context = self.query_one("#context", ReflectionContext)
        context.set_reactive(ReflectionContext.tasks, tuple(self.store.tasks_for_day(self.day)))
        await context.recompose()
        # The list and buttons were rebuilt; keep the keyboard somewhere useful.
        remaining = self.query("#carry-list")
        target = remaining.first() if remaining else self.query_one("#rating", StressRating)
        target.focus()
