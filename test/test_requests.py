"""The exact requests the SDK sends, and what each per-call option does, against a real local server."""

import time
from multiprocessing.pool import ApplyResult as AsyncResult

import pytest

import openapi_client
from openapi_client import ApiTypeError, ApiValueError
from openapi_client.api import v1_user_api, v1alpha_user_api
from openapi_client.apis import V1alphaUserApi, V1UserApi
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.model.organization_membership import OrganizationMembership
from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import make_configuration


@pytest.fixture
def api(api_client: openapi_client.ApiClient) -> V1alphaUserApi:
    return v1alpha_user_api.V1alphaUserApi(api_client)


@pytest.fixture
def v1(api_client: openapi_client.ApiClient) -> V1UserApi:
    return v1_user_api.V1UserApi(api_client)


def test_account_request_and_typed_response(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    account = api.v1alpha_user_account()
    assert isinstance(account, AccountResponseBody)
    assert account.email == "test@example.com" and account.id == "user-1234"
    assert [o.id for o in account.organizations] == ["org-default", "org-other"]
    assert isinstance(account.organizations[0], OrganizationMembership)
    assert account.profile_picture == "https://example.com/me.png"
    request = server.requests[-1]
    assert (request.method, request.path) == ("GET", "/v1alpha/user/account")
    assert request.header("Accept") == "application/json"
    assert request.header("User-Agent") == "OpenAPI-Generator/1.0.0/python"  # as a generated client sends it
    assert request.header("Accept-Encoding") == "identity"
    assert request.header("Authorization") == "***"  # the bare key (recorded hidden); the fake checked it
    assert request.header("Organization") is None


def test_balance_sends_organization_header(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    assert api.v1alpha_user_balance().credits == 10.5
    assert server.requests[-1].header("Organization") is None
    balance = api.v1alpha_user_balance(organization="org-other")
    assert isinstance(balance, BalanceResponseBody) and balance.credits == 2.0
    assert server.requests[-1].header("Organization") == "org-other"
    assert server.requests[-1].path == "/v1alpha/user/balance"


def test_short_names_are_typed_aliases(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    assert api.balance("org-other").credits == 2.0
    assert api.account().id == "user-1234"
    with pytest.raises(ApiTypeError, match="use v1alpha_user_balance"):
        api.balance(async_req=True)


def _authorization_seen(server: FakeStabilityServer, configuration: openapi_client.Configuration,
                        api_class: type = V1alphaUserApi) -> str:
    """How the server saw Authorization (scheme kept, key hidden); the fake accepts only the right key."""
    with openapi_client.ApiClient(configuration) as client:
        assert api_class(client).balance().credits == 10.5
    return str(server.requests[-1].header("Authorization"))


def test_authorization_with_and_without_prefix(server: FakeStabilityServer) -> None:
    plain = make_configuration(server.url)
    assert _authorization_seen(server, plain) == "***"
    prefixed = make_configuration(server.url)
    prefixed.api_key_prefix["api_key_header_Authorization"] = "Bearer"
    assert _authorization_seen(server, prefixed) == "Bearer ***"


def test_v1_sends_bearer_with_the_same_key(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url)
    assert _authorization_seen(server, configuration, V1UserApi) == "Bearer ***"
    configuration.api_key_prefix["STABILITY_API_KEY"] = ""
    assert _authorization_seen(server, configuration, V1UserApi) == "***"


def test_a_wrong_key_is_refused_by_the_fake(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url)
    configuration.api_key["api_key_header_Authorization"] = "sk-wrong"
    with openapi_client.ApiClient(configuration) as client, pytest.raises(openapi_client.UnauthorizedException):
        V1alphaUserApi(client).balance()


def test_v1_requests_and_client_headers(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url, client_id="my-plugin", client_version="1.2.1")
    with openapi_client.ApiClient(configuration) as client:
        v1 = V1UserApi(client)
        assert v1.v1_user_account().email == "test@example.com"
        request = server.requests[-1]
        assert request.path == "/v1/user/account"
        assert request.header("Stability-Client-ID") == "my-plugin"
        assert request.header("Stability-Client-Version") == "1.2.1"
        balance = v1.v1_user_balance(organization="org-other", stability_client_id="override")
        assert balance.credits == 2.0
        request = server.requests[-1]
        assert request.path == "/v1/user/balance"
        assert request.header("Organization") == "org-other"
        assert request.header("Stability-Client-ID") == "override"
        assert request.header("Stability-Client-Version") == "1.2.1"


def test_v1_without_client_settings_names_the_sdk(v1: V1UserApi, server: FakeStabilityServer) -> None:
    assert v1.balance().credits == 10.5
    assert server.requests[-1].header("Stability-Client-ID") == "stability-user-sdk"
    assert server.requests[-1].header("Stability-Client-Version") == openapi_client.__version__
    v1.api_client.configuration.client_id = "my-plugin"
    v1.balance()
    assert server.requests[-1].header("Stability-Client-ID") == "my-plugin"
    assert server.requests[-1].header("Stability-Client-Version") is None  # the SDK's version is not the plugin's


def test_async_req_returns_a_result_with_get(api: V1alphaUserApi) -> None:
    pending = api.v1alpha_user_balance(organization="org-other", async_req=True)
    assert isinstance(pending, AsyncResult)
    assert pending.get(timeout=5).credits == 2.0
    assert pending.ready() and pending.successful()


def test_async_errors_are_raised_by_get(api: V1alphaUserApi) -> None:
    pending = api.v1alpha_user_balance(organization="org-nope", async_req=True)
    with pytest.raises(openapi_client.ForbiddenException):
        pending.get(timeout=5)
    assert not pending.successful()


def test_return_http_data_only_false_gives_data_status_headers(api: V1alphaUserApi) -> None:
    data, status, headers = api.v1alpha_user_balance(_return_http_data_only=False)
    assert data.credits == 10.5 and status == 200
    assert headers["Content-Type"] == "application/json"


def test_preload_content_false_gives_the_raw_response(api: V1alphaUserApi) -> None:
    raw = api.v1alpha_user_balance(_preload_content=False)
    assert raw.status == 200
    assert raw.data == b'{"credits": 10.5}'


def test_request_timeout_per_call(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": 1.0}, delay=1.0), times=3)
    started = time.monotonic()
    with pytest.raises(openapi_client.ApiTimeoutError, match="timed out"):
        api.v1alpha_user_balance(_request_timeout=(1, 0.2), _retries=0)
    assert time.monotonic() - started < 1.0
    server.clear()
    assert api.v1alpha_user_balance(_request_timeout=3).credits == 10.5


def test_check_return_type_false_accepts_wrong_types(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": "many"}))
    assert api.v1alpha_user_balance(_check_return_type=False).credits == "many"


def test_check_input_type(api: V1alphaUserApi) -> None:
    with pytest.raises(ApiTypeError) as info:
        api.v1alpha_user_balance(organization=123)
    assert info.value.path_to_item == ["organization"]
    with pytest.raises(openapi_client.ForbiddenException):  # unchecked, sent as "123", refused by the server
        api.v1alpha_user_balance(organization=123, _check_input_type=False)


def test_host_index(api: V1alphaUserApi) -> None:
    with pytest.raises(ApiValueError, match="Invalid index 1"):
        api.v1alpha_user_balance(_host_index=1)


def test_request_auths_override_the_configured_key(api: V1alphaUserApi) -> None:
    other = {"in": "header", "key": "Authorization", "value": "sk-unknown", "type": "api_key"}
    with pytest.raises(openapi_client.UnauthorizedException, match="invalid API key"):
        api.v1alpha_user_balance(_request_auths=[other])


def test_unknown_keyword_names_it(api: V1alphaUserApi, v1: V1UserApi) -> None:
    with pytest.raises(ApiTypeError, match="unexpected parameter 'organisation' to method `v1alpha_user_balance`"):
        api.v1alpha_user_balance(organisation="org-other")
    with pytest.raises(ApiTypeError, match="unexpected parameter '_timeout' to method `user_account`"):
        v1.v1_user_account(_timeout=3)


def test_header_injection_is_refused(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    count = len(server.requests)
    with pytest.raises(ApiValueError, match="the organization argument cannot be sent"):
        api.v1alpha_user_balance(organization="org\r\nX-Evil: 1")
    assert len(server.requests) == count


def test_default_headers_user_agent_and_cookie(configuration: openapi_client.Configuration,
                                               server: FakeStabilityServer) -> None:
    with openapi_client.ApiClient(configuration, header_name="X-Trace", header_value="abc",
                                  cookie="session=1") as client:
        client.user_agent = "my-app/2.0"
        client.set_default_header("X-Team", "imaging")
        V1alphaUserApi(client).balance()
    request = server.requests[-1]
    assert request.header("X-Trace") == "abc"
    assert request.header("X-Team") == "imaging"
    assert request.header("User-Agent") == "my-app/2.0"
    assert request.header("Cookie") == "***"


def test_last_response_is_kept(api_client: openapi_client.ApiClient, api: V1alphaUserApi) -> None:
    api.balance()
    assert api_client.last_response.status == 200
    assert api_client.last_response.getheader("X-Request-Id")


def test_call_api_uses_the_same_path(api_client: openapi_client.ApiClient, server: FakeStabilityServer) -> None:
    balance = api_client.call_api("/v1alpha/user/balance", "GET", header_params={"Organization": "org-other"},
                                  response_type=(BalanceResponseBody,),
                                  auth_settings=["api_key_header_Authorization"])
    assert balance.credits == 2.0
    assert server.requests[-1].header("Organization") == "org-other"


def test_api_class_without_client_uses_the_default_configuration(server: FakeStabilityServer) -> None:
    default = make_configuration(server.url)
    openapi_client.Configuration.set_default(default)
    try:
        assert V1alphaUserApi().balance().credits == 10.5
    finally:
        openapi_client.Configuration.set_default(None)


def test_close_releases_connections(configuration: openapi_client.Configuration) -> None:
    client = openapi_client.ApiClient(configuration)
    V1alphaUserApi(client).balance()
    pool = client.rest_client.pool_manager.connection_from_url(configuration.host)
    assert pool.num_connections == 1
    client.close()
    assert len(client.rest_client.pool_manager.pools) == 0
    assert V1alphaUserApi(client).balance().credits == 10.5  # usable again, with a new connection


def test_sanitize_for_serialization(api_client: openapi_client.ApiClient) -> None:
    from datetime import date, datetime

    org = OrganizationMembership("o", False, "n", "r")
    data = api_client.sanitize_for_serialization(
        {"org": org, "when": datetime(2024, 1, 2, 3, 4, 5), "day": date(2024, 1, 2), "list": (1, "a", None)})
    assert data == {"org": {"id": "o", "is_default": False, "name": "n", "role": "r"},
                    "when": "2024-01-02T03:04:05", "day": "2024-01-02", "list": (1, "a", None)}
    with pytest.raises(ApiValueError):
        api_client.sanitize_for_serialization(object())
