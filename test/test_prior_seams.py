"""Code and tests written against a python-prior client: mocked seams, helpers, specs, models, small habits.

These are written the way users test code built on a generated client (``mock.patch.object``, a
recording pool manager, namedtuple responses), so they pin the behaviour even where java is not
available for the side-by-side module (``test_differential.py``).
"""

import json
import weakref
from collections import namedtuple
from datetime import date, datetime
from typing import Any, Dict, List, Tuple
from unittest import mock

import pytest
import urllib3

import openapi_client
from openapi_client import ApiAttributeError, ApiException, ApiTypeError, ApiValueError, rest
from openapi_client.api import v1_user_api, v1alpha_user_api
from openapi_client.api_client import ApiClient
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.model.organization_membership import OrganizationMembership
from openapi_client.model_utils import file_type, none_type, validate_and_convert_types
from openapi_client.testing import FakeStabilityServer

KEY = "sk-prior-style-key"
HOST = "https://api.stability.ai"
URL = HOST + "/v1alpha/user/balance"
HEADERS = {"Accept": "application/json", "User-Agent": "OpenAPI-Generator/1.0.0/python", "Authorization": KEY}
HTTPResponse = namedtuple("HTTPResponse", ["status", "reason", "data", "getheaders", "getheader"])


class TimeoutWithEqual(urllib3.Timeout):
    def __eq__(self, other: object) -> bool:
        return (self._read, self._connect, self.total) == (other._read, other._connect, other.total)  # type: ignore


class MockPoolManager:
    """A recording pool manager, as python-prior's own tests use: each call must be the expected one."""

    def __init__(self) -> None:
        self.expected: List[Tuple[Tuple[Any, ...], Dict[str, Any]]] = []

    def expect_request(self, *args: Any, **kwargs: Any) -> None:
        self.expected.append((args, kwargs))

    def request(self, *args: Any, **kwargs: Any) -> urllib3.HTTPResponse:
        assert self.expected, "an unexpected request"
        assert self.expected.pop(0) == (args, kwargs)
        return urllib3.HTTPResponse(status=200, body=b'{"credits": 1.5}',
                                    headers={"Content-Type": "application/json"})


def mock_response(body: Any, status: int = 200) -> rest.RESTResponse:
    def get_headers() -> Dict[str, str]:
        return {"Content-Type": "application/json"}

    def get_header(name: str, default: Any = None) -> Any:
        return get_headers().get(name, default)

    return rest.RESTResponse(HTTPResponse(status, "OK", json.dumps(body).encode(), get_headers, get_header))


@pytest.fixture
def api() -> v1alpha_user_api.V1alphaUserApi:
    configuration = openapi_client.Configuration()
    configuration.api_key["api_key_header_Authorization"] = KEY
    return v1alpha_user_api.V1alphaUserApi(ApiClient(configuration))


# --- 1. mocking the transport at each seam ---------------------------------------------------------

def test_patching_call_api_sees_the_generated_arguments(api: v1alpha_user_api.V1alphaUserApi) -> None:
    with mock.patch.object(ApiClient, "call_api") as call_api:
        call_api.return_value = BalanceResponseBody(credits=1.0)
        assert api.v1alpha_user_balance(organization="org-1").credits == 1.0
    call_api.assert_called_once_with(
        "/v1alpha/user/balance", "GET", {}, [], {"Organization": "org-1", "Accept": "application/json"},
        body=None, post_params=[], files={}, response_type=(BalanceResponseBody,),
        auth_settings=["api_key_header_Authorization"], async_req=False, _check_type=True,
        _return_http_data_only=True, _preload_content=True, _request_timeout=None, _host=HOST,
        _request_auths=None, collection_formats={})


def test_patching_rest_request_sees_the_generated_arguments(api: v1alpha_user_api.V1alphaUserApi) -> None:
    with mock.patch.object(rest.RESTClientObject, "request") as request:
        request.return_value = mock_response({"credits": 2.5})
        assert api.v1alpha_user_balance().credits == 2.5
    request.assert_called_once_with("GET", URL, headers=HEADERS, _preload_content=True, _request_timeout=None,
                                    query_params=[])


def test_patching_rest_get_sees_the_generated_arguments(api: v1alpha_user_api.V1alphaUserApi) -> None:
    with mock.patch.object(rest.RESTClientObject, "GET") as get:
        get.return_value = mock_response({"credits": 2.5})
        api.v1alpha_user_balance(_request_timeout=3)
    get.assert_called_once_with(URL, query_params=[], _preload_content=True, _request_timeout=3, headers=HEADERS)


