"""Speaker phrases and their resolution on hand-made Arabic articles (blank pipeline: fast)."""

from __future__ import annotations

import pytest

from factrack.records import Kind
from tests.support import run_attributed as run


def test_the_name_without_its_title_and_without_what_follows_it() -> None:
    [s] = run("وأكد وزير الزراعة سليم داود من القاهرة أن المحصول سيكون وفيرا.")
    assert s.speaker == "سليم داود"
    assert s.mention == "وزير الزراعة سليم داود"


def test_a_name_after_a_prepositional_description() -> None:
    [s] = run("وقال الباحث في مركز كارنيغي سامر نادر إن الحكومة ستسقط.")
    assert s.speaker == "سامر نادر"


def test_surname_resolves_to_the_full_name_met_earlier() -> None:
    a, b = run("وقالت الخبيرة الاقتصادية منى سالم إن الأسعار سترتفع.\n\nوأضافت سالم أن الأجور لن تلحق بها.")
    assert a.speaker == b.speaker == "منى سالم"


def test_describing_verb_with_its_subject_after_it() -> None:
    [s] = run("ووصفت الخبيرة منى سالم الخطة الحكومية بأنها «مسكن مؤقت».")
    assert (s.kind, s.text, s.speaker) == (Kind.PARTIAL, "مسكن مؤقت", "منى سالم")


def test_quotes_inside_reported_clauses_keep_their_verbs_speaker() -> None:
    text = (
        "وقال وزير المالية كريم ناصر إن العجز سينخفض.\n\n"
        "ويرى الباحث سامر نادر أن الحكومة «ستسقط قبل نهاية العام»، لافتا إلى أن المعارضة «لا تملك بديلا»."
    )
    first, a, b = run(text)
    assert first.speaker == "كريم ناصر"
    assert (a.text, b.text) == ("ستسقط قبل نهاية العام", "لا تملك بديلا")
    assert a.speaker == b.speaker == "سامر نادر"


def test_a_verb_without_subject_shares_the_subject_of_the_sentence() -> None:
    text = (
        "وبحسب البنك المركزي، تراجع التضخم إلى 5%.\n\n"
        "لكن الخبير هاني سعيد شكك في هذه الأرقام، وقال إن «التضخم الحقيقي أعلى بكثير من ذلك»."
    )
    first, second = run(text)
    assert first.speaker == "البنك المركزي"
    assert second.speaker == "هاني سعيد"


def test_a_quoted_outlet_between_verb_and_clause_is_not_a_statement() -> None:
    [s] = run("وقال الوزير كمال يوسف لـ«الشرق» إن «الخطة جاهزة للتنفيذ منذ شهور».")
    assert s.text == "الخطة جاهزة للتنفيذ منذ شهور" and s.speaker == "كمال يوسف"


def test_the_organisation_named_earlier() -> None:
    text = "اتفق تحالف «النور» الأحد على خطة جديدة.\n\nوقال التحالف في بيان إن الانتخابات ستجري في موعدها."
    [s] = run(text)
    assert s.speaker == "تحالف النور"


def test_figures_speak_for_their_owner_but_a_description_stays() -> None:
    a, b = run(
        "ووفقا لأرقام وزارة الصحة، ارتفع عدد الإصابات في الأسبوع الماضي.\n\n"
        "ووفق إحصاءات رسمية، تراجعت البطالة في العام الماضي."
    )
    assert a.speaker == "وزارة الصحة"
    assert b.speaker == "إحصاءات رسمية"


def test_a_feminine_verb_picks_the_speaker_it_fits() -> None:
    text = (
        "وقالت الخبيرة منى سالم إن الأسعار سترتفع.\n\n"
        "وقال الوزير كمال يوسف إن الحكومة ستتدخل.\n\n"
        "وأضافت أن الأجور لن تلحق بالأسعار."
    )
    a, b, c = run(text)
    assert (a.speaker, b.speaker, c.speaker) == ("منى سالم", "كمال يوسف", "منى سالم")


def test_but_he_warned_is_a_new_clause_by_the_same_speaker() -> None:
    a, b = run("ولفت كمال يوسف إلى أن الهجمات تراجعت، لكنه حذر من أن الخطر «ما زال قائما في كل مكان».")
    assert a.text == "الهجمات تراجعت"
    assert b.text == "ما زال قائما في كل مكان"
    assert a.speaker == b.speaker == "كمال يوسف"


def test_a_preposition_ends_a_speaker_phrase_without_title() -> None:
    [s] = run("شككت فصائل مسلحة في جدية الإعلان، معتبرة أنه «مناورة لا أكثر».")
    assert s.speaker == "فصائل مسلحة"


def test_words_that_cannot_speak_are_no_speaker() -> None:
    from factrack.extract import can_speak

    for name, code in (("it", "en"), ("demand", "en"), ("last month", "en"), ("الشهر الماضي", "ar"), ("هذه", "ar")):
        assert not can_speak(name, code), name
    for name, code in (("Joe Biden", "en"), ("Analysts", "en"), ("كتائب حزب الله", "ar"), ("الطرفين", "ar")):
        assert can_speak(name, code), name


@pytest.mark.slow
def test_an_unresolvable_speaker_is_null_with_the_mention_kept() -> None:
    [s] = run("Demand was recovering faster than supply, the report said. It said prices would rise.")[-1:]
    assert s.text == "prices would rise" and s.speaker is None and s.mention == "It"
