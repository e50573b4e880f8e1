"""Error statuses become the named exceptions; broken responses become SDK exceptions that say so."""

from typing import Iterator

import pytest

import openapi_client
from openapi_client import exceptions
from openapi_client.apis import V1alphaUserApi, V1UserApi
from openapi_client.model.error import Error
from openapi_client.model.rest_error import RESTError
from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import make_configuration

STATUS_CLASSES = [
    (400, exceptions.BadRequestException),
    (401, exceptions.UnauthorizedException),
    (403, exceptions.ForbiddenException),
    (404, exceptions.NotFoundException),
    (409, exceptions.ConflictException),
    (422, exceptions.UnprocessableEntityException),
    (429, exceptions.TooManyRequestsException),
    (500, exceptions.ServiceException),
    (502, exceptions.ServiceException),
    (503, exceptions.ServiceException),
    (418, exceptions.ApiException),
]


@pytest.fixture
def api(server: FakeStabilityServer) -> Iterator[V1alphaUserApi]:
    with openapi_client.ApiClient(make_configuration(server.url, max_retries=0)) as client:
        yield V1alphaUserApi(client)


@pytest.mark.parametrize(("status", "exception_class"), STATUS_CLASSES)
def test_each_status_raises_its_class_with_the_parsed_error(
    api: V1alphaUserApi, server: FakeStabilityServer, status: int, exception_class: type
) -> None:
    server.fail_next(status, message="the server's own words")
    with pytest.raises(exception_class) as info:
        api.v1alpha_user_balance()
    error = info.value
    assert type(error) is exception_class
    assert error.status == status
    assert isinstance(error.error, Error)
    assert error.error.message == "the server's own words"
    text = str(error)
    assert text.startswith(f"({status})") and "the server's own words" in text
    assert "\n" not in text
    assert error.request_id and error.request_id in text
    assert error.body.startswith("{")  # text, as in generated clients
    assert error.headers["Content-Type"] == "application/json"


def test_v1_error_body_is_parsed_as_rest_error(api_client: openapi_client.ApiClient,
                                               server: FakeStabilityServer) -> None:
    api_client.configuration.api_key["api_key_header_Authorization"] = "sk-wrong"
    with pytest.raises(exceptions.UnauthorizedException) as info:
        V1UserApi(api_client).balance()
    assert isinstance(info.value.error, RESTError)
    assert info.value.error.name == "unauthorized"
    assert str(info.value).startswith("(401) Unauthorized: invalid API key")


def test_missing_key_is_401_with_the_server_message(server: FakeStabilityServer) -> None:
    configuration = openapi_client.Configuration(host=server.url)
    with openapi_client.ApiClient(configuration) as client, pytest.raises(exceptions.UnauthorizedException) as info:
        V1UserApi(client).account()
    assert "missing authorization header" in str(info.value)


def test_error_without_json_body_keeps_a_short_message(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>" + "x" * 5000 + "</body></html>"
    server.reply_next(Reply(502, page, {"Content-Type": "text/html"}))
    with pytest.raises(exceptions.ServiceException) as info:
        api.balance()
    text = str(info.value)
    assert "HTML page '502 Bad Gateway'" in text
    assert len(text) < 200 and "xxxx" not in text
    assert info.value.error is None
    assert info.value.body == page


def test_plain_text_error_is_cut_to_one_line(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(500, "line one\nline two " + "y" * 1000))
    with pytest.raises(exceptions.ServiceException) as info:
        api.balance()
    assert "\n" not in str(info.value) and len(str(info.value)) < 300
    assert "line one line two" in str(info.value)


def test_malformed_json_on_200(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, b'{"credits": 1.0', {"Content-Type": "application/json"}))
    with pytest.raises(exceptions.ApiDecodeError) as info:
        api.balance()
    assert str(info.value) == ("Invalid type for variable 'received_data'. Required value type is BalanceResponseBody "
                               "and passed type was str at ['received_data']")  # as a generated client words it
    assert info.value.status == 200
    assert info.value.context == """200 response, application/json, body starts '{"credits": 1.0'"""
    assert isinstance(info.value, (openapi_client.ApiException, openapi_client.ApiTypeError, ValueError))


def test_wrong_content_type_and_html_on_200(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, "<html>maintenance</html>", {"Content-Type": "text/html"}))
    with pytest.raises(exceptions.ApiDecodeError) as info:
        api.balance()
    assert "text/html" in str(info.value.context) and "<html>maintenance" in str(info.value.context)


def test_json_with_the_wrong_shape(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, [1, 2, 3]))
    with pytest.raises(openapi_client.ApiTypeError) as info:
        api.balance()
    assert info.value.path_to_item == ["received_data"]
    assert info.value.context == "200 response, application/json, body starts '[1, 2, 3]'"


def test_missing_required_field_in_response(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"email": "e", "organizations": []}))
    with pytest.raises(openapi_client.ApiTypeError) as info:
        api.account()
    assert "_from_openapi_data() missing 1 required positional argument: 'id'" in str(info.value)
    assert info.value.path_to_item == ["received_data"] and info.value.status == 200


def test_wrong_field_type_in_response(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"credits": "12"}))
    with pytest.raises(openapi_client.ApiTypeError) as info:
        api.balance()
    assert info.value.path_to_item == ["received_data", "credits"]


def test_extra_fields_in_response_are_kept(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, {"email": "e", "id": "i", "organizations": [], "plan": "pro"}))
    account = api.account()
    assert account.profile_picture is None
    assert account["plan"] == "pro"


def test_empty_body_on_200(api: V1alphaUserApi, server: FakeStabilityServer) -> None:
    server.reply_next(Reply(200, b""))
    with pytest.raises(exceptions.ApiDecodeError, match="passed type was str"):
        api.balance()


def test_exception_hierarchy() -> None:
    for _, cls in STATUS_CLASSES:
        assert issubclass(cls, exceptions.ApiException)
    assert issubclass(exceptions.ApiTimeoutError, exceptions.ApiConnectionError)
    assert issubclass(exceptions.ApiConnectionError, exceptions.ApiException)
    for cls in (exceptions.ApiTypeError, exceptions.ApiValueError, exceptions.ApiKeyError,
                exceptions.ApiAttributeError, exceptions.ApiException):
        assert issubclass(cls, exceptions.OpenApiException)
    assert issubclass(exceptions.ApiTypeError, TypeError)
    assert issubclass(exceptions.ApiValueError, ValueError)
    for cls in (exceptions.ApiTypeError, exceptions.ApiValueError, exceptions.ApiDecodeError,
                exceptions.ApiResponseTooLargeError, exceptions.ApiRedirectError):
        assert issubclass(cls, exceptions.ApiException)  # one `except ApiException` catches every failed call
    assert issubclass(exceptions.ApiDecodeError, exceptions.ApiTypeError)


def test_api_exception_from_a_response_object() -> None:
    class Response:
        status, reason, data = 404, "Not Found", b'{"id": "x", "name": "not_found", "message": "gone"}'

        def getheaders(self) -> dict:
            return {"x-request-id": "r-1"}

    error = exceptions.NotFoundException(http_resp=Response())
    assert (error.status, error.reason, error.request_id) == (404, "Not Found", "r-1")
    assert str(error).startswith("(404) Not Found")
