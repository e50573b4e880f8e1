"""``python -m openapi_client.testing``: the demo server, offline, for people and for the docs.

Starts a :class:`~openapi_client.testing.FakeStabilityServer` with the demo account, prints the
two ``export`` lines that point the SDK (and ``python -m openapi_client``) at it, and serves until
Ctrl-C (or SIGTERM)::

    $ python -m openapi_client.testing --port 8080
    export STABILITY_API_HOST=http://127.0.0.1:8080
    export STABILITY_API_KEY=sk-demo
"""

import argparse
import signal
import sys
import threading
from typing import Any, List, Optional

from openapi_client.testing.server import FakeStabilityServer

DEMO_KEY = "sk-demo"


def main(argv: Optional[List[str]] = None) -> int:
    """Serve the demo account until interrupted; 0 after Ctrl-C, 1 when the port cannot be used."""
    parser = argparse.ArgumentParser(prog="python -m openapi_client.testing",
                                     description="Serve the Stability.ai user endpoints' demo account on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="the port to listen on (default: a free one)")
    args = parser.parse_args(argv)
    server = FakeStabilityServer(port=args.port)
    signal.signal(signal.SIGTERM, _interrupt)  # before anything is printed: a reader may stop us at once
    try:
        server.start()
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        server.stop()
        return 0
    try:
        server.add_demo_account(DEMO_KEY)
        print(f"export STABILITY_API_HOST={server.url}")
        print(f"export STABILITY_API_KEY={DEMO_KEY}", flush=True)
        print("# the demo account (organizations org-123456 and org-654321) is served until Ctrl-C", file=sys.stderr)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _interrupt(*_: Any) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
