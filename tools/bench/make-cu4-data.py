#!/usr/bin/python3
"""Generate the CU4 benchmark's input: one WFCAM-like frame and its CASU imcore catalogue.

Usage: make-cu4-data.py OUTDIR [--rows N] [--seed S] [--force]

Writes into OUTDIR, named as the pipeline names them (so that `curate cu3 --file IMAGE`
finds the catalogue beside the image and CU4 ingests it into lasDetection):

  w20071011_00101_sf.fit       primary HDU with the WFCAM keywords CU3 reads (PROJECT
                               'U/UKIDSS/LAS', FILTER 'K', EXP_TIME, AMSTART, AMEND, ...)
                               and 4 small image extensions (64 x 64 float32, one per
                               detector) with MAGZPT, EXTINCT, GAIN, ... and a TAN WCS.
  w20071011_00101_sf_cat.fits  4 binary-table extensions of N/4 rows each (default
                               N = 1,000,000): the 80 '1E' columns of the real NGTS/CASU
                               imcore catalogue in the fixtures (names, units, order), rows
                               made by make-fits-data.py's generator (fluxes, shapes, areal
                               profiles, ...), Sequence_number 1..N/4 in each extension,
                               X/Y on the 2048 x 2048 detector and RA/DEC in radians
                               through the table's TAN column WCS (TCTYPn/TCRVLn/TCRPXn/
                               TCi_j of the X and Y columns), one tangent point for the four
                               detectors as in WFCAM; catalogue keywords MAGZPT, MAGZRR,
                               EXTINCT, APCORPK, APCOR1..7, RCORE, THRESHOL, SKYLEVEL, ...

Existing files are kept unless --force is given or the catalogue's shape differs. Files
are written to a temporary name and renamed when complete. Prints the two paths.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy).
"""

import argparse
import importlib.util
import math
import os
import sys
import time

import numpy as np
from astropy.io import fits

IMAGE_NAME = "w20071011_00101_sf.fit"
CATALOGUE_NAME = "w20071011_00101_sf_cat.fits"
DETECTORS = 4
DETECTOR_PIXELS = 2048
IMAGE_PIXELS = 64                   # the image extensions are small: CU4 reads only the catalogue
PIXEL_SCALE = 0.4 / 3600.0          # WFCAM: 0.4 arcsec per pixel, in degrees
TANGENT = (150.114, 1.892)          # (RA, Dec) of the tangent point, in an LAS stripe
# FITS pixel of the tangent point on each detector: WFCAM's four detectors sit at the corners of a square around the
# optical axis, 0.94 detector widths apart.
TANGENT_PIXEL = {1: (-919.0, -919.0), 2: (2968.0, -919.0), 3: (2968.0, 2968.0), 4: (-919.0, 2968.0)}

_spec = importlib.util.spec_from_file_location("make_fits_data", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-fits-data.py"))
make_fits_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fits_data)


def put(header, key, value, comment):
    """Sets a card, its comment cut to what fits in 80 characters (as the CASU pipeline's own cards are cut)."""
    room = 80 - len(str(fits.Card(key, value)).rstrip()) - 3
    header[key] = (value, comment[:max(room, 0)])


