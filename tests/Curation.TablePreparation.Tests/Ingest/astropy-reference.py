"""astropy's reading of a FITS file, for the ingest tests: every HDU's cards and, for binary tables, every column.

Usage: astropy-reference.py FILE [--columns]   prints one JSON document:
  {"hdus": [{"index": i, "cards": [[keyword, type, value], ...], "columns": {name: {"unit": u, "values": [...]}}}]}
type is L, I, F, C, S, U (undefined) or X (commentary), as HeaderCard.valueType; values of floats are written with
repr() so that nothing is lost; NaN as null.
"""
import json
import math
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.utils.exceptions import AstropyWarning

warnings.simplefilter("ignore", AstropyWarning)


def card_type(card):
    if card.keyword in ("COMMENT", "HISTORY", "") or card.is_blank:
        return "X"
    v = card.value
    if isinstance(v, bool) or isinstance(v, np.bool_):
        return "L"
    if isinstance(v, (int, np.integer)):
        return "I"
    if isinstance(v, (float, np.floating)):
        return "F"
    if isinstance(v, complex):
        return "C"
    if isinstance(v, str):
        return "S"
    return "U"


def plain(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode("ascii", "replace")
    return str(v)


def main():
    path = sys.argv[1]
    with_columns = "--columns" in sys.argv
    out = []
    with fits.open(path, disable_image_compression=False) as hdus:
        for i, hdu in enumerate(hdus):
            cards = [[c.keyword, card_type(c), plain(c.value) if card_type(c) != "U" else None] for c in hdu.header.cards]
            entry = {"index": i, "cards": cards}
            if with_columns and isinstance(hdu, fits.BinTableHDU):
                cols = {}
                for c in hdu.columns:
                    data = hdu.data[c.name]
                    if data.ndim > 1:
                        data = data[:, 0]
                    cols[c.name] = {"unit": c.unit, "values": [plain(x) for x in data.tolist()]}
                entry["columns"] = cols
            out.append(entry)
    json.dump({"hdus": out}, sys.stdout)


main()
