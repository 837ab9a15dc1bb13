"""The review tests meet the same people, uploads folder and fast password hasher as the account tests."""

from tests.accounts.conftest import _fast_passwords, _uploads, people

__all__ = ["_fast_passwords", "_uploads", "people"]
