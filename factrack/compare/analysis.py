"""Text analysis for the contradiction cues: folded tokens, clauses, the words each language's
tables name (stance, modality, negation, figures, measures), negation scope and what each
figure measures.

``analyse`` does this once per text (cached: a statement meets many others); the detectors in
``cues`` only compare two analyses. All word knowledge comes from per-language tables
(``negations``, ``stance``, ``modality``, ``number_words`` …); stance and modality words map to
language-independent concept ids (``WITHDRAW``, ``STAY``, ``UNLIKELY`` …) and one shared table
of opposed concepts (``factrack/data/compare/opposites.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from factrack import lang
from factrack.compare.numbers import Number, find_numbers, parse_figure
from factrack.normalize import fold_with_map

_TOKEN = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*|[%\u066a]|[^\W\d_]+(?:'[^\W\d_]+)?")
NEGATION_WINDOW = 8  # tokens after a negation word that it may govern
MIN_KEY_LEN = 3  # shorter tokens (particles, articles) are not predicates
AFTER_WINDOW = 5  # tokens after a figure whose measure words say what it counts, if none before
PREDICATE_WORDS = 2  # content words after a negation whose stance concepts it also governs
_CLAUSE_BREAK = re.compile(r"[,.;:!?\u060c\u061b\n]")  # a negation or a figure stays in its clause
_SENTENCE_END = re.compile(r"[.;:!?\u061b\n]")
_NEGATING_MODALITY = frozenset({"UNLIKELY", "IMPOSSIBLE"})  # "unlikely to fall" ~ "will not fall"
_NEGATING_STANCE = frozenset({"END"})  # "end its *combat* mission" denies combat like "no combat mission"
_ENDING_STANCE = frozenset({"END", "WITHDRAW"})  # "*combat* troops will leave" / "will end" deny it too


@dataclass(frozen=True)
class Concept:
    id: str
    start: int  # token span
    end: int
    surface: str


@dataclass(frozen=True)
class Analysis:
    """A text cut into folded tokens with every table match located."""

    text: str
    lang: str
    tokens: tuple[str, ...]
    words: tuple[str, ...]  # each token as written in the original text, for reasons
    keys: tuple[frozenset[str], ...]  # matching forms of each token (prefixes stripped)
    concepts: tuple[Concept, ...]  # stance concepts
    modality: tuple[Concept, ...]
    negations: tuple[int, ...]  # token indices of negation words
    numbers: tuple[Number, ...]
    content: frozenset[str] = field(default=frozenset())  # content-word forms, for overlap
    negated: frozenset[str] = field(default=frozenset())  # keys and concepts of negated predicates
    contexts: tuple[NumberContext, ...] = ()  # what each of ``numbers`` measures, aligned
    governors: tuple[int, ...] = ()  # what negates a predicate: negation words, "unlikely", "end"


@dataclass(frozen=True)
class NumberContext:
    """What a figure is about, beyond its unit: the measure ids of its clause (output, exports,
    target, before …, plus ``AT_FROM``/``AT_BY`` right before it), the entities of its clause,
    its clause's years and content words (to pair figures by context, not by order)."""

    measures: frozenset[str]
    entities: frozenset[str]
    years: frozenset[float]
    content: frozenset[str]


class _Table:
    """A word table: exact entries plus ``stem*`` entries that match any ending."""

    def __init__(self, entries: list[tuple[str, str]]):
        self.exact: dict[str, str] = {}
        self.stems: list[tuple[str, str]] = []
        for word, value in entries:
            if word.endswith("*"):
                self.stems.append((word[:-1], value))
            else:
                self.exact[word] = value
        # first words of multi-word entries: most tokens start none, so phrase lookups are skipped
        self.starts = frozenset(w.split(" ", 1)[0] for w in self.exact if " " in w)
        self.longest = max((w.count(" ") + 1 for w in self.exact), default=1)
        self._memo: dict[str, str | None] = {}

    def get(self, form: str) -> str | None:
        try:
            return self._memo[form]
        except KeyError:
            pass
        hit = self.exact.get(form)
        if hit is None:
            hit = next((value for stem, value in self.stems if form.startswith(stem)), None)
        if len(self._memo) < 200_000:
            self._memo[form] = hit
        return hit


