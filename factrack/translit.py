"""Whether two written names can be the same name, across Arabic and Latin script.

The same person is quoted as "Leila Nassar" in English and "ليلى نصار" in Arabic, and the speaker
registry knows neither spelling. Latin spellings of one Arabic name vary (Hisham, Hichem; Qasim,
Kassem, Gassim) and Arabic leaves short vowels unwritten, so names are compared as skeletons: per
word, a sequence of letter classes shared by both scripts, vowels left out. What each letter
becomes is data, ``factrack/data/lang/<code>/transliteration.txt``; this code is the same for every
language.

A skeleton letter is a set of classes (ث is any of th, s, t) and a flag: an *optional* letter (a
Latin i, which Arabic may or may not write as ي; a final ة) may be matched or left out at no cost.
Long-vowel classes (Arabic ي و, Latin ai, ee) are never forgiven as a slip: they are what tells
Hassan from Hussein and Saadi from Saidi.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from factrack import lang as langdata
from factrack.normalize import fold

Letter = tuple[frozenset[str], bool]  # classes, optional
Word = tuple[Letter, ...]

_TOKEN = re.compile(r"[\w'`ʿʾ]+")


@dataclass(frozen=True)
class _Table:
    spell: dict[tuple[str, str], tuple[Letter, ...]]  # (kind, spelling) -> letters it writes
    longest: int
    listed: frozenset[str]  # characters the table uses as written, not folded
    articles: frozenset[str]
    particles: frozenset[str]  # joined to the next word
    suffixes: frozenset[str]  # joined to the word before
    vowels: frozenset[str]


def _prep(text: str, listed: frozenset[str]) -> str:
    """Fold every character the table does not list, so ى and ة keep their own spellings."""
    return "".join(ch if ch in listed else fold(ch) for ch in text)


@cache
def _table(lang: str) -> _Table:
    """The language's transliteration table, parsed once."""
    rows = [line.split("\t") for line in langdata.lines(lang, "transliteration")]
    written = [row[1] for row in rows if row[0] in ("letter", "initial", "final")]
    listed = frozenset(ch for spellings in written for ch in spellings if not ch.isspace())
    spell: dict[tuple[str, str], tuple[Letter, ...]] = {}
    kinds = ("article", "particle", "suffix", "vowel")
    sets: dict[str, set[str]] = {k: set() for k in kinds}
    for kind, spellings, *rest in rows:
        for sp in spellings.split():
            if kind in sets:
                sets[kind].add(_prep(sp, listed))
            else:
                spell[kind, _prep(sp, listed)] = tuple(
                    (frozenset(el.rstrip("?").split("/")), el.endswith("?"))
                    for el in (rest[0].split() if rest else ()) if el != "-"
                )
    longest = max((len(sp) for _, sp in spell), default=1)
    return _Table(spell, longest, listed, *(frozenset(sets[k]) for k in kinds))


def _push(out: list[Letter], new: Letter) -> None:
    """Append ``new``, collapsing a repeated letter (Nassar = نصار, Mohammed = Mohamed)."""
    if out:
        classes, optional = out[-1]
        if new[0] <= classes and (new[1] or new == out[-1]):
            return
        if optional and classes <= new[0]:
            out[-1] = new
            return
    out.append(new)


def _word(token: str, t: _Table, out: list[Letter]) -> None:
    """Append the letters of ``token``, longest spelling first (kh before k, ال before ا)."""
    i = 0
    while i < len(token):
        for n in range(min(t.longest, len(token) - i), 0, -1):
            piece = token[i : i + n]
            kinds = ("initial",) * (i == 0) + ("final",) * (i + n == len(token)) + ("letter",)
            found = next((t.spell[k, piece] for k in kinds if (k, piece) in t.spell), None)
            if found is not None:
                for letter in found:
                    _push(out, letter)
                i += n
                break
        else:
            i += 1  # a character no table knows (a digit, a stray mark) writes nothing


