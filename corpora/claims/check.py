"""Check the claims set in corpora/claims/.

Articles (*.txt): title line, blank line, body; file name <story>-<outlet>-<ar|en>.txt; body of
220-420 words; a sibling *.gold.jsonl. Stories: three articles each, both languages.

Gold lines: the shared checks of corpora/goldtools.py (keys text/start/end/speaker/speaker_en/
kind/cue, kind values, article[start:end] == text, quote-mark boundaries of direct/partial
spans, no trailing full stop in indirect spans) plus: exactly the keys of the format,
polarity in asserts|denies|questions, negated a bool, claim an id listed in claims.labels.jsonl whose
story is the article's story; lines in order of start, no overlapping spans, one speaker_en
per (language, speaker).

claims.labels.jsonl: fields claim/story/gloss_en/contradicts, unique ids, every claim used by a gold
statement, `contradicts` ids exist, are not the claim itself, belong to the same story and are
listed both ways.

queries.labels.jsonl: fields query/lang/claim, lang ar|en, claim exists and has at least two
statements, the query is not copied from an article (no run of 5 words shared with one).

Targets of the brief (errors if missed): per story 4-7 claims in at least two articles and at
least one claim stated in both languages and one contradiction pair; per language at least 8
denials, 4 questions and 3 negated quotes (direct/partial, negated, asserts); at least 36
queries, at least 24 of them cross-language (the claim has statements in the other language).

Prints counts; exits 1 on any error.   Run:  python3 corpora/claims/check.py
"""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools as gt  # noqa: E402

POLARITIES = ("asserts", "denies", "questions")
GOLD_KEYS = gt.KEYS + ("polarity", "negated", "claim")
NAME_RE = re.compile(r"^(?P<story>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<outlet>[a-z0-9]+)-(?P<lang>ar|en)\.txt$")
WORDS_MIN, WORDS_MAX = 220, 420
RUN = 5  # words in a row a query may not share with an article


def read_jsonl(name):
    path = os.path.join(HERE, name)
    out = []
    if not os.path.exists(path):
        gt.err(f"{name}: missing")
        return out
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        try:
            out.append((f"{name}:{i}", json.loads(line)))
        except json.JSONDecodeError as e:
            gt.err(f"{name}:{i}: bad JSON ({e})")
    return out


def tokens(s):
    return re.findall(r"\w+", s.lower())


