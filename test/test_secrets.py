"""Secrets stay secret: unencodable keys, error trackers' captured locals, proxy and host credentials, rotation."""

import base64
import contextlib
import logging
import socket
import ssl
import threading
import traceback
from typing import Iterator, List, Tuple

import pytest
import trustme

import openapi_client
from openapi_client import ApiException, ApiValueError
from openapi_client.apis import V1alphaUserApi, V1UserApi
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import API_KEY, make_configuration
from .rawserver import RawServer, read_request, response

PASSWORD = "pr0xy-S3cret-pw"


def everything_said(error: BaseException) -> str:
    """What an error tracker could record beyond the caller's own code: the messages, reprs and args, and
    every frame's local variables below the test (the SDK's, urllib3's, http.client's), chained errors too."""
    summary = traceback.TracebackException(type(error), error, error.__traceback__, capture_locals=True)
    parts = [str(error), repr(error), repr(error.args), repr(vars(error))]
    pending = [summary]
    while pending:
        current = pending.pop()
        for frame in current.stack:
            if "/test/" not in frame.filename:
                parts.append(f"{frame.filename}:{frame.name} {frame.locals}")
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
    return "\n".join(parts)


# --- 1. a key (or any header) that cannot go on the wire ----------------------------------------

@pytest.mark.parametrize("key", ["sk-abc\u200bdef-0123456789", "sk-\u201cquoted\u201d-0123456789", "sk-abc\ndef-01234",
                                 "sk-abc\x00def-0123456789", "sk-\x85-0123456789"])
def test_a_key_that_cannot_be_sent_is_refused_without_showing_it(server: FakeStabilityServer, key: str) -> None:
    configuration = make_configuration(server.url)
    configuration.api_key = key
    with openapi_client.ApiClient(configuration) as client:
        for api in (V1alphaUserApi(client), V1UserApi(client)):
            with pytest.raises(ApiValueError) as info:
                api.balance()
            said = everything_said(info.value)
            assert "API key" in str(info.value) and "position" in str(info.value)
            assert key not in said and key[3:] not in said
            assert info.value.__context__ is None and info.value.__cause__ is None
    assert server.requests == []


@pytest.mark.parametrize(("setting", "words"), [
    ("organization", "the organization argument"),
    ("client_id", "Configuration.client_id"),
    ("default_header", "the header 'X-Team'"),
    ("cookie", "the cookie"),
    ("user_agent", "ApiClient.user_agent"),
])
def test_every_header_the_sdk_sends_is_checked_first(server: FakeStabilityServer, setting: str, words: str) -> None:
    bad = "caf\u00e9\u2603\r\nX-Injected: 1"
    configuration = make_configuration(server.url, client_id=bad if setting == "client_id" else None)
    with openapi_client.ApiClient(configuration, cookie=bad if setting == "cookie" else None) as client:
        if setting == "default_header":
            client.set_default_header("X-Team", bad)
        if setting == "user_agent":
            client.user_agent = bad
        with pytest.raises(ApiValueError, match="cannot be sent") as info:
            V1UserApi(client).balance(organization=bad if setting == "organization" else None)
    assert words in str(info.value)
    assert server.requests == []


def test_latin1_values_and_tabs_are_fine(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url, client_id="plug-in\tcaf\u00e9")
    with openapi_client.ApiClient(configuration) as client:
        assert V1UserApi(client).balance().credits == 10.5


# --- 2. error trackers that record local variables ----------------------------------------------

@pytest.fixture
def dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def scenarios(server: FakeStabilityServer, dead_port: int) -> Iterator[Tuple[str, BaseException]]:
    def failure(url: str, call, **settings: object) -> BaseException:  # type: ignore[no-untyped-def]
        configuration = make_configuration(url, max_retries=0, **settings)
        with openapi_client.ApiClient(configuration) as client:
            try:
                call(V1UserApi(client))
            except ApiException as exc:
                return exc
        raise AssertionError("no error")

    yield "refused", failure(f"http://127.0.0.1:{dead_port}", lambda api: api.balance())
    server.fail_next(500)
    yield "status", failure(server.url, lambda api: api.balance())
    server.reply_next(Reply(200, {"credits": "many"}))
    yield "type", failure(server.url, lambda api: api.balance())
    server.reply_next(Reply(200, {"credits": 1.0}, delay=3))
    yield "timeout", failure(server.url, lambda api: api.balance(_request_timeout=0.3))
    server.reply_next(Reply(200, b"not json"))
    yield "decode", failure(server.url, lambda api: api.v1_user_balance(async_req=True).get(5))


