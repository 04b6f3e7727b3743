"""The one-writer rule: a store folder is written by one process at a time, held by flock."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from factrack.errors import LockedError

LOCK_NAME = "lock"


def _take_lock(path: Path, timeout: float) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockedError(
                    f"store {path.parent} is being written by another factrack process; "
                    "try again later or pass --wait SECONDS"
                ) from None
            time.sleep(0.1)
