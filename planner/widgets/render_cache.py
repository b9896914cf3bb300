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
until the thread happens to run another. :func:`fresh_context_executor` runs each job in a copy
of the caller's context, as :func:`asyncio.to_thread` does, so what a job sets goes with it.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

__all__ = [
    "COLLECT_DELAY",
    "collect_closed_screens",
    "forget_closed_screens",
    "fresh_context_executor",
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


def fresh_context_executor() -> ThreadPoolExecutor:
    """A thread pool whose jobs each run in a copy of the submitting task's context (see the
    module docstring): a worker's context variables do not outlive its job.

    Built on first use: the thread pool's modules are not on the path to the first paint (the
    first thread worker starts after it)."""
    from concurrent.futures import ThreadPoolExecutor

    class FreshContextExecutor(ThreadPoolExecutor):
        def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
            return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)

    return FreshContextExecutor(thread_name_prefix="planner-worker")


def use_fresh_context_threads(loop: asyncio.AbstractEventLoop) -> None:
    """Make ``loop``'s default executor (where Textual runs thread workers) a
    :func:`fresh_context_executor`. Call it before the first thread worker starts."""
    loop.set_default_executor(fresh_context_executor())
