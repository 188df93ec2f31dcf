#!/usr/bin/python3
"""Peer of CU4 (curate ingest-detections): astropy + numpy + Python's sqlite3 ingest one CASU catalogue.

Usage: cu4-astropy-sqlite.py CATALOGUE DB [--json]

DB is an archive that `curate init` and `curate cu3 --file IMAGE` made (a copy: the peer
writes into it): it holds the frame's Multiframe and MultiframeDetector rows and the empty
lasDetection. The peer does what CU4 does, the way an astropy user would write it:

  read     fits.open(memmap=False), each binary table's columns          (astropy)
  compute  every column of lasDetection with numpy: the --/F columns of the
           programme template (NaN -> the column's default; RA/DEC radians ->
           degrees), multiframeID/extNum/cuEventID, objID, filterID, cx/cy/cz,
           htmID (the JHU HTM lookup, level 20, vectorised over the rows), l/b
           (astropy SkyCoord ICRS -> Galactic), the calibrated magnitudes and
           their errors from the frame's calibration in MultiframeDetector and
           Multiframe, the defaults of ppErrBits and deprecated
  rows     the columns as lists of Python numbers (numpy .tolist())
  insert   executemany(INSERT INTO lasDetection (84 columns) VALUES (?, ...))
           of each table's rows, zip making the tuples as executemany takes
           them (so a table's tuples are never all in memory), in one
           transaction with foreign keys on, as curate's connection has them
  commit   the COMMIT

The column list, types and defaults come from the template (schema-sql/
ProgrammeTemplate.sql) and the live table, so the peer fills the same 84 columns.
Timings of each phase go to stderr (and, with --json, a JSON object to stdout);
tools/bench-ingest times the whole process, as it times curate cu4.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy).
"""

import argparse
import json
import math
import os
import platform
import re
import resource
import sqlite3
import sys
import time

T_START = time.perf_counter()

import numpy as np  # noqa: E402
import astropy  # noqa: E402
import astropy.units as u  # noqa: E402
from astropy.coordinates import SkyCoord  # noqa: E402
from astropy.io import fits  # noqa: E402

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schema-sql", "ProgrammeTemplate.sql")
MAG_PER_LN = 1.0857362047581294  # 2.5 / ln(10)
INTEGER_TYPES = {"bigint", "int", "smallint", "tinyint"}


def template_columns():
    """(name, type, default, F column) of {prog}Detection, in order, from the programme template."""
    text = open(TEMPLATE).read()
    body = text[text.index("CREATE TABLE {prog}Detection("):]
    body = body[:body.index("\n)")]
    columns = []
    for line in body.splitlines():
        m = re.match(r"^(\w+)\s+(\w+)\s+not null(?:\s+default\s+(\S+?))?,", line)
        if not m:
            continue
        name, sqltype, default = m.groups()
        f = re.search(r"--/F (\w+)", line)
        default = None if default is None else (int(default) if sqltype in INTEGER_TYPES else float(default))
        columns.append((name, sqltype, default, f.group(1) if f else None))
    return columns


