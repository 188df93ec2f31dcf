#!/usr/bin/python3
"""Generate deterministic FITS benchmark inputs.

Usage: make-fits-data.py OUTDIR [--rows N] [--seed S] [--force] [--only catalogue|image]

Writes into OUTDIR:
  catalogue-1M.fits     empty primary HDU + BINTABLE 'APM-BINARYTABLE', N rows x 80
                        float32 ('1E') columns laid out like a CASU imcore catalogue
                        (names, units, order and non-structural header keywords are
                        read from the real NGTS/CASU fixture at generation time).
  image-4096x2048.fits  BITPIX -32 primary image, NAXIS1=4096, NAXIS2=2048: sky ~1000
                        with sigma ~10 noise, a few thousand Gaussian stars, a NaN bad
                        column plus scattered NaN pixels, minimal header with TAN WCS.

Existing files are kept unless --force is given (or the catalogue's row count differs
from --rows). --only writes one of the two (tools/bench-jpeg needs only the image). Files
are written to a temporary name and renamed when complete.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy).
"""

import argparse
import math
import os
import re
import sys
import time

import numpy as np
from astropy.io import fits

REAL_CATALOGUE = "/work/shared/fixtures/fits/ngts-casu/procIMAGE80220150514002449.cat"
CATALOGUE_NAME = "catalogue-1M.fits"
IMAGE_NAME = "image-4096x2048.fits"
IMAGE_NX, IMAGE_NY = 4096, 2048          # NAXIS1, NAXIS2
CHUNK_ROWS = 100_000                      # fixed: part of the deterministic RNG stream
BLOCK = 2880

# Keywords that describe the table layout rather than its content; never copied.
STRUCTURAL = re.compile(
    r"^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|TFIELDS|EXTNAME|END|"
    r"(TTYPE|TFORM|TUNIT|TSCAL|TZERO|TNULL|TDISP|TDIM|TBCOL)\d+)$")


def fmt_size(n):
    return f"{n:,} bytes ({n / 2**20:.1f} MiB)"


# --------------------------------------------------------------------------- catalogue

def read_template():
    """Column names/units and table header cards of the real CASU catalogue."""
    with fits.open(REAL_CATALOGUE, memmap=False) as hdul:
        table = hdul[1]
        cols = table.columns
        names = list(cols.names)
        units = [c.unit or "" for c in cols]
        forms = [str(c.format) for c in cols]
        header = table.header.copy()
    if len(names) != 80 or any(f != "1E" for f in forms):
        sys.exit(f"unexpected template layout: {len(names)} columns, formats {set(forms)}")
    return header, names, units


def table_header(template_hdr, names, units, nrows):
    coldefs = fits.ColDefs([fits.Column(name=n, format="1E", unit=u)
                            for n, u in zip(names, units)])
    hdr = fits.BinTableHDU.from_columns(coldefs, nrows=0).header
    hdr["NAXIS2"] = nrows
    hdr["EXTNAME"] = ("APM-BINARYTABLE", "name of this binary table extension")
    # Keep the real per-column comments (e.g. the Aper_flux aperture descriptions).
    for i in range(1, len(names) + 1):
        for k in ("TTYPE", "TFORM", "TUNIT"):
            key = f"{k}{i}"
            if key in template_hdr and key in hdr:
                hdr.comments[key] = template_hdr.comments[key]
    for card in template_hdr.cards:
        if STRUCTURAL.match(card.keyword):
            continue
        hdr.append(card, useblanks=False, bottom=True)
    return hdr


def primary_header():
    # Empty primary HDU (SIMPLE/BITPIX/NAXIS=0/EXTEND). The real file's primary cards
    # are deliberately not copied (one of them, PV2_7, draws a fitsverify warning).
    return fits.PrimaryHDU().header


# Relative aperture radii of Aper_flux_1..13 in units of the core radius (imcore).
APER_RADII = np.array([0.5, 1 / math.sqrt(2), 1.0, math.sqrt(2), 2.0, 2 * math.sqrt(2),
                       4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0])


