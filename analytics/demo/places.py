"""Static names of the demo city: agencies, divisions, districts, communes, service units.

Communes and wards are the 103 units of the new Cần Thơ from 1/7/2025 (DOMAIN.md §7), by former
province; names follow the real ones as far as known, otherwise plausible names of the area.
"""

from __future__ import annotations

PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("CT_CU", "Thành phố Cần Thơ (cũ)", "can_tho"),
    ("HG_CU", "Tỉnh Hậu Giang (cũ)", "hau_giang"),
    ("ST_CU", "Tỉnh Sóc Trăng (cũ)", "soc_trang"),
)
PROVINCE_LABEL = {"CT_CU": "thành phố Cần Thơ", "HG_CU": "tỉnh Hậu Giang", "ST_CU": "tỉnh Sóc Trăng"}

# code, name, unit_type, weight of its civil-servant quota, divisions
AGENCIES: tuple[tuple[str, str, str, int, tuple[str, ...]], ...] = (
    (
        "SNV",
        "Sở Nội vụ",
        "so_nganh",
        330,
        (
            "Văn phòng Sở",
            "Phòng Tổ chức bộ máy - Biên chế",
            "Phòng Công chức - Viên chức",
            "Phòng Xây dựng chính quyền",
            "Phòng Cải cách hành chính",
            "Phòng Lao động - Việc làm",
            "Phòng Người có công",
            "Phòng Thi đua - Khen thưởng",
            "Phòng Văn thư - Lưu trữ",
        ),
    ),
    (
        "STP",
        "Sở Tư pháp",
        "so_nganh",
        120,
        (
            "Văn phòng Sở",
            "Phòng Xây dựng và Kiểm tra văn bản",
            "Phòng Phổ biến, giáo dục pháp luật",
            "Phòng Hành chính tư pháp",
            "Phòng Bổ trợ tư pháp",
        ),
    ),
    (
        "STC",
        "Sở Tài chính",
        "so_nganh",
        380,
        (
            "Văn phòng Sở",
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính hành chính sự nghiệp",
            "Phòng Quản lý giá và công sản",
            "Phòng Tài chính doanh nghiệp",
            "Phòng Kinh tế ngành",
            "Phòng Tổng hợp, quy hoạch",
            "Phòng Đăng ký kinh doanh",
            "Phòng Quản lý đầu tư",
        ),
    ),
    (
        "SCT",
        "Sở Công Thương",
        "so_nganh",
        230,
        (
            "Văn phòng Sở",
            "Phòng Quản lý thương mại",
            "Phòng Quản lý công nghiệp",
            "Phòng Quản lý năng lượng",
            "Phòng Kỹ thuật an toàn - Môi trường",
            "Phòng Xuất nhập khẩu",
        ),
    ),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "so_nganh",
        900,
        (
            "Văn phòng Sở",
            "Phòng Kế hoạch - Tài chính",
            "Phòng Quản lý đất đai",
            "Phòng Tài nguyên nước - Khoáng sản",
            "Phòng Môi trường",
            "Phòng Biến đổi khí hậu",
            "Phòng Kinh tế hợp tác và Phát triển nông thôn",
            "Phòng Trồng trọt và Bảo vệ thực vật",
            "Phòng Chăn nuôi và Thú y",
            "Phòng Thủy sản và Kiểm ngư",
        ),
    ),
    (
        "SXD",
        "Sở Xây dựng",
        "so_nganh",
        420,
        (
            "Văn phòng Sở",
            "Phòng Quy hoạch - Kiến trúc",
            "Phòng Quản lý hoạt động xây dựng",
            "Phòng Phát triển đô thị",
            "Phòng Nhà ở và Thị trường bất động sản",
            "Phòng Quản lý giao thông",
            "Phòng Quản lý vận tải",
            "Phòng Kết cấu hạ tầng giao thông",
        ),
    ),
    (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "so_nganh",
        170,
        (
            "Văn phòng Sở",
            "Phòng Quản lý khoa học",
            "Phòng Công nghệ và Đổi mới sáng tạo",
            "Phòng Chuyển đổi số",
            "Phòng Bưu chính - Viễn thông",
        ),
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "so_nganh",
        200,
        (
            "Văn phòng Sở",
            "Phòng Giáo dục phổ thông",
            "Phòng Giáo dục mầm non",
            "Phòng Tổ chức cán bộ",
            "Phòng Kế hoạch - Tài chính",
            "Phòng Khảo thí và Quản lý chất lượng",
            "Phòng Giáo dục nghề nghiệp - Giáo dục thường xuyên",
        ),
    ),
    (
        "SYT",
        "Sở Y tế",
        "so_nganh",
        300,
        (
            "Văn phòng Sở",
            "Phòng Nghiệp vụ Y",
            "Phòng Nghiệp vụ Dược",
            "Phòng Tổ chức cán bộ",
            "Phòng Kế hoạch - Tài chính",
            "Phòng Bảo trợ xã hội",
            "Phòng Dân số",
            "Phòng An toàn thực phẩm",
        ),
    ),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "so_nganh",
        180,
        (
            "Văn phòng Sở",
            "Phòng Quản lý văn hóa và Gia đình",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Quản lý du lịch",
            "Phòng Báo chí - Xuất bản",
            "Phòng Xây dựng nếp sống văn hóa",
        ),
    ),
    (
        "SDTTG",
        "Sở Dân tộc và Tôn giáo",
        "so_nganh",
        60,
        ("Văn phòng Sở", "Phòng Chính sách dân tộc", "Phòng Quản lý tôn giáo", "Phòng Tuyên truyền và Địa bàn"),
    ),
    (
        "SNGV",
        "Sở Ngoại vụ",
        "so_nganh",
        50,
        (
            "Văn phòng Sở",
            "Phòng Lãnh sự và Người Việt Nam ở nước ngoài",
            "Phòng Hợp tác quốc tế",
            "Phòng Kinh tế đối ngoại",
        ),
    ),
    (
        "VPUBND",
        "Văn phòng UBND thành phố",
        "so_nganh",
        250,
        (
            "Phòng Tổng hợp",
            "Phòng Kinh tế",
            "Phòng Khoa giáo - Văn xã",
            "Phòng Nội chính",
            "Phòng Hành chính - Tổ chức",
            "Phòng Quản trị - Tài vụ",
            "Ban Tiếp công dân",
        ),
    ),
    (
        "TTTP",
        "Thanh tra thành phố",
        "so_nganh",
        230,
        (
            "Văn phòng",
            "Phòng Thanh tra kinh tế",
            "Phòng Thanh tra nội chính",
            "Phòng Thanh tra văn hóa - xã hội",
            "Phòng Tiếp công dân và Xử lý đơn",
            "Phòng Phòng, chống tham nhũng",
            "Phòng Giám sát, kiểm tra và xử lý sau thanh tra",
        ),
    ),
    (
        "BQL_KCX_KCN",
        "Ban Quản lý các khu chế xuất và công nghiệp",
        "co_quan_khac",
        120,
        (
            "Văn phòng Ban",
            "Phòng Quản lý đầu tư",
            "Phòng Quản lý doanh nghiệp",
            "Phòng Quản lý quy hoạch - xây dựng",
            "Phòng Quản lý môi trường",
        ),
    ),
)

