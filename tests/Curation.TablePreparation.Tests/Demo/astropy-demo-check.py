"""Reads a demonstration night's catalogues and images with astropy (the peer of the C# writer) and prints, as JSON,
for every catalogue extension: its rows, and the largest distance (arcsec) between each detection's RA/DEC and the sky
position astropy's WCS of the image extension gives its X_coordinate/Y_coordinate.

Usage: astropy-demo-check.py CATALOGUE IMAGE [CATALOGUE IMAGE ...]
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS, FITSFixedWarning

warnings.simplefilter("ignore", FITSFixedWarning)

out = []
args = sys.argv[1:]
for catalogue, image in zip(args[0::2], args[1::2]):
    with fits.open(catalogue) as cat, fits.open(image) as img:
        for ext in range(1, len(cat)):
            table = cat[ext].data
            wcs = WCS(img[ext].header)
            x = np.asarray(table["X_coordinate"], dtype=np.float64)
            y = np.asarray(table["Y_coordinate"], dtype=np.float64)
            ra = np.degrees(np.asarray(table["RA"], dtype=np.float64))
            dec = np.degrees(np.asarray(table["DEC"], dtype=np.float64))
            if len(x):
                wra, wdec = wcs.all_pix2world(x, y, 1)
                dra = (wra - ra + 180.0) % 360.0 - 180.0
                sep = 3600.0 * np.hypot(dra * np.cos(np.radians(dec)), wdec - dec)
                worst = float(sep.max())
            else:
                worst = 0.0
            out.append({
                "catalogue": catalogue,
                "ext": ext,
                "rows": int(cat[ext].header["NAXIS2"]),
                "columns": [c.name for c in cat[ext].columns],
                "formats": sorted({c.format for c in cat[ext].columns}),
                "imageShape": list(img[ext].data.shape),
                "maxSeparationArcsec": worst,
                "ctype": [wcs.wcs.ctype[0], wcs.wcs.ctype[1]],
            })
json.dump(out, sys.stdout)
