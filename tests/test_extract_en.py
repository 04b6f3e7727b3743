"""Extraction on hand-made English articles: loads the English spaCy pipeline, so marked slow."""

from __future__ import annotations

import pytest

from factrack.records import Kind
from tests.support import run

pytestmark = pytest.mark.slow




def test_said_that_with_subject_from_the_parse() -> None:
    [s] = run("Defense Secretary Lloyd Austin said on Sunday that the troops would stay in the region.")
    assert s.kind == Kind.INDIRECT
    assert s.text == "the troops would stay in the region"
    assert s.speaker == "Lloyd Austin"
    assert s.mention == "Defense Secretary Lloyd Austin"


def test_split_quote_same_speaker_and_pronoun_resolution() -> None:
    text = (
        'Mayor Laura Stone said on Monday that repairs would start soon.\n\n'
        '"We will rebuild the bridge," she said, "and we will do it before the winter comes."'
    )
    first, a, b = run(text)
    assert (a.text, b.text) == ("We will rebuild the bridge", "and we will do it before the winter comes")
    assert a.mention == b.mention == "she"
    assert first.speaker == a.speaker == b.speaker == "Laura Stone"  # the name without the title


def test_surname_and_role_resolve_to_the_full_name() -> None:
    text = (
        "Pentagon spokesman John Kirby said the numbers would not change.\n\n"
        '"Our mission against the group is not over yet," Kirby told reporters.\n\n'
        "A senior administration official said talks would go on. The official added that a deal was close."
    )
    statements = run(text)
    assert [s.speaker for s in statements] == [
        "John Kirby",
        "John Kirby",
        "senior administration official",  # the speaker's name drops the article
        "senior administration official",
    ]


def test_according_to_and_partial_quote() -> None:
    text = (
        "Prices rose by a third last year, according to the central bank.\n\n"
        'The economist Maria Lopez called the official figures "a fantasy."'
    )
    a, b = run(text)
    assert a.kind == Kind.INDIRECT and a.speaker == "central bank"
    assert a.text == "Prices rose by a third last year"
    assert b.kind == Kind.PARTIAL and b.text == "a fantasy" and b.speaker == "Maria Lopez"


def test_registry_joins_english_and_arabic_speakers() -> None:
    text = 'President Biden said the mission would end.\nوقال بايدن "لن نكون في مهمة قتالية مع نهاية العام المقبل".'
    en, ar = run(text)
    assert (en.lang, ar.lang) == ("en", "ar")
    assert en.speaker == ar.speaker == "Joe Biden"


def test_apostrophes_and_scare_quotes_are_not_statements() -> None:
    statements = run("Iraq's army doesn't use the word \"combat\" anymore. The '90s are over.")
    assert [s for s in statements if s.kind != Kind.CLAIM] == []


def test_claim_in_english() -> None:
    statements = run("About 2,500 U.S. troops remain in the country. The talks began in July 2021.")
    assert [s.text for s in statements if s.kind == Kind.CLAIM] == ["About 2,500 U.S. troops remain in the country"]


def test_multi_paragraph_quote() -> None:
    text = (
        'The minister said: "We have done our part.\n\n'
        '"Now it is up to the others to do theirs," she added.'
    )
    a, b = run(text)
    assert a.speaker == b.speaker == "minister"
    assert (a.kind, b.kind) == (Kind.DIRECT, Kind.DIRECT)


def test_title_and_appositive_give_the_persons_name() -> None:
    text = (
        'Economist Leila Nassar called the deal "a painkiller, not a cure."\n\n'
        "The agency's director general, Karim Saade, denied that supply had improved."
    )
    a, b = run(text)
    assert a.speaker == "Leila Nassar" and a.text == "a painkiller, not a cure"
    assert b.speaker == "Karim Saade"


def test_honorific_surname_and_gendered_pronoun() -> None:
    text = (
        "Sara Malik, an analyst in Dubai, disagreed with the forecast.\n\n"
        '"Prices will come down as the barrels arrive," said Mr Reed, an oil analyst.\n\n'
        "She said demand was recovering faster than supply.\n\n"
        '"Inventories are drawing and will keep drawing," Ms Malik added.'
    )
    statements = run(text)
    assert [s.speaker for s in statements] == ["Reed", "Sara Malik", "Sara Malik"]  # he is Mr: she is not him


def test_anonymity_formulas_and_indirect_questions_are_not_statements() -> None:
    text = (
        "Another delegate, who asked not to be named, said the compromise was fair.\n\n"
        "The minister, who would not say whether prices would rise, left early."
    )
    [s] = run(text)
    assert s.text == "the compromise was fair"


def test_the_group_means_the_organisation_met_before() -> None:
    text = (
        "OPEC+ agreed on Sunday to raise output.\n\n"
        '"The group will adjust its production upward every month," the alliance said.'
    )
    statements = run(text)
    assert statements[-1].speaker == "OPEC+"