# Old agencies: code suffix, name, the new agency that took it over, provinces that had it,
# civil-servant weight, public-employee weight (its public service units, counted at the agency).
OLD_AGENCIES: tuple[tuple[str, str, str, str, int, int], ...] = (
    ("SNV", "Sở Nội vụ", "SNV", "CT HG ST", 70, 60),
    ("STP", "Sở Tư pháp", "STP", "CT HG ST", 45, 90),
    ("STC", "Sở Tài chính", "STC", "CT HG ST", 75, 20),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "STC", "CT HG ST", 50, 25),
    ("SCT", "Sở Công Thương", "SCT", "CT HG ST", 90, 60),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SNNMT", "CT HG ST", 230, 500),
    ("STNMT", "Sở Tài nguyên và Môi trường", "SNNMT", "CT HG ST", 75, 180),
    ("SXD", "Sở Xây dựng", "SXD", "CT HG ST", 55, 70),
    ("SGTVT", "Sở Giao thông vận tải", "SXD", "CT HG ST", 80, 90),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", "CT HG ST", 40, 80),
    ("STTTT", "Sở Thông tin và Truyền thông", "SKHCN", "CT HG ST", 35, 90),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGDDT", "CT HG ST", 60, 3400),
    ("SYT", "Sở Y tế", "SYT", "CT HG ST", 70, 5600),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "CT HG ST", 60, 420),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SNV", "CT HG ST", 65, 330),
    ("SNGV", "Sở Ngoại vụ", "SNGV", "CT ST", 25, 10),
    ("BDT", "Ban Dân tộc", "SDTTG", "CT HG ST", 20, 10),
    ("VPUBND", "Văn phòng UBND", "VPUBND", "CT HG ST", 75, 60),
    ("TT", "Thanh tra", "TTTP", "CT HG ST", 55, 0),
    ("BQLKCN", "Ban Quản lý các khu chế xuất và công nghiệp", "BQL_KCX_KCN", "CT HG ST", 35, 15),
)

