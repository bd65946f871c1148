"""Duyệt báo cáo: the files units sent that wait for review; for one, what publishing would change
against the unit's current rows (added, removed, changed, totals before and after); publish it (the
normal all-or-nothing import) or return it with a reason. Whole-city analysts only."""

from __future__ import annotations

import streamlit as st

from analytics import reporting, submissions
from analytics.errors import ImportRejected, OversightError
from analytics.ingest.problems import problems_frame
from analytics.policy import load_policy
from ui import data, errors
from ui import format as fmt
from ui.auth import require_page
from ui.labels import code
from ui.panel import data_table
from ui.session import lang, tr
from ui.views import reporting as view

L = lang()
user = require_page("review", L)
st.title(tr("rep.review_title"))
policy = data.run(load_policy)
st.caption(tr("rep.review_intro" if policy.reporting_review_required else "rep.review_off"))

waiting = view.submissions_frame(data.run(reporting.list_submissions, status="submitted", scope=None), L)
if waiting.empty:
    st.info(tr("rep.nothing_waiting"), icon=":material/inbox:")
    st.stop()
data_table(waiting, view.SUBMISSION_SPEC, key="rev_waiting", lang=L, file_stem="bao-cao-cho-duyet")
rows = waiting.set_index("submission_id")
picked = int(
    st.selectbox(
        tr("rep.review_pick"),
        list(rows.index),
        key="rev_pick",
        format_func=lambda i: (
            f"#{i} · {rows.at[i, 'unit_name']} · {code(rows.at[i, 'data_kind'], L)} · {view.period_label(rows.at[i, 'period_id'], L)}"
        ),
    )
)

d = submissions.diff(data.connection(), submission_id=picked, user=user)
c = st.columns(4)
for column, key in zip(c, ("added", "removed", "changed", "unchanged"), strict=True):
    column.metric(tr(f"rep.diff.{key}"), fmt.number(d[key], L))
st.caption(tr("rep.diff_rows", before=fmt.number(d["rows_before"], L), after=fmt.number(d["rows_after"], L)))
if not d["totals"].empty:
    st.markdown(f"**{tr('rep.totals_title')}**")
    data_table(
        view.named_columns(d["totals"], rows.at[picked, "data_kind"]),
        view.TOTALS_SPEC,
        key="rev_totals",
        lang=L,
        file_stem=f"tong-truoc-sau-{picked}",
    )
if not d["changes"].empty:
    st.markdown(f"**{tr('rep.changes_title')}**")
    data_table(
        view.named_columns(d["changes"], rows.at[picked, "data_kind"]),
        view.CHANGES_SPEC,
        key="rev_changes",
        lang=L,
        file_stem=f"thay-doi-{picked}",
    )
blocking = [p for p in d["problems"] if p["severity"] == "error"]
if blocking:
    st.error(tr("rep.review_blocked", n=fmt.number(len(blocking), L)), icon=":material/error:")
    data_table(
        view.problems_frame(blocking, L), view.PROBLEM_SPEC, key="rev_problems", lang=L, file_stem=f"loi-tep-{picked}"
    )

left, right = st.columns(2)
with left:
    if st.button(tr("rep.publish"), type="primary", key="rev_publish", disabled=bool(blocking)):
        try:
            batch = submissions.publish(data.connection(), submission_id=picked, user=user)
        except ImportRejected as exc:
            errors.show(exc, L)
            st.dataframe(problems_frame(exc.problems), hide_index=True)
        except OversightError as exc:
            errors.show(exc, L)
        else:
            st.success(tr("rep.published", id=picked, batch=batch), icon=":material/check_circle:")
with right, st.form("rev_return_form"):
    reason = st.text_area(tr("rep.return_reason"), key="rev_reason", max_chars=submissions.MAX_REASON_CHARS)
    if st.form_submit_button(tr("rep.return")):
        try:
            submissions.return_(data.connection(), submission_id=picked, user=user, reason=reason)
        except OversightError as exc:
            errors.show(exc, L)
        else:
            st.success(tr("rep.returned", id=picked), icon=":material/undo:")
