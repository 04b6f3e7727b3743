"""Synthetic labelled pairs from factrack's own domain: denials, negations, figures, dates, antonyms.

News contradictions are mostly a claim against its denial, a negated predicate, another figure
or date for the same measured thing, or an opposed outcome; general NLI data teaches little of
that. This script rewrites statements into labelled pairs:

    denial      "X denied that C" vs C                          contradiction
    denial-neg  "X denied that C" vs not-C                      entailment
    attribution "X said C" vs C; two speakers denying C        entailment
    question    "X questioned whether C" vs C                   neutral
    negation    C vs C with a negation inserted or removed      contradiction
    number      C vs C with a figure changed                    contradiction
    approx      C vs C with a figure rounded ("nearly 30%")     entailment
    date        C vs C with a weekday or month changed          contradiction
    antonym     C vs C with a verb swapped for its opposite     contradiction
    entity      C vs C with a country swapped for another       neutral
    cross-*     the same, one side replaced by its translation (a labelled translation pair)

Source statements: the hand-written pairs in training/ (never the evaluation sets of corpora/,
whose statements stay unseen) and, for Arabic, the ANS training headlines when ../shared/datasets
is there. The word lists below are this generator's own data, per language.

    .venv/bin/python scripts/make_domain_pairs.py --out /tmp/domain.jsonl [--sample 120 --sample-out S.jsonl]

Deterministic given --seed. The label noise of a sample, read by someone who did not write the
generator, is in docs/compare.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets"

EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
AR_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر"]

LANG = {
    "en": {
        "deny": ["{s} denied that {c}", "{s} dismissed reports that {c} as baseless",
                 "There is no truth to reports that {c}, {s} said", "{s} rejected claims that {c}",
                 "{s} said it was false that {c}", "{s} refuted reports that {c}",
                 "{s} did not confirm that {c}", "{s} called reports that {c} untrue"],
        "assert": ["{s} said {c}", "{s} confirmed that {c}", "According to {s}, {c}", "{s} told reporters that {c}",
                   "{s} said on Monday that {c}"],
        "question": ["{s} questioned whether {c}", "{s} cast doubt on reports that {c}",
                     "{s} asked whether it was true that {c}"],
        "speakers": ["the ministry", "a government spokesman", "the company", "officials", "the union",
                     "the army", "an opposition lawmaker", "the central bank", "the governor", "the embassy"],
        "negation_words": {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor"},
        "aux": ["will", "would", "is", "are", "was", "were", "has", "have", "had", "can", "could", "should", "must"],
        "contracted": {"won't": "will", "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were",
                       "hasn't": "has", "haven't": "have", "hadn't": "had", "can't": "can", "couldn't": "could",
                       "doesn't": "does", "didn't": "did", "don't": "do"},
        "approx": ["about", "nearly", "almost", "around", "roughly"],
        "weekdays": EN_WEEKDAYS,
        "months": EN_MONTHS,
        "antonyms": [("raised", "cut"), ("rose", "fell"), ("increased", "decreased"), ("increase", "decrease"),
                     ("approved", "rejected"), ("opened", "closed"), ("reopened", "closed"), ("won", "lost"),
                     ("arrested", "released"), ("ended", "extended"), ("lifted", "imposed"), ("resumed", "suspended"),
                     ("higher", "lower"), ("more", "fewer"), ("allowed", "banned"), ("succeeded", "failed"),
                     ("accepted", "rejected"), ("rise", "fall"), ("rising", "falling"), ("gained", "lost"),
                     ("expanded", "shrank"), ("started", "stopped"), ("arrived", "left"), ("signed", "rejected"),
                     ("up", "down"), ("above", "below"), ("surplus", "deficit"), ("boost", "cut"),
                     ("strengthened", "weakened"), ("agreed", "refused"), ("upheld", "overturned")],
        "places": ["Iraq", "Syria", "Jordan", "Lebanon", "Egypt", "Libya", "Tunisia", "Morocco", "Algeria", "Sudan",
                   "Yemen", "Oman", "Kuwait", "Qatar", "Bahrain", "Turkey", "Iran", "Baghdad", "Cairo", "Beirut",
                   "Amman", "Tripoli", "Khartoum", "Riyadh", "Tunis", "Rabat", "Damascus", "Basra", "Mosul"],
    },
    "ar": {
        "deny": ["نفى {s} صحة التقارير التي أفادت بأن {c}", "وصف {s} الأنباء عن أن {c} بأنها عارية عن الصحة",
                 "كذّب {s} ما تردد من أن {c}", "قال {s} إنه لا صحة لما تردد من أن {c}",
                 "رفض {s} الادعاءات بأن {c}", "لم يؤكد {s} أن {c}", "فنّد {s} المزاعم بأن {c}",
                 "قال {s} إن الحديث عن أن {c} لا أساس له من الصحة"],
        "assert": ["قال {s} إن {c}", "أكد {s} أن {c}", "وبحسب {s}، {c}", "أعلن {s} أن {c}", "أوضح {s} أن {c}"],
        "question": ["شكك {s} في أن {c}", "تساءل {s} عما إذا كان صحيحاً أن {c}", "أبدى {s} شكوكاً في أن {c}"],
        # masculine speakers only: the frames' verbs are masculine (نفى، قال)
        "speakers": ["متحدث باسم الحكومة", "مسؤولون", "الجيش", "نائب معارض", "البنك المركزي", "المحافظ",
                     "وزير الخارجية", "المتحدث باسم الوزارة", "مصدر رسمي", "رئيس الوزراء"],
        "future_not": "لن",
        "not_future_nouns": {"سياسة", "سيارة", "سيطرة", "ستة", "سنة", "سنوات", "سيادة", "سيناريو", "سياسي", "سياسية",
                             "سياحة", "ستين", "سنوي", "سنوية", "سيول", "سينما", "ستار", "سيدة", "سيد", "سياق",
                             "سيولة", "سيارات", "سياسات", "سنويا", "ستون", "سنتين", "سنتيمتر", "سيناء", "سيريلانكا", "سيئة", "سيئ", "سير", "سيرة", "سيف", "ستراتيجية", "سنغافورة", "سنوياً"},
        "negations": [("لا يوجد", "يوجد"), ("لم يتم", "تم"), ("ليس هناك", "هناك"), ("لا توجد", "توجد")],
        "approx": ["نحو", "قرابة", "حوالي", "ما يقارب"],
        "weekdays": AR_WEEKDAYS,
        "months": AR_MONTHS,
        "antonyms": [("رفع", "خفض"), ("ارتفع", "انخفض"), ("ارتفعت", "انخفضت"), ("ارتفاع", "انخفاض"),
                     ("زيادة", "خفض"), ("وافق", "رفض"), ("وافقت", "رفضت"), ("فتح", "أغلق"), ("فتحت", "أغلقت"),
                     ("افتتاح", "إغلاق"), ("فاز", "خسر"), ("فازت", "خسرت"), ("انتهاء", "استمرار"),
                     ("استئناف", "تعليق"), ("استأنف", "علّق"), ("استأنفت", "علّقت"), ("أعلى", "أدنى"),
                     ("قبول", "رفض"), ("نجح", "فشل"), ("نجحت", "فشلت"), ("السماح", "حظر"), ("صعد", "هبط"),
                     ("تحسن", "تراجع"), ("تحسنت", "تراجعت"), ("فائض", "عجز"), ("أكثر", "أقل"), ("زادت", "تراجعت"),
                     ("قبلت", "رفضت"), ("أيدت", "ألغت"), ("وصل", "غادر"), ("وصلت", "غادرت"), ("بدأ", "توقف")],
        "prefixes": ["", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل"],
        "places": ["العراق", "سوريا", "الأردن", "لبنان", "مصر", "ليبيا", "تونس", "المغرب", "الجزائر", "السودان",
                   "اليمن", "عُمان", "الكويت", "قطر", "البحرين", "تركيا", "إيران", "بغداد", "القاهرة", "بيروت",
                   "عمّان", "طرابلس", "الخرطوم", "الرياض", "الرباط", "دمشق", "البصرة", "الموصل"],
    },
}

_AR_LETTERS = re.compile(r"[\u0600-\u06ff]")
_NUMBER = re.compile(r"(?<![\w.,٫٬])([0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*)(?![\w])")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_TO_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")


def lang_of(text: str) -> str:
    ar = len(_AR_LETTERS.findall(text))
    return "ar" if ar >= len(re.findall(r"[A-Za-z]", text)) else "en"


def clause(text: str, code: str) -> str:
    """A statement as the clause of a reporting frame: no final full stop, an English article lowered."""
    c = text.strip().rstrip(".。").strip()
    first, _, rest = c.partition(" ")
    if code == "en" and first in ("The", "A", "An", "There", "It", "This", "These", "Its"):
        c = first.lower() + " " + rest
    return c


def frame(kind: str, c: str, code: str, rng: random.Random) -> str:
    t = LANG[code]
    return rng.choice(t[kind]).format(s=rng.choice(t["speakers"]), c=clause(c, code))


def _words(text: str) -> list[str]:
    return text.split(" ")


_PUNCT = ".,،؛:\"«»“”()!?؟"


def _core(word: str) -> str:
    return word.strip(_PUNCT)


def negate(text: str, code: str, vocab: frozenset[str] = frozenset()) -> str | None:
    """The statement with its first predicate negated, or a negation removed; None if no rule fits.

    An Arabic future verb (سيغادر) becomes لن + the imperfect (لن يغادر) only when that imperfect
    is a word met elsewhere in the source statements (``vocab``): names and nouns that start with
    س (ستانلي، سنوات) have no such form.
    """
    t = LANG[code]
    words = _words(text)
    if code == "en":
        negated = any(_core(w).lower() in t["negation_words"] or _core(w).lower().endswith("n't") for w in words)
        for i, w in enumerate(words):
            low = w.lower()
            if low in t["contracted"]:
                return " ".join(words[:i] + [t["contracted"][low]] + words[i + 1 :])
            if low in t["aux"]:
                if i + 1 < len(words) and words[i + 1].lower() in ("not", "never"):
                    return " ".join(words[: i + 1] + words[i + 2 :])
                if negated:
                    return None  # "there had not been no load-shedding"
                return " ".join(words[: i + 1] + ["not"] + words[i + 1 :])
        return None
    for neg, pos in t["negations"]:
        if neg in text:
            return text.replace(neg, pos, 1)
    for i, w in enumerate(words):
        if w == t["future_not"] and i + 1 < len(words) and _core(words[i + 1]) in vocab:
            return " ".join(words[:i] + ["س" + words[i + 1]] + words[i + 2 :])
        core = _core(w).removeprefix("و")
        if (len(core) > 4 and core[0] == "س" and core[1] in "يتنأ" and core not in t["not_future_nouns"]
                and core[1:] in vocab):
            lead = w[: w.index(core)]
            return " ".join(words[:i] + [lead + t["future_not"], w[w.index(core) + 1 :]] + words[i + 1 :])
    return None


def _numbers(text: str) -> list[re.Match[str]]:
    out = []
    for m in _NUMBER.finditer(text):
        western = m.group(1).translate(_TO_WESTERN).replace(",", "")
        try:
            value = float(western)
        except ValueError:
            continue
        if 1900 <= value <= 2100 and "." not in western:
            continue  # a year
        out.append(m)
    return out


def _format_like(value: float, raw: str) -> str:
    western = raw.translate(_TO_WESTERN)
    decimals = len(western.split(".")[1]) if "." in western else 0
    s = f"{value:,.{decimals}f}" if "," in western else f"{value:.{decimals}f}"
    if any(ch in "٠١٢٣٤٥٦٧٨٩" for ch in raw):
        s = s.replace(".", "٫").replace(",", "٬").translate(_AR_DIGITS)
    return s


def change_number(text: str, code: str, rng: random.Random) -> str | None:
    found = _numbers(text)
    if not found:
        return None
    m = rng.choice(found)
    raw = m.group(1)
    value = float(raw.translate(_TO_WESTERN).replace(",", ""))
    factor = rng.choice([0.5, 0.6, 0.7, 1.4, 1.5, 2.0, 3.0])
    new = value * factor
    if "." not in raw.translate(_TO_WESTERN):
        new = round(new)
        if new == value:
            new = value + rng.choice([2, 3, 5])
    out = _format_like(new, raw)
    if out == raw:
        return None
    return text[: m.start(1)] + out + text[m.end(1) :]


def approximate(text: str, code: str, rng: random.Random) -> str | None:
    """A figure rounded and hedged ("29.6%" -> "nearly 30%"): the same claim."""
    for m in _numbers(text):
        raw = m.group(1)
        value = float(raw.translate(_TO_WESTERN).replace(",", ""))
        if value < 10:
            continue
        step = 10 ** max(len(str(int(value))) - 2, 0)
        rounded = round(value / step) * step
        if rounded == value or abs(rounded - value) / value > 0.05:
            continue
        out = _format_like(float(rounded), raw.split(".")[0].split("٫")[0])
        before = text[: m.start(1)].rstrip()
        word = rng.choice(LANG[code]["approx"])
        return f"{before} {word} {out}{text[m.end(1):]}".strip()
    return None


def _swap_word(text: str, options: Iterable[tuple[str, str]], code: str, rng: random.Random) -> str | None:
    words = _words(text)
    prefixes = LANG[code].get("prefixes", [""])
    hits = []
    for i, w in enumerate(words):
        core = _core(w)
        for a, b in options:
            for x, y in ((a, b), (b, a)):
                for p in prefixes:
                    if core == p + x or (code == "en" and core == (p + x).capitalize()):
                        repl = p + y if core == p + x else (p + y).capitalize()
                        hits.append((i, w.replace(core, repl, 1)))
    if not hits:
        return None
    i, new = rng.choice(hits)
    return " ".join(words[:i] + [new] + words[i + 1 :])


def swap_antonym(text: str, code: str, rng: random.Random) -> str | None:
    return _swap_word(text, LANG[code]["antonyms"], code, rng)


def swap_date(text: str, code: str, rng: random.Random) -> str | None:
    for table in ("weekdays", "months"):
        names = LANG[code][table]
        present = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        if present:
            old = rng.choice(present)
            new = rng.choice([n for n in names if n != old])
            return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text, count=1)
    return None


def swap_entity(text: str, code: str, rng: random.Random) -> str | None:
    places = LANG[code]["places"]
    present = [p for p in places if re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", text)]
    if not present:
        return None
    old = rng.choice(present)
    new = rng.choice([p for p in places if p != old])
    return re.sub(rf"(?<![\w]){re.escape(old)}(?![\w])", new, text, count=1)


Edit = Callable[[str, str, random.Random], "str | None"]
VOCAB: set[str] = set()  # words of the source statements (negate's check), filled by generate()
EDITS: dict[str, tuple[Edit, str]] = {
    "negation": (lambda t, c, r: negate(t, c, frozenset(VOCAB)), "contradiction"),
    "number": (change_number, "contradiction"),
    "approx": (approximate, "entailment"),
    "date": (swap_date, "contradiction"),
    "antonym": (swap_antonym, "contradiction"),
    "entity": (swap_entity, "neutral"),
}


def pairs_for(text: str, rng: random.Random, frames: int = 2) -> list[dict]:
    """Every applicable edit of one statement and ``frames`` of the reporting-frame pairs, as
    labelled pairs (order of sides shuffled)."""
    code = lang_of(text)
    out: list[dict] = []

    def add(a: str, b: str, label: str, kind: str) -> None:
        if a.strip() != b.strip():
            if rng.random() < 0.5:
                a, b = b, a
            out.append({"a": a, "b": b, "label": label, "lang": code, "type": kind})

    for kind, (edit, label) in EDITS.items():
        new = edit(text, code, rng)
        if new:
            add(text, new, label, kind)
    framed = [
        lambda: add(frame("deny", text, code, rng), text, "contradiction", "denial"),
        lambda: add(frame("assert", text, code, rng), frame("deny", text, code, rng), "contradiction", "denial"),
        lambda: add(frame("assert", text, code, rng), text, "entailment", "attribution"),
        lambda: add(frame("deny", text, code, rng), frame("deny", text, code, rng), "entailment", "attribution"),
        lambda: add(frame("question", text, code, rng), text, "neutral", "question"),
    ]
    neg = negate(text, code, frozenset(VOCAB))
    if neg:
        framed.append(lambda: add(frame("deny", text, code, rng), neg, "entailment", "denial-neg"))
    for make in rng.sample(framed, min(frames, len(framed))):
        make()
    return out


def cross_pairs(a: str, b: str, rng: random.Random) -> list[dict]:
    """From a translation pair: one side rewritten, the other left in its language."""
    out = []
    for x, y in ((a, b), (b, a)):
        code = lang_of(y)
        for kind, (edit, label) in EDITS.items():
            new = edit(y, code, rng)
            if new:
                out.append({"a": x, "b": new, "label": label, "lang": f"{lang_of(x)}-{code}", "type": "cross-" + kind})
        out.append({"a": x, "b": frame("deny", y, code, rng), "label": "contradiction",
                    "lang": f"{lang_of(x)}-{code}", "type": "cross-denial"})
    return out


def source_statements() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(statement -> where it comes from, translation pairs) from training/ (dev pairs excluded)
    and ANS train headlines."""
    texts: dict[str, str] = {}
    translations: list[tuple[str, str]] = []
    for path in sorted((ROOT / "training").glob("*.jsonl")):
        if path.name == "dev_pairs.jsonl":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            texts.setdefault(d["a"], "own")
            texts.setdefault(d["b"], "own")
            if d["label"] == "agreement" and lang_of(d["a"]) != lang_of(d["b"]):
                translations.append((d["a"], d["b"]))
    ans = DATA / "ans" / "stance" / "train.csv"
    if ans.exists():
        with ans.open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                texts.setdefault(r["s1"].strip(), "ans")
    return texts, translations


