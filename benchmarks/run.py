"""Speed of the SDK against what it is built on, in one run (a benchmark, not a test).

    python benchmarks/run.py            # every row, a few minutes on 2 cores
    python benchmarks/run.py --quick    # fewer rounds

Rows, each "floor" vs "openapi_client":
- balance() per call: raw ``urllib3.PoolManager().request`` + ``json.loads`` vs ``api.balance()``,
  both over one keep-alive HTTP connection to a server in another process (interleaved rounds).
- HTTPS, a new connection per call (the server closes it) and keep-alive: raw urllib3 given the CA
  bundle (certifi's plus the test CA) vs the SDK given the same bundle.
- 1,000-organization account to models vs ``json.loads``; memory held by it as models vs as dicts.
- import ``openapi_client`` + an API module vs ``import urllib3``; ``python -m openapi_client --fake
  balance`` vs ``python -c "import urllib3"`` (medians of interleaved fresh processes, bytecode cached).
- ``balance --all-organizations`` for 20 organizations vs one ``balance``, at 100 ms per reply.
Needs the test requirements (trustme) for the HTTPS rows.
"""

import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGS = [{"id": f"org-{i:06d}", "is_default": i == 0, "name": f"Organization number {i}", "role": "MEMBER"}
        for i in range(1000)]
ACCOUNT = json.dumps({"email": "bench@example.com", "id": "user-1", "organizations": ORGS,
                      "profile_picture": "https://example.com/p.png"}).encode()
BALANCE = b'{"credits": 12.5}'
QUICK = "--quick" in sys.argv


def serve(tls: Optional[Sequence[str]], close: bool) -> None:
    """The server process: HTTP/1.1, a fixed balance body for every GET; TLS and closing on request."""
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
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(BALANCE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls[0], tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def start_server(*args: str) -> "tuple[subprocess.Popen[str], int]":
    process = subprocess.Popen([sys.executable, __file__, "--serve", *args], stdout=subprocess.PIPE, text=True)
    return process, int(process.stdout.readline())  # type: ignore[union-attr]


def best_per_call(function: Callable[[], object], calls: int, rounds: int = 5) -> float:
    """Seconds per call: the best round of ``calls`` calls."""
    results = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            function()
        results.append((time.perf_counter() - started) / calls)
    return min(results)


def interleaved(floor: Callable[[], object], sdk: Callable[[], object], calls: int,
                rounds: int) -> "tuple[float, float]":
    """Best per-call seconds of each, measured in alternating rounds so both see the same machine."""
    floor(), sdk()
    floors, sdks = [], []
    for _ in range(rounds):
        floors.append(best_per_call(floor, calls, rounds=1))
        sdks.append(best_per_call(sdk, calls, rounds=1))
    return min(floors), min(sdks)


def row(name: str, floor: float, sdk: float, unit: str = "us") -> List[str]:
    scale, fmt = {"us": (1e6, "{:.0f} µs"), "ms": (1e3, "{:.2f} ms"), "ms1": (1e3, "{:.1f} ms")}[unit]
    return [name, fmt.format(floor * scale), fmt.format(sdk * scale), f"{sdk / floor:.2f}x"]


def balance_row(port: int) -> List[str]:
    import urllib3

    import openapi_client
    from openapi_client.api import v1alpha_user_api

    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": "sk-bench", "Accept": "application/json"}
    manager = urllib3.PoolManager()
    client = openapi_client.ApiClient(openapi_client.Configuration(host=url, api_key="sk-bench"))
    api = v1alpha_user_api.V1alphaUserApi(client)
    floor, sdk = interleaved(lambda: json.loads(manager.request("GET", url + "/v1alpha/user/balance",
                                                                headers=headers).data),
                             api.balance, 300 if QUICK else 1000, 4 if QUICK else 8)
    client.close()
    return row("balance() per call", floor, sdk)


def https_rows(keep_alive_port: int, closing_port: int, bundle: str) -> List[List[str]]:
    import urllib3

    import openapi_client
    from openapi_client.api import v1alpha_user_api

    rows = []
    headers = {"Authorization": "sk-bench", "Accept": "application/json"}
    for name, port, calls in (("HTTPS, new connection per call", closing_port, 20 if QUICK else 60),
                              ("HTTPS, keep-alive", keep_alive_port, 300 if QUICK else 1000)):
        url = f"https://localhost:{port}"
        manager = urllib3.PoolManager(ca_certs=bundle)
        configuration = openapi_client.Configuration(host=url, api_key="sk-bench", ssl_ca_cert=bundle)
        client = openapi_client.ApiClient(configuration)
        api = v1alpha_user_api.V1alphaUserApi(client)
        def raw(manager: urllib3.PoolManager = manager, url: str = url) -> object:
            return json.loads(manager.request("GET", url + "/v1alpha/user/balance", headers=headers).data)

        floor, sdk = interleaved(raw, api.balance, calls, 3 if QUICK else 6)
        client.close()
        rows.append(row(name, floor, sdk, "ms" if "new" in name else "us"))
    return rows


def deserialize_row() -> List[str]:
    from openapi_client.model_utils import deserialize
    from openapi_client.models import AccountResponseBody

    floor = best_per_call(lambda: json.loads(ACCOUNT), 100, rounds=7)
    sdk = best_per_call(lambda: deserialize(json.loads(ACCOUNT), AccountResponseBody), 100, rounds=7)
    return row("1,000-org account to models", floor, sdk, "ms")


def memory_row() -> List[str]:
    from openapi_client.model_utils import deserialize
    from openapi_client.models import AccountResponseBody

    def held(build: Callable[[], object]) -> int:
        """Bytes still allocated while the result is held (what holding it costs)."""
        tracemalloc.start()
        kept = build()
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del kept
        return size

    floor = held(lambda: json.loads(ACCOUNT))
    sdk = held(lambda: deserialize(json.loads(ACCOUNT), AccountResponseBody))
    return ["memory held, 1,000-org account", f"{floor / 1024:.0f} KiB", f"{sdk / 1024:.0f} KiB", f"{sdk / floor:.2f}x"]


def fresh_process_rows(env: Dict[str, str]) -> List[List[str]]:
    """The best of many fresh processes, run in turn (so both sides see the same machine), bytecode cached.

    The best, not the median, as timeit advises: on a shared machine the slower runs measure the neighbours
    (here the median moved by ±0.1x from run to run, the best by a few hundredths).
    """
    commands = {
        "urllib3": [sys.executable, "-c", "import urllib3"],
        "import": [sys.executable, "-c", "import openapi_client, openapi_client.api.v1alpha_user_api"],
        "cli": [sys.executable, "-m", "openapi_client", "--fake", "balance"],
    }
    times: Dict[str, List[float]] = {name: [] for name in commands}
    for command in commands.values():
        subprocess.run(command, env=env, capture_output=True, check=True)  # writes the bytecode cache
    for _ in range(8 if QUICK else 30):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=True)
            times[name].append(time.perf_counter() - started)
    floor = min(times["urllib3"])
    return [row("import (best, fresh process)", floor, min(times["import"]), "ms1"),
            row("CLI --fake balance (start-up)", floor, min(times["cli"]), "ms1")]


