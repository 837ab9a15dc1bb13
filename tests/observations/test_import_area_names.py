"""Importing files whose area names are not one country or territory: refused by name, nothing written,
imported only with the user's own mapping of names to ISO3 codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from compactwatch.core.validation import InvalidInput
from compactwatch.core.workflow import State
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import area_mapping_file, import_files
from compactwatch.review.forms import SubmissionForm
from compactwatch.review.models import AuditEvent, DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.conftest import _fast_passwords, _uploads, people
from tests.accounts.personas import CHAD_FILE, People

__all__ = ["_fast_passwords", "_uploads", "people"]  # the account tests' fixtures, used here

pytestmark = pytest.mark.django_db

# The file of names: one row each, with the refusal each must get (row numbers count the header as row 1).
NAMES = [
    ("Netherlands Antilles", "historical-area"),
    ("Serbia and Montenegro", "historical-area"),
    ("Sudan [former]", "historical-area"),
    ("USSR", "historical-area"),
    ("Yugoslavia", "historical-area"),
    ("Czechoslovakia", "historical-area"),
    ("East Germany", "historical-area"),
    ("Zaire", "historical-area"),
    ("Africa", "regional-area"),
    ("Europe", "regional-area"),
    ("Sub-Saharan Africa", "regional-area"),
    ("World", "regional-area"),
    ("002", "regional-area"),
    ("150", "regional-area"),
    ("England", "subnational-area"),
    ("Scotland", "subnational-area"),
    ("Kurdistan", "subnational-area"),
    ("Korea", "ambiguous-area"),
    ("Kosovo", "unlisted-area"),
    ("Wakanda", "unknown-area"),
    ("Untied Kingdom", "unknown-area"),
]
HEADER = "Indicator,GeoCode,Year,MIGRATORY_STATUS,AGE,Value,Source\n"


def names_file(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    rows = "".join(
        f'refugee-children,"{name}",2023,REF,Y_LT18,{100 + n},test-unhcr\n'
        for n, (name, _) in enumerate(NAMES)
    )
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _sources() -> None:
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])


def counts() -> tuple[int, int, int]:
    return Observation.objects.count(), Series.objects.count(), ImportBatch.objects.count()


def test_each_name_is_refused_with_its_code_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        import_files([names_file(tmp_path)])
    assert counts() == before
    problems = refused.value.report.problems
    assert [(p.code, p.row, p.column, p.file) for p in problems] == [
        (code, row, "GeoCode", "names.csv") for row, (_, code) in enumerate(NAMES, start=2)
    ]
    assert all(repr(name) in p.message for (name, _), p in zip(NAMES, problems, strict=True))


def test_the_report_says_why_and_suggests_only_where_a_suggestion_makes_sense(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        import_files([names_file(tmp_path)])
    messages = {name: p.message for (name, _), p in zip(NAMES, refused.value.report.problems, strict=True)}
    assert "split in 2006 into Serbia (SRB) and Montenegro (MNE)" in messages["Serbia and Montenegro"]
    assert "nearest" not in messages["Serbia and Montenegro"]
    assert "UN M49 grouping 202 (Sub-Saharan Africa)" in messages["Sub-Saharan Africa"]
    assert (
        "nearest: KOR (Republic of Korea); PRK (Democratic People's Republic of Korea)" in messages["Korea"]
    )
    assert "nearest: GBR (United Kingdom of Great Britain and Northern Ireland)" in messages["Untied Kingdom"]


def test_the_cli_refuses_the_file_and_exits_non_zero(tmp_path: Path) -> None:
    before = counts()
    with pytest.raises(CommandError) as refused:
        call_command("import", str(names_file(tmp_path)))
    assert counts() == before
    text = str(refused.value)
    assert text.startswith("nothing was imported; the database is unchanged.")
    assert "names.csv, row 2, column 'GeoCode': [historical-area] area 'Netherlands Antilles'" in text
    assert "names.csv, row 19, column 'GeoCode': [ambiguous-area] area 'Korea'" in text
    assert "21 problem(s)" in text


def write_mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "areas.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_file_imports_with_the_users_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The user's choices; each file row needs its own area here, or two rows would be one series and year.
    chosen = ["CUW", "MNE", "SDN", "RUS", "BIH", "CZE", "DEU", "COD", "NGA", "FRA", "KEN", "CHE", "EGY"]
    chosen += ["ITA", "GBR", "IRL", "IRQ", "KOR", "SRB", "TCD", "USA"]
    rows = "".join(f'"{name}",{iso3}\n' for (name, _), iso3 in zip(NAMES, chosen, strict=True))
    mapping = write_mapping(tmp_path, "name,ISO3\n" + rows)
    before = Observation.objects.count()
    call_command("import", str(names_file(tmp_path)), "--areas", str(mapping))
    assert "added 21" in capsys.readouterr().out
    assert Observation.objects.count() == before + 21
    stored = dict(
        Observation.objects.filter(batch__file_name="names.csv").values_list("value", "series__area__iso3")
    )
    assert stored[100] == "CUW"  # Netherlands Antilles
    assert stored[117] == "KOR"  # Korea
    assert stored[118] == "SRB"  # Kosovo


def test_a_partial_mapping_still_refuses_the_names_it_leaves_out(tmp_path: Path) -> None:
    mapping = write_mapping(tmp_path, "name,ISO3\nKorea,KOR\n")
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        import_files([names_file(tmp_path)], area_mapping=area_mapping_file(mapping))
    assert counts() == before
    assert len(refused.value.report.problems) == len(NAMES) - 1
    assert "Korea" not in {p.message.split("'")[1] for p in refused.value.report.problems}


def test_a_bad_mapping_file_is_refused_with_row_and_column(tmp_path: Path) -> None:
    mapping = write_mapping(tmp_path, "name,ISO3\nKorea,KOR\nChad,NGA\nKosovo,XKX\n")
    before = counts()
    with pytest.raises(CommandError) as refused:
        call_command("import", str(names_file(tmp_path)), "--areas", str(mapping))
    assert counts() == before
    text = str(refused.value)
    assert "areas.csv, row 3, column 'ISO3': [mapping-conflict] 'Chad' already names TCD (Chad)" in text
    assert "areas.csv, row 4, column 'ISO3': [unknown-area] 'XKX' is not the ISO3 code of an area" in text


def test_a_missing_mapping_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"\[not-found\] the area mapping cannot be read"):
        call_command("import", str(names_file(tmp_path)), "--areas", str(tmp_path / "nowhere.csv"))


def test_official_names_aliases_and_codes_import_without_a_mapping(tmp_path: Path) -> None:
    names = {
        "Türkiye": "TUR",
        "Cote d'Ivoire": "CIV",
        "Korea, Rep.": "KOR",
        "Iran (Islamic Republic of)": "IRN",
        "occupied Palestinian territory": "PSE",
        "Bolivia (Plurinational State of)": "BOL",
        "Tchad": "TCD",
        "ng": "NGA",
        "4": "AFG",
    }
    rows = "".join(f'refugee-children,"{name}",2023,REF,Y_LT18,7,test-unhcr\n' for name in names)
    path = tmp_path / "aliases.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    import_files([path])
    stored = set(
        Observation.objects.filter(batch__file_name="aliases.csv").values_list(
            "series__area__iso3", flat=True
        )
    )
    assert stored == set(names.values())


# The web and API upload of a contributor: the same refusal, and the same explicit choice.
CHAD_BY_NAME = CHAD_FILE.replace("refugee-children,TCD,", "refugee-children,Republic of Chad,")


def test_an_upload_with_an_unknown_name_is_refused_with_the_suggestion(people: People) -> None:
    before = (DataSubmission.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput) as refused:
        create_submission(
            Upload("chad.csv", CHAD_BY_NAME.encode(), "TCD"), author=people.contributor_tcd, channel="web"
        )
    assert (DataSubmission.objects.count(), AuditEvent.objects.count()) == before
    assert [(p.code, p.row, p.column) for p in refused.value.report.problems] == [
        ("unknown-area", 2, "GeoCode"),
        ("unknown-area", 3, "GeoCode"),
    ]
    assert "nearest: TCD (Chad)" in refused.value.report.problems[0].message


def test_the_contributors_mapping_is_recorded_and_applied_when_published(people: People) -> None:
    upload = Upload("chad.csv", CHAD_BY_NAME.encode(), "TCD", areas=b"name,ISO3\nRepublic of Chad,TCD\n")
    item = create_submission(upload, author=people.contributor_tcd, channel="web")
    event = AuditEvent.objects.get(action="area-names-confirmed", object_id=str(item.pk))
    assert (event.summary, event.details) == (
        "'Republic of Chad' -> TCD",
        {"areas": {"Republic of Chad": "TCD"}},
    )
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    move(item, State.APPROVED, actor=people.reviewer_tcd)
    move(item, State.PUBLISHED, actor=people.reviewer_tcd)
    stored = Observation.objects.filter(batch__file_name="chad.csv").values_list(
        "series__area__iso3", "value"
    )
    assert sorted(stored) == [("TCD", 60111.0), ("TCD", 61234.0)]


def test_a_mapping_to_another_country_is_still_out_of_scope(people: People) -> None:
    upload = Upload("chad.csv", CHAD_BY_NAME.encode(), "TCD", areas=b"name,ISO3\nRepublic of Chad,NGA\n")
    with pytest.raises(InvalidInput) as refused:
        create_submission(upload, author=people.contributor_tcd, channel="web")
    assert refused.value.report.codes() == ["area-out-of-scope", "area-out-of-scope"]


def test_a_bad_mapping_in_an_upload_is_refused_with_row_and_column(people: People) -> None:
    upload = Upload("chad.csv", CHAD_BY_NAME.encode(), "TCD", areas=b"name,ISO3\nRepublic of Chad,ZZZ\n")
    with pytest.raises(InvalidInput) as refused:
        create_submission(upload, author=people.contributor_tcd, channel="web")
    assert [str(p) for p in refused.value.report.problems] == [
        "areas.csv, row 2, column 'ISO3': [unknown-area] 'ZZZ' is not the ISO3 code of an area of the "
        "platform"
    ]


def test_the_upload_form_offers_an_optional_area_names_file() -> None:
    form = SubmissionForm(
        data={"country": "TCD", "note": ""},
        files={"file": SimpleUploadedFile("chad.csv", CHAD_BY_NAME.encode())},
        countries=[("TCD", "Chad (TCD)")],
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["areas"] is None
    assert not form.fields["areas"].required


def test_the_web_upload_applies_the_mapping_sent_with_the_file(people: People) -> None:
    response = people.client("contributor_tcd").post(
        "/review/submissions/new/",
        {
            "country": "TCD",
            "file": SimpleUploadedFile("chad.csv", CHAD_BY_NAME.encode()),
            "areas": SimpleUploadedFile("areas.csv", b"name,ISO3\nRepublic of Chad,TCD\n"),
            "note": "",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="area-names-confirmed").count() == 1