def main():
    # ---- claims table ----------------------------------------------------------------------
    claims = {}
    for where, c in read_jsonl("claims.labels.jsonl"):
        if set(c) != {"claim", "story", "gloss_en", "contradicts"}:
            gt.err(f"{where}: fields must be claim/story/gloss_en/contradicts, got {sorted(c)}")
            continue
        if not isinstance(c["claim"], str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c["claim"]):
            gt.err(f"{where}: claim id must be kebab-case: {c['claim']!r}")
            continue
        if c["claim"] in claims:
            gt.err(f"{where}: duplicate claim id {c['claim']!r}")
        if not isinstance(c["gloss_en"], str) or not c["gloss_en"].strip():
            gt.err(f"{where}: empty gloss_en")
        if not isinstance(c["contradicts"], list):
            gt.err(f"{where}: contradicts must be a list")
            c["contradicts"] = []
        claims[c["claim"]] = c
    for cid, c in claims.items():
        for other in c["contradicts"]:
            if other == cid:
                gt.err(f"claims.labels.jsonl: {cid} contradicts itself")
            elif other not in claims:
                gt.err(f"claims.labels.jsonl: {cid} contradicts unknown claim {other!r}")
            else:
                if claims[other]["story"] != c["story"]:
                    gt.err(f"claims.labels.jsonl: {cid} contradicts {other} from another story")
                if cid not in claims[other]["contradicts"]:
                    gt.err(f"claims.labels.jsonl: {cid} contradicts {other} but not the other way round")

    # ---- articles and gold -----------------------------------------------------------------
    stories = collections.defaultdict(list)      # story -> [(name, lang)]
    statements = []                              # (name, story, lang, row)
    speaker_en = {}
    articles = {}
    txts = sorted(glob.glob(os.path.join(HERE, "*.txt")))
    if not txts:
        gt.err("no articles found")
    per_file = []
    for path in txts:
        name = os.path.basename(path)
        m = NAME_RE.match(name)
        if not m:
            gt.err(f"{name}: file name must be <story>-<outlet>-<ar|en>.txt")
            continue
        story, lang = m["story"], m["lang"]
        raw = open(path, "rb").read()
        if b"\r" in raw:
            gt.err(f"{name}: CR found, line ends must be LF")
        article = raw.decode("utf-8")
        articles[name] = article
        lines = gt.check_layout(name, article)
        words = len("\n".join(lines[2:]).split())
        if not WORDS_MIN <= words <= WORDS_MAX:
            gt.err(f"{name}: body has {words} words (expected {WORDS_MIN}-{WORDS_MAX})")
        stories[story].append((name, lang))
        gpath = path[:-4] + ".gold.jsonl"
        if not os.path.exists(gpath):
            gt.err(f"{name}: no gold file")
            continue
        rows = []
        for where, g in gt.read_gold(gpath):
            if not gt.check_span(where, article, g):
                continue
            extra = set(g) - set(GOLD_KEYS)
            if extra:
                gt.err(f"{where}: unknown keys {sorted(extra)}")
            missing = [k for k in GOLD_KEYS if k not in g]
            if missing:
                gt.err(f"{where}: missing keys {missing}")
                continue
            if list(g) != list(GOLD_KEYS):
                gt.warn(f"{where}: keys not in the usual order")
            if g["polarity"] not in POLARITIES:
                gt.err(f"{where}: bad polarity {g['polarity']!r}")
            if not isinstance(g["negated"], bool):
                gt.err(f"{where}: negated must be true/false")
            if g["claim"] not in claims:
                gt.err(f"{where}: claim {g['claim']!r} not in claims.labels.jsonl")
            elif claims[g["claim"]]["story"] != story:
                gt.err(f"{where}: claim {g['claim']!r} belongs to story {claims[g['claim']]['story']!r}")
            prev = speaker_en.setdefault((lang, g["speaker"]), g["speaker_en"])
            if prev != g["speaker_en"]:
                gt.err(f"{where}: speaker {g['speaker']!r} has two speaker_en values")
            rows.append((where, g))
            statements.append((name, story, lang, g))
        for (w1, a), (w2, b) in zip(rows, rows[1:], strict=False):
            if b["start"] < a["start"]:
                gt.err(f"{w2}: lines not in order of start")
            if b["start"] < a["end"]:
                gt.err(f"{w2}: span overlaps {w1}")
        per_file.append((os.path.basename(gpath), len(rows), words))
    for gpath in sorted(glob.glob(os.path.join(HERE, "*.gold.jsonl"))):
        if not os.path.exists(gpath[: -len(".gold.jsonl")] + ".txt"):
            gt.err(f"{os.path.basename(gpath)}: no article next to it")

    for story, arts in sorted(stories.items()):
        langs = {l for _, l in arts}
        if len(arts) != 3:
            gt.err(f"story {story}: {len(arts)} articles (expected 3)")
        if langs != {"ar", "en"}:
            gt.err(f"story {story}: needs both languages, has {sorted(langs)}")
        if story not in {c["story"] for c in claims.values()}:
            gt.err(f"story {story}: no claims in claims.labels.jsonl")
    for cid, c in claims.items():
        if c["story"] not in stories:
            gt.err(f"claims.labels.jsonl: {cid} has unknown story {c['story']!r}")

    # ---- per-claim tallies -----------------------------------------------------------------
    by_claim = collections.defaultdict(list)
    for name, _story, lang, g in statements:
        by_claim[g["claim"]].append((name, lang, g))
    for cid in claims:
        if cid not in by_claim:
            gt.err(f"claims.labels.jsonl: {cid} is used by no statement")
    multi = {cid for cid, st in by_claim.items() if len(st) >= 2}
    multi_art = {cid for cid, st in by_claim.items() if len({n for n, _, _ in st}) >= 2}
    bilingual = {cid for cid, st in by_claim.items() if {l for _, l, _ in st} == {"ar", "en"}}
    for story in sorted(stories):
        s_claims = [cid for cid, c in claims.items() if c["story"] == story]
        n_multi_art = len([c for c in s_claims if c in multi_art])
        if not 4 <= n_multi_art <= 7:
            gt.err(f"story {story}: {n_multi_art} claims in two or more articles (expected 4-7)")
        if not any(c in bilingual for c in s_claims):
            gt.err(f"story {story}: no claim stated in both languages")
        if not any(claims[c]["contradicts"] for c in s_claims):
            gt.err(f"story {story}: no contradiction pair in claims.labels.jsonl")

    # ---- queries ---------------------------------------------------------------------------
    queries = read_jsonl("queries.labels.jsonl")
    art_ngrams = set()
    for article in articles.values():
        t = tokens(article)
        art_ngrams.update(tuple(t[i:i + RUN]) for i in range(len(t) - RUN + 1))
    cross = strict = 0
    q_lang = collections.Counter()
    seen_q = set()
    for where, q in queries:
        if set(q) != {"query", "lang", "claim"}:
            gt.err(f"{where}: fields must be query/lang/claim, got {sorted(q)}")
            continue
        if q["lang"] not in ("ar", "en"):
            gt.err(f"{where}: bad lang {q['lang']!r}")
            continue
        if not isinstance(q["query"], str) or not q["query"].strip():
            gt.err(f"{where}: empty query")
            continue
        if q["query"] in seen_q:
            gt.err(f"{where}: duplicate query")
        seen_q.add(q["query"])
        is_ar = bool(re.search(r"[\u0600-\u06FF]", q["query"]))
        if is_ar != (q["lang"] == "ar"):
            gt.err(f"{where}: query script does not match lang {q['lang']!r}")
        if q["claim"] not in claims:
            gt.err(f"{where}: claim {q['claim']!r} not in claims.labels.jsonl")
            continue
        st = by_claim.get(q["claim"], [])
        if len(st) < 2:
            gt.err(f"{where}: claim {q['claim']!r} has {len(st)} statement(s), needs at least two")
        if any(q["query"] in a for a in articles.values()):
            gt.err(f"{where}: query copied verbatim from an article")
        t = tokens(q["query"])
        for i in range(len(t) - RUN + 1):
            if tuple(t[i:i + RUN]) in art_ngrams:
                gt.err(f"{where}: query shares {RUN} words in a row with an article: {' '.join(t[i:i + RUN])!r}")
                break
        q_lang[q["lang"]] += 1
        langs = collections.Counter(l for _, l, _ in st)
        other = "en" if q["lang"] == "ar" else "ar"
        if langs[other]:
            cross += 1
        if langs[other] >= langs[q["lang"]]:
            strict += 1
    if len(queries) < 36:
        gt.err(f"queries.labels.jsonl: {len(queries)} queries (expected at least 36)")
    if cross < 24:
        gt.err(f"queries.labels.jsonl: {cross} cross-language queries (expected at least 24)")

    # ---- counts ----------------------------------------------------------------------------
    pol = collections.defaultdict(collections.Counter)
    kinds = collections.defaultdict(collections.Counter)
    neg_quotes = collections.Counter()
    negated = collections.Counter()
    cues = collections.defaultdict(collections.Counter)
    for _name, _story, lang, g in statements:
        pol[lang][g["polarity"]] += 1
        kinds[lang][g["kind"]] += 1
        if g["negated"]:
            negated[lang] += 1
            if g["kind"] in ("direct", "partial") and g["polarity"] == "asserts":
                neg_quotes[lang] += 1
        if g["polarity"] != "asserts":
            cues[(lang, g["polarity"])][g["cue"]] += 1
    for lang in ("ar", "en"):
        if pol[lang]["denies"] < 8:
            gt.err(f"[{lang}] {pol[lang]['denies']} denials (expected at least 8)")
        if pol[lang]["questions"] < 4:
            gt.err(f"[{lang}] {pol[lang]['questions']} questions (expected at least 4)")
        if neg_quotes[lang] < 3:
            gt.err(f"[{lang}] {neg_quotes[lang]} negated quotes (expected at least 3)")

    print("gold files (statements, body words):")
    for name, n, words in per_file:
        print(f"  {name:42s} {n:3d} {words:4d}")
    n_ar = sum(1 for v in stories.values() for _, l in v if l == "ar")
    n_en = sum(1 for v in stories.values() for _, l in v if l == "en")
    print(f"articles: {len(articles)} (ar {n_ar}, en {n_en}), stories: {len(stories)}")
    for story, arts in sorted(stories.items()):
        s_claims = [cid for cid, c in claims.items() if c["story"] == story]
        print(f"  {story:18s} articles {len(arts)} "
              f"({', '.join(sorted(l for _, l in arts))}); claims {len(s_claims)}, "
              f">=2 statements {len([c for c in s_claims if c in multi])}, "
              f">=2 articles {len([c for c in s_claims if c in multi_art])}, "
              f"both languages {len([c for c in s_claims if c in bilingual])}, "
              f"contradiction pairs {sum(len(claims[c]['contradicts']) for c in s_claims) // 2}")
    for lang in ("ar", "en"):
        print(f"statements [{lang}]: {sum(pol[lang].values())}  "
              + ", ".join(f"{k}={kinds[lang][k]}" for k in gt.KINDS) + "  |  "
              + ", ".join(f"{p}={pol[lang][p]}" for p in POLARITIES)
              + f"  |  negated={negated[lang]} (negated quotes {neg_quotes[lang]})")
    for (lang, p), c in sorted(cues.items()):
        print(f"  [{lang}] {p} cues: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))
    print(f"statements total: {len(statements)}")
    print(f"claims: {len(claims)}, with >=2 statements: {len(multi)}, in >=2 articles: "
          f"{len(multi_art)}, in both languages: {len(bilingual)}")
    print(f"queries: {len(queries)} (ar {q_lang['ar']}, en {q_lang['en']}); cross-language "
          f"(claim has statements in the other language): {cross}; "
          f"not in the claim's majority language (ties count): {strict}")
    gt.finish("OK: claims set checks pass")


if __name__ == "__main__":
    main()
