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


def test_speakers_quoted_under_two_scripts_are_merged_only_when_unambiguous() -> None:
    from factrack.speakers import Registry, merge_candidates

    profiles = {
        "ليلى نصار": ({"ar": 2}, {1}), "Leila Nassar": ({"en": 1}, {1}),       # two words: the name suffices
        "نصار": ({"ar": 1}, {5}), "Nassar": ({"en": 1}, {6}),                  # one short word: not enough
        "ويتفورد": ({"ar": 1}, {7}), "Whitford": ({"en": 1}, {7}),             # one long word, a shared claim
        "سامي حداد": ({"ar": 1}, set()), "Sami Haddad": ({"en": 1}, set()),
        "Sami Hadad": ({"en": 1}, set()),                                       # two candidates: left alone
        "Joe Biden": ({"en": 3}, {2}), "جو بايدن": ({"ar": 1}, {2}),            # registered: the registry decides
    }
    registry = Registry()
    registry.add("Joe Biden", ["جو بايدن"])
    merges = {(m.alias, m.name) for m in merge_candidates(profiles, registry)}
    assert merges == {("ليلى نصار", "Leila Nassar"), ("ويتفورد", "Whitford")}


def test_a_merge_restates_the_aliases_statements(tmp_path) -> None:
    import numpy as np

    from factrack.records import Article, Kind, Statement
    from factrack.speakers import Registry, merge_across_languages
    from factrack.store import Store

    with Store.open(tmp_path, write=True) as s:
        s.set_model("m", 2)
        for doc, name, lang in (("a", "ليلى نصار", "ar"), ("b", "Leila Nassar", "en")):
            st = Statement(doc=doc, text="x", start=0, end=1, kind=Kind.DIRECT, lang=lang, speaker=name)
            s.put_article(Article(doc=doc, text="x"), [st], np.ones((1, 2), np.float32))
        [m] = merge_across_languages(s, Registry())
        assert (m.alias, m.name) == ("ليلى نصار", "Leila Nassar")
        assert {st.speaker for st in s.statements([1, 2])} == {"Leila Nassar"}
        assert s.resolve_speaker("ليلى نصار") == ("Leila Nassar",)
        st = Statement(doc="c", text="y", start=0, end=1, kind=Kind.DIRECT, lang="ar", speaker="ليلى نصار")
        s.put_article(Article(doc="c", text="y"), [st], np.ones((1, 2), np.float32))
        assert merge_across_languages(s, Registry()) == []  # nothing new to decide ...
        assert s.statements([3])[0].speaker == "Leila Nassar"  # ... but the new statement is restated
