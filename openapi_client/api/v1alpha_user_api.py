"""The v1alpha user endpoints: the account tied to the API key, and its credit balance.

The v1alpha developer preview was retired by Stability in 2023; the live service answers the
same questions at v1 (:class:`openapi_client.api.v1_user_api.V1UserApi`).
"""

from typing import TYPE_CHECKING, Optional

from openapi_client.api._base import ApiBase, operation_method, short_name
from openapi_client.configuration import V1ALPHA_AUTH
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.operation import OperationSpec, Param

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from openapi_client.api._signatures import AccountCall, AlphaBalanceCall, CallOptions

ACCOUNT = OperationSpec(
    name="v1alpha_user_account",
    method="GET",
    path="/v1alpha/user/account",
    response_type=(AccountResponseBody,),
    auth=(V1ALPHA_AUTH,),
    summary="account",
    description="Get information about the account associated with the provided API key",
)

BALANCE = OperationSpec(
    name="v1alpha_user_balance",
    method="GET",
    path="/v1alpha/user/balance",
    response_type=(BalanceResponseBody,),
    params=(
        Param("organization", "Organization", "header", (str,),
              "Optional: Allows for requests to be scoped to an organization other than the user's default.  "
              "If not provided, the user's default organization will be used."),
    ),
    auth=(V1ALPHA_AUTH,),
    summary="balance",
    description="Get the credit balance of the account/organization associated with the API key",
)


class V1alphaUserApi(ApiBase):
    """``GET /v1alpha/user/account`` and ``GET /v1alpha/user/balance``.

    The ``v1alpha_user_*`` methods are the generated client's: keyword arguments and per-call
    options (``async_req``, ``_return_http_data_only``, ``_preload_content``, ``_request_timeout``,
    ``_check_input_type``, ``_check_return_type``, ``_host_index``, ``_request_auths``, and this
    SDK's ``_retries``). ``account()`` and ``balance()`` are typed short names that always return
    the model.
    """

    _operations = (ACCOUNT, BALANCE)

    v1alpha_user_account: "AccountCall" = operation_method(ACCOUNT, "AccountResponseBody")
    v1alpha_user_balance: "AlphaBalanceCall" = operation_method(BALANCE, "BalanceResponseBody")

    @short_name(ACCOUNT, "AccountResponseBody")
    def account(self, **options: "Unpack[CallOptions]") -> AccountResponseBody:
        return self._call_typed(ACCOUNT, options)  # type: ignore[no-any-return]

    @short_name(BALANCE, "BalanceResponseBody")
    def balance(self, organization: Optional[str] = None, **options: "Unpack[CallOptions]") -> BalanceResponseBody:
        arguments = options if organization is None else {"organization": organization, **options}
        return self._call_typed(BALANCE, arguments)  # type: ignore[no-any-return]
