"""Which figures are about the same thing, and which word a negation governs: hand-made Arabic,
English and mixed pairs for the "same measured thing" and "negated predicate" rules."""

from __future__ import annotations

import pytest

from factrack.compare.cues import analyse
from tests.support import kinds, reasons


# --------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    "a,b",
    [
        # output vs exports
        ("Iraq's output rose to 4 million barrels per day", "Iraq's exports rose to 3.2 million barrels per day"),
        ("ارتفع إنتاج العراق إلى 4 ملايين برميل يوميا", "ارتفعت صادرات العراق إلى 3.2 مليون برميل يوميا"),
        ("ارتفع إنتاج العراق إلى 4 ملايين برميل يوميا", "Iraq's exports rose to 3.2 million barrels per day"),
        # a baseline vs cuts sharing the unit word
        (
            "The deal raises the baseline from which the cuts are calculated to 3.5 million barrels per day",
            "About 5.8 million barrels per day of cuts remain in place",
        ),
        # before vs now
        ("About 2,500 troops are in Iraq", "The number of troops in Iraq is down from 5,200"),
        ("يوجد نحو 2500 جندي في العراق", "انخفض عدد الجنود في العراق من نحو 5200 جندي"),
        # different entities
        ("Saudi output rose to 9 million barrels per day", "Iraq's output rose to 4 million barrels per day"),
        ("ارتفع إنتاج السعودية إلى 9 ملايين برميل يوميا", "Iraq's output rose to 4 million barrels per day"),
        # different years
        ("Iraq produced 4 million barrels a day in 2020", "Iraq produced 4.6 million barrels a day in 2022"),
        # target vs actual
        ("The target is 500 new schools", "The ministry built 350 new schools"),
    ],
)
def test_figures_about_different_things_are_not_compared(a: str, b: str) -> None:
    assert "number" not in kinds(a, b)
    assert "number" not in kinds(b, a)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("Iraq's output rose to 4 million barrels per day", "Iraq's output rose to 4.5 million barrels per day", "4000000 vs 4500000"),
        ("ارتفع إنتاج العراق إلى 4 ملايين برميل يوميا", "ارتفع إنتاج العراق إلى 4.5 مليون برميل يوميا", "4000000 vs 4500000"),
        ("ارتفع إنتاج العراق إلى 4 ملايين برميل يوميا", "Iraq's output rose to 4.5 million barrels per day", "4000000 vs 4500000"),
        ("About 2,500 U.S. troops are in Iraq, a number cut from 3,000", "There are about 3,500 American soldiers in Iraq today", "2500 vs 3500"),
        ("يوجد في العراق نحو 2500 جندي أميركي", "There are about 3,500 American soldiers in Iraq today", "2500 vs 3500"),
    ],
)
def test_same_measured_thing_still_compared(a: str, b: str, expected: str) -> None:
    assert any(expected in r for r in reasons(a, b)), reasons(a, b)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        (
            "Output rose to 3.5 million barrels and exports reached 2 million barrels",
            "Exports reached 2.4 million barrels while output rose to 3.5 million barrels",
            "2000000 vs 2400000",
        ),
        (
            "ارتفع الإنتاج إلى 3.5 مليون برميل وبلغت الصادرات 2 مليون برميل",
            "Exports reached 2.4 million barrels while output rose to 3.5 million barrels",
            "2000000 vs 2400000",
        ),
    ],
)
def test_two_figures_paired_by_context_not_order(a: str, b: str, expected: str) -> None:
    got = [r for r in reasons(a, b) if r.startswith("number")]
    assert got and expected in got[0] and len(got) == 1, got


def test_date_differs_only_for_the_same_event() -> None:
    assert "date" not in kinds(
        "The group will raise production by 0.4 million barrels per day from August 2021",
        "The alliance extended the cuts deal to the end of 2022",
    )
    assert "date" in kinds("The elections will be held in 2021", "The elections will be held in 2022")


