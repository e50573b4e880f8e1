"""BalanceResponseBody: a credit balance (spec: components/schemas/BalanceResponseBody)."""

from openapi_client.model_utils import ModelNormal, field


class BalanceResponseBody(ModelNormal):
    """The credit balance of the account or organization."""

    credits: float = field("The balance of the account/organization associated with the API key")
