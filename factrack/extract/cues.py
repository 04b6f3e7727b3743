"""Reporting cues (قال، بحسب، said, according to) and the speaker phrase that goes with each.

Two ways to find the speaker, chosen by what the pipeline provides, not by language: with a
dependency parse, the cue verb's subject; without one, a linear reading of the words around the
cue (after it first, as Arabic puts the subject after the verb; before it when nothing follows),
bounded by the per-language tables of stop words, complementizers and clause openers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from factrack import lang
from factrack.extract.names import is_institution, is_title, linear_name, parsed_name, titled
from factrack.normalize import fold

MAX_SPEAKER_WORDS = 12
MAX_SPEAKER_WORDS_BEFORE = 8
_CLITICS = ("و", "ف")
_BREAK_PUNCT = frozenset(",،.:;!?؟؛")
_DASHES = frozenset("-–—")
# what a cue verb reports, best first: a clause (said that …), else a long object or infinitive
# (cited rising costs, wants to leave)
_COMPLEMENTS = ("ccomp", "xcomp", "dobj")


@dataclass(frozen=True)
class Tables:
    """The word tables one language's extraction reads, in folded form."""

    code: str
    cues: frozenset[str]
    continuations: frozenset[str]
    object_cues: frozenset[str]
    complementizers: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # attribution phrases as folded word sequences
    stops: frozenset[str]
    stop_phrases: tuple[tuple[str, ...], ...]
    openers: frozenset[str]
    pronouns: frozenset[str]
    prepositions: frozenset[str]
    sources: frozenset[str]
    documents: frozenset[str]
    relations: frozenset[str]  # prepositions that end an untitled speaker phrase
    questions: frozenset[str]  # words opening an indirect question (whether), not a statement


@cache
def tables(code: str) -> Tables:
    stops = [fold(e).split() for e in lang.lines(code, "speaker_stop_words")]
    return Tables(
        code=code,
        cues=lang.words(code, "cue_verbs") | lang.words(code, "continuation_cues") | lang.words(code, "object_cues"),
        continuations=lang.words(code, "continuation_cues"),
        object_cues=lang.words(code, "object_cues"),
        complementizers=lang.words(code, "complementizers"),
        phrases=tuple(sorted((_phrase(e) for e in lang.lines(code, "attribution_phrases")), key=len, reverse=True)),
        stops=frozenset(s[0] for s in stops if len(s) == 1),
        stop_phrases=tuple(tuple(s) for s in stops if len(s) > 1),
        openers=lang.words(code, "clause_openers"),
        pronouns=lang.words(code, "pronouns"),
        prepositions=lang.words(code, "cue_prepositions"),
        sources=lang.words(code, "source_markers"),
        documents=lang.words(code, "document_nouns"),
        questions=lang.words(code, "question_markers"),
        relations=lang.words(code, "name_stops") & lang.words(code, "cue_prepositions") | lang.words(code, "source_markers"),
    )


def _phrase(entry: str) -> tuple[str, ...]:
    """Folded words of a phrase; a last word written with a tatweel (لـ) is a glued prefix, "+ل"."""
    words = entry.split()
    last = "+" + fold(words[-1]) if words[-1].endswith("\u0640") else fold(words[-1])
    return (*(fold(w) for w in words[:-1]), last)


@dataclass(frozen=True)
class Cue:
    """One reporting cue in a sentence, with what was found around it (doc character offsets)."""

    start: int
    end: int
    text: str
    continuation: bool  # a word like أضاف/added: keeps the previous speaker when no subject follows
    phrase: bool  # an attribution phrase (بحسب، according to) rather than a verb
    mention: tuple[int, int] | None  # the speaker phrase, when one is written here
    content: tuple[int, int] | None  # the reported clause of indirect speech, if any
    content_before: bool = False  # the content stands before the cue (X، بحسب Y)
    name: tuple[int, int] | None = None  # a person's name ending the mention (spokesman John Kirby)


def folded(tok: Token) -> str:
    return fold(tok.text)


def in_table(word: str, table: frozenset[str]) -> bool:
    """Is ``word`` in the table, as written or after a one-letter conjunction (وقال، فأكد)?"""
    return word in table or (len(word) > 2 and word[0] in _CLITICS and word[1:] in table)


def _is_break(tok: Token) -> bool:
    return tok.text in _BREAK_PUNCT or tok.is_space


