"""Reading a cue verb's speaker and reported clause off a dependency parse (English).

The subject of the cue verb is the speaker phrase, its clausal complement the reported clause;
a name set off by commas in the subject is the person's name. Used when the pipeline has a
parser; ``reporting`` falls back to a linear reading otherwise.
"""

from __future__ import annotations

from spacy.tokens import Token

from factrack.extract.tables import BREAK_PUNCT, Tables, folded, tok_range

# what a cue verb reports, best first: a clause (said that …), else a long object or infinitive
# (cited rising costs, wants to leave)
_COMPLEMENTS = ("ccomp", "xcomp", "dobj")

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
        if doc[j].text in BREAK_PUNCT or doc[j].text == "(" or doc[j].dep_ in ("relcl", "acl"):
            end = j
            break
    for j in range(start, subj.i):
        if doc[j].text in BREAK_PUNCT:
            start = j + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1  # al-Khatib
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start - 1].text == "-" or doc[start].text == "-"):
        start -= 1
    return start, end

def dep_content(tok: Token, t: Tables, object_cue: bool, questions: bool = False) -> tuple[int, int] | None:
    """Token range of the clause reported by a cue verb (its clausal complement). Not an
    indirect question (would not say whether …) unless the cue doubts (``questions``: questioned
    whether …); not the object of a describing verb (called the deal "a trick": the deal is not a
    statement); only a clause from a verb in a relative clause (who asked not to be named)."""
    allowed = ("ccomp",) if tok.dep_ == "relcl" else ("ccomp", "xcomp") if object_cue else _COMPLEMENTS
    children = sorted(tok.children, key=lambda c: _COMPLEMENTS.index(c.dep_) if c.dep_ in _COMPLEMENTS else 99)
    for child in children:
        if child.dep_ in allowed and (child.dep_ == "ccomp" or child.right_edge.i - child.left_edge.i >= 3):
            start, end = child.left_edge.i, child.right_edge.i + 1
            doc = tok.doc
            if doc[start].dep_ == "mark" and folded(doc[start]) in t.questions and not questions:
                return None
            while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if start < end and not (start <= tok.i < end):
                return start, end
    return None

def noun_clause(tok: Token, t: Tables) -> tuple[int, int] | None:
    """Token range of the that-clause on the cue's object noun: what a speaker denies, doubts or
    describes through it (dismissed reports that P, cast doubt on the assurance that P, called
    reports that P false)."""
    doc = tok.doc
    for child in tok.children:
        if child.dep_ not in ("dobj", "prep", "npadvmod", "attr", "oprd", "ccomp", "xcomp"):
            continue
        for node in child.subtree:
            if (node.dep_ not in ("acl", "ccomp", "relcl") or node.head.pos_ not in ("NOUN", "PROPN")
                    or node.head is tok):
                continue
            if node.dep_ == "relcl" and folded(node.head) not in t.report_nouns:
                # the parser takes "the assurance that P" for a relative clause; "the report that he wrote" is one
                continue
            start, end = node.left_edge.i, node.right_edge.i + 1
            if folded(doc[start]) not in t.complementizers:
                continue
            start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end - start >= 2:
                return start, end
    return None


def appositive_name(subj: Token, t: Tables) -> tuple[int, int] | None:
    """A name set off by commas inside the subject phrase (the director general, Karim Saade,
    denied; a researcher at the Pearson Institute, Ramzi Mardini, said)."""
    found = None
    for tok in subj.subtree:
        if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.i > subj.i and tok.doc[tok.left_edge.i - 1].is_punct \
                and tok.doc[tok.left_edge.i - 1].text != "(":  # (NOC) is an abbreviation, not a name
            start, end = tok.left_edge.i, tok.i + 1
            while start < end and doc_punct(tok.doc[start]):
                start += 1
            if start < end:
                found = tok_range(tok.doc, start, end - 1)
    return found

def doc_punct(tok: Token) -> bool:
    return tok.is_punct or tok.is_space or tok.pos_ == "DET"

