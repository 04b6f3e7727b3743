"""Check the held-out gold files in this folder.

Reuses the span checks of corpora/check_gold.py (keys, kinds, article[start:end] == text,
quote-mark boundaries of direct/partial spans, no trailing full stop in indirect spans), and adds:
article layout (title, blank line, body; 300-500 words), one gold file per article, gold lines
sorted by start, no duplicate or overlapping spans. Prints counts; exits 1 on any error.

Run:  python3 corpora/batch2/check_gold.py
"""
import collections
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import check_gold as cg  # noqa: E402


def main():
    kinds = collections.defaultdict(collections.Counter)
    for path in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
        name = os.path.basename(path)
        article = open(path, encoding="utf-8").read()
        lines = article.split("\n")
        if not lines[0].strip() or len(lines) < 3 or lines[1].strip():
            cg.err(f"{name}: expected title line, blank line, body")
        body_words = len("\n".join(lines[2:]).split())
        if not 300 <= body_words <= 500:
            cg.warn(f"{name}: body has {body_words} words (expected 300-500)")
        lang = cg.lang_of(name)
        if lang is None:
            cg.err(f"{name}: file name must end in -ar or -en")
        gpath = path[:-4] + ".gold.jsonl"
        if not os.path.exists(gpath):
            cg.err(f"{name}: no gold file")
            continue
        rows = []
        for i, line in enumerate(open(gpath, encoding="utf-8").read().splitlines(), 1):
            where = f"{os.path.basename(gpath)}:{i}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                cg.err(f"{where}: bad JSON ({e})")
                continue
            if cg.check_span(where, article, g):
                rows.append(g)
                kinds[lang][g["kind"]] += 1
        starts = [g["start"] for g in rows]
        if starts != sorted(starts):
            cg.err(f"{name}: gold lines not sorted by start")
        for a, b in zip(rows, rows[1:]):
            if b["start"] < a["end"]:
                cg.err(f"{name}: overlapping spans {a['text'][:30]!r} / {b['text'][:30]!r}")
        print(f"  {name:36s} words={body_words:3d} gold={len(rows):3d}")
    for lang in sorted(kinds):
        c = kinds[lang]
        print(f"statements [{lang}]: {sum(c.values())}  " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    print("statements total:", sum(sum(c.values()) for c in kinds.values()))
    for w in cg.warnings:
        print("WARNING:", w)
    for e in cg.errors:
        print("ERROR:", e)
    if cg.errors:
        print(f"FAILED: {len(cg.errors)} error(s)")
        sys.exit(1)
    print("OK: all held-out gold spans match")


if __name__ == "__main__":
    main()
