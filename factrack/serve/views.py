"""What each page shows, computed from an open store: plain data for the templates.

Kept apart from the web app so that pages can be built (and tested, and reused by ``report``)
without HTTP. Nothing here renders HTML: highlighting is returned as segments of text, which the
templates escape; the speaker timeline as SVG coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factrack.errors import InputError
from factrack.review import Marks, ReviewedContradiction, with_marks

if TYPE_CHECKING:
    from factrack.claims import Claim
    from factrack.embed import Embedder
    from factrack.store import Store, StoredStatement


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; ``mark`` is set on the statement's own words (the highlight)."""

    text: str
    mark: bool = False
    current: bool = False  # the statement the page is about (a stronger highlight)
    statement_id: int | None = None
    starts: bool = False  # the first piece of its statement (where a link to it lands)


def sentence_segments(s: StoredStatement) -> list[Segment]:
    """The statement's sentence cut into before / the statement / after, by the stored offsets;
    the statement alone when no sentence was kept or the offsets do not fit it."""
    if s.sentence and s.sentence_start is not None:
        a, b = s.start - s.sentence_start, s.end - s.sentence_start
        if 0 <= a <= b <= len(s.sentence):
            parts = [Segment(s.sentence[:a]), Segment(s.sentence[a:b], True, True, s.id), Segment(s.sentence[b:])]
            return [p for p in parts if p.text]
    return [Segment(s.text, True, True, s.id)]


def sentence_with_all(sentence: str, start: int, members: Sequence[StoredStatement],
                      current: int | None) -> list[Segment]:
    """One stored sentence with every statement inside it highlighted (several may share it)."""
    cuts = {0, len(sentence)}
    spans = []
    for s in members:
        a, b = s.start - start, s.end - start
        if 0 <= a <= b <= len(sentence):
            spans.append((a, b, s.id))
            cuts |= {a, b}
    points = sorted(cuts)
    out = []
    for x, y in pairwise(points):
        inside = [(sid, a) for a, b, sid in spans if a <= x and y <= b]
        first = inside[0] if inside else None
        out.append(Segment(sentence[x:y], bool(inside), current in [i for i, _ in inside],
                           first[0] if first else None, bool(first and first[1] == x)))
    return [p for p in out if p.text]


# ---------------------------------------------------------------------------- search
@dataclass(frozen=True)
class SearchResult:
    claim: Claim
    best: StoredStatement
    stance: str | None
    score: float
    claim_mark: Any
    others: tuple[StoredStatement, ...]
    statement_mark: Any = None


def search_page(store: Store, query: str, *, k: int = 10, embedder: Embedder | None = None,
                **filters: Any) -> list[SearchResult]:
    """Claims matching ``query`` (either language), best first, with their marks."""
    from factrack.search import lookup_claims

    if not query.strip():
        return []
    options = {key: v for key, v in filters.items() if v}
    if embedder is not None:
        options["embedder"] = embedder
    hits = lookup_claims(store, query, k=k, **options)
    marks = Marks.load(store)
    out = []
    for h in hits:
        best = h.best.statement
        stance = next((m.stance for m in h.claim.members if m.statement.id == best.id), None)
        others = tuple(m.statement for m in h.claim.members if m.statement.id != best.id)
        out.append(SearchResult(h.claim, best, stance, h.score, marks.for_claim(h.claim), others,
                                marks.for_statement(best)))
    return out


# ---------------------------------------------------------------------------- claim
@dataclass(frozen=True)
class Opposing:
    """A contradiction that involves the claim shown: the other side, the reason, its mark."""

    row: ReviewedContradiction
    mine: Any  # Side of this claim
    other: Any  # the opposing Side


@dataclass(frozen=True)
class ClaimPage:
    claim: Claim
    mark: Any
    member_marks: dict[int, Any]
    timeline: list[tuple[str, list[Any]]]  # (date or "undated", members)
    opposing: list[Opposing]


