"""The fake server's own contract: spec-shaped answers, auth, organizations, faults, recording."""

import json
import socket
import ssl
import time
from pathlib import Path
from typing import Any

import trustme
import urllib3

import openapi_client
from openapi_client.apis import V1alphaUserApi
from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import API_KEY


def get(server: FakeStabilityServer, path: str, **headers: str) -> Any:
    return urllib3.PoolManager().request("GET", server.url + path, headers=headers, retries=False)


def test_account_and_balance_follow_the_spec(server: FakeStabilityServer) -> None:
    for version in ("v1", "v1alpha"):
        account = get(server, f"/{version}/user/account", Authorization=f"Bearer {API_KEY}")
        assert account.status == 200 and account.headers["Content-Type"] == "application/json"
        body = json.loads(account.data)
        assert set(body) == {"email", "id", "organizations", "profile_picture"}
        assert set(body["organizations"][0]) == {"id", "is_default", "name", "role"}
        balance = get(server, f"/{version}/user/balance", Authorization=API_KEY, Organization="org-other")
        assert json.loads(balance.data) == {"credits": 2.0}


def test_errors_carry_the_api_error_body(server: FakeStabilityServer) -> None:
    v1 = get(server, "/v1/user/balance")
    assert v1.status == 401 and set(json.loads(v1.data)) == {"id", "name", "message"}
    alpha = get(server, "/v1alpha/user/balance", Authorization="sk-unknown")
    assert alpha.status == 401
    assert set(json.loads(alpha.data)) == {"id", "name", "message", "temporary", "timeout", "fault"}
    assert get(server, "/v1/user/balance", Authorization=API_KEY, Organization="org-x").status == 403
    assert get(server, "/v2/nothing", Authorization=API_KEY).status == 404


def test_faults_and_recording(server: FakeStabilityServer) -> None:
    server.fail_next(503, times=1, retry_after=2)
    failed = get(server, "/v1/user/balance", Authorization=API_KEY)
    assert failed.status == 503 and failed.headers["Retry-After"] == "2"
    server.reply_next(lambda request: Reply(418, "teapot") if "balance" in request.path else None, times=2)
    assert get(server, "/v1/user/account", Authorization=API_KEY).status == 200
    assert get(server, "/v1/user/balance", Authorization=API_KEY).status == 418
    assert [r.header("Authorization") for r in server.requests] == ["***"] * 3
    server.clear()
    assert server.requests == []


# --- lifecycle: TLS handshakes, stop, restart -------------------------------------------------------

def connection_threads() -> int:
    import threading

    return sum(1 for t in threading.enumerate() if t.name == "FakeStabilityServer connection" and t.is_alive())


def test_a_silent_tls_client_stalls_nobody_and_stop_is_prompt(tmp_path: Path) -> None:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    ca_file = str(tmp_path / "ca.pem")
    authority.cert_pem.write_to_path(ca_file)
    server = FakeStabilityServer(host_name="localhost", ssl_context=context).start()
    server.add_account(API_KEY, credits=4.0)
    silent = socket.create_connection(("127.0.0.1", server.port))  # connects, never says a word
    try:
        configuration = openapi_client.Configuration(host=server.url, api_key=API_KEY, ssl_ca_cert=ca_file)
        started = time.monotonic()
        with openapi_client.ApiClient(configuration) as client:
            assert V1alphaUserApi(client).balance().credits == 4.0
        assert time.monotonic() - started < 2
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 1
        assert connection_threads() == 0
    finally:
        silent.close()
        server.stop()


def test_a_restarted_server_honours_latency_and_delays(server: FakeStabilityServer) -> None:
    server.stop()
    server.start()
    server.latency = 0.3
    with openapi_client.ApiClient(openapi_client.Configuration(host=server.url, api_key=API_KEY)) as client:
        started = time.monotonic()
        assert V1alphaUserApi(client).balance().credits == 10.5
        assert time.monotonic() - started >= 0.3


def test_stop_cuts_delayed_replies_short_and_joins_every_thread(server: FakeStabilityServer) -> None:
    import threading

    server.reply_next(Reply(200, {"credits": 1.0}, delay=30), times=4)
    finished = []

    def call() -> None:
        configuration = openapi_client.Configuration(host=server.url, api_key=API_KEY, max_retries=0)
        with openapi_client.ApiClient(configuration) as client:
            try:
                finished.append(V1alphaUserApi(client).balance().credits)
            except openapi_client.ApiException as exc:  # a reply cut short may also end the connection
                finished.append(exc)

    callers = [threading.Thread(target=call) for _ in range(4)]
    for thread in callers:
        thread.start()
    while len(server.requests) < 4:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2
    assert connection_threads() == 0
    for thread in callers:
        thread.join(10)
    assert len(finished) == 4
