"""Runtime settings of the process: one dataclass, defaults, environment overrides.

Rules that change KPI results (targets, baseline year, …) are not here: they are stored in the
database and described in ``analytics.policy``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A checkout keeps its database in its own data/ folder. An installed package (`pip install .`) has no
# project folder of its own (PROJECT_ROOT is site-packages), so there data/ is under the directory the
# command starts in; OVERSIGHT_DB or --db name it anywhere.
_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file()
DEFAULT_DB_PATH = (PROJECT_ROOT if _CHECKOUT else Path.cwd()) / "data" / "oversight.duckdb"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    """Every runtime tunable with its default; ``from_env`` applies OVERSIGHT_* overrides."""

    db_path: Path = DEFAULT_DB_PATH
    demo_seed: int = 20250701
    # Memory DuckDB may use; the machine has 24 GiB, Streamlit and pandas need the rest.
    duckdb_memory_limit: str = "4GB"
    duckdb_threads: int = 2
    # Largest file an import takes, on the page and from the command line (ingest.safety.Limits).
    upload_max_mb: int = 200
    # The language of the dashboard (until a visitor switches) and of the problems ``import`` prints.
    language: str = "vi"
    # Many processes, one store (analytics.store): how long a write waits for another writer
    # before giving up with "busy" (exit code 2), and how many published versions stay on disk.
    write_wait_s: int = 60
    keep_versions: int = 3
    # ``check`` (monitoring): the newest import may be this old; the disk must keep this much free.
    check_max_import_age_days: int = 45
    check_min_free_mb: int = 1024

    @classmethod
    def from_env(cls, db_path: str | Path | None = None) -> Settings:
        """--db PATH wins, then OVERSIGHT_DB, then data/oversight.duckdb."""
        path = db_path or os.environ.get("OVERSIGHT_DB") or DEFAULT_DB_PATH
        return cls(
            db_path=Path(path),
            demo_seed=_env_int("OVERSIGHT_DEMO_SEED", cls.demo_seed),
            duckdb_memory_limit=os.environ.get("OVERSIGHT_DUCKDB_MEMORY", cls.duckdb_memory_limit),
            duckdb_threads=_env_int("OVERSIGHT_DUCKDB_THREADS", cls.duckdb_threads),
            upload_max_mb=_env_int("OVERSIGHT_UPLOAD_MAX_MB", cls.upload_max_mb),
            language=os.environ.get("OVERSIGHT_LANG", cls.language),
            write_wait_s=_env_int("OVERSIGHT_WRITE_WAIT_S", cls.write_wait_s),
            keep_versions=_env_int("OVERSIGHT_KEEP_VERSIONS", cls.keep_versions),
            check_max_import_age_days=_env_int("OVERSIGHT_CHECK_MAX_IMPORT_AGE_DAYS", cls.check_max_import_age_days),
            check_min_free_mb=_env_int("OVERSIGHT_CHECK_MIN_FREE_MB", cls.check_min_free_mb),
        )
