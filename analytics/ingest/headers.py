"""Header dictionary helpers: how a header cell becomes a lookup key, and shared variant lists.

Variants come from DOMAIN.md §8 and from the files agencies send. A header matches a variant after
``header_key`` (NFC, lower case, one tone placement, collapsed spaces, parenthesised notes removed)
or, failing that, after the no-diacritics fallback. The English schema column name always matches
too (``unit_code`` or "unit code").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from analytics.ingest.normalize import ascii_key, key
from analytics.vocab import code_list

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PAREN_TEXT = re.compile(r"\(([^)]*[^\W\d][^)]*)\)")  # a note in words, not "(1)" or "(%)"


def header_key(text: str | None) -> str:
    """ "Họ và\\ntên (1)" -> "họ và tên"; "NGÀY, THÁNG, NĂM SINH" -> "ngày, tháng, năm sinh"."""
    if not text:
        return ""
    return key(_PAREN.sub(" ", str(text)))


# Abbreviations of header words ("PC chức vụ" = "Phụ cấp chức vụ", "HS phụ cấp" = "Hệ số phụ cấp").
_HEADER_ABBREV = [
    (re.compile(r"(?<!\w)pc(?!\w)"), "phụ cấp"),
    (re.compile(r"(?<!\w)hs(?!\w)"), "hệ số"),
    (re.compile(r"(?<!\w)tl(?!\w)"), "tiền lương"),
    (re.compile(r"(?<!\w)kp(?!\w)"), "kinh phí"),
]


@functools.lru_cache(maxsize=65536)
def header_keys(text: str | None) -> tuple[str, str]:
    """(accented key, no-diacritics key) of a header cell; both without commas for robustness."""
    k = header_key(text).replace(",", " ").replace("/", " / ")
    for pattern, full in _HEADER_ABBREV:
        k = pattern.sub(full, k)
    k = re.sub(r"\s+", " ", k).strip()
    return k, ascii_key(k)


class Dictionary:
    """Maps header keys to (field, priority); a lower priority number is a better match.

    A header that is no variant itself may still contain one as a run of whole words ("Phân loại
    đơn vị" holds "loại đơn vị", "Số quyết định cử" holds "số quyết định"): the longest such
    variant of at least three words matches (two-word ones such as "mã số" or "hệ số" are too common), ranked after every exact match (``CONTAINED``)."""

    CONTAINED = 50

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.exact: dict[str, tuple[str, int]] = {}
        self.folded: dict[str, tuple[str, int]] = {}
        for field, variants in entries:
            for prio, v in enumerate([*variants, field, field.replace("_", " ")]):
                k, a = header_keys(v)
                self.exact.setdefault(k, (field, prio))
                self.folded.setdefault(a, (field, prio))
        # Longest first, so that "biên chế được giao" wins over "biên chế" inside one header.
        self.phrases = sorted(
            (
                (f" {re.sub(r'[^a-z0-9]+', ' ', a).strip()} ", hit)
                for a, hit in self.folded.items()
                if len(a.split()) >= 3
            ),
            key=lambda t: -len(t[0]),
        )

    def lookup(self, text: str | None) -> tuple[str, int] | None:
        k, a = header_keys(text)
        if not k:
            return None
        hit = self.exact.get(k) or self.folded.get(a) or self._contained(a)
        if hit is None and text and (inner := _PAREN_TEXT.search(str(text))):
            hit = self.lookup(inner.group(1))  # "Hình thức (trong nước/nước ngoài)": the note names it
        if hit is None and " / " in k:
            # "Nội dung/Tên lớp": either name; the better-ranked one wins.
            hits = [h for part in k.split(" / ") if (h := self.lookup(part))]
            hit = min(hits, key=lambda h: h[1]) if hits else None
        return hit

    def _contained(self, a: str) -> tuple[str, int] | None:
        padded = f" {re.sub(r'[^a-z0-9]+', ' ', a).strip()} "
        for phrase, (field, prio) in self.phrases:
            if phrase in padded:
                return field, self.CONTAINED + prio
        return None


UNIT_REF = (
    "Mã đơn vị",
    "Tên đơn vị",
    "Đơn vị",
    "Cơ quan, đơn vị",
    "Cơ quan đơn vị",
    "Tên cơ quan, đơn vị",
    "Đơn vị công tác",
    "Cơ quan công tác",
    "Nơi công tác",
    "Tên đơn vị, địa phương",
    "Địa phương",
    "Tên xã, phường",
    "Xã, phường",
    "Phường, xã",
    "Tên phường, xã",
    "Xã/phường",
    "Phường/xã",
    "Tên xã, phường, thị trấn",
    "Xã, phường, thị trấn",
    "Tên xã",
    "Tên phường",
    "Tên cơ quan",
    "Cơ quan",
    "Đơn vị sử dụng",
    "Tên cơ quan, tổ chức, đơn vị",
    "Cơ quan, tổ chức, đơn vị",
)
STT = ("STT", "Số TT", "Số thứ tự", "TT")
# A person's name where the table has no column for it (payroll, secondment): used to make an ID.
NAME = (
    "Họ và tên",
    "Họ tên",
    "Họ, tên",
    "Họ và tên cán bộ",
    "Họ và tên người được cử",
    "Họ và tên công chức",
    "Họ và tên học viên",
)
GENDER_WORDS = {"nam": "nam", "nữ": "nu", "nu": "nu"}
CATEGORY_WORDS = {
    "cán bộ": "can_bo",
    "cong chuc": "cong_chuc",
    "công chức": "cong_chuc",
    "viên chức": "vien_chuc",
    "người lao động": "nguoi_lao_dong",
    "hđ 111": "nguoi_lao_dong",
    "hợp đồng 111": "nguoi_lao_dong",
    "hđlđ": "nguoi_lao_dong",
    "lao động hợp đồng": "nguoi_lao_dong",
    "hợp đồng lao động": "nguoi_lao_dong",
}


def category_in(text: str | None) -> str | None:
    """The staff category a section or group header names: "II. CÔNG CHỨC" -> cong_chuc."""
    a = ascii_key(header_key(text))
    if not a:
        return None
    if "vien chuc" in a or "so luong nguoi lam viec" in a or "su nghiep" in a:
        return "vien_chuc"
    if "cong chuc" in a:
        return "cong_chuc"
    if "lao dong" in a or "hop dong" in a or "111" in a or "hd 68" in a:
        return "nguoi_lao_dong"
    if re.search(r"\bcan bo\b", a):
        return "can_bo"
    return None


# A generic sub-header under a group header: "Quyết định phê duyệt" over "Số" / "Ngày" is the
# decision's number and date; "Thời gian tăng cường" over "Từ" / "Đến" the start and end.
_SUBHEADERS = {
    ("quyet dinh", "so"): "Số quyết định",
    ("quyet dinh", "so ky hieu"): "Số quyết định",
    ("quyet dinh", "ngay"): "Ngày quyết định",
    ("quyet dinh", "ngay ban hanh"): "Ngày quyết định",
    ("quyet dinh", "ngay thang"): "Ngày quyết định",
    ("quyet dinh", "ngay ky"): "Ngày quyết định",
    ("thoi gian", "tu"): "Từ ngày",
    ("thoi gian", "tu ngay"): "Từ ngày",
    ("thoi gian", "den"): "Đến ngày",
    ("thoi gian", "den ngay"): "Đến ngày",
    ("thoi gian", "tu thang"): "Từ ngày",
    ("thoi gian", "tu thang / nam"): "Từ ngày",
    ("thoi gian", "den thang"): "Đến ngày",
    ("thoi gian", "den thang / nam"): "Đến ngày",
}


def grouped_names(parts: list[str]) -> list[str]:
    """The names a group header and a generic sub-header make together (see ``_SUBHEADERS``)."""
    if len(parts) < 2:
        return []
    sub = header_keys(parts[-1])[1]
    return [
        text
        for (group, s), text in _SUBHEADERS.items()
        if s == sub and any(group in header_keys(p)[1] for p in parts[:-1])
    ]


def title_category(lines: list[str], allowed: tuple[str, ...]) -> str | None:
    """The one staff category a title block names ("DANH SÁCH CÔNG CHỨC …", "BIÊN CHẾ CÔNG CHỨC NĂM
    2025"); None when it names none, or several ("CÁN BỘ, CÔNG CHỨC")."""
    codes = code_list(allowed, "category")
    found = set().union(*(codes.candidates(line) for line in lines)) if lines else set()
    return found.pop() if len(found) == 1 else None


# A year written on its own: not the year of a decree number ("111/2022") or of a date ("31/12/2024").
YEAR = re.compile(r"(?<![/\d.])\b((?:19|20)\d{2})\b(?![/\d])")
_TITLE_YEAR = re.compile(r"(?i)\bnăm ((?:19|20)\d{2})\b")


def title_years(lines: list[str]) -> set[int]:
    """The years a title block names as "năm 2025" (not the year of its as-of date)."""
    return {int(y) for line in lines for y in _TITLE_YEAR.findall(line)}