def test_captured_locals_never_hold_the_key(server: FakeStabilityServer, dead_port: int) -> None:
    seen = []
    for name, error in scenarios(server, dead_port):
        said = everything_said(error)
        assert API_KEY not in said, name
        assert "'***'" in said or name == "decode", name  # the headers are there, redacted
        seen.append(name)
    assert len(seen) == 5


def test_a_half_built_model_can_be_shown() -> None:
    model = BalanceResponseBody.__new__(BalanceResponseBody)
    assert repr(model) == "<BalanceResponseBody, not initialised>"
    frames = "".join(traceback.TracebackException(ValueError, ValueError("x"), None, capture_locals=True).format())
    assert "ValueError" in frames


def test_the_key_is_scrubbed_from_what_a_server_echoes_back(server: FakeStabilityServer) -> None:
    server.reply_next(lambda request: Reply(401, {"id": "e1", "name": "unauthorized",
                                                  "message": f"bad key Bearer {API_KEY}"}))
    with openapi_client.ApiClient(make_configuration(server.url)) as client, \
            pytest.raises(openapi_client.UnauthorizedException) as info:
        V1UserApi(client).balance()
    assert API_KEY not in everything_said(info.value)
    assert "bad key ***" in str(info.value)


# --- 3. proxy credentials ------------------------------------------------------------------------

def relay(source: socket.socket, target: socket.socket) -> None:
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def authenticating_proxy(seen: List[bytes]):  # type: ignore[no-untyped-def]
    expected = b"Basic " + base64.b64encode(f"alice:{PASSWORD}".encode())

    def script(conn: socket.socket, number: int) -> None:
        head = read_request(conn)
        seen.append(head)
        auth = [line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if
                line.lower().startswith(b"proxy-authorization:")]
        if auth != [expected]:
            conn.sendall(response("407 Proxy Authentication Required", headers=['Proxy-Authenticate: Basic realm="x"']))
            return
        if head.startswith(b"CONNECT "):
            _, port = head.split(b" ")[1].decode().rsplit(":", 1)
            upstream = socket.create_connection(("127.0.0.1", int(port)))
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            back = threading.Thread(target=relay, args=(upstream, conn), daemon=True)
            back.start()
            relay(conn, upstream)
            back.join(5)
            return
        conn.sendall(response(body=b'{"credits": 5.5}'))

    return script


@pytest.fixture
def proxy() -> Iterator[Tuple[RawServer, List[bytes]]]:
    seen: List[bytes] = []
    with RawServer(authenticating_proxy(seen)) as server:
        yield server, seen


