"""What a user's type checker says about code that uses the SDK: the files in ``test/typing``.

Each line of those files marked ``# E: code`` must be reported as an error (by mypy --strict, with that
error code; by pyright, at that line), and no other line may be: a typo in a keyword, a missing model
field or a wrong type is caught, and ``assert_type`` pins what the calls return. mypy and basedpyright
come with lint-requirements.txt; where they are not installed (the test-only installs on 3.9 and 3.13)
the checks are skipped, except where ``TYPE_CHECKERS_REQUIRED=1`` (.ci/run's lint environment): there they
must run.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "test" / "typing"
MARK = re.compile(r"#\s*E:\s*([\w-]+)\s*$")

Marks = Dict[Tuple[str, int], str]


def expected_marks() -> Marks:
    marks: Marks = {}
    for path in sorted(FOLDER.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = MARK.search(line)
            if found:
                marks[(path.name, number)] = found.group(1)
    return marks


def need_typed_urllib3() -> None:
    import urllib3

    if urllib3.__version__.startswith("1."):
        pytest.skip("urllib3 1.26 ships no type information: the typing checks run with urllib3 2.x")


def require(tool: str) -> None:
    if os.environ.get("TYPE_CHECKERS_REQUIRED") == "1":  # set by .ci/run where lint-requirements.txt is installed
        pytest.fail(f"{tool} is required here: pip install -r lint-requirements.txt")
    pytest.skip(f"{tool} is not installed here (it comes with lint-requirements.txt)")


def test_the_files_carry_marks_for_every_mistake_they_show() -> None:
    marks = expected_marks()
    assert len(marks) >= 15
    assert {"call-arg", "arg-type", "attr-defined"} <= set(marks.values())


def test_mypy_strict_reports_exactly_the_marked_lines(tmp_path: Path) -> None:
    need_typed_urllib3()
    try:
        from mypy import api
    except ImportError:
        require("mypy")
    out, err, _ = api.run(["--strict", "--cache-dir", str(tmp_path), "--show-error-codes", "--no-pretty",
                           "--config-file", str(ROOT / "pyproject.toml"), str(FOLDER)])
    found: Marks = {}
    for line in out.splitlines():
        match = re.match(r"(?:.*[/\\])?([\w]+\.py):(\d+): error: .*\[([\w-]+)\]$", line)
        if match:
            found[(match.group(1), int(match.group(2)))] = match.group(3)
    assert found, out + err
    assert found == expected_marks(), out


def test_pyright_reports_exactly_the_marked_lines() -> None:
    need_typed_urllib3()
    command = shutil.which("basedpyright") or shutil.which("pyright")
    if command is None:
        require("basedpyright")
        return
    result = subprocess.run([command, "--outputjson", str(FOLDER)], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    report = json.loads(result.stdout)
    found: Set[Tuple[str, int]] = {(Path(d["file"]).name, d["range"]["start"]["line"] + 1)
                                   for d in report["generalDiagnostics"] if d["severity"] == "error"}
    assert found == set(expected_marks()), result.stdout


@pytest.mark.parametrize("api_module", ["v1_user_api", "v1alpha_user_api"])
def test_help_of_the_short_names_lists_parameters_return_type_and_exceptions(api_module: str) -> None:
    import importlib
    import pydoc

    module = importlib.import_module(f"openapi_client.api.{api_module}")
    api_class = next(value for name, value in vars(module).items() if name.endswith("UserApi"))
    balance = pydoc.render_doc(api_class.balance, renderer=pydoc.plaintext)
    account = pydoc.render_doc(api_class.account, renderer=pydoc.plaintext)
    assert "organization (str, optional)" in balance and "Sent as the ``Organization`` header" in balance
    assert "Returns: BalanceResponseBody." in balance and "Returns: AccountResponseBody." in account
    for text in (balance, account):
        assert "Typed short name of" in text and "_request_timeout" in text
        assert "UnauthorizedException (401)" in text and "ApiConnectionError" in text
        assert "async_req" not in text  # refused by the short names
    assert ("stability_client_id (str, optional)" in balance) is (api_module == "v1_user_api")
