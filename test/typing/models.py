"""Models as a type checker reads them: typed constructors, typed fields, a typed ``e.error``.

Checked, not run (see calls.py).
"""

from typing import List, Optional, Union

from typing_extensions import assert_type

import openapi_client
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.model.error import Error
from openapi_client.model.organization_membership import OrganizationMembership
from openapi_client.model.rest_error import RESTError
from openapi_client.models import AccountResponseBody as Reexported

organization = OrganizationMembership(id="org-123456", name="My Organization", role="MEMBER", is_default=True)
account = AccountResponseBody("me@example.com", "user-1234", [organization])
assert_type(account.organizations, List[OrganizationMembership])
assert_type(account.profile_picture, Optional[str])
assert_type(account.organizations[0].is_default, bool)
assert_type(BalanceResponseBody(credits=0.5).credits, float)
assert_type(Reexported(email="me@example.com", id="user-1234", organizations=[]), AccountResponseBody)
with_picture = AccountResponseBody("me@example.com", "user-1234", [], profile_picture="https://example.com/me.png")

OrganizationMembership(id=1, name="My Organization", role="MEMBER", is_default=True)  # E: arg-type
AccountResponseBody(email="me@example.com")  # E: call-arg
BalanceResponseBody()  # E: call-arg
BalanceResponseBody(credits="many")  # E: arg-type
AccountResponseBody("me@example.com", "user-1234", [], "https://example.com/me.png")  # E: call-arg
print(account.organizations[0].nmae)  # E: attr-defined

try:
    pass
except openapi_client.ApiException as e:
    assert_type(e.error, Optional[Union[Error, RESTError]])
    assert_type(e.status, Optional[int])
    if isinstance(e.error, Error):
        assert_type(e.error.message, str)
