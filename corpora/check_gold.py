"""Check the gold annotations and the pairs file in this folder.

For every *.gold.jsonl: each line must carry text/start/end/speaker/speaker_en/kind/cue,
`kind` must be direct|partial|indirect, and article[start:end] must equal text, where the
article is the sibling .txt read with open(path, encoding="utf-8").read(), or, for a gold file
next to a .jsonl, the "text" field of line `line` (1-based) of that .jsonl.
Also checks quote-mark boundaries of direct/partial spans, article layout, that .html pages
carry no gold, and the format of pairs.jsonl. Prints counts; exits 1 on any error.

Run:  python3 corpora/check_gold.py
"""
import collections
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = {"iraq-combat-mission-ar.txt"}
KINDS = {"direct", "partial", "indirect"}
KEYS = ("text", "start", "end", "speaker", "speaker_en", "kind", "cue")
OPEN = set('"“«„‘')
CLOSE = set('"”»“’')
LABELS = {"contradiction", "agreement", "neutral", "unrelated"}
PAIR_LANGS = {"ar", "en", "ar-en"}

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def lang_of(name):
    stem = os.path.basename(name).rsplit(".", 1)[0]
    return stem.rsplit("-", 1)[-1] if stem.rsplit("-", 1)[-1] in ("ar", "en") else None


def check_span(where, article, g):
    for k in KEYS:
        if k not in g:
            err(f"{where}: missing key {k!r}")
            return False
    if not isinstance(g["start"], int) or not isinstance(g["end"], int):
        err(f"{where}: start/end must be ints")
        return False
    for k in ("text", "speaker", "speaker_en", "cue"):
        if not isinstance(g[k], str) or not g[k].strip():
            err(f"{where}: {k} must be a non-empty string")
    if g["kind"] not in KINDS:
        err(f"{where}: bad kind {g['kind']!r}")
    s, e = g["start"], g["end"]
    if not (0 <= s < e <= len(article)):
        err(f"{where}: offsets out of range ({s}, {e})")
        return False
    if article[s:e] != g["text"]:
        err(f"{where}: article[{s}:{e}] = {article[s:e]!r} != text {g['text']!r}")
        return False
    t = g["text"]
    if t != t.strip():
        err(f"{where}: span has leading/trailing whitespace")
    if g["kind"] in ("direct", "partial"):
        before = article[s - 1] if s > 0 else ""
        after = article[e:e + 2]
        if before not in OPEN:
            err(f"{where}: {g['kind']} span not preceded by an opening quote mark: {before!r}")
        if not (after[:1] in CLOSE or (after[:1] in ",." and after[1:2] in CLOSE)):
            err(f"{where}: {g['kind']} span not followed by a closing quote mark: {after!r}")
        if t[-1] in ",." :
            err(f"{where}: trailing {t[-1]!r} inside the span")
    else:
        if t.endswith("."):
            err(f"{where}: indirect span ends with a full stop")
        if any(c in t for c in "«»“”„"):
            warn(f"{where}: indirect span contains quote marks")
    return True


