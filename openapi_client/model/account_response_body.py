"""AccountResponseBody: the account tied to an API key (spec: components/schemas/AccountResponseBody)."""

from typing import List, Optional

from openapi_client.model.organization_membership import OrganizationMembership
from openapi_client.model_utils import ModelNormal, field


class AccountResponseBody(ModelNormal):
    """The account associated with the provided API key."""

    email: str = field("The user's email")
    id: str = field("The user's ID")
    organizations: List[OrganizationMembership] = field("The user's organizations")
    profile_picture: Optional[str] = field("The user's profile picture", default=None, kw_only=True)
