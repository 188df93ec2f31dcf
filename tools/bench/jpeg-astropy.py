#!/usr/bin/python3
"""Peer benchmark of CU2's preview: astropy, numpy and Pillow making the JPEG preview of the image written by
make-fits-data.py, as CU2 makes it.

Usage: jpeg-astropy.py DATADIR [--repeat R] [--json]

Each repeat, timed as a whole in-process (after three untimed warm-ups, as the C# side), from opening the file to the JPEG written:
  read      astropy.io.fits, memmap=False: the image's data (big-endian float32, as astropy gives it)
  limits    astropy.visualization.ZScaleInterval().get_limits(data) (defaults: n_samples=1000, contrast=0.25, ...)
  scale     numpy: grey = floor(clip((data - vmin) / (vmax - vmin), 0, 1) * 255 + 0.5) as uint8, NaN as 0,
            numpy.flipud (FITS row 1 at the bottom) and, as CU2 does for a WCS with east right of north (the
            benchmark image's CD matrix has a positive determinant), numpy.fliplr; made contiguous for Pillow
  encode    Pillow: Image.fromarray(grey, "L").save(path, quality=85) (libjpeg-turbo underneath, as CU2's)
Reports the median and minimum wall time, the median CPU time of the process (time.process_time), the median of
each part, and the peak RSS. With --json, stdout is one JSON object and the readable lines go to stderr.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy, python3-pil).
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time

import astropy
import numpy as np
import PIL
from astropy.io import fits
from astropy.visualization import ZScaleInterval
from PIL import Image

IMAGE_NAME = "image-4096x2048.fits"


def mirrored(header):
    """CU2's orientation rule: a celestial CD matrix of positive determinant (east right of north) is mirrored."""
    cd = np.array([[header.get("CD1_1", 0.0), header.get("CD1_2", 0.0)], [header.get("CD2_1", 0.0), header.get("CD2_2", 0.0)]])
    celestial = str(header.get("CTYPE1", "")).startswith("RA") and str(header.get("CTYPE2", "")).startswith("DEC")
    return celestial and np.linalg.det(cd) > 0


def preview(path, out):
    t0 = time.perf_counter()
    with fits.open(path, memmap=False) as hdul:
        data = hdul[0].data
        mirror = mirrored(hdul[0].header)
    t1 = time.perf_counter()
    vmin, vmax = ZScaleInterval().get_limits(data)
    t2 = time.perf_counter()
    with np.errstate(invalid="ignore"):
        norm = np.clip((data - vmin) / (vmax - vmin), 0, 1)
    grey = np.floor(np.nan_to_num(norm, nan=0.0) * 255 + 0.5).astype(np.uint8)
    grey = np.flipud(grey)
    if mirror:
        grey = np.fliplr(grey)
    grey = np.ascontiguousarray(grey)
    t3 = time.perf_counter()
    Image.fromarray(grey, "L").save(out, quality=85)
    t4 = time.perf_counter()
    return {"read": t1 - t0, "limits": t2 - t1, "scale": t3 - t2, "encode": t4 - t3}, float(vmin), float(vmax)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datadir")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    log = sys.stderr if args.json else sys.stdout
    path = os.path.join(args.datadir, IMAGE_NAME)
    outdir = os.path.join(args.datadir, "jpeg-out")
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, "astropy.jpg")

    print(f"astropy {astropy.__version__}, numpy {np.__version__}, Pillow {PIL.__version__}, repeat {args.repeat} (+3 warm-up)", file=log)
    for _ in range(3):
        preview(path, out)
    times, cpu, parts = [], [], []
    for _ in range(args.repeat):
        c0 = time.process_time()
        w0 = time.perf_counter()
        part, vmin, vmax = preview(path, out)
        times.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
        parts.append(part)
    split = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
    median = statistics.median(times)
    print(f"preview  median {median:7.4f} s  min {min(times):7.4f} s  cpu {statistics.median(cpu):7.4f} s   "
          + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in split.items()), file=log)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.1f} MB; limits ({vmin}, {vmax})", file=log)
    if args.json:
        print(json.dumps({
            "tool": "astropy+numpy+Pillow", "astropy": astropy.__version__, "numpy": np.__version__, "pillow": PIL.__version__,
            "tasks": {"preview": {"median_s": median, "min_s": min(times), "cpu_median_s": statistics.median(cpu),
                                  "repeat": args.repeat, "times_s": times, "parts_median_s": split}},
            "peak_rss_mb": round(peak, 1), "vmin": vmin, "vmax": vmax, "jpeg": out, "jpeg_bytes": os.path.getsize(out),
        }))


if __name__ == "__main__":
    main()
