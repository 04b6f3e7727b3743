import dataclasses

import pytest

from factrack.records import Article, Kind, Statement


def test_statement_round_trips_and_is_frozen():
    s = Statement(doc="a.txt", text="نعم", start=5, end=8, kind=Kind.DIRECT, lang="ar", speaker="Joe Biden")
    d = s.to_dict()
    assert d["kind"] == "direct"
    assert Statement.from_dict(d) == s
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.text = "x"  # type: ignore[misc]


def test_check_offsets():
    text = "قال: «نعم»"
    s = Statement(doc="a", text="نعم", start=6, end=9, kind=Kind.DIRECT, lang="ar")
    s.check(text)
    with pytest.raises(ValueError):
        dataclasses.replace(s, start=5).check(text)


def test_content_hash_changes_with_content_only():
    a = Article(doc="a.txt", text="hello")
    assert a.content_hash == Article(doc="b.txt", text="hello").content_hash
    assert a.content_hash != Article(doc="a.txt", text="hello!").content_hash
