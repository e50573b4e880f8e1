"""A fault-injection suite: the transport against a real local server that misbehaves on purpose."""

import logging
import socket
import threading
import time
from typing import Iterator, List

import pytest

import openapi_client
from openapi_client import ApiConnectionError, ApiTimeoutError, RetryPolicy
from openapi_client.apis import V1alphaUserApi
from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import API_KEY, make_configuration


@pytest.fixture
def api(api_client: openapi_client.ApiClient) -> V1alphaUserApi:
    return V1alphaUserApi(api_client)


def retry_logs(caplog: pytest.LogCaptureFixture) -> List[str]:
    return [r.getMessage() for r in caplog.records if r.name == "openapi_client" and "retrying" in r.getMessage()]


# --- retries ------------------------------------------------------------------------------

def test_429_with_retry_after_then_200(api: V1alphaUserApi, server: FakeStabilityServer,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="openapi_client")
    server.fail_next(429, retry_after=0.3)
    started = time.monotonic()
    assert api.balance().credits == 10.5
    assert time.monotonic() - started >= 0.3  # the server's wait was honoured, not the 0.01 s backoff
    assert len(server.requests) == 2
    [message] = retry_logs(caplog)
    assert "retry 1 of 2" in message and "in 0.30s" in message and "HTTP 429" in message


def test_retry_after_ms_and_http_date(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(429, {}, {"retry-after-ms": "50", "Retry-After": "30"}))
    server.reply_next(Reply(503, {}, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}))  # in the past: no wait
    started = time.monotonic()
    assert api.balance().credits == 10.5
    assert 0.05 <= time.monotonic() - started < 2
    assert len(server.requests) == 3


def test_503_twice_then_200(api: V1alphaUserApi, server: FakeStabilityServer,
                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="openapi_client")
    server.fail_next(503, times=2)
    assert api.balance().credits == 10.5
    assert len(server.requests) == 3
    assert ["retry 1 of 2" in m for m in retry_logs(caplog)] == [True, False]
    assert "retry 2 of 2" in retry_logs(caplog)[1]


