"""People with roles and countries, an uploads folder per test, and a fast password hasher."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accounts.personas import People, make_people, register_test_sources


@pytest.fixture(autouse=True)
def _uploads(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: pytest.FixtureRequest) -> None:
    """Hashing cost is not under test here; the real hasher stays in production settings."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def people(db: None) -> People:
    register_test_sources()
    return make_people()
