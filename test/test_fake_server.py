"""The fake server's own contract: spec-shaped answers, auth, organizations, faults, recording."""

import json
from typing import Any

import urllib3

from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import API_KEY


def get(server: FakeStabilityServer, path: str, **headers: str) -> Any:
    return urllib3.PoolManager().request("GET", server.url + path, headers=headers, retries=False)


def test_account_and_balance_follow_the_spec(server: FakeStabilityServer) -> None:
    for version in ("v1", "v1alpha"):
        account = get(server, f"/{version}/user/account", Authorization=f"Bearer {API_KEY}")
        assert account.status == 200 and account.headers["Content-Type"] == "application/json"
        body = json.loads(account.data)
        assert set(body) == {"email", "id", "organizations", "profile_picture"}
        assert set(body["organizations"][0]) == {"id", "is_default", "name", "role"}
        balance = get(server, f"/{version}/user/balance", Authorization=API_KEY, Organization="org-other")
        assert json.loads(balance.data) == {"credits": 2.0}


def test_errors_carry_the_api_error_body(server: FakeStabilityServer) -> None:
    v1 = get(server, "/v1/user/balance")
    assert v1.status == 401 and set(json.loads(v1.data)) == {"id", "name", "message"}
    alpha = get(server, "/v1alpha/user/balance", Authorization="sk-unknown")
    assert alpha.status == 401
    assert set(json.loads(alpha.data)) == {"id", "name", "message", "temporary", "timeout", "fault"}
    assert get(server, "/v1/user/balance", Authorization=API_KEY, Organization="org-x").status == 403
    assert get(server, "/v2/nothing", Authorization=API_KEY).status == 404


def test_faults_and_recording(server: FakeStabilityServer) -> None:
    server.fail_next(503, times=1, retry_after=2)
    failed = get(server, "/v1/user/balance", Authorization=API_KEY)
    assert failed.status == 503 and failed.headers["Retry-After"] == "2"
    server.reply_next(lambda request: Reply(418, "teapot") if "balance" in request.path else None, times=2)
    assert get(server, "/v1/user/account", Authorization=API_KEY).status == 200
    assert get(server, "/v1/user/balance", Authorization=API_KEY).status == 418
    assert [r.header("Authorization") for r in server.requests] == ["***"] * 3
    server.clear()
    assert server.requests == []
