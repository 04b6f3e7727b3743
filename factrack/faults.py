"""Fault injection for crash tests: the process kills itself (SIGKILL, as ``kill -9`` would) at a
named point, so that a test can stop a run exactly between two writes rather than at a random
moment.

``FACTRACK_KILL_AT=NAME:N`` kills the process the N-th time (from 1) point NAME is reached;
``NAME`` alone means the first time. Unset (always, outside tests) every point is one dictionary
look-up. Points: ``after_commit`` (index: a batch of articles committed to SQLite, FAISS not yet
written), ``before_flush`` (index: all articles in, FAISS and claims not yet), ``before_faiss_write``
(store: generation bumped, FAISS file not yet written), ``during_scoring`` (contradictions scored,
verdicts not yet stored). ``scripts/kill_harness.py`` drives them.
"""

from __future__ import annotations

import os
import signal

ENV = "FACTRACK_KILL_AT"
POINTS = ("after_commit", "before_flush", "before_faiss_write", "during_scoring")
_reached: dict[str, int] = {}


def point(name: str) -> None:
    """Mark a named point; kills this process here when ``FACTRACK_KILL_AT`` names it."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    target, _, nth = spec.partition(":")
    if target != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] == (int(nth) if nth.isdigit() else 1):
        os.kill(os.getpid(), signal.SIGKILL)
