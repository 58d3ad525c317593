"""The optional named-entity recogniser (spaCy's French model) in a process of its own.

Loading the model is seconds of Python that holds the interpreter lock: in a thread of the
app, every key waited up to two seconds meanwhile. In another process it costs the screen
nothing, and so does reading an article (~0.15 s). The child is a plain `python -m` of this
module talking JSON lines over its stdin and stdout (multiprocessing cannot start a process
once Textual has replaced `sys.stderr`). No Textual here: the child imports this module.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, cast

from dipreader.errors import DipreaderError

if TYPE_CHECKING:
    from dipreader.suggest import Entity, EntityFinder

SPACY = "dipreader.suggest.nlp:load_spacy_entities"


class RecogniserFailed(DipreaderError):
    """The recogniser could not be loaded or stopped answering."""


def _loader(spec: str) -> Callable[[], EntityFinder]:
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def serve(spec: str, requests: IO[str], replies: IO[str]) -> None:
    """The child's loop: load the recogniser `spec` names, say so, then answer each text (a
    JSON string a line) with its entities, until the app closes the pipe."""

    def reply(status: str, detail: object) -> None:
        replies.write(json.dumps([status, detail]) + "\n")
        replies.flush()

    try:
        find: EntityFinder = _loader(spec)()
    except Exception as exc:  # told to the app, which goes on with the rules alone
        reply("error", str(exc) or type(exc).__name__)
        return
    reply("ready", None)
    for line in requests:
        try:
            found = [[start, end, label] for start, end, label in find(json.loads(line))]
        except Exception as exc:
            reply("error", str(exc) or type(exc).__name__)
        else:
            reply("ok", found)


class RecogniserProcess:
    """Calling it (slow: do it in a worker thread) starts the recogniser `spec` names
    (`module:function` returning an `EntityFinder`) in a child process, and returns a
    function with the recogniser's signature that asks the child."""

    def __init__(self, spec: str = SPACY) -> None:
        self.spec = spec
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()  # one question at a time on the pipe

    def __call__(self) -> EntityFinder:
        self._process = process = subprocess.Popen(
            [sys.executable, "-m", "dipreader.tui.recogniser", self.spec],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # spaCy's warnings would draw over the app
            text=True,
            encoding="utf-8",
            # The modules this process sees (a test's stand-in recogniser too).
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
        )
        status, detail = self._receive(process)
        if status != "ready":
            self.close()
            raise RecogniserFailed(str(detail))
        return self.entities

    @staticmethod
    def _receive(process: subprocess.Popen[str]) -> tuple[str, object]:
        # The process, not `self._process`: `close()` may end it meanwhile, from another thread.
        assert process.stdout is not None
        try:
            line = process.stdout.readline()
        except (OSError, ValueError):  # closed under our feet
            line = ""
        if not line:
            raise RecogniserFailed(f"the recogniser's process ended (exit code {process.poll()})")
        status, detail = json.loads(line)
        return status, detail

    def entities(self, text: str) -> list[Entity]:
        with self._lock:
            process = self._process
            if process is None or process.stdin is None:
                raise RecogniserFailed("the recogniser is not running")
            try:
                process.stdin.write(json.dumps(text) + "\n")
                process.stdin.flush()
            except (OSError, ValueError) as exc:
                raise RecogniserFailed(f"the recogniser's process ended ({exc})") from None
            status, detail = self._receive(process)
        if status != "ok":
            raise RecogniserFailed(str(detail))
        return [(start, end, label) for start, end, label in cast(list, detail)]

    def close(self) -> None:
        """End the child process at once: it holds nothing to save."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


if __name__ == "__main__":
    # Background work: on a busy machine the app's screen goes first.
    os.nice(10)
    # The protocol owns stdout; anything a library prints goes to stderr instead.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.argv[1], sys.stdin, protocol)
