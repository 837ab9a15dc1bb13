"""`compactwatch assess` and the what-if `compactwatch progress` CLI."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.assessments.conftest import AddSeries


def test_progress_json(tmp_path: Path) -> None:
    csv = tmp_path / "birth_registration.csv"
    csv.write_text("Year,Value\n2015,62\n2021,71\n")
    out = StringIO()
    call_command(
        "progress",
        str(csv),
        "--direction",
        "increase",
        "--target",
        "100",
        "--target-year",
        "2030",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["status"] == "acceleration_needed"
    assert data["components"]["ratio"] == pytest.approx(0.70557, abs=1e-5)


def test_progress_refuses_bad_rows(tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("Year,Value\n2015,abc\n")
    with pytest.raises(CommandError, match="row 2"):
        call_command("progress", str(csv), "--direction", "increase")
    with pytest.raises(CommandError, match="go together"):
        call_command("progress", str(csv), "--direction", "increase", "--target", "1")


@pytest.mark.django_db
def test_assess_command(add_series: AddSeries) -> None:
    add_series("children-entering-detention", "GBR", "", {2015: 163, 2022: 232})
    out = StringIO()
    call_command("assess", "--area", "GBR", stdout=out)
    assert "1 series of 1 indicators in 1 countries" in out.getvalue()
    with pytest.raises(CommandError, match="unknown-area"):
        call_command("assess", "--area", "XXX")
