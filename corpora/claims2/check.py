"""Validate the claims2 set (corpora/claims2/): articles, gold files, claims.labels.jsonl and
queries.labels.jsonl. Prints counts; exits 1 on any error.

Run:  python3 corpora/claims2/check.py
"""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools  # noqa: E402
from goldtools import err, warn  # noqa: E402

STORIES = ("tunisia-water", "basra-fire", "libya-dinar")
CLAIM_PREFIX = {"tunisia-water": "water-", "basra-fire": "fire-", "libya-dinar": "dinar-"}
POLARITIES = ("asserts", "denies", "questions")
EXTRA_KEYS = ("polarity", "negated", "claim")
ALL_KEYS = set(goldtools.KEYS) | set(EXTRA_KEYS)
CLAIM_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^([a-z]+-[a-z]+)-([a-z]+)-(ar|en)\.txt$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
MIN_WORDS, MAX_WORDS = 200, 380
NGRAM = 5  # a query may not share this many consecutive tokens with any article

# minimum counts asked for by the brief
MIN_DENIES, MIN_QUESTIONS, MIN_NEG_QUOTES = 10, 5, 3
MIN_SHARED, MAX_SHARED, MIN_BILINGUAL = 4, 7, 2
MIN_QUERIES, MIN_CROSS_QUERIES = 27, 18


def tokens(s):
    return re.findall(r"\w+", s.lower())


def ngrams(toks, n):
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def read_jsonl(path):
    rows = []
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        try:
            rows.append((i, json.loads(line)))
        except json.JSONDecodeError as e:
            err(f"{os.path.basename(path)}:{i}: bad JSON ({e})")
    return rows


