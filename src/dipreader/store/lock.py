"""The single-writer lock: `<database>.lock`, which also says who holds it.

The lock is an OS file lock (flock through `filelock`), so the kernel releases it when the
holder dies, even by `kill -9`: there is never a stale lock to clean up. The holder writes
its pid, user, host and start time into the lock file; a refused writer reads them back to
tell the user who has the database open.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from dipreader.store.errors import StoreError, StoreLocked
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


class DatabaseLock:
    """Exclusive right to write one database file."""

    def __init__(self, database: Path, user: str) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self._user = user
        # Not thread-local: the app may close the store from another thread than opened it.
        self._lock = FileLock(self.path, thread_local=False)

    def acquire(self, timeout: float) -> None:
        """Take the lock, waiting up to `timeout` seconds; StoreLocked names the holder."""
        try:
            self._lock.acquire(timeout=max(timeout, 0.0), poll_interval=0.05)
        except Timeout:
            holder = read_holder(self.path)
            who = holder.describe() if holder else "another process (it did not say which)"
            raise StoreLocked(
                f"{self.database} is open for writing in {who}. Close it there, or open it "
                "read-only (--read-only) to look without changing it."
            ) from None
        except PermissionError as exc:
            raise StoreError(
                f"cannot lock {self.database}: no permission to create {self.path} "
                f"({exc.strerror}); open it read-only (--read-only) instead"
            ) from None
        # The holder note is a courtesy to other users; the lock itself is held either way.
        with contextlib.suppress(OSError):
            self._write_holder()

    def _write_holder(self) -> None:
        holder = LockHolder(
            pid=os.getpid(),
            user=self._user,
            host=socket.gethostname(),
            since=now_iso(),
            program=" ".join([Path(sys.argv[0]).name or "dipreader", *sys.argv[1:2]])
            if sys.argv
            else "dipreader",
        )
        fd = os.open(self.path, os.O_WRONLY)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(asdict(holder)).encode("utf-8"))
        finally:
            os.close(fd)

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        try:
            fd = os.open(self.path, os.O_WRONLY)
            try:
                os.ftruncate(fd, 0)
            finally:
                os.close(fd)
        except OSError:
            pass
        self._lock.release()
