"""Reasons a fact-checker can act on: a contradiction judged without a cue word names, in each
side's own words, what one statement says where the other says something else."""

from __future__ import annotations

from factrack.compare.scoring import _word_reasons


def test_swapped_words_are_quoted_as_phrases_of_each_side() -> None:
    (r,) = _word_reasons("The occupying forces must leave Iraq now",
                         "The timetable for the withdrawal of forces from Iraq is set")
    assert r.startswith('wording differs: A says "occupying"')
    assert '"timetable for the withdrawal"' in r.split(" where B says ", 1)[1]
    assert '"the' not in r and 'the"' not in r  # phrases start and end on a content word
    (r,) = _word_reasons("The talks ended on Monday in Baghdad", "The talks collapsed on Monday in Baghdad")
    assert r == 'wording differs: A says "ended" where B says "collapsed"'


def test_arabic_phrases_keep_their_letters() -> None:
    (r,) = _word_reasons("قال إن القوات المحتلة يجب أن تغادر", "قال إن جدول الانسحاب للقوات تم تحديده")
    assert '"جدول الانسحاب"' in r and "المحتلة" in r


def test_no_reason_without_a_swap() -> None:
    assert _word_reasons("The talks ended", "The talks ended in Baghdad on Monday") == []  # B only adds
    assert _word_reasons("Oil prices rose sharply", "أسعار النفط ارتفعت") == []  # across languages
    assert _word_reasons("The minister opened the new bridge in Basra on Sunday morning",
                         "Heavy rain flooded several streets of Mosul while schools stayed closed") == []