# Sector of the public service units of an old agency (by code suffix); the rest: su_nghiep_khac.
OLD_SERVICE_SECTOR = {
    "SGDDT": "giao_duc",
    "SYT": "y_te",
    "SNNPTNT": "nong_nghiep",
    "STNMT": "nong_nghiep",
    "SVHTTDL": "van_hoa_the_thao",
    "BDT": "van_hoa_the_thao",
    "SKHCN": "khoa_hoc_cong_nghe",
    "STTTT": "khoa_hoc_cong_nghe",
}
# Public service units run by the old districts. Those of each new commune's area (by sector: code
# suffix, name, sector) were taken over by the commune; the district's own others were wound up.
COMMUNE_AREA_SERVICES: tuple[tuple[str, str, str], ...] = (
    ("GD", "Các trường mầm non, tiểu học, THCS trên địa bàn", "giao_duc"),
    ("YT", "Các trạm y tế trên địa bàn", "y_te"),
    ("SN", "Các đơn vị sự nghiệp khác trên địa bàn", "su_nghiep_khac"),
)
DISTRICT_OWN_SERVICES = "Các đơn vị sự nghiệp trực thuộc"

OLD_DISTRICTS: dict[str, tuple[str, ...]] = {
    "CT_CU": (
        "Quận Ninh Kiều",
        "Quận Bình Thủy",
        "Quận Cái Răng",
        "Quận Ô Môn",
        "Quận Thốt Nốt",
        "Huyện Phong Điền",
        "Huyện Cờ Đỏ",
        "Huyện Thới Lai",
        "Huyện Vĩnh Thạnh",
    ),
    "HG_CU": (
        "Thành phố Vị Thanh",
        "Thành phố Ngã Bảy",
        "Thị xã Long Mỹ",
        "Huyện Châu Thành A",
        "Huyện Châu Thành",
        "Huyện Phụng Hiệp",
        "Huyện Vị Thủy",
        "Huyện Long Mỹ",
    ),
    "ST_CU": (
        "Thành phố Sóc Trăng",
        "Thị xã Vĩnh Châu",
        "Thị xã Ngã Năm",
        "Huyện Kế Sách",
        "Huyện Mỹ Tú",
        "Huyện Cù Lao Dung",
        "Huyện Long Phú",
        "Huyện Mỹ Xuyên",
        "Huyện Thạnh Trị",
        "Huyện Châu Thành",
        "Huyện Trần Đề",
    ),
}

