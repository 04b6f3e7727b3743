"""Code shared by several test modules, imported explicitly (``from tests.support import ...``)
rather than from one test module into another through pytest's sys.path. Fixtures built on these
live in ``tests/conftest.py``."""

from __future__ import annotations

import re
from pathlib import Path

from factrack import claims as cl
from factrack.embed import FakeEmbedder
from factrack.index import index_paths
from factrack.records import Article, Kind, Polarity, Statement
from factrack.store import Store


# ----------------------------------------------------------------------- stand-in extractors
def sentence_extractor(article: Article) -> list[Statement]:
    """A stand-in for the real extractor: every sentence is a claim."""
    out = []
    for m in re.finditer(r"[^.!?؟\n]+[.!?؟]?", article.text):
        text = m.group().strip()
        if not text:
            continue
        start = article.text.index(text, m.start())
        out.append(Statement(doc=article.doc, text=text, start=start, end=start + len(text), kind=Kind.CLAIM,
                             lang="ar" if re.search("[\u0600-\u06ff]", text) else "en",
                             sentence_start=start, sentence_end=start + len(text)))
    return out


def line_claims(article: Article) -> list[Statement]:
    """Every line is a claim (stand-in for the real extractor), said by "Speaker X", X the
    fifth-last character of the doc name (a.txt: "Speaker a")."""
    out = []
    for m in re.finditer(r"[^\n]+", article.text):
        out.append(Statement(doc=article.doc, text=m.group(), start=m.start(), end=m.end(), kind=Kind.CLAIM,
                             lang="ar" if re.search("[\u0600-\u06ff]", m.group()) else "en",
                             speaker="Speaker " + article.doc[-5]))
    return out


def index_line_claims(corpus: Path, db: Path, **kw):  # type: ignore[no-untyped-def]
    """Index ``corpus`` into ``db`` with ``line_claims`` and a 64-dimension fake embedder."""
    with Store.open(db, write=True) as store:
        return index_paths([corpus], store, FakeEmbedder(64), extractor=line_claims, **kw)


# ------------------------------------------------------------------ the real extractor, checked
def run(text: str) -> list[Statement]:
    """Extract from a one-off article, checking every statement's offsets on the way."""
    from factrack.extract import extract  # spaCy: imported only by the tests that extract

    statements = extract(Article(doc="t", text=text))
    for s in statements:
        assert text[s.start : s.end] == s.text
    return statements


def run_attributed(text: str) -> list[Statement]:
    """Like ``run``, without the unattributed claims."""
    return [s for s in run(text) if s.kind != Kind.CLAIM]


# --------------------------------------------------------------------------- comparison cues
def kinds(a: str, b: str) -> list[str]:
    """The kinds of contradiction cues found between two statements."""
    from factrack.compare.cues import find_cues

    return [c.kind for c in find_cues(a, b)]


def reasons(a: str, b: str) -> list[str]:
    """The cues found between two statements, as the reasons shown to a user."""
    from factrack.compare.cues import find_cues

    return [str(c) for c in find_cues(a, b)]


# ------------------------------------------------------------------------ a tiny random BERT
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


# ------------------------------------------------------------- the pages' and the report's store
# A small hand-made store for the web pages and the report: Arabic and English articles with real
# offsets and sentences, claims grouped by ``claims.assign``, a stance contradiction and a figure
# contradiction between two claims, and an article whose words hold markup. Vectors come from the
# fake embedder, so that the pages' search (which embeds the query with it) finds them.
EMBEDDER = FakeEmbedder(64)

# (doc, title, source, published, lang, url, [(sentence, statement words, speaker, polarity)])
ARTICLES = [
    ("wire/bread-en.txt", "Bakers say the loaf shrank", "Wire", "2026-03-01", "en", "https://example.org/bread",
     [("Baker Samir Fathy said the loaf's weight has changed since January.", "the loaf's weight has changed since January",
       "Samir Fathy", Polarity.ASSERTS)]),
    ("daily/bread-denial.txt", "Ministry denies change", "Daily", "2026-03-03", "en", None,
     [("Minister Ali Mansour denied that the loaf's weight has changed since January.",
       "the loaf's weight has changed since January", "Ali Mansour", Polarity.DENIES)]),
    ("wire/troops-en.txt", "Troop numbers", "Wire", "2026-04-02", "en", "https://example.org/troops",
     [("Kirby said about 2,500 US troops are in Iraq now.", "about 2,500 US troops are in Iraq now", "John Kirby",
       Polarity.ASSERTS)]),
    ("ahram/troops-ar.txt", "عدد القوات", "الأهرام", "2026-04-05", "ar", None,
     [("وقال فؤاد حسين إن حوالي 3500 جندي أمريكي موجودون في العراق الآن.", "حوالي 3500 جندي أمريكي موجودون في العراق الآن",
       "Fuad Hussein", Polarity.ASSERTS),
      ("ونفى فؤاد حسين أن تكون القوات الأمريكية ستغادر العراق هذا العام.", "تكون القوات الأمريكية ستغادر العراق هذا العام",
       "Fuad Hussein", Polarity.DENIES)]),
    ("ahram/troops-ar2.txt", "انسحاب", "الأهرام", "2026-02-01", "ar", None,
     [("وأكد فؤاد حسين أن القوات الأمريكية ستغادر العراق هذا العام.", "القوات الأمريكية ستغادر العراق هذا العام",
       "Fuad Hussein", Polarity.ASSERTS)]),
    ("blog/markup.txt", "<script>alert('title')</script>", "Blog", "2026-05-01", "en", "javascript:alert(1)",
     [("Evil said <script>alert('x')</script> is a harmless tag here.", "<script>alert('x')</script> is a harmless tag here",
       "<b>Evil</b>", Polarity.ASSERTS)]),
]


def build_store(path: Path) -> dict[str, int]:
    """Build the store in ``path``; returns statement ids by a short name."""
    names = ["fathy", "mansour", "kirby", "hussein_3500", "hussein_denies", "hussein_asserts", "evil"]
    ids: list[int] = []
    with Store.open(path, write=True) as store:
        store.set_model(EMBEDDER.name, EMBEDDER.dim)
        store.add_speakers([("Fuad Hussein", ("فؤاد حسين",), "Iraqi foreign minister"),
                            ("John Kirby", ("جون كيربي", "Kirby"), "Pentagon spokesman")])
        for doc, title, source, published, lang, url, rows in ARTICLES:
            text = "Intro line.\n" + " ".join(sentence for sentence, *_ in rows)
            statements = []
            for sentence, words, speaker, polarity in rows:
                s0 = text.index(sentence)
                a = text.index(words, s0)
                statements.append(Statement(doc=doc, text=words, start=a, end=a + len(words), kind=Kind.INDIRECT,
                                            lang=lang, speaker=speaker, polarity=polarity, sentence_start=s0,
                                            sentence_end=s0 + len(sentence)))
            got, _ = store.put_article(Article(doc=doc, text=text, title=title, source=source, published=published,
                                               lang=lang, url=url), statements, EMBEDDER.embed([s.text for s in statements]))
            ids += got
        cl.assign(store)
        by = dict(zip(names, ids, strict=True))
        store.put_verdicts([(by["kirby"], by["hussein_3500"], "contradiction", 0.86,
                             ["number differs: 2,500 vs 3500 (troops)"], "test")])
    return by
