"""The one HTTP client of `dipreader fetch` and `dipreader feeds update`.

A thin layer over urllib3 that is careful with what it lets in: http and https only, a
size cap on the decoded body (read as a stream and stopped as soon as it is passed, so that
a small compressed body cannot unfold into gigabytes), a bounded number of redirects, a few
retries with back-off when a server is down or busy, and conditional GET so that a feed that
has not changed costs one small request. Every failure is one `FetchError` with a one-line
message that names the address.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

from dipreader import __version__
from dipreader.corpus.fetch.decoding import BodyDecoder, DecodeError
from dipreader.corpus.text import normalise_line
from dipreader.errors import DipreaderError

USER_AGENT = f"dipreader/{__version__} (+https://pypi.org/project/dipreader/)"
MIB = 1024 * 1024

# Defaults, read when a client is made (a test may set them lower for the clients the
# command line makes).
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 30.0
DEFAULT_TOTAL_TIMEOUT = 120.0  # a server trickling a byte a second never times out a read
DEFAULT_MAX_BYTES = 5 * MIB  # the loader reads no file larger than this either
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0  # seconds before the first retry, doubled before each next one
DEFAULT_MAX_RETRY_AFTER = 30.0  # a server asking to wait longer is not waited for

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RAW_CHUNK = 16 * 1024


_MAX_SHOWN = 300  # characters of an address or a reason in a message


class FetchError(DipreaderError):
    """An address could not be fetched; the message names it and says why, on one line."""

    def __init__(self, url: str, reason: str) -> None:
        # Both come from outside (a feed's link, a server's reason phrase or bytes): they go
        # to the terminal, the app's toasts and feeds.json as plain, short text.
        url, reason = normalise_line(url)[:_MAX_SHOWN], normalise_line(reason)[:_MAX_SHOWN]
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class _Retry(Exception):
    """A failure worth trying again, with what to say if no try succeeds."""

    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        self.error, self.wait = error, wait


@dataclass(frozen=True)
class HttpResponse:
    """What dipreader keeps of a response."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        """The server said the copy we have is current (a conditional GET's 304)."""
        return self.status == 304


def check_url(url: str) -> str:
    """`url` stripped, if it is an http or https address with a host; FetchError otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as exc:
        raise FetchError(url, f"not a valid web address ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, "not a web address (only http:// and https:// are fetched)")
    if not host:
        raise FetchError(url, "not a valid web address (no host name)")
    return url


def resolve(base: str | None, link: str) -> str:
    """`link` (relative to `base`, if given) as a checked web address; FetchError if it is
    none (urljoin itself refuses some, such as an unclosed `[`)."""
    try:
        joined = urljoin(base, link.strip()) if base else link.strip()
    except ValueError as exc:
        raise FetchError(link, f"not a valid web address ({exc})") from None
    return check_url(joined)


def describe_size(size: int) -> str:
    if size >= MIB and size % MIB == 0:
        return f"{size // MIB} MiB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _retry_after(value: str | None) -> float | None:
    """The wait a Retry-After header asks for, in seconds (it may be a number or a date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class HttpClient:
    """Fetches addresses one at a time; reuse one for many (connections are kept).

    Every setting left as None takes the module's default (`DEFAULT_*`): timeouts in seconds,
    `max_bytes` of decoded body, `retries` after the first try for connection errors, 429 and
    5xx, waiting `backoff` seconds before the first retry and twice as long before each next.
    """

    def __init__(
        self,
        *,
        connect_timeout: float | None = None,
        read_timeout: float | None = None,
        total_timeout: float | None = None,
        max_bytes: int | None = None,
        max_redirects: int | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        max_retry_after: float | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        def pick(value: Any, default: Any) -> Any:
            return default if value is None else value

        self.connect_timeout = float(pick(connect_timeout, DEFAULT_CONNECT_TIMEOUT))
        self.read_timeout = float(pick(read_timeout, DEFAULT_READ_TIMEOUT))
        self.total_timeout = float(pick(total_timeout, DEFAULT_TOTAL_TIMEOUT))
        self.max_bytes = int(pick(max_bytes, DEFAULT_MAX_BYTES))
        self.max_redirects = int(pick(max_redirects, DEFAULT_MAX_REDIRECTS))
        self.retries = int(pick(retries, DEFAULT_RETRIES))
        self.backoff = float(pick(backoff, DEFAULT_BACKOFF))
        self.max_retry_after = float(pick(max_retry_after, DEFAULT_MAX_RETRY_AFTER))
        self.user_agent = user_agent
        self._pool: Any = None

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.clear()
            self._pool = None

    def _manager(self) -> Any:
        if self._pool is None:
            import urllib3

            self._pool = urllib3.PoolManager(
                retries=False,
                timeout=urllib3.Timeout(connect=self.connect_timeout, read=self.read_timeout),
            )
        return self._pool

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> HttpResponse:
        """GET `url`, following redirects. Given the ETag or Last-Modified of a copy we have,
        the server may answer 304: a response whose `not_modified` is true and body empty.
        Raises FetchError for anything but a 2xx or a 304."""
        url = check_url(url)
        headers = {
            "User-Agent": self.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
            "application/atom+xml, application/xml;q=0.9, */*;q=0.8",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(url, headers)
            except _Retry as retry:
                if attempt >= self.retries:
                    tries = attempt + 1
                    suffix = f" (after {tries} tries)" if tries > 1 else ""
                    raise FetchError(retry.error.url, retry.error.reason + suffix) from None
                wait = self.backoff * 2**attempt
                if retry.wait is not None:
                    if retry.wait > self.max_retry_after:
                        asked = _seconds(round(retry.wait))
                        raise FetchError(
                            retry.error.url,
                            f"{retry.error.reason} (the server asks to wait {asked})",
                        ) from None
                    wait = max(wait, retry.wait)
                time.sleep(wait)
                attempt += 1

    def _follow(self, url: str, headers: dict[str, str]) -> HttpResponse:
        current = url
        for _ in range(self.max_redirects + 1):
            response = self._open(url, current, headers)
            whole = False  # whether the body was read to its end (the connection can serve again)
            try:
                status = response.status
                if status in _REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(url, f"HTTP {status} redirect with no Location")
                    current = resolve(current, location)
                    continue
                if status == 304 or 200 <= status < 300:
                    body = b"" if status in (204, 304) else self._body(url, response)
                    whole = True
                    return HttpResponse(
                        url=url,
                        final_url=current,
                        status=status,
                        content_type=response.headers.get("Content-Type"),
                        etag=response.headers.get("ETag"),
                        last_modified=response.headers.get("Last-Modified"),
                        body=body,
                    )
                reason = response.reason or _phrase(status)
                error = FetchError(url, f"HTTP {status} {reason}".rstrip())
                if status == 429 or 500 <= status < 600:
                    raise _Retry(error, _retry_after(response.headers.get("Retry-After")))
                raise error
            finally:
                # The body of a redirect or an error is not read: that connection is dropped.
                if not whole:
                    response.close()
                response.release_conn()
        raise FetchError(url, "too many redirects (loop?)")

    def _open(self, url: str, current: str, headers: dict[str, str]) -> Any:
        from urllib3 import exceptions as errors

        try:
            return self._manager().request(
                "GET", current, headers=headers, redirect=False, preload_content=False
            )
        except errors.NameResolutionError:
            host = urlsplit(current).hostname
            raise FetchError(url, f"no such server ({host} was not found)") from None
        except errors.SSLError as exc:
            raise FetchError(url, f"secure connection failed ({_cause(exc)})") from None
        except errors.NewConnectionError as exc:
            raise _Retry(FetchError(url, f"could not connect ({_cause(exc)})")) from None
        except errors.ConnectTimeoutError:
            message = f"could not connect: timed out after {_seconds(self.connect_timeout)}"
            raise _Retry(FetchError(url, message)) from None
        except errors.ReadTimeoutError:
            # The server is up but slow: trying again would only make the wait longer.
            raise FetchError(url, f"timed out after {_seconds(self.read_timeout)}") from None
        except errors.ProtocolError as exc:
            raise _Retry(FetchError(url, f"the connection broke ({_cause(exc)})")) from None
        except (errors.HTTPError, OSError) as exc:
            raise FetchError(url, f"could not fetch ({_cause(exc)})") from None

    def _body(self, url: str, response: Any) -> bytes:
        from urllib3 import exceptions as errors

        too_big = FetchError(url, f"larger than {describe_size(self.max_bytes)}")
        encoding = response.headers.get("Content-Encoding", "")
        length = response.headers.get("Content-Length", "")
        identity = encoding.strip().lower() in ("", "identity")
        if identity and length.strip().isdigit() and int(length) > self.max_bytes:
            raise too_big
        deadline = time.monotonic() + self.total_timeout
        pieces: list[bytes] = []
        size = 0
        try:
            decoder = BodyDecoder(encoding)
            # read1 returns what has arrived: a server that trickles a byte at a time is
            # caught by the deadline, not waited for until a whole chunk is in.
            while raw := response.read1(_RAW_CHUNK, decode_content=False):
                for piece in decoder.feed(raw):
                    size += len(piece)
                    if size > self.max_bytes:
                        raise too_big
                    pieces.append(piece)
                if time.monotonic() > deadline:
                    raise FetchError(url, f"took longer than {_seconds(self.total_timeout)}")
            decoder.finish()
        except DecodeError as exc:
            raise FetchError(url, str(exc)) from None
        except errors.ReadTimeoutError:
            raise FetchError(url, f"timed out after {_seconds(self.read_timeout)}") from None
        except errors.ProtocolError as exc:
            raise FetchError(url, f"the connection broke ({_cause(exc)})") from None
        except (errors.HTTPError, OSError) as exc:
            raise FetchError(url, f"could not read the response ({_cause(exc)})") from None
        return b"".join(pieces)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _cause(exc: BaseException) -> str:
    """The most telling short reason in a chain of urllib3 and socket errors."""
    seen = exc
    while True:
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror
        nxt = seen.__cause__ or seen.__context__
        if nxt is None and seen.args and isinstance(seen.args[-1], BaseException):
            nxt = seen.args[-1]
        if nxt is None or nxt is seen:
            break
        seen = nxt
    text = str(seen)
    # urllib3 starts its messages with the connection object's repr, of no use to a reader.
    if text.startswith("<") and ">: " in text:
        text = text.split(">: ", 1)[1]
    return " ".join(text.split())[:200] or type(exc).__name__
