"""Extraction time and peak memory against article length: is extraction linear?

A synthetic long article per language is built by repeating the bundled news articles of that
language (``corpora/*-<lang>.txt``, quotes and reported speech included) paragraph by paragraph
until it reaches each length; each is extracted once in this process after a warm-up (model
loading excluded). Each length runs in a fresh child process, so that its peak resident memory
(``ru_maxrss``, spaCy's arrays included) is that article's alone: reported as the peak and as the
growth over the warmed-up process.

    .venv/bin/python scripts/bench_extract_length.py [--lengths 10000 20000 40000 80000] [--lang en ar]
        [--profile en:40000]   # cProfile of one run, top 25 by cumulative time
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import subprocess
import sys
import time
from pathlib import Path

from factrack.records import Article

ROOT = Path(__file__).resolve().parent.parent


def paragraphs(corpora: Path, code: str) -> list[str]:
    """Non-empty paragraphs of the bundled articles in language ``code``, titles dropped."""
    out: list[str] = []
    for path in sorted(corpora.glob(f"*-{code}.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n")]
        out.extend(ln for ln in lines[1:] if ln)
    if not out:
        raise SystemExit(f"no *-{code}.txt articles under {corpora}")
    return out


def long_article(paras: list[str], length: int, code: str) -> Article:
    """An article of at least ``length`` characters: the paragraphs repeated in order."""
    parts: list[str] = [f"Long synthetic article ({code}, {length})"]
    n, size = 0, len(parts[0])
    while size < length:
        p = paras[n % len(paras)]
        parts.append(p)
        size += len(p) + 2
        n += 1
    return Article(doc=f"long-{code}-{length}.txt", text="\n\n".join(parts), lang=code)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(corpora: Path, code: str, length: int) -> dict[str, float | int | str]:
    """One extraction in this (fresh) process after a warm-up: seconds (wall and CPU),
    statements, peak RSS and its growth over the warmed-up process."""
    from factrack.extract import extract

    paras = paragraphs(corpora, code)
    extract(long_article(paras, 2000, code))  # model loading is not measured
    article = long_article(paras, length, code)
    base = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    found = extract(article)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _rss_mb()
    return {
        "lang": code,
        "chars": len(article.text),
        "statements": len(found),
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "rss_peak_mb": round(peak, 1),
        "rss_growth_mb": round(peak - base, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    ap.add_argument("--lengths", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000])
    ap.add_argument("--lang", nargs="+", default=["en", "ar"])
    ap.add_argument("--profile", help="LANG:LENGTH: print a cProfile of that one extraction instead")
    ap.add_argument("--json", action="store_true", help="one JSON object per line")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # LANG:LENGTH, the child's job
    args = ap.parse_args(argv)

    if args.one:
        code, _, length = args.one.partition(":")
        print(json.dumps(measure(args.corpora, code, int(length))))
        return 0
    if args.profile:
        from factrack.extract import extract

        code, _, length = args.profile.partition(":")
        article = long_article(paragraphs(args.corpora, code), int(length), code)
        extract(long_article(paragraphs(args.corpora, code), 2000, code))  # load the models
        prof = cProfile.Profile()
        prof.runcall(extract, article)
        pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
        return 0

    for code in args.lang:
        for length in args.lengths:
            child = subprocess.run([sys.executable, __file__, "--corpora", str(args.corpora), "--one", f"{code}:{length}"],
                                   capture_output=True, text=True, check=False)
            if child.returncode != 0:
                print(child.stderr, file=sys.stderr)
                return 1
            row = json.loads(child.stdout.strip().splitlines()[-1])
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(f"{code}  {row['chars']:>8,} chars  {row['seconds']:>7.2f} s  cpu {row['cpu_seconds']:>7.2f} s  "
                      f"{row['statements']:>5} statements  rss peak {row['rss_peak_mb']:>6.1f} MB  "
                      f"(+{row['rss_growth_mb']:.1f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
