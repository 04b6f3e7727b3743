"""Shared helpers for the corpora gold files (used by make_gold.py / check_gold.py in
corpora/, corpora/batch2/ and corpora/heldout/).

Building: each gold entry is a hand-written spec (text, speaker, speaker_en, kind, cue[, occurrence]).
Offsets are never typed: `locate` finds `text` in the article with str.find and exits if a span is
missing, or occurs more than once and no occurrence index is given.

Checking: `check_span` validates one gold line against its article (keys, kinds,
article[start:end] == text, quote-mark boundaries of direct/partial spans, no trailing full stop in
indirect spans); `check_txt_folder` runs the per-article checks shared by batch2/ and heldout/.
Errors and warnings are collected in the module-level lists `errors` / `warnings`; `finish` prints
them and exits 1 on any error.

Sub-folder scripts import this module by putting the corpora folder on sys.path.
"""
import collections
import glob
import json
import os
import sys

KINDS = ("direct", "partial", "indirect")
KEYS = ("text", "start", "end", "speaker", "speaker_en", "kind", "cue")
OPEN = set('"“«„‘')
CLOSE = set('"”»“’')

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


# --- building ---------------------------------------------------------------------------------

def locate(article, spec, where):
    text, speaker, speaker_en, kind, cue = spec[:5]
    occ = spec[5] if len(spec) > 5 else None
    n = article.count(text)
    if n == 0:
        sys.exit(f"{where}: span not found: {text!r}")
    if occ is None:
        if n > 1:
            sys.exit(f"{where}: span occurs {n} times, give an occurrence index: {text!r}")
        occ = 0
    start = -1
    for _ in range(occ + 1):
        start = article.find(text, start + 1)
        if start < 0:
            sys.exit(f"{where}: occurrence {occ} not found: {text!r}")
    end = start + len(text)
    assert article[start:end] == text
    return {"text": text, "start": start, "end": end, "speaker": speaker,
            "speaker_en": speaker_en, "kind": kind, "cue": cue}


def locate_all(article, specs, where):
    """Locate every spec in one article; rows sorted by start."""
    return sorted((locate(article, s, where) for s in specs), key=lambda r: r["start"])


def gold_name(name):
    return name.rsplit(".", 1)[0] + ".gold.jsonl"


def write_gold(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def build(here, text_files, jsonl_files=None, total_label="total gold statements:"):
    """Write <name>.gold.jsonl for every article in text_files ({file.txt: specs}) and
    jsonl_files ({file.jsonl: {line number: specs}}, offsets into that line's "text" field,
    each row prefixed with "line"). Prints per-file counts and the total."""
    total = 0
    for name, specs in text_files.items():
        article = open(os.path.join(here, name), encoding="utf-8").read()
        rows = locate_all(article, specs, name)
        write_gold(os.path.join(here, gold_name(name)), rows)
        total += len(rows)
        print(f"{gold_name(name)}: {len(rows)}")
    for name, per_line in (jsonl_files or {}).items():
        lines = open(os.path.join(here, name), encoding="utf-8").read().splitlines()
        rows = []
        for lineno, specs in sorted(per_line.items()):
            article = json.loads(lines[lineno - 1])["text"]
            for r in locate_all(article, specs, f"{name}:{lineno}"):
                rows.append({"line": lineno, **r})
        write_gold(os.path.join(here, gold_name(name)), rows)
        total += len(rows)
        print(f"{gold_name(name)}: {len(rows)}")
    print(total_label, total)


# --- checking ---------------------------------------------------------------------------------

def lang_of(name):
    stem = os.path.basename(name).rsplit(".", 1)[0]
    return stem.rsplit("-", 1)[-1] if stem.rsplit("-", 1)[-1] in ("ar", "en") else None


def check_layout(name, article):
    lines = article.split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
        err(f"{name}: expected title line, blank line, body")
    return lines


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
    s, e, t = g["start"], g["end"], g["text"]
    if not (0 <= s < e <= len(article)):
        err(f"{where}: offsets out of range ({s}, {e})")
        return False
    if article[s:e] != t:
        err(f"{where}: article[{s}:{e}] = {article[s:e]!r} != text {t!r}")
        return False
    if t != t.strip():
        err(f"{where}: span has leading/trailing whitespace")
    if g["kind"] in ("direct", "partial"):
        before = article[s - 1] if s > 0 else ""
        after = article[e:e + 2]
        if before not in OPEN:
            err(f"{where}: {g['kind']} span not preceded by an opening quote mark: {before!r}")
        if not (after[:1] in CLOSE or (after[:1] in ",." and after[1:2] in CLOSE)):
            err(f"{where}: {g['kind']} span not followed by a closing quote mark: {after!r}")
        if t[-1] in ",.":
            err(f"{where}: trailing {t[-1]!r} inside the span")
    else:
        if t.endswith("."):
            err(f"{where}: indirect span ends with a full stop")
        if any(c in t for c in "«»“”„"):
            warn(f"{where}: indirect span contains quote marks")
    return True


def read_gold(gpath):
    """Yield (where, parsed line) for each line of a gold file; bad JSON is reported."""
    gname = os.path.basename(gpath)
    for i, line in enumerate(open(gpath, encoding="utf-8").read().splitlines(), 1):
        where = f"{gname}:{i}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as e:
            err(f"{where}: bad JSON ({e})")


def check_txt_folder(here, body_words=False, speaker_consistency=False, require_articles=False):
    """Per-article checks for a folder of *.txt articles with sibling *.gold.jsonl files:
    layout, -ar/-en file name, 300-500 words (warning; the body only if body_words), a gold file
    per article, every gold line through check_span; optionally one speaker_en per
    (lang, speaker). Returns (per-article list of (txt name, gold name, words, [(where, row)]),
    {lang: Counter of kinds})."""
    files, kinds = [], collections.defaultdict(collections.Counter)
    speaker_en = {}
    txts = sorted(glob.glob(os.path.join(here, "*.txt")))
    if require_articles and not txts:
        err("no articles found")
    for path in txts:
        name = os.path.basename(path)
        article = open(path, encoding="utf-8").read()
        lines = check_layout(name, article)
        if body_words:
            words = len("\n".join(lines[2:]).split())
            if not 300 <= words <= 500:
                warn(f"{name}: body has {words} words (expected 300-500)")
        lang = lang_of(name)
        if lang is None:
            err(f"{name}: file name must end in -ar or -en")
        if not body_words:
            words = len(article.split())
            if not 300 <= words <= 500:
                warn(f"{name}: {words} words (expected 300-500)")
        gpath = path[:-4] + ".gold.jsonl"
        if not os.path.exists(gpath):
            err(f"{name}: no gold file")
            continue
        rows = []
        for where, g in read_gold(gpath):
            if check_span(where, article, g):
                rows.append((where, g))
                kinds[lang][g["kind"]] += 1
                if speaker_consistency:
                    prev = speaker_en.setdefault((lang, g["speaker"]), g["speaker_en"])
                    if prev != g["speaker_en"]:
                        err(f"{where}: speaker {g['speaker']!r} has two speaker_en values")
        files.append((name, os.path.basename(gpath), words, rows))
    return files, kinds


def kind_counts_line(lang, c, fixed_order=False):
    parts = [f"{k}={c[k]}" for k in KINDS] if fixed_order else [f"{k}={v}" for k, v in sorted(c.items())]
    return f"statements [{lang}]: {sum(c.values())}  " + ", ".join(parts)


def finish(ok_msg="OK: all gold spans match"):
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        print(f"FAILED: {len(errors)} error(s)")
        sys.exit(1)
    print(ok_msg)