@cache
def _concept_table(code: str, table: str) -> _Table:
    return _Table([(w, c.upper()) for w, c in lang.pairs(code, table)])


@cache
def _word_table(code: str, table: str) -> _Table:
    return _Table([(w, "1") for w in lang.words(code, table)])


@cache
def _prefixes(code: str, table: str) -> tuple[str, ...]:
    return tuple(sorted(lang.words(code, table), key=len, reverse=True))


@cache
def opposites() -> frozenset[tuple[str, str]]:
    """Opposed concept pairs, both orders."""
    text = (resources.files("factrack") / "data" / "compare" / "opposites.txt").read_text(encoding="utf-8")
    out: set[tuple[str, str]] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if "\t" in line:
            x, y = (p.strip().upper() for p in line.split("\t", 1))
            out |= {(x, y), (y, x)}
    return frozenset(out)


def _forms(token: str, prefixes: tuple[str, ...]) -> frozenset[str]:
    """The token and what is left after stripping up to two clitic prefixes (و + ال …)."""
    out = {token}
    frontier = [token]
    for _ in range(2):
        nxt = []
        for t in frontier:
            for p in prefixes:
                if t.startswith(p) and len(t) - len(p) >= 2:
                    nxt.append(t[len(p):])
        out.update(nxt)
        frontier = nxt
    return frozenset(out)


def _match_phrases(tokens: list[str], words: list[str], keys: list[frozenset[str]], table: _Table) -> list[Concept]:
    """Longest-first matches of table entries over the token keys."""
    found: list[Concept] = []
    i = 0
    while i < len(tokens):
        hit = None
        longest = table.longest if keys[i] & table.starts else 1
        for n in range(min(longest, len(tokens) - i), 0, -1):
            rest = " ".join(tokens[i + 1 : i + n])
            for form in keys[i]:
                phrase = f"{form} {rest}" if rest else form
                value = table.exact.get(phrase) if n > 1 else table.get(phrase)
                if value is not None:
                    hit = Concept(value, i, i + n, " ".join(words[i : i + n]))
                    break
            if hit:
                break
        if hit:
            found.append(hit)
            i = hit.end
        else:
            i += 1
    return found


