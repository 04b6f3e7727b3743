"""One stored statement or claim in full: what ``factrack show`` prints.

A fact-checker who found ``#123`` in a listing wants everything about it in one place: the words,
who said them and with what stance, where they stand in which article (and its URL), the claim
they belong to, and every stored contradiction with the other side's words, speaker and the
reasons. The command line prints these records; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factrack.errors import InputError

if TYPE_CHECKING:
    from factrack.claims import Claim
    from factrack.store import Store, StoredStatement

MAX_ID = 2**63 - 1  # SQLite's largest integer: a longer id cannot be in the store (and overflows a query)
# = factrack.compare.contradictions.DEFAULT_MIN_STRENGTH: the contradictions the listing shows
DEFAULT_MIN_SCORE = 0.7
CLAIM_PREFIX = "claim:"


def parse_ref(ref: str, claim: bool = False) -> tuple[str, int]:
    """("statement" | "claim", id) from ``12``, ``#12``, ``claim:12`` (or ``claim=True``).

    Any id beyond SQLite's integers is reported as absent, the same as any other unknown id."""
    text = ref.strip()
    kind = "statement"
    if text.lower().startswith(CLAIM_PREFIX):
        kind, text = "claim", text[len(CLAIM_PREFIX):].strip()
    if claim:
        kind = "claim"
    text = text.removeprefix("#")
    if not text.isascii() or not text.isdigit():
        raise InputError(f"not a {kind} id: {ref!r} (expected digits, e.g. 12, #12 or claim:12)")
    n = int(text)
    if n > MAX_ID:
        raise InputError(f"no {kind} #{n} in the store")
    return kind, n


def location(s: StoredStatement) -> str:
    """``doc:start-end``: where the statement's words are in its article (character offsets)."""
    return f"{s.doc}:{s.start}-{s.end}"


def _brief(s: StoredStatement) -> dict[str, Any]:
    return {"id": s.id, "text": s.text, "speaker": s.speaker, "polarity": str(s.polarity), "source": s.source,
            "published": s.published, "location": location(s), "url": s.url}


@dataclass(frozen=True)
class Opposing:
    """A stored contradiction of the shown statement (or of one of the shown claim's statements)."""

    statement: StoredStatement  # the shown side
    other: StoredStatement
    other_claim: int | None
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "reasons": list(self.reasons), "statement": _brief(self.statement),
                "other": {**_brief(self.other), "claim": self.other_claim}}


@dataclass(frozen=True)
class StatementView:
    """A statement with its place, its claim (and its stance toward it) and its contradictions."""

    statement: StoredStatement
    claim: Claim | None = None
    stance: str | None = None
    contradictions: tuple[Opposing, ...] = field(default_factory=tuple)

    @property
    def location(self) -> str:
        return location(self.statement)

    def to_dict(self) -> dict[str, Any]:
        claim = None
        if self.claim is not None:
            claim = {**self.claim.to_dict(members=False), "stance": self.stance}
        return {"type": "statement", **self.statement.to_dict(), "location": self.location, "claim": claim,
                "contradictions": [c.to_dict() for c in self.contradictions]}


@dataclass(frozen=True)
class ClaimView:
    """A claim with all its statements and the contradictions of any of them."""

    claim: Claim
    contradictions: tuple[Opposing, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        members = [{**m.to_dict(), "location": location(m.statement)} for m in self.claim.members]
        return {"type": "claim", **self.claim.to_dict(members=False), "members": members,
                "contradictions": [c.to_dict() for c in self.contradictions]}


def _opposing(store: Store, ids: list[int], min_score: float) -> list[Opposing]:
    """The stored contradiction verdicts of ``ids`` at least ``min_score`` strong, strongest first."""
    rows = []
    for i in ids:
        rows += store.verdicts(statement_id=i, relation="contradiction", min_score=min_score)
    unique = list({(a, b): (a, b, score, reasons) for a, b, _, score, reasons, _ in rows}.values())
    by_id = {s.id: s for s in store.statements(sorted({i for r in unique for i in r[:2]}))}
    claim_of = store.claim_of(list(by_id))
    mine = set(ids)
    out = []
    for a, b, score, reasons in unique:
        here, there = (a, b) if a in mine else (b, a)
        if here not in by_id or there not in by_id:
            continue
        out.append(Opposing(by_id[here], by_id[there], claim_of.get(there), float(score), tuple(reasons)))
    out.sort(key=lambda o: (-o.score, o.statement.id, o.other.id))
    return out


def show_statement(store: Store, statement_id: int, *, min_score: float = DEFAULT_MIN_SCORE) -> StatementView:
    """Everything stored about one statement; ``InputError`` when there is no such statement."""
    from factrack.claims import load_claims

    got = store.statements([statement_id])
    if not got:
        raise InputError(f"no statement #{statement_id} in the store")
    s = got[0]
    cid = store.claim_of([s.id]).get(s.id)
    claim = next(iter(load_claims(store, [cid])), None) if cid is not None else None
    stance = next((m.stance for m in claim.members if m.statement.id == s.id), None) if claim else None
    return StatementView(s, claim, stance, tuple(_opposing(store, [s.id], min_score)))


def show_claim(store: Store, claim_id: int, *, min_score: float = DEFAULT_MIN_SCORE) -> ClaimView:
    """One claim, its statements, and its contradictions: its own supporters against its deniers
    (as ``factrack contradictions`` lists them) and the verdicts of its statements against others."""
    from factrack.claims import load_claims
    from factrack.compare.contradictions import _stance_opposition

    found = load_claims(store, [claim_id])
    if not found:
        raise InputError(f"no claim #{claim_id} in the store")
    claim = found[0]
    members = {m.statement.id: m.statement for m in claim.members}
    out: list[Opposing] = []
    inner = _stance_opposition(claim)
    if inner is not None and inner[2] >= min_score:
        a, b, score, reason = inner
        out.append(Opposing(members[a], members[b], claim.id, score, (reason,)))
    listed = {frozenset((o.statement.id, o.other.id)) for o in out}
    # each verdict once (``_opposing`` merges the two members' views of a verdict inside the claim)
    out += [o for o in _opposing(store, list(members), min_score)
            if frozenset((o.statement.id, o.other.id)) not in listed]
    out.sort(key=lambda o: (-o.score, o.statement.id, o.other.id))
    return ClaimView(claim, tuple(out))
