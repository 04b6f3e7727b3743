"""Quote pairing: every common mark, apostrophes, paragraphs, unbalanced marks."""

from __future__ import annotations

import pytest

from factrack.extract.quotes import find_quotes


def texts(text: str, code: str = "en") -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, code)]


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will stay" today.',
        "He said “we will stay” today.",
        "He said «we will stay» today.",
        "He said „we will stay“ today.",
        "He said ‘we will stay’ today.",
    ],
)
def test_every_common_mark(text: str) -> None:
    assert texts(text) == ["we will stay"]


def test_apostrophes_are_not_quotes() -> None:
    text = "Iraq's army doesn't say it. The ’90s and the '90s were different, said the players’ union."
    assert texts(text) == []


def test_split_quote_gives_two_pieces() -> None:
    assert texts('"First part," he said, "second part."') == ["First part", "second part"]


def test_quote_inside_quote_belongs_to_the_outer_one() -> None:
    assert texts("“He called it ‘a trick’ again,” she said.") == ["He called it ‘a trick’ again"]


def test_paragraph_continued_with_a_new_opening_mark_is_one_group() -> None:
    text = 'He said: "We will stay.\n\n"And we will train," he added.'
    quotes = find_quotes(text, "en")
    assert [text[q.start : q.end] for q in quotes] == ["We will stay", "And we will train"]
    assert quotes[0].group == quotes[1].group and quotes[0].close_at is None


def test_arabic_quote_closing_in_the_next_paragraph() -> None:
    text = "وقال «نحن باقون\nوسنواصل التدريب» ثم غادر."
    quotes = find_quotes(text, "ar")
    assert [text[q.start : q.end] for q in quotes] == ["نحن باقون", "وسنواصل التدريب"]
    assert len({q.group for q in quotes}) == 1


def test_unbalanced_mark_is_skipped_and_the_rest_kept() -> None:
    text = 'He said "this never closes.\n\nLater she said "all is well" and left.'
    assert texts(text) == ["all is well"]


def test_mark_glued_to_an_arabic_preposition() -> None:
    assert texts('وطالبت الهيئة بـ"انسحاب القوات" أمس.', "ar") == ["انسحاب القوات"]
