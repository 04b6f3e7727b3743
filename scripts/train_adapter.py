"""Fine-tune the bundled e5 as a pair cross-encoder (LoRA) and write an adapter file.

The base model stays frozen; only rank-r updates of every linear layer of the encoder and a new
classification head (contradiction, agreement, neutral, unrelated) are trained, on CPU, and only
those are saved (factrack/compare/adapter.py explains the file and how it is merged at first
use). Use it with `factrack compare A B --nli-model FILE.safetensors`. None ships: measured in
docs/compare.md, it did not beat the feature classifier.

Data: the TRAIN splits of scripts/train_compare.py (read from ../shared/datasets, never copied),
chosen with --sources; the project's own pairs in training/ (except dev_pairs.jsonl) always.
Each pair is also seen with its sides swapped half the time: the relations are symmetric.
training/dev_pairs.jsonl is reported after every epoch (development only; never trained on).

    .venv/bin/python scripts/train_adapter.py --part train --epochs 3 --out pair-adapter.safetensors
    .venv/bin/python scripts/train_adapter.py --sources ans,xnli --init A.safetensors --out B.safetensors  # research-only data
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("train_compare", ROOT / "scripts" / "train_compare.py")
tc = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(tc)

from factrack.compare import adapter as adapter_file  # noqa: E402

LABELS = list(tc.RELATIONS)  # contradiction, agreement, neutral, unrelated
TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")
log = tc.log


def select_pairs(sources: set[str], cap: int, rng: np.random.Generator, own: str | None = None,
                 part: str = "all") -> list[tc.Pair]:
    """Training pairs from the chosen sources, each dataset capped at ``cap`` pairs (seeded)."""
    def capped(rows: list[tc.Pair]) -> list[tc.Pair]:
        if len(rows) <= cap:
            return rows
        return [rows[i] for i in sorted(rng.choice(len(rows), size=cap, replace=False))]

    out: list[tc.Pair] = []
    if "ans" in sources:
        rows = tc.ans("train")
        out += capped(rows) + tc.unrelated(rows, 300, rng, "unrelated-ans")
    if "xnli" in sources:
        for key, rows in tc.xnli("train").items():
            out += capped(rows) + tc.unrelated(rows, 200, rng, f"unrelated-xnli-{key}")
    if "sick" in sources:
        out += capped(tc.sick("train"))
    out += tc.handwritten(own, part)
    return out


def lora_model(base: Path, rank: int, alpha: float):
    """BertForSequenceClassification on the e5 weights, frozen, with LoRA on every encoder linear."""
    import torch
    from torch import nn
    from transformers import AutoModelForSequenceClassification

    class LoRALinear(nn.Module):
        def __init__(self, inner: nn.Linear):
            super().__init__()
            self.inner = inner
            self.lora_A = nn.Parameter(torch.empty(rank, inner.in_features))
            self.lora_B = nn.Parameter(torch.zeros(inner.out_features, rank))
            nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))

        def forward(self, x):
            return self.inner(x) + (x @ self.lora_A.T @ self.lora_B.T) * (alpha / rank)

    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={n: i for i, n in enumerate(LABELS)})
    for p in model.parameters():
        p.requires_grad = False
    for layer in model.bert.encoder.layer:
        for target in TARGETS:
            *path, last = target.split(".")
            parent = layer
            for step in path:
                parent = getattr(parent, step)
            setattr(parent, last, LoRALinear(getattr(parent, last)))
    for p in list(model.bert.pooler.parameters()) + list(model.classifier.parameters()):
        p.requires_grad = True
    return model


def adapter_tensors(model) -> dict[str, np.ndarray]:
    out = {}
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        key = name.removeprefix("bert.").replace(".inner", "")
        out[key] = p.detach().cpu().numpy()
    return out


def batches(n: int, lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches of similar length (less padding), in random order."""
    order = np.argsort(lengths + rng.random(n) * 8, kind="stable")
    chunks = [order[i : i + size] for i in range(0, n, size)]
    rng.shuffle(chunks)
    return chunks


def predict(model, tok, pairs: list[tuple[str, str]], max_length: int) -> np.ndarray:
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(pairs), 32):
            chunk = pairs[s : s + 32]
            enc = tok([a for a, _ in chunk], [b for _, b in chunk], return_tensors="pt", padding=True,
                      truncation=True, max_length=max_length)
            out.append(torch.softmax(model(**enc).logits, dim=-1).numpy())
    model.train()
    return np.vstack(out) if out else np.zeros((0, len(LABELS)))


def report(label: str, probs: np.ndarray, gold: list[str]) -> str:
    pred = [LABELS[i] for i in probs.argmax(axis=1)]
    tp = sum(g == p == "contradiction" for g, p in zip(gold, pred))
    f1 = 2 * tp / max(sum(g == "contradiction" for g in gold) + sum(p == "contradiction" for p in pred), 1)
    acc = np.mean([g == p for g, p in zip(gold, pred)])
    return f"{label}: contradiction F1 {f1:.3f}, 4-way accuracy {acc:.3f} ({len(gold)} pairs)"


