"""factrack: who said what, where, and who said otherwise, in Arabic and English news.

The pipeline, one module (or sub-package) per stage:

    ingest   -> Article records from files (txt, md, html, jsonl)
    extract  -> Statement records (quotes, indirect speech, claims) with speakers
    speakers -> the registry that makes بايدن and Biden one person
    embed    -> Embedder interface, the bundled multilingual-e5-small, fakes for tests
    store    -> one Store: SQLite (records, FTS5) + FAISS (vectors)
    index    -> the nightly job: ingest -> extract -> embed -> store, incrementally
    search   -> hybrid (dense + lexical) lookup
    compare  -> contradiction scoring between statements
    cli      -> the typer command line; nothing else imports it
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factrack")  # the one version number is pyproject.toml's
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