@pytest.mark.parametrize("where", ["configuration", "environment"])
def test_proxy_credentials_in_the_url_are_sent_as_basic_auth(proxy: Tuple[RawServer, List[bytes]],
                                                             monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    raw, seen = proxy
    url = f"http://alice:{PASSWORD}@127.0.0.1:{raw.ports[0]}"
    configuration = make_configuration("http://api.example.test", max_retries=0)
    if where == "configuration":
        configuration.proxy = url
    else:
        monkeypatch.setenv("HTTP_PROXY", url)
    with openapi_client.ApiClient(configuration) as client:
        assert V1alphaUserApi(client).balance().credits == 5.5
    assert seen[-1].startswith(b"GET http://api.example.test/v1alpha/user/balance HTTP/1.1")


def test_proxy_credentials_reach_the_connect_of_an_https_tunnel(proxy: Tuple[RawServer, List[bytes]],
                                                              tmp_path: pytest.TempPathFactory) -> None:
    raw, seen = proxy
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    ca_file = str(tmp_path / "ca.pem")  # type: ignore[operator]
    authority.cert_pem.write_to_path(ca_file)
    with FakeStabilityServer(host_name="localhost", ssl_context=context) as target:
        target.add_account(API_KEY, credits=7.0)
        port = target.port
        configuration = make_configuration(target.url, ssl_ca_cert=ca_file, max_retries=0,
                                           proxy=f"http://alice:{PASSWORD}@127.0.0.1:{raw.ports[0]}")
        with openapi_client.ApiClient(configuration) as client:
            assert V1alphaUserApi(client).balance().credits == 7.0
    assert seen[-1].startswith(f"CONNECT localhost:{port} HTTP/1.".encode())


def test_a_refused_or_dead_proxy_never_shows_the_password(proxy: Tuple[RawServer, List[bytes]], dead_port: int,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    raw, _ = proxy
    caplog.set_level(logging.DEBUG)
    for url in (f"http://alice:wrong@127.0.0.1:{raw.ports[0]}", f"http://alice:{PASSWORD}@127.0.0.1:{dead_port}"):
        configuration = make_configuration("http://api.example.test", proxy=url, max_retries=0)
        configuration.debug = True
        with openapi_client.ApiClient(configuration) as client, pytest.raises(ApiException) as info:
            V1alphaUserApi(client).balance()
        for text in (everything_said(info.value), repr(configuration), configuration.to_debug_report(), caplog.text):
            assert PASSWORD not in text and "wrong" not in text.replace("wrong_", "")


# --- 18. a password in the host URL ----------------------------------------------------------------

def test_a_host_with_credentials_is_refused_without_echoing_them(monkeypatch: pytest.MonkeyPatch) -> None:
    for attempt in (lambda: openapi_client.Configuration(host="http://alice:S3cretPW@example.com"),
                    lambda: setattr(openapi_client.Configuration(), "host", "https://alice:S3cretPW@example.com/")):
        with pytest.raises(ApiValueError, match="must not contain credentials") as info:
            attempt()
        assert "S3cretPW" not in everything_said(info.value)
    monkeypatch.setenv("STABILITY_API_HOST", "http://alice:S3cretPW@example.com")
    with pytest.raises(ApiValueError) as info:
        openapi_client.Configuration()
    assert "S3cretPW" not in str(info.value)


# --- 19. rotating the key under load -------------------------------------------------------------

def test_rotating_the_key_while_other_threads_call(server: FakeStabilityServer) -> None:
    server.add_account("sk-rotated-key-0001", credits=10.5)
    configuration = make_configuration(server.url)
    failures: List[BaseException] = []
    stop = threading.Event()

    def rotate() -> None:
        keys = [API_KEY, "sk-rotated-key-0001"]
        turn = 0
        while not stop.is_set():
            turn += 1
            configuration.api_key = keys[turn % 2]
            configuration.api_key.pop("STABILITY_API_KEY", None)
            configuration.api_key["api_key_header_Authorization"] = keys[turn % 2]

    with openapi_client.ApiClient(configuration) as client:
        api = V1alphaUserApi(client)

        def call() -> None:
            try:
                for _ in range(150):
                    assert api.balance().credits == 10.5
            except BaseException as exc:  # collected and asserted below
                failures.append(exc)

        rotator = threading.Thread(target=rotate)
        rotator.start()
        callers = [threading.Thread(target=call) for _ in range(6)]
        for thread in callers:
            thread.start()
        for thread in callers:
            thread.join(60)
        stop.set()
        rotator.join(10)
    assert failures == []


def test_repr_and_debug_report_hide_the_key() -> None:
    configuration = openapi_client.Configuration(api_key=API_KEY)
    configuration.proxy = f"http://alice:{PASSWORD}@proxy.example:3128"
    for text in (repr(configuration), str(configuration.api_key), configuration.to_debug_report(),
                 repr(configuration.get_api_key_with_prefix("STABILITY_API_KEY")),
                 repr(configuration.auth_settings())):
        assert API_KEY not in text and PASSWORD not in text
