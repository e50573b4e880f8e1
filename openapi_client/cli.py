"""The command line: ``python -m openapi_client account`` / ``balance``.

The API key comes from ``$STABILITY_API_KEY`` only (a flag would leave it in shell history).
Exit codes: 0 success, 1 API or network error (one line on stderr), 2 usage error.
``--fake`` answers from a built-in :class:`FakeStabilityServer` with demo data, so the SDK can be
tried without a key or a network.
"""

import argparse
import json
import os
import sys
from contextlib import ExitStack
from typing import Any, Dict, List, Optional, Sequence, TextIO

import openapi_client
from openapi_client.api.v1_user_api import V1UserApi
from openapi_client.api.v1alpha_user_api import V1alphaUserApi
from openapi_client.configuration import ENV_API_KEY
from openapi_client.exceptions import OpenApiException

EXIT_OK, EXIT_API_ERROR, EXIT_USAGE = 0, 1, 2
FAKE_KEY = "sk-demo"


class UsageError(Exception):
    """A mistake in how the command was called (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; the shared options work before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--host", default=argparse.SUPPRESS, help="base URL (default: $STABILITY_API_HOST or "
                        "https://api.stability.ai)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    common.add_argument("--fake", action="store_true", default=argparse.SUPPRESS,
                        help="answer from a built-in fake server with demo data (no key or network needed)")
    common.add_argument("--v1alpha", action="store_true", default=argparse.SUPPRESS,
                        help="use the retired v1alpha endpoints instead of v1")
    common.add_argument("--timeout", type=float, default=argparse.SUPPRESS, help="seconds to wait for a reply")
    parser = argparse.ArgumentParser(
        prog="python -m openapi_client", parents=[common],
        description=f"The Stability.ai account and credit balance of the key in ${ENV_API_KEY}.",
    )
    parser.add_argument("--version", action="version", version=f"openapi_client {openapi_client.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parser("account", parents=[common], help="the account tied to the API key")
    balance = commands.add_parser("balance", parents=[common], help="the credit balance")
    scope = balance.add_mutually_exclusive_group()
    scope.add_argument("--organization", metavar="ORG", help="an organization other than the default")
    scope.add_argument("--all-organizations", action="store_true",
                       help="the balance of every organization of the account")
    return parser


def main(argv: Optional[Sequence[str]] = None, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    options: Dict[str, Any] = {"host": None, "json": False, "fake": False, "v1alpha": False, "timeout": None,
                               **vars(args)}
    try:
        with ExitStack() as stack:
            configuration = _configuration(options, stack)
            client = stack.enter_context(openapi_client.ApiClient(configuration))
            api: Any = V1alphaUserApi(client) if options["v1alpha"] else V1UserApi(client)
            result = _run(api, options)
    except UsageError as exc:
        print(f"{parser.prog}: error: {exc}", file=stderr)
        return EXIT_USAGE
    except OpenApiException as exc:
        print(f"error: {exc}", file=stderr)
        return EXIT_API_ERROR
    except KeyboardInterrupt:
        return 130
    print(_render(result, options), file=stdout)
    return EXIT_OK


def _configuration(options: Dict[str, Any], stack: ExitStack) -> openapi_client.Configuration:
    if options["fake"]:
        from openapi_client.testing import FakeStabilityServer

        server = stack.enter_context(FakeStabilityServer())
        server.add_demo_account(FAKE_KEY)
        return openapi_client.Configuration(host=server.url, api_key=FAKE_KEY)
    if not os.environ.get(ENV_API_KEY, "").strip():
        raise UsageError(f"set ${ENV_API_KEY} to your API key (or try --fake)")
    configuration = openapi_client.Configuration(host=options["host"])
    if options["timeout"] is not None:
        if options["timeout"] <= 0:
            raise UsageError("--timeout must be more than 0 seconds")
        configuration.timeout = options["timeout"]
    return configuration


def _run(api: Any, options: Dict[str, Any]) -> Dict[str, Any]:
    """Call the API; the result as plain data, tagged with what it is."""
    if options["command"] == "account":
        return {"kind": "account", "account": api.account().to_dict()}
    if options.get("all_organizations"):
        account = api.account()
        rows = [dict(org.to_dict(), credits=api.balance(organization=org.id).credits)
                for org in account.organizations]
        return {"kind": "all", "organizations": rows}
    organization = options.get("organization")
    result: Dict[str, Any] = {"kind": "balance", "credits": api.balance(organization=organization).credits}
    if organization:
        result["organization"] = organization
    return result


def _render(result: Dict[str, Any], options: Dict[str, Any]) -> str:
    kind = result.pop("kind")
    if options["json"]:
        data = result["account"] if kind == "account" else result["organizations"] if kind == "all" else result
        return json.dumps(data, indent=2)
    if kind == "account":
        return _render_account(result["account"])
    if kind == "all":
        return _table([["", "ORGANIZATION", "NAME", "ROLE", "CREDITS"]] + [
            ["*" if o["is_default"] else "", o["id"], o["name"], o["role"], f"{o['credits']:g}"]
            for o in result["organizations"]])
    rows = [["organization", result["organization"]]] if "organization" in result else []
    return _table([*rows, ["credits", f"{result['credits']:g}"]])


def _render_account(account: Dict[str, Any]) -> str:
    rows = [["email", account["email"]], ["id", account["id"]]]
    if account.get("profile_picture"):
        rows.append(["profile picture", account["profile_picture"]])
    rows.append(["organizations", str(len(account["organizations"]))])
    orgs = [["  *" if o["is_default"] else "", o["id"], o["name"], o["role"]] for o in account["organizations"]]
    return _table(rows) + ("\n" + _table(orgs) if orgs else "")


def _table(rows: List[List[str]]) -> str:
    """Rows as left-aligned columns, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)
