"""The one base every model stands on: fields declared once, checked and converted fast.

A model file only declares its fields, in the order of its spec entry::

    class BalanceResponseBody(ModelNormal):
        \"\"\"The credit balance of an account or organization.\"\"\"

        credits: float = field("The balance of the account/organization associated with the API key")

A field with ``default=None`` is optional (and keyword-only); any other is required, positional
in declaration order. At class creation the metaclass turns the annotations into a table of fields
with one compiled converter each (see :mod:`openapi_client._conversion`), so building a model from
a ``json.loads`` result is a short loop of identity checks, not a chain of calls. Type checkers see
a dataclass-like constructor (``typing.dataclass_transform``), and ``help()`` shows each field's
type and description.

Behaviour is that of python-prior models: ``Model(required..., optional=..., **additional)``,
``_from_openapi_data`` / ``_new_from_openapi_data`` for server data, ``_check_type``,
``_spec_property_naming``, ``_path_to_item`` and ``_configuration`` keywords, item and attribute
access, ``to_dict()``, ``repr``/``str`` as ``pprint.pformat(to_dict())``, ``==``, and the same
error wording. One deliberate difference: an optional field that is not set reads as ``None``
(generated models raise ``ApiAttributeError``).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
    Type,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

from openapi_client._conversion import (
    ADDITIONAL_PROPERTIES_TYPE,
    Converter,
    Invalid,
    Options,
    as_spec,
    compile_spec,
    deserialize_file,
    file_type,
    missing_arguments_message,
    none_type,
)
from openapi_client.exceptions import ApiAttributeError, ApiValueError, PathItem

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        """``typing.dataclass_transform`` is for type checkers only; at run time it changes nothing."""
        return lambda target: target

M = TypeVar("M", bound="OpenApiModel")
_REQUIRED: Any = object()
_MISSING: Any = object()

__all__ = [
    "ModelComposed",
    "ModelNormal",
    "ModelSimple",
    "OpenApiModel",
    "check_allowed_values",
    "check_validations",
    "date",
    "datetime",
    "deserialize",
    "deserialize_file",
    "field",
    "file_type",
    "model_to_dict",
    "none_type",
    "validate_and_convert_types",
]


class Field:
    """One declared property: Python name, JSON name, type, required-ness, description.

    A data descriptor: ``model.field`` reads the value (``None`` when an optional field is not
    set), assignment type-checks it. ``help()`` lists each field with its type and description.
    """

    # no __slots__: each field carries its own __doc__ (type and description), which help() shows

    def __init__(self, doc: str = "", json_name: Optional[str] = None, required: bool = True) -> None:
        self.doc = doc
        self.json_name = json_name or ""
        self.required = required
        self.name = ""
        self.type: Any = Any
        self.spec: Tuple[Any, ...] = ()
        self.exact: Any = None
        self.convert: Converter = compile_spec(Any)
        self.__doc__ = doc

    def _bind(self, name: str, annotation: Any) -> None:
        self.name = name
        self.json_name = self.json_name or name
        self.type = annotation
        self.spec = as_spec(annotation)
        # the one class a value may have to need no conversion at all: the fast path
        only = self.spec[0] if len(self.spec) == 1 else None
        self.exact = only if only in (str, bool, float) else _NeverExact
        self.convert = compile_spec(self.spec)
        optional = "" if self.required else ", optional"
        self.__doc__ = f"{type_name(annotation)}{optional}: {self.doc}"

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        return obj._data.get(self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        obj[self.name] = value

    def __repr__(self) -> str:
        return f"<field {self.name}: {self.__doc__}>"


class _NeverExact:
    """A type no value has: fields of this 'exact' type always go through their converter."""


def field(doc: str = "", *, default: Any = _REQUIRED, kw_only: bool = False, json_name: Optional[str] = None) -> Any:
    """Declare a model field; its type is the annotation.

    ``default=None`` makes it optional (with ``kw_only=True``, as generated models take optional
    fields by keyword only); ``json_name`` when the spec's name differs from the Python name.
    """
    if default is not _REQUIRED and default is not None:
        raise ValueError("a field's default can only be None (optional)")
    return Field(doc, json_name, required=default is _REQUIRED)


def type_name(annotation: Any) -> str:
    """A readable name for an annotation: ``str``, ``List[OrganizationMembership]``, ``Optional[str]``."""
    if isinstance(annotation, type):
        return annotation.__name__
    args = get_args(annotation)
    if not args:
        return str(annotation).replace("typing.", "")
    if get_origin(annotation) is Union:
        others = [a for a in args if a is not none_type]
        inner = ", ".join(type_name(a) for a in others)
        return f"Optional[{inner}]" if len(others) < len(args) and len(others) == 1 else f"Union[{inner}]"
    name = getattr(annotation, "_name", None) or type_name(get_origin(annotation))
    return f"{name}[{', '.join(type_name(a) for a in args)}]"


class _ModelMeta(type):
    """Turns a model's annotated fields into its tables, once, when the class is created."""

    @property
    def __signature__(cls) -> Any:
        """The constructor's signature, for ``help()``, ``inspect`` and editors (built on first use)."""
        return _signature(cls._fields)  # type: ignore[attr-defined]

    def __new__(mcs, name: str, bases: Tuple[type, ...], namespace: Dict[str, Any]) -> _ModelMeta:
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
    cls._required_keys = frozenset(cls._required)
    cls._checks = tuple((f.name, f.exact, f) for f in fields)  # the hot loop's view of the fields
    cls._same_names = all(f.name == f.json_name for f in fields)
    # the keys of data that may skip renaming and conversion (see _from_mapping); none when names differ
    cls._exact_keys = frozenset(f.name for f in fields) if cls._same_names else None
    cls.attribute_map = {f.name: f.json_name for f in fields}
    cls.openapi_types = {f.name: f.spec for f in fields}