@lru_cache(maxsize=65536)
def analyse(text: str) -> Analysis:
    """Tokenise and locate every cue word in ``text`` (cached: a statement meets many others)."""
    code = lang.detect(text) or "en"
    folded, offsets = fold_with_map(text)
    matches = list(_TOKEN.finditer(folded))
    tokens = [m.group() for m in matches]
    words = [text[offsets[m.start()] : offsets[m.end() - 1] + 1] for m in matches]
    clause, sentence, n_breaks, n_ends, prev = [], [], 0, 0, 0
    for m in matches:
        gap = folded[prev : m.start()]
        n_breaks += bool(_CLAUSE_BREAK.search(gap))
        n_ends += bool(_SENTENCE_END.search(gap))
        clause.append(n_breaks)
        sentence.append(n_ends)
        prev = m.end()
    prefixes = _prefixes(code, "prefixes")
    keys = [_forms(t, prefixes) for t in tokens]
    modality = _match_phrases(tokens, words, keys, _concept_table(code, "modality"))
    in_modality = {i for m in modality for i in range(m.start, m.end)}
    stance_words = _match_phrases(tokens, words, keys, _concept_table(code, "stance"))
    concepts = [c for c in stance_words if c.start not in in_modality]
    stop = lang.words(code, "compare_stopwords")
    units = lang.words(code, "time_units")
    adjunct = _time_adjuncts(concepts, tokens, keys, lang.words(code, "time_links"), units)
    concepts = [c for c in concepts if c.start not in adjunct]
    # a negation inside a fixed phrase ("لا يزال" = still, "من غير المرجح") is not a negation
    in_phrase = in_modality | {i for c in concepts if c.end - c.start > 1 for i in range(c.start, c.end)}
    neg_table = _word_table(code, "negations")
    neg_prefixes = _prefixes(code, "negation_prefixes")
    negations = []
    for i, t in enumerate(tokens):
        if i in in_phrase:
            continue
        forms = {t} | {t[len(p):] for p in neg_prefixes if t.startswith(p) and len(t) > len(p) + 1}
        if any(neg_table.get(f) for f in forms):
            negations.append(i)
    content = frozenset(
        f for i, k in enumerate(keys) if i not in negations and not (k & stop) for f in k if len(f) >= MIN_KEY_LEN
    )
    concept_at = {i: c.id for c in concepts for i in range(c.start, c.end)}
    negated: set[str] = set()
    copulas = lang.words(code, "copulas")
    governors = negations + [m.end - 1 for m in modality if m.id in _NEGATING_MODALITY]
    governors += [c.end - 1 for c in concepts if c.id in _NEGATING_STANCE]
    enders = []  # "the *combat* mission will end", "*combat* troops will leave", "القتالية التي تنتهي"
    for c in (c for c in concepts if c.id in _ENDING_STANCE):
        subject = _ended_subject(c, concepts, clause, governors)
        if subject is not None:
            enders.append(c.end - 1)
            negated |= {subject.id} | _key_forms(keys, range(subject.start, subject.end))
    for n in governors:
        preds, _ = _predicate(n, tokens, words, keys, clause, sentence, stop | units, copulas, set(negations), adjunct)
        if preds:
            negated |= _key_forms(keys, preds[:1]) if preds[0] >= 0 else set()
            # the predicate's stance concepts ("no combat mission", "not mean a withdrawal"), never
            # a topic concept (troops, barrels) that merely follows
            stances = [i for i in preds if i in concept_at and concept_at[i] not in topic_concepts()]
            negated |= {concept_at[i] for i in stances}
            negated |= _key_forms(keys, stances)  # and the words as written
    with_concepts = [k | ({concept_at[i]} if i in concept_at else set()) for i, k in enumerate(keys)]
    numbers = find_numbers(code, tokens, with_concepts, words)
    contexts = _number_contexts(code, numbers, tokens, words, keys, clause, content)
    return Analysis(
        text, code, tuple(tokens), tuple(words), tuple(keys), tuple(concepts), tuple(modality), tuple(negations),
        tuple(numbers), content, frozenset(negated), contexts, tuple(sorted(set(governors + enders))),
    )


def _key_forms(keys: list[frozenset[str]], indices: Iterable[int]) -> set[str]:
    """The matching forms of the tokens at ``indices`` long enough to be predicates."""
    return {f for i in indices for f in keys[i] if len(f) >= MIN_KEY_LEN}


def _ended_subject(end: Concept, concepts: list[Concept], clause: list[int], governors: list[int]) -> Concept | None:
    """The stance concept an "end" word puts an end to when it comes first ("the *combat* mission
    will end"): the nearest one before it in its clause (topics such as troops skipped), within the
    negation window, with no negation between. A concept opposed to ending ("continue until it
    ends") is not its subject."""
    before = [c for c in concepts if c.end <= end.start and end.start - c.start <= NEGATION_WINDOW
              and clause[c.start] == clause[end.start] and not any(c.start < g < end.start for g in governors)
              and c.id not in topic_concepts()]
    if not before:
        return None
    nearest = max(before, key=lambda c: c.start)
    if nearest.id == end.id or (nearest.id, end.id) in opposites():
        return None
    return nearest


def _time_adjuncts(concepts: list[Concept], tokens: list[str], keys: list[frozenset[str]], links: frozenset[str],
                   units: frozenset[str]) -> frozenset[int]:
    """Token indices of stance words that only name a time ("the *end* of the year", "*نهاية* العام",
    "year's *end*"): a stance word right after a unit of time, or followed by one, directly or past
    the ``time_links`` words ("of the").
    Neither a stance nor a predicate; "ends *this* year" keeps its stance."""
    out: set[int] = set()
    for c in concepts:
        if c.start and keys[c.start - 1] & units:  # "by *year's end*", "a *year end* review"
            out |= set(range(c.start - 1, c.end))
            continue
        j = c.end
        while j < len(tokens) and j < c.end + 3 and tokens[j] in links:
            j += 1
        if j < len(keys) and keys[j] & units:
            out |= set(range(c.start, j + 1))
    return frozenset(out)


