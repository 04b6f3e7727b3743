"""Small helpers shared by several test modules (pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

from factrack.compare.cues import find_cues
from factrack.extract import extract
from factrack.records import Article, Kind, Statement


def run(text: str) -> list[Statement]:
    """Extract from a one-off article, checking every statement's offsets on the way."""
    statements = extract(Article(doc="t", text=text))
    for s in statements:
        assert text[s.start : s.end] == s.text
    return statements


def run_attributed(text: str) -> list[Statement]:
    """Like ``run``, without the unattributed claims."""
    return [s for s in run(text) if s.kind != Kind.CLAIM]


def kinds(a: str, b: str) -> list[str]:
    """The kinds of contradiction cues found between two statements."""
    return [c.kind for c in find_cues(a, b)]


def reasons(a: str, b: str) -> list[str]:
    """The cues found between two statements, as the reasons shown to a user."""
    return [str(c) for c in find_cues(a, b)]


def tiny_bert(path: Path, id2label: dict[int, str] | None = None) -> Path:
    """A tiny random BERT with its tokenizer saved at ``path``: a cross-encoder with ``id2label``,
    or with None a bare encoder (the shape of the converted e5 folder)."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import AutoModelForSequenceClassification, BertConfig, BertModel, PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "troops", "will", "not", "leave", "stay", "لن", "تنسحب", "القوات"]
    vocab = {t: i for i, t in enumerate(words)}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]"
    )
    labels = {} if id2label is None else {"num_labels": len(id2label), "id2label": id2label,
                                          "label2id": {v: k for k, v in id2label.items()}}
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, **labels)
    torch.manual_seed(0)
    model = BertModel(config) if id2label is None else AutoModelForSequenceClassification.from_config(config)
    model.save_pretrained(path)
    fast.save_pretrained(path)
    return path
