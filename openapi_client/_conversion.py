"""Type specs and the rules that check and convert values against them, compiled once per spec.

A *spec* is what generated python-prior clients use to describe a type: a tuple of alternatives,
each a class, a list ``[alternatives...]`` (a list of those) or a dict ``{str: (alternatives,)}``
(a dict of those), e.g. ``(str,)``, ``([OrganizationMembership],)``, ``({str: (int,)},)``,
``(str, none_type)``. Typing annotations (``List[X]``, ``Dict[str, X]``, ``Optional[X]``) are
turned into specs first, so there is one set of rules. :func:`compile_spec` turns a spec into a
converter ``convert(value, options)`` that returns the checked (and maybe converted) value or
raises :class:`Invalid`.

The rules are python-prior's, so values and error messages match generated clients:

- a value whose class is one of the allowed classes is accepted as it is (a ``bool`` is not an
  ``int``, an ``int`` is not a ``float``);
- otherwise it is converted only where generated clients convert: a ``dict`` (or, from the
  server, a ``list``) becomes a model; and only for data from the server (``from_server``), an
  ``int`` becomes a ``float`` and a ISO 8601 ``str`` a ``date``/``datetime`` (also, for the
  free-form extra fields of a model, where a value may be of several types);
- anything else raises ``Invalid type for variable 'x'. Required value type is float and passed
  type was str``, with the path to the value.

Models are recognised by duck typing (a class with ``_from_mapping``), so this module imports
nothing but the exceptions.
"""

from __future__ import annotations

import io
import os
import re
import sys
from datetime import date, datetime
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, get_args, get_origin

from openapi_client._display import LazyRegex
from openapi_client.exceptions import ApiTypeError, ApiValueError, PathItem

none_type = type(None)
file_type = io.IOBase

Converter = Callable[[Any, "Options"], Any]

#: The classes a model's undeclared (additional) properties may have, as in generated clients.
ADDITIONAL_PROPERTIES_TYPE: Tuple[type, ...] = (bool, date, datetime, dict, float, int, list, str, none_type)


class Options:
    """How one conversion runs.

    ``check``: type-check model fields (off: store them as they come); ``from_server``: the data
    came from the server (a configuration is at hand), so server-side conversions apply;
    ``spec_naming``: keys are the spec's JSON names; ``owned``: containers may be converted in
    place (fresh ``json.loads`` output); ``configuration``: where downloaded files go.
    """

    __slots__ = ("check", "from_server", "spec_naming", "owned", "configuration")

    def __init__(self, check: bool = True, from_server: bool = False, spec_naming: bool = False,
                 owned: bool = False, configuration: Any = None) -> None:
        self.check = check
        self.from_server = from_server
        self.spec_naming = spec_naming
        self.owned = owned
        self.configuration = configuration


class Invalid(Exception):
    """Internal: a value failed its spec. ``path`` grows (innermost first) as the error unwinds;
    :meth:`to_api_error` makes the SDK exception once the whole path is known.

    Either a type error about ``value`` (``valid``: the classes it may have), or ``message`` for an
    exception of class ``kind`` worded elsewhere (``path_in_message``: whether its text ends with
    the path, as generated clients' ``ApiValueError`` does, or only carries it in ``path_to_item``).
    """

    def __init__(self, value: Any = None, valid: Tuple[Any, ...] = (), key_type: bool = False, *,
                 message: Optional[str] = None, kind: type = ApiTypeError, path_in_message: bool = True) -> None:
        super().__init__()
        self.value = value
        self.valid = valid
        self.key_type = key_type
        self.message = message
        self.kind = kind
        self.path_in_message = path_in_message
        self.path: List[PathItem] = []

    def at(self, key: PathItem) -> Invalid:
        """Record that the failing value sits under ``key``."""
        self.path.append(key)
        return self

    def to_api_error(self, root: Sequence[PathItem]) -> Exception:
        """The SDK exception, with the path from ``root`` down to the failing value."""
        path = list(root) + self.path[::-1]
        if self.message is None:
            return ApiTypeError(type_error_message(self.value, path[-1] if path else "", self.valid, self.key_type),
                                path_to_item=path, valid_classes=self.valid, key_type=self.key_type)
        error = self.kind(self.message, path_to_item=path if self.path_in_message else None)
        error.path_to_item = path or None
        return error  # type: ignore[no-any-return]


def type_error_message(value: Any, name: PathItem, valid: Sequence[Any], key_type: bool = False) -> str:
    """Generated clients' wording, e.g. ``Invalid type for variable 'x'. Required value type is str and passed
    type was int``."""
    names = sorted(getattr(cls, "__name__", str(cls)) for cls in valid)
    phrase = f"is {names[0]}" if len(names) == 1 else f"is one of [{', '.join(names)}]"
    return (f"Invalid type for variable '{name}'. Required {'key' if key_type else 'value'} type {phrase} "
            f"and passed type was {type(value).__name__}")