def test_always_429_gives_up_after_the_retries(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.fail_next(429, times=10)
    with pytest.raises(openapi_client.TooManyRequestsException):
        api.balance()
    assert len(server.requests) == 3  # one try and two retries


def test_retry_after_above_the_cap_gives_up_at_once(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url, retry_after_max=5.0)
    server.fail_next(429, retry_after=120, times=3)
    started = time.monotonic()
    with openapi_client.ApiClient(configuration) as client, \
            pytest.raises(openapi_client.TooManyRequestsException) as info:
        V1alphaUserApi(client).balance()
    assert time.monotonic() - started < 1
    assert len(server.requests) == 1
    assert info.value.headers["Retry-After"] == "120"


def test_500_json_error_is_retried_then_raised(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.fail_next(500, times=3, message="boom")
    with pytest.raises(openapi_client.ServiceException, match="boom"):
        api.balance()
    assert len(server.requests) == 3


def test_non_retryable_status_is_not_retried(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.fail_next(400, times=3)
    with pytest.raises(openapi_client.BadRequestException):
        api.balance()
    assert len(server.requests) == 1


def test_retries_are_configurable(server: FakeStabilityServer) -> None:
    server.fail_next(503, times=5)
    configuration = make_configuration(server.url, max_retries=5)
    with openapi_client.ApiClient(configuration) as client:
        assert V1alphaUserApi(client).balance().credits == 10.5
        assert len(server.requests) == 6
        server.clear()
        server.fail_next(503, times=5)
        with pytest.raises(openapi_client.ServiceException):
            V1alphaUserApi(client).balance(_retries=1)  # per call
        assert len(server.requests) == 2


def test_a_urllib3_retry_is_accepted_for_compatibility(server: FakeStabilityServer) -> None:
    import urllib3

    server.fail_next(503, times=5)
    configuration = make_configuration(server.url)
    configuration.retries = urllib3.Retry(total=3, backoff_factor=0.01, status_forcelist=[503])
    with openapi_client.ApiClient(configuration) as client, pytest.raises(openapi_client.ServiceException):
        V1alphaUserApi(client).balance()
    assert len(server.requests) == 4


def test_backoff_grows_is_capped_and_jittered() -> None:
    policy = RetryPolicy(backoff=0.5, backoff_max=8.0)
    for attempt, nominal in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        delays = {policy.backoff_delay(attempt) for _ in range(50)}
        assert all(0.75 * nominal <= d <= nominal for d in delays)
        assert len(delays) > 1
    assert policy.delay_after_status(404, {}, 0) is None
    assert policy.delay_after_status(503, {}, 2) is None  # retries spent
    assert policy.delay_after_error(0, "POST", request_sent=True) is None
    assert policy.delay_after_error(0, "POST", request_sent=False) is not None


# --- network faults -----------------------------------------------------------------------

def test_connection_reset_mid_response_is_retried(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.drop_next()
    assert api.balance().credits == 10.5
    assert len(server.requests) == 2


def test_connection_reset_without_retries(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.drop_next()
    with pytest.raises(ApiConnectionError) as info:
        api.balance(_retries=0)
    text = str(info.value)
    assert f"127.0.0.1:{server.port}" in text and "broken" in text and "\n" not in text
    assert info.value.__cause__ is not None  # the underlying error is chained


def test_truncated_body(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": 123.456}, truncate=5))
    with pytest.raises(ApiConnectionError, match="broken"):
        api.balance(_retries=0)
    server.reply_next(Reply(200, {"credits": 123.456}, truncate=5))
    assert api.balance().credits == 10.5  # retried


def test_server_that_never_answers_times_out(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": 1.0}, delay=30), times=3)
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        api.balance(_request_timeout=(1.0, 0.2))
    elapsed = time.monotonic() - started
    assert 0.6 <= elapsed < 3  # three tries of 0.2 s
    assert len(server.requests) == 3
    assert "reading the response from" in str(info.value) and "timed out after 0.2s" in str(info.value)


def test_default_timeout_is_set() -> None:
    configuration = openapi_client.Configuration()
    with openapi_client.ApiClient(configuration) as client:
        timeout = client.rest_client.pool_manager._sdk.timeout
    assert (timeout.connect_timeout, timeout.read_timeout) == (5.0, 60.0)


def _refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_port(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="openapi_client")
    port = _refused_port()
    with openapi_client.ApiClient(make_configuration(f"http://127.0.0.1:{port}")) as client, \
            pytest.raises(ApiConnectionError) as info:
        V1alphaUserApi(client).balance()
    assert not isinstance(info.value, ApiTimeoutError)
    assert str(info.value).startswith(f"cannot connect to 127.0.0.1:{port}")
    assert "refused" in str(info.value).lower()
    assert len(retry_logs(caplog)) == 2


def test_dns_failure() -> None:
    with openapi_client.ApiClient(make_configuration("http://api.nonexistent.invalid", max_retries=0)) as client, \
            pytest.raises(ApiConnectionError, match=r"cannot connect to api\.nonexistent\.invalid"):
        V1alphaUserApi(client).balance()


def test_bad_host_url() -> None:
    with openapi_client.ApiClient(make_configuration("api.stability.ai")) as client, \
            pytest.raises(openapi_client.ApiValueError, match="http:// or https://"):
        V1alphaUserApi(client).balance()


# --- bodies, redirects, proxies -----------------------------------------------------------

def test_gzip_body_is_decoded_and_only_asked_for_when_opted_in(api: V1alphaUserApi,
                                                                server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": 77.0}, gzip=True))
    assert api.balance().credits == 77.0
    assert server.requests[-1].header("Accept-Encoding") == "identity"
    api.api_client.configuration.accept_gzip = True
    server.reply_next(Reply(200, {"credits": 78.0}, gzip=True))
    assert api.balance().credits == 78.0
    assert server.requests[-1].header("Accept-Encoding") == "gzip, deflate"


@pytest.fixture
def second_server() -> Iterator[FakeStabilityServer]:
    with FakeStabilityServer(host_name="localhost") as other:
        other.add_account(API_KEY, balances={}, credits=99.0)
        yield other


def test_cross_host_redirect_drops_authorization(api: V1alphaUserApi, server: FakeStabilityServer,
                                                 second_server: FakeStabilityServer) -> None:
    target = f"{second_server.url}/v1alpha/user/balance"
    server.reply_next(Reply(302, b"", {"Location": target}))
    with pytest.raises(openapi_client.UnauthorizedException):
        api.balance()
    [followed] = second_server.requests
    assert followed.header("Authorization") is None
    assert followed.path == "/v1alpha/user/balance"


def test_same_host_redirect_keeps_authorization(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(307, b"", {"Location": "/v1alpha/user/balance"}))
    assert api.balance().credits == 10.5
    assert server.requests[-1].header("Authorization") == "***"


def test_redirect_loop_is_an_sdk_error(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(302, b"", {"Location": "/v1alpha/user/balance"}), times=10)
    with pytest.raises(openapi_client.ApiException, match="more than 5 redirects"):
        api.balance()


def test_explicit_proxy(server: FakeStabilityServer) -> None:
    configuration = make_configuration("http://api.example.test", proxy=server.url,
                                       proxy_headers={"Proxy-Authorization": "Basic c2VjcmV0"})
    with openapi_client.ApiClient(configuration) as client:
        assert V1alphaUserApi(client).balance().credits == 10.5
    request = server.requests[-1]
    assert request.path == "http://api.example.test/v1alpha/user/balance"
    assert request.header("Proxy-Authorization") == "Basic ***"


def test_proxy_from_environment_and_no_proxy(server: FakeStabilityServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", server.url)
    with openapi_client.ApiClient(make_configuration("http://api.example.test")) as client:
        assert V1alphaUserApi(client).balance().credits == 10.5
    assert server.requests[-1].path.startswith("http://api.example.test/")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_refused_port()}")
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    with openapi_client.ApiClient(make_configuration(server.url)) as client:
        assert V1alphaUserApi(client).balance().credits == 10.5
    assert server.requests[-1].path == "/v1alpha/user/balance"


def test_explicit_proxy_wins_over_environment(server: FakeStabilityServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_refused_port()}")
    with openapi_client.ApiClient(make_configuration("http://api.example.test", proxy=server.url)) as client:
        assert V1alphaUserApi(client).balance().credits == 10.5


# --- threads and connections --------------------------------------------------------------

def test_many_threads_share_one_client_with_bounded_connections(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url, connection_pool_maxsize=4)
    errors: List[BaseException] = []
    with openapi_client.ApiClient(configuration) as client:
        api = V1alphaUserApi(client)

        def work() -> None:
            try:
                for _ in range(100):
                    assert api.balance().credits == 10.5
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors
    assert len(server.requests) == 1600
    assert server.connections <= 4


def test_connections_are_reused(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    for _ in range(20):
        api.balance()
    assert server.connections == 1


def test_a_single_number_timeout_per_call(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": 1.0}, delay=30))
    with pytest.raises(ApiTimeoutError, match=r"did not finish in time \(connect, headers and body together, "
                                              r"within 0\.3s\)"):
        api.balance(_request_timeout=0.3, _retries=0)
