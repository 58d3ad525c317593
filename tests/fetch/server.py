"""A real HTTP server on 127.0.0.1 for the fetch tests, answering what each test sets up.

Each path is given a `Reply`, or a function of the request that returns one; the server
keeps every request it gets (path and headers), so a test can check what the client sent,
and how many bytes of a streamed body it wrote before the client hung up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line is sent
    # A body of unknown length, written piece by piece until the client stops reading.
    stream: Callable[[], Iterator[bytes]] | None = None


@dataclass(frozen=True)
class Request:
    path: str
    headers: Message

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


Route = Reply | Callable[[Request], Reply]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.streamed: dict[str, int] = {}  # bytes of a streamed body written, by path
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        # A client that hangs up early (a timeout, a size cap) is what some tests want.
        self._httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Route) -> str:
        """Answer `path` with `reply`; the full address of `path`."""
        self.routes[path] = reply
        return self.url(path)

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def hits(self, path: str) -> int:
        return len(self.requests_for(path))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet

            def do_GET(self) -> None:
                request = Request(self.path, self.headers)
                with server._lock:
                    server.requests.append(request)
                route = server.routes.get(self.path)
                if route is None:
                    reply = Reply(404, b"<html><body>Page introuvable</body></html>")
                else:
                    reply = route(request) if callable(route) else route
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.stream is None:
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.status != 304:
                        self.wfile.write(reply.body)
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                sent = 0
                try:
                    for piece in reply.stream():
                        self.wfile.write(piece)
                        sent += len(piece)
                        with server._lock:
                            server.streamed[self.path] = sent
                except OSError:
                    pass  # the client hung up

        return Handler
