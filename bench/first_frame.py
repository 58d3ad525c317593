"""Time a terminal app from `exec` to what the user sees, the way the user sees it.

The command runs in a new process on a pseudo-terminal (120×40, `TERM=xterm-256color`), with
its real terminal driver: nothing is patched or mocked, so the time includes the interpreter's
start, every import, opening the database, building the screen and writing the frame's bytes.
The parent reads the terminal and notes the moment each marker text first appears in what the
app wrote (a text drawn in a frame, e.g. the header's title for the first frame, "10000
articles" for the list), and the child's peak RSS (`VmHWM` in /proc) until it exits after the
`q` the parent types. (`wait4`'s ru_maxrss would not do: Linux carries the parent's peak
over `fork` and `exec`, so a child of a big benchmark process "peaks" at the parent's size.)

Linux only (pty, /proc).
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS, ROWS = 120, 40
TIMEOUT_S = 120.0


class StartFailed(RuntimeError):
    """The app exited or timed out before drawing every marker."""


@dataclass
class StartTiming:
    seconds: dict[str, float] = field(default_factory=dict)  # marker -> time since exec
    peak_rss_mb: float = 0.0


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size so far (0.0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def time_start(
    command: Sequence[str],
    markers: Mapping[str, str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    quit_keys: bytes = b"q",
) -> StartTiming:
    """Run `command` on a pty; `markers` maps a name to the text whose first appearance is
    timed. All markers must appear, or StartFailed says what the app wrote instead."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    wanted = {name: text.encode() for name, text in markers.items()}
    timing = StartTiming()
    output = bytearray()
    started = time.monotonic()
    child = subprocess.Popen(
        list(command),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, "TERM": "xterm-256color", "COLUMNS": "", "LINES": ""},
        cwd=cwd,
        start_new_session=True,
    )
    os.close(slave)
    deadline = started + TIMEOUT_S
    quit_sent = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.02)
            timing.peak_rss_mb = max(timing.peak_rss_mb, peak_rss_mb(child.pid))
            if ready:
                try:
                    data = os.read(master, 1 << 16)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                now = time.monotonic()
                # Search only the new bytes and the tail before them a marker could span.
                window = bytes(output[-64:]) + data
                output += data
                for name, text in wanted.items():
                    if name not in timing.seconds and text in window:
                        timing.seconds[name] = now - started
            if not quit_sent and len(timing.seconds) == len(wanted):
                os.write(master, quit_keys)
                quit_sent = True
                deadline = min(deadline, time.monotonic() + 10)
    finally:
        # Reading stops when the child has closed the terminal, i.e. exited (or timed out).
        timing.peak_rss_mb = max(timing.peak_rss_mb, peak_rss_mb(child.pid))
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        os.close(master)
    if len(timing.seconds) != len(wanted):
        missing = sorted(set(wanted) - set(timing.seconds))
        tail = bytes(output[-600:]).decode("utf-8", "replace")
        raise StartFailed(f"{' '.join(command)}: never drew {missing}; it wrote …{tail!r}")
    return timing