def missing_arguments_message(cls: type, function: str, names: Sequence[str]) -> str:
    """Python's own wording for a call without required arguments, as generated models raise it."""
    quoted = [f"'{name}'" for name in names]
    if len(quoted) == 1:
        listed = quoted[0]
    elif len(quoted) == 2:
        listed = f"{quoted[0]} and {quoted[1]}"
    else:
        listed = ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
    qualified = f"{cls.__name__}.{function}" if sys.version_info >= (3, 10) else function
    plural = "s" if len(names) > 1 else ""
    return f"{qualified}() missing {len(names)} required positional argument{plural}: {listed}"


def is_model_class(tp: Any) -> bool:
    """Whether ``tp`` is a model class (it can be built from a mapping)."""
    return isinstance(tp, type) and hasattr(tp, "_from_mapping")


# --- the simple class of a value, and what may be converted into what ------------------------

_SIMPLE_BY_TYPE: Dict[type, type] = {t: t for t in (bool, int, float, str, list, dict, tuple, datetime, date)}
_SIMPLE_BY_TYPE[none_type] = none_type


def simple_class(value: Any) -> Any:
    """The class a value is checked as: ``bool`` before ``int``, ``datetime`` before ``date``, files as
    ``file_type``."""
    found = _SIMPLE_BY_TYPE.get(type(value))
    if found is not None:
        return found
    if isinstance(value, type):
        return value
    for base in (tuple, list, dict, bool, int, datetime, date, str):
        if isinstance(value, base):
            return base
    if isinstance(value, file_type):
        return file_type
    return type(value)


_MODEL = "model"  # stands for every model class in the tables below
_COERCION_ORDER: Dict[Any, int] = {_MODEL: 1, none_type: 3, list: 4, dict: 5, float: 6, int: 7, bool: 8,
                                   datetime: 9, date: 10, str: 11, file_type: 12}
_UPCONVERSIONS = frozenset({(str, datetime), (str, date), (int, float), (list, _MODEL), (dict, _MODEL)})
_SERVER_COERCIONS = frozenset({(dict, _MODEL), (list, _MODEL), (str, datetime), (str, date), (str, file_type)})


def _kind(cls: Any) -> Any:
    return _MODEL if is_model_class(cls) else cls


def _coercible(valid: Sequence[Any], simple: Any, from_server: bool, must_convert: bool) -> List[Any]:
    """The classes of ``valid`` a value of class ``simple`` may be converted to, in the order to try them."""
    candidates = []
    for cls in sorted(valid, key=lambda c: _COERCION_ORDER.get(_kind(c), 99)):
        pair = (simple, _kind(cls))
        if pair[1] is simple:
            continue
        if (must_convert and from_server and pair in _SERVER_COERCIONS) or pair in _UPCONVERSIONS:
            candidates.append(cls)
    return candidates


def _convert_to(value: Any, cls: Any, opts: Options) -> Any:
    """Convert ``value`` into ``cls`` (a model, float, date, datetime or file); raises Invalid."""
    if is_model_class(cls):
        if isinstance(value, list):
            return cls._from_positional(value, opts)
        return cls._from_mapping(value, opts)
    if cls is file_type:
        return deserialize_file(value, opts.configuration)
    if cls in (date, datetime):
        return _parse_temporal(value, cls)
    return cls(value)


def _parse_temporal(text: str, cls: type) -> Any:
    from dateutil.parser import parse  # imported on first use: it is slow to import

    hint = ("If you need your parameter to have a fallback string value, please set its type as "
            "`type: {}` in your spec. That allows the value to be any type. ")
    try:
        if len(text) < 8:
            raise ValueError(f"This is not a {cls.__name__}")
        parsed = parse(text)
        if cls is date:
            return parsed.date()
        if not (parsed.hour or parsed.minute or parsed.second) and parsed.tzinfo is None and len(text) <= 10:
            raise ValueError("This is a date, not a datetime")
        return parsed
    except (OverflowError, ValueError) as exc:
        raise Invalid(message=f"{hint}Failed to parse {text!r} as {cls.__name__}", kind=ApiValueError) from exc


# --- compiling specs ------------------------------------------------------------------------------

def as_spec(tp: Any) -> Tuple[Any, ...]:
    """A python-prior spec for a typing annotation (a spec given already is returned as it is)."""
    if isinstance(tp, tuple):
        return tp
    if isinstance(tp, (list, dict)):
        return (tp,)
    origin, args = get_origin(tp), get_args(tp)
    if origin is list:
        return ([*as_spec(args[0])] if args else [object],)
    if origin is dict:
        return ({str: as_spec(args[1]) if args else ADDITIONAL_PROPERTIES_TYPE},)
    if origin is not None and args:  # Union / Optional: the alternatives (an absent value is not None)
        return tuple(t for arg in args if arg is not none_type for t in as_spec(arg))
    if tp is Any:
        return ADDITIONAL_PROPERTIES_TYPE
    return (tp,)


_compiled: Dict[Any, Converter] = {}


def compile_spec(spec: Any) -> Converter:
    """The converter for ``spec`` (a python-prior spec, a class, or a typing annotation); compiled once per spec."""
    try:
        return _compiled[spec]
    except KeyError:
        converter = _compiled[spec] = _compile(spec)
        return converter
    except TypeError:  # a spec holding lists or dicts cannot be a key: compile it each time
        return _compile(spec)


