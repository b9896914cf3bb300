"""Search (key ``/``): tasks and reflections across all days; Enter jumps to the day.

The query is one line. ``#purpose``, ``+skill`` and ``@person`` tokens filter tasks by their tags
(all of them must match); every other word must appear, case-insensitively, in a task's title or
notes, or in a reflection's answers. Reflections carry no tags, so a query with a tag token finds
tasks only. Recurring tasks are found once, on their next day on or after today.

Searching reads every month file, so it runs in a thread worker, a little after the last key
press (typing fast starts one search, not one per key), and posts its results back.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from planner.dates import describe_rule, occurrences_between
from planner.model import Task, is_stressful, slugify
from planner.storage import StoreError
from planner.store import Store
from planner.themes import stylesheet
from planner.widgets.key_footer import KeyFooter
from planner.widgets.plain_input import PlainInput
from planner.widgets.search_results import SearchHit, SearchResults
from planner.widgets.typeahead import KeysReleased

__all__ = ["SearchQuery", "SearchScreen", "find", "parse_query"]

#: At most this many results are listed; the count says how many there are in all.
MAX_LISTED = 200

_SIGILS = {"#": "purposes", "+": "skills", "@": "people"}


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What the user typed, split into text words and tag filters."""

    words: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to search for."""
        return not (self.words or self.has_tags)

    @property
    def has_tags(self) -> bool:
        """True when the query filters by purpose, skill or person."""
        return bool(self.purposes or self.skills or self.people)

    def matches(self, task: Task) -> bool:
        """Whether ``task`` has every tag and every word of the query."""
        if not set(self.purposes) <= set(task.purposes):
            return False
        if not set(self.skills) <= set(task.skills):
            return False
        if not set(self.people) <= set(task.people):
            return False
        haystack = f"{task.title}\n{task.notes}".casefold()
        return all(word in haystack for word in self.words)


def parse_query(text: str) -> SearchQuery:
    """Split ``text`` into words (case-folded) and ``#``/``+``/``@`` tag filters (slugs).

    A sigil with nothing usable after it (``#`` alone, ``@!``) is an ordinary word.
    """
    found: dict[str, list[str]] = {"words": [], "purposes": [], "skills": [], "people": []}
    for token in text.split():
        kind = _SIGILS.get(token[0])
        slug = slugify(token[1:]) if kind else ""
        if kind and slug:
            found[kind].append(slug)
        else:
            found["words"].append(token.casefold())
    return SearchQuery(**{k: tuple(dict.fromkeys(v)) for k, v in found.items()})


def _next_day(task: Task, today: date) -> date:
    """The day a recurring task is shown on: its next occurrence on or after today."""
    if task.recurrence:
        try:
            days = occurrences_between(task.recurrence, task.day, today, today + timedelta(400))
        except ValueError:
            days = []
        if days:
            return days[0]
    return task.day


def _task_hits(store: Store, query: SearchQuery, today: date) -> Iterator[tuple[date, Task, str]]:
    """(day, task, how it repeats) for every stored task and series matching ``query``."""
    for task in store.all_tasks():
        if query.matches(task):
            yield task.day, task, ""
    for series in store.series():
        template = series.template
        if template.recurrence and query.matches(template):
            try:
                repeats = describe_rule(template.recurrence)
            except ValueError:
                repeats = "repeats"
            yield _next_day(template, today), template, repeats


def find(store: Store, query: SearchQuery, today: date) -> list[SearchHit]:
    """Every task and reflection matching ``query``, newest day first (pure over the store)."""
    if query.is_empty:
        return []
    found: list[tuple[date, int, int, SearchHit]] = []
    for day, task, repeats in _task_hits(store, query, today):
        hit = SearchHit(day=day, task=task, repeats=repeats)
        found.append((day, 0, task.order, hit))
    if query.words and not query.has_tags:
        for record in store.search_reflections(" ".join(query.words)):
            assert record.reflection is not None  # search_reflections returns saved ones only
            answers = record.reflection.answers()
            # Show the answer holding the most of the words; the first such prompt wins a tie.
            question, answer = max(
                answers, key=lambda qa: sum(w in qa[1].casefold() for w in query.words)
            )
            found.append(
                (record.day, 1, 0, SearchHit(record.day, question=question, answer=answer))
            )
    if not found:
        return []
    threshold = store.profile().stress_threshold
    days = [entry[0] for entry in found]
    records = store.day_records(min(days), max(days))
    found.sort(key=lambda entry: (-entry[0].toordinal(), entry[1], entry[2]))
    hits = []
    for day, _kind, _order, hit in found:
        rated = records.get(day)
        stressful = rated is not None and is_stressful(rated.stress, threshold)
        hits.append(SearchHit(hit.day, stressful, hit.task, hit.question, hit.answer, hit.repeats))
    return hits


class SearchScreen(Screen[SearchHit | None]):
    """Search every day's tasks and reflections; dismisses with the chosen hit (its day, and its
    task if it is one), or None."""

    DEFAULT_CLASSES = "planner-search"
    CSS_PATH = stylesheet("search.tcss")
    AUTO_FOCUS = "#search-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close search and go back", id="search.close"),
        Binding(
            "down",
            "focus_results",
            "Results",
            show=False,
            tooltip="Move from the search box to the results",
            id="search.results",
        ),
    ]

    debounce: float = 0.15
    """Seconds to wait after a key press before searching (typing fast searches once)."""

    @dataclass
    class Found(Message):
        """A search finished (posted from the worker thread)."""

        generation: int
        query: SearchQuery
        hits: list[SearchHit] = field(default_factory=list)
        error: str = ""

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self._generation = 0
        self._shown_generation = 0
        self._open_when_found = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("Search", id="search-title")
            yield PlainInput(
                placeholder="words, #purpose, +skill, @person",
                id="search-input",
                select_on_focus=False,
            )
            yield Static(
                Content("Type words, #purpose, +skill or @person. Enter opens the day."),
                id="search-status",
            )
            yield SearchResults(id="search-results")
        yield KeyFooter()

    @property
    def results(self) -> SearchResults:
        """The results list."""
        return self.query_one(SearchResults)

    # -------------------------------------------------------------- searching
    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self._generation += 1
        if self._open_when_found:  # a paste changed the text: Enter's open is off
            self._open_when_found = False
            self.app.post_message(KeysReleased())
        query = parse_query(event.value)
        if query.is_empty:
            self._shown_generation = self._generation
            self.results.show_hits([], self.today, ())
            self._set_status("Type words, #purpose, +skill or @person. Enter opens the day.")
            return
        self._set_status("Searching…")
        self._search(query, self._generation)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: SearchQuery, generation: int) -> None:
        """Wait for typing to settle, then search every month file off the UI thread."""
        worker = get_current_worker()
        if self.debounce > 0:
            time.sleep(self.debounce)
        if worker.is_cancelled:
            return
        try:
            hits = find(self.store, query, self.today)
        except StoreError as error:
            self.post_message(self.Found(generation, query, error=str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.Found(generation, query, hits))

    @property
    def keys_on_hold(self) -> bool:
        """True while Enter waits for the search to end: the keys typed after it are for the
        day it opens (planner.widgets.typeahead)."""
        return self._open_when_found

    def on_search_screen_found(self, message: Found) -> None:
        """Show the results of the latest search (an older one that finished late is dropped)."""
        if message.generation != self._generation:
            return
        self._shown_generation = message.generation
        open_first, self._open_when_found = self._open_when_found, False
        if open_first:
            self.app.post_message(KeysReleased())
        if message.error:
            self._set_status(message.error, error=True)
            return
        hits = message.hits
        self.results.show_hits(hits[:MAX_LISTED], self.today, message.query.words)
        count = len(hits)
        status = "No results" if not count else f"{count} result{'s' if count != 1 else ''}"
        if count > MAX_LISTED:
            status += f" (the newest {MAX_LISTED} are listed; add words to narrow it)"
        self._set_status(status)
        if open_first and hits:
            self.dismiss(hits[0])

    def _set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    # -------------------------------------------------------------- choosing
    @on(Input.Submitted, "#search-input")
    def _open_highlighted(self) -> None:
        """Enter in the search box opens the highlighted (at first, the newest) result.

        While the search for what was typed is still running, the results on screen are
        those of an older text: the newest result is opened when the search is done.
        """
        if self._shown_generation != self._generation:
            self._open_when_found = True
            return
        results = self.results
        index = results.highlighted
        if results.hits and index is not None:
            self.dismiss(results.hits[index])

    def on_search_results_chosen(self, message: SearchResults.Chosen) -> None:
        """Enter or a click on a result jumps to its day."""
        self.dismiss(message.hit)

    def action_focus_results(self) -> None:
        """Down from the search box moves into the results."""
        if self.results.option_count:
            self.results.focus()

    def action_close(self) -> None:
        """Leave without choosing."""
        self.dismiss(None)
