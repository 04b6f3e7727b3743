"""``factrack report``: what the store found, as one file to hand on — a self-contained HTML page,
Markdown, CSV, or schema.org ClaimReview JSON-LD for the reviewed claims.

HTML carries its CSS inline and fetches nothing (it opens from a mail attachment or an archive).
The contents: the top contradictions with both sides (pairs marked false positive left out, the
confirmed first), the claims carried by the most sources, the speakers. ClaimReview is what search
engines and fact-check aggregators read: one ``ClaimReview`` per reviewed claim or statement, its
``reviewRating.alternateName`` the mark (confirmed / false_positive / needs_checking) on a 1-3
scale, since a mark says whether factrack's finding holds, not whether the claim is true.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factrack.errors import InputError
from factrack.review import Marks, ReviewedContradiction, with_marks

if TYPE_CHECKING:
    from factrack.claims import Claim
    from factrack.store import Store, StoredStatement

FORMATS = ("html", "md", "csv", "claimreview")
RATING = {"false_positive": 1, "needs_checking": 2, "confirmed": 3}  # worst 1, best 3


@dataclass(frozen=True)
class ReportData:
    """What a report shows, whatever its format."""

    contradictions: list[ReviewedContradiction]
    claims: list[tuple[Claim, Any]]  # (claim, its mark), most sources first
    speakers: list[tuple[str, tuple[str, ...], int]]
    generated: str
    db: str
    filters: dict[str, Any]


@dataclass(frozen=True)
class ReportSummary:
    """What ``run_report`` wrote."""

    out: str
    format: str
    bytes: int
    contradictions: int
    claims: int
    speakers: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _src(s: StoredStatement) -> str:
    return s.source or s.doc.rsplit("/", 1)[-1]


def gather(store: Store, *, since: str | None = None, speaker: str | None = None, reviewed: bool | None = None,
           top: int = 50, min_score: float = 0.7) -> ReportData:
    """The report's contents. ``reviewed``: only reviewed (True) or unreviewed (False) contradictions
    and claims; ``since`` / ``speaker`` as in ``factrack contradictions``."""
    from datetime import UTC, datetime

    from factrack.claims import list_claims
    from factrack.compare import contradictions as contra

    if since:
        from factrack.serve.views import _check_day

        _check_day(since)
    marks = Marks.load(store)
    found = contra.find_claims(store, speaker=speaker, since=since, min_score=min_score)
    rows = with_marks(found, marks, reviewed=reviewed)[:top]
    claims = list_claims(store, min_statements=1 if reviewed else 2, speaker=speaker)
    if since:
        claims = [c for c in claims if (c.dates[1] or "") >= since[:10]]
    marked = [(c, marks.for_claim(c)) for c in claims]
    if reviewed is not None:
        marked = [(c, m) for c, m in marked if (m is not None) == reviewed]
    marked.sort(key=lambda cm: (-len(cm[0].sources), -len(cm[0].members), cm[0].id))
    speakers = store.speakers()
    if speaker:
        names = set(store.resolve_speaker(speaker))
        speakers = [s for s in speakers if s[0] in names]
    return ReportData(rows, marked[:top], speakers[:top], datetime.now(UTC).isoformat(timespec="seconds"),
                      str(store.path), {"since": since, "speaker": speaker, "reviewed": reviewed})


# ---------------------------------------------------------------------------- HTML
CSS = """
body{font-family:"Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans",sans-serif;max-width:1100px;margin:1rem auto;padding:0 1rem;color:#1d2330;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:2px solid #d9dde5;padding-bottom:.2rem;margin-top:2rem}
.row{border:1px solid #d9dde5;border-radius:8px;padding:.6rem .9rem;margin:.7rem 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.7rem}.side{background:#fbfbfc;border:1px solid #e6e8ee;border-radius:6px;padding:.4rem .6rem}
.meta{color:#5b6475;font-size:.85rem}.text{font-size:1.05rem;margin:.2rem 0}
.mark{font-size:.8rem;border:1px solid #888;border-radius:3px;padding:0 .3rem}
.mark-confirmed{background:#d9f2df}.mark-false_positive{background:#f7dcda}.mark-needs_checking{background:#fdf0c8}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d9dde5;padding:.3rem .4rem;text-align:start;vertical-align:top}
@media (max-width:720px){.pair{grid-template-columns:1fr}}
"""


def _html(data: ReportData) -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["src"] = _src
    env.filters["web_url"] = lambda u: u if isinstance(u, str) and u.startswith(("http://", "https://")) else None
    template = env.from_string(HTML_TEMPLATE)
    return template.render(d=data, css=CSS)


HTML_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>factrack report</title><style>{{ css }}</style></head><body>
<h1>factrack report</h1>
<p class="meta">Store <code dir="ltr">{{ d.db }}</code> · generated {{ d.generated }}{% for k, v in d.filters.items() if v is not none %} · {{ k }}: <bdi>{{ v }}</bdi>{% endfor %}</p>
{% macro st(s, stance) %}<div class="side" lang="{{ s.lang }}"><div class="meta"><bdi>{{ s.speaker or s.mention or 'unattributed' }}</bdi> · {{ s.polarity }} · {{ stance }} · <bdi>{{ s | src }}</bdi> · {{ (s.published or '')[:10] or '—' }} · {{ s.lang }}{% if s.url | web_url %} · <a href="{{ s.url }}">source</a>{% endif %}</div><p class="text" dir="auto">{{ s.text }}</p></div>{% endmacro %}
<h2>Top contradictions ({{ d.contradictions | length }})</h2>
{% for r in d.contradictions %}
<div class="row"><p><strong>{{ '%.2f' | format(r.score) }}</strong> {{ r.kind }} · <span dir="auto">{{ r.reasons | join('; ') }}</span>{% if r.mark %} <span class="mark mark-{{ r.mark.mark }}">{{ r.mark.mark }}{% if r.mark.reviewer %} · <bdi>{{ r.mark.reviewer }}</bdi>{% endif %}</span>{% if r.mark.note %} <em dir="auto">{{ r.mark.note }}</em>{% endif %}{% endif %}</p>
<div class="pair">{{ st(r.a.best, r.a.stance) }}{{ st(r.b.best, r.b.stance) }}</div>
<p class="meta">claim #{{ r.a.claim.id }}: {{ r.a.statements | length }} statement(s), {{ r.a.sources | length }} source(s) · claim #{{ r.b.claim.id }}: {{ r.b.statements | length }} statement(s), {{ r.b.sources | length }} source(s)</p></div>
{% else %}<p>None.</p>{% endfor %}
<h2>Claims with the most sources ({{ d.claims | length }})</h2>
<table><thead><tr><th>claim</th><th>label</th><th>sources</th><th>statements</th><th>languages</th><th>for / against</th><th>dates</th><th>review</th></tr></thead><tbody>
{% for c, m in d.claims %}<tr><td>#{{ c.id }}</td><td dir="auto" lang="{{ c.label.lang }}">{{ c.label.text }}</td><td dir="auto">{{ c.sources | join(', ') }}</td><td>{{ c.members | length }}</td><td>{{ c.languages | join(', ') }}</td><td dir="auto">{{ c.speakers('for') | join(', ') or '—' }} / {{ c.speakers('against') | join(', ') or '—' }}</td><td>{{ c.dates[0] or '—' }} – {{ c.dates[1] or '—' }}</td><td>{% if m %}<span class="mark mark-{{ m.mark }}">{{ m.mark }}</span>{% endif %}</td></tr>
{% endfor %}</tbody></table>
<h2>Speakers ({{ d.speakers | length }})</h2>
<table><thead><tr><th>speaker</th><th>aliases</th><th>statements</th></tr></thead><tbody>
{% for name, aliases, n in d.speakers %}<tr><td dir="auto">{{ name }}</td><td dir="auto">{{ aliases | join(' · ') }}</td><td>{{ n }}</td></tr>
{% endfor %}</tbody></table>
</body></html>
"""


# ---------------------------------------------------------------------------- Markdown, CSV
def _cell(text: Any) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _markdown(data: ReportData) -> str:
    out = ["# factrack report", "", f"Store `{data.db}`, generated {data.generated}.", ""]
    out += [f"## Top contradictions ({len(data.contradictions)})", ""]
    for n, r in enumerate(data.contradictions, 1):
        mark = f" — **{r.mark.mark}**" + (f" by {r.mark.reviewer}" if r.mark.reviewer else "") if r.mark else ""
        out.append(f"{n}. **{r.score:.2f}** {r.kind}: {_cell('; '.join(r.reasons))}{mark}")
        for tag, side in (("A", r.a), ("B", r.b)):
            s = side.best
            out.append(f"   - {tag} (claim #{side.claim.id}, {side.stance}) {_cell(s.speaker or '—')}, {_cell(_src(s))}, "
                       f"{(s.published or '')[:10] or '—'} [{s.lang}]: {_cell(s.text)}")
    out += ["", f"## Claims with the most sources ({len(data.claims)})", "",
            "| claim | label | sources | statements | languages | for | against | review |", "|---|---|---|---|---|---|---|---|"]
    for c, m in data.claims:
        out.append(f"| #{c.id} | {_cell(c.label.text)} | {len(c.sources)} | {len(c.members)} | {', '.join(c.languages)} | "
                   f"{_cell(', '.join(c.speakers('for')))} | {_cell(', '.join(c.speakers('against')))} | {m.mark if m else ''} |")
    out += ["", f"## Speakers ({len(data.speakers)})", "", "| speaker | aliases | statements |", "|---|---|---|"]
    out += [f"| {_cell(n)} | {_cell(' · '.join(a))} | {k} |" for n, a, k in data.speakers]
    return "\n".join(out) + "\n"


CSV_COLUMNS = ("score", "kind", "reasons", "review", "reviewer", "note",
               "a_claim", "a_stance", "a_statement", "a_speaker", "a_source", "a_date", "a_lang", "a_text",
               "b_claim", "b_stance", "b_statement", "b_speaker", "b_source", "b_date", "b_lang", "b_text")


def _csv(data: ReportData) -> str:
    """One row per contradiction (the part of a report a spreadsheet is for)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in data.contradictions:
        row: list[Any] = [f"{r.score:.4f}", r.kind, "; ".join(r.reasons), r.mark.mark if r.mark else "",
                          r.mark.reviewer if r.mark else "", r.mark.note if r.mark else ""]
        for side in (r.a, r.b):
            s = side.best
            row += [side.claim.id, side.stance, s.id, s.speaker or "", _src(s), (s.published or "")[:10], s.lang, s.text]
        w.writerow(row)
    return buf.getvalue()


# ---------------------------------------------------------------------------- ClaimReview
def _claim_review(text: str, speaker: str | None, published: str | None, urls: Sequence[str], mark: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "author": {"@type": "Person", "name": speaker or "unknown"}}
    if published:
        item["datePublished"] = published[:10]
    if urls:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in urls]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": text,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": mark.mark, "ratingValue": RATING[mark.mark],
                         "bestRating": 3, "worstRating": 1},
        "author": {"@type": "Person", "name": mark.reviewer or "unknown"},
        "datePublished": mark.created[:10],
        **({"reviewBody": mark.note} if mark.note else {}),
    }


def claim_reviews(store: Store, data: ReportData) -> list[dict[str, Any]]:
    """ClaimReview objects for every reviewed claim (its label, said by its first asserting
    speaker) and every reviewed statement."""
    out = []
    for c, m in data.claims:
        if m is None:
            continue
        first = next((x.statement for x in c.members if x.stance == "for" and x.statement.speaker), c.label)
        urls = sorted({x.statement.url for x in c.members if x.statement.url})
        out.append(_claim_review(c.label.text, first.speaker, c.dates[0], urls, m))
    marks = Marks.load(store)
    stmt_marks = [m for m in marks.marks if m.target == "statement"]
    docs = sorted({str(m.refs["doc"]) for m in stmt_marks if "doc" in m.refs})
    names = set(store.resolve_speaker(data.filters["speaker"])) if data.filters.get("speaker") else None
    if docs:  # by doc and words, not by the id it had: the article may have been re-extracted since
        for s in store.statements_where(f"s.doc IN ({','.join('?' * len(docs))})", docs):
            m = marks.for_statement(s)
            if m is not None and (names is None or s.speaker in names):
                out.append(_claim_review(s.text, s.speaker, s.published, [s.url] if s.url else [], m))
    return out


def build_report(store: Store, fmt: str = "html", **options: Any) -> tuple[str, ReportData]:
    """(the report's text, what it holds) in ``fmt``: html, md, csv or claimreview."""
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt == "claimreview":
        options.setdefault("reviewed", True)
    data = gather(store, **options)
    if fmt == "html":
        return _html(data), data
    if fmt == "md":
        return _markdown(data), data
    if fmt == "csv":
        return _csv(data), data
    return json.dumps(claim_reviews(store, data), ensure_ascii=False, indent=1) + "\n", data