def labelled_pairs(path: Path) -> list[tuple[str, str, str]]:
    return [(r["a"], r["b"], r["label"]) for r in tc.read_jsonl(path)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="the adapter file to write (.safetensors)")
    ap.add_argument("--sources", default="ans",
                    help="datasets besides training/: ans, xnli, sick (comma-separated; only ans allows shipping the result)")
    ap.add_argument("--cap", type=int, default=1500, help="at most this many pairs from each dataset split")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=16.0)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--domain-weight", type=float, default=3.0, help="loss weight of the project's own pairs")
    ap.add_argument("--own", default=None, help="glob of the own pairs in training/ (default: all but dev_pairs.jsonl)")
    ap.add_argument("--part", default="all", choices=("all", "train"),
                    help="train: keep the validation fifth of the own pairs out (reported after each epoch)")
    ap.add_argument("--init", type=Path, help="start from this adapter (continue training)")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: all CPUs)")
    args = ap.parse_args()
    if not tc.DATA.exists():
        log(f"skip: {tc.DATA} not found")
        return 0
    import torch
    from transformers import AutoTokenizer

    from factrack.embed.models import bundled_folder, quiet_loading

    quiet_loading()
    torch.manual_seed(tc.SEED)
    if args.threads:
        torch.set_num_threads(args.threads)
    rng = np.random.default_rng(tc.SEED)
    pairs = select_pairs(set(args.sources.split(",")), args.cap, rng, args.own, args.part)
    log(f"{len(pairs)} training pairs: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(p[3] for p in pairs).items())))
    base = bundled_folder()
    tok = AutoTokenizer.from_pretrained(str(base))
    model = lora_model(base, args.rank, args.alpha)
    if args.init:
        start, _ = adapter_file.read(args.init)
        with torch.no_grad():
            for name, p in model.named_parameters():
                key = name.removeprefix("bert.").replace(".inner", "")
                if p.requires_grad:
                    p.copy_(torch.from_numpy(start[key]))
        log(f"started from {args.init}")
    trainable = [p for p in model.parameters() if p.requires_grad]
    log(f"trainable parameters: {sum(p.numel() for p in trainable):,}")
    y = torch.tensor([LABELS.index(p[2]) for p in pairs])
    w = tc.sample_weights(pairs, args.domain_weight)
    w = torch.tensor(w / w.mean(), dtype=torch.float32)
    lengths = np.array([len(p[0]) + len(p[1]) for p in pairs])
    steps = args.epochs * math.ceil(len(pairs) / args.batch)
    opt = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    dev = labelled_pairs(ROOT / "training" / "dev_pairs.jsonl")
    val = tc.handwritten(args.own, "val") if args.part == "train" else []
    model.train()
    step, t0 = 0, time.time()
    for epoch in range(args.epochs):
        for idx in batches(len(pairs), lengths, args.batch, rng):
            a, b = [pairs[i][0] for i in idx], [pairs[i][1] for i in idx]
            swap = rng.random(len(idx)) < 0.5
            left = [bb if s else aa for aa, bb, s in zip(a, b, swap)]
            right = [aa if s else bb for aa, bb, s in zip(a, b, swap)]
            enc = tok(left, right, return_tensors="pt", padding=True, truncation=True, max_length=args.max_length)
            logits = model(**enc).logits
            loss = (torch.nn.functional.cross_entropy(logits, y[idx], reduction="none") * w[idx]).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 25 == 0:
                log(f"step {step}/{steps} loss {loss.item():.3f} ({time.time() - t0:.0f}s)")
        probs = predict(model, tok, [(a, b) for a, b, _ in dev], args.max_length)
        log(report(f"epoch {epoch + 1}, training/dev_pairs.jsonl", probs, [g for _, _, g in dev]))
        if val:
            probs = predict(model, tok, [(a, b) for a, b, _, _ in val], args.max_length)
            log(report(f"epoch {epoch + 1}, validation fifth of the own pairs", probs, [p[2] for p in val]))
    tensors = adapter_tensors(model)
    adapter_file.save(args.out, tensors, LABELS, args.alpha / args.rank, args.max_length)
    log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {time.time() - t0:.0f}s)")
    # the shipped form must give the trained model's outputs: build the CrossEncoder and compare
    import tempfile

    from sentence_transformers import CrossEncoder

    with tempfile.TemporaryDirectory() as tmp:
        folder = adapter_file.build(base, args.out, Path(tmp) / "ce")
        ce = CrossEncoder(str(folder), local_files_only=True)
        check = [(a, b) for a, b, _ in dev[:16]]
        mine = predict(model, tok, check, args.max_length)
        theirs = ce.predict(check, apply_softmax=True, show_progress_bar=False)
        log(f"built CrossEncoder vs trained model, max |dp| on 16 dev pairs: {np.abs(mine - theirs).max():.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
