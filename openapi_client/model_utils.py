"""The one base every model stands on: fields declared once, checked and converted fast.

A model file only declares its fields, in the order of its spec entry::

    class BalanceResponseBody(ModelNormal):
        \"\"\"The credit balance of an account or organization.\"\"\"

        credits: float = field("The balance of the account/organization associated with the API key")

A field annotated ``Optional[...]`` is optional; any other is required. At class creation the
metaclass turns the annotations into a table of fields with one converter each, so building a
model from a ``json.loads`` result is a short loop of identity checks, not a chain of calls.

Conversions: an ``int`` where ``float`` is declared becomes a ``float``; a ``str`` where a
``date``/``datetime`` is declared is parsed with python-dateutil; a ``dict`` where a model is
declared becomes that model. Anything else of the wrong type raises :class:`ApiTypeError` whose
path names the field, e.g. ``['received_data']['organizations'][3]['is_default']``.
"""

import sys
from datetime import date, datetime
from typing import (
    Any,
    Callable,
    ClassVar,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

from openapi_client.exceptions import ApiAttributeError, ApiKeyError, ApiTypeError, ApiValueError, PathItem

none_type = type(None)
file_type = type(sys.stdout.buffer) if hasattr(sys.stdout, "buffer") else object
_MISSING: Any = object()
M = TypeVar("M", bound="OpenApiModel")

__all__ = [
    "ModelNormal",
    "OpenApiModel",
    "check_value",
    "date",
    "datetime",
    "deserialize",
    "field",
    "file_type",
    "model_to_dict",
    "none_type",
    "validate_and_convert_types",
]


class Options:
    """How a conversion behaves: type checks on or off, unknown keys kept or dropped, key naming."""

    __slots__ = ("check", "discard_unknown", "spec_naming", "owned")

    def __init__(self, check: bool = True, discard_unknown: bool = False, spec_naming: bool = True,
                 owned: bool = False) -> None:
        self.check = check
        self.discard_unknown = discard_unknown
        self.spec_naming = spec_naming  # incoming keys are the JSON names (else the Python names)
        self.owned = owned  # the incoming dicts are ours to convert in place (fresh json.loads output)


class _Invalid(Exception):
    """Internal: a value failed its check; ``path`` grows (innermost first) as the error unwinds."""

    def __init__(self, message: str, missing: bool = False, valid: Tuple[type, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing
        self.valid = valid
        self.path: List[PathItem] = []

    def at(self, key: PathItem) -> "_Invalid":
        """Record that the failing value sits under ``key`` (paths are built innermost first)."""
        self.path.append(key)
        return self

    def to_api_error(self, root: Sequence[PathItem],
                     missing_cls: Type[Union[ApiValueError, ApiTypeError]] = ApiValueError) -> Exception:
        path = list(root) + self.path[::-1]
        if self.missing:
            return missing_cls(self.message, path_to_item=path)
        return ApiTypeError(self.message, path_to_item=path, valid_classes=self.valid)


Converter = Callable[[Any, Options], Any]


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp)


def _wrong_type(value: Any, expected: Tuple[type, ...], name: str) -> _Invalid:
    return _Invalid(
        f"Invalid type for variable '{name}'. Required value type is "
        f"{' or '.join(_type_name(t) for t in expected)} and passed type was {type(value).__name__}",
        valid=expected,
    )


def _scalar_converter(tp: type, name: str) -> Converter:
    """Accept exactly ``tp`` (bool is not an int here); widen int to float."""

    def convert(value: Any, opts: Options) -> Any:
        if isinstance(value, tp) and not (isinstance(value, bool) and tp is not bool):
            return value
        if tp is float and type(value) is int:
            return float(value)
        if not opts.check:
            return value
        raise _wrong_type(value, (tp,), name)

    return convert


def _temporal_converter(tp: type, name: str) -> Converter:
    """Accept a ``date``/``datetime``, or an ISO 8601 string parsed by python-dateutil."""

    def convert(value: Any, opts: Options) -> Any:
        if isinstance(value, tp) and (tp is datetime or not isinstance(value, datetime)):
            return value
        if isinstance(value, str):
            from dateutil.parser import isoparse  # imported on first use: it is slow to import

            try:
                parsed = isoparse(value)
            except (ValueError, OverflowError) as exc:
                raise _Invalid(f"Invalid value for '{name}': {value!r} is not an ISO 8601 {tp.__name__}") from exc
            return parsed if tp is datetime else parsed.date()
        if not opts.check:
            return value
        raise _wrong_type(value, (tp, str), name)

    return convert


def _optional_converter(inner: Converter) -> Converter:
    def convert(value: Any, opts: Options) -> Any:
        return None if value is None else inner(value, opts)

    return convert


def _list_converter(inner: Converter, name: str) -> Converter:
    def convert(value: Any, opts: Options) -> Any:
        if type(value) is not list:
            if not opts.check:
                return value
            raise _wrong_type(value, (list,), name)
        out = []
        for index, item in enumerate(value):
            try:
                out.append(inner(item, opts))
            except _Invalid as exc:
                exc.path.append(index)
                raise
        return out

    return convert


def _dict_converter(inner: Converter, name: str) -> Converter:
    def convert(value: Any, opts: Options) -> Any:
        if not isinstance(value, dict):
            if not opts.check:
                return value
            raise _wrong_type(value, (dict,), name)
        out = {}
        for key, item in value.items():
            try:
                out[key] = inner(item, opts)
            except _Invalid as exc:
                exc.path.append(key)
                raise
        return out

    return convert


def _model_converter(model: "Type[ModelNormal]", name: str) -> Converter:
    def convert(value: Any, opts: Options) -> Any:
        if type(value) is dict:  # the common case first: straight from json.loads
            return model._from_mapping(value, opts)
        if isinstance(value, model):
            return value
        if isinstance(value, dict):
            return model._from_mapping(value, opts)
        if not opts.check:
            return value
        raise _wrong_type(value, (model, dict), name)

    return convert


def _any_converter(value: Any, opts: Options) -> Any:
    return value


def converter_for(tp: Any, name: str) -> Converter:
    """Build the converter of a declared type: scalars, date/datetime, Optional, List, Dict, models, Any."""
    origin = get_origin(tp)
    args = get_args(tp)
    if origin is Union:
        others = [a for a in args if a is not none_type]
        inner = converter_for(others[0] if len(others) == 1 else Any, name)
        return _optional_converter(inner) if none_type in args else inner
    if origin is list:
        return _list_converter(converter_for(args[0] if args else Any, name), name)
    if origin is dict:
        return _dict_converter(converter_for(args[1] if args else Any, name), name)
    if isinstance(tp, type) and issubclass(tp, ModelNormal):
        return _model_converter(tp, name)
    if tp in (date, datetime):
        return _temporal_converter(tp, name)
    if tp in (str, bool, int, float):
        return _scalar_converter(tp, name)
    return _any_converter


def _openapi_type(tp: Any) -> Any:
    """The generated clients' spelling of a type: ``(str,)``, ``([OrganizationMembership],)``."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Union:
        return tuple(t for a in args if a is not none_type for t in _openapi_type(a))
    if origin is list:
        return ([_openapi_type(args[0])[0] if args else object],)
    if origin is dict:
        return ({str: _openapi_type(args[1]) if args else (object,)},)
    return (tp,)


class Field:
    """One declared property: Python name, JSON name, type, required-ness, description."""

    __slots__ = ("name", "json_name", "doc", "type", "required", "exact", "convert")

    def __init__(self, doc: str = "", json_name: Optional[str] = None) -> None:
        self.doc = doc
        self.json_name = json_name or ""
        self.name = ""
        self.type: Any = Any
        self.required = True
        self.exact: Any = None  # the one type that needs no conversion, for the fast path
        self.convert: Converter = _any_converter

    def _bind(self, name: str, annotation: Any) -> None:
        self.name = name
        self.json_name = self.json_name or name
        args = get_args(annotation)
        self.required = not (get_origin(annotation) is Union and none_type in args)
        self.type = annotation
        bare = next((a for a in args if a is not none_type), None) if not self.required else annotation
        self.exact = bare if bare in (str, bool, int, float) else _NeverExact
        self.convert = converter_for(annotation, name)

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        return obj._data.get(self.name)

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {_type_name(self.type)}, required={self.required})"


class _NeverExact:
    """A type no value has: fields of this 'exact' type always go through their converter."""


def field(doc: str = "", *, json_name: Optional[str] = None) -> Any:
    """Declare a model field; its type is the annotation. ``json_name`` when it differs from the Python name."""
    return Field(doc, json_name)


class _ModelMeta(type):
    """Turns a model's annotated fields into its tables, once, when the class is created."""

    def __new__(mcs, name: str, bases: Tuple[type, ...], namespace: Dict[str, Any]) -> "_ModelMeta":
        namespace.setdefault("__slots__", ())
        cls = super().__new__(mcs, name, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        own = [(n, f) for n, f in namespace.items() if isinstance(f, Field)]
        for field_name, fld in own:
            fld._bind(field_name, annotations[field_name])
        if own or "_fields" not in namespace:
            _install_tables(cls, tuple(f for _, f in own))
        return cls


def _install_tables(cls: Any, fields: Tuple[Field, ...]) -> None:
    cls._fields = fields
    cls._by_name = {f.name: f for f in fields}
    cls._by_json = {f.json_name: f for f in fields}
    cls._required = tuple(f.name for f in fields if f.required)
    cls._same_names = all(f.name == f.json_name for f in fields)
    cls.attribute_map = {f.name: f.json_name for f in fields}
    cls.openapi_types = {f.name: _openapi_type(f.type) for f in fields}
    cls.required_properties = frozenset(cls._required)


class OpenApiModel(metaclass=_ModelMeta):
    """The root of all models (kept for code written against generated clients)."""

    __slots__ = ()


class ModelNormal(OpenApiModel):
    """A model with named fields: construction, checks, item and attribute access, dict, repr, eq, copy.

    ``Model(required..., optional=...)`` takes the required fields positionally in spec order or
    by keyword. Special keywords, as in generated clients: ``_check_type`` (default True),
    ``_spec_property_naming`` (keys are JSON names), ``_path_to_item``, ``_configuration``
    (its ``discard_unknown_keys`` drops undeclared fields). Undeclared fields are kept and
    readable (``m["new_field"]``) unless discarded.
    """

    __slots__ = ("_data",)
    _data: Dict[str, Any]

    _fields: ClassVar[Tuple[Field, ...]]
    _by_name: ClassVar[Dict[str, Field]]
    _by_json: ClassVar[Dict[str, Field]]
    _required: ClassVar[Tuple[str, ...]]
    _same_names: ClassVar[bool]
    attribute_map: ClassVar[Dict[str, str]]
    openapi_types: ClassVar[Dict[str, Any]]
    required_properties: ClassVar[frozenset]  # type: ignore[type-arg]
    additional_properties_type: ClassVar[Tuple[type, ...]] = (bool, date, datetime, dict, float, int, list, str,
                                                                none_type)
    discriminator: ClassVar[Any] = None
    read_only_vars: ClassVar[frozenset] = frozenset()  # type: ignore[type-arg]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        opts, path = _pop_options(kwargs, spec_naming=False)
        cls = type(self)
        if len(args) > len(cls._required):
            raise ApiTypeError(
                f"{cls.__name__}() takes {len(cls._required)} positional arguments "
                f"({', '.join(cls._required)}) but {len(args)} were given",
                path_to_item=path,
            )
        for name, value in zip(cls._required, args):
            if name in kwargs:
                raise ApiTypeError(f"{cls.__name__}() got multiple values for argument '{name}'", path_to_item=path)
            kwargs[name] = value
        try:
            self._data = cls._convert(kwargs, opts)
        except _Invalid as exc:
            raise exc.to_api_error(path, missing_cls=ApiTypeError) from None

    @classmethod
    def _from_openapi_data(cls: Type[M], *args: Any, **kwargs: Any) -> M:
        """Build from data as the server sends it (JSON names); raises ApiTypeError/ApiValueError."""
        opts, path = _pop_options(kwargs, spec_naming=True)
        for name, value in zip(cls._required, args):  # type: ignore[attr-defined]
            kwargs[cls._by_name[name].json_name] = value  # type: ignore[attr-defined]
        try:
            return cls._from_mapping(kwargs, opts)  # type: ignore[attr-defined,no-any-return]
        except _Invalid as exc:
            raise exc.to_api_error(path) from None

    @classmethod
    def _from_mapping(cls: Type[M], data: Dict[str, Any], opts: Options) -> M:
        obj = cls.__new__(cls)
        _set_data(obj, cls._convert(data, opts))  # type: ignore[attr-defined]
        return obj

    @classmethod
    def _convert(cls, data: Dict[str, Any], opts: Options) -> Dict[str, Any]:
        """Check and convert ``data`` into the field store (keyed by Python names); raises _Invalid."""
        if not (opts.owned and (cls._same_names or not opts.spec_naming)):
            data = cls._renamed(data, opts.spec_naming)
        present = 0
        for fld in cls._fields:
            value = data.get(fld.name, _MISSING)
            if value is _MISSING:
                if fld.required and opts.check:
                    raise _Invalid(f"{cls.__name__} is missing the required field '{fld.json_name}'", missing=True,
                                   valid=(fld.type,)).at(fld.json_name)
                continue
            present += 1
            if type(value) is not fld.exact:
                try:
                    data[fld.name] = fld.convert(value, opts)
                except _Invalid as exc:
                    exc.path.append(fld.json_name)
                    raise
        if present != len(data) and opts.discard_unknown:
            for key in [k for k in data if k not in cls._by_name]:
                del data[key]
        return data

    @classmethod
    def _renamed(cls, data: Mapping[str, Any], spec_naming: bool) -> Dict[str, Any]:
        """A fresh dict keyed by Python names."""
        if not spec_naming or cls._same_names:
            return dict(data)
        by_json = cls._by_json
        return {(by_json[k].name if k in by_json else k): v for k, v in data.items()}

    # --- access --------------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        # only reached for names that are not fields: undeclared properties the server sent
        if name.startswith("__") or name == "_data":
            raise AttributeError(name)
        try:
            return self._data[name]
        except KeyError:
            raise ApiAttributeError(f"{type(self).__name__} has no attribute '{name}'", [name]) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_data":
            object.__setattr__(self, name, value)
        else:
            self[name] = value

    def __getitem__(self, name: str) -> Any:
        data = self._data
        if name in data:
            return data[name]
        if name in self._by_name:
            return None
        raise ApiKeyError(f"{type(self).__name__} has no key '{name}'", [name])

    def __setitem__(self, name: str, value: Any) -> None:
        fld = self._by_name.get(name)
        if fld is not None:
            if value is None and not fld.required:
                self._data[name] = None
                return
            try:
                value = fld.convert(value, _CHECKED)
            except _Invalid as exc:
                raise exc.to_api_error([name]) from None
        self._data[name] = value

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def get(self, name: str, default: Any = None) -> Any:
        """The value of ``name``, or ``default`` when it is not set."""
        return self._data.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    # --- conversion and comparison -------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The model as plain Python data, keyed by Python names; nested models become dicts."""
        return model_to_dict(self, serialize=False)

    def to_str(self) -> str:
        """The model as a pretty-printed dict."""
        import pprint

        return pprint.pformat(self.to_dict())

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self._data.items())
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._data == other._data

    __hash__ = None  # type: ignore[assignment]  # models are mutable

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_restore, (type(self), self._data))

    def __copy__(self: M) -> M:
        return _restore(type(self), dict(self._data))  # type: ignore[attr-defined]

    def __deepcopy__(self: M, memo: Dict[int, Any]) -> M:
        import copy

        return _restore(type(self), copy.deepcopy(self._data, memo))  # type: ignore[attr-defined]


# the slot's own setter: faster than going through ModelNormal.__setattr__
_set_data = ModelNormal.__dict__["_data"].__set__


def _restore(cls: Type[M], data: Dict[str, Any]) -> M:
    obj = cls.__new__(cls)
    _set_data(obj, data)
    return obj


_CHECKED = Options(check=True, spec_naming=False)


def _pop_options(kwargs: Dict[str, Any], spec_naming: bool) -> Tuple[Options, List[PathItem]]:
    """Take the generated clients' special keywords out of ``kwargs``."""
    check = kwargs.pop("_check_type", True)
    spec_naming = kwargs.pop("_spec_property_naming", spec_naming)
    path = list(kwargs.pop("_path_to_item", ()))
    configuration = kwargs.pop("_configuration", None)
    kwargs.pop("_visited_composed_classes", None)
    discard = bool(getattr(configuration, "discard_unknown_keys", False))
    return Options(check=check, discard_unknown=discard, spec_naming=spec_naming), path


def model_to_dict(model: ModelNormal, serialize: bool = True) -> Dict[str, Any]:
    """``model`` as plain data: keyed by JSON names when ``serialize``, else by Python names."""
    names = model.attribute_map if serialize else {}
    return {names.get(k, k): _plain(v, serialize) for k, v in model._data.items()}


def _plain(value: Any, serialize: bool) -> Any:
    if isinstance(value, ModelNormal):
        return model_to_dict(value, serialize)
    if isinstance(value, list):
        return [_plain(v, serialize) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, serialize) for k, v in value.items()}
    return value


