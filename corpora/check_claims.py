#!/usr/bin/env python3
"""Validate corpora/claims.labels.jsonl and corpora/claims-index.labels.jsonl.

claims.labels.jsonl: one line per gold statement of every top-level span-gold file
(`X.gold.jsonl` next to an article `X.txt`, or `wire-briefs.gold.jsonl` next to
`wire-briefs.jsonl`), with file/start/end/(line)/text copied from the gold line and a
kebab-case `claim` id.  claims-index.labels.jsonl: one line per claim id with gloss_en,
statements (count) and contradicts (claim ids, symmetric).

Prints counts; exits 1 on any error.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CLAIMS = os.path.join(HERE, "claims.labels.jsonl")
INDEX = os.path.join(HERE, "claims-index.labels.jsonl")
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

errors = []


def err(msg):
    errors.append(msg)


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                err(f"{os.path.basename(path)}:{n}: blank line")
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                err(f"{os.path.basename(path)}:{n}: bad JSON ({e})")
    return rows


def span_gold_files():
    """Top-level span-gold files: those with an article beside them."""
    out = []
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".gold.jsonl") or name == "claims.labels.jsonl":
            continue
        stem = name[: -len(".gold.jsonl")]
        if os.path.isfile(os.path.join(HERE, stem + ".txt")):
            out.append((name, "txt"))
        elif os.path.isfile(os.path.join(HERE, stem + ".jsonl")):
            out.append((name, "jsonl"))
    return out


def main():
    # ---- gold statements, keyed by (file, line, start, end) ----
    gold = {}          # key -> text
    lang_of = {}       # key -> "ar" / "en"
    for name, kind in span_gold_files():
        stem = name[: -len(".gold.jsonl")]
        if kind == "txt":
            article = open(os.path.join(HERE, stem + ".txt"), encoding="utf-8").read()
            lang = stem.rsplit("-", 1)[-1]
            if lang not in ("ar", "en"):
                err(f"{name}: cannot tell language from file name")
        else:
            lines = [json.loads(l) for l in open(os.path.join(HERE, stem + ".jsonl"), encoding="utf-8")]
        for n, g in read_jsonl(os.path.join(HERE, name)):
            line = g.get("line")
            if kind == "txt":
                src, lg = article, lang
            else:
                if not isinstance(line, int) or not 1 <= line <= len(lines):
                    err(f"{name}:{n}: bad line {line!r}")
                    continue
                src, lg = lines[line - 1]["text"], lines[line - 1]["lang"]
            key = (name, line, g["start"], g["end"])
            if key in gold:
                err(f"{name}:{n}: duplicate gold span {key}")
            if src[g["start"]:g["end"]] != g["text"]:
                err(f"{name}:{n}: gold text does not match its article slice")
            gold[key] = g["text"]
            lang_of[key] = lg
    if not gold:
        err("no span-gold files found")

    # ---- claims.labels.jsonl ----
    seen = set()
    by_claim = defaultdict(list)
    for n, r in read_jsonl(CLAIMS):
        where = f"claims.labels.jsonl:{n}"
        need = {"file", "start", "end", "text", "claim"}
        if r.get("file") == "wire-briefs.gold.jsonl":
            need.add("line")
        if set(r) != need:
            err(f"{where}: fields {sorted(r)} != {sorted(need)}")
        key = (r.get("file"), r.get("line"), r.get("start"), r.get("end"))
        if key not in gold:
            err(f"{where}: no such gold statement {key}")
            continue
        if key in seen:
            err(f"{where}: gold statement covered twice {key}")
        seen.add(key)
        if r.get("text") != gold[key]:
            err(f"{where}: text differs from the gold line")
        cid = r.get("claim")
        if not isinstance(cid, str) or not ID_RE.fullmatch(cid):
            err(f"{where}: claim id {cid!r} is not kebab-case")
            continue
        by_claim[cid].append(key)
    for key in sorted(set(gold) - seen, key=str):
        err(f"gold statement not covered: {key}")

    # ---- claims-index.labels.jsonl ----
    index = {}
    for n, r in read_jsonl(INDEX):
        where = f"claims-index.labels.jsonl:{n}"
        if set(r) != {"claim", "gloss_en", "statements", "contradicts"}:
            err(f"{where}: fields {sorted(r)}")
            continue
        cid = r["claim"]
        if cid in index:
            err(f"{where}: claim {cid} listed twice")
        index[cid] = r
        if not isinstance(r["gloss_en"], str) or not r["gloss_en"].strip():
            err(f"{where}: empty gloss_en")
        if r["statements"] != len(by_claim.get(cid, [])):
            err(f"{where}: statements={r['statements']} but {len(by_claim.get(cid, []))} in claims.labels.jsonl")
        if not isinstance(r["contradicts"], list) or len(set(r["contradicts"])) != len(r["contradicts"]):
            err(f"{where}: contradicts must be a list without repeats")
    for cid in by_claim:
        if cid not in index:
            err(f"claim {cid} missing from claims-index.labels.jsonl")
    pairs = set()
    for cid, r in index.items():
        if cid not in by_claim:
            err(f"index claim {cid} has no statement")
        for other in r["contradicts"] if isinstance(r["contradicts"], list) else []:
            if other == cid:
                err(f"{cid} contradicts itself")
            elif other not in index:
                err(f"{cid} contradicts unknown claim {other}")
            elif cid not in index[other]["contradicts"]:
                err(f"{cid} -> {other} contradiction is not symmetric")
            else:
                pairs.add(tuple(sorted((cid, other))))

    # ---- counts ----
    sizes = Counter({c: len(v) for c, v in by_claim.items()})
    both = [c for c, v in by_claim.items() if {lang_of[k] for k in v} == {"ar", "en"}]
    multi_file = [c for c, v in by_claim.items() if len({k[0] for k in v}) > 1]
    print(f"statements:                      {sum(sizes.values())} (gold {len(gold)})")
    print(f"claims:                          {len(by_claim)}")
    print(f"claims with >=2 statements:      {sum(1 for s in sizes.values() if s >= 2)}")
    print(f"claims spanning several files:   {len(multi_file)}")
    print(f"claims spanning both languages:  {len(both)}")
    print(f"conflicting claim pairs:         {len(pairs)}")
    print("largest claims: " + ", ".join(f"{c} ({s})" for c, s in sizes.most_common(3)))
    if errors:
        for e in errors[:50]:
            print("ERROR:", e, file=sys.stderr)
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
