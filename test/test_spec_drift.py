"""The code and the docs against the spec files in openapi/ (and those against ../shared/spec)."""

import json
import re
from pathlib import Path
from typing import Any, Dict, List, get_args, get_origin

import pytest

from openapi_client.api import v1_user_api, v1alpha_user_api
from openapi_client.configuration import AUTH_SCHEMES
from openapi_client.model_utils import ModelNormal
from openapi_client.models import (
    AccountResponseBody,
    BalanceResponseBody,
    Error,
    OrganizationMembership,
    RESTError,
)
from openapi_client.operation import OperationSpec

ROOT = Path(__file__).resolve().parent.parent
SPECS = {
    "stability-v1alpha-user.openapi.json": (
        v1alpha_user_api, {"AccountResponseBody": AccountResponseBody, "BalanceResponseBody": BalanceResponseBody,
                           "OrganizationMembership": OrganizationMembership, "Error": Error}),
    "stability-v1-user.openapi.json": (
        v1_user_api, {"AccountResponseBody": AccountResponseBody, "BalanceResponseBody": BalanceResponseBody,
                      "OrganizationMembership": OrganizationMembership, "Error": RESTError}),
}
SCALARS = {"string": str, "number": float, "boolean": bool, "integer": int}


def load(name: str) -> Dict[str, Any]:
    return json.loads((ROOT / "openapi" / name).read_text())


def resolve(spec: Dict[str, Any], node: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in node:
        parts = node["$ref"].lstrip("#/").split("/")
        for part in parts:
            spec = spec[part]
        node = spec  # refs here are all absolute within one file
        spec = node
    return node


def spec_type(schema: Dict[str, Any], models: Dict[str, type]) -> Any:
    if "$ref" in schema:
        return models[schema["$ref"].rsplit("/", 1)[1]]
    if schema["type"] == "array":
        return List[spec_type(schema["items"], models)]  # type: ignore[misc]
    return SCALARS[schema["type"]]


def bare(annotation: Any) -> Any:
    """Optional[X] -> X."""
    if get_origin(annotation) is not None and type(None) in get_args(annotation):
        return next(a for a in get_args(annotation) if a is not type(None))
    return annotation


@pytest.mark.parametrize("spec_name", sorted(SPECS))
def test_models_match_the_spec(spec_name: str) -> None:
    spec = load(spec_name)
    _, models = SPECS[spec_name]
    for schema_name, model in models.items():
        schema = spec["components"]["schemas"][schema_name]
        properties = schema["properties"]
        fields = {f.name: f for f in model._fields}
        assert set(fields) == set(properties), schema_name
        # v1's Error lists 'status' as required without declaring it: only declared fields can be required
        assert {f.name for f in model._fields if f.required} == set(schema["required"]) & set(properties)
        # required fields come first, in the spec's property order: the generated constructor's positions
        assert list(model._required) == [name for name in properties if name in schema["required"]]
        for name, prop in properties.items():
            fld = fields[name]
            assert fld.json_name == name
            assert bare(fld.type) == spec_type(prop, models), f"{schema_name}.{name}"
            if "description" in prop:
                assert fld.doc == prop["description"], f"{schema_name}.{name}"


def generated_name(operation_id: str) -> str:
    """OpenAPI Generator's method name for an operationId: ``v1alpha/user#account`` -> ``v1alpha_user_account``,
    ``userBalance`` -> ``user_balance``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", re.sub(r"[/#]", "_", operation_id)).lower()


def operations(module: Any) -> Dict[str, OperationSpec]:
    return {op.path: op for op in vars(module).values() if isinstance(op, OperationSpec)}


@pytest.mark.parametrize("spec_name", sorted(SPECS))
def test_operations_match_the_spec(spec_name: str) -> None:
    spec = load(spec_name)
    module, models = SPECS[spec_name]
    declared = operations(module)
    assert set(declared) == set(spec["paths"])
    for path, methods in spec["paths"].items():
        [(method, operation)] = methods.items()
        op = declared[path]
        assert op.method == method.upper()
        assert op.summary == operation["summary"]
        assert op.description == operation["description"]
        assert op.operation_id == generated_name(operation["operationId"])  # the generated client's method name
        response_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert op.response_type == (spec_type(response_ref, models),)
        params = [resolve(spec, p) for p in operation.get("parameters", [])]
        assert [(p.wire_name, p.location) for p in op.params] == [(p["name"], p["in"]) for p in params]
        for param, spec_param in zip(op.params, params):
            assert param.spec == (SCALARS[spec_param["schema"]["type"]],)
            assert param.description == spec_param["description"]
        [security] = operation["security"]
        assert op.auth == list(security)
        for scheme in security:
            declared_scheme = spec["components"]["securitySchemes"][scheme]
            assert AUTH_SCHEMES[scheme][:2] == (declared_scheme["in"], declared_scheme["name"])


@pytest.mark.parametrize("spec_name", sorted(SPECS))
def test_the_repo_copy_is_the_shared_spec(spec_name: str) -> None:
    shared = ROOT.parent / "shared" / "spec" / spec_name
    if not shared.exists():
        pytest.skip("../shared/spec is not beside this checkout")
    assert json.loads(shared.read_text()) == load(spec_name)


def doc_table(page: str) -> Dict[str, List[str]]:
    """The rows of the first 'Name | Type | Description | Notes' table, by the bolded name."""
    rows = {}
    for line in page.splitlines():
        match = re.match(r"\s*\*\*(\w+)\*\* \| (.*)", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def doc_type(annotation: Any) -> str:
    annotation = bare(annotation)
    if get_origin(annotation) is list:
        inner = get_args(annotation)[0]
        return f"[**[{inner.__name__}]**]({inner.__name__}.md)"
    return f"**{annotation.__name__}**"


ALL_MODELS = [AccountResponseBody, BalanceResponseBody, OrganizationMembership, Error, RESTError]


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_model_docs_match_the_models(model: type) -> None:
    assert issubclass(model, ModelNormal)
    page = (ROOT / "docs" / f"{model.__name__}.md").read_text()
    rows = doc_table(page)
    assert set(rows) - {"any"} == {f.name for f in model._fields}
    for fld in model._fields:
        type_cell, description, notes = rows[fld.name][:3]
        assert type_cell == doc_type(fld.type), fld.name
        assert description == fld.doc.replace("'", "&#39;"), fld.name
        assert ("[optional]" in notes) == (not fld.required), fld.name


@pytest.mark.parametrize(("page", "module"), [("V1alphaUserApi.md", v1alpha_user_api),
                                               ("V1UserApi.md", v1_user_api)])
def test_api_docs_list_every_operation_and_parameter(page: str, module: Any) -> None:
    text = (ROOT / "docs" / page).read_text()
    for op in operations(module).values():
        assert f"**{op.method}** {op.path}" in text
        assert f"# **{op.name}**" in text
        section = text.split(f"# **{op.name}**", 1)[1].split("\n# **", 1)[0]
        assert f"> {op.response_type[0].__name__} {op.name}(" in section
        rows = doc_table(section.split("### Parameters", 1)[1].split("###", 1)[0])
        assert set(rows) == {p.name for p in op.params}
        for param in op.params:
            assert rows[param.name][1] == param.description.replace("'", "&#39;")


def test_readme_lists_every_operation_and_model() -> None:
    readme = (ROOT / "README.md").read_text()
    for module in (v1alpha_user_api, v1_user_api):
        for op in operations(module).values():
            assert f"**{op.method}** {op.path}" in readme and op.name in readme
    for model in ALL_MODELS:
        assert f"[{model.__name__}](docs/{model.__name__}.md)" in readme

