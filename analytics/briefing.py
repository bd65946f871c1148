"""The briefing deck as data: which slides, their numbers, the finding each title states, privacy.

``deck(con, *, scope, as_of)`` returns one JSON-ready dict — the same for the projector page, the
PDF/PPTX exporter (``oversight brief``) and a frozen snapshot::

    {"version": 1, "as_of": "2026-09-30", "scope": "CT", "privacy_min_count": 5,
     "settings": {"reduction_baseline_year": 2021, "reduction_end_year": 2026, ...},
     "slides": [{"id": "headline", "finding": "remaining", "params": {...}, "sources": [...],
                 "data": {...}}, ...]}

Slides, in order (``SLIDES``): headline KPIs; reduction by category (target and pace); agencies
behind; secondment fulfilment; training budget; reorganisation and job positions (with a scope and
date of its own, see ``briefing_slides.reorganisation_slide``); the reporting period's tracker (units that have not
sent everything due); data freshness. ``finding`` is a code and
``params`` its numbers: the UI turns them into the title sentence ("Còn 74 biên chế công chức phải
giảm đến hết năm 2026"); a slide without data has finding ``no_data``. ``sources`` are table names.

Privacy: the deck holds unit names and counts only — never a person's name or ID. Counts that could
point at a person (violations per agency, ended-early postings per agency, the city's number of
postings with violations) are suppressed when 0 < n < Policy.privacy_min_count: the value becomes
None and ``<field>_suppressed`` True; the UI shows "<5".

Each slide's figures, finding and privacy: ``analytics.briefing_slides`` (one function a topic);
this module assembles the deck, freezes snapshots and compares decks.

Snapshots ("chốt số liệu"): ``take_snapshot`` stores the deck in ``briefing_snapshot`` so figures
shown at a past meeting never move; ``list_snapshots``, ``load_snapshot``; ``compare`` puts the
headline measures of two decks side by side.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from analytics import briefing_slides, kpis, units
from analytics.db import transaction
from analytics.errors import NotFound, OversightError
from analytics.kpis import json_value
from analytics.policy import load_policy
from analytics.scope import check_scope, today

DECK_VERSION = 1
SLIDES = ("headline", "reduction", "agencies", "secondment", "training", "reorganisation", "reporting", "freshness")
MAX_LABEL_CHARS = 200


class BriefingError(OversightError):
    """A snapshot was refused (empty or too long label)."""


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def deck(con: duckdb.DuckDBPyConnection, *, scope: str | None = None, as_of: date | None = None) -> dict[str, Any]:
    """The briefing deck of ``scope`` (default: the city unit on ``as_of``) at ``as_of`` (default today)."""
    check_scope(con, scope)
    as_of = as_of or today()
    root = units.root_unit(con, active_on=as_of)
    scope = scope or root
    policy = load_policy(con)
    h = kpis.headline(con, scope=scope, as_of=as_of)
    slides = [
        briefing_slides.headline_slide(h, policy),
        briefing_slides.reduction_slide(con, scope, as_of),
        briefing_slides.agencies_slide(con, scope, as_of),
        briefing_slides.secondment_slide(con, scope, as_of, h, policy),
        briefing_slides.training_slide(con, scope, as_of, h, policy),
        briefing_slides.reorganisation_slide(con, scope, as_of, root, policy),
        briefing_slides.reporting_slide(con, scope, as_of),
        briefing_slides.freshness_slide(con, h),
    ]
    settings = {
        k: json_value(v)
        for k, v in policy.as_dict().items()
        if k
        in (
            "reduction_baseline_year",
            "reduction_end_year",
            "target_pct_cong_chuc",
            "target_pct_vien_chuc",
            "secondment_share_pct",
            "training_budget_pct",
            "status_behind_margin_pct",
            "privacy_min_count",
        )
    }
    return {
        "version": DECK_VERSION,
        "as_of": as_of.isoformat(),
        "scope": scope,
        "privacy_min_count": policy.privacy_min_count,
        "settings": settings,
        "slides": slides,
    }


# --- snapshots -------------------------------------------------------------------------------


def take_snapshot(
    con: duckdb.DuckDBPyConnection, *, scope: str | None, as_of: date | None, user: str, label: str
) -> int:
    """Freeze the deck of (scope, as_of) under ``label``; returns the snapshot_id."""
    label = (label or "").strip()
    if not label or len(label) > MAX_LABEL_CHARS:
        raise BriefingError("snapshot_label_invalid", length=len(label), max=MAX_LABEL_CHARS)
    d = deck(con, scope=scope, as_of=as_of)
    with transaction(con) as cur:
        row = cur.execute(
            "INSERT INTO briefing_snapshot (taken_by, label, scope_unit_code, as_of, deck) "
            "VALUES ($user, $label, $scope, $as_of, $deck) RETURNING snapshot_id",
            {
                "user": user,
                "label": label,
                "scope": d["scope"],
                "as_of": date.fromisoformat(d["as_of"]),
                "deck": json.dumps(d, ensure_ascii=False),
            },
        ).fetchone()
    assert row is not None
    return int(row[0])


def list_snapshots(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every snapshot, newest first: snapshot_id, taken_at, taken_by, label, scope_unit_code, as_of."""
    return (
        con.cursor()
        .execute(
            "SELECT snapshot_id, taken_at, taken_by, label, scope_unit_code, as_of FROM briefing_snapshot "
            "ORDER BY taken_at DESC, snapshot_id DESC"
        )
        .fetchdf()
    )


