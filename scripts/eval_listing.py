"""The contradictions listing by claim on a store: its top rows for a blind reader, their precision
once labelled, and where the seed story's contradictions rank. Figures go into docs/claims.md.

    .venv/bin/python scripts/eval_listing.py --db DB --dump 20 --out rows.jsonl      # rows to label (no scores shown)
    .venv/bin/python scripts/eval_listing.py --db DB --labels docs/data/claim-listing-top20.labelled.jsonl
    .venv/bin/python scripts/eval_listing.py --db DB --seed                           # seed contradictions' ranks

A dumped row holds, for each side, the claim's label and its strongest statement with speaker,
source and sentence: what a reader needs to judge "can both be true?". The label file adds
``"label": "contradiction" | "not"`` to each row (matched back by the two claims and best
statements); precision is the share labelled contradiction.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from factrack.compare import contradictions as contra  # noqa: E402
from factrack.compare.contradictions import DEFAULT_MIN_STRENGTH  # noqa: E402
from factrack.store import Store  # noqa: E402

# the seed story's contradictions (../shared/seed/README.md): words that find each side
SEED = {
    "timetable for withdrawal vs redefinition of missions": (("جدول زمني", "timetable"), ("إعادة تحديد", "redefin")),
    "no combat mission vs capable of combat operations": (("مهمة قتالية", "combat mission"),
                                                          ("قادرة على القيام بعمليات قتالية", "capable of combat")),
    "2,500 vs 3,500 troops": (("2500", "2,500", "٢٥٠٠"), ("3500", "3,500", "٣٥٠٠")),
}


def _side(side) -> dict:  # type: ignore[no-untyped-def]
    s = side.best
    return {"claim": side.claim.id, "claim_label": side.claim.label.text, "statement": s.text,
            "speaker": s.speaker or s.mention, "stance": side.stance, "polarity": str(s.polarity),
            "source": s.source or Path(s.doc).name, "published": s.published, "sentence": s.sentence,
            "statements_on_this_side": len(side.statements)}


def key(row: dict) -> tuple:
    return tuple(sorted(((row["a"]["claim"], row["a"]["statement"]), (row["b"]["claim"], row["b"]["statement"]))))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--dump", type=int, default=0)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--labels", type=Path)
    ap.add_argument("--seed", action="store_true")
    args = ap.parse_args()
    with Store.open(args.db) as store:
        rows = contra.find_claims(store, min_score=DEFAULT_MIN_STRENGTH)
        everything = contra.find_claims(store)
    dumped = [{"rank": n, "a": _side(c.a), "b": _side(c.b)} for n, c in enumerate(rows, 1)]
    if args.dump:
        out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dumped[: args.dump])
        if args.out:
            args.out.write_text(out, encoding="utf-8")
        else:
            sys.stdout.write(out)
    if args.labels:
        labels = {key(r): r["label"] for r in map(json.loads, args.labels.read_text(encoding="utf-8").splitlines()) if r}
        found = [labels[key(r)] for r in dumped if key(r) in labels]
        hits = sum(lab == "contradiction" for lab in found)
        print(f"labelled rows found in the listing: {len(found)} of {len(labels)}; contradictions: {hits} "
              f"(precision {hits / max(len(found), 1):.2f})")
    if args.seed:
        print(f"| seed contradiction | rank in the listing ({len(rows)} rows at --min-score {DEFAULT_MIN_STRENGTH}; "
              f"{len(everything)} at 0) | score |\n|---|---|---|")
        for name, (left, right) in SEED.items():
            hit = None
            for rank, c in enumerate(everything, 1):
                ta = " ".join(s.text for s in c.a.statements)
                tb = " ".join(s.text for s in c.b.statements)
                if ((any(w in ta for w in left) and any(w in tb for w in right))
                        or (any(w in tb for w in left) and any(w in ta for w in right))):
                    hit = (rank, c.score)
                    break
            print(f"| {name} | {hit[0] if hit else 'not found'} | {f'{hit[1]:.2f}' if hit else '—'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
