"""Zip archives, workbooks and Parquet files are sized up before anything is expanded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compactwatch.core.formats import ReadLimits, ReadOptions, Table, datapackage, excel, parquet
from compactwatch.core.formats.archives import ArchiveRefused, open_archive
from compactwatch.core.validation import Problem

DESCRIPTOR = b'{"resources": [{"path": "observations.csv"}]}'
CSV = b"Year,GeoCode,Value\n2020,GBR,5\n"


def archive(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as written:
        for name, content in members.items():
            info = zipfile.ZipInfo("placeholder")
            info.filename = name  # as written, where ZipInfo would take the leading "/" off
            info.compress_type = method
            written.writestr(info, content)
    return path


def refusal(path: Path, limits: ReadLimits) -> tuple[str, str]:
    with pytest.raises(ArchiveRefused) as refused:
        open_archive(path, limits)
    return refused.value.code, refused.value.message


def problems(tables: list[Table]) -> list[Problem]:
    return [cells for table in tables for _, cells in table.rows if isinstance(cells, Problem)]


def test_an_archive_within_the_limits_opens(tmp_path: Path) -> None:
    path = archive(tmp_path / "p.zip", {"datapackage.json": DESCRIPTOR, "observations.csv": CSV})
    with open_archive(path, ReadLimits()) as opened:
        assert opened.namelist() == ["datapackage.json", "observations.csv"]


@pytest.mark.parametrize(
    ("members", "limits", "code", "words"),
    [
        (
            {f"{n}.csv": b"" for n in range(4)},
            ReadLimits(max_members=3),
            "archive-too-many-members",
            "4 members",
        ),
        ({"a.csv": b"x" * 5000}, ReadLimits(max_uncompressed_bytes=4999), "archive-too-large", "5,000 bytes"),
        ({"a.csv": b"0" * 2_000_000}, ReadLimits(), "archive-ratio", "the member 'a.csv' expands"),
        ({"/etc/passwd": b""}, ReadLimits(), "archive-bad-member", "points outside the archive"),
        ({"data/../../x.csv": b""}, ReadLimits(), "archive-bad-member", "points outside the archive"),
        ({"C:/x.csv": b""}, ReadLimits(), "archive-bad-member", "points outside the archive"),
        ({"..\\x.csv": b""}, ReadLimits(), "archive-bad-member", "points outside the archive"),
    ],
)
def test_an_archive_past_a_limit_is_refused_before_it_is_expanded(
    tmp_path: Path, members: dict[str, bytes], limits: ReadLimits, code: str, words: str
) -> None:
    found_code, message = refusal(archive(tmp_path / "p.zip", members), limits)
    assert found_code == code
    assert words in message


def test_a_ratio_is_not_held_against_a_small_archive(tmp_path: Path) -> None:
    path = archive(tmp_path / "p.zip", {"a.csv": b"0" * 500_000})  # 500 kB at about 1000:1
    with open_archive(path, ReadLimits()) as opened:
        assert opened.getinfo("a.csv").file_size == 500_000


def test_encrypted_and_bzip2_members_are_refused(tmp_path: Path) -> None:
    path = archive(tmp_path / "p.zip", {"secret.csv": CSV}, zipfile.ZIP_STORED)
    content = bytearray(path.read_bytes())
    directory = content.rfind(b"PK\x01\x02")
    content[directory + 8] |= 0x1  # the encryption flag, which zipfile will not write without a password
    path.write_bytes(bytes(content))
    assert refusal(path, ReadLimits()) == ("archive-bad-member", "the member 'secret.csv' is encrypted")
    bzip2 = archive(tmp_path / "b.zip", {"a.csv": CSV}, zipfile.ZIP_BZIP2)
    assert refusal(bzip2, ReadLimits())[0] == "archive-bad-member"


def test_a_zipped_package_reads_its_resource_within_the_limits(tmp_path: Path) -> None:
    path = archive(tmp_path / "p.zip", {"datapackage.json": DESCRIPTOR, "observations.csv": CSV})
    [table] = datapackage.read(path)
    assert (table.name, table.header, table.encoding) == (
        "p.zip/observations.csv",
        ["Year", "GeoCode", "Value"],
        "utf-8",
    )
    assert list(table.rows) == [(2, ["2020", "GBR", "5"])]


def test_a_member_that_is_not_the_size_its_directory_declares_is_refused(tmp_path: Path) -> None:
    path = archive(tmp_path / "p.zip", {"datapackage.json": DESCRIPTOR, "observations.csv": CSV})
    content = bytearray(path.read_bytes())
    entry = content.rfind(b"PK\x01\x02")  # the last directory entry: observations.csv
    content[entry + 24 : entry + 28] = (10).to_bytes(4, "little")  # its expanded size, now a lie
    path.write_bytes(bytes(content))
    [found] = problems(datapackage.read(path))
    assert (found.code, found.file, found.row) == ("bad-file", "p.zip/observations.csv", 1)
    assert "Bad CRC-32" in found.message


def test_a_zipped_package_with_a_huge_descriptor_is_refused(tmp_path: Path) -> None:
    path = archive(tmp_path / "p.zip", {"datapackage.json": DESCRIPTOR + b" " * 2000})
    options = ReadOptions(limits=ReadLimits(max_descriptor_bytes=1000))
    [found] = problems(datapackage.read(path, options))
    assert (found.code, found.file) == ("archive-too-large", "p.zip")


def test_a_workbook_is_checked_as_the_archive_it_is(tmp_path: Path) -> None:
    path = archive(tmp_path / "w.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/big.xml": b"<a/>" * 400_000})
    [found] = problems(excel.read(path))
    assert (found.code, found.file) == ("archive-ratio", "w.xlsx")


def parquet_file(path: Path, rows: int, cell: str = "GBR") -> Path:
    pq.write_table(pa.table({"Year": ["2020"] * rows, "GeoCode": [cell] * rows, "Value": ["5"] * rows}), path)
    return path


def test_a_parquet_file_that_expands_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "p.parquet", 10_000)
    options = ReadOptions(limits=ReadLimits(max_uncompressed_bytes=10_000))
    [found] = problems(parquet.read(path, options))
    # The footer counts encoded pages (small here); the batches read count what they hold, from row 2.
    assert (found.code, found.file, found.row) == ("archive-too-large", "p.parquet", 2)


def test_a_parquet_cell_past_the_limit_is_refused_at_its_row_and_column(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "p.parquet", 2, cell="G" * 200)
    options = ReadOptions(limits=ReadLimits(max_cell_chars=100))
    found = problems(parquet.read(path, options))
    assert [(p.code, p.row, p.column) for p in found] == [
        ("field-too-large", 2, "GeoCode"),
        ("field-too-large", 3, "GeoCode"),
    ]


def test_a_parquet_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    table = pa.Table.from_arrays([pa.array(["2020"]), pa.array(["5"])], names=["Value", "value"])
    pq.write_table(table, path)
    [found] = problems(parquet.read(path))
    assert (found.code, found.row, found.column) == ("duplicate-column", 1, "value")
