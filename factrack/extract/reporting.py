"""Reporting cues (قال، بحسب، said, according to) and the speaker phrase that goes with each.

Two ways to find the speaker, chosen by what the pipeline provides, not by language: with a
dependency parse, the cue verb's subject; without one, a linear reading of the words around the
cue (after it first, as Arabic puts the subject after the verb; before it when nothing follows),
bounded by the per-language tables of stop words, complementizers and clause openers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from factrack.extract.names import is_institution, is_title, linear_name, parsed_name, titled
from factrack.extract.parsed import appositive_name, dep_content, dep_mention, dep_subject, noun_clause
from factrack.extract.stance import cue_polarity, falsity_link, stance_tables, strip_opening
from factrack.extract.tables import BREAK_PUNCT, CLITICS, DASHES, Tables, folded, in_table, tables, tok_range
from factrack.records import Polarity

__all__ = ["Cue", "Tables", "doc_annotations", "find_cues", "folded", "in_table", "tables"]

MAX_SPEAKER_WORDS = 12
MAX_SPEAKER_WORDS_BEFORE = 8


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
    clause: bool = False  # the content is a clause opened by a complementizer (that, أن)
    polarity: Polarity = Polarity.ASSERTS  # the speaker's stance toward the content (extract.stance)
    describing: bool = False  # an object cue (called, وصف): a quote after it is the speaker's description






def _is_break(tok: Token) -> bool:
    return tok.text in BREAK_PUNCT or tok.is_space


def _stop_at(sent: Span, i: int, t: Tables) -> bool:
    """Does a stop word or stop phrase start at token ``i`` (doc index)?"""
    if folded(sent.doc[i]) in t.stops:
        return True
    for phrase in t.stop_phrases:
        n = len(phrase)
        if i + n <= sent.end and tuple(folded(tok) for tok in sent.doc[i : i + n]) == phrase:
            return True
    return False




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
        if got[0] != words[0] and not (got[0][:1] == CLITICS[0] and got[0][1:] == words[0]):
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


def np_after(sent: Span, i: int, t: Tables, quoted: set[int], short_quotes: set[int], cues: set[int],
             stops: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range [i, j) of the speaker phrase that starts at token ``i``, or None.

    A preposition ends the phrase unless a title opens it (مسؤول كبير في إدارة بايدن, but
    شكّكت فصائل مسلحة | في جدية الإعلان); after a source marker the source named next speaks
    (نقلت الصحيفة عن مسؤولين قولهم)."""
    doc = sent.doc
    if i < sent.end and (folded(doc[i]) in t.prepositions or folded(doc[i]) in t.object_openers):
        return None
    j = i
    while j < sent.end and j - i < MAX_SPEAKER_WORDS:
        tok = doc[j]
        f = folded(tok)
        if j in quoted and j not in short_quotes:
            break
        if j in cues or _is_break(tok) or (tok.text in DASHES and not _glued_hyphen(doc, j)):
            break
        if j not in quoted and (f in t.complementizers or _stop_at(sent, j, t)):
            break
        if j > i and in_table(f, stops):  # نفى الجيش | صحة التقارير
            break
        if j > i and (f == "ب" or f == "ل"):  # a preposition glued by tatweel (بـ، لـ)
            break
        if j - i > 1 and f.startswith(t.complement_prefixes) and not titled(doc[i].text, t.code):
            break  # رحّب مكتب الأمم المتحدة | بالإعلان
        if tok.text == "(" and j > i and not titled(doc[i].text, t.code):
            break  # the National Oil Corporation (NOC): an alias; but a title's (البنتاغون) name follows
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


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """A hyphen inside a word (London-based, al-Hasi), not a dash between phrases."""
    return doc[j].text == "-" and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_


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
        if j in quoted or j in cues or _is_break(tok) or tok.text in DASHES:
            break
        if f in t.complementizers or in_table(f, t.openers) or _stop_at(sent, j, t):
            break
        j -= 1
    start = j + 1
    if start >= end or end - start > MAX_SPEAKER_WORDS_BEFORE:
        return None
    return start, end


