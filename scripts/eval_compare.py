"""Measure the contradiction scorer on held-out data; prints a Markdown report for docs/compare.md.

    .venv/bin/python scripts/eval_compare.py                 # ANS dev, XNLI held-out half, corpora/pairs.jsonl
    .venv/bin/python scripts/eval_compare.py --weights W.json
    .venv/bin/python scripts/eval_compare.py --rules         # the rule fallback, no learned weights
    .venv/bin/python scripts/eval_compare.py --seed-store DB # rank of the seed story's contradictions in a store
    .venv/bin/python scripts/eval_compare.py --seed-store DB --weights W.json --dev  # the same, re-scored in memory with W
    .venv/bin/python scripts/eval_compare.py --pair-model                     # + the default pair model, alone and blended
    .venv/bin/python scripts/eval_compare.py --pair-model research
    .venv/bin/python scripts/eval_compare.py --pair-model M.safetensors --pair-weight 0.6
    .venv/bin/python scripts/eval_compare.py --nli-model PATH                 # + a user's CrossEncoder, alone and blended
    .venv/bin/python scripts/eval_compare.py --cues          # how often each cue fires, and how often rightly, on development pairs

None of these pairs is used in training (scripts/train_compare.py uses ANS train, SICK-ar train,
ArbTEDS train, the other XNLI half and training/*.jsonl; scripts/train_pair_model.py the same
kinds of data plus synthetic pairs made from training/). XNLI is reported on the items held out
by both: the classifier's premise-disjoint test half and the pair model's test part (split by
item), each item in four directions (ar, en, ar->en, en->ar). Datasets are read from
../shared/datasets; a missing dataset is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("train_compare", ROOT / "scripts" / "train_compare.py")
tc = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(tc)

from factrack.compare import RELATIONS, CueScorer  # noqa: E402
from factrack.compare import classifier as clf  # noqa: E402
from factrack.compare.nli import NLI_WEIGHT, NLIScorer, PairModelBackend, backend  # noqa: E402
from factrack.embed import BUNDLED_NAME  # noqa: E402


class CachedBackend:
    """A pair model whose outputs are kept per pair list, shared by the "alone" and "blended"
    variants: the pair model is the slowest part of the evaluation, so each list goes through it
    once. Cached arrays are read-only, so no variant can alter what another reads."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self._cache: dict = {}

    @property
    def four_way(self) -> bool:
        return self.inner.four_way

    def relation_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        key = tuple(pairs)
        probs = self._cache.get(key)
        if probs is None:
            probs = self.inner.relation_probs(pairs)
            probs.setflags(write=False)
            self._cache[key] = probs
        return probs


