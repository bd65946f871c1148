"""The reporting cycle (issue 15 part 2) walked through one period on a city small enough to check by hand.

City CT with two agencies (SNV, STP) and one commune (XA1); civil-servant quota 2025 already
published: SNV 400, STP 100. Period 2026-Q3 asks for the quota, due 10/10/2026.

  5/10  SNV sends a file with a row of STP in it       -> with_errors (nothing stored in quota)
  6/10  SNV sends the fixed file: 2025 = 390, 2026 = 380 -> submitted (diff: 1 added, 1 changed,
                                                            quota 400 -> 770)
 12/10  STP has sent nothing, XA1 nothing                -> missing
 13/10  STP sends 2025 = 90                               -> late, submitted
        the analyst publishes SNV, returns STP            -> published / returned
A viewer's KPIs see SNV's 2025 quota go 400 -> 390 only at publishing, and STP's never.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from analytics import briefing, reduction, reporting, submissions
from analytics.access import AccessDenied
from analytics.auth import User
from analytics.errors import NotFound
from analytics.policy import save_setting
from tests.conftest import audit_db, insert
from ui.briefing import slides as sl

ANALYST = User("chuyenvien", None, "analyst", None)
SNV = User("baocao.snv", None, "analyst", "SNV")
STP = User("baocao.stp", None, "analyst", "STP")
VIEWER = User("lanhdao", None, "viewer", None)
PERIOD = "2026-Q3"
DUE = date(2026, 10, 10)
HEAD = "Mã đơn vị,Năm,Loại cán bộ,Biên chế được giao\n"


def _csv(*rows: str) -> bytes:
    return (HEAD + "".join(f"{r}\n" for r in rows)).encode()


@pytest.fixture
def city(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    insert(
        con,
        "unit",
        [
            {"unit_code": "CT", "name": "Thành phố", "unit_type": "thanh_pho", "level": "city", "parent_code": None},
            {"unit_code": "SNV", "name": "Sở Nội vụ", "unit_type": "so_nganh", "level": "city", "parent_code": "CT"},
            {"unit_code": "STP", "name": "Sở Tư pháp", "unit_type": "so_nganh", "level": "city", "parent_code": "CT"},
            {"unit_code": "XA1", "name": "Xã Một", "unit_type": "ubnd_xa", "level": "commune", "parent_code": "CT"},
        ],
    )
    insert(
        con,
        "quota",
        [
            {"unit_code": u, "year": y, "category": "cong_chuc", "quota_assigned": n}
            for u, y, n in (("SNV", 2021, 420), ("SNV", 2025, 400), ("STP", 2021, 100), ("STP", 2025, 100))
        ],
    )
    reporting.save_period(con, kind="quarter", year=2026, number=3, due={"quota": DUE}, user="quantri")
    return con


def _status(con: duckdb.DuckDBPyConnection, today: date, scope: str | None = None) -> dict[str, tuple[str, str | None]]:
    df = reporting.submissions_by_unit(con, period_id=PERIOD, today=today, scope=scope)
    return {
        u: (s, r if isinstance(r, str) else None)
        for u, s, r in zip(df["unit_code"], df["status"], df["review"], strict=True)
    }


def _quota(con: duckdb.DuckDBPyConnection, unit: str) -> int:
    """The 2025 civil-servant quota a leader's page shows for ``unit``."""
    df = reduction.reduction_by_category(con, scope=unit, as_of=date(2025, 12, 31))
    return int(df.set_index("category").at["cong_chuc", "current_quota"])


