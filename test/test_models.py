"""Models: construction and checks as in generated clients, conversions from server data, access, copies, help()."""

import copy
import inspect
import pickle
import pydoc
import sys
from datetime import date, datetime, timezone
from typing import Dict, List, Optional

import pytest

from openapi_client import ApiAttributeError, ApiTypeError, ApiValueError, Configuration
from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.model.error import Error
from openapi_client.model.organization_membership import OrganizationMembership
from openapi_client.model_utils import ModelNormal, deserialize, field, model_to_dict

ORG = {"id": "org-1", "is_default": True, "name": "Org", "role": "MEMBER"}


def account(**extra: object) -> AccountResponseBody:
    return AccountResponseBody("a@b.c", "user-1", [OrganizationMembership(**ORG)], **extra)


def test_required_fields_positionally_in_spec_order_or_by_keyword() -> None:
    positional = AccountResponseBody("a@b.c", "user-1", [])
    keyword = AccountResponseBody(organizations=[], id="user-1", email="a@b.c")
    assert positional == keyword
    assert (positional.email, positional.id, positional.organizations) == ("a@b.c", "user-1", [])
    assert OrganizationMembership("org-1", True, "Org", "MEMBER").to_dict() == ORG


def test_argument_mistakes_are_worded_as_python_words_them() -> None:
    qualified = "AccountResponseBody." if sys.version_info >= (3, 10) else ""  # how Python names the method
    with pytest.raises(ApiTypeError, match=rf"^{qualified}__init__\(\) missing 1 required positional argument: "
                                          r"'organizations'$"):
        AccountResponseBody("a@b.c", "user-1")
    with pytest.raises(ApiTypeError, match=r"missing 2 required positional arguments: 'id' and 'organizations'"):
        AccountResponseBody("a@b.c")
    with pytest.raises(ApiTypeError, match=r"^Invalid positional arguments=\('extra',\) passed to AccountResponseBody"):
        AccountResponseBody("a", "b", [], "extra")
    with pytest.raises(ApiTypeError, match="got multiple values for argument 'email'"):
        AccountResponseBody("a", "b", [], email="c")
    assert AccountResponseBody("a", "b", [], {"profile_picture": "p"}).profile_picture == "p"


def test_wrong_types_name_the_field_in_the_path() -> None:
    with pytest.raises(ApiTypeError) as info:
        AccountResponseBody("a@b.c", "user-1", [{**ORG, "is_default": "yes"}])
    assert info.value.path_to_item == ["organizations", 0, "is_default"]
    assert str(info.value) == ("Invalid type for variable 'is_default'. Required value type is bool and passed type "
                               "was str at ['organizations'][0]['is_default']")
    for bad in ({"credits": True}, {"credits": 3}, {"credits": "3"}):
        with pytest.raises(ApiTypeError, match="Required value type is float"):
            BalanceResponseBody(**bad)  # as in generated clients, no conversion of the caller's own values
    with pytest.raises(ApiTypeError):
        OrganizationMembership("org", 1, "n", "r")


def test_dicts_become_models_and_the_callers_data_is_left_alone() -> None:
    org = dict(ORG)
    orgs = [org]
    acc = AccountResponseBody("a@b.c", "user-1", orgs)
    assert isinstance(acc.organizations[0], OrganizationMembership)
    assert orgs == [ORG] and type(orgs[0]) is dict


def test_server_data_is_converted_as_generated_clients_convert_it() -> None:
    assert BalanceResponseBody._from_openapi_data(credits=3, _configuration=Configuration()).credits == 3.0
    with pytest.raises(ApiTypeError):
        BalanceResponseBody._from_openapi_data(credits=3)  # no configuration: no conversion
    balance = deserialize({"credits": 3, "count": 5, "when": "2024-01-05", "plan": "pro"}, BalanceResponseBody)
    assert balance.to_dict() == {"credits": 3.0, "count": 5.0, "when": date(2024, 1, 5), "plan": "pro"}
    with pytest.raises(ApiTypeError, match=r"missing 1 required positional argument: 'credits'") as info:
        BalanceResponseBody._from_openapi_data()
    assert info.value.path_to_item is None or info.value.path_to_item == []


def test_an_unset_optional_reads_none_and_access_styles() -> None:
    acc = account()
    assert acc.profile_picture is None and acc["profile_picture"] is None  # the documented difference
    assert "profile_picture" not in acc and "id" in acc
    assert acc.get("profile_picture", "dflt") == "dflt"
    with pytest.raises(ApiAttributeError, match="has no attribute 'no_such_field'"):
        acc.no_such_field  # noqa: B018
    with pytest.raises(ApiAttributeError):
        acc["no_such_field"]
    assert not hasattr(acc, "no_such_field")


def test_setting_fields_is_checked() -> None:
    acc = account()
    acc.profile_picture = "https://x/y.png"
    acc["email"] = "new@b.c"
    assert (acc.email, acc.to_dict()["profile_picture"]) == ("new@b.c", "https://x/y.png")
    with pytest.raises(ApiTypeError) as info:
        acc.email = 5
    assert info.value.path_to_item == ["email"]
    with pytest.raises(ApiTypeError):
        acc.profile_picture = None  # not nullable in the spec
    acc.plan = "pro"
    assert acc["plan"] == "pro" and acc.to_dict()["plan"] == "pro"