def primary_cards():
    return [
        ("TELESCOP", "UKIRT", "Telescope name"), ("INSTRUME", "WFCAM", "Instrument"),
        ("DHSVER", "UKDHS 2007 Jan 16", "Data handling version"),
        ("OBSERVER", "UKIDSS", "Observers names"), ("PROJECT", "U/UKIDSS/LAS", "Time-allocation code"),
        ("MSBID", "7a3c1b2d00000000000000000000", "Id min.-schedulable block"), ("MSBTID", "7a3c1b2d00000000000000000000", "Transaction id"),
        ("OBSNUM", 101, "Observation number"), ("GRPNUM", 101, "Number of first frame in group"),
        ("TILENUM", -9999, "Tile number"), ("OBJECT", "LAS_1001", "Object name from telescope"),
        ("RECIPE", "JITTER_SELF_FLAT", "Data reduction recipe"), ("OBSTYPE", "OBJECT", "BIAS|DARK|ARC|FLAT|OBJECT|SKY"),
        ("STANDARD", False, "Is the target a standard star?"), ("NJITTER", 2, "Number of positions in tel pattern"),
        ("JITTER_I", 1, "Serial number in this tel jitter pattern"), ("JITTER_X", 0.0, "[arcsec] X (RA) offset in tel jitter pattern"),
        ("JITTER_Y", 0.0, "[arcsec] Y (Dec) offset in tel jitter pattern"), ("NUSTEP", 1, "Number of positions in microstep pattern"),
        ("USTEP_I", 1, "Serial number in this microstep pattern"), ("USTEP_X", 0.0, "[arcsec] X (RA) offset in microstep pattern"),
        ("USTEP_Y", 0.0, "[arcsec] Y (Dec) offset in microstep pattern"), ("UTDATE", "20071011", "UT date as integer in yyyymmdd format"),
        ("DATE-OBS", "2007-10-11T14:02:11.300", "Date and time (UTC) of start of observation"),
        ("DATE-END", "2007-10-11T14:02:22.100", "Date and time (UTC) of end of observation"),
        ("MJD-OBS", 54384.5848530, "DATE-OBS as Modified Julian Date"),
        ("UTSTART", 14.03647, "[h] Start time of observation"), ("UTEND", 14.03947, "[h] End time of observation"),
        ("EXP_TIME", 10.0, "[s] Integration time per exposure"), ("NEXP", 1, "Number of exposures in integration"),
        ("NINT", 1, "Number of integrations in observation"), ("READMODE", "CDS", "Name of camera readmode"),
        ("READINT", 1.0, "[s] Interval between reads"), ("NREADS", 2, "Number of reads per exposure"),
        ("FILTER", "K", "Combined filter name"), ("EQUINOX", 2000.0, "Equinox of object position"),
        ("RADESYS", "FK5", "Mean IAU 1984 equatorial co-ordinates"),
        ("RABASE", TANGENT[0] / 15.0, "[h] Right Ascension of base position"), ("DECBASE", TANGENT[1], "[deg] Declination of base position"),
        ("TELRA", TANGENT[0] / 15.0, "[h] Current telescope RA"), ("TELDEC", TANGENT[1], "[deg] Current telescope Dec"),
        ("HABASE", -12.5, "[deg] Hour angle at base position"),
        ("AMSTART", 1.123, "Airmass at start of observation"), ("AMEND", 1.125, "Airmass at end of observation"),
        ("AIRTEMP", 1.8, "[degC] Air temperature"), ("BARPRESS", 615.2, "[mbar] Ambient pressure"),
        ("DEWPOINT", -15.2, "[degC] Dewpoint"), ("HUMIDITY", 12.0, "[%] Relative humidity"),
        ("WIND_DIR", 210.0, "[deg] Wind direction (azimuth)"), ("WIND_SPD", 14.5, "[km/h] Wind speed"),
        ("CSOTAU", 0.06, "Tau at 225 GHz from CSO"), ("GUIDING", "T", "Guiding"),
    ]


def image_cards(det):
    return [
        ("CAMNUM", det, "Number of WFCAM camera (1, 2, 3 or 4)"), ("DETECTID", f"SN{det:03d}", "Serial number of detector array"),
        ("DETECTOR", "Hawaii-II", "Detector array used"), ("CNFINDEX", 4162, "Configuration index"),
        ("RUNID", f"UKIRT_WFCAM_{det}_20071011_00101", "Unique run ID"),
        ("DROWS", DETECTOR_PIXELS, "[pixel] Number of detector rows"), ("DCOLUMNS", DETECTOR_PIXELS, "[pixel] Number of detector columns"),
        ("PIXLSIZE", 0.4, "[arcsec] Pixel size"), ("GAIN", 4.6, "[electrons/ADU] Detector gain"),
        ("READNOIS", 5.6 + 0.1 * det, "[ADU] Readout noise"), ("DET_TEMP", 75.0, "[K] Detector array temperature"),
        ("DARKCOR", "Done with: m20071011_00015_dark.fit", "Dark correction"),
        ("FLATCOR", "Done with: f20071011_00098_sf_K.fit", "Flat correction"),
        ("SKYSUB", "Done with: sky_20071011_00101_K.fit", "Sky subtraction"),
        ("CIR_CPM", "c20071011_00098_sf_K.fit[1]", "Confidence map"),
        ("SKYLEVEL", 2450.3 + det, "Median sky brightness (counts/pixel)"), ("SKYNOISE", 30.2, "Pixel noise at sky level (counts)"),
        ("SEEING", 2.15, "[pixels] Average FWHM"), ("ELLIPTIC", 0.062, "Average stellar ellipticity (1-b/a)"),
        ("MAGZPT", 22.41 - 0.01 * det, "Photometric ZP (mags) for default extinction"),
        ("MAGZRR", 0.012, "Photometric ZP error (mags)"), ("EXTINCT", 0.05, "Extinction coefficient (mags)"),
        ("NIGHTZPT", 22.40, "Average photometric ZP (mags) for night"), ("NIGHTZRR", 0.02, "Photometric ZP sigma for night (mags)"),
        ("NIGHTNUM", 12, "Number of ZP used in band for night"), ("NUMZPT", 24, "Number of standards used in the ZP"),
    ]


