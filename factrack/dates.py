"""Dates given on the command line (``--since``, ``--until``): ISO days, months and years, and
relative forms, turned into the ISO day the store's filters compare with.

The store compares ``substr(published, 1, 10)`` with a ``YYYY-MM-DD`` string, so every accepted
form ends as one day: the first day of a month or year for ``--since``, the last for ``--until``
(``--until 2021-07`` keeps all of July). Relative forms count back from today (local time).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from factrack.errors import InputError

ACCEPTED = ("an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), Nd / Nw / Nm / Ny (N days, weeks, months or years "
            "ago), today or yesterday")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[t ][0-9:.+\-z]*)?)?)?")  # a time after the day is ignored
_RELATIVE = re.compile(r"(\d{1,5})\s*(d|w|m|y)")


def _months_back(day: date, months: int) -> date:
    """The same day ``months`` months earlier, clamped to the month's last day (31 March - 1m = 28/29 Feb)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    if year < 1:
        raise ValueError("before year 1")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_date(value: str, *, end: bool = False, today: date | None = None) -> str:
    """``value`` as an ISO day (``YYYY-MM-DD``); ``end`` picks the last day of a month or year
    (for an upper bound) instead of the first. Raises ``InputError`` naming the accepted forms."""
    text = value.strip().lower()
    today = today or date.today()
    try:
        if text == "today":
            return today.isoformat()
        if text == "yesterday":
            return (today - timedelta(days=1)).isoformat()
        m = _RELATIVE.fullmatch(text)
        if m:
            n, unit = int(m.group(1)), m.group(2)
            if unit == "d":
                return (today - timedelta(days=n)).isoformat()
            if unit == "w":
                return (today - timedelta(weeks=n)).isoformat()
            return _months_back(today, n * (12 if unit == "y" else 1)).isoformat()
        m = _ISO.fullmatch(text)
        if m:
            year = int(m.group(1))
            month = int(m.group(2)) if m.group(2) else None
            day = int(m.group(3)) if m.group(3) else None
            if month is None:
                return date(year, 12, 31).isoformat() if end else date(year, 1, 1).isoformat()
            if day is None:
                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                return date(year, month, last if end else 1).isoformat()
            return date(year, month, day).isoformat()
    except (ValueError, OverflowError):
        pass
    raise InputError(f"cannot read {value!r} as a date; accepted: {ACCEPTED}")


def date_range(since: str | None, until: str | None, *, today: date | None = None) -> tuple[str | None, str | None]:
    """(since, until) as ISO days, each optional; an empty range (since after until) is an error,
    not a silent empty result."""
    lo = parse_date(since, today=today) if since is not None else None
    hi = parse_date(until, end=True, today=today) if until is not None else None
    if lo is not None and hi is not None and lo > hi:
        raise InputError(f"--since {since} ({lo}) is after --until {until} ({hi}): nothing can match")
    return lo, hi
