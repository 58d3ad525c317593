"""Package entry points that import a submodule only when one of its names is first used.

`dipreader.store` and `dipreader.corpus` name everything a caller needs, but importing all
of it up front (TinyDB, file locking, the cleaning rules' regexes) would sit in front of
the app's first frame, which needs a few of those names only.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, tuple[str, ...]]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: `exports` maps a submodule to the names it gives."""
    module_of = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> object:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return __getattr__