def wcs_cards(det, x, y):
    """The TAN WCS of detector det: as CTYPE1.. for an image, as TCTYPx.. of the X/Y columns for a table."""
    crpix1, crpix2 = TANGENT_PIXEL[det]
    s = PIXEL_SCALE
    if x is None:
        return [("CTYPE1", "RA---TAN", "Gnomonic projection"), ("CTYPE2", "DEC--TAN", "Gnomonic projection"),
                ("CRVAL1", TANGENT[0], "[deg] RA at reference point"), ("CRVAL2", TANGENT[1], "[deg] Dec at reference point"),
                ("CRPIX1", crpix1, "[pixel] Reference pixel along axis 1"), ("CRPIX2", crpix2, "[pixel] Reference pixel along axis 2"),
                ("CD1_1", -s, "Transformation matrix element"), ("CD1_2", 0.0, "Transformation matrix element"),
                ("CD2_1", 0.0, "Transformation matrix element"), ("CD2_2", s, "Transformation matrix element"),
                ("WCSPASS", 2, "Pass level of WCS"), ("NUMBRMS", 512, "Number of astrometric standards used"),
                ("STDCRMS", 0.09, "[arcsec] Astrometric fit error")]
    return [(f"TCTYP{x}", "RA---TAN", "WCS projection"), (f"TCTYP{y}", "DEC--TAN", "WCS projection"),
            (f"TCRVL{x}", TANGENT[0], "RA at reference pixel"), (f"TCRVL{y}", TANGENT[1], "Dec at reference pixel"),
            (f"TCRPX{x}", crpix1, "X-axis reference pixel"), (f"TCRPX{y}", crpix2, "Y-axis reference pixel"),
            (f"TC{x}_{x}", -s, ""), (f"TC{x}_{y}", 0.0, ""), (f"TC{y}_{x}", 0.0, ""), (f"TC{y}_{y}", s, "")]


def catalogue_cards(det):
    return [
        ("NXOUT", DETECTOR_PIXELS, "X-axis size of image"), ("NYOUT", DETECTOR_PIXELS, "Y-axis size of image"),
        ("SKYLEVEL", 2450.3 + det, "Median sky brightness (counts/pixel)"), ("SKYNOISE", 30.2, "Pixel noise at sky level (counts)"),
        ("THRESHOL", 45.3, "Isophotal analysis threshold (counts)"), ("MINPIX", 4, "Minimum size for images (pixels)"),
        ("CROWDED", 1, "Crowded field analysis flag (0 none, 1 active)"), ("RCORE", 3.5, "[pixels] Core radius for default profile fit"),
        ("FILTFWHM", 2.0, "[pixels] FWHM of smoothing kernel"), ("SEEING", 2.15, "Average FWHM (pixels)"),
        ("NBSIZE", 64, "Smoothing box size for background"), ("ELLIPTIC", 0.062, "Average stellar ellipticity (1-b/a)"),
        ("SATURATE", 29800.0, "Average saturation level in frame"),
        ("APCORPK", 1.18, "Stellar aperture correction - peak height"),
        ("APCOR1", 0.61, "Stellar aperture correction - 1/2x core flux"), ("APCOR2", 0.33, "Stellar aperture correction - core/sqrt(2) flux"),
        ("APCOR3", 0.15, "Stellar aperture correction - core flux"), ("APCOR4", 0.064, "Stellar aperture correction - sqrt(2)x core flux"),
        ("APCOR5", 0.031, "Stellar aperture correction - 2x core flux"), ("APCOR6", 0.016, "Stellar aperture correction - 2sqrt(2)x core flux"),
        ("APCOR7", 0.007, "Stellar aperture correction - 4x core flux"),
        ("MAGZPT", 22.41 - 0.01 * det, "Photometric ZP (mags) for default extinction"),
        ("MAGZRR", 0.012, "Photometric ZP error (mags)"), ("EXTINCT", 0.05, "Extinction coefficient (mags)"),
        ("WCSPASS", 2, ""), ("NUMBRMS", 512, ""), ("STDCRMS", 0.09, ""),
    ]


