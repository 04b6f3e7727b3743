"""What ``factrack report`` calls."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from factrack.errors import InputError
from factrack.report import ReportSummary, build_report


def run_report(out: Path | str, fmt: str = "html", *, db: Path | str | None = None, **options: Any) -> ReportSummary:
    """The ``factrack report`` command: build the report and write it (atomically) to ``out``."""
    from factrack.store import Store, default_path

    t0 = time.perf_counter()
    with Store.open(db or default_path()) as store:
        text, data = build_report(store, fmt, **options)
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as e:
        raise InputError(f"cannot write {out}: {e.strerror}") from None
    n_claims = text.count('"@type": "ClaimReview"') if fmt == "claimreview" else len(data.claims)
    return ReportSummary(str(out), fmt, len(text.encode("utf-8")), len(data.contradictions), n_claims,
                         len(data.speakers), round(time.perf_counter() - t0, 3))
