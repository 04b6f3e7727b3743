"""Claims: the statements that make (or deny) one proposition, across outlets and languages.

Fact-checkers track claims ("2,500 US troops remain"), not sentences. A claim here is a group of
stored statements: the same quote carried by several outlets, its translation, a paraphrase, a
denial of it. Each statement's stance toward the claim is read from its polarity (``denies``) and
from a negation in its own words relative to the claim's label ("the plant was not shut" is
against "the plant was shut"), so one claim holds both sides of a denial.

Assignment is incremental, at index time: each new statement is compared with its nearest
stored neighbours (FAISS) and joins the claim of the most similar one the judge accepts, or
starts a claim of its own. Nothing already stored is re-clustered, so claim ids stay as they were
across runs. The judge, ``SameClaimJudge``, is measured against hand-labelled claims in
docs/claims.md (``scripts/eval_claims.py``):

- the raw e5 cosine of the two statements reaches a threshold, one for statements of one language
  and a lower one across languages (translations score 0.93-0.94, unrelated news at most 0.82);
- no figure or date differs for the same measured thing ("14 neighbourhoods" and "9
  neighbourhoods" are two claims about one thing: a contradiction to list, not a paraphrase);
- no opposed stance or modality words (the mission "ends" / "continues").
A negation flip passes: it changes the stance, not the claim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factrack.records import Polarity, Statement

if TYPE_CHECKING:
    from factrack.store import Membership, Store, StoredStatement

# Set on corpora/claims.labels.jsonl by scripts/eval_claims.py --grid (docs/claims.md).
SAME_LANGUAGE = 0.96  # raw e5 cosine, both statements in one language
CROSS_LANGUAGE = 0.88  # across languages (translations score 0.93-0.94)
LABEL_MARGIN = 0.02  # the claim's label must be at least this close to the threshold too (no chaining)
SHORT_WORDS = 4  # a statement of fewer content words than this ...
SHORT_SIMILARITY = 0.94  # ... joins only at this similarity: short fragments all look alike to e5
MIN_OVERLAP = 0.0  # one language: share of content words in common (Jaccard) at least this (0: off)
SAME_SPEAKER = 0.02  # thresholds are this much lower for two statements of one speaker (one quote, two outlets)
NEIGHBOURS = 10  # stored neighbours a new statement is compared with
JUDGE_VERSION = "judge:v1"


def flipped(label: Statement, statement: Statement) -> bool:
    """Does ``statement`` negate what ``label`` asserts, or the other way round?

    The comparison's negation cue finds a shared predicate negated on one side only, and knows
    that "the mission will end" negates "combat" like "no combat mission" does; across languages,
    where no predicate is shared, a negation in one statement's words and not the other's counts."""
    from factrack.compare.cues import analyse, negation_cues, predicate_keys

    x, y = analyse(label.text), analyse(statement.text)
    if negation_cues(x, y):
        return True
    if label.lang != statement.lang and not (predicate_keys(x) & predicate_keys(y)):
        return label.negated != statement.negated
    return False


def stance(statement: Statement, label: Statement) -> str:
    """``for``, ``against`` or ``questions``: the statement's stance toward its claim's label text.

    Against when it denies the proposition, or negates it in its own words (``flipped``), but not
    both: "denied that the plant was shut" and "the plant was not shut" are against "the plant was
    shut"; "denied that the plant was not shut" is for it."""
    if statement.polarity is Polarity.QUESTIONS:
        return "questions"
    return "against" if (statement.polarity is Polarity.DENIES) != flipped(label, statement) else "for"


