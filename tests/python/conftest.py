"""Shared fixtures of the pmh Python tests (needs `maturin develop -m pmh-py/Cargo.toml`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SENDER = "municipality:131016"
RECEIVER = "hub:pmh"
REGISTER = "subsidy.certificate.register"


@pytest.fixture(scope="session")
def certificates() -> list[dict[str, Any]]:
    """The sample certificates: the first three are valid, the fourth is not."""
    data: list[dict[str, Any]] = json.loads(
        (ROOT / "samples" / "subsidy" / "certificates.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="session")
def key() -> Any:
    import pmh

    return pmh.SigningKey.generate("EdDSA")


@pytest.fixture(scope="session")
def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@pytest.fixture(scope="session")
def trust(key: Any, now: dt.datetime) -> Any:
    import pmh

    store = pmh.TrustStore()
    store.add_key(SENDER, key, now - dt.timedelta(days=1), now + dt.timedelta(days=365))
    return store