def check_value(convert: Converter, value: Any, path: Sequence[PathItem]) -> Any:
    """``value`` checked and converted by ``convert``; raises ApiTypeError/ApiValueError at ``path``."""
    try:
        return convert(value, _CHECKED)
    except _Invalid as exc:
        raise exc.to_api_error(path) from None


def deserialize(
    data: Any,
    declared_type: Any,
    path: Sequence[PathItem] = ("received_data",),
    check: bool = True,
    discard_unknown: bool = False,
) -> Any:
    """Turn ``json.loads`` output into ``declared_type`` in place; raises ApiTypeError/ApiValueError with a path."""
    opts = Options(check=check, discard_unknown=discard_unknown, spec_naming=True, owned=True)
    try:
        return converter_for(declared_type, str(path[-1]) if path else "data")(data, opts)
    except _Invalid as exc:
        raise exc.to_api_error(path) from None


def validate_and_convert_types(
    input_value: Any,
    required_types_mixed: Any,
    path_to_item: Sequence[PathItem],
    spec_property_naming: bool,
    _check_type: bool,
    configuration: Any = None,
) -> Any:
    """Generated clients' name for checking ``input_value`` against a type (a type or a tuple of them)."""
    declared = required_types_mixed
    if isinstance(declared, tuple):
        declared = declared[0] if len(declared) == 1 else Any
    opts = Options(check=_check_type, spec_naming=spec_property_naming,
                   discard_unknown=bool(getattr(configuration, "discard_unknown_keys", False)))
    try:
        return converter_for(declared, str(path_to_item[-1]) if path_to_item else "value")(input_value, opts)
    except _Invalid as exc:
        raise exc.to_api_error(path_to_item) from None