@dataclass(frozen=True)
class SameClaimJudge:
    """Do two statements make the same claim? Cosine thresholds plus the figure and stance checks."""

    same_language: float = SAME_LANGUAGE
    cross_language: float = CROSS_LANGUAGE
    label_margin: float = LABEL_MARGIN
    short_words: int = SHORT_WORDS
    short_similarity: float = SHORT_SIMILARITY
    min_overlap: float = MIN_OVERLAP
    same_speaker: float = SAME_SPEAKER
    name: str = JUDGE_VERSION

    def threshold(self, a: Statement, b: Statement) -> float:
        from factrack.compare.cues import analyse

        t = self.same_language if a.lang == b.lang else self.cross_language
        if min(len(analyse(a.text).content), len(analyse(b.text).content)) < self.short_words:
            t = max(t, self.short_similarity)
        if a.speaker and a.speaker == b.speaker:
            t -= self.same_speaker
        return t

    def judge(self, a: Statement, b: Statement, similarity: float) -> tuple[bool, tuple[str, ...]]:
        """(same claim?, the checks as readable evidence)."""
        from factrack.compare.cues import analyse, modality_cues, number_cues, stance_cues

        t = self.threshold(a, b)
        scope = "one language" if a.lang == b.lang else "across languages"
        if similarity < t:
            return False, (f"similarity {similarity:.3f} < {t:.2f} ({scope})",)
        x, y = analyse(a.text), analyse(b.text)
        if a.lang == b.lang and x.content and y.content:
            overlap = len(x.content & y.content) / len(x.content | y.content)
            if overlap < self.min_overlap:
                return False, (f"few words in common ({overlap:.2f} < {self.min_overlap:.2f})",)
        figures = number_cues(x, y)
        if figures:
            return False, tuple(str(c) for c in figures)
        opposed = stance_cues(x, y) + modality_cues(x, y)
        if opposed:
            return False, tuple(str(c) for c in opposed)
        evidence = [f"similarity {similarity:.3f} >= {t:.2f} ({scope})"]
        shared = sorted({n.raw for n in x.numbers} & {n.raw for n in y.numbers})
        if shared:
            evidence.append("same figures: " + ", ".join(shared))
        return True, tuple(evidence)


@dataclass(frozen=True)
class AssignSummary:
    joined: int = 0  # statements that joined an existing claim
    started: int = 0  # statements that started a claim

    def to_dict(self) -> dict[str, int]:
        return {"joined": self.joined, "started": self.started}


def assign(store: Store, judge: SameClaimJudge | None = None, *, todo: Sequence[int] | None = None,
           progress: Callable[[int, int], None] | None = None, batch: int = 512) -> AssignSummary:
    """Put every statement that is in no claim yet into one, in id order.

    A statement joins the claim of its most similar earlier-assigned neighbour that the judge
    accepts (statements assigned earlier in the same call count), else starts one. One
    transaction per batch: a run killed midway leaves whole batches, and the rest stays
    unassigned for the next run.
    """
    from factrack.store import Membership

    judge = judge or SameClaimJudge()
    todo = store.unassigned_ids() if todo is None else todo  # the caller may have asked already
    joined = started = 0
    for s in range(0, len(todo), batch):
        chunk = todo[s : s + batch]
        stmts = {st.id: st for st in store.statements(chunk)}
        chunk = [i for i in chunk if i in stmts]
        if not chunk:
            continue
        vecs = store.vectors(chunk)
        _, nbrs = store.nearest(vecs, NEIGHBOURS + 1, langs=[stmts[i].lang for i in chunk])
        near = sorted({int(j) for row in nbrs for j in row if j >= 0} - set(chunk))
        claim_of = store.claim_of(near)
        labels = store.claim_labels(sorted(set(claim_of.values())))
        seen = sorted(set(near) | set(labels.values()))
        others = {st.id: st for st in store.statements(seen)}
        raw = dict(zip(seen, store.vectors(seen), strict=True)) if seen else {}
        raw.update(zip(chunk, vecs, strict=True))
        others.update(stmts)
        rows: list[Membership] = []
        with store.transaction(bump=False):
            for i, row in zip(chunk, nbrs, strict=True):
                st = stmts[i]
                found = None
                options = []
                for j in (int(j) for j in row):
                    if j < 0 or j == i or j not in claim_of or j not in others:
                        continue
                    options.append((float(raw[i] @ raw[j]), j))
                for sim, j in sorted(options, reverse=True):
                    ok, evidence = judge.judge(st, others[j], sim)
                    if ok:
                        ok, evidence = _label_agrees(judge, st, claim_of[j], labels, others, raw, evidence)
                    if ok:
                        found = Membership(i, claim_of[j], j, sim, evidence)
                        break
                if found is None:
                    found = Membership(i, store.new_claim(i, judge.name), None, None, ("first statement of the claim",))
                    labels[found.claim_id] = i
                    started += 1
                else:
                    joined += 1
                claim_of[i] = found.claim_id
                rows.append(found)
            store.put_members(rows)
        if progress is not None:
            progress(min(s + batch, len(todo)), len(todo))
    return AssignSummary(joined, started)