def generate_chunk(rng, start, n, names, wcs):
    """Return an (n, 80) big-endian float32 array of catalogue rows start+1..start+n."""
    rcore, skynoise, sky0, gain, thresh = 3.0, 11.46, 231.94, 2.1, 80.24
    col = {}
    col["Sequence_number"] = np.arange(start + 1, start + n + 1, dtype=np.float64)

    cls = rng.choice(np.array([-1.0, 1.0, -2.0, 0.0, -3.0, -9.0]), size=n,
                     p=[0.56, 0.32, 0.05, 0.05, 0.015, 0.005])
    flux = np.exp(rng.normal(math.log(1200.0), 1.4, n)) + 150.0          # log-normal
    stellar = cls == -1.0
    sigma = np.where(stellar, 0.72 + rng.gamma(2.0, 0.06, n), 0.75 + rng.gamma(1.5, 0.6, n))
    sigma = np.minimum(sigma, 28.0)

    x = rng.uniform(1.0, 2048.0, n)
    y = rng.uniform(1.0, 2048.0, n)
    snr = flux / np.sqrt(flux / gain + 2 * math.pi * sigma**2 * skynoise**2)
    poserr = np.clip(sigma / snr, 0.01, 1.0)
    col["Isophotal_flux"] = flux
    col["X_coordinate"] = x
    col["X_coordinate_err"] = poserr * rng.uniform(0.9, 1.1, n)
    col["Y_coordinate"] = y
    col["Y_coordinate_err"] = poserr * rng.uniform(0.9, 1.1, n)
    col["Gaussian_sigma"] = sigma
    col["Ellipticity"] = np.where(stellar, rng.beta(2.0, 12.0, n), rng.beta(2.0, 5.0, n))
    col["Position_angle"] = rng.uniform(0.0, 180.0, n)

    # Areal profiles: pixel counts above thresholds 1,2,4,...,128 x threshold; -1 when
    # the image was deblended (imcore convention), otherwise non-negative integers.
    peak = np.clip(flux / (2 * math.pi * sigma**2) * rng.uniform(0.9, 1.1, n),
                   thresh * 1.1, 63746.5)   # detected: above threshold, below saturation
    blended = rng.random(n) < 0.04
    for k in range(1, 9):
        level = thresh * 2 ** (k - 1)
        ratio = np.maximum(peak / level, 1.0)
        area = np.floor(2 * math.pi * sigma**2 * np.log(ratio) * (1 - col["Ellipticity"] / 2))
        if k == 1:
            area = np.maximum(area, 2.0)
        else:
            area = np.where(blended, -1.0, area)
        col[f"Areal_{k}_profile"] = area
    col["Peak_height"] = peak
    col["Peak_height_err"] = np.sqrt(peak / gain + skynoise**2 + 2.0)

    growth_scale = 1.0 + 0.25 * (~stellar)          # extended sources keep growing
    for k, r in enumerate(APER_RADII, start=1):
        rad = r * rcore
        frac = 1.0 - np.exp(-(rad**2) / (2 * (sigma * growth_scale) ** 2))
        true = flux * 1.15 * frac
        err = np.sqrt(np.maximum(true, 0) / gain + math.pi * rad**2 * skynoise**2)
        # wide apertures pick up neighbours / sky errors: occasionally strongly negative
        contam = rng.normal(0.0, 1.0, n) * err * (1 + (k > 6) * rng.exponential(0.5, n))
        col[f"Aper_flux_{k}"] = true + contam
        col[f"Aper_flux_{k}_err"] = err

    col["Petr_radius"] = np.clip(2.0 + rng.gamma(1.2, 0.5, n) * sigma, 1.9947, 18.0)
    col["Kron_radius"] = np.clip(0.75 + rng.gamma(2.0, 0.5, n) * sigma, 0.75, 10.12)
    col["Half_radius"] = np.clip(sigma * 1.1774 * rng.uniform(0.6, 1.2, n), 0.198, 15.8)
    for name, f in (("Petr", 1.2), ("Kron", 1.18), ("Half", 0.5)):
        rad = col[f"{name}_radius"]
        val = flux * f * rng.uniform(0.95, 1.05, n)
        err = np.sqrt(val / gain + math.pi * rad**2 * skynoise**2)
        col[f"{name}_flux"] = val
        col[f"{name}_flux_err"] = err

    col["Error_bit_flag"] = np.where(rng.random(n) < 0.01, 1.0, 0.0)
    col["Sky_level"] = sky0 + rng.normal(0.0, 1.5, n)
    col["Sky_rms"] = np.abs(rng.normal(0.0, 0.17, n))
    col["Av_conf"] = np.maximum(101.0 - rng.exponential(0.3, n) ** 2, 83.0)

    ra, dec = wcs(x, y)
    col["RA"] = ra
    col["DEC"] = dec
    col["Classification"] = cls
    col["Statistic"] = np.where(stellar, rng.normal(0.0, 1.5, n),
                                rng.normal(0.0, 2.0, n) + rng.exponential(6.0, n))

    out = np.zeros((n, len(names)), dtype=">f4")   # Blank63..Blank80 stay zero
    for j, name in enumerate(names):
        if name in col:
            out[:, j] = col[name]
        elif not name.startswith("Blank"):
            sys.exit(f"no generator for column {name!r}")
    return out