def instruction_rows(env: Dict[str, str]) -> List[List[str]]:
    """Start-up in CPU instructions (valgrind's callgrind), where valgrind is installed: the same count on a
    quiet machine and a busy one, so it settles what wall-clock medians on a shared machine cannot."""
    import re
    import shutil

    if shutil.which("valgrind") is None or QUICK:
        return []

    def instructions(args: List[str]) -> int:
        out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                              *args], env=env, capture_output=True, text=True, check=True).stderr
        return int(re.findall(r"Collected : (\d+)", out)[-1])

    floor = instructions(["-c", "import urllib3"])
    rows = []
    for name, args in (("import (instructions)", ["-c", "import openapi_client, openapi_client.api.v1alpha_user_api"]),
                       ("CLI --fake balance (instructions)", ["-m", "openapi_client", "--fake", "balance"])):
        count = instructions(args)
        rows.append([name, f"{floor / 1e6:.0f} M", f"{count / 1e6:.0f} M", f"{count / floor:.2f}x"])
    return rows


def fan_out_row(env: Dict[str, str]) -> List[str]:
    from openapi_client.testing import FakeStabilityServer

    with FakeStabilityServer() as server:
        server.add_account("sk-bench", organizations=[{"id": f"org-{n}", "is_default": n == 0} for n in range(20)],
                           balances={f"org-{n}": float(n) for n in range(20)})
        server.latency = 0.1
        run_env = {**env, "STABILITY_API_KEY": "sk-bench", "STABILITY_API_HOST": server.url}
        results: Dict[str, List[float]] = {"one": [], "all": []}
        for _ in range(3 if QUICK else 7):
            for name, args in (("one", ["balance"]), ("all", ["balance", "--all-organizations"])):
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "openapi_client", *args], env=run_env, capture_output=True,
                               check=True)
                results[name].append(time.perf_counter() - started)
    one, every = statistics.median(results["one"]), statistics.median(results["all"])
    return ["CLI 20 organizations vs 1 (100 ms)", f"{one * 1e3:.0f} ms", f"{every * 1e3:.0f} ms", f"{every / one:.2f}x"]


def tls_files(folder: str) -> "tuple[List[str], str]":
    """A server certificate for localhost, and a CA bundle: certifi's, with the test CA appended."""
    import certifi
    import trustme

    authority = trustme.CA()
    certificate = authority.issue_cert("localhost")
    cert, key, bundle = (os.path.join(folder, name) for name in ("cert.pem", "key.pem", "bundle.pem"))
    certificate.cert_chain_pems[0].write_to_path(cert)
    certificate.private_key_pem.write_to_path(key)
    with open(bundle, "wb") as out:
        out.write(Path(certifi.where()).read_bytes() + b"\n" + authority.cert_pem.bytes())
    return [cert, key], bundle


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        tls = sys.argv[3:5] if sys.argv[2:3] == ["--tls"] else None
        serve(tls, close="--close" in sys.argv)
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    processes = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            (cert, key), bundle = tls_files(folder)
            plain, plain_port = start_server()
            keep, keep_port = start_server("--tls", cert, key)
            closing, closing_port = start_server("--tls", cert, key, "--close")
            processes = [plain, keep, closing]
            rows = [balance_row(plain_port), *https_rows(keep_port, closing_port, bundle), deserialize_row(),
                    memory_row(), *fresh_process_rows(env), *instruction_rows(env), fan_out_row(env)]
    finally:
        for process in processes:
            process.terminate()
            process.wait()
    header = ["measure", "floor", "openapi_client", "ratio"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for line in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)))


if __name__ == "__main__":
    main()