def _stop_at(sent: Span, i: int, t: Tables) -> bool:
    """Does a stop word or stop phrase start at token ``i`` (doc index)?"""
    if folded(sent.doc[i]) in t.stops:
        return True
    for phrase in t.stop_phrases:
        n = len(phrase)
        if i + n <= sent.end and tuple(folded(tok) for tok in sent.doc[i : i + n]) == phrase:
            return True
    return False


def _tok_range(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def match_phrase(sent: Span, i: int, t: Tables) -> tuple[int, int] | None:
    """If an attribution phrase starts at token ``i``: (index after it, chars glued to the next word)."""
    doc = sent.doc
    for phrase in t.phrases:
        glued = phrase[-1].startswith("+")
        words = phrase[:-1] if glued else phrase
        n = len(words)
        if i + n > sent.end:
            continue
        got = [folded(tok) for tok in doc[i : i + n]]
        if got[0] != words[0] and not (got[0][:1] == _CLITICS[0] and got[0][1:] == words[0]):
            continue
        if got[1:] != list(words[1:]):
            continue
        if glued:
            prefix = phrase[-1][1:]
            if i + n >= sent.end or not folded(doc[i + n]).startswith(prefix):
                continue
            return i + n, len(prefix)
        return i + n, 0
    return None


def np_after(sent: Span, i: int, t: Tables, quoted: set[int], short_quotes: set[int], cues: set[int]) -> tuple[int, int] | None:
    """Token range [i, j) of the speaker phrase that starts at token ``i``, or None.

    A preposition ends the phrase unless a title opens it (مسؤول كبير في إدارة بايدن, but
    شكّكت فصائل مسلحة | في جدية الإعلان); after a source marker the source named next speaks
    (نقلت الصحيفة عن مسؤولين قولهم)."""
    doc = sent.doc
    if i < sent.end and folded(doc[i]) in t.prepositions:
        return None
    j = i
    while j < sent.end and j - i < MAX_SPEAKER_WORDS:
        tok = doc[j]
        f = folded(tok)
        if j in quoted and j not in short_quotes:
            break
        if j in cues or _is_break(tok) or tok.text in _DASHES:
            break
        if j not in quoted and (f in t.complementizers or _stop_at(sent, j, t)):
            break
        if j > i and (f == "ب" or f == "ل"):  # a preposition glued by tatweel (بـ، لـ)
            break
        if j - i > 1 and f in t.relations and not titled(doc[i].text, t.code):
            if f not in t.sources:
                break
            i = j + 1  # the source speaks
        j += 1
    while j > i and (doc[j - 1].is_punct and doc[j - 1].text not in ")»\"'”’"):
        j -= 1
    while j > i and folded(doc[j - 1]) in t.prepositions:
        j -= 1  # ولفت سعادة إلى أن: a preposition cannot end the phrase
    if j - i > 1 and _document(folded(doc[i]), t) and _owned(doc, i + 1, j, t):
        i += 1  # وفقا لأرقام وزارة الدفاع, according to figures from the ministry: the owner speaks
        if j - i > 1 and folded(doc[i]) in t.prepositions:
            i += 1
    return (i, j) if j > i else None


def _owned(doc: Doc, start: int, end: int, t: Tables) -> bool:
    """Does the phrase name an owner (an institution or a titled person), not just describe?"""
    return any(is_institution(doc[k].text, t.code) or is_title(doc[k].text, t.code) for k in range(start, end))


def _document(word: str, t: Tables) -> bool:
    return word in t.documents or (len(word) > 3 and word[0] in "لبو" and word[1:] in t.documents)


def np_before(sent: Span, i: int, t: Tables, quoted: set[int], cues: set[int]) -> tuple[int, int] | None:
    """Token range of a speaker phrase standing before the cue at token ``i`` (SVO order)."""
    doc = sent.doc
    j = i - 1
    while j >= sent.start and in_table(folded(doc[j]), t.openers):
        j -= 1  # قد قال, had said
    end = j + 1
    while j >= sent.start:
        tok = doc[j]
        f = folded(tok)
        if j in quoted or j in cues or _is_break(tok) or tok.text in _DASHES:
            break
        if f in t.complementizers or in_table(f, t.openers) or _stop_at(sent, j, t):
            break
        j -= 1
    start = j + 1
    if start >= end or end - start > MAX_SPEAKER_WORDS_BEFORE:
        return None
    return start, end


def complementizer_after(
    sent: Span, i: int, t: Tables, quoted: set[int], short_quotes: set[int], cues: set[int], window: int = 25
) -> int | None:
    """Index of the complementizer (إن/أن/that) that opens the reported clause after token ``i``."""
    doc = sent.doc
    for j in range(i, min(sent.end, i + window)):
        if j in quoted and j not in short_quotes:
            return None
        if j in cues and j != i:
            return None
        if folded(doc[j]) in t.complementizers:
            return j
    return None


def clause_end(sent: Span, i: int, t: Tables, cues: set[int]) -> int:
    """Token index where a reported clause starting at ``i`` ends: the sentence end, or a comma
    followed by another cue (، مضيفا أن …; ، لكنه حذّر من أن …)."""
    doc = sent.doc
    for j in range(i + 1, sent.end):
        if j not in cues:
            continue
        k = j - 1
        while k > i and in_table(folded(doc[k]), t.openers):
            k -= 1
        if doc[k].is_punct or doc[k].is_space:
            while k > i and (doc[k].is_punct or doc[k].is_space):
                k -= 1
            return k + 1
        if in_table(folded(doc[j]), t.continuations):
            return j
    return sent.end


def dep_subject(tok: Token, quoted: set[int]) -> Token | None:
    """The subject of a cue verb: climbing from participles and conjuncts (and added, adding),
    from a relative pronoun to the noun it stands for, and past a subject the parser found
    inside a quote ("… nothing more," claimed an Iraqi lawmaker)."""
    for _ in range(3):
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        for child in subjects:
            if child.i in quoted:
                continue
            if child.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head
            return child
        if subjects:
            after = [c for c in tok.rights if c.i not in quoted and c.pos_ in ("NOUN", "PROPN")]
            return after[0] if after else None
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def dep_mention(subj: Token) -> tuple[int, int]:
    """Token range of the subject phrase, cut before a comma (apposition) or a relative clause."""
    doc = subj.doc
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    for j in range(subj.i + 1, end):
        if doc[j].text in _BREAK_PUNCT or doc[j].dep_ in ("relcl", "acl"):
            end = j
            break
    for j in range(start, subj.i):
        if doc[j].text in _BREAK_PUNCT:
            start = j + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1  # al-Khatib
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start - 1].text == "-" or doc[start].text == "-"):
        start -= 1
    return start, end


