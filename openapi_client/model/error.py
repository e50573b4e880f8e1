"""Error: the v1alpha API's error body (spec v1alpha: components/schemas/Error)."""

from openapi_client.model_utils import ModelNormal, field


class Error(ModelNormal):
    """An error the v1alpha API reports."""

    fault: bool = field("Is the error a server-side fault?")
    id: str = field("ID is a unique identifier for this particular occurrence of the problem.")
    message: str = field("Message is a human-readable explanation specific to this occurrence of the problem.")
    name: str = field("Name is the name of this class of errors.")
    temporary: bool = field("Is the error temporary?")
    timeout: bool = field("Is the error a timeout?")
