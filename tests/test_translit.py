"""Cross-script name matching: Latin and Arabic spellings of one name match, near-misses do not."""

from __future__ import annotations

import pytest

from factrack.translit import same_name, skeleton, spell, word_distance

# (English spelling, Arabic spelling) of one person
SAME = [
    ("Leila Nassar", "ليلى نصار"),
    ("Hichem Ben Slimane", "هشام بن سليمان"),
    ("Omar Rawashdeh", "عمر الرواشدة"),
    ("Rania al-Khatib", "رانيا الخطيب"),
    ("Sonia Jlassi", "سنية الجلاصي"),
    ("Daniel Whitford", "دانيال ويتفورد"),
    ("Mongi Hamdi", "منجي الحامدي"),
    # Maghreb, French spellings: ch for ش, ou for و, dj for ج, e for a short vowel
    ("Youssef Chahed", "يوسف الشاهد"),
    ("Abdelkarim Harouni", "عبد الكريم الهاروني"),
    ("Rached Ghannouchi", "راشد الغنوشي"),
    ("Noureddine Taboubi", "نور الدين الطبوبي"),
    ("Othman Jerandi", "عثمان الجرندي"),
    ("Ali Laarayedh", "علي العريض"),
    ("Habib Essid", "الحبيب الصيد"),
    ("Mehdi Jomaa", "مهدي جمعة"),
    ("Djamel Ould Abbes", "جمال ولد عباس"),
    ("Aicha Belarbi", "عائشة بلعربي"),
    ("Najla Bouden", "نجلاء بودن"),
    ("Abdelaziz Bouteflika", "عبد العزيز بوتفليقة"),
    ("Kais Saied", "قيس سعيد"),
    # Levantine: q written k, ث and ذ written th, ة written eh
    ("Kassem Hachem", "قاسم هاشم"),
    ("Qasim al-Araji", "قاسم الأعرجي"),
    ("Ayman Safadi", "أيمن الصفدي"),
    ("Bisher al-Khasawneh", "بشر الخصاونة"),
    ("Munther Haddad", "منذر حداد"),
    ("Walid Joumblatt", "وليد جنبلاط"),  # m for the n before b: one slip in a long word
    ("Hassan Nasrallah", "حسن نصر الله"),
    ("Ismail Haniyeh", "إسماعيل هنية"),
    ("Saleh al-Arouri", "صالح العاروري"),  # final h that is ح, not ة
    ("Hussein al-Sheikh", "حسين الشيخ"),  # الشيخ as a family name, not a courtesy word
    # Gulf: ق written g, the family article Al
    ("Mohammed bin Rashid Al Maktoum", "محمد بن راشد آل مكتوم"),
    ("Abdullah bin Zayed", "عبد الله بن زايد"),
    ("Gassim Al Ghanim", "قاسم الغانم"),
    ("Haitham bin Tariq", "هيثم بن طارق"),
    ("Sultan Al Jaber", "سلطان الجابر"),
    # Egyptian: ج written g, ى written y or a
    ("Gamal Abdel Nasser", "جمال عبد الناصر"),
    ("Abdel Fattah el-Sisi", "عبد الفتاح السيسي"),
    ("Hosni Mubarak", "حسني مبارك"),
    ("Mostafa Madbouly", "مصطفى مدبولي"),
    ("Tarek Amer", "طارق عامر"),
    ("Magdy Yacoub", "مجدى يعقوب"),
    # Iraq
    ("Mustafa al-Kadhimi", "مصطفى الكاظمي"),
    ("Yahya Sinwar", "يحيى السنوار"),
    # misses of the first evaluation run (scripts/eval_speakers.py): th and dh as two letters,
    # Abi as a particle, a letter repeated across a vowel
    ("Samia Fathy", "سامية فتحي"),
    ("Adham Sharkawi", "أدهم الشرقاوي"),
    ("Marwan Abi Saab", "مروان أبي صعب"),
    ("Mahmoud al-Kikli", "محمود الككلي"),
    # a middle name on one side, a courtesy title on the other
    ("Hichem Slimane", "هشام بن سليمان"),
    ("Dr. Leila Nassar", "الدكتورة ليلى نصار"),
]

