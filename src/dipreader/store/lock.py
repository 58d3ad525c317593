"""The single-writer lock: `<database>.lock`, which also says who holds it.

The lock is an OS file lock (`flock`), so the kernel releases it when the holder dies, even by
`kill -9`: there is never a stale lock to clean up. The holder writes its pid, user, host and
start time into the lock file; a refused writer reads them back to tell the user who has the
database open.

A flock belongs to the file, not to its name: once the name is deleted or replaced (by a
user, a sync tool, `export -o db.json.lock --force`), a second writer creates a new file there
and locks it too. So the holder checks, before and after each write, that the name still
holds its file (`still_held`), and stops writing when it does not.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from dipreader.store.errors import StoreLocked, StoreNotWritable
from dipreader.store.records import now_iso


@dataclass(frozen=True)
class LockHolder:
    pid: int
    user: str
    host: str
    since: str  # ISO 8601 UTC
    program: str

    def describe(self) -> str:
        return (
            f"{self.program} (pid {self.pid}, user {self.user} on {self.host}, "
            f"since {self.since.replace('T', ' ').removesuffix('Z')} UTC)"
        )


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def read_holder(lock_path: Path) -> LockHolder | None:
    """Who the lock file says holds it; None if it says nothing readable."""
    try:
        fields = json.loads(lock_path.read_text(encoding="utf-8"))
        return LockHolder(
            pid=int(fields["pid"]),
            user=str(fields["user"]),
            host=str(fields["host"]),
            since=str(fields["since"]),
            program=str(fields.get("program", "dipreader")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


_POLL_SECONDS = 0.05


def not_writable_reason(exc: OSError, path: Path) -> str:
    """Why a file next to the database cannot be written, in the user's words."""
    if exc.errno == errno.EROFS:
        return f"the file system holding {path.parent} is read-only"
    if exc.errno == errno.ELOOP:
        return f"{path} is a symbolic link, which dipreader does not follow for its own files"
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write {path}"
    return f"cannot write {path} ({exc.strerror or exc})"


class DatabaseLock:
    """Exclusive right to write one database file."""

    def __init__(self, database: Path, user: str) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self._user = user
        self._fd: int | None = None

    def acquire(self, timeout: float) -> None:
        """Take the lock, waiting up to `timeout` seconds; StoreLocked names the holder,
        StoreNotWritable says why no lock can be made here."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise self._locked() from None
                time.sleep(_POLL_SECONDS)
                continue
            except BaseException:
                os.close(fd)
                raise
            if self._names_file(fd):
                break
            # The name was deleted or replaced between our open and our flock: the file we
            # locked is no longer the lock, so lock whatever the name holds now.
            os.close(fd)
        self._fd = fd
        # The holder note is a courtesy to other users; the lock itself is held either way.
        with contextlib.suppress(OSError):
            self._write_holder()

    def _open(self) -> int:
        try:
            # O_NOFOLLOW: a link planted at the lock's name must not make us lock (or truncate)
            # some other file.
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreNotWritable(
                f"cannot open {self.database} for writing: {not_writable_reason(exc, self.path)}"
            ) from None

    def _locked(self) -> StoreLocked:
        holder = read_holder(self.path)
        who = holder.describe() if holder else "another process (it did not say which)"
        return StoreLocked(
            f"{self.database} is open for writing in {who}. Close it there and try again."
        )

    def _names_file(self, fd: int) -> bool:
        try:
            named = os.lstat(self.path)
        except OSError:
            return False
        held = os.fstat(fd)
        # The file is open here, so its inode number cannot go to another file meanwhile.
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def still_held(self) -> bool:
        """Whether the lock's name still holds the file this process locked."""
        return self._fd is not None and self._names_file(self._fd)

    def _write_holder(self) -> None:
        assert self._fd is not None
        holder = LockHolder(
            pid=os.getpid(),
            user=self._user,
            host=socket.gethostname(),
            since=now_iso(),
            program=" ".join([Path(sys.argv[0]).name or "dipreader", *sys.argv[1:2]])
            if sys.argv
            else "dipreader",
        )
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(asdict(holder)).encode("utf-8"), 0)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Through the descriptor, not the name: a file that replaced ours is someone else's.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing the last descriptor releases the flock
