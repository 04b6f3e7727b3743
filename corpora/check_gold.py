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

import goldtools

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = {"iraq-combat-mission-ar.txt"}
LABELS = {"contradiction", "agreement", "neutral", "unrelated"}
PAIR_LANGS = {"ar", "en", "ar-en"}

err, warn, lang_of, check_span = goldtools.err, goldtools.warn, goldtools.lang_of, goldtools.check_span


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
        goldtools.check_layout(name, text)
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
        if name.endswith((".gold.jsonl", ".labels.jsonl")) or name.endswith("pairs.jsonl"):
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
        for where, g in goldtools.read_gold(gpath):
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

    # pairs: pairs.jsonl (top-level stories) and *.pairs.jsonl (stories2.pairs.jsonl: batch2/heldout stories)
    pair_labels, pair_langs, pair_cross = collections.Counter(), collections.Counter(), collections.Counter()
    pair_files = [os.path.join(HERE, "pairs.jsonl")] + sorted(glob.glob(os.path.join(HERE, "*.pairs.jsonl")))
    for pairs_path in pair_files:
        fname = os.path.basename(pairs_path)
        if not os.path.exists(pairs_path):
            err(f"{fname} missing")
            continue
        seen_pairs = set()
        for i, line in enumerate(open(pairs_path, encoding="utf-8").read().splitlines(), 1):
            where = f"{fname}:{i}"
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

    print("gold files:")
    for gname, n in per_file:
        print(f"  {gname:45s} {n:3d}")
    print("articles per language:", dict(articles))
    for lang in sorted(stats):
        print(goldtools.kind_counts_line(lang, kinds[lang]))
    print("statements total:", sum(stats.values()))
    print("pairs (all pair files):", sum(pair_labels.values()), "by label:", dict(pair_labels), "by lang:", dict(pair_langs))
    for (lab, lg), c in sorted(pair_cross.items()):
        print(f"  {lab:14s} {lg:6s} {c}")
    goldtools.finish("OK: all gold spans match")

if __name__ == "__main__":
    main()
