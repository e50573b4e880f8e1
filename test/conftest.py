"""Shared fixtures: a fake server (the package's own, so it runs on every CI run) and clients of it."""

import logging
from typing import Iterator

import pytest

import openapi_client
from openapi_client import _logsetup
from openapi_client.testing import FakeStabilityServer

pytest_plugins = ["openapi_client.testing.pytest_plugin"]

API_KEY = "sk-test-0123456789abcdef"

_ENVIRONMENT = ("STABILITY_API_KEY", "STABILITY_API_HOST", "STABILITY_LOG", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUEST_METHOD")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's key, host, proxies or log settings; logging state is reset after."""
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    yield
    with _logsetup._lock:
        _logsetup._verbose_owners.clear()
        _logsetup._apply_verbosity(None)
        for path in list(_logsetup._file_handlers):
            handler, _ = _logsetup._file_handlers.pop(path)
            for name in _logsetup.LOGGER_NAMES:
                logging.getLogger(name).removeHandler(handler)
            handler.close()
    for name in _logsetup.LOGGER_NAMES:
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.fixture
def server(fake_stability: FakeStabilityServer) -> FakeStabilityServer:
    """The fake with the test account: two organizations with balances."""
    fake_stability.add_account(
        API_KEY,
        email="test@example.com",
        account_id="user-1234",
        organizations=[
            {"id": "org-default", "name": "Default Org", "is_default": True, "role": "OWNER"},
            {"id": "org-other", "name": "Other Org", "is_default": False, "role": "MEMBER"},
        ],
        balances={"org-default": 10.5, "org-other": 2.0},
        profile_picture="https://example.com/me.png",
    )
    return fake_stability


def make_configuration(url: str, **settings: object) -> openapi_client.Configuration:
    """A configuration for tests: the test key, short timeouts, near-instant backoff."""
    configuration = openapi_client.Configuration(host=url, timeout=(2.0, 5.0))
    configuration.api_key["api_key_header_Authorization"] = API_KEY
    configuration.retry_backoff = 0.01
    configuration.retry_backoff_max = 0.05
    for name, value in settings.items():
        setattr(configuration, name, value)
    return configuration


@pytest.fixture
def configuration(server: FakeStabilityServer) -> openapi_client.Configuration:
    return make_configuration(server.url)


@pytest.fixture
def api_client(configuration: openapi_client.Configuration) -> Iterator[openapi_client.ApiClient]:
    with openapi_client.ApiClient(configuration) as client:
        yield client
