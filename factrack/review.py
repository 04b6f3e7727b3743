"""Review marks: a reviewer's word on a statement, a claim or a contradiction, and the listing
that respects it.

A mark is ``confirmed``, ``false_positive`` or ``needs_checking``, with a note, the reviewer and
the time. What it is attached to must outlive re-indexing: statement ids change when an article is
re-extracted, and claim ids when its statements are regrouped. So a mark holds *anchors*: a hash
of a statement's article (doc) and its folded words. A statement mark applies to the statement
with that anchor; a claim mark to any claim holding one of the members it had when marked; a
contradiction mark (a pair of claims, order-free; one claim twice for a claim asserted by some and
denied by others) to a pair of claims that holds a member of each side. Limit: a mark follows the
words, so a statement whose wording changes in a re-extracted article loses its marks (``review
list`` still shows them, with the ids and texts they had), and if a regrouping splits a marked
claim, every part holding an old member carries the mark.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factrack.errors import InputError, StoreError
from factrack.normalize import fold
from factrack.store.reviewtable import MARKS, TARGETS, ReviewMark
from factrack.store.schema import _now

if TYPE_CHECKING:
    from factrack.claims import Claim
    from factrack.compare.contradictions import ClaimContradiction, Side
    from factrack.store import Store, StoredStatement

ORDER = {"confirmed": 0, "needs_checking": 1, None: 2, "false_positive": 3}  # listing order by mark


def anchor(s: StoredStatement) -> str:
    """A statement's stable key: its article and its folded words (not its id, which re-extraction changes)."""
    return hashlib.sha1(f"{s.doc}\x00{' '.join(fold(s.text).split())}".encode()).hexdigest()[:20]


def claim_anchors(claim: Claim) -> frozenset[str]:
    return frozenset(anchor(m.statement) for m in claim.members)


def pair_key(a: Claim, b: Claim) -> str:
    """A contradiction's key: its two claims' label anchors, order-free."""
    return "|".join(sorted((anchor(a.label), anchor(b.label))))


@dataclass(frozen=True)
class Marks:
    """Every mark of a store, indexed by anchor for matching against what is listed now."""

    marks: tuple[ReviewMark, ...]

    @classmethod
    def load(cls, store: Store) -> Marks:
        return cls(tuple(store.reviews()))

    def _of(self, target: str) -> Iterable[ReviewMark]:
        return (m for m in self.marks if m.target == target)  # newest first

    def for_statement(self, s: StoredStatement) -> ReviewMark | None:
        key = anchor(s)
        return next((m for m in self._of("statement") if key in m.anchors_a), None)

    def for_claim(self, claim: Claim) -> ReviewMark | None:
        have = claim_anchors(claim)
        return next((m for m in self._of("claim") if m.anchors_a & have), None)

    def for_pair(self, a: Claim, b: Claim) -> ReviewMark | None:
        x, y = claim_anchors(a), claim_anchors(b)
        for m in self._of("contradiction"):
            both = (m.anchors_a & x and m.anchors_b & y) or (m.anchors_a & y and m.anchors_b & x)
            if both and (a.id == b.id) == (m.anchors_a == m.anchors_b):  # a stance mark is not a two-claim mark
                return m
        return None

    def for_contradiction(self, c: ClaimContradiction) -> ReviewMark | None:
        return self.for_pair(c.a.claim, c.b.claim)


@dataclass(frozen=True)
class ReviewedContradiction:
    """A claim-level contradiction with the mark that applies to it (None: not reviewed)."""

    contradiction: ClaimContradiction
    mark: ReviewMark | None

    @property
    def a(self) -> Side:
        return self.contradiction.a

    @property
    def b(self) -> Side:
        return self.contradiction.b

    @property
    def score(self) -> float:
        return self.contradiction.score

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.contradiction.reasons

    @property
    def kind(self) -> str:
        return self.contradiction.kind

    def to_dict(self) -> dict[str, Any]:
        return {**self.contradiction.to_dict(), "review": None if self.mark is None else self.mark.to_dict()}


def with_marks(contradictions: Sequence[ClaimContradiction], marks: Marks, *, show_false_positives: bool = False,
               reviewed: bool | None = None) -> list[ReviewedContradiction]:
    """Attach marks; hide false positives unless asked; confirmed first, then needs-checking, then
    the unreviewed, each in the order given (strongest first). ``reviewed``: only marked (True) or
    only unmarked (False) rows."""
    out = []
    for c in contradictions:
        m = marks.for_contradiction(c)
        if m is not None and m.mark == "false_positive" and not show_false_positives:
            continue
        if reviewed is not None and (m is not None) != reviewed:
            continue
        out.append(ReviewedContradiction(c, m))
    return sorted(out, key=lambda r: ORDER[r.mark.mark if r.mark else None])  # stable: keeps score order


def _check(mark: str | None, target: str) -> None:
    if target not in TARGETS:
        raise InputError(f"unknown review target {target!r} (expected one of {', '.join(TARGETS)})")
    if mark is not None and mark not in MARKS:
        raise InputError(f"unknown mark {mark!r} (expected one of {', '.join(MARKS)})")


def _claims(store: Store, ids: Sequence[int]) -> list[Claim]:
    from factrack.claims import load_claims

    found = {c.id: c for c in load_claims(store, list(dict.fromkeys(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise InputError(f"no claim #{missing[0]} in the store")
    return [found[i] for i in ids]


def resolve(
    store: Store, target: str, ids: Sequence[int]
) -> tuple[str, frozenset[str], frozenset[str], dict[str, Any], ReviewMark | None]:
    """(key, anchors a, anchors b, refs, the mark it has now) of a target given by today's ids:
    one statement id, one claim id, or two claim ids (the same one twice for a stance contradiction)."""
    _check(None, target)
    need = 2 if target == "contradiction" else 1
    if len(ids) != need:
        raise InputError(f"a {target} is given by {need} id(s), got {len(ids)}")
    marks = Marks.load(store)
    if target == "statement":
        found = store.statements([int(ids[0])])
        if not found:
            raise InputError(f"no statement #{ids[0]} in the store")
        s = found[0]
        key = anchor(s)
        return (key, frozenset({key}), frozenset(), {"statement": s.id, "text": s.text, "doc": s.doc},
                marks.for_statement(s))
    claims = _claims(store, [int(i) for i in ids])
    if target == "claim":
        c = claims[0]
        return (anchor(c.label), claim_anchors(c), frozenset(), {"claim": c.id, "label": c.label.text},
                marks.for_claim(c))
    a, b = claims
    return (pair_key(a, b), claim_anchors(a), claim_anchors(b),
            {"claims": [a.id, b.id], "labels": [a.label.text, b.label.text]}, marks.for_pair(a, b))


def set_mark(store: Store, target: str, ids: Sequence[int], mark: str, *, note: str = "",
             reviewer: str = "") -> ReviewMark:
    """Mark a target (given by today's ids); replaces the mark it had, under whatever key."""
    _check(mark, target)
    if not store.writable:
        raise StoreError("review marks need the store open for writing")
    key, a, b, refs, old = resolve(store, target, ids)
    new = ReviewMark(target, key, mark, note.strip(), reviewer.strip(), _now(), a, b, refs)
    store.put_review(new, replaces=[old.key] if old is not None and old.key != key else [])
    return new


def clear_mark(store: Store, target: str, ids: Sequence[int]) -> int:
    """Remove the mark a target has now; returns marks removed (0 or 1)."""
    key, _, _, _, old = resolve(store, target, ids)
    return store.clear_review(target, [old.key] if old is not None else [key])
