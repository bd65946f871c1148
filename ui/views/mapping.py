"""Import page: map by hand the columns of a sheet recognition was unsure of, and remember it.

Each sheet that was not recognised, or that has columns the header dictionary did not know, gets a
kind picker and one picker per header column ("which column of the template is this?") with a few
example values from the file. The choices become ``prepare(extra_headers=…)`` on the next check;
after the upload loads they are stored for that layout (``analytics.ingest.mappings``).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics.auth import User
from analytics.ingest import mappings
from analytics.ingest.kinds import KINDS
from analytics.ingest.pipeline import Plan
from ui import data
from ui.labels import code
from ui.panel import data_table
from ui.session import tr
from ui.tables import Spec

STATE = "imp_user_maps"  # {(file, sheet): UserMap} of the current upload
SAVED_SPEC: Spec = (
    ("mapping_id", "imp.col_map_id", "text"),
    ("kind", "imp.col_kind", "code"),
    ("mapping", "imp.col_map", "text"),
    ("source_file", "imp.col_file", "text"),
    ("source_sheet", "imp.col_sheet", "text"),
    ("created_by", "imp.col_created_by", "text"),
    ("created_at", "imp.col_created_at", "datetime"),
    ("used_count", "imp.col_map_used", "int"),
    ("last_used_at", "imp.col_map_last_used", "datetime"),
)


@dataclass(frozen=True)
class UserMap:
    file: str
    sheet: str
    kind: str
    mapping: dict[str, str]  # header text -> column


def column_label(kind: str, name: str, lang: str) -> str:
    """How a target column is named in a picker: the template's header (vi) or the column name (en)."""
    known = KINDS.get(kind) and next((c for c in KINDS[kind].columns if c.name == name), None)
    if not known:
        return name  # a mapping stored before the kind lost this column
    text = known.headers[0] if lang == "vi" else name.replace("_", " ")
    return f"{text} ({name})"


def to_map(plan: Plan) -> list[mappings.SheetLayout]:
    """Sheets the user may map: those recognition was unsure of, and those mapped in this upload."""
    mapped = st.session_state.get(STATE, {})
    return [lay for lay in plan.layouts if lay.needs_mapping or (lay.file, lay.sheet) in mapped]


def _pickers(i: int, layout: mappings.SheetLayout, lang: str) -> UserMap | None:
    first, last = layout.header_rows
    rows = tr("imp.map_header_row", row=first) if first == last else tr("imp.map_header_rows", first=first, last=last)
    st.markdown(f"**{layout.file} — {layout.sheet}** · {rows}")
    previous: UserMap | None = st.session_state.get(STATE, {}).get((layout.file, layout.sheet))
    kinds = list(KINDS)
    current = previous.kind if previous else layout.kind
    kind = st.selectbox(
        tr("imp.map_kind"),
        kinds,
        index=kinds.index(current) if current in KINDS else None,
        format_func=lambda k: code(k, lang),
        key=f"imp_map_kind_{i}",
        placeholder=tr("imp.map_kind_pick"),
    )
    if kind is None:
        st.caption(tr("imp.map_kind_first"))
        return None
    names = [c.name for c in KINDS[kind].columns]
    special = [c for c in layout.columns if c.field and c.field.startswith("_") and c.field != "_stt"]
    if special and kind == layout.kind:
        st.caption(tr("imp.map_special", columns=", ".join(c.label for c in special)))
    choices: dict[int, str | None] = {}
    editable = [c for c in layout.columns if c not in special]
    grid = st.columns(3)
    for n, col in enumerate(editable):
        chosen = (previous.mapping.get(col.text) if previous and previous.kind == kind else None) or (
            col.field if kind == layout.kind and col.field in names else None
        )
        choices[col.col] = grid[n % 3].selectbox(
            col.label,
            names,
            index=names.index(chosen) if chosen in names else None,
            format_func=lambda n, k=kind: column_label(k, n, lang),
            key=f"imp_map_{i}_{kind}_{col.col}",
            placeholder=tr("imp.map_ignore"),
            help=tr("imp.map_examples", values="; ".join(col.examples)) if col.examples else None,
        )
    return UserMap(layout.file, layout.sheet, kind, mappings.user_mapping(layout, kind, choices))


def editor(plan: Plan, lang: str) -> list[UserMap]:
    """Pickers for every sheet to map; returns the user's choices (sheets with a kind chosen)."""
    out = []
    for i, layout in enumerate(to_map(plan)):
        with st.container(border=True):
            chosen = _pickers(i, layout, lang)
        if chosen is not None:
            out.append(chosen)
    return out


def extra_headers(user_maps: list[UserMap]) -> dict[str, dict[str, str]]:
    return mappings.merge(*({m.kind: m.mapping} for m in user_maps))


def layout_of(plan: Plan, file: str, sheet: str) -> mappings.SheetLayout | None:
    return next((lay for lay in plan.layouts if (lay.file, lay.sheet) == (file, sheet)), None)


def remember(plan: Plan, user_map: UserMap, username: str) -> int:
    """Store a mapping for its sheet's layout (as recognised with it); ``mappings.remember`` audits it."""
    layout = layout_of(plan, user_map.file, user_map.sheet)
    if layout is None:
        raise ValueError(f"no sheet {user_map.sheet!r} in {user_map.file!r}")
    con = data.connection()
    mapping_id = mappings.remember(
        con,
        kind=user_map.kind,
        mapping=user_map.mapping,
        signature=layout.signature,
        user=username,
        source_file=user_map.file,
        source_sheet=user_map.sheet,
    )
    return mapping_id


def remembered_section(user: User, lang: str) -> None:
    """The stored mappings, with who made them and how often they were used, and a way to forget one."""
    st.subheader(tr("imp.map_saved_title"))
    con = data.connection()
    saved = mappings.list_mappings(con)
    if saved.empty:
        st.caption(tr("imp.map_saved_empty"))
        return
    saved["mapping"] = [
        ", ".join(f"{h} → {column_label(k, c, lang)}" for h, c in m.items())
        for k, m in zip(saved["kind"], saved["mapping"], strict=True)
    ]
    data_table(saved, SAVED_SPEC, key="imp_saved_maps", lang=lang, file_stem="cach-ghep-cot")
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    pick = c1.selectbox(tr("imp.map_forget_pick"), saved["mapping_id"].tolist(), key="imp_forget_pick")
    if c2.button(tr("imp.map_forget"), key="imp_forget", icon=":material/delete:"):
        mappings.forget(con, int(pick), user=user.username)
        st.rerun()
