"""Labels: both languages complete, every key used exists, every stored code has a label."""

from __future__ import annotations

import re
from pathlib import Path

from analytics import codes, db
from ui import labels

ROOT = Path(__file__).resolve().parent.parent


def test_both_languages_have_the_same_keys() -> None:
    assert set(labels.TEXT["vi"]) == set(labels.TEXT["en"])
    assert set(labels.CODES["vi"]) == set(labels.CODES["en"])


def test_placeholders_match_between_languages() -> None:
    for key, vi in labels.TEXT["vi"].items():
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", labels.TEXT["en"][key])), key


def _used_keys() -> set[str]:
    used: set[str] = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py")]:  # ui/views, ui/briefing too
        src = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", src))
        used |= set(re.findall(r"""\b(?:tr|T)\(\s*["']([\w.]+)["']""", src))
    return used


def test_every_key_used_in_code_exists() -> None:
    used = _used_keys()
    assert used, "the scan found no label use at all"
    assert sorted(used - set(labels.TEXT["vi"])) == []


def test_every_code_and_table_has_a_label() -> None:
    values = {v for cols in codes.CODED_COLUMNS.values() for vals in cols.values() for v in vals}
    values |= set(db.DATA_TABLES)
    assert sorted(values - set(labels.CODES["vi"])) == []


def test_vietnamese_labels_are_vietnamese() -> None:
    assert labels.t("about.title") == "Dữ liệu hiện có"
    assert labels.t("about.title", "en") == "Data on hand"
    assert labels.code("cong_chuc") == "Công chức" and labels.code("cong_chuc", "en") == "Civil servants"
    assert labels.code("unknown_code") == "unknown_code"


def test_keys_built_at_run_time_exist() -> None:
    """Keys pages build from codes (f-strings the scan above cannot see)."""
    from analytics import quality
    from analytics.access import ROLES
    from analytics.policy import POLICY_KEYS, ROUNDING_RULES
    from ui.breakdown import KINDS

    keys = {f"setting.{k}" for k in POLICY_KEYS}
    keys |= {f"dq.check.{c}" for c, _, _ in quality.CHECKS} | {f"dq.explain.{c}" for c, _, _ in quality.CHECKS}
    keys |= {f"status.{s}" for s in ("on_track", "at_risk", "behind")} | {f"role.{r}" for r in ROLES}
    keys |= {f"choice.{c}" for c in (*ROUNDING_RULES, "auto", "payroll", "estimate")}
    keys |= {f"violation.{v}" for v in ("not_in_plan", "disciplined", "unfit", "short_no_exception", "person_unknown")}
    keys |= {f"wf.dim_{d}" for d in ("category", "ethnicity", "qualification", "pay_group", "political_theory")}
    keys |= {f"wf.cat_{c}" for c in codes.QUOTA_CATEGORIES} | {f"breakdown.{k}" for k in KINDS}
    keys |= {f"red.group_{g}" for g in ("former_province", "sector")}
    keys |= {f"dq.card_{s}" for s in ("fail", "warn", "pass")}
    # ui/views and ui/briefing (issue 16: the scan above did not look there)
    from analytics import briefing, briefing_slides, reorganisation

    keys |= {f"reorg.group_{g}" for g in reorganisation.UNIT_GROUPS}
    keys |= {f"sec.group_{g}" for g in ("young", "women", "minority")}
    keys |= {f"brief.topic.{s}" for s in briefing.SLIDES} | {"brief.find.no_data", "brief.find.compare"}
    keys |= {f"brief.source.{x}" for sources in briefing_slides.SOURCES.values() for x in sources}
    source = Path(briefing_slides.__file__).read_text(encoding="utf-8")
    findings = set(re.findall(r'_slide\("(\w+)", "(\w+)"', source))  # _slide("id", "finding", …)
    for slide_id in re.findall(r'_slide\("(\w+)", finding\b', source):
        block = source[: source.index(f'_slide("{slide_id}", finding')].rsplit("\ndef ", 1)[1]
        findings |= {(slide_id, f) for f in re.findall(r'finding(?:, params)? = "(\w+)"', block)}
        findings |= {(slide_id, f) for pair in re.findall(r'finding = "(\w+)" if .* else "(\w+)"', block) for f in pair}
    assert len(findings) >= len(briefing.SLIDES)
    keys |= {f"brief.find.{i}.{f}" for i, f in findings if f != "no_data"}
    assert sorted(keys - set(labels.TEXT["vi"])) == []


