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
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

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
