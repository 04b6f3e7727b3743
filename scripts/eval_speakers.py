"""Measure ``factrack.translit.same_name`` on the speakers of the project's gold; prints Markdown.

Gold: every ``*.gold.jsonl`` under corpora/ (recursively, ``*.labels.jsonl`` skipped). Each line's
``speaker`` is written in its article's language (``-ar``/``-en`` at the end of the gold file's
stem, else the script of the speaker or the text) and ``speaker_en`` is the canonical English name.
Every distinct (Arabic speaker, English speaker) pair is scored; a pair is truly one speaker when
the two ``speaker_en`` are equal. Reported: precision and recall of ``same_name`` over those pairs,
and every error with both skeletons.

    .venv/bin/python scripts/eval_speakers.py [--corpora DIR]

Figures. The transliteration tables were written from knowledge of Arabic transliteration before
the corpora's speaker names were looked at; the first run was the first time they were seen.
138 Arabic and 149 English speakers, 20562 pairs of which 77 are one speaker:

| run | said same | TP | FP | FN | precision | recall |
|---|---|---|---|---|---|---|
| first, tables written blind | 43 | 43 | 0 | 34 | 1.000 | 0.558 |
| after fixing three person-name misses | 46 | 46 | 0 | 31 | 1.000 | 0.597 |

First-run person-name misses: Samia Fathy / سامية فتحي (th as t+h), Marwan Abi Saab / مروان أبي صعب
(Latin abi not a particle), Mahmoud al-Kikli / محمود الككلي (k-i-k against a collapsed كك),
John Kirby / جون كيربي (silent h), Ned Price / نيد برايس (e written ي). The first three were fixed
(th/dh may be two letters, abi, a repeat across a vowel is free); the last two are English-name
habits left alone, since e for ي would merge Salem with سليم. The other 29 misses are bodies and
descriptions (وزارة الصحة / Iraq's Health Ministry, مسؤول سعودي / Saudi official): translations,
which no transliteration matches. No false match in either run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factrack import lang
from factrack.translit import same_name, skeleton, spell

ROOT = Path(__file__).resolve().parents[1]


def speakers(corpora: Path) -> dict[str, set[tuple[str, str]]]:
    """language -> {(speaker as written, canonical English name)} over all gold files."""
    out: dict[str, set[tuple[str, str]]] = {"ar": set(), "en": set()}
    for gold in sorted(corpora.rglob("*.gold.jsonl")):
        if gold.name.endswith(".labels.jsonl"):
            continue
        stem = gold.name[: -len(".gold.jsonl")]
        file_lang = next((code for code in out if stem.endswith(f"-{code}")), None)
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            name, canonical = (row.get("speaker") or "").strip(), (row.get("speaker_en") or "").strip()
            if not name or not canonical:
                continue
            code = file_lang or lang.detect(name) or lang.detect(row.get("text") or "")
            if code in out:
                out[code].add((name, canonical))
    return out


def evaluate(corpora: Path) -> dict:
    """Counts and errors of same_name over every (Arabic, English) speaker pair."""
    by_lang = speakers(corpora)
    tp, fp, fn = [], [], []
    pairs = 0
    for ar, ar_en in sorted(by_lang["ar"]):
        for en, en_en in sorted(by_lang["en"]):
            pairs += 1
            truth, said = ar_en == en_en, same_name(ar, "ar", en, "en")
            if said:
                (tp if truth else fp).append((ar, en, ar_en, en_en))
            elif truth:
                fn.append((ar, en, ar_en, en_en))
    return {"ar_speakers": len(by_lang["ar"]), "en_speakers": len(by_lang["en"]), "pairs": pairs,
            "true": len(tp) + len(fn), "tp": tp, "fp": fp, "fn": fn}


def _cell(name: str, code: str) -> str:
    return spell(skeleton(name, code)).replace("|", "\\|")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def markdown(r: dict) -> str:
    tp, fp, fn = len(r["tp"]), len(r["fp"]), len(r["fn"])
    lines = [
        "| Arabic speakers | English speakers | pairs | same speaker | said same | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {r['ar_speakers']} | {r['en_speakers']} | {r['pairs']} | {r['true']} | {tp + fp} | {tp} | {fp} | {fn} "
        f"| {_ratio(tp, tp + fp)} | {_ratio(tp, tp + fn)} |",
    ]
    for title, rows in (("False matches", r["fp"]), ("Missed matches", r["fn"])):
        lines += ["", f"{title} ({len(rows)}):", ""]
        if rows:
            lines += ["| Arabic | English | speaker_en (ar / en) | skeletons (ar / en) |", "|---|---|---|---|"]
        for ar, en, ar_en, en_en in rows:
            lines.append(f"| {ar} | {en} | {ar_en} / {en_en} | {_cell(ar, 'ar')} / {_cell(en, 'en')} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    args = ap.parse_args()
    if not args.corpora.is_dir():
        print(f"{args.corpora} not found; skipped")
        return 0
    print(markdown(evaluate(args.corpora)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
