"""--since/--until values: ISO days, months, years and relative forms, against a fixed today."""

from __future__ import annotations

from datetime import date

import pytest

from factrack.dates import date_range, parse_date
from factrack.errors import InputError

TODAY = date(2024, 3, 31)


@pytest.mark.parametrize(("value", "since", "until"), [
    ("2021-07-26", "2021-07-26", "2021-07-26"),
    ("2021-07-26T10:30:00Z", "2021-07-26", "2021-07-26"),
    ("2021-07", "2021-07-01", "2021-07-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2021", "2021-01-01", "2021-12-31"),
    ("today", "2024-03-31", "2024-03-31"),
    ("Yesterday", "2024-03-30", "2024-03-30"),
    ("7d", "2024-03-24", "2024-03-24"),
    ("2w", "2024-03-17", "2024-03-17"),
    ("1m", "2024-02-29", "2024-02-29"),  # 31 March less a month: the end of February
    ("1y", "2023-03-31", "2023-03-31"),
])
def test_accepted_forms(value: str, since: str, until: str) -> None:
    assert parse_date(value, today=TODAY) == since
    assert parse_date(value, end=True, today=TODAY) == until


@pytest.mark.parametrize("value", ["last week", "2021-13", "2021-02-30", "07/26/2021", "", "d7", "99999999d", "-1d"])
def test_unreadable_values_name_the_accepted_forms(value: str) -> None:
    with pytest.raises(InputError, match=r"ISO date \(YYYY-MM-DD, YYYY-MM or YYYY\).*yesterday"):
        parse_date(value, today=TODAY)


def test_a_range_that_cannot_match_is_an_error() -> None:
    assert date_range("2021-07", "2021-07", today=TODAY) == ("2021-07-01", "2021-07-31")
    assert date_range(None, "7d", today=TODAY) == (None, "2024-03-24")
    with pytest.raises(InputError, match="after --until"):
        date_range("2022", "2021", today=TODAY)
