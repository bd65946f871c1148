"""First start: build the demo database when the configured file does not exist yet."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics import db
from analytics.config import Settings
from analytics.errors import DatabaseError
from ui import data
from ui.labels import t


def ensure_database(lang: str) -> bool:
    """Make sure the database opens; on a first start build the demo with a progress indicator.

    Returns False (after showing the reason) when the database cannot be opened.
    """
    settings = Settings.from_env()
    path = Path(settings.db_path)
    if not path.exists():
        with st.status(t("app.building_demo", lang), expanded=False) as status:
            # Imported here: the generator is only needed once, on the very first start.
            from analytics.demo import build_demo

            con = db.connect(path, settings=settings)
            try:
                rows = build_demo(con, seed=settings.demo_seed)
            finally:
                con.close()
            status.update(label=t("app.demo_built", lang, rows=f"{sum(rows.values()):,}".replace(",", ".")),
                          state="complete")
    try:
        data.connection()
    except DatabaseError as exc:
        st.error(t("app.db_error", lang, path=str(path), detail=exc.params.get("detail", exc.code)))
        return False
    return True


def demo_banner(lang: str) -> None:
    summary = data.run("inventory.database_summary")
    if summary["has_demo"]:
        st.warning(t("app.demo_banner", lang), icon=":material/science:")
