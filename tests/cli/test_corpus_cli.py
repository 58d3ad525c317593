"""`dipreader list` and `show`, run as a user runs them: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SEEDS


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "dipreader", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("dipreader ")


def test_list_table_newest_first_undated_last() -> None:
    result = run("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "title", "words", "id"]
    assert [line.split()[0] for line in lines[1:]] == [
        "2026-02-21",
        "2024-12",
        "2024-11",
        "2023-07",
        "undated",
    ]
    assert "Vietnam - États-Unis : le SG Tô Lâm rencontre le président Donald Trump" in lines[1]


def test_list_json() -> None:
    result = run("list", str(SEEDS), "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) == 5
    assert {"id", "date", "date_precision", "title", "title_derived", "source", "words"} <= set(
        rows[0]
    )
    assert [r["date_precision"] for r in rows] == ["day", "month", "month", "month", None]
    assert [r["title_derived"] for r in rows] == [False, False, True, True, False]
    assert all(Path(r["source"]).is_file() for r in rows)


def test_show_plain_and_explain() -> None:
    rows = json.loads(run("list", "--format", "json").stdout)
    undated = rows[-1]
    shown = run("show", undated["id"][:6], "--plain")
    assert shown.returncode == 0
    assert shown.stdout.startswith(
        "Le Vietnam souhaite à renforcer ses liens avec les États-Unis\n\nundated"
    )
    assert "Gillibrand" not in shown.stdout
    explained = run("show", undated["id"], "--explain")
    assert "[related-link]  >> Le président de l’AN" in explained.stdout
    assert "publisher-footer: the publisher's footer" in explained.stdout


def test_unknown_id_is_a_clear_error() -> None:
    result = run("show", "zzzz")
    assert result.returncode == 2
    assert result.stderr == "dipreader: error: no article with an id starting 'zzzz'\n"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_missing_or_empty_corpus_exits_2(tmp_path: Path, make: str) -> None:
    folder = tmp_path / "corpus"
    if make == "empty":
        folder.mkdir()
    result = run("list", str(folder))
    assert result.returncode == 2
    assert result.stderr.startswith("dipreader: error: ")
    assert "Traceback" not in result.stderr


def test_skipped_files_are_reported_on_stderr(seeds_copy: Path) -> None:
    (seeds_copy / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run("list", str(seeds_copy))
    assert result.returncode == 0
    assert "dipreader: warning:" in result.stderr and "broken.txt: binary file" in result.stderr
    assert len(result.stdout.splitlines()) == 6


def test_the_wheel_carries_the_seeds_and_works_outside_the_repo(tmp_path: Path) -> None:
    """What a plain `pip install .` gives: the package with its seeds, run from elsewhere."""
    import zipfile

    build = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n for n in names if n.startswith("dipreader/seeds/")) == sorted(
        f"dipreader/seeds/{p.name}" for p in SEEDS.iterdir()
    )
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run("list", "--format", "json", cwd=elsewhere, env={"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    sources = [Path(r["source"]) for r in json.loads(result.stdout)]
    assert len(sources) == 5
    assert all(site in s.parents for s in sources)


def test_untrusted_names_and_metadata_print_safely(tmp_path: Path) -> None:
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9 \x1b[2J.txt")
    with open(odd, "wb") as handle:
        handle.write(b"Titre\n\nUn texte.")
    page = (
        '<html><head><meta name="author" content="Jean&#27;]0;PWNED&#7; Dupont">'
        '<meta property="og:site_name" content="Site \x1b[31mrouge">'
        "<title>Titre de page</title></head><body><article>"
        + "<p>Un paragraphe assez long pour être le texte principal de la page, et même un"
        " peu plus long encore pour que personne n'en doute.</p>" * 3 + "</article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    for args in (["list"], ["list", "--format", "json"]):
        result = run(*args, str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
        assert "Traceback" not in result.stderr
    listed = json.loads(run("list", "--format", "json", str(tmp_path)).stdout)
    [about] = [row for row in listed if row["source"].endswith("page.html")]
    assert about["authors"] == ["Jean Dupont"] and about["site"] == "Site rouge"
    shown = run("show", about["id"], str(tmp_path), "--plain")
    assert shown.returncode == 0 and "\x1b" not in shown.stdout


def test_explain_lists_every_stated_date_with_its_rank_and_conflicts(tmp_path: Path) -> None:
    page = "\n".join(
        [
            "Un titre de page pour les dates",
            "Mis à jour le 20/04/2024 à 11:40",
            "urn:newsml:afp.com:20240417:0a1b:1",
            "Publié le 18/04/2024 à 09:12",
            "Les deux délégations ont examiné pendant trois heures le calendrier des réunions.",
        ]
    )
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    rows = json.loads(run("list", str(tmp_path), "--format", "json").stdout)
    explained = run("show", rows[0]["id"], str(tmp_path), "--explain").stdout
    assert "date:   2024-04-18 (from the text)" in explained
    lines = [line.split() for line in explained.splitlines() if line.startswith("    line")]
    assert [line[:3] for line in lines] == [
        ["line", "4", "2024-04-18"],
        ["line", "2", "2024-04-20"],
        ["line", "3", "2024-04-17"],
    ]
    assert "publication line  [used]" in explained
    assert "update line  [conflicts with 2024-04-18]" in explained
    assert "agency metadata  [conflicts with 2024-04-18]" in explained
