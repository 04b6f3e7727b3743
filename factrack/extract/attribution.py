"""Turning quotes and cues into attributed statement candidates, one spaCy doc at a time.

A quote takes the nearest cue in the sentences it touches; a quote inside a speaker's phrase is a
name ('واشنطن انستيتيوت'), and a quote with no cue near it is a scare quote: neither is a
statement. A cue's reported clause becomes indirect speech unless it holds a quote, in which case
the quoted words are the statement (as in the seed annotation), and a quote inside a cue's
reported clause belongs to that cue. A verb with no subject of its own shares the subject of the
verb before it in the sentence. Speakers stay mentions here (cues whose speaker says nothing
quotable are passed on as notes); ``coref`` resolves them across the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from factrack.extract.quotes import Quote, find_quotes
from factrack.extract.reporting import Cue, Tables, doc_annotations, find_cues, folded, tables
from factrack.extract.spans import strip_span
from factrack.records import Kind, Polarity

SHORT_QUOTE_WORDS = 3  # a quote this short may be part of a name
DIRECT_MIN_WORDS = 5  # a shorter quote is a partial one
FLOATING_SENTENCES = 2  # a bare quoted sentence keeps a speaker named this many sentences back
_FINAL = " \t\r\n.。،,;:"  # trimmed off both ends of a statement


@dataclass(frozen=True)
class Candidate:
    """An attributed statement before speaker resolution; offsets into the doc's text."""

    start: int
    end: int
    kind: Kind
    cue: str | None
    mention: tuple[int, int] | None  # where the speaker is written, when it is written here
    sentence: tuple[int, int]
    group: int | None = None  # pieces of one quote
    name: tuple[int, int] | None = None  # the person's name inside the mention, if found
    note: bool = False  # not a statement: a speaker met (she disagreed), for resolving later mentions
    polarity: Polarity = Polarity.ASSERTS


def _words(text: str) -> int:
    return len(text.split())


def _quote_tokens(doc: Doc, text: str, quotes: list[Quote]) -> tuple[set[int], set[int]]:
    """Token indices inside quotes (marks included), and those inside short quotes.

    Each quote finds its tokens by bisection and counts its words once: looping over every
    token and every quote (and rebuilding ``doc.text``) made long articles quadratic."""
    quoted: set[int] = set()
    short: set[int] = set()
    starts = [tok.idx for tok in doc]
    for q in quotes:
        s, e = q.open_at, (q.close_at + 1) if q.close_at is not None else q.end
        is_short = _words(text[q.start : q.end]) <= SHORT_QUOTE_WORDS
        for i in range(bisect_left(starts, s), bisect_left(starts, e)):
            if i not in quoted:  # the first quote (in text order) holding a token has it
                quoted.add(i)
                if is_short:
                    short.add(i)
    return quoted, short


class _Ranges:
    """The doc's sentence ranges (trimmed; starts and ends both non-decreasing), searched by
    bisection: scanning all sentences per quote made long articles quadratic."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [s for s, _ in ranges]
        self.ends = [e for _, e in ranges]

    def touching(self, start: int, end: int) -> range:
        """Indices of the sentences with s < end and start < e (a contiguous run)."""
        lo, hi = bisect_right(self.ends, start), bisect_left(self.starts, end)
        return range(lo, max(lo, hi))

    def holding(self, at: int) -> int | None:
        """Index of the first sentence with s <= at < e, if any."""
        k = bisect_right(self.ends, at)
        return k if k < len(self.ranges) and self.starts[k] <= at else None

    def within(self, start: int, end: int) -> int:
        """How many sentences lie wholly inside [start, end]."""
        lo, hi = bisect_left(self.starts, start), bisect_right(self.ends, end)
        return max(0, hi - lo)


class _Spans:
    """Intervals asked whether any overlaps, or contains, a given range, in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        by_start = sorted(spans)
        self.starts = [s for s, _ in by_start]
        self.max_end: list[int] = []  # the largest end among the first k + 1 by start
        for _, e in by_start:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def overlaps(self, start: int, end: int) -> bool:
        """Is there an interval with s < end and start < e?"""
        k = bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start

    def containing(self, start: int, end: int) -> bool:
        """Is there an interval with s <= start and end <= e?"""
        k = bisect_right(self.starts, start)
        return k > 0 and self.max_end[k - 1] >= end


