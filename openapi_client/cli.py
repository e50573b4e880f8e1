"""The command line: ``python -m openapi_client account`` / ``balance``, for people, cron and monitoring.

The API key comes from ``$STABILITY_API_KEY`` only (a flag would leave it in shell history).
``--fake`` answers from a built-in demo server, so the tool can be tried without a key or network.
The command line uses only the SDK's public API.

Exit codes: 0 success, 1 API or network error (one line on stderr, or one JSON object with
``--json``), 2 usage error, 3 a balance below ``--min-credits``, 130 interrupted.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from typing import Any, Dict, List, Optional, Sequence, TextIO
from urllib.parse import urlsplit, urlunsplit

from openapi_client._version import __version__

EXIT_OK, EXIT_API_ERROR, EXIT_USAGE, EXIT_BELOW_THRESHOLD, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
FAKE_KEY = "sk-demo"
ENV_API_KEY = "STABILITY_API_KEY"
ENV_API_HOST = "STABILITY_API_HOST"
DEFAULT_TIMEOUT = 60.0
#: How many balances ``--all-organizations`` asks for at once (also the connection pool's size).
FAN_OUT = 20

EPILOG = """exit codes:
  0    success
  1    an API or network error (one line on stderr; one JSON object with --json)
  2    a usage error
  3    a balance below --min-credits
  130  interrupted (Ctrl-C)

