"""Train factrack's pair model: the bundled e5 as a 3-way cross-encoder (contradiction, entailment, neutral).

The word embeddings and the lower ``12 - T`` layers stay frozen, so their output for every
training pair is computed once and cached (fp16, in the work folder); each epoch then runs only
the top ``T`` layers and the mean-pooled head, forward and backward. That is what makes several
epochs affordable on two CPU cores (docs/compare.md gives the times).

Data, read from ../shared/datasets (never copied into the repository), TRAIN parts only:
  research (default): XNLI dev in 15 languages, the 60% of its items in the training part, each
      item in 8 language views (en, ar, ar->en, en->ar and 4 random combinations); SNLI dev and
      test subsets; SICK-ar train; ANS stance train; ArbTEDS train (entailing pairs); the
      hand-written pairs in training/ (dev_pairs.jsonl excluded); the synthetic domain pairs of
      scripts/make_domain_pairs.py.
  clean (--sources clean): only what allows commercial use: ANS, SNLI, training/, synthetic.
Held out: XNLI items of the validation (10%, used to pick the epoch together with
training/dev_pairs.jsonl) and test (30%, reported by scripts/eval_compare.py) parts, ANS dev,
SICK-ar valid, ArbTEDS valid and every pair file in corpora/ and eval/.

    .venv/bin/python scripts/train_pair_model.py                       # writes factrack/data/compare/pair-model-v1.safetensors
    .venv/bin/python scripts/train_pair_model.py --sources clean --out /tmp/clean.safetensors
    .venv/bin/python scripts/train_pair_model.py --limit 64 --epochs 1 --trained-layers 1 --out /tmp/t.safetensors  # smoke run

On a GPU machine the same command runs there (use `--cpu` to stay on the CPU); the CPU path is
the reference and what trained the shipped weights.

Resumable: the work folder (``--work``, default ~/.cache/factrack/pair-model/<run key>) keeps
the cached hidden states in finished chunks and a checkpoint every ``--checkpoint-every`` steps
(written atomically); run the same command again and it continues where it stopped. Deterministic
given ``--seed`` and the thread count (both logged). Progress goes to stderr and
``<work>/log.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets"
OUT = ROOT / "factrack" / "data" / "compare" / "pair-model-v1.safetensors"
LABELS = ("contradiction", "entailment", "neutral")
XNLI_LANGS = ("ar", "bg", "de", "el", "en", "es", "fr", "hi", "ru", "sw", "th", "tr", "ur", "vi", "zh")
XNLI_PARTS = {"train": 0.6, "val": 0.1, "test": 0.3}  # of the 2,490 items, by item (line), seeded
Row = tuple[str, str, str, str]  # premise, hypothesis, label, source

csv.field_size_limit(10**7)
sys.path.insert(0, str(ROOT / "scripts"))


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S ") + msg, file=sys.stderr, flush=True)


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ data
def xnli_items(data: Path = DATA) -> dict[str, list[tuple[str, str, str]]]:
    """XNLI dev per language: the same 2,490 items, line-aligned."""
    out = {}
    for code in XNLI_LANGS:
        path = data / "nli" / "xnli-dev-15" / f"dev-{code}.tsv"
        if path.exists():
            with path.open(encoding="utf-8") as f:
                out[code] = [tuple(line.rstrip("\n").split("\t")[:3]) for line in f if line.strip()]
    return out  # type: ignore[return-value]


def xnli_part(n_items: int, part: str, seed: int = 0) -> list[int]:
    """Item numbers of one part (train / val / test), split by item so no item crosses parts."""
    order = np.random.default_rng(seed).permutation(n_items)
    cut1 = int(n_items * XNLI_PARTS["train"])
    cut2 = cut1 + int(n_items * XNLI_PARTS["val"])
    chosen = {"train": order[:cut1], "val": order[cut1:cut2], "test": order[cut2:]}[part]
    return sorted(int(i) for i in chosen)


def xnli_rows(part: str, views: list[tuple[str, str]] | None = None, *, random_views: int = 0,
              seed: int = 0, data: Path = DATA) -> list[Row]:
    """XNLI rows of one part: each item in the given (premise, hypothesis) language views, plus
    ``random_views`` random language combinations per item."""
    items = xnli_items(data)
    if "en" not in items:
        return []
    rng = random.Random(seed)
    langs = sorted(items)
    out: list[Row] = []
    for i in xnli_part(len(items["en"]), part, seed):
        chosen = list(views or [])
        for _ in range(random_views):
            chosen.append((rng.choice(langs), rng.choice(langs)))
        for pl, hl in dict.fromkeys(chosen):
            if pl in items and hl in items:
                p, _, label = items[pl][i]
                h = items[hl][i][1]
                out.append((p, h, label, f"xnli-{part}-{pl}-{hl}"))
    return out


def snli(data: Path = DATA) -> list[Row]:
    out = []
    for split in ("dev", "test"):
        path = data / "nli" / "snli-subsets" / f"{split}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                d = json.loads(line)
                if d.get("gold_label") in LABELS:
                    out.append((d["sentence1"], d["sentence2"], d["gold_label"], "snli"))
    return out


def _to_nli(rows, source: str) -> list[Row]:
    rel = {"contradiction": "contradiction", "agreement": "entailment", "neutral": "neutral", "unrelated": "neutral"}
    return [(a, b, rel[label], source) for a, b, label, *_ in rows if label in rel]


def assemble(sources: str, seed: int, data: Path = DATA) -> list[Row]:
    """The training rows of a recipe, in a fixed order."""
    tc = _script("train_compare")
    tc.DATA = data
    dp = _script("make_domain_pairs")
    dp.DATA = data
    rows: list[Row] = []
    have = data.exists()
    if sources == "research" and have:
        views = [("en", "en"), ("ar", "ar"), ("ar", "en"), ("en", "ar")]
        rows += xnli_rows("train", views, random_views=4, seed=seed, data=data)
        sick = _to_nli(tc.sick("train"), "sick-ar")
        rows += random.Random(seed).sample(sick, min(len(sick), 2500))
        rows += _to_nli(tc.arbteds("train"), "arbteds")
    if have:
        rows += snli(data)
        rows += _to_nli(tc.ans("train"), "ans")
    own = _to_nli(tc.handwritten(), "own")
    rows += own + own  # the project's own news pairs count twice
    rows += [(d["a"], d["b"], d["label"], "synthetic-" + d["type"]) for d in dp.generate(seed)]
    return rows


def validation_rows(seed: int, data: Path = DATA) -> dict[str, list[Row]]:
    tc = _script("train_compare")
    views = [("en", "en"), ("ar", "ar"), ("ar", "en"), ("en", "ar")]
    out = {"xnli-val": xnli_rows("val", views, seed=seed, data=data)}
    dev = ROOT / "training" / "dev_pairs.jsonl"
    out["dev-pairs"] = _to_nli([(d["a"], d["b"], d["label"]) for d in tc.read_jsonl(dev)], "dev")
    return {k: v for k, v in out.items() if v}


# ------------------------------------------------------------------ training
def atomic_save(obj, path: Path) -> None:
    import torch

    tmp = path.with_name(path.name + ".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def cache_hidden(model, ids: list[list[int]], upto: int, work: Path, chunk: int = 512) -> list[np.ndarray]:
    """Hidden states entering layer ``upto`` for every pair (fp16, one array per pair), cached in
    finished chunk files so that an interrupted run keeps what it computed."""
    import torch

    from factrack.compare.pairmodel import pad

    cdir = work / f"hidden-{upto}"
    cdir.mkdir(parents=True, exist_ok=True)
    out: list[np.ndarray] = []
    n_chunks = (len(ids) + chunk - 1) // chunk
    t0 = time.time()
    for c in range(n_chunks):
        path = cdir / f"{c:05d}.npz"
        rows = ids[c * chunk : (c + 1) * chunk]
        if not path.exists():
            parts: list[np.ndarray] = [np.zeros(0)] * len(rows)
            order = np.argsort([len(r) for r in rows], kind="stable")
            with torch.inference_mode():
                for s in range(0, len(order), 64):
                    sel = order[s : s + 64]
                    batch, mask = pad([rows[i] for i in sel])
                    dev = next(model.parameters()).device
                    m = torch.from_numpy(mask).to(dev)
                    h = model.hidden(model.embed(torch.from_numpy(batch).to(dev)), m, 0, upto)
                    h = h.float().cpu().numpy().astype(np.float16)
                    for j, i in enumerate(sel):
                        parts[i] = h[j, : len(rows[i])]
            tmp = path.with_name(path.name + ".tmp.npz")
            np.savez(tmp, lengths=np.array([len(p) for p in parts]), data=np.concatenate(parts))
            os.replace(tmp, path)
            done = (c + 1) * chunk
            rate = done / max(time.time() - t0, 1e-9)
            log(f"cached hidden states {min(done, len(ids))}/{len(ids)} ({rate:.0f} pairs/s)")
        with np.load(path) as z:
            data, lengths = z["data"], z["lengths"]
        offs = np.concatenate([[0], np.cumsum(lengths)])
        out += [data[offs[i] : offs[i + 1]] for i in range(len(lengths))]
    return out


def batches(lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Index batches of similar length (less padding), in random order."""
    noisy = lengths + rng.uniform(0, 4, len(lengths))
    order = np.argsort(noisy, kind="stable")
    out = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(out)
    return out


