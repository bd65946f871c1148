"""Nhập dữ liệu: templates, upload of files as they arrive, every problem at once, all-or-nothing
load, history with undo."""

from __future__ import annotations

from functools import partial

import streamlit as st

from analytics.access import can_do
from analytics.batches import list_batches, undo_batch
from analytics.errors import OversightError
from analytics.ingest.kinds import KINDS
from analytics.ingest.pipeline import load, prepare
from analytics.ingest.template import build_template
from ui import data, errors
from ui.auth import require_page
from ui.labels import code
from ui.panel import XLSX_MIME, data_table
from ui.session import lang, tr
from ui.views import importing as view
from ui.views import mapping as mapping_view

L = lang()
user = require_page("import", L)
st.title(tr("imp.title"))
st.caption(tr("imp.intro"))

with st.expander(tr("imp.templates_title"), icon=":material/table_view:"):
    kind = st.selectbox(tr("imp.template_kind"), list(KINDS), format_func=lambda k: code(k, L), key="imp_template_kind")
    st.download_button(
        tr("imp.template_download"),
        partial(build_template, kind),  # built on click, not on every run
        file_name=f"mau-{kind}.xlsx",
        mime=XLSX_MIME,
        key="imp_template_dl",
        icon=":material/download:",
        on_click="ignore",  # no rerun: see ui.panel.data_table
    )

files = st.file_uploader(
    tr("imp.upload"),
    type=["xlsx", "xlsm", "xls", "csv"],
    accept_multiple_files=True,
    key="imp_files",
    help=tr("imp.upload_help"),
)
as_of = st.date_input(tr("imp.as_of"), value=None, format="DD/MM/YYYY", key="imp_as_of", help=tr("imp.as_of_help"))


def check(user_maps: list[mapping_view.UserMap]) -> None:
    """Read and check the uploaded files (with the user's column mappings), showing progress."""
    bar = st.progress(0.0, text=tr("imp.checking"))
    if (old := st.session_state.pop("imp_plan", None)) is not None:
        old.close()  # its staged rows on disk
    plan = prepare(
        data.connection(),
        files=[(f.name, f.getvalue) for f in files or []],
        as_of=as_of,
        extra_headers=mapping_view.extra_headers(user_maps),
        user=user.username,
        progress=lambda step, fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=view.progress_text(step, L)),
    )
    bar.empty()
    st.session_state["imp_plan"] = plan
    st.session_state[mapping_view.STATE] = {(m.file, m.sheet): m for m in user_maps}


if files and st.button(tr("imp.check"), type="primary", key="imp_check"):
    check([])

plan = st.session_state.get("imp_plan")
if plan is not None:
    st.subheader(tr("imp.preview_title"))
    if plan.preview().empty:
        st.caption(tr("imp.preview_none"))
    else:
        data_table(plan.preview(), view.PREVIEW_SPEC, key="imp_preview", lang=L, file_stem="nhan-dien-tep")
    if mapping_view.to_map(plan):
        with st.expander(tr("imp.map_title"), expanded=not plan.ok, icon=":material/join:"):
            st.caption(tr("imp.map_intro"))
            try:
                chosen = mapping_view.editor(plan, L)
            except OversightError as exc:
                errors.show(exc, L)
            else:
                if st.button(tr("imp.map_recheck"), key="imp_recheck", disabled=not files):
                    check(chosen)
                    st.rerun()
    problems = plan.problems_frame()
    errors_, warnings_ = (view.problems_in(L, problems, s) for s in ("error", "warning"))
    if len(errors_):
        st.error(tr("imp.rejected", n=len(errors_)), icon=":material/block:")
        data_table(errors_, view.PROBLEM_SPEC, key="imp_errors", lang=L, file_stem="loi-nhap-du-lieu")
    if len(warnings_):
        st.warning(tr("imp.warnings", n=len(warnings_)), icon=":material/warning:")
        data_table(warnings_, view.PROBLEM_SPEC, key="imp_warnings", lang=L, file_stem="canh-bao-nhap-du-lieu")
    if plan.ok:
        rows = ", ".join(f"{code(t, L)}: {n}" for t, n in plan.rows_by_table().items())
        st.success(tr("imp.ready", rows=rows), icon=":material/check_circle:")
        user_maps = [m for m in st.session_state.get(mapping_view.STATE, {}).values() if m.mapping]
        remember = user_maps and st.checkbox(tr("imp.map_remember"), value=True, key="imp_remember")
        if st.button(tr("imp.load"), type="primary", key="imp_load"):
            bar = st.progress(0.0, text=tr("imp.progress_commit"))
            try:
                result = load(
                    data.connection(),
                    plan,
                    user=user.username,
                    progress=lambda step, fraction: bar.progress(
                        min(max(fraction, 0.0), 1.0), text=view.progress_text(step, L)
                    ),
                )
            except OversightError as exc:
                bar.empty()
                errors.show(exc, L)
            else:
                bar.empty()
                st.session_state.pop("imp_plan").close()
                st.success(tr("imp.loaded", batch=result.batch_id), icon=":material/check_circle:")
                for m in user_maps if remember else []:
                    mapping_id = mapping_view.remember(plan, m, user.username)
                    st.info(
                        tr("imp.map_remembered", file=m.file, sheet=m.sheet, id=mapping_id), icon=":material/bookmark:"
                    )

st.subheader(tr("imp.history_title"))
history = view.history_frame(data.run(list_batches), L)
if history.empty:
    st.caption(tr("imp.history_empty"))
else:
    data_table(history, view.HISTORY_SPEC, key="imp_history", lang=L, file_stem="lich-su-nhap")
    loaded = history[history["status"] == "loaded"]["batch_id"].tolist()
    if loaded and can_do(user, "undo_import"):
        c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
        batch = c1.selectbox(tr("imp.undo_pick"), loaded, key="imp_undo_batch")
        confirm = c1.checkbox(tr("imp.undo_confirm", batch=batch), key="imp_undo_confirm")
        if c2.button(tr("imp.undo"), disabled=not confirm, key="imp_undo"):
            try:
                undo_batch(data.connection(), int(batch), user=user.username)
            except OversightError as exc:
                errors.show(exc, L)
            else:
                st.success(tr("imp.undone", batch=batch))
                st.rerun()

mapping_view.remembered_section(user, L)