# The 103 communes and wards: (short name, kind), by former province. 31 phường, 72 xã.
COMMUNES: dict[str, tuple[tuple[str, str], ...]] = {
    "can_tho": tuple(
        [
            (n, "phuong")
            for n in (
                "Ninh Kiều",
                "Cái Khế",
                "Tân An",
                "An Bình",
                "Thới An Đông",
                "Bình Thủy",
                "Long Tuyền",
                "Cái Răng",
                "Hưng Phú",
                "Ô Môn",
                "Phước Thới",
                "Thới Long",
                "Trung Nhứt",
                "Thuận Hưng",
                "Thốt Nốt",
                "Tân Lộc",
            )
        ]
        + [
            (n, "xa")
            for n in (
                "Phong Điền",
                "Nhơn Ái",
                "Trường Long",
                "Thới Lai",
                "Đông Thuận",
                "Trường Xuân",
                "Trường Thành",
                "Cờ Đỏ",
                "Đông Hiệp",
                "Thạnh Phú",
                "Thới Hưng",
                "Trung Hưng",
                "Vĩnh Thạnh",
                "Vĩnh Trinh",
                "Thạnh An",
                "Thạnh Quới",
            )
        ]
    ),
    "hau_giang": tuple(
        [(n, "phuong") for n in ("Vị Thanh", "Vị Tân", "Đại Thành", "Ngã Bảy", "Long Mỹ", "Long Bình", "Long Phú 1")]
        + [
            (n, "xa")
            for n in (
                "Tân Hòa",
                "Trường Long Tây",
                "Thạnh Xuân",
                "Châu Thành",
                "Đông Phước",
                "Phú Hữu",
                "Hòa An",
                "Hiệp Hưng",
                "Tân Bình",
                "Thạnh Hòa",
                "Phương Bình",
                "Tân Phước Hưng",
                "Phụng Hiệp",
                "Vị Thủy",
                "Vĩnh Thuận Đông",
                "Vị Thanh 1",
                "Vĩnh Tường",
                "Vị Bình",
                "Xà Phiên",
                "Lương Tâm",
                "Vĩnh Viễn",
            )
        ]
    ),
    "soc_trang": tuple(
        [
            (n, "phuong")
            for n in ("Sóc Trăng", "Phú Lợi", "Mỹ Xuyên", "Vĩnh Phước", "Vĩnh Châu", "Khánh Hòa", "Ngã Năm", "Mỹ Quới")
        ]
        + [
            (n, "xa")
            for n in (
                "Kế Sách",
                "An Lạc Thôn",
                "Phong Nẫm",
                "Thới An Hội",
                "Đại Hải",
                "Nhơn Mỹ",
                "Mỹ Tú",
                "Long Hưng",
                "Mỹ Hương",
                "Mỹ Phước",
                "Phú Tâm",
                "Thuận Hòa",
                "An Ninh",
                "Hồ Đắc Kiện",
                "Cù Lao Dung",
                "An Thạnh",
                "Long Phú",
                "Trường Khánh",
                "Đại Ngãi",
                "Tân Thạnh",
                "Trần Đề",
                "Liêu Tú",
                "Lịch Hội Thượng",
                "Tài Văn",
                "Nhu Gia",
                "Thạnh Thới An",
                "Hòa Tú",
                "Gia Hòa",
                "Ngọc Tố",
                "Lâm Tân",
                "Thạnh Trị",
                "Tân Long",
                "Vĩnh Hải",
                "Lai Hòa",
                "Vĩnh Lợi",
            )
        ]
    ),
}

# Decree 76/2019 areas: coastal and Khmer communes of Sóc Trăng, two of Hậu Giang.
ESPECIALLY_DIFFICULT = frozenset(
    {
        "Vĩnh Hải",
        "Lai Hòa",
        "Trần Đề",
        "Liêu Tú",
        "Lịch Hội Thượng",
        "Tài Văn",
        "Cù Lao Dung",
        "An Thạnh",
        "Gia Hòa",
        "Ngọc Tố",
        "Hòa Tú",
        "Lâm Tân",
        "Tân Long",
        "Vĩnh Viễn",
        "Lương Tâm",
    }
)

