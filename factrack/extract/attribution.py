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

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from factrack.extract.cues import Cue, Tables, find_cues, folded, tables
from factrack.extract.quotes import Quote, find_quotes
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _FINAL:
        start += 1
    while end > start and text[end - 1] in _FINAL:
        end -= 1
    return start, end


def _quote_tokens(doc: Doc, quotes: list[Quote]) -> tuple[set[int], set[int]]:
    """Token indices inside quotes (marks included), and those inside short quotes."""
    quoted: set[int] = set()
    short: set[int] = set()
    spans = [(q.open_at, (q.close_at + 1) if q.close_at is not None else q.end, q) for q in quotes]
    for tok in doc:
        for s, e, q in spans:
            if s <= tok.idx < e:
                quoted.add(tok.i)
                if _words(doc.text[q.start : q.end]) <= SHORT_QUOTE_WORDS:
                    short.add(tok.i)
                break
    return quoted, short


def _sentence_range(sent: Span) -> tuple[int, int]:
    text = sent.doc.text
    return _trim(text, sent.start_char, sent.end_char)


def _distance(cue: Cue, start: int, end: int) -> int:
    if cue.end <= start:
        return start - cue.end
    if cue.start >= end:
        return cue.start - end + 1  # a cue before the quote wins a tie
    return 0


def _inside(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] <= start and end <= span[1]


def _kind(doc: Doc, q: Quote, cue: Cue | None, sent: tuple[int, int], t: Tables) -> Kind:
    """Direct when the quote is a sentence of its own; partial when the writer's words wrap it."""
    text = doc.text
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
    quotes = find_quotes(doc.text, code)
    quoted, short = _quote_tokens(doc, quotes)
    sents = list(doc.sents)
    ranges = [_sentence_range(s) for s in sents]
    cues_by_sent = [_share_subjects(find_cues(s, t, quoted, short)) for s in sents]
    out: list[Candidate] = []

    for n, cues in enumerate(cues_by_sent):
        for cue in cues:
            if cue.content is None:
                continue
            s, e = _trim(doc.text, *cue.content)
            if s < e and not any(q.start < e and s < q.end for q in quotes):
                out.append(Candidate(s, e, Kind.INDIRECT, cue.text, cue.mention, ranges[n], name=cue.name,
                                     polarity=cue.polarity))

    names = [c.mention for cues in cues_by_sent for c in cues if c.mention]
    groups: dict[int, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(q.group, []).append(q)
    for pieces in groups.values():
        first, last = pieces[0], pieces[-1]
        span_end = (last.close_at + 1) if last.close_at is not None else last.end
        if any(_inside(m, first.open_at, span_end) for m in names):
            continue
        touched = [n for n, (s, e) in enumerate(ranges) if s < span_end and first.open_at < e]
        if not touched:
            continue
        near = [c for n in touched for c in cues_by_sent[n]]
        if any(_names_an_outlet(doc, c, first, span_end) for c in near):
            continue
        holders = [c for c in near if c.content and not c.content_before and _inside(c.content, first.start, last.end)]
        if holders:  # قال إن القوات «قادرة …»، مضيفا …: the quote is what the first verb reports
            near = holders[-1:]
        cue = min(near, key=lambda c: _distance(c, first.open_at, span_end)) if near else None
        mention = cue.mention if cue else None
        if cue is None:
            prev = touched[0] - 1
            if prev >= 0 and doc.text[ranges[prev][0] : sents[prev].end_char].rstrip().endswith(":") and cues_by_sent[prev]:
                cue = cues_by_sent[prev][-1]
                mention = cue.mention
            elif not _floating(doc, first, last, ranges, touched, out, span_end):
                continue
        kind = None
        for q in pieces:
            n = next((k for k, (s, e) in enumerate(ranges) if s <= q.start < e), touched[0])
            kind = kind or _kind(doc, q, cue, ranges[n], t)  # later paragraphs go with the first
            name = cue.name if cue and mention else None
            out.append(Candidate(q.start, q.end, kind, cue.text if cue else None, mention, ranges[n], q.group, name,
                                 polarity=_quote_polarity(kind, cue)))
    used = {c.mention for c in out}
    for n, cues in enumerate(cues_by_sent):
        for c in cues:
            if c.mention and c.mention not in used:
                out.append(Candidate(c.start, c.start, Kind.INDIRECT, c.text, c.mention, ranges[n], None, c.name, True))
                used.add(c.mention)
    busy = {n for n, cues in enumerate(cues_by_sent) if any(c.content or c.mention for c in cues)}
    busy |= {n for n, (s, e) in enumerate(ranges) for q in quotes if q.open_at < e and s < q.end}
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


def _names_an_outlet(doc: Doc, cue: Cue, first: Quote, span_end: int) -> bool:
    """A short quote between a cue and the clause it reports names an outlet or a source
    (قال لـ«الأخبار» إن …، نقلت صحيفة "نيويورك تايمز" عن …)."""
    if cue.content is None or cue.content_before or cue.phrase:
        return False
    short = _words(doc.text[first.open_at : span_end]) <= SHORT_QUOTE_WORDS
    return short and cue.end <= first.open_at and span_end <= cue.content[0]


def _floating(doc: Doc, first: Quote, last: Quote, ranges: list[tuple[int, int]], touched: list[int],
              found: list[Candidate], span_end: int) -> bool:
    """A quoted sentence standing alone keeps the speaker of a statement just before it."""
    s0, e0 = ranges[touched[0]]
    if doc.text[s0 : first.open_at].strip() or _words(doc.text[first.start : last.end]) < DIRECT_MIN_WORDS:
        return False
    before = [c for c in found if c.end <= first.open_at]
    if not before:
        return False
    latest = max(before, key=lambda c: c.end)
    gap = sum(1 for s, e in ranges if latest.end <= s and e <= first.open_at)
    return gap < FLOATING_SENTENCES
