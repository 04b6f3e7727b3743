"""Measure the speaker's stance (polarity) against gold labels; prints a Markdown table for docs/claims.md.

Gold: every ``*.gold.jsonl`` line that carries a ``polarity`` (corpora/claims/ and corpora/claims2/,
each written and labelled blind; claims/ was then used to develop the stance rules, claims2/ was
not), and the older gold statements with the labels of ``corpora/stance.labels.jsonl`` (read by
someone who never saw the code; almost all assert). Each article is extracted; a predicted
statement matches a gold one as in scripts/eval_extract.py (overlap of half the shorter span, one to
one). Reported per set and language: precision and recall of ``denies`` and ``questions`` over
the gold statements (a gold denial that extraction missed counts against recall), and of the
``negated`` flag on matched statements.

    .venv/bin/python scripts/eval_stance.py [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("eval_extract", ROOT / "scripts" / "eval_extract.py")
ee = importlib.util.module_from_spec(spec)
assert spec.loader is not None
sys.modules["eval_extract"] = ee
spec.loader.exec_module(ee)

from factrack.extract import extract  # noqa: E402
from factrack.ingest import read_articles  # noqa: E402
from factrack.records import Article  # noqa: E402

STANCE = ROOT / "corpora" / "stance.labels.jsonl"
SET_NAMES = {"claims": "claims (blind at first contact, then developed on)", "claims2": "claims2 (blind)"}
KINDS = ("denies", "questions")


def _labels() -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    if STANCE.exists():
        for line in STANCE.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out[(d["file"], d["start"], d["end"], d.get("line"))] = d
    return out


def gold_sets(corpora: Path = ROOT / "corpora") -> dict[str, list[tuple[Path, ee.GoldKey, list[tuple[ee.Gold, dict]]]]]:
    """set name -> [(article path, doc, [(gold span, its stance row)])]."""
    labels = _labels()
    sets: dict[str, list] = defaultdict(list)
    for gold_file in sorted(corpora.rglob("*.gold.jsonl")):
        stem = gold_file.name[: -len(".gold.jsonl")]
        article = next((a for a in (gold_file.with_name(stem + s) for s in sorted(ee.KNOWN_SUFFIXES)) if a.is_file()), None)
        if article is None:
            continue
        rel = gold_file.relative_to(corpora).as_posix()
        by_doc: dict[str, list] = defaultdict(list)
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            stance = row if "polarity" in row else labels.get((rel, row["start"], row["end"], row.get("line")))
            if stance is None:
                continue
            doc = ee.gold_key(article, row.get("line"))
            gold = ee.Gold(((row["start"], row["end"]),), row["kind"], (), text=row["text"])
            by_doc[doc].append((gold, {"polarity": stance["polarity"], "negated": bool(stance.get("negated"))}))
        top = rel.split("/")[0] if "/" in rel else ""
        name = SET_NAMES.get(top, "corpora (stance labels)")
        for doc, golds in by_doc.items():
            sets[name].append((article, doc, golds))
    return sets


def measure() -> dict[str, dict]:
    results: dict[str, dict] = {}
    for name, items in gold_sets().items():
        counts: dict[str, Counter] = defaultdict(Counter)
        for article_path, doc, golds in items:
            art = next((a for a in read_articles([article_path]) if isinstance(a, Article) and ee.article_key(a) == doc), None)
            if art is None:
                continue
            preds = [s for s in extract(art) if str(s.kind) != "claim"]
            lang = art.lang or "?"
            c = counts[lang]
            matched = {id(g): p for p, g in ee.match(preds, [g for g, _ in golds])}
            for gold, stance in golds:
                p = matched.get(id(gold))
                for kind in KINDS:
                    is_gold = stance["polarity"] == kind
                    is_pred = p is not None and str(p.polarity) == kind
                    c[f"{kind}_gold"] += is_gold
                    c[f"{kind}_tp"] += is_gold and is_pred
                if p is not None:
                    c["matched"] += 1
                    c["negated_gold"] += stance["negated"]
                    c["negated_pred"] += p.negated
                    c["negated_tp"] += stance["negated"] and p.negated
                c["gold"] += 1
            for p in preds:
                for kind in KINDS:
                    c[f"{kind}_pred"] += str(p.polarity) == kind
                # a predicted denial counts as right only when it matched a gold denial (above)
        results[name] = {lang: dict(c) for lang, c in counts.items()}
    return results


def _pr(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else float("nan")
    r = tp / gold if gold else float("nan")
    return f"{p:.2f} ({tp}/{pred}) | {r:.2f} ({tp}/{gold})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = measure()
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    out = ["| set | lang | statements (matched) | denies P | denies R | questions P | questions R | negated P | negated R |",
           "|---|---|---|---|---|---|---|---|---|"]
    for name, by_lang in results.items():
        for lang, c in sorted(by_lang.items()):
            out.append(f"| {name} | {lang} | {c.get('gold', 0)} ({c.get('matched', 0)}) | "
                       + " | ".join(_pr(c.get(f"{k}_tp", 0), c.get(f"{k}_pred", 0), c.get(f"{k}_gold", 0))
                                    for k in ("denies", "questions", "negated")) + " |")
    out += ["", "Precision counts every predicted statement of that polarity (a denial found where the gold has "
            "no statement counts as wrong); recall counts every gold statement (one extraction missed counts as "
            "missed). Negated: over matched statements only."]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
