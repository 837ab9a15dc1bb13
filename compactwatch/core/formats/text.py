"""Text files as compactwatch reads them: which encoding, and which characters a cell may hold.

The encoding of a file comes, in this order, from its byte-order mark (UTF-8, UTF-16 or UTF-32), from what
the person declared (`--encoding`, a data package resource's `encoding`), or from a fixed rule: bytes that
are valid UTF-8 are UTF-8; bytes that are not, but read as Windows-1252 (which covers Latin-1 text) without
control characters, are Windows-1252. The whole file is checked before a row is read, so a bad byte is
reported with its offset and line instead of stopping an import half way. Anything else is refused with
`unreadable-encoding`.

A cell may not hold a NUL, another control character (tab and line breaks aside), a lone surrogate or a
non-character: PostgreSQL refuses NUL in text, and the others are never data.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from compactwatch.core.validation import Problem

OpenBytes = Callable[[], BinaryIO]  # opens the file's bytes again, from the start, each time it is called

CHUNK_BYTES = 1024 * 1024
SAMPLE_BYTES = 4096
BYTE_ORDER_MARKS = (  # UTF-32's marks first: UTF-16 LE's is the start of UTF-32 LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings a person may declare, by Python's canonical codec name; UTF-16 and UTF-32 without a
# byte-order mark are read little-endian, as Windows writes them.
DECLARABLE = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
    "ascii": "ascii",
    "utf-16": "utf-16-le",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "utf-32": "utf-32-le",
    "utf-32-le": "utf-32-le",
    "utf-32-be": "utf-32-be",
    "cp1252": "cp1252",
    "iso8859-1": "latin-1",
    "latin-1": "latin-1",
    "iso8859-15": "iso8859-15",
}
UNREADABLE = "unreadable-encoding"
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
CONTROL_CHARACTERS = re.compile(f"[{CONTROL}]")
BAD_CHARACTERS = re.compile(f"[{CONTROL}\x80-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# The same characters for `in` tests, which scan a block of text ten times faster than a pattern does.
ASCII_BAD = (*(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)), "\x7f")
WIDE_BAD = (
    *(chr(c) for c in range(0x80, 0xA0)),
    *(chr(c) for c in range(0xFDD0, 0xFDF0)),
    "\ufffe",
    "\uffff",
)


@dataclass(frozen=True)
class TextEncoding:
    codec: str  # a codec that reads the bytes after the byte-order mark
    skip: int  # the byte-order mark's length
    label: str  # what the import report says, e.g. "utf-8 (byte-order mark)", "cp1252 (sniffed)"

    def open_text(self, open_bytes: OpenBytes) -> io.TextIOWrapper:
        raw = open_bytes()
        raw.read(self.skip)
        return io.TextIOWrapper(raw, encoding=self.codec, errors="strict", newline="")


def choose_encoding(open_bytes: OpenBytes, name: str, declared: str | None = None) -> TextEncoding | Problem:
    """How to read a text file, checked over all of its bytes; a coded problem if it cannot be read."""
    with open_bytes() as raw:
        sample = raw.read(SAMPLE_BYTES)
    for mark, codec in BYTE_ORDER_MARKS:
        if sample.startswith(mark):
            return _checked(open_bytes, name, TextEncoding(codec, len(mark), f"{codec} (byte-order mark)"))
    if declared:
        codec = DECLARABLE.get(_canonical(declared), "")
        if not codec:
            known = ", ".join(sorted(DECLARABLE))
            return Problem(
                UNREADABLE, f"{declared!r} is not an encoding compactwatch reads ({known})", file=name
            )
        return _checked(open_bytes, name, TextEncoding(codec, 0, f"{codec} (declared)"))
    return _sniffed(open_bytes, name, sample)


def _canonical(declared: str) -> str:
    try:
        return codecs.lookup(declared.strip()).name
    except LookupError:
        return ""


def _sniffed(open_bytes: OpenBytes, name: str, sample: bytes) -> TextEncoding | Problem:
    if sample.count(0) * 4 > len(sample):
        message = (
            "the file looks like UTF-16 or UTF-32 text without a byte-order mark; "
            "save it as CSV UTF-8, or declare its encoding"
        )
        return Problem(UNREADABLE, message, file=name, line=1)
    utf8 = TextEncoding("utf-8", 0, "utf-8")
    utf8_error = _first_error(open_bytes, utf8)
    if utf8_error is None:
        return utf8
    windows = TextEncoding("cp1252", 0, "cp1252 (sniffed)")
    if _first_error(open_bytes, windows, refuse_controls=True) is None:
        return windows
    offset, line, reason = utf8_error
    message = (
        f"the file cannot be read as text: it is neither UTF-8 nor Windows-1252 (Latin-1) ({reason} at "
        f"byte {offset}); "
        "save it as CSV UTF-8, or declare its encoding"
    )
    return Problem(UNREADABLE, message, file=name, line=line)


def _checked(open_bytes: OpenBytes, name: str, encoding: TextEncoding) -> TextEncoding | Problem:
    error = _first_error(open_bytes, encoding)
    if error is None:
        return encoding
    offset, line, reason = error
    message = f"the file is not {encoding.label} text: {reason} at byte {offset}"
    return Problem(UNREADABLE, message, file=name, line=line)


def _first_error(
    open_bytes: OpenBytes, encoding: TextEncoding, *, refuse_controls: bool = False
) -> tuple[int, int, str] | None:
    """Where the bytes stop being text in this encoding: (byte offset, line, why), or None."""
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors="strict")
    consumed, lines = encoding.skip, 1
    with open_bytes() as raw:
        raw.read(encoding.skip)
        while True:
            chunk = raw.read(CHUNK_BYTES)
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                before = (pending + chunk)[: error.start]
                prefix = before.decode(encoding.codec, errors="ignore")
                return consumed - len(pending) + error.start, lines + prefix.count("\n"), error.reason
            control = CONTROL_CHARACTERS.search(text) if refuse_controls else None
            if control is not None:  # only for single-byte encodings: one byte per character
                at = control.start()
                return consumed + at, lines + text.count("\n", 0, at), "a control character"
            consumed += len(chunk)
            lines += text.count("\n")
            if not chunk:
                return None


def holds_bad_character(text: str) -> bool:
    """Whether decoded text holds a character no cell may hold. A strict decoder never makes a lone
    surrogate, so text from one needs no search for them."""
    if any(character in text for character in ASCII_BAD):
        return True
    return not text.isascii() and any(character in text for character in WIDE_BAD)


def character_problem(cells: Sequence[str], header: Sequence[str], name: str, row: int) -> Problem | None:
    """The first cell of a row that holds a character no cell may hold, as a coded problem."""
    for position, cell in enumerate(cells):
        found = BAD_CHARACTERS.search(cell)
        if found is not None:
            column = header[position] if position < len(header) else None
            return Problem(
                "bad-character",
                f"the cell holds {_described(found.group())}, which is not text compactwatch stores",
                file=name,
                row=row,
                column=column,
            )
    return None


def _described(character: str) -> str:
    point = ord(character)
    if point == 0:
        return "a NUL byte (U+0000)"
    if 0xD800 <= point <= 0xDFFF:
        return f"a lone surrogate (U+{point:04X})"
    if point >= 0xFDD0:
        return f"a non-character (U+{point:04X})"
    return f"a control character (U+{point:04X})"


def header_problem(header: Sequence[str], name: str, max_columns: int) -> Problem | None:
    """What makes a header unusable: too many columns, a character no cell may hold, a repeated name
    (which of the two would a row's value come from?)."""
    if len(header) > max_columns:
        message = f"the header has {len(header):,} columns; at most {max_columns:,}"
        return Problem("too-many-columns", message, file=name, row=1)
    problem = character_problem(header, header, name, 1)
    if problem is not None:
        return problem
    seen: set[str] = set()
    for column in header:
        folded = " ".join(column.split()).casefold()
        if folded and folded in seen:
            message = f"the header names column {column!r} twice"
            return Problem("duplicate-column", message, file=name, row=1, column=column)
        seen.add(folded)
    return None


def cell_problem(
    cells: Sequence[str], header: Sequence[str], name: str, row: int, max_cell: int
) -> Problem | None:
    """A cell too long to be data, or holding a character no cell may hold (for readers without the csv
    module's own field limit)."""
    for position, cell in enumerate(cells):
        if len(cell) > max_cell:
            column = header[position] if position < len(header) else None
            message = f"the cell is longer than {max_cell:,} characters; a data cell is much shorter"
            return Problem("field-too-large", message, file=name, row=row, column=column)
    return character_problem(cells, header, name, row)
