"""The speaker's stance on hand-made Arabic and English sentences: the text stays the claim, the
polarity comes from the cue, a negation in the claim's own words is recorded apart."""

from __future__ import annotations

import pytest

from factrack.extract.stance import negated
from factrack.records import Polarity, Statement
from tests.support import run_attributed

D, Q, A = Polarity.DENIES, Polarity.QUESTIONS, Polarity.ASSERTS


def one(text: str) -> Statement:
    found = run_attributed(text)
    assert len(found) == 1, [s.text for s in found]
    return found[0]


@pytest.mark.parametrize(("sentence", "claim", "polarity"), [
    ("نفى وزير التجارة علي منصور أن يكون وزن الرغيف قد تغير.", "يكون وزن الرغيف قد تغير", D),
    ("وكذّب المتحدث ما تردد من أن الوزير استقال.", "الوزير استقال", D),
    ("وفنّد الجيش المزاعم بأن القوات انسحبت من المدينة.", "القوات انسحبت من المدينة", D),
    ("واستبعد الوزير أن ترتفع الأسعار قبل نهاية العام.", "ترتفع الأسعار قبل نهاية العام", D),
    ("ونفى الجيش صحة التقارير التي تفيد بأن القوات انسحبت من المدينة.", "القوات انسحبت من المدينة", D),
    ("وقال المحافظ إنه لا صحة لما تردد من أن المعبر أغلق يوم الأحد.", "المعبر أغلق يوم الأحد", D),
    ("ولم يؤكد المتحدث أن 14 حياً تعرضت للقصف.", "14 حياً تعرضت للقصف", D),
    ("ووصف المتحدث باسم الوزارة الأنباء عن إغلاق المصنع بأنها عارية عن الصحة.", "إغلاق المصنع", D),
    ("وشكك الخبير هاني عزت في أن تكون الأرقام دقيقة.", "تكون الأرقام دقيقة", Q),
    ("وتساءلت النائبة رنا صالح عما إذا كان الدعم سيصل إلى الأسر الفقيرة.", "كان الدعم سيصل إلى الأسر الفقيرة", Q),
    ("وقال الخباز سمير فتحي إن الرغيف فقد عشرين غراماً من وزنه.", "الرغيف فقد عشرين غراماً من وزنه", A),
    ("وسأل النائب رامي سعد عما إذا كانت الحكومة ستدفع الرواتب.", "كانت الحكومة ستدفع الرواتب", Q),
])
def test_arabic_stance_cues(sentence: str, claim: str, polarity: Polarity) -> None:
    s = one(sentence)
    assert (s.text, s.polarity) == (claim, polarity)


def test_arabic_negated_quote_is_the_speaker_asserting_a_negative() -> None:
    s = one("وقال مدير المصنع حسن علي: «لم نغلق المصنع يوماً واحداً».")
    assert (s.polarity, s.negated) == (A, True)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "claim", "polarity"), [
    ("Trade minister Ali Mansour denied that the loaf's weight had changed.", "the loaf's weight had changed", D),
    ("The ministry dismissed reports that the plant was shut as baseless.", "the plant was shut", D),
    ("The central bank rejected claims that the currency would be devalued.", "the currency would be devalued", D),
    ("The governor said there is no truth to reports that the crossing was closed on Sunday.",
     "the crossing was closed on Sunday", D),
    ("Spokesman Omar Haddad did not confirm that 14 neighbourhoods were shelled.", "14 neighbourhoods were shelled", D),
    ("Opposition lawmaker Rana Saleh questioned whether the subsidy would reach poor families.",
     "the subsidy would reach poor families", Q),
    ("The baker Samir Fathy said the loaf had shrunk by 20 grams.", "the loaf had shrunk by 20 grams", A),
    ("Opposition lawmaker Rana Saleh asked whether the subsidy would reach poor families.",
     "the subsidy would reach poor families", Q),
    ("The minister asked the governors to report by Friday.", "to report by Friday", A),  # a request, no question
])
def test_english_stance_cues(sentence: str, claim: str, polarity: Polarity) -> None:
    s = one(sentence)
    assert (s.text, s.polarity) == (claim, polarity)


@pytest.mark.slow
def test_english_negated_quote_and_question() -> None:
    s = one('Plant manager Hassan Ali said: "We never shut the plant, not for a single day."')
    assert (s.polarity, s.negated) == (A, True)
    s = one('"Who will pay for the new bridge?" asked councillor Mona Fares.')
    assert s.polarity == Q


def test_negated_reads_the_claims_own_words() -> None:
    assert negated("we never shut the plant", "en") and negated("the plant wasn't shut", "en")
    assert not negated("the plant was shut", "en")
    assert negated("لم نغلق المصنع", "ar") and negated("ولن تغادر القوات", "ar")
    assert not negated("أغلقنا المصنع", "ar")
