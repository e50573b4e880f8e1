"""The wheel users install: its name, licence, typing marker, dependencies and long description.

Built from the files git tracks (a clean clone's content), with pip and setuptools from the package
index, so what is checked is what a release would ship.
"""

import email
import email.policy
import re
import shutil
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tracked_files() -> List[str]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be told apart from build leftovers")
    listed = subprocess.run([git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[zipfile.ZipFile, EmailMessage]]:
    source = tmp_path_factory.mktemp("clone")
    for name in tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(source)],
                   check=True, capture_output=True, timeout=600)
    (built,) = out.glob("*.whl")
    with zipfile.ZipFile(built) as archive:
        (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name), policy=email.policy.default)
        assert isinstance(metadata, EmailMessage)
        yield archive, metadata


def test_the_distribution_has_a_name_of_its_own_and_the_import_name_stays(wheel: Tuple[zipfile.ZipFile,
                                                                                        EmailMessage]) -> None:
    archive, metadata = wheel
    assert metadata["Name"] == "stability-user-sdk"
    assert Path(archive.filename or "").name.startswith("stability_user_sdk-")
    top = {name.split("/")[0] for name in archive.namelist() if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"openapi_client"}  # no test/, benchmarks/ or examples/ packages
    assert "openapi_client/py.typed" in archive.namelist()
    assert "openapi_client/testing/server.py" in archive.namelist()


def test_the_licence_ships_in_the_wheel(wheel: Tuple[zipfile.ZipFile, EmailMessage]) -> None:
    archive, metadata = wheel
    licences = [name for name in archive.namelist() if re.search(r"\.dist-info/(licenses/)?LICENSE$", name)]
    assert licences, archive.namelist()
    text = archive.read(licences[0]).decode()
    assert text.startswith("MIT License") and text == (ROOT / "LICENSE").read_text()
    assert "MIT" in (metadata.get("License") or "") + (metadata.get("License-Expression") or "")


def test_dependencies_are_the_three_runtime_ones(wheel: Tuple[zipfile.ZipFile, EmailMessage]) -> None:
    _, metadata = wheel
    required = sorted(re.split(r"[\s<>=!~;]", value)[0].lower() for value in metadata.get_all("Requires-Dist", []))
    assert required == ["certifi", "python-dateutil", "urllib3"]
    assert metadata["Requires-Python"] == ">=3.9"


def test_the_long_description_has_no_links_that_only_work_in_the_repository(
        wheel: Tuple[zipfile.ZipFile, EmailMessage]) -> None:
    _, metadata = wheel
    description = metadata.get_payload()
    assert isinstance(description, str)
    assert "pip install stability-user-sdk" in description
    links = re.findall(r"\]\(([^)]*)\)", description)
    assert all(link.startswith(("https://", "http://")) for link in links), links
    assert "[**v1alpha_user_balance**]" not in description and "**v1alpha_user_balance**" in description