def test_one_period_from_first_file_to_publishing(city: duckdb.DuckDBPyConnection) -> None:
    con = city
    assert _status(con, date(2026, 10, 1)) == {u: ("not_due", None) for u in ("SNV", "STP", "XA1")}

    bad = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv.csv",
        content=_csv("SNV,2025,Công chức,390", "STP,2025,Công chức,1"),
        user=SNV,
        at=datetime(2026, 10, 5, 9),
    )
    assert bad.status == "with_errors"
    other = [p for p in bad.problems if p.code == "submission_other_unit"]
    assert len(other) == 1 and other[0].row == 3 and "STP" in other[0].message("vi")
    assert _status(con, date(2026, 10, 5))["SNV"] == ("with_errors", None)
    assert _quota(con, "SNV") == 400  # nothing of it reached the data
    assert con.execute(
        "SELECT octet_length(content), errors FROM submission WHERE submission_id = $i", {"i": bad.submission_id}
    ).fetchone() == (0, 1)  # its problems are kept, not its bytes

    good = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv-sua.csv",
        content=_csv("SNV,2025,Công chức,390", "SNV,2026,Công chức,380"),
        user=SNV,
        at=datetime(2026, 10, 6, 15),
    )
    assert good.status == "submitted" and not [p for p in good.problems if p.severity == "error"]
    assert _status(con, date(2026, 10, 12)) == {
        "SNV": ("sent", "submitted"),
        "STP": ("missing", None),
        "XA1": ("missing", None),
    }
    assert _quota(con, "SNV") == 400  # submitted is not published

    late = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="STP",
        data_kind="quota",
        file_name="stp.csv",
        content=_csv("STP,2025,Công chức,90"),
        user=STP,
        at=datetime(2026, 10, 13, 8),
    )
    assert late.status == "submitted"
    tracker = reporting.submissions_by_unit(con, period_id=PERIOD, today=date(2026, 10, 13))
    row = tracker.set_index("unit_code").loc["STP"]
    assert (row["status"], row["review"], row["last_good_by"]) == ("late", "submitted", "baocao.stp")
    assert list(reporting.units_missing(tracker)["unit_code"]) == ["XA1"]

    d = submissions.diff(con, submission_id=good.submission_id, user=ANALYST)
    assert (d["added"], d["removed"], d["changed"], d["unchanged"]) == (1, 0, 1, 0)
    assert (d["rows_before"], d["rows_after"]) == (1, 2)
    totals = d["totals"].set_index("column").loc["quota_assigned"]
    assert (totals["before"], totals["after"], totals["change"]) == (400, 770, 370)
    assert list(d["changes"]["after"]) == ["390"] and list(d["changes"]["before"]) == ["400"]

    batch = submissions.publish(con, submission_id=good.submission_id, user=ANALYST)
    submissions.return_(con, submission_id=late.submission_id, user=ANALYST, reason="Thiếu số liệu viên chức")
    assert _quota(con, "SNV") == 390 and _quota(con, "STP") == 100
    assert _status(con, date(2026, 10, 14)) == {
        "STP": ("returned", None),
        "XA1": ("missing", None),
        "SNV": ("sent", "published"),
    }
    assert submissions.submission(con, submission_id=good.submission_id, user=SNV)["batch_id"] == batch
    assert (
        submissions.submission(con, submission_id=late.submission_id, user=STP)["review_reason"]
        == "Thiếu số liệu viên chức"
    )

    deck = briefing.deck(con, scope="CT", as_of=date(2026, 10, 14))
    slide = next(s for s in deck["slides"] if s["id"] == "reporting")
    assert slide["params"] == {"period": PERIOD, "complete": 1, "units": 3, "missing": 1}
    assert [(r["unit_code"], r["status"], r["kinds"]) for r in slide["data"]["rows"]] == [
        ("XA1", "missing", ["quota"]),
        ("STP", "returned", ["quota"]),
    ]
    built = next(s for s in sl.build(deck, "vi") if s.id == "reporting")
    assert built.title == "Quý 3/2026: 1/3 đơn vị đã gửi đủ báo cáo, 1 đơn vị chưa gửi"
    assert list(built.chart().data[0].cells.values[1]) == ["■ Chưa gửi", "↩ Bị trả lại"]

    log = (
        audit_db(con)
        .execute(
            "SELECT event, target, username FROM audit_log WHERE event LIKE 'submission%' "
            "OR event = 'period_change' ORDER BY event_id"
        )
        .fetchall()
    )
    assert log == [
        ("period_change", PERIOD, "quantri"),
        ("submission", str(bad.submission_id), "baocao.snv"),
        ("submission", str(good.submission_id), "baocao.snv"),
        ("submission", str(late.submission_id), "baocao.stp"),
        ("submission_published", str(good.submission_id), "chuyenvien"),
        ("submission_returned", str(late.submission_id), "chuyenvien"),
    ]


