"""Hostile and broken servers, over raw sockets: no wrong answers, bounded time and memory, only SDK errors."""

import gzip
import socket
import time
import tracemalloc
from typing import Iterator, List

import pytest

import openapi_client
from openapi_client import (
    ApiConnectionError,
    ApiException,
    ApiRedirectError,
    ApiResponseTooLargeError,
    ApiTimeoutError,
    ServiceException,
)
from openapi_client.apis import V1alphaUserApi

from .conftest import make_configuration
from .rawserver import RawServer, client_sockets, read_request, response

BALANCE_A = b'{"credits": 1.0}'
BALANCE_B = b'{"credits": 2.0}'


def client_for(url: str, **settings: object) -> openapi_client.ApiClient:
    return openapi_client.ApiClient(make_configuration(url, **settings))


@pytest.fixture
def raw() -> Iterator[List[RawServer]]:
    started: List[RawServer] = []
    yield started
    for server in started:
        server.stop()


def serve(raw: List[RawServer], script, ports: int = 1) -> RawServer:  # type: ignore[no-untyped-def]
    server = RawServer(script, ports=ports).start()
    raw.append(server)
    return server


# --- 1xx replies never become the answer, and never desynchronise the connection -------------

@pytest.mark.parametrize("informational", [b"HTTP/1.1 103 Early Hints\r\nLink: </x.css>; rel=preload\r\n\r\n",
                                           b"HTTP/1.1 102 Processing\r\n\r\n",
                                           b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\n"])
def test_informational_replies_are_skipped_and_the_next_call_gets_its_own_answer(
        raw: List[RawServer], informational: bytes) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(informational + response(body=BALANCE_A))  # both at once, as a fast server would
        read_request(conn)
        conn.sendall(response(body=BALANCE_B))
        read_request(conn)

    server = serve(raw, script)
    with client_for(server.url) as client:
        api = V1alphaUserApi(client)
        assert api.balance(organization="org-a").credits == 1.0
        assert api.balance(organization="org-b").credits == 2.0
    assert server.connections == 1


def test_an_unrequested_101_is_a_connection_error(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n" + response(body=BALANCE_A))

    server = serve(raw, script)
    with client_for(server.url, max_retries=0) as client, pytest.raises(ApiConnectionError, match="101"):
        V1alphaUserApi(client).balance()


def test_a_flood_of_informational_replies_is_refused(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 103 Early Hints\r\n\r\n" * 50 + response(body=BALANCE_A))

    server = serve(raw, script)
    with client_for(server.url, max_retries=0) as client, pytest.raises(ApiConnectionError, match="informational"):
        V1alphaUserApi(client).balance()


# --- a try ends within its timeout, however slowly the server trickles -------------------------

def trickler(head: bytes, body: bytes):  # type: ignore[no-untyped-def]
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(head)
        for byte in body:
            if server_of[0].sleep(0.2):
                return
            conn.sendall(bytes([byte]))
    server_of: List[RawServer] = []
    return script, server_of


@pytest.mark.parametrize("where", ["headers", "body", "forever"])
def test_a_trickling_server_cannot_stretch_a_try(raw: List[RawServer], where: str) -> None:
    reply = response(body=b'{"credits": 123456789.0}')
    if where == "headers":
        script, holder = trickler(b"", reply)
    elif where == "body":
        head, _, body = reply.partition(b"\r\n\r\n")
        script, holder = trickler(head + b"\r\n\r\n", body)
    else:
        script, holder = trickler(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", b"1\r\nx\r\n" * 10000)
    server = serve(raw, script)
    holder.append(server)
    started = time.monotonic()
    with client_for(server.url) as client, pytest.raises(ApiTimeoutError) as info:
        V1alphaUserApi(client).balance(_request_timeout=1, _retries=0)
    assert time.monotonic() - started < 2.0
    assert "did not finish in time" in str(info.value)


def test_a_connect_read_pair_bounds_the_try_too(raw: List[RawServer]) -> None:
    script, holder = trickler(b"", response(body=b'{"credits": 123456789.0}'))
    server = serve(raw, script)
    holder.append(server)
    started = time.monotonic()
    with client_for(server.url) as client, pytest.raises(ApiTimeoutError):
        V1alphaUserApi(client).balance(_request_timeout=(0.5, 1), _retries=0)
    assert time.monotonic() - started < 2.5


# --- sizes: announced, streamed, and decompressed ---------------------------------------------

def test_a_huge_content_length_is_refused_before_reading(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000000\r\n\r\n{")
        server.sleep(5)

    server = serve(raw, script)
    started = time.monotonic()
    with client_for(server.url) as client, pytest.raises(ApiResponseTooLargeError, match="100,000,000,000-byte"):
        V1alphaUserApi(client).balance()
    assert time.monotonic() - started < 1.5


def test_an_endless_chunked_body_is_cut_at_the_limit(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n" % 65536 + b" " * 65536 + b"\r\n"
        while not server.stopping.is_set():
            conn.sendall(chunk)

    server = serve(raw, script)
    with client_for(server.url, max_response_bytes=1_000_000) as client, \
            pytest.raises(ApiResponseTooLargeError, match="while it was read"):
        V1alphaUserApi(client).balance()


def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB of spaces."""
    import io
    import zlib

    deflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = io.BytesIO()
    block = b" " * (1 << 20)
    for _ in range(1024):
        out.write(deflater.compress(block))
    out.write(deflater.flush())
    return out.getvalue()


@pytest.mark.parametrize("asked", [True, False])
def test_a_gzip_bomb_is_stopped_while_inflating(raw: List[RawServer], asked: bool) -> None:
    bomb = gzip_bomb()
    assert len(bomb) < 1_100_000

    def script(conn: socket.socket, number: int) -> None:
        server.record(read_request(conn))
        conn.sendall(response(body=bomb, headers=["Content-Encoding: gzip"]))

    server = serve(raw, script)
    tracemalloc.start()
    with client_for(server.url, accept_gzip=asked) as client, \
            pytest.raises(ApiResponseTooLargeError, match="decompressed"):
        V1alphaUserApi(client).balance()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 40 * 1024 * 1024  # the default limit is 8 MiB; never near the bomb's 1 GiB
    sent = server.requests[0].lower()
    assert (b"accept-encoding: gzip" in sent) is asked
    assert asked or b"accept-encoding: identity" in sent


def test_gzip_within_the_limit_is_decoded(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(response(body=gzip.compress(BALANCE_B), headers=["Content-Encoding: gzip"]))

    server = serve(raw, script)
    with client_for(server.url, accept_gzip=True) as client:
        assert V1alphaUserApi(client).balance().credits == 2.0


# --- sockets: close() closes them, and redirects cannot make the client hoard them ------------

def keep_alive(conn: socket.socket, number: int) -> None:
    while read_request(conn):
        conn.sendall(response(body=BALANCE_A))


def test_leaving_the_client_closes_its_sockets_now(raw: List[RawServer]) -> None:
    server = serve(raw, keep_alive)
    kept = []
    with client_for(server.url) as client:
        api = V1alphaUserApi(client)
        api.balance()
        kept.append(api.v1alpha_user_balance(_preload_content=False))  # holds its connection, unread
        kept.append(client.last_response)
        assert client_sockets(server.ports) >= 1
    assert client_sockets(server.ports) == 0


def test_redirects_to_ever_new_origins_do_not_hoard_sockets(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        while True:
            head = read_request(conn)
            if not head:
                return
            target = int(head.split(b" ")[1].rsplit(b"=", 1)[-1]) if b"to=" in head else None
            if target is None:
                port = targets.ports[number % len(targets.ports)]
                conn.sendall(response("302 Found", headers=[f"Location: http://127.0.0.1:{port}/v1alpha/user/"
                                                            f"balance?to={port}"]))
            else:
                conn.sendall(response(body=BALANCE_A))

    targets = serve(raw, keep_alive, ports=60)
    origin = serve(raw, script)
    with client_for(origin.url) as client:
        api = V1alphaUserApi(client)
        for _ in range(200):
            assert api.balance().credits == 1.0
        assert client_sockets(origin.ports + targets.ports) <= 12  # a few pools' connections, not one per origin
        assert len(client.rest_client.pool_manager._routes) <= 32


# --- odd answers become SDK errors that say what the server did -------------------------------

def test_a_retry_after_date_out_of_range_is_ignored(raw: List[RawServer]) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(response("503 Service Unavailable", headers=["Retry-After: Fri, 31 Dec 99999 23:59:59 GMT"]))
        read_request(conn)
        conn.sendall(response(body=BALANCE_B))

    server = serve(raw, script)
    with client_for(server.url) as client:
        assert V1alphaUserApi(client).balance().credits == 2.0


@pytest.mark.parametrize(("location", "words"), [
    ("http://[::1", "an invalid URL"),
    ("ftp://example.com/balance", "a ftp: URL; only http and https are followed"),
    ("http://user:secret-password@127.0.0.1/x", "a URL with credentials in it"),
    ("http://127.0.0.1:99999999/x", "an invalid URL"),
])
def test_a_bad_redirect_is_a_redirect_error(raw: List[RawServer], location: str, words: str) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(response("302 Found", headers=[f"Location: {location}"]))

    server = serve(raw, script)
    with client_for(server.url) as client, pytest.raises(ApiRedirectError) as info:
        V1alphaUserApi(client).balance()
    text = str(info.value)
    assert text.startswith("(302) Found: the server redirected to") and words in text
    assert "secret-password" not in text
    assert isinstance(info.value, ApiException)


@pytest.mark.parametrize("head", [
    b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 150 + b"\r\n",
    b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
    b"HTTP/9.9 200 OK\r\n\r\n",
    b"garbage\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 4\r\n\r\nabcd",
    b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd",
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=klingon\r\nContent-Length: 2\r\n\r\n{}",
    b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfa\x00",
])
def test_broken_replies_raise_sdk_errors_only(raw: List[RawServer], head: bytes) -> None:
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(head)
        server.sleep(0.2)

    server = serve(raw, script)
    with client_for(server.url, max_retries=0) as client, pytest.raises(ApiException) as info:
        V1alphaUserApi(client).balance(_request_timeout=1)
    assert "\n" not in str(info.value) and str(info.value).isprintable()


# --- one clean line, whatever the server sends --------------------------------------------------

def test_control_characters_and_long_ids_never_reach_the_message(raw: List[RawServer]) -> None:
    body = (b'{"id": "abc\\ndef", "name": "x", "message": "bad \\u001b]0;pwned\\u0007\\u001b[2J thing\\r\\nmore", '
            b'"temporary": false, "timeout": false, "fault": true}')
    request_id = "r" * 5000

    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(response("500 Internal\rServer\x1bError", body=body, headers=[f"X-Request-Id: {request_id}"]))

    server = serve(raw, script)
    with client_for(server.url, max_retries=0) as client, pytest.raises(ServiceException) as info:
        V1alphaUserApi(client).balance()
    text = str(info.value)
    assert text.isprintable() and "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in text
    assert len(text) < 500
    assert info.value.error is not None and info.value.error.id == "abc\ndef"  # the data itself is kept


def test_responses_are_returned_to_the_pool_only_when_fully_read(raw: List[RawServer]) -> None:
    """A reply that sends more than its Content-Length must not leave the rest for the next call."""
    def script(conn: socket.socket, number: int) -> None:
        read_request(conn)
        conn.sendall(response(body=BALANCE_A) + response(body=BALANCE_B))  # one answer too many
        while read_request(conn):
            conn.sendall(response(body=b'{"credits": 3.0}'))

    server = serve(raw, script)
    with client_for(server.url) as client:
        api = V1alphaUserApi(client)
        assert api.balance().credits == 1.0
        assert api.balance().credits == 3.0  # a fresh connection, not the stray second answer
