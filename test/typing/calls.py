"""A user's script as a type checker reads it: what the API methods return, and the typos they catch.

Checked, not run: ``test/test_typing.py`` runs mypy --strict (and pyright) on this folder and
compares the errors with the ``# E: code`` marks — a line so marked must be an error, no other may.
"""

from multiprocessing.pool import ApplyResult
from typing import Tuple

from typing_extensions import assert_type
from urllib3 import HTTPResponse
from urllib3._collections import HTTPHeaderDict

import openapi_client
from openapi_client.api import v1_user_api, v1alpha_user_api
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody

configuration = openapi_client.Configuration()
with openapi_client.ApiClient(configuration) as api_client:
    v1 = v1_user_api.V1UserApi(api_client)
    alpha = v1alpha_user_api.V1alphaUserApi(api_client)

    # plain calls return the models
    assert_type(v1.v1_user_balance(), BalanceResponseBody)
    assert_type(v1.v1_user_account(), AccountResponseBody)
    assert_type(alpha.v1alpha_user_balance(organization="org-123456"), BalanceResponseBody)
    assert_type(alpha.v1alpha_user_account(_request_timeout=(3, 10)), AccountResponseBody)
    assert_type(v1.balance(organization="org-123456", _retries=5), BalanceResponseBody)
    assert_type(alpha.account(), AccountResponseBody)
    assert_type(v1.user_balance(stability_client_id="billing"), BalanceResponseBody)

    # the options that change what a call returns
    assert_type(v1.v1_user_balance(async_req=True), ApplyResult[BalanceResponseBody])
    assert_type(alpha.v1alpha_user_account(_preload_content=False), HTTPResponse)
    assert_type(v1.v1_user_account(_return_http_data_only=False), Tuple[AccountResponseBody, int, HTTPHeaderDict])
    credits: float = v1.v1_user_balance(async_req=True).get().credits

    # typos and wrong types
    v1.balance(organisation="org-123456")  # E: call-arg
    v1.balance(_request_timout=3)  # E: call-arg
    alpha.v1alpha_user_balance(organisation="org-123456")  # E: call-overload
    v1.v1_user_account(_request_timout=3)  # E: call-overload
    alpha.balance(organization=123456)  # E: arg-type
    alpha.balance(stability_client_id="billing")  # E: call-arg
    v1.balance(async_req=True)  # E: call-arg
    name: int = alpha.account().email  # E: assignment
    print(v1.v1_user_balance().credit)  # E: attr-defined