def _sentence_range(text: str, sent: Span) -> tuple[int, int]:
    return strip_span(text, sent.start_char, sent.end_char, _FINAL)


def _distance(cue: Cue, start: int, end: int) -> int:
    if cue.end <= start:
        return start - cue.end
    if cue.start >= end:
        return cue.start - end + 1  # a cue before the quote wins a tie
    return 0


def _inside(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] <= start and end <= span[1]


def _kind(doc: Doc, text: str, q: Quote, cue: Cue | None, sent: tuple[int, int], t: Tables) -> Kind:
    """Direct when the quote is a sentence of its own; partial when the writer's words wrap it."""
    if _words(text[q.start : q.end]) < DIRECT_MIN_WORDS:
        return Kind.PARTIAL
    after = text[(q.close_at + 1) if q.close_at is not None else q.end : sent[1]]
    if q.close_at is None or not any(ch.isalnum() for ch in after):
        return Kind.DIRECT
    if cue is not None and cue.start > q.start:
        return Kind.DIRECT  # "…," he said
    lead_from = max(cue.end, cue.mention[1] if cue.mention else 0) if cue else sent[0]
    lead = doc.char_span(min(lead_from, q.open_at), q.open_at, alignment_mode="expand")
    if lead is None:
        return Kind.PARTIAL
    for tok in lead:
        f = folded(tok)
        if not (tok.is_punct or tok.is_space or f in t.stops or f in t.complementizers):
            return Kind.PARTIAL
    return Kind.DIRECT


