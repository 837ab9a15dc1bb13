"""Fuzzing the import: generated files, in every format and the encodings people save, each with at most
one thing wrong (a NUL, a control character, a lone surrogate, another script's digits, 1e308, a 40-digit
count, a huge cell, a key given twice, a ragged row, random bytes...). Each file is either imported whole,
with exactly its rows, or refused with a coded problem naming the file and, for a row, its row and column;
a refused file changes nothing, and no exception other than the refusal escapes."""

from __future__ import annotations

import random
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from compactwatch.core.validation import InvalidInput, Problem
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import ImportOutcome, import_files

pytestmark = pytest.mark.django_db

HEADER = ["Indicator", "GeoCode", "Year", "AGE", "Value", "Source"]
AGES = ("Y0T4", "Y5T11", "Y12T16", "Y17", "")
AREAS = ("GBR", "Côte d'Ivoire", "Chad")
# What the checks say of a cell that reads as text but means nothing, by column.
NONSENSE = {
    "Indicator": "unknown-indicator",
    "GeoCode": "unknown-area",
    "Year": "bad-period",
    "AGE": "unknown-code",
    "Value": "bad-value",
    "Source": "unknown-source",
}
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")
FORMATS = ("csv", "datapackage", "parquet", "xlsx")
CONTROLS = ("\x07", "\x1b", "\x7f", "\x0c")


@dataclass(frozen=True)
class Mutation:
    kind: str
    column: str  # the column it changes, if it changes a cell
    text: str = ""


MUTATIONS = st.one_of(
    st.just(Mutation("none", "")),
    st.sampled_from(
        [
            Mutation("cell", "Value", text)
            for text in ("1e308", "-inf", "nan", "1" * 40, "١٢", "²", "1_000", "12\u00a0000", "0x10")
        ]
        + [Mutation("cell", "Year", text) for text in ("١٩٩٩", "20²1", "99999", "2020.5", "")]
    ),
    st.builds(Mutation, st.just("nul"), st.sampled_from(HEADER), st.just("\x00")),
    st.builds(
        Mutation, st.just("control"), st.sampled_from(HEADER), st.sampled_from(["\x07", "\x1b", "\x7f"])
    ),
    st.builds(Mutation, st.just("surrogate"), st.sampled_from(HEADER), st.just("\udc80")),
    st.builds(Mutation, st.just("huge"), st.just("AGE")),
    st.builds(Mutation, st.sampled_from(["conflict", "repeat", "ragged", "noise", "blank"]), st.just("")),
)
KEYS = st.tuples(st.integers(2000, 2023), st.sampled_from(AGES), st.sampled_from(AREAS))
ROWS = st.lists(st.tuples(KEYS, st.integers(0, 10**9)), min_size=1, max_size=6, unique_by=lambda row: row[0])


@dataclass(frozen=True)
class Case:
    rows: list[list[str]]
    mutation: Mutation
    target: int  # index into rows
    format: str
    encoding: str


def _cells(key: tuple[int, str, str], value: int) -> list[str]:
    year, age, area = key
    return ["children-entering-detention", area, str(year), age, str(value), "test-ho"]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    rows = [_cells(key, value) for key, value in draw(ROWS)]
    mutation = draw(MUTATIONS)
    formats = list(FORMATS)
    if mutation.kind in {"nul", "control", "surrogate", "noise", "blank", "huge"}:
        formats.remove(
            "xlsx"
        )  # openpyxl writes none of these, cuts cells at 32,767 characters, skips blank rows
    if mutation.kind == "ragged":
        formats.remove("xlsx")  # a short row in a sheet is a row with empty cells at its end
    if mutation.kind in {"surrogate", "noise", "ragged", "blank"}:
        formats.remove("parquet")  # pyarrow writes no lone surrogate; a table has no ragged rows
    file_format = draw(st.sampled_from(formats))
    encodings = TEXT_ENCODINGS if file_format == "csv" else ("utf-8",)
    encoding = draw(st.sampled_from([e for e in encodings if _encodable(mutation, e)]))
    return Case(rows, mutation, draw(st.integers(0, len(rows) - 1)), file_format, encoding)


def _encodable(mutation: Mutation, encoding: str) -> bool:
    try:
        mutation.text.encode(encoding, errors="surrogatepass")
    except UnicodeEncodeError:
        return False
    return True


def mutated_rows(case: Case) -> list[list[str]]:
    rows = [list(row) for row in case.rows]
    row, kind, column = rows[case.target], case.mutation.kind, case.mutation.column
    position = HEADER.index(column) if column else 0
    if kind == "cell":
        row[position] = case.mutation.text
    elif kind in {"nul", "control", "surrogate"}:
        row[position] = row[position][:1] + case.mutation.text + row[position][1:]
    elif kind == "huge":
        row[position] = "Y" * 120_000
    elif kind == "conflict":
        rows.append([*row[:4], str(int(row[4]) + 1), row[5]])
    elif kind == "repeat":
        rows.append(list(row))
    elif kind == "ragged":
        row.pop()
    elif kind == "blank":
        rows.insert(case.target, [""] * len(HEADER))
    return rows


