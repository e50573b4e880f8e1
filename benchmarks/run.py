"""Speed of the SDK against its physical floor, in one run (a benchmark, not a test).

    python benchmarks/run.py

Rows: a balance() call vs raw urllib3 + json.loads over the same keep-alive connection; turning a
1,000-organization account into models vs json.loads; importing the SDK vs importing urllib3 (fresh
processes); peak memory of that account as models vs as dicts. Best (or median) of several rounds.
"""

import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGS = [{"id": f"org-{i:06d}", "is_default": i == 0, "name": f"Organization number {i}", "role": "MEMBER"}
        for i in range(1000)]
ACCOUNT = json.dumps({"email": "bench@example.com", "id": "user-1", "organizations": ORGS,
                      "profile_picture": "https://example.com/p.png"}).encode()
BALANCE = b'{"credits": 12.5}'


def serve() -> None:
    """The server process: keep-alive HTTP/1.1, a fixed balance body for every GET."""
    import socket

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(BALANCE)))
            self.end_headers()
            self.wfile.write(BALANCE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def best_per_call(function: Callable[[], object], calls: int, rounds: int = 5) -> float:
    """Seconds per call: the best round of ``calls`` calls."""
    results = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            function()
        results.append((time.perf_counter() - started) / calls)
    return min(results)


def per_call_row(port: int) -> List[str]:
    import urllib3

    import openapi_client
    from openapi_client.api import v1alpha_user_api

    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": "sk-bench", "Accept": "application/json"}
    manager = urllib3.PoolManager()

    def raw() -> object:
        return json.loads(manager.request("GET", url + "/v1alpha/user/balance", headers=headers).data)

    configuration = openapi_client.Configuration(host=url, api_key="sk-bench")
    client = openapi_client.ApiClient(configuration)
    api = v1alpha_user_api.V1alphaUserApi(client)
    raw(), api.balance()  # warm up both connections
    floor, sdk = [], []
    for _ in range(3):  # interleaved, so both see the same machine state
        floor.append(best_per_call(raw, 1000, rounds=2))
        sdk.append(best_per_call(api.balance, 1000, rounds=2))
    client.close()
    f, s = min(floor), min(sdk)
    return ["balance() per call", f"{f * 1e6:.0f} µs", f"{s * 1e6:.0f} µs", f"{s / f:.2f}x"]


def deserialize_row() -> List[str]:
    from openapi_client.model_utils import deserialize
    from openapi_client.models import AccountResponseBody

    floor = best_per_call(lambda: json.loads(ACCOUNT), 100, rounds=7)
    sdk = best_per_call(lambda: deserialize(json.loads(ACCOUNT), AccountResponseBody), 100, rounds=7)
    return ["1,000-org account to models", f"{floor * 1e3:.2f} ms", f"{sdk * 1e3:.2f} ms", f"{sdk / floor:.2f}x"]


def import_time(statement: str) -> float:
    """Median seconds to run ``statement`` in a fresh process, bytecode cached as after a pip install."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                  cwd=ROOT, env=env).stdout) for _ in range(10)]
    return statistics.median(times[1:])  # the first run writes the bytecode cache


def import_row() -> List[str]:
    floor = import_time("import urllib3")
    sdk = import_time("import openapi_client, openapi_client.api.v1alpha_user_api")
    return ["import (median, fresh process)", f"{floor * 1e3:.1f} ms", f"{sdk * 1e3:.1f} ms", f"{sdk / floor:.2f}x"]


def memory_row() -> List[str]:
    from openapi_client.model_utils import deserialize
    from openapi_client.models import AccountResponseBody

    def peak(build: Callable[[], object]) -> int:
        """Bytes still allocated while the result is held (what holding it costs)."""
        tracemalloc.start()
        kept = build()
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del kept
        return size

    floor = peak(lambda: json.loads(ACCOUNT))
    sdk = peak(lambda: deserialize(json.loads(ACCOUNT), AccountResponseBody))
    return ["memory held, 1,000-org account", f"{floor / 1024:.0f} KiB", f"{sdk / 1024:.0f} KiB",
            f"{sdk / floor:.2f}x"]


def main() -> None:
    if sys.argv[1:] == ["--serve"]:
        serve()
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())  # type: ignore[union-attr]
        rows = [per_call_row(port), deserialize_row(), import_row(), memory_row()]
    finally:
        server.terminate()
        server.wait()
    header = ["measure", "floor", "openapi_client", "ratio"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))


if __name__ == "__main__":
    main()
