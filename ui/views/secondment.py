"""Secondment page pieces: required vs sent per agency, activity over time, composition, communes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui import format as fmt
from ui.breakdown import MAX_BARS
from ui.labels import code, t
from ui.tables import Spec

AGENCY_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("base_quota", "col.base_quota", "int"),
    ("required", "col.required", "int"),
    ("sent", "col.sent", "int"),
    ("active", "col.active", "int"),
    ("fulfilment_pct", "col.fulfilment_pct", "pct1"),
    ("ended_early", "col.ended_early", "int"),
    ("violations", "col.violations", "int"),
    ("ending_3m", "col.ending_3m", "int"),
    ("ending_6m", "col.ending_6m", "int"),
    ("allowance_vnd", "col.allowance", "money"),
)
POSTING_SPEC: Spec = (
    ("secondment_id", "col.secondment_id", "text"),
    ("person_id", "col.person_id", "text"),
    ("sending_agency_code", "col.sending", "text"),
    ("receiving_name", "col.receiving", "text"),
    ("start_date", "col.start", "date"),
    ("ends_on", "col.ends_on", "date"),
    ("months_served", "col.months_served", "float1"),
    ("status", "col.status", "code"),
    ("violations_text", "col.violation_list", "text"),
)
COMMUNE_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("former_province", "col.former_province", "code"),
    ("received", "col.received", "int"),
    ("active", "col.active", "int"),
)


def fulfilment_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.sort_values("fulfilment_pct", na_position="first").copy()
    d["label"] = d["name"]
    return charts.grouped_bars(
        d,
        x="label",
        code="agency_code",
        horizontal=True,
        lang=lang,
        series=(("required", t("col.required", lang)), ("active", t("col.active", lang))),
        colours=(charts.GREY, charts.BLUE),
        y_title=t("col.people", lang),
    )


ACTIVITY_SPEC: Spec = (
    ("agency", "col.sending", "text"),
    ("month", "col.month", "text"),
    ("active", "col.active", "int"),
)


def activity_frame(postings: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """People serving per sending agency and month, over the whole programme (no person in it)."""
    rows = []
    for p in postings.itertuples():
        for month in pd.period_range(pd.Timestamp(p.start_date), pd.Timestamp(p.ends_on), freq="M"):
            rows.append((names.get(p.sending_agency_code, p.sending_agency_code), month.to_timestamp()))
    grid = pd.DataFrame(rows, columns=["agency", "month_start"]).value_counts().rename("active").reset_index()
    grid = grid.sort_values(["agency", "month_start"]).reset_index(drop=True)
    return grid.assign(month=grid["month_start"].dt.strftime("%m/%Y"))


def agency_labels(agencies: pd.DataFrame, links: pd.DataFrame | None = None) -> dict[str, str]:
    """Each agency's name, told apart from another agency of the same name (the country has a Sở
    Nội vụ in every province: one row each, not one row for all) by its province's name from
    ``links`` (``province_links``, the country level), else by its code; by its code too when
    that still leaves two alike."""
    codes = agencies["agency_code"].astype(str)
    names = agencies["name"].astype(str)
    province = pd.Series(index=agencies.index, dtype=object)
    if links is not None and not links.empty:
        province = agencies["agency_code"].map(
            links.drop_duplicates("agency_code").set_index("agency_code")["unit_name"]
        )
    repeated = names.duplicated(keep=False)
    labels = names.where(~repeated, names + " · " + province.fillna(codes).astype(str))
    labels = labels.where(~labels.duplicated(keep=False), names + " · " + codes)
    return dict(zip(agencies["agency_code"], labels, strict=True))


def busiest(grid: pd.DataFrame, lang: str, most: int = MAX_BARS) -> tuple[pd.DataFrame, str]:
    """The rows of the ``most`` agencies with the most people-months in the programme, and a note
    saying so when others were left out of the chart ('' otherwise)."""
    totals = grid.groupby("agency")["active"].sum()
    if len(totals) <= most:
        return grid, ""
    kept = totals.sort_values(ascending=False, kind="stable").head(most).index
    return grid[grid["agency"].isin(kept)], t("sec.activity_cut", lang, shown=most, total=len(totals))


def activity_figure(grid: pd.DataFrame, lang: str) -> go.Figure:
    """Heat map of people serving per agency and month."""
    table = grid.pivot(index="agency", columns="month_start", values="active").fillna(0)
    fig = go.Figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=list(table.columns),
            y=list(table.index),
            colorscale="Blues",
            colorbar={"title": {"text": t("col.active", lang)}},
            hovertemplate="%{y} · %{x|%m/%Y}: %{z}<extra></extra>",
        )
    )
    fig.update_xaxes(tickformat="%m/%Y")
    return charts.style(fig, lang, height=max(320, 26 * len(table) + 120), legend=False)


def timeline_figure(postings: pd.DataFrame, lang: str, today: object) -> go.Figure:
    d = postings.sort_values("ends_on").copy()
    d["label"] = d["person_id"] + " → " + d["receiving_name"]
    d["state_label"] = d["status"].map(lambda s: code(s, lang))
    return charts.timeline(
        d,
        label="label",
        start="start_date",
        end="ends_on",
        lang=lang,
        colour_by="state_label",
        today=today,
        today_label=t("sec.today", lang),
    )


def composition_frame(agencies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Shares of young, women and ethnic-minority people: among those sent vs the agencies' staff."""
    active, staff = agencies["active"].sum(), agencies["staff"].sum()
    rows = []
    for group in ("young", "women", "minority"):
        sent_n = agencies[f"active_{group}"].sum()
        staff_n = (agencies[f"staff_{group}_pct"].fillna(0) * agencies["staff"] / 100).sum()
        rows.append(
            {
                "group": t(f"sec.group_{group}", lang),
                "sent_pct": sent_n / active * 100 if active else float("nan"),
                "staff_pct": staff_n / staff * 100 if staff else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def composition_figure(frame: pd.DataFrame, lang: str) -> go.Figure:
    return charts.grouped_bars(
        frame,
        x="group",
        lang=lang,
        y_title="%",
        height=340,
        series=(("sent_pct", t("sec.sent_share", lang)), ("staff_pct", t("sec.staff_share", lang))),
    )


def commune_frame(communes: pd.DataFrame) -> pd.DataFrame:
    return (
        communes.assign(receiving=~communes["receives_none"])
        .groupby("former_province", as_index=False)
        .agg(receiving=("receiving", "sum"), none=("receives_none", "sum"), people=("active", "sum"))
    )


def commune_figure(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Communes receiving and not, per former province: columns for a province's few, bars lying
    down for the country's 63 (one name per line)."""
    d = frame.assign(label=frame["former_province"].map(lambda c: code(c, lang)))
    many = len(d) > 8
    return charts.grouped_bars(
        d,
        x="label",
        lang=lang,
        barmode="stack",
        horizontal=many,
        height=None if many else 320,
        y_title=t("sec.communes", lang),
        series=(("receiving", t("sec.communes_receiving", lang)), ("none", t("sec.communes_none", lang))),
        colours=(charts.BLUE, charts.VERMILLION),
    )


def violation_text(codes_: str, lang: str) -> str:
    return ", ".join(t(f"violation.{c}", lang) for c in codes_.split(";") if c)


def summary(agencies: pd.DataFrame, lang: str) -> dict[str, str]:
    required, active = agencies["required"].sum(), agencies["active"].sum()
    return {
        "fulfilment": fmt.percent(active / required * 100 if required else float("nan"), lang, 1),
        "active": fmt.number(active, lang),
        "required": fmt.number(required, lang),
    }
