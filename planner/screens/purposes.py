"""Purposes, skills and profile (key ``p``): the user's why, what they grow, and where they go.

Three tabs. **Purposes**: create one (slug and statement), edit its statement, rename its slug
(every task that serves it follows), archive or bring it back. **Skills**: the same with a name.
**Profile**: the next step on the path, the stress threshold (a day rated at or above it is
stressful) and the skills the next step needs.

Nothing is ever deleted: archived purposes and skills stay linked to the tasks of the past and are
listed apart. Every value is checked before anything is written; a bad one is explained on one
line under its form and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Input,
    Label,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.selection_list import Selection

from planner.model import (
    Purpose,
    Skill,
    ValidationError,
    check_slug,
    clean_line,
    parse_threshold,
    slugify,
)
from planner.storage import StoreError
from planner.store import Store
from planner.themes import stylesheet
from planner.widgets.check_list import CheckList
from planner.widgets.key_footer import KeyFooter
from planner.widgets.plain_input import PlainInput
from planner.widgets.tag_editor import TagEditor, TagItem

__all__ = [
    "MAX_NAME",
    "MAX_STATEMENT",
    "PurposesScreen",
    "checked_line",
    "slug_for_statement",
]

#: Longest purpose statement / next step (a sentence or two, not an essay).
MAX_STATEMENT = 500
#: Longest skill name.
MAX_NAME = 200


def checked_line(value: str, what: str, limit: int, example: str = "") -> str:
    """One line of user text, cleaned; raises :class:`ValidationError` when empty or too long.

    ``example`` (when given) is offered in the message for an empty value.
    """
    line = " ".join(clean_line(value).split())
    if not line:
        hint = f", e.g. “{example}”" if example else ""
        raise ValidationError(f"empty {what}: please write one{hint}")
    if len(line) > limit:
        raise ValidationError(f"{what} too long: at most {limit:,} characters, not {len(line):,}")
    return line


#: Words kept in a slug made from a statement: enough to recognise it, short enough to type.
SLUG_WORDS = 4
SLUG_LENGTH = 40


def slug_for_statement(statement: str, taken: Iterable[str] = ()) -> str:
    """A short slug for a statement, not in ``taken``: its first words, without a leading "to"."""
    words = slugify(statement).split("-")
    if len(words) > 1 and words[0] == "to":
        words = words[1:]
    base = "-".join(words[:SLUG_WORDS])[:SLUG_LENGTH].strip("-_") or "purpose"
    used = set(taken)
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def checked_threshold(value: str) -> int:
    """The stress threshold typed by the user, 1–5 (checked by :func:`parse_threshold`)."""
    try:
        return parse_threshold(value)
    except ValidationError:
        shown = clean_line(value).strip()[:20] or "nothing"
        raise ValidationError(
            f"stress threshold: a whole number from 1 to 5, not {shown!r}"
        ) from None


class PurposesScreen(Screen[None]):
    """Manage purposes, skills and the profile; Esc goes back."""

    DEFAULT_CLASSES = "planner-purposes"
    CSS_PATH = stylesheet("purposes.tcss")
    AUTO_FOCUS = "#purpose-list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="Close and go back", id="purposes.close"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the form of this tab", id="purposes.save"),
        Binding("ctrl+n", "new", "New", tooltip="Start a new purpose or skill", id="purposes.new"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Static("Purposes, skills and profile", id="purposes-title")
        with TabbedContent(id="purposes-tabs"):
            with TabPane("Purposes", id="tab-purposes"):
                yield TagEditor(
                    "purpose",
                    sigil="#",
                    text_label="Statement",
                    text_placeholder="To help others",
                    slug_placeholder="help-others (from the statement if empty)",
                    id="purposes-editor",
                )
            with TabPane("Skills", id="tab-skills"):
                yield TagEditor(
                    "skill",
                    sigil="+",
                    text_label="Name",
                    text_placeholder="Excel",
                    slug_placeholder="excel (from the name if empty)",
                    id="skills-editor",
                )
            with TabPane("Profile", id="tab-profile"), Vertical(id="profile-form"):
                yield Label("Next step on your path (this job is a stepping stone to it)")
                yield PlainInput(placeholder="e.g. Team lead", id="next-step")
                yield Label("Stressful from rating (1–5)")
                yield PlainInput(placeholder="4", id="threshold")
                yield Label("Skills the next step needs")
                yield CheckList[str](id="next-step-skills")
                yield Static(id="next-step-chosen")
                yield Static(id="profile-message", classes="form-message")
                with Horizontal(classes="form-buttons"):
                    yield Button("Save", id="profile-save", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._reload_purposes()
        self._reload_skills()
        self._load_profile()

    # ------------------------------------------------------------------ loading
    @property
    def purposes_editor(self) -> TagEditor:
        """The purposes tab's editor."""
        return self.query_one("#purposes-editor", TagEditor)

    @property
    def skills_editor(self) -> TagEditor:
        """The skills tab's editor."""
        return self.query_one("#skills-editor", TagEditor)

    def _reload_purposes(self, select: str | None = None) -> None:
        items = [TagItem(p.slug, p.statement, p.archived, p.draft) for p in self.store.purposes()]
        self.purposes_editor.show_items(items, select)

    def _reload_skills(self, select: str | None = None) -> None:
        items = [TagItem(s.slug, s.name, s.archived) for s in self.store.skills()]
        self.skills_editor.show_items(items, select)
        self._load_skill_choices()

    def _load_skill_choices(self) -> None:
        """The skills offered for the next step: active ones, and archived ones still chosen."""
        chosen = set(self.store.profile().next_step_skills)
        choices = self.query_one("#next-step-skills", SelectionList)
        choices.clear_options()
        for skill in self.store.skills():
            if skill.archived and skill.slug not in chosen:
                continue
            name = clean_line(skill.name)  # user text: no control character reaches the terminal
            prompt = Content.assemble(name, ("  +" + clean_line(skill.slug), "$text-muted"))
            choices.add_option(Selection(prompt, skill.slug, skill.slug in chosen))
        self._show_chosen()

    @on(SelectionList.SelectedChanged, "#next-step-skills")
    def _show_chosen(self) -> None:
        """Say in words which skills are chosen: the list's ticks differ by colour only."""
        choices: SelectionList[str] = self.query_one("#next-step-skills", SelectionList)
        chosen = [f"+{slug}" for slug in choices.selected]
        text = f"Chosen: {', '.join(chosen)}" if chosen else "Chosen: none (space ticks a skill)"
        self.query_one("#next-step-chosen", Static).update(Content(text))

    def _load_profile(self) -> None:
        profile = self.store.profile()
        self.query_one("#next-step", Input).value = profile.next_step
        self.query_one("#threshold", Input).value = str(profile.stress_threshold)

    # ------------------------------------------------------------------ purposes and skills
    @on(TagEditor.SaveRequested, "#purposes-editor")
    def _save_purpose(self, message: TagEditor.SaveRequested) -> None:
        editor = message.editor
        renamed = ""
        try:
            statement = checked_line(message.text, "statement", MAX_STATEMENT, "To help others")
            slug = self._slug_for(message, statement)
            known = {p.slug: p for p in self.store.purposes()}
            current = self._check_target(known, message, slug)
            renamed = self._rename(message, slug)
            archived = current.archived if current else False
            self.store.save_purpose(Purpose(slug, statement, archived=archived, draft=False))
        except (ValidationError, StoreError) as error:
            if renamed:  # the slug did change: list it under its new name
                self._reload_purposes(select=slug)
            editor.show_message(str(error), error=True)
            self._tell_failed_write(error)
            return
        self._reload_purposes(select=slug)
        editor.show_message(renamed or f"Saved #{slug}.")

    @on(TagEditor.SaveRequested, "#skills-editor")
    def _save_skill(self, message: TagEditor.SaveRequested) -> None:
        editor = message.editor
        renamed = ""
        try:
            name = checked_line(message.text, "name", MAX_NAME, "Excel")
            slug = self._slug_for(message, name)
            known = {s.slug: s for s in self.store.skills()}
            current = self._check_target(known, message, slug)
            renamed = self._rename(message, slug)
            archived = current.archived if current else False
            self.store.save_skill(Skill(slug, name, archived=archived))
        except (ValidationError, StoreError) as error:
            if renamed:  # the slug did change: list it under its new name
                self._reload_skills(select=slug)
            editor.show_message(str(error), error=True)
            self._tell_failed_write(error)
            return
        self._reload_skills(select=slug)
        editor.show_message(renamed or f"Saved +{slug}.")

    @staticmethod
    def _slug_for(message: TagEditor.SaveRequested, text: str) -> str:
        """The slug typed, or (for a new one left empty) one made from the text."""
        typed = message.slug.strip()
        if typed:
            return check_slug(typed, "slug")
        if message.original is not None:
            return message.original
        if message.editor.kind == "purpose":
            return slug_for_statement(text)
        return check_slug(slugify(text)[:SLUG_LENGTH].strip("-_"), "slug")

    @staticmethod
    def _check_target(
        known: Mapping[str, Purpose | Skill], message: TagEditor.SaveRequested, slug: str
    ) -> Purpose | Skill | None:
        """The entry being edited (None for a new one); refuses to overwrite another one."""
        sigil = message.editor.sigil
        if slug in known and slug != message.original:
            raise ValidationError(
                f"{sigil}{slug} already exists: choose another slug, or pick it in the list"
            )
        if message.original is None:
            return None
        current = known.get(message.original)
        if current is None:
            raise ValidationError(f"{sigil}{message.original} no longer exists: press New")
        return current

    def _rename(self, message: TagEditor.SaveRequested, slug: str) -> str:
        """Rename the slug everywhere when it changed; returns what to tell the user."""
        if message.original is None or slug == message.original:
            return ""
        kind, sigil = message.editor.kind, message.editor.sigil
        count = self.store.rename_tag(kind, message.original, slug)
        tasks = f"{count} task{'s' if count != 1 else ''}"
        return f"Renamed {sigil}{message.original} to {sigil}{slug} ({tasks} updated)."

    @on(TagEditor.ArchiveRequested, "#purposes-editor")
    def _archive_purpose(self, message: TagEditor.ArchiveRequested) -> None:
        found = next((p for p in self.store.purposes() if p.slug == message.slug), None)
        if found is None:
            message.editor.show_message(f"#{message.slug} no longer exists", error=True)
            return
        try:
            self.store.save_purpose(replace(found, archived=message.archive))
        except StoreError as error:
            message.editor.show_message(str(error), error=True)
            self._tell_failed_write(error)
            return
        self._reload_purposes(select=message.slug)
        message.editor.show_message(self._archived_note("#", message.slug, message.archive))

    @on(TagEditor.ArchiveRequested, "#skills-editor")
    def _archive_skill(self, message: TagEditor.ArchiveRequested) -> None:
        found = next((s for s in self.store.skills() if s.slug == message.slug), None)
        if found is None:
            message.editor.show_message(f"+{message.slug} no longer exists", error=True)
            return
        try:
            self.store.save_skill(replace(found, archived=message.archive))
        except StoreError as error:
            message.editor.show_message(str(error), error=True)
            self._tell_failed_write(error)
            return
        self._reload_skills(select=message.slug)
        message.editor.show_message(self._archived_note("+", message.slug, message.archive))

    @staticmethod
    def _archived_note(sigil: str, slug: str, archived: bool) -> str:
        if archived:
            return f"Archived {sigil}{slug}: past tasks keep their link."
        return f"{sigil}{slug} is active again."

    # ------------------------------------------------------------------ profile
    def _save_profile(self) -> None:
        message = self.query_one("#profile-message", Static)
        try:
            raw_step = self.query_one("#next-step", Input).value
            next_step = (
                checked_line(raw_step, "next step", MAX_STATEMENT) if raw_step.strip() else ""
            )
            threshold = checked_threshold(self.query_one("#threshold", Input).value)
            chosen = tuple(self.query_one("#next-step-skills", SelectionList).selected)
            profile = self.store.profile()
            self.store.save_profile(
                replace(
                    profile,
                    next_step=next_step,
                    stress_threshold=threshold,
                    next_step_skills=tuple(str(slug) for slug in chosen),
                )
            )
        except (ValidationError, StoreError) as error:
            message.update(Content(str(error)))
            message.set_classes("form-message -error")
            self._tell_failed_write(error)
            return
        message.update(Content("Saved your profile."))
        message.set_classes("form-message -ok")

    @on(Button.Pressed, "#profile-save")
    def _profile_save_pressed(self) -> None:
        self._save_profile()

    @on(Input.Submitted, "#next-step, #threshold")
    def _profile_submitted(self) -> None:
        self._save_profile()

    def _tell_failed_write(self, error: Exception) -> None:
        """A write that failed (disk full, read-only file) is also a toast, as everywhere in
        the app; a value that is not accepted is told under its form only."""
        if isinstance(error, StoreError):
            self.notify(str(error), title="Not saved", severity="error", markup=False)

    # ------------------------------------------------------------------ actions
    def _active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def action_save(self) -> None:
        """Save the form of the tab on screen."""
        tab = self._active_tab()
        if tab == "tab-purposes":
            self.purposes_editor.request_save()
        elif tab == "tab-skills":
            self.skills_editor.request_save()
        else:
            self._save_profile()

    def action_new(self) -> None:
        """Start a new purpose or skill (on the profile tab there is nothing to create)."""
        tab = self._active_tab()
        if tab == "tab-purposes":
            self.purposes_editor.start_new()
        elif tab == "tab-skills":
            self.skills_editor.start_new()

    def action_close(self) -> None:
        """Go back to where the screen was opened from."""
        self.dismiss(None)
