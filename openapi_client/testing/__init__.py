"""Test helpers for users of the SDK: a fake of the user endpoints and a pytest fixture.

    from openapi_client.testing import FakeStabilityServer, Reply

In a test suite, enable the fixture with one line in ``conftest.py``::

    pytest_plugins = ["openapi_client.testing.pytest_plugin"]
"""

from openapi_client.testing.server import Account, FakeStabilityServer, RecordedRequest, Reply

__all__ = ["Account", "FakeStabilityServer", "RecordedRequest", "Reply"]
