"""Column mappings a user made for a layout the header dictionary did not fully know, remembered.

When recognition is unsure (a sheet of no known kind, or columns whose headers the dictionary does
not know), the Import page shows each sheet's header cells and lets the user say which column each
one is. ``prepare(extra_headers=…)`` re-checks the upload with that mapping; once the upload loads,
the mapping is stored (``remember``) for **that layout**: the set of header keys of the sheet's
header cells (``header_keys``, so case, spacing, NFC/NFD and tone placement do not matter) is its
signature. Later uploads get every stored mapping whose signature is found in the first rows of a
sheet (``for_sheet``), so a file from the same agency in the same layout is recognised by itself.

Stored in table ``column_mapping`` (migration 0005). Pure analytics: no UI here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics import audit
from analytics.db import transaction
from analytics.errors import OversightError
from analytics.ingest.headers import header_keys
from analytics.ingest.kinds import KINDS
from analytics.ingest.reader import Sheet, col_letter
from analytics.ingest.recognise import HEADER_SCAN_ROWS, Recognised, _is_datalike

EXAMPLES = 3  # values shown under each header to help the user decide


@dataclass(frozen=True)
class StoredMapping:
    mapping_id: int
    kind: str
    signature: frozenset[str]
    mapping: dict[str, str]  # header text -> column of the kind


@dataclass(frozen=True)
class HeaderColumn:
    """One column of a sheet's header: what the user sees and what a mapping is keyed by."""

    col: int
    text: str  # header cells top to bottom joined by spaces: the key of a mapping
    label: str  # "C: Ngày sinh / Nam" for display
    field: str | None  # the column of the kind it was recognised as; None = not recognised
    examples: tuple[str, ...] = ()


@dataclass
class SheetLayout:
    """What a sheet's header looks like, so the UI can offer to map its unrecognised columns."""

    file: str
    sheet: str
    kind: str | None
    header_rows: tuple[int, int]  # Excel row numbers, first and last
    columns: list[HeaderColumn]
    applied: tuple[int, ...] = ()  # stored mappings used for this sheet
    signature: frozenset[str] = field(default_factory=frozenset)

    @property
    def needs_mapping(self) -> bool:
        """Nothing recognised, or columns of a known kind the dictionary did not know (wide quota
        reports are read by their year columns; their other columns are computed and ignored)."""
        if self.kind == "quota_wide" or not self.columns:
            return False
        return self.kind is None or any(c.field is None for c in self.columns)


# ------------------------------------------------------------------------------------ the layout


