"""Configuration: defaults, auth across both API versions, hosts, environment, and secrets kept secret."""

import http.client
import logging

import pytest

import openapi_client
from openapi_client.apis import V1alphaUserApi, V1UserApi
from openapi_client.configuration import V1_AUTH, V1ALPHA_AUTH
from openapi_client.testing import FakeStabilityServer

from .conftest import API_KEY, make_configuration


def test_defaults() -> None:
    configuration = openapi_client.Configuration()
    assert configuration.host == "https://api.stability.ai"
    assert configuration.verify_ssl is True and configuration.ssl_ca_cert is None
    assert configuration.max_retries == 2 and configuration.timeout == (5.0, 60.0)
    assert configuration.get_api_key_with_prefix(V1ALPHA_AUTH) is None
    assert configuration.auth_settings() == {}


def test_key_prefixes_per_scheme() -> None:
    configuration = openapi_client.Configuration(api_key={V1ALPHA_AUTH: "k"})
    assert configuration.get_api_key_with_prefix(V1ALPHA_AUTH) == "k"
    assert configuration.get_api_key_with_prefix(V1_AUTH) == "Bearer k"  # one key serves both
    configuration.api_key_prefix[V1ALPHA_AUTH] = "Bearer"
    assert configuration.get_api_key_with_prefix(V1ALPHA_AUTH) == "Bearer k"
    configuration.api_key[V1ALPHA_AUTH] = "Bearer k"
    assert configuration.get_api_key_with_prefix(V1ALPHA_AUTH) == "Bearer k"  # not prefixed twice
    configuration.api_key[V1ALPHA_AUTH] = "  k2\n"
    assert configuration.get_api_key_with_prefix(V1ALPHA_AUTH) == "Bearer k2"
    settings = configuration.auth_settings()
    assert settings[V1ALPHA_AUTH] == {"type": "api_key", "in": "header", "key": "Authorization",
                                      "value": "Bearer k2"}


def test_key_for_a_scheme_wins_over_the_other_scheme() -> None:
    configuration = openapi_client.Configuration(api_key={V1ALPHA_AUTH: "alpha", V1_AUTH: "v1"})
    assert configuration.get_api_key_with_prefix(V1ALPHA_AUTH) == "alpha"
    assert configuration.get_api_key_with_prefix(V1_AUTH) == "Bearer v1"
    assert openapi_client.Configuration(api_key="both").get_api_key_with_prefix(V1_AUTH) == "Bearer both"


def test_key_from_environment_and_explicit_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STABILITY_API_KEY", "from-env")
    configuration = openapi_client.Configuration()
    assert configuration.get_api_key_with_prefix(V1_AUTH) == "Bearer from-env"
    configuration.api_key[V1ALPHA_AUTH] = "explicit"
    assert configuration.get_api_key_with_prefix(V1_AUTH) == "Bearer explicit"


def test_host_from_environment_and_explicit_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STABILITY_API_HOST", "http://127.0.0.1:9/")
    assert openapi_client.Configuration().host == "http://127.0.0.1:9"
    assert openapi_client.Configuration(host="https://other.example").host == "https://other.example"


def test_host_settings() -> None:
    configuration = openapi_client.Configuration(host="http://localhost:1")
    assert configuration.get_host_settings()[0]["url"] == "https://api.stability.ai"
    assert configuration.get_host_from_settings(0) == "https://api.stability.ai"
    assert configuration.get_host_from_settings(None) == "http://localhost:1"
    with pytest.raises(openapi_client.ApiValueError):
        configuration.get_host_from_settings(3)
    configuration.server_index = 0
    assert configuration.host == "https://api.stability.ai"
    configuration.host = "http://x:2/"
    assert (configuration.host, configuration.server_index) == ("http://x:2", None)


def test_default_configuration_is_copied() -> None:
    default = openapi_client.Configuration(host="http://default:1", api_key="k")
    openapi_client.Configuration.set_default(default)
    try:
        copy = openapi_client.Configuration.get_default_copy()
        assert copy.host == "http://default:1" and copy is not default
        copy.api_key[V1ALPHA_AUTH] = "changed"
        assert openapi_client.Configuration.get_default_copy().api_key[V1ALPHA_AUTH] == "k"
    finally:
        openapi_client.Configuration.set_default(None)
    assert openapi_client.Configuration.get_default_copy().host == "https://api.stability.ai"


# --- secrets ------------------------------------------------------------------------------

def test_repr_and_debug_report_hide_the_key() -> None:
    configuration = openapi_client.Configuration(api_key=API_KEY)
    for text in (repr(configuration), str(configuration.api_key), repr(configuration.api_key),
                 configuration.to_debug_report()):
        assert API_KEY not in text
    assert "'***'" in repr(configuration)
    report = configuration.to_debug_report()
    assert "SDK Package Version: " + openapi_client.__version__ in report
    assert "API key configured: yes" in report


def test_debug_logs_requests_with_authorization_redacted(
    server: FakeStabilityServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    configuration = make_configuration(server.url)
    configuration.debug = True
    assert logging.getLogger("openapi_client").level == logging.DEBUG
    with openapi_client.ApiClient(configuration) as client:
        V1alphaUserApi(client).balance()
        V1UserApi(client).account()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "request: GET " in logged and "'Authorization': '***'" in logged
    assert "response: 200" in logged
    out, err = capfd.readouterr()
    assert "GET" in err  # the stream handler writes to stderr
    for text in (logged, out, err):
        assert API_KEY not in text
    assert http.client.HTTPConnection.debuglevel == 0  # no raw header printing switched on
    configuration.debug = False
    assert logging.getLogger("openapi_client").level == logging.NOTSET  # what it was before, not WARNING


def test_log_file(server: FakeStabilityServer, tmp_path: pytest.TempPathFactory) -> None:
    configuration = make_configuration(server.url)
    path = str(tmp_path / "sdk.log")  # type: ignore[operator]
    configuration.logger_file = path
    configuration.debug = True
    try:
        with openapi_client.ApiClient(configuration) as client:
            V1alphaUserApi(client).balance()
    finally:
        for name in ("openapi_client", "urllib3"):
            for handler in list(logging.getLogger(name).handlers):
                if isinstance(handler, logging.FileHandler):
                    handler.close()
                    logging.getLogger(name).removeHandler(handler)
    with open(path) as log:
        text = log.read()
    assert "GET" in text and API_KEY not in text


def test_stability_log_env_turns_on_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STABILITY_LOG", "info")
    openapi_client.Configuration()
    assert logging.getLogger("openapi_client").level == logging.INFO
    monkeypatch.setenv("STABILITY_LOG", "debug")
    assert openapi_client.Configuration().debug is True


def test_exceptions_never_carry_the_key(server: FakeStabilityServer) -> None:
    configuration = make_configuration(server.url)
    secret = "sk-this-one-is-wrong-and-secret"
    configuration.api_key[V1ALPHA_AUTH] = secret
    with openapi_client.ApiClient(configuration) as client, \
            pytest.raises(openapi_client.UnauthorizedException) as info:
        V1alphaUserApi(client).balance()
    assert secret not in str(info.value) and secret not in repr(info.value)
    configuration.api_key[V1ALPHA_AUTH] = "sk-bad\nkey"
    with openapi_client.ApiClient(configuration) as client, pytest.raises(openapi_client.ApiValueError) as bad:
        V1alphaUserApi(client).balance()
    assert "sk-bad" not in str(bad.value)
