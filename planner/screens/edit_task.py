"""Edit a task: a dialog with every field, each checked with a clear message beside it.

Dismisses with the edited task (validated, not yet saved: the day screen saves it and records
it for undo) or None. ctrl+s or the Save button saves; Esc cancels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, time
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from planner import dates
from planner.model import Task, ValidationError, check_text, check_title, clean_line, normalise_tags
from planner.themes import stylesheet
from planner.widgets.plain_input import PlainInput
from planner.widgets.plain_text_area import PlainTextArea

__all__ = ["EditTaskScreen"]

T = TypeVar("T")


class EditTaskScreen(ModalScreen[Task | None]):
    """Every field of one task."""

    CSS_PATH = stylesheet("edit.tcss")
    # The title has the focus from the start (not from a focus call after mounting): keys typed
    # with the ``e`` go into it (planner.widgets.typeahead), not to the form's scroll container.
    AUTO_FOCUS = "#edit-title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Check and save the task",
            id="edit.save",
            priority=True,
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="edit.cancel"),
    ]

    def __init__(
        self,
        task: Task,
        today: date,
        purposes: Mapping[str, str],
        skills: Mapping[str, str],
    ) -> None:
        super().__init__()
        self.original = task
        self.today = today
        self.purposes = dict(purposes)
        self.skills = dict(skills)
        self._rule_text = _describe(task.recurrence) if task.recurrence else ""

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        """The form, one row per field, then the buttons."""
        task = self.original
        with Vertical(id="edit-box", classes="dialog"):
            yield Static(Content.styled("Edit task", "bold"), classes="dialog-title")
            with VerticalScroll(id="edit-form"):
                yield from self._field("title", "Title", _input(task.title))
                yield from self._field(
                    "day", "Day", _input(task.day.isoformat()), "2026-12-03, tomorrow, fri, dec 3 …"
                )
                yield from self._field(
                    "time",
                    "Time",
                    _input(dates.format_time(task.time) if task.time else ""),
                    "9am, 3:30pm, 15:30; empty for none",
                )
                yield from self._field("done", "Done", _Tick("done", task.done, compact=True))
                yield from self._field(
                    "purposes",
                    "Purposes",
                    _input(" ".join(f"#{p}" for p in task.purposes)),
                    _known("#", self.purposes),
                )
                yield from self._field(
                    "skills",
                    "Skills",
                    _input(" ".join(f"+{s}" for s in task.skills)),
                    _known("+", self.skills),
                )
                yield from self._field(
                    "people",
                    "People",
                    _input(" ".join(f"@{p}" for p in task.people)),
                    "e.g. @ann @bo",
                )
                yield from self._field(
                    "stretch", "Stretch", _Tick("above and beyond", task.stretch, compact=True)
                )
                if task.series is not None:
                    # An occurrence: this day only, unless the user asks for the whole series.
                    yield from self._field(
                        "scope",
                        "Apply to",
                        _Tick("every day of the series", False, compact=True),
                        "unticked: this day only; ticked: the whole series, and Repeats opens"
                        " (empty stops it from this day on)",
                    )
                repeats = _input(self._rule_text)
                repeats.disabled = task.series is not None
                hint = "every day / weekday / mon / 2 weeks; empty for none"
                yield from self._field("repeats", "Repeats", repeats, hint)
                # Plain fields: a paste (or a record written elsewhere) cannot put control
                # characters on the screen.
                notes = PlainTextArea(task.notes)
                notes.compact = True
                yield from self._field("notes", "Notes", notes)
                yield from self._field(
                    "links", "Links", _input(" ".join(task.links)), "web links, separated by spaces"
                )
            with Horizontal(id="edit-buttons"):
                yield Button("Save", variant="primary", id="edit-save", compact=True)
                yield Button("Cancel", id="edit-cancel", compact=True)
            yield Static(
                Content.styled("ctrl+s saves · Esc cancels · Tab moves between fields", "dim"),
                id="edit-keys",
            )

    def _field(self, name: str, label: str, widget: Widget, hint: str = "") -> ComposeResult:
        """A row with the label and the input, then an optional hint and a (hidden) error."""
        widget.id = f"edit-{name}"
        yield Horizontal(Label(label, classes="field-label"), widget, classes="field")
        if hint:
            yield Static(Content.styled(hint, "dim"), classes="field-hint")
        yield Static(id=f"edit-{name}-error", classes="field-error")

    def on_mount(self) -> None:
        """Errors show only once there are some."""
        for error in self.query(".field-error"):
            error.display = False

    # ------------------------------------------------------------------ reading the form
    def _text(self, name: str) -> str:
        return self.query_one(f"#edit-{name}", Input).value

    def collect(self) -> Task | None:
        """The edited task, or None after showing what is wrong beside each field."""
        errors: dict[str, str] = {}

        def check(name: str, reader: Callable[[], T], fallback: T) -> T:
            try:
                return reader()
            except ValidationError as error:
                errors[name] = str(error)
                return fallback

        task = self.original
        title = check("title", lambda: check_title(self._text("title")), task.title)
        day = check("day", lambda: dates.parse_day(self._text("day"), self.today), task.day)
        at = check("time", self._time, task.time)
        purposes = check("purposes", lambda: self._tags("purposes", "#", "purpose"), task.purposes)
        skills = check("skills", lambda: self._tags("skills", "+", "skill"), task.skills)
        people = check("people", lambda: self._tags("people", "@", "person"), task.people)
        rule = check("repeats", self._rule, task.recurrence)
        notes = check(
            "notes",
            lambda: check_text(self.query_one("#edit-notes", TextArea).text, "notes"),
            task.notes,
        )
        links = tuple(clean_line(word) for word in self._text("links").split())
        for name in ("title", "day", "time", "purposes", "skills", "people", "repeats", "notes"):
            self._show_error(name, errors.get(name, ""))
        if errors:
            self.app.bell()
            return None
        if rule and not task.recurrence:
            # A new series starts on its first real occurrence, as quick add does.
            day = dates.first_occurrence(rule, day) or day
        if self.whole_series:
            # The series itself (no ``series`` link, the series' id): the day screen saves it
            # onto the series; an empty rule there stops the series from this day on.
            task = task.with_changes(id=task.series, series=None)
        return task.with_changes(
            title=title,
            day=day,
            time=at,
            done=self.query_one("#edit-done", Checkbox).value,
            purposes=purposes,
            skills=skills,
            people=people,
            stretch=self.query_one("#edit-stretch", Checkbox).value,
            recurrence=rule,
            notes=notes,
            links=links,
        )

    def _time(self) -> time | None:
        text = self._text("time").strip()
        return dates.parse_time(text) if text else None

    def _tags(self, name: str, sigil: str, what: str) -> tuple[str, ...]:
        words = [w.lstrip(sigil) for w in re.split(r"[\s,]+", self._text(name)) if w.strip(sigil)]
        return normalise_tags(words, what)

    @property
    def whole_series(self) -> bool:
        """Whether the edit of an occurrence applies to its whole series."""
        if self.original.series is None:
            return False
        return self.query_one("#edit-scope", Checkbox).value

    @on(Checkbox.Changed, "#edit-scope")
    def _scope_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#edit-repeats", Input).disabled = not event.value

    def _rule(self) -> str | None:
        if self.original.series is not None and not self.whole_series:
            return self.original.recurrence  # this day only keeps its series' rule
        text = self._text("repeats").strip()
        if not text:
            return None
        if text == self._rule_text:
            return self.original.recurrence  # unchanged, even when it has no "every …" words
        words = text.split()
        if words[0].lower() == "every":
            words = words[1:]
        rule, used = dates.parse_recurrence(words)
        if used != len(words):
            extra = " ".join(words[used:])
            raise ValidationError(f'"{extra}" is not part of a repeat rule; remove it')
        return rule

    def _show_error(self, name: str, message: str) -> None:
        line = self.query_one(f"#edit-{name}-error", Static)
        line.update(Content.assemble(("✗ ", "bold $error"), (message, "$error")) if message else "")
        line.display = bool(message)

    # ------------------------------------------------------------------ actions
    def action_save(self) -> None:
        """Check the form and close with the task when it is valid."""
        result = self.collect()
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    @on(Button.Pressed, "#edit-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#edit-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class _Tick(Checkbox):
    """A checkbox that shows its state with a mark, not by colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual reads this name
        """A tick when checked, a blank when not."""
        return "✓" if self.value else " "


def _input(value: str) -> Input:
    """A one-line, borderless input (the form has many) that holds text only."""
    return PlainInput(value, compact=True)


def _describe(rule: str) -> str:
    try:
        return dates.describe_rule(rule)
    except ValueError:
        return rule


def _known(sigil: str, names: Mapping[str, str]) -> str:
    """A hint listing the tags that exist, so the user can pick one."""
    if not names:
        return "separated by spaces"
    shown = " ".join(f"{sigil}{slug}" for slug in list(names)[:8])
    return f"known: {shown}" + (" …" if len(names) > 8 else "")
