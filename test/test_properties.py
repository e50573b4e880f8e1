"""Property-based: whatever JSON a server sends, only SDK exceptions come out of the deserializer."""

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from openapi_client.exceptions import OpenApiException
from openapi_client.model_utils import deserialize
from openapi_client.models import AccountResponseBody, BalanceResponseBody

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
org = st.fixed_dictionaries({"id": json_values, "is_default": json_values, "name": json_values,
                             "role": json_values})
account_like = st.fixed_dictionaries(
    {"email": json_values, "id": json_values},
    optional={"organizations": st.lists(org | json_values, max_size=3), "profile_picture": json_values,
              "extra": json_values},
)


def only_sdk_errors(data: Any, model: type) -> None:
    try:
        result = deserialize(json.loads(json.dumps(data)), model)
    except OpenApiException:
        return
    assert isinstance(result, model)


@settings(max_examples=300, deadline=None)
@given(account_like | json_values)
def test_account_bodies(data: Any) -> None:
    only_sdk_errors(data, AccountResponseBody)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"credits": json_values}) | json_values)
def test_balance_bodies(data: Any) -> None:
    only_sdk_errors(data, BalanceResponseBody)
