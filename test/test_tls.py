"""TLS against a local HTTPS server whose CA is made in the test."""

import logging
import pathlib
import ssl
from typing import Iterator, List, Tuple

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


# --- one TLS context, built lazily, shared, rebuilt on change --------------------------------------------

def test_the_ca_bundle_is_loaded_once_for_any_number_of_new_connections(
        https_server: Tuple[FakeStabilityServer, str], monkeypatch: pytest.MonkeyPatch) -> None:
    server, ca_file = https_server
    loads = []
    original = ssl.SSLContext.load_verify_locations

    def counting(self: ssl.SSLContext, *args: object, **kwargs: object) -> None:
        loads.append(args or kwargs)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counting)
    with open(ca_file, "a") as bundle:
        bundle.write("\n")  # a fresh file stamp: no context cached for it yet
    configuration = make_configuration(server.url, ssl_ca_cert=ca_file)
    with openapi_client.ApiClient(configuration) as client:
        api = V1alphaUserApi(client)
        for _ in range(5):
            assert api.balance().credits == 7.0
            client.rest_client.pool_manager.close()  # every call on a new connection
    assert len(loads) == 1


def test_every_pool_and_client_with_the_same_settings_shares_one_context(
        https_server: Tuple[FakeStabilityServer, str], authority: trustme.CA) -> None:
    server, ca_file = https_server
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    contexts = []
    with FakeStabilityServer(host_name="localhost", ssl_context=context) as second:
        second.add_account(API_KEY, credits=8.0)
        for _ in range(2):  # two clients, two hosts each
            with openapi_client.ApiClient(make_configuration(server.url, ssl_ca_cert=ca_file)) as client:
                assert V1alphaUserApi(client).balance().credits == 7.0
                client.configuration.host = second.url
                assert V1alphaUserApi(client).balance().credits == 8.0
                manager = client.rest_client.pool_manager
                contexts += [manager.pools[key].conn_kw["ssl_context"] for key in manager.pools.keys()]  # noqa: SIM118 (no __iter__)
    assert len(contexts) == 4 and all(c is contexts[0] for c in contexts)


def test_no_context_is_built_for_plain_http(server: FakeStabilityServer) -> None:
    from openapi_client._transport import tls

    tls._contexts.clear()
    with openapi_client.ApiClient(make_configuration(server.url)) as client:
        V1alphaUserApi(client).balance()
        assert "ssl_context" not in client.rest_client.pool_manager.connection_pool_kw
    assert not tls._contexts


def test_a_changed_ca_file_gives_a_new_context(https_server: Tuple[FakeStabilityServer, str],
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    server, ca_file = https_server
    from openapi_client._transport.tls import TLSSettings

    configuration = make_configuration(server.url, ssl_ca_cert=ca_file)
    first = TLSSettings(configuration).context()
    assert TLSSettings(configuration).context() is first
    other = tmp_path_factory.mktemp("other") / "ca.pem"
    other.write_bytes(pathlib.Path(ca_file).read_bytes())
    configuration.ssl_ca_cert = str(other)
    assert TLSSettings(configuration).context() is not first
    configuration.ssl_ca_cert = ca_file
    with open(ca_file, "a") as bundle:
        bundle.write("\n\n")
    assert TLSSettings(configuration).context() is not first


def test_sni_is_sent_and_tls_server_name_overrides_it(authority: trustme.CA,
                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    names: List[str] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "api.internal").configure_cert(context)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,misc]
    ca_file = tmp_path_factory.mktemp("sni") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    with FakeStabilityServer(host_name="localhost", ssl_context=context) as server:
        server.add_account(API_KEY, credits=1.0)
        assert balance(make_configuration(server.url, ssl_ca_cert=str(ca_file))) == 1.0
        renamed = make_configuration(server.url, ssl_ca_cert=str(ca_file), tls_server_name="api.internal",
                                     assert_hostname="api.internal")
        assert balance(renamed) == 1.0
        wrong = make_configuration(server.url, ssl_ca_cert=str(ca_file), tls_server_name="api.internal",
                                   assert_hostname="elsewhere.internal", max_retries=0)
        with pytest.raises(openapi_client.ApiConnectionError, match="TLS error"):
            balance(wrong)
    assert names[:2] == ["localhost", "api.internal"]
