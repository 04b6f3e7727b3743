"""Measure quote extraction and speaker attribution against gold annotations.

Two gold sources:
- the project's own: ``corpora/*.gold.jsonl`` next to their article (a gold file for a ``.jsonl``
  article carries a ``line`` field); the seed article is reported on its own as well;
- PolNeAR dev (English, brat standoff) from ``../shared/datasets/polnear/dev`` when it exists.

A predicted statement (direct/partial/indirect; claims are not quotes) matches a gold one when
they overlap by at least half of the shorter; matching is one-to-one, greedy by overlap. Speaker
accuracy on matched pairs is strict (folded names equal, or one registry entry for both) and,
beside it, loose: every word of the gold name appears in the predicted one ("A senior Biden
administration official" for "senior Biden administration official").

    .venv/bin/python scripts/eval_extract.py [--corpora corpora] [--polnear DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factrack.ingest import KNOWN_SUFFIXES, file_of, read_articles
from factrack.normalize import fold
from factrack.records import Article, Kind, Statement

ROOT = Path(__file__).resolve().parent.parent
SEED = "iraq-combat-mission-ar"
QUOTE_KINDS = (Kind.DIRECT, Kind.PARTIAL, Kind.INDIRECT)
ANCHORS = "anchors: Gender Gap Tracker quotes F1 83.7 (speaker acc 86.5%); Citron (PARC 3.0) F1 83.2, overlap match"
TARGETS = "targets: seed and per-language F1 >= 0.90, speaker acc >= 0.90; PolNeAR content F1 >= 0.70"

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Gold:
    spans: Spans
    kind: str
    speakers: tuple[str, ...]  # acceptable speaker names (own gold)
    source: Spans = ()  # the Source span(s) (PolNeAR)
    source_text: str = ""
    text: str = ""  # the gold statement's text, to check its offsets


@dataclass
class Tally:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_ok: int = 0
    speaker_loose: int = 0
    speaker_n: int = 0
    kind_gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_found: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def figures(self) -> dict[str, object]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "docs": self.docs, "gold": self.gold, "pred": self.pred, "matched": self.matched,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "speaker_acc": round(self.speaker_ok / self.speaker_n, 3) if self.speaker_n else None,
            "speaker_acc_loose": round(self.speaker_loose / self.speaker_n, 3) if self.speaker_n else None,
            "speaker_n": self.speaker_n,
            "recall_by_kind": {k: round(self.kind_found[k] / n, 3) for k, n in sorted(self.kind_gold.items())},
        }


def overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(a: Spans) -> int:
    return sum(e - s for s, e in a)


def match(preds: list[Statement], golds: list[Gold]) -> list[tuple[Statement, Gold]]:
    """One-to-one greedy matching by overlap; a pair counts when it covers half the shorter span."""
    candidates = []
    for i, p in enumerate(preds):
        ps = ((p.start, p.end),)
        for j, g in enumerate(golds):
            ov = overlap(ps, g.spans)
            if ov and 2 * ov >= min(length(ps), length(g.spans)):
                candidates.append((ov, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    return pairs


Judge = Callable[[Statement, Gold], tuple[bool, bool]]


def _words(name: str | None) -> set[str]:
    return set(re.findall(r"\w+", fold(name or "")))


def contains(predicted: str | None, gold_name: str) -> bool:
    """Every word of the gold name is in the predicted name (titles and articles around it allowed)."""
    want = _words(gold_name)
    return bool(want) and want <= _words(predicted)


def speaker_judge() -> Judge:
    """Own gold: the folded predicted speaker equals a gold name, or the registry unites them."""
    try:
        from factrack.speakers import load_registry

        canonical: Callable[[str], str | None] = load_registry().canonical
    except ImportError:
        canonical = lambda name: None  # noqa: E731

    def strict(pred: Statement, gold: Gold) -> bool:
        if not pred.speaker:
            return False
        if fold(pred.speaker) in {fold(s) for s in gold.speakers}:
            return True
        mine = canonical(pred.speaker)
        return mine is not None and any(canonical(s) == mine for s in gold.speakers)

    def ok(pred: Statement, gold: Gold) -> tuple[bool, bool]:
        exact = strict(pred, gold)
        return exact, exact or any(contains(pred.speaker, s) for s in gold.speakers)

    return ok


def source_ok(pred: Statement, gold: Gold) -> tuple[bool, bool]:
    """PolNeAR: the predicted mention overlaps the gold Source, or the folded texts match."""
    exact = _source_strict(pred, gold)
    return exact, exact or contains(pred.speaker, gold.source_text) or contains(pred.mention, gold.source_text)


def _source_strict(pred: Statement, gold: Gold) -> bool:
    if pred.mention_start is not None and pred.mention_end is not None:
        if overlap(((pred.mention_start, pred.mention_end),), gold.source):
            return True
    want = fold(gold.source_text).strip()
    return any(name and fold(name).strip() == want for name in (pred.mention, pred.speaker))


def tally(t: Tally, preds: list[Statement], golds: list[Gold], judge: Judge) -> None:
    quotes = [p for p in preds if p.kind in QUOTE_KINDS]
    t.docs += 1
    t.gold += len(golds)
    t.pred += len(quotes)
    for g in golds:
        t.kind_gold[g.kind] += 1
    for p, g in match(quotes, golds):
        t.matched += 1
        t.kind_found[g.kind] += 1
        if g.speakers or g.source:
            t.speaker_n += 1
            exact, loose = judge(p, g)
            t.speaker_ok += exact
            t.speaker_loose += loose


# ---------------------------------------------------------------------------- own gold


GoldKey = tuple[str, int | None]


def gold_key(article: Path, line: int | None) -> GoldKey:
    """What a gold row points at: the article file (resolved, as docs are) and its JSONL line."""
    return (os.path.realpath(article), line)


def article_key(article: Article) -> GoldKey:
    """The gold key of an article read by ``read_articles`` (a JSON line's doc is keyed by id, not line)."""
    return (file_of(article.doc), article.line)


def own_gold(corpora: Path) -> Iterable[tuple[Path, dict[GoldKey, list[Gold]]]]:
    """(article path, gold statements by article) for each ``*.gold.jsonl`` that has an article."""
    for gold_file in sorted(corpora.rglob("*.gold.jsonl")):
        stem = gold_file.name[: -len(".gold.jsonl")]
        articles = [gold_file.with_name(stem + s) for s in sorted(KNOWN_SUFFIXES)]
        article = next((a for a in articles if a.is_file()), None)
        if article is None:
            print(f"warning: no article for {gold_file}", file=sys.stderr)
            continue
        by_doc: dict[GoldKey, list[Gold]] = defaultdict(list)
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            doc = gold_key(article, row.get("line"))
            names = tuple(n for n in (row.get("speaker"), row.get("speaker_en")) if n)
            by_doc[doc].append(Gold(((row["start"], row["end"]),), row["kind"], names, text=row["text"]))
        yield article, by_doc


def eval_own(corpora: Path, extract: Callable[[Article], list[Statement]]) -> dict[str, Tally]:
    judge = speaker_judge()
    tallies: dict[str, Tally] = defaultdict(Tally)
    for article_path, by_doc in own_gold(corpora):
        for item in read_articles([article_path]):
            if not isinstance(item, Article) or article_key(item) not in by_doc:
                continue
            golds = by_doc[article_key(item)]
            for g in golds:
                s, e = g.spans[0]
                if item.text[s:e] != g.text:
                    print(f"warning: gold offsets {s}:{e} do not match its text in {item.doc}", file=sys.stderr)
            preds = extract(item)
            # articles in a sub-folder (corpora/heldout/) form sets of their own: "heldout:ar" …
            sub = article_path.parent.relative_to(corpora)
            prefix = "" if sub == Path(".") else f"{sub.as_posix()}:"
            groups = [prefix + (item.lang or "?"), prefix + "all"] + (["seed"] if article_path.stem == SEED else [])
            for group in groups:
                tally(tallies[group], preds, golds, judge)
    return tallies


# ---------------------------------------------------------------------------- PolNeAR


def parse_ann(text: str) -> list[Gold]:
    """Gold attributions of one brat file: each Content (fragments joined) with its Source."""
    spans: dict[str, tuple[str, Spans, str]] = {}
    events = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            kind, _, where = cols[1].partition(" ")
            frags = tuple(tuple(map(int, f.split())) for f in where.split(";"))
            spans[cols[0]] = (kind, frags, cols[2])  # type: ignore[assignment]
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    golds = []
    for ev in events:
        content: list[tuple[int, int]] = []
        for role, tid in sorted(ev.items()):
            if role.startswith("Content") and tid in spans:
                content.extend(spans[tid][1])
        if not content:
            continue
        src = spans.get(ev.get("Source", ""))
        golds.append(
            Gold(tuple(sorted(content)), "attribution", (), src[1] if src else (), src[2] if src else "")
        )
    return golds


def eval_polnear(folder: Path, extract: Callable[[Article], list[Statement]]) -> Tally:
    """One annotation file per text (the first by name when several annotators did it)."""
    t = Tally()
    anns = sorted((folder / "attributions").glob("*.ann"))
    for txt in sorted((folder / "text").glob("*.txt")):
        ann = next((a for a in anns if a.stem.rsplit("_", 1)[0] == txt.stem), None)
        if ann is None:
            continue
        [article] = list(read_articles([txt]))
        if not isinstance(article, Article):
            print(f"warning: {article}", file=sys.stderr)
            continue
        tally(t, extract(article), parse_ann(ann.read_text(encoding="utf-8")), source_ok)
    return t


# ---------------------------------------------------------------------------- report


def print_table(results: dict[str, dict[str, object]]) -> None:
    head = f"{'set':<16}{'docs':>5}{'gold':>6}{'pred':>6}{'match':>6}{'P':>7}{'R':>7}{'F1':>7}{'spk':>7}{'spk~':>7}  recall by kind"
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        spk = "".join("      -" if r[k] is None else f"{r[k]:>7.3f}" for k in ("speaker_acc", "speaker_acc_loose"))
        kinds = " ".join(f"{k} {v:.2f}" for k, v in r["recall_by_kind"].items())  # type: ignore[union-attr]
        print(
            f"{name:<16}{r['docs']:>5}{r['gold']:>6}{r['pred']:>6}{r['matched']:>6}"
            f"{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{spk}  {kinds}"
        )
    print()
    print("spk: speaker accuracy on matched statements (strict); spk~: loose (gold name's words within the predicted)")
    print(ANCHORS)
    print(TARGETS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT / "corpora", help="folder with articles and *.gold.jsonl")
    ap.add_argument(
        "--polnear", type=Path, default=ROOT.parent / "shared/datasets/polnear/dev",
        help="PolNeAR dev folder (text/, attributions/); skipped when absent",
    )
    ap.add_argument("--no-polnear", action="store_true", help="skip PolNeAR even when present")
    ap.add_argument("--json", action="store_true", help="print machine-readable figures")
    args = ap.parse_args(argv)

    try:
        from factrack.extract import extract
    except ImportError as e:
        print(f"eval_extract: the extractor is not available ({e})", file=sys.stderr)
        return 1

    started = time.perf_counter()
    results: dict[str, dict[str, object]] = {}
    own = eval_own(args.corpora, extract) if args.corpora.is_dir() else {}
    order = ["seed", "ar", "en", "mixed", "all"]
    def rank(name: str) -> tuple[str, int]:
        folder, _, group = name.rpartition(":")
        return folder, order.index(group) if group in order else len(order)

    for name in sorted(own, key=rank):
        results[name] = own[name].figures()
    if not args.no_polnear and args.polnear.is_dir():
        results["polnear-dev"] = eval_polnear(args.polnear, extract).figures()
    elif not args.no_polnear:
        print(f"eval_extract: {args.polnear} not found, PolNeAR skipped", file=sys.stderr)
    seconds = round(time.perf_counter() - started, 1)

    if args.json:
        print(json.dumps({"results": results, "seconds": seconds}, ensure_ascii=False, indent=1))
    else:
        print_table(results)
        print(f"({seconds} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
