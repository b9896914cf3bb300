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
"""

from __future__ import annotations

import gc

__all__ = ["COLLECT_DELAY", "collect_closed_screens", "forget_closed_screens"]

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
