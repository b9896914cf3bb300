"""Letting go of closed screens: a cache of Textual's that keeps every widget ever drawn.

``textual._styles_cache.StylesCache.get_inner_outer`` is a ``functools.lru_cache`` (1024
entries) on a method, so its keys hold the styles cache of every widget drawn since the start,
and each of those holds the widget's rendered lines. A closed screen's widgets therefore stay in
memory: about two megabytes per visit of the insights, until the cache's 1024 entries are full.
Emptying it when the day screen comes back costs one recomputation of two styles per widget.

Even then, a closed screen is garbage held in reference cycles (every widget points at its
parent and its parent at it), which only the cyclic collector frees. Left to itself, the
collector gets to it at some later allocation: a full collection of a few hundred thousand objects
then lands on whatever key the user presses next, 40–70 ms on top of it.
:func:`collect_closed_screens` runs that collection a moment after the day is back on screen,
while the user is reading it.

A third hold comes from Textual's thread workers: each sets its ``active_worker`` context
variable in the pool thread's own context and never unsets it, so every pool thread keeps the
last worker it ran, and through it that worker's screen (the insights and every figure on it),
until the thread happens to run another. :class:`FreshContextExecutor` runs each job in a copy
of the caller's context, as :func:`asyncio.to_thread` does, so what a job sets goes with it.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = [
    "COLLECT_DELAY",
    "FreshContextExecutor",
    "collect_closed_screens",
    "forget_closed_screens",
    "use_fresh_context_threads",
]

T = TypeVar("T")

#: Seconds after the day screen comes back before the closed screen's garbage is collected:
#: long enough for the day to be painted first, short enough to come before the next key.
COLLECT_DELAY = 0.1


def collect_closed_screens() -> None:
    """Collect the garbage a closed screen left, unless the process switched the collector off
    (the app does while it starts; a host embedding planner may for its own reasons)."""
    if gc.isenabled():
        gc.collect()


def forget_closed_screens() -> None:
    """Empty Textual's style-pair cache (if this Textual has it), so closed screens can go."""
    try:
        from textual._styles_cache import StylesCache
    except ImportError:
        return
    cached = getattr(StylesCache, "get_inner_outer", None)
    cache_clear = getattr(cached, "cache_clear", None)
    if callable(cache_clear):
        cache_clear()


class FreshContextExecutor(ThreadPoolExecutor):
    """A thread pool whose jobs each run in a copy of the submitting task's context (see the
    module docstring): a worker's context variables do not outlive its job."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run ``fn(*args, **kwargs)`` in a pool thread, inside a copy of the current context."""
        return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)


def use_fresh_context_threads(loop: asyncio.AbstractEventLoop) -> None:
    """Make ``loop``'s default executor (where Textual runs thread workers) a
    :class:`FreshContextExecutor`. Call it before the first thread worker starts."""
    loop.set_default_executor(FreshContextExecutor(thread_name_prefix="planner-worker"))
