"""Files that cannot be read are refused with a coded problem naming where, never a traceback, and change
nothing; files in the encodings people save (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) are
read."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from openpyxl import Workbook

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

HEADER = "Indicator,GeoCode,Year,AGE,Value,Source\n"
GOOD = HEADER + "children-entering-detention,GBR,2019,Y12T16,33,test-ho\n"
ROW_2020 = "children-entering-detention,GBR,2020,Y12T16,12,test-ho\n"


@pytest.fixture(autouse=True)
def _source(tmp_path: Path) -> None:
    register_sources([{"code": "test-ho", "title": "Immigration statistics", "producer": "UK Home Office"}])
    (tmp_path / "earlier.csv").write_text(GOOD, encoding="utf-8")
    import_files([tmp_path / "earlier.csv"])  # the store is not empty


def written(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def zipped(folder: Path, name: str, members: dict[str, bytes]) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return path


def package_members(csv: bytes, resource: str = '{"path": "observations.csv"}') -> dict[str, bytes]:
    descriptor = '{"name": "x", "resources": [' + resource + "]}"
    return {"datapackage.json": descriptor.encode(), "observations.csv": csv}


def make_bad_csv(folder: Path) -> Path:
    return written(folder, "quoted.csv", (GOOD + 'children-entering-detention,GBR,2020,"Y12T16\n').encode())


def make_random_bytes(folder: Path) -> Path:
    return written(folder, "noise.csv", GOOD.encode() + random.Random(10).randbytes(4000))


def make_utf16_without_mark(folder: Path) -> Path:
    return written(folder, "children.csv", (GOOD + ROW_2020).encode("utf-16-le"))


def make_nul_in_a_cell(folder: Path) -> Path:
    return written(folder, "nul.csv", (GOOD + ROW_2020.replace("GBR", "GB\x00R")).encode())


def make_control_character_in_header(folder: Path) -> Path:
    return written(folder, "bell.csv", (HEADER.replace("AGE", "AGE\x07") + ROW_2020).encode())


def make_repeated_column(folder: Path) -> Path:
    return written(folder, "twice.csv", (HEADER.replace("AGE", "Value") + ROW_2020).encode())


def make_huge_field(folder: Path) -> Path:
    cell = '"' + "Y12T16\n" * 20_000 + '"'  # 140,000 characters over 20,000 lines
    return written(folder, "wide.csv", (GOOD + ROW_2020.replace("Y12T16", cell)).encode())


def make_long_line(folder: Path) -> Path:
    return written(folder, "long.csv", (GOOD + ROW_2020.replace("Y12T16", "Y" * 110_000)).encode())


def make_one_huge_line(folder: Path) -> Path:
    return written(folder, "line.csv", b"Indicator" + b"x" * 3_000_000)


def make_damaged_xlsx(folder: Path) -> Path:
    return written(folder, "applications.xlsx", b"PK\x03\x04 this is not really a workbook")


def make_zip_bomb_xlsx(folder: Path) -> Path:
    sheet = b"<worksheet><sheetData>" + b"<row/>" * 2_000_000 + b"</sheetData></worksheet>"
    members = {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet}
    return zipped(folder, "bomb.xlsx", members)


def make_damaged_parquet(folder: Path) -> Path:
    return written(folder, "children.parquet", b"PAR1 truncated")


def make_nul_in_parquet(folder: Path) -> Path:
    path = folder / "children.parquet"
    cells = zip(HEADER.strip().split(","), ROW_2020.strip().split(","), strict=True)
    columns = {name: [value] for name, value in cells}
    columns["Source"] = ["test\x00ho"]
    pq.write_table(pa.table(columns), path)
    return path


def make_cells_beyond_the_header(folder: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([*ROW_2020.strip().split(","), "", "a note beyond the header"])
    workbook.save(folder / "beyond.xlsx")
    return folder / "beyond.xlsx"


def make_package_without_descriptor(folder: Path) -> Path:
    package = folder / "package"
    package.mkdir()
    (package / "datapackage.json").write_text('{"name": "x", "resources": [', encoding="utf-8")
    return package


def make_package_with_missing_resource(folder: Path) -> Path:
    package = folder / "package"
    package.mkdir()
    (package / "datapackage.json").write_text(
        '{"name": "x", "resources": [{"path": "observations.csv"}]}', encoding="utf-8"
    )
    return package


def make_package_escaping_its_folder(folder: Path) -> Path:
    package = folder / "package"
    package.mkdir()
    (package / "datapackage.json").write_text(
        '{"name": "x", "resources": [{"path": "../earlier.csv"}]}', encoding="utf-8"
    )
    return package


def make_descriptor_with_a_repeated_key(folder: Path) -> Path:
    members = package_members(ROW_2020.encode())
    members["datapackage.json"] = b'{"resources": [{"path": "observations.csv"}], "resources": []}'
    return zipped(folder, "package.zip", members)


def make_damaged_zip(folder: Path) -> Path:
    return written(folder, "package.zip", b"not a zip")


def make_zip_bomb(folder: Path) -> Path:
    return zipped(folder, "package.zip", package_members((HEADER + ROW_2020 * 100_000).encode()))


def make_zip_climbing_out(folder: Path) -> Path:
    members = package_members((GOOD + ROW_2020).encode())
    members["../../etc/cron.d/x"] = b"* * * * * root true"
    return zipped(folder, "package.zip", members)


def make_zip_of_many_members(folder: Path) -> Path:
    members = package_members((GOOD + ROW_2020).encode())
    members.update({f"notes/{n}.txt": b"" for n in range(150)})
    return zipped(folder, "package.zip", members)


# case -> (how to make the file, the problem's code, file, row, column)
CASES: dict[str, tuple[Callable[[Path], Path], str, str, int | None, str | None]] = {
    "quote never closed": (make_bad_csv, "bad-csv", "quoted.csv", 3, None),
    "random bytes": (make_random_bytes, "unreadable-encoding", "noise.csv", None, None),
    "UTF-16 without BOM": (make_utf16_without_mark, "unreadable-encoding", "children.csv", None, None),
    "NUL in a cell": (make_nul_in_a_cell, "bad-character", "nul.csv", 3, "GeoCode"),
    "bell in the header": (make_control_character_in_header, "bad-character", "bell.csv", 1, "AGE\x07"),
    "repeated column": (make_repeated_column, "duplicate-column", "twice.csv", 1, "Value"),
    "140,000-character cell": (make_huge_field, "field-too-large", "wide.csv", 3, "AGE"),
    "110,000-character line": (make_long_line, "line-too-long", "long.csv", 3, None),
    "3 MB on one line": (make_one_huge_line, "line-too-long", "line.csv", 1, None),
    "damaged workbook": (make_damaged_xlsx, "bad-file", "applications.xlsx", None, None),
    "zip-bomb workbook": (make_zip_bomb_xlsx, "archive-ratio", "bomb.xlsx", None, None),
    "cells beyond the header": (make_cells_beyond_the_header, "ragged-row", "beyond.xlsx [Sheet]", 2, None),
    "damaged Parquet": (make_damaged_parquet, "bad-file", "children.parquet", None, None),
    "NUL in Parquet": (make_nul_in_parquet, "bad-character", "children.parquet", 2, "Source"),
    "descriptor cut short": (make_package_without_descriptor, "bad-file", "datapackage.json", None, None),
    "missing resource": (make_package_with_missing_resource, "bad-file", "observations.csv", None, None),
    "resource outside": (make_package_escaping_its_folder, "bad-file", "../earlier.csv", None, None),
    "descriptor key twice": (make_descriptor_with_a_repeated_key, "bad-file", "package.zip", None, None),
    "damaged zip": (make_damaged_zip, "bad-file", "package.zip", None, None),
    "zip bomb": (make_zip_bomb, "archive-ratio", "package.zip", None, None),
    "zip member climbing out": (make_zip_climbing_out, "archive-bad-member", "package.zip", None, None),
    "zip of 152 members": (make_zip_of_many_members, "archive-too-many-members", "package.zip", None, None),
}


def counts() -> tuple[int, int, int]:
    return Observation.objects.count(), Series.objects.count(), ImportBatch.objects.count()


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_unreadable_file_is_refused_with_its_code_and_place(tmp_path: Path, case: str) -> None:
    make, code, file, row, column = CASES[case]
    path = make(tmp_path)
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        import_files([path])
    first = refused.value.report.problems[0]
    assert (first.code, first.file, first.row, first.column) == (code, file, row, column)
    assert counts() == before


def test_a_bad_byte_is_reported_with_its_offset_and_line(tmp_path: Path) -> None:
    text = (GOOD + ROW_2020).encode() + b"children-entering-detention,\x81\x00,2021,Y12T16,1,test-ho\n"
    with pytest.raises(InvalidInput) as refused:
        import_files([written(tmp_path, "bytes.csv", text)])
    [problem] = refused.value.report.problems
    assert (problem.code, problem.line) == ("unreadable-encoding", 4)
    assert "invalid start byte at byte 178" in problem.message


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        import_files([tmp_path / "earlier.csv", tmp_path / "no-such-file.csv"])
    assert refused.value.report.codes() == ["not-found"]
    assert counts() == before


def stored_2020() -> list[tuple[str, int, float | None]]:
    rows = Observation.objects.filter(year__gte=2020).select_related("series__area")
    return sorted((o.series.area.iso3, o.year, o.value) for o in rows)


IVORY_COAST = "children-entering-detention,Côte d'Ivoire,2020,Y12T16,7,test-ho\n"
ENCODED: dict[str, Callable[[str], bytes]] = {
    "UTF-8": lambda text: text.encode("utf-8"),
    "UTF-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "UTF-16 with BOM": lambda text: text.encode("utf-16"),
    "Windows-1252, sniffed": lambda text: text.encode("cp1252"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODED))
def test_a_file_in_an_encoding_people_save_is_read(tmp_path: Path, encoding: str) -> None:
    content = ENCODED[encoding](HEADER + ROW_2020 + IVORY_COAST)
    outcome = import_files([written(tmp_path, "children.csv", content)])
    assert outcome.added == 2
    assert stored_2020() == [("CIV", 2020, 7.0), ("GBR", 2020, 12.0)]


def test_a_package_resource_declared_latin_1_is_read(tmp_path: Path) -> None:
    csv = (HEADER + IVORY_COAST).encode("latin-1")
    resource = '{"path": "observations.csv", "encoding": "ISO-8859-1"}'
    outcome = import_files([zipped(tmp_path, "package.zip", package_members(csv, resource))])
    assert outcome.added == 1
    assert stored_2020() == [("CIV", 2020, 7.0)]


def test_a_declared_encoding_is_used_and_named_in_the_summary(tmp_path: Path) -> None:
    """`compactwatch import --encoding latin-1`: the file is read as declared, and the summary says so."""
    content = HEADER.replace("Source", "Source,Footnote") + ROW_2020.replace("\n", ",Données\n")
    path = written(tmp_path, "latin.csv", content.encode("latin-1"))
    out = StringIO()
    call_command("import", str(path), "--encoding", "latin-1", stdout=out)
    assert "latin.csv (read as latin-1" in out.getvalue()
    assert Observation.objects.get(year=2020).footnote == "Données"
