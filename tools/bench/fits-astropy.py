#!/usr/bin/python3
"""Peer benchmark: time astropy reading the files written by make-fits-data.py.

Usage: fits-astropy.py OUTDIR [--repeat R] [--warmup W] [--tasks LIST] [--json]

Tasks (each timed as a whole: open, read, reduce, close; in-process):
  table         catalogue-1M.fits, memmap=False: for each of the 80 columns materialise a
                native-endian float64 array of physical values, sum its finite values and
                count them.
  image         image-4096x2048.fits, memmap=False: data as float64 physical values;
                min, max, mean over finite pixels and the finite count.
  table_memmap  as table, memmap=True (astropy's default)
  image_memmap  as image, memmap=True

Reports median and min wall time per task and the process's peak RSS (ru_maxrss) at the
end. With --json, stdout is one JSON object and the human-readable lines go to stderr.
Timings are warm-cache: the files are normally in the page cache after generation.

Sums are float64 numpy sums (pairwise summation), so another implementation that adds
sequentially should compare them with a relative tolerance (~1e-9), and counts exactly.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy).
"""

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time

import numpy as np
import astropy
from astropy.io import fits

CATALOGUE_NAME = "catalogue-1M.fits"
IMAGE_NAME = "image-4096x2048.fits"
ALL_TASKS = ["table", "image", "table_memmap", "image_memmap"]


def run_table(path, memmap):
    sums, counts = [], []
    with fits.open(path, memmap=memmap) as hdul:
        hdu = hdul[1]
        data = hdu.data
        for i in range(len(hdu.columns)):
            col = np.asarray(data.field(i), dtype="f8")   # physical, native-endian f8
            finite = np.isfinite(col)
            sums.append(float(np.sum(col, where=finite)))
            counts.append(int(np.count_nonzero(finite)))
        names = list(hdu.columns.names)
        nrows = int(hdu.header["NAXIS2"])
        del data, col, finite
    return {"rows": nrows, "columns": names, "sum": sums, "finite": counts}


def run_image(path, memmap):
    with fits.open(path, memmap=memmap) as hdul:
        hdu = hdul[0]
        img = np.asarray(hdu.data, dtype="f8")           # physical, native-endian f8
        finite = np.isfinite(img)
        n = int(np.count_nonzero(finite))
        res = {
            "naxis1": int(hdu.header["NAXIS1"]),
            "naxis2": int(hdu.header["NAXIS2"]),
            "min": float(np.min(img, where=finite, initial=np.inf)),
            "max": float(np.max(img, where=finite, initial=-np.inf)),
            "sum": float(np.sum(img, where=finite)),
            "finite": n,
        }
        res["mean"] = res["sum"] / n if n else float("nan")
        del img, finite
    return res


TASKS = {
    "table": lambda d: run_table(os.path.join(d, CATALOGUE_NAME), memmap=False),
    "image": lambda d: run_image(os.path.join(d, IMAGE_NAME), memmap=False),
    "table_memmap": lambda d: run_table(os.path.join(d, CATALOGUE_NAME), memmap=True),
    "image_memmap": lambda d: run_image(os.path.join(d, IMAGE_NAME), memmap=True),
}


def same_result(a, b):
    """Results of repeated runs / memmap variants must agree (sums to rounding)."""
    if a.keys() != b.keys():
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, list):
            if len(x) != len(y) or any(not same_value(u, v) for u, v in zip(x, y)):
                return False
        elif not same_value(x, y):
            return False
    return True


def same_value(x, y):
    if isinstance(x, float) or isinstance(y, float):
        return x == y or abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    return x == y


def peak_rss_mb():
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", help="directory holding the make-fits-data.py output")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=0,
                    help="untimed runs of each task before timing (default 0)")
    ap.add_argument("--tasks", default=",".join(ALL_TASKS),
                    help=f"comma-separated subset of {','.join(ALL_TASKS)}")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    args = ap.parse_args()
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    bad = [t for t in tasks if t not in TASKS]
    if bad or not tasks:
        ap.error(f"unknown task(s) {bad}; choose from {ALL_TASKS}")
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    for prefix, name in (("table", CATALOGUE_NAME), ("image", IMAGE_NAME)):
        p = os.path.join(args.outdir, name)
        if any(t.startswith(prefix) for t in tasks) and not os.path.exists(p):
            sys.exit(f"missing {p}; run make-fits-data.py {args.outdir} first")

    log = sys.stderr if args.json else sys.stdout

    def say(msg):
        print(msg, file=log, flush=True)

    say(f"astropy {astropy.__version__}, numpy {np.__version__}, "
        f"python {platform.python_version()}, repeat {args.repeat}, warmup {args.warmup}")

    timings, results = {}, {}
    for task in tasks:
        fn = TASKS[task]
        for _ in range(args.warmup):
            fn(args.outdir)
        times, first = [], None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = fn(args.outdir)
            times.append(time.perf_counter() - t0)
            if first is None:
                first = res
            elif not same_result(first, res):
                sys.exit(f"{task}: result changed between repetitions")
        timings[task] = {
            "median_s": statistics.median(times),
            "min_s": min(times),
            "repeat": args.repeat,
            "times_s": times,
        }
        say(f"{task:13s} median {timings[task]['median_s']:8.4f} s   "
            f"min {timings[task]['min_s']:8.4f} s   "
            f"({', '.join(f'{t:.3f}' for t in times)})")
        base = task.replace("_memmap", "")
        if base in results:
            if not same_result(results[base], first):
                sys.exit(f"{task}: result differs from the memmap=False variant")
        else:
            results[base] = first

    rss = peak_rss_mb()
    say(f"peak RSS {rss:.1f} MB")

    if "table" in results:
        t = results["table"]
        idx = {n: i for i, n in enumerate(t["columns"])}
        parts = []
        for n in ("Sequence_number", "RA", "DEC", "Isophotal_flux"):
            if n in idx:
                i = idx[n]
                parts.append(f"{n} sum={t['sum'][i]:.10g} finite={t['finite'][i]}")
        say(f"table: {t['rows']} rows x {len(t['columns'])} cols; " + "; ".join(parts))
    if "image" in results:
        r = results["image"]
        say(f"image: {r['naxis1']}x{r['naxis2']} min={r['min']:.6g} max={r['max']:.6g} "
            f"mean={r['mean']:.10g} finite={r['finite']} "
            f"(NaN {r['naxis1'] * r['naxis2'] - r['finite']})")

    if args.json:
        out = {
            "tool": "astropy",
            "version": astropy.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "tasks": timings,
            "peak_rss_mb": round(rss, 1),
            "results": results,
        }
        json.dump(out, sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
