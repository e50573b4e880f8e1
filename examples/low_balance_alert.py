"""Warn when any organization's credits fall below a threshold; exit 1 if one does (for cron or CI).

    STABILITY_API_KEY=sk-... python examples/low_balance_alert.py 25
"""

import argparse
import sys

import openapi_client
from openapi_client.api import v1_user_api


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("threshold", type=float, help="warn below this many credits")
    args = parser.parse_args()

    low = []
    with openapi_client.ApiClient(openapi_client.Configuration()) as api_client:
        api = v1_user_api.V1UserApi(api_client)
        try:
            for organization in api.account().organizations:
                credits = api.balance(organization=organization.id).credits
                if credits < args.threshold:
                    low.append(organization.name)
                    print(f"LOW: {organization.name} has {credits:.2f} credits (threshold {args.threshold:g})")
        except openapi_client.ApiException as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    if not low:
        print(f"ok: every organization has at least {args.threshold:g} credits")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
