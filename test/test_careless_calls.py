"""Careless settings and arguments fail early and clearly; every failed call is an ApiException; errors pickle."""

import math
import pickle
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Callable

import pytest
import urllib3

import openapi_client
from openapi_client import ApiException, ApiTypeError, ApiValueError, exceptions
from openapi_client.apis import V1alphaUserApi
from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import make_configuration

# --- 10. `except ApiException` catches every failed call ---------------------------------------


@pytest.mark.parametrize("body", [{"credits": "12"}, {}, [1, 2], "null", {"credits": None}, b"<html>"])
def test_a_response_of_the_wrong_shape_is_an_api_exception(api_client: openapi_client.ApiClient,
                                                           server: FakeStabilityServer, body: Any) -> None:
    server.reply_next(Reply(200, body))
    with pytest.raises(ApiException) as info:
        V1alphaUserApi(api_client).balance()
    assert isinstance(info.value, (ApiTypeError, ApiValueError))  # and still what generated clients raise
    assert info.value.status == 200
    assert info.value.context and info.value.context.startswith("200 response")


# --- 11. careless settings and arguments ----------------------------------------------------------

BAD_TIMEOUTS = [math.inf, (-1, 5), (0, 0), math.nan, 1e300, (1e300, 1), 0, -3, "5", (1, 2, 3), True]


@pytest.mark.parametrize("timeout", BAD_TIMEOUTS)
def test_a_bad_request_timeout_fails_before_anything_is_sent(api_client: openapi_client.ApiClient,
                                                             server: FakeStabilityServer, timeout: Any) -> None:
    with pytest.raises((ApiValueError, ApiTypeError)) as info:
        V1alphaUserApi(api_client).balance(_request_timeout=timeout)
    if not isinstance(timeout, (str, bool)):  # these get generated clients' own words: "Unsupported type: ..."
        assert "timeout" in str(info.value).lower()
    assert server.requests == []


@pytest.mark.parametrize(("name", "value"), [
    ("timeout", math.inf), ("timeout", (0, 1)), ("timeout", math.nan), ("max_retries", -1), ("max_retries", 1.5),
    ("max_retries", "3"), ("retry_backoff", -1), ("retry_backoff", math.nan), ("retry_backoff_max", math.inf),
    ("retry_after_max", -0.5), ("retries", "x"), ("max_response_bytes", 0), ("connection_pool_maxsize", 0),
])
def test_a_bad_setting_fails_when_it_is_assigned(name: str, value: Any) -> None:
    configuration = openapi_client.Configuration()
    with pytest.raises((ApiValueError, ApiTypeError)) as info:
        setattr(configuration, name, value)
    assert name in str(info.value) or "retries" in str(info.value)


@pytest.mark.parametrize("retries", ["x", 1.5, object(), -1])
def test_bad_per_call_retries_fail_before_anything_is_sent(api_client: openapi_client.ApiClient,
                                                           server: FakeStabilityServer, retries: Any) -> None:
    with pytest.raises((ApiValueError, ApiTypeError)):
        V1alphaUserApi(api_client).balance(_retries=retries)
    assert server.requests == []


def test_a_retry_policy_checks_its_numbers() -> None:
    for settings in ({"max_retries": -1}, {"backoff": math.nan}, {"backoff_max": math.inf}, {"total_timeout": 0}):
        with pytest.raises((ApiValueError, ApiTypeError)):
            openapi_client.RetryPolicy(**settings)


# --- 13. exceptions pickle ---------------------------------------------------------------------------

def raised(call: Callable[[], Any]) -> BaseException:
    try:
        call()
    except BaseException as exc:  # returned for inspection
        return exc
    raise AssertionError("nothing raised")


def test_every_exception_round_trips_through_pickle(api_client: openapi_client.ApiClient,
                                                    server: FakeStabilityServer) -> None:
    api = V1alphaUserApi(api_client)
    server.fail_next(403, message="no access")
    status_error = raised(lambda: api.balance(organization="org-x"))
    samples = [
        status_error,
        exceptions.ApiException(status=500, reason="x"),
        exceptions.ApiTypeError("bad", ["received_data", "credits"], (float,), False),
        exceptions.ApiValueError("bad value", ["x"]),
        exceptions.ApiAttributeError("no such", ["x"]),
        exceptions.ApiKeyError("no key", ["x"]),
        exceptions.ApiConnectionError("cannot connect"),
        exceptions.ApiTimeoutError("too slow"),
        exceptions.ApiDecodeError("not json", ["received_data"]),
        exceptions.ApiResponseTooLargeError(status=200, message="too big"),
        exceptions.ApiRedirectError(status=302, reason="Found", message="bad redirect"),
    ]
    for original in samples:
        copy = pickle.loads(pickle.dumps(original))
        assert type(copy) is type(original)
        assert str(copy) == str(original)
        for name in ("status", "reason", "body", "path_to_item", "request_id"):
            assert getattr(copy, name, None) == getattr(original, name, None), name
    copy = pickle.loads(pickle.dumps(status_error))
    assert copy.error == status_error.error and copy.error.message == "no access"  # type: ignore[attr-defined]
    assert dict(copy.headers) == dict(status_error.headers)  # type: ignore[attr-defined]


