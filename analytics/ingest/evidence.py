"""What a sheet's header says about its kind: title-block rows, and how strongly each column votes.

**Title block.** Lines above a table ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "(Tính đến ngày
31/12/2025)", "Đơn vị tính: người", "Biểu số 02", "DANH SÁCH CÁN BỘ …", "Kèm theo Báo cáo số …")
are never header cells, wherever they stand: their dates and words ("năm", a year) would otherwise
sit above every column of a merged title and look like quota years. A row is a title row when each
of its texts reads as a title line, or when it holds a single text merged across most of the
table's width.

**Evidence.** A column whose header only one kind knows ("Hình thức tinh giản") is strong evidence
for that kind; one that many kinds share ("Đơn vị", "Họ và tên", "Ngày bắt đầu") is weak. A kind's
evidence is the sum, over the distinct fields it matched, of 1 / (number of kinds whose dictionary
also claims that column). A column naming a person ("Họ và tên") rules out the kinds that hold no
people (units, quotas).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from analytics.ingest.normalize import ascii_key

_TITLE = re.compile(
    r"^\(?\s*("
    r"tinh den|den ngay|so lieu (den|tinh den)|thoi diem|tai thoi diem|ky bao cao|"
    r"don vi tinh|dvt\b|"
    r"bieu so|bieu mau|mau so|mau bieu|phu luc|kem theo|ban hanh kem theo|"
    r"cong hoa xa hoi|doc lap\W+tu do|"
    r"danh sach|bao cao|tong hop|ke hoach|bang thanh toan|bang luong|bang tong hop|thong ke|bang ke|"
    r"ubnd |uy ban nhan dan|so noi vu\b|thanh pho can tho|tinh (hau giang|soc trang)|"
    r"thang \d{1,2}\W+nam \d{4}|quy [ivx1-4]+\W|giai doan \d{4}"
    r")"
)
# Cells that are header words however they are written: a row of them is never a title row.
_PERSON_NAME = ("ho va ten", "ho ten", "ho, ten", "ho va ten khai sinh")


_LABELLED = re.compile(r"^[^:]{2,40}:\s*\S")  # "Mức lương cơ sở: 2.340.000 đồng", "Đơn vị: Sở Nội vụ"


def is_title_text(text: object) -> bool:
    a = ascii_key(str(text))
    return bool(a) and (_TITLE.match(a) is not None or _LABELLED.match(a) is not None)


def title_rows(top: np.ndarray) -> set[int]:
    """Indexes of the rows of ``top`` that belong to the title block (see the module docstring)."""
    width = max((i + 1 for row in top for i, v in enumerate(row) if v is not None and str(v).strip()), default=0)
    out: set[int] = set()
    for r, row in enumerate(top):
        cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
        if not cells:
            continue
        distinct = list(dict.fromkeys(cells))
        if all(is_title_text(t) for t in distinct):
            out.add(r)
        elif len(distinct) == 1 and len(cells) >= 3 and len(cells) * 2 >= width and width >= 4:
            out.add(r)  # one text merged across the table: a title, not a group header
    return out


def names_a_person(parts: Iterable[str]) -> bool:
    return any(ascii_key(p).replace(",", "").strip() in _PERSON_NAME for p in parts)


def evidence(fields: set[str], claims: dict[str, int]) -> float:
    """Sum of 1 / (kinds claiming the column) over the distinct ``fields`` a kind matched;
    ``claims``: field -> number of kinds whose dictionary claims the column it came from."""
    return sum(1.0 / max(1, claims.get(f, 1)) for f in fields)
