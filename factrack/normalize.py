"""Text normalisation for *matching* only; the original text is never changed.

Arabic text is written with optional diacritics, tatweel, several alef and ya forms and
Arabic-Indic digits; news sites mix curly and straight quotes. Matching cue words, speaker
aliases and full-text queries on a folded form makes "أكّد" match "اكد" and "٢٥٠٠" match "2500".
``fold_with_map`` keeps a map back to original offsets so matches on the folded text can be
reported as offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_CHAR_MAP = {
    # alef forms -> bare alef
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    # alef maqsura -> ya; ta marbuta -> ha
    "\u0649": "\u064a", "\u0629": "\u0647",
    # hamza carriers -> their bare letters
    "\u0624": "\u0648", "\u0626": "\u064a",
    # Persian/Urdu letters sometimes typed for Arabic ones
    "\u06cc": "\u064a", "\u06a9": "\u0643",
    # quotes and dashes
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2013": "-", "\u2014": "-",
    # Arabic punctuation -> Latin
    "\u060c": ",", "\u061b": ";", "\u061f": "?",
}
# Arabic-Indic and Extended Arabic-Indic (Persian) digits -> ASCII
_CHAR_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})
_CHAR_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})


def _fold_char(ch: str) -> str:
    if ch == _TATWEEL or _ARABIC_DIACRITICS.match(ch):
        return ""
    ch = _CHAR_MAP.get(ch, ch)
    if ord(ch) > 0x7F and not ("\u0600" <= ch <= "\u06ff"):
        ch = unicodedata.normalize("NFKC", ch)
    return ch.lower()


def fold(text: str) -> str:
    """The matching form of ``text``: Arabic letter forms unified, diacritics dropped, lower case."""
    return "".join(_fold_char(ch) for ch in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its offset in the original."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        offsets.extend([i] * len(f))
    return "".join(out), offsets


def digits_to_ascii(text: str) -> str:
    """Arabic-Indic digits to ASCII, one character for one, so offsets are kept."""
    return text.translate({ord(k): v for k, v in _CHAR_MAP.items() if v.isdigit() and len(k) == 1})
