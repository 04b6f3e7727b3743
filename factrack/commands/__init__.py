"""The functions the CLI calls, one per command, in one place: each takes the command's inputs,
opens the store as the command needs, and returns results (records, summaries); none prints.

``factrack/cli.py`` imports only from here (and ``factrack.errors``, ``factrack.records``), each
command's module on first use, so that a command pays only for the library it needs (a cold
``factrack lookup`` imports no compare, extraction or model code):

- ``indexing``: ``run_index`` (the nightly job), ``run_reindex``
- ``extract``: ``run_extract``
- ``lookup``: ``run_lookup``, ``run_speakers``
- ``claims``: ``run_claims``
- ``compare``: ``run_comparison``, ``run_compare``, ``run_compare_pairs``, ``run_contradictions``
- ``show``: ``run_show``
- ``review``: ``run_review``, ``run_reviewed_contradictions``
- ``report``: ``run_report``
- ``serve``: ``run_serve``
"""
