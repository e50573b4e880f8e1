"""One module per model, each named after its class in snake case.

Import a model from its own module (``from openapi_client.model.balance_response_body import
BalanceResponseBody``) or all of them from :mod:`openapi_client.models`.
"""