def write_case(case: Case, folder: Path) -> Path:
    rows = mutated_rows(case)
    text = "\n".join(",".join(_quoted(cell) for cell in row) for row in [HEADER, *rows]) + "\n"
    content = text.encode(case.encoding, errors="surrogatepass")
    if case.mutation.kind == "noise":
        content += random.Random(len(rows)).randbytes(300) + b"\n"
    if case.format == "csv":
        path = folder / "children.csv"
        path.write_bytes(content)
    elif case.format == "datapackage":
        path = folder / "children.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", '{"resources": [{"path": "data.csv"}]}')
            archive.writestr("data.csv", content)
    elif case.format == "parquet":
        path = folder / "children.parquet"
        pq.write_table(pa.table({name: [row[i] for row in rows] for i, name in enumerate(HEADER)}), path)
    else:
        path = folder / "children.xlsx"
        workbook = Workbook()
        for row in [HEADER, *rows]:
            workbook.active.append(row)
        workbook.save(path)
    return path


def _quoted(cell: str) -> str:
    return f'"{cell}"' if any(c in cell for c in ',"\n\r') else cell


def expected_file(case: Case) -> str:
    return {
        "csv": "children.csv",
        "datapackage": "children.zip/data.csv",
        "parquet": "children.parquet",
        "xlsx": "children.xlsx [Sheet]",
    }[case.format]


def expected_rows(case: Case) -> int:
    return len(case.rows)


def counts() -> tuple[int, int, int]:
    return Observation.objects.count(), Series.objects.count(), ImportBatch.objects.count()


def check_refusal(case: Case, problems: list[Problem], row: int) -> None:
    """Every problem names its file; one names the row and column the case spoiled, with its code."""
    assert all(problem.file for problem in problems), problems
    # An area name that matches nothing may be refused more precisely (historical, ambiguous...).
    places = {(_area_code(p.code), p.file, p.row, p.column) for p in problems}
    kind, column, file = case.mutation.kind, case.mutation.column, expected_file(case)
    codes = {p.code for p in problems}
    if kind == "noise":
        return  # random bytes: refused with coded problems, which is all one can ask
    if kind in {"nul", "control"} and case.encoding == "cp1252" and _has_non_ascii(case):
        assert ("unreadable-encoding", file, None, None) in places  # not Windows-1252 text: a control
        return
    if kind == "surrogate" and case.encoding in {"utf-8-sig", "utf-16"}:
        assert ("unreadable-encoding", file, None, None) in places  # not text in the declared encoding
        return
    huge = "line-too-long" if case.format in {"csv", "datapackage"} else "field-too-large"
    # Without a byte-order mark, a lone surrogate's bytes are Windows-1252 text, refused for what it says.
    expected = {
        "nul": ("bad-character", column),
        "control": ("bad-character", column),
        "huge": (huge, None if huge == "line-too-long" else column),
        "conflict": ("conflicting-duplicate", "Value"),
        "ragged": ("ragged-row", None),
    }.get(kind) or (NONSENSE[column], column)
    if kind == "conflict":
        row = len(case.rows) + 2
    if kind == "cell" and "out-of-range" in codes:
        expected = ("out-of-range", column)  # once the checks tell an out-of-range value from a bad one
    assert (expected[0], file, row, expected[1]) in places, problems


def _area_code(code: str) -> str:
    return "unknown-area" if code.endswith("-area") else code


def _has_non_ascii(case: Case) -> bool:
    return any(not cell.isascii() for row in case.rows for cell in row)


@pytest.fixture(autouse=True)
def _source() -> None:
    register_sources([{"code": "test-ho", "title": "Immigration statistics", "producer": "UK Home Office"}])


def imported_or_refused(path: Path) -> ImportOutcome | list[Problem]:
    try:
        return import_files([path])
    except InvalidInput as refused:
        return refused.report.problems


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(cases())
def test_every_file_is_imported_whole_or_refused_by_code(case: Case) -> None:
    Observation.objects.all().delete()
    Series.objects.all().delete()
    ImportBatch.objects.all().delete()
    with tempfile.TemporaryDirectory() as folder:
        outcome = imported_or_refused(write_case(case, Path(folder)))
    if isinstance(outcome, list):
        assert counts() == (0, 0, 0), "a refused file changes nothing"
        assert case.mutation.kind not in {"none", "repeat", "blank"}, outcome
        try:
            check_refusal(case, outcome, row=case.target + 2)
        except AssertionError:
            print(case)  # hypothesis shows the failing case's output
            raise
    else:
        assert case.mutation.kind in {"none", "repeat", "blank"}, f"{case.mutation} was imported"
        assert outcome.added == expected_rows(case)
        assert Observation.objects.count() == expected_rows(case)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00" * 40, random.Random(3).randbytes(2000)],
    ids=["empty", "BOM only", "UTF-16 BOM only", "NULs", "random bytes"],
)
def test_the_command_line_refuses_an_unreadable_file_in_words(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "children.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path))
    assert "nothing was imported; the database is unchanged." in str(refused.value)
    assert "children.csv" in str(refused.value)
    assert counts() == (0, 0, 0)


def test_a_header_only_file_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "children.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    outcome = import_files([path])
    assert (outcome.rows_read, outcome.added, counts()) == (0, 0, (0, 0, 0))


def test_an_empty_source_cell_is_refused_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "children.csv"
    row = "children-entering-detention,GBR,2020,Y12T16,12,"
    path.write_text(",".join(HEADER) + "\n" + row + "\n", encoding="utf-8")
    problems = imported_or_refused(path)
    assert isinstance(problems, list)
    assert [(p.file, p.row, p.column) for p in problems] == [("children.csv", 2, "Source")]