def test_undeclared_fields_are_kept_even_with_discard_unknown_keys() -> None:
    data = {"credits": 1.5, "currency": "credits"}
    assert deserialize(dict(data), BalanceResponseBody).currency == "credits"
    kept = BalanceResponseBody._from_openapi_data(**data, _configuration=Configuration(discard_unknown_keys=True))
    assert kept.to_dict() == data  # the schemas allow additional properties: nothing to discard, as there


def test_null_for_a_field_that_is_not_nullable_is_a_type_error() -> None:
    for body in ({"email": "e", "id": "i", "organizations": [], "profile_picture": None},):
        with pytest.raises(ApiTypeError) as info:
            deserialize(body, AccountResponseBody)
        assert info.value.path_to_item == ["received_data", "profile_picture"]
    with pytest.raises(ApiTypeError) as missing:
        deserialize({"credits": None}, BalanceResponseBody)
    assert missing.value.path_to_item == ["received_data", "credits"]


def test_paths_reach_into_lists() -> None:
    orgs = [dict(ORG) for _ in range(3)]
    orgs[2]["role"] = 7
    with pytest.raises(ApiTypeError) as info:
        deserialize({"email": "e", "id": "i", "organizations": orgs}, AccountResponseBody)
    assert info.value.path_to_item == ["received_data", "organizations", 2, "role"]
    assert str(info.value).endswith("at ['received_data']['organizations'][2]['role']")


def test_checks_can_be_turned_off() -> None:
    assert BalanceResponseBody(credits="lots", _check_type=False).credits == "lots"
    loose = deserialize({"email": "e", "id": 5, "organizations": [ORG]}, AccountResponseBody, check=False)
    assert loose.id == 5 and type(loose.organizations[0]) is dict  # unchecked means unconverted, as there


def test_equality_repr_str_and_dicts() -> None:
    assert account() == account()
    assert account() != account(profile_picture="p")
    assert account() != "not a model"
    assert repr(BalanceResponseBody(credits=2.5)) == str(BalanceResponseBody(credits=2.5)) == "{'credits': 2.5}"
    assert "\n" in repr(account())  # pprint.pformat: long models print readably
    assert model_to_dict(account(), serialize=True)["organizations"] == [ORG]
    with pytest.raises(TypeError):
        hash(account())


def test_copies_and_pickles_are_equal_but_independent() -> None:
    original = account()
    shallow, deep, pickled = copy.copy(original), copy.deepcopy(original), pickle.loads(pickle.dumps(original))
    assert original == shallow == deep == pickled
    deep.organizations[0].name = "changed"
    assert original.organizations[0].name == "Org"
    shallow.email = "other@b.c"
    assert original.email == "a@b.c"


def test_class_metadata_like_generated_models() -> None:
    assert AccountResponseBody.attribute_map == {
        "email": "email", "id": "id", "organizations": "organizations", "profile_picture": "profile_picture"}
    assert AccountResponseBody.openapi_types["organizations"] == ([OrganizationMembership],)
    assert BalanceResponseBody.openapi_types == {"credits": (float,)}
    assert "_data_store" in Error.required_properties
    assert Error.additional_properties_type is not None and Error.discriminator is None


def test_models_have_no_instance_dict() -> None:
    assert not hasattr(BalanceResponseBody(credits=1.0), "__dict__")


def test_signature_and_help_show_the_fields() -> None:
    signature = inspect.signature(AccountResponseBody)
    assert list(signature.parameters) == ["email", "id", "organizations", "profile_picture", "additional_properties"]
    assert signature.parameters["profile_picture"].kind is inspect.Parameter.KEYWORD_ONLY
    assert signature.parameters["profile_picture"].default is None
    assert signature.parameters["organizations"].annotation == List[OrganizationMembership]
    text = pydoc.render_doc(AccountResponseBody, renderer=pydoc.plaintext)
    assert "str: The user's email" in text
    assert "List[OrganizationMembership]: The user's organizations" in text
    assert "Optional[str], optional: The user's profile picture" in text
    assert "Field(" not in text


class Event(ModelNormal):
    """A test-only model that exercises types the spec does not use yet."""

    day: date = field("a day")
    at: Optional[datetime] = field("an instant", default=None, kw_only=True)
    tags: Optional[Dict[str, int]] = field("counts", default=None, kw_only=True)
    nested: Optional[List[List[int]]] = field("a matrix", default=None, kw_only=True)
    renamed: Optional[str] = field("a field with another JSON name", json_name="renamed-field", default=None,
                                   kw_only=True)


def test_dates_json_names_and_nested_specs() -> None:
    event = deserialize({"day": "2024-02-29", "at": "2024-02-29T10:00:00Z", "tags": {"a": 1},
                         "nested": [[1, 2]], "renamed-field": "x"}, Event)
    assert event.day == date(2024, 2, 29)
    assert event.at == datetime(2024, 2, 29, 10, tzinfo=timezone.utc)
    assert event.renamed == "x" and model_to_dict(event, serialize=True)["renamed-field"] == "x"
    with pytest.raises(ApiTypeError) as info:
        deserialize({"day": "2024-01-01", "tags": {"a": "b"}}, Event)
    assert info.value.path_to_item == ["received_data", "tags", "a"]
    with pytest.raises(ApiValueError, match="Failed to parse 'yesterday' as date"):
        deserialize({"day": "yesterday"}, Event)
    with pytest.raises(ApiTypeError, match="Required value type is date and passed type was str"):
        Event(day="2024-01-01")  # the caller's own values are not converted


def test_a_field_default_other_than_none_is_refused() -> None:
    with pytest.raises(ValueError):
        field("x", default=1)