def write_image(path, seed):
    rng = np.random.default_rng(np.random.SeedSequence([seed, 3]))
    primary = fits.PrimaryHDU()
    for key, value, comment in primary_cards():
        put(primary.header, key, value, comment)
    hdus = [primary]
    for det in range(1, DETECTORS + 1):
        data = rng.normal(2450.0, 30.0, (IMAGE_PIXELS, IMAGE_PIXELS)).astype(np.float32)
        hdu = fits.ImageHDU(data=data)
        for key, value, comment in image_cards(det) + wcs_cards(det, None, None):
            put(hdu.header, key, value, comment)
        hdus.append(hdu)
    tmp = path + ".tmp"
    fits.HDUList(hdus).writeto(tmp, overwrite=True, output_verify="exception")
    os.replace(tmp, path)


def write_catalogue(path, rows, seed):
    template, names, units = make_fits_data.read_template()
    per_table = rows // DETECTORS
    x = names.index("X_coordinate") + 1
    y = names.index("Y_coordinate") + 1
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(fits.PrimaryHDU().header.tostring().encode("ascii"))
        for det in range(1, DETECTORS + 1):
            header = make_fits_data.table_header(template, names, units, per_table)
            # The fixture's NGTS-specific cards (ZPN column WCS, site, ...) give way to WFCAM's.
            for key in [c.keyword for c in template.cards if not make_fits_data.STRUCTURAL.match(c.keyword)]:
                header.remove(key, ignore_missing=True, remove_all=True)
            for key, value, comment in catalogue_cards(det) + wcs_cards(det, x, y):
                put(header, key, value, comment)
            wcs = make_fits_data.tan_wcs_from_header({k: v for k, v, _ in wcs_cards(det, 3, 5)})
            f.write(header.tostring().encode("ascii"))
            written = 0
            for start in range(0, per_table, make_fits_data.CHUNK_ROWS):
                n = min(make_fits_data.CHUNK_ROWS, per_table - start)
                chunk = make_fits_data.generate_chunk(rng, start, n, names, wcs)
                # generate_chunk draws X and Y on 1..2048 already; it has no sky noise below zero flux, fine for CU4.
                f.write(chunk.tobytes())
                written += chunk.nbytes
            f.write(b"\0" * ((-written) % make_fits_data.BLOCK))
    os.replace(tmp, path)


def catalogue_shape(path):
    try:
        with fits.open(path, memmap=True) as hdul:
            return [h.header.get("NAXIS2") for h in hdul[1:]]
    except Exception:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20071011)
    ap.add_argument("--force", action="store_true", help="regenerate existing files")
    args = ap.parse_args()
    if args.rows < DETECTORS or args.rows % DETECTORS:
        ap.error(f"--rows must be a positive multiple of {DETECTORS}")
    os.makedirs(args.outdir, exist_ok=True)
    image = os.path.join(args.outdir, IMAGE_NAME)
    catalogue = os.path.join(args.outdir, CATALOGUE_NAME)
    want = [args.rows // DETECTORS] * DETECTORS
    for path, ok, write in ((image, lambda: True, lambda: write_image(image, args.seed)),
                            (catalogue, lambda: catalogue_shape(catalogue) == want,
                             lambda: write_catalogue(catalogue, args.rows, args.seed))):
        if os.path.exists(path) and not args.force and ok():
            continue
        t0 = time.perf_counter()
        write()
        print(f"wrote {path} ({os.path.getsize(path) / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(image)
    print(catalogue)


if __name__ == "__main__":
    main()