def complementizer_after(
    sent: Span, i: int, t: Tables, quoted: set[int], short_quotes: set[int], cues: set[int], window: int = 25,
    questions: bool = False,
) -> int | None:
    """Index of the complementizer (إن/أن/that) that opens the reported clause after token ``i``;
    with ``questions``, an indirect question's opener (إذا، هل: تساءل عما إذا) counts too."""
    doc = sent.doc
    for j in range(i, min(sent.end, i + window)):
        if j in quoted and j not in short_quotes:
            return None
        if j in cues and j != i:
            return None
        if folded(doc[j]) in t.complementizers or (questions and folded(doc[j]) in t.questions):
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





def doc_annotations(doc: Doc) -> tuple[bool, bool]:
    """Whether the doc is parsed and tagged. ``has_annotation`` scans the whole doc when the
    answer is no (Arabic): ask once per doc, not once per sentence."""
    return doc.has_annotation("DEP"), doc.has_annotation("TAG")


def find_cues(sent: Span, t: Tables, quoted: set[int], short_quotes: set[int],
              annotated: tuple[bool, bool] | None = None) -> list[Cue]:
    """Every cue in the sentence outside quotes, with its speaker phrase and reported clause;
    ``annotated`` is ``doc_annotations(doc)`` when the caller has it."""
    doc = sent.doc
    parsed, tagged = annotated if annotated is not None else doc_annotations(doc)
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
            if not (i > sent.start and folded(doc[i - 1]) in t.blockers) and not _relative_report(sent, i, t):
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
        clause = False
        polarity = cue_polarity(sent, v, t)
        doubt = in_table(f, stance_tables(t.code).doubts) or in_table(f, stance_tables(t.code).asks)
        describing = in_table(f, t.object_cues)
        # after a denial, doubt or describing cue, "صحة التقارير" / "reports" hold the claim, not the speaker
        stops = t.report_nouns if polarity is not Polarity.ASSERTS or describing else frozenset()
        if parsed:
            subj = dep_subject(tok, quoted)
            if subj is not None:
                mention, name = _speaker(doc, dep_mention(subj), t, parsed)
                name = name or appositive_name(subj, t)
            c = dep_content(tok, t, in_table(f, t.object_cues), questions=doubt)
            if c is None and stops:  # dismissed reports that P; cast doubt on the assurance that P
                c = noun_clause(tok, t)
                if c is not None and describing and polarity is Polarity.ASSERTS:
                    polarity = cue_polarity(sent, v, t)
            if c:
                content = tok_range(doc, c[0], c[1] - 1)
                clause = c[0] > 0 and folded(doc[c[0] - 1]) in t.complementizers
                if doubt and c[0] > 0 and folded(doc[c[0] - 1]) in t.questions:
                    polarity = Polarity.QUESTIONS  # asked whether P
        else:
            if describing:  # SVO, else the subject right after the verb (VSO)
                np = np_before(sent, v, t, quoted, cue_tokens)
                np = np or np_after(sent, v + 1, t, quoted, short_quotes, cue_tokens, stops)
            else:
                np = np_after(sent, v + 1, t, quoted, short_quotes, cue_tokens, stops)
                if np is None and not cont:
                    np = np_before(sent, v, t, quoted, cue_tokens)
            mention, name = _speaker(doc, np, t, parsed)
            # a relayed source set off by commas (ذكرت الوكالة، نقلا عن مصدر، أن …) does not end the search
            comp = complementizer_after(sent, v + 1, t, quoted, short_quotes, set(verbs), questions=doubt)
            if doubt and comp is not None and folded(doc[comp]) in t.questions:
                polarity = Polarity.QUESTIONS  # سأل عما إذا P
            if comp is not None and comp + 1 < sent.end:
                end = clause_end(sent, comp + 1, t, cue_tokens)
                if end > comp + 1:
                    content = tok_range(doc, comp + 1, end - 1)
                    clause = True
                    link = falsity_link(sent, v + 1, t) if describing and polarity is Polarity.DENIES else None
                    if np is not None and link is not None and np[1] < link:
                        # وصف المتحدث ما يتردد عن أن المصنع أغلق بأنه عار عن الصحة: the claim is what is described
                        content = tok_range(doc, np[1], link - 1)
        if content is not None:
            content, polarity = strip_opening(doc, content, polarity, t)
        out.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, cont, False, mention, content, name=name,
                       clause=clause, polarity=polarity, describing=describing))
    return _nested_dropped(_relayed(sorted(out, key=lambda c: c.start)))