def test_a_recording_pool_manager_sees_python_priors_request(api: v1alpha_user_api.V1alphaUserApi) -> None:
    pool = MockPoolManager()
    api.api_client.rest_client.pool_manager = pool
    pool.expect_request("GET", URL, fields=[], preload_content=True, timeout=None, headers=HEADERS)
    pool.expect_request("GET", URL, fields=[], preload_content=True, timeout=TimeoutWithEqual(total=5),
                        headers={**HEADERS, "Organization": "org-9"})
    pool.expect_request("GET", URL, fields=[], preload_content=True,
                        timeout=TimeoutWithEqual(connect=1, read=2), headers=HEADERS)
    assert api.v1alpha_user_balance().credits == 1.5
    assert api.v1alpha_user_balance(organization="org-9", _request_timeout=5).credits == 1.5
    assert api.v1alpha_user_balance(_request_timeout=(1, 2)).credits == 1.5
    assert pool.expected == []


def test_patching_urllib3s_pool_manager_intercepts_every_request(api: v1alpha_user_api.V1alphaUserApi) -> None:
    canned = urllib3.HTTPResponse(status=200, body=b'{"credits": 9.0}', headers={"Content-Type": "application/json"})
    with mock.patch.object(urllib3.PoolManager, "request", return_value=canned) as request:
        assert api.v1alpha_user_balance().credits == 9.0
    request.assert_called_once_with("GET", URL, fields=[], preload_content=True, timeout=None, headers=HEADERS)


def test_a_mocked_error_status_raises_its_exception(api: v1alpha_user_api.V1alphaUserApi) -> None:
    canned = urllib3.HTTPResponse(status=404, body=b'{"id": "1", "name": "not_found", "message": "gone", '
                                                   b'"temporary": false, "timeout": false, "fault": false}')
    with mock.patch.object(urllib3.PoolManager, "request", return_value=canned) as request, \
            pytest.raises(openapi_client.NotFoundException) as info:
        api.v1alpha_user_balance()
    assert request.call_count == 1  # no retry below a mocked seam
    assert info.value.status == 404 and info.value.body.startswith('{"id"') and info.value.error.message == "gone"


def test_pool_manager_settings_reach_urllib3_as_python_prior_passes_them() -> None:
    configuration = openapi_client.Configuration()
    configuration.socket_options = [(6, 1, 1)]
    configuration.assert_hostname = "api.example"
    configuration.retries = 4
    configuration.connection_pool_maxsize = 7
    configuration.proxy = "http://proxy.example:3128"
    configuration.proxy_headers = {"X-Proxy": "1"}
    manager = ApiClient(configuration).rest_client.pool_manager
    assert isinstance(manager, urllib3.ProxyManager)
    assert {k: manager.connection_pool_kw[k] for k in ("socket_options", "assert_hostname", "maxsize")} == {
        "socket_options": [(6, 1, 1)], "assert_hostname": "api.example", "maxsize": 7}
    retries = manager.connection_pool_kw["retries"]  # urllib3 2 itself turns 4 into Retry(total=4)
    assert getattr(retries, "total", retries) == 4
    assert manager.proxy_headers == {"X-Proxy": "1"}
    plain = ApiClient(openapi_client.Configuration()).rest_client.pool_manager
    assert isinstance(plain, urllib3.PoolManager) and not isinstance(plain, urllib3.ProxyManager)


# --- 2. ApiClient helpers ---------------------------------------------------------------------------

def test_helpers_have_python_priors_signatures_and_results() -> None:
    client = ApiClient()
    assert ApiClient.sanitize_for_serialization({"d": date(1997, 7, 16), "t": datetime(2020, 1, 2, 3, 4, 5),
                                                 "m": BalanceResponseBody(credits=1.0), "l": (1, [2])}) == {
        "d": "1997-07-16", "t": "2020-01-02T03:04:05", "m": {"credits": 1.0}, "l": (1, [2])}
    assert client.select_header_accept(["APPLICATION/JSON", "APPLICATION/XML"]) == "application/json"
    assert client.select_header_accept(["text/plain", "application/xml"]) == "text/plain, application/xml"
    assert client.select_header_accept([]) is None
    assert client.select_header_content_type(["application/json-patch+json", "application/json"], "PATCH",
                                             [{"op": "add"}]) == "application/json-patch+json"
    assert client.select_header_content_type(["text/plain", "application/xml"]) == "text/plain"
    assert client.parameters_to_tuples({"a": [1, 2], "b": [3, 4], "c": 5}, {"a": "multi", "b": "pipes"}) == [
        ("a", 1), ("a", 2), ("b", "3|4"), ("c", 5)]
    fields = client.parameters_to_multipart([("a", {"x": 1}), ("b", "2")], dict)
    assert fields[1] == ("b", "2") and fields[0].data == b'{"x": 1}'
    assert client.files_parameters(None) == []
    with pytest.raises(ApiValueError, match="Unable to prepare type object"):
        ApiClient.sanitize_for_serialization(object())