def main():
    stats = collections.Counter()
    kinds = collections.defaultdict(collections.Counter)
    per_file = []
    articles = collections.Counter()
    speaker_map = collections.defaultdict(set)

    # layout of .txt articles; every .txt needs a gold file
    for path in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
        name = os.path.basename(path)
        text = open(path, encoding="utf-8").read()
        lines = text.split("\n")
        if not lines[0].strip() or len(lines) < 3 or lines[1].strip():
            err(f"{name}: expected title line, blank line, body")
        if not os.path.exists(path[:-4] + ".gold.jsonl"):
            err(f"{name}: no gold file")
        if lang_of(name) is None:
            err(f"{name}: file name must end in -ar or -en")
        articles[lang_of(name)] += 1
        words = len(text.split())
        if name not in SEED and not 250 <= words <= 600:
            warn(f"{name}: {words} words (expected 250-600)")

    for path in sorted(glob.glob(os.path.join(HERE, "*.html"))):
        name = os.path.basename(path)
        articles[lang_of(name)] += 1
        if os.path.exists(path[:-5] + ".gold.jsonl"):
            err(f"{name}: .html pages carry no gold file by design")

    for path in sorted(glob.glob(os.path.join(HERE, "*.jsonl"))):
        name = os.path.basename(path)
        if name.endswith(".gold.jsonl") or name == "pairs.jsonl":
            continue
        for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
            d = json.loads(line)
            for k in ("text", "title", "url", "source", "published", "lang"):
                if k not in d:
                    err(f"{name}:{i}: missing field {k!r}")
            articles[d.get("lang")] += 1

    for gpath in sorted(glob.glob(os.path.join(HERE, "*.gold.jsonl"))):
        gname = os.path.basename(gpath)
        base = gpath[: -len(".gold.jsonl")]
        n = 0
        if os.path.exists(base + ".txt"):
            article = open(base + ".txt", encoding="utf-8").read()
            lang = lang_of(base + ".txt")
            sources = None
        elif os.path.exists(base + ".jsonl"):
            sources = [json.loads(l) for l in open(base + ".jsonl", encoding="utf-8").read().splitlines()]
        else:
            err(f"{gname}: no article next to it")
            continue
        seen = set()
        for i, line in enumerate(open(gpath, encoding="utf-8").read().splitlines(), 1):
            where = f"{gname}:{i}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{where}: bad JSON ({e})")
                continue
            if sources is not None:
                ln = g.get("line")
                if not isinstance(ln, int) or not 1 <= ln <= len(sources):
                    err(f"{where}: missing or bad 'line'")
                    continue
                article, lang = sources[ln - 1]["text"], sources[ln - 1]["lang"]
                key = (ln, g.get("start"), g.get("end"))
            else:
                key = (g.get("start"), g.get("end"))
            if key in seen:
                err(f"{where}: duplicate span")
            seen.add(key)
            if check_span(where, article, g):
                stats[lang] += 1
                kinds[lang][g["kind"]] += 1
                speaker_map[g["speaker_en"]].add(lang)
                n += 1
        per_file.append((gname, n))

    # pairs
    pairs_path = os.path.join(HERE, "pairs.jsonl")
    pair_labels, pair_langs, pair_cross = collections.Counter(), collections.Counter(), collections.Counter()
    if os.path.exists(pairs_path):
        seen_pairs = set()
        for i, line in enumerate(open(pairs_path, encoding="utf-8").read().splitlines(), 1):
            where = f"pairs.jsonl:{i}"
            try:
                p = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{where}: bad JSON ({e})")
                continue
            for k in ("a", "b", "label", "lang", "note"):
                if not isinstance(p.get(k), str) or not p[k].strip():
                    err(f"{where}: field {k!r} missing or empty")
            if p.get("label") not in LABELS:
                err(f"{where}: bad label {p.get('label')!r}")
            if p.get("lang") not in PAIR_LANGS:
                err(f"{where}: bad lang {p.get('lang')!r}")
            if (p.get("a"), p.get("b")) in seen_pairs:
                err(f"{where}: duplicate pair")
            seen_pairs.add((p.get("a"), p.get("b")))
            pair_labels[p.get("label")] += 1
            pair_langs[p.get("lang")] += 1
            pair_cross[(p.get("label"), p.get("lang"))] += 1
    else:
        err("pairs.jsonl missing")

    print("gold files:")
    for gname, n in per_file:
        print(f"  {gname:45s} {n:3d}")
    print("articles per language:", dict(articles))
    for lang in sorted(stats):
        print(f"statements [{lang}]: {stats[lang]}  " + ", ".join(f"{k}={v}" for k, v in sorted(kinds[lang].items())))
    print("statements total:", sum(stats.values()))
    print("pairs:", sum(pair_labels.values()), "by label:", dict(pair_labels), "by lang:", dict(pair_langs))
    for (lab, lg), c in sorted(pair_cross.items()):
        print(f"  {lab:14s} {lg:6s} {c}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        print(f"FAILED: {len(errors)} error(s)")
        sys.exit(1)
    print("OK: all gold spans match")


if __name__ == "__main__":
    main()
