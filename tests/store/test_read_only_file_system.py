"""A database on a read-only file system: one clear line from each command, a read-only app.

A real read-only mount, made in a private mount namespace (`unshare -m`) so that nothing
outside the test sees it; skipped where the system does not allow that.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dipreader.corpus import bundled_seeds, load_corpus
from dipreader.store import AnnotationStore

SRC = Path(__file__).resolve().parents[2] / "src"

# Runs inside the namespace: mounts, copies the files in, remounts read-only, then runs each
# command as a user would and reports what it printed.
INSIDE = textwrap.dedent(
    """
    import json, shutil, subprocess, sys
    from pathlib import Path
    staged, mount, article, seeds = (Path(a) for a in sys.argv[1:5])
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)], check=True)
    for item in staged.iterdir():
        shutil.copy2(item, mount / item.name)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    db = str(mount / "annotations.json")
    commands = {
        "tag": ["tag", str(article), str(seeds), "--db", db, "--person", "Lương Cường"],
        "undo": ["undo", "--db", db],
        "import": ["import", str(mount / "export.json"), "--db", db],
        "import into a new database": [
            "import", str(mount / "export.json"), "--db", str(mount / "new.json")
        ],
    }
    results = {}
    for name, command in commands.items():
        done = subprocess.run(
            [sys.executable, "-m", "dipreader", *command], capture_output=True, text=True
        )
        results[name] = [done.returncode, done.stderr]
    from dipreader.cli.app_cmd import build_app
    import argparse
    app = build_app(argparse.Namespace(corpus=str(seeds), db=db, read_only=False))
    results["app"] = [app.store.read_only, app.read_only_reason]
    app.close_store()
    print(json.dumps(results))
    """
)


def _namespaces_allowed() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs t /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _namespaces_allowed(), reason="needs unshare -m and mount (root)")
def test_a_read_only_file_system_gets_one_clear_line_and_a_read_only_app(
    tmp_path: Path,
) -> None:
    article = min(a.id for a in load_corpus(bundled_seeds()).articles)
    staged = tmp_path / "staged"
    staged.mkdir()
    with AnnotationStore.open(staged / "annotations.json") as store:
        store.tag_article(article, "Tô Lâm", "person")
    from dipreader.cli import main

    assert (
        main(
            ["export", "--db", str(staged / "annotations.json"), "-o", str(staged / "export.json")]
        )
        == 0
    )
    (staged / "annotations.json.lock").unlink()
    mount = tmp_path / "mount"
    mount.mkdir()
    done = subprocess.run(
        [
            *("unshare", "-m", "--propagation", "private", sys.executable, "-c", INSIDE),
            *(str(staged), str(mount), article, str(bundled_seeds())),
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for command in ("tag", "undo", "import", "import into a new database"):
        code, error = results[command]
        assert code == 2, (command, error)
        assert error.count("\n") == 1 and "Traceback" not in error, (command, error)
        assert "read-only" in error, (command, error)
    read_only, reason = results["app"]
    assert read_only and "file system" in reason and "not saved" in reason
