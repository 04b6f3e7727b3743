"""The library's one error hierarchy; the CLI maps each class to a message and an exit code."""


class FactrackError(Exception):
    """Base class: anything factrack raises on purpose."""

    exit_code = 1


class InputError(FactrackError):
    """A file or argument cannot be read as an article (empty, binary, undecodable, too large)."""

    exit_code = 2


class ModelError(FactrackError):
    """A model cannot be found, converted or loaded."""

    exit_code = 3


class StoreError(FactrackError):
    """The store is missing, inconsistent, or was built with another embedding model."""

    exit_code = 4


class LockedError(StoreError):
    """Another process holds the store's writer lock."""

    exit_code = 75  # EX_TEMPFAIL: a scheduler may retry later
