"""Check the held-out gold annotations in corpora/heldout/.

For every *.txt: title line, blank line, body; 300-500 words (warning otherwise); a sibling
*.gold.jsonl must exist. For every gold line: keys text/start/end/speaker/speaker_en/kind/cue,
kind in direct|partial|indirect, article[start:end] == text (article read with
open(path, encoding="utf-8").read()), direct/partial spans sit right inside quote marks (a
trailing comma or full stop inside the closing mark is left out), indirect spans do not end
with a full stop, lines are in order of start, spans do not overlap, and one speaker has one
speaker_en. Prints counts per file, language and kind; exits 1 on any error.

Run:  python3 corpora/heldout/check_gold.py
"""
import collections
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("direct", "partial", "indirect")
KEYS = ("text", "start", "end", "speaker", "speaker_en", "kind", "cue")
OPEN = set('"“«„‘')
CLOSE = set('"”»“’')

errors, warnings = [], []


def lang_of(name):
    tail = os.path.basename(name).split(".")[0].rsplit("-", 1)[-1]
    return tail if tail in ("ar", "en") else None


def check_line(where, article, g):
    for k in KEYS:
        if k not in g:
            errors.append(f"{where}: missing key {k!r}")
            return False
    if not isinstance(g["start"], int) or not isinstance(g["end"], int):
        errors.append(f"{where}: start/end must be ints")
        return False
    for k in ("text", "speaker", "speaker_en", "cue"):
        if not isinstance(g[k], str) or not g[k].strip():
            errors.append(f"{where}: {k} must be a non-empty string")
    if g["kind"] not in KINDS:
        errors.append(f"{where}: bad kind {g['kind']!r}")
    s, e, t = g["start"], g["end"], g["text"]
    if not (0 <= s < e <= len(article)):
        errors.append(f"{where}: offsets out of range ({s}, {e})")
        return False
    if article[s:e] != t:
        errors.append(f"{where}: article[{s}:{e}] = {article[s:e]!r} != text {t!r}")
        return False
    if t != t.strip():
        errors.append(f"{where}: span has leading/trailing whitespace")
    if g["kind"] in ("direct", "partial"):
        before = article[s - 1] if s > 0 else ""
        after = article[e:e + 2]
        if before not in OPEN:
            errors.append(f"{where}: {g['kind']} span not preceded by an opening quote mark: {before!r}")
        if not (after[:1] in CLOSE or (after[:1] in ",." and after[1:2] in CLOSE)):
            errors.append(f"{where}: {g['kind']} span not followed by a closing quote mark: {after!r}")
        if t[-1] in ",.":
            errors.append(f"{where}: trailing {t[-1]!r} inside the span")
    else:
        if t.endswith("."):
            errors.append(f"{where}: indirect span ends with a full stop")
        if any(c in t for c in "«»“”„"):
            warnings.append(f"{where}: indirect span contains quote marks")
    return True


def main():
    per_file, stats = [], collections.defaultdict(collections.Counter)
    speaker_en = {}
    txts = sorted(glob.glob(os.path.join(HERE, "*.txt")))
    if not txts:
        errors.append("no articles found")
    for path in txts:
        name = os.path.basename(path)
        article = open(path, encoding="utf-8").read()
        lines = article.split("\n")
        if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
            errors.append(f"{name}: expected title line, blank line, body")
        lang = lang_of(name)
        if lang is None:
            errors.append(f"{name}: file name must end in -ar or -en")
        words = len(article.split())
        if not 300 <= words <= 500:
            warnings.append(f"{name}: {words} words (expected 300-500)")
        gpath = path[: -len(".txt")] + ".gold.jsonl"
        if not os.path.exists(gpath):
            errors.append(f"{name}: no gold file")
            continue
        rows = []
        for i, line in enumerate(open(gpath, encoding="utf-8").read().splitlines(), 1):
            where = f"{os.path.basename(gpath)}:{i}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: bad JSON ({exc})")
                continue
            if check_line(where, article, g):
                rows.append((where, g))
                stats[lang][g["kind"]] += 1
                prev = speaker_en.setdefault((lang, g["speaker"]), g["speaker_en"])
                if prev != g["speaker_en"]:
                    errors.append(f"{where}: speaker {g['speaker']!r} has two speaker_en values")
        for (w1, a), (w2, b) in zip(rows, rows[1:]):
            if b["start"] < a["start"]:
                errors.append(f"{w2}: lines not in order of start")
            if b["start"] < a["end"]:
                errors.append(f"{w2}: span overlaps {w1}")
        per_file.append((os.path.basename(gpath), len(rows), words))
    for gpath in sorted(glob.glob(os.path.join(HERE, "*.gold.jsonl"))):
        if not os.path.exists(gpath[: -len(".gold.jsonl")] + ".txt"):
            errors.append(f"{os.path.basename(gpath)}: no article next to it")

    print("gold files (statements, words):")
    for name, n, words in per_file:
        print(f"  {name:45s} {n:3d} {words:4d}")
    for lang in sorted(stats):
        c = stats[lang]
        print(f"statements [{lang}]: {sum(c.values())}  " + ", ".join(f"{k}={c[k]}" for k in KINDS))
    print("statements total:", sum(sum(c.values()) for c in stats.values()))
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
