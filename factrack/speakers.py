"""The speaker registry: one canonical (English) name per person or body, aliases in any language.

It is what makes "بايدن" in an Arabic article and "Biden" in an English one the same speaker.
Aliases are matched on folded text (``factrack.normalize.fold``), so spelling variants of hamza,
alef and ya need not be listed. Role words ("the president", "الرئيس الأميركي") are deliberately
not aliases: who they mean depends on the article, and extraction resolves them there.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from factrack.errors import InputError
from factrack.normalize import fold, fold_with_map

_WORD = re.compile(r"\w+")
# one-letter Arabic conjunctions/prepositions glued to a name: وبايدن، لبايدن
_CLITICS = ("و", "ف", "ب", "ل")


@dataclass(frozen=True)
class Speaker:
    """A registered speaker: canonical English name, every alias, and a role for display."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None


def _key(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


@dataclass
class Registry:
    """Canonical speakers and an index from folded alias word sequences to canonical names."""

    _speakers: dict[str, Speaker] = field(default_factory=dict)
    _index: dict[tuple[str, ...], str] = field(default_factory=dict)
    _longest: int = 1

    def add(self, name: str, aliases: tuple[str, ...] | list[str] = (), role: str | None = None) -> Speaker:
        """Register a speaker, or merge aliases into the one already registered under ``name``."""
        old = self._speakers.get(name)
        merged = tuple(dict.fromkeys((*(old.aliases if old else ()), *aliases)))
        speaker = Speaker(name, merged, role or (old.role if old else None))
        self._speakers[name] = speaker
        for alias in (name, *merged):
            key = _key(alias)
            if key:
                self._index[key] = name
                self._longest = max(self._longest, len(key))
        return speaker

    def canonical(self, name: str) -> str | None:
        """The canonical name for ``name`` if it is a registered alias (folded match), else None."""
        key = _key(name)
        if key in self._index:
            return self._index[key]
        if key and key[0][:1] in _CLITICS and (key[0][1:],) + key[1:] in self._index:
            return self._index[(key[0][1:],) + key[1:]]
        return None

    def get(self, canonical: str) -> Speaker:
        """The registered speaker; KeyError when there is none by that name."""
        return self._speakers[canonical]

    def all(self) -> list[Speaker]:
        """Every registered speaker, sorted by name."""
        return sorted(self._speakers.values(), key=lambda s: s.name)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Registered aliases inside ``text``: (canonical, start, end) in ``text``'s offsets.

        Longest match first at each word; a one-letter clitic on the first word is allowed.
        """
        folded, back = fold_with_map(text)
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
        out: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(self._longest, len(words) - i), 0, -1):
                seq = tuple(w for w, _, _ in words[i : i + n])
                name = self._index.get(seq)
                skip = 0
                if name is None and seq[0][:1] in _CLITICS and len(seq[0]) > 2:
                    name = self._index.get((seq[0][1:],) + seq[1:])
                    skip = 1
                if name is not None:
                    start = back[words[i][1] + skip]
                    end = back[words[i + n - 1][2] - 1] + 1
                    hit = (name, start, end, n)
                    break
            if hit:
                out.append(hit[:3])
                i += hit[3]
            else:
                i += 1
        return out

    def __len__(self) -> int:
        return len(self._speakers)


def _entries(data: Any, source: str) -> list[dict[str, Any]]:
    rows = data.get("speakers", data) if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str) for r in rows):
        raise InputError(f"{source}: expected a list of speakers, each with a \"name\"")
    return rows


def _load_into(registry: Registry, text: str, source: str) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{source}: not valid JSON ({e.msg}, line {e.lineno})") from None
    for row in _entries(data, source):
        aliases = row.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(f"{source}: aliases of {row['name']!r} must be a list of strings")
        role = row.get("role")
        registry.add(row["name"], aliases, role if isinstance(role, str) else None)


def user_file() -> Path | None:
    """``$FACTRACK_HOME/speakers.json`` when it exists."""
    home = os.environ.get("FACTRACK_HOME")
    path = Path(home) / "speakers.json" if home else None
    return path if path and path.is_file() else None


def load_registry(extra: Path | None = None) -> Registry:
    """The bundled registry, extended by the user's file and by ``extra`` (later files add aliases)."""
    registry = Registry()
    bundled = resources.files("factrack") / "data" / "speakers.json"
    _load_into(registry, bundled.read_text(encoding="utf-8"), "bundled speakers.json")
    for path in (user_file(), extra):
        if path is None:
            continue
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"cannot read speakers file {path}: {e.strerror}") from None
        _load_into(registry, text, str(path))
    return registry


