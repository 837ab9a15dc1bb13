"""Every change to the models has its migration: a status label or a new field never reaches a database
only through a model file."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as missing:
        pytest.fail(f"models changed without a migration (exit {missing.code}):\n{out.getvalue()}")
