"""A one-line stress rating, 1 (calm) … 5 (very stressful), set with the digit keys.

It is focusable and takes the digits only while it has focus, so typing numbers into the
reflection's text areas never changes the rating. A rating at or above the threshold is
marked with a symbol and a word, never colour alone.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from planner.model import DEFAULT_STRESS_THRESHOLD, is_stressful
from planner.widgets.day_header import STRESS_MARK

__all__ = ["RATING_WORDS", "StressRating"]

#: What each rating means, shown beside the numbers.
RATING_WORDS = {
    1: "calm",
    2: "mostly calm",
    3: "some stress",
    4: "stressful",
    5: "very stressful",
}


class StressRating(Widget, can_focus=True):
    """The day's stress rating: digits 1–5 set it, left/right step it, 0 or backspace clear it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n),
                f"rate({n})",
                f"Rate {n}",
                show=False,
                tooltip=f"Rate the day {n}: {RATING_WORDS[n]}",
                id=f"rating.{n}",
            )
            for n in range(1, 6)
        ),
        Binding("left", "step(-1)", "Calmer", show=False, id="rating.down"),
        Binding("right", "step(1)", "More stressful", show=False, id="rating.up"),
        Binding("0,backspace", "clear", "Clear rating", show=False, id="rating.clear"),
    ]

    value: reactive[int | None] = reactive(None)
    """The rating, or None while the day is not rated."""

    class Changed(Message):
        """The user changed the rating."""

        def __init__(self, rating: StressRating, value: int | None) -> None:
            super().__init__()
            self.rating = rating
            self.value = value

        @property
        def control(self) -> StressRating:
            """The widget that changed (for ``@on`` selectors)."""
            return self.rating

    def __init__(
        self,
        value: int | None = None,
        *,
        threshold: int = DEFAULT_STRESS_THRESHOLD,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.threshold = threshold
        self.set_reactive(StressRating.value, value)

    def render(self) -> Content:
        """``Stress  1 2 3 [4] 5  ⚠ stressful (4/5)``: the chosen number bracketed, highlighted."""
        parts: list[str | tuple[str, str]] = [("Stress ", "bold")]
        for n in range(1, 6):
            if n == self.value:
                parts.append((f"[{n}]", "reverse bold"))
            else:
                parts.append((f" {n} ", ""))
        if self.value is None:
            parts.append(("  not rated yet", "$text-muted"))
        else:
            if is_stressful(self.value, self.threshold):
                # The profile's threshold decides, and the words match the day header's,
                # so a 3 with threshold 3 reads "stressful" here as it does there.
                parts.append((f"  {STRESS_MARK} stressful ({self.value}/5)", "bold $warning"))
            else:
                parts.append((f"  {RATING_WORDS[self.value]}", ""))
        parts.append(("   keys 1–5", "$text-muted"))
        return Content.assemble(*parts)

    def _set(self, value: int | None) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_rate(self, value: int) -> None:
        """Set the rating to ``value`` (1–5)."""
        self._set(min(5, max(1, value)))

    def action_step(self, delta: int) -> None:
        """One step calmer or more stressful (from unrated, right starts at 1)."""
        if self.value is None:
            self._set(1 if delta > 0 else None)
        else:
            self._set(min(5, max(1, self.value + delta)))

    def action_clear(self) -> None:
        """Back to not rated (saving keeps the rating the day already had)."""
        self._set(None)
