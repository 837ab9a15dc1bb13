"""Zip archives (zipped data packages, .xlsx workbooks) opened with care: nothing is expanded before its
members are counted, named and sized, and a member is read as a stream that stops at its declared size.

A contributor's 1 MB zip can claim, or hold, a gigabyte; these checks refuse it from its central directory:
too many members, a total expanded size or a compression ratio past the limits, a member name that is
absolute or climbs out with "..", an encrypted member, or a compression method other than stored or deflated
(bzip2 and LZMA expand a whole block at once, so their output cannot be capped as it is read).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from compactwatch.core.formats import ReadLimits
from compactwatch.core.validation import Problem

END_OF_DIRECTORY = b"PK\x05\x06"
END_RECORD_BYTES = 22
MAX_COMMENT_BYTES = 65_535
READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What a damaged archive raises while a member is read.
ARCHIVE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


class ArchiveRefused(Exception):
    """An archive, or one of its members, that compactwatch will not expand."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def problem(self, name: str, **where: int) -> Problem:
        return Problem(self.code, self.message, file=name, **where)  # type: ignore[arg-type]


def open_archive(path: Path, limits: ReadLimits) -> zipfile.ZipFile:
    """The archive, once its members are known to be safe to expand; `ArchiveRefused` otherwise."""
    _check_member_count(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ArchiveRefused("bad-file", f"not a readable zip archive: {error}") from None
    try:
        check_members(archive.infolist(), limits)
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def _check_member_count(path: Path, limits: ReadLimits) -> None:
    """Count the members from the end record, before the central directory is read into memory."""
    with path.open("rb") as handle:
        size = handle.seek(0, io.SEEK_END)
        handle.seek(max(0, size - END_RECORD_BYTES - MAX_COMMENT_BYTES))
        tail = handle.read()
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + END_RECORD_BYTES:
        return  # zipfile says what is wrong
    (members,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if members != 0xFFFF and members > limits.max_members:
        raise ArchiveRefused(
            "archive-too-many-members", f"the archive has {members} members; at most {limits.max_members}"
        )


def check_members(members: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    if len(members) > limits.max_members:
        raise ArchiveRefused(
            "archive-too-many-members",
            f"the archive has {len(members)} members; at most {limits.max_members}",
        )
    for member in members:
        _check_member(member, limits)
    expanded = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if expanded > limits.max_uncompressed_bytes:
        raise ArchiveRefused(
            "archive-too-large",
            f"the archive expands to {expanded:,} bytes; at most {limits.max_uncompressed_bytes:,}",
        )
    _check_ratio("the archive", expanded, compressed, limits)


def _check_member(member: zipfile.ZipInfo, limits: ReadLimits) -> None:
    name = member.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]) or "\x00" in name:
        raise ArchiveRefused("archive-bad-member", f"the member name {name!r} points outside the archive")
    if member.flag_bits & 0x1:
        raise ArchiveRefused("archive-bad-member", f"the member {name!r} is encrypted")
    if member.compress_type not in READABLE_METHODS:
        raise ArchiveRefused(
            "archive-bad-member",
            f"the member {name!r} is compressed with method {member.compress_type}; "
            "compactwatch reads stored and deflated members",
        )
    _check_ratio(f"the member {name!r}", member.file_size, member.compress_size, limits)


def _check_ratio(what: str, expanded: int, compressed: int, limits: ReadLimits) -> None:
    if expanded >= limits.ratio_checked_from and expanded > limits.max_ratio * max(compressed, 1):
        ratio = expanded / max(compressed, 1)
        raise ArchiveRefused(
            "archive-ratio",
            f"{what} expands {ratio:,.0f} times ({expanded:,} bytes); a data file expands at most "
            f"{limits.max_ratio:g} times",
        )


def member_stream(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> BinaryIO:
    """A member's bytes as a stream that refuses to give more than the size its directory entry declares."""
    return io.BufferedReader(_Capped(archive.open(member), member.file_size, member.filename))


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, cap: int) -> bytes:
    """A small member (a descriptor) whole, refused past `cap` bytes."""
    if member.file_size > cap:
        raise ArchiveRefused(
            "archive-too-large", f"{member.filename} is {member.file_size:,} bytes; at most {cap:,}"
        )
    with member_stream(archive, member) as stream:
        return stream.read(cap + 1)


class _Capped(io.RawIOBase):
    def __init__(self, source: IO[bytes], cap: int, name: str) -> None:
        self._source, self._left, self._name = source, cap, name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._source.read(len(buffer))
        if len(data) > self._left:
            raise ArchiveRefused(
                "archive-too-large", f"{self._name} expands past the size its archive declares"
            )
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._source.close()
        super().close()