def evaluate(model, ids: list[list[int]], gold: list[int], batch_size: int = 64) -> tuple[float, float, np.ndarray]:
    """(accuracy, contradiction F1, probabilities) of the whole model on tokenised pairs."""
    import torch

    from factrack.compare.pairmodel import pad

    model.eval()
    probs = np.zeros((len(ids), len(LABELS)))
    order = np.argsort([len(x) for x in ids], kind="stable")
    with torch.inference_mode():
        for s in range(0, len(order), batch_size):
            sel = order[s : s + batch_size]
            b, m = pad([ids[i] for i in sel])
            dev = next(model.parameters()).device
            logits = model(torch.from_numpy(b).to(dev), torch.from_numpy(m).to(dev))
            probs[sel] = torch.softmax(logits.float(), -1).cpu().numpy()
    pred = probs.argmax(1)
    g = np.asarray(gold)
    tp = np.sum((pred == 0) & (g == 0))
    f1 = 2 * tp / max(np.sum(pred == 0) + np.sum(g == 0), 1)
    return float(np.mean(pred == g)), float(f1), probs


def run_key(args: argparse.Namespace) -> str:
    keys = ("sources", "seed", "layers", "trained_layers", "max_length", "limit", "epochs", "lr", "head_lr", "batch")
    return hashlib.sha1(json.dumps({k: getattr(args, k) for k in keys}, sort_keys=True).encode()).hexdigest()[:10]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--work", type=Path, default=None, help="work folder (caches, checkpoints, log)")
    ap.add_argument("--sources", choices=("research", "clean"), default="research")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--layers", type=int, default=12, help="e5 layers the model keeps (fewer read faster)")
    ap.add_argument("--trained-layers", type=int, default=4, help="top layers trained (the others frozen)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N rows only (smoke runs, tests)")
    ap.add_argument("--val-limit", type=int, default=0, help="validate on the first N pairs of each set only")
    ap.add_argument("--checkpoint-every", type=int, default=200)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (default: factrack's choice)")
    ap.add_argument("--cpu", action="store_true", help="stay on the CPU even when a GPU is there")
    ap.add_argument("--stop-after", type=int, default=0, help="stop (checkpointed) after this many steps: tests resuming")
    args = ap.parse_args()

    import torch

    from factrack.compare import pairmodel as pm
    from factrack.embed.models import bundled_folder, cpu_threads

    threads = args.threads or cpu_threads()
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    work = args.work or Path.home() / ".cache" / "factrack" / "pair-model" / run_key(args)
    work.mkdir(parents=True, exist_ok=True)
    logfile = (work / "log.jsonl").open("a", encoding="utf-8")

    def record(**fields) -> None:
        logfile.write(json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%S"), **fields}) + "\n")
        logfile.flush()

    rows = assemble(args.sources, args.seed, args.data)
    rng0 = random.Random(args.seed)
    rng0.shuffle(rows)
    if args.limit:
        rows = rows[: args.limit]
    if not rows:
        log("no training data found")
        return 2
    counts = Counter(r[3].split("-")[0] for r in rows)
    log(f"{len(rows)} training pairs ({dict(counts)}); labels {dict(Counter(r[2] for r in rows))}; "
        f"threads {threads}; work {work}")
    record(event="start", pairs=len(rows), sources=dict(counts), args={k: str(v) for k, v in vars(args).items()},
           threads=threads)

    base = bundled_folder()
    tok = pm.tokenizer(base)
    model = pm.new_classifier(base, len(LABELS), args.layers)
    # a GPU when there is one (the same command, faster); the CPU path is the reference
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    model.to(device)
    first = args.layers - args.trained_layers
    ids = pm.encode_pairs(tok, [(a, b) for a, b, _, _ in rows], args.max_length)
    gold = np.array([LABELS.index(r[2]) for r in rows])
    model.eval()  # the frozen layers run without dropout, once
    hidden = cache_hidden(model, ids, first, work)
    lengths = np.array([len(x) for x in ids])

    for p in model.parameters():
        p.requires_grad_(False)
    trained = [p for layer in model.layers[first:] for p in layer.parameters()]
    for p in trained + list(model.head.parameters()):
        p.requires_grad_(True)
    opt = torch.optim.AdamW([{"params": trained, "lr": args.lr},
                             {"params": list(model.head.parameters()), "lr": args.head_lr}], weight_decay=0.01)
    steps_per_epoch = (len(rows) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (total - s) / max(total - warmup, 1)))

    val = {k: (pm.encode_pairs(tok, [(a, b) for a, b, _, _ in v], args.max_length), [LABELS.index(r[2]) for r in v])
           for k, v in validation_rows(args.seed, args.data).items()}
    if args.val_limit:
        val = {k: (ids_[: args.val_limit], gold_[: args.val_limit]) for k, (ids_, gold_) in val.items()}
    ckpt = work / "checkpoint.pt"
    state = {"epoch": 0, "step": 0, "history": [], "best": None}
    if ckpt.exists():
        saved = torch.load(ckpt, weights_only=False, map_location=device)
        model.load_state_dict(saved["model"], strict=False)
        opt.load_state_dict(saved["opt"])
        sched.load_state_dict(saved["sched"])
        torch.set_rng_state(saved["rng"].cpu())
        state = saved["state"]
        log(f"resumed at epoch {state['epoch'] + 1}, step {state['step']}")

    def save_checkpoint() -> None:
        keep = {k: v for k, v in model.state_dict().items()
                if k.startswith(tuple(f"layers.{i}." for i in range(first, args.layers)) + ("head.",))}
        atomic_save({"model": keep, "opt": opt.state_dict(), "sched": sched.state_dict(), "rng": torch.get_rng_state(),
                     "state": state}, ckpt)

    loss_fn = torch.nn.CrossEntropyLoss()
    done_here = 0
    while state["epoch"] < args.epochs:
        epoch = state["epoch"]
        order = batches(lengths, args.batch, np.random.default_rng(args.seed * 1000 + epoch))
        model.train()
        t0, seen, running = time.time(), 0, 0.0
        for step in range(state["step"], len(order)):
            sel = order[step]
            n = int(lengths[sel].max())
            h = np.zeros((len(sel), n, pm.HIDDEN), dtype=np.float32)
            mask = np.zeros((len(sel), n), dtype=np.int64)
            for j, i in enumerate(sel):
                h[j, : lengths[i]] = hidden[i]
                mask[j, : lengths[i]] = 1
            logits = model.logits_from(torch.from_numpy(h).to(device), torch.from_numpy(mask).to(device), first)
            loss = loss_fn(logits, torch.from_numpy(gold[sel]).to(device))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            opt.step()
            sched.step()
            running = 0.98 * running + 0.02 * float(loss.detach()) if step else float(loss.detach())
            seen += len(sel)
            state["step"] = step + 1
            if (step + 1) % 50 == 0:
                log(f"epoch {epoch + 1}/{args.epochs} step {step + 1}/{len(order)} loss {running:.3f} "
                    f"({seen / (time.time() - t0):.1f} pairs/s)")
            if (step + 1) % args.checkpoint_every == 0:
                save_checkpoint()
            done_here += 1
            if args.stop_after and done_here >= args.stop_after:
                save_checkpoint()
                log(f"stopped after {done_here} steps (run again to continue)")
                return 0
        scores = {}
        for name, (vids, vgold) in val.items():
            acc, cf1, _ = evaluate(model, vids, vgold)
            scores[name] = {"accuracy": round(acc, 4), "contradiction_f1": round(cf1, 4)}
        score = float(np.mean([s["accuracy"] for s in scores.values()]))
        log(f"epoch {epoch + 1} done: {scores}")
        record(event="epoch", epoch=epoch + 1, loss=running, validation=scores, seconds=time.time() - t0)
        state["history"].append({"epoch": epoch + 1, "validation": scores, "score": score})
        if state["best"] is None or score > state["best"]["score"]:
            state["best"] = {"epoch": epoch + 1, "score": score}
            pm.save(work / "best.safetensors", pm.trained_tensors(model, args.trained_layers), labels=LABELS,
                    trained_layers=args.trained_layers, max_length=args.max_length, layers=args.layers,
                    extra={"epoch": epoch + 1, "validation": scores, "sources": args.sources, "seed": args.seed,
                           "pairs": len(rows)})
        state["epoch"] = epoch + 1
        state["step"] = 0
        save_checkpoint()
    best = work / "best.safetensors"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(best.read_bytes())
    log(f"best epoch {state['best']['epoch']} ({state['best']['score']:.4f}) written to {args.out}")
    record(event="done", best=state["best"], out=str(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
