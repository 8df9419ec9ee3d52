"""Zip, tar (plain, gzip, bzip2, xz) and single-file gzip archives of any supported file kind.

Members are read in sorted name order; each is capped at ``max_bytes`` *before* it is read
(so a zip bomb is refused with E004, not unpacked), and its origin is ``archive::member``.

Nothing in an archive disappears: a member that cannot be decompressed is one E040 failure (the other
members go on), a member whose path climbs out of the archive (``..``) or is absolute is one E043
failure, and an archive with no member to read (an empty tar, NUL bytes behind a ``.gz``) is one E040
failure. Hidden members (``.name``, ``__MACOSX``) are skipped on purpose.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from marsad.ingest.base import Item, SourceOptions, failure

__all__ = ["read_archive"]


def read_archive(data: bytes, name: str, origin: str, options: SourceOptions, depth: int = 1) -> Iterator[Item]:
    """The items in every member of an archive; an unreadable archive is one E040 failure."""
    from marsad.ingest.files import read_bytes

    lower = name.lower()
    try:
        if zipfile.is_zipfile(io.BytesIO(data)):
            members = _zip_members(data, origin, options)
        elif _is_tar(data):
            members = _tar_members(data, origin, options)
        elif lower.endswith((".gz", ".bz2", ".xz")):
            members = _single_member(data, name, origin, options)
        else:
            yield failure(origin, "E040", data[:4096], "not a zip, tar or compressed file")
            return
        read = 0
        for member_name, member_origin, content in members:
            read += 1
            if isinstance(content, bytes):
                yield from read_bytes(content, member_name, member_origin, options, depth)
            else:
                yield content
        if not read:
            yield failure(origin, "E040", data[:4096], "no member to read")
    except _ARCHIVE_ERRORS as exc:
        yield failure(origin, "E040", data[:4096], f"{type(exc).__name__}: {exc}")


#: What a damaged archive or compressed stream raises (``BadGzipFile`` is an ``OSError``).
_ARCHIVE_ERRORS = (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, lzma.LZMAError, zlib.error, ValueError,
                   NotImplementedError, RuntimeError)  # fmt: skip


_Member = tuple[str, str, "bytes | Item"]


def _too_large(origin: str, size: int, options: SourceOptions) -> Item:
    return failure(origin, "E004", b"", f"{size} bytes > {options.max_bytes}")


def _refused(name: str, size: int, member_origin: str, options: SourceOptions) -> Item | None:
    """Why an archive member is not read (a path outside the archive, too large), or None."""
    if _unsafe(name):
        return _unsafe_member(member_origin)
    if size > options.max_bytes:
        return _too_large(member_origin, size, options)
    return None


def _zip_members(data: bytes, origin: str, options: SourceOptions) -> Iterator[_Member]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = sorted((i for i in zf.infolist() if not i.is_dir() and not _hidden(i.filename)),
                       key=lambda i: i.filename)  # fmt: skip
        for info in infos:
            member_origin = f"{origin}::{info.filename}"
            refused = _refused(info.filename, info.file_size, member_origin, options)
            if refused is not None:
                yield info.filename, member_origin, refused
                continue
            try:
                with zf.open(info) as fh:
                    content = fh.read(options.max_bytes + 1)
            except _ARCHIVE_ERRORS as exc:  # one damaged member: the others go on
                yield info.filename, member_origin, failure(member_origin, "E040", b"", f"{type(exc).__name__}: {exc}")
                continue
            if len(content) > options.max_bytes:
                yield info.filename, member_origin, _too_large(member_origin, len(content), options)
                continue
            yield info.filename, member_origin, content


def _is_tar(data: bytes) -> bool:
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*"):
            return True
    except (tarfile.TarError, OSError, EOFError, lzma.LZMAError):
        return False


def _tar_members(data: bytes, origin: str, options: SourceOptions) -> Iterator[_Member]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tf:
        members = sorted((m for m in tf.getmembers() if m.isfile() and not _hidden(m.name)), key=lambda m: m.name)
        for member in members:
            member_origin = f"{origin}::{member.name}"
            refused = _refused(member.name, member.size, member_origin, options)
            if refused is not None:
                yield member.name, member_origin, refused
                continue
            fh = tf.extractfile(member)
            if fh is None:
                continue
            yield member.name, member_origin, fh.read()


def _single_member(data: bytes, name: str, origin: str, options: SourceOptions) -> Iterator[_Member]:
    inner = name[: name.rfind(".")]
    content = _decompress(data, name[name.rfind(".") :].lower(), options.max_bytes + 1)
    member_origin = f"{origin}::{PurePosixPath(inner).name}"
    if len(content) > options.max_bytes:
        yield inner, member_origin, _too_large(member_origin, len(content), options)
        return
    yield inner, member_origin, content


def _hidden(name: str) -> bool:
    return any((part.startswith(".") and part != "..") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def _unsafe(name: str) -> bool:
    """A member path that climbs out of the archive (``..``) or is absolute (``/x``, ``C:\\x``)."""
    posix = name.replace("\\", "/")
    return posix.startswith("/") or ".." in posix.split("/") or (len(posix) > 1 and posix[1] == ":")


def _unsafe_member(origin: str) -> Item:
    return failure(origin, "E043", b"", "a path with '..' or an absolute path")


def _decompress(data: bytes, suffix: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a gzip, bzip2 or xz stream (never the whole of a bomb)."""
    stream = io.BytesIO(data)
    if suffix == ".gz":
        with gzip.GzipFile(fileobj=stream) as gz:
            return gz.read(limit)
    if suffix == ".bz2":
        with bz2.BZ2File(stream) as bz:
            return bz.read(limit)
    with lzma.LZMAFile(stream) as xz:
        return xz.read(limit)