def claim_contradictions(store: Store, claim: Claim, marks: Marks, *,
                         include_self: bool = False) -> list[ReviewedContradiction]:
    """Contradictions of one claim: its own supporters against its deniers, and stored verdicts
    between its members and other claims (the strongest per pair of sides), as ``find_claims``
    lists them, without scanning the store."""
    from factrack.claims import load_claims
    from factrack.compare import contradictions as contra

    out = []
    found = contra._stance_opposition(claim, include_self)
    if found is not None:
        a_id, b_id, score, reason = found
        out.append(contra.ClaimContradiction(contra._side(claim, "for", a_id), contra._side(claim, "against", b_id),
                                             score, (reason,), "stance"))
    stance_of = {m.statement.id: m.stance for m in claim.members}
    rows = [r for m in claim.members for r in store.verdicts(statement_id=m.statement.id, relation="contradiction")]
    others = sorted({b if a in stance_of else a for a, b, *_ in rows})
    claim_of = store.claim_of(others)
    claims = {c.id: c for c in load_claims(store, sorted(set(claim_of.values()) - {claim.id}))}
    other_stance = {m.statement.id: m.stance for c in claims.values() for m in c.members}
    best: dict[tuple, tuple] = {}
    for a, b, _, score, reasons, _scorer in rows:
        mine, theirs = (a, b) if a in stance_of else (b, a)
        cid = claim_of.get(theirs)
        if cid is None or cid not in claims:
            continue
        key = (stance_of[mine], cid, other_stance.get(theirs, ""))
        if key not in best or score > best[key][0]:
            best[key] = (score, reasons, mine, theirs)
    for (st, cid, ost), (score, reasons, mine, theirs) in best.items():
        side_a, side_b = contra._side(claim, st, mine), contra._side(claims[cid], ost, theirs)
        shown = tuple(r for r in reasons if not r.startswith("similarity"))
        row = contra.ClaimContradiction(side_a, side_b, float(score), shown, "claims")
        if include_self or not contra._self_only(side_a, side_b):
            out.append(row)
    out.sort(key=lambda c: -c.score)
    return with_marks(out, marks, show_false_positives=True)


def claim_page(store: Store, claim_id: int) -> ClaimPage:
    from factrack.claims import load_claims

    found = load_claims(store, [claim_id])
    if not found:
        raise InputError(f"no claim #{claim_id} in the store")
    claim = found[0]
    marks = Marks.load(store)
    by_day: dict[str, list[Any]] = {}
    for m in sorted(claim.members, key=lambda m: ((m.statement.published or "9999")[:10], m.statement.id)):
        by_day.setdefault((m.statement.published or "")[:10] or "undated", []).append(m)
    rows = claim_contradictions(store, claim, marks)
    opposing = [Opposing(r, r.a if r.a.claim.id == claim.id else r.b, r.b if r.a.claim.id == claim.id else r.a)
                for r in rows]
    member_marks = {m.statement.id: marks.for_statement(m.statement) for m in claim.members}
    return ClaimPage(claim, marks.for_claim(claim), member_marks, list(by_day.items()), opposing)


# ---------------------------------------------------------------------------- article
@dataclass(frozen=True)
class ArticleSentence:
    start: int
    segments: list[Segment]
    statements: list[StoredStatement]


@dataclass(frozen=True)
class ArticlePage:
    meta: dict[str, Any]
    sentences: list[ArticleSentence]
    claim_of: dict[int, int]
    marks: dict[int, Any]
    current: int | None
    full: list[Segment] | None = None  # the whole text, when its file is readable and unchanged
    full_note: str = ""  # why the whole text is not shown


MAX_ARTICLE_BYTES = 5_000_000


