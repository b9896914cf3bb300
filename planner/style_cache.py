"""The app's style sheets, parsed once per version of them and kept in the user's cache folder.

Textual parses every style sheet it has (planner's TCSS files and the ``DEFAULT_CSS`` of each
kind of widget shown: about 9 KB for the day screen) when the app starts, and all of them again
whenever a screen brings a new one: 8–12 ms each time here, measured from the first paint (three
parses, as the day screen's kinds of widget are registered) and from opening the reflection.
What comes out depends only on the sources' text, the theme's variables and the versions of
Textual and Python, so :class:`CachedStylesheet` keeps the parsed rules (pickled, one file per
set of sources) in ``$XDG_CACHE_HOME/planner/styles``, named by a digest of all of them: a later
start with the same sources reads its three sets back in about 3 ms.

It is a cache, nothing more: deleting it is always safe; a file that cannot be read, was written
by another version or does not match is ignored and written again; a folder that cannot be
written to costs only the speed-up. Files are written whole (temporary file, then rename),
private (0600 in a 0700 folder), and hold only rules parsed from the program's own style sheets
and Textual's, never anything the user typed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

__all__ = ["KEEP", "CachedStylesheet", "default_cache_folder"]

#: The newest this many parsed sets are kept: the sets grow as screens open, in the order the
#: user opens them, so a long-used install meets a few dozen.
KEEP = 64
SUFFIX = ".pickle"


def default_cache_folder() -> Path:
    """``$XDG_CACHE_HOME/planner/styles`` (``~/.cache/…``), as ``platformdirs`` names it."""
    import platformdirs  # Textual has already imported it

    return Path(platformdirs.user_cache_dir("planner", appauthor=False)) / "styles"


#: Textual's modules whose change could change what a parse gives or how it unpickles.
_PARSER_MODULES = (
    "__init__.py",
    "color.py",
    "css/model.py",
    "css/parse.py",
    "css/scalar.py",
    "css/styles.py",
    "css/_styles_builder.py",
    "css/tokenize.py",
    "css/types.py",
    "layouts/factory.py",
)


@functools.cache
def _textual_identity() -> str:
    """Which Textual made the rules: its folder, the version its installation records (read off
    the ``textual-<version>.dist-info`` folder's name: ``textual.__version__`` would cost ~12 ms,
    it reads the package metadata) and the size and time of the modules that parse and hold
    rules (an installation without that folder, or changed in place, still tells apart)."""
    folder = os.path.dirname(textual.__file__ or "")
    parts = [folder]
    with contextlib.suppress(OSError):
        parts += sorted(
            name
            for name in os.listdir(os.path.dirname(folder))
            if name.startswith("textual-") and name.endswith(".dist-info")
        )
    for name in _PARSER_MODULES:
        with contextlib.suppress(OSError):
            st = os.stat(os.path.join(folder, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


class CachedStylesheet(Stylesheet):
    """A :class:`Stylesheet` whose parses are read from, and written to, ``folder`` (no cache
    when ``folder`` is None)."""

    def __init__(self, *, variables: dict[str, str] | None = None, folder: Path | None) -> None:
        super().__init__(variables=variables)
        self.folder = folder
        self.hits = 0
        """Parses answered from the cache (for tests and curious users)."""

    def _key(self) -> str:
        """A digest of everything the parsed rules depend on, in the order Textual parses it.

        Two checksums and the length (``zlib`` is loaded already; ``hashlib`` would cost more
        than it saves): a false match would need both sums and the length of different sources
        to agree."""
        data = "\0".join(
            (
                sys.version,
                _textual_identity(),
                repr([(read_from, tuple(source)) for read_from, source in self.source.items()]),
                repr(sorted(self._variables.items())),
            )
        ).encode()
        return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"

    def _load(self, key: str) -> list[RuleSet] | None:
        if self.folder is None:
            return None
        try:
            data = (self.folder / f"{key}{SUFFIX}").read_bytes()
            rules: Any = pickle.loads(data)
        except Exception:  # missing, unreadable, or from another version: parse instead
            return None
        if not isinstance(rules, list) or not all(isinstance(r, RuleSet) for r in rules):
            return None
        return rules

    def _save(self, key: str, rules: list[RuleSet]) -> None:
        if self.folder is None:
            return
        path = self.folder / f"{key}{SUFFIX}"
        temp = path.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as file:
                file.write(pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temp, path)
            self._trim()
        except Exception:  # a cache that cannot be written is no cache
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def _trim(self) -> None:
        assert self.folder is not None
        entries = [e for e in os.scandir(self.folder) if e.name.endswith(SUFFIX)]
        if len(entries) <= KEEP:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - KEEP]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)

    def _use(self, rules: list[RuleSet]) -> None:
        self._rules = list(rules)
        self._rules_map = None
        self._require_parse = False
        self.hits += 1

    def parse(self) -> None:
        """Parse the sources, or read what an earlier parse of the same sources gave."""
        self._through_cache(super().parse)

    def reparse(self) -> None:
        """Parse every source again (new variables, or a screen's style sheet added), or read
        what an earlier parse of the same sources with the same variables gave."""
        self._through_cache(super().reparse)

    def _through_cache(self, parse: Callable[[], None]) -> None:
        key = self._key()
        rules = self._load(key)
        if rules is not None:
            self._use(rules)
            return
        parse()
        if self._rules is not None:
            self._save(key, self._rules)
