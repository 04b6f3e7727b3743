"""Throughput of extraction: characters per second, per language, in one process.

Each language's articles in ``corpora/`` are first extracted once (the cold run, which loads the
models; its first-article time is reported), then the set is extracted again and again until at
least ``--seconds`` of work has been timed; the warm figure excludes model loading. CPU time is reported beside wall time because the
machines are shared: wall-clock throughput drops when other jobs run, CPU throughput much less.

    .venv/bin/python scripts/bench_extract.py [--corpora corpora] [--seconds 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from factrack.ingest import read_articles
from factrack.records import Article, Statement

ROOT = Path(__file__).resolve().parent.parent


def bench(articles: list[Article], extract: Callable[[Article], list[Statement]], seconds: float) -> dict[str, float]:
    """Cold first article, then warm passes over the whole set until ``seconds`` have passed."""
    t0 = time.perf_counter()
    extract(articles[0])
    cold = time.perf_counter() - t0
    for a in articles[1:]:  # the rest of the warm-up pass
        extract(a)
    chars = statements = passes = 0
    elapsed = cpu = 0.0
    while elapsed < seconds:
        t0, c0 = time.perf_counter(), time.process_time()
        for a in articles:
            statements += len(extract(a))
            chars += len(a.text)
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        passes += 1
    return {
        "articles": len(articles),
        "chars_per_pass": sum(len(a.text) for a in articles),
        "passes": passes,
        "seconds": round(elapsed, 2),
        "chars_per_s": round(chars / elapsed),
        "chars_per_cpu_s": round(chars / cpu) if cpu else None,
        "articles_per_s": round(passes * len(articles) / elapsed, 2),
        "statements_per_pass": statements // passes,
        "cold_first_article_s": round(cold, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT / "corpora", help="folder of articles")
    ap.add_argument("--seconds", type=float, default=10.0, help="timed work per language (default 10)")
    ap.add_argument("--json", action="store_true", help="print machine-readable figures")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    try:
        from factrack.extract import extract
    except ImportError as e:
        print(f"bench_extract: the extractor is not available ({e})", file=sys.stderr)
        return 1
    import_s = time.perf_counter() - t0

    by_lang: dict[str, list[Article]] = defaultdict(list)
    for item in read_articles([args.corpora]):
        if isinstance(item, Article):
            by_lang[item.lang or "?"].append(item)
    if not by_lang:
        print(f"bench_extract: no articles in {args.corpora}", file=sys.stderr)
        return 1

    results = {lang: bench(arts, extract, args.seconds) for lang, arts in sorted(by_lang.items())}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = {"import_s": round(import_s, 2), "peak_rss_mb": round(peak_mb), "languages": results}
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"{'lang':<6}{'articles':>9}{'chars/pass':>11}{'passes':>7}{'chars/s':>11}{'chars/cpu-s':>12}{'art/s':>8}{'stmts':>7}{'cold 1st (s)':>13}")
    for lang, r in results.items():
        print(
            f"{lang:<6}{r['articles']:>9}{r['chars_per_pass']:>11}{r['passes']:>7}{r['chars_per_s']:>11}{r['chars_per_cpu_s']:>12}"
            f"{r['articles_per_s']:>8}{r['statements_per_pass']:>7}{r['cold_first_article_s']:>13}"
        )
    print(f"import factrack.extract: {summary['import_s']} s; peak RSS {summary['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
