"""The ``fake_stability`` pytest fixture: a started :class:`FakeStabilityServer` per test.

Enable it in ``conftest.py`` with ``pytest_plugins = ["openapi_client.testing.pytest_plugin"]``,
then::

    def test_low_balance_warning(fake_stability):
        fake_stability.add_account("sk-test", credits=0.5)
        configuration = openapi_client.Configuration(host=fake_stability.url, api_key="sk-test")
        ...
"""

from typing import Iterator

import pytest

from openapi_client.testing.server import FakeStabilityServer


@pytest.fixture
def fake_stability() -> Iterator[FakeStabilityServer]:
    """A running fake of the user endpoints, stopped after the test."""
    with FakeStabilityServer() as server:
        yield server