The API key is read from $STABILITY_API_KEY only; the host from --host or $STABILITY_API_HOST."""


class UsageError(Exception):
    """A mistake in how the command was called (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; the shared options work before or after the command."""
    common = _Parser(add_help=False)
    common.add_argument("--host", default=argparse.SUPPRESS,
                        help="base URL (default: $STABILITY_API_HOST or https://api.stability.ai)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON (errors too, as one JSON object on stderr)")
    common.add_argument("--fake", action="store_true", default=argparse.SUPPRESS,
                        help="answer from a built-in fake server with demo data (no key or network needed)")
    common.add_argument("--v1alpha", action="store_true", default=argparse.SUPPRESS,
                        help="use the retired v1alpha endpoints instead of v1")
    common.add_argument("--timeout", type=float, default=argparse.SUPPRESS, metavar="SECONDS",
                        help=f"the most the whole command may take, retries included (default {DEFAULT_TIMEOUT:g})")
    common.add_argument("--retries", type=int, default=argparse.SUPPRESS, metavar="N",
                        help="retries of a failed call (default 2)")
    parser = _Parser(prog="python -m openapi_client", parents=[common], epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     description=f"The Stability.ai account and credit balance of the key in ${ENV_API_KEY}.")
    parser.add_argument("--version", action="version", version=f"openapi_client {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=_Parser)
    commands.add_parser("account", parents=[common], help="the account tied to the API key")
    balance = commands.add_parser("balance", parents=[common], help="the credit balance")
    scope = balance.add_mutually_exclusive_group()
    scope.add_argument("--organization", metavar="ORG", help="an organization other than the default")
    scope.add_argument("--all-organizations", action="store_true",
                       help="the balance of every organization of the account (asked for concurrently)")
    balance.add_argument("--min-credits", type=float, metavar="N",
                         help="exit with 3 when a balance shown is below N (for cron and monitoring)")
    return parser


def main(argv: Optional[Sequence[str]] = None, stdout: Optional[TextIO] = None,
         stderr: Optional[TextIO] = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    json_mode = "--json" in argv
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exit_:  # --help and --version
            return int(exit_.code or 0)
        options: Dict[str, Any] = {"host": None, "json": False, "fake": False, "v1alpha": False,
                                   "timeout": DEFAULT_TIMEOUT, "retries": None, **vars(args)}
        _check_options(options)
        text, code = _run(options)
    except UsageError as exc:
        return _fail(err, json_mode, EXIT_USAGE, "UsageError", f"python -m openapi_client: error: {exc}")
    except Exception as exc:  # an SDK error that ends the command (row errors are shown in place)
        from openapi_client.exceptions import OpenApiException

        if not isinstance(exc, OpenApiException):
            raise
        return _fail(err, json_mode, EXIT_API_ERROR, exc)
    _write(out, text + "\n")
    return code


def _check_options(options: Dict[str, Any]) -> None:
    timeout = options["timeout"]
    if not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout!r}")
    if options["retries"] is not None and options["retries"] < 0:
        raise UsageError(f"--retries must be 0 or more, not {options['retries']}")
    minimum = options.get("min_credits")
    if minimum is not None and not math.isfinite(minimum):
        raise UsageError(f"--min-credits must be a finite number, not {minimum!r}")
    if options.get("organization") == "":
        raise UsageError("--organization must not be empty")
    if options["fake"]:
        if options["host"] is not None:
            raise UsageError("--fake serves its own host; it cannot be combined with --host")
        return
    if options["host"] is not None:
        options["host"] = checked_host(options["host"], "--host")
    elif os.environ.get(ENV_API_HOST):
        options["host"] = checked_host(os.environ[ENV_API_HOST], f"${ENV_API_HOST}")
    if not os.environ.get(ENV_API_KEY, "").strip():
        raise UsageError(f"set ${ENV_API_KEY} to your API key (or try --fake)")


def checked_host(value: str, where: str) -> str:
    """``value`` as a base URL (scheme in lower case, no trailing ``/``); a UsageError shows the value given."""
    from openapi_client._display import one_line

    shown = one_line(repr(value), 200)
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError:
        raise UsageError(f"{where} must be an http:// or https:// URL, not {shown}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{where} must be an http:// or https:// URL with a host, not {shown}")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{where} must not contain credentials; the key is read from ${ENV_API_KEY}")
    return urlunsplit(parts._replace(scheme=parts.scheme.lower())).rstrip("/")


def _run(options: Dict[str, Any]) -> tuple[str, int]:
    """Make the calls and render them: (text to print, exit code)."""
    import openapi_client

    deadline = time.monotonic() + options["timeout"]
    server = None
    if options["fake"]:
        from openapi_client.testing import FakeStabilityServer

        server = FakeStabilityServer().start()
        server.add_demo_account(FAKE_KEY)
        configuration = openapi_client.Configuration(host=server.url, api_key=FAKE_KEY)
    else:
        configuration = openapi_client.Configuration(host=options["host"])
    if options["retries"] is not None:
        configuration.max_retries = options["retries"]
    configuration.connection_pool_maxsize = max(configuration.connection_pool_maxsize, FAN_OUT)
    policy = openapi_client.RetryPolicy.from_configuration(configuration)
    try:
        with openapi_client.ApiClient(configuration) as client:
            return _commands(options, _api(client, options), lambda: _budget(policy, deadline))
    finally:
        if server is not None:
            server.stop()


def _api(client: Any, options: Dict[str, Any]) -> Any:
    if options["v1alpha"]:
        from openapi_client.api.v1alpha_user_api import V1alphaUserApi

        return V1alphaUserApi(client)
    from openapi_client.api.v1_user_api import V1UserApi

    return V1UserApi(client)


def _budget(policy: Any, deadline: float) -> Dict[str, Any]:
    """The per-call options that keep a call (retries and waits included) within the command's deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        from openapi_client.exceptions import ApiTimeoutError

        raise ApiTimeoutError("the command's time limit (--timeout) ran out")
    return {"_retries": policy.replace(total_timeout=left)}


def _commands(options: Dict[str, Any], api: Any, budget: Any) -> tuple[str, int]:
    from openapi_client import _cli_output as render

    as_json = options["json"]
    if options["command"] == "account":
        account = api.account(**budget()).to_dict()
        return (render.to_json(account) if as_json else render.account_text(account)), EXIT_OK
    if options.get("all_organizations"):
        rows = _all_organizations(api, budget)
        shown = [row["credits"] for row in rows if "credits" in row]
        failed = any("error" in row for row in rows)
        text = render.to_json(rows) if as_json else render.organizations_text(rows)
        return text, EXIT_API_ERROR if failed else _threshold(options, shown)
    organization = options.get("organization")
    credits = api.balance(organization=organization, **budget()).credits
    result: Dict[str, Any] = {"credits": credits, **({"organization": organization} if organization else {})}
    text = render.to_json(result) if as_json else render.balance_text(credits, organization)
    return text, _threshold(options, [credits])


def _all_organizations(api: Any, budget: Any) -> List[Dict[str, Any]]:
    """Every organization with its balance, asked for concurrently on the one client, in the account's order.

    A failed balance becomes that row's ``error``; the others are still shown.
    """
    from concurrent.futures import ThreadPoolExecutor

    from openapi_client import _cli_output as render
    from openapi_client.exceptions import ApiException

    organizations = api.account(**budget()).organizations
    rows = [{"id": o.id, "name": o.name, "role": o.role, "is_default": o.is_default} for o in organizations]
    if not rows:
        return rows

    def balance(row: Dict[str, Any]) -> Dict[str, Any]:
        try:
            return {**row, "credits": api.balance(organization=row["id"], **budget()).credits}
        except ApiException as exc:
            details = render.error_details(exc)
            return {**row, "error": {"status": details["status"], "message": details["message"]}}

    workers = min(len(rows), api.api_client.configuration.connection_pool_maxsize)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="balance")
    try:
        return list(executor.map(balance, rows))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _threshold(options: Dict[str, Any], balances: List[Any]) -> int:
    minimum = options.get("min_credits")
    if minimum is None:
        return EXIT_OK
    below = any(isinstance(b, (int, float)) and not math.isnan(b) and b < minimum for b in balances)
    return EXIT_BELOW_THRESHOLD if below else EXIT_OK


def _fail(err: TextIO, json_mode: bool, code: int, error: Any, text: Optional[str] = None) -> int:
    """Report an error on stderr: one line, or one JSON object with ``--json``."""
    from openapi_client import _cli_output as render

    if json_mode:
        details = render.error_details(error) if isinstance(error, BaseException) else {
            "status": None, "type": error, "message": render.safe(text, 1000)}
        _write(err, render.to_json({"error": details}, indent=None) + "\n")
    else:
        _write(err, render.safe(text if text is not None else f"error: {error}", 2000) + "\n")
    return code


def _write(stream: TextIO, text: str) -> None:
    """Write ``text`` whatever the stream's encoding can show (the rest escaped), then flush."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    stream.write(text)
    stream.flush()