def htm_ids(ra_deg, dec_deg, level=20):
    """HTM IDs as the JHU library's lookupId gives them (curate's Htm.Index), vectorised over the rows."""
    pr = 3.1415926535897932385E0 / 180.0
    cd = np.cos(dec_deg * pr)
    p = np.stack([np.cos(ra_deg * pr) * cd, np.sin(ra_deg * pr) * cd, np.sin(dec_deg * pr)], axis=1)
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    X, Y, Z = np.eye(3)
    starts = [  # (condition, id, v0, v1, v2), as HTMfunc.startpane
        ((x > 0) & (y >= 0) & (z >= 0), 15, Y, Z, X), ((x > 0) & (y >= 0) & (z < 0), 8, X, -Z, Y),
        ((x <= 0) & (y > 0) & (z >= 0), 14, -X, Z, Y), ((x <= 0) & (y > 0) & (z < 0), 9, Y, -Z, -X),
        ((x < 0) & (y <= 0) & (z >= 0), 13, -Y, Z, -X), ((x < 0) & (y <= 0) & (z < 0), 10, -X, -Z, -Y),
        ((x >= 0) & (y < 0) & (z >= 0), 12, X, Z, -Y), ((x >= 0) & (y < 0) & (z < 0), 11, -Y, -Z, X),
    ]
    n = len(x)
    ids = np.zeros(n, dtype=np.int64)
    v0, v1, v2 = (np.zeros((n, 3)) for _ in range(3))
    done = np.zeros(n, dtype=bool)
    for cond, start, a, b, c in starts:
        cond &= ~done
        ids[cond], v0[cond], v1[cond], v2[cond] = start, a, b, c
        done |= cond

    def midpoint(a, b):
        s = a + b
        return s / np.sqrt(s[:, 0] * s[:, 0] + s[:, 1] * s[:, 1] + s[:, 2] * s[:, 2])[:, None]

    def side(a, b):
        c0 = a[:, 1] * b[:, 2] - b[:, 1] * a[:, 2]
        c1 = a[:, 2] * b[:, 0] - b[:, 2] * a[:, 0]
        c2 = a[:, 0] * b[:, 1] - b[:, 0] * a[:, 1]
        return p[:, 0] * c0 + p[:, 1] * c1 + p[:, 2] * c2 >= -1e-15

    def inside(a, b, c):
        return side(a, b) & side(b, c) & side(c, a)

    for _ in range(level):
        w2, w0, w1 = midpoint(v0, v1), midpoint(v1, v2), midpoint(v2, v0)
        in0 = inside(v0, w2, w1)
        in1 = ~in0 & inside(v1, w0, w2)
        in2 = ~in0 & ~in1 & inside(v2, w1, w0)
        in3 = ~in0 & ~in1 & ~in2
        child = np.where(in1, 1, np.where(in2, 2, np.where(in3, 3, 0)))
        ids = (ids << 2) | child
        n0 = np.where(in0[:, None], v0, np.where(in1[:, None], v1, np.where(in2[:, None], v2, w0)))
        n1 = np.where(in0[:, None], w2, np.where(in1[:, None], w0, np.where(in2[:, None], w1, w1)))
        n2 = np.where(in0[:, None], w1, np.where(in1[:, None], w2, np.where(in2[:, None], w0, w2)))
        v0, v1, v2 = n0, n1, n2
    return ids


def magnitude(flux, zp, exptime, apcor, extinction, am_start, am_end, default):
    ok = flux > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = zp - 2.5 * np.log10(flux / exptime) - apcor - extinction * ((am_start + am_end) / 2 - 1)
    return np.where(ok, mag, default)


def magnitude_error(flux, error, default):
    ok = (flux > 0) & (error >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, MAG_PER_LN * error / flux, default)


