"""The command line. Each command parses its options, calls one library function and prints.

Library errors (``factrack.errors``) become one-line messages on stderr and exit codes; nothing
below this module prints or exits.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable
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


def _version(value: bool) -> None:
    if not value:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        typer.echo(f"factrack {version('factrack')}")
    except PackageNotFoundError:
        typer.echo("factrack (version unknown: not installed; pip install -e .)")
    raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print factrack's version and exit."),
) -> None:
    pass


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
    """JSON lines (kept for callers that predate ``write_records``)."""
    write_records(rows, Format.jsonl)


def is_terminal() -> bool:
    return sys.stdout.isatty()


# ---------------------------------------------------------------------------- output, one helper for all commands
class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class SummaryFormat(StrEnum):
    """A run summary (index, reindex): one record, read by a person or by a scheduler."""

    table = "table"
    json = "json"


FORMAT_HELP = ("table (readable), json (one array), jsonl (one record a line) or csv (a header row, one row a "
               "record, nested fields as dotted columns, lists joined by '; '). Default: table on a terminal, "
               "jsonl when piped.")


def format_option(help: str = FORMAT_HELP) -> Any:
    """The one ``--format/-f`` option, the same on every command that prints results."""
    return typer.Option(None, "--format", "-f", help=help, case_sensitive=False)


def resolve_format(fmt: Format | None, *, piped: Format = Format.jsonl, json_alias: bool = False) -> Format:
    """The format asked for; ``--json`` means ``--format json``; else table on a terminal and
    ``piped`` otherwise (jsonl: a pipe gets records, not a layout)."""
    if json_alias:
        if fmt not in (None, Format.json):
            raise fail(f"--json and --format {fmt} disagree: give one", 2)
        return Format.json
    return fmt or (Format.table if is_terminal() else piped)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "; ".join(_csv_cell(v) for v in value)
        return json.dumps(value, ensure_ascii=False)  # a list of records stays whole, as JSON
    return str(value)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """One CSV row from a nested record: ``{"a": {"id": 1}}`` becomes ``{"a.id": "1"}``."""
    out: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = _csv_cell(value)
    return out


def write_records(records: Iterable[dict[str, Any]], fmt: Format, *, single: bool = False) -> int:
    """Print records as json (one array; one object when ``single``), jsonl (streamed) or csv
    (header from the union of the rows' columns, in order of first appearance). Returns the count."""
    if fmt is Format.jsonl:
        n = 0
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            n += 1
        return n
    rows = list(records)
    if fmt is Format.json:
        body: Any = rows[0] if single and len(rows) == 1 else rows
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    elif fmt is Format.csv:
        flat = [flatten(r) for r in rows]
        columns = list(dict.fromkeys(c for r in flat for c in r))
        if columns:
            writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(flat)
    return len(rows)


def emit(items: list[Any], fmt: Format, table: Callable[[list[Any]], None], empty: str,
         record: Callable[[Any], dict[str, Any]] = lambda item: item.to_dict(), *, single: bool = False) -> None:
    """Print results: ``table`` (or ``empty`` when none, so that a person knows what to relax),
    else records in ``fmt`` (an empty result is an empty array, no line, no row)."""
    if fmt is not Format.table:
        write_records((record(item) for item in items), fmt, single=single)
    elif items:
        table(items)
    else:
        typer.echo(empty)


# ---------------------------------------------------------------------------- extract
# (commands are added below, one block per pipeline stage)


def _statement_rows(statements: Any) -> list[dict[str, Any]]:
    return [s.to_dict() for s in statements]


def _char_width(ch: str) -> int:
    """Terminal columns of one character: none for combining marks (Arabic harakat, shadda) and
    format characters (bidi isolates, ZWJ), two for wide East Asian ones, else one."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _visible(text: str) -> int:
    """Columns a line takes on a terminal (``_char_width`` summed)."""
    return sum(_char_width(ch) for ch in text)


def _cut(text: str, width: int) -> str:
    """The longest start of ``text`` that takes at most ``width`` columns (marks stay with their letter)."""
    used = 0
    for i, ch in enumerate(text):
        used += _char_width(ch)
        if used > width:
            return text[:i]
    return text


def _shorten(text: str, width: int) -> str:
    """One line of at most ``width`` columns, cut at a word boundary, isolated for bidi.

    The isolate marks (FSI … PDI) keep an Arabic cell from reordering its neighbours on a
    terminal that applies the bidi algorithm; they take no width. Every table cell that holds
    free text (speaker, source, text, file) goes through here."""
    text = " ".join(text.split())
    if _visible(text) > width:
        cut = _cut(text, max(width - 1, 1))
        space = cut.rfind(" ")
        text = (cut[:space] if _visible(cut[:space]) > width // 2 else cut) + "…"
    return f"\u2068{text}\u2069"


def _fit(head: str, tail: str, width: int, least: int = 12) -> str:
    """``head`` then ``tail`` shortened to what is left of ``width`` columns: a line that never
    wraps on a terminal of that width (unless ``head`` alone is too long)."""
    return head + _shorten(tail, max(width - _visible(head), least))


def _isolate(text: str) -> str:
    """A cell kept whole (a file path: cutting it would lose the file's name), isolated for bidi."""
    return f"\u2068{' '.join(text.split())}\u2069"


def _pad(text: str, width: int) -> str:
    """``_shorten`` padded to ``width`` visible columns."""
    cell = _shorten(text, width)
    return cell + " " * max(width - _visible(cell), 0)


def _polarity_tag(s: Any) -> str:
    """asserts / denies / questions, with "not" when the claim's own words negate it."""
    return f"{s.polarity}{' not' if s.negated else ''}"


def _echo_table(article: Any, statements: Any) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo(f"{_isolate(article.doc)}  [{article.lang or '?'}]  {len(statements)} statement(s)")
    for s in statements:
        typer.echo(f"  {s.kind:<9} {_polarity_tag(s):<10} {_pad(s.speaker or '—', 24)} "
                   f"{_shorten(s.text, max(width - 50, 20))}")
    typer.echo("")


@app.command("extract")
def extract_cmd(
    paths: list[Path] = typer.Argument(
        ..., help="Article files or folders (.txt .md .html .htm .jsonl; folders are read recursively)."
    ),
    fmt: Format | None = format_option(FORMAT_HELP + " jsonl is streamed an article at a time."),
) -> None:
    """Extract quotes, reported speech and check-worthy claims, with their speakers, from articles."""
    from factrack.commands.extract import run_extract

    out = resolve_format(fmt)
    progress = sys.stderr.isatty()
    counts = {"articles": 0, "statements": 0}
    collected: list[dict[str, Any]] = []

    def run() -> None:
        for item in run_extract([str(p) for p in paths]):
            if isinstance(item, Failure):
                if progress:
                    sys.stderr.write("\r\033[K")
                warn(f"skipped {item.doc}: {item.reason}")
                continue
            article, statements = item
            counts["articles"] += 1
            counts["statements"] += len(statements)
            if out is Format.table:
                _echo_table(article, statements)
            elif out is Format.jsonl:
                write_records(_statement_rows(statements), out)
            else:
                collected.extend(_statement_rows(statements))
            if progress:
                sys.stderr.write(f"\r\033[Kextracting: {counts['articles']} article(s), "
                                 f"{counts['statements']} statement(s)")
                sys.stderr.flush()
        if progress:
            sys.stderr.write("\r\033[K")

    guarded(run)
    if out in (Format.json, Format.csv):
        write_records(collected, out)
    if counts["articles"] == 0:
        raise fail("no article could be read from the given paths", 2)


# ---------------------------------------------------------------------------- index, lookup, speakers, reindex
def default_store() -> Path:
    """= ``factrack.store.default_path()`` (tested); not imported: the store costs 0.2 s at start-up."""
    env = os.environ.get("FACTRACK_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("factrack"))


DB_HELP = f"Store folder. Default: {default_store()} (the user data folder; $FACTRACK_HOME overrides it)."
PAIR_HELP = ("The pair model blended with the cue classifier: clean (default; trained only on data that allows "
             "commercial use), research (also NLI data for research use only), a pair-model file, or none (the cue "
             "classifier alone, fastest). Used with the bundled e5 embeddings; see docs/compare.md.")


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
        None, "--model",
        help="Embedding model: e5-small (default, bundled), fake[:DIM], or a sentence-transformers path.",
    ),
    prune: bool = typer.Option(False, "--prune", help="Drop stored articles whose files under PATHS are gone."),
    json_out: bool = typer.Option(False, "--json", help="Short for --format json."),
    wait: float = typer.Option(
        0.0, "--wait", min=0.0, help="Seconds to wait for another writer to finish (default: exit 75 at once)."
    ),
    pair_model: str | None = typer.Option(None, "--pair-model", help=PAIR_HELP),
    max_failed: int = typer.Option(
        0, "--max-failed", min=0, help="Inputs that may fail (skipped, reported) before the exit code says so."
    ),
    no_refresh: bool = typer.Option(
        False, "--no-refresh",
        help="Keep articles extracted and verdicts made by an older pipeline or scorer as they are.",
    ),
    summary_fmt: SummaryFormat | None = typer.Option(
        None, "--format", "-f", case_sensitive=False,
        help="The run summary as table (one readable line; the default, also when piped) or json (one object)."),
) -> None:
    """Index articles (the nightly job): extract, embed and store what is new or changed.

    Unchanged articles (same size and time, or same content hash) cost nothing and load no model;
    changed ones replace their old statements. An article is the same whatever path reaches it
    (files by resolved path, feed rows by id, URL or content). A killed or interrupted run keeps
    what it committed; the next run does what is left, contradiction scoring included. Articles
    extracted by another extraction (code version, language tables, speaker list) are extracted
    again, and verdicts made by another scorer made again, unless --no-refresh. Without
    --pair-model the store's own scorer is used (the default for a new store).

    Exit codes: 0 done (at most --max-failed inputs skipped), 1 more inputs than --max-failed
    failed (the others are indexed), 2 nothing could be read or bad usage, 3 model problem,
    4 store problem (damaged, full disk, built with another model: run `factrack reindex`),
    75 another writer holds the store (retry later), 130 interrupted.
    """
    from factrack.commands.indexing import run_index

    summary = guarded(lambda: run_index([str(p) for p in paths], db=db, model=model, prune=prune, wait=wait,
                                        progress=_ix_progress("indexing"), pair_model=pair_model,
                                        refresh=not no_refresh))
    for f in summary.failed:
        warn(f"skipped {f.doc}: {f.reason}")
    if json_out or summary_fmt is SummaryFormat.json:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
    else:
        left = f", {summary.still_to_score} left to score" if summary.still_to_score else ""
        typer.echo(
            f"articles: {summary.articles_added} added, {summary.changed} changed, {summary.unchanged} unchanged, "
            f"{summary.articles_pruned} pruned, {len(summary.failed)} failed; statements: "
            f"{summary.statements_added} added, {summary.statements_removed} removed; claims: "
            f"{summary.claims_started} new, {summary.claims_joined} statement(s) joined one; contradictions: "
            f"{summary.contradictions_added} new ({summary.statements_scored} statements scored{left}) "
            f"({summary.seconds:.1f} s)"
        )
    if summary.read == 0:
        raise fail("no article could be read from the given paths", 2)
    if len(summary.failed) > max_failed:
        raise typer.Exit(1)


def _ix_hit_table(hits: Any) -> None:
    """Each hit: a header line (speaker | date | score | kind, lang, id | source), the statement,
    the sentence it sits in when longer, its place in the article, and a marked line when a stored
    verdict contradicts it."""
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo("    speaker | published | score (cosine) | kind, stance, lang, id | source")
    for n, hit in enumerate(hits, 1):
        s = hit.statement
        cosine = f" ({hit.similarity:.2f})" if hit.similarity is not None else ""
        speaker = _shorten(s.speaker or "—", min(40, max(width // 4, 12)))
        rest = f" | {_date(s)} | {hit.score:.3f}{cosine} | {s.kind}, {_polarity_tag(s)}, {s.lang}, #{s.id} | "
        source = _shorten(s.source or "—", max(width - _visible(f"{n:>2}. {speaker}{rest}"), 6))
        typer.echo(f"{n:>2}. " + typer.style(speaker, bold=True) + rest + source)
        typer.echo(f"    {_shorten(s.text, max(width - 4, 20))}")
        if s.sentence and s.sentence.strip() != s.text.strip():
            typer.echo(f"    in: {_shorten(s.sentence, max(width - 8, 20))}")
        typer.echo(typer.style(f"    {_isolate(s.doc)}:{s.start}-{s.end}", dim=True))
        if hit.contradicted_by:
            ids = ", ".join(f"#{i}" for i in hit.contradicted_by[:4])
            more = (f" and {len(hit.contradicted_by) - 4} more (factrack show {s.id})"
                    if len(hit.contradicted_by) > 4 else "")
            typer.secho(f"    ✗ CONTRADICTED by {ids}{more}", fg="red", bold=True)
            typer.secho(f"      factrack compare {s.id} {hit.contradicted_by[0]} --db DIR", fg="red")


def _date(s: Any) -> str:
    return (s.published or "")[:10] or "—"


def _member_widths(width: int) -> tuple[int, int]:
    """Speaker and source columns of a claim's member rows: 22 and 18 at 120 columns, narrower below."""
    return min(22, max(10, width // 5 - 2)), min(18, max(8, width // 6 - 2))


def _member_header(width: int, indent: str = "      ") -> str:
    sp, src = _member_widths(width)
    return f"{indent}{'stance':<9} {'speaker':<{sp}} {'source':<{src}} {'date':<10} lang id, statement"


def _member_line(m: Any, width: int, indent: str = "      ") -> str:
    s = m.statement
    sp, src = _member_widths(width)
    head = (f"{indent}{m.stance:<9} {_pad(s.speaker or '—', sp)} {_pad(s.source or Path(s.doc).name, src)} "
            f"{_date(s):<10} [{s.lang}] #{s.id} ")
    return head + _shorten(s.text, max(width - _visible(head), 10))


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
        typer.echo(_fit(f"    best: {_shorten(s.speaker or '—', 30)} ({_polarity_tag(s)}) | {_date(s)} | "
                        f"{s.kind}, {s.lang}, #{s.id} | ", s.source or Path(s.doc).name, width))
        typer.echo(f"      {_shorten(s.text, max(width - 6, 20))}")
        others = [m for m in c.members if m.statement.id != s.id]
        for m in others[:8]:
            typer.echo(_member_line(m, width))
        if len(others) > 8:
            typer.echo(f"      … {len(others) - 8} more: factrack claims {c.id}")
        if hit.best.contradicted_by:
            typer.secho("    ✗ CONTRADICTED: see factrack contradictions "
                        f"(#{', #'.join(map(str, hit.best.contradicted_by[:5]))})",
                        fg="red", bold=True)


POLARITY_HELP = "Only statements whose speaker asserts, denies or questions the claim."
DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY, 7d, 2w, 3m, 1y, today or yesterday"


def since_option(what: str) -> Any:
    return typer.Option(None, "--since", metavar="DATE",
                        help=f"Only {what} published on or after DATE ({DATE_FORMS}; a month or year counts from its "
                        "first day). Undated articles are left out when --since or --until is given.")


def until_option(what: str) -> Any:
    return typer.Option(None, "--until", metavar="DATE",
                        help=f"Only {what} published on or before DATE (same forms; a month or year counts to its "
                        "last day). Undated articles are left out, as with --since.")
# = factrack.search.MAX_K and MAX_QUERY_CHARS (tested); not imported: the store costs 0.2 s at start-up
MAX_K = 1000
MAX_QUERY_CHARS = 1000


def _relax(**given: Any) -> str:
    """What to drop from an empty result's command: ``try without --a, --b`` for the filters given, else ""."""
    names = [f"--{k.replace('_', '-')}" for k, v in given.items() if v not in (None, False)]
    return f"try without {', '.join(names)}" if names else ""


@app.command("lookup")
def lookup_cmd(
    query: str = typer.Argument(..., help="What to look for, in Arabic or English (matches both languages)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    k: int = typer.Option(10, "-k", "--top", min=1, max=MAX_K,
                          help=f"How many claims (or statements) to return (at most {MAX_K:,})."),
    speaker: str | None = typer.Option(
        None, "--speaker", help="Only this speaker: any alias, either language, or part of a name."
    ),
    lang: str | None = typer.Option(None, "--lang", help="Only statements in this language (ar, en)."),
    kind: str | None = typer.Option(None, "--kind", help="Only this kind: direct, partial, indirect, claim."),
    polarity: str | None = typer.Option(None, "--polarity", help=POLARITY_HELP + " (asserts, denies, questions)"),
    source: str | None = typer.Option(None, "--source", help="Only articles from this source."),
    since: str | None = since_option("statements of articles"),
    until: str | None = until_option("statements of articles"),
    statements: bool = typer.Option(False, "--statements", help="A flat list of statements instead of claims."),
    fmt: Format | None = format_option(),
) -> None:
    """Find the claims matching a query: dense (cross-lingual) and full-text retrieval, fused.

    Each hit is a claim: its best-matching statement first (speaker, stance, source, date, kind,
    language, id), then the claim's other statements, in both languages, with their stance toward
    it. The filters choose which statements may match. --statements lists statements instead, one
    a hit, marked CONTRADICTED when a stored verdict contradicts them. jsonl rows carry the same fields.
    The query may be at most 1,000 characters (a sentence or a claim, not an article).
    """
    from factrack.commands.lookup import run_lookup

    hits = guarded(lambda: run_lookup(query, db=db, k=k, speaker=speaker, lang=lang, kind=kind, polarity=polarity,
                                      source=source, since=since, until=until, statements=statements))
    relax = _relax(speaker=speaker, lang=lang, kind=kind, polarity=polarity, source=source, since=since, until=until)
    empty = (f"no matching {'statements' if statements else 'claims'} "
             f"({relax + ', or ' if relax else 'try '}other words)")
    emit(hits, resolve_format(fmt), _ix_hit_table if statements else _claim_hit_table, empty)


@app.command("speakers")
def speakers_cmd(
    name: str | None = typer.Argument(None, help="A speaker (any alias): list their statements in date order."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    since: str | None = since_option("NAME's statements of articles"),
    until: str | None = until_option("NAME's statements of articles"),
    fmt: Format | None = format_option(),
) -> None:
    """List speakers with their aliases and statement counts, or one speaker's statements.

    NAME may be any alias in either language, or part of a name ("Kadhimi", "بايدن"). One
    speaker's statements come in date order with their stance (asserts, denies, questions),
    followed by the claims the speaker denied.
    """
    from factrack.commands.lookup import run_speakers

    rows = guarded(lambda: run_speakers(name, db=db, since=since, until=until))
    out = resolve_format(fmt)
    if name is None:
        emit(rows, out, _speakers_table, "no speakers in the store (index some articles first: factrack index PATH)",
             lambda row: {"name": row[0], "aliases": list(row[1]), "count": row[2]})
        return
    dates = _relax(since=since, until=until)
    emit(rows, out, lambda found: _speaker_table(name, found),
         f"no statements by {name} ({dates + '; ' if dates else ''}try part of the name, or list the names with: "
         "factrack speakers)")


def _speakers_table(rows: list[Any]) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo(" count  speaker                        aliases")
    for n, aliases, count in rows:
        typer.echo(f"{count:>6}  {_pad(n, 30)} "
                   + (_shorten(", ".join(aliases), max(width - 40, 20)) if aliases else ""))


def _speaker_table(name: str, rows: list[Any]) -> None:
    width = shutil.get_terminal_size((120, 24)).columns
    typer.echo("published | source (else file) | kind, stance, lang, statement id")
    for s in rows:
        typer.echo(f"{_date(s)} | {_shorten(s.source or Path(s.doc).name, 30)} | "
                   f"{s.kind}, {_polarity_tag(s)}, {s.lang}, #{s.id}")
        typer.echo(f"    {_shorten(s.text, max(width - 4, 20))}")
    denied = [s for s in rows if str(s.polarity) == "denies"]
    if denied:
        typer.echo(f"\n{_shorten(name, 40)} denied {len(denied)} claim(s):")
        for s in denied:
            typer.echo(f"  ✗ {_date(s)} #{s.id} {_shorten(s.text, max(width - 20, 20))}")


@app.command("reindex")
def reindex_cmd(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    model: str | None = typer.Option(None, "--model", help="Embedding model to re-embed with (default bundled e5)."),
    wait: float = typer.Option(0.0, "--wait", min=0.0, help="Seconds to wait for another writer to finish."),
    summary_fmt: SummaryFormat | None = typer.Option(
        None, "--format", "-f", case_sensitive=False,
        help="The summary as table (one readable line; the default) or json ({\"reembedded\": N})."),
) -> None:
    """Re-embed every stored statement with the given model and rebuild the vector index.

    Needed after changing --model: a store refuses vectors from another model. An interrupted
    reindex is refused by lookups until reindex is run again. Exit codes: 0 done, 4 store problem,
    75 store locked.
    """
    from factrack.commands.indexing import run_reindex

    n = guarded(lambda: run_reindex(db=db, model=model, wait=wait, progress=_ix_progress("re-embedding")))
    if summary_fmt is SummaryFormat.json:
        sys.stdout.write(json.dumps({"reembedded": n}) + "\n")
    else:
        typer.echo(f"re-embedded {n} statement(s)")


# ---------------------------------------------------------------------------- compare
# = factrack.compare.contradictions.DEFAULT_MIN_STRENGTH (tested); not imported: compare costs 0.2 s at start-up
DEFAULT_MIN_STRENGTH = 0.7
NLI_HELP = ("A sentence-transformers CrossEncoder NLI model (path or name) to combine with the cues, "
            "or a factrack pair-model file (.safetensors) made by scripts/train_pair_model.py.")


@app.command("compare")
def compare_cmd(
    a: str | None = typer.Argument(None, help="First statement: text, or a stored statement id (12 or #12) with --db."),
    b: str | None = typer.Argument(None, help="Second statement: text or id."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP + " Used when A or B is an id."),
    pairs: Path | None = typer.Option(
        None, "--pairs", help='Score many pairs: JSON lines with "a" and "b" ("-" = stdin); one verdict a line out.'
    ),
    model: str | None = typer.Option(
        None, "--model", help="Embedding model (default bundled e5; fake[:DIM] for tests)."
    ),
    nli_model: str | None = typer.Option(None, "--nli-model", help=NLI_HELP),
    pair_model: str | None = typer.Option(None, "--pair-model", help=PAIR_HELP),
    json_out: bool = typer.Option(False, "--json", help="Short for --format json."),
    fmt: Format | None = format_option(
        "table (readable), json, jsonl or csv (one row, nested fields as dotted columns). Default: table, also "
        "when piped (one verdict); with --pairs, jsonl."),
) -> None:
    """Judge two statements: contradiction, agreement, neutral or unrelated, with a score and reasons.

    With stored ids (and --db) both statements are printed with their speakers, sources and dates,
    and the speakers' stances (a denial) turn the verdict. Exit codes: 0 done, 1 some --pairs lines
    were bad, 2 bad input (an unknown id included).
    """
    from factrack.commands.compare import run_compare_pairs, run_comparison

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
            out = resolve_format(fmt, piped=Format.jsonl, json_alias=json_out)
            if out is Format.table:
                out = Format.jsonl  # a verdict a line: jsonl is the readable listing too

            def rows() -> Iterable[dict[str, Any]]:
                nonlocal bad
                for row in run_compare_pairs(handle, model=model, nli_model=nli_model, pair_model=pair_model):
                    bad += "error" in row
                    yield row

            with handle:
                write_records(rows(), out)

        guarded(run)
        if bad:
            warn(f"{bad} line(s) could not be scored")
            raise typer.Exit(1)
        return
    if a is None or b is None:
        raise fail("give two statements (or --pairs FILE)", 2)
    out = resolve_format(fmt, piped=Format.table, json_alias=json_out)
    c = guarded(lambda: run_comparison(a, b, db=db, model=model, nli_model=nli_model, pair_model=pair_model))
    emit([c], out, _comparison_table, "", single=True)


def _comparison_table(found: list[Any]) -> None:
    """The verdict; for stored statements, each side's words, speaker and stance, source and date first."""
    c = found[0]
    v = c.verdict
    width = max(shutil.get_terminal_size((120, 24)).columns - 6, 20)
    for tag, s in (("A", c.a), ("B", c.b)):
        if s is None:
            continue
        typer.echo(f"{tag} #{s.id} " + typer.style(_shorten(s.speaker or "—", 40), bold=True)
                   + f" ({_polarity_tag(s)}) | {_shorten(s.source or Path(s.doc).name, 40)} | {_date(s)} [{s.lang}]")
        typer.echo(f"    {_shorten(s.text, width)}")
    typer.echo(f"{v.relation} ({v.score:.2f}; contradiction {v.p_contradiction:.2f})")
    for r in v.reasons:
        typer.echo(f"  - {r}")


def _cx_table(found: Any) -> None:
    columns = shutil.get_terminal_size((120, 24)).columns
    width = max(columns - 8, 20)
    for n, c in enumerate(found, 1):
        typer.echo(f"{n:>2}. {c.score:.2f}  " + "; ".join(r for r in c.reasons if not r.startswith("similarity")))
        for tag, s in (("A", c.a), ("B", c.b)):
            typer.echo(_fit(f"    {tag} #{s.id} {_shorten(s.speaker or '—', 40)} | {_date(s)} [{s.lang}] | ",
                            s.source or Path(s.doc).name, columns))
            typer.echo(f"      {_shorten(s.text, width)}")


def _claim_cx_table(found: Any) -> None:
    """Each row once: the reason, then each side's strongest statement with how many statements
    and sources stand on that side, and the claim it belongs to."""
    columns = shutil.get_terminal_size((120, 24)).columns
    width = max(columns - 8, 20)
    for n, c in enumerate(found, 1):
        typer.echo(typer.style(f"{n:>2}. {c.score:.2f}  ", bold=True) + "; ".join(c.reasons))
        if getattr(c, "mark", None) is not None:
            typer.echo(f"    reviewed: {c.mark.mark}" + (f" by {c.mark.reviewer}" if c.mark.reviewer else "")
                       + f", {c.mark.created[:10]}" + (f": {_shorten(c.mark.note, 80)}" if c.mark.note else ""))
        for tag, side in (("A", c.a), ("B", c.b)):
            s = side.best
            typer.echo(f"    {tag} claim #{side.claim.id} ({side.stance}): {len(side.statements)} statement(s), "
                       f"{len(side.sources)} source(s); best:")
            typer.echo(_fit(f"      #{s.id} {_shorten(s.speaker or '—', min(30, max(columns // 4, 12)))} "
                            f"({_polarity_tag(s)}) | {_date(s)} [{s.lang}] | ",
                            s.source or Path(s.doc).name, columns, 6))
            typer.echo(f"      {_shorten(s.text, width)}")


@app.command("contradictions")
def contradictions_cmd(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    speaker: str | None = typer.Option(
        None, "--speaker", help="Only pairs where either side is this speaker (any alias)."
    ),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE",
        help=f"Only pairs with a statement published on or after DATE ({DATE_FORMS}). A pair whose "
        "statements are all undated is left out when --since or --until is given."),
    until: str | None = typer.Option(
        None, "--until", metavar="DATE",
        help="Only pairs with a statement published on or before DATE (same forms; a month or year counts to "
        "its last day); with --since, a statement dated within both."),
    min_score: float = typer.Option(
        DEFAULT_MIN_STRENGTH, "--min-score", min=0.0, max=1.0,
        help="Only contradictions this strong (probability, lowered when no cue word explains it "
             "or the statements are far apart). 0 lists all.",
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many rows."),
    statements: bool = typer.Option(False, "--statements", help="List statement pairs instead of claim pairs."),
    include_self: bool = typer.Option(False, "--self", help="Also list a speaker against themself."),
    show_false_positives: bool = typer.Option(
        False, "--show-false-positives",
        help="Also list pairs a reviewer marked false_positive (`factrack review`).",
    ),
    nli_model: str | None = typer.Option(
        None, "--nli-model", help=NLI_HELP + " Becomes the store's scorer: its verdicts are made again."),
    pair_model: str | None = typer.Option(
        None, "--pair-model",
        help=PAIR_HELP + " Default: the store's own. Another one is made the store's: its verdicts are made again."),
    no_refresh: bool = typer.Option(
        False, "--no-refresh", help="List verdicts made by an older scorer as they are instead of making them again."),
    fmt: Format | None = format_option(),
) -> None:
    """List contradicting claims across the store, strongest first, each pair once, with reasons.

    A row is either one claim that some speakers assert and others deny, or two claims judged
    contradictory (a different figure for the same thing, an opposed outcome ...), with each
    side's strongest statement and how many statements and sources stand on it. --statements
    lists statement pairs instead. Verdicts are computed by `factrack index` for new statements;
    statements left unscored (a store never scored, a killed run) and verdicts made by another
    scorer (new weights: see --no-refresh) are scored first, unless another process is writing:
    then what is stored is listed, with a note.
    """
    from factrack.commands.compare import run_contradictions
    from factrack.commands.review import run_reviewed_contradictions

    listing: Callable[..., Any] = run_contradictions if statements else run_reviewed_contradictions
    extra = {} if statements else {"show_false_positives": show_false_positives}
    found = guarded(lambda: listing(db=db, speaker=speaker, since=since, until=until, min_score=min_score, limit=limit,
                                    nli_model=nli_model, pair_model=pair_model, statements=statements,
                                    include_self=include_self, refresh=not no_refresh,
                                    progress=_ix_progress("scoring pairs"), notice=warn, **extra))
    hints = [f"try a lower --min-score than {min_score:g}"] if min_score > 0 else []
    hints += [h for h in [_relax(speaker=speaker, since=since, until=until)] if h]
    emit(found, resolve_format(fmt), _cx_table if statements else _claim_cx_table,
         "no contradictions found" + (f" ({'; '.join(hints)})" if hints else ""))


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
        typer.echo(_member_header(width))
        for m in c.members:
            typer.echo(_member_line(m, width))
            s = m.statement
            if s.sentence and s.sentence.strip() != s.text.strip():
                typer.echo(typer.style(f"        in: {_shorten(s.sentence, max(width - 12, 20))}", dim=True))


@app.command("claims")
def claims_cmd(
    claim_id: int | None = typer.Argument(None, help="One claim's id: show every statement of it."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    min_statements: int = typer.Option(
        2, "--min-statements", min=1, help="Only claims with this many statements (1: all)."
    ),
    speaker: str | None = typer.Option(None, "--speaker", help="Only claims this speaker takes part in (any alias)."),
    lang: str | None = typer.Option(None, "--lang", help="Only claims with a statement in this language (ar, en)."),
    since: str | None = since_option("claims with a statement of an article"),
    until: str | None = until_option("claims with a statement of an article"),
    limit: int | None = typer.Option(50, "--limit", min=1, help="At most this many claims."),
    fmt: Format | None = format_option(),
) -> None:
    """List claims: statements that make (or deny) the same proposition, across sources and languages.

    Each claim shows its label (first statement), statement count, languages, sources, the
    speakers for and against it, and its first and last date; most statements first. With an ID,
    every statement of that claim with speaker, stance, source, date and sentence.
    """
    from factrack.commands.claims import run_claims

    out = resolve_format(fmt)
    if claim_id is not None:
        found = guarded(lambda: run_claims(claim_id, db=db))
        emit(found, out, _claim_table, "")
        return
    found = guarded(lambda: run_claims(db=db, min_statements=min_statements, speaker=speaker, lang=lang, since=since,
                                       until=until, limit=limit))
    hints = [h for h in [_relax(speaker=speaker, lang=lang, since=since, until=until)] if h]
    hints.append("try --min-statements 1" if min_statements > 1 else "index some articles first: factrack index PATH")
    emit(found, out, _claims_table, f"no claims found ({'; '.join(hints)})")


# ---------------------------------------------------------------------------- show
def _show_statement_table(found: list[Any]) -> None:
    """A statement in full: words, speaker and stance, kind, source and date, sentence, place in
    its article, its claim, then each contradiction with both sides' words and the reasons."""
    view = found[0]
    s = view.statement
    width = max(shutil.get_terminal_size((120, 24)).columns - 4, 20)
    typer.echo(typer.style(f"statement #{s.id}", bold=True) + f"  {s.kind}, {_polarity_tag(s)}, [{s.lang}]")
    typer.echo(f"  {_shorten(s.text, width)}")
    typer.echo(f"  speaker:  {_shorten(s.speaker or '—', 50)} ({s.polarity})"
               + (f"  as «{_shorten(s.mention, 40)}»" if s.mention and s.mention != s.speaker else ""))
    typer.echo(f"  source:   {_shorten(s.source or '—', 50)} | published {(s.published or '—')[:10]}")
    if s.title:
        typer.echo(f"  title:    {_shorten(s.title, width - 10)}")
    if s.sentence and s.sentence.strip() != s.text.strip():
        typer.echo(f"  sentence: {_shorten(s.sentence, width - 10)}")
    typer.echo(f"  location: {_isolate(view.location)}")
    if s.url:
        typer.echo(f"  url:      {_isolate(s.url)}")
    if view.claim is not None:
        c = view.claim
        typer.echo(typer.style(f"claim #{c.id}", bold=True) + f" ({view.stance}): {len(c.members)} statement(s), "
                   f"{', '.join(c.languages)}, {len(c.sources)} source(s)  (factrack show claim:{c.id})")
        typer.echo(f"  {_shorten(c.label.text, width)}")
    else:
        typer.echo("claim: none yet (assigned by factrack index)")
    _show_contradictions(view.contradictions, width)


def _show_contradictions(found: Any, width: int) -> None:
    if not found:
        typer.echo("contradictions: none stored at this strength (try --min-score 0)")
        return
    typer.echo(typer.style(f"contradictions: {len(found)}", bold=True))
    for n, o in enumerate(found, 1):
        typer.echo(f"{n:>3}. {o.score:.2f}  " + "; ".join(r for r in o.reasons if not r.startswith("similarity")))
        # A and B as the verdict's reasons name them: the lower id is A
        sides = sorted(((o.statement, None, " (this one)"), (o.other, o.other_claim, "")), key=lambda t: t[0].id)
        for tag, (st, claim, this) in zip("AB", sides, strict=True):
            where = f" claim #{claim} |" if claim is not None else ""
            typer.echo(_fit(f"     {tag} #{st.id}{this} {_shorten(st.speaker or '—', 30)} ({_polarity_tag(st)}) | "
                            f"{_date(st)} [{st.lang}] |{where} ", st.source or Path(st.doc).name, width + 4))
            typer.echo(f"       {_shorten(st.text, max(width - 7, 20))}")


def _show_claim_table(found: list[Any]) -> None:
    view = found[0]
    _claim_table([view.claim])
    _show_contradictions(view.contradictions, max(shutil.get_terminal_size((120, 24)).columns - 4, 20))


@app.command("show")
def show_cmd(
    ref: str = typer.Argument(..., metavar="ID",
                              help="A statement id (12 or #12), or a claim id as claim:12 (or with --claim)."),
    claim: bool = typer.Option(False, "--claim", help="ID is a claim's id, not a statement's."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    min_score: float = typer.Option(DEFAULT_MIN_STRENGTH, "--min-score", min=0.0, max=1.0,
                                    help="Only contradictions this strong (as in factrack contradictions); "
                                         "0 shows all."),
    fmt: Format | None = format_option(FORMAT_HELP.replace("json (one array)", "json (one object)")),
) -> None:
    """Everything stored about one statement or claim.

    A statement: its words, speaker and stance, kind, source and date, sentence, place in the article
    (doc:start-end, character offsets) and URL when known, its claim, and each stored contradiction with
    the other statement's words and speaker and the reasons. A claim (claim:ID): all its statements and
    their contradictions. Exit codes: 0 found, 2 no such id, 4 store problem.
    """
    from factrack.commands.show import StatementView, run_show

    view = guarded(lambda: run_show(ref, db=db, claim=claim, min_score=min_score))
    table = _show_statement_table if isinstance(view, StatementView) else _show_claim_table
    emit([view], resolve_format(fmt), table, "", single=True)


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
        None, "--contradiction",
        help="The two claims' ids, in any order (one claim twice: its supporters against its deniers)."),
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
    from factrack.commands.review import run_review

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
    read_only: bool = typer.Option(
        False, "--read-only", help="Refuse every change (review marks): no forms, POST answers 403."
    ),
    article_files: bool = typer.Option(True, "--article-files/--no-article-files",
                                       help="Show an article's whole text from its indexed file when unchanged "
                                            "(relative paths: from this folder)."),
) -> None:
    """Browse the store in a web browser: search, claims, articles, contradictions, speakers; set review marks.

    Binds 127.0.0.1 unless --host says otherwise; there is no login, so bind another address only
    on a network you trust (and consider --read-only).
    """
    from factrack.commands.serve import run_serve

    path, web = guarded(lambda: run_serve(db, read_only=read_only, article_files=article_files))
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
    since: str | None = typer.Option(
        None, "--since", help="Only contradictions and claims with a statement on or after this ISO date."
    ),
    speaker: str | None = typer.Option(None, "--speaker", help="Only what this speaker (any alias) takes part in."),
    reviewed: bool | None = typer.Option(
        None, "--reviewed/--unreviewed", help="Only reviewed (or only unreviewed) contradictions and claims."
    ),
    top: int = typer.Option(50, "--top", min=1, help="At most this many contradictions, claims and speakers."),
    as_json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Write a report of the store: top contradictions with both sides, the claims with the most
    sources, the speakers; or ClaimReview JSON-LD for the reviewed claims."""
    from factrack.commands.report import run_report

    summary = guarded(
        lambda: run_report(out, str(fmt), db=db, since=since, speaker=speaker, reviewed=reviewed, top=top)
    )
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        typer.echo(f"wrote {summary.out} ({summary.format}, {summary.bytes:,} bytes): {summary.contradictions} "
                   f"contradiction(s), {summary.claims} claim(s), {summary.speakers} speaker(s)")
