"""The record apart from tasks: profile, settings, purposes, skills, and the days' records.

:class:`Journal` is the part of :class:`planner.store.Store` that reads and writes
``meta.json`` (profile, settings, purposes, skills) and the ``days`` table of each month file
(stress rating, reflection, whether the reminder was shown). Import :class:`Store` from
:mod:`planner.store`; this module only keeps that one under its size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from planner import documents
from planner.model import DayRecord, Reflection, draft_statement, parse_stress, skill_name
from planner.records import META, SERIES, RecordFolder, month_name, where

if TYPE_CHECKING:
    from planner.model_meta import Profile, Purpose, Settings, Skill

__all__ = ["Journal"]

Doc = dict[str, Any]


class Journal(RecordFolder):
    """Profile, settings, purposes, skills and day records over a :class:`RecordFolder`."""

    def _table(self, name: str, table: str) -> list[Doc]:
        """The documents of one table, shared with the read cache: never modify them."""
        return RecordFolder.raw_table(self, name, table)

    # ------------------------------------------------------------------ meta
    def profile(self) -> Profile:
        """The user's profile (next step, stress threshold)."""
        docs = self._table(META, "profile")
        return self._decode(META, documents.doc_to_profile, docs[0] if docs else {})

    def stress_threshold(self) -> int:
        """The profile's stress threshold (``profile().stress_threshold``, the profile checked
        alike, without building it: the shell commands never load the meta values)."""
        docs = self._table(META, "profile")
        return self._decode(META, documents.profile_threshold, docs[0] if docs else {})

    def save_profile(self, profile: Profile) -> None:
        """Replace the profile, keeping fields this program does not know."""
        self._put_single(META, "profile", documents.profile_to_doc(profile))

    def settings(self) -> Settings:
        """The app's settings (theme, keymap)."""
        docs = self._table(META, "settings")
        return self._decode(META, documents.doc_to_settings, docs[0] if docs else {})

    def save_settings(self, settings: Settings) -> None:
        """Replace the settings."""
        self._put_single(META, "settings", documents.settings_to_doc(settings))

    def _put_single(self, name: str, table: str, doc: dict[str, Any]) -> None:
        with self._open(name) as db:
            t = db.table(table)
            existing = t.all()
            if existing:
                t.update(doc, doc_ids=[existing[0].doc_id])
            else:
                t.insert(doc)

    def purposes(self, include_archived: bool = True) -> list[Purpose]:
        """Every purpose, in the order created."""
        found = [
            self._decode(META, documents.doc_to_purpose, d) for d in self._table(META, "purposes")
        ]
        return [p for p in found if include_archived or not p.archived]

    def skills(self, include_archived: bool = True) -> list[Skill]:
        """Every skill, in the order created."""
        found = [self._decode(META, documents.doc_to_skill, d) for d in self._table(META, "skills")]
        return [s for s in found if include_archived or not s.archived]

    def save_purpose(self, purpose: Purpose) -> None:
        """Create or update a purpose by slug."""
        with self._open(META) as db:
            db.table("purposes").upsert(
                documents.purpose_to_doc(purpose), where("slug") == purpose.slug
            )

    def save_skill(self, skill: Skill) -> None:
        """Create or update a skill by slug."""
        with self._open(META) as db:
            db.table("skills").upsert(documents.skill_to_doc(skill), where("slug") == skill.slug)

    def ensure_tags(
        self, purposes: Iterable[str], skills: Iterable[str]
    ) -> tuple[list[str], list[str]]:
        """Create the purposes and skills not seen before; returns the slugs created."""
        wanted_p, wanted_s = list(purposes), list(skills)
        known_p = {
            self._decode(META, documents.purpose_slug, d) for d in self._table(META, "purposes")
        }
        known_s = {self._decode(META, documents.skill_slug, d) for d in self._table(META, "skills")}
        if set(wanted_p) <= known_p and set(wanted_s) <= known_s:
            return [], []
        from planner.model_meta import Purpose, Skill

        created_p: list[str] = []
        created_s: list[str] = []
        with self._open(META) as db:
            tp, ts = db.table("purposes"), db.table("skills")
            have_p = {d.get("slug") for d in tp.all()}
            have_s = {d.get("slug") for d in ts.all()}
            for slug in wanted_p:
                if slug not in have_p:
                    tp.insert(
                        documents.purpose_to_doc(Purpose(slug, draft_statement(slug), draft=True))
                    )
                    have_p.add(slug)
                    created_p.append(slug)
            for slug in wanted_s:
                if slug not in have_s:
                    ts.insert(documents.skill_to_doc(Skill(slug, skill_name(slug))))
                    have_s.add(slug)
                    created_s.append(slug)
        return created_p, created_s

    def archived_tags(
        self, purposes: Iterable[str], skills: Iterable[str]
    ) -> tuple[list[str], list[str]]:
        """Which of these purposes and skills are archived, in the order given: a new task may
        still be linked to them, and the user is told so."""
        wanted_p, wanted_s = list(purposes), list(skills)
        if not wanted_p and not wanted_s:
            return [], []
        # From the documents, as ensure_tags reads them: ``planner add`` decodes no purpose.
        archived_p = self._archived(documents.purpose_state, "purposes")
        archived_s = self._archived(documents.skill_state, "skills")
        return [p for p in wanted_p if p in archived_p], [s for s in wanted_s if s in archived_s]

    def _archived(self, state: Callable[[Doc], tuple[str, bool]], table: str) -> set[str]:
        states = (self._decode(META, state, doc) for doc in self._table(META, table))
        return {slug for slug, archived in states if archived}

    def is_empty(self) -> bool:
        """True for a record with no tasks, no series and no purposes (the welcome shows then)."""
        return not self.month_files() and not self._table(SERIES, "series") and not self.purposes()

    # ------------------------------------------------------------------ days
    def day_record(self, day: date) -> DayRecord:
        """The rating and reflection of ``day`` (an empty record when there is none)."""
        name = month_name(day)
        for doc in self._table(name, "days"):
            if doc.get("day") == day.isoformat():
                return self._decode(name, documents.doc_to_day, doc)
        return DayRecord(day)

    def day_records(self, first: date, last: date) -> dict[date, DayRecord]:
        """Day records with ``first <= day <= last``, by day."""
        result: dict[date, DayRecord] = {}
        for name in self.month_files():
            if name < month_name(first) or name > month_name(last):
                continue
            for doc in self._table(name, "days"):
                record = self._decode(name, documents.doc_to_day, doc)
                if first <= record.day <= last:
                    result[record.day] = record
        return result

    def _update_day(self, day: date, change: Callable[[DayRecord], DayRecord]) -> DayRecord:
        name = month_name(day)
        with self._open(name) as db:
            table = db.table("days")
            existing = table.get(where("day") == day.isoformat())
            record = (
                self._decode(name, documents.doc_to_day, existing) if existing else DayRecord(day)
            )
            updated = change(record)
            doc = documents.day_to_doc(updated)
            if existing is not None:
                # The reflection is nested: keep the fields of it this program does not know.
                old = existing.get("reflection")
                if isinstance(old, dict) and isinstance(doc["reflection"], dict):
                    doc["reflection"] = {**old, **doc["reflection"]}
                table.update(doc, doc_ids=[existing.doc_id])
            else:
                table.insert(doc)
        return updated

    def set_stress(self, day: date, stress: int | None) -> DayRecord:
        """Rate ``day`` (1–5) or clear its rating (``None``); raises ValidationError otherwise."""
        if stress is not None:
            stress = parse_stress(stress)
        return self._update_day(day, lambda r: r.with_changes(stress=stress))

    def save_reflection(
        self, day: date, reflection: Reflection, stress: int | None = None
    ) -> DayRecord:
        """Save the day's reflection (and its rating when given)."""
        if stress is not None:
            stress = parse_stress(stress)
        saved_at = reflection.saved_at or self.now().isoformat(timespec="seconds")
        stamped = reflection.with_changes(saved_at=saved_at)
        return self._update_day(
            day,
            lambda r: r.with_changes(
                reflection=stamped, stress=stress if stress is not None else r.stress
            ),
        )

    def mark_reminded(self, day: date) -> bool:
        """Record that the purpose reminder was shown by itself on ``day``; False if it was."""
        with self._locked():
            if self.day_record(day).reminded:
                return False
            self._update_day(day, lambda r: r.with_changes(reminded=True))
        return True

    def previous_day_with_record(self, day: date) -> DayRecord:
        """Yesterday's record (for the intention shown in today's header)."""
        return self.day_record(day - timedelta(days=1))

    def search_reflections(self, text: str) -> list[DayRecord]:
        """Days whose reflection contains every word of ``text`` (case-insensitive), newest first.

        An empty ``text`` matches every saved reflection that has an answer.
        """
        words = text.casefold().split()
        found: list[DayRecord] = []
        for name in self.month_files():
            for doc in self._table(name, "days"):
                record: DayRecord = self._decode(name, documents.doc_to_day, doc)
                if record.reflection is None or record.reflection.is_empty:
                    continue
                answers = " \n".join(a for _, a in record.reflection.answers()).casefold()
                if all(word in answers for word in words):
                    found.append(record)
        return sorted(found, key=lambda r: r.day, reverse=True)

    def rename_tag(self, kind: str, old: str, new: str) -> int:
        """Give a purpose (``kind="purpose"``) or a skill (``"skill"``) a new slug.

        Every task, every recurring series and the profile's next-step skills that refer to
        ``old`` are rewritten, all under one lock, each file replaced atomically; nothing is
        written when ``new`` is taken or ``old`` does not exist (``ValidationError``).
        Returns how many tasks and series were changed.
        """
        from planner.model import ValidationError, check_slug

        field = {"purpose": "purposes", "skill": "skills"}[kind]
        new = check_slug(new, kind)
        if new == old:
            return 0
        changed = 0
        with self._locked():
            # Only the month files that refer to the old slug are rewritten; the scan happens
            # inside the lock so a task added meanwhile by another process is not missed.
            names = [
                n
                for n in self.month_files()
                if any(old in (d.get(field) or ()) for d in self._table(n, "tasks"))
            ]
            with self.transaction(META, SERIES, *names) as dbs:
                tags = dbs[META].table(field)
                if tags.contains(where("slug") == new):
                    raise ValidationError(f"a {kind} called {new!r} already exists")
                if not tags.contains(where("slug") == old):
                    raise ValidationError(f"no {kind} called {old!r}")
                tags.update({"slug": new}, where("slug") == old)
                if kind == "skill":
                    profile = dbs[META].table("profile")
                    for doc in profile.all():
                        wanted = doc.get("next_step_skills") or []
                        if isinstance(wanted, list) and old in wanted:
                            renamed = _renamed(wanted, old, new)
                            profile.update({"next_step_skills": renamed}, doc_ids=[doc.doc_id])
                for name in (SERIES, *names):
                    table = dbs[name].table("series" if name == SERIES else "tasks")
                    for doc in table.all():
                        refs = doc.get(field)
                        if isinstance(refs, list) and old in refs:
                            table.update({field: _renamed(refs, old, new)}, doc_ids=[doc.doc_id])
                            changed += 1
        return changed


def _renamed(values: list[Any], old: str, new: str) -> list[Any]:
    """``values`` with ``old`` replaced by ``new``, in place, without duplicates."""
    result: list[Any] = []
    for value in values:
        value = new if value == old else value
        if value not in result:
            result.append(value)
    return result
