"""Packaging for openapi_client (the Stability.ai user endpoints SDK).

The distribution is ``stability-user-sdk`` (``openapi-client`` on the package index is another
project); the import name stays ``openapi_client``.
"""

import re
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
VERSION = re.search(r'__version__ = "([^"]+)"', (HERE / "openapi_client" / "_version.py").read_text()).group(1)
# README's links to docs/ are relative: on the package index they would lead nowhere, so the long
# description keeps their text and drops the link (absolute links and everything else stay).
RELATIVE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?://)[^)]*\)")
LONG_DESCRIPTION = RELATIVE_LINK.sub(r"\1", (HERE / "README.md").read_text(encoding="utf-8"))
REQUIRES = [line.strip() for line in (HERE / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]

setup(
    name="stability-user-sdk",
    version=VERSION,
    description="Python SDK for the Stability.ai REST API user endpoints (account and credit balance)",
    long_description=LONG_DESCRIPTION,
    long_description_content_type="text/markdown",
    url="https://platform.stability.ai",
    keywords=["OpenAPI", "Stability.ai REST API", "SDK"],
    python_requires=">=3.9",
    install_requires=REQUIRES,
    packages=find_packages(exclude=["test", "test.*", "benchmarks", "examples"]),
    package_data={"openapi_client": ["py.typed"]},
    include_package_data=True,
    license="MIT",
    license_files=["LICENSE"],
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Typing :: Typed",
    ],
)
