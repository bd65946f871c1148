"""Nộp báo cáo: a unit's account sends its file for a reporting period — the template pre-filled with
its current data, the upload, every problem, and the status of what it sent. It sees nothing of
other units: the unit is its own (a whole-city analyst may send for any reporting unit)."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from analytics import reporting, submissions
from analytics.errors import OversightError
from analytics.ingest.template import build_template
from ui import data, errors, filters
from ui import format as fmt
from ui.auth import require_page
from ui.labels import code
from ui.panel import XLSX_MIME, data_table, empty_state
from ui.session import lang, tr
from ui.views import reporting as view

L = lang()
user = require_page("submit", L)
st.title(tr("rep.submit_title"))
st.caption(tr("rep.submit_intro"))

c1, c2, c3 = st.columns(3)
period = filters.period_picker(c1, L, label=lambda p: view.period_label(p, L), key="sub_period")
if period is None:
    empty_state("rep.no_period", L)
    st.stop()
tracker = data.run(reporting.submissions_by_unit, period_id=period, today=date.today(), scope=None)
units = dict(zip(tracker["unit_code"], tracker["name"], strict=False))
if not units:
    empty_state("rep.no_unit", L)
    st.stop()
unit = c2.selectbox(
    tr("col.unit"), list(units), format_func=lambda u: units[u], key="sub_unit", disabled=len(units) == 1
)
dues = data.run(reporting.period_dues, period_id=period)
kinds = list(dues["data_kind"])
kind = c3.selectbox(tr("rep.col_kind"), kinds, format_func=lambda k: code(k, L), key="sub_kind")
due = dues.set_index("data_kind").at[kind, "due_date"]
mine = tracker[(tracker["unit_code"] == unit) & (tracker["data_kind"] == kind)].iloc[0]
st.info(
    tr("rep.submit_status", status=view.status_label(mine["status"], L), due=fmt.day(due)), icon=":material/assignment:"
)

rows = submissions.prefilled_rows(data.connection(), data_kind=kind, unit_code=unit, user=user)
st.download_button(
    tr("rep.template_prefilled", n=fmt.number(len(rows), L)),
    partial(build_template, kind, rows),  # built on click, not on every run (0,25-0,4 s)
    file_name=f"{kind}-{unit}-{period}.xlsx",
    mime=XLSX_MIME,
    key="sub_template",
    icon=":material/download:",
    on_click="ignore",  # no rerun: see ui.panel.data_table
)
upload = st.file_uploader(tr("rep.upload"), type=["xlsx", "xlsm", "xls", "csv"], key="sub_file")
if upload is not None and st.button(tr("rep.send"), type="primary", key="sub_send"):
    with st.spinner(tr("rep.checking")):
        try:
            sent = submissions.submit(
                data.connection(),
                period_id=period,
                unit_code=unit,
                data_kind=kind,
                file_name=upload.name,
                content=upload.getvalue(),
                user=user,
            )
        except OversightError as exc:
            errors.show(exc, L)
        else:
            st.session_state["sub_last"] = sent.submission_id
            (st.error if sent.status == "with_errors" else st.success)(
                tr(f"rep.sent.{sent.status}", id=sent.submission_id)
            )

st.subheader(tr("rep.my_files"))
files = view.submissions_frame(data.run(reporting.list_submissions, period_id=period, scope=unit), L)
if files.empty:
    st.caption(tr("rep.no_files"))
    st.stop()
data_table(files, view.SUBMISSION_SPEC, key="sub_files", lang=L, file_stem=f"tep-da-gui-{unit}-{period}")
ids_sent = list(files["submission_id"])
last = st.session_state.get("sub_last")
picked = st.selectbox(
    tr("rep.file_problems"),
    ids_sent,
    index=ids_sent.index(last) if last in ids_sent else 0,
    format_func=lambda i: f"#{i} · {files.set_index('submission_id').at[i, 'file_name']}",
    key="sub_pick",
)
detail = submissions.submission(data.connection(), submission_id=int(picked), user=user)
if detail["review_reason"]:
    st.warning(tr("rep.returned_reason", reason=detail["review_reason"]), icon=":material/undo:")
problems = view.problems_frame(detail["problems"], L)
if problems.empty:
    st.caption(tr("rep.no_problems"))
else:
    data_table(problems, view.PROBLEM_SPEC, key="sub_problems", lang=L, file_stem=f"loi-tep-{picked}")