def main():
    # --- articles and gold ------------------------------------------------------------------
    articles = {}          # name -> (story, outlet, lang, text)
    statements = []        # (name, where, row)
    speaker_en = {}
    txts = sorted(glob.glob(os.path.join(HERE, "*.txt")))
    if len(txts) != 9:
        err(f"expected 9 articles, found {len(txts)}")
    for path in txts:
        name = os.path.basename(path)
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            err(f"{name}: not UTF-8")
            continue
        if "\r" in text:
            err(f"{name}: CR characters (LF line endings expected)")
        m = NAME_RE.match(name)
        if not m or m.group(1) not in STORIES:
            err(f"{name}: name must be <story>-<outlet>-<lang>.txt with story in {STORIES}")
            continue
        story, outlet, lang = m.groups()
        if lang == "ar" and len(ARABIC.findall(text)) < 200:
            err(f"{name}: -ar article with little Arabic text")
        if lang == "en" and ARABIC.search(text):
            err(f"{name}: -en article contains Arabic script")
        goldtools.check_layout(name, text)
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            err(f"{name}: {words} words (expected {MIN_WORDS}-{MAX_WORDS})")
        articles[name] = (story, outlet, lang, text, words)
        gpath = path[:-4] + ".gold.jsonl"
        if not os.path.exists(gpath):
            err(f"{name}: no gold file")
            continue
        prev_start = -1
        for where, g in goldtools.read_gold(gpath):
            if not goldtools.check_span(where, text, g):
                continue
            extra = set(g) - ALL_KEYS
            if extra:
                err(f"{where}: unexpected keys {sorted(extra)}")
            if list(g)[:len(goldtools.KEYS)] != list(goldtools.KEYS):
                warn(f"{where}: key order differs from {goldtools.KEYS + EXTRA_KEYS}")
            for k in EXTRA_KEYS:
                if k not in g:
                    err(f"{where}: missing key {k!r}")
            if any(k not in g for k in EXTRA_KEYS):
                continue
            if g["polarity"] not in POLARITIES:
                err(f"{where}: bad polarity {g['polarity']!r}")
            if not isinstance(g["negated"], bool):
                err(f"{where}: negated must be true/false")
            if not isinstance(g["claim"], str) or not CLAIM_RE.match(g["claim"]):
                err(f"{where}: claim must be a kebab-case id: {g['claim']!r}")
            elif not g["claim"].startswith(CLAIM_PREFIX[story]):
                err(f"{where}: claim id {g['claim']!r} does not start with {CLAIM_PREFIX[story]!r}")
            if g["start"] <= prev_start:
                err(f"{where}: lines not in increasing order of start")
            prev_start = g["start"]
            if g["polarity"] == "questions" and g["kind"] == "direct" and not g["text"].endswith(("?", "؟")):
                warn(f"{where}: quoted 'questions' statement without a question mark")
            if g["polarity"] == "denies" and g["negated"]:
                warn(f"{where}: denied span that is itself negated (double negation?)")
            prev = speaker_en.setdefault((lang, g["speaker"]), g["speaker_en"])
            if prev != g["speaker_en"]:
                err(f"{where}: speaker {g['speaker']!r} has two speaker_en values")
            statements.append((name, where, g))

    # --- claims.labels.jsonl ----------------------------------------------------------------
    labels = {}
    cpath = os.path.join(HERE, "claims.labels.jsonl")
    for i, c in read_jsonl(cpath):
        where = f"claims.labels.jsonl:{i}"
        if set(c) != {"claim", "story", "gloss_en", "contradicts"}:
            err(f"{where}: keys must be claim, story, gloss_en, contradicts")
            continue
        if c["claim"] in labels:
            err(f"{where}: duplicate claim {c['claim']!r}")
        if c["story"] not in STORIES:
            err(f"{where}: bad story {c['story']!r}")
        if not isinstance(c["gloss_en"], str) or not c["gloss_en"].strip() or ARABIC.search(c["gloss_en"]):
            err(f"{where}: gloss_en must be a non-empty English string")
        if not isinstance(c["contradicts"], list):
            err(f"{where}: contradicts must be a list")
            continue
        labels[c["claim"]] = c
    for cid, c in labels.items():
        for o in c["contradicts"]:
            if o == cid:
                err(f"claims.labels.jsonl: {cid} contradicts itself")
            elif o not in labels:
                err(f"claims.labels.jsonl: {cid} contradicts unknown claim {o!r}")
            else:
                if cid not in labels[o]["contradicts"]:
                    err(f"claims.labels.jsonl: contradiction {cid} -> {o} is not symmetric")
                if labels[o]["story"] != c["story"]:
                    err(f"claims.labels.jsonl: {cid} contradicts a claim of another story ({o})")

    by_claim = collections.defaultdict(list)
    for name, where, g in statements:
        by_claim[g["claim"]].append((name, g))
        if g["claim"] not in labels:
            err(f"{where}: claim {g['claim']!r} not in claims.labels.jsonl")
        elif labels[g["claim"]]["story"] != articles[name][0]:
            err(f"{where}: claim {g['claim']!r} belongs to story {labels[g['claim']]['story']!r}")
    for cid in labels:
        if cid not in by_claim:
            err(f"claims.labels.jsonl: claim {cid!r} has no statement")

    # --- queries.labels.jsonl ---------------------------------------------------------------
    art_ngrams = set()
    for _story, _outlet, _lang, text, _words in articles.values():
        art_ngrams |= ngrams(tokens(text), NGRAM)
    queries = read_jsonl(os.path.join(HERE, "queries.labels.jsonl"))
    cross = 0
    seen_q = set()
    for i, q in queries:
        where = f"queries.labels.jsonl:{i}"
        if set(q) != {"query", "lang", "claim"}:
            err(f"{where}: keys must be query, lang, claim")
            continue
        if q["lang"] not in ("ar", "en"):
            err(f"{where}: bad lang {q['lang']!r}")
            continue
        if q["query"] in seen_q:
            err(f"{where}: duplicate query")
        seen_q.add(q["query"])
        if bool(ARABIC.search(q["query"])) != (q["lang"] == "ar"):
            err(f"{where}: query script does not match lang {q['lang']!r}")
        if q["claim"] not in labels:
            err(f"{where}: unknown claim {q['claim']!r}")
            continue
        sts = by_claim[q["claim"]]
        if len(sts) < 2:
            err(f"{where}: claim {q['claim']!r} has fewer than two statements")
        shared = ngrams(tokens(q["query"]), NGRAM) & art_ngrams
        if shared:
            err(f"{where}: query copies article text: {' '.join(sorted(shared)[0])!r}")
        for name, story_art in ((n, a) for n, a in articles.items()):
            if q["query"].strip(" ?؟") in story_art[3]:
                err(f"{where}: query is a verbatim substring of {name}")
        langs = collections.Counter(articles[n][2] for n, _ in sts)
        other = "en" if q["lang"] == "ar" else "ar"
        if langs[other] > langs[q["lang"]]:
            cross += 1

    # --- counts and corpus-level requirements -----------------------------------------------
    per_lang = {lang: collections.Counter() for lang in ("ar", "en")}
    for name, _where, g in statements:
        c = per_lang[articles[name][2]]
        c["statements"] += 1
        c[g["kind"]] += 1
        c[g["polarity"]] += 1
        if g["negated"]:
            c["negated"] += 1
            if g["kind"] in ("direct", "partial") and g["polarity"] == "asserts":
                c["negated quotes"] += 1
                if g["kind"] == "direct":
                    c["negated direct quotes"] += 1

    print(f"articles: {len(articles)}  "
          + ", ".join(f"{lang}={sum(1 for a in articles.values() if a[2] == lang)}" for lang in ("ar", "en")))
    for name, (_story, _outlet, _lang, _text, words) in sorted(articles.items()):
        n = sum(1 for s in statements if s[0] == name)
        print(f"  {name}: {words} words, {n} statements")
    print(f"gold statements: {len(statements)}")
    for lang, c in per_lang.items():
        print(f"  [{lang}] {c['statements']}: direct={c['direct']} partial={c['partial']} indirect={c['indirect']}; "
              f"asserts={c['asserts']} denies={c['denies']} questions={c['questions']}; negated={c['negated']} "
              f"(negated quotes {c['negated quotes']}, of which direct {c['negated direct quotes']})")
        if c["denies"] < MIN_DENIES:
            err(f"[{lang}] only {c['denies']} denial statements (need {MIN_DENIES})")
        if c["questions"] < MIN_QUESTIONS:
            err(f"[{lang}] only {c['questions']} questions statements (need {MIN_QUESTIONS})")
        if c["negated direct quotes"] < MIN_NEG_QUOTES:
            err(f"[{lang}] only {c['negated direct quotes']} negated direct quotes (need {MIN_NEG_QUOTES})")

    print(f"claims: {len(labels)}  (with >= 2 statements: {sum(1 for v in by_claim.values() if len(v) >= 2)})")
    for story in STORIES:
        arts = [a for a in articles.values() if a[0] == story]
        if len(arts) != 3 or {a[2] for a in arts} != {"ar", "en"}:
            err(f"{story}: needs three articles in both languages")
        shared, bilingual = [], []
        for cid, sts in by_claim.items():
            if labels.get(cid, {}).get("story") != story:
                continue
            names = {n for n, _ in sts}
            if len(names) >= 2:
                shared.append(cid)
                if {articles[n][2] for n in names} == {"ar", "en"}:
                    bilingual.append(cid)
        pairs = sorted({tuple(sorted((cid, o))) for cid, c in labels.items() if c["story"] == story
                        for o in c["contradicts"]})
        print(f"  {story}: {len(arts)} articles, {sum(1 for c in labels.values() if c['story'] == story)} claims, "
              f"{len(shared)} in >= 2 articles ({len(bilingual)} in both languages), "
              f"{len(pairs)} contradiction pairs")
        for cid in sorted(shared):
            sts = by_claim[cid]
            pol = collections.Counter(g["polarity"] for _, g in sts)
            print(f"      {cid}: {len(sts)} statements in {len({n for n, _ in sts})} articles, "
                  + ", ".join(f"{k}={v}" for k, v in sorted(pol.items())))
        if not MIN_SHARED <= len(shared) <= MAX_SHARED:
            err(f"{story}: {len(shared)} claims in >= 2 articles (need {MIN_SHARED}-{MAX_SHARED})")
        if len(bilingual) < MIN_BILINGUAL:
            err(f"{story}: only {len(bilingual)} claims in both languages (need {MIN_BILINGUAL})")
        if not pairs:
            err(f"{story}: no conflicting claims (contradicts) labelled")

    print(f"queries: {len(queries)}  (in the other language than most of the claim's statements: {cross}; "
          + ", ".join(f"{lang}={sum(1 for _, q in queries if q.get('lang') == lang)}" for lang in ("ar", "en")) + ")")
    if len(queries) < MIN_QUERIES:
        err(f"only {len(queries)} queries (need {MIN_QUERIES})")
    if cross < MIN_CROSS_QUERIES:
        err(f"only {cross} cross-language queries (need {MIN_CROSS_QUERIES})")

    goldtools.finish("OK: claims2 gold, claims and queries are consistent")


if __name__ == "__main__":
    main()
