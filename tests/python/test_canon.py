"""pmh.canonicalize (RFC 8785) of Python values, and strict JSON parsing."""

from __future__ import annotations

import collections
import json
import math

import pytest
import rfc8785

import pmh


def test_canonicalize_basic() -> None:
    value = {"b": [1e30, 4.5, 1.0], "a": "\u20ac", "c": None, "d": True, "e": (1, "x")}
    assert pmh.canonicalize(value) == b'{"a":"\xe2\x82\xac","b":[1e+30,4.5,1],"c":null,"d":true,"e":[1,"x"]}'


@pytest.mark.parametrize(
    "value",
    [
        {"z": 1, "a": [1, 2.5, -0.0, 1e-7, 123456789.125], "\u00e9": {"\U0001f600": 1, "\ufb33": 2}},
        ["\u0000\u001f\"\\/\u2028", 9007199254740991, -9007199254740991],
        {"nested": [{"k": [True, False, None]}], "num": 0.1 + 0.2},
    ],
)
def test_canonicalize_matches_rfc8785_package(value: object) -> None:
    assert pmh.canonicalize(value) == rfc8785.dumps(value)


def test_key_order_is_utf16() -> None:
    # U+1F600 (surrogates D83D...) sorts before U+FB33 in UTF-16, after it by code point.
    out = pmh.canonicalize({"\ufb33": 1, "\U0001f600": 2})
    assert out.decode().index("\U0001f600") < out.decode().index("\ufb33")


def test_dict_subclass_and_int_subclass() -> None:
    od = collections.OrderedDict([("b", 1), ("a", 2)])
    assert pmh.canonicalize(od) == b'{"a":2,"b":1}'


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, [1, {"x": math.nan}]])
def test_non_finite_rejected(bad: object) -> None:
    with pytest.raises(pmh.CanonicalizationError) as info:
        pmh.canonicalize(bad)
    assert info.value.code == "canon.non_finite"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", ["\udc80", {"k": "a\ud800"}, {"\udfff": 1}])
def test_lone_surrogates_rejected(bad: object) -> None:
    with pytest.raises(ValueError) as info:
        pmh.canonicalize(bad)
    assert isinstance(info.value, pmh.CanonicalizationError)
    assert info.value.code == "json.lone_surrogate"


def test_non_str_keys_rejected() -> None:
    for bad in ({1: "a"}, {None: 1}, {("a",): 1}):
        with pytest.raises(TypeError) as info:
            pmh.canonicalize(bad)
        assert isinstance(info.value, pmh.UnsupportedTypeError)
        assert info.value.code == "json.key_type"


def test_unsupported_types_rejected() -> None:
    for bad in ({1, 2}, b"bytes", object(), {"when": __import__("datetime").date(2024, 1, 1)}):
        with pytest.raises(pmh.UnsupportedTypeError) as info:
            pmh.canonicalize(bad)
        assert info.value.code == "json.unsupported_type"


def test_integers_beyond_safe_range() -> None:
    assert pmh.canonicalize(2**53 - 1) == b"9007199254740991"
    assert pmh.canonicalize(2**53) == b"9007199254740992"  # already the ECMAScript form
    for bad in (2**53 + 1, 2**64 - 1, 2**64, -(2**70)):
        with pytest.raises(pmh.CanonicalizationError) as info:
            pmh.canonicalize(bad)
        assert info.value.code == "canon.unsafe_integer"


def test_bool_is_not_int() -> None:
    assert pmh.canonicalize([True, 1]) == b"[true,1]"


def test_self_reference_and_depth() -> None:
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(pmh.CanonicalizationError) as info:
        pmh.canonicalize(loop)
    assert info.value.code == "canon.too_deep"
    deep: object = "x"
    for _ in range(400):
        deep = [deep]
    assert pmh.canonicalize(deep).count(b"[") == 400


def test_canonicalize_json_and_parse_json() -> None:
    assert pmh.canonicalize_json('{"b": 1, "a": [1E2]}') == b'{"a":[100],"b":1}'
    assert pmh.canonicalize_json(b'{"a":1}') == b'{"a":1}'
    with pytest.raises(pmh.CanonicalizationError) as info:
        pmh.canonicalize_json('{"a": 1, "a": 2}')
    assert info.value.code == "json.duplicate_key"
    assert pmh.parse_json('{"a": [1, 2.5, "x", null]}') == {"a": [1, 2.5, "x", None]}
    with pytest.raises(pmh.CanonicalizationError) as info2:
        pmh.parse_json('"\\ud800"')
    assert info2.value.code == "json.lone_surrogate"
    with pytest.raises(pmh.CanonicalizationError) as info3:
        pmh.parse_json("[[[1]]]", max_depth=2)
    assert info3.value.code == "json.too_deep"
    with pytest.raises(pmh.UnsupportedTypeError):
        pmh.parse_json(42)  # type: ignore[arg-type]


def test_round_trip_with_stdlib() -> None:
    value = {"name": "見本 花子", "n": [1, 2, 3], "f": 0.5}
    assert json.loads(pmh.canonicalize(value)) == value
