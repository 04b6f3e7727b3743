"""Measure the contradiction scorer on held-out data; prints a Markdown report for docs/compare.md.

    .venv/bin/python scripts/eval_compare.py                 # ANS dev, XNLI held-out half, corpora/pairs.jsonl
    .venv/bin/python scripts/eval_compare.py --weights W.json
    .venv/bin/python scripts/eval_compare.py --rules         # the rule fallback, no learned weights
    .venv/bin/python scripts/eval_compare.py --seed-store DB # rank of the seed story's contradictions in a store

None of these pairs is used in training (scripts/train_compare.py uses ANS train, SICK-ar train,
ArbTEDS train, the other XNLI half and training/pairs.jsonl). Datasets are read from
../shared/datasets; a missing dataset is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("train_compare", ROOT / "scripts" / "train_compare.py")
tc = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(tc)

from factrack.compare import RELATIONS, CueScorer  # noqa: E402
from factrack.compare import classifier as clf  # noqa: E402
from factrack.embed import BUNDLED_NAME  # noqa: E402


def f1(gold: list[bool], pred: list[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def probs(scorer: CueScorer, pairs: list[tuple], emb) -> np.ndarray:
    va = emb.embed([p[0] for p in pairs])
    vb = emb.embed([p[1] for p in pairs])
    return scorer.probabilities([(p[0], p[1]) for p in pairs], (va, vb))[1]


def ece(p: np.ndarray, gold: list[bool], bins: int = 10) -> float:
    """Expected calibration error: mean |predicted probability - observed rate| over 10 bins."""
    g = np.asarray(gold, dtype=float)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[idx == b].mean() - g[idx == b].mean()) * np.sum(idx == b) for b in range(bins) if np.any(idx == b)) / len(p))


def eval_ans(scorer, emb) -> list[str]:
    pairs = [p for p in tc.ans("dev") if p[2] != "neutral"]  # agree vs disagree; `other` dropped
    p = probs(scorer, pairs, emb)
    gold = [x[2] == "contradiction" for x in pairs]
    pred = list(p[:, 0] > p[:, 1])  # the more probable of contradiction and agreement
    f_dis, f_agr = f1(gold, pred), f1([not g for g in gold], [not q for q in pred])
    base = f1(gold, [True] * len(gold))
    return [
        f"### ANS stance dev (Arabic), agree vs disagree ({len(pairs)} pairs: {sum(gold)} disagree, {len(gold) - sum(gold)} agree)",
        "",
        "| metric | factrack | always 'disagree' |",
        "|---|---|---|",
        f"| macro-F1 | {(f_dis + f_agr) / 2:.3f} | {base / 2:.3f} |",
        f"| F1 disagree | {f_dis:.3f} | {base:.3f} |",
        f"| F1 agree | {f_agr:.3f} | 0.000 |",
        "",
        "Decision: disagree when P(contradiction) > P(agreement).",
        "",
    ]


def eval_xnli(scorer, emb) -> list[str]:
    out = [
        "### XNLI dev, held-out half (premise-disjoint from the training half)",
        "",
        "| pairs | n | contradiction F1 (vs rest) | 3-way accuracy | calibration error of P(contradiction) |",
        "|---|---|---|---|---|",
    ]
    three = {"contradiction": "contradiction", "agreement": "entailment", "neutral": "neutral", "unrelated": "neutral"}
    for key, pairs in tc.xnli("test").items():
        p = probs(scorer, pairs, emb)
        pred = [RELATIONS[i] for i in p.argmax(axis=1)]
        gold = [x[2] for x in pairs]
        cf = f1([g == "contradiction" for g in gold], [q == "contradiction" for q in pred])
        acc = np.mean([three[g] == three[q] for g, q in zip(gold, pred)])
        label = {"ar": "Arabic", "en": "English", "ar-en": "Arabic premise, English hypothesis"}[key]
        out.append(f"| {label} | {len(pairs)} | {cf:.3f} | {acc:.1%} | {ece(p[:, 0], [g == 'contradiction' for g in gold]):.3f} |")
    return out + [""]


def eval_project_pairs(scorer, emb, path: Path = ROOT / "corpora" / "pairs.jsonl") -> list[str]:
    if not path.exists():
        return [f"### {path.relative_to(ROOT)}", "", "not found: skipped", ""]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(r["a"], r["b"], r.get("label") or r.get("relation")) for r in rows]
    p = probs(scorer, pairs, emb)
    pred = [RELATIONS[i] for i in p.argmax(axis=1)]
    gold = [x[2] for x in pairs]
    cf = f1([g == "contradiction" for g in gold], [q == "contradiction" for q in pred])
    conf = Counter(zip(gold, pred))
    labels = [r for r in RELATIONS if r in set(gold) | set(pred)]
    note = "never used for training or thresholds" if path.name == "pairs.jsonl" else "development pairs, not trained on"
    out = [f"### {path.relative_to(ROOT)} ({len(pairs)} pairs; {note})", "",
           f"Contradiction F1: **{cf:.3f}** (target >= 0.85). 4-way accuracy: {np.mean([g == q for g, q in zip(gold, pred)]):.1%}.",
           "", "| gold \\ predicted | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for g in labels:
        out.append(f"| {g} | " + " | ".join(str(conf[(g, q)]) for q in labels) + " |")
    return out + [""]


SEED_PAIRS = {
    "timetable for withdrawal vs redefinition of missions": (("جدول زمني",), ("إعادة تحديد", "redefin")),
    "no combat mission vs capable of combat operations": (("مهمة قتالية", "combat mission"), ("قادرة على القيام بعمليات قتالية", "capable of combat")),
    "2,500 vs 3,500 troops": (("2500", "2,500", "٢٥٠٠"), ("3500", "3,500", "٣٥٠٠")),
}


def eval_seed_store(db: str) -> list[str]:
    from factrack.compare import contradictions as contra
    from factrack.store import Store

    with Store.open(db) as store:
        found = contra.find(store)
    out = [f"### Seed story in `factrack contradictions` ({len(found)} contradictions listed)", "",
           "| expected contradiction | rank | score |", "|---|---|---|"]
    for name, (left, right) in SEED_PAIRS.items():
        hit = None
        for rank, c in enumerate(found, 1):
            ta, tb = c.a.text, c.b.text
            if (any(w in ta for w in left) and any(w in tb for w in right)) or (any(w in tb for w in left) and any(w in ta for w in right)):
                hit = (rank, c.score)
                break
        out.append(f"| {name} | {hit[0] if hit else 'not found'} | {f'{hit[1]:.2f}' if hit else '—'} |")
    return out + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weights", help="weights JSON (default: the shipped file)")
    ap.add_argument("--rules", action="store_true", help="evaluate the rule fallback instead of the classifier")
    ap.add_argument("--seed-store", help="a store indexed from corpora/: report the seed contradictions' ranks")
    ap.add_argument("--dev", action="store_true",
                    help="only the development pairs training/dev_pairs.jsonl (for working on the scorer; no held-out data)")
    args = ap.parse_args()
    out: list[str] = []
    if args.seed_store:
        out += eval_seed_store(args.seed_store)
    if tc.DATA.exists() or (ROOT / "corpora" / "pairs.jsonl").exists():
        emb = tc.CachedEmbedder()
        variants = [("rules (no learned weights)", CueScorer(None, None, BUNDLED_NAME))]
        if not args.rules:
            model = clf.load(args.weights)
            variants = [("classifier, cues + e5 vectors (default)", CueScorer(None, model, BUNDLED_NAME))]
            if model.cues_only is not None:
                variants.append(("classifier, cues only (used with other embedding models)", CueScorer(None, model.cues_only, BUNDLED_NAME)))
        for label, scorer in variants:
            out += [f"## Scorer: {label}" + (f" ({args.weights})" if args.weights else ""), ""]
            if args.dev:
                out += eval_project_pairs(scorer, emb, ROOT / "training" / "dev_pairs.jsonl")
                continue
            if tc.DATA.exists():
                out += eval_ans(scorer, emb) + eval_xnli(scorer, emb)
            else:
                out.append(f"{tc.DATA} not found: dataset figures skipped")
            out += eval_project_pairs(scorer, emb)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