def call_in_worker(url: str, key: str) -> float:
    configuration = openapi_client.Configuration(host=url, api_key=key)
    with openapi_client.ApiClient(configuration) as client:
        return float(V1alphaUserApi(client).balance(organization="org-nope").credits)


def test_a_status_exception_comes_back_from_a_process_pool(server: FakeStabilityServer) -> None:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        future = pool.submit(call_in_worker, server.url, "sk-test-0123456789abcdef")
        with pytest.raises(openapi_client.ForbiddenException) as info:
            future.result(timeout=60)
    assert info.value.status == 403 and info.value.error is not None


# --- 17. never re-send what is not idempotent ----------------------------------------------------

def post(client: openapi_client.ApiClient, **options: Any) -> Any:
    return client.call_api("/v1alpha/user/balance", "POST", response_type=None,
                           auth_settings=["api_key_header_Authorization"], **options)


def test_a_post_answered_500_is_sent_once(api_client: openapi_client.ApiClient, server: FakeStabilityServer) -> None:
    server.fail_next(500, times=3)
    with pytest.raises(openapi_client.ServiceException):
        post(api_client)
    assert [r.method for r in server.requests] == ["POST"]


def test_a_post_is_retried_only_when_the_server_says_it_was_not_processed(
        api_client: openapi_client.ApiClient, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(503, {}, {"Retry-After": "0"}))
    with pytest.raises(openapi_client.ServiceException):
        post(api_client)
    assert len(server.requests) == 1
    server.clear()
    server.reply_next(Reply(503, {}, {"Retry-After": "0", "X-Should-Retry": "true"}))
    server.reply_next(Reply(429, {}, {"Retry-After": "0", "X-Should-Retry": "true"}))
    server.reply_next(Reply(200, {}))
    post(api_client)
    assert len(server.requests) == 3


def test_should_retry_false_stops_even_an_idempotent_retry(api_client: openapi_client.ApiClient,
                                                          server: FakeStabilityServer) -> None:
    server.reply_next(Reply(503, {}, {"X-Should-Retry": "false"}), times=3)
    with pytest.raises(openapi_client.ServiceException):
        V1alphaUserApi(api_client).balance()
    assert len(server.requests) == 1


def test_a_user_retry_with_allowed_methods_is_honoured(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url)
    configuration.retries = urllib3.Retry(total=2, backoff_factor=0.01, status_forcelist=[500],
                                          allowed_methods=False)
    server.fail_next(500, times=2)
    server.reply_next(Reply(200, {}))
    with openapi_client.ApiClient(configuration) as client:
        post(client)
    assert [r.method for r in server.requests] == ["POST"] * 3
    server.clear()
    configuration.retries = urllib3.Retry(total=2, status_forcelist=[500], allowed_methods=["POST"])
    server.fail_next(500, times=5)
    with openapi_client.ApiClient(configuration) as client, pytest.raises(openapi_client.ServiceException):
        V1alphaUserApi(client).balance()
    assert len(server.requests) == 1  # GET is not among the allowed methods


# --- 20. server JSON is data, never options -----------------------------------------------------

def test_an_error_body_cannot_switch_type_checks_off(api_client: openapi_client.ApiClient,
                                                     server: FakeStabilityServer) -> None:
    body = {"_check_type": False, "_spec_property_naming": False, "_configuration": None, "id": ["x"], "name": 1,
            "message": {}, "temporary": "no", "timeout": None, "fault": 3}
    server.reply_next(Reply(400, body))
    with pytest.raises(openapi_client.BadRequestException) as info:
        V1alphaUserApi(api_client).balance()
    assert info.value.error is None  # not an Error(id=['x'], ...)


def test_option_names_in_a_success_body_are_plain_data(api_client: openapi_client.ApiClient,
                                                       server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": "many", "_check_type": False}))
    with pytest.raises(ApiTypeError):
        V1alphaUserApi(api_client).balance()
    server.reply_next(Reply(200, {"credits": 1.5, "_check_type": False, "_data_store": {"x": 1}}))
    balance = V1alphaUserApi(api_client).balance()
    assert balance.credits == 1.5 and balance["_check_type"] is False
