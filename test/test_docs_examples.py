"""Every python block of README.md and docs/*.md runs unchanged against the demo server.

The environment is what ``python -m openapi_client.testing`` prints (``STABILITY_API_HOST`` and
``STABILITY_API_KEY``), read from a real run of that command. Only docs/V1alphaUserApi.md, which keeps
the generated layout (host and key written into the example), has its host and key pointed at the
demo server. The blocks are also kept tidy: no unused imports, no hard-coded key or live host.
"""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GENERATED_LAYOUT = "V1alphaUserApi.md"
LIVE_HOST = "https://api.stability.ai"
DOC_KEY = "YOUR_API_KEY"


def python_blocks() -> List[Tuple[str, str]]:
    blocks = []
    for page in PAGES:
        for number, code in enumerate(re.findall(r"```python\n(.*?)```", page.read_text(), re.S), 1):
            blocks.append((f"{page.name}#{number}", code))
    return blocks


BLOCKS = python_blocks()
OWN_LAYOUT = [(name, code) for name, code in BLOCKS if not name.startswith(GENERATED_LAYOUT)]


@pytest.fixture(scope="module")
def demo_env() -> Iterator[Dict[str, str]]:
    """The environment ``python -m openapi_client.testing`` tells users to set, while it serves."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STABILITY_")}
    env["PYTHONPATH"] = str(ROOT)
    server = subprocess.Popen([sys.executable, "-m", "openapi_client.testing"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        for _ in range(2):
            line = server.stdout.readline().strip()
            name, _, value = line.removeprefix("export ").partition("=")
            assert name in ("STABILITY_API_HOST", "STABILITY_API_KEY"), line
            env[name] = value
        yield env
    finally:
        server.terminate()
        server.wait(10)


def test_the_pages_have_examples() -> None:
    names = {name.split("#")[0] for name, _ in BLOCKS}
    assert {"README.md", "V1alphaUserApi.md", "V1UserApi.md", "Configuration.md", "Testing.md"} <= names


@pytest.mark.parametrize(("name", "code"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_example_runs(name: str, code: str, demo_env: Dict[str, str], tmp_path: Path) -> None:
    if name.startswith(GENERATED_LAYOUT):
        code = code.replace(LIVE_HOST, demo_env["STABILITY_API_HOST"]).replace(DOC_KEY, demo_env["STABILITY_API_KEY"])
    script = tmp_path / ("test_doc_block.py" if "def test_" in code else "doc_block.py")
    script.write_text(code)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)] \
        if "def test_" in code else [sys.executable, str(script)]
    result = subprocess.run(command, env=demo_env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
    assert "Exception when calling" not in result.stdout, result.stdout
    assert "Traceback" not in result.stderr, result.stderr


def unused_imports(code: str) -> Set[str]:
    tree = ast.parse(code)
    if all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body):
        return set()  # "then import the package": a block that only shows the import
    imported = {(alias.asname or alias.name).split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return imported - used - {"pytest_plugins"}


@pytest.mark.parametrize(("name", "code"), OWN_LAYOUT, ids=[name for name, _ in OWN_LAYOUT])
def test_example_is_tidy(name: str, code: str) -> None:
    assert not unused_imports(code), f"{name} imports what it does not use"
    statements = "\n".join(line.split("#")[0] for line in code.splitlines()).replace(" ", "")  # comments may
    assert DOC_KEY not in statements, f"{name}: the key comes from $STABILITY_API_KEY"
    assert f'host="{LIVE_HOST}"' not in statements, f"{name}: the host comes from $STABILITY_API_HOST"
    assert all(len(line) <= 120 for line in code.splitlines()), f"{name} has a line over 120 characters"
