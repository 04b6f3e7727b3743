"""Runtime settings for the real models: where converted models live, how many threads torch
may use, and keeping the libraries' progress bars and notices off the user's terminal.

Apart from ``models`` so that ``e5convert`` and ``models`` both use them without importing each
other.
"""

from __future__ import annotations

import os
from pathlib import Path


def models_dir() -> Path:
    """Where converted models live: ``$FACTRACK_MODELS``, else the user's cache folder."""
    env = os.environ.get("FACTRACK_MODELS")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("factrack")) / "models"


def cpu_threads() -> int:
    """Threads for torch: the idle CPUs this process may use, at least 1 (``$FACTRACK_THREADS`` overrides).

    torch's OpenMP workers spin while they wait; when other jobs already keep the CPUs busy,
    every extra thread costs more than it brings (on a 2-core machine at load 5: 29 sentences/s
    with one thread, 6.5/s with two). So take the CPUs minus the current load, rounded.
    """
    env = os.environ.get("FACTRACK_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        cpus = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        cpus = max(1, os.cpu_count() or 1)
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        busy = 0.0
    return max(1, min(cpus, round(cpus - busy)))


def quiet_loading() -> None:
    """Keep transformers' progress bars and notices off the user's terminal (the library never prints)."""
    import logging

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)


def configure_torch() -> None:
    """Threads and wait policy for torch, before it loads (see ``cpu_threads``)."""
    # torch defaults to one thread per core plus an inter-op pool, all spinning while idle; on a
    # shared 2-core box that oversubscribes. The wait policy is read once, when torch loads its
    # OpenMP runtime; inter-op threads can only be set before any parallel work.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch

    torch.set_num_threads(cpu_threads())
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