def full_text(meta: dict[str, Any]) -> tuple[str | None, str]:
    """(the article's text, "") when the file it was indexed from is still readable and its content
    hash is the stored one (so the stored offsets fit), else (None, why not). The store keeps only
    statements and their sentences; a relative ``doc`` is read from the server's working folder.
    Only a doc recorded in the store is ever read."""
    from factrack.ingest import read_articles
    from factrack.records import Article

    doc = str(meta["doc"])
    path = Path(doc.rsplit("#", 1)[0] if "#" in doc and not Path(doc).exists() else doc)
    try:
        if not path.is_file():
            return None, f"the file {doc} is not readable from here"
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            return None, f"the file {doc} is too large to show"
    except OSError:
        return None, f"the file {doc} is not readable from here"
    for found in read_articles([str(path)]):
        if isinstance(found, Article) and found.doc == doc:
            if found.content_hash == meta.get("hash"):
                return found.text, ""
            return None, f"the file {doc} changed since it was indexed (run `factrack index` again)"
    return None, f"the file {doc} no longer holds this article"


def article_page(store: Store, doc: str, current: int | None = None, *, files: bool = True) -> ArticlePage:
    """An article: its metadata, and its whole text with every statement highlighted by its
    offsets when the indexed file is still there unchanged (``files``); otherwise the sentences
    that carry statements, in text order, each statement highlighted."""
    meta = store.article_meta(doc)
    if meta is None:
        raise InputError(f"no article {doc!r} in the store")
    statements = store.statements_where("s.doc = ?", [doc], order="s.start, s.id")
    text, note = full_text(meta) if files else (None, "reading article files is off")
    full = sentence_with_all(text, 0, statements, current) if text is not None else None
    groups: dict[tuple[int, str], list[StoredStatement]] = {}
    for s in statements:
        if s.sentence and s.sentence_start is not None:
            groups.setdefault((s.sentence_start, s.sentence), []).append(s)
        else:
            groups.setdefault((s.start, s.text), []).append(s)
    sentences = []
    for (start, text), members in sorted(groups.items(), key=lambda kv: kv[0][0]):
        sentences.append(ArticleSentence(start, sentence_with_all(text, start, members, current), members))
    marks = Marks.load(store)
    return ArticlePage(meta, sentences, store.claim_of([s.id for s in statements]),
                       {s.id: marks.for_statement(s) for s in statements}, current, full, note)


# ---------------------------------------------------------------------------- contradictions
@dataclass(frozen=True)
class ContradictionFilters:
    speaker: str | None = None
    source: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    min_score: float = 0.7
    reviewed: str = "any"  # any | yes | no
    show_false_positives: bool = False
    limit: int = 50


def _check_day(value: str | None) -> None:
    if value:
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            raise InputError(f"not an ISO date: {value!r} (expected YYYY-MM-DD)") from None


def contradictions_page(store: Store, f: ContradictionFilters,
                        cache: dict[tuple, list[Any]] | None = None) -> tuple[list[ReviewedContradiction], int]:
    """(rows shown, rows matching before the limit): the claim-level listing under the filters.

    ``cache`` keeps ``find_claims``'s answer (the expensive part: every split claim and verdict is
    loaded) per store state: the generation, which every run that adds or removes statements bumps,
    and the claim count; review marks are applied afresh on every request."""
    from factrack.compare import contradictions as contra

    for d in (f.since, f.until):
        _check_day(d)
    key = (store.generation(), store.claim_count(), contra.has_verdicts(store), f.speaker or None, f.since or None,
           f.min_score)
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = contra.find_claims(store, speaker=f.speaker or None, since=f.since or None, min_score=f.min_score)
        if cache is not None:
            if len(cache) > 32:
                cache.clear()
            cache[key] = found

    def statements(c: Any) -> list[StoredStatement]:
        return [*c.a.statements, *c.b.statements]

    if f.source:
        want = f.source.lower()
        found = [c for c in found if any((s.source or s.doc.rsplit("/", 1)[-1]).lower() == want for s in statements(c))]
    if f.lang:
        found = [c for c in found if any(s.lang == f.lang for s in statements(c))]
    if f.until:
        found = [c for c in found if min((s.published or "9999")[:10] for s in statements(c)) <= f.until[:10]]
    reviewed = {"yes": True, "no": False}.get(f.reviewed)
    rows = with_marks(found, Marks.load(store), show_false_positives=f.show_false_positives or reviewed is True,
                      reviewed=reviewed)
    return rows[: f.limit], len(rows)


