"""What can go wrong with the annotation database, worded for the user who must act on it."""

from __future__ import annotations

from dipreader.errors import DipreaderError


class StoreError(DipreaderError):
    """A problem with the annotation database or with a request made to it."""


class StoreLocked(StoreError):
    """Another process holds the database open for writing."""


class StoreNotWritable(StoreError):
    """The database cannot be written here (read-only file or file system, no permission, a
    lock path that is not a file): reading it is still possible."""


class StoreLockLost(StoreError):
    """The lock file was deleted or replaced while this store held it: another writer may be
    in, so this one stopped writing."""


class StoreCorrupt(StoreError):
    """The file is not JSON, or not a dipreader database; it was left untouched."""


class StoreTooNew(StoreError):
    """The file was written by a newer dipreader; it was left untouched."""


class StoreReadOnly(StoreError):
    """A change was asked of a database opened read-only."""


class StoreNotFound(StoreError):
    """There is no database at the path (and it cannot or must not be created)."""


class InvalidValue(StoreError):
    """A tag name, kind, note, passage or date the store cannot accept."""


class UnknownRecord(StoreError):
    """No tag or annotation with that id."""


class TagConflict(StoreError):
    """A rename or alias would make two tags of one kind share a name."""