# --------------------------------------------------------------------------- negation scope
@pytest.mark.parametrize(
    "a,b",
    [
        # the negation governs "يعني", not the topic noun القوات met later
        ("انتهاء المهمة لن يعني خفض عدد القوات الأميركية", "الولايات المتحدة ستواصل تدريب القوات العراقية"),
        ("لن تغادر العراق مهما قيل", "العراق لم يعد بحاجة إلى قوات أجنبية"),
        ("لا تريد تصعيدا واسعا في هذه المرحلة", "الاستعداد لمرحلة جديدة من المواجهة"),
        ("The number has not changed since January", "Since January, bases have been targeted by rockets"),
        ("Nobody in the United States wants a war", "The United States will formally end its mission"),
        ("The troops will not leave, the minister said in Baghdad", "The minister arrived in Baghdad"),
        ("لن تغادر القوات الأميركية", "The troops will leave"),  # a shared topic noun only: no flip on it
    ],
)
def test_negation_of_a_topic_noun_is_no_flip(a: str, b: str) -> None:
    for r in reasons(a, b) + reasons(b, a):
        assert not (r.startswith("negation") and any(w in r for w in ("القوات", "العراق", "United", "since", "المرحلة", "Baghdad"))), r


def test_cross_language_flip_is_on_the_predicate() -> None:
    got = [r for r in reasons("لن تغادر القوات الأميركية العراق", "US forces will leave Iraq") if r.startswith("negation")]
    assert got and "تغادر" in got[0]


@pytest.mark.parametrize(
    "a,b",
    [
        ("US forces will not leave Iraq", "US forces will leave Iraq"),
        ("لن ترتفع الأسعار", "سترتفع الأسعار"),
        ("There is no combat mission", "The troops are capable of combat operations"),
        ("القوات ليست قتالية", "القوات قتالية"),
    ],
)
def test_negated_predicate_flips(a: str, b: str) -> None:
    assert "negation" in kinds(a, b)


def test_unlikely_counts_as_negated_so_it_agrees_with_will_not() -> None:
    a = "من غير المرجح أن ينخفض عدد الجنود الأميركيين في العراق"
    b = "عدد الجنود الأميركيين لن ينخفض في العراق"
    assert "negation" not in kinds(a, b)
    assert "negation" not in kinds("Troop numbers are unlikely to fall", "Troop numbers will not fall")


def test_negated_set_holds_the_predicate_not_the_clause() -> None:
    x = analyse("لن تغادر القوات الأميركية العراق")
    assert "تغادر" in x.negated and "القوات" not in x.negated and "العراق" not in x.negated
    y = analyse("The troops will not leave Iraq")
    assert "leave" in y.negated and "iraq" not in y.negated


@pytest.mark.parametrize(
    "text,value",
    [
        ("يوجد نحو ألفين وخمسمئة جندي", 2500.0),
        ("من نحو خمسة آلاف ومئتي جندي", 5200.0),
        ("two thousand five hundred troops", 2500.0),
    ],
)
def test_number_words_in_parts_are_one_figure(text: str, value: float) -> None:
    assert [n.value for n in analyse(text).numbers] == [value]


def test_written_out_figure_matches_digits_across_languages() -> None:
    assert "number" not in kinds("About 2,500 American troops are in Iraq", "يوجد في العراق نحو ألفين وخمسمئة جندي أميركي")
    assert "number" in kinds("About 3,500 American troops are in Iraq", "يوجد في العراق نحو ألفين وخمسمئة جندي أميركي")


def test_a_topic_concept_after_the_predicate_is_not_negated() -> None:
    # "withdrawing" is negated; "troops" (a topic) is not, so "forces" on the other side is no flip
    got = reasons("the U.S. was not withdrawing troops", "Iraqi forces were ready without foreign combat troops")
    assert not any(r.startswith("negation") and "troops" in r for r in got), got
    assert "WITHDRAW" in analyse("the U.S. was not withdrawing troops").negated


# --------------------------------------------------------------------------- time phrases, "end"
@pytest.mark.parametrize(
    "a,b",
    [
        # "the end of the year" names a time: no stance END against "continue", no negated "end"
        ("US forces will not leave Iraq by the end of the year", "Attacks will continue as long as US soldiers remain"),
        ("القوات الأميركية لن تغادر العراق بحلول نهاية العام", "attacks will continue as long as a single American soldier remains"),
        ("Biden said the US would end its combat mission in Iraq by the end of the year",
         "We're not going to be, by the end of the year, in a combat mission"),
    ],
)
def test_a_time_phrase_is_neither_stance_nor_predicate(a: str, b: str) -> None:
    assert reasons(a, b) == []


