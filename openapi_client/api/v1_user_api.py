"""The v1 user endpoints, live today: the account tied to the API key, and its credit balance.

v1 authenticates with ``Authorization: Bearer KEY``; the same key configured for v1alpha works.
Every v1 call names its client in ``Stability-Client-ID`` / ``Stability-Client-Version``:
``Configuration.client_id`` / ``client_version`` when set, else this SDK's name and version; a
call's own arguments win over both.
"""

from typing import TYPE_CHECKING, Optional

from openapi_client.api._base import ApiBase, operation_method, short_name
from openapi_client.configuration import V1_AUTH
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.operation import SDK_CLIENT_ID, SDK_CLIENT_VERSION, OperationSpec, Param

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from openapi_client.api._signatures import AccountCall, CallOptions, V1BalanceCall

CLIENT_HEADERS = (("Stability-Client-ID", "client_id", SDK_CLIENT_ID),
                  ("Stability-Client-Version", "client_version", SDK_CLIENT_VERSION))

ACCOUNT = OperationSpec(
    name="v1_user_account",
    operation_id="user_account",
    method="GET",
    path="/v1/user/account",
    response_type=(AccountResponseBody,),
    auth=(V1_AUTH,),
    summary="account",
    description="Get information about the account associated with the provided API key",
    client_headers=CLIENT_HEADERS,
)

BALANCE = OperationSpec(
    name="v1_user_balance",
    operation_id="user_balance",
    method="GET",
    path="/v1/user/balance",
    response_type=(BalanceResponseBody,),
    params=(
        Param("organization", "Organization", "header", (str,),
              "Allows for requests to be scoped to an organization other than the user's default.  "
              "If not provided, the user's default organization will be used."),
        Param("stability_client_id", "Stability-Client-ID", "header", (str,),
              "Used to identify the source of requests, such as the client application or sub-organization. "
              "Optional, but recommended for organizational clarity."),
        Param("stability_client_version", "Stability-Client-Version", "header", (str,),
              "Used to identify the version of the application or service making the requests. "
              "Optional, but recommended for organizational clarity."),
    ),
    auth=(V1_AUTH,),
    summary="balance",
    description="Get the credit balance of the account/organization associated with the API key",
    client_headers=CLIENT_HEADERS,
)


class V1UserApi(ApiBase):
    """``GET /v1/user/account`` and ``GET /v1/user/balance``, with the same per-call options as v1alpha.

    ``user_account`` / ``user_balance`` are the same methods under the names a client generated
    from the v1 spec gives them.
    """

    _operations = (ACCOUNT, BALANCE)

    v1_user_account: "AccountCall" = operation_method(ACCOUNT, "AccountResponseBody")
    v1_user_balance: "V1BalanceCall" = operation_method(BALANCE, "BalanceResponseBody")
    user_account: "AccountCall" = v1_user_account
    user_balance: "V1BalanceCall" = v1_user_balance

    @short_name(ACCOUNT, "AccountResponseBody")
    def account(self, **options: "Unpack[CallOptions]") -> AccountResponseBody:
        return self._call_typed(ACCOUNT, options)  # type: ignore[no-any-return]

    @short_name(BALANCE, "BalanceResponseBody")
    def balance(
        self,
        organization: Optional[str] = None,
        stability_client_id: Optional[str] = None,
        stability_client_version: Optional[str] = None,
        **options: "Unpack[CallOptions]",
    ) -> BalanceResponseBody:
        return self._call_typed(BALANCE, {"organization": organization, "stability_client_id": stability_client_id,  # type: ignore[no-any-return]
                                          "stability_client_version": stability_client_version, **options})
