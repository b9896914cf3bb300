"""Measured figures: samples, median/min/max, optional goals, and the table they print in."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    """One measured quantity: its samples and, optionally, goals on the median and the max."""

    label: str
    samples: list[float]
    unit: str = "ms"
    goal_median: float | None = None
    goal_max: float | None = None
    note: str = ""

    @property
    def median(self) -> float:
        """The median sample (what goals are about: the machine is shared and noisy)."""
        return statistics.median(self.samples)

    def misses(self) -> list[str]:
        """The goals this figure misses, one line each."""
        found = []
        if self.goal_median is not None and self.median > self.goal_median:
            found.append(
                f"{self.label}: median {self.median:.2f} {self.unit} > goal {self.goal_median:g}"
            )
        if self.goal_max is not None and max(self.samples) > self.goal_max:
            found.append(
                f"{self.label}: max {max(self.samples):.2f} {self.unit} > goal {self.goal_max:g}"
            )
        return found

    def goal_text(self) -> str:
        """``≤ 50 (max ≤ 100)``, or ``""`` without a goal."""
        if self.goal_median is None:
            return ""
        text = f"≤ {self.goal_median:g}"
        if self.goal_max is not None:
            text += f" (max ≤ {self.goal_max:g})"
        return text

    def row(self) -> str:
        """One line of the printed table."""
        status = ""
        if self.goal_median is not None:
            status = "MISSED" if self.misses() else "met"
        numbers = (
            f"{self.median:8.2f} {min(self.samples):8.2f} {max(self.samples):8.2f}"
            if self.unit == "×"
            else f"{self.median:8.1f} {min(self.samples):8.1f} {max(self.samples):8.1f}"
        )
        return (
            f"{self.label:<56} {len(self.samples):>3} {numbers} {self.unit:<4}"
            f" {self.goal_text():<18} {status:<6} {self.note}"
        ).rstrip()


HEADER = (
    f"{'figure':<56} {'n':>3} {'median':>8} {'min':>8} {'max':>8} {'unit':<4} {'goal':<18} status"
)


def ratio(
    label: str, samples: list[float], floor: list[float], goal: float | None = None
) -> Figure:
    """Each sample divided by the floor's median (both measured in the same run)."""
    base = statistics.median(floor)
    return Figure(label, [s / base for s in samples], unit="×", goal_median=goal)


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of each of ``runs`` calls of ``fn``."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def interleaved(fns: list[Callable[[], object]], runs: int) -> list[list[float]]:
    """Milliseconds of each function, called in turn ``runs`` times, so that the drift of a
    shared machine falls on all of them alike."""
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, found in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn()
            found.append((time.perf_counter() - start) * 1000)
    return samples