def tan_wcs_from_header(hdr):
    """x,y (1-based pixels) -> RA, DEC in radians, gnomonic about the header's
    column-WCS reference (TCRVL/TCRPX/TC matrix of the X/Y columns)."""
    ra0 = math.radians(hdr["TCRVL3"])
    dec0 = math.radians(hdr["TCRVL5"])
    crpix1, crpix2 = hdr["TCRPX3"], hdr["TCRPX5"]
    cd11, cd12 = hdr["TC3_3"], hdr["TC3_5"]
    cd21, cd22 = hdr["TC5_3"], hdr["TC5_5"]

    def wcs(x, y):
        dx, dy = x - crpix1, y - crpix2
        xi = np.radians(cd11 * dx + cd12 * dy)
        eta = np.radians(cd21 * dx + cd22 * dy)
        denom = math.cos(dec0) - eta * math.sin(dec0)
        ra = ra0 + np.arctan2(xi, denom)
        dec = np.arctan2(eta * math.cos(dec0) + math.sin(dec0), np.hypot(xi, denom))
        return np.mod(ra, 2 * math.pi), dec

    return wcs


def write_catalogue(path, nrows, seed):
    template_hdr, names, units = read_template()
    phdr = primary_header()
    thdr = table_header(template_hdr, names, units, nrows)
    wcs = tan_wcs_from_header(template_hdr)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))

    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(phdr.tostring().encode("ascii"))
        f.write(thdr.tostring().encode("ascii"))
        written = 0
        for start in range(0, nrows, CHUNK_ROWS):
            n = min(CHUNK_ROWS, nrows - start)
            f.write(generate_chunk(rng, start, n, names, wcs).tobytes())
            written += n * 4 * len(names)
        pad = (-written) % BLOCK
        f.write(b"\0" * pad)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- image

