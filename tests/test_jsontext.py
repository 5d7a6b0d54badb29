"""cocolint.report.jsontext writes exactly what json.dumps(obj, indent=2) writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cocolint.report.jsontext import dumps_indent2

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | st.text())
DOCS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(DOCS)
def test_the_same_text_as_json(doc: object) -> None:
    assert dumps_indent2(doc) == json.dumps(doc, indent=2)


def test_what_it_does_not_write_itself_is_json_s() -> None:
    for doc in ({1: "int key", None: [], True: {}}, [float("nan"), float("inf"), -float("inf")],
                {"a": [1.5, {"b": (2, "\u00e9\u2028\x00\"\\")}]}, {"nested": [[[[]]], {}], "": ""}):
        assert dumps_indent2(doc) == json.dumps(doc, indent=2)


def test_values_json_rejects_are_rejected_the_same_way() -> None:
    cyclic: list[object] = []
    cyclic.append(cyclic)
    for doc, error in (({"x": object()}, TypeError), ({(1, 2): 3}, TypeError), (cyclic, ValueError)):
        messages = []
        for dump in (dumps_indent2, lambda d: json.dumps(d, indent=2)):
            try:
                dump(doc)
            except error as exc:
                messages.append(str(exc))
            else:
                raise AssertionError(f"{doc!r} was written")
        assert messages[0] == messages[1] and messages[0]