def _compile(spec: Any) -> Converter:
    alternatives = as_spec(spec)
    if len(alternatives) == 1 and isinstance(alternatives[0], type):
        only = alternatives[0]
        if is_model_class(only):
            return _model_converter(only)
        if only in (str, bool):
            return _exact_converter(only)
    return _general_converter(alternatives)


def _exact_converter(cls: type) -> Converter:
    """A spec of one plain class that nothing converts into (``str``, ``bool``)."""
    valid = (cls,)

    def convert(value: Any, opts: Options) -> Any:
        if type(value) is cls or simple_class(value) is cls:
            return value
        raise Invalid(value, valid)

    return convert


def _model_converter(model: Any) -> Converter:
    """A spec of one model class: a dict (or, from the server, a list) becomes the model."""
    valid = (model,)

    def convert(value: Any, opts: Options) -> Any:
        kind = type(value)
        if kind is dict:
            return model._from_mapping(value, opts)
        if kind is model:
            return value
        if kind is list and opts.from_server:
            return model._from_positional(value, opts)
        if isinstance(value, dict):
            return model._from_mapping(value, opts)
        raise Invalid(value, valid)

    return convert


def _general_converter(alternatives: Tuple[Any, ...]) -> Converter:
    """Any other spec: several classes, lists and dicts of specs, dates, files."""
    classes: List[Any] = []
    children: Dict[type, Converter] = {}
    for alternative in alternatives:
        if isinstance(alternative, list):
            classes.append(list)
            children[list] = compile_spec(tuple(alternative))
        elif isinstance(alternative, dict):
            classes.append(dict)
            children[dict] = compile_spec(alternative[str])
        elif isinstance(alternative, tuple):
            classes.append(tuple)
        else:
            classes.append(alternative)
    valid = tuple(classes)
    accepts_models = valid == ADDITIONAL_PROPERTIES_TYPE

    def convert(value: Any, opts: Options) -> Any:
        simple = simple_class(value)
        if simple not in valid and not (accepts_models and is_model_class(simple)):
            if opts.from_server or (simple is dict and dict not in valid):
                return _must_convert(value, simple, valid, opts)
            raise Invalid(value, valid)
        if opts.from_server and len(valid) > 1:
            for cls in _coercible(valid, simple, True, must_convert=False):
                try:
                    return _convert_to(value, cls, opts)
                except Invalid:
                    continue
        child = children.get(type(value))
        if child is None or not value:
            return value
        if type(value) is list:
            return _convert_items(value, child, opts)
        return _convert_values(value, child, valid, opts)

    return convert


def _must_convert(value: Any, simple: Any, valid: Tuple[Any, ...], opts: Options) -> Any:
    if tuple in valid:  # generated clients cannot order a tuple among the classes to convert to, and say so
        raise Invalid(message=f"Unsupported type: {tuple!r}", kind=ApiValueError, path_in_message=False)
    candidates = _coercible(valid, simple, opts.from_server, must_convert=True)
    if not candidates:
        raise Invalid(value, valid)
    return _convert_to(value, candidates[0], opts)


def _convert_items(items: List[Any], child: Converter, opts: Options) -> List[Any]:
    out = items if opts.owned else list(items)
    for index, item in enumerate(out):
        try:
            out[index] = child(item, opts)
        except Invalid as exc:
            raise exc.at(index) from None
    return out


def _convert_values(mapping: Dict[Any, Any], child: Converter, valid: Tuple[Any, ...], opts: Options) -> Dict[Any, Any]:
    out = mapping if opts.owned else dict(mapping)
    for key, item in out.items():
        if type(key) is not str:
            raise Invalid(key, valid, key_type=True).at(key)
        try:
            out[key] = child(item, opts)
        except Invalid as exc:
            raise exc.at(key) from None
    return out


# --- files ----------------------------------------------------------------------------------------

_FILENAME = LazyRegex(r"filename=['\"]?([^'\"\s]+)['\"]?", re.I)


def deserialize_file(response_data: Any, configuration: Any, content_disposition: Optional[str] = None) -> Any:
    """Save a downloaded body in ``configuration.temp_folder_path`` and return it opened for reading.

    As in generated clients, the file takes the name the ``Content-Disposition`` header gives;
    unlike them, only its last path component is used, so a server cannot write outside the folder.
    """
    import tempfile
    import uuid

    folder = getattr(configuration, "temp_folder_path", None)
    descriptor, path = tempfile.mkstemp(dir=folder)
    os.close(descriptor)
    os.remove(path)
    if content_disposition:
        match = _FILENAME.get().search(content_disposition)
        name = os.path.basename(match.group(1).replace("\\", "/")) if match else ""
        if name in ("", ".", ".."):
            name = f"default_{uuid.uuid4()}"
        path = os.path.join(os.path.dirname(path), name)
    with open(path, "wb") as out:
        out.write(response_data.encode("utf-8") if isinstance(response_data, str) else response_data)
    return open(path, "rb")  # the caller reads and closes it, as in generated clients
