"""Đội ngũ: quota vs present vs vacant, age pyramid, composition, leaders and pool, retirement wave."""

from __future__ import annotations

import streamlit as st

from analytics.workforce import (
    age_pyramid,
    headcount_by_unit,
    leaders_and_pool,
    retirements_by_year,
    workforce_by,
)
from ui import data, drill, filters
from ui import format as fmt
from ui.auth import require_page
from ui.breakdown import pick_kind, worst
from ui.cards import kpi_card
from ui.panel import chart_panel, empty_state
from ui.session import lang, tr
from ui.views import workforce as view

L = lang()
user = require_page("workforce", L)
f = filters.sidebar(L, show=("as_of", "unit", "cat"))
st.title(tr("wf.title"))
st.caption(tr("wf.subtitle", as_of=fmt.day(f.as_of)))

# started together: what is not cached yet is computed side by side (ui.data.start)
pyramid_ = data.start(age_pyramid, as_of=f.as_of, scope=f.scope)
retire_ = data.start(retirements_by_year, as_of=f.as_of, scope=f.scope)
pool_ = data.start(leaders_and_pool, as_of=f.as_of, scope=f.scope)
heads = data.run(headcount_by_unit, as_of=f.as_of, scope=f.scope)
if heads.empty or heads["present"].fillna(0).sum() == 0:
    empty_state("wf.empty", L)
    st.stop()
totals = heads.groupby("category")[["quota", "present"]].sum(min_count=1)
for column, (category, row) in zip(st.columns(len(totals)), totals.iterrows(), strict=True):
    with column:
        vacant = row["quota"] - row["present"] if row["quota"] == row["quota"] else None
        kpi_card(
            tr("wf.card_present", category=tr(f"wf.cat_{category}")),
            fmt.number(row["present"], L),
            lang=L,
            lines=(tr("wf.card_quota_line", quota=fmt.number(row["quota"], L), vacant=fmt.number(vacant, L)),),
        )

over = int(heads["over_quota"].fillna(False).sum())
if over:
    st.warning(tr("wf.over_quota", n=over), icon=":material/warning:")
heads = pick_kind(heads, L, key="wf_heads")
charted, cut_note = worst(heads[heads["category"] == f.category], "vacant", L)
picked = chart_panel(
    view.headcount_figure(charted, L),
    heads,
    view.HEADCOUNT_SPEC,
    key="wf_headcount",
    title=tr("wf.headcount_title"),
    how=tr("wf.how_headcount"),
    lang=L,
    selectable=True,
    file_stem="bien-che-co-mat",
    caption=cut_note,
)
drill.to_unit(picked, L)

left, right = st.columns(2)
with left:
    pyramid = pyramid_.result()
    chart_panel(
        view.pyramid_figure(pyramid, L),
        pyramid,
        view.PYRAMID_SPEC,
        key="wf_pyramid",
        title=tr("wf.pyramid_title"),
        how=tr("wf.how_pyramid"),
        lang=L,
        file_stem="thap-tuoi",
    )
with right:
    dimension = st.selectbox(
        tr("wf.dimension"),
        ("category", "ethnicity", "qualification", "pay_group", "political_theory"),
        key="wf_dimension",
        format_func=lambda d: tr(f"wf.dim_{d}"),
    )
    by = view.by_frame(data.run(workforce_by, dimension=dimension, as_of=f.as_of, scope=f.scope), L)
    chart_panel(
        view.by_figure(by, L),
        by,
        view.BY_SPEC,
        key="wf_by",
        title=tr("wf.by_title"),
        how=tr("wf.how_by"),
        lang=L,
        file_stem=f"co-cau-{dimension}",
    )

retire = retire_.result()
chart_panel(
    view.retire_figure(retire, L),
    retire,
    view.RETIRE_SPEC,
    key="wf_retire",
    title=tr("wf.retire_title"),
    how=tr("wf.how_retire"),
    lang=L,
    file_stem="nghi-huu-den-2030",
)

pool = pick_kind(pool_.result(), L, key="wf_pool")
charted, cut_note = worst(pool, "pool_per_leader", L)
chart_panel(
    view.pool_figure(charted, L),
    pool,
    view.POOL_SPEC,
    key="wf_pool",
    title=tr("wf.pool_title"),
    how=tr("wf.how_pool"),
    lang=L,
    file_stem="lanh-dao-quy-hoach",
    caption=cut_note,
)