def f1(gold: list[bool], pred: list[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
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


def xnli_held_out() -> dict[str, list[tuple]]:
    """XNLI items that neither the classifier nor the pair model trained on, in four directions."""
    spec2 = importlib.util.spec_from_file_location("train_pair_model", ROOT / "scripts" / "train_pair_model.py")
    tp = importlib.util.module_from_spec(spec2)
    assert spec2.loader is not None
    spec2.loader.exec_module(tp)
    ar, en = tc._xnli_rows("ar"), tc._xnli_rows("en")
    test_premises = {p for p, _, _ in (x[:3] for x in tc.xnli("test")["en"])}
    items = [i for i in tp.xnli_part(len(en), "test") if en[i][0] in test_premises]
    rel = {"entailment": "agreement", "neutral": "neutral", "contradiction": "contradiction"}
    rows = {"ar": [], "en": [], "ar-en": [], "en-ar": []}
    for i in items:
        (pa, ha, label), (pe, he, _) = ar[i][:3], en[i][:3]
        if label not in rel:
            continue
        for key, (p, h) in {"ar": (pa, ha), "en": (pe, he), "ar-en": (pa, he), "en-ar": (pe, ha)}.items():
            rows[key].append((p, h, rel[label], f"xnli-{key}"))
    return rows


def eval_xnli(scorer, emb) -> list[str]:
    out = [
        "### XNLI dev, items held out from both the classifier and the pair model",
        "",
        "| pairs | n | contradiction F1 (vs rest) | 3-way accuracy | calibration error of P(contradiction) |",
        "|---|---|---|---|---|",
    ]
    three = {"contradiction": "contradiction", "agreement": "entailment", "neutral": "neutral", "unrelated": "neutral"}
    names = {"ar": "Arabic", "en": "English", "ar-en": "Arabic premise, English hypothesis",
             "en-ar": "English premise, Arabic hypothesis"}
    for key, pairs in xnli_held_out().items():
        p = probs(scorer, pairs, emb)
        pred = [RELATIONS[i] for i in p.argmax(axis=1)]
        gold = [x[2] for x in pairs]
        cf = f1([g == "contradiction" for g in gold], [q == "contradiction" for q in pred])
        acc = np.mean([three[g] == three[q] for g, q in zip(gold, pred, strict=True)])
        out.append(f"| {names[key]} | {len(pairs)} | {cf:.3f} | {acc:.1%} | {ece(p[:, 0], [g == 'contradiction' for g in gold]):.3f} |")
    return out + [""]


def eval_sick_arbteds(scorer, emb) -> list[str]:
    """SICK-ar validation (3-way) and ArbTEDS validation (entails or not): Arabic, held out."""
    out = ["### Arabic NLI validation sets", "", "| set | n | measure | value |", "|---|---|---|---|"]
    sick = tc.sick("valid")
    if sick:
        p = probs(scorer, sick, emb)
        three = {"contradiction": 0, "agreement": 1, "neutral": 2, "unrelated": 2}
        pred = [three[RELATIONS[i]] for i in p.argmax(axis=1)]
        acc = np.mean([three[x[2]] == q for x, q in zip(sick, pred, strict=True)])
        out.append(f"| SICK-ar valid | {len(sick)} | 3-way accuracy | {acc:.1%} |")
    path = tc.DATA / "arabic-nli" / "ArbTEDS" / "valid_ArbTEDS.csv"
    if path.exists():
        import csv

        with path.open(encoding="utf-8") as f:
            rows = [(r["t"].strip(), r["h"].strip(), r["label"]) for r in csv.DictReader(f)]
        p = probs(scorer, [(a, b, "x") for a, b, _ in rows], emb)
        pred = p[:, 1] > np.maximum(p[:, 0], p[:, 2])  # agreement the most likely of the three
        gold = [lab == "1" for _, _, lab in rows]
        acc = np.mean([g == q for g, q in zip(gold, pred, strict=True)])
        out.append(f"| ArbTEDS valid | {len(rows)} | entails-or-not accuracy (majority {max(np.mean(gold), 1 - np.mean(gold)):.1%}) | {acc:.1%} |")
    return out + [""]


def _grams(text: str, n: int = 5) -> set[str]:
    w = text.split()
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def near_dev(rows: list[dict]) -> list[bool]:
    """Pairs whose two sides both share five words in a row with some development pair's text.

    corpora/stories2.pairs.jsonl was written from the same batch2/heldout stories as the development
    pairs, so some of its pairs restate development pairs; its figures are also given without them.
    """
    dev = tc.read_jsonl(ROOT / "training" / "dev_pairs.jsonl")
    seen = set().union(*[_grams(r[k]) for r in dev for k in ("a", "b")])
    return [bool(_grams(r["a"]) & seen) and bool(_grams(r["b"]) & seen) for r in rows]


def eval_project_pairs(scorer, emb, path: Path = ROOT / "corpora" / "pairs.jsonl") -> list[str]:
    if not path.exists():
        return [f"### {path.relative_to(ROOT)}", "", "not found: skipped", ""]
    rows = tc.read_jsonl(path)
    out = []
    if path.name == "stories2.pairs.jsonl":
        near = near_dev(rows)
        out = eval_rows(scorer, emb, [r for r, x in zip(rows, near, strict=True) if not x],
                        f"{path.relative_to(ROOT)} without the {sum(near)} pairs close to development pairs")
    return eval_rows(scorer, emb, rows, str(path.relative_to(ROOT)), path.parent.name == "training") + out


def eval_rows(scorer, emb, rows: list[dict], name: str, dev: bool = False) -> list[str]:
    pairs = [(r["a"], r["b"], r.get("label") or r.get("relation")) for r in rows]
    va, vb = emb.embed([x[0] for x in pairs]), emb.embed([x[1] for x in pairs])
    # the verdicts' relations: what factrack reports, the figure rule included (compare.verdict)
    pred = [v.relation for v in scorer.score_pairs([(x[0], x[1]) for x in pairs], (va, vb))]
    gold = [x[2] for x in pairs]
    cf = f1([g == "contradiction" for g in gold], [q == "contradiction" for q in pred])
    conf = Counter(zip(gold, pred, strict=True))
    labels = [r for r in RELATIONS if r in set(gold) | set(pred)]
    note = "development pairs, not trained on" if dev else "never used for training or thresholds"
    langs = [r.get("lang", "?") for r in rows]
    by_lang = Counter(langs)
    per_lang = ", ".join(
        f"{k} {f1([g == 'contradiction' for g, lg in zip(gold, langs, strict=True) if lg == k], [q == 'contradiction' for q, lg in zip(pred, langs, strict=True) if lg == k]):.2f} (n={by_lang[k]})"
        for k in sorted(by_lang))
    out = [f"### {name} ({len(pairs)} pairs; {note})", "",
           *([f"Contradiction F1 by language pair: {per_lang}.", ""] if "?" not in by_lang else []),
           f"Contradiction F1: **{cf:.3f}** (target >= 0.85). 4-way accuracy: {np.mean([g == q for g, q in zip(gold, pred, strict=True)]):.1%}.",
           "", "| gold \\ predicted | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for g in labels:
        out.append(f"| {g} | " + " | ".join(str(conf[(g, q)]) for q in labels) + " |")
    return out + [""]


def cue_report() -> list[str]:
    """Each cue kind on the development data (the own training pairs and training/dev_pairs.jsonl):
    pairs it fires on and how many of them are contradictions, in one language and across two.
    A check on the cue rules, not a held-out figure: the rules were developed on these pairs."""
    from factrack.compare.cues import analyse, find_cues

    pairs = tc.handwritten() + [(d["a"], d["b"], d["label"], "dev") for d in tc.read_jsonl(ROOT / "training" / "dev_pairs.jsonl")]
    counts: Counter = Counter()
    for a, b, label, _ in pairs:
        scope = "one language" if analyse(a).lang == analyse(b).lang else "across languages"
        for kind in {c.kind for c in find_cues(a, b)}:
            counts[(kind, scope, label == "contradiction")] += 1
    out = [f"### Cues on the development pairs ({len(pairs)} pairs: training/*.jsonl incl. dev_pairs.jsonl)", "",
           "| cue | languages | fires on | of them contradictions | precision |", "|---|---|---|---|---|"]
    for kind, scope in sorted({k[:2] for k in counts}):
        hit, miss = counts[(kind, scope, True)], counts[(kind, scope, False)]
        out.append(f"| {kind} | {scope} | {hit + miss} | {hit} | {hit / max(hit + miss, 1):.2f} |")
    return out + [""]


SEED_PAIRS = {
    "timetable for withdrawal vs redefinition of missions": (("جدول زمني",), ("إعادة تحديد", "redefin")),
    "no combat mission vs capable of combat operations": (("مهمة قتالية", "combat mission"), ("قادرة على القيام بعمليات قتالية", "capable of combat")),
    "2,500 vs 3,500 troops": (("2500", "2,500", "٢٥٠٠"), ("3500", "3,500", "٣٥٠٠")),
}


def eval_seed_store(db: str, scorer=None) -> list[str]:
    """Ranks of the seed story's contradictions among the store's; with ``scorer``, the store's
    candidate pairs are re-scored in memory (nothing written) instead of read from its verdicts."""
    from factrack.compare import contradictions as contra
    from factrack.compare.contradictions import DEFAULT_MIN_STRENGTH as floor
    from factrack.store import Store

    with Store.open(db) as store:
        if scorer is None:
            found = [(c.a.text, c.b.text, c.score) for c in contra.find(store)]
        else:
            rows = contra.score_store_pairs(store, contra.candidate_pairs(store, contra.all_ids(store)), scorer)
            text = {s.id: s.text for s in store.statements(sorted({i for r in rows for i in r[:2]}))}
            found = sorted(((text[a], text[b], sc) for a, b, rel, sc, *_ in rows if rel == "contradiction"),
                           key=lambda r: -r[2])
    listed = sum(1 for *_, sc in found if sc >= floor)
    out = [f"### Seed story in `factrack contradictions` ({len(found)} contradictions, {listed} at the default --min-score {floor})", "",
           "| expected contradiction | rank | score |", "|---|---|---|"]
    for name, (left, right) in SEED_PAIRS.items():
        hit = None
        for rank, (ta, tb, score) in enumerate(found, 1):
            if (any(w in ta for w in left) and any(w in tb for w in right)) or (any(w in tb for w in left) and any(w in ta for w in right)):
                hit = (rank, score)
                break
        out.append(f"| {name} | {hit[0] if hit else 'not found'} | {f'{hit[1]:.2f}' if hit else '—'} |")
    return out + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weights", help="weights JSON (default: the shipped file)")
    ap.add_argument("--rules", action="store_true", help="evaluate the rule fallback instead of the classifier")
    ap.add_argument("--seed-store", help="a store indexed from corpora/: report the seed contradictions' ranks")
    ap.add_argument("--nli-model", help="also evaluate a CrossEncoder alone and blended with the classifier")
    ap.add_argument("--nli-weight", type=float, default=None, help="the cross-encoder's share of the vote (default: the scorer's)")
    ap.add_argument("--pair-model", nargs="?", const="default",
                    help="also evaluate a factrack pair model (a shipped one's name, research or clean; the default "
                         "one; or a file) alone and blended")
    ap.add_argument("--pair-weight", type=float, default=None, help="the pair model's share of the vote")
    ap.add_argument("--quantize", action="store_true", help="run the pair model int8-quantised")
    ap.add_argument("--val", action="store_true",
                    help="with --dev: also the validation fifth of the own pairs (only meaningful for weights trained with --part train)")
    ap.add_argument("--dev", action="store_true",
                    help="only the development pairs training/dev_pairs.jsonl (for working on the scorer; no held-out data)")
    ap.add_argument("--cues", action="store_true", help="only the cue report on the development pairs")
    ap.add_argument("--pairs-only", action="store_true", help="only the project's pair sets (no public datasets)")
    args = ap.parse_args()
    if args.cues:
        print("\n".join(cue_report()))
        return 0
    out: list[str] = []
    if args.seed_store:
        rescore = None
        if args.weights or args.rules:
            rescore = CueScorer(None, None if args.rules else clf.load(args.weights), BUNDLED_NAME)
        out += eval_seed_store(args.seed_store, rescore)
    if tc.DATA.exists() or (ROOT / "corpora" / "pairs.jsonl").exists():
        emb = tc.CachedEmbedder()
        variants = [("rules (no learned weights)", CueScorer(None, None, BUNDLED_NAME))]
        if not args.rules:
            model = clf.load(args.weights)
            variants = [("classifier, cues + e5 vectors (default)", CueScorer(None, model, BUNDLED_NAME))]
            if model.cues_only is not None:
                variants.append(("classifier, cues only (used with other embedding models)", CueScorer(None, model.cues_only, BUNDLED_NAME)))
        base = variants[0][1]
        extra = []
        if args.pair_model:
            from factrack.compare import PAIR_WEIGHT

            path = None if args.pair_model == "default" else args.pair_model
            pm = CachedBackend(PairModelBackend(path, quantize=args.quantize))
            w = args.pair_weight if args.pair_weight is not None else PAIR_WEIGHT
            extra += [(f"pair model {pm.name}{' int8' if args.quantize else ''} alone", NLIScorer(pm, base, 1.0)),
                      (f"pair model {pm.name}{' int8' if args.quantize else ''} blended with the classifier (weight {w})",
                       NLIScorer(pm, base, w))]
        if args.nli_model:
            ce = CachedBackend(backend(args.nli_model))
            w = args.nli_weight if args.nli_weight is not None else NLI_WEIGHT
            extra += [(f"cross-encoder {args.nli_model} alone", NLIScorer(ce, base, 1.0)),
                      (f"cross-encoder {args.nli_model} blended with the classifier (weight {w})", NLIScorer(ce, base, w))]
        variants = extra + variants
        for label, scorer in variants:
            out += [f"## Scorer: {label}" + (f" ({args.weights})" if args.weights else ""), ""]
            if args.dev:
                out += eval_project_pairs(scorer, emb, ROOT / "training" / "dev_pairs.jsonl")
                if args.val:
                    rows = [{"a": a, "b": b, "label": g} for a, b, g, _ in tc.handwritten(part="val")]
                    out += eval_rows(scorer, emb, rows, "validation fifth of the own pairs (training/*.jsonl)", True)
                continue
            if tc.DATA.exists() and not args.pairs_only:
                out += eval_ans(scorer, emb) + eval_xnli(scorer, emb) + eval_sick_arbteds(scorer, emb)
            elif not args.pairs_only:
                out.append(f"{tc.DATA} not found: dataset figures skipped")
            out += eval_project_pairs(scorer, emb)
            out += eval_project_pairs(scorer, emb, ROOT / "corpora" / "stories2.pairs.jsonl")
            out += eval_project_pairs(scorer, emb, ROOT / "eval" / "blind-pairs-v3.jsonl")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
