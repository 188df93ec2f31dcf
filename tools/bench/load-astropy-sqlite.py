#!/usr/bin/python3
"""Peer benchmark: astropy reads the detection rows from FITS, Python's sqlite3 loads them.

Usage: load-astropy-sqlite.py DATADIR [--repeat R] [--json]

Reads DATADIR/load/load-shape.json, which tools/bench/LoadBenchmark writes: the row count,
the 80 columns of the benchmark's detection table with the formula of each column's
values, the table's SQLite DDL (the same CREATE statements BulkLoader's table gets) and
the sum of every column. Writes (once, cached) DATADIR/load/detections-N.fits: those rows
made with numpy and written by astropy as a binary table (K/B/I/J/E/D columns for
bigint/tinyint/smallint/int/real/float). Then, per repeat, in-process:

  read   fits.open(memmap=False) and every column's data       (astropy)
  rows   the columns as a list of N Python tuples              (numpy .tolist(), zip)
  load   executemany(INSERT ... VALUES (?, ...)) of those tuples in one transaction and
         the COMMIT, into a fresh SQLite file with the table already created (sqlite3)
  ceiling
         this SQLite's own ceiling, as LoadBenchmark measures it for its SQLite: the same
         rows made and inserted by the engine (INSERT ... SELECT from a recursive CTE), in
         one transaction, into a fresh file (Python's sqlite3 runs on Debian's libsqlite3,
         not on the SQLite inside Microsoft.Data.Sqlite)

Only "load" is comparable with BulkLoader's figure (whose rows are ready in memory too);
"read" and "rows" are reported beside it. After the last repeat the loaded table's row
count and 80 column sums are checked against load-shape.json (integers and real columns
exactly, float columns to 1e-12). With --json, stdout is one JSON object and the
human-readable lines go to stderr.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy; sqlite3 is Python's,
on Debian's libsqlite3).
"""

import argparse
import gc
import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
import time

import numpy as np
import astropy
from astropy.io import fits

FORMATS = {"tinyint": ("B", np.uint8), "smallint": ("I", np.int16), "int": ("J", np.int32),
           "bigint": ("K", np.int64), "real": ("E", np.float32), "float": ("D", np.float64)}
CHUNK = 1_000_000