@dataclass(frozen=True)
class SpeakerMerge:
    """Two spellings found to be one speaker: ``alias`` is stored as ``name`` from now on."""

    alias: str
    name: str
    evidence: tuple[str, ...]


def merge_candidates(profiles: dict[str, tuple[dict[str, int], set[int]]], registry: Registry | None = None
                     ) -> list[SpeakerMerge]:
    """Unregistered speakers quoted in one language only whose name is a spelling of a speaker
    quoted in another (``factrack.translit.same_name``). Two-word names need only the name
    (``same_name`` itself refuses a short single word); a single-word name also needs a claim both
    speakers took part in. A name that could be two others is left alone. The other script's
    spelling is kept as the alias; a Latin spelling is preferred as the name (registry names are
    English)."""
    from factrack.translit import same_name

    registry = registry if registry is not None else load_registry()

    def lang_of(langs: dict[str, int]) -> str | None:
        return next(iter(langs)) if len(langs) == 1 else None

    single = {n: (lang_of(langs), claims) for n, (langs, claims) in profiles.items()
              if lang_of(langs) is not None and registry.canonical(n) is None}
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    names = sorted(single)
    for i, a in enumerate(names):
        la, ca = single[a]
        for b in names[i + 1 :]:
            lb, cb = single[b]
            if la == lb or not same_name(a, la, b, lb):  # type: ignore[arg-type]
                continue
            shared = ca & cb
            words = min(len(_WORD.findall(a)), len(_WORD.findall(b)))
            if words < 2 and not shared:
                continue
            alias, name = (a, b) if lb == "en" else (b, a)
            evidence: tuple[str, ...] = (f"'{a}' ({la}) and '{b}' ({lb}) are spellings of one name",)
            if shared:
                evidence += (f"both in claim {', '.join(f'#{c}' for c in sorted(shared)[:3])}",)
            found.setdefault(alias, []).append((name, evidence))
    targets: dict[str, int] = {}
    for options in found.values():
        for name, _ in options:
            targets[name] = targets.get(name, 0) + 1
    return [SpeakerMerge(alias, options[0][0], options[0][1]) for alias, options in sorted(found.items())
            if len(options) == 1 and targets[options[0][0]] == 1 and options[0][0] not in found]


class SpeakerStore(Protocol):
    """What ``merge_across_languages`` needs of a ``factrack.store.Store``: structural, because
    extraction reads this module and extraction never imports the store (docs/architecture.md)."""

    def transaction(self, *, bump: bool = ...) -> AbstractContextManager[None]: ...
    def apply_speaker_merges(self, merges: dict[str, str] | None = ...) -> int: ...
    def speaker_profiles(self) -> dict[str, tuple[dict[str, int], set[int]]]: ...
    def merge_speaker(self, alias: str, name: str, evidence: Sequence[str]) -> int: ...


def merge_across_languages(store: SpeakerStore, registry: Registry | None = None) -> list[SpeakerMerge]:
    """Find and record the speakers quoted under two scripts (``merge_candidates``), and restate
    the statements of merged aliases; returns the new merges."""
    with store.transaction(bump=False):
        store.apply_speaker_merges()
        merges = merge_candidates(store.speaker_profiles(), registry)
        for m in merges:
            store.merge_speaker(m.alias, m.name, m.evidence)
    return merges
