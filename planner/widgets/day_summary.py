"""One line under the task list: how many tasks serve a purpose, and the skills in play."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from planner.model import Task, clean_line

__all__ = ["DaySummary"]


class DaySummary(Widget):
    """``3 of 5 tasks serve a purpose · skills in play: Excel, Mentoring · 1 stretch``."""

    tasks: reactive[tuple[Task, ...]] = reactive(())
    """The day's tasks."""
    skills: reactive[dict[str, str]] = reactive(dict)
    """Skill slug → display name."""

    def render(self) -> Content:
        """The summary of the day's tasks."""
        if not self.tasks:
            return Content.styled("No tasks yet: every task can serve a purpose.", "dim")
        serving = sum(1 for t in self.tasks if t.serves_purpose)
        in_play: dict[str, None] = {}
        for task in self.tasks:
            for slug in task.skills:
                # A skill's name is user text: control characters never reach the terminal.
                in_play.setdefault(clean_line(self.skills.get(slug, slug)), None)
        stretch = sum(1 for t in self.tasks if t.stretch)
        parts: list[str | tuple[str, str]] = [
            (f"{serving} of {len(self.tasks)}", "bold"),
            " task serves a purpose" if len(self.tasks) == 1 else " tasks serve a purpose",
        ]
        if in_play:
            parts += [(" · ", "dim"), "skills in play: ", ", ".join(in_play)]
        if stretch:
            parts += [(" · ", "dim"), (f"{stretch} stretch", "$accent")]
        return Content.assemble(*parts)