# ---------------------------------------------------------------------------- speakers
POLARITY_ROW = {"asserts": 0, "denies": 1, "questions": 2}


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    statement: StoredStatement
    claim_id: int | None
    day: str


@dataclass(frozen=True)
class StanceChange:
    claim_id: int
    label: str
    before: tuple[str, str, StoredStatement]  # (day, stance, statement)
    after: tuple[str, str, StoredStatement]


@dataclass(frozen=True)
class SpeakerPage:
    name: str
    role: str | None
    aliases: tuple[str, ...]
    statements: list[StoredStatement]
    dots: list[Dot]
    ticks: list[tuple[float, str]]
    undated: int
    changes: list[StanceChange]
    claim_of: dict[int, int]
    marks: dict[int, Any] = field(default_factory=dict)  # statement id -> its review mark
    width: int = 720
    height: int = 130
    rows: tuple[str, ...] = field(default=("asserts", "denies", "questions"))


def _day_number(day: str) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def speaker_page(store: Store, name: str) -> SpeakerPage:
    """A speaker: aliases (both languages), role, statements by date as timeline dots (one row per
    polarity), and the claims on which the speaker's stance changed over time."""
    from factrack.claims import load_claims
    from factrack.search import speaker_statements

    names = store.resolve_speaker(name)
    canonical = name if name in names else names[0]
    record = store.speaker_record(canonical)
    statements = speaker_statements(store, canonical)
    if record is None and not statements:
        raise InputError(f"no speaker {name!r} in the store")
    role, aliases = record or (None, ())
    claim_of = store.claim_of([s.id for s in statements])
    width, left, right = 720, 90, 40
    days = [(s, d) for s in statements if s.published and (d := _day_number(s.published)) is not None]
    dots: list[Dot] = []
    ticks: list[tuple[float, str]] = []
    if days:
        lo, hi = min(d for _, d in days), max(d for _, d in days)
        span = max(hi - lo, 1)

        def x_of(d: int) -> float:
            return round(left + (width - left - right) * ((d - lo) / span if hi > lo else 0.5), 1)

        seen: dict[tuple[float, int], int] = {}
        for s, d in days:
            row = POLARITY_ROW.get(str(s.polarity), 0)
            x = x_of(d)
            n = seen.get((x, row), 0)
            seen[(x, row)] = n + 1
            # stacked a little
            dots.append(Dot(x, 20 + 35 * row + (n % 4) * 4, s, claim_of.get(s.id), (s.published or '')[:10]))
        for d in sorted({lo, hi, lo + span // 2} if hi > lo else {lo}):
            ticks.append((x_of(d), date.fromordinal(d).isoformat()))
    # stance toward each claim, in date order: where it turns
    changes: list[StanceChange] = []
    cids = sorted({c for c in claim_of.values()})
    claims = {c.id: c for c in load_claims(store, cids)} if cids else {}
    mine = {s.id for s in statements}
    for cid, claim in claims.items():
        seq = sorted(((m.statement.published or "")[:10], m.stance, m.statement) for m in claim.members
                     if m.statement.id in mine and m.statement.published)
        for (d1, st1, s1), (d2, st2, s2) in pairwise(seq):
            if st1 != st2:
                changes.append(StanceChange(cid, claim.label.text, (d1, st1, s1), (d2, st2, s2)))
    changes.sort(key=lambda c: c.after[0])
    marks = Marks.load(store)
    return SpeakerPage(canonical, role, aliases, statements, dots, ticks, len(statements) - len(days), changes,
                       claim_of,
                       {s.id: m for s in statements if (m := marks.for_statement(s)) is not None})


def speakers_page(store: Store) -> list[tuple[str, tuple[str, ...], int]]:
    return store.speakers()
