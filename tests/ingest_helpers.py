"""Shared by the tests/test_ingest_*.py files: the corpus module, a tiny database, a checksum."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb

from analytics import db


def corpus_module() -> ModuleType:
    path = Path(__file__).with_name("corpus") / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def tiny_db(path: Path) -> duckdb.DuckDBPyConnection:
    """A database with the corpus units (SNV, SYT, STP, XA001, XA002, PAC, QNK, HPD) in batch 1."""
    con = db.connect(path)
    row = con.execute(
        "INSERT INTO import_batch (kind, created_by) VALUES ('demo', 'test') RETURNING batch_id"
    ).fetchall()
    corpus_module().seed_units(con, int(row[0][0]))
    return con


def checksum(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """(row count, xor of row hashes) of every table: equal before and after = nothing changed."""
    cur = con.cursor()
    names = [r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()]
    return {
        n: tuple(cur.execute(f'SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM "{n}" t').fetchall()[0])
        for n in names
    }


def write_cases(cases: dict[str, tuple[Callable[[], bytes], Any]], outdir: Path) -> dict[str, Path]:
    """Write every case of a corpus (name -> (builder, expectation)) into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (builder, _) in cases.items():
        p = outdir / name
        p.write_bytes(builder())
        paths[name] = p
    return paths
