"""The command line. Each command parses its options, calls one library function and prints.

Library errors (``factrack.errors``) become one-line messages on stderr and exit codes; nothing
below this module prints or exits.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import typer

from factrack.errors import FactrackError
from factrack.records import Failure

app = typer.Typer(
    help="factrack: extract, attribute, index and compare quotes and claims in Arabic and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"factrack: error: {message}", err=True)
    return typer.Exit(code)


def guarded(fn: Callable[[], T]) -> T:
    """Run a library call, turning factrack errors into a message and an exit code."""
    try:
        return fn()
    except FactrackError as e:
        raise fail(str(e), e.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None


def warn(message: str) -> None:
    typer.echo(f"factrack: {message}", err=True)


def print_jsonl(rows: Any) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def is_terminal() -> bool:
    return sys.stdout.isatty()


# ---------------------------------------------------------------------------- extract
# (commands are added below, one block per pipeline stage)


class ExtractFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _statement_rows(statements: Any) -> list[dict[str, Any]]:
    return [s.to_dict() for s in statements]


def _shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word boundary, isolated for bidi.

    The isolate marks (FSI … PDI) keep an Arabic cell from reordering its neighbours on a
    terminal that applies the bidi algorithm; they take no width."""
    text = " ".join(text.split())
    if len(text) > width:
        cut = text[: max(width - 1, 1)]
        space = cut.rfind(" ")
        text = (cut[:space] if space > width // 2 else cut) + "…"
    return f"\u2068{text}\u2069"


def _pad(text: str, width: int) -> str:
    """``_shorten`` padded to ``width`` visible characters."""
    cell = _shorten(text, width)
    return cell + " " * max(width - (len(cell) - 2), 0)


def _polarity_tag(s: Any) -> str:
    """asserts / denies / questions, with "not" when the claim's own words negate it."""
    return f"{s.polarity}{' not' if s.negated else ''}"


def _echo_table(article: Any, statements: Any) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo(f"{article.doc}  [{article.lang or '?'}]  {len(statements)} statement(s)")
    for s in statements:
        typer.echo(f"  {s.kind:<9} {_polarity_tag(s):<10} {_pad(s.speaker or '—', 24)} {_shorten(s.text, max(width - 50, 20))}")
    typer.echo("")


@app.command("extract")
def extract_cmd(
    paths: list[Path] = typer.Argument(
        ..., help="Article files or folders (.txt .md .html .htm .jsonl; folders are read recursively)."
    ),
    fmt: ExtractFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="table (readable), json (one array) or jsonl (one statement a line). "
        "Default: table on a terminal, jsonl otherwise.",
    ),
) -> None:
    """Extract quotes, reported speech and check-worthy claims, with their speakers, from articles."""
    from factrack.extract import extract_paths

    out = fmt or (ExtractFormat.table if is_terminal() else ExtractFormat.jsonl)
    progress = sys.stderr.isatty()
    counts = {"articles": 0, "statements": 0}
    collected: list[dict[str, Any]] = []

    def run() -> None:
        for item in extract_paths([str(p) for p in paths]):
            if isinstance(item, Failure):
                if progress:
                    sys.stderr.write("\r\033[K")
                warn(f"skipped {item.doc}: {item.reason}")
                continue
            article, statements = item
            counts["articles"] += 1
            counts["statements"] += len(statements)
            if out is ExtractFormat.table:
                _echo_table(article, statements)
            elif out is ExtractFormat.jsonl:
                print_jsonl(_statement_rows(statements))
                sys.stdout.flush()
            else:
                collected.extend(_statement_rows(statements))
            if progress:
                sys.stderr.write(f"\r\033[Kextracting: {counts['articles']} article(s), {counts['statements']} statement(s)")
                sys.stderr.flush()
        if progress:
            sys.stderr.write("\r\033[K")

    guarded(run)
    if out is ExtractFormat.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    if counts["articles"] == 0:
        raise fail("no article could be read from the given paths", 2)


# ---------------------------------------------------------------------------- index, lookup, speakers, reindex
DB_HELP = "Store folder. Default: $FACTRACK_HOME, else the user data folder (platformdirs)."
PAIR_HELP = ("The pair model blended with the cue classifier: clean (default; trained only on data that allows "
             "commercial use), research (also NLI data for research use only), a pair-model file, or none (the cue "
             "classifier alone, fastest). Used with the bundled e5 embeddings; see docs/compare.md.")


class LookupFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def emit(items: list[Any], fmt: LookupFormat | None, table: Callable[[list[Any]], None], empty: str) -> None:
    """Print records: JSON lines when asked for or piped, else a table, or ``empty`` when none."""
    out = fmt or (LookupFormat.table if is_terminal() else LookupFormat.jsonl)
    if out is LookupFormat.jsonl:
        print_jsonl(item.to_dict() for item in items)
    elif items:
        table(items)
    else:
        typer.echo(empty)


def _ix_progress(label: str) -> Callable[[int, int], None] | None:
    """A one-line progress counter on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r\033[K{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\r\033[K")
        sys.stderr.flush()

    return show


@app.command("index")
def index_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders to index (read recursively)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    model: str | None = typer.Option(
        None, "--model", help="Embedding model: e5-small (default, bundled), fake[:DIM], or a sentence-transformers path."
    ),
    prune: bool = typer.Option(False, "--prune", help="Drop stored articles whose files under PATHS are gone."),
    json_out: bool = typer.Option(False, "--json", help="Print the run summary as JSON on stdout."),
    wait: float = typer.Option(
        0.0, "--wait", min=0.0, help="Seconds to wait for another writer to finish (default: exit 75 at once)."
    ),
    pair_model: str | None = typer.Option(None, "--pair-model", help=PAIR_HELP),
) -> None:
    """Index articles (the nightly job): extract, embed and store what is new or changed.

    Unchanged articles (same size and time, or same content hash) cost nothing and load no model;
    changed ones replace their old statements. New statements are scored for contradictions.

    Exit codes: 0 all read, 1 some articles failed (others indexed), 2 nothing could be read,
    4 store problem (e.g. built with another model: run `factrack reindex`), 75 store locked.
    """
    from factrack.index import run_index

    summary = guarded(lambda: run_index([str(p) for p in paths], db=db, model=model, prune=prune, wait=wait,
                                        progress=_ix_progress("indexing"), pair_model=pair_model))
    if json_out:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
    else:
        for f in summary.failed:
            warn(f"skipped {f.doc}: {f.reason}")
        typer.echo(
            f"articles: {summary.articles_added} added, {summary.changed} changed, {summary.unchanged} unchanged, "
            f"{summary.articles_pruned} pruned, {len(summary.failed)} failed; statements: "
            f"{summary.statements_added} added, {summary.statements_removed} removed; claims: "
            f"{summary.claims_started} new, {summary.claims_joined} statement(s) joined one ({summary.seconds:.1f} s)"
        )
    if summary.read == 0:
        raise fail("no article could be read from the given paths", 2)
    if summary.failed:
        raise typer.Exit(1)


def _ix_hit_table(hits: Any) -> None:
    """Each hit: a header line (speaker | source | date | score | kind, lang, id), the statement,
    the sentence it sits in when longer, its place in the article, and a marked line when a stored
    verdict contradicts it."""
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo("    speaker | source | published | score (cosine) | kind, stance, lang, statement id")
    for n, hit in enumerate(hits, 1):
        s = hit.statement
        cosine = f" ({hit.similarity:.2f})" if hit.similarity is not None else ""
        typer.echo(f"{n:>2}. " + typer.style(_shorten(s.speaker or "—", 40), bold=True)
                   + f" | {_shorten(s.source or '—', 30)} | {_date(s)} | {hit.score:.3f}{cosine} | "
                   f"{s.kind}, {_polarity_tag(s)}, {s.lang}, #{s.id}")
        typer.echo(f"    {_shorten(s.text, max(width - 4, 20))}")
        if s.sentence and s.sentence.strip() != s.text.strip():
            typer.echo(f"    in: {_shorten(s.sentence, max(width - 8, 20))}")
        typer.echo(typer.style(f"    {s.doc}:{s.start}-{s.end}", dim=True))
        if hit.contradicted_by:
            ids = ", ".join(f"#{i}" for i in hit.contradicted_by)
            typer.secho(f"    ✗ CONTRADICTED by {ids}  (factrack compare {s.id} {hit.contradicted_by[0]} --db DIR)",
                        fg="red", bold=True)


def _date(s: Any) -> str:
    return (s.published or "")[:10] or "—"


def _visible(text: str) -> int:
    """Columns a line takes on a terminal: the bidi isolates take none."""
    return len(text) - text.count("\u2068") - text.count("\u2069")


def _member_line(m: Any, width: int, indent: str = "      ") -> str:
    s = m.statement
    head = (f"{indent}{m.stance:<9} {_pad(s.speaker or '—', 22)} {_pad(s.source or Path(s.doc).name, 18)} "
            f"{_date(s):<10} [{s.lang}] #{s.id} ")
    return head + _shorten(s.text, max(width - _visible(head), 20))


def _claim_hit_table(hits: Any) -> None:
    """Each claim: its best-matching statement (as in --statements), then the claim's other
    statements with their stance toward it, other outlets and the other language included."""
    width = shutil.get_terminal_size((120, 24)).columns
    for n, hit in enumerate(hits, 1):
        c, s = hit.claim, hit.best.statement
        cosine = f" ({hit.best.similarity:.2f})" if hit.best.similarity is not None else ""
        typer.echo(typer.style(f"{n:>2}. claim #{c.id}", bold=True)
                   + f" | {len(c.members)} statement(s) | {', '.join(c.languages)} | {len(c.sources)} source(s)"
                   f" | score {hit.score:.3f}{cosine}")
        typer.echo(f"    best: {_shorten(s.speaker or '—', 30)} ({_polarity_tag(s)}) | {_shorten(s.source or Path(s.doc).name, 30)}"
                   f" | {_date(s)} | {s.kind}, {s.lang}, #{s.id}")
        typer.echo(f"      {_shorten(s.text, max(width - 6, 20))}")
        others = [m for m in c.members if m.statement.id != s.id]
        for m in others[:8]:
            typer.echo(_member_line(m, width))
        if len(others) > 8:
            typer.echo(f"      … {len(others) - 8} more: factrack claims {c.id}")
        if hit.best.contradicted_by:
            typer.secho(f"    ✗ CONTRADICTED: see factrack contradictions (#{', #'.join(map(str, hit.best.contradicted_by[:5]))})",
                        fg="red", bold=True)


POLARITY_HELP = "Only statements whose speaker asserts, denies or questions the claim."


@app.command("lookup")
def lookup_cmd(
    query: str = typer.Argument(..., help="What to look for, in Arabic or English (matches both languages)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    k: int = typer.Option(10, "-k", "--top", min=1, help="How many claims (or statements) to return."),
    speaker: str | None = typer.Option(
        None, "--speaker", help="Only this speaker: any alias, either language, or part of a name."
    ),
    lang: str | None = typer.Option(None, "--lang", help="Only statements in this language (ar, en)."),
    kind: str | None = typer.Option(None, "--kind", help="Only this kind: direct, partial, indirect, claim."),
    polarity: str | None = typer.Option(None, "--polarity", help=POLARITY_HELP + " (asserts, denies, questions)"),
    source: str | None = typer.Option(None, "--source", help="Only articles from this source."),
    since: str | None = typer.Option(None, "--since", help="Only articles published on or after this ISO date."),
    until: str | None = typer.Option(None, "--until", help="Only articles published on or before this ISO date."),
    statements: bool = typer.Option(False, "--statements", help="A flat list of statements instead of claims."),
    fmt: LookupFormat | None = typer.Option(
        None, "--format", "-f", help="table (readable) or jsonl. Default: table on a terminal, jsonl otherwise."
    ),
) -> None:
    """Find the claims matching a query: dense (cross-lingual) and full-text retrieval, fused.

    Each hit is a claim: its best-matching statement first (speaker, stance, source, date, kind,
    language, id), then the claim's other statements, in both languages, with their stance toward
    it. The filters choose which statements may match. --statements lists statements instead, one
    a hit, marked CONTRADICTED when a stored verdict contradicts them. jsonl rows carry the same fields.
    """
    from factrack.search import run_lookup

    hits = guarded(lambda: run_lookup(query, db=db, k=k, speaker=speaker, lang=lang, kind=kind, polarity=polarity,
                                      source=source, since=since, until=until, statements=statements))
    empty = "no matching statements (try fewer filters, or other words)"
    emit(hits, fmt, _ix_hit_table if statements else _claim_hit_table, empty)


@app.command("speakers")
def speakers_cmd(
    name: str | None = typer.Argument(None, help="A speaker (any alias): list their statements in date order."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    fmt: LookupFormat | None = typer.Option(
        None, "--format", "-f", help="table (readable) or jsonl. Default: table on a terminal, jsonl otherwise."
    ),
) -> None:
    """List speakers with their aliases and statement counts, or one speaker's statements.

    NAME may be any alias in either language, or part of a name ("Kadhimi", "بايدن"). One
    speaker's statements come in date order with their stance (asserts, denies, questions),
    followed by the claims the speaker denied.
    """
    from factrack.search import run_speakers

    rows = guarded(lambda: run_speakers(name, db=db))
    out = fmt or (LookupFormat.table if is_terminal() else LookupFormat.jsonl)
    if name is None:
        if out is LookupFormat.jsonl:
            print_jsonl({"name": n, "aliases": list(a), "count": c} for n, a, c in rows)
        for n, aliases, count in rows if out is LookupFormat.table else ():
            typer.echo(f"{count:>6}  {n}" + (f"  ({', '.join(aliases)})" if aliases else ""))
        return
    if out is LookupFormat.jsonl:
        print_jsonl(s.to_dict() for s in rows)
        return
    if not rows:
        typer.echo(f"no statements by {name}")
        return
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo("published | source (else file) | kind, stance, lang, statement id")
    for s in rows:
        typer.echo(f"{_date(s)} | {_shorten(s.source or Path(s.doc).name, 30)} | "
                   f"{s.kind}, {_polarity_tag(s)}, {s.lang}, #{s.id}")
        typer.echo(f"    {_shorten(s.text, max(width - 4, 20))}")
    denied = [s for s in rows if str(s.polarity) == "denies"]
    if denied:
        typer.echo(f"\n{name} denied {len(denied)} claim(s):")
        for s in denied:
            typer.echo(f"  ✗ {_date(s)} #{s.id} {_shorten(s.text, max(width - 20, 20))}")


@app.command("reindex")
def reindex_cmd(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    model: str | None = typer.Option(None, "--model", help="Embedding model to re-embed with (default bundled e5)."),
    wait: float = typer.Option(0.0, "--wait", min=0.0, help="Seconds to wait for another writer to finish."),
) -> None:
    """Re-embed every stored statement with the given model and rebuild the vector index.

    Needed after changing --model: a store refuses vectors from another model. An interrupted
    reindex is refused by lookups until reindex is run again. Exit codes: 0 done, 4 store problem,
    75 store locked.
    """
    from factrack.index import run_reindex

    n = guarded(lambda: run_reindex(db=db, model=model, wait=wait, progress=_ix_progress("re-embedding")))
    typer.echo(f"re-embedded {n} statement(s)")


# ---------------------------------------------------------------------------- compare
# = factrack.compare.contradictions.DEFAULT_MIN_STRENGTH (tested); not imported: compare costs 0.2 s at start-up
DEFAULT_MIN_STRENGTH = 0.7
NLI_HELP = ("A sentence-transformers CrossEncoder NLI model (path or name) to combine with the cues, "
            "or a factrack pair-model file (.safetensors) made by scripts/train_pair_model.py.")


@app.command("compare")
def compare_cmd(
    a: str | None = typer.Argument(None, help="First statement: text, or a stored statement id (digits) with --db."),
    b: str | None = typer.Argument(None, help="Second statement: text or id."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP + " Used when A or B is an id."),
    pairs: Path | None = typer.Option(
        None, "--pairs", help='Score many pairs: JSON lines with "a" and "b" ("-" = stdin); one verdict a line out.'
    ),
    model: str | None = typer.Option(None, "--model", help="Embedding model (default bundled e5; fake[:DIM] for tests)."),
    nli_model: str | None = typer.Option(None, "--nli-model", help=NLI_HELP),
    pair_model: str | None = typer.Option(None, "--pair-model", help=PAIR_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print relation, score and reasons as JSON."),
) -> None:
    """Judge two statements: contradiction, agreement, neutral or unrelated, with a score and reasons.

    Exit codes: 0 done, 1 some --pairs lines were bad, 2 bad input.
    """
    from factrack.compare.commands import run_compare, run_compare_pairs

    if pairs is not None:
        if a is not None or b is not None:
            raise fail("give either two statements or --pairs FILE, not both", 2)
        bad = 0

        def run() -> None:
            nonlocal bad
            try:
                handle = sys.stdin if str(pairs) == "-" else pairs.open(encoding="utf-8")
            except OSError as e:
                raise fail(f"cannot read {pairs}: {e.strerror}", 2) from None
            with handle:
                for row in run_compare_pairs(handle, model=model, nli_model=nli_model, pair_model=pair_model):
                    bad += "error" in row
                    sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")

        guarded(run)
        if bad:
            warn(f"{bad} line(s) could not be scored")
            raise typer.Exit(1)
        return
    if a is None or b is None:
        raise fail("give two statements (or --pairs FILE)", 2)
    v = guarded(lambda: run_compare(a, b, db=db, model=model, nli_model=nli_model, pair_model=pair_model))
    if json_out:
        sys.stdout.write(json.dumps(v.to_dict(), ensure_ascii=False) + "\n")
        return
    typer.echo(f"{v.relation} ({v.score:.2f}; contradiction {v.p_contradiction:.2f})")
    for r in v.reasons:
        typer.echo(f"  - {r}")


def _cx_table(found: Any) -> None:
    width = max(shutil.get_terminal_size((120, 24)).columns - 8, 20)
    for n, c in enumerate(found, 1):
        typer.echo(f"{n:>2}. {c.score:.2f}  " + "; ".join(r for r in c.reasons if not r.startswith("similarity")))
        for tag, s in (("A", c.a), ("B", c.b)):
            typer.echo(f"    {tag} #{s.id} {_shorten(s.speaker or '—', 40)} | {_shorten(s.source or s.doc, 40)} | {_date(s)} [{s.lang}]")
            typer.echo(f"      {_shorten(s.text, width)}")


def _claim_cx_table(found: Any) -> None:
    """Each row once: the reason, then each side's strongest statement with how many statements
    and sources stand on that side, and the claim it belongs to."""
    width = max(shutil.get_terminal_size((120, 24)).columns - 8, 20)
    for n, c in enumerate(found, 1):
        typer.echo(typer.style(f"{n:>2}. {c.score:.2f}  ", bold=True) + "; ".join(c.reasons))
        if getattr(c, "mark", None) is not None:
            typer.echo(f"    reviewed: {c.mark.mark}" + (f" by {c.mark.reviewer}" if c.mark.reviewer else "")
                       + f", {c.mark.created[:10]}" + (f": {_shorten(c.mark.note, 80)}" if c.mark.note else ""))
        for tag, side in (("A", c.a), ("B", c.b)):
            s = side.best
            typer.echo(f"    {tag} claim #{side.claim.id} ({side.stance}): {len(side.statements)} statement(s), "
                       f"{len(side.sources)} source(s) | best #{s.id} {_shorten(s.speaker or '—', 30)} "
                       f"({_polarity_tag(s)}) | {_shorten(s.source or Path(s.doc).name, 30)} | {_date(s)} [{s.lang}]")
            typer.echo(f"      {_shorten(s.text, width)}")


@app.command("contradictions")
def contradictions_cmd(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    speaker: str | None = typer.Option(None, "--speaker", help="Only pairs where either side is this speaker (any alias)."),
    since: str | None = typer.Option(None, "--since", help="Only pairs with a statement published on or after this ISO date."),
    min_score: float = typer.Option(
        DEFAULT_MIN_STRENGTH, "--min-score", min=0.0, max=1.0,
        help="Only contradictions this strong (probability, lowered when no cue word explains it or the statements are far apart). 0 lists all.",
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many rows."),
    statements: bool = typer.Option(False, "--statements", help="List statement pairs instead of claim pairs."),
    include_self: bool = typer.Option(False, "--self", help="Also list a speaker against themself."),
    show_false_positives: bool = typer.Option(False, "--show-false-positives", help="Also list pairs a reviewer marked false_positive (`factrack review`)."),
    nli_model: str | None = typer.Option(None, "--nli-model", help=NLI_HELP + " Used only when scoring a new store."),
    pair_model: str | None = typer.Option(None, "--pair-model", help=PAIR_HELP + " Used only when scoring a new store."),
    fmt: LookupFormat | None = typer.Option(
        None, "--format", "-f", help="table (readable) or jsonl. Default: table on a terminal, jsonl otherwise."
    ),
) -> None:
    """List contradicting claims across the store, strongest first, each pair once, with reasons.

    A row is either one claim that some speakers assert and others deny, or two claims judged
    contradictory (a different figure for the same thing, an opposed outcome ...), with each
    side's strongest statement and how many statements and sources stand on it. --statements
    lists statement pairs instead. Verdicts are computed by `factrack index` for new statements;
    a store with none yet is scored first.
    """
    from factrack.compare.commands import run_contradictions
    from factrack.review import run_reviewed_contradictions

    listing: Callable[..., Any] = run_contradictions if statements else run_reviewed_contradictions
    extra = {} if statements else {"show_false_positives": show_false_positives}
    found = guarded(lambda: listing(db=db, speaker=speaker, since=since, min_score=min_score, limit=limit,
                                    nli_model=nli_model, pair_model=pair_model, statements=statements,
                                    include_self=include_self, progress=_ix_progress("scoring pairs"), **extra))
    emit(found, fmt, _cx_table if statements else _claim_cx_table,
         "no contradictions found (try a lower --min-score, or without --speaker/--since)")


# ---------------------------------------------------------------------------- claims
def _claims_table(claims: Any) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo("claim | statements | languages | sources | for / against | first – last")
    for c in claims:
        first, last = c.dates
        typer.echo(typer.style(f"#{c.id}", bold=True) + f" | {len(c.members)} | {', '.join(c.languages)} | "
                   f"{len(c.sources)} | {len(c.speakers('for'))} / {len(c.speakers('against'))} | "
                   f"{first or '—'} – {last or '—'}")
        typer.echo(f"    {_shorten(c.label.text, max(width - 4, 20))}")
        against = c.speakers("against")
        typer.echo(f"    for: {_shorten(', '.join(c.speakers('for')) or '—', max(width // 2 - 10, 20))}"
                   + (f"  against: {_shorten(', '.join(against), max(width // 2 - 14, 20))}" if against else ""))


def _claim_table(claims: Any) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    for c in claims:
        first, last = c.dates
        typer.echo(typer.style(f"claim #{c.id}", bold=True) + f": {len(c.members)} statement(s), "
                   f"{', '.join(c.languages)}, {len(c.sources)} source(s), {first or '—'} – {last or '—'}")
        typer.echo(f"  {_shorten(c.label.text, max(width - 2, 20))}")
        typer.echo("      stance    speaker                source             date       lang id, statement")
        for m in c.members:
            typer.echo(_member_line(m, width))
            s = m.statement
            if s.sentence and s.sentence.strip() != s.text.strip():
                typer.echo(typer.style(f"        in: {_shorten(s.sentence, max(width - 12, 20))}", dim=True))


@app.command("claims")
def claims_cmd(
    claim_id: int | None = typer.Argument(None, help="One claim's id: show every statement of it."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    min_statements: int = typer.Option(2, "--min-statements", min=1, help="Only claims with this many statements (1: all)."),
    speaker: str | None = typer.Option(None, "--speaker", help="Only claims this speaker takes part in (any alias)."),
    lang: str | None = typer.Option(None, "--lang", help="Only claims with a statement in this language (ar, en)."),
    limit: int | None = typer.Option(50, "--limit", min=1, help="At most this many claims."),
    fmt: LookupFormat | None = typer.Option(
        None, "--format", "-f", help="table (readable) or jsonl. Default: table on a terminal, jsonl otherwise."
    ),
) -> None:
    """List claims: statements that make (or deny) the same proposition, across sources and languages.

    Each claim shows its label (first statement), statement count, languages, sources, the
    speakers for and against it, and its first and last date; most statements first. With an ID,
    every statement of that claim with speaker, stance, source, date and sentence.
    """
    from factrack.claims import run_claims

    if claim_id is not None:
        found = guarded(lambda: run_claims(claim_id, db=db))
        emit(found, fmt, _claim_table, "")
        return
    found = guarded(lambda: run_claims(db=db, min_statements=min_statements, speaker=speaker, lang=lang, limit=limit))
    emit(found, fmt, _claims_table, "no claims found (try --min-statements 1)")


# ---------------------------------------------------------------------------- review
class ReviewAction(StrEnum):
    set = "set"
    list = "list"
    clear = "clear"


class ReviewFormat(StrEnum):
    table = "table"
    json = "json"


def _review_table(marks: Any) -> None:
    for m in marks:
        refs = m.refs
        what = (f"contradiction claims #{refs['claims'][0]} / #{refs['claims'][1]}" if m.target == "contradiction"
                else f"claim #{refs.get('claim')}" if m.target == "claim" else f"statement #{refs.get('statement')}")
        typer.echo(typer.style(f"{m.mark:<15}", bold=True) + f"{what} | {m.reviewer or '—'} | {m.created[:16]}")
        texts = refs.get("labels") or [refs.get("label") or refs.get("text") or ""]
        for t in texts:
            typer.echo(f"    {_shorten(t, 100)}")
        if m.note:
            typer.echo(f"    note: {_shorten(m.note, 100)}")


@app.command("review")
def review_cmd(
    action: ReviewAction = typer.Argument(..., help="set a mark, list marks, or clear a mark."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    statement: int | None = typer.Option(None, "--statement", help="The statement's id."),
    claim: int | None = typer.Option(None, "--claim", help="The claim's id."),
    contradiction: tuple[int, int] | None = typer.Option(
        None, "--contradiction", help="The two claims' ids, in any order (one claim twice: its supporters against its deniers)."),
    mark: str | None = typer.Option(None, "--mark", "-m", help="confirmed, false_positive or needs_checking (set)."),
    note: str = typer.Option("", "--note", help="Why (set)."),
    reviewer: str = typer.Option("", "--reviewer", help="Who reviewed it (set)."),
    fmt: ReviewFormat = typer.Option(ReviewFormat.table, "--format", "-f", help="table or json."),
) -> None:
    """Mark a contradiction, a claim or a statement as confirmed, false_positive or needs_checking.

    Marks are kept across re-indexing (they follow the statements' article and words, not ids).
    `contradictions` hides pairs marked false_positive (unless --show-false-positives) and lists
    confirmed ones first; `serve` shows and sets marks in the browser.
    """
    from factrack.review import run_review

    target, ids = None, []
    if statement is not None:
        target, ids = "statement", [statement]
    elif claim is not None:
        target, ids = "claim", [claim]
    elif contradiction is not None:
        target, ids = "contradiction", list(contradiction)
    found = guarded(lambda: run_review(str(action), target, ids, db=db, mark=mark, note=note, reviewer=reviewer))
    if fmt is ReviewFormat.json:
        typer.echo(json.dumps([m.to_dict() for m in found], ensure_ascii=False, indent=1))
    elif found:
        _review_table(found)
    else:
        typer.echo("no review marks")


# ---------------------------------------------------------------------------- serve
@app.command("serve")
def serve_cmd(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    port: int = typer.Option(8765, "--port", min=1, max=65535, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every change (review marks): no forms, POST answers 403."),
    article_files: bool = typer.Option(True, "--article-files/--no-article-files",
                                       help="Show an article's whole text from its indexed file when unchanged (relative paths: from this folder)."),
) -> None:
    """Browse the store in a web browser: search, claims, articles, contradictions, speakers; set review marks.

    Binds 127.0.0.1 unless --host says otherwise; there is no login, so bind another address only
    on a network you trust (and consider --read-only).
    """
    from factrack.serve import create_app
    from factrack.store import default_path

    path = db or default_path()
    web = guarded(lambda: create_app(path, read_only=read_only, warm=True, article_files=article_files))
    import uvicorn

    typer.echo(f"factrack: serving {path} on http://{host}:{port}/" + (" (read-only)" if read_only else ""), err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")


# ---------------------------------------------------------------------------- report
class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    csv = "csv"
    claimreview = "claimreview"


@app.command("report")
def report_cmd(
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    fmt: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f",
                                     help="html (self-contained page), md, csv (one row per contradiction) or "
                                          "claimreview (schema.org ClaimReview JSON-LD of the reviewed claims)."),
    since: str | None = typer.Option(None, "--since", help="Only contradictions and claims with a statement on or after this ISO date."),
    speaker: str | None = typer.Option(None, "--speaker", help="Only what this speaker (any alias) takes part in."),
    reviewed: bool | None = typer.Option(None, "--reviewed/--unreviewed", help="Only reviewed (or only unreviewed) contradictions and claims."),
    top: int = typer.Option(50, "--top", min=1, help="At most this many contradictions, claims and speakers."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Write a report of the store: top contradictions with both sides, the claims with the most
    sources, the speakers; or ClaimReview JSON-LD for the reviewed claims."""
    from factrack.report import run_report

    summary = guarded(lambda: run_report(out, str(fmt), db=db, since=since, speaker=speaker, reviewed=reviewed, top=top))
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        typer.echo(f"wrote {summary.out} ({summary.format}, {summary.bytes:,} bytes): {summary.contradictions} "
                   f"contradiction(s), {summary.claims} claim(s), {summary.speakers} speaker(s)")