# (English, Arabic) of different people with similar names
DIFFERENT = [
    ("Mongi Hamdan", "منجي الحامدي"),  # Hamdan is not Hamdi: one letter, but in a 3-letter skeleton
    ("Mongi Hamdi", "منجي حمدان"),
    ("Karim Saadi", "كريم السعيدي"),  # Saadi السعدي vs Saidi السعيدي: the written ي tells them apart
    ("Karim Saidi", "كريم السعدي"),
    ("Hassan Khalil", "حسين خليل"),  # Hassan vs Hussein
    ("Hussein Khalil", "حسن خليل"),
    ("Mohamed Salem", "محمود سالم"),  # Mohamed vs Mahmoud
    ("Salem Saadi", "سليم السعدي"),  # Salem سالم vs Salim سليم
    ("Rached Ghannouchi", "رشيد الغنوشي"),  # Rached راشد vs Rachid رشيد
    ("Raad Fahmi", "رائد فهمي"),  # Raad رعد vs Raed رائد
    ("Saad Hariri", "سعيد الحريري"),  # Saad vs Saeed
    ("Sami Hamdi", "سامر حمدي"),
    ("Khaled Hamdan", "خالد حمدون"),
    ("Abdelkarim Harouni", "عبد الرحيم الهاروني"),  # two different names after Abd
    ("Hassan Nasrallah", "حسين نصر الله"),
    # two different given names with the same family name
    ("Leila Nassar", "سعاد نصار"),
    ("Lina Nassar", "ليلى نصار"),
    ("Rana al-Khatib", "رانيا الخطيب"),
    ("Hichem Ben Slimane", "هشام بن سالم"),
    # single words: too short to say they are one person, or an English word that is no name
    ("Nassar", "نصار"),
    ("Leila", "ليلى نصار"),
    ("Summer", "سمير"),
    ("Minister", "منصور"),
]


@pytest.mark.parametrize(("en", "ar"), SAME, ids=[en for en, _ in SAME])
def test_spellings_of_one_name_match(en: str, ar: str) -> None:
    assert same_name(en, "en", ar, "ar"), f"{spell(skeleton(en, 'en'))} / {spell(skeleton(ar, 'ar'))}"
    assert same_name(ar, "ar", en, "en")  # the order of the two names does not matter


@pytest.mark.parametrize(("en", "ar"), DIFFERENT, ids=[en for en, _ in DIFFERENT])
def test_similar_names_of_different_people_do_not_match(en: str, ar: str) -> None:
    assert not same_name(en, "en", ar, "ar"), f"{spell(skeleton(en, 'en'))} / {spell(skeleton(ar, 'ar'))}"


def test_nassar_and_nasser_match_by_design() -> None:
    # نصار (Nassār) and ناصر (Nāṣir) differ only in where the long a stands; the skeleton drops ا
    # because Latin spellings place a and e unreliably (Hichem for هشام), so the two are one
    # skeleton, n s r. Telling them apart is left to the rest of the name.
    assert same_name("Leila Nasser", "en", "ليلى نصار", "ar")
    assert not same_name("Leila Nasser", "en", "سعاد نصار", "ar")


def test_same_script_spellings_match() -> None:
    assert same_name("Hisham Ben Sliman", "en", "Hichem Ben Slimane", "en")
    assert same_name("عبدالكريم الهاروني", "ar", "عبد الكريم الهاروني", "ar")


def test_single_word_needs_four_skeleton_letters() -> None:
    assert same_name("Whitford", "en", "ويتفورد", "ar")  # w t f r d
    assert not same_name("Nassar", "en", "نصار", "ar")  # n s r


def test_one_missing_word_needs_two_matching_words() -> None:
    assert same_name("Mohammed Rashid Al Maktoum", "en", "محمد بن راشد آل مكتوم", "ar")
    assert not same_name("Leila", "en", "ليلى نصار", "ar")
    assert not same_name("Leila Nassar", "en", "ليلى سعاد نصار الخطيب", "ar")  # two words more


def test_skeleton_drops_articles_vowels_and_collapses_repeats() -> None:
    assert spell(skeleton("Rania al-Khatib", "en")) == "r n y? | kh t y? b"
    assert spell(skeleton("نصار", "ar")) == spell(skeleton("Nassar", "en")) == "n s r"
    assert spell(skeleton("الرواشدة", "ar")) == "l? r w sh d h?"
    assert skeleton("", "en") == () and not same_name("", "en", "نصار", "ar")


def test_long_vowels_are_not_forgiven_but_consonants_are() -> None:
    [[*hussein]] = skeleton("حسين", "ar")
    [[*hassan]] = skeleton("Hassan", "en")
    assert word_distance(tuple(hussein), tuple(hassan), frozenset({"y", "w"})) == 2
    [[*jumblat]] = skeleton("Joumblatt", "en")
    [[*junblat]] = skeleton("جنبلاط", "ar")
    assert word_distance(tuple(jumblat), tuple(junblat)) == 1