def test_update_params_for_auth_as_generated_clients_test_it() -> None:
    configuration = openapi_client.Configuration()
    configuration.api_key["api_key_header_Authorization"] = "123456"
    configuration.api_key_prefix["api_key_header_Authorization"] = "PREFIX"
    client = ApiClient(configuration)
    headers: Dict[str, Any] = {"test1": "value1"}
    queries: List[Tuple[str, Any]] = []
    client.update_params_for_auth(headers, queries, ["api_key_header_Authorization", "unknown"],
                                  resource_path=None, method=None, body=None)
    assert headers == {"test1": "value1", "Authorization": "PREFIX 123456"}
    client.update_params_for_auth(headers, queries, ["api_key_header_Authorization"], None, None, None,
                                  request_auths=[{"in": "query", "key": "k", "value": "v", "type": "api_key"}])
    assert queries == [("k", "v")]


# --- 3 and 4. specs everywhere, deserialize on python-prior-shaped responses --------------------------

MockResponse = namedtuple("MockResponse", "data")


@pytest.mark.parametrize(("spec", "data", "expected"), [
    ((BalanceResponseBody,), {"credits": 1}, BalanceResponseBody(credits=1.0)),
    (([BalanceResponseBody],), [{"credits": 1.5}], [BalanceResponseBody(credits=1.5)]),
    (({str: (BalanceResponseBody,)},), {"a": {"credits": 2.5}}, {"a": BalanceResponseBody(credits=2.5)}),
    (([[str]],), [["a"], ["b", "c"]], [["a"], ["b", "c"]]),
    ((str, none_type), None, None),
    ((datetime,), "2024-02-29T10:00:00+00:00", datetime.fromisoformat("2024-02-29T10:00:00+00:00")),
])
def test_specs_convert_at_every_level(spec: Any, data: Any, expected: Any) -> None:
    client = ApiClient()
    assert client.deserialize(MockResponse(data=json.dumps(data)), spec, True) == expected


@pytest.mark.parametrize(("spec", "data", "message"), [
    (([BalanceResponseBody],), [{"credits": "x"}],
     "Invalid type for variable 'credits'. Required value type is float and passed type was str at "
     "['received_data'][0]['credits']"),
    (({str: (BalanceResponseBody,)},), {"a": 1},
     "Invalid type for variable 'a'. Required value type is BalanceResponseBody and passed type was int at "
     "['received_data']['a']"),
    (([[str]],), [["a", 1]], "Invalid type for variable '1'. Required value type is str and passed type was int "
                             "at ['received_data'][0][1]"),
])
def test_specs_check_at_every_level_with_python_priors_wording(spec: Any, data: Any, message: str) -> None:
    with pytest.raises(ApiTypeError) as info:
        ApiClient().deserialize(MockResponse(data=json.dumps(data)), spec, True)
    assert str(info.value) == message


def test_validate_and_convert_types_without_a_configuration_does_not_convert() -> None:
    with pytest.raises(ApiTypeError) as info:
        validate_and_convert_types("2024-01-01T00:00:00Z", (datetime,), ["received_data", "x"], True, True)
    assert str(info.value) == ("Invalid type for variable 'x'. Required value type is datetime and passed type was "
                               "str at ['received_data']['x']")


def test_a_file_response_is_written_to_the_temp_folder(tmp_path: pytest.TempPathFactory) -> None:
    configuration = openapi_client.Configuration()
    configuration.temp_folder_path = str(tmp_path)
    response = mock.Mock(data=b"file body")
    response.getheader.return_value = 'attachment; filename="../../escape.txt"'
    with ApiClient(configuration).deserialize(response, (file_type,), True) as opened:
        assert opened.read() == b"file body"
        assert opened.name == str(tmp_path / "escape.txt")  # type: ignore[operator]


def test_call_api_takes_specs_and_returns_what_generated_clients_return(server: FakeStabilityServer) -> None:
    configuration = openapi_client.Configuration(host=server.url, api_key="sk-test-0123456789abcdef")
    with ApiClient(configuration) as client:
        data, status, headers = client.call_api(
            "/v1alpha/user/account", "GET", response_type=({str: (bool, date, datetime, dict, float, int, list, str,
                                                                   none_type)},),
            auth_settings=["api_key_header_Authorization"], _return_http_data_only=False)
        assert status == 200 and data["email"] == "test@example.com" and headers["Content-Type"] == "application/json"
        assert isinstance(client.last_response.data, str)  # as there, the body was decoded to text


