"""The small file saved beside a fetched page: where it came from and when.

`page.html` has `page.fetch.json`; the loader reads it so that a page read offline has the
address, the HTTP charset and the Last-Modified date it was fetched with, and so that its
article id is the page's address whatever the page's bytes.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from dipreader.corpus.model import ArticleDate

SIDECAR_SUFFIX = ".fetch.json"
FORMAT = 1
MAX_SIDECAR_BYTES = 64 * 1024


@dataclass(frozen=True)
class FetchRecord:
    """What a fetch recorded about a page."""

    url: str  # as asked for (a feed's entry link, a URL on the command line)
    final_url: str  # after redirects
    fetched_at: str  # ISO 8601, UTC
    last_modified: str | None = None  # the HTTP header, as sent
    etag: str | None = None
    content_type: str | None = None
    feed: str | None = None  # the feed the page was found in

    def to_json(self) -> bytes:
        return (json.dumps({"format": FORMAT, **asdict(self)}, indent=2) + "\n").encode()

    @property
    def charset(self) -> str | None:
        """The charset the server named in Content-Type, if any."""
        if not self.content_type:
            return None
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip(' "'):
                return value.strip(' "').lower()
        return None

    @property
    def last_modified_date(self) -> ArticleDate | None:
        if not self.last_modified:
            return None
        try:
            moment = parsedate_to_datetime(self.last_modified)
        except (TypeError, ValueError, IndexError):
            return None
        return ArticleDate(moment.year, moment.month, moment.day)


def sidecar_path(page: Path) -> Path:
    """Where the sidecar of `page` lives (`x.html` → `x.fetch.json`)."""
    return page.with_name(page.stem + SIDECAR_SUFFIX)


def read_sidecar(page: Path) -> FetchRecord | None:
    """The fetch record beside `page`; None when there is none or it cannot be read (the page
    then reads as a page saved from a browser: nothing is lost but the address)."""
    path = sidecar_path(page)
    try:
        # Not blocking, and only a regular file: a FIFO or a device there must not hang or
        # feed the load.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, MAX_SIDECAR_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_SIDECAR_BYTES:
        return None
    try:
        fields = json.loads(data)
        if not isinstance(fields, dict) or not isinstance(fields.get("url"), str):
            return None
        known = {
            k: v
            for k, v in fields.items()
            if k in FetchRecord.__dataclass_fields__ and (v is None or isinstance(v, str))
        }
        known.setdefault("final_url", fields["url"])
        known.setdefault("fetched_at", "")
        return FetchRecord(**known)
    except (ValueError, TypeError):
        return None