def column_values(col, i):
    """The column's values for the row numbers i (int64 array), as LoadBenchmark's DetectionRows makes them."""
    k = (i // col["divisor"]) * col["multiplier"] + col["offset"]
    if col["modulus"]:
        k %= col["modulus"]
    k += col["add"]
    kind = col["kind"]
    if kind == "single":
        return (k.astype(np.float64) / 16.0 + 0.03125).astype(np.float32)
    if kind == "double":
        return k.astype(np.float64) / 1048576.0 + 1.0 / 1099511627776.0
    return k.astype(FORMATS[col["type"]][1])


def write_fits(path, shape):
    n = shape["rows"]
    i = np.arange(n, dtype=np.int64)
    cols = [fits.Column(name=c["name"], format=FORMATS[c["type"]][0], array=column_values(c, i))
            for c in shape["columns"]]
    hdu = fits.BinTableHDU.from_columns(cols, name="DETECTIONS")
    tmp = path + ".tmp"
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(tmp, overwrite=True)
    os.replace(tmp, path)


def fits_rows(path):
    try:
        with fits.open(path, memmap=True) as hdul:
            return hdul[1].header.get("NAXIS2")
    except (OSError, IndexError):
        return None


def read(path):
    with fits.open(path, memmap=False) as hdul:
        data = hdul[1].data
        return [data.field(j) for j in range(len(hdul[1].columns))]


def to_rows(columns):
    # Python's cyclic GC would otherwise walk the growing list of tuples again and again (4 s of work took 20 s).
    gc.disable()
    try:
        return list(zip(*[c.tolist() for c in columns]))
    finally:
        gc.enable()


def fresh(db, shape):
    """A new file holding the empty table."""
    for suffix in ("", "-journal", "-wal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    con = sqlite3.connect(db)
    for statement in shape["sqlite_ddl"]:
        con.execute(statement)
    con.commit()
    return con


def load(db, shape, rows):
    """Times the executemany and the COMMIT on a fresh file (the CREATE TABLE is not timed)."""
    con = fresh(db, shape)
    names = ", ".join(c["name"] for c in shape["columns"])
    insert = f"INSERT INTO {shape['table']} ({names}) VALUES ({', '.join('?' * len(shape['columns']))})"
    t0 = time.perf_counter()
    con.executemany(insert, rows)
    con.commit()
    elapsed = time.perf_counter() - t0
    return con, elapsed


def ceiling(db, shape):
    """Times the engine's INSERT ... SELECT of the same rows and the COMMIT on a fresh file."""
    con = fresh(db, shape)
    t0 = time.perf_counter()
    con.execute(shape["sqlite_ceiling"])
    con.commit()
    elapsed = time.perf_counter() - t0
    return con, elapsed


def check(con, shape):
    cols = shape["columns"]
    sums = ", ".join(f"TOTAL({c['name']})" if c["type"] in ("real", "float") else f"SUM({c['name']})" for c in cols)
    got = con.execute(f"SELECT COUNT(*), {sums} FROM {shape['table']}").fetchone()
    problems = [] if got[0] == shape["rows"] else [f"{got[0]} rows instead of {shape['rows']}"]
    for c, value in zip(cols, got[1:]):
        want = c["sum"]
        ok = value == want if c["type"] != "float" else abs(value - want) <= 1e-12 * max(abs(value), abs(want))
        if not ok:
            problems.append(f"sum of {c['name']} is {value}, expected {want}")
    return {"ok": not problems, "rows": got[0], **({"problem": "; ".join(problems[:5])} if problems else {})}


def median_entry(times):
    return {"median_s": statistics.median(times), "min_s": min(times), "repeat": len(times), "times_s": times}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datadir")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    log = sys.stderr if args.json else sys.stdout

    def say(msg):
        print(msg, file=log, flush=True)

    load_dir = os.path.join(args.datadir, "load")
    shape_path = os.path.join(load_dir, "load-shape.json")
    if not os.path.exists(shape_path):
        sys.exit(f"missing {shape_path}; run tools/bench/LoadBenchmark {args.datadir} first")
    with open(shape_path) as f:
        shape = json.load(f)
    n = shape["rows"]
    fits_path = os.path.join(load_dir, f"detections-{n}.fits")
    if fits_rows(fits_path) != n:
        t0 = time.perf_counter()
        write_fits(fits_path, shape)
        say(f"wrote {fits_path} ({os.path.getsize(fits_path) / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s (not timed)")

    say(f"astropy {astropy.__version__}, numpy {np.__version__}, python {platform.python_version()}, "
        f"sqlite {sqlite3.sqlite_version}, {n:,} rows x {len(shape['columns'])} columns, repeat {args.repeat}")
    db = os.path.join(load_dir, "astropy-sqlite3.db")
    ceiling_db = os.path.join(load_dir, "python-sqlite3-ceiling.db")
    times = {"read": [], "rows": [], "load": [], "ceiling": []}
    con = ceiling_con = None
    for r in range(args.repeat):
        for c in (con, ceiling_con):
            if c is not None:
                c.close()
        ceiling_con, elapsed = ceiling(ceiling_db, shape)
        times["ceiling"].append(elapsed)
        t0 = time.perf_counter()
        columns = read(fits_path)
        t1 = time.perf_counter()
        rows = to_rows(columns)
        t2 = time.perf_counter()
        del columns
        con, elapsed = load(db, shape, rows)
        del rows
        times["read"].append(t1 - t0)
        times["rows"].append(t2 - t1)
        times["load"].append(elapsed)
        say(f"  repeat {r + 1}: read {t1 - t0:.3f} s, rows {t2 - t1:.3f} s, load {elapsed:.3f} s, "
            f"ceiling {times['ceiling'][-1]:.3f} s")

    pragmas = {p: con.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode", "synchronous", "cache_size", "page_size")}
    result = check(con, shape)
    ceiling_result = check(ceiling_con, shape)
    if not ceiling_result["ok"]:
        result = {"ok": False, "rows": result["rows"], "problem": "the ceiling's table: " + ceiling_result["problem"]}
    con.close()
    ceiling_con.close()
    size = os.path.getsize(db) / 1e6
    os.remove(db)
    os.remove(ceiling_db)
    tasks = {k: median_entry(v) for k, v in times.items()}
    for k in ("load", "ceiling"):
        tasks[k]["rows_per_s"] = round(n / tasks[k]["median_s"])
    for k, v in tasks.items():
        say(f"{k:7s} median {v['median_s']:8.3f} s   min {v['min_s']:8.3f} s   "
            f"({', '.join(f'{t:.3f}' for t in v['times_s'])})")
    say(f"load {tasks['load']['rows_per_s']:,} rows/s; check: {'ok' if result['ok'] else result['problem']}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    say(f"peak RSS {rss:.0f} MB")
    if args.json:
        json.dump({"tool": "astropy + sqlite3", "version": astropy.__version__, "numpy": np.__version__,
                   "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "rows": n,
                   "sqlite_pragmas": pragmas, "tasks": tasks, "check": dict(result, file_mb=round(size, 1)),
                   "peak_rss_mb": round(rss, 1)}, sys.stdout)
        sys.stdout.write("\n")
    if not result["ok"]:
        sys.exit(f"error: the table does not hold the rows: {result['problem']}")


if __name__ == "__main__":
    main()
