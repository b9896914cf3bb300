"""The day screen: the day's tasks beside the why panel, keyboard first.

The screen owns the state (the shown day, its tasks as a tuple of frozen tasks, the selection)
in reactives and hands it to its widgets with ``data_bind``; widgets post messages back and
the screen calls the store (through :mod:`planner.screens.day_ops`), then reloads. Every
change to tasks goes on an undo stack. The record is polled cheaply (file stats) so tasks
added from the shell appear within a second or two.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from planner import keys
from planner.dates import format_day
from planner.model import DEFAULT_STRESS_THRESHOLD, DayRecord, Task, ValidationError, clean_line
from planner.screens import day_ops
from planner.screens.day_links import DayLinks
from planner.storage import StoreError
from planner.store import Store
from planner.undo import Change, UndoStack, apply_undo
from planner.widgets.day_header import DayHeader
from planner.widgets.day_summary import DaySummary
from planner.widgets.key_footer import KeyFooter
from planner.widgets.quick_add import QuickAdd
from planner.widgets.render_cache import (
    COLLECT_DELAY,
    collect_closed_screens,
    forget_closed_screens,
)
from planner.widgets.task_list import EMPTY_HINT, TaskList
from planner.widgets.why_panel import WhyPanel

__all__ = ["DayScreen"]

RATE_HINT = "Rate this day's stress: press 1 (calm) … 5 (very stressful) · Esc cancels"
TOO_SMALL = "The window is too small for planner: make it at least 60 × 15."
MIN_SIZE = (60, 15)


class DayScreen(DayLinks):
    """One day: header, tasks, why panel, summary, quick add."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.DAY_BINDINGS)
    AUTO_FOCUS = "#task-list"

    # The screen draws nothing itself: its state is held in ``var``s, which repaint nothing when
    # they change. A ``reactive`` here would repaint the whole screen on every change (a full
    # frame of every widget on each key), where the widgets bound to it redraw only themselves.
    day: var[date] = var(date(2000, 1, 1))
    """The day shown."""
    today_date: var[date] = var(date(2000, 1, 1))
    """Today, as of the last refresh."""
    tasks: var[tuple[Task, ...]] = var(())
    """The shown day's tasks, in order."""
    selected_id: var[str | None] = var(None)
    """The id of the selected task."""
    selected_task: var[Task | None] = var(None)
    """The selected task (kept in step with ``tasks`` and ``selected_id``)."""
    record: var[DayRecord | None] = var(None)
    """The shown day's rating and reflection."""
    intention: var[str] = var("")
    """The intention written on the eve of the shown day."""
    threshold: var[int] = var(DEFAULT_STRESS_THRESHOLD)
    """The rating at and above which a day is stressful."""
    purposes: var[dict[str, str]] = var(dict)
    """Purpose slug → statement."""
    skills: var[dict[str, str]] = var(dict)
    """Skill slug → name."""
    growth: var[dict[str, tuple[int, int]] | None] = var(None)
    """Skill slug → (done lately, done in all); None while counting."""

    class GrowthCounted(Message):
        """A background count of skill growth finished."""

        def __init__(self, growth: dict[str, tuple[int, int]], generation: int) -> None:
            super().__init__()
            self.growth = growth
            self.generation = generation

    def __init__(
        self,
        store: Store,
        today: Callable[[], date],
        start_day: date | None = None,
        poll_interval: float = 1.0,
    ) -> None:
        super().__init__(store, today)
        self.poll_interval = poll_interval
        self.undo = UndoStack()
        self._start_day = start_day
        self._token: tuple[object, ...] | None = None
        self._growth_generation = 0
        self._growth_stale = True
        self._binding_state = (False, False)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        """Header, tasks beside the why panel, summary, hint, quick add, footer."""
        yield DayHeader(id="day-header").data_bind(
            DayScreen.day,
            DayScreen.tasks,
            DayScreen.record,
            DayScreen.threshold,
            DayScreen.intention,
            today=DayScreen.today_date,
        )
        with Horizontal(id="day-main"):
            yield TaskList(id="task-list").data_bind(DayScreen.tasks, DayScreen.selected_id)
            yield WhyPanel(day_ops.GROWTH_WINDOW, id="why-panel").data_bind(
                DayScreen.purposes,
                DayScreen.skills,
                DayScreen.growth,
                shown_task=DayScreen.selected_task,
            )
        yield DaySummary(id="day-summary").data_bind(DayScreen.tasks, DayScreen.skills)
        yield Static(Content.styled(RATE_HINT, "bold"), id="rate-hint")
        # The quick-add bar is built when first opened (see quick_add_bar): its input is not on
        # the way to the first paint.
        yield Static(Content(TOO_SMALL), id="too-small")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Load the day, start watching the record, and greet or remind when due."""
        self.query_one("#rate-hint").display = False
        self.load(self._start_day or self.today())
        self.set_interval(self.poll_interval, self.poll_changes)
        self.call_after_refresh(self.greet)

    def on_screen_resume(self) -> None:
        """Back on the day after another screen: let Textual free the screen just closed, and
        collect it before the next key rather than during it."""
        forget_closed_screens()
        self.set_timer(COLLECT_DELAY, collect_closed_screens)

    def on_resize(self, event: events.Resize) -> None:
        """Below the minimum size, say so instead of drawing a broken layout."""
        self.set_class(
            event.size.width < MIN_SIZE[0] or event.size.height < MIN_SIZE[1], "-too-small"
        )

    # ------------------------------------------------------------------ state
    def load(self, day: date | None = None, select: str | None = None) -> bool:
        """(Re)read ``day`` (default: the shown day) from the store; keeps the selection by id."""
        day = day or self.day
        token = self.store.change_token(day)
        try:
            data = day_ops.load_day(self.store, day)
        except StoreError as error:
            self._error(error)
            if self._token is None or day == self.day:
                # Told once, not at every poll: the day is read again when its files change
                # (e.g. after 'planner restore'). At start the day is still named, and the
                # empty list says why it is empty.
                self._token = token
                self.today_date, self.day = self.today(), day
                self.query_one(TaskList).empty_hint = f"This day could not be read: {error}"
            return False
        self.query_one(TaskList).empty_hint = EMPTY_HINT
        previous = [t.id for t in self.tasks]
        same_day = day == self.day
        # On the same day a vanished selection moves to its neighbour; a new day starts at the top.
        index = previous.index(self.selected_id) if same_day and self.selected_id in previous else 0
        self._token = token
        self.today_date = self.today()
        self.day = day
        self.threshold = data.threshold
        self.purposes = data.purposes
        self.skills = data.skills
        self.record = data.record
        self.intention = data.intention
        self.tasks = data.tasks
        ids = [t.id for t in data.tasks]
        wanted = select if select in ids else (self.selected_id if same_day else None)
        if wanted not in ids:
            wanted = ids[min(index, len(ids) - 1)] if ids else None
        self.selected_id = wanted
        self._sync_selected()
        if self._growth_stale:
            self._growth_stale = False
            self._growth_generation += 1
            # Counted once the change is on screen: the first paint and a key's visible change
            # do not share the interpreter with the count.
            self.call_after_refresh(self._count_growth, self._growth_generation)
        self._update_bindings()
        return True

    def _sync_selected(self) -> None:
        self.selected_task = next((t for t in self.tasks if t.id == self.selected_id), None)

    def _update_bindings(self) -> None:
        # Greyed-out keys depend only on these two facts; refreshing bindings rebuilds the
        # footer, so it is done only when one of them flips.
        state = (self.selected_task is not None, bool(self.undo))
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def watch_selected_id(self) -> None:
        """Keep the selected task in step with the id."""
        self._sync_selected()
        self._update_bindings()

    def watch_rating_pending(self, pending: bool) -> None:
        """Show or hide the "press 1–5" hint."""
        self.query_one("#rate-hint").display = pending

    def poll_changes(self) -> bool:
        """Reload when another process changed the shown day; returns True when it did."""
        if self.today() != self.today_date:
            self.today_date = self.today()
        if self.store.change_token(self.day) == self._token:
            return False
        self._growth_stale = True
        return self.load()

    def shown_day(self) -> date:
        """The day on screen."""
        return self.day

    def action_refresh(self) -> None:
        """Read the day again from the record."""
        self._growth_stale = True
        self.load()

    @work(thread=True, group="growth")
    def _count_growth(self, generation: int) -> None:
        # All of history counts, so this runs off the UI thread and off first paint;
        # a count overtaken by a newer one is dropped when it arrives.
        try:
            growth = day_ops.count_growth(self.store, self.today())
        except StoreError as error:
            self.app.call_from_thread(self._error, error)
            return
        self.post_message(self.GrowthCounted(growth, generation))

    def on_day_screen_growth_counted(self, message: GrowthCounted) -> None:
        """Show the newest count only."""
        if message.generation == self._growth_generation:
            self.growth = message.growth

    @on(TaskList.TaskSelected)
    def _task_selected(self, message: TaskList.TaskSelected) -> None:
        self.selected_id = message.task_id

    # ------------------------------------------------------------------ changing tasks
    def _change(
        self, label: str, operation: Callable[[], list[Change]], select: str | None = None
    ) -> bool:
        """Run a store operation, record it for undo and reload; errors leave the view as it was."""
        try:
            changes = operation()
        except (StoreError, ValidationError) as error:
            self._error(error)
            self.load()
            return False
        self._remember(label, changes)
        self.load(select=select)
        return True

    def _remember(self, label: str, changes: list[Change]) -> None:
        """Record a change for undo; skill growth is counted again if it can have moved."""
        self.undo.record(label, changes)
        self._growth_stale |= day_ops.affects_growth(changes)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs a selected task, and undo with nothing to undo."""
        if action in ("edit", "toggle_done", "delete", "move_tomorrow", "reorder"):
            return None if self.selected_task is None else True
        if action == "undo":
            return True if self.undo else None
        return True

    @property
    def quick_add_bar(self) -> QuickAdd | None:
        """The quick-add bar, once it has been opened (None before)."""
        found = self.query(QuickAdd)
        return found.first() if found else None

    async def action_quick_add(self) -> None:
        """Open the quick-add bar, building it the first time."""
        self.rating_pending = False
        bar = self.quick_add_bar
        if bar is None:
            bar = QuickAdd(id="quick-add")
            # Keys pressed while it is being built wait for this action: none of them can
            # reach the day's own keys before the input has the focus.
            await self.mount(bar, before="#too-small")
            self._sync_quick_add()
        bar.open()

    def _sync_quick_add(self) -> None:
        """The bar reads dates against the shown day and today (kept in step by the watchers
        below: built after compose, it cannot be bound to them with ``data_bind``)."""
        bar = self.quick_add_bar
        if bar is not None:
            bar.default_day = self.day
            bar.today = self.today_date

    def watch_day(self) -> None:
        """Dates typed in the bar count from the shown day."""
        self._sync_quick_add()

    def watch_today_date(self) -> None:
        """Relative dates typed in the bar count from today."""
        self._sync_quick_add()

    @on(QuickAdd.Submitted)
    def _quick_added(self, message: QuickAdd.Submitted) -> None:
        bar = self.query_one(QuickAdd)
        try:
            task = day_ops.task_from_parsed(message.parsed, self.day)
            stored, created, change = day_ops.add_task(self.store, task)
        except (StoreError, ValidationError) as error:
            bar.show_error(str(error))
            if isinstance(error, StoreError):
                self._error(error)  # told as every failed write is, not only under the input
            return
        self._remember("add", [change])
        bar.close()
        self.query_one(TaskList).focus()
        self.load(select=stored.id)
        if stored.day != self.day:
            self.notify(f"Added to {format_day(stored.day, self.today())}", markup=False)
        if created:
            names = ", ".join(f"#{slug}" for slug in created)
            self.notify(f"New purpose {names}: press p to write its statement", markup=False)
        self._tell_archived(stored)

    def _tell_archived(self, task: Task) -> None:
        """Say so when a new task is linked to an archived purpose or skill (p brings it back)."""
        try:
            purposes, skills = self.store.archived_tags(task.purposes, task.skills)
        except StoreError:
            return  # the task is saved; the remark can go
        if names := [f"#{slug}" for slug in purposes] + [f"+{slug}" for slug in skills]:
            self.notify(
                f"{', '.join(names)} archived: linked all the same; p brings it back",
                markup=False,
            )

    @on(QuickAdd.Closed)
    def _quick_closed(self) -> None:
        self.query_one(TaskList).focus()

    def action_edit(self) -> None:
        """Edit every field of the selected task."""
        task = self.selected_task
        if task is None:
            return
        from planner.screens.edit_task import EditTaskScreen

        def saved(result: Task | None) -> None:
            if result is not None:
                self._change(
                    "edit", lambda: day_ops.save_edit(self.store, task, result)[1], select=result.id
                )

        self.app.push_screen(EditTaskScreen(task, self.today(), self.purposes, self.skills), saved)

    def action_toggle_done(self) -> None:
        """Mark the selected task done or not done."""
        if (task := self.selected_task) is not None:
            self._change(
                "done" if not task.done else "not done",
                lambda: [day_ops.toggle(self.store, task)],
                select=task.id,
            )

    def action_delete(self) -> None:
        """Delete the selected task; undo brings it back."""
        if (task := self.selected_task) is not None and task.series is not None:
            self._ask_series_delete(task)  # a repeating task: this day, or the series?
        elif task is not None and self._change(
            "delete", lambda: [day_ops.delete(self.store, task)]
        ):
            self.notify(f"Deleted “{_short(task.title)}” · u undoes it", markup=False)

    def _ask_series_delete(self, task: Task) -> None:
        """Delete one day of a series, or stop the series from that day on (both undoable)."""
        from planner.screens.confirm_series import ConfirmSeriesScreen, SeriesChoice
        from planner.screens.series_edit import stop_series

        def chosen(choice: SeriesChoice | None) -> None:
            title = _short(task.title)
            if choice == "day" and self._change(
                "delete", lambda: [day_ops.delete(self.store, task)]
            ):
                self.notify(f"Deleted “{title}” on this day · u undoes it", markup=False)
            elif choice == "series" and self._change("stop", lambda: stop_series(self.store, task)):
                self.notify(f"Stopped “{title}” from this day on · u undoes it", markup=False)

        self.app.push_screen(ConfirmSeriesScreen(task.title, format_day(task.day)), chosen)

    def action_move_tomorrow(self) -> None:
        """Move the selected task to the day after the shown one."""
        if (task := self.selected_task) is not None:
            target = self.day + timedelta(days=1)
            if self._change("move", lambda: [day_ops.move(self.store, task, target)]):
                self.notify(f"Moved to {format_day(target, self.today())}", markup=False)

    def action_reorder(self, step: int) -> None:
        """Move the selected task up or down the list."""
        if (task := self.selected_task) is not None:
            self._change(
                "reorder",
                lambda: day_ops.reorder(self.store, self.day, self.tasks, task.id, step),
                select=task.id,
            )

    def action_undo(self) -> None:
        """Revert the newest change still on the stack."""
        entry = self.undo.pop()
        if entry is None:
            self.notify("Nothing to undo")
            return
        try:
            apply_undo(self.store, entry)
        except StoreError as error:
            self.undo.push_back(entry)
            self._error(error)
            return
        self._growth_stale |= day_ops.affects_growth(entry.changes)
        first = entry.changes[0]
        keep = (
            first.before.id if first.before is not None and first.before.day == self.day else None
        )
        self.load(select=keep)
        self.notify(f"Undone: {entry.label}", markup=False)

    def action_carry(self) -> None:
        """Pick unfinished tasks from earlier days and bring them into this day."""
        try:
            candidates = self.store.carry_candidates(self.day)
        except StoreError as error:
            self._error(error)
            return
        if not candidates:
            self.notify("Nothing to carry: no unfinished tasks on earlier days")
            return
        from planner.screens.carry import CarryScreen

        def chosen(ids: list[str] | None) -> None:
            picked = [t for t in candidates if ids and t.id in ids]
            if picked:
                self._carry(picked)

        self.app.push_screen(CarryScreen(tuple(candidates), self.day, self.today()), chosen)

    def _carry(self, picked: list[Task]) -> None:
        changes, error = day_ops.carry(self.store, picked, self.day)
        self._remember("carry", changes)
        self.load()
        if error is not None:
            self._error(error)
        self.notify(f"Carried {len(changes)} task{'s' if len(changes) != 1 else ''} into this day")

    # ------------------------------------------------------------------ moving around
    def action_select(self, step: int) -> None:
        """Select the task above (-1) or below (+1)."""
        ids = [t.id for t in self.tasks]
        if not ids:
            return
        index = ids.index(self.selected_id) + step if self.selected_id in ids else 0
        self.selected_id = ids[max(0, min(index, len(ids) - 1))]

    def show_day(self, day: date, select: str | None = None) -> None:
        """Show another day (with the task of id ``select`` selected)."""
        self.rating_pending = False
        self.load(day, select=select)

    def action_shift_day(self, days: int) -> None:
        """Show the previous (-1) or next (+1) day."""
        self.show_day(self.day + timedelta(days=days))

    def action_today(self) -> None:
        """Show today."""
        self.show_day(self.today())

    def action_cancel(self) -> None:
        """Escape: close what is open; on the day itself, nothing."""
        self.rating_pending = False
        bar = self.quick_add_bar
        if bar is not None and bar.display:
            bar.action_cancel()


def _short(title: str, limit: int = 60) -> str:
    """A title short enough for a toast, as text only (control characters stripped)."""
    title = clean_line(title)
    return title if len(title) <= limit else title[: limit - 1] + "…"
