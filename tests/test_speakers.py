"""The speaker registry: canonical names across languages, user extensions, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factrack.errors import InputError
from factrack.speakers import Registry, load_registry


def test_bundled_registry_joins_arabic_and_english_aliases() -> None:
    reg = load_registry()
    assert reg.canonical("بايدن") == reg.canonical("Biden") == reg.canonical("جو بايدن") == "Joe Biden"
    assert reg.canonical("اوستن") == "Lloyd Austin"  # folded: hamza form does not matter
    assert reg.canonical("وبايدن") == "Joe Biden"  # a glued conjunction
    assert reg.canonical("الرئيس الأميركي") is None  # role words are not aliases
    assert reg.get("Joe Biden").role


def test_find_gives_offsets_in_the_original_text() -> None:
    reg = load_registry()
    text = "وزير الدفاع الأميركي لويد أوستن"
    [(name, s, e)] = reg.find(text)
    assert name == "Lloyd Austin" and text[s:e] == "لويد أوستن"


def test_add_merges_aliases() -> None:
    reg = Registry()
    reg.add("Jane Roe", ["Roe"])
    reg.add("Jane Roe", ["جين رو"], role="minister")
    assert reg.get("Jane Roe").aliases == ("Roe", "جين رو")
    assert reg.canonical("جين رو") == "Jane Roe" and len(reg) == 1


def test_user_file_extends_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "speakers.json").write_text(
        json.dumps([{"name": "Joe Biden", "aliases": ["POTUS"]}, {"name": "Sara Adel", "aliases": ["سارة عادل"]}]),
        encoding="utf-8",
    )
    monkeypatch.setenv("FACTRACK_HOME", str(tmp_path))
    reg = load_registry()
    assert reg.canonical("potus") == "Joe Biden" and reg.canonical("بايدن") == "Joe Biden"
    assert reg.canonical("سارة عادل") == "Sara Adel"


def test_bad_user_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text('{"speakers": [{"aliases": []}]}', encoding="utf-8")
    with pytest.raises(InputError):
        load_registry(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(InputError):
        load_registry(bad)
