"""First start: build the demo database when the configured file does not exist yet."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from analytics import audit, db, events
from analytics.config import Settings
from analytics.errors import DatabaseError
from analytics.inventory import database_summary
from ui import data
from ui.labels import t

_BUILDING = threading.Lock()  # one first-start build per process, however many sessions open at once


def build_once(path: Path, build: Callable[[Path], dict[str, int]]) -> dict[str, int] | None:
    """Run ``build`` on a new database at ``path`` unless the file exists; None when it existed.

    Sessions that open while the first one builds wait for it (instead of building twice or
    reading a half-built file), and the database is built in a side file renamed into place when
    complete, so a failed build leaves no file behind and the next start tries again.
    """
    if path.exists() and not _BUILDING.locked():
        return None
    with _BUILDING:
        if path.exists():
            return None
        part = path.with_name(path.name + ".building")
        for leftover in (part, part.with_name(part.name + ".wal")):
            leftover.unlink(missing_ok=True)
        try:
            rows = build(part)
            os.replace(part, path)
        finally:
            # The side file's audit rows (analytics.events) stay behind: the demo_build row is
            # written for the real file by ensure_database (audit.reconcile_batches).
            for leftover in (part, part.with_name(part.name + ".wal"), *_events_files(part)):
                leftover.unlink(missing_ok=True)
        return rows


def _events_files(part: Path) -> list[Path]:
    main = Path(events.path_for(part))
    events.open_events(str(main)).close()
    return [main, *(main.with_name(main.name + s) for s in ("-wal", "-shm"))]


def _build_demo(settings: Settings) -> Callable[[Path], dict[str, int]]:
    def build(path: Path) -> dict[str, int]:
        # Imported here: the generator is only needed once, on the very first start.
        from analytics.demo import build_demo

        con = db.connect(path, settings=settings)
        try:
            rows = build_demo(con, seed=settings.demo_seed)
            con.execute("CHECKPOINT")  # everything in the file itself before it is moved into place
        finally:
            con.close()
        return rows

    return build


def ensure_database(lang: str) -> bool:
    """Make sure the database opens; on a first start build the demo with a progress indicator.

    Returns False (after showing the reason) when the database cannot be opened.
    """
    settings = Settings.from_env()
    path = Path(settings.db_path)
    rows = None
    if not path.exists() or _BUILDING.locked():
        with st.status(t("app.building_demo", lang), expanded=False) as status:
            rows = build_once(path, _build_demo(settings))
            if rows is not None:
                status.update(
                    label=t("app.demo_built", lang, rows=f"{sum(rows.values()):,}".replace(",", ".")), state="complete"
                )
            else:
                status.update(label=t("app.demo_ready", lang), state="complete")
    try:
        con = data.connection()
    except DatabaseError as exc:
        st.error(t("app.db_error", lang, path=str(path), detail=exc.params.get("detail", exc.code)))
        return False
    if rows is not None:
        audit.reconcile_batches(con)  # the demo_build row of the demo just built in a side file
    return True


def demo_banner(lang: str) -> None:
    summary = data.run(database_summary)
    if summary["has_demo"]:
        st.warning(t("app.demo_banner", lang), icon=":material/science:")
