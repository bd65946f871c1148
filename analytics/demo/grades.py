"""Grades (ngạch / chức danh nghề nghiệp) and pay groups of the demo roster, by profile."""

from __future__ import annotations

import numpy as np

# profile -> ((grade_code, grade_name, pay_group, weight), …)
GRADES: dict[str, tuple[tuple[str, str, str, float], ...]] = {
    "cc_top": (("01.001", "Chuyên viên cao cấp", "A3.1", 0.5), ("01.002", "Chuyên viên chính", "A2.1", 0.5)),
    "cc_deputy": (("01.001", "Chuyên viên cao cấp", "A3.1", 0.15), ("01.002", "Chuyên viên chính", "A2.1", 0.85)),
    "cc_lead": (("01.002", "Chuyên viên chính", "A2.1", 0.55), ("01.003", "Chuyên viên", "A1", 0.45)),
    "cc": (
        ("01.002", "Chuyên viên chính", "A2.1", 0.14),
        ("01.003", "Chuyên viên", "A1", 0.72),
        ("01.004", "Cán sự", "A0", 0.08),
        ("01.005", "Nhân viên", "B", 0.06),
    ),
    "school_Mầm non": (
        ("V.07.02.26", "Giáo viên mầm non hạng III", "A0", 0.6),
        ("V.07.02.25", "Giáo viên mầm non hạng II", "A1", 0.4),
    ),
    "school_Tiểu học": (
        ("V.07.03.29", "Giáo viên tiểu học hạng III", "A1", 0.55),
        ("V.07.03.28", "Giáo viên tiểu học hạng II", "A2.2", 0.4),
        ("V.07.03.27", "Giáo viên tiểu học hạng I", "A2.1", 0.05),
    ),
    "school_THCS": (
        ("V.07.04.32", "Giáo viên THCS hạng III", "A1", 0.5),
        ("V.07.04.31", "Giáo viên THCS hạng II", "A2.2", 0.42),
        ("V.07.04.30", "Giáo viên THCS hạng I", "A2.1", 0.08),
    ),
    "thpt": (
        ("V.07.05.15", "Giáo viên THPT hạng III", "A1", 0.45),
        ("V.07.05.14", "Giáo viên THPT hạng II", "A2.2", 0.45),
        ("V.07.05.13", "Giáo viên THPT hạng I", "A2.1", 0.10),
    ),
    "health": (
        ("V.08.01.03", "Bác sĩ", "A1", 0.22),
        ("V.08.01.02", "Bác sĩ chính", "A2.1", 0.1),
        ("V.08.05.12", "Điều dưỡng hạng III", "A1", 0.25),
        ("V.08.05.13", "Điều dưỡng hạng IV", "B", 0.23),
        ("V.08.03.07", "Y sĩ hạng IV", "B", 0.1),
        ("V.08.08.22", "Dược sĩ hạng III", "A1", 0.1),
    ),
    "vc_other": (
        ("V.05.02.06", "Kỹ sư chính (hạng II)", "A2.1", 0.15),
        ("V.05.02.07", "Kỹ sư (hạng III)", "A1", 0.6),
        ("V.05.02.08", "Kỹ thuật viên (hạng IV)", "A0", 0.15),
        ("01.005", "Nhân viên", "B", 0.1),
    ),
    "nld": (
        ("01.010", "Nhân viên lái xe", "B", 0.35),
        ("01.011", "Nhân viên bảo vệ", "C1", 0.35),
        ("01.009", "Nhân viên phục vụ", "C1", 0.3),
    ),
}
_SENIOR = ("A3.1", "A3.2", "A2.1", "A2.2")


def profile_of(category: np.ndarray, role: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """Profile key per person; ``tier`` is 0 staff, 1 head of a division/school/…, 2 deputy head of an
    agency, 3 head of an agency."""
    out = np.full(len(category), "vc_other", dtype=object)
    civil = np.isin(category, ("cong_chuc", "can_bo"))
    out[civil] = "cc"
    out[civil & (tier == 1)] = "cc_lead"
    out[civil & (tier == 2)] = "cc_deputy"
    out[civil & (tier == 3)] = "cc_top"
    vc = category == "vien_chuc"
    for r in ("school_Mầm non", "school_Tiểu học", "school_THCS", "thpt"):
        out[vc & (role == r)] = r
    out[vc & np.isin(role, ("hospital", "health_station"))] = "health"
    out[category == "nguoi_lao_dong"] = "nld"
    return out


def assign_grades(
    rng: np.random.Generator, profile: np.ndarray, leader: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """grade_code, grade_name, pay_group per person. Public-employee leaders get a senior grade."""
    n = len(profile)
    code = np.empty(n, dtype=object)
    name = np.empty(n, dtype=object)
    group = np.empty(n, dtype=object)
    for key, table in GRADES.items():
        for lead in (False, True):
            mask = (profile == key) & (leader == lead)
            k = int(mask.sum())
            if not k:
                continue
            rows = table
            if lead and not key.startswith("cc") and key != "nld":
                rows = tuple(r for r in table if r[2] in _SENIOR) or table[-1:]
            w = np.array([r[3] for r in rows])
            pick = rng.choice(len(rows), size=k, p=w / w.sum())
            code[mask] = np.array([r[0] for r in rows], dtype=object)[pick]
            name[mask] = np.array([r[1] for r in rows], dtype=object)[pick]
            group[mask] = np.array([r[2] for r in rows], dtype=object)[pick]
    return code, name, group
