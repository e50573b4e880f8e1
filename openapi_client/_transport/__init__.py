"""The machinery below ``RESTClientObject.pool_manager.request``: what a python-prior client leaves to urllib3.

``rest.RESTClientObject`` calls ``pool_manager.request(...)`` with python-prior's arguments, so
code that mocks that seam sees what it expects. The pool manager it calls is one of ours
(:mod:`.manager`), and everything this SDK guarantees happens beneath it, once per try:

- :mod:`.deadline`   a time limit for the whole try (connect, headers and body), not per ``recv``
- :mod:`.connection` connections that skip informational (1xx) replies and can all be closed
- :mod:`.body`       bodies read and decompressed within ``max_response_bytes``
- :mod:`.tls`        one TLS context per set of TLS settings, shared by every pool
- :mod:`.proxy`      proxies from the configuration or the environment, with their credentials
- :mod:`.faults`     every urllib3/socket error turned into an SDK exception
- :mod:`.manager`    routing, the one retry loop, redirects, and fork safety

Nothing here knows about models or the API's operations.
"""
