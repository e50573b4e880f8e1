"""Every model, importable from one place: ``from openapi_client.models import AccountResponseBody``."""

from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.model.error import Error
from openapi_client.model.organization_membership import OrganizationMembership
from openapi_client.model.rest_error import RESTError

__all__ = ["AccountResponseBody", "BalanceResponseBody", "Error", "OrganizationMembership", "RESTError"]