def _label_agrees(judge: SameClaimJudge, st: StoredStatement, claim: int, labels: dict[int, int],
                  others: dict[int, Any], raw: dict[int, Any],
                  evidence: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """A statement joins a claim through its closest member only if it is also close to the
    claim's label: single links alone chain paraphrase to paraphrase until the claim drifts."""
    label = labels.get(claim)
    if label is None or label == st.id or label not in raw:
        return True, evidence
    sim = float(raw[st.id] @ raw[label])
    need = judge.threshold(st, others[label]) - judge.label_margin
    if sim < need:
        return False, (f"far from the claim's label ({sim:.3f} < {need:.2f})",)
    return True, (*evidence, f"label similarity {sim:.3f}")


@dataclass(frozen=True)
class Member:
    """One statement of a claim, with its stance toward the claim and why it is in it."""

    statement: StoredStatement
    stance: str
    membership: Membership

    def to_dict(self) -> dict[str, Any]:
        return {**self.statement.to_dict(), "stance": self.stance, "membership": self.membership.to_dict()}


@dataclass(frozen=True)
class Claim:
    """A claim: its label (first statement), every member, and who stands for or against it."""

    id: int
    label: StoredStatement
    members: tuple[Member, ...] = field(default_factory=tuple)

    @property
    def languages(self) -> list[str]:
        return sorted({m.statement.lang for m in self.members})

    @property
    def sources(self) -> list[str]:
        return sorted({_source(m.statement) for m in self.members})

    def speakers(self, side: str) -> list[str]:
        return sorted({m.statement.speaker for m in self.members if m.stance == side and m.statement.speaker})

    @property
    def dates(self) -> tuple[str | None, str | None]:
        days = sorted(d[:10] for m in self.members if (d := m.statement.published))
        return (days[0], days[-1]) if days else (None, None)

    def to_dict(self, members: bool = True) -> dict[str, Any]:
        first, last = self.dates
        d: dict[str, Any] = {
            "id": self.id, "label": self.label.text, "label_id": self.label.id, "statements": len(self.members),
            "languages": self.languages, "sources": self.sources, "speakers_for": self.speakers("for"),
            "speakers_against": self.speakers("against"), "speakers_questioning": self.speakers("questions"),
            "first": first, "last": last,
        }
        if members:
            d["members"] = [m.to_dict() for m in self.members]
        return d


def _source(s: StoredStatement) -> str:
    return s.source or s.doc.rsplit("/", 1)[-1]


def load_claims(store: Store, claim_ids: Sequence[int]) -> list[Claim]:
    """Claims by id, in the order asked, with their members (label first, then by date)."""
    memberships = store.memberships(claim_ids)
    labels = store.claim_labels(claim_ids)
    ids = sorted({m.statement_id for ms in memberships.values() for m in ms} | set(labels.values()))
    by_id = {s.id: s for s in store.statements(ids)}
    out = []
    for cid in claim_ids:
        label = by_id.get(labels.get(cid, -1))
        if label is None:
            continue
        members = [Member(by_id[m.statement_id], stance(by_id[m.statement_id], label), m)
                   for m in memberships.get(cid, []) if m.statement_id in by_id]
        members.sort(key=lambda m: (m.statement.id != label.id, (m.statement.published or "")[:10], m.statement.id))
        out.append(Claim(cid, label, tuple(members)))
    return out


def list_claims(store: Store, *, min_statements: int = 2, speaker: str | None = None, lang: str | None = None,
                since: str | None = None, until: str | None = None, limit: int | None = None) -> list[Claim]:
    """Claims with at least ``min_statements`` statements, most statements first; ``speaker``
    (any alias) keeps claims the speaker takes part in, ``lang`` those with a statement in it,
    ``since``/``until`` (any form of ``factrack.dates``) those with a statement published in the
    range (a claim of undated statements only is left out)."""
    from factrack.compare.contradictions import dated_within
    from factrack.dates import date_range
    from factrack.search import speaker_statements

    since, until = date_range(since, until)
    dated = since is not None or until is not None

    only = None
    if speaker:
        only = [s.id for s in speaker_statements(store, speaker)]
    rows = store.claim_ids(min_statements=min_statements, statement_ids=only)
    out: list[Claim] = []
    for s in range(0, len(rows), 200):
        for claim in load_claims(store, [c for c, _ in rows[s : s + 200]]):
            if lang and lang not in claim.languages:
                continue
            if dated and not dated_within((m.statement for m in claim.members), since, until):
                continue
            out.append(claim)
            if limit is not None and len(out) >= limit:
                return out
    return out
