"""Textual is pinned to one version, the one installed, and every private Textual name the app
overrides is written down in docs/architecture.md with its reason."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import dipreader.tui

REPO = Path(__file__).resolve().parents[2]
# Names Textual's own metaclass sets on every subclass: not ours.
_CLASS_MACHINERY = re.compile(
    r"_(computes|css_type_names?|decorated_handlers|inherit_\w+|merged_bindings|reactives|abc_impl)$"
)


def test_textual_is_pinned_to_the_installed_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in project["project"]["dependencies"] if re.match(r"textual\b", d)]
    assert len(pins) == 1 and re.fullmatch(r"textual==[\d.]+", pins[0]), pins
    assert pins[0].split("==")[1] == version("textual")


def private_overrides() -> set[str]:
    """`Class._name` for each private method of a Textual base class that the app redefines."""
    found: set[str] = set()
    for module_info in pkgutil.iter_modules(dipreader.tui.__path__):
        module = importlib.import_module(f"dipreader.tui.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
            for name in cls.__dict__:
                if name.startswith("__") or not name.startswith("_"):
                    continue
                if _CLASS_MACHINERY.match(name):
                    continue
                if any(name in base.__dict__ for base in bases):
                    found.add(f"{cls.__name__}.{name}")
    return found


def test_every_private_textual_name_the_app_overrides_is_written_down():
    overrides = private_overrides()
    assert "MainScreen._on_timer_update" not in overrides  # the frame loop is Textual's own
    written = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert {name for name in overrides if f"`{name}`" not in written} == set()
