"""json.dumps(obj, indent=2) without importing json: the package loads its decoder and compiles regexes (~3 ms of a check).

Written with the same C string encoder json uses (`_json.encode_basestring_ascii`) and the
same number formats, so the text is the same; anything this does not write itself (keys that
are not strings, NaN and infinities, other types, cycles) is handed to json, which writes it
(or rejects it) as ever.  tests/test_jsontext.py compares the two on generated documents.
"""

from __future__ import annotations

try:
    from _json import encode_basestring_ascii as _string
except ImportError:  # pragma: no cover - Pythons without the C accelerator
    _string = None

_INF = float("inf")


class _Unsupported(Exception):
    """A value json writes in a way of its own (or rejects)."""


def dumps_indent2(obj: object) -> str:
    """The text of json.dumps(obj, indent=2)."""
    if _string is not None:
        out: list[str] = []
        try:
            _value(obj, "\n", out)
            return "".join(out)
        except (_Unsupported, RecursionError):
            pass
    import json

    return json.dumps(obj, indent=2)


def _value(o: object, newline: str, out: list[str]) -> None:
    if isinstance(o, str):
        out.append(_string(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        if o != o or o == _INF or o == -_INF:
            raise _Unsupported
        out.append(float.__repr__(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        for i, v in enumerate(o):
            out.append("," + inner if i else inner)
            _value(v, inner, out)
        out.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        for i, (k, v) in enumerate(o.items()):
            if not isinstance(k, str):
                raise _Unsupported
            out.append(("," + inner if i else inner) + _string(k) + ": ")
            _value(v, inner, out)
        out.append(newline + "}")
    else:
        raise _Unsupported
