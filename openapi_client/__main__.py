"""``python -m openapi_client``: see :mod:`openapi_client.cli`."""

import sys

from openapi_client.cli import main

sys.exit(main())