def write_image(path, seed):
    rng = np.random.default_rng(np.random.SeedSequence([seed, 2]))
    ny, nx = IMAGE_NY, IMAGE_NX
    img = rng.normal(1000.0, 10.0, size=(ny, nx)).astype(np.float32)
    # gentle background gradient so the sky is not perfectly flat
    yy = np.linspace(-1.0, 1.0, ny, dtype=np.float32)[:, None]
    xx = np.linspace(-1.0, 1.0, nx, dtype=np.float32)[None, :]
    img += 3.0 * xx + 2.0 * yy

    nstars = 3000
    sx = rng.uniform(0.0, nx - 1, nstars)
    sy = rng.uniform(0.0, ny - 1, nstars)
    flux = np.exp(rng.normal(math.log(3000.0), 1.5, nstars))
    fwhm = rng.uniform(1.8, 3.2, nstars)
    sig = fwhm / 2.3548
    for x0, y0, f, s in zip(sx, sy, flux, sig):
        r = int(math.ceil(5 * s))
        x1, x2 = max(int(x0) - r, 0), min(int(x0) + r + 1, nx)
        y1, y2 = max(int(y0) - r, 0), min(int(y0) + r + 1, ny)
        gx = np.exp(-((np.arange(x1, x2) - x0) ** 2) / (2 * s * s))
        gy = np.exp(-((np.arange(y1, y2) - y0) ** 2) / (2 * s * s))
        img[y1:y2, x1:x2] += (f / (2 * math.pi * s * s) * np.outer(gy, gx)).astype(np.float32)
    np.minimum(img, 65000.0, out=img)           # saturation

    img[:, 1234] = np.nan                        # bad column (FITS x = 1235)
    bad = rng.integers(0, ny * nx, 500)          # scattered hot/dead pixels
    img.reshape(-1)[bad] = np.nan

    hdr = fits.Header()
    hdr["OBJECT"] = ("NG1133-0127", "Field name")
    hdr["EXPTIME"] = (10.0, "Exposure time [sec]")
    hdr["FILTER"] = ("NGTS", "Filter")
    hdr["DATE-OBS"] = ("2015-05-14T00:24:49", "UTC start of exposure")
    hdr["BUNIT"] = ("ADU", "Pixel units")
    hdr["RADESYS"] = "ICRS"
    hdr["EQUINOX"] = 2000.0
    hdr["CTYPE1"] = "RA---TAN"
    hdr["CTYPE2"] = "DEC--TAN"
    hdr["CRVAL1"] = (173.315996416886, "[deg] RA at reference pixel")
    hdr["CRVAL2"] = (-1.33880514560841, "[deg] Dec at reference pixel")
    hdr["CRPIX1"] = (nx / 2 + 0.5, "Reference pixel along axis 1")
    hdr["CRPIX2"] = (ny / 2 + 0.5, "Reference pixel along axis 2")
    hdr["CD1_1"] = -0.001406747065248
    hdr["CD1_2"] = 1.53307755023051e-05
    hdr["CD2_1"] = -1.52274186282108e-05
    hdr["CD2_2"] = -0.00140685627184636
    hdr["CUNIT1"] = "deg"
    hdr["CUNIT2"] = "deg"
    hdr["COMMENT"] = f"Synthetic benchmark image: make-fits-data.py seed={seed}, {nstars} stars"

    tmp = path + ".tmp"
    fits.PrimaryHDU(data=img, header=hdr).writeto(tmp, overwrite=True, output_verify="exception")
    os.replace(tmp, path)


# --------------------------------------------------------------------------- main

def existing_rows(path):
    try:
        with fits.open(path, memmap=True) as hdul:
            return hdul[1].header.get("NAXIS2")
    except Exception:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20150514)
    ap.add_argument("--force", action="store_true", help="regenerate existing files")
    ap.add_argument("--only", choices=["catalogue", "image"], help="write only this file")
    args = ap.parse_args()
    if args.rows < 1:
        ap.error("--rows must be positive")
    os.makedirs(args.outdir, exist_ok=True)

    total0 = time.perf_counter()
    cat = os.path.join(args.outdir, CATALOGUE_NAME)
    img = os.path.join(args.outdir, IMAGE_NAME)

    jobs = [(cat, lambda: write_catalogue(cat, args.rows, args.seed)),
            (img, lambda: write_image(img, args.seed))]
    if args.only:
        jobs = [j for j in jobs if j[0] == (cat if args.only == "catalogue" else img)]
    for path, job in jobs:
        if os.path.exists(path) and not args.force:
            if path == cat and existing_rows(path) != args.rows:
                print(f"regenerating {path}: row count {existing_rows(path)} != --rows {args.rows}")
            else:
                print(f"exists, skipped (use --force): {path}  {fmt_size(os.path.getsize(path))}")
                continue
        t0 = time.perf_counter()
        job()
        dt = time.perf_counter() - t0
        print(f"wrote {path}  {fmt_size(os.path.getsize(path))}  in {dt:.2f} s")
    print(f"total {time.perf_counter() - total0:.2f} s")


if __name__ == "__main__":
    main()