@lru_cache(maxsize=8192)
def skeleton(name: str, lang: str) -> tuple[Word, ...]:
    """The name's words as letter-class skeletons. Articles and leading courtesy words are dropped,
    particles and suffixes joined to their neighbour (عبد الكريم is one word, as Abdelkarim is),
    and words that write only optional letters dropped."""
    t = _table(lang)
    courtesy = langdata.words(lang, "honorifics")
    tokens = [tok for tok in _TOKEN.findall(_prep(name, t.listed)) if tok not in t.articles]
    while len(tokens) > 1 and fold(tokens[0]) in courtesy:  # Dr, الدكتورة; حسين الشيخ keeps الشيخ
        tokens.pop(0)
    words: list[Word] = []
    out: list[Letter] = []
    for i, tok in enumerate(tokens):
        if i and tokens[i - 1] not in t.particles and tok not in t.suffixes:
            words.append(tuple(out))
            out = []
        _word(tok, t, out)
    words.append(tuple(out))
    return tuple(w for w in words if letters(w))


def spell(skel: tuple[Word, ...]) -> str:
    """A readable form of a skeleton, for error lists: "l? kh t y b" (alternatives joined by /)."""
    return " | ".join(
        " ".join("/".join(sorted(c)) + "?" * opt for c, opt in word) for word in skel
    )


def letters(word: Word) -> int:
    """Skeleton letters of a word: the ones that may not be left out."""
    return sum(not optional for _, optional in word)


def _skips(word: Word, vowels: frozenset[str]) -> list[int]:
    """What leaving out each letter costs: nothing for an optional letter or a repeat of the last
    letter across vowels (Kikli ~ الككلي, as Nassar ~ نصار), 2 for a long vowel, else 1."""
    out, last = [], None
    for letter in word:
        out.append(0 if letter[1] or letter == last else 2 if letter[0] <= vowels else 1)
        last = last if letter[1] else letter
    return out


def word_distance(a: Word, b: Word, vowels: frozenset[str] = frozenset()) -> int:
    """Edit distance between two skeleton words, with the costs of ``_skips``; letters whose classes
    meet match, other letters are a slip of the dearer of the two."""
    sa, sb = _skips(a, vowels), _skips(b, vowels)
    row = [0]
    for j in range(len(b)):
        row.append(row[-1] + sb[j])
    for i, x in enumerate(a):
        new = [row[0] + sa[i]]
        for j, y in enumerate(b):
            sub = 0 if x[0] & y[0] else max(sa[i], sb[j])
            new.append(min(row[j] + sub, row[j + 1] + sa[i], new[j] + sb[j]))
        row = new
    return row[-1]


def _words_match(a: Word, b: Word, vowels: frozenset[str]) -> bool:
    """One letter of difference is forgiven in words of 4+ skeleton letters (both sides)."""
    return word_distance(a, b, vowels) <= (1 if min(letters(a), letters(b)) >= 4 else 0)


def same_name(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """Whether ``a`` (in ``a_lang``) and ``b`` can be spellings of the same name.

    Words match in order. One name may have one word more (a middle name, a dropped ``Ben``) when
    at least two words still match. A match on a single word counts only when that word has at
    least 4 skeleton letters on both sides: "Nassar" ~ "نصار" (n s r) alone is too weak to say two
    mentions are one person, "Whitford" ~ "ويتفورد" is not.
    """
    sa, sb = skeleton(a, a_lang), skeleton(b, b_lang)
    vowels = _table(a_lang).vowels | _table(b_lang).vowels
    if len(sa) < len(sb):
        sa, sb = sb, sa
    if not sb or len(sa) - len(sb) > 1 or (len(sa) > len(sb) and len(sb) < 2):
        return False
    options = [sa] if len(sa) == len(sb) else [sa[:i] + sa[i + 1 :] for i in range(len(sa))]
    for words in options:
        if all(_words_match(x, y, vowels) for x, y in zip(words, sb, strict=True)):
            if len(sb) >= 2 or min(letters(words[0]), letters(sb[0])) >= 4:
                return True
    return False
