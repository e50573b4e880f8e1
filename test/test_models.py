"""Models: construction, checks with paths, conversions, unknown fields, access, equality, copies."""

import copy
import pickle
from datetime import date, datetime, timezone
from typing import Dict, List, Optional

import pytest

from openapi_client import ApiAttributeError, ApiKeyError, ApiTypeError, ApiValueError, Configuration
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


def test_missing_required_argument_is_an_api_type_error_naming_it() -> None:
    with pytest.raises(ApiTypeError, match="organizations"):
        AccountResponseBody("a@b.c", "user-1")
    with pytest.raises(ApiTypeError, match="takes 3 positional arguments"):
        AccountResponseBody("a", "b", [], "extra")
    with pytest.raises(ApiTypeError, match="multiple values for argument 'email'"):
        AccountResponseBody("a", "b", [], email="c")


def test_wrong_type_names_the_field_in_the_path() -> None:
    with pytest.raises(ApiTypeError) as info:
        AccountResponseBody("a@b.c", "user-1", [{**ORG, "is_default": "yes"}])
    assert info.value.path_to_item == ["organizations", 0, "is_default"]
    assert "Required value type is bool and passed type was str" in str(info.value)
    with pytest.raises(ApiTypeError):
        BalanceResponseBody(credits=True)  # a bool is not a number here
    with pytest.raises(ApiTypeError):
        OrganizationMembership("org", 1, "n", "r")  # nor is an int a bool


def test_int_becomes_float_and_nested_dicts_become_models() -> None:
    balance = BalanceResponseBody(credits=3)
    assert balance.credits == 3.0 and type(balance.credits) is float
    acc = AccountResponseBody("a@b.c", "user-1", [ORG])
    assert isinstance(acc.organizations[0], OrganizationMembership)
    assert acc.organizations[0].is_default is True


def test_user_dicts_are_not_changed_by_construction() -> None:
    org = dict(ORG)
    AccountResponseBody("a@b.c", "user-1", [org])
    assert org == ORG and type(org) is dict


def test_from_openapi_data_checks_like_a_response() -> None:
    acc = AccountResponseBody._from_openapi_data(email="a@b.c", id="u", organizations=[ORG])
    assert acc.organizations[0].name == "Org"
    with pytest.raises(ApiValueError, match="missing the required field 'credits'"):
        BalanceResponseBody._from_openapi_data()


def test_unset_optional_reads_none_and_access_styles() -> None:
    acc = account()
    assert acc.profile_picture is None
    assert acc["profile_picture"] is None
    assert "profile_picture" not in acc
    assert acc.get("profile_picture", "dflt") == "dflt"
    assert acc["id"] == "user-1" and "id" in acc
    with pytest.raises(ApiAttributeError):
        acc.no_such_field  # noqa: B018
    with pytest.raises(ApiKeyError):
        acc["no_such_field"]
    assert not hasattr(acc, "no_such_field")


def test_setting_fields_is_checked() -> None:
    acc = account()
    acc.profile_picture = "https://x/y.png"
    assert acc.to_dict()["profile_picture"] == "https://x/y.png"
    acc["email"] = "new@b.c"
    assert acc.email == "new@b.c"
    with pytest.raises(ApiTypeError) as info:
        acc.email = 5
    assert info.value.path_to_item == ["email"]
    acc.profile_picture = None
    assert acc.profile_picture is None


def test_unknown_fields_are_kept_or_discarded() -> None:
    data = {"credits": 1.5, "currency": "credits"}
    kept = deserialize(dict(data), BalanceResponseBody)
    assert kept["currency"] == "credits" and kept.currency == "credits"
    assert kept.to_dict() == data
    dropped = BalanceResponseBody._from_openapi_data(
        **data, _configuration=Configuration(discard_unknown_keys=True))
    assert dropped.to_dict() == {"credits": 1.5}


def test_null_optional_is_none_and_null_required_is_a_type_error() -> None:
    acc = deserialize({"email": "e", "id": "i", "organizations": [], "profile_picture": None}, AccountResponseBody)
    assert acc.profile_picture is None
    with pytest.raises(ApiTypeError) as info:
        deserialize({"credits": None}, BalanceResponseBody)
    assert info.value.path_to_item == ["received_data", "credits"]


def test_deserialize_paths_reach_into_lists() -> None:
    orgs = [dict(ORG) for _ in range(3)]
    orgs[2]["role"] = 7
    with pytest.raises(ApiTypeError) as info:
        deserialize({"email": "e", "id": "i", "organizations": orgs}, AccountResponseBody)
    assert info.value.path_to_item == ["received_data", "organizations", 2, "role"]
    assert "['received_data']['organizations'][2]['role']" in str(info.value)
    with pytest.raises(ApiValueError) as missing:
        deserialize({"email": "e", "organizations": []}, AccountResponseBody)
    assert missing.value.path_to_item == ["received_data", "id"]


def test_checks_can_be_turned_off() -> None:
    loose = BalanceResponseBody(credits="lots", _check_type=False)
    assert loose.credits == "lots"
    assert deserialize({"credits": "x"}, BalanceResponseBody, check=False).credits == "x"


def test_equality_repr_and_dicts() -> None:
    assert account() == account()
    assert account() != account(profile_picture="p")
    assert account() != "not a model"
    text = repr(BalanceResponseBody(credits=2.5))
    assert text == "BalanceResponseBody(credits=2.5)"
    assert "OrganizationMembership(id='org-1'" in repr(account())
    assert account().to_str().startswith("{'email': 'a@b.c'")
    assert model_to_dict(account(), serialize=True)["organizations"] == [ORG]
    with pytest.raises(TypeError):
        hash(account())


def test_copies_and_pickles_are_equal_but_independent() -> None:
    original = account()
    shallow = copy.copy(original)
    deep = copy.deepcopy(original)
    pickled = pickle.loads(pickle.dumps(original))
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
    assert Error.required_properties == {"fault", "id", "message", "name", "temporary", "timeout"}


def test_models_have_no_instance_dict() -> None:
    assert not hasattr(BalanceResponseBody(credits=1.0), "__dict__")


class Event(ModelNormal):
    """A test-only model that exercises types the spec does not use yet."""

    day: date = field("a day")
    at: Optional[datetime] = field("an instant")
    tags: Optional[Dict[str, int]] = field("counts")
    nested: Optional[List[List[int]]] = field("a matrix")
    renamed: Optional[str] = field("a field with another JSON name", json_name="renamed-field")


def test_dates_are_parsed_with_dateutil_and_json_names_map() -> None:
    event = deserialize({"day": "2024-02-29", "at": "2024-02-29T10:00:00Z", "tags": {"a": 1},
                         "nested": [[1, 2]], "renamed-field": "x"}, Event)
    assert event.day == date(2024, 2, 29)
    assert event.at == datetime(2024, 2, 29, 10, tzinfo=timezone.utc)
    assert event.renamed == "x"
    assert model_to_dict(event, serialize=True)["renamed-field"] == "x"
    with pytest.raises(ApiTypeError) as info:
        deserialize({"day": "2024-01-01", "tags": {"a": "b"}}, Event)
    assert info.value.path_to_item == ["received_data", "tags", "a"]
    with pytest.raises(ApiTypeError, match="not an ISO 8601 date"):
        deserialize({"day": "yesterday"}, Event)
