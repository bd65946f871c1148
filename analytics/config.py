"""Runtime settings of the process: one dataclass, defaults, environment overrides.

Rules that change KPI results (targets, baseline year, …) are not here: they are stored in the
database and described in ``analytics.policy``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "oversight.duckdb"


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
    upload_max_mb: int = 200
    language: str = "vi"
    extra: dict[str, str] = field(default_factory=dict)

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
        )
