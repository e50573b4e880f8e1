"""The command line (as a subprocess: output, exit codes, stderr, no key anywhere) and the examples/ scripts."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

from openapi_client.testing import FakeStabilityServer

from .conftest import API_KEY

ROOT = Path(__file__).resolve().parent.parent


def run(args: List[str], env: Dict[str, str]) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STABILITY_")}
    full_env.update(env, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], env=full_env, capture_output=True, text=True, timeout=60)


def cli(*args: str, **env: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return run(["-m", "openapi_client", *args], env)


def no_key_anywhere(result: subprocess.CompletedProcess) -> None:  # type: ignore[type-arg]
    assert API_KEY not in result.stdout and API_KEY not in result.stderr


def test_account_output(server: FakeStabilityServer) -> None:
    result = cli("account", "--host", server.url, STABILITY_API_KEY=API_KEY)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["email", "test@example.com"]
    assert any(line.split()[:2] == ["*", "org-default"] for line in lines)
    assert server.requests[-1].path == "/v1/user/account"  # v1, the live API, by default
    assert server.requests[-1].header("Authorization") == "Bearer ***"
    no_key_anywhere(result)


def test_balance_json_and_organization(server: FakeStabilityServer) -> None:
    result = cli("--json", "balance", "--organization", "org-other", STABILITY_API_KEY=API_KEY,
                 STABILITY_API_HOST=server.url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"credits": 2.0, "organization": "org-other"}


def test_all_organizations(server: FakeStabilityServer) -> None:
    result = cli("balance", "--all-organizations", "--json", "--v1alpha", STABILITY_API_KEY=API_KEY,
                 STABILITY_API_HOST=server.url)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["id"], r["credits"], r["is_default"]) for r in rows] == [
        ("org-default", 10.5, True), ("org-other", 2.0, False)]
    assert [r.path for r in server.requests] == ["/v1alpha/user/account", "/v1alpha/user/balance",
                                                  "/v1alpha/user/balance"]
    table = cli("balance", "--all-organizations", STABILITY_API_KEY=API_KEY, STABILITY_API_HOST=server.url)
    assert table.stdout.splitlines()[1].split() == ["*", "org-default", "Default", "Org", "OWNER", "10.5"]


def test_api_error_is_one_line_on_stderr_with_exit_1(server: FakeStabilityServer) -> None:
    result = cli("balance", "--organization", "org-nope", STABILITY_API_KEY=API_KEY, STABILITY_API_HOST=server.url)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: (403) Forbidden") and result.stderr.count("\n") == 1
    wrong_key = cli("account", STABILITY_API_KEY="sk-wrong-secret", STABILITY_API_HOST=server.url)
    assert wrong_key.returncode == 1 and "401" in wrong_key.stderr and "sk-wrong-secret" not in wrong_key.stderr


def test_network_error_exit_1() -> None:
    result = cli("balance", "--host", "http://127.0.0.1:9", "--timeout", "2", STABILITY_API_KEY=API_KEY)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot connect to 127.0.0.1:9")
    assert "Traceback" not in result.stderr


def test_missing_key_says_how_to_set_it() -> None:
    result = cli("balance")
    assert "STABILITY_API_KEY" in result.stderr


def test_show_account_example(server: FakeStabilityServer) -> None:
    result = run([str(ROOT / "examples" / "show_account.py")],
                 {"STABILITY_API_KEY": API_KEY, "STABILITY_API_HOST": server.url})
    assert result.returncode == 0, result.stderr
    assert "test@example.com (user-1234)" in result.stdout
    assert "Other Org" in result.stdout and "2.00 credits" in result.stdout


def test_low_balance_alert_example(server: FakeStabilityServer) -> None:
    env = {"STABILITY_API_KEY": API_KEY, "STABILITY_API_HOST": server.url}
    ok = run([str(ROOT / "examples" / "low_balance_alert.py"), "1"], env)
    assert ok.returncode == 0 and ok.stdout.startswith("ok:")
    low = run([str(ROOT / "examples" / "low_balance_alert.py"), "5"], env)
    assert low.returncode == 1
    assert low.stdout.strip() == "LOW: Other Org has 2.00 credits (threshold 5)"