def test_a_unit_sees_only_itself_and_cannot_review(city: duckdb.DuckDBPyConnection) -> None:
    con = city
    sent = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv.csv",
        content=_csv("SNV,2025,Công chức,390"),
        user=SNV,
    )
    assert set(_status(con, date(2026, 10, 1), scope="SNV")) == {"SNV"}
    with pytest.raises(AccessDenied):
        submissions.submission(con, submission_id=sent.submission_id, user=STP)
    with pytest.raises(AccessDenied):
        submissions.submit(
            con,
            period_id=PERIOD,
            unit_code="SNV",
            data_kind="quota",
            file_name="x.csv",
            content=_csv("SNV,2025,Công chức,1"),
            user=STP,
        )
    for who in (SNV, VIEWER):
        with pytest.raises(AccessDenied):
            submissions.publish(con, submission_id=sent.submission_id, user=who)
    with pytest.raises(AccessDenied):
        submissions.submit(
            con,
            period_id=PERIOD,
            unit_code="SNV",
            data_kind="quota",
            file_name="x.csv",
            content=_csv("SNV,2025,Công chức,1"),
            user=VIEWER,
        )
    assert _quota(con, "SNV") == 400


def test_refusals_change_nothing(city: duckdb.DuckDBPyConnection) -> None:
    con = city
    with pytest.raises(submissions.SubmissionError, match="submission_kind_not_due"):
        submissions.submit(
            con, period_id=PERIOD, unit_code="SNV", data_kind="person", file_name="x.csv", content=b"x", user=SNV
        )
    with pytest.raises(NotFound):
        submissions.submit(
            con,
            period_id="2026-Q4",
            unit_code="SNV",
            data_kind="quota",
            file_name="x.csv",
            content=_csv("SNV,2025,Công chức,1"),
            user=SNV,
        )
    sent = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv.csv",
        content=_csv("SNV,2025,Công chức,390"),
        user=SNV,
    )
    with pytest.raises(submissions.SubmissionError, match="submission_reason_invalid"):
        submissions.return_(con, submission_id=sent.submission_id, user=ANALYST, reason="  ")
    newer = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv2.csv",
        content=_csv("SNV,2025,Công chức,395"),
        user=SNV,
    )
    with pytest.raises(submissions.SubmissionError, match="submission_not_waiting"):  # superseded by the newer one
        submissions.publish(con, submission_id=sent.submission_id, user=ANALYST)
    submissions.publish(con, submission_id=newer.submission_id, user=ANALYST)
    with pytest.raises(submissions.SubmissionError, match="submission_not_waiting"):
        submissions.publish(con, submission_id=newer.submission_id, user=ANALYST)
    assert _quota(con, "SNV") == 395
    again = submissions.submit(
        con,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv2.csv",
        content=_csv("SNV,2025,Công chức,395"),
        user=SNV,
    )  # "nothing changed": the same file
    assert again.status == "submitted" and "file_duplicate" in {p.code for p in again.problems}
    counts = con.execute("SELECT status, count(*) FROM submission GROUP BY 1 ORDER BY 1").fetchall()
    assert counts == [("published", 1), ("submitted", 1), ("superseded", 1)]


