"""Time the app's key presses, headless, in a process of its own; print the timings as JSON.

    python bench/app_probe.py CORPUS DB [--runs 15]
    python bench/app_probe.py CORPUS --floor [--runs 15]

The app is built as the command line builds it (`dipreader.cli.app_cmd.build_app`: settings,
database, corpus loaded in the app's worker) and run with `App.run_test`. Each timing is
"key to frame": from the moment a key event is posted to the app, as the terminal driver
posts it, to the last frame the app draws in response (the compositor's output is timed
where Textual hands it to the terminal; headless, only the writing of the bytes is skipped).
The app counts as done when it has drawn nothing for 100 ms. Cursor blinking is switched
off so that a blink is not taken for a response.

The same keys a user presses: `j` shows the next article, `pagedown` moves the list a
screen down (and shows the article it lands on), `enter` opens it (and marks it read: a
durable write), `p` + a name + `enter` tags it, `u` undoes, `/` + a query + `enter`
searches, `f` + a tag + `enter` filters, `escape` clears. Every key is timed `--runs` times.
A key with no binding (`f12`) must draw nothing: it checks that the probe invents no frame.

`--floor` times the same kind of key on a bare Textual app with dipreader's widgets and no
logic of its own (header, a 10,000-row list, a read-only TextArea, a small list, footer):
`j` moves the list and loads the next article's text. It is what Textual itself costs for
that frame on this machine, the floor under "next article".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

QUIET_S = 0.1  # no frame for this long: the app has finished responding
KEY_TIMEOUT_S = 30.0
SEARCH = "Tô Lâm dioxine"
FILTER_TAG = "Personne 001"


class FrameLog:
    """The times at which the app hands a frame to the terminal."""

    def __init__(self, app) -> None:
        self.times: list[float] = []
        display = app._display

        def logged(screen, renderable) -> None:
            if renderable is not None:
                self.times.append(time.perf_counter())
            display(screen, renderable)

        app._display = logged


def no_blink(app) -> None:
    for widget in app.screen.walk_children(with_self=False):
        if hasattr(widget, "cursor_blink"):
            widget.cursor_blink = False


async def key_to_frame(pilot, frames: FrameLog, key: str, character: str | None = None) -> float:
    """Seconds from posting `key` to the last frame drawn in response (0.0 if none)."""
    from textual import events

    app = pilot.app
    no_blink(app)
    await asyncio.sleep(QUIET_S)  # let earlier work finish drawing
    count = len(frames.times)
    started = time.perf_counter()
    app.post_message(events.Key(key, character))
    await pilot.pause()  # every message handled and the process idle (a long handler too)
    seen, quiet_since = len(frames.times), time.perf_counter()
    while time.perf_counter() - started < KEY_TIMEOUT_S:
        await asyncio.sleep(0.005)
        now = time.perf_counter()
        if len(frames.times) != seen:
            seen, quiet_since = len(frames.times), now
        elif now - quiet_since >= QUIET_S:
            break
    return frames.times[-1] - started if len(frames.times) > count else 0.0


async def until(check: Callable[[], bool], timeout: float) -> float:
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.01)
    return time.perf_counter() - started


def pure_search_and_filter(session, runs: int) -> dict[str, list[float]]:
    """The session's own search and filter (no drawing), as the list uses them."""
    from dipreader.tui.session import ListFilter

    timings: dict[str, list[float]] = {"search": [], "filter": []}
    tag = next(t for t in session.store.tags() if t.name.startswith(FILTER_TAG))
    for _ in range(runs):
        session.search, session.filter = SEARCH, None
        started = time.perf_counter()
        session.visible_articles()
        timings["search"].append(time.perf_counter() - started)
        session.search, session.filter = "", ListFilter("tag", tag.id, tag.name)
        started = time.perf_counter()
        session.visible_articles()
        timings["filter"].append(time.perf_counter() - started)
    session.search, session.filter = "", None
    return timings


