"""The v1 user endpoints, live today: the account tied to the API key, and its credit balance.

v1 authenticates with ``Authorization: Bearer KEY``; the same key configured for v1alpha works.
``Configuration.client_id`` / ``client_version`` are sent as ``Stability-Client-ID`` /
``Stability-Client-Version`` on every v1 call; a call's own arguments win over them.
"""

from typing import Any, Optional

from openapi_client.api._base import ApiBase
from openapi_client.configuration import V1_AUTH
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.operation import OperationSpec, Param

CLIENT_HEADERS = (("Stability-Client-ID", "client_id"), ("Stability-Client-Version", "client_version"))

ACCOUNT = OperationSpec(
    name="v1_user_account",
    method="GET",
    path="/v1/user/account",
    response_type=AccountResponseBody,
    auth=(V1_AUTH,),
    summary="account",
    description="Get information about the account associated with the provided API key",
    config_headers=CLIENT_HEADERS,
)

BALANCE = OperationSpec(
    name="v1_user_balance",
    method="GET",
    path="/v1/user/balance",
    response_type=BalanceResponseBody,
    params=(
        Param("organization", "Organization", "header", str,
              "Allows for requests to be scoped to an organization other than the user's default.  "
              "If not provided, the user's default organization will be used."),
        Param("stability_client_id", "Stability-Client-ID", "header", str,
              "Used to identify the source of requests, such as the client application or sub-organization. "
              "Optional, but recommended for organizational clarity."),
        Param("stability_client_version", "Stability-Client-Version", "header", str,
              "Used to identify the version of the application or service making the requests. "
              "Optional, but recommended for organizational clarity."),
    ),
    auth=(V1_AUTH,),
    summary="balance",
    description="Get the credit balance of the account/organization associated with the API key",
    config_headers=CLIENT_HEADERS,
)


class V1UserApi(ApiBase):
    """``GET /v1/user/account`` and ``GET /v1/user/balance``, with the same per-call options as v1alpha."""

    def v1_user_account(self, **kwargs: Any) -> Any:
        """account: get information about the account associated with the provided API key.

        Returns an :class:`AccountResponseBody`; per-call options change that as for
        ``V1alphaUserApi.v1alpha_user_account``.
        """
        return self.api_client.invoke(ACCOUNT, kwargs)

    def v1_user_balance(
        self,
        organization: Optional[str] = None,
        stability_client_id: Optional[str] = None,
        stability_client_version: Optional[str] = None,
        **kwargs: Any,
    ) -> Any:
        """balance: get the credit balance of the account/organization associated with the API key.

        ``organization`` scopes the request to another organization of the user;
        ``stability_client_id`` / ``stability_client_version`` override the configured ones.
        Returns a :class:`BalanceResponseBody`.
        """
        kwargs.update(organization=organization, stability_client_id=stability_client_id,
                      stability_client_version=stability_client_version)
        return self.api_client.invoke(BALANCE, kwargs)

    def account(self, **options: Any) -> AccountResponseBody:
        """The account associated with the API key (typed short name of :meth:`v1_user_account`)."""
        return self._call_typed(ACCOUNT, AccountResponseBody, options)

    def balance(
        self,
        organization: Optional[str] = None,
        stability_client_id: Optional[str] = None,
        stability_client_version: Optional[str] = None,
        **options: Any,
    ) -> BalanceResponseBody:
        """The credit balance (typed short name of :meth:`v1_user_balance`)."""
        options.update(organization=organization, stability_client_id=stability_client_id,
                       stability_client_version=stability_client_version)
        return self._call_typed(BALANCE, BalanceResponseBody, options)
