"""The v1alpha user endpoints: the account tied to the API key, and its credit balance.

The v1alpha developer preview was retired by Stability in 2023; the live service answers the
same questions at v1 (:class:`openapi_client.api.v1_user_api.V1UserApi`).
"""

from typing import Any, Optional

from openapi_client.api._base import ApiBase
from openapi_client.configuration import V1ALPHA_AUTH
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.operation import OperationSpec, Param

ACCOUNT = OperationSpec(
    name="v1alpha_user_account",
    method="GET",
    path="/v1alpha/user/account",
    response_type=AccountResponseBody,
    auth=(V1ALPHA_AUTH,),
    summary="account",
    description="Get information about the account associated with the provided API key",
)

BALANCE = OperationSpec(
    name="v1alpha_user_balance",
    method="GET",
    path="/v1alpha/user/balance",
    response_type=BalanceResponseBody,
    params=(
        Param("organization", "Organization", "header", str,
              "Optional: Allows for requests to be scoped to an organization other than the user's default.  "
              "If not provided, the user's default organization will be used."),
    ),
    auth=(V1ALPHA_AUTH,),
    summary="balance",
    description="Get the credit balance of the account/organization associated with the API key",
)


class V1alphaUserApi(ApiBase):
    """``GET /v1alpha/user/account`` and ``GET /v1alpha/user/balance``.

    The ``v1alpha_user_*`` methods take the generated clients' per-call options (``async_req``,
    ``_return_http_data_only``, ``_preload_content``, ``_request_timeout``, ``_check_input_type``,
    ``_check_return_type``, ``_host_index``, ``_request_auths``, ``_retries``); ``account()`` and
    ``balance()`` are typed short names that always return the model.
    """

    def v1alpha_user_account(self, **kwargs: Any) -> Any:
        """account: get information about the account associated with the provided API key.

        Returns an :class:`AccountResponseBody` (or, with ``async_req=True``, a result whose
        ``get()`` returns it; with ``_return_http_data_only=False``, ``(data, status, headers)``;
        with ``_preload_content=False``, the raw urllib3 response).
        """
        return self.api_client.invoke(ACCOUNT, kwargs)

    def v1alpha_user_balance(self, organization: Optional[str] = None, **kwargs: Any) -> Any:
        """balance: get the credit balance of the account/organization associated with the API key.

        ``organization`` (sent as the ``Organization`` header) scopes the request to an
        organization other than the user's default. Returns a :class:`BalanceResponseBody`;
        the per-call options change that as for :meth:`v1alpha_user_account`.
        """
        kwargs["organization"] = organization
        return self.api_client.invoke(BALANCE, kwargs)

    def account(self, **options: Any) -> AccountResponseBody:
        """The account associated with the API key (typed short name of :meth:`v1alpha_user_account`)."""
        return self._call_typed(ACCOUNT, AccountResponseBody, options)

    def balance(self, organization: Optional[str] = None, **options: Any) -> BalanceResponseBody:
        """The credit balance (typed short name of :meth:`v1alpha_user_balance`)."""
        options["organization"] = organization
        return self._call_typed(BALANCE, BalanceResponseBody, options)