# --- 5. configuration ---------------------------------------------------------------------------------

def test_configuration_as_generated_clients_have_it() -> None:
    with pytest.raises(ApiValueError, match="Invalid keyword: 'bogus''"):
        openapi_client.Configuration(disabled_client_side_validations="maxLength,bogus")
    configuration = openapi_client.Configuration(disabled_client_side_validations="maxLength,minimum")
    assert configuration._disabled_client_side_validations == {"maxLength", "minimum"}
    kept = ApiClient(openapi_client.Configuration(discard_unknown_keys=True)).deserialize(
        MockResponse(data='{"credits": 1.5, "plan": "pro"}'), (BalanceResponseBody,), True)
    assert kept.to_dict() == {"credits": 1.5, "plan": "pro"}  # these schemas allow additional properties


# --- 6. models ----------------------------------------------------------------------------------------

def test_models_as_generated_clients_have_them() -> None:
    org = OrganizationMembership._new_from_openapi_data(id="o", is_default=True, name="n", role="r")
    account = AccountResponseBody("e@x", "u", [org])
    with pytest.raises(ApiAttributeError, match="has no attribute 'nope'"):
        account["nope"]
    assert str(account) == repr(account) == (
        "{'email': 'e@x',\n 'id': 'u',\n 'organizations': [{'id': 'o', 'is_default': True, 'name': 'n', "
        "'role': 'r'}]}")
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'id'") as info:
        AccountResponseBody._from_openapi_data(email="e", organizations=[])
    assert isinstance(info.value, ApiTypeError) and isinstance(info.value, ApiException)
    assert account.profile_picture is None  # deliberate difference: an optional field not sent reads as None


# --- 7. smaller things ----------------------------------------------------------------------------------

def test_refresh_api_key_hook_runs_before_the_key_is_read(server: FakeStabilityServer) -> None:
    configuration = openapi_client.Configuration(host=server.url)
    calls: List[int] = []

    def refresh(config: openapi_client.Configuration) -> None:
        calls.append(1)
        config.api_key["api_key_header_Authorization"] = "sk-test-0123456789abcdef"

    configuration.refresh_api_key_hook = refresh
    with ApiClient(configuration) as client:
        assert v1alpha_user_api.V1alphaUserApi(client).balance().credits == 10.5
    assert calls and server.requests[-1].header("Authorization") == "***"


def test_logger_file_handler_exists(tmp_path: pytest.TempPathFactory) -> None:
    configuration = openapi_client.Configuration()
    assert configuration.logger_file_handler is None
    configuration.logger_file = str(tmp_path / "log.txt")  # type: ignore[operator]
    assert configuration.logger_file_handler is not None


def test_hand_built_exceptions_work_as_there() -> None:
    error = ApiException(status=500, reason="x")
    assert (error.status, error.reason, error.body, error.headers) == (500, "x", None, None)
    response = HTTPResponse(404, "Not Found", "gone", lambda: {"a": "b"}, None)
    built = openapi_client.NotFoundException(http_resp=response)
    assert (built.status, built.body, built.headers) == (404, "gone", {"a": "b"})
    assert str(built) == "(404) Not Found: gone"  # deliberate difference: one line


def test_an_unknown_keyword_is_worded_as_generated_clients_word_it(api: v1alpha_user_api.V1alphaUserApi) -> None:
    with pytest.raises(ApiTypeError, match=r"^Got an unexpected parameter 'org' to method `v1alpha_user_balance`$"):
        api.v1alpha_user_balance(org="x")
    with pytest.raises(ApiTypeError, match="to method `user_balance`"):
        v1_user_api.V1UserApi(api.api_client).user_balance(org="x")
    with pytest.raises(ApiTypeError, match=r"Invalid type for variable 'async_req'. Required value type is bool"):
        api.v1alpha_user_balance(async_req="yes")


# --- 8. the thread pool ---------------------------------------------------------------------------------

def test_the_context_manager_closes_the_thread_pool() -> None:
    with ApiClient() as client:
        assert client.pool is not None
        pool = weakref.ref(client._pool)
        assert pool() is not None
    assert pool() is None


def test_interpreter_exit_closes_the_thread_pool() -> None:
    """As python-prior's own test does it, in a process of its own: running every exit hook is final."""
    import subprocess
    import sys
    from pathlib import Path

    script = ("import atexit, openapi_client\n"
              "client = openapi_client.ApiClient()\n"
              "assert client.pool is not None\n"
              "atexit._run_exitfuncs()\n"
              "assert client._pool is None, client._pool\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert result.returncode == 0, result.stderr
