"""``python -m openapi_client``: see :mod:`openapi_client.cli`.

Whatever happens, no traceback: Ctrl-C at any moment exits with 130, and a reader that closes
the pipe early (``... | head -c0``) ends the command quietly.
"""

import contextlib
import os
import sys


def _run() -> int:
    try:
        from openapi_client.cli import main

        code = main()
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        _quietly_exit(130)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # so that the interpreter's last flush cannot fail
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 130


def _quietly_exit(code: int) -> None:
    """Leave at once: worker threads may still be waiting on the network."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(_run())