def load_snapshot(con: duckdb.DuckDBPyConnection, *, snapshot_id: int) -> dict[str, Any]:
    """The frozen deck, with ``snapshot`` = {id, label, taken_at, taken_by} added."""
    row = (
        con.cursor()
        .execute(
            "SELECT deck, label, taken_at, taken_by FROM briefing_snapshot WHERE snapshot_id = $id",
            {"id": int(snapshot_id)},
        )
        .fetchone()
    )
    if row is None:
        raise NotFound("snapshot_not_found", snapshot_id=snapshot_id)
    d: dict[str, Any] = json.loads(row[0])
    d["snapshot"] = {
        "id": int(snapshot_id),
        "label": row[1],
        "taken_at": row[2].isoformat(sep=" ", timespec="minutes"),
        "taken_by": row[3],
    }
    return d


# --- comparison ------------------------------------------------------------------------------

# (metric code, slide, path in the slide's data or params, kind: int | pct | vnd)
COMPARE_METRICS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("cc_reduced_total", "headline", ("data", "reduction", "cong_chuc", "reduced_total"), "int"),
    ("cc_plan_progress_pct", "headline", ("data", "reduction", "cong_chuc", "plan_progress_pct"), "pct"),
    ("cc_remaining", "headline", ("data", "reduction", "cong_chuc", "remaining"), "int"),
    ("vc_reduced_total", "headline", ("data", "reduction", "vien_chuc", "reduced_total"), "int"),
    ("vc_plan_progress_pct", "headline", ("data", "reduction", "vien_chuc", "plan_progress_pct"), "pct"),
    ("agencies_behind", "agencies", ("params", "behind"), "int"),
    ("secondment_active", "headline", ("data", "secondment", "active"), "int"),
    ("secondment_fulfilment_pct", "headline", ("data", "secondment", "fulfilment_pct"), "pct"),
    ("agencies_short", "secondment", ("params", "short"), "int"),
    ("training_spent_vnd", "headline", ("data", "training", "spent_vnd"), "vnd"),
    ("training_spent_pct", "headline", ("data", "training", "spent_pct"), "pct"),
    ("workforce_present", "headline", ("data", "workforce", "present"), "int"),
)


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """The headline measures of two decks side by side: metric, kind, a, b, change (b − a)."""

    def value(d: dict[str, Any], slide_id: str, path: tuple[str, ...]) -> Any:
        slide = next((s for s in d.get("slides", []) if s["id"] == slide_id), None)
        return _get(slide, *path)

    out = []
    for metric, slide_id, path, kind in COMPARE_METRICS:
        va, vb = value(a, slide_id, path), value(b, slide_id, path)
        change = vb - va if isinstance(va, int | float) and isinstance(vb, int | float) else None
        out.append({"metric": metric, "kind": kind, "a": va, "b": vb, "change": change})
    return out