async def probe(corpus: Path, db: Path, runs: int) -> dict[str, object]:
    from textual.widgets import Input

    from dipreader.cli.app_cmd import build_app

    started = time.perf_counter()
    app = build_app(argparse.Namespace(corpus=str(corpus), db=str(db), read_only=False))
    frames = FrameLog(app)
    timings: dict[str, list[float]] = {}

    async def press(name: str, key: str, character: str | None = None) -> None:
        timings.setdefault(name, []).append(await key_to_frame(pilot, frames, key, character))

    def fill(text: str) -> None:
        focused = app.focused
        assert isinstance(focused, Input), f"expected a text field, found {focused!r}"
        focused.value = text

    def check(what: str, done: bool) -> None:
        # A key that did not do its job would be timed doing nothing: stop instead.
        if not done:
            raise RuntimeError(f"the app did not {what}: the probe no longer fits the app")

    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen_stack[0]  # the main screen, under any prompt
        await until(lambda: getattr(main, "session", None) is not None, timeout=600)
        ready_s = time.perf_counter() - started
        session = main.session
        # Keys are timed once the search index is built (about 1 s after the list shows,
        # in a worker that meanwhile shares the interpreter with the screen).
        await until(lambda: session.index is not None, timeout=600)
        await pilot.pause(0.5)
        article_list = main.query_one("#articles")
        for _ in range(runs):
            await press("no-op key", "f12")
            before = article_list.highlighted
            await press("next article (j)", "j", "j")
            check("move to the next article", article_list.highlighted == before + 1)
        for _ in range(runs):
            before = article_list.highlighted
            await press("page down the list (pagedown)", "pagedown")
            check("page down the list", article_list.highlighted > before)
        for _ in range(runs):
            article_list.focus()
            await pilot.press("j")
            await press("open article (enter, marks read)", "enter")
            check("mark the article read", session.state(main.current.id).read)
        article_list.focus()
        for n in range(runs):
            await pilot.press("p")
            fill(f"Bench Person {n}")
            await pilot.pause()
            await press("tag (enter in the tag prompt)", "enter")
            check("tag", session.store.find_tag(f"Bench Person {n}", "person") is not None)
        for n in reversed(range(runs)):
            await press("undo (u)", "u", "u")
            check("undo", session.store.find_tag(f"Bench Person {n}", "person") is None)
        for _ in range(runs):
            await pilot.press("slash")
            fill(SEARCH)  # Enter applies it at once, before the typing pause elapses
            await press("search (enter)", "enter")
            check("search", session.search == SEARCH)
            await press("clear search (escape)", "escape")
            check("clear the search", session.search == "")
        for _ in range(runs):
            await pilot.press("f")
            fill(FILTER_TAG)
            await pilot.pause()
            await press("filter by tag (enter)", "enter")
            check("filter", session.filter is not None)
            await press("clear filter (escape)", "escape")
            check("clear the filter", session.filter is None)
        try:
            pure = pure_search_and_filter(session, runs)
        except Exception as exc:  # the session's API moved: say so, keep the rest
            pure = {"error": [repr(exc)]}  # type: ignore[dict-item]
        await pilot.press("q")
    app.store.close()
    return {"ready_s": ready_s, "keys": timings, "session": pure}


async def floor(corpus: Path, runs: int) -> dict[str, object]:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.content import Content
    from textual.widgets import Footer, Header, OptionList, Static, TextArea
    from textual.widgets.option_list import Option

    from dipreader.corpus import load_corpus

    articles = load_corpus(corpus).articles

    class FloorApp(App[None]):
        CSS = "#list { width: 40%; } #right { width: 60%; } #panel { height: 12; }"
        BINDINGS = [("j", "next", "next")]  # noqa: RUF012 (Textual's idiom)

        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                rows = [
                    Option(Content(f"{a.title}\n  {a.date} · {len(a.paragraphs)}"))
                    for a in articles
                ]
                yield OptionList(*rows, id="list")
                with Vertical(id="right"):
                    yield Static(id="title")
                    yield TextArea(articles[0].text, read_only=True, soft_wrap=True, id="text")
                    yield OptionList(*(f"tag {n}" for n in range(8)), id="panel")
            yield Footer()

        def action_next(self) -> None:
            rows = self.query_one("#list", OptionList)
            rows.action_cursor_down()
            article = articles[rows.highlighted or 0]
            self.query_one("#title", Static).update(Content(article.title))
            self.query_one("#text", TextArea).load_text(article.text)

    app = FloorApp()
    frames = FrameLog(app)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#list").focus()
        await pilot.pause(0.5)
        timings = [await key_to_frame(pilot, frames, "j", "j") for _ in range(runs)]
    return {"keys": {"bare Textual, same widgets: next row and its text (j)": timings}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("db", type=Path, nargs="?")
    parser.add_argument("--floor", action="store_true", help="time the bare Textual layout")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if args.floor:
        result = asyncio.run(floor(args.corpus, args.runs))
    elif args.db is None:
        parser.error("the annotation database is needed (or --floor)")
    else:
        result = asyncio.run(probe(args.corpus, args.db, args.runs))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
