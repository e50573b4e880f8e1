"""OrganizationMembership: one organization the user belongs to (spec: components/schemas/OrganizationMembership)."""

from openapi_client.model_utils import ModelNormal, field


class OrganizationMembership(ModelNormal):
    """A membership of the user in an organization."""

    id: str = field("The organization's ID")
    is_default: bool = field("Whether this is the user's default organization")
    name: str = field("The organization's name")
    role: str = field("The user's role in the organization, e.g. MEMBER")
