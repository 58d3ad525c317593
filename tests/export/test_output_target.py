"""Where `dipreader export -o` may write: never over one of the store's own files (the
database, its journal, lock, backups, set-aside copies, temporary files), never into a
device, FIFO or socket, and never "over" a folder, whatever `--force` says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.export.atomic import check_output_target
from dipreader.export.errors import ExportError
from dipreader.store import AnnotationStore
from dipreader.store.files import is_store_file

DB = "db.json"
STORE_FILES = (
    "db.json",
    "db.json.journal",
    "db.json.lock",
    "db.json.bak",
    "db.json.bak-1",
    "db.json.bak-1.2",
    "db.json.replaced-20260101-120000",
    "db.json.journal.damaged-20260101-120000",
    "db.json.journal.foreign-20260101-120000",
    ".db.json.k2j3h4_x.tmp",
)


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    with AnnotationStore.open(tmp_path / DB) as store:
        store.tag_article("c69367fe4e06042e", "Tô Lâm", "person")
    return tmp_path


def export(capsys, *argv: str) -> tuple[int, str]:
    code = main(["export", "--db", DB, *argv])
    return code, capsys.readouterr().err


def state_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("name", STORE_FILES)
def test_no_store_file_is_written_even_with_force(workdir, capsys, name):
    before = state_of(workdir)
    for target in (name, f"./{name}", str(workdir / name)):
        code, err = export(capsys, "-o", target, "--force")
        assert code == 2, target
        assert err.startswith("dipreader: error:") and err.count("\n") == 1
        assert "annotation database" in err and "choose another" in err
    assert state_of(workdir) == before
    with AnnotationStore.open(workdir / DB, read_only=True) as store:
        assert len(store.annotations()) == 1


def test_links_to_a_store_file_are_refused(workdir, capsys):
    journal = workdir / "db.json.journal"
    journal.write_bytes(b"")  # as a store leaves it between two writes
    (workdir / "soft.json").symlink_to(journal)
    os.link(journal, workdir / "hard.json")
    os.link(workdir / DB, workdir / "hard-db.json")
    for name in ("soft.json", "hard.json", "hard-db.json"):
        code, err = export(capsys, "-o", name, "--force")
        assert code == 2 and "annotation database" in err, name
    assert journal.read_bytes() == b""


def test_the_files_of_another_database_next_to_it_are_refused(workdir, capsys):
    (workdir / "other.json").write_bytes(b"")
    for name in ("other.json.journal", "other.json.lock", "other.json.bak"):
        code, err = export(capsys, "-o", name, "--force")
        assert code == 2 and "other.json" in err and "choose another" in err, name
        assert not (workdir / name).exists()
    # Without the database it would belong to, the name is just a name.
    assert export(capsys, "-o", "nothing.json.bak")[0] == 0


def test_is_store_file_knows_the_names_and_nothing_else(tmp_path):
    database = tmp_path / DB
    for name in STORE_FILES:
        assert is_store_file(database, tmp_path / name), name
        assert is_store_file(database, tmp_path / "sub" / ".." / name), name
    for name in ("db.json.export", "db.json.bakery", "xdb.json.journal", "db.json.tmp", "db.jso"):
        assert not is_store_file(database, tmp_path / name), name
    assert not is_store_file(database, tmp_path / "sub" / "db.json.journal")


def test_a_fifo_is_refused_even_with_force(workdir, capsys):
    fifo = workdir / "pipe"
    os.mkfifo(fifo)
    code, err = export(capsys, "-o", "pipe", "--force")
    assert code == 2 and "not a regular file" in err and err.count("\n") == 1
    assert fifo.is_fifo()


def test_a_device_is_refused_without_writing(tmp_path):
    with pytest.raises(ExportError, match="not a regular file"):
        check_output_target(Path(os.devnull), tmp_path / DB, overwrite=True)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_file_descriptor_of_a_pipe_is_refused(workdir):
    # The child's stdout is a pipe: /proc/self/fd/1 is that pipe, whatever --force says.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dipreader",
            "export",
            "--db",
            DB,
            "-o",
            "/proc/self/fd/1",
            "--force",
        ],
        capture_output=True,
        cwd=workdir,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == b""
    assert b"not a regular file" in done.stderr and b"Traceback" not in done.stderr


def test_a_folder_is_named_as_a_folder(workdir, capsys):
    (workdir / "exports").mkdir()
    for extra in ((), ("--force",)):
        code, err = export(capsys, "-o", "exports", *extra)
        assert code == 2 and "is a folder" in err and "file name" in err
        assert "use --force" not in err


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_an_import_nested_too_deeply_is_one_clear_line(tmp_path, capsys, opening):
    deep = tmp_path / "deep.json"
    closing = "]" if opening == "[" else "}"
    deep.write_text(opening * 995 + "1" + closing * 995, encoding="utf-8")
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        store.tag_article("c69367fe4e06042e", "Tô Lâm", "person")
    before = db.read_bytes()
    assert main(["import", str(deep), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dipreader: error:") and err.count("\n") == 1
    assert "nested too deeply" in err
    assert db.read_bytes() == before
