"""The command palette (ctrl+p): every action of the keymap by name, with its key."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from dipreader.tui.keys import KEYS, KeySpec

if TYPE_CHECKING:
    from collections.abc import Callable


def palette_help(keys: str) -> str:
    """The palette reads help text as markup; key names are ours or the user's keymap's."""
    return escape(f"key: {keys}".replace("\\", "backslash"))


class ActionCommands(Provider):
    def _available(self) -> list[tuple[KeySpec, str, Callable[[], object]]]:
        # `self.screen` is the screen the palette was opened over: only its actions apply.
        screen = self.screen
        applies = getattr(screen, "action_applies", None)
        if applies is None:
            return []
        display = self.app.key_display  # type: ignore[attr-defined]
        return [
            (spec, display(spec), partial(screen.run_action, spec.action))
            for spec in KEYS
            if applies(spec.action)
        ]

    async def discover(self) -> Hits:
        for spec, keys, run in self._available():
            yield DiscoveryHit(spec.command, run, help=palette_help(keys))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for spec, keys, run in self._available():
            score = matcher.match(spec.command)
            if score > 0:
                yield Hit(score, matcher.highlight(spec.command), run, help=palette_help(keys))
