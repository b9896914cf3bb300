"""The day's tasks, one row each: time first where set, done ones visibly done.

The list only shows and reports: the screen hands it the tasks and the selected id (through
``data_bind``) and hears back :class:`TaskList.TaskSelected` when the user highlights a row
with the mouse. Titles are user text, so rows are built as :class:`Content`, never markup:
a title like ``[@click=app.quit]x[/]`` is shown as typed and does nothing when clicked.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from planner.model import Task, clean_line

__all__ = ["EMPTY_HINT", "TaskList", "task_row"]

DONE_MARK = "✓"
OPEN_MARK = "☐"
RECURRING_MARK = "↻"
STRETCH_MARK = "!"
NO_TIME = "     "
EMPTY_HINT = "Nothing planned for this day. Press a to add a task."


def task_row(task: Task, width: int | None = None) -> Content:
    """One row: ``09:00 ☐ Title ↻ !`` (done rows get a tick and a struck, dimmed title).

    Given the ``width`` available, a long title wraps under itself rather than under the time.
    """
    time_text = f"{task.time:%H:%M}" if task.time else NO_TIME
    mark = (DONE_MARK, "$success") if task.done else (OPEN_MARK, "")
    head = Content.assemble((time_text, "dim" if task.done else "bold"), " ", mark, " ")
    # The title may come from a record written elsewhere: control characters never reach
    # the terminal.
    title = clean_line(task.title)
    parts: list[str | tuple[str, str]] = [(title, "strike dim" if task.done else "")]
    if task.is_recurring:
        parts += [" ", (RECURRING_MARK, "$secondary")]
    if task.stretch:
        parts += [" ", (STRETCH_MARK, "bold $accent")]
    body = Content.assemble(*parts)
    indent = head.cell_length
    if width is not None and width - indent >= 10 and body.cell_length > width - indent:
        body = Content("\n" + " " * indent).join(body.wrap(width - indent))
    return head + body


#: What a row shows of its task: a row is drawn again only when one of these changes.
RowKey = tuple[object, ...]


def row_key(task: Task) -> RowKey:
    """The fields of ``task`` that :func:`task_row` shows."""
    return (task.time, task.done, task.title, task.is_recurring, task.stretch)


class TaskOption(Option):
    """A task's row, knowing what it shows (see :func:`row_key`)."""

    def __init__(self, task: Task, width: int | None) -> None:
        super().__init__(task_row(task, width), id=task.id)
        # The width the title was wrapped for is part of what the row shows.
        self.row_key = (*row_key(task), width)


class TaskList(OptionList, inherit_bindings=False):
    """The tasks of the shown day; selection is owned by the screen."""

    # Selection keys (up/down, j/k) and Enter are the day screen's, so that they can be
    # remapped by id; the list keeps only paging keys of its own.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    tasks: reactive[tuple[Task, ...]] = reactive(())
    """The tasks shown, in order."""
    selected_id: reactive[str | None] = reactive(None)
    """The id of the highlighted task."""
    empty_hint: reactive[str] = reactive(EMPTY_HINT)
    """What an empty day shows."""
    add_key: reactive[str] = reactive("a")
    """The key that adds a task now (the user may have remapped it), named in the hint."""

    _built_width: int | None = None
    """The text width the rows were last wrapped for."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Textual's option list draws every row again whenever its options are set, and the
        # day sets them after every change: a tick drew the whole list again. Rows drawn are
        # kept here by what they show, so a change draws only the rows it changed. Only the
        # rows of the tasks shown are kept (see _rebuild): a long session does not pile up rows.
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}

    class TaskSelected(Message):
        """The user highlighted a task (with the mouse, or by paging)."""

        def __init__(self, task_id: str) -> None:
            super().__init__()
            self.task_id = task_id

    def watch_tasks(self) -> None:
        """Rebuild the rows, keeping the selection where it was."""
        self._rebuild()

    def on_mount(self) -> None:
        """Name the box."""
        self.border_title = "Tasks"

    def on_resize(self) -> None:
        """Wrap titles again for a new width (a new height, such as the quick-add bar closing,
        changes no row: rebuilding then would draw every row again for nothing)."""
        if self._text_width() != self._built_width:
            self._rebuild()

    def _text_width(self) -> int | None:
        # The option's padding (one cell each side) is not part of the text's width.
        return self.scrollable_content_region.width - 2 if self.is_mounted else None

    def _rebuild(self) -> None:
        width = self._built_width = self._text_width()
        with self.prevent(OptionList.OptionHighlighted):
            if self.tasks:
                options = [TaskOption(t, width) for t in self.tasks]
                shown = {option.row_key for option in options}
                self._drawn = {key: rows for key, rows in self._drawn.items() if key[0] in shown}
                self.set_options(options)
            else:
                hint = self.empty_hint
                if hint == EMPTY_HINT:
                    hint = hint.replace("Press a ", f"Press {self.add_key} ")
                self.set_options([Option(Content(hint), disabled=True)])
            self._show_selection()

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """A task's row as drawn before, when it shows the same at the same place and width."""
        if not isinstance(option, TaskOption):
            return super()._get_option_render(option, style)
        key = (
            option.row_key,
            self.get_option_index(option.id or ""),
            style,
            self.scrollable_content_region.width,
            self.app.theme,
        )
        strips = self._drawn.get(key)
        if strips is None:
            strips = self._drawn[key] = super()._get_option_render(option, style)
        return strips

    def notify_style_update(self) -> None:
        """New styles (a theme, focus) may draw rows differently: draw them all again."""
        self._drawn.clear()
        super().notify_style_update()

    def watch_add_key(self) -> None:
        """The hint names the new key."""
        if not self.tasks and self.is_mounted:
            self._rebuild()

    def watch_selected_id(self) -> None:
        """Highlight the task the screen selected."""
        with self.prevent(OptionList.OptionHighlighted):
            self._show_selection()

    def _show_selection(self) -> None:
        ids = [t.id for t in self.tasks]
        if self.selected_id in ids:
            self.highlighted = ids.index(self.selected_id)
        else:
            self.highlighted = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which task is now highlighted."""
        event.stop()
        task_id = event.option.id
        if task_id is not None and task_id != self.selected_id:
            self.post_message(self.TaskSelected(task_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a row: report it as a selection (editing has its own keys)."""
        event.stop()
        task_id = event.option.id
        if task_id is not None and task_id != self.selected_id:
            self.post_message(self.TaskSelected(task_id))
