"""analytics.vocab: every coded value read from what people write, messages in labels."""

from __future__ import annotations

import re

import pytest

from analytics import vocab
from analytics.codes import CODED_COLUMNS
from analytics.ingest.kinds import KINDS
from analytics.ingest.messages import render
from analytics.vocab import CodeList, code_list, fold

COLUMNS = sorted({(t, c) for t, cols in CODED_COLUMNS.items() for c in cols})


def _allowed(table: str, column: str) -> tuple[str, ...]:
    return CODED_COLUMNS[table][column]


def test_every_code_has_a_term() -> None:
    codes = {v for cols in CODED_COLUMNS.values() for vals in cols.values() for v in vals}
    assert codes - set(vocab.TERMS) == set()


@pytest.mark.parametrize(("table", "column"), COLUMNS)
def test_no_spelling_means_two_codes_of_one_list(table: str, column: str) -> None:
    seen: dict[str, str] = {}
    for code in _allowed(table, column):
        term = vocab.TERMS[code]
        for s in {fold(x) for x in (code, code.replace("_", " "), term.vi, term.en, *term.synonyms)}:
            assert seen.setdefault(s, code) == code, (column, s, seen[s], code)


@pytest.mark.parametrize(("table", "column"), COLUMNS)
def test_every_label_reads_back_as_its_code(table: str, column: str) -> None:
    cl = CodeList(_allowed(table, column))
    for code in _allowed(table, column):
        term = vocab.TERMS[code]
        for text in (code, term.vi, term.vi.upper(), term.en, *term.synonyms):
            assert cl.parse(text) == code, (column, text)