def dep_content(tok: Token, t: Tables, object_cue: bool) -> tuple[int, int] | None:
    """Token range of the clause reported by a cue verb (its clausal complement). Not an
    indirect question (would not say whether …); not the object of a describing verb (called
    the deal "a trick": the deal is not a statement); only a clause from a verb in a relative
    clause (who asked not to be named)."""
    allowed = ("ccomp",) if tok.dep_ == "relcl" else ("ccomp", "xcomp") if object_cue else _COMPLEMENTS
    children = sorted(tok.children, key=lambda c: _COMPLEMENTS.index(c.dep_) if c.dep_ in _COMPLEMENTS else 99)
    for child in children:
        if child.dep_ in allowed and (child.dep_ == "ccomp" or child.right_edge.i - child.left_edge.i >= 3):
            start, end = child.left_edge.i, child.right_edge.i + 1
            doc = tok.doc
            if doc[start].dep_ == "mark" and folded(doc[start]) in t.questions:
                return None
            while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if start < end and not (start <= tok.i < end):
                return start, end
    return None


def find_cues(sent: Span, t: Tables, quoted: set[int], short_quotes: set[int]) -> list[Cue]:
    """Every cue in the sentence outside quotes, with its speaker phrase and reported clause."""
    doc = sent.doc
    parsed = doc.has_annotation("DEP")
    tagged = doc.has_annotation("TAG")
    verbs: list[int] = []
    phrases: list[tuple[int, int, int]] = []  # (first token, token after phrase, glued chars)
    i = sent.start
    while i < sent.end:
        if i in quoted:
            i += 1
            continue
        hit = match_phrase(sent, i, t)
        if hit:
            phrases.append((i, hit[0], hit[1]))
            i = hit[0]
            continue
        tok = doc[i]
        if in_table(folded(tok), t.cues) and (not tagged or tok.pos_ == "VERB"):
            verbs.append(i)
        i += 1
    cue_tokens = set(verbs) | {p[0] for p in phrases}
    out: list[Cue] = []
    absorbed: set[int] = set()
    for first, after, glued in phrases:
        j = after
        verb = None
        # وفق ما أعلن الرئيس: the phrase hands over to the verb after "ما"
        if j + 1 < sent.end and folded(doc[j]) in ("ما",) and (j + 1) in cue_tokens:
            verb = j + 1
            absorbed.add(verb)
            j = verb + 1
        np = np_after(sent, j, t, quoted, short_quotes, cue_tokens)
        mention, name = _speaker(doc, np, t, parsed)
        if mention and np and np[0] == after:
            mention = (mention[0] + glued, mention[1])
        cue_end = doc[verb] if verb is not None else doc[after - 1]
        content, before = _phrase_content(sent, first, np[1] if np else j, t, quoted)
        out.append(Cue(doc[first].idx, cue_end.idx + len(cue_end.text), doc[first : (verb or after - 1) + 1].text,
                       False, True, mention, content, before, name))
    for v in verbs:
        if v in absorbed:
            continue
        tok = doc[v]
        f = folded(tok)
        cont = in_table(f, t.continuations)
        mention = content = name = None
        if parsed:
            subj = dep_subject(tok, quoted)
            if subj is not None:
                mention, name = _speaker(doc, dep_mention(subj), t, parsed)
                name = name or _appositive_name(subj, t)
            c = dep_content(tok, t, in_table(f, t.object_cues))
            if c:
                content = _tok_range(doc, c[0], c[1] - 1)
        else:
            if in_table(f, t.object_cues):  # SVO, else the subject right after the verb (VSO)
                np = np_before(sent, v, t, quoted, cue_tokens)
                np = np or np_after(sent, v + 1, t, quoted, short_quotes, cue_tokens)
            else:
                np = np_after(sent, v + 1, t, quoted, short_quotes, cue_tokens)
                if np is None and not cont:
                    np = np_before(sent, v, t, quoted, cue_tokens)
            mention, name = _speaker(doc, np, t, parsed)
            comp = complementizer_after(sent, v + 1, t, quoted, short_quotes, cue_tokens)
            if comp is not None and comp + 1 < sent.end:
                end = clause_end(sent, comp + 1, t, cue_tokens)
                if end > comp + 1:
                    content = _tok_range(doc, comp + 1, end - 1)
        out.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, cont, False, mention, content, name=name))
    return sorted(out, key=lambda c: c.start)


