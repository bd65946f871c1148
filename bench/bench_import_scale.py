"""Benchmark: an upload of N files of 100.000 roster rows each (10 files = 1 million rows), checked and
loaded with a progress callback, against one file measured in the same run.

Each run happens in a fresh process so that its peak memory is its own: the peak RSS of the
importing process (after prepare, and after load) and of the reader's workers (``ru_maxrss`` of
the process, and of its children once the reader server has ended, its worker with it). The
ratio of N files to one file shows whether memory is bounded by the largest file (ratio near 1) or
grows with the upload (ratio near N). Also printed: wall time, rows per second, and the longest
wait between two progress calls.

Not a test: ``python bench/bench_import_scale.py [--files 10] [--rows 100000]``. The first file is
``bench_import.py``'s (built once in the temporary folder); the others are copies with other person
IDs, so that no row repeats another.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import make_file, units_db  # noqa: E402


def files_for(n: int, rows: int) -> list[Path]:
    """``n`` rosters of ``rows`` rows: the bench file and copies whose person IDs start F01, F02, …"""
    tmp = Path(tempfile.gettempdir())
    base = tmp / f"bench_roster_{rows}.xlsx"
    if not base.exists():
        make_file(base, rows)
    out = [base]
    for k in range(1, n):
        path = tmp / f"bench_roster_{rows}_f{k:02d}.xlsx"
        if not path.exists():
            with (
                zipfile.ZipFile(base) as zin,
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
            ):
                for info in zin.infolist():
                    data = zin.read(info.filename)
                    if info.filename.startswith("xl/worksheets/"):
                        data = data.replace(b"<t>P0", f"<t>F{k:02d}".encode())  # person IDs P000001 -> F01000001
                    zout.writestr(info.filename, data)
        out.append(path)
    return out


def worker(paths: list[Path]) -> dict[str, float]:
    """One import in this process; returns times, peak memory and progress gaps."""
    from analytics.ingest.pipeline import load, prepare
    from analytics.ingest.reader import _SERVER

    con = units_db(Path(tempfile.gettempdir()) / f"bench_import_scale_{len(paths)}.duckdb")
    calls: list[tuple[float, str, float]] = []
    phase = ["prepare"]
    steps: list[str] = ["start"]

    def progress(step: str, fraction: float) -> None:
        calls.append((time.perf_counter(), phase[0], fraction))
        steps.append(step)
        if sys.stderr.isatty():
            sys.stderr.write(f"\r[{fraction * 100:3.0f}%] {step[:70]:<70}")

    t0 = time.perf_counter()
    plan = prepare(con, files=[(p.name, p) for p in paths], progress=progress)
    t_prepare = time.perf_counter() - t0
    rss_prepare = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = [p for p in plan.problems if p.severity == "error"]
    assert not errors, [p.message() for p in errors[:5]]
    t1 = time.perf_counter()
    phase[0] = "load"
    result = load(con, plan, user="bench", progress=progress)
    t_load = time.perf_counter() - t1
    plan.close()
    con.close()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if _SERVER.proc is not None:  # end the reader server: its children's peak joins ours
        assert _SERVER.proc.stdin is not None
        _SERVER.proc.stdin.close()
        _SERVER.proc.wait()
    times = [t0, *(c[0] for c in calls)]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    worst = max(range(len(gaps)), key=gaps.__getitem__)
    print(f"longest progress gap: {gaps[worst]:.1f} s after {steps[worst]} (until {steps[worst + 1]})", file=sys.stderr)
    monotonic = all(
        [f for _, ph, f in calls if ph == p] == sorted(f for _, ph, f in calls if ph == p) for p in ("prepare", "load")
    )
    return {
        "files": len(paths),
        "rows": sum(result.rows_by_table.values()),
        "prepare_s": t_prepare,
        "load_s": t_load,
        "rss_prepare_mb": rss_prepare,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "reader_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "progress_calls": len(calls),
        "progress_max_gap_s": gaps[worst],
        "progress_monotonic": float(monotonic),
        **{f"t_{k}": v for k, v in plan.timings.items()},
    }


def run(paths: list[Path]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *map(str, paths)], check=True, stdout=subprocess.PIPE, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--worker", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    t = time.perf_counter()
    paths = files_for(args.files, args.rows)
    print(
        f"{len(paths)} files of {args.rows:,} rows ready in {time.perf_counter() - t:.0f} s "
        f"({sum(p.stat().st_size for p in paths) / 2**20:.0f} MB)"
    )
    one = run(paths[:1])
    many = run(paths)
    print(f"{'':28}{'1 file':>12}{f'{len(paths)} files':>12}{'ratio':>8}")
    for key, label in (
        ("rows", "rows loaded"),
        ("prepare_s", "prepare (s)"),
        ("load_s", "load (s)"),
        ("rss_prepare_mb", "peak RSS, prepare (MB)"),
        ("rss_mb", "peak RSS, + load (MB)"),
        ("reader_rss_mb", "peak RSS, reader (MB)"),
        ("progress_calls", "progress calls"),
        ("progress_max_gap_s", "longest progress gap (s)"),
    ):
        a, b = one[key], many[key]
        print(f"{label:28}{a:12,.1f}{b:12,.1f}{b / a if a else 0:8.2f}")
    total_one, total_many = one["prepare_s"] + one["load_s"], many["prepare_s"] + many["load_s"]
    print(f"{'total (s)':28}{total_one:12,.1f}{total_many:12,.1f}{total_many / total_one:8.2f}")
    print(
        f"rows per second: {one['rows'] / total_one:,.0f} (1 file), {many['rows'] / total_many:,.0f} ({len(paths)} files)"
    )
    print("steps, 1 file:   " + ", ".join(f"{k[2:]} {v:.2f}" for k, v in one.items() if k.startswith("t_")))
    print(f"steps, {len(paths)} files: " + ", ".join(f"{k[2:]} {v:.2f}" for k, v in many.items() if k.startswith("t_")))
    print(f"progress never went back (prepare, then load): {bool(many['progress_monotonic'])}")


if __name__ == "__main__":
    main()
