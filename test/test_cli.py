"""The command line as people, cron and monitoring use it: run as a subprocess against the fake server."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from openapi_client.testing import FakeStabilityServer, Reply

from .conftest import API_KEY

ROOT = Path(__file__).resolve().parent.parent
ORGS = [{"id": f"org-{n}", "name": f"Team {n}", "is_default": n == 0, "role": "MEMBER"} for n in range(8)]


def cli(*args: str, env: Optional[Dict[str, str]] = None, timeout: float = 60,
        stdin: Optional[int] = None) -> "subprocess.CompletedProcess[str]":
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STABILITY_")}
    full_env.update(env or {}, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "openapi_client", *args], env=full_env, capture_output=True,
                          text=True, timeout=timeout, stdin=stdin)


def against(server: FakeStabilityServer, *args: str, **env: str) -> "subprocess.CompletedProcess[str]":
    return cli(*args, env={"STABILITY_API_KEY": API_KEY, "STABILITY_API_HOST": server.url, **env})


@pytest.fixture
def team(fake_stability: FakeStabilityServer) -> FakeStabilityServer:
    balances = {f"org-{n}": float(n) + 0.5 for n in range(8)}
    balances.update({"org-1": 1234567.89, "org-2": 12345.678, "org-3": 1e-05, "org-4": 1e16})
    fake_stability.add_account(API_KEY, email="team@example.com", account_id="user-9", organizations=ORGS,
                               balances=balances)
    return fake_stability


def test_fake_balance_needs_no_key() -> None:
    result = cli("--fake", "balance")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["credits", "42.5"]


# --- 1. exact figures ----------------------------------------------------------------------------

def test_credits_are_printed_exactly_in_every_view(team: FakeStabilityServer) -> None:
    for org, shown in [("org-1", "1234567.89"), ("org-2", "12345.678"), ("org-3", "0.00001"),
                       ("org-4", "10000000000000000.0")]:
        result = against(team, "balance", "--organization", org)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1].split() == ["credits", shown]
    table = against(team, "balance", "--all-organizations").stdout
    for shown in ("1234567.89", "12345.678", "0.00001", "10000000000000000.0"):
        assert shown in table
    assert "e+" not in table and "e-" not in table


# --- 2. concurrency, keeping the order ------------------------------------------------------------

def test_all_organizations_are_asked_concurrently_in_order(team: FakeStabilityServer) -> None:
    team.latency = 0.5
    started = time.monotonic()
    result = against(team, "--json", "balance", "--all-organizations")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [o["id"] for o in ORGS]
    assert elapsed < 3.0  # sequential would take 9 x 0.5 s; concurrent takes two round trips


# --- 3 and 4. partial failures, and a threshold ---------------------------------------------------

def refuse(org: str) -> object:
    def script(request) -> Optional[Reply]:  # type: ignore[no-untyped-def]
        if request.header("Organization") == org:
            return Reply(403, {"id": "e-1", "name": "permission_denied", "message": f"no access to {org}"})
        return None
    return script


def test_one_failing_organization_does_not_hide_the_others(team: FakeStabilityServer) -> None:
    team.reply_next(refuse("org-5"), times=9)
    text = against(team, "balance", "--all-organizations")
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    assert len(lines) == 9 and "error: (403) Forbidden: no access to org-5" in lines[6]
    assert lines[7].split()[-1] == "6.5"
    team.clear()
    team.reply_next(refuse("org-5"), times=9)
    data = against(team, "--json", "balance", "--all-organizations")
    assert data.returncode == 1
    rows = json.loads(data.stdout)
    assert rows[5]["error"]["status"] == 403
    assert rows[5]["error"]["message"].startswith("(403) Forbidden: no access to org-5 [request id: req-")
    assert "credits" not in rows[5] and rows[6]["credits"] == 6.5


def test_min_credits_exits_3_below_the_threshold(team: FakeStabilityServer) -> None:
    assert against(team, "balance", "--min-credits", "0.4").returncode == 0
    assert against(team, "balance", "--min-credits", "0.6").returncode == 3
    assert against(team, "balance", "--organization", "org-1", "--min-credits", "1000000").returncode == 0
    below = against(team, "balance", "--all-organizations", "--min-credits", "1")
    assert below.returncode == 3 and "org-3" in below.stdout  # org-3 has 0.00001
    team.reply_next(refuse("org-5"), times=9)
    assert against(team, "balance", "--all-organizations", "--min-credits", "1").returncode == 1  # errors win


# --- 5. --timeout bounds the whole command, --retries ---------------------------------------------

def test_timeout_bounds_the_whole_command(team: FakeStabilityServer) -> None:
    team.reply_next(Reply(200, {"credits": 1.0}, delay=30), times=20)
    started = time.monotonic()
    result = against(team, "--timeout", "1", "balance")
    assert time.monotonic() - started < 4  # about 1 s of waiting, plus start-up
    assert (result.returncode == 1 and "timed out" in result.stderr) or "did not finish" in result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_a_usage_error(value: str) -> None:
    result = cli("--fake", "--timeout", value, "balance")
    assert result.returncode == 2 and "--timeout" in result.stderr and "Traceback" not in result.stderr


def test_retries_flag(team: FakeStabilityServer) -> None:
    team.fail_next(503, times=2)
    assert against(team, "--retries", "0", "balance").returncode == 1
    team.clear()
    team.fail_next(503, times=2)
    assert against(team, "--retries", "2", "balance").returncode == 0


# --- 6. JSON errors ---------------------------------------------------------------------------------

def test_json_errors_are_one_json_object(team: FakeStabilityServer) -> None:
    result = cli("--json", "balance", env={"STABILITY_API_KEY": "sk-wrong", "STABILITY_API_HOST": team.url})
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    error = json.loads(line)["error"]
    assert (error["status"], error["type"]) == (401, "UnauthorizedException")
    assert error["message"].startswith("(401) Unauthorized") and error["request_id"]
    usage = cli("--json", "balance", "--host", "nope")
    assert usage.returncode == 2 and json.loads(usage.stderr)["error"]["type"] == "UsageError"


# --- 7. input checks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["", "notaurl", "http://", "ftp://example.com", "http://host:99999999"])
def test_a_bad_host_is_a_usage_error_showing_the_value_given(host: str) -> None:
    result = cli("balance", "--host", host, env={"STABILITY_API_KEY": API_KEY})
    assert result.returncode == 2
    assert repr(host) in result.stderr and "/v1/user" not in result.stderr


def test_an_upper_case_scheme_is_fine(team: FakeStabilityServer) -> None:
    result = cli("balance", "--host", team.url.replace("http://", "HTTP://"), env={"STABILITY_API_KEY": API_KEY})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args", [["balance", "--organization", ""], ["--fake", "--host", "http://x", "balance"],
                                  ["bogus"], [], ["balance", "--organization"], ["balance", "--min-credits", "nan"]])
def test_usage_errors_exit_2(args: List[str]) -> None:
    result = cli(*args, env={"STABILITY_API_KEY": API_KEY})
    assert result.returncode == 2
    assert "error" in result.stderr and "Traceback" not in result.stderr


def test_exit_codes_are_documented_in_help() -> None:
    result = cli("--help")
    assert result.returncode == 0
    for code in ("0", "1", "2", "3", "130"):
        assert f"\n  {code} " in result.stdout


# --- 8. safe output ------------------------------------------------------------------------------------

def test_server_text_cannot_repaint_the_terminal(fake_stability: FakeStabilityServer) -> None:
    fake_stability.add_account(API_KEY, email="x\x1b[2J@evil", organizations=[
        {"id": "org-1", "name": "Team\x1b]0;pwned\x07\r\nX-Fake: 1", "is_default": True, "role": "\u202eNIMDA"}])
    for command in (["account"], ["balance", "--all-organizations"]):
        result = against(fake_stability, *command)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
        assert "\\x1b" in result.stdout


def test_an_encoding_that_cannot_show_the_text_never_fails(fake_stability: FakeStabilityServer) -> None:
    fake_stability.add_account(API_KEY, organizations=[{"id": "org-1", "name": "Caf\u00e9 \u2615 \U0001f680",
                                                        "is_default": True}])
    result = against(fake_stability, "balance", "--all-organizations", PYTHONIOENCODING="ascii")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "Caf\\xe9 \\u2615 \\U0001f680" in result.stdout


def test_an_organization_id_that_cannot_be_sent_is_an_error_in_its_row(fake_stability: FakeStabilityServer) -> None:
    fake_stability.add_account(API_KEY, organizations=[{"id": "org-\U0001f680", "name": "Rocket", "is_default": True},
                                                       {"id": "org-2", "name": "Plain"}])
    result = against(fake_stability, "balance", "--all-organizations", PYTHONIOENCODING="ascii")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, second = result.stdout.splitlines()[1:]
    assert "error: the organization argument cannot be sent" in first and second.split()[-1] == "0.0"


def test_json_stays_valid_when_the_server_sends_nan(fake_stability: FakeStabilityServer) -> None:
    fake_stability.add_account(API_KEY)
    fake_stability.reply_next(Reply(200, b'{"credits": NaN}', {"Content-Type": "application/json"}))
    result = against(fake_stability, "--json", "balance")
    assert result.returncode == 0 and json.loads(result.stdout) == {"credits": None}


def test_a_reader_that_closes_early_gets_no_traceback() -> None:
    reader = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.close()"], stdin=subprocess.PIPE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.run([sys.executable, "-m", "openapi_client", "--fake", "account"], env=env,
                            stdout=reader.stdin, stderr=subprocess.PIPE, text=True, timeout=60)
    reader.wait(10)
    assert "Traceback" not in writer.stderr and "BrokenPipeError" not in writer.stderr


def test_ctrl_c_exits_130_without_a_traceback(fake_stability: FakeStabilityServer) -> None:
    fake_stability.add_account(API_KEY)
    fake_stability.latency = 30
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("STABILITY_")}, "PYTHONPATH": str(ROOT),
           "STABILITY_API_KEY": API_KEY, "STABILITY_API_HOST": fake_stability.url}
    process = subprocess.Popen([sys.executable, "-m", "openapi_client", "balance", "--all-organizations"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not fake_stability.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "Traceback" not in stderr


# --- 10. the offline demo server --------------------------------------------------------------------------

def test_the_demo_server_prints_its_environment_and_serves_until_interrupted() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "openapi_client.testing"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        exports = dict(process.stdout.readline().strip().removeprefix("export ").split("=", 1) for _ in range(2))
        assert set(exports) == {"STABILITY_API_HOST", "STABILITY_API_KEY"}
        result = cli("--json", "balance", "--organization", "org-654321", env=exports)
        assert json.loads(result.stdout) == {"credits": 3.25, "organization": "org-654321"}
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(10)
    assert process.returncode == 0


def test_the_demo_server_port_can_be_chosen() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "openapi_client.testing", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"export STABILITY_API_HOST=http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
    assert process.returncode == 0
