from factrack import lang


def test_detect_by_script():
    assert lang.detect("قال الرئيس الأميركي جو بايدن") == "ar"
    assert lang.detect("President Joe Biden said on Monday") == "en"
    assert lang.detect("1234 -- !!") is None
    # a mostly Arabic sentence with a Latin acronym stays Arabic
    assert lang.detect("قالت وكالة AFP إن الهجوم وقع فجرا") == "ar"


def test_missing_table_is_empty():
    assert lang.words("en", "no_such_table") == frozenset()
    assert lang.lines("xx", "cue_verbs") == ()
