"""Extraction on hand-made Arabic articles (blank spaCy pipeline: fast, no marker needed)."""

from __future__ import annotations

from factrack.extract import segments
from factrack.records import Kind, Statement
from tests.support import run


def only(statements: list[Statement], kind: Kind) -> list[Statement]:
    return [s for s in statements if s.kind == kind]


def test_indirect_speech_with_speaker_after_the_verb() -> None:
    text = "وقال وزير الدفاع الأميركي لويد أوستن الأحد إن القوات ستبقى في البلاد حتى نهاية العام."
    [s] = run(text)
    assert s.kind == Kind.INDIRECT
    assert s.text == "القوات ستبقى في البلاد حتى نهاية العام"
    assert s.mention == "وزير الدفاع الأميركي لويد أوستن"  # without the day
    assert s.speaker == "Lloyd Austin"  # registered: canonical English name
    assert s.cue == "وقال"
    assert text[s.mention_start : s.mention_end] == s.mention


def test_speaker_before_the_verb_and_unregistered_speaker_kept_as_written() -> None:
    [s] = run("لكن وسائل إعلام محلية أشارت إلى أن الاتفاق لن يصمد طويلا.")
    assert s.speaker == "وسائل إعلام محلية"
    assert s.text == "الاتفاق لن يصمد طويلا"


def test_direct_quote_text_is_inside_the_marks() -> None:
    [s] = run('وقال المتحدث باسم الحكومة سمير خالد "لن نتراجع عن هذا القرار مهما كانت الضغوط".')
    assert s.kind == Kind.DIRECT
    assert s.text == "لن نتراجع عن هذا القرار مهما كانت الضغوط"
    assert s.speaker == "سمير خالد"  # the name without the title
    assert s.mention == "المتحدث باسم الحكومة سمير خالد"


def test_partial_quote_in_the_writers_sentence() -> None:
    [s] = run('وطالبت نقابة المعلمين الخميس بـ"زيادة الأجور" قبل بدء العام الدراسي.')
    assert s.kind == Kind.PARTIAL
    assert s.text == "زيادة الأجور"
    assert s.speaker == "نقابة المعلمين"


def test_names_and_scare_quotes_are_not_statements() -> None:
    text = (
        "ويرى سامي يوسف من مركز 'الدراسات الاستراتيجية' للأبحاث، أن الحكومة ستسقط قريبا.\n\n"
        'ويعمل الجنود هناك بصفة "مدربين أو مستشارين".'
    )
    statements = run(text)
    assert [s.text for s in statements] == ["الحكومة ستسقط قريبا"]
    assert statements[0].speaker.startswith("سامي يوسف")


def test_continuation_keeps_the_previous_speaker() -> None:
    text = (
        'وقال وزير المالية كريم ناصر إن العجز سينخفض هذا العام.\n\n'
        'وأضاف "لن نفرض ضرائب جديدة على الطبقة الوسطى في الموازنة المقبلة".'
    )
    first, second = run(text)
    assert second.kind == Kind.DIRECT
    assert second.speaker == first.speaker == "كريم ناصر"
    assert second.cue == "وأضاف"


def test_title_resolves_to_the_name_met_earlier() -> None:
    text = (
        "أعلن الرئيس الأميركي جو بايدن أن المهمة القتالية ستنتهي.\n\n"
        'وقال الرئيس الأميركي "سنواصل التعاون مع شركائنا في المنطقة كلها".'
    )
    first, second = run(text)
    assert first.speaker == second.speaker == "Joe Biden"
    assert second.mention == "الرئيس الأميركي"


def test_possessor_name_is_not_the_speaker() -> None:
    [s] = run("وقال مسؤول كبير في إدارة بايدن إن المحادثات كانت مثمرة.")
    assert s.speaker == "مسؤول كبير في إدارة بايدن"


def test_attribution_phrase_before_and_after() -> None:
    text = (
        "سيرتفع سعر الخبز المدعوم في كل المحافظات، وفق ما أعلن وزير التموين علي حسن.\n\n"
        "وبحسب مصدر حكومي، فإن الحكومة ستراجع القرار في الشهر المقبل."
    )
    first, second = run(text)
    assert first.text == "سيرتفع سعر الخبز المدعوم في كل المحافظات"
    assert first.speaker == "علي حسن"
    assert second.speaker == "مصدر حكومي"
    assert second.text.endswith("الحكومة ستراجع القرار في الشهر المقبل")


def test_split_quote_gives_two_statements_with_one_speaker() -> None:
    text = 'وقال وزير الخارجية فؤاد حسين "نريد جدولا زمنيا واضحا للانسحاب" في بغداد، لكن "الحوار مستمر مع واشنطن حول كل التفاصيل".'
    a, b = run(text)
    assert a.speaker == b.speaker == "Fuad Hussein"
    assert (a.kind, b.kind) == (Kind.DIRECT, Kind.DIRECT)


def test_quote_marks_glued_to_the_full_stop_still_end_the_sentence() -> None:
    text = "وقال المدير «سنفتح المصنع الجديد قريبا جدا في المدينة». ولا يزال حوالي 300 عامل بلا رواتب."
    statements = run(text)
    assert [s.kind for s in statements] == [Kind.DIRECT, Kind.CLAIM]


def test_claims_need_a_quantity_not_a_date() -> None:
    text = (
        "ولا يزال حوالي 2500 جندي متواجدين في البلاد.\n\n"
        "وفي 29 يونيو/حزيران قصفت الطائرات مواقع قرب الحدود.\n\n"
        "وانسحبت القوات عام 2014 من المدينة.\n\n"
        "وبلغ عدد الهجمات نحو خمسين هجوما منذ مطلع العام."
    )
    claims = only(run(text), Kind.CLAIM)
    assert [c.text for c in claims] == [
        "ولا يزال حوالي 2500 جندي متواجدين في البلاد",
        "وبلغ عدد الهجمات نحو خمسين هجوما منذ مطلع العام",
    ]
    assert all(c.speaker is None for c in claims)


def test_attributed_figures_are_not_claims() -> None:
    statements = run("وأكد الوزير أن 300 شخص أصيبوا في الحادث.")
    assert [s.kind for s in statements] == [Kind.INDIRECT]


def test_unbalanced_quote_is_skipped_and_the_rest_kept() -> None:
    text = 'وقال المدير "سنفتح المصنع قريبا.\n\nوقال الوزير إن العمل سيبدأ غدا.'
    statements = run(text)
    assert [s.text for s in statements] == ["العمل سيبدأ غدا"]


def test_segments_split_mixed_articles_by_paragraph() -> None:
    text = "قال الوزير إن العمل سيبدأ.\nThe minister said work would start.\nوأضاف أن"
    assert [code for _, _, code in segments(text)] == ["ar", "en", "ar"]


def test_empty_article_has_no_statements() -> None:
    assert run("") == [] and run("\n\n") == []
