"""Helpers shared by subcommands (modules whose name starts with "_" are not subcommands)."""

from __future__ import annotations

import argparse

from analytics.config import Settings


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=None, help="database file (default: $OVERSIGHT_DB or data/oversight.duckdb)"
    )


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(args.db)
