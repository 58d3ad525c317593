"""What reaches a terminal from data is made safe; what goes to a pipe or a file is the data.

The commands run as a user runs them, in a subprocess, with stdout and stderr on pseudo-
terminals (what a terminal emulator gives them), on a corpus whose file names hold escape
sequences (a title change), a C1 control, a right-to-left override and a stray byte, and a
database whose tag names and imported notes hold the same (an OSC 52 clipboard write).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from dipreader.terminal import write_output

TITLE_CHANGE = "\x1b]0;PWNED\x07"
CLIPBOARD = "\x1b]52;c;SGVsbG8=\x07"
C1_CLEAR = "\x9b2J"  # CSI in its one-byte form
RTL = "\u202e"
STRAY_BYTE = os.fsdecode(b"\xff")  # a file name's byte that is not UTF-8: a lone surrogate
HOSTILE_NOTE = f"imported {CLIPBOARD} {TITLE_CHANGE} {C1_CLEAR} {RTL}reversed end\u2028next"
PERSON = f"Jean {RTL}Dupont"
FILE_NAMES = {
    "title": f"titre {TITLE_CHANGE} x.txt",
    "rtl": f"rtl {RTL}evil.txt",
    "c1": f"c1 {C1_CLEAR}.txt",
    "byte": f"stray {STRAY_BYTE} byte.txt",
}
SKIPPED = f"binary {TITLE_CHANGE}.txt"

# Written out here rather than taken from dipreader.terminal, so that the tests check it: what
# a terminal acts on (C0 but newline and tab, DEL, C1), the line separators, and the
# bidirectional embeddings, overrides and isolates. The styled `show` colours its text
# itself: those sequences (SGR) are its own, not the data's.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
OWN_COLOURS = re.compile(rb"\x1b\[[0-9;]*m")


@dataclass
class Ran:
    returncode: int
    stdout: bytes
    stderr: bytes


def _env() -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160"}
    env.pop("NO_COLOR", None)
    return env


def on_terminal(*args: str, cwd: Path) -> Ran:
    """Run `dipreader ARGS` with stdout and stderr each on a pseudo-terminal of its own."""
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dipreader", *args],
        stdin=subprocess.DEVNULL,
        stdout=out_slave,
        stderr=err_slave,
        cwd=cwd,
        env=_env(),
    )
    os.close(out_slave)
    os.close(err_slave)
    received = {out_master: b"", err_master: b""}
    reading = set(received)
    deadline = time.monotonic() + 60
    while reading and time.monotonic() < deadline:
        ready, _, _ = select.select(list(reading), [], [], 1)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed its end, and all it wrote was read
                chunk = b""
            if chunk:
                received[fd] += chunk
            else:
                reading.discard(fd)
    process.wait(timeout=10)
    os.close(out_master)
    os.close(err_master)
    return Ran(process.returncode, received[out_master], received[err_master])


def into_pipe(*args: str, cwd: Path) -> Ran:
    done = subprocess.run(
        [sys.executable, "-m", "dipreader", *args],
        capture_output=True,
        cwd=cwd,
        env=_env(),
        timeout=60,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def shown(raw: bytes) -> str:
    """What a terminal got, as text (its own CRLF line ends as newlines)."""
    return raw.decode("utf-8", errors="replace").replace("\r\n", "\n")


def unsafe_in(raw: bytes) -> list[str]:
    return UNSAFE.findall(shown(OWN_COLOURS.sub(b"", raw)))


@dataclass
class Hostile:
    folder: Path  # the working folder: corpus/, the databases, the exports
    ids: dict[str, str]  # FILE_NAMES' keys -> article id

    def run(self, *args: str) -> Ran:
        return on_terminal(*args, cwd=self.folder)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "corpus"
    corpus.mkdir()
    for number, (key, name) in enumerate(FILE_NAMES.items()):
        # One names the person tagged below on another: the suggester offers the tag's name.
        who = "Jean Dupont a vu Jean Dupont" if key == "rtl" else "Un paragraphe assez long"
        (corpus / name).write_text(
            f"Un titre {key}\n\n{who} pour un article, numéro {number}.\n", encoding="utf-8"
        )
    (corpus / SKIPPED).write_bytes(b"\x00\x01\x02" * 100)  # skipped, with a warning
    listed = json.loads(into_pipe("list", "corpus", "--format", "json", cwd=folder).stdout)
    by_source = {Path(row["source"]).name: row["id"] for row in listed}
    ids = {key: by_source[name] for key, name in FILE_NAMES.items()}
    # A tag and a note, then given a right-to-left override and escape sequences by editing
    # the database by hand (neither the store nor an import takes them, but a file edited
    # outside dipreader can hold them).
    tagged = into_pipe(
        "tag", ids["title"], "corpus", "--db", "typed.json",
        "--person", "Jean Dupont", "--note", "typed note", cwd=folder,
    )  # fmt: skip
    assert tagged.returncode == 0, tagged.stderr
    database = json.loads((folder / "typed.json").read_text(encoding="utf-8"))
    [note] = [d for d in database["annotations"].values() if d.get("note") == "typed note"]
    note["note"] = HOSTILE_NOTE
    [person] = [d for d in database["vocabulary"].values() if d["name"] == "Jean Dupont"]
    person["name"] = PERSON
    (folder / "hostile.json").write_text(json.dumps(database), encoding="utf-8")
    return Hostile(folder, ids)


COMMANDS = {
    "list": ["list", "corpus"],
    "list json": ["list", "corpus", "--format", "json"],
    "show": ["show", "{title}", "corpus"],
    "show rtl": ["show", "{rtl}", "corpus"],
    "show c1": ["show", "{c1}", "corpus"],
    "show --plain": ["show", "{title}", "corpus", "--plain"],
    "show --explain": ["show", "{c1}", "corpus", "--explain"],
    "tags": ["tags", "corpus", "--db", "hostile.json"],
    "tags ID": ["tags", "{title}", "corpus", "--db", "hostile.json"],
    "tags json": ["tags", "corpus", "--db", "hostile.json", "--format", "json"],
    "suggest": ["suggest", "{rtl}", "corpus", "--db", "hostile.json"],
    "suggest json": ["suggest", "{rtl}", "corpus", "--db", "hostile.json", "--format", "json"],
    "evaluate": ["evaluate", "hostile.json", "corpus"],
    "evaluate json": ["evaluate", "hostile.json", "corpus", "--format", "json"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_on_a_terminal_no_escape_control_or_override_arrives(hostile: Hostile, name: str):
    args = [arg.format(**hostile.ids) for arg in COMMANDS[name]]
    ran = hostile.run(*args)
    assert ran.returncode == 0, shown(ran.stderr)
    assert unsafe_in(ran.stdout) == [], shown(ran.stdout)
    assert unsafe_in(ran.stderr) == [], shown(ran.stderr)
    # The skipped file is still named, its escape marked: the warning was not just dropped.
    assert "binary \ufffd]0;PWNED\ufffd.txt: binary file" in shown(ran.stderr)


def test_the_data_is_shown_marked_not_dropped(hostile: Hostile):
    ids = hostile.ids
    assert "titre \ufffd]0;PWNED\ufffd x.txt" in shown(
        hostile.run("show", ids["title"], "corpus").stdout
    )
    assert "rtl \ufffdevil.txt" in shown(hostile.run("list", "corpus", "--format", "json").stdout)
    assert "c1 \ufffd2J.txt" in shown(hostile.run("show", ids["c1"], "corpus", "--explain").stdout)
    suggested = hostile.run(
        "suggest", ids["rtl"], "corpus", "--db", "hostile.json", "--format", "json"
    )
    assert '"name": "Jean \ufffdDupont"' in shown(suggested.stdout)
    tags = shown(hostile.run("tags", "corpus", "--db", "hostile.json").stdout)
    assert "person  Jean \ufffdDupont" in tags
    assert "note: imported \ufffd]52;c;SGVsbG8=\ufffd \ufffd]0;PWNED\ufffd \ufffd2J" in tags
    # JSON escapes C0 controls itself; the C1 control and the override are marked.
    tags = shown(hostile.run("tags", "corpus", "--db", "hostile.json", "--format", "json").stdout)
    assert "\\u001b]52;c;SGVsbG8=\\u0007 \\u001b]0;PWNED\\u0007 \ufffd2J \ufffdreversed" in tags


def test_undo_and_redo_say_what_they_did_safely(hostile: Hostile, tmp_path: Path):
    shutil.copy(hostile.folder / "typed.json", tmp_path / "history.json")
    for action in ("undo", "redo"):
        ran = on_terminal(action, "--db", "history.json", cwd=tmp_path)
        assert ran.returncode == 0, shown(ran.stderr)
        assert unsafe_in(ran.stdout + ran.stderr) == [], shown(ran.stdout)


def test_argument_errors_quoting_file_names_are_made_safe(hostile: Hostile):
    # `dipreader list corpus corpus/*`: the shell puts every file name on the command line.
    ran = hostile.run(
        "list", "corpus", f"corpus/{FILE_NAMES['title']}", f"corpus/{FILE_NAMES['rtl']}"
    )
    assert ran.returncode == 2
    assert "unrecognized arguments: corpus/titre \ufffd]0;PWNED\ufffd x.txt" in shown(ran.stderr)
    assert unsafe_in(ran.stderr) == [], shown(ran.stderr)


def test_into_a_pipe_the_data_is_exact(hostile: Hostile):
    listed = json.loads(into_pipe("list", "corpus", "--format", "json", cwd=hostile.folder).stdout)
    assert {Path(row["source"]).name for row in listed} == set(FILE_NAMES.values())
    entries = json.loads(
        into_pipe(
            "tags", "corpus", "--db", "hostile.json", "--format", "json", cwd=hostile.folder
        ).stdout
    )
    [entry] = entries
    assert entry["notes"] == [HOSTILE_NOTE]
    assert [tag["name"] for tag in entry["tags"]] == [PERSON]
    plain = into_pipe("show", hostile.ids["title"], "corpus", "--plain", cwd=hostile.folder)
    assert TITLE_CHANGE.encode() in plain.stdout


def test_an_export_to_a_file_keeps_the_data_and_warns_safely(hostile: Hostile, tmp_path: Path):
    shutil.copy(hostile.folder / "hostile.json", tmp_path / "hostile.json")
    shutil.copytree(hostile.folder / "corpus", tmp_path / "corpus")
    ran = on_terminal(
        "export", "corpus", "--db", "hostile.json", "--format", "csv", "-o", "out.csv",
        cwd=tmp_path,
    )  # fmt: skip
    assert ran.returncode == 0, shown(ran.stderr)
    assert unsafe_in(ran.stderr) == [] and "binary \ufffd]0;PWNED" in shown(ran.stderr)
    written = (tmp_path / "out.csv").read_bytes()
    assert HOSTILE_NOTE.encode() in written and PERSON.encode() in written
    piped = into_pipe("export", "corpus", "--db", "hostile.json", "--format", "csv", cwd=tmp_path)
    assert piped.stdout == written


def _read_all(master: int) -> bytes:
    received = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    return received


def test_write_output_makes_a_terminal_safe_and_writes_a_file_exactly(tmp_path: Path):
    """What `export` writes to stdout: CSV rows with an imported note, into a pseudo-
    terminal and into a file."""
    data = f"article_id,note\r\nfeedface,{HOSTILE_NOTE}\r\n".encode() + b"bad byte \xff\r\n"
    master, slave = pty.openpty()
    try:
        with open(slave, "wb", buffering=0) as terminal:
            write_output(data, terminal, is_terminal=terminal.isatty())
            got = _read_all(master)
    finally:
        os.close(master)
    assert unsafe_in(got) == [], got
    assert "feedface,imported \ufffd]52;c;SGVsbG8=\ufffd \ufffd]0;PWNED\ufffd" in shown(got)
    assert "bad byte \ufffd\n" in shown(got)
    with open(tmp_path / "out.csv", "wb") as file:
        write_output(data, file, is_terminal=file.isatty())
    assert (tmp_path / "out.csv").read_bytes() == data


def test_import_names_its_files_safely(hostile: Hostile, tmp_path: Path):
    # An export saved under a hostile name, imported into a database of another hostile name.
    export_name = f"from {TITLE_CHANGE} {RTL}x.json"
    exported = into_pipe(
        "export", "corpus", "--db", "typed.json", "-o", str(tmp_path / export_name),
        cwd=hostile.folder,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    ran = on_terminal("import", export_name, "--db", f"into {C1_CLEAR}.json", cwd=tmp_path)
    assert ran.returncode == 0, shown(ran.stderr)
    assert unsafe_in(ran.stdout + ran.stderr) == [], shown(ran.stdout)
    assert "imported from \ufffd]0;PWNED\ufffd \ufffdx.json into into \ufffd2J.json" in shown(
        ran.stdout
    )