@pytest.mark.parametrize(
    ("table", "column", "text", "code"),
    [
        ("unit", "unit_type", "Cơ quan chuyên môn", "so_nganh"),
        ("unit", "unit_type", "Cơ quan chuyên môn thuộc UBND thành phố", "so_nganh"),
        ("unit", "unit_type", "UBND cấp huyện", "huyen_cu"),
        ("unit", "unit_type", "UBND cấp xã", "ubnd_xa"),
        ("unit", "unit_type", "ubnd cap xa", "ubnd_xa"),
        ("unit", "unit_type", "Xã", "ubnd_xa"),
        ("unit", "unit_type", "Phường", "ubnd_xa"),
        ("unit", "unit_type", "Đơn vị sự nghiệp", "dvsnc"),
        ("unit", "unit_type", "Đơn vị sự nghiệp công lập tự chủ một phần", "dvsnc"),
        ("unit", "unit_type", "Chi cục", "phong"),
        ("unit", "level", "Cấp xã", "commune"),
        ("unit", "level", "Xã", "commune"),
        ("unit", "commune_kind", "Xã", "xa"),
        ("unit", "commune_kind", "Thị trấn", "xa"),
        ("unit", "former_province", "Tỉnh Sóc Trăng", "soc_trang"),
        ("unit", "former_province", "Sóc Trăng (cũ)", "soc_trang"),
        ("unit", "former_province", "TP. Hồ Chí Minh", "ho_chi_minh"),
        ("unit", "former_province", "Thừa Thiên - Huế", "thua_thien_hue"),
        ("unit", "former_province", "Tỉnh Hà Nam", "ha_nam"),
        ("unit", "former_province", "Địa bàn tỉnh Nam Định cũ", "nam_dinh"),
        ("unit", "former_province", "Bà Rịa – Vũng Tàu", "ba_ria_vung_tau"),
        ("unit", "former_province", "KIÊN GIANG", "kien_giang"),
        ("person", "category", "CC", "cong_chuc"),
        ("person", "category", "VC", "vien_chuc"),
        ("person", "category", "HĐ 111", "nguoi_lao_dong"),
        ("person", "category", "Hợp đồng theo Nghị định 111/2022", "nguoi_lao_dong"),
        ("person", "category", "Công chức cấp xã", "cong_chuc"),
        ("person", "category", "cán bộ", "can_bo"),
        ("person", "gender", "NỮ", "nu"),
        ("person", "gender", "Nu", "nu"),
        ("person", "gender", "nam", "nam"),
        ("person", "qualification", "Thạc sĩ Quản lý công", "thac_si"),
        ("person", "qualification", "Đại học Luật", "dai_hoc"),
        ("person", "qualification", "Cử nhân Kinh tế", "dai_hoc"),
        ("person", "health", "Loại I", "tot"),
        ("person", "political_theory", "Cao cấp", "cao_cap"),
        ("person", "discipline", "Khiển trách (năm 2024)", "khien_trach"),
        ("reduction_case", "route", "Nghỉ hưu trước tuổi", "nghi_huu_truoc_tuoi"),
        ("reduction_case", "route", "Nghỉ hưu trước tuổi theo Điều 5 Nghị định 178/2024", "nghi_huu_truoc_tuoi"),
        ("reduction_case", "route", "Thôi việc ngay", "thoi_viec"),
        ("reduction_case", "route", "Thôi việc sau khi đi học nghề", "thoi_viec"),
        (
            "reduction_case",
            "route",
            "Chuyển sang làm việc tại các tổ chức không hưởng lương thường xuyên từ ngân sách nhà nước",
            "chuyen_ngoai_nsnn",
        ),
        ("reduction_case", "route", "Nghỉ hưu", "nghi_huu_dung_tuoi"),
        ("reduction_case", "programme", "NĐ 178/2024", "sap_xep_2025"),
        ("reduction_case", "programme", "Nghị định 29/2023/NĐ-CP", "tinh_gian_2022_2026"),
        ("training", "field", "Kinh tế", "kinh_te_phap_luat"),
        ("training", "field", "Pháp luật", "kinh_te_phap_luat"),
        ("training", "field", "Công nghệ thông tin, chuyển đổi số", "cong_nghe_cao_cntt"),
        ("training", "field", "LLCT", "ly_luan_chinh_tri"),
        ("training", "field", "Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", "qlnn_theo_ngach"),
        ("training", "location", "Ngoài nước", "nuoc_ngoai"),
        ("training", "location", "trong nuoc", "trong_nuoc"),
        ("training", "funding", "Kinh phí sau sắp xếp (5%)", "tai_co_cau_5pct"),
        ("secondment", "allowance_regime", "NĐ 76", "nd76"),
    ],
)
def test_what_people_write(table: str, column: str, text: str, code: str) -> None:
    assert code_list(_allowed(table, column), column).parse(text) == code


def test_none_words_blank_an_optional_discipline() -> None:
    assert code_list(_allowed("person", "discipline"), "discipline").parse("Không") is None
    with pytest.raises(ValueError):
        code_list(_allowed("person", "gender"), "gender").parse("Không")


@pytest.mark.parametrize(
    ("table", "column", "text"),
    [
        ("unit", "unit_type", "Hội đoàn thể"),
        ("person", "category", "Cán bộ, công chức"),  # names two categories: not guessed
        ("person", "gender", "X"),
        ("reduction_case", "route", "Đi du lịch"),
        *((k.table, c.name, "???") for k in KINDS.values() for c in k.columns if c.type == "code"),
    ],
)
def test_unknown_value_lists_labels_not_codes(table: str, column: str, text: str) -> None:
    with pytest.raises(ValueError) as exc:
        code_list(_allowed(table, column), column).parse(text)
    code, params = exc.value.args
    vi, en = render(code, params, "vi"), render(code, params, "en")
    for c in _allowed(table, column):
        if "_" in c:
            assert not re.search(rf"\b{re.escape(c)}\b", vi + en), (c, vi)
    first = vocab.TERMS[_allowed(table, column)[0]]
    assert first.vi in vi and first.en in en


def test_kind_specs_use_listed_columns() -> None:
    for kind in KINDS.values():
        for c in kind.columns:
            if c.type == "code":
                assert kind.allowed(c.name), (kind.name, c.name)
