"""A list of purposes (or skills) beside a small form to create, rename and archive them.

The widget shows what it is given and says what the user asked for; it never touches the store.
The screen that holds it validates, saves, and hands the new list back with :meth:`show_items`.
Archived entries are listed apart, after the active ones, marked with a word and dimmed: they are
never deleted, so the tasks that refer to them keep their links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from planner.model import clean_line
from planner.widgets.plain_input import PlainInput

__all__ = ["TagEditor", "TagItem"]

DRAFT_NOTE = "draft — write your statement"


@dataclass(frozen=True, slots=True)
class TagItem:
    """One purpose or skill as the editor shows it."""

    slug: str
    text: str
    """The statement of a purpose, the name of a skill."""
    archived: bool = False
    draft: bool = False


def item_content(item: TagItem, sigil: str) -> Content:
    """Two lines for the list: the text, then the slug and any marks."""
    style = "$text-muted" if item.archived else "bold"
    # The text may come from a record written elsewhere: control characters are stripped here.
    text = clean_line(item.text)
    parts: list[str | tuple[str, str]] = [(text or "(no text)", style), "\n  "]
    parts.append((f"{sigil}{clean_line(item.slug)}", "$text-muted"))
    if item.draft:
        parts += ["\n  ", (f"✎ {DRAFT_NOTE}", "$text-warning")]
    if item.archived:
        parts += ["  ", ("▪ archived", "$text-muted")]
    return Content.assemble(*parts)


class TagEditor(Widget):
    """Purposes or skills: the list on one side, the form for the chosen one on the other."""

    @dataclass
    class SaveRequested(Message):
        """The user pressed Save: create (``original`` None) or update ``original``."""

        editor: TagEditor
        original: str | None
        slug: str
        text: str

        @property
        def control(self) -> TagEditor:
            """The editor that sent the message (for ``@on`` selectors)."""
            return self.editor

    @dataclass
    class ArchiveRequested(Message):
        """The user asked to archive (or bring back) ``slug``."""

        editor: TagEditor
        slug: str
        archive: bool

        @property
        def control(self) -> TagEditor:
            """The editor that sent the message (for ``@on`` selectors)."""
            return self.editor

    def __init__(
        self,
        kind: str,
        *,
        sigil: str,
        text_label: str,
        text_placeholder: str,
        slug_placeholder: str,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="tag-editor")
        self.kind = kind
        """``purpose`` or ``skill``: used in the form's titles and messages."""
        self.sigil = sigil
        self._text_label = text_label
        self._text_placeholder = text_placeholder
        self._slug_placeholder = slug_placeholder
        self._items: tuple[TagItem, ...] = ()
        self.editing: str | None = None
        """The slug in the form, or None while creating a new one."""

    def compose(self) -> ComposeResult:
        yield OptionList(id=f"{self.kind}-list", classes="tag-list")
        with Vertical(classes="tag-form"):
            yield Static(id=f"{self.kind}-form-title", classes="form-title")
            yield Label("Slug")
            yield PlainInput(placeholder=self._slug_placeholder, id=f"{self.kind}-slug")
            yield Label(self._text_label)
            yield PlainInput(placeholder=self._text_placeholder, id=f"{self.kind}-text")
            yield Static(id=f"{self.kind}-message", classes="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id=f"{self.kind}-save", variant="primary")
                yield Button("New", id=f"{self.kind}-new")
                yield Button("Archive", id=f"{self.kind}-archive", classes="archive-button")

    def on_mount(self) -> None:
        self.start_new(focus=False)

    # ------------------------------------------------------------------ showing
    @property
    def items(self) -> tuple[TagItem, ...]:
        """What is listed, active ones first."""
        return self._items

    def show_items(self, items: Sequence[TagItem], select: str | None = None) -> None:
        """List ``items`` (active first, then archived) and load ``select`` into the form."""
        active = [i for i in items if not i.archived]
        archived = [i for i in items if i.archived]
        self._items = (*active, *archived)
        options: list[Option | None] = [
            Option(item_content(i, self.sigil), id=i.slug) for i in active
        ]
        if archived:
            options.append(Option(Content.styled("Archived", "bold $text-muted"), disabled=True))
            options += [Option(item_content(i, self.sigil), id=i.slug) for i in archived]
        if not self._items:
            empty = f"No {self.kind}s yet: fill in the form and press Save."
            options.append(Option(Content.styled(empty, "$text-muted"), disabled=True))
        tag_list = self.query_one(".tag-list", OptionList)
        tag_list.set_options(options)
        if select is None and self.editing is None and active:
            select = active[0].slug
        if select is not None:
            self.load(select)
            index = next((n for n, o in enumerate(options) if o and o.id == select), None)
            if index is not None:
                tag_list.highlighted = index

    def load(self, slug: str) -> None:
        """Put the item ``slug`` into the form for editing."""
        item = next((i for i in self._items if i.slug == slug), None)
        if item is None:
            self.start_new(focus=False)
            return
        self.editing = slug
        self._input("slug").value = item.slug
        self._input("text").value = item.text
        title = Content.assemble(f"Editing {self.sigil}", (clean_line(item.slug), "bold"))
        if item.draft:
            title += Content.styled(f"\n✎ {DRAFT_NOTE}", "$text-warning")
        if item.archived:
            title += Content.styled("  ▪ archived", "$text-muted")
        self.query_one(".form-title", Static).update(title)
        archive = self.query_one(f"#{self.kind}-archive", Button)
        archive.label = "Unarchive" if item.archived else "Archive"
        archive.disabled = False
        self.show_message("")

    def start_new(self, *, focus: bool = True) -> None:
        """Empty the form for a new item."""
        self.editing = None
        self._input("slug").value = ""
        self._input("text").value = ""
        self.query_one(".form-title", Static).update(Content(f"New {self.kind}"))
        archive = self.query_one(f"#{self.kind}-archive", Button)
        archive.label = "Archive"
        archive.disabled = True
        self.show_message("")
        if focus:
            self._input("slug").focus()

    def show_message(self, text: str, *, error: bool = False) -> None:
        """One line under the form: what went wrong (``error``) or what was done."""
        message = self.query_one(".form-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")
        message.set_class(bool(text) and not error, "-ok")

    def _input(self, name: str) -> Input:
        return self.query_one(f"#{self.kind}-{name}", Input)

    # ------------------------------------------------------------------ asking
    def request_save(self) -> None:
        """Ask the screen to save what the form holds."""
        self.post_message(
            self.SaveRequested(
                self, self.editing, self._input("slug").value, self._input("text").value
            )
        )

    @on(OptionList.OptionHighlighted, ".tag-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving through the list shows each entry in the form."""
        event.stop()
        if event.option_id is not None and event.option_id != self.editing:
            self.load(event.option_id)

    @on(OptionList.OptionSelected, ".tag-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on an entry starts editing its text."""
        event.stop()
        if event.option_id is not None:
            self.load(event.option_id)
            self._input("text").focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the slug moves on to the text; Enter in the text saves."""
        event.stop()
        if event.input.id == f"{self.kind}-slug":
            self._input("text").focus()
        else:
            self.request_save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.kind}-save":
            self.request_save()
        elif event.button.id == f"{self.kind}-new":
            self.start_new()
        elif event.button.id == f"{self.kind}-archive" and self.editing is not None:
            item = next((i for i in self._items if i.slug == self.editing), None)
            if item is not None:
                self.post_message(self.ArchiveRequested(self, item.slug, not item.archived))