def detection_columns(table, columns, mf, md, cu_event_id):
    """Every column of lasDetection for one catalogue table, as numpy arrays in the table's order."""
    n = len(table["Sequence_number"])
    out = {}
    for name, sqltype, default, fcol in columns:
        if fcol is None:
            continue
        v = np.asarray(table[fcol], dtype=np.float64)
        if fcol in ("RA", "DEC"):
            v = v * (180 / math.pi)
        v = np.where(np.isnan(v), default, v)
        out[name] = v.astype(np.int64) if sqltype in INTEGER_TYPES else v.astype(np.float32) if sqltype == "real" else v
    ext = md["extNum"]
    out["multiframeID"] = np.full(n, mf["multiframeID"], dtype=np.int64)
    out["extNum"] = np.full(n, ext, dtype=np.int64)
    out["cuEventID"] = np.full(n, cu_event_id, dtype=np.int64)
    out["objID"] = (mf["multiframeID"] * 100 + ext) * 100_000_000 + out["seqNum"]
    out["filterID"] = np.full(n, md["filterID"], dtype=np.int64)
    ra, dec = out["ra"], out["dec"]
    r, d = np.radians(ra), np.radians(dec)
    out["cx"], out["cy"], out["cz"] = np.cos(d) * np.cos(r), np.cos(d) * np.sin(r), np.sin(d)
    out["htmID"] = htm_ids(ra, dec)
    g = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs").galactic
    out["l"], out["b"] = g.l.deg, g.b.deg
    cal = (md["photZPCat"], mf["expTime"])
    air = (md["extinctionCat"], mf["amStart"], mf["amEnd"])
    default = dict((c[0], c[2]) for c in columns)
    fluxes = [("isoMag", "isoFlux", None, None)] + [(f"aperMag{k}", f"aperFlux{k}", f"aperCor{k}", f"aperFlux{k}Err") for k in range(1, 8)] \
        + [(f"{p}Mag", f"{p}Flux", None, f"{p}FluxErr") for p in ("petro", "kron", "hl")]
    for mag, flux, apcor, err in fluxes:
        f = out[flux].astype(np.float64)
        out[mag] = magnitude(f, cal[0], cal[1], md[apcor] if apcor else 0.0, *air, default[mag]).astype(np.float32)
        if err:
            out[mag + "Err"] = magnitude_error(f, out[err].astype(np.float64), default[mag + "Err"]).astype(np.float32)
    for name in ("ppErrBits", "deprecated"):
        out[name] = np.full(n, default[name], dtype=np.int64)
    return [out[c[0]] for c in columns]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("catalogue")
    ap.add_argument("db")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    t_import = time.perf_counter() - T_START
    catalogue = os.path.abspath(args.catalogue)
    columns = template_columns()

    con = sqlite3.connect(args.db)
    con.execute("PRAGMA foreign_keys = ON")
    con.row_factory = sqlite3.Row
    live = [r["name"] for r in con.execute("PRAGMA table_info(lasDetection)")]
    if live != [c[0] for c in columns]:
        sys.exit(f"lasDetection's columns are not the template's:\n  {live}\n  {[c[0] for c in columns]}")
    mf = con.execute("SELECT * FROM Multiframe WHERE catName = ?", (catalogue,)).fetchone()
    if mf is None:
        sys.exit(f"no Multiframe names {catalogue} as its catalogue: run curate cu3 on its image first")
    detectors = {r["extNum"]: r for r in con.execute("SELECT * FROM MultiframeDetector WHERE multiframeID = ?", (mf["multiframeID"],))}
    con.row_factory = None
    insert = f"INSERT INTO lasDetection ({', '.join(live)}) VALUES ({', '.join('?' * len(live))})"

    times = {"import": t_import, "read": 0.0, "compute": 0.0, "rows": 0.0, "insert": 0.0}
    rows = 0
    with fits.open(catalogue, memmap=False) as hdul:
        for index, hdu in enumerate(hdul):
            if not isinstance(hdu, fits.BinTableHDU):
                continue
            t0 = time.perf_counter()
            table = {name: hdu.data.field(name) for name in hdu.columns.names}
            t1 = time.perf_counter()
            arrays = detection_columns(table, columns, mf, detectors[index + 1], 99)
            t2 = time.perf_counter()
            tuples = zip(*[a.tolist() for a in arrays])
            t3 = time.perf_counter()
            con.executemany(insert, tuples)  # the tuples are made as executemany takes them
            t4 = time.perf_counter()
            times["read"] += t1 - t0
            times["compute"] += t2 - t1
            times["rows"] += t3 - t2
            times["insert"] += t4 - t3
            rows += len(arrays[0])
    t0 = time.perf_counter()
    con.commit()
    times["commit"] = time.perf_counter() - t0
    con.close()
    times["total"] = time.perf_counter() - T_START
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"peer: {rows:,} rows x {len(live)} columns; " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
          + f"; peak RSS {rss:.0f} MB", file=sys.stderr)
    if args.json:
        json.dump({"tool": "astropy + numpy + sqlite3", "astropy": astropy.__version__, "numpy": np.__version__,
                   "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "rows": rows,
                   "columns": len(live), "times_s": times, "peak_rss_mb": round(rss, 1)}, sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
