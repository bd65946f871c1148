"""What each kind of sheet holds: its table, columns, types, header variants, keys.

One ``Column`` per column of the target table (``tests/test_ingest_kinds.py`` checks the specs
against the schema catalogue: same columns, required = NOT NULL without a default). Templates,
recognition and validation are all generated from these specs. Allowed values of coded columns
come from ``analytics.codes.CODED_COLUMNS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analytics.codes import CODED_COLUMNS
from analytics.ingest.headers import UNIT_REF, Dictionary

# Column types: text, code, int, count (int, blank or "-" = 0), decimal, money (whole VND), date,
# month (a date on the 1st), bool, flag (any mark = true), unit (a unit by code or name).
TYPES = ("text", "code", "int", "count", "decimal", "money", "date", "month", "bool", "flag", "unit")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    headers: tuple[str, ...]
    required: bool = False
    example: str = ""
    derived: bool = False  # computed when absent (ids, defaults from other columns)
    default: object = None  # value of an absent column or a blank cell (the schema's DEFAULT)

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # primary key: duplicates within an upload
    replace_key: tuple[str, ...]  # a newer snapshot of the same values replaces the older rows
    signatures: tuple[frozenset[str], ...]  # a sheet is of this kind if one set is all present
    dictionary: Dictionary = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dictionary", Dictionary((c.name, c.headers) for c in self.columns))

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def allowed(self, column: str) -> tuple[str, ...]:
        return CODED_COLUMNS.get(self.table, {}).get(column, ())


C = Column
_CAT = (
    "Loại cán bộ",
    "Đối tượng",
    "Phân loại",
    "Loại",
    "Loại biên chế",
    "Công chức/Viên chức/Người lao động",
    "CB/CC/VC",
)
_PERSON_ID = (
    "Mã cán bộ",
    "Mã CBCCVC",
    "Mã số cán bộ",
    "Mã số",
    "Mã định danh",
    "Số định danh",
    "Số CCCD",
    "Mã nhân sự",
    "Số hiệu cán bộ",
    "Mã người",
    "Mã số CBCCVC",
    "Mã CBCC",
    "Mã số CBCC",
    "Mã CCVC",
    "Mã số công chức",
    "Mã số viên chức",
    "Mã công chức",
    "Mã viên chức",
    "Số hiệu công chức",
    "Mã NV",
)
_DECISION_NO = ("Số quyết định", "Quyết định", "Số QĐ", "Quyết định số", "Quyết định Số", "Số, ký hiệu quyết định")
_DECISION_DATE = (
    "Ngày quyết định",
    "Ngày QĐ",
    "Ngày ban hành quyết định",
    "Quyết định ngày",
    "Quyết định Ngày",
    "Ngày ban hành",
    "Ngày ký",
)

KINDS: dict[str, Kind] = {}


def _kind(*args: object, **kw: object) -> None:
    k = Kind(*args, **kw)  # type: ignore[arg-type]
    KINDS[k.name] = k


_kind(
    "unit",
    "unit",
    (
        C("unit_code", "text", ("Mã đơn vị", "Mã", "Mã ĐV"), True, "SNV"),
        C("name", "text", ("Tên đơn vị", "Đơn vị", "Tên cơ quan, đơn vị", "Cơ quan, đơn vị", "Tên"), True, "Sở Nội vụ"),
        C("short_name", "text", ("Tên viết tắt", "Tên ngắn"), example="SNV"),
        C("unit_type", "code", ("Loại đơn vị", "Loại hình", "Loại hình đơn vị"), True, "so_nganh", derived=True),
        C("level", "code", ("Cấp", "Cấp hành chính", "Cấp đơn vị"), True, "city", derived=True),
        C("sector", "code", ("Lĩnh vực", "Ngành, lĩnh vực"), example="quan_ly_nha_nuoc"),
        C("former_province", "code", ("Tỉnh cũ", "Thuộc tỉnh cũ", "Địa bàn cũ"), example="can_tho"),
        C("commune_kind", "code", ("Loại xã", "Xã/Phường", "Phường/Xã"), example="phuong", derived=True),
        C(
            "parent_code",
            "unit",
            ("Đơn vị cấp trên", "Mã đơn vị cấp trên", "Trực thuộc", "Cơ quan chủ quản"),
            example="UBND_TP",
        ),
        C(
            "merged_into",
            "unit",
            ("Sáp nhập vào", "Hợp nhất vào", "Đơn vị tiếp nhận", "Đơn vị kế thừa"),
            example="XA001",
        ),
        C("valid_from", "date", ("Hiệu lực từ", "Ngày thành lập", "Từ ngày"), example="01/07/2025"),
        C("valid_to", "date", ("Hiệu lực đến", "Ngày giải thể", "Ngày chấm dứt", "Đến ngày"), example="30/06/2025"),
        C("restructured_on", "date", ("Ngày sắp xếp", "Ngày sắp xếp lại", "Ngày tái cơ cấu"), example="01/07/2025"),
        C("self_financed", "bool", ("Tự chủ tài chính", "Tự bảo đảm chi thường xuyên", "Tự chủ"), example="không"),
        C("especially_difficult", "bool", ("Vùng đặc biệt khó khăn", "ĐBKK", "Xã đặc biệt khó khăn"), example="không"),
    ),
    ("unit_code",),
    ("unit_code",),
    (
        frozenset({"unit_code", "name", "unit_type"}),
        frozenset({"unit_code", "name", "level"}),
        frozenset({"unit_code", "name", "parent_code"}),
        frozenset({"unit_code", "name", "merged_into"}),
    ),
)

_kind(
    "quota",
    "quota",
    (
        C("unit_code", "unit", UNIT_REF, True, "SNV"),
        C("year", "int", ("Năm", "Năm giao", "Năm kế hoạch"), True, "2024"),
        C("category", "code", _CAT, True, "cong_chuc"),
        C(
            "quota_assigned",
            "count",
            (
                "Biên chế được giao",
                "Biên chế giao",
                "Số lượng người làm việc được giao",
                "Chỉ tiêu biên chế",
                "Số được giao",
                "Số giao",
                "Biên chế",
            ),
            True,
            "45",
        ),
        C(
            "cut_pending",
            "count",
            (
                "Số chờ phê duyệt",
                "Cắt giảm chờ phê duyệt",
                "Giảm chờ HĐND phê duyệt",
                "Chưa phê duyệt",
                "Biên chế giảm chờ phê duyệt",
                "Chờ phê duyệt",
            ),
            example="0",
        ),
        C(
            "pending_decision",
            "text",
            ("Cơ quan phê duyệt", "Chờ phê duyệt tại", "Trình phê duyệt"),
            example="HĐND thành phố",
        ),
        C("present", "int", ("Biên chế có mặt", "Số có mặt", "Hiện có", "Có mặt"), example="42"),
        C("decision_ref", "text", ("Quyết định giao", *_DECISION_NO), example="123/QĐ-UBND"),
        C("decision_date", "date", _DECISION_DATE, example="15/01/2024"),
        C("as_of", "date", ("Số liệu đến ngày", "Ngày số liệu", "Tính đến ngày"), example="31/12/2024"),
    ),
    ("unit_code", "year", "category"),
    ("unit_code", "year", "category"),
    (frozenset({"unit_code", "quota_assigned"}),),
)

_kind(
    "person",
    "person",
    (
        C("as_of", "date", ("Số liệu đến ngày", "Ngày số liệu", "Tính đến ngày"), True, "31/12/2024", derived=True),
        C("unit_code", "unit", UNIT_REF, True, "XA001", derived=True),
        C("person_id", "text", _PERSON_ID, True, "CB0001", derived=True),
        C(
            "full_name",
            "text",
            ("Họ và tên", "Họ tên", "Họ, tên", "Họ và tên khai sinh", "Họ và tên cán bộ"),
            True,
            "Nguyễn Văn An",
        ),
        C(
            "birth_date",
            "date",
            ("Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Năm sinh", "Sinh ngày"),
            True,
            "12/03/1980",
        ),
        C("gender", "code", ("Giới tính", "Nam/Nữ", "Nam, nữ", "Phái"), True, "nam"),
        C("ethnicity", "text", ("Dân tộc", "DTTS", "Dân tộc thiểu số"), example="kinh"),
        C("category", "code", _CAT, True, "cong_chuc", derived=True),  # or from section rows "II. CÔNG CHỨC"
        C(
            "grade_code",
            "text",
            ("Mã ngạch", "Mã ngạch, chức danh nghề nghiệp", "Mã CDNN", "Mã số ngạch", "Mã ngạch/CDNN"),
            example="01.003",
        ),
        C(
            "grade_name",
            "text",
            (
                "Ngạch",
                "Ngạch công chức",
                "Chức danh nghề nghiệp",
                "Ngạch, chức danh nghề nghiệp",
                "Hạng",
                "Ngạch/hạng",
                "Tên ngạch",
            ),
            example="Chuyên viên",
        ),
        C("pay_group", "code", ("Nhóm ngạch", "Nhóm", "Loại ngạch", "Nhóm lương"), example="A1"),
        C("step", "int", ("Bậc", "Bậc lương"), example="3"),
        C("salary_coef", "decimal", ("Hệ số lương", "HSL", "Hệ số"), example="3,00"),
        C(
            "position",
            "text",
            ("Chức vụ", "Chức danh", "Chức vụ, chức danh", "Chức vụ hiện tại"),
            example="Chuyên viên",
        ),
        C("is_leader", "bool", ("Lãnh đạo", "Là lãnh đạo", "Lãnh đạo, quản lý"), example="không"),
        C("leadership_allowance_coef", "decimal", ("Phụ cấp chức vụ", "PCCV", "Hệ số phụ cấp chức vụ"), example="0"),
        C("in_succession_plan", "flag", ("Quy hoạch", "Diện quy hoạch", "Chức danh quy hoạch"), example="x"),
        C("discipline", "code", ("Kỷ luật", "Hình thức kỷ luật"), example="khien_trach"),
        C(
            "discipline_until",
            "date",
            ("Thời hạn kỷ luật", "Kỷ luật đến ngày", "Thời hạn kỷ luật đến"),
            example="31/12/2025",
        ),
        C("health", "code", ("Sức khỏe", "Tình trạng sức khỏe"), example="tot"),
        C(
            "qualification",
            "code",
            ("Trình độ chuyên môn", "Trình độ", "Trình độ đào tạo", "Trình độ chuyên môn cao nhất"),
            example="dai_hoc",
        ),
        C("political_theory", "code", ("Lý luận chính trị", "Trình độ lý luận chính trị", "LLCT"), example="trung_cap"),
        C("hire_date", "date", ("Ngày tuyển dụng", "Ngày vào cơ quan", "Ngày bắt đầu công tác"), example="01/09/2005"),
        C("status", "code", ("Trạng thái", "Tình trạng"), example="dang_cong_tac"),
    ),
    ("as_of", "unit_code", "person_id"),
    ("unit_code", "as_of"),
    (frozenset({"full_name", "birth_date"}),),
)

_kind(
    "payroll",
    "payroll",
    (
        C("month", "month", ("Tháng", "Tháng lương", "Kỳ lương"), True, "03/2025"),
        C("unit_code", "unit", UNIT_REF, True, "SNV"),
        C("person_id", "text", _PERSON_ID, True, "CB0001", derived=True),  # else made from unit and name
        C("salary_coef", "decimal", ("Hệ số lương", "HSL", "Hệ số"), True, "3,00"),
        C("base_salary_vnd", "money", ("Lương cơ sở", "Mức lương cơ sở"), True, "2.340.000", derived=True),
        C(
            "basic_salary_vnd",
            "money",
            ("Lương cơ bản", "Lương theo hệ số", "Tiền lương theo ngạch bậc", "Lương ngạch bậc"),
            True,
            "7.020.000",
            derived=True,
        ),
        C("allowance_leadership_vnd", "money", ("Phụ cấp chức vụ", "PCCV"), example="0", default=0),
        C(
            "allowance_seniority_vnd",
            "money",
            ("Phụ cấp thâm niên vượt khung", "TNVK", "Thâm niên vượt khung", "Phụ cấp vượt khung", "Vượt khung"),
            example="0",
            default=0,
        ),
        C(
            "allowance_occupational_vnd",
            "money",
            ("Phụ cấp nghề", "Phụ cấp ưu đãi nghề", "Phụ cấp thâm niên nghề"),
            example="0",
            default=0,
        ),
        C("allowance_public_service_vnd", "money", ("Phụ cấp công vụ",), example="1.755.000", default=0),
        C("allowance_other_vnd", "money", ("Phụ cấp khác", "Khác"), example="0", default=0),
        C(
            "total_vnd",
            "money",
            ("Tổng thu nhập", "Tổng số tiền", "Tổng lương", "Tổng cộng", "Tổng", "Cộng lương và phụ cấp", "Thành tiền"),
            True,
            "8.775.000",
            derived=True,
        ),
    ),
    ("month", "unit_code", "person_id"),
    ("unit_code", "month"),
    # The month is often only in the title ("Tháng 3 năm 2025"): the salary columns alone tell a payroll.
    (
        frozenset({"month", "salary_coef"}),
        frozenset({"month", "basic_salary_vnd"}),
        frozenset({"salary_coef", "basic_salary_vnd"}),
        frozenset({"basic_salary_vnd", "total_vnd"}),
        frozenset({"salary_coef", "total_vnd"}),
    ),
)

_kind(
    "reduction_case",
    "reduction_case",
    (
        C("case_id", "text", ("Mã hồ sơ", "Số hồ sơ", "Mã trường hợp"), True, "TG-2024-001", derived=True),
        C("person_id", "text", _PERSON_ID, example="CB0001"),
        C("full_name", "text", ("Họ và tên", "Họ tên"), example="Trần Thị Bình"),
        C("unit_code", "unit", UNIT_REF, True, "SNV"),
        C("category", "code", _CAT, True, "vien_chuc", derived=True),  # or from section rows "I. CÔNG CHỨC"
        C("programme", "code", ("Chương trình", "Chính sách", "Căn cứ"), example="tinh_gian_2022_2026"),
        C(
            "route",
            "code",
            (
                "Hình thức tinh giản",
                "Hình thức",
                "Chế độ",
                "Hình thức nghỉ",
                "Chính sách hưởng",
                "Chính sách được hưởng",
                "Chế độ được hưởng",
                "Hình thức nghỉ việc",
                "Chế độ chính sách",
            ),
            True,
            "nghi_huu_truoc_tuoi",
        ),
        C("year", "int", ("Năm", "Năm tinh giản"), True, "2024", derived=True),
        C("period_label", "text", ("Kỳ", "Đợt", "Giai đoạn"), example="6 tháng đầu năm 2024"),
        C("decision_no", "text", (*_DECISION_NO, "Số, ngày quyết định", "Quyết định phê duyệt"), example="45/QĐ-UBND"),
        C("decision_date", "date", _DECISION_DATE, example="15/03/2024"),
        C(
            "effective_date",
            "date",
            ("Ngày nghỉ", "Ngày hiệu lực", "Thời điểm nghỉ", "Thời điểm tinh giản"),
            example="01/04/2024",
        ),
        C("status", "code", ("Trạng thái", "Tình trạng"), example="da_nghi"),
        C(
            "payout_vnd",
            "money",
            (
                "Kinh phí",
                "Số tiền chi trả",
                "Kinh phí chi trả",
                "Kinh phí giải quyết",
                "Kinh phí thực hiện",
                "Tổng kinh phí",
                "Tổng số tiền",
                "Số tiền được hưởng",
                "Tiền trợ cấp",
            ),
            example="350.000.000",
        ),
    ),
    ("case_id",),
    ("case_id",),
    (frozenset({"route", "unit_code"}), frozenset({"route", "full_name"})),
)

_kind(
    "secondment",
    "secondment",
    (
        C("secondment_id", "text", ("Mã tăng cường", "Mã hồ sơ", "Mã"), True, "TC-001", derived=True),
        C("person_id", "text", _PERSON_ID, True, "CB0001", derived=True),  # else made from name and birth date
        C(
            "sending_unit_code",
            "unit",
            ("Đơn vị cử", "Cơ quan cử", "Cơ quan cử đi", "Đơn vị công tác hiện nay", "Đơn vị cử đi"),
            True,
            "SNV",
        ),
        C(
            "receiving_unit_code",
            "unit",
            (
                "Xã nhận",
                "Đơn vị nhận",
                "Nơi tăng cường",
                "Xã, phường nhận",
                "Địa phương nhận",
                "Xã, phường được tăng cường",
            ),
            True,
            "XA001",
        ),
        C(
            "start_date",
            "date",
            (
                "Ngày bắt đầu",
                "Từ ngày",
                "Thời gian bắt đầu",
                "Từ",
                "Từ tháng",
                "Thời gian tăng cường Từ",
                "Thời gian tăng cường Từ ngày",
            ),
            True,
            "01/08/2025",
        ),
        C(
            "planned_end_date",
            "date",
            (
                "Ngày kết thúc dự kiến",
                "Đến ngày",
                "Ngày kết thúc",
                "Thời gian kết thúc",
                "Đến",
                "Đến tháng",
                "Thời gian tăng cường Đến",
                "Thời gian tăng cường Đến ngày",
            ),
            True,
            "31/07/2028",
        ),
        C("actual_end_date", "date", ("Ngày kết thúc thực tế",), example=""),
        C("decision_no", "text", ("Quyết định cử", "Quyết định cử Số", *_DECISION_NO), example="12/QĐ-UBND"),
        C("decision_date", "date", _DECISION_DATE, example="20/07/2025"),
        C("exception_decision_no", "text", ("Quyết định ngoại lệ", "Quyết định cho phép dưới 36 tháng"), example=""),
        C("status", "code", ("Trạng thái", "Tình trạng"), True, "dang_tang_cuong", derived=True),
        C("end_reason", "text", ("Lý do kết thúc",), example=""),
        C(
            "position_at_commune",
            "text",
            ("Chức vụ tại xã", "Vị trí tại xã", "Vị trí công tác tại xã"),
            example="Phó Chủ tịch UBND xã",
        ),
        C("allowance_regime", "code", ("Chế độ phụ cấp", "Chế độ"), example="mot_lan_10x"),
        C("one_time_allowance_vnd", "money", ("Trợ cấp một lần", "Phụ cấp một lần"), example="23.400.000"),
    ),
    ("secondment_id",),
    ("secondment_id",),
    (
        frozenset({"receiving_unit_code", "start_date"}),
        frozenset({"sending_unit_code", "start_date", "planned_end_date"}),
    ),
)

_kind(
    "secondment_review",
    "secondment_review",
    (
        C("secondment_id", "text", ("Mã tăng cường", "Mã hồ sơ"), True, "TC-001"),
        C("review_date", "date", ("Ngày đánh giá",), True, "30/09/2025"),
        C("reviewer", "code", ("Cơ quan đánh giá", "Bên đánh giá"), True, "so_noi_vu"),
        C("rating", "text", ("Xếp loại", "Kết quả đánh giá"), example="Hoàn thành tốt nhiệm vụ"),
        C("note", "text", ("Ghi chú", "Nhận xét"), example=""),
    ),
    ("secondment_id", "review_date", "reviewer"),
    ("secondment_id", "review_date", "reviewer"),
    (frozenset({"secondment_id", "reviewer", "review_date"}),),
)

_kind(
    "training",
    "training",
    (
        C("record_id", "text", ("Mã", "Mã khóa học", "Mã hồ sơ"), True, "DT-001", derived=True),
        C("unit_code", "unit", (*UNIT_REF, "Đơn vị cử", "Cơ quan cử", "Cơ quan cử đi", "Đơn vị cử đi"), True, "SNV"),
        C("person_id", "text", _PERSON_ID, example=""),
        C(
            "course_name",
            "text",
            ("Tên khóa học", "Khóa học", "Nội dung đào tạo", "Tên lớp", "Nội dung bồi dưỡng", "Tên lớp học"),
            True,
            "Bồi dưỡng quản lý nhà nước",
        ),
        C("field", "code", ("Lĩnh vực", "Lĩnh vực đào tạo"), True, "kinh_te_phap_luat"),
        C("location", "code", ("Địa điểm", "Trong nước/Nước ngoài", "Nơi đào tạo"), example="trong_nuoc"),
        C(
            "start_date",
            "date",
            (
                "Ngày bắt đầu",
                "Từ ngày",
                "Thời gian bắt đầu",
                "Thời gian tổ chức",
                "Thời gian học",
                "Thời gian đào tạo",
                "Thời gian",
            ),
            True,
            "01/09/2025",
        ),
        C("end_date", "date", ("Ngày kết thúc", "Đến ngày", "Thời gian kết thúc"), example="30/09/2025"),
        C("participants", "int", ("Số người", "Số lượng học viên", "Số học viên", "Số người tham gia"), example="30"),
        C(
            "cost_committed_vnd",
            "money",
            ("Kinh phí dự kiến", "Kinh phí cam kết", "Dự toán", "Kinh phí dự toán", "Kinh phí"),
            example="150.000.000",
            default=0,
        ),
        C(
            "cost_spent_vnd",
            "money",
            ("Kinh phí đã chi", "Đã chi", "Kinh phí thực hiện"),
            example="120.000.000",
            default=0,
        ),
        C("funding", "code", ("Nguồn kinh phí", "Nguồn"), True, "tai_co_cau_5pct"),
    ),
    ("record_id",),
    ("record_id",),
    (frozenset({"course_name", "start_date"}),),
)

# --- Reorganisation, job positions, inspections (issue 15; seed 002 §II.2.b, d and the inspections note)
_kind(
    "reorg_decision",
    "reorg_decision",
    (
        C("decision_id", "text", ("Mã hồ sơ sắp xếp", "Mã sắp xếp"), True, "SX-001", derived=True),
        C(
            "unit_code",
            "unit",
            (
                *UNIT_REF,
                "Đơn vị được sắp xếp",
                "Đơn vị sắp xếp",
                "Tên đơn vị sự nghiệp",
                "Cơ quan, đơn vị được sắp xếp",
                "Đơn vị sự nghiệp",
            ),
            True,
            "SNV",
        ),
        C(
            "action",
            "code",
            (
                "Hình thức sắp xếp",
                "Phương án sắp xếp",
                "Nội dung sắp xếp",
                "Hình thức tổ chức lại",
                "Hình thức sắp xếp, kiện toàn",
                "Kết quả sắp xếp",
            ),
            True,
            "sap_nhap",
        ),
        C("decision_no", "text", _DECISION_NO, True, "125/QĐ-UBND"),
        C("decision_date", "date", (*_DECISION_DATE, "Ngày"), True, "15/03/2023"),
        C(
            "effective_date",
            "date",
            ("Ngày hiệu lực", "Có hiệu lực từ", "Hiệu lực từ ngày", "Thời điểm thực hiện"),
            example="01/04/2023",
        ),
        C(
            "successor_code",
            "unit",
            ("Sáp nhập vào", "Hợp nhất vào", "Đơn vị tiếp nhận", "Đơn vị sau sắp xếp"),
            example="",
        ),
        C(
            "removed_divisions",
            "count",
            (
                "Số phòng giảm",
                "Giảm phòng",
                "Phòng chuyên môn, nghiệp vụ giảm",
                "Giảm phòng chuyên môn, nghiệp vụ",
                "Số phòng chuyên môn giảm",
            ),
            example="2",
            default=0,
        ),
        C(
            "removed_faculties",
            "count",
            ("Số khoa giảm", "Giảm khoa", "Khoa chuyên môn giảm", "Giảm khoa chuyên môn"),
            example="0",
            default=0,
        ),
        C(
            "removed_branches",
            "count",
            ("Số chi nhánh giảm", "Giảm chi nhánh", "Chi nhánh giảm"),
            example="0",
            default=0,
        ),
        C(
            "removed_other",
            "count",
            ("Tổ chức khác giảm", "Giảm tổ chức khác", "Số tổ chức khác giảm"),
            example="0",
            default=0,
        ),
        C("note", "text", ("Ghi chú", "Nội dung", "Trích yếu"), example=""),
    ),
    ("decision_id",),
    ("decision_id",),
    (frozenset({"unit_code", "action", "decision_no"}), frozenset({"action", "decision_date"})),
)

_kind(
    "job_position",
    "job_position",
    (
        C("approval_id", "text", ("Mã phê duyệt",), True, "VTVL-001", derived=True),
        C("unit_code", "unit", UNIT_REF, True, "SNV"),
        C(
            "eligible",
            "bool",
            ("Đủ điều kiện phê duyệt", "Đủ điều kiện", "Đủ điều kiện phê duyệt vị trí việc làm"),
            example="có",
            default=True,
        ),
        C(
            "ineligible_reason",
            "text",
            ("Lý do chưa đủ điều kiện", "Lý do không đủ điều kiện", "Lý do chưa phê duyệt", "Lý do"),
            example="",
        ),
        C(
            "decision_no",
            "text",
            (*_DECISION_NO, "Quyết định phê duyệt", "Quyết định phê duyệt vị trí việc làm"),
            example="1234/QĐ-UBND",
        ),
        C("decision_date", "date", (*_DECISION_DATE, "Ngày phê duyệt"), example="20/10/2023"),
        C(
            "positions_leadership",
            "count",
            ("Vị trí lãnh đạo, quản lý", "Lãnh đạo, quản lý", "VTVL lãnh đạo, quản lý"),
            example="3",
            default=0,
        ),
        C(
            "positions_professional",
            "count",
            (
                "Vị trí chuyên môn, nghiệp vụ",
                "Chuyên môn, nghiệp vụ",
                "VTVL chuyên môn, nghiệp vụ",
                "Vị trí gắn với chuyên môn, nghiệp vụ",
            ),
            example="12",
            default=0,
        ),
        C(
            "positions_shared",
            "count",
            ("Vị trí chuyên môn dùng chung", "Chuyên môn dùng chung", "VTVL chuyên môn dùng chung"),
            example="4",
            default=0,
        ),
        C(
            "positions_support",
            "count",
            ("Vị trí hỗ trợ, phục vụ", "Hỗ trợ, phục vụ", "VTVL hỗ trợ, phục vụ"),
            example="2",
            default=0,
        ),
        C("note", "text", ("Ghi chú",), example=""),
    ),
    ("approval_id",),
    ("approval_id",),
    (
        frozenset({"unit_code", "positions_professional"}),
        frozenset({"unit_code", "positions_leadership"}),
        frozenset({"unit_code", "eligible"}),
    ),
)

_kind(
    "inspection",
    "inspection",
    (
        C("inspection_id", "text", ("Mã kiểm tra", "Mã cuộc kiểm tra"), True, "KTCV-001", derived=True),
        C(
            "unit_code",
            "unit",
            (
                *UNIT_REF,
                "Cơ quan, đơn vị được kiểm tra",
                "Đơn vị được kiểm tra",
                "Cơ quan được kiểm tra",
                "Đối tượng kiểm tra",
            ),
            True,
            "SYT",
        ),
        C("inspection_date", "date", ("Ngày kiểm tra", "Thời gian kiểm tra", "Thời điểm kiểm tra"), True, "12/03/2024"),
        C("inspection_kind", "code", ("Hình thức kiểm tra", "Loại kiểm tra", "Hình thức"), True, "theo_ke_hoach"),
        C(
            "findings",
            "count",
            (
                "Số tồn tại, hạn chế",
                "Tồn tại, hạn chế",
                "Số vi phạm",
                "Số sai phạm",
                "Số nội dung phát hiện",
                "Số tồn tại, hạn chế phát hiện",
            ),
            example="2",
            default=0,
        ),
        C("decision_no", "text", ("Quyết định kiểm tra", "Kế hoạch kiểm tra", "Căn cứ"), example="57/QĐ-SNV"),
        C("note", "text", ("Ghi chú", "Kết quả kiểm tra", "Nhận xét"), example=""),
    ),
    ("inspection_id",),
    ("inspection_id",),
    (frozenset({"unit_code", "inspection_date"}), frozenset({"unit_code", "inspection_kind"})),
)