def _relative_report(sent: Span, i: int, t: Tables) -> bool:
    """A cue word in a relative clause on a report noun (التقارير التي تفيد بأن …, reports which
    said): the reports are what a speaker denies, not a speaker."""
    doc = sent.doc
    return (i - 2 >= sent.start and folded(doc[i - 1]) in t.relatives
            and in_table(folded(doc[i - 2]), t.report_nouns))


def _relayed(cues: list[Cue]) -> list[Cue]:
    """An attribution phrase between a verb and the clause it reports names the source the
    verb's subject relays (ذكرت الوكالة، نقلا عن مصدر عسكري، أن …): the clause is the source's."""
    out = list(cues)
    for n, verb in enumerate(out):
        if verb.phrase or verb.content is None:
            continue
        for m, p in enumerate(out):
            if p.phrase and p.mention and verb.end <= p.start and p.end <= verb.content[0]:
                out[m] = replace(p, content=verb.content, content_before=False)
                out[n] = replace(verb, content=None)
                break
    return out


def _nested_dropped(cues: list[Cue]) -> list[Cue]:
    """A cue inside the clause another cue reports is part of that report (قال إن القيادة
    أبلغت الأمم المتحدة …; said the two sides agreed to …, found no evidence): neither its
    subject nor its object is a statement here. One reporting a that-clause of its own stays
    (…، فيما رأى X أن …; said demand was recovering and warned that …)."""
    def inside(c: Cue) -> bool:
        return any(o is not c and o.content and o.content[0] <= c.start < o.content[1] for o in cues)

    return [c for c in cues if c.clause or not inside(c)]


def _speaker(doc: Doc, np: tuple[int, int] | None, t: Tables, parsed: bool
             ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Character ranges of a speaker phrase (token range ``np``) and of the name inside it.
    Read without a parse, the phrase ends with the name (وزير الخارجية فؤاد حسين من واشنطن)."""
    if np is None:
        return None, None
    name = (parsed_name if parsed else linear_name)(doc, np[0], np[1], t.code)
    end = np[1] if parsed or name is None else name[1]
    mention = tok_range(doc, np[0], end - 1)
    return mention, (tok_range(doc, name[0], name[1] - 1) if name else None)




def _phrase_content(
    sent: Span, first: int, np_end: int, t: Tables, quoted: set[int]
) -> tuple[tuple[int, int] | None, bool]:
    """The statement an attribution phrase vouches for: the clause before it, or after its
    speaker when the phrase opens the sentence. None when a quote follows (the quote is it)."""
    doc = sent.doc
    if any(j in quoted for j in range(first, sent.end)):
        return None, False
    start = sent.start
    # a dateline (واشنطن - , WASHINGTON —) is not part of the statement
    for j in range(sent.start, min(first, sent.start + 5)):
        if doc[j].text in DASHES:
            start = j + 1
    while start < first and (in_table(folded(doc[start]), t.openers) or doc[start].is_punct or doc[start].is_space):
        start += 1
    if first - start >= 3:
        end = first
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return tok_range(doc, start, end - 1), True
    k = np_end
    while k < sent.end and (doc[k].is_punct or doc[k].is_space):
        k += 1
    end = sent.end
    while end > k and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - k >= 3:
        return tok_range(doc, k, end - 1), False
    return None, False
