from factrack.normalize import digits_to_ascii, fold, fold_with_map


def test_fold_unifies_arabic_letter_forms_and_drops_diacritics():
    assert fold("أكّد") == fold("اكد") == "اكد"
    assert fold("إلى") == fold("الي")
    assert fold("مدرّبين") == "مدربين"
    assert fold("العسكريـــين") == "العسكريين"  # tatweel
    assert fold("القوات المحتلة") == "القوات المحتله"  # ta marbuta


def test_fold_digits_quotes_and_case():
    assert fold("٢٥٠٠") == "2500"
    assert fold("۳۵۰۰") == "3500"
    assert fold("«Biden» “said”") == '"biden" "said"'


def test_fold_with_map_points_back_to_original_offsets():
    text = "قالَ «نعم»"
    folded, offsets = fold_with_map(text)
    assert len(folded) == len(offsets)
    i = folded.index("نعم")
    assert text[offsets[i] : offsets[i + 2] + 1] == "نعم"
    # the diacritic is gone from the folded form but the map skips over it
    assert folded.startswith("قال ")


def test_digits_to_ascii_keeps_length():
    s = "نحو ٣٥٠٠ جندي"
    out = digits_to_ascii(s)
    assert out == "نحو 3500 جندي" and len(out) == len(s)
