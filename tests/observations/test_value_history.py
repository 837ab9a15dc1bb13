"""The history of a value: every revision kept, with who brought it, when and from which file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import Observation
from compactwatch.observations.selectors import published_table, value_history
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

FIRST = "Indicator,GeoCode,Year,AGE,Value,Source\nchildren-entering-detention,GBR,2019,Y12T16,33,test-ho\n"


@pytest.fixture(autouse=True)
def _source() -> None:
    register_sources([{"code": "test-ho", "title": "Immigration statistics", "producer": "UK Home Office"}])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_history_names_who_when_and_which_file(tmp_path: Path) -> None:
    reviewer = get_user_model().objects.create_user("amina", password="x")
    import_files([write(tmp_path, "detention-2023.csv", FIRST)], channel="cli")
    import_files(
        [write(tmp_path, "detention-2024.csv", FIRST.replace(",33,", ",34,"))], user=reviewer, channel="web"
    )
    history = value_history("children-entering-detention", "gbr", 2019, {"AGE": "Y12T16"})
    assert [(r.revision, r.value, r.is_current, r.file_name, r.channel, r.imported_by) for r in history] == [
        (1, 33, False, "detention-2023.csv", "cli", ""),
        (2, 34, True, "detention-2024.csv", "web", "amina"),
    ]
    assert history[0].imported_at <= history[1].imported_at
    assert history[1].source_row == 2
    assert len(history[1].file_sha256) == 64


def test_published_tables_show_only_the_current_revision(tmp_path: Path) -> None:
    import_files([write(tmp_path, "a.csv", FIRST)])
    import_files([write(tmp_path, "b.csv", FIRST.replace(",33,", ",35,"))])
    rows = published_table("children-entering-detention", "GBR").rows
    assert [row[4] for row in rows] == ["35"]  # Indicator, GeoCode, Year, AGE, Value
    assert Observation.objects.count() == 2


def test_the_cli_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.csv", FIRST)
    call_command("import", str(path), "--dry-run")
    assert "dry run: 1 rows checked; would add 1" in capsys.readouterr().out
    assert not Observation.objects.exists()
    call_command("import", str(path))
    assert value_history("children-entering-detention", "GBR", 2019, {"AGE": "Y12T16"})[0].value == 33


DETENTION = "Indicator,GeoCode,Year,AGE,Value,ConfStatus,Source\n"


@pytest.mark.parametrize(
    "marker",
    [
        "children-entering-detention,GBR,2019,Y12T16,<10,,test-ho\n",  # as exports wrote it
        "children-entering-detention,GBR,2019,Y12T16,<5,C,test-ho\n",
        "children-entering-detention,GBR,2019,Y12T16,,C,test-ho\n",  # an empty number flagged confidential
    ],
)
def test_a_withheld_marker_never_replaces_a_stored_value(tmp_path: Path, marker: str) -> None:
    import_files([write(tmp_path, "raw.csv", FIRST.replace(",33,", ",3,"))])
    outcome = import_files([write(tmp_path, "published.csv", DETENTION + marker)])
    assert (outcome.added, outcome.revised, outcome.unchanged) == (0, 0, 1)
    history = value_history("children-entering-detention", "GBR", 2019, {"AGE": "Y12T16"})
    assert [(r.revision, r.value, r.value_code, r.is_current) for r in history] == [(1, 3, "", True)]


def test_sdmx_conf_status_withholds_too(tmp_path: Path) -> None:
    import_files([write(tmp_path, "raw.csv", FIRST.replace(",33,", ",3,"))])
    sdmx = "INDICATOR,REF_AREA,TIME_PERIOD,AGE,OBS_VALUE,CONF_STATUS,SOURCE_DETAIL\n"
    outcome = import_files(
        [write(tmp_path, "sdmx.csv", sdmx + "children-entering-detention,GBR,2019,Y12T16,,C,test-ho\n")]
    )
    assert (outcome.added, outcome.revised, outcome.unchanged) == (0, 0, 1)
    assert list(Observation.objects.values_list("value", "conf_status")) == [(3, "")]


def test_a_withheld_marker_with_nothing_stored_is_kept_as_withheld_then_a_value_revises_it(
    tmp_path: Path,
) -> None:
    import_files(
        [
            write(
                tmp_path,
                "published.csv",
                DETENTION + "children-entering-detention,GBR,2019,Y12T16,<10,,test-ho\n",
            )
        ]
    )
    import_files([write(tmp_path, "raw.csv", FIRST.replace(",33,", ",3,"))])
    history = value_history("children-entering-detention", "GBR", 2019, {"AGE": "Y12T16"})
    assert [(r.revision, r.value, r.value_code, r.is_current) for r in history] == [
        (1, None, "<10", False),
        (2, 3, "", True),
    ]
    assert list(Observation.objects.order_by("revision").values_list("conf_status", flat=True)) == ["C", ""]
