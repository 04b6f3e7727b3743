"""Measure the claim grouping against hand-labelled claims; prints a Markdown report for docs/claims.md.

Two labelled sets:
  dev    corpora/claims.labels.jsonl: the top-level corpora/ gold statements grouped into claims by
         a reader who never saw the grouping code (thresholds are chosen on it: --grid)
  blind  corpora/claims/*.gold.jsonl: twelve articles on four stories written and labelled blind
         for this measurement (claim ids, polarity, negation); the judge was never tuned on it
  blind2 corpora/claims2/*.gold.jsonl: nine more articles on three other stories, written the same
         way by another writer; never tuned on either

The gold statements (their texts, offsets and languages; polarity and negation from the gold
where it has them, corpora/stance.labels.jsonl for the dev set) are put into a fresh store with the
bundled e5 vectors, article by article, and grouped by ``factrack.claims.assign``: the code path
of ``factrack index``, on statements whose extraction is not in question. Reported: pairwise
precision, recall and F1 of "same claim" over all statement pairs (and for pairs across
languages), and how often the stance of two members of one gold claim (same / opposed) is right.

    .venv/bin/python scripts/eval_claims.py                 # every set, shipped judge
    .venv/bin/python scripts/eval_claims.py --set dev --grid
    .venv/bin/python scripts/eval_claims.py --same 0.93 --cross 0.9
    .venv/bin/python scripts/eval_claims.py --set dev --learned --pair-model M.safetensors
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("train_compare", ROOT / "scripts" / "train_compare.py")
tc = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(tc)

from factrack import claims as cl  # noqa: E402
from factrack.embed import BUNDLED_NAME  # noqa: E402
from factrack.ingest import KNOWN_SUFFIXES, file_of, read_articles  # noqa: E402
from factrack.records import Article, Kind, Polarity, Statement  # noqa: E402
from factrack.store import Store  # noqa: E402

DEV = ROOT / "corpora" / "claims.labels.jsonl"
STANCE = ROOT / "corpora" / "stance.labels.jsonl"
BLIND = ROOT / "corpora" / "claims"
BLIND2 = ROOT / "corpora" / "claims2"


@dataclass(frozen=True)
class GoldStatement:
    article: Article
    statement: Statement
    claim: str
    against: bool | None  # gold stance toward the proposition: denies XOR negated; None for questions


def _article_for(gold_file: Path) -> Path | None:
    stem = gold_file.name[: -len(".gold.jsonl")]
    return next((p for p in (gold_file.with_name(stem + s) for s in sorted(KNOWN_SUFFIXES)) if p.is_file()), None)


def _articles(path: Path) -> dict[tuple[str, int | None], Article]:
    """Articles by (resolved file, JSONL line): what a label row points at (docs key lines by id)."""
    return {(file_of(a.doc), a.line): a for a in read_articles([path]) if isinstance(a, Article)}


def _statement(article: Article, row: dict, lang: str) -> Statement:
    polarity = Polarity(row.get("polarity") or "asserts")
    kind = Kind(row["kind"]) if row.get("kind") in {k.value for k in Kind} else Kind.INDIRECT
    return Statement(doc=article.doc, text=row["text"], start=row["start"], end=row["end"], kind=kind, lang=lang,
                     speaker=row.get("speaker_en") or row.get("speaker"), polarity=polarity,
                     negated=bool(row.get("negated", False)))


def _against(row: dict) -> bool | None:
    if row.get("polarity") == "questions":
        return None
    if "polarity" not in row:
        return None
    return (row["polarity"] == "denies") != bool(row.get("negated", False))


def load_blind(folder: Path = BLIND) -> list[GoldStatement]:
    out = []
    for gold_file in sorted(folder.glob("*.gold.jsonl")):
        path = _article_for(gold_file)
        if path is None:
            continue
        article = next(iter(_articles(path).values()))
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                lang = "ar" if path.stem.endswith("-ar") else "en"
                claim = row.get("claim") or f"only:{gold_file.name}:{row['start']}"  # unlabelled: a claim of its own
                out.append(GoldStatement(article, _statement(article, row, lang), claim, _against(row)))
    return out


def load_dev(path: Path = DEV, stance_path: Path = STANCE) -> list[GoldStatement]:
    stance: dict[tuple, dict] = {}
    if stance_path.exists():
        for line in stance_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                stance[(Path(d["file"]).name, d["start"], d["end"], d.get("line"))] = d
    gold_rows: dict[tuple, dict] = {}
    for gold_file in sorted((ROOT / "corpora").glob("*.gold.jsonl")):
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                gold_rows[(gold_file.name, d["start"], d["end"], d.get("line"))] = d
    out = []
    cache: dict[Path, dict[tuple[str, int | None], Article]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        key = (Path(d["file"]).name, d["start"], d["end"], d.get("line"))
        gold_file = ROOT / "corpora" / key[0]
        art_path = _article_for(gold_file)
        if art_path is None or key not in gold_rows:
            continue
        arts = cache.setdefault(art_path, _articles(art_path))
        doc = (os.path.realpath(art_path), d.get("line") or None)
        article = arts.get(doc) or next(iter(arts.values()))
        row = {**gold_rows[key], **{k: v for k, v in stance.get(key, {}).items() if k in ("polarity", "negated")}}
        lang = article.lang if article.lang in ("ar", "en") else ("ar" if art_path.stem.endswith("-ar") else "en")
        out.append(GoldStatement(article, _statement(article, row, lang), d["claim"], _against(row)))
    return out


def group(gold: list[GoldStatement], judge: cl.SameClaimJudge, emb) -> tuple[list[int], list[str]]:
    """Predicted claim id and stance for every gold statement, through a fresh store."""
    vecs = emb.embed([g.statement.text for g in gold])
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g.article.doc].append(i)
    with tempfile.TemporaryDirectory() as tmp, Store.open(tmp, write=True) as store:
        store.set_model(BUNDLED_NAME, vecs.shape[1])
        order: list[int] = []
        ids: list[int] = []
        for rows in by_doc.values():
            new, _ = store.put_article(gold[rows[0]].article, [gold[i].statement for i in rows], vecs[rows])
            order += rows
            ids += new
        store.flush()
        cl.assign(store, judge)
        claim_of = store.claim_of(ids)
        claims = cl.load_claims(store, sorted(set(claim_of.values())))
        stance_of = {m.statement.id: m.stance for c in claims for m in c.members}
    pred_claim = [0] * len(gold)
    pred_stance = [""] * len(gold)
    for i, sid in zip(order, ids, strict=True):
        pred_claim[i] = claim_of[sid]
        pred_stance[i] = stance_of.get(sid, "")
    return pred_claim, pred_stance


def pairwise(gold: list[GoldStatement], pred: list[int], only=None) -> dict[str, float]:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        if only is not None and not only(gold[i], gold[j]):
            continue
        g, p = gold[i].claim == gold[j].claim, pred[i] == pred[j]
        tp += g and p
        fp += p and not g
        fn += g and not p
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "gold_pairs": tp + fn, "predicted_pairs": tp + fp}


def stance_agreement(gold: list[GoldStatement], pred_claim: list[int], pred_stance: list[str]) -> tuple[int, int]:
    """Of the pairs in one gold claim that were also grouped together, with gold stances on both
    sides: how many got "same side" / "opposed sides" right."""
    right = total = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        gi, gj = gold[i], gold[j]
        if gi.claim != gj.claim or pred_claim[i] != pred_claim[j] or gi.against is None or gj.against is None:
            continue
        if "questions" in (pred_stance[i], pred_stance[j]):
            total += 1
            continue
        total += 1
        right += (gi.against != gj.against) == (pred_stance[i] != pred_stance[j])
    return right, total


def report(name: str, gold: list[GoldStatement], judge: cl.SameClaimJudge, emb) -> list[str]:
    pred, stance = group(gold, judge, emb)
    every = pairwise(gold, pred)
    cross = pairwise(gold, pred, lambda a, b: a.statement.lang != b.statement.lang)
    same = pairwise(gold, pred, lambda a, b: a.statement.lang == b.statement.lang)
    right, total = stance_agreement(gold, pred, stance)
    n_claims = len({g.claim for g in gold})
    multi = sum(1 for c, n in _counts(gold).items() if n > 1)
    out = [f"### {name}: {len(gold)} statements, {n_claims} gold claims ({multi} with two or more statements), "
           f"{len(set(pred))} predicted", "",
           "| pairs | gold same-claim pairs | predicted | precision | recall | F1 |", "|---|---|---|---|---|---|"]
    for label, f in (("all", every), ("one language", same), ("across languages", cross)):
        out.append(f"| {label} | {f['gold_pairs']} | {f['predicted_pairs']} | {f['precision']:.3f} | {f['recall']:.3f} | **{f['f1']:.3f}** |")
    out += ["", f"Stance of two members of one gold claim grouped together (same side or opposed): "
                f"{right} of {total} right" + (f" ({right / total:.1%})" if total else "") + ".", ""]
    return out


def _counts(gold: list[GoldStatement]) -> dict[str, int]:
    c: dict[str, int] = defaultdict(int)
    for g in gold:
        c[g.claim] += 1
    return c


def grid(gold: list[GoldStatement], emb) -> list[str]:
    rows = []
    for same, cross, margin, overlap, short, speaker in itertools.product(
            (0.93, 0.94, 0.95, 0.96), (0.85, 0.86, 0.87, 0.88), (0.02, 0.04, 0.06), (0.0, 0.1), (0.94,),
            (0.0, 0.02, 0.04)):
        judge = cl.SameClaimJudge(same_language=same, cross_language=cross, label_margin=margin, min_overlap=overlap,
                                  short_similarity=short, same_speaker=speaker)
        f = pairwise(gold, group(gold, judge, emb)[0])
        rows.append((f["f1"], f["precision"], f["recall"], same, cross, margin, overlap, short, speaker))
    rows.sort(reverse=True)
    out = ["| F1 | precision | recall | same-language | cross-language | label margin | min overlap | short | same speaker |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows[:15]:
        out.append("| " + " | ".join(f"{x:.3f}" if isinstance(x, float) else str(x) for x in r) + " |")
    return out + [""]


def learned(gold: list[GoldStatement], emb, pair_model: str | None = None) -> list[str]:
    """Designs tried for the judge beyond thresholds: a logistic regression over pair features,
    5-fold cross-validated on the set's candidate pairs (cosine >= 0.85), best F1 over its
    probability threshold, recall counted over every gold same-claim pair."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from factrack.compare import get_scorer
    from factrack.compare.cues import analyse, negation_cues

    vecs = emb.embed([g.statement.text for g in gold])
    idx = [(i, j) for i, j in itertools.combinations(range(len(gold)), 2) if float(vecs[i] @ vecs[j]) >= 0.85]
    total = sum(gold[i].claim == gold[j].claim for i, j in itertools.combinations(range(len(gold)), 2))
    y = np.array([gold[i].claim == gold[j].claim for i, j in idx])
    sim = np.array([float(vecs[i] @ vecs[j]) for i, j in idx])
    cross = np.array([gold[i].statement.lang != gold[j].statement.lang for i, j in idx], float)
    speaker = np.array([bool(gold[i].statement.speaker) and gold[i].statement.speaker == gold[j].statement.speaker
                        for i, j in idx], float)
    pairs = [(gold[i].statement.text, gold[j].statement.text) for i, j in idx]
    features = {"e5 cosine, language pair, same speaker": np.c_[sim, cross, sim * cross, speaker]}
    _, p = get_scorer(None, model_name=BUNDLED_NAME, pair_model="none").probabilities(
        pairs, (vecs[[i for i, _ in idx]], vecs[[j for _, j in idx]]))
    neg = np.array([bool(negation_cues(analyse(a), analyse(b))) for a, b in pairs], float)
    features["+ the cue classifier's four probabilities, negation flip"] = np.c_[features["e5 cosine, language pair, same speaker"], p, neg]
    if pair_model:
        from factrack.compare.pairmodel import PairModel

        pm = PairModel(pair_model)
        fwd, back = pm.probs(pairs), pm.probs([(b, a) for a, b in pairs])
        ent = pm.labels.index("entailment")
        features["+ the pair model's entailment both ways"] = np.c_[
            features["e5 cosine, language pair, same speaker"], fwd[:, ent], back[:, ent], np.minimum(fwd[:, ent], back[:, ent])]
    out = [f"Candidate pairs (cosine >= 0.85): {len(y)}, {int(y.sum())} of the {total} gold same-claim pairs.", "",
           "| features | F1 | precision | recall |", "|---|---|---|---|"]
    for name, x in features.items():
        prob = cross_val_predict(LogisticRegression(max_iter=3000, class_weight="balanced"), x, y, cv=5,
                                 method="predict_proba")[:, 1]
        best = max(((2 * tp / (pr + total) if pr + total else 0.0, tp / max(pr, 1), tp / total)
                    for t in np.arange(0.3, 0.99, 0.02)
                    for pr, tp in [(int((prob >= t).sum()), int(((prob >= t) & y).sum()))]), key=lambda r: r[0])
        out.append(f"| {name} | {best[0]:.3f} | {best[1]:.3f} | {best[2]:.3f} |")
    return out + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("dev", "blind", "blind2", "all"), default="all")
    ap.add_argument("--grid", action="store_true", help="search the judge's thresholds on the chosen set")
    ap.add_argument("--same", type=float, help="same-language threshold (default: the shipped one)")
    ap.add_argument("--cross", type=float, help="cross-language threshold")
    ap.add_argument("--learned", action="store_true", help="cross-validated learned judges on the chosen set")
    ap.add_argument("--pair-model", help="with --learned: also the pair model's entailment (a .safetensors file)")
    args = ap.parse_args()
    judge = cl.SameClaimJudge()
    if args.same is not None:
        judge = replace(judge, same_language=args.same)
    if args.cross is not None:
        judge = replace(judge, cross_language=args.cross)
    emb = tc.CachedEmbedder()
    sets = {"dev": (DEV, load_dev), "blind": (BLIND, load_blind), "blind2": (BLIND2, lambda: load_blind(BLIND2))}
    chosen = list(sets) if args.set == "all" else [args.set]
    out = [f"Judge: same-language {judge.same_language}, cross-language {judge.cross_language}, label margin "
           f"{judge.label_margin}, short fragments (< {judge.short_words} content words) {judge.short_similarity}, "
           f"min overlap {judge.min_overlap}.", ""]
    for name in chosen:
        path, load = sets[name]
        if not path.exists():
            out += [f"### {name}: {path.relative_to(ROOT)} not found, skipped", ""]
            continue
        gold = load()
        if args.learned:
            out += [f"### {name}: learned judges", ""] + learned(gold, emb, args.pair_model)
        else:
            out += grid(gold, emb) if args.grid else report(f"{name} ({path.relative_to(ROOT)})", gold, judge, emb)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
