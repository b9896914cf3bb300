"""The why panel: for the selected task, the purposes it serves and the skills it grows.

Purposes are shown by the user's own statements, skills with their growth so far (tasks done
for them lately and in all), then the people, the stretch mark, the repeat rule and the notes.
A task tied to no purpose gets a gentle nudge instead of a blank.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from planner.dates import describe_rule
from planner.model import Task, clean_line, clean_text

__all__ = ["WhyPanel"]


class WhyPanel(VerticalScroll, can_focus=False):
    """Why the selected task matters."""

    shown_task: reactive[Task | None] = reactive(None)
    """The selected task, or None."""
    purposes: reactive[dict[str, str]] = reactive(dict)
    """Purpose slug → the user's statement."""
    skills: reactive[dict[str, str]] = reactive(dict)
    """Skill slug → display name."""
    growth: reactive[dict[str, tuple[int, int]] | None] = reactive(None)
    """Skill slug → (done in the last ``window`` days, done in all); None while counting."""
    edit_key: reactive[str] = reactive("e")
    """The key that edits a task now (the user may have remapped it), named in the nudge."""

    def __init__(self, window: int = 30, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.window = window
        """How many days "lately" covers in the growth counts."""
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        """One text block, rebuilt when anything changes."""
        yield Static(id="why-body")

    def on_mount(self) -> None:
        """Show the first state."""
        self.border_title = "Why"
        self._update()

    def watch_shown_task(self) -> None:
        """A new selection."""
        self._update()

    def watch_purposes(self) -> None:
        """Statements were edited."""
        self._update()

    def watch_skills(self) -> None:
        """Skills were renamed."""
        self._update()

    def watch_edit_key(self) -> None:
        """The nudge names the new key."""
        self._update()

    def watch_growth(self) -> None:
        """Growth was counted."""
        self._update()

    def _update(self) -> None:
        if not self.is_mounted:
            return
        content = self.describe()
        # Ticking a task off, or a reload that changed nothing shown here, leaves the text as
        # it was: it is not drawn again (a whole panel of lines on the key's first frame).
        shown = (content.plain, tuple(content.spans))
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#why-body", Static).update(content)

    def describe(self) -> Content:
        """The panel's text for the current task."""
        task = self.shown_task
        if task is None:
            return Content.styled("Select a task to see why it matters.", "dim")
        # Everything below may come from a record written elsewhere: it is cleaned of control
        # characters here, where it is drawn, and placed in Content (never parsed as markup).
        lines: list[Content] = [Content.styled(clean_line(task.title), "bold"), Content("")]
        if task.purposes:
            lines.append(Content.styled("Serves your why", "bold"))
            for slug in task.purposes:
                statement = clean_line(self.purposes.get(slug) or slug)
                lines.append(Content.assemble("  • ", statement))
        else:
            lines.append(
                Content.assemble(
                    ("Not tied to a purpose yet. ", "italic"),
                    (
                        f"What is it for? Press {self.edit_key} to link it to one of your whys.",
                        "dim",
                    ),
                )
            )
        if task.skills:
            lines += [Content(""), Content.styled("Grows (tasks done)", "bold")]
            lines += [self._skill_line(slug) for slug in task.skills]
        if task.people:
            lines += [
                Content(""),
                Content.assemble(
                    ("With ", "bold"), ", ".join(f"@{clean_line(p)}" for p in task.people)
                ),
            ]
        if task.stretch:
            lines += [
                Content(""),
                Content.assemble(("! ", "bold $accent"), "Stretch: above and beyond"),
            ]
        if task.recurrence:
            lines += [
                Content(""),
                Content.assemble(("↻ ", "$secondary"), _rule_text(task.recurrence)),
            ]
        if task.notes.strip():
            notes = Content(clean_text(task.notes).rstrip())
            lines += [Content(""), Content.styled("Notes", "bold"), notes]
        if task.links:
            lines += [Content(""), Content.styled("Links", "bold")]
            lines += [Content.assemble("  ", clean_line(link)) for link in task.links]
        return Content("\n").join(lines)

    def _skill_line(self, slug: str) -> Content:
        name = clean_line(self.skills.get(slug) or slug)
        if self.growth is None:
            detail = "counting…"
        else:
            recent, total = self.growth.get(slug, (0, 0))
            detail = f"{recent} in {self.window} days · {total} in all"
        return Content.assemble("  • ", name, "\n    ", (detail, "dim"))


def _rule_text(rule: str) -> str:
    """The repeat rule in words; a rule the describer cannot read is shown as it is."""
    try:
        return describe_rule(rule)
    except ValueError:
        return clean_line(rule)