# Names given to predecessors (old communes) besides the one that kept its name.
OLD_COMMUNE_NAMES = (
    "Tân Hòa",
    "Long Thạnh",
    "Phú Thứ",
    "Mỹ Khánh",
    "Thạnh Lợi",
    "Hòa Bình",
    "Tân Thới",
    "Xuân Hòa",
    "An Khánh",
    "Long Hòa",
    "Thới Thuận",
    "Trung An",
    "Vĩnh Bình",
    "Định Môn",
    "Tân Phú",
    "Mỹ Thuận",
    "Phú An",
    "Hiệp Lợi",
    "Long Đức",
    "Thạnh Phú",
    "Vĩnh Hiệp",
    "An Hiệp",
    "Thuận An",
    "Tân Lập",
    "Phước Long",
    "Lạc Hòa",
    "Ba Trinh",
    "Đại Tâm",
    "Thạnh Quới",
    "Viên An",
    "Tham Đôn",
    "Song Phụng",
)

# Public service units directly under agencies: agency -> ((name, sector, self_financed, size), …)
AGENCY_SERVICE_UNITS: dict[str, tuple[tuple[str, str, bool, int], ...]] = {
    "SNV": (
        ("Trung tâm Dịch vụ việc làm", "su_nghiep_khac", False, 45),
        ("Trung tâm Lưu trữ lịch sử", "su_nghiep_khac", False, 25),
        ("Trung tâm Dịch vụ việc làm khu vực Sóc Trăng", "su_nghiep_khac", False, 30),
    ),
    "STP": (
        ("Trung tâm Trợ giúp pháp lý nhà nước", "su_nghiep_khac", False, 35),
        ("Trung tâm Dịch vụ đấu giá tài sản", "su_nghiep_khac", True, 15),
        ("Phòng Công chứng số 1", "su_nghiep_khac", True, 14),
        ("Phòng Công chứng số 2", "su_nghiep_khac", True, 12),
        ("Phòng Công chứng số 3", "su_nghiep_khac", False, 10),
    ),
    "STC": (
        ("Trung tâm Xúc tiến đầu tư", "su_nghiep_khac", False, 25),
        ("Trung tâm Tư vấn và Dịch vụ tài chính công", "su_nghiep_khac", False, 18),
    ),
    "SCT": (
        ("Trung tâm Khuyến công và Xúc tiến thương mại", "su_nghiep_khac", False, 40),
        ("Trung tâm Khuyến công khu vực Sóc Trăng", "su_nghiep_khac", False, 20),
    ),
    "SNNMT": (
        ("Trung tâm Khuyến nông", "nong_nghiep", False, 80),
        ("Trung tâm Quan trắc tài nguyên và môi trường", "nong_nghiep", False, 45),
        ("Văn phòng Đăng ký đất đai", "nong_nghiep", False, 90),
        ("Trung tâm Giống nông nghiệp", "nong_nghiep", False, 50),
        ("Ban Quản lý rừng phòng hộ ven biển", "nong_nghiep", False, 30),
        ("Trung tâm Phát triển quỹ đất", "nong_nghiep", False, 40),
        ("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "nong_nghiep", False, 45),
        ("Trung tâm Kỹ thuật tài nguyên và môi trường", "nong_nghiep", False, 35),
    ),
    "SXD": (
        ("Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp", "su_nghiep_khac", False, 60),
        ("Ban Quản lý dự án đầu tư xây dựng công trình giao thông", "su_nghiep_khac", False, 55),
        ("Ban Quản lý dự án đầu tư xây dựng công trình nông nghiệp", "su_nghiep_khac", False, 45),
        ("Trung tâm Đăng kiểm xe cơ giới 1", "su_nghiep_khac", True, 30),
        ("Trung tâm Đăng kiểm xe cơ giới 2", "su_nghiep_khac", True, 25),
        ("Trung tâm Đăng kiểm xe cơ giới 3", "su_nghiep_khac", True, 25),
        ("Trung tâm Quản lý giao thông công cộng", "su_nghiep_khac", False, 35),
    ),
    "SKHCN": (
        ("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "khoa_hoc_cong_nghe", False, 40),
        ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "khoa_hoc_cong_nghe", False, 30),
        ("Trung tâm Chuyển đổi số", "khoa_hoc_cong_nghe", False, 35),
        ("Trung tâm Thông tin và Thống kê khoa học công nghệ", "khoa_hoc_cong_nghe", False, 15),
    ),
    "SVHTTDL": (
        ("Thư viện thành phố", "van_hoa_the_thao", False, 40),
        ("Bảo tàng thành phố", "van_hoa_the_thao", False, 35),
        ("Nhà hát Tây Đô", "van_hoa_the_thao", False, 55),
        ("Đoàn Nghệ thuật Khmer", "van_hoa_the_thao", False, 45),
        ("Trung tâm Văn hóa thành phố", "van_hoa_the_thao", False, 40),
        ("Trung tâm Huấn luyện và Thi đấu thể dục thể thao", "van_hoa_the_thao", False, 60),
        ("Trung tâm Xúc tiến du lịch", "van_hoa_the_thao", False, 20),
        ("Ban Quản lý Khu di tích", "van_hoa_the_thao", False, 25),
        ("Đài Phát thanh và Truyền hình", "van_hoa_the_thao", False, 150),
    ),
    "SNGV": (("Trung tâm Dịch vụ đối ngoại", "su_nghiep_khac", False, 12),),
    "SDTTG": (("Trung tâm Văn hóa các dân tộc", "van_hoa_the_thao", False, 15),),
    "VPUBND": (
        ("Trung tâm Phục vụ hành chính công", "su_nghiep_khac", False, 60),
        ("Cổng Thông tin điện tử thành phố", "su_nghiep_khac", False, 20),
        ("Nhà khách UBND thành phố", "su_nghiep_khac", True, 25),
    ),
    "BQL_KCX_KCN": (("Trung tâm Dịch vụ khu công nghiệp", "su_nghiep_khac", False, 20),),
}

# Units under Sở Y tế: (name, size). The rest of the 1.450 units are schools and commune units.
HEALTH_UNITS: tuple[tuple[str, int], ...] = (
    ("Bệnh viện Đa khoa thành phố Cần Thơ", 1100),
    ("Bệnh viện Nhi đồng", 650),
    ("Bệnh viện Phụ sản", 600),
    ("Bệnh viện Ung bướu", 450),
    ("Bệnh viện Tim mạch", 350),
    ("Bệnh viện Y học cổ truyền", 220),
    ("Bệnh viện Mắt - Răng Hàm Mặt", 180),
    ("Bệnh viện Da liễu", 120),
    ("Bệnh viện Lao và Bệnh phổi", 200),
    ("Bệnh viện Tâm thần", 150),
    ("Bệnh viện Đa khoa Hậu Giang", 700),
    ("Bệnh viện Sản - Nhi Hậu Giang", 300),
    ("Bệnh viện Đa khoa Sóc Trăng", 900),
    ("Bệnh viện Chuyên khoa Sản - Nhi Sóc Trăng", 350),
    ("Bệnh viện Quân dân y Sóc Trăng", 250),
    ("Trung tâm Kiểm soát bệnh tật", 260),
    ("Trung tâm Pháp y", 40),
    ("Trung tâm Kiểm nghiệm", 45),
    ("Trung tâm Giám định y khoa", 30),
    ("Trung tâm Cấp cứu 115", 80),
    ("Trung tâm Công tác xã hội", 60),
    ("Cơ sở cai nghiện ma túy", 70),
) + tuple(
    (f"Trung tâm Y tế khu vực {n}", 220)
    for n in (
        "Ninh Kiều",
        "Bình Thủy",
        "Cái Răng",
        "Ô Môn",
        "Thốt Nốt",
        "Phong Điền",
        "Cờ Đỏ",
        "Thới Lai",
        "Vĩnh Thạnh",
        "Vị Thanh",
        "Ngã Bảy",
        "Long Mỹ",
        "Châu Thành",
        "Phụng Hiệp",
        "Mỹ Xuyên",
    )
)