def _signature(fields: Sequence[Field]) -> Any:
    """A model constructor's signature: required fields, then optional ones (keyword-only), then extras."""
    import inspect

    kind = inspect.Parameter
    params = [kind(f.name, kind.POSITIONAL_OR_KEYWORD, annotation=f.type) for f in fields if f.required]
    params += [kind(f.name, kind.KEYWORD_ONLY, default=None, annotation=f.type) for f in fields if not f.required]
    params.append(kind("additional_properties", kind.VAR_KEYWORD, annotation=Any))
    return inspect.Signature(params)


class OpenApiModel(metaclass=_ModelMeta):
    """The root of all models (kept for code written against generated clients)."""

    __slots__ = ()


class ModelSimple(OpenApiModel):
    """Generated clients' base of single-value models; no model of this API is one."""

    __slots__ = ()


class ModelComposed(OpenApiModel):
    """Generated clients' base of oneOf/anyOf/allOf models; no model of this API is one."""

    __slots__ = ()


@dataclass_transform(field_specifiers=(field,))
class ModelNormal(OpenApiModel):
    """A model with named fields: construction, checks, item and attribute access, dict, repr, eq, copy.

    ``Model(required..., optional=..., **additional_properties)`` takes the required fields
    positionally in spec order or by keyword, optional ones by keyword. Special keywords, as in
    generated clients: ``_check_type`` (default True), ``_spec_property_naming`` (keys are JSON
    names), ``_path_to_item``, ``_configuration`` (present: data from the server, converted as
    generated clients convert it). Undeclared fields are kept and readable (``m["new_field"]``).
    """

    __slots__ = ("_data",)
    if TYPE_CHECKING:
        _data: Dict[str, Any]

    _fields: ClassVar[Tuple[Field, ...]]
    _by_name: ClassVar[Dict[str, Field]]
    _by_json: ClassVar[Dict[str, Field]]
    _required: ClassVar[Tuple[str, ...]]
    _required_keys: ClassVar[FrozenSet[str]]
    _checks: ClassVar[Tuple[Tuple[str, Any, Field], ...]]
    _exact_keys: ClassVar[Optional[FrozenSet[str]]]
    _same_names: ClassVar[bool]
    attribute_map: ClassVar[Dict[str, str]]
    openapi_types: ClassVar[Dict[str, Tuple[Any, ...]]]
    required_properties: ClassVar[FrozenSet[str]] = frozenset({
        "_data_store", "_check_type", "_spec_property_naming", "_path_to_item", "_configuration",
        "_visited_composed_classes"})
    additional_properties_type: ClassVar[Optional[Tuple[type, ...]]] = ADDITIONAL_PROPERTIES_TYPE
    allowed_values: ClassVar[Dict[Any, Any]] = {}
    validations: ClassVar[Dict[Any, Any]] = {}
    read_only_vars: ClassVar[Dict[str, Any]] = {}
    discriminator: ClassVar[Any] = None
    _nullable: ClassVar[bool] = False
    _composed_schemas: ClassVar[Dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        opts, path = _options(kwargs, spec_naming=False)
        try:
            data = type(self)._bind_arguments(args, kwargs, opts, "__init__", path)
            object.__setattr__(self, "_data", type(self)._convert(data, opts))
        except Invalid as exc:
            raise exc.to_api_error(path) from None

    @classmethod
    def _from_openapi_data(cls: Type[M], *args: Any, **kwargs: Any) -> M:
        """Build from data as the server sends it (JSON names); raises ApiTypeError/ApiValueError."""
        opts, path = _options(kwargs, spec_naming=True)
        try:
            data = cls._bind_arguments(args, kwargs, opts, "_from_openapi_data", path)  # type: ignore[attr-defined]
            return cls._from_data(cls._convert(data, opts))  # type: ignore[attr-defined, no-any-return]
        except Invalid as exc:
            raise exc.to_api_error(path) from None

    _new_from_openapi_data = _from_openapi_data

    @classmethod
    def _from_data(cls: Type[M], data: Dict[str, Any]) -> M:
        obj = cls.__new__(cls)
        _set_data(obj, data)
        return obj

    @classmethod
    def _from_mapping(cls: Type[M], data: Dict[str, Any], opts: Options) -> M:
        """Build from a mapping of server or user data; its keys never act as options. Raises Invalid.

        The fast path, for fresh server data that holds exactly the declared fields, each of its
        declared class (every organization of an account, as a rule), stores the dict as it is.
        """
        if opts.owned and opts.check and data.keys() == cls._exact_keys:  # type: ignore[attr-defined]
            for name, exact, _ in cls._checks:  # type: ignore[attr-defined]
                if type(data[name]) is not exact:
                    break
            else:
                obj = cls.__new__(cls)
                _set_data(obj, data)
                return obj
        obj = cls.__new__(cls)
        _set_data(obj, cls._convert(data, opts))  # type: ignore[attr-defined]
        return obj

    @classmethod
    def _from_positional(cls: Type[M], values: List[Any], opts: Options) -> M:
        """Build from a JSON array read as positional arguments, as generated clients do. Raises Invalid."""
        by_position = Options(opts.check, opts.from_server, False, True, opts.configuration)
        data = cls._bind_arguments(tuple(values), {}, by_position, "_from_openapi_data", ())  # type: ignore[attr-defined]
        return cls._from_mapping(data, by_position)  # type: ignore[attr-defined, no-any-return]

    @classmethod
    def _bind_arguments(cls, args: Tuple[Any, ...], kwargs: Dict[str, Any], opts: Options, function: str,
                        path: Sequence[PathItem]) -> Dict[str, Any]:
        """Positional and keyword arguments as one dict, as Python binds a generated model's signature."""
        required = cls._required
        for position, name in enumerate(required[: len(args)]):
            key = cls._by_name[name].json_name if opts.spec_naming else name
            if key in kwargs:
                raise Invalid(message=f"{_qualified(cls, function)}() got multiple values for argument '{name}'",
                              path_in_message=False)
            kwargs[key] = args[position]
        extra = args[len(required):]
        if extra:
            if not all(isinstance(arg, dict) for arg in extra):
                raise Invalid(message=f"Invalid positional arguments={extra} passed to {cls.__name__}. Remove those "
                                      f"invalid positional arguments.")
            for arg in extra:
                kwargs.update(arg)
        return kwargs

    @classmethod
    def _convert(cls, data: Dict[str, Any], opts: Options) -> Dict[str, Any]:
        """Check and convert ``data`` into the field store (keyed by Python names); raises Invalid."""
        if not (opts.owned and (cls._same_names or not opts.spec_naming)):
            data = cls._renamed(data, opts.spec_naming)
        if not cls._required_keys <= data.keys():
            missing = [name for name in cls._required if name not in data]
            function = "_from_openapi_data" if opts.spec_naming else "__init__"
            raise Invalid(message=missing_arguments_message(cls, function, missing), path_in_message=False)
        if not opts.check:
            return data
        present = 0
        get = data.get
        for name, exact, fld in cls._checks:
            value = get(name, _MISSING)
            if value is _MISSING:
                continue
            present += 1
            if type(value) is not exact:
                try:
                    data[name] = fld.convert(value, opts)
                except Invalid as exc:
                    raise exc.at(name) from None
        if present != len(data):
            cls._convert_additional(data, opts)
        return data

    @classmethod
    def _convert_additional(cls, data: Dict[str, Any], opts: Options) -> None:
        """Check the undeclared (additional) properties, or refuse/drop them where the schema forbids them."""
        allowed = cls.additional_properties_type
        by_name = cls._by_name
        for key in [k for k in data if k not in by_name]:
            if allowed is None:
                if getattr(opts.configuration, "discard_unknown_keys", False):
                    del data[key]
                    continue
                raise Invalid(message=f"{cls.__name__} has no attribute '{key}'", kind=ApiAttributeError).at(key)
            try:
                data[key] = _ADDITIONAL(data[key], opts)
            except Invalid as exc:
                raise exc.at(key) from None

    @classmethod
    def _renamed(cls, data: Mapping[str, Any], spec_naming: bool) -> Dict[str, Any]:
        """A fresh dict keyed by Python names."""
        if not spec_naming or cls._same_names:
            return dict(data)
        by_json = cls._by_json
        return {(by_json[k].name if k in by_json else k): v for k, v in data.items()}

    # --- access --------------------------------------------------------------------------

    if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt field is an error there

        def __getattr__(self, name: str) -> Any:
            # only reached for names that are not fields: undeclared properties the server sent
            if name.startswith("__") or name == "_data":
                raise AttributeError(name)
            return self[name]

        def __setattr__(self, name: str, value: Any) -> None:
            self[name] = value

    def __getitem__(self, name: str) -> Any:
        data = self._data
        if name in data:
            return data[name]
        if name in self._by_name:
            return None
        raise ApiAttributeError(f"{type(self).__name__} has no attribute '{name}'", [name])

    def __setitem__(self, name: str, value: Any) -> None:
        if name in self.required_properties:  # generated models' per-instance options: not kept here
            return
        fld = self._by_name.get(name)
        convert = fld.convert if fld is not None else _ADDITIONAL
        if fld is None and self.additional_properties_type is None:
            raise ApiAttributeError(f"{type(self).__name__} has no attribute '{name}'", [name])
        try:
            value = convert(value, _USER)
        except Invalid as exc:
            raise exc.to_api_error([name]) from None
        self._data[name] = value

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def get(self, name: str, default: Any = None) -> Any:
        """The value of ``name``, or ``default`` when it is not set."""
        return self._data.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    @property
    def _data_store(self) -> Dict[str, Any]:
        """Generated models' name for the field store."""
        return self._data

    # --- conversion and comparison -------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The model as plain Python data, keyed by Python names; nested models become dicts."""
        return model_to_dict(self, serialize=False)

    def to_str(self) -> str:
        """The model as a pretty-printed dict (what ``repr``, ``str`` and ``pprint`` show)."""
        import pprint

        return pprint.pformat(self.to_dict())

    def __repr__(self) -> str:
        try:
            return self.to_str()
        except AttributeError:  # not built yet (seen by debuggers and error trackers mid-construction)
            return f"<{type(self).__name__}, not initialised>"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return False
        return bool(self._data == other._data)

    def __ne__(self, other: object) -> bool:
        return not self == other

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
_ADDITIONAL = compile_spec(ADDITIONAL_PROPERTIES_TYPE)
_USER = Options()


def _restore(cls: Type[M], data: Dict[str, Any]) -> M:
    obj = cls.__new__(cls)
    _set_data(obj, data)
    return obj


def _qualified(cls: type, function: str) -> str:
    return f"{cls.__name__}.{function}" if sys.version_info >= (3, 10) else function


def _options(kwargs: Dict[str, Any], spec_naming: bool) -> Tuple[Options, List[PathItem]]:
    """Take the generated clients' special keywords out of ``kwargs``."""
    check = kwargs.pop("_check_type", True)
    spec_naming = kwargs.pop("_spec_property_naming", spec_naming)
    path = list(kwargs.pop("_path_to_item", ()))
    configuration = kwargs.pop("_configuration", None)
    kwargs.pop("_visited_composed_classes", None)
    return Options(check=bool(check), from_server=configuration is not None, spec_naming=bool(spec_naming),
                   configuration=configuration), path


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


def validate_and_convert_types(
    input_value: Any,
    required_types_mixed: Any,
    path_to_item: Sequence[PathItem],
    spec_property_naming: bool,
    _check_type: bool,
    configuration: Any = None,
) -> Any:
    """Check ``input_value`` against a spec such as ``(str,)`` or ``([Model],)``, converting as generated clients do.

    With a ``configuration`` the value counts as data from the server: an ``int`` may become a
    ``float`` and an ISO 8601 string a ``date``/``datetime``. Lists and dicts are converted in
    place. Raises ApiTypeError (or ApiValueError) naming the path.
    """
    opts = Options(check=bool(_check_type), from_server=bool(configuration), spec_naming=bool(spec_property_naming),
                   owned=True, configuration=configuration)
    try:
        return compile_spec(required_types_mixed)(input_value, opts)
    except Invalid as exc:
        raise exc.to_api_error(path_to_item) from None


def deserialize(data: Any, declared_type: Any, path: Sequence[PathItem] = ("received_data",),
                check: bool = True, configuration: Any = True) -> Any:
    """Turn ``json.loads`` output into ``declared_type`` (a spec or a class) in place, as data from the server."""
    opts = Options(check=check, from_server=configuration is not None, spec_naming=True, owned=True,
                   configuration=configuration)
    try:
        return compile_spec(declared_type)(data, opts)
    except Invalid as exc:
        raise exc.to_api_error(path) from None


def check_allowed_values(allowed_values: Dict[Any, Any], input_variable_path: Tuple[str, ...],
                         input_values: Any) -> None:
    """Raise ApiValueError when ``input_values`` are not among the enum values allowed (generated clients' helper)."""
    allowed = list(allowed_values[input_variable_path].values())
    values = input_values.keys() if isinstance(input_values, dict) else (
        input_values if isinstance(input_values, list) else [input_values])
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ApiValueError(f"Invalid value for `{input_variable_path[0]}` ({', '.join(map(str, bad))}), "
                            f"must be one of {allowed}")


def check_validations(validations: Dict[Any, Any], input_variable_path: Tuple[str, ...], input_values: Any,
                      configuration: Any = None) -> None:
    """Raise ApiValueError when ``input_values`` break the schema's length or range rules (generated
    clients' helper)."""
    if input_values is None:
        return
    rules = validations.get(input_variable_path, {})
    disabled: Set[str] = getattr(configuration, "_disabled_client_side_validations", set())
    name = input_variable_path[0]
    checks: List[Tuple[str, str, Callable[[Any, Any], bool], str]] = [
        ("max_length", "maxLength", lambda v, r: len(v) > r, "length must be less than or equal to"),
        ("min_length", "minLength", lambda v, r: len(v) < r, "length must be greater than or equal to"),
        ("inclusive_maximum", "maximum", lambda v, r: v > r, "must be a value less than or equal to"),
        ("inclusive_minimum", "minimum", lambda v, r: v < r, "must be a value greater than or equal to"),
        ("exclusive_maximum", "exclusiveMaximum", lambda v, r: v >= r, "must be a value less than"),
        ("exclusive_minimum", "exclusiveMinimum", lambda v, r: v <= r, "must be a value greater than"),
    ]
    for rule, keyword, broken, wording in checks:
        if rule in rules and keyword not in disabled and broken(input_values, rules[rule]):
            raise ApiValueError(f"Invalid value for `{name}`, {wording} `{rules[rule]}`")
