"""Print the account tied to $STABILITY_API_KEY, its organizations and their balances.

    STABILITY_API_KEY=sk-... python examples/show_account.py
"""

import sys

import openapi_client
from openapi_client.api import v1_user_api


def main() -> int:
    configuration = openapi_client.Configuration()  # key from $STABILITY_API_KEY
    with openapi_client.ApiClient(configuration) as api_client:
        api = v1_user_api.V1UserApi(api_client)
        try:
            account = api.account()
            print(f"{account.email} ({account.id})")
            for organization in account.organizations:
                credits = api.balance(organization=organization.id).credits
                marker = "*" if organization.is_default else " "
                print(f" {marker} {organization.name:<24} {organization.role:<8} {credits:>10.2f} credits")
        except openapi_client.ApiException as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
