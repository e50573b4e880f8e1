"""TLS against a local HTTPS server whose CA is made in the test."""

import logging
import ssl
from typing import Iterator, Tuple

import pytest
import trustme

import openapi_client
from openapi_client.apis import V1alphaUserApi
from openapi_client.testing import FakeStabilityServer

from .conftest import API_KEY, make_configuration


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https_server(authority: trustme.CA, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[Tuple[FakeStabilityServer, str]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    with FakeStabilityServer(host_name="localhost", ssl_context=context) as server:
        server.add_account(API_KEY, credits=7.0)
        yield server, str(ca_file)


def balance(configuration: openapi_client.Configuration) -> float:
    with openapi_client.ApiClient(configuration) as client:
        return V1alphaUserApi(client).balance().credits


def test_unknown_ca_is_rejected_by_default(https_server: Tuple[FakeStabilityServer, str]) -> None:
    server, _ = https_server
    with pytest.raises(openapi_client.ApiConnectionError, match=f"TLS error talking to localhost:{server.port}"):
        balance(make_configuration(server.url))
    assert server.requests == []


def test_private_ca_is_accepted_with_ssl_ca_cert(https_server: Tuple[FakeStabilityServer, str]) -> None:
    server, ca_file = https_server
    configuration = make_configuration(server.url)
    configuration.ssl_ca_cert = ca_file
    assert balance(configuration) == 7.0


def test_hostname_mismatch_is_rejected(https_server: Tuple[FakeStabilityServer, str]) -> None:
    server, ca_file = https_server
    configuration = make_configuration(f"https://127.0.0.1:{server.port}", ssl_ca_cert=ca_file)
    with pytest.raises(openapi_client.ApiConnectionError, match="TLS error"):
        balance(configuration)


def test_tls_errors_are_not_retried(https_server: Tuple[FakeStabilityServer, str],
                                    caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="openapi_client")
    server, _ = https_server
    with pytest.raises(openapi_client.ApiConnectionError):
        balance(make_configuration(server.url))
    assert not [r for r in caplog.records if "retrying" in r.getMessage()]


def test_verify_ssl_false_works_and_warns(https_server: Tuple[FakeStabilityServer, str],
                                          caplog: pytest.LogCaptureFixture) -> None:
    server, _ = https_server
    configuration = make_configuration(server.url, verify_ssl=False)
    with pytest.warns(Warning):  # urllib3's InsecureRequestWarning
        assert balance(configuration) == 7.0
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "verification is off" in r.getMessage()]
    assert len(warnings) == 1


def test_client_certificate_is_sent(authority: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    authority.configure_trust(context)
    context.verify_mode = ssl.CERT_REQUIRED  # the server demands a client certificate
    folder = tmp_path_factory.mktemp("client")
    ca_file, cert_file = folder / "ca.pem", folder / "client.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    authority.issue_cert("client@example.com").private_key_and_cert_chain_pem.write_to_path(str(cert_file))
    with FakeStabilityServer(host_name="localhost", ssl_context=context) as server:
        server.add_account(API_KEY, credits=3.0)
        without = make_configuration(server.url, ssl_ca_cert=str(ca_file), max_retries=0)
        with pytest.raises(openapi_client.ApiConnectionError):
            balance(without)
        with_cert = make_configuration(server.url, ssl_ca_cert=str(ca_file), cert_file=str(cert_file))
        assert balance(with_cert) == 3.0