def test_a_stance_verb_before_a_time_keeps_its_stance() -> None:
    assert "stance" in kinds("The war will end this year", "The war will continue")


@pytest.mark.parametrize(
    "a,b",
    [
        # "year's end" names a time like "the end of the year": the first "end" has nothing to end
        ("US combat mission in Iraq will end by year's end", "We're not going to be, by the end of the year, in a combat mission"),
        # "العام الحالي": a time word is never what an ending or a negation governs
        ("المهام القتالية تنتهي بنهاية العام الحالي", "لن تكون القوات في مهمة قتالية في العام الحالي"),
    ],
)
def test_an_ending_with_a_time_phrase_agrees_with_a_denial(a: str, b: str) -> None:
    assert reasons(a, b) == []


@pytest.mark.parametrize(
    "a,b",
    [
        # the ended thing comes first: "the combat mission will end" denies combat like "no combat mission"
        ("The US combat mission in Iraq will end", "We're not going to be in a combat mission"),
        ("سينتقل دور القوات من المهام القتالية التي تنتهي بنهاية العام", "بلاده لن تكون في مهمة قتالية في العراق"),
        ("المهمة القتالية ستنتهي بحلول نهاية العام", "The US will end its combat mission in Iraq"),
        # leaving denies presence: "combat troops will leave" agrees with "no combat mission"
        ("Combat troops will leave Iraq by 31 December", "لن نكون في مهمة قتالية في العراق"),
    ],
)
def test_a_subject_that_ends_or_leaves_is_denied_on_both_sides(a: str, b: str) -> None:
    assert "negation" not in kinds(a, b)
    assert "stance" not in kinds(a, b)


@pytest.mark.parametrize(
    "a,b,shown",
    [
        ("The combat mission will end", "US troops remained capable of combat operations", "'combat … end'"),
        ("المهمة القتالية ستنتهي بحلول نهاية العام", "القوات الأميركية قادرة على القيام بعمليات قتالية", "'القتالية … ستنتهي'"),
        ("Combat troops will leave Iraq by 31 December", "US troops remained capable of combat operations", "'Combat … leave'"),
        ("المهمة القتالية ستنتهي بحلول نهاية العام", "US troops remained capable of combat operations", "'القتالية … ستنتهي'"),
    ],
)
def test_an_ended_subject_flips_against_it_asserted(a: str, b: str, shown: str) -> None:
    got = [r for r in reasons(a, b) if r.startswith("negation")]
    assert got and shown in got[0], got


def test_what_continues_until_an_end_is_not_ended() -> None:
    assert "CONTINUE" not in analyse("Combat operations will continue until the mission ends").negated
    assert "negation" not in kinds("Combat operations will continue until the mission ends", "Combat operations will continue")


# --------------------------------------------------------------------------- stance about the same thing
@pytest.mark.parametrize(
    "a,b",
    [
        ("China's exports rose 7 percent in August", "Brazil's imports fell sharply"),
        ("ارتفعت صادرات الصين في أغسطس", "تراجعت واردات البرازيل بشدة"),
    ],
)
def test_opposed_stance_in_one_language_needs_a_shared_subject(a: str, b: str) -> None:
    assert "stance" not in kinds(a, b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("China's exports rose 7 percent in August", "China's exports fell in August"),
        ("ارتفعت صادرات الصين في أغسطس", "تراجعت صادرات الصين في أغسطس"),
        # across languages words cannot be matched: the pair's closeness in meaning stands in
        ("China's exports rose 7 percent in August", "تراجعت واردات البرازيل بشدة"),
    ],
)
def test_opposed_stance_about_the_same_thing_is_kept(a: str, b: str) -> None:
    assert "stance" in kinds(a, b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("The US would end its combat mission in Iraq", "US troops remained capable of combat operations"),
        ("US troops remained capable of combat operations", "We're not going to be, by the end of the year, in a combat mission"),
        ("لن نكون، بحلول نهاية العام، في مهمة قتالية", "القوات الأميركية قادرة على القيام بعمليات قتالية"),
    ],
)
def test_ending_or_denying_combat_flips_against_combat(a: str, b: str) -> None:
    assert "negation" in kinds(a, b)
