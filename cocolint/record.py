"""Value classes cheap to define: the subset of `dataclasses` cocolint uses, without its start-up cost.

`dataclasses` imports `inspect` (and with it ast, dis, tokenize) and compiles up to ten
methods per class; over the classes a `cocolint check` loads that was ~40 ms of a ~180 ms
start.  `@dataclass` here reads the same annotations and `field()` options and behaves
like the standard one for what cocolint uses: `__init__` (arguments bound generically for a
class's first instances, then compiled from source as dataclasses does, so creating many
instances stays as fast), `__repr__`, `__eq__`, `__hash__` (frozen
classes hash by their compared fields, other classes are unhashable), `order=True`,
`frozen=True`, `__post_init__`, and `replace()`.  Anything else is a TypeError at class
definition, so a use it does not cover cannot go unnoticed.
"""

from __future__ import annotations

_MISSING = object()
_OPTIONS = frozenset({"frozen", "order", "eq"})


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


class Field:
    """A field's options (what `field()` returns, and each entry of a record's `__record_fields__`)."""

    __slots__ = ("name", "default", "default_factory", "compare", "repr")

    def __init__(self, default: object = _MISSING, default_factory: object = _MISSING, compare: bool = True,
                 repr: bool = True) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default, self.default_factory, self.compare, self.repr = default, default_factory, compare, repr


def field(*, default: object = _MISSING, default_factory: object = _MISSING, compare: bool = True,
          repr: bool = True) -> object:
    """A field with options, as `dataclasses.field` (default, default_factory, compare, repr)."""
    return Field(default, default_factory, compare, repr)


def dataclass(cls: type | None = None, /, **options: bool):  # type: ignore[no-untyped-def]
    """Make cls a record: `@dataclass`, `@dataclass(frozen=True, order=True, eq=True)`."""
    unknown = set(options) - _OPTIONS
    if unknown:
        raise TypeError(f"cocolint.record.dataclass does not support {', '.join(sorted(unknown))}")

    def wrap(c: type) -> type:
        return _process(c, options.get("frozen", False), options.get("order", False), options.get("eq", True))

    return wrap if cls is None else wrap(cls)


def _process(cls: type, frozen: bool, order: bool, eq: bool) -> type:
    fields: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(getattr(base, "__record_fields__", {}))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        fields[name] = f
        if isinstance(value, Field):
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    seen_default = False
    for f in fields.values():
        if f.default is not _MISSING or f.default_factory is not _MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    cls.__init__ = _lazy_init(cls, fields, frozen)  # type: ignore[misc]
    cls.__match_args__ = tuple(fields)  # type: ignore[attr-defined]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = _repr  # type: ignore[assignment]
    compared = tuple(f.name for f in fields.values() if f.compare)
    key = _key_of(compared)
    if eq and "__eq__" not in cls.__dict__:
        cls.__eq__ = lambda self, other: key(self) == key(other) if other.__class__ is self.__class__ \
            else NotImplemented  # type: ignore[assignment,method-assign]
    if order:
        for name, op in (("__lt__", "lt"), ("__le__", "le"), ("__gt__", "gt"), ("__ge__", "ge")):
            if name in cls.__dict__:
                raise TypeError(f"cannot overwrite attribute {name} in class {cls.__name__}")
            setattr(cls, name, _compare(key, op))
    explicit_hash = "__hash__" in cls.__dict__ and not (cls.__dict__["__hash__"] is None and "__eq__" in cls.__dict__)
    if eq and not explicit_hash:
        cls.__hash__ = (lambda self: hash(key(self))) if frozen else None  # type: ignore[assignment,method-assign]
    if frozen:
        cls.__setattr__ = _frozen_setattr  # type: ignore[assignment,method-assign]
        cls.__delattr__ = _frozen_delattr  # type: ignore[assignment,method-assign]
    return cls


COMPILE_AFTER = 64  # instances a class makes with the generic __init__ before its own is compiled


def _lazy_init(cls: type, fields: dict[str, Field], frozen: bool):  # type: ignore[no-untyped-def]
    """An __init__ that binds arguments generically for a class's first COMPILE_AFTER instances, then
    compiles the class's own (~0.1 ms each: most classes a one-file check loads make a handful of
    instances, a tree run makes millions of a few)."""
    names = tuple(fields)
    post_init = hasattr(cls, "__post_init__")
    made = 0

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal made
        made += 1
        if made > COMPILE_AFTER:
            if cls.__dict__.get("__init__") is __init__:
                cls.__init__ = _make_init(cls, fields, frozen)  # type: ignore[misc]
            return cls.__dict__["__init__"](self, *args, **kwargs)
        values = dict(zip(names, args))
        if len(args) > len(names) or any(k not in fields or k in values for k in kwargs):
            return _make_init(cls, fields, frozen)(self, *args, **kwargs)  # raises Python's own TypeError
        values.update(kwargs)
        target = self.__dict__ if frozen else None
        for name, f in fields.items():
            if name in values:
                value = values[name]
            elif f.default_factory is not _MISSING:
                value = f.default_factory()  # type: ignore[operator]
            elif f.default is not _MISSING:
                value = f.default
            else:
                return _make_init(cls, fields, frozen)(self, *args, **kwargs)  # a required argument is missing
            if target is not None:
                target[name] = value
            else:
                setattr(self, name, value)
        if post_init:
            self.__post_init__()
        return None

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _make_init(cls: type, fields: dict[str, Field], frozen: bool):  # type: ignore[no-untyped-def]
    """The __init__, compiled from source as dataclasses does (so creating an instance costs the same)."""
    env: dict[str, object] = {"_HAS_FACTORY": _MISSING}
    params, body = ["self"], []
    target = "_d[{0!r}]" if frozen else "self.{0}"
    if frozen:
        body.append("_d = self.__dict__")
    for f in fields.values():
        if f.default_factory is not _MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_HAS_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _HAS_FACTORY else {f.name}"
        elif f.default is not _MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
            value = f.name
        else:
            params.append(f.name)
            value = f.name
        body.append(f"{target.format(f.name)} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    src = f"def __init__({', '.join(params)}):\n" + "".join(f" {line}\n" for line in body or ["pass"])
    exec(src, env)  # noqa: S102 - generated from field names only
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    return init


def _key_of(names: tuple[str, ...]):  # type: ignore[no-untyped-def]
    if len(names) == 1:
        only = names[0]
        return lambda self: (getattr(self, only),)
    import operator

    return operator.attrgetter(*names) if names else (lambda self: ())


def _compare(key, op: str):  # type: ignore[no-untyped-def]
    import operator

    fn = getattr(operator, op)

    def method(self, other):  # type: ignore[no-untyped-def]
        if other.__class__ is self.__class__:
            return fn(key(self), key(other))
        return NotImplemented

    method.__name__ = f"__{op}__"
    return method


def _repr(self) -> str:  # type: ignore[no-untyped-def]
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__record_fields__.values() if f.repr)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen_setattr(self, name: str, value: object) -> None:  # type: ignore[no-untyped-def]
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self, name: str) -> None:  # type: ignore[no-untyped-def]
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record (class or instance), in order."""
    return tuple(obj.__record_fields__.values())  # type: ignore[attr-defined]


def replace(obj, /, **changes):  # type: ignore[no-untyped-def]
    """A copy of a record with some fields changed, as `dataclasses.replace`."""
    for name in obj.__record_fields__:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)