def _predicate(
    n: int, tokens: list[str], words: list[str], keys: list[frozenset[str]], clause: list[int],
    sentence: list[int], stop: frozenset[str], copulas: frozenset[str], negations: set[int],
    adjunct: frozenset[int] = frozenset(),
) -> tuple[list[int], bool]:
    """The content words a negation at ``n`` governs: the first one (the predicate: "will not
    *leave*", "لن *تغادر*", "no *combat* mission") and the next, for its stance concept only.

    Function words are skipped; a proper noun is never the predicate ("Nobody in the *United*
    States"); the clause ends the search, so a noun met later ("القوات") is not negated. After a
    copula ("لن نكون", "not be") the search runs to the sentence's end, since the predicate may come
    after an adjunct ("… مع نهاية العام في مهمة قتالية"); then only a word right after the copula
    is the predicate (else -1 stands first) and the rest count for their stance concepts. Time
    adjuncts ("by the end of the year", "بحلول نهاية العام") are skipped like function words."""
    out: list[int] = []
    copula, after_copula = False, -1
    skipped = sum(1 for i in adjunct if i > n)  # a time phrase does not use up the window
    for i in range(n + 1, min(n + 1 + NEGATION_WINDOW + skipped, len(tokens))):
        if i in negations or (clause[i] != clause[n] and not copula) or sentence[i] != sentence[n]:
            break
        if not out and not copula and keys[i] & copulas:
            copula, after_copula = True, i + 1
            continue
        if (i in adjunct or keys[i] & stop or max(map(len, keys[i])) < MIN_KEY_LEN
                or parse_figure(tokens[i]) is not None):
            continue
        if not out and words[i][:1].isascii() and words[i][:1].isupper():
            continue
        if copula and not out and i != after_copula:
            out.append(-1)  # no predicate right after the copula: only the concepts further on count
        out.append(i)
        if len(out) == PREDICATE_WORDS and not copula:
            break
    return out, copula


def _number_contexts(
    code: str, numbers: list[Number], tokens: list[str], words: list[str], keys: list[frozenset[str]],
    clause: list[int], content: frozenset[str],
) -> tuple[NumberContext, ...]:
    if not numbers:
        return ()
    found = _match_phrases(tokens, words, keys, _concept_table(code, "number_context"))
    covering = {i: m for m in found for i in range(m.start, m.end)}
    starts = [n.index for n in numbers] + [len(tokens)]
    out = []
    for k, n in enumerate(numbers):
        c = clause[n.index]
        here = [m for m in found if clause[m.start] == c]
        # the measure words since the previous figure ("output rose to 3.5m and exports reached
        # 2m": output for 3.5m, exports for 2m); if none, the few words after ("5.8m of cuts")
        lo = numbers[k - 1].index + 1 if k else 0
        end = n.index + max(len(n.raw.split()), 1)
        hi = min(starts[k + 1], end + AFTER_WINDOW)
        measured = [m for m in here if not m.id.startswith(("E_", "AT_")) and m.id != "APPROX"]
        measures = {m.id for m in measured if lo <= m.start < n.index} or {
            m.id for m in measured if end <= m.start < hi
        }
        before = covering.get(n.index - 1)
        while before is not None and before.id == "APPROX":  # "from roughly 5,200"
            before = covering.get(before.start - 1)
        if before is not None and before.id.startswith("AT_") and clause[before.start] == c:
            measures.add(before.id)
        out.append(NumberContext(
            frozenset(measures),
            frozenset(m.id for m in here if m.id.startswith("E_")),
            frozenset(x.value for x in numbers if x.is_year and clause[x.index] == c),
            frozenset(f for i, k in enumerate(keys) if clause[i] == c for f in k if f in content),
        ))
    return tuple(out)


def predicate_keys(x: Analysis) -> frozenset[str]:
    """Content-word forms and stance concept ids: what two statements can share across languages."""
    return x.content | {c.id for c in x.concepts}


@cache
def topic_concepts() -> frozenset[str]:
    text = (resources.files("factrack") / "data" / "compare" / "topic_concepts.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(e.upper() for e in entries if e)