def generate(seed: int = 0, per_translation: int = 4) -> list[dict]:
    """The whole synthetic set: each statement's edits and two frame pairs, and up to
    ``per_translation`` cross-language pairs per translation pair."""
    rng = random.Random(seed)
    texts, translations = source_statements()
    VOCAB.clear()
    VOCAB.update(_core(w) for t in texts for w in t.split())
    out: list[dict] = []
    for text, source in texts.items():
        out += [{**p, "source": source} for p in pairs_for(text, rng)]
    for a, b in translations:
        made = cross_pairs(a, b, rng)
        rng.shuffle(made)
        out += [{**p, "source": "own"} for p in made[:per_translation]]
    rng.shuffle(out)
    return out


def label_noise(key_path: Path, reader_path: Path) -> list[str]:
    """How often a reader who did not write the generator disagrees with its labels, by kind."""
    key = {d["id"]: d for d in map(json.loads, key_path.read_text(encoding="utf-8").splitlines()) if d}
    reader = {d["id"]: d for d in map(json.loads, reader_path.read_text(encoding="utf-8").splitlines()) if d}
    by_type: dict[str, Counter] = {}
    for i, k in key.items():
        r = reader.get(i)
        if r is None:
            continue
        c = by_type.setdefault(k["type"], Counter())
        c["n"] += 1
        c["broken"] += r["label"] == "broken"
        c["agree"] += r["label"] == k["label"]
        c["ungrammatical"] += "ungrammatical" in (r.get("note") or "")
    total = Counter()
    for c in by_type.values():
        total.update(c)
    out = ["| kind | pairs | reader agrees with the label | broken | noted ungrammatical |", "|---|---|---|---|---|"]
    for name, c in sorted(by_type.items(), key=lambda kv: -kv[1]["n"]) + [("all", total)]:
        out.append(f"| {name} | {c['n']} | {c['agree']} ({c['agree'] / c['n']:.0%}) | {c['broken']} | {c['ungrammatical']} |")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=0,
                    help="also write a random sample of this size, from the project's own statements (labels hidden)")
    ap.add_argument("--sample-out", type=Path)
    ap.add_argument("--check", type=Path, nargs=2, metavar=("KEY", "READER"),
                    help="label noise: the generator's labels (KEY) against a reader's (READER), both JSON lines by id")
    args = ap.parse_args()
    if args.check:
        print("\n".join(label_noise(*args.check)))
        return 0
    rows = generate(args.seed)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} pairs: {dict(Counter(r['label'] for r in rows))}", file=sys.stderr)
    print(f"types: {dict(Counter(r['type'] for r in rows))}", file=sys.stderr)
    if args.sample and args.sample_out:
        own = [r for r in rows if r["source"] == "own"]  # the project's own text only: no dataset text is copied
        sample = random.Random(args.seed + 1).sample(own, min(args.sample, len(own)))
        args.sample_out.write_text("".join(json.dumps({"id": i, "a": r["a"], "b": r["b"]}, ensure_ascii=False) + "\n"
                                           for i, r in enumerate(sample)), encoding="utf-8")
        key = args.sample_out.with_suffix(".key.jsonl")
        key.write_text("".join(json.dumps({"id": i, "label": r["label"], "type": r["type"]}) + "\n"
                               for i, r in enumerate(sample)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
