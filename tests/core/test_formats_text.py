"""Which encoding a text file is read in, where a bad byte is, and how a CSV file is cut into lines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compactwatch.core.formats import ReadLimits, ReadOptions, detect_format, tidy_csv
from compactwatch.core.formats import text as text_module
from compactwatch.core.formats.text import TextEncoding, choose_encoding
from compactwatch.core.validation import Problem

CSV = "Year,GeoCode,Value\n2020,Côte d'Ivoire,5\n"


def chosen(tmp_path: Path, content: bytes, declared: str | None = None) -> TextEncoding | Problem:
    path = tmp_path / "children.csv"
    path.write_bytes(content)
    return choose_encoding(lambda: path.open("rb"), path.name, declared)


@pytest.mark.parametrize(
    ("content", "declared", "label"),
    [
        (CSV.encode("utf-8"), None, "utf-8"),
        (CSV.encode("utf-8-sig"), None, "utf-8 (byte-order mark)"),
        (CSV.encode("utf-16"), None, "utf-16-le (byte-order mark)"),
        (CSV.encode("utf-16-be"), "UTF-16BE", "utf-16-be (declared)"),
        ("\ufeff".encode("utf-16-be") + CSV.encode("utf-16-be"), None, "utf-16-be (byte-order mark)"),
        (CSV.encode("utf-32"), None, "utf-32-le (byte-order mark)"),
        (CSV.encode("cp1252"), None, "cp1252 (sniffed)"),
        ((CSV + "2021,GBR,€5\n").encode("cp1252"), None, "cp1252 (sniffed)"),
        (CSV.encode("latin-1"), "latin-1", "latin-1 (declared)"),
        (CSV.encode("latin-1"), "ISO-8859-1", "latin-1 (declared)"),
        (CSV.encode("cp1252"), "windows-1252", "cp1252 (declared)"),
        # A byte-order mark outweighs a declaration.
        (CSV.encode("utf-8-sig"), "cp1252", "utf-8 (byte-order mark)"),
    ],
)
def test_the_encoding_comes_from_the_mark_the_declaration_or_the_rule(
    tmp_path: Path, content: bytes, declared: str | None, label: str
) -> None:
    encoding = chosen(tmp_path, content, declared)
    assert isinstance(encoding, TextEncoding)
    assert encoding.label == label
    path = tmp_path / "children.csv"
    with encoding.open_text(lambda: path.open("rb")) as handle:
        assert handle.read().startswith("Year,GeoCode,Value")


@pytest.mark.parametrize(
    ("content", "declared", "line", "words"),
    [
        (CSV.encode("utf-16-le"), None, 1, "UTF-16 or UTF-32 text without a byte-order mark"),
        (CSV.encode("utf-8") + b"2021,GBR,\x81\x00\n", None, 3, "(invalid start byte at byte 50)"),
        (
            CSV.encode("utf-8-sig") + b"\xff\n",
            None,
            3,
            "not utf-8 (byte-order mark) text: invalid start byte",
        ),
        (CSV.encode("utf-8"), "klingon", None, "'klingon' is not an encoding compactwatch reads"),
        (CSV.encode("utf-8"), "rot13", None, "'rot13' is not an encoding compactwatch reads"),
        (CSV.encode("cp1252"), "utf-8", 2, "not utf-8 (declared) text: invalid continuation byte at byte 25"),
        (b"Year\n\x1b[31m2020\n\xe9\n", None, 3, "neither UTF-8 nor Windows-1252"),
    ],
)
def test_other_bytes_are_refused_with_their_place(
    tmp_path: Path, content: bytes, declared: str | None, line: int | None, words: str
) -> None:
    problem = chosen(tmp_path, content, declared)
    assert isinstance(problem, Problem)
    assert (problem.code, problem.file, problem.line) == ("unreadable-encoding", "children.csv", line)
    assert words in problem.message


def test_a_bad_byte_after_a_character_cut_between_chunks_is_placed_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "CHUNK_BYTES", 8)
    content = "Year\nééééé\n".encode() + b"\xff"  # "é" is two bytes; the chunks cut through them
    problem = chosen(tmp_path, content, "utf-8")
    assert isinstance(problem, Problem)
    assert problem.line == 3
    assert "at byte 16" in problem.message


def read_rows(text: str, limit: int) -> list[list[str]] | Problem:
    limits = ReadLimits(max_line_chars=limit, max_cell_chars=10_000)
    table = tidy_csv.read_stream(io.StringIO(text, newline=""), "t.csv", limits=limits)
    if not table.header:
        return next(cells for _, cells in table.rows if isinstance(cells, Problem))
    rows = [table.header]
    for _, cells in table.rows:
        if isinstance(cells, Problem):
            return cells
        rows.append(cells)
    return rows


CELLS = st.text(alphabet='ab ,"\n\r\u00e9\u2028', max_size=8)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=8), ENDINGS, st.integers(0, 30))
def test_lines_read_a_block_at_a_time_give_the_rows_the_csv_module_gives(
    rows: list[list[str]], ending: str, slack: int
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=ending, quoting=csv.QUOTE_ALL)  # a lone "\n" is quoted too
    writer.writerows([["Year", "GeoCode", "Value"], *rows])
    text = buffer.getvalue()
    longest = max(len(line) for line in io.StringIO(text, newline=""))
    parsed = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    expected = [parsed[0], *(row for row in parsed[1:] if "".join(row).strip())]
    assert read_rows(text, longest + slack) == expected


def test_a_line_longer_than_the_limit_is_refused_at_its_row() -> None:
    text = "Year,Value\n2020,1\n2021," + "9" * 50 + "\n2022,3\n"
    problem = read_rows(text, 40)
    assert isinstance(problem, Problem)
    assert (problem.code, problem.row) == ("line-too-long", 3)


def test_a_forbidden_character_is_named_by_row_and_column() -> None:
    problem = read_rows("Year,Value\n2020,1\n2021,\u00852\n", 1000)
    assert problem == Problem(
        "bad-character",
        "the cell holds a control character (U+0085), which is not text compactwatch stores",
        file="t.csv",
        row=3,
        column="Value",
    )


def test_options_carry_a_declared_encoding_to_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "children.csv"
    path.write_bytes(CSV.encode("latin-1"))
    [table] = tidy_csv.read(path, ReadOptions(encoding="latin-1"))
    assert table.encoding == "latin-1 (declared)"
    assert [cells for _, cells in table.rows] == [["2020", "Côte d'Ivoire", "5"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_sdmx_csv_is_recognised_in_every_encoding_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "unhcr.csv"
    path.write_bytes("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA\n".encode(encoding))
    assert detect_format(path) == "sdmx-csv"


def test_the_format_of_a_file_of_one_huge_line_is_found_from_its_start(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    path.write_bytes(b"DATAFLOW" + b"," * 5_000_000)
    assert detect_format(path) == "sdmx-csv"