def _speaker(doc: Doc, np: tuple[int, int] | None, t: Tables, parsed: bool
             ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Character ranges of a speaker phrase (token range ``np``) and of the name inside it.
    Read without a parse, the phrase ends with the name (وزير الخارجية فؤاد حسين من واشنطن)."""
    if np is None:
        return None, None
    name = (parsed_name if parsed else linear_name)(doc, np[0], np[1], t.code)
    end = np[1] if parsed or name is None else name[1]
    mention = _tok_range(doc, np[0], end - 1)
    return mention, (_tok_range(doc, name[0], name[1] - 1) if name else None)


def _appositive_name(subj: Token, t: Tables) -> tuple[int, int] | None:
    """A name set off by commas inside the subject phrase (the director general, Karim Saade,
    denied; a researcher at the Pearson Institute, Ramzi Mardini, said)."""
    found = None
    for tok in subj.subtree:
        if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.i > subj.i and tok.doc[tok.left_edge.i - 1].is_punct:
            start, end = tok.left_edge.i, tok.i + 1
            while start < end and doc_punct(tok.doc[start]):
                start += 1
            if start < end:
                found = _tok_range(tok.doc, start, end - 1)
    return found


def doc_punct(tok: Token) -> bool:
    return tok.is_punct or tok.is_space or tok.pos_ == "DET"


def _phrase_content(sent: Span, first: int, np_end: int, t: Tables, quoted: set[int]) -> tuple[tuple[int, int] | None, bool]:
    """The statement an attribution phrase vouches for: the clause before it, or after its
    speaker when the phrase opens the sentence. None when a quote follows (the quote is it)."""
    doc = sent.doc
    if any(j in quoted for j in range(first, sent.end)):
        return None, False
    start = sent.start
    # a dateline (واشنطن - , WASHINGTON —) is not part of the statement
    for j in range(sent.start, min(first, sent.start + 5)):
        if doc[j].text in _DASHES:
            start = j + 1
    while start < first and (in_table(folded(doc[start]), t.openers) or doc[start].is_punct or doc[start].is_space):
        start += 1
    if first - start >= 3:
        end = first
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return _tok_range(doc, start, end - 1), True
    k = np_end
    while k < sent.end and (doc[k].is_punct or doc[k].is_space):
        k += 1
    end = sent.end
    while end > k and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - k >= 3:
        return _tok_range(doc, k, end - 1), False
    return None, False
