"""Every python block in README.md and docs/*.md runs, against the fake server (host rewritten)."""

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

from openapi_client.testing import FakeStabilityServer

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LIVE_HOST = "https://api.stability.ai"
DOC_KEY = "YOUR_API_KEY"


def python_blocks() -> List[Tuple[str, str]]:
    blocks = []
    for page in PAGES:
        for number, code in enumerate(re.findall(r"```python\n(.*?)```", page.read_text(), re.S), 1):
            blocks.append((f"{page.name}#{number}", code))
    return blocks


BLOCKS = python_blocks()


@pytest.fixture(scope="module")
def doc_server() -> Iterator[FakeStabilityServer]:
    with FakeStabilityServer() as server:
        server.add_account(
            DOC_KEY, email="example@stability.ai", account_id="user-1234",
            organizations=[{"id": "org-123456", "name": "My Organization", "is_default": True, "role": "MEMBER"},
                           {"id": "org-654321", "name": "Side Organization", "role": "MEMBER"}],
            balances={"org-123456": 0.2944737146168059, "org-654321": 5.0},
            profile_picture="https://api.stability.ai/example.png",
        )
        yield server


def test_the_pages_have_examples() -> None:
    names = {name.split("#")[0] for name, _ in BLOCKS}
    assert {"README.md", "V1alphaUserApi.md", "V1UserApi.md", "Configuration.md", "Testing.md"} <= names


@pytest.mark.parametrize(("name", "code"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_example_runs(name: str, code: str, doc_server: FakeStabilityServer, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STABILITY_")}
    env.update(STABILITY_API_HOST=doc_server.url, STABILITY_API_KEY=DOC_KEY, PYTHONPATH=str(ROOT))
    script = tmp_path / ("test_doc_block.py" if "def test_" in code else "doc_block.py")
    script.write_text(code.replace(LIVE_HOST, doc_server.url))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)] \
        if "def test_" in code else [sys.executable, str(script)]
    result = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
    assert "Exception when calling" not in result.stdout, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