def test_without_review_a_good_file_is_published_as_it_arrives(city: duckdb.DuckDBPyConnection) -> None:
    """Through the store, as the dashboard writes: its reader is a published version that the
    submission's own write makes stale."""
    from analytics import events, store

    save_setting(city, "reporting_review_required", False, user="quantri")
    path = events.database_path(city)
    city.close()
    reader = store.open_store(path).reader()
    sent = submissions.submit(
        reader,
        period_id=PERIOD,
        unit_code="STP",
        data_kind="quota",
        file_name="stp.csv",
        content=_csv("STP,2025,Công chức,90"),
        user=STP,
    )
    fresh = store.open_store(path).reader()
    assert sent.status == "published" and sent.batch_id is not None and _quota(fresh, "STP") == 90
    assert fresh.execute("SELECT status, batch_id FROM submission").fetchall() == [("published", sent.batch_id)]


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        ("month", 9, ("2026-T09", date(2026, 9, 1), date(2026, 9, 30))),
        ("quarter", 1, ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31))),
        ("half_year", 2, ("2026-H2", date(2026, 7, 1), date(2026, 12, 31))),
        ("month", 2, ("2026-T02", date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_period_bounds(kind: str, number: int, expected: tuple[str, date, date]) -> None:
    assert reporting.period_bounds(kind, 2026, number) == expected


def test_bad_periods_are_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(reporting.ReportingError, match="period_number_invalid"):
        reporting.period_bounds("quarter", 2026, 5)
    with pytest.raises(reporting.ReportingError, match="period_due_before_start"):
        reporting.save_period(con, kind="quarter", year=2026, number=3, due={"quota": date(2026, 6, 1)}, user="a")
    with pytest.raises(reporting.ReportingError, match="period_no_kind"):
        reporting.save_period(con, kind="quarter", year=2026, number=3, due={}, user="a")
    assert reporting.list_periods(con).empty


ROSTER_HEAD = "Số liệu đến ngày,Mã đơn vị,Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Loại cán bộ\n"


def test_a_roster_diff_counts_added_removed_changed_and_the_prefilled_template_round_trips(
    city: duckdb.DuckDBPyConnection,
) -> None:
    """SNV's roster at 30/9/2026 has A, B, C; the file keeps A, renames B, drops C, adds D."""
    from analytics.ingest.template import build_template
    from tests.conftest import add_batch

    reporting.save_period(city, kind="quarter", year=2026, number=3, due={"quota": DUE, "person": DUE}, user="quantri")
    b = add_batch(city)
    city.executemany(
        f"INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        f"VALUES ('2026-09-30', 'SNV', ?, ?, '1980-01-01', 'nam', 'cong_chuc', {b})",
        [("A", "Nguyễn Văn A"), ("B", "Trần Thị B"), ("C", "Lê Văn C")],
    )
    rows = submissions.prefilled_rows(city, data_kind="person", unit_code="SNV", user=SNV)
    assert len(rows) == 3
    same = submissions.submit(
        city,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="person",
        file_name="mau.xlsx",
        content=build_template("person", rows),
        user=SNV,
    )
    assert same.status == "submitted", [p.message() for p in same.problems if p.severity == "error"]
    d = submissions.diff(city, submission_id=same.submission_id, user=ANALYST)
    assert (d["added"], d["removed"], d["changed"], d["unchanged"]) == (
        0,
        0,
        0,
        3,
    )  # the template gives back what it got

    text = ROSTER_HEAD + "".join(
        f"30/09/2026,SNV,{i},{n},01/01/1980,Nam,Công chức\n"
        for i, n in (("A", "Nguyễn Văn A"), ("B", "Trần Thị Bé"), ("D", "Phạm Văn D"))
    )
    sent = submissions.submit(
        city, period_id=PERIOD, unit_code="SNV", data_kind="person", file_name="ds.csv", content=text.encode(), user=SNV
    )
    d = submissions.diff(city, submission_id=sent.submission_id, user=ANALYST)
    assert (d["added"], d["removed"], d["changed"], d["unchanged"]) == (1, 1, 1, 1)
    assert (d["rows_before"], d["rows_after"]) == (3, 3)
    assert d["changes"][["key", "column"]].values.tolist() == [["2026-09-30 · SNV · B", "full_name"]]


def test_a_publish_that_cannot_mark_its_submission_leaves_nothing_loaded(
    city: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import and the status change commit together: if another analyst returned the file
    between the check and the commit, the rows go too."""
    sent = submissions.submit(
        city,
        period_id=PERIOD,
        unit_code="SNV",
        data_kind="quota",
        file_name="snv.csv",
        content=_csv("SNV,2025,Công chức,390"),
        user=SNV,
    )
    row = submissions._waiting(city, sent.submission_id)
    city.execute(
        "UPDATE submission SET status = 'returned', review_reason = 'x' WHERE submission_id = $i",
        {"i": sent.submission_id},
    )
    monkeypatch.setattr(submissions, "_waiting", lambda con, i: row)
    batches = city.execute("SELECT count(*) FROM import_batch").fetchone()
    with pytest.raises(submissions.SubmissionError, match="submission_not_waiting"):
        submissions.publish(city, submission_id=sent.submission_id, user=ANALYST)
    assert _quota(city, "SNV") == 400 and city.execute("SELECT count(*) FROM import_batch").fetchone() == batches