def test_every_column_a_quality_check_shows_has_a_label(demo_db_path: Path) -> None:
    """The Quality page lists each check's rows under col.<name> labels: no raw column names."""
    from datetime import date

    from analytics import quality

    con = db.connect(demo_db_path)
    try:
        columns = {c for _, _, check in quality.CHECKS for c in check(con, as_of=date(2026, 9, 30), scope=None).columns}
    finally:
        con.close()
    assert len(columns) > 20
    assert sorted(c for c in columns if f"col.{c}" not in labels.TEXT["vi"]) == []


def test_a_busy_write_has_its_own_label_not_the_generic_error() -> None:
    from analytics.store import Busy
    from ui import errors

    busy = Busy(seconds=60, operation="import", pid=4242, path="/srv/oversight.duckdb")
    vi, en = errors.message(busy, "vi"), errors.message(busy, "en")
    assert vi == "Đang có một lần nhập dữ liệu khác chạy (đã chờ 60 giây). Vui lòng thử lại sau giây lát."
    assert en == "Another import is running (waited 60 s). Please try again in a moment."
    assert "db_busy" not in vi + en


def _error_raises() -> list[tuple[str, int, str, set[str] | None]]:
    """(file, line, code, keyword names or None when **params are passed) of every error built with
    a literal code in analytics/: ``SomeError("code", name=…)``."""
    import ast

    out = []
    for path in sorted((ROOT / "analytics").glob("**/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if not (name.endswith(("Error", "Denied", "Rejected")) or name in ("NotFound", "Busy")):
                continue
            kwargs = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords if k.arg}
            out.append((str(path.relative_to(ROOT)), node.lineno, node.args[0].value, kwargs))
    return out


def test_every_error_passes_the_parameters_its_label_names() -> None:
    """An error whose label names {unit} but is raised with unit_code=… shows the generic message."""
    raises = _error_raises()
    assert len(raises) > 50
    wrong = []
    for file, line, code, kwargs in raises:
        text = labels.TEXT["vi"].get(f"error.{code}")
        if text is None or kwargs is None:
            continue
        missing = set(re.findall(r"{(\w+)", text)) - kwargs
        if missing:
            wrong.append(f"{file}:{line} {code} lacks {sorted(missing)}")
    assert wrong == []


def test_an_unknown_unit_from_the_access_path_has_its_own_message(tmp_path: Path) -> None:
    import pytest

    from analytics import access
    from analytics.auth import User
    from analytics.errors import NotFound
    from ui import errors

    con = db.connect(tmp_path / "t.duckdb")
    try:
        with pytest.raises(NotFound) as err:
            access.effective_scope(con, User("lan", None, "analyst", None), "KHONG_CO")
    finally:
        con.close()
    assert errors.message(err.value, "vi") == "Không tìm thấy đơn vị có mã KHONG_CO."
    assert errors.message(err.value, "en") == "No unit with code KHONG_CO."


def test_importer_message_codes_are_defined_once() -> None:
    """A code written twice in the MESSAGES literal silently keeps only the last text."""
    import ast

    from analytics.ingest import messages

    tree = ast.parse(Path(messages.__file__).read_text(encoding="utf-8"))
    literal = next(
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.AnnAssign | ast.Assign)
        and "MESSAGES" in ast.unparse(n.targets[0] if isinstance(n, ast.Assign) else n.target)
    )
    assert isinstance(literal, ast.Dict)
    keys = [str(k.value) for k in literal.keys if isinstance(k, ast.Constant)]
    assert len(keys) > 50 and sorted(k for k in set(keys) if keys.count(k) > 1) == []
