"""What the ``compare`` and ``contradictions`` commands call: one function each, no printing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factrack.compare import Scorer, Verdict, get_scorer, with_polarity
from factrack.compare import contradictions as contra
from factrack.dates import date_range
from factrack.errors import InputError, StoreError
from factrack.show import MAX_ID

if TYPE_CHECKING:
    from factrack.embed import Embedder
    from factrack.store import Store, StoredStatement

PAIRS_BATCH = 256


def _embedder(model: str | None) -> Embedder:
    from factrack.embed import query_embedder

    return query_embedder(model)


def _open_store(db: Path | str | None, write: bool = False) -> Store:
    from factrack.store import Store, default_path

    return Store.open(db or default_path(), write=write)


@dataclass(frozen=True)
class Comparison:
    """A verdict with the two sides it is about: the texts, and the stored statements when given by id."""

    verdict: Verdict
    a_text: str
    b_text: str
    a: StoredStatement | None = None  # when A was a store id
    b: StoredStatement | None = None

    def to_dict(self) -> dict[str, Any]:
        def side(text: str, s: StoredStatement | None) -> dict[str, Any]:
            if s is None:
                return {"text": text}
            return {"id": s.id, "text": s.text, "speaker": s.speaker, "polarity": str(s.polarity),
                    "source": s.source, "published": s.published, "lang": s.lang, "doc": s.doc,
                    "start": s.start, "end": s.end, "url": s.url}

        return {**self.verdict.to_dict(), "a": side(self.a_text, self.a), "b": side(self.b_text, self.b)}


def _is_id(arg: str) -> bool:
    """An argument of ASCII digits only (or ``#`` and digits) names a stored statement."""
    text = arg.strip().removeprefix("#")
    return text.isascii() and text.isdigit()


def run_comparison(a: str, b: str, *, db: Path | str | None = None, model: str | None = None,
                   nli_model: str | None = None, pair_model: str | None = None) -> Comparison:
    """Compare two texts, or stored statements given by id (an argument of digits only, ``#`` allowed)."""
    if not a.strip() or not b.strip():
        raise InputError("both statements must be non-empty")
    if _is_id(a) or _is_id(b):
        with _open_store(db) as store:
            texts: list[str] = []
            vecs: list[np.ndarray | None] = []
            stored: list[StoredStatement | None] = []
            stored_model = store.model()
            for arg in (a, b):
                if _is_id(arg):
                    n = int(arg.strip().removeprefix("#"))
                    try:
                        if n > MAX_ID:
                            raise StoreError("beyond SQLite's integers")
                        got = store.statement(n)
                    except (KeyError, LookupError, StoreError):
                        raise InputError(f"no statement #{n} in the store") from None
                    stored.append(got)
                    texts.append(got.text)
                    vecs.append(store.vectors([n])[0])
                else:
                    stored.append(None)
                    texts.append(arg)
                    vecs.append(None)
            name = stored_model[0] if stored_model else model
        emb = None  # loaded only when a side is a text, not a stored statement
        filled: list[np.ndarray] = []
        for vec, text in zip(vecs, texts, strict=True):
            if vec is None:
                if emb is None:
                    emb = _embedder(name)
                vec = emb.embed([text])[0]
            filled.append(vec)
        scorer = get_scorer(emb, nli_model, model_name=name, pair_model=pair_model)
        v = scorer.score_pairs([(texts[0], texts[1])], (np.atleast_2d(filled[0]), np.atleast_2d(filled[1])))[0]
        if stored[0] is not None and stored[1] is not None:
            v = with_polarity(v, stored[0], stored[1])
        return Comparison(v, texts[0], texts[1], stored[0], stored[1])
    return Comparison(get_scorer(_embedder(model), nli_model, pair_model=pair_model).score(a, b), a, b)


def run_compare(a: str, b: str, *, db: Path | str | None = None, model: str | None = None,
                nli_model: str | None = None, pair_model: str | None = None) -> Verdict:
    """The verdict alone of ``run_comparison``."""
    return run_comparison(a, b, db=db, model=model, nli_model=nli_model, pair_model=pair_model).verdict


def _parse(line: str) -> tuple[str, str]:
    d = json.loads(line)
    if not isinstance(d, dict) or not isinstance(d.get("a"), str) or not isinstance(d.get("b"), str):
        raise ValueError('expected a JSON object with string fields "a" and "b"')
    if not d["a"].strip() or not d["b"].strip():
        raise ValueError('"a" and "b" must be non-empty')
    return d["a"], d["b"]


def run_compare_pairs(lines: Iterable[str], *, model: str | None = None, nli_model: str | None = None,
                      pair_model: str | None = None, scorer: Scorer | None = None) -> Iterator[dict[str, Any]]:
    """One verdict (or one error) per input line, in order; a bad line does not stop the others."""
    scorer = scorer or get_scorer(_embedder(model), nli_model, pair_model=pair_model)
    pending: list[tuple[int, str, str]] = []

    def flush() -> Iterator[dict[str, Any]]:
        verdicts = scorer.score_pairs([(a, b) for _, a, b in pending])
        for (n, _, _), v in zip(pending, verdicts, strict=True):
            yield {"line": n, **v.to_dict()}
        pending.clear()

    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            a, b = _parse(line)
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            yield from flush()
            yield {"line": n, "error": str(e)}
            continue
        pending.append((n, a, b))
        if len(pending) >= PAIRS_BATCH:
            yield from flush()
    yield from flush()


def run_contradictions(*, db: Path | str | None = None, speaker: str | None = None, since: str | None = None,
                       until: str | None = None, min_score: float = 0.0, limit: int | None = None,
                       nli_model: str | None = None,
                       pair_model: str | None = None, statements: bool = False, include_self: bool = False,
                       refresh: bool = True, progress: Callable[[int, int], None] | None = None,
                       notice: Callable[[str], None] | None = None) -> list[Any]:
    """Stored contradictions between claims (or, with ``statements``, statement pairs).

    What the store still has to score (a store never scored, what a killed run left, and, with
    ``refresh``, verdicts made by another scorer than the store's or the one asked for) is scored
    first when the writer lock is free; while another process writes, what is stored is listed
    and ``notice`` says so: a read never waits for a build. ``since``/``until`` take any form of
    ``factrack.dates`` and keep pairs with a statement dated in the range.
    """
    from factrack.errors import LockedError

    since, until = date_range(since, until)

    def listed(store: Store) -> list[Any]:
        if statements:
            return contra.find(store, speaker=speaker, since=since, until=until, min_score=min_score, limit=limit)
        return contra.find_claims(store, speaker=speaker, since=since, until=until, min_score=min_score, limit=limit,
                                  include_self=include_self)

    scoring: dict[str, Any] = {"pair_model": pair_model, "nli_model": nli_model}
    with _open_store(db) as store:
        if not contra.needs_scoring(store, refresh=refresh, **scoring):
            return listed(store)
        left = store.unscored_count()
    try:
        with _open_store(db, write=True) as store:
            contra.refresh_and_score(store, refresh=refresh, progress=progress, **scoring)
            return listed(store)
    except LockedError:
        if notice is not None:
            notice("another process is writing to the store: "
                   + (f"{left} statement(s) are not scored yet, " if left else "its verdicts are being made again, ")
                   + "so this listing may be incomplete")
        with _open_store(db) as store:
            return listed(store)
