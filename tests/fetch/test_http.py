"""The HTTP client against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket
import time
import zlib
from collections.abc import Iterator

import pytest

from dipreader import __version__
from dipreader.corpus.fetch.http import FetchError, HttpClient
from tests.fetch.data import HTML
from tests.fetch.server import LocalServer, Reply, Request

MIB = 1024 * 1024
PAGE = "<html><body><p>Bonjour de Saint-Aubin-des-Vignes, été comme hiver.</p></body></html>"


def test_a_page_with_its_headers_and_a_clear_user_agent(server: LocalServer, client: HttpClient):
    url = server.route(
        "/accueil",
        Reply(
            body=PAGE.encode(),
            headers={"Content-Type": HTML, "ETag": '"v7"', "Last-Modified": "Mon, 02 Sep 2024"},
        ),
    )
    response = client.get(url)
    assert (response.status, response.body, response.final_url) == (200, PAGE.encode(), url)
    assert (response.content_type, response.etag) == (HTML, '"v7"')
    assert response.last_modified == "Mon, 02 Sep 2024"
    sent = server.requests_for("/accueil")[0]
    assert sent.header("User-Agent") == (
        f"dipreader/{__version__} (+https://pypi.org/project/dipreader/)"
    )
    assert sent.header("Accept-Encoding") == "gzip, deflate"
    assert sent.header("If-None-Match") is None


@pytest.mark.parametrize(
    "encoding, pack",
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),  # as the standard says: zlib-wrapped
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # as some servers send it: raw
    ],
)
def test_a_compressed_body_is_decoded(server: LocalServer, client: HttpClient, encoding, pack):
    body = (PAGE * 200).encode()
    url = server.route("/z", Reply(body=pack(body), headers={"Content-Encoding": encoding}))
    assert client.get(url).body == body


def test_a_redirect_is_followed_and_the_final_address_kept(server: LocalServer, client):
    server.route("/nouvelle", Reply(body=PAGE.encode()))
    url = server.route("/ancienne", Reply(301, headers={"Location": "/nouvelle"}))
    response = client.get(url)
    assert response.url == url and response.final_url == server.url("/nouvelle")
    assert response.body == PAGE.encode()


def test_a_redirect_loop_is_a_clear_error(server: LocalServer, client: HttpClient):
    url = server.route("/a", Reply(302, headers={"Location": "/b"}))
    server.route("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: too many redirects (loop?)"
    assert server.hits("/a") + server.hits("/b") == 6  # the first request and five redirects


def test_a_redirect_elsewhere_than_the_web_is_refused(server: LocalServer, client: HttpClient):
    url = server.route("/vers-fichier", Reply(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="only http:// and https://"):
        client.get(url)


def test_not_found_is_reported_at_once(server: LocalServer, client: HttpClient):
    url = server.url("/disparu")
    with pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: HTTP 404 Not Found"
    assert server.hits("/disparu") == 1


def test_a_server_error_is_retried_then_reported(server: LocalServer, client: HttpClient):
    url = server.route("/panne", Reply(500, b"oups"))
    with pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: HTTP 500 Internal Server Error (after 4 tries)"
    assert server.hits("/panne") == 4


def test_a_passing_failure_is_retried_until_it_works(server: LocalServer, client: HttpClient):
    def flaky(request: Request) -> Reply:
        if server.hits("/instable") < 3:
            return Reply(503, b"plus tard")
        return Reply(body=PAGE.encode())

    url = server.route("/instable", flaky)
    assert client.get(url).body == PAGE.encode()
    assert server.hits("/instable") == 3


def test_a_short_retry_after_is_honoured(server: LocalServer, client: HttpClient):
    def busy(request: Request) -> Reply:
        if server.hits("/occupe") == 1:
            return Reply(429, headers={"Retry-After": "1"})
        return Reply(body=PAGE.encode())

    url = server.route("/occupe", busy)
    start = time.monotonic()
    assert client.get(url).status == 200
    assert time.monotonic() - start >= 0.9  # the client's own back-off is 0.01 s


def test_a_long_retry_after_is_not_waited_for(server: LocalServer, client: HttpClient):
    url = server.route("/sature", Reply(429, headers={"Retry-After": "3600"}))
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests \(the server asks"):
        client.get(url)
    assert time.monotonic() - start < 1 and server.hits("/sature") == 1


def test_a_slow_server_times_out(server: LocalServer):
    url = server.route("/lent", Reply(body=PAGE.encode(), delay=1.5))
    with HttpClient(read_timeout=0.3, backoff=0.01) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: timed out after 0.3 s"
    assert server.hits("/lent") == 1  # a slow server is not asked again


def test_a_closed_port_is_retried_then_reported(client: HttpClient):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/rien"
    with pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: could not connect (Connection refused) (after 4 tries)"


def test_a_body_over_the_cap_is_refused(server: LocalServer):
    url = server.route("/gros", Reply(body=b"x" * (MIB + 1)))
    with HttpClient(max_bytes=MIB) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: larger than 1 MiB"
    server.route("/juste", Reply(body=b"x" * MIB))
    with HttpClient(max_bytes=MIB) as client:
        assert len(client.get(server.url("/juste")).body) == MIB


def test_an_endless_body_is_stopped_soon_after_the_cap(server: LocalServer):
    def endless() -> Iterator[bytes]:
        for _ in range(1024):  # 1 GiB if nobody stops reading
            yield b"y" * MIB

    url = server.route("/sans-fin", Reply(stream=endless))
    with HttpClient(max_bytes=MIB) as client, pytest.raises(FetchError, match="larger than 1 MiB"):
        client.get(url)
    time.sleep(0.2)
    # What was read, and what the sockets' buffers took: far from the whole.
    assert server.streamed["/sans-fin"] < 64 * MIB


def test_a_gzip_bomb_is_stopped_at_the_cap(server: LocalServer):
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(packer.compress(bytes(MIB)) for _ in range(64)) + packer.flush()
    assert len(bomb) < MIB // 8  # 64 MiB of zeros, packed
    url = server.route("/bombe", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    start = time.monotonic()
    with HttpClient(max_bytes=MIB) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert str(caught.value) == f"{url}: larger than 1 MiB"
    assert time.monotonic() - start < 2


def test_an_unknown_encoding_is_refused(server: LocalServer, client: HttpClient):
    url = server.route("/br", Reply(body=b"\x1b\x00", headers={"Content-Encoding": "br"}))
    with pytest.raises(FetchError, match=r"unsupported encoding \(br\)"):
        client.get(url)


def test_conditional_get_by_etag(server: LocalServer, client: HttpClient):
    def tagged(request: Request) -> Reply:
        if request.header("If-None-Match") == '"v2"':
            return Reply(304, headers={"ETag": '"v2"'})
        return Reply(body=PAGE.encode(), headers={"ETag": '"v2"'})

    url = server.route("/etag", tagged)
    first = client.get(url)
    assert (first.status, first.not_modified, first.etag) == (200, False, '"v2"')
    again = client.get(url, etag=first.etag)
    assert (again.status, again.not_modified, again.body) == (304, True, b"")
    assert server.requests_for("/etag")[1].header("If-None-Match") == '"v2"'


def test_conditional_get_by_date(server: LocalServer, client: HttpClient):
    stamp = "Mon, 02 Sep 2024 08:00:00 GMT"

    def dated(request: Request) -> Reply:
        if request.header("If-Modified-Since") == stamp:
            return Reply(304)
        return Reply(body=PAGE.encode(), headers={"Last-Modified": stamp})

    url = server.route("/date", dated)
    assert client.get(url).last_modified == stamp
    assert client.get(url, last_modified=stamp).not_modified


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/fichier.txt",
        "javascript:alert(1)",
        "mailto:redaction@echo.example",
        "http:///sans-hote",
        "www.echo.example/sans-protocole",
    ],
)
def test_only_web_addresses_are_fetched(url: str, client: HttpClient):
    with pytest.raises(FetchError, match=r"not a (valid )?web address"):
        client.get(url)


def test_a_gzip_body_cut_short_is_refused(server: LocalServer, client: HttpClient):
    whole = gzip.compress(PAGE.encode() * 20)
    url = server.route(
        "/coupe", Reply(body=whole[: len(whole) // 2], headers={"Content-Encoding": "gzip"})
    )
    with pytest.raises(FetchError, match="cut short"):
        client.get(url)


def test_a_body_that_trickles_is_stopped_at_the_total_time(server: LocalServer):
    def trickle() -> Iterator[bytes]:
        for _ in range(200):
            time.sleep(0.05)
            yield b"x"

    url = server.route("/goutte", Reply(stream=trickle, headers={"Content-Length": "100000"}))
    start = time.monotonic()
    with (
        HttpClient(read_timeout=2, total_timeout=1, retries=0) as client,
        pytest.raises(FetchError, match="took longer than"),
    ):
        client.get(url)
    assert time.monotonic() - start < 3
