"""RESTError: the v1 API's error body (spec v1: components/schemas/Error, x-go-name RESTError).

The v1 spec also lists ``status`` as required but never declares it; a server that sends it
has it kept as an undeclared field (``e.error["status"]``).
"""

from openapi_client.model_utils import ModelNormal, field


class RESTError(ModelNormal):
    """An error the v1 API reports."""

    id: str = field("A unique identifier for this particular occurrence of the problem.")
    name: str = field("The short-name of this class of errors e.g. `bad_request`.")
    message: str = field("A human-readable explanation specific to this occurrence of the problem.")
