"""Expected failures, each shown to the user as one clear message.

Anything that is not a ``StoryDiffError`` is a bug and is logged with a traceback.
"""


class StoryDiffError(Exception):
    """Base of the failures a user can act on."""

    exit_code = 1


class InputError(StoryDiffError):
    """A file or text the user gave cannot be used (empty, binary, too large, unreadable)."""

    exit_code = 2


class UsageError(StoryDiffError):
    """The command line or a setting asks for something impossible."""

    exit_code = 2


class ModelError(StoryDiffError):
    """The embedding model cannot be found or loaded."""

    exit_code = 2


class StorageError(StoryDiffError):
    """A database is locked, read-only, corrupt or from a newer StoryDiff."""

    exit_code = 2


class Cancelled(StoryDiffError):
    """The user cancelled a long operation."""

    exit_code = 1