def find_candidates(doc: Doc, code: str) -> tuple[list[Candidate], set[int]]:
    """Attributed statements in one doc: quotes, and indirect speech with its cue and mention;
    and the indices of the sentences that hold a cue or a quote (they are not claims)."""
    t = tables(code)
    text = doc.text  # built anew on every access: once per doc, never per token or quote
    quotes = find_quotes(text, code)
    quoted, short = _quote_tokens(doc, text, quotes)
    sents = list(doc.sents)
    ranges = [_sentence_range(text, s) for s in sents]
    by_sent = _Ranges(ranges)
    quoted_text = _Spans([(q.start, q.end) for q in quotes])
    annotated = doc_annotations(doc)
    cues_by_sent = [_share_subjects(find_cues(s, t, quoted, short, annotated)) for s in sents]
    out: list[Candidate] = []

    for n, cues in enumerate(cues_by_sent):
        for c in cues:
            if c.content is None:
                continue
            s, e = strip_span(text, *c.content, _FINAL)
            if s < e and not quoted_text.overlaps(s, e):
                out.append(Candidate(s, e, Kind.INDIRECT, c.text, c.mention, ranges[n], name=c.name,
                                     polarity=c.polarity))

    names = _Spans([c.mention for cues in cues_by_sent for c in cues if c.mention])
    ends = sorted(c.end for c in out)  # of the candidates so far, for a floating quote's predecessor
    groups: dict[int, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(q.group, []).append(q)
    for pieces in groups.values():
        first, last = pieces[0], pieces[-1]
        span_end = (last.close_at + 1) if last.close_at is not None else last.end
        if names.containing(first.open_at, span_end):
            continue
        touched = list(by_sent.touching(first.open_at, span_end))
        if not touched:
            continue
        near = [c for n in touched for c in cues_by_sent[n]]
        if any(_names_an_outlet(text, c, first, span_end) for c in near):
            continue
        holders = [c for c in near if c.content and not c.content_before and _inside(c.content, first.start, last.end)]
        if holders:  # قال إن القوات «قادرة …»، مضيفا …: the quote is what the first verb reports
            near = holders[-1:]
        cue = min(near, key=lambda c: _distance(c, first.open_at, span_end)) if near else None
        mention = cue.mention if cue else None
        if cue is None:
            prev = touched[0] - 1
            if prev >= 0 and text[ranges[prev][0] : sents[prev].end_char].rstrip().endswith(":") and cues_by_sent[prev]:
                cue = cues_by_sent[prev][-1]
                mention = cue.mention
            elif not _floating(text, first, last, by_sent, touched, ends):
                continue
        kind = None
        for q in pieces:
            held = by_sent.holding(q.start)
            n = touched[0] if held is None else held
            kind = kind or _kind(doc, text, q, cue, ranges[n], t)  # later paragraphs go with the first
            name = cue.name if cue and mention else None
            out.append(Candidate(q.start, q.end, kind, cue.text if cue else None, mention, ranges[n], q.group, name,
                                 polarity=_quote_polarity(kind, cue)))
            insort(ends, q.end)
    used = {c.mention for c in out}
    for n, cues in enumerate(cues_by_sent):
        for c in cues:
            if c.mention and c.mention not in used:
                out.append(Candidate(c.start, c.start, Kind.INDIRECT, c.text, c.mention, ranges[n], None, c.name, True))
                used.add(c.mention)
    busy = {n for n, cues in enumerate(cues_by_sent) if any(c.content or c.mention for c in cues)}
    busy |= {n for q in quotes for n in by_sent.touching(q.open_at, q.end)}
    return sorted(out, key=lambda c: c.start), busy


def _quote_polarity(kind: Kind, cue: Cue | None) -> Polarity:
    """A direct quote is the speaker's own words: it asserts (its negations are its own). A partial
    quote inside a reported clause takes the cue's stance (denied that the plant was «shut for
    good»), unless the cue describes (called the reports «baseless»: the quote is the description)."""
    if kind is Kind.DIRECT or cue is None or cue.describing:
        return Polarity.ASSERTS
    return cue.polarity


def _share_subjects(cues: list[Cue]) -> list[Cue]:
    """A verb with no subject of its own after another in the same sentence shares its subject
    (لكن الخبير هاني عزت شكك في الأرقام، وقال إن …; he denied it, adding that …)."""
    out: list[Cue] = []
    for cue in cues:
        prev = next((c for c in reversed(out) if c.mention and not c.phrase), None)
        if cue.mention is None and not cue.phrase and prev is not None:
            cue = replace(cue, mention=prev.mention, name=prev.name)
        out.append(cue)
    return out


def _names_an_outlet(text: str, cue: Cue, first: Quote, span_end: int) -> bool:
    """A short quote between a cue and the clause it reports names an outlet or a source
    (قال لـ«الأخبار» إن …، نقلت صحيفة "نيويورك تايمز" عن …)."""
    if cue.content is None or cue.content_before or cue.phrase:
        return False
    short = _words(text[first.open_at : span_end]) <= SHORT_QUOTE_WORDS
    return short and cue.end <= first.open_at and span_end <= cue.content[0]


def _floating(text: str, first: Quote, last: Quote, by_sent: _Ranges, touched: list[int], ends: list[int]) -> bool:
    """A quoted sentence standing alone keeps the speaker of a statement just before it
    (``ends``: the sorted ends of the statements found so far)."""
    s0, _ = by_sent.ranges[touched[0]]
    if text[s0 : first.open_at].strip() or _words(text[first.start : last.end]) < DIRECT_MIN_WORDS:
        return False
    k = bisect_right(ends, first.open_at)
    if k == 0:
        return False
    return by_sent.within(ends[k - 1], first.open_at) < FLOATING_SENTENCES