def _text(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def header_row_guess(sheet: Sheet) -> int | None:
    """Excel row of the likeliest header of a sheet nothing was recognised in: among the first rows
    holding no dates or plain numbers, the one with the most distinct texts (earliest on ties)."""
    top = sheet.cells.head(HEADER_SCAN_ROWS)
    best: tuple[int, int] | None = None
    for row_no, row in zip(top.index, top.to_numpy(dtype=object), strict=True):
        if _is_datalike(row):
            continue
        n = len({t for v in row if (t := _text(v))})
        if n >= 2 and (best is None or n > best[1]):
            best = (int(row_no), n)
    return best[0] if best else None


def header_columns(sheet: Sheet, first: int, last: int, fields: Mapping[int, str] | None = None) -> list[HeaderColumn]:
    """Every non-empty column of the header rows ``first``..``last`` (Excel numbers), with a few
    example values from the rows under it."""
    cells = sheet.cells
    head = cells.loc[first:last]
    below = cells.loc[last + 1 :]
    out = []
    for c in cells.columns:
        parts: list[str] = []
        for v in head[c]:
            t = _text(v)
            if t and t not in parts:
                parts.append(t)
        if not parts:
            continue
        examples = tuple(dict.fromkeys(t for v in below[c].head(50) if (t := _text(v))))[:EXAMPLES]
        out.append(
            HeaderColumn(
                int(c),
                " ".join(parts),
                f"{col_letter(int(c))}: {' / '.join(parts)}",
                (fields or {}).get(int(c)),
                examples,
            )
        )
    return out


def signature_of(sheet: Sheet, first: int, last: int) -> frozenset[str]:
    """Header keys of every header cell of the layout."""
    keys = {header_keys(t)[0] for v in sheet.cells.loc[first:last].to_numpy(dtype=object).ravel() if (t := _text(v))}
    return frozenset(k for k in keys if k)


def sheet_keys(sheet: Sheet) -> frozenset[str]:
    """Header keys of every text cell in the first rows of a sheet (where a header can be)."""
    top = sheet.cells.head(HEADER_SCAN_ROWS).to_numpy(dtype=object).ravel()
    return frozenset(k for v in top if (t := _text(v)) and (k := header_keys(t)[0]))


def describe(rec: Recognised, applied: Sequence[int] = ()) -> SheetLayout:
    """The layout of a recognised sheet, or of the guessed header row of an unrecognised one."""
    sheet = rec.sheet
    if rec.kind is not None:
        first, last = rec.header_rows
        fields = {m.col: m.field.split("#")[0] for m in rec.columns}  # "_gender_col", "_stt", … kept as such
    else:
        guess = header_row_guess(sheet)
        if guess is None:
            return SheetLayout(sheet.file, sheet.name, None, (0, 0), [], tuple(applied))
        first = last = guess
        fields = {}
    columns = header_columns(sheet, first, last, fields)
    return SheetLayout(
        sheet.file, sheet.name, rec.kind, (first, last), columns, tuple(applied), signature_of(sheet, first, last)
    )


# ------------------------------------------------------------------------------------ storage


def stored(con: duckdb.DuckDBPyConnection) -> list[StoredMapping]:
    rows = (
        con.cursor()
        .execute("SELECT mapping_id, kind, signature, mapping FROM column_mapping ORDER BY mapping_id")
        .fetchall()
    )
    return [StoredMapping(int(i), k, frozenset(sig), dict(json.loads(m))) for i, k, sig, m in rows]


def merge(*mappings: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    """{kind: {header: column}} merged left to right (a later one wins for the same header)."""
    out: dict[str, dict[str, str]] = {}
    for m in mappings:
        for kind, cols in (m or {}).items():
            out.setdefault(kind, {}).update(cols)
    return out


def for_sheet(
    layouts: Sequence[StoredMapping], sheet: Sheet, explicit: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[dict[str, dict[str, str]], tuple[int, ...]]:
    """The mappings to recognise ``sheet`` with: every stored one whose layout is in the sheet's first
    rows, then the user's ``explicit`` mapping of this upload (it wins). Returns (mapping, ids used)."""
    if not layouts:
        return merge(explicit), ()
    keys = sheet_keys(sheet)
    hits = [m for m in layouts if m.signature and m.signature <= keys]
    return merge(*({m.kind: m.mapping} for m in hits), explicit), tuple(m.mapping_id for m in hits)


def check_mapping(kind: str, mapping: Mapping[str, str]) -> None:
    if kind not in KINDS:
        raise OversightError("mapping_invalid", kind=kind, header="", column="")
    names = {c.name for c in KINDS[kind].columns}
    for header, column in mapping.items():
        if column not in names or not header_keys(header)[0]:
            raise OversightError("mapping_invalid", kind=kind, header=header, column=column)


def remember(
    con: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    mapping: Mapping[str, str],
    signature: Iterable[str],
    user: str,
    source_file: str | None = None,
    source_sheet: str | None = None,
) -> int:
    """Store a mapping for a layout; the same kind and layout again replaces the older mapping.
    Audited by ``user`` (``setting_change``, target ``column_mapping:<id>``) in the same transaction."""
    check_mapping(kind, mapping)
    sig = sorted(set(signature))
    if not sig or not mapping:
        raise OversightError("mapping_invalid", kind=kind, header="", column="")
    params = {
        "k": kind,
        "s": sig,
        "m": json.dumps(dict(mapping), ensure_ascii=False),
        "f": source_file,
        "sh": source_sheet,
        "u": user,
    }
    with transaction(con) as cur:
        old = cur.execute(
            "SELECT mapping_id FROM column_mapping WHERE kind = $k AND list_sort(signature) = $s", {"k": kind, "s": sig}
        ).fetchall()
        if old:
            cur.execute(
                "UPDATE column_mapping SET mapping = $m, source_file = $f, source_sheet = $sh, created_by = $u, "
                "created_at = current_localtimestamp() WHERE mapping_id = $i",
                {"m": params["m"], "f": source_file, "sh": source_sheet, "u": user, "i": old[0][0]},
            )
            mapping_id = int(old[0][0])
        else:
            row = cur.execute(
                "INSERT INTO column_mapping (kind, signature, mapping, source_file, source_sheet, "
                "created_by) VALUES ($k, $s, $m, $f, $sh, $u) RETURNING mapping_id",
                params,
            ).fetchone()
            assert row is not None
            mapping_id = int(row[0])
        audit.record_in_transaction(
            cur,
            username=user,
            event="setting_change",
            target=f"column_mapping:{mapping_id}",
            detail={"kind": kind, "columns": sorted(mapping.values())},
        )
    return mapping_id


def forget(con: duckdb.DuckDBPyConnection, mapping_id: int, *, user: str) -> None:
    """Delete a stored mapping; audited by ``user`` in the same transaction."""
    with transaction(con) as cur:
        if not cur.execute("SELECT 1 FROM column_mapping WHERE mapping_id = $i", {"i": mapping_id}).fetchall():
            raise OversightError("mapping_not_found", mapping_id=mapping_id)
        cur.execute("DELETE FROM column_mapping WHERE mapping_id = $i", {"i": mapping_id})
        audit.record_in_transaction(
            cur, username=user, event="setting_change", target=f"column_mapping:{mapping_id}", detail={"removed": True}
        )


def mark_used(cur: duckdb.DuckDBPyConnection, ids: Iterable[int]) -> None:
    """Count a use of each stored mapping (called inside the load's transaction)."""
    for i in sorted(set(ids)):
        cur.execute(
            "UPDATE column_mapping SET used_count = used_count + 1, last_used_at = current_localtimestamp() "
            "WHERE mapping_id = $i",
            {"i": i},
        )


def list_mappings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored mappings for the Import page: id, kind, the mapping ({header: column}), source, who,
    when, uses."""
    df = (
        con.cursor()
        .execute(
            "SELECT mapping_id, kind, mapping, source_file, source_sheet, created_by, created_at, used_count, last_used_at "
            "FROM column_mapping ORDER BY mapping_id"
        )
        .df()
    )
    df["mapping"] = [json.loads(m) for m in df["mapping"]]
    return df


def user_mapping(layout: SheetLayout, kind: str, choices: Mapping[int, str | None]) -> dict[str, str]:
    """{header text: column} from a user's choice per column position (None = leave unmapped);
    only columns the user set differently from what recognition found."""
    out = {}
    for c in layout.columns:
        chosen = choices.get(c.col)
        if chosen and (chosen != c.field or layout.kind != kind):
            out[c.text] = chosen
    check_mapping(kind, out)
    return out


__all__ = [
    "HeaderColumn",
    "SheetLayout",
    "StoredMapping",
    "check_mapping",
    "describe",
    "for_sheet",
    "forget",
    "header_columns",
    "header_row_guess",
    "list_mappings",
    "mark_used",
    "merge",
    "remember",
    "sheet_keys",
    "stored",
    "user_mapping",
]
