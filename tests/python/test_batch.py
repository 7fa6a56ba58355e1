"""Batch functions: order, bad records mixed in, iterables, GIL release."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any, Callable

import pytest

import pmh
from conftest import RECEIVER, REGISTER, SENDER


def _register(cert: dict[str, Any]) -> dict[str, Any]:
    return {"certificates": [cert]}


def test_validate_many_order_and_bad_items(certificates: list[dict[str, Any]]) -> None:
    items: list[Any] = [certificates[0], {"x": float("nan")}, certificates[3], {1: 2}, certificates[1]]
    out = pmh.validate_many("subsidy.certificate", iter(items))  # any iterable
    assert len(out) == 5
    assert isinstance(out[0], pmh.Report) and out[0].ok
    assert isinstance(out[1], pmh.CanonicalizationError) and out[1].code == "canon.non_finite"
    assert isinstance(out[2], pmh.Report) and not out[2].ok
    assert isinstance(out[3], pmh.UnsupportedTypeError) and out[3].code == "json.key_type"
    assert isinstance(out[4], pmh.Report) and out[4].ok
    assert out[2] == pmh.validate("subsidy.certificate", certificates[3])
    ok, failed = pmh.partition(out)
    assert [i for i, _ in ok] == [0, 2, 4] and [i for i, _ in failed] == [1, 3]
    with pytest.raises(pmh.UnknownTypeError):
        pmh.validate_many("no.such.type", [])
    assert pmh.validate_many("subsidy.certificate", []) == []
    assert len(pmh.validate_many("subsidy.certificate", (c for c in certificates))) == 4


def test_seal_many_and_open_many(key: Any, trust: Any, certificates: list[dict[str, Any]]) -> None:
    payloads: list[Any] = [_register(c) for c in certificates] + [[1], {"n": 2**64}]
    sealed = pmh.seal_many(payloads, type=REGISTER, sender=SENDER, recipient=RECEIVER, key=key)
    assert len(sealed) == 6
    assert all(isinstance(s, str) for s in sealed[:3])
    assert isinstance(sealed[3], pmh.PayloadInvalidError) and sealed[3].report is not None
    assert isinstance(sealed[4], pmh.EnvelopeError) and sealed[4].code == "envelope.structure"
    assert isinstance(sealed[5], pmh.CanonicalizationError)

    good = [s for s in sealed if isinstance(s, str)]
    tampered = good[1].replace("MARUKO88", "MARUKO89")
    assert tampered != good[1]
    inputs: list[Any] = [good[0], tampered, b"not json", 42, good[2].encode(), good[0]]
    guard = pmh.ReplayGuard()
    opened = pmh.open_many(inputs, trust, recipient=RECEIVER, replay_guard=guard)
    assert len(opened) == 6
    v0 = opened[0]
    assert isinstance(v0, pmh.Verified) and v0.payload == payloads[0]
    assert isinstance(opened[1], pmh.SignatureError)
    assert isinstance(opened[2], pmh.EnvelopeError) and opened[2].code == "envelope.json"
    assert isinstance(opened[3], pmh.UnsupportedTypeError)
    assert isinstance(opened[4], pmh.Verified) and opened[4].payload == payloads[2]
    # The same envelope twice in one batch: exactly one is accepted.
    assert isinstance(opened[5], pmh.EnvelopeError) and opened[5].code == "envelope.replayed"


def test_open_many_without_guard_and_wrong_recipient(key: Any, trust: Any) -> None:
    sealed = pmh.seal_many(
        [{"n": i} for i in range(50)],
        type="test.ping",
        sender=SENDER,
        recipient=RECEIVER,
        key=key,
        allow_unknown_types=True,
        ttl=dt.timedelta(minutes=1),
    )
    opened = pmh.open_many(sealed, trust.to_dict(), allow_unknown_types=True)
    assert [v.payload["n"] for v in opened if isinstance(v, pmh.Verified)] == list(range(50))
    wrong = pmh.open_many(sealed[:3], trust, recipient="hub:other", allow_unknown_types=True)
    assert [e.code for e in wrong if isinstance(e, pmh.PmhError)] == ["envelope.wrong_recipient"] * 3


def _progress_during(batch: Callable[[], object]) -> tuple[int, int, float]:
    """Runs `batch` while a thread counts; returns (count before, count after, seconds)."""
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    before = counter[0]
    start = time.perf_counter()
    batch()
    elapsed = time.perf_counter() - start
    after = counter[0]
    stop.set()
    t.join()
    return before, after, elapsed


def test_validate_many_releases_the_gil(certificates: list[dict[str, Any]]) -> None:
    # Big documents: most of the time goes to validating (GIL released), not converting.
    doc = {"certificates": certificates[:3] * 400}
    items = [doc] * 40
    before, after, elapsed = _progress_during(
        lambda: pmh.validate_many("subsidy.certificate.register", items)
    )
    assert elapsed > 0.01
    assert after > before, "the counting thread made no progress during validate_many"


def test_open_many_releases_the_gil(key: Any, trust: Any, certificates: list[dict[str, Any]]) -> None:
    sealed = pmh.seal_many(
        [_register(certificates[0])] * 2000, type=REGISTER, sender=SENDER, recipient=RECEIVER, key=key
    )
    before, after, _ = _progress_during(lambda: pmh.open_many(sealed, trust))
    assert after > before, "the counting thread made no progress during open_many"


def test_validate_many_accepts_json_text_as_bytes() -> None:
    import json as _json
    from pathlib import Path

    certs = _json.loads((Path(__file__).resolve().parents[2] / "samples/subsidy/certificates.json").read_text("utf-8"))
    lines = [_json.dumps(c, ensure_ascii=False).encode() for c in certs]
    lines.insert(1, b'{"myNumber": "1", "myNumber": "2"}')
    lines.insert(2, b"\xff not utf-8")
    reports = pmh.validate_many("subsidy.certificate", lines)
    assert len(reports) == 6
    assert [r.ok for r in reports] == [True, False, False, True, True, False]
    assert reports[1].issues[0].code == "json.duplicate_key"
    assert reports[2].issues[0].code == "json.invalid_utf8"
    # The same documents as Python values give the same reports.
    assert [[(i.code, i.path) for i in r.issues] for r in pmh.validate_many("subsidy.certificate", certs)] == [
        [(i.code, i.path) for i in r.issues] for r in (reports[0], reports[3], reports[4], reports[5])
    ]
