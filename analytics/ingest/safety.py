"""Content checks before any parser touches uploaded bytes (milliseconds, standard library only).

An .xlsx must be a zip holding ``[Content_Types].xml``, with bounded total and per-part
decompressed sizes and compression ratios (zip bombs), and no XML part may declare a DOCTYPE or
an ENTITY (billion-laughs bombs). Other formats are recognised by magic bytes, so a PDF renamed to
``.xlsx`` is refused whatever its name.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from analytics.config import Settings
from analytics.ingest.problems import Problem


@dataclass(frozen=True)
class Limits:
    """Bounds for one file. Real workbooks compress 5-30x; bombs compress thousands of times."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_min_bytes: int = 5 * 1024 * 1024  # small parts may compress very well (empty styles)
    max_parts: int = 5000
    head_bytes: int = 16 * 1024  # XML parts are read in chunks of this size up to their root element
    max_prolog_bytes: int = 1024 * 1024  # a longer prolog (comments before the root) is refused

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        """The bounds with the configured file size (``OVERSIGHT_UPLOAD_MAX_MB``)."""
        settings = settings or Settings.from_env()
        return cls(max_file_bytes=settings.upload_max_mb * 1024 * 1024)


_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"7z\xbc\xaf", "7z"),
    (b"Rar!", "RAR"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "EXE"),
    (b"{\\rtf", "RTF"),
)
_DECL = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_content(name: str, data: bytes, limits: Limits | None = None) -> tuple[str | None, list[Problem]]:
    """(format, problems): format is 'xlsx', 'xls' or 'csv', or None when the file is refused."""
    limits = limits or Limits()

    def refuse(code: str, **params: object) -> tuple[None, list[Problem]]:
        return None, [Problem(code, file=name, params=dict(params))]

    if not data:
        return refuse("file_empty")
    if len(data) > limits.max_file_bytes:
        truncated = len(data) == limits.max_file_bytes + 1  # sources.read_source stopped reading there
        return refuse(
            "file_too_large",
            size_mb=f">{len(data) // 2**20}" if truncated else len(data) // 2**20,
            max_mb=limits.max_file_bytes // 2**20,
        )
    if data[:4] == b"PK\x03\x04":
        return _check_zip(name, data, limits)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An OLE container: a legacy .xls, or what Excel writes for a password-protected workbook.
        if _ENCRYPTED_OLE in data[: 1 << 20]:
            return refuse("file_encrypted")
        return "xls", []  # legacy BIFF; parsed in the child process like any other workbook
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return refuse("file_type_refused", detected=kind)
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv", []  # UTF-16 text with its byte order mark
    if b"\x00" in head:
        if _utf16_without_bom(head):
            return refuse("csv_utf16_no_bom")
        if sum(head.count(bytes([b])) for b in _CONTROL) > 0.05 * len(head):
            return refuse("file_type_refused", detected="binary")
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
        return refuse("file_type_refused", detected="XML/HTML")
    return "csv", []


_ENCRYPTED_OLE = "EncryptedPackage".encode("utf-16-le")
_CONTROL = [b for b in range(32) if b not in (9, 10, 13)]


def _utf16_without_bom(head: bytes) -> bool:
    """Text whose every other byte is zero: UTF-16 of mostly ASCII characters."""
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * len(head) / 2


def _check_zip(name: str, data: bytes, limits: Limits) -> tuple[str | None, list[Problem]]:
    def refuse(code: str, **params: object) -> tuple[None, list[Problem]]:
        return None, [Problem(code, file=name, params=dict(params))]

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        return refuse("zip_invalid", detail=str(exc)[:80])
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        if "mimetype" in names and _head(zf, "mimetype").startswith(b"application/vnd.oasis.opendocument"):
            return refuse("file_type_refused", detected="OpenDocument (.ods)")
        return refuse("zip_not_xlsx")
    if len(names) != len(infos):
        seen: set[str] = set()
        for i in infos:
            if i.filename in seen:
                return refuse("zip_duplicate_entry", part=i.filename[:200])
            seen.add(i.filename)
    for i in infos:
        n = i.filename.replace("\\", "/")
        if n.startswith("/") or ".." in n.split("/") or re.match(r"^[A-Za-z]:", n):
            return refuse("zip_bad_entry", part=i.filename[:200])
        if i.flag_bits & 0x1:
            return refuse("file_encrypted")
    if "xl/workbook.bin" in names:
        return refuse("file_type_refused", detected="Excel Binary (.xlsb)")
    if len(infos) > limits.max_parts:
        return refuse("zip_bomb", detail=f"{len(infos)} parts")
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes:
        return refuse("zip_bomb", detail=f"{total // 2**20} MB uncompressed")
    for i in infos:
        if i.file_size > limits.ratio_min_bytes and i.file_size > limits.max_ratio * max(i.compress_size, 1):
            return refuse("zip_bomb", detail=f"{i.filename}: x{i.file_size // max(i.compress_size, 1)}")
    for i in infos:
        if not i.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            prolog = _prolog(zf, i, limits)
        except _ZIP_ERRORS as exc:
            return refuse("zip_invalid", detail=f"{i.filename}: {str(exc)[:60]}")
        if prolog is None or _DECL.search(prolog):
            return refuse("xml_entities", part=i.filename)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return "xlsx", [Problem("macros_ignored", "warning", file=name)]
    return "xlsx", []


_ROOT = re.compile(rb"<[A-Za-z_]")
# What reading a damaged zip raises (a flipped byte reaches zlib, struct or the CRC check).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    ValueError,
    OSError,
    NotImplementedError,
    RuntimeError,
)


def _head(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        with zf.open(name) as fh:
            return fh.read(80)
    except _ZIP_ERRORS:
        return b""


def _prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes | None:
    """The bytes before the root element (where a DOCTYPE must stand), read in chunks; None when
    no root element starts within ``max_prolog_bytes`` (a prolog padded to hide a declaration)."""
    head = b""
    with zf.open(info) as fh:
        while len(head) < limits.max_prolog_bytes:
            chunk = fh.read(limits.head_bytes)
            if not chunk:
                break
            head += chunk
            text = (
                head.decode("utf-16", errors="ignore").encode("utf-8")
                if head.startswith((b"\xff\xfe", b"\xfe\xff"))
                else head
            )
            if m := _ROOT.search(text):
                return text[: m.start()]
    return head if not head.strip() else (None if len(head) >= limits.max_prolog_bytes else head)
