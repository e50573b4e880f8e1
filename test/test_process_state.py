"""What the SDK shares with the rest of the process: forked children, loggers and handlers, proxy variables."""

import json
import logging
import os
import sys
import threading
from typing import List

import pytest

import openapi_client
from openapi_client._transport.proxy import bypasses, proxy_for
from openapi_client.apis import V1alphaUserApi, V1UserApi
from openapi_client.testing import FakeStabilityServer

from .conftest import API_KEY, make_configuration

# --- 16. fork safety ---------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork() here")
def test_a_forked_child_gets_fresh_connections_and_its_own_answers(server: FakeStabilityServer) -> None:
    server.latency = 0.05
    with openapi_client.ApiClient(make_configuration(server.url)) as client:
        api = V1alphaUserApi(client)
        assert api.balance().credits == 10.5  # the parent now holds a pooled keep-alive connection
        pool = client.pool  # and an async thread pool
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: ask for the other organization many times, while the parent asks too
            results = []
            try:
                for _ in range(20):
                    results.append(api.balance(organization="org-other").credits)
                results.append(api.v1alpha_user_balance(organization="org-other", async_req=True).get(10).credits)
            except BaseException as exc:  # reported to the parent through the pipe
                results.append(repr(exc))
            os.write(writer, json.dumps(results).encode())
            os._exit(0)
        os.close(writer)
        parent = [api.balance().credits for _ in range(20)]
        with os.fdopen(reader) as pipe:
            child = json.loads(pipe.read())
        os.waitpid(pid, 0)
        assert pool is client.pool  # the parent's pool is untouched
    assert parent == [10.5] * 20
    assert child == [2.0] * 21
    assert server.connections >= 2  # the child opened its own


# --- 21. logging state ---------------------------------------------------------------------------------

def our_file_handlers() -> List[logging.Handler]:
    return [h for h in logging.getLogger("openapi_client").handlers if isinstance(h, logging.FileHandler)]


def test_one_file_handler_per_path_and_none_left_when_unset(tmp_path: pytest.TempPathFactory) -> None:
    path = str(tmp_path / "sdk.log")  # type: ignore[operator]
    configurations = [openapi_client.Configuration() for _ in range(20)]
    for configuration in configurations:
        configuration.logger_file = path
    assert len(our_file_handlers()) == 1
    assert configurations[0].logger_file_handler is our_file_handlers()[0]
    logging.getLogger("openapi_client").warning("one line")
    for configuration in configurations[:-1]:
        configuration.logger_file = None
    assert len(our_file_handlers()) == 1  # the last user still has it
    configurations[-1].logger_file = None
    assert our_file_handlers() == []
    with open(path) as log:
        assert log.read().count("one line") == 1


def test_concurrent_configurations_with_debug_add_one_stream_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STABILITY_LOG", "debug")
    made: List[openapi_client.Configuration] = []
    threads = [threading.Thread(target=lambda: made.append(openapi_client.Configuration())) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in ("openapi_client", "urllib3"):
        handlers = [h for h in logging.getLogger(name).handlers if type(h) is logging.StreamHandler]
        assert len(handlers) == 1, name
    assert len(made) == 16


def test_turning_debug_off_gives_back_the_applications_own_levels() -> None:
    logging.getLogger("urllib3").setLevel(logging.ERROR)
    logging.getLogger("openapi_client").setLevel(logging.INFO)
    first, second = openapi_client.Configuration(), openapi_client.Configuration()
    first.debug = True
    second.debug = True
    assert logging.getLogger("urllib3").level == logging.DEBUG
    first.debug = False
    assert logging.getLogger("urllib3").level == logging.DEBUG  # the second still wants it
    second.debug = False
    assert logging.getLogger("urllib3").level == logging.ERROR
    assert logging.getLogger("openapi_client").level == logging.INFO
    untouched = openapi_client.Configuration()
    untouched.debug = False  # never on: changes nothing
    assert logging.getLogger("urllib3").level == logging.ERROR


def test_debug_on_a_configuration_that_goes_away_is_undone() -> None:
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    configuration = openapi_client.Configuration()
    configuration.debug = True
    del configuration
    import gc

    gc.collect()
    assert logging.getLogger("urllib3").level == logging.WARNING


# --- 22. proxies from the environment -----------------------------------------------------------------

def test_the_sdks_own_loopback_fake_never_goes_through_an_environment_proxy(
        server: FakeStabilityServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    with openapi_client.ApiClient(make_configuration(server.url, max_retries=0)) as client:
        assert V1UserApi(client).balance().credits == 10.5
    localhost = make_configuration(server.url.replace("127.0.0.1", "localhost"), max_retries=0)
    with openapi_client.ApiClient(localhost) as client:
        assert V1UserApi(client).balance().credits == 10.5


@pytest.mark.parametrize(("authority", "no_proxy", "expected"), [
    ("[::1]:8080", "::1", True),
    ("[::1]:8080", "[::1]", True),
    ("[fd00::5]:443", "fd00::/8", True),
    ("10.1.2.3:443", "10.0.0.0/8", True),
    ("10.1.2.3:443", "192.168.0.0/16,10.0.0.0/8", True),
    ("11.1.2.3:443", "10.0.0.0/8", False),
    ("api.example.com:443", ".example.com", True),
    ("api.example.com:443", "example.com", True),
    ("api.example.com:443", "ample.com", False),
    ("api.example.com:443", "*", True),
    ("api.example.com:8443", "api.example.com:8443", True),
    ("api.example.com:443", "", False),
])
def test_no_proxy_matching(authority: str, no_proxy: str, expected: bool) -> None:
    assert bypasses(authority, no_proxy) is expected


def test_http_proxy_is_ignored_in_a_cgi_context(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    assert proxy_for("http", "api.example.com", None, None) == "http://proxy.example:3128"
    monkeypatch.setenv("REQUEST_METHOD", "GET")  # httpoxy: a client's "Proxy:" header would become HTTP_PROXY
    assert proxy_for("http", "api.example.com", None, None) is None
    monkeypatch.setenv("http_proxy", "http://trusted.example:3128")  # lower case cannot come from a header
    assert proxy_for("http", "api.example.com", None, None) == "http://trusted.example:3128"


def test_an_explicit_proxy_still_applies_to_loopback_targets_unless_no_proxy_says_otherwise() -> None:
    assert proxy_for("http", "127.0.0.1:8080", "http://proxy.example:3128", None) == "http://proxy.example:3128"
    assert proxy_for("http", "127.0.0.1:8080", "http://proxy.example:3128", "127.0.0.0/8") is None


def test_the_fixture_and_the_fake_command_ignore_a_corporate_proxy(server: FakeStabilityServer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
           "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run([sys.executable, "-m", "openapi_client", "--fake", "balance"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert API_KEY  # the fixture above served this test too, through the same rules
