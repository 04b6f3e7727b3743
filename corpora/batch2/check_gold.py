"""Check the held-out gold files in this folder.

Uses the shared checks of corpora/goldtools.py (keys, kinds, article[start:end] == text,
quote-mark boundaries of direct/partial spans, no trailing full stop in indirect spans,
article layout (title, blank line, body; body of 300-500 words), one gold file per article),
and adds here: gold lines sorted by start, no overlapping spans. Prints counts; exits 1 on any error.

Run:  python3 corpora/batch2/check_gold.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools as gt  # noqa: E402


def main():
    files, kinds = gt.check_txt_folder(HERE, body_words=True)
    for name, _gname, words, pairs in files:
        rows = [g for _, g in pairs]
        starts = [g["start"] for g in rows]
        if starts != sorted(starts):
            gt.err(f"{name}: gold lines not sorted by start")
        for a, b in zip(rows, rows[1:], strict=False):
            if b["start"] < a["end"]:
                gt.err(f"{name}: overlapping spans {a['text'][:30]!r} / {b['text'][:30]!r}")
        print(f"  {name:36s} words={words:3d} gold={len(rows):3d}")
    for lang in sorted(kinds):
        print(gt.kind_counts_line(lang, kinds[lang]))
    print("statements total:", sum(sum(c.values()) for c in kinds.values()))
    gt.finish("OK: all batch2 gold spans match")


if __name__ == "__main__":
    main()
