"""Letting go of closed screens: a cache of Textual's that keeps every widget ever drawn.

``textual._styles_cache.StylesCache.get_inner_outer`` is a ``functools.lru_cache`` (1024
entries) on a method, so its keys hold the styles cache of every widget drawn since the start,
and each of those holds the widget's rendered lines. A closed screen's widgets therefore stay in
memory: about two megabytes per visit of the insights, until the cache's 1024 entries are full.
Emptying it when the day screen comes back costs one recomputation of two styles per widget.
"""

from __future__ import annotations

__all__ = ["forget_closed_screens"]


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
