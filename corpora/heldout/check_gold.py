"""Check the held-out gold annotations in corpora/heldout/.

For every *.txt: title line, blank line, body; 300-500 words (warning otherwise); a sibling
*.gold.jsonl must exist. For every gold line: keys text/start/end/speaker/speaker_en/kind/cue,
kind in direct|partial|indirect, article[start:end] == text (article read with
open(path, encoding="utf-8").read()), direct/partial spans sit right inside quote marks (a
trailing comma or full stop inside the closing mark is left out), indirect spans do not end
with a full stop, lines are in order of start, spans do not overlap, and one speaker has one
speaker_en. The shared checks live in corpora/goldtools.py; ordering, overlap and orphan-gold
checks are added here. Prints counts per file, language and kind; exits 1 on any error.

Run:  python3 corpora/heldout/check_gold.py
"""
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools as gt  # noqa: E402


def main():
    files, stats = gt.check_txt_folder(HERE, speaker_consistency=True, require_articles=True)
    per_file = []
    for _name, gname, words, rows in files:
        for (w1, a), (w2, b) in zip(rows, rows[1:], strict=False):
            if b["start"] < a["start"]:
                gt.err(f"{w2}: lines not in order of start")
            if b["start"] < a["end"]:
                gt.err(f"{w2}: span overlaps {w1}")
        per_file.append((gname, len(rows), words))
    for gpath in sorted(glob.glob(os.path.join(HERE, "*.gold.jsonl"))):
        if not os.path.exists(gpath[: -len(".gold.jsonl")] + ".txt"):
            gt.err(f"{os.path.basename(gpath)}: no article next to it")

    print("gold files (statements, words):")
    for name, n, words in per_file:
        print(f"  {name:45s} {n:3d} {words:4d}")
    for lang in sorted(stats):
        print(gt.kind_counts_line(lang, stats[lang], fixed_order=True))
    print("statements total:", sum(sum(c.values()) for c in stats.values()))
    gt.finish("OK: all gold spans match")


if __name__ == "__main__":
    main()
