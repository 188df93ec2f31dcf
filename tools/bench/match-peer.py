#!/usr/bin/python3
"""tools/bench-match's Python side (astropy, numpy).

  match-peer.py fits FILE.bin...       writes FILE.fits beside each binary position file (columns id, ra, dec), for STILTS
  match-peer.py compare OURS.bin STILTS.fits [--self]
                                       checks that the two hold the same pairs (id_1, id_2) with the same separations
                                       (arcsec, to 1e-6 arcsec); with --self, STILTS's pairs of a source with itself are
                                       left out first. Prints one JSON line.
"""
import json, sys
import numpy as np
from astropy.io import fits


def read_outgest(path):
    d = json.load(open(path + ".json"))
    cols = d["columns"]
    dtype = np.dtype({"names": [c["name"] for c in cols], "formats": [c["numpy"] for c in cols],
                      "offsets": [c["offset"] for c in cols], "itemsize": d["record_size"]})
    return np.fromfile(path, dtype=dtype)


def to_fits(path):
    t = read_outgest(path)
    hdu = fits.BinTableHDU.from_columns([
        fits.Column(name="id", format="K", array=np.ascontiguousarray(t["id"])),
        fits.Column(name="ra", format="D", array=np.ascontiguousarray(t["ra"])),
        fits.Column(name="dec", format="D", array=np.ascontiguousarray(t["dec"]))])
    hdu.writeto(path[:-4] + ".fits", overwrite=True)


def compare(ours_path, stilts_path, self_match):
    ours = read_outgest(ours_path)
    with fits.open(stilts_path, memmap=True) as h:
        s = h[1].data
        a, b, sep = np.array(s["id_1"]), np.array(s["id_2"]), np.array(s["Separation"])
    if self_match:
        keep = a != b
        a, b, sep = a[keep], b[keep], sep[keep]
    oa, ob, osep = ours["idA"], ours["idB"], ours["separationArcsec"]
    result = {"ours": int(len(oa)), "stilts": int(len(a))}
    o1 = np.lexsort((ob, oa))
    o2 = np.lexsort((b, a))
    same = len(oa) == len(a) and bool(np.array_equal(oa[o1], a[o2]) and np.array_equal(ob[o1], b[o2]))
    result["same_pairs"] = same
    if same:
        result["worst_separation_difference_arcsec"] = float(np.max(np.abs(osep[o1] - sep[o2]))) if len(a) else 0.0
    else:
        ka = set(zip(oa.tolist(), ob.tolist()))
        kb = set(zip(a.tolist(), b.tolist()))
        result["only_ours"] = len(ka - kb)
        result["only_stilts"] = len(kb - ka)
    print(json.dumps(result))
    return same and result["worst_separation_difference_arcsec"] <= 1e-6


if __name__ == "__main__":
    if sys.argv[1] == "fits":
        for p in sys.argv[2:]:
            to_fits(p)
    elif sys.argv[1] == "compare":
        sys.exit(0 if compare(sys.argv[2], sys.argv[3], "--self" in sys.argv) else 1)
