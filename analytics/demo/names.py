"""Vietnamese and Khmer personal names for the demo roster."""

from __future__ import annotations

import numpy as np

KINH_FAMILY = (
    ("Nguyễn", 31),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Huỳnh", 6),
    ("Võ", 5),
    ("Phan", 4),
    ("Trương", 2),
    ("Bùi", 2),
    ("Đặng", 2),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Hồ", 2),
    ("Dương", 1.5),
    ("Đinh", 1),
    ("Lâm", 1),
    ("Đoàn", 1),
    ("Châu", 1),
    ("Mai", 1),
    ("Tô", 1),
    ("Cao", 1),
    ("Lưu", 0.5),
    ("Tạ", 0.5),
    ("Quách", 0.5),
    ("Thái", 0.5),
    ("La", 0.5),
)
KHMER_FAMILY = (
    ("Thạch", 30),
    ("Sơn", 20),
    ("Lâm", 10),
    ("Kim", 10),
    ("Danh", 12),
    ("Châu", 6),
    ("Lý", 6),
    ("Trịnh", 3),
    ("Triệu", 3),
)
HOA_FAMILY = (
    ("Lý", 20),
    ("Trương", 15),
    ("Quách", 12),
    ("Tăng", 10),
    ("Mã", 10),
    ("Lưu", 10),
    ("Diệp", 8),
    ("Hứa", 8),
    ("Thái", 7),
)
MIDDLE_MALE = (
    "Văn",
    "Văn",
    "Văn",
    "Minh",
    "Hoàng",
    "Quốc",
    "Thanh",
    "Hữu",
    "Đức",
    "Tấn",
    "Công",
    "Trọng",
    "Ngọc",
    "Phước",
    "Thành",
)
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Bích", "Mỹ", "Hồng", "Phương", "Thùy", "Diễm")
GIVEN_MALE = (
    "Hùng",
    "Dũng",
    "Tuấn",
    "Minh",
    "Phúc",
    "Khang",
    "Tâm",
    "Hải",
    "Long",
    "Nam",
    "Sơn",
    "Thành",
    "Trung",
    "Hiếu",
    "Nghĩa",
    "Thắng",
    "Hòa",
    "Tài",
    "Lộc",
    "Vinh",
    "Quang",
    "Khoa",
    "Toàn",
    "Bình",
    "Duy",
    "Kiệt",
    "Phong",
    "Hậu",
    "Tín",
    "Trí",
    "Nhân",
    "Thịnh",
    "Hiền",
    "Đạt",
    "Khải",
    "Luân",
)
GIVEN_FEMALE = (
    "Lan",
    "Hương",
    "Mai",
    "Hoa",
    "Linh",
    "Trang",
    "Thảo",
    "Ngân",
    "Yến",
    "Nhung",
    "Hạnh",
    "Phượng",
    "Thủy",
    "Tuyết",
    "Loan",
    "Nga",
    "Vy",
    "Trinh",
    "Như",
    "Diễm",
    "Hằng",
    "Huyền",
    "Duyên",
    "Xuân",
    "Thư",
    "Uyên",
    "Oanh",
    "Quyên",
    "Nhi",
    "Tiên",
    "Châu",
    "Giang",
)
KHMER_GIVEN_MALE = (
    "Sa Rươl",
    "Sóc Kha",
    "Sô Phal",
    "Chanh Đa",
    "Thươl",
    "Pho",
    "Kim Sang",
    "Sa Phol",
    "Mol",
    "Cholh",
    "Pheng",
    "Sa Rát",
    "Tha",
    "Sô Khum",
    "Sa Khone",
    "Ni",
    "Sên",
    "Văn Dên",
    "Văn Út",
)
KHMER_GIVEN_FEMALE = (
    "Thị Sa Ri",
    "Thị Sô Phi",
    "Thị Ly Đa",
    "Thị Ra Vy",
    "Thị Srey Nich",
    "Thị Chanh Thu",
    "Thị Sà Rên",
    "Thị Kim Thoa",
    "Thị Sóc Mây",
    "Thị Sa Quy",
    "Thị Ngọc Hân",
    "Thị Mỹ Linh",
    "Thị Phol Ly",
    "Thị Sô Pha",
)


def _pick(rng: np.random.Generator, pool: tuple, n: int) -> np.ndarray:
    if pool and isinstance(pool[0], tuple):
        names = np.array([p[0] for p in pool], dtype=object)
        w = np.array([p[1] for p in pool], dtype=float)
        return names[rng.choice(len(names), size=n, p=w / w.sum())]
    return np.array(pool, dtype=object)[rng.integers(0, len(pool), size=n)]


def full_names(rng: np.random.Generator, gender: np.ndarray, ethnicity: np.ndarray) -> list[str]:
    """A name per person, by gender ('nam'/'nu') and ethnicity ('kinh'/'khmer'/'hoa')."""
    n = len(gender)
    female = gender == "nu"
    khmer = ethnicity == "khmer"
    family = np.where(
        khmer,
        _pick(rng, KHMER_FAMILY, n),
        np.where(ethnicity == "hoa", _pick(rng, HOA_FAMILY, n), _pick(rng, KINH_FAMILY, n)),
    )
    middle = np.where(female, _pick(rng, MIDDLE_FEMALE, n), _pick(rng, MIDDLE_MALE, n))
    given = np.where(female, _pick(rng, GIVEN_FEMALE, n), _pick(rng, GIVEN_MALE, n))
    kgiven = np.where(female, _pick(rng, KHMER_GIVEN_FEMALE, n), _pick(rng, KHMER_GIVEN_MALE, n))
    return [
        f"{f} {kg}" if k else f"{f} {m} {g}"
        for f, m, g, kg, k in zip(family, middle, given, kgiven, khmer, strict=True)
    ]
