#!/usr/bin/python3
"""Reference FITS dumper built on astropy.io.fits.

Used by the Curation tests to cross-check the C# (CFITSIO-based) dumper.
Run with Debian's interpreter (python3-astropy 5.2.x, numpy 1.24.x):

    /usr/bin/python3 tools/fits/astropy-dump.py [--stats] FILE...

Prints ONE JSON array on stdout: one document per FILE, in argument order:

    {"file": FILE, "hdus": [HDU...], "warnings": ["<Category>: message", ...]}

and, when reading the file failed part-way, additionally
    "error": "<ExceptionType>: <message>"
(with the HDUs read before the failure still listed under "hdus").

Per HDU:
    index, kind, extname, bitpix, naxis, rows, columns, cards
    and with --stats: "stats" on every HDU (image stats for image /
    compressed-image HDUs with data, null everywhere else) and "stats" on
    every table column.
Optional diagnostic members (only present when something went wrong):
    HDU    "data_error"  - astropy (or our raw read) could not load the data
    column "stats_error" - the column's stats could not be computed
    card   "error"       - astropy could not parse the card (value/comment null)

Design choices (see the comments at each place):
  * fits.open(path, memmap=False, ignore_missing_simple=True,
    ignore_missing_end=True, do_not_scale_image_data=True, lazy_load_hdus=True,
    checksum=False, output_verify="ignore")
      - memmap=False: read into memory; mmap on gzip/short files misbehaves
        and keeps files open.
      - ignore_missing_simple / ignore_missing_end: accept files whose first
        card is not SIMPLE or whose last header has no END, so that we read as
        much as possible (a broken file still yields its cards).
      - do_not_scale_image_data=True: image .data is the RAW stored array
        (no BSCALE/BZERO, no BLANK->NaN, no unsigned conversion); we apply
        BLANK/BSCALE/BZERO ourselves in float64.  (Compressed images are read
        through a second handle WITHOUT this flag, see below.)
      - lazy_load_hdus=True (the default): HDUs are read one by one, so HDUs
        read before a failure are still reported.  Note astropy itself turns
        an unparsable *later* header into a VerifyWarning ("Error validating
        header for HDU #n ...") and stops there: that shows up in "warnings".
      - checksum=False: CHECKSUM/DATASUM are not verified (not our business).
      - output_verify="ignore": only matters when writing/flushing; we never
        write, it just guarantees close() cannot raise a verification error.
  * Record-valued keyword cards: astropy rewrites distortion-paper cards like
    D2IM1 = 'EXTVER: 1'  into keyword 'D2IM1.EXTVER' with float value 1.0.
    We want the literal FITS card (keyword D2IM1, string 'EXTVER: 1'), so we
    set fits.conf.enable_record_valued_keyword_cards = False AND (because
    astropy 5.2 ignores that switch when parsing card images) report
    card.rawkeyword / card.rawvalue for any card that still has a
    field_specifier.
  * Table statistics are computed from the RAW BYTES of the table data area
    (hdu._get_raw_data over NAXIS1*NAXIS2 + PCOUNT bytes from the data offset),
    decoded by us from TFORMn/TBCOLn/THEAP.  This is independent of astropy's
    FITS_rec conversions (which apply TSCAL/TZERO, unsigned and bool
    conversions, and for ASCII tables ignore the implied decimal point).
    With --stats we additionally touch astropy's own table data (every field)
    and record a failure as "data_error" so astropy's limits are visible.
  * ASCII-table numeric fields (I, F, E, D) are parsed per the FITS standard:
    a field equal to TNULLn (both stripped) is undefined (excluded); an all-blank
    field reads as 0, as both CFITSIO and astropy read it (the standard says
    nothing about blank numeric fields);
    D or E exponents; with no explicit decimal point the point is implied d
    digits from the right (Fw.d/Ew.d/Dw.d).  Unparsable fields are excluded
    and counted in the column's "stats_error".  (astropy's own FITS_rec
    ignores the implied decimal point and returns 0 for null/blank fields.)
  * Integer TNULLn is honoured for B/I/J/K (also inside P/Q arrays); TNULLn on
    float columns is ignored (NaN is the float null).
  * Sums/means use math.fsum (correctly rounded float64 sum) so the reference
    does not depend on summation order; compare with a tolerance.
"""

import gzip
import json
import math
import os
import re
import signal
import sys
import warnings

import numpy as np
from astropy.io import fits

try:  # astropy.io.fits.card.Undefined / UNDEFINED
    from astropy.io.fits.card import Undefined as _Undefined
except Exception:  # pragma: no cover
    _Undefined = None

fits.conf.enable_record_valued_keyword_cards = False

PER_FILE_TIMEOUT_SECONDS = 60
MAX_WARNINGS = 50  # distinct warnings kept per file (a corrupt header can yield thousands)

OPEN_KWARGS = dict(
    memmap=False,
    ignore_missing_simple=True,
    ignore_missing_end=True,
    do_not_scale_image_data=True,
    lazy_load_hdus=True,
    checksum=False,
    output_verify="ignore",
)

# Compressed images are read through a second handle with astropy's normal
# scaling enabled: astropy decompresses, applies ZSCALE/ZZERO quantisation,
# BSCALE/BZERO and turns ZBLANK/BLANK into NaN (when it scales).
OPEN_KWARGS_SCALED = dict(OPEN_KWARGS)
OPEN_KWARGS_SCALED["do_not_scale_image_data"] = False


class FileTimeout(BaseException):
    """BaseException so that the per-item `except Exception` handlers do not swallow it."""


# --------------------------------------------------------------------------
# JSON helpers


def json_float(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x  # json.dumps writes repr(x): shortest round-trip representation


def json_value(v):
    """Convert a card value as returned by astropy into a JSON value."""
    if v is None:
        return None
    if _Undefined is not None and isinstance(v, _Undefined):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)  # Python ints are arbitrary precision: kept exact
    if isinstance(v, (float, np.floating)):
        return json_float(v)
    if isinstance(v, (complex, np.complexfloating)):
        return {"re": json_float(v.real), "im": json_float(v.imag)}
    if isinstance(v, bytes):
        v = v.decode("ascii", "replace")
    if isinstance(v, str):
        return v.rstrip(" ")
    return str(v).rstrip(" ")


def msg_of(exc):
    return "%s: %s" % (type(exc).__name__, str(exc).strip())


# --------------------------------------------------------------------------
# Header helpers


def card_dict(card):
    """One card -> {"keyword","value","comment"} (+ "error")."""
    keyword = None
    try:
        keyword = card.keyword
    except Exception:
        keyword = None
    try:
        value = card.value
        if getattr(card, "field_specifier", None):
            # Record-valued keyword card (distortion paper).  In astropy 5.2
            # the enable_record_valued_keyword_cards=False switch is not
            # honoured when parsing a card image (Card._parse_keyword calls
            # _check_if_rvkc_image directly), so undo it here: rawkeyword is
            # the 8-char FITS keyword, rawvalue the literal quoted string.
            keyword = card.rawkeyword
            value = card.rawvalue
        value = json_value(value)
        comment = card.comment
        comment = comment.rstrip(" ") if isinstance(comment, str) else None
        if comment == "":
            comment = None
        return {"keyword": keyword, "value": value, "comment": comment}
    except Exception as exc:  # VerifyError, ValueError, ...
        if keyword is None:
            # Card.image runs verify('fix') and may rewrite the card, so look
            # at the raw image first.
            raw = getattr(card, "_image", None)
            if not raw:
                try:
                    raw = card.image
                except Exception:
                    raw = None
            if raw:
                keyword = raw[:8].rstrip(" ")
        return {
            "keyword": keyword,
            "value": None,
            "comment": None,
            "error": str(exc).strip() or type(exc).__name__,
        }


def header_get(header, key):
    """header.get that never raises (unparsable card -> None)."""
    try:
        if key not in header:
            return None
        return header[key]
    except Exception:
        return None


def as_int(v):
    if isinstance(v, (bool, np.bool_)):
        return None
    if isinstance(v, (int, np.integer)):
        return int(v)
    return None


def as_float(v, default):
    if v is None:
        return default
    if isinstance(v, (bool, np.bool_)):
        raise ValueError("boolean where a number is expected: %r" % (v,))
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    if isinstance(v, str):  # e.g. TSCAL written as a string
        return float(v.strip().replace("D", "E").replace("d", "e"))
    raise ValueError("not a number: %r" % (v,))


def str_or_none(v):
    if v is None:
        return None
    if _Undefined is not None and isinstance(v, _Undefined):
        return None
    if isinstance(v, str):
        return v.rstrip(" ")
    return str(v)


def hdu_kind(hdu):
    # Order matters: GroupsHDU subclasses PrimaryHDU, CompImageHDU subclasses
    # BinTableHDU.
    if isinstance(hdu, fits.GroupsHDU):
        return "random-groups"
    if isinstance(hdu, fits.CompImageHDU):
        return "compressed-image"
    if isinstance(hdu, (fits.PrimaryHDU, fits.ImageHDU)):
        return "image"
    if isinstance(hdu, fits.BinTableHDU):
        return "bintable"
    if isinstance(hdu, fits.TableHDU):
        return "table"
    return "other"  # NonstandardExtHDU (HDRLET, XZQ-EXTN...), _NonstandardHDU, _CorruptedHDU


# --------------------------------------------------------------------------
# Image statistics


def finite_stats(phys):
    """phys: float64 1-d array of physical values (already BLANK-filtered)."""
    phys = phys[np.isfinite(phys)]
    n = int(phys.size)
    if n == 0:
        return {"min": None, "max": None, "mean": None, "finite": 0}
    return {
        "min": json_float(phys.min()),
        "max": json_float(phys.max()),
        "mean": json_float(math.fsum(phys.tolist()) / n),
        "finite": n,
    }


def image_stats(hdu, header):
    """Raw (unscaled) image -> stats of physical values."""
    data = hdu.data  # raw, because of do_not_scale_image_data=True
    if data is None or data.size == 0:
        return None
    raw = np.asarray(data).ravel()
    bitpix = as_int(header_get(header, "BITPIX"))
    if bitpix is not None and bitpix > 0 and "BLANK" in header:
        blank = as_int(header_get(header, "BLANK"))
        if blank is not None:
            raw = raw[raw != blank]
    bscale = as_float(header_get(header, "BSCALE"), 1.0)
    bzero = as_float(header_get(header, "BZERO"), 0.0)
    with np.errstate(all="ignore"):  # our arithmetic, not astropy's
        phys = raw.astype(np.float64)
        if bscale != 1.0:
            phys = phys * bscale
        if bzero != 0.0:
            phys = phys + bzero
        return finite_stats(phys)


def compressed_image_stats(scaled_hdu):
    """Compressed image through astropy's normal (scaling) path."""
    data = scaled_hdu.data
    if data is None or data.size == 0:
        return None
    arr = np.asarray(data).ravel()
    header = scaled_hdu.header
    # astropy only turns BLANK into NaN when it also scales; if it returned
    # integers, drop BLANK ourselves.
    if arr.dtype.kind in "iu" and "BLANK" in header:
        blank = as_int(header_get(header, "BLANK"))
        if blank is not None:
            arr = arr[arr != blank]
    with np.errstate(all="ignore"):  # our arithmetic, not astropy's
        return finite_stats(arr.astype(np.float64))


# --------------------------------------------------------------------------
# Table statistics from raw bytes

BIN_WIDTH = {"L": 1, "B": 1, "I": 2, "J": 4, "K": 8, "A": 1, "E": 4, "D": 8,
             "C": 8, "M": 16}
BIN_NUMERIC_DTYPE = {"B": ">u1", "I": ">i2", "J": ">i4", "K": ">i8",
                     "E": ">f4", "D": ">f8"}
BIN_INTEGER = set("BIJK")
TFORM_BIN_RE = re.compile(r"^\s*(\d*)\s*([A-Za-z])(.*)$")
TFORM_ASCII_RE = re.compile(r"^\s*([AIFEDaifed])\s*(\d+)(?:\.(\d+))?\s*$")


def parse_bin_tform(tform):
    """-> (repeat, type, vla_elem_type or None, byte width)."""
    m = TFORM_BIN_RE.match(tform or "")
    if not m:
        raise ValueError("unparsable TFORM %r" % (tform,))
    repeat = int(m.group(1)) if m.group(1) else 1
    t = m.group(2).upper()
    rest = m.group(3)
    if t in ("P", "Q"):
        m2 = re.match(r"^\s*([A-Za-z])", rest)
        if not m2:
            raise ValueError("unparsable variable-length TFORM %r" % (tform,))
        elem = m2.group(1).upper()
        width = repeat * (8 if t == "P" else 16)
        return repeat, t, elem, width
    if t == "X":
        return repeat, t, None, (repeat + 7) // 8
    if t not in BIN_WIDTH:
        raise ValueError("unknown TFORM type %r" % (tform,))
    return repeat, t, None, repeat * BIN_WIDTH[t]


def scale_filter_sum(raw, is_int, tnull, tscal, tzero):
    """raw: 1-d array of stored values -> (sum, finite)."""
    with np.errstate(all="ignore"):  # our arithmetic, not astropy's: keep out of "warnings"
        return _scale_filter_sum(raw, is_int, tnull, tscal, tzero)


def _scale_filter_sum(raw, is_int, tnull, tscal, tzero):
    if raw.size == 0:
        return 0.0, 0
    if is_int and tnull is not None:
        try:
            raw = raw[raw != tnull]
        except OverflowError:
            pass  # TNULL outside the type's range: nothing matches
    vals = raw.astype(np.float64)
    if tscal != 1.0:
        vals = vals * tscal
    if tzero != 0.0:
        vals = vals + tzero
    vals = vals[np.isfinite(vals)]
    return math.fsum(vals.tolist()), int(vals.size)


def table_raw_bytes(hdu, header):
    naxis1 = as_int(header_get(header, "NAXIS1")) or 0
    naxis2 = as_int(header_get(header, "NAXIS2")) or 0
    pcount = as_int(header_get(header, "PCOUNT")) or 0
    size = naxis1 * naxis2 + pcount
    if size == 0:
        return np.zeros(0, dtype=np.uint8)
    try:
        raw = hdu._get_raw_data(size, "ubyte", hdu._data_offset)
    except Exception as exc:
        raise OSError("table data truncated or unreadable (%d bytes expected): %s" % (size, msg_of(exc)))
    if raw is None:
        raise OSError("no data available")
    raw = np.asarray(raw).ravel()
    if raw.size < size:
        raise OSError("table data truncated: %d of %d bytes present" % (raw.size, size))
    return raw


def bintable_column_stats(buf, header, ncols):
    """-> list of (stats or None, error or None), one per column."""
    naxis1 = as_int(header_get(header, "NAXIS1")) or 0
    nrows = as_int(header_get(header, "NAXIS2")) or 0
    theap = as_int(header_get(header, "THEAP"))
    if theap is None:
        theap = naxis1 * nrows
    out = []
    offset = 0
    for n in range(1, ncols + 1):
        try:
            repeat, t, elem, width = parse_bin_tform(str_or_none(header_get(header, "TFORM%d" % n)))
        except Exception as exc:
            out.append((None, str(exc)))
            offset = None  # later offsets unknown
            continue
        col_offset = offset
        if offset is not None:
            offset += width
        numeric_type = elem if t in ("P", "Q") else t
        if numeric_type not in BIN_NUMERIC_DTYPE:
            out.append((None, None))
            continue
        try:
            if col_offset is None:
                raise ValueError("column offset unknown (earlier TFORM unparsable)")
            if col_offset + width > naxis1:
                raise ValueError("column extends past NAXIS1")
            tnull = as_int(header_get(header, "TNULL%d" % n))
            tscal = as_float(header_get(header, "TSCAL%d" % n), 1.0)
            tzero = as_float(header_get(header, "TZERO%d" % n), 0.0)
            is_int = numeric_type in BIN_INTEGER
            if repeat == 0 or nrows == 0:
                out.append(({"sum": 0.0, "finite": 0}, None))
                continue
            if t in ("P", "Q"):
                ddt = np.dtype(">i4" if t == "P" else ">i8")
                desc = np.ndarray((nrows, 2), dtype=ddt, buffer=buf, offset=col_offset,
                                  strides=(naxis1, ddt.itemsize))
                edt = np.dtype(BIN_NUMERIC_DTYPE[elem])
                parts = []
                for count, off in desc.tolist():
                    if count == 0:
                        continue
                    start = theap + off
                    end = start + count * edt.itemsize
                    if count < 0 or off < 0 or end > buf.size:
                        raise ValueError("variable-length array descriptor (%d,%d) outside the heap" % (count, off))
                    parts.append(np.frombuffer(buf, dtype=edt, count=count, offset=start))
                raw = np.concatenate(parts) if parts else np.zeros(0, dtype=edt)
            else:
                edt = np.dtype(BIN_NUMERIC_DTYPE[t])
                raw = np.ndarray((nrows, repeat), dtype=edt, buffer=buf, offset=col_offset,
                                 strides=(naxis1, edt.itemsize)).ravel()
            s, f = scale_filter_sum(raw, is_int, tnull, tscal, tzero)
            out.append(({"sum": json_float(s), "finite": f}, None))
        except Exception as exc:
            out.append((None, msg_of(exc)))
    return out


NUM_ASCII_RE = re.compile(r"^([+-]?)(\d*)(?:\.(\d*))?(?:[EeDd]\s*([+-]?\d+))?$")


def parse_ascii_number(s, implied_decimals):
    """FITS ASCII-table numeric field -> float (0.0 when blank, as CFITSIO and astropy read it).

    Follows the FITS standard: D or E exponent; when the field has no explicit
    decimal point, the decimal point is implied `implied_decimals` (the d of
    Fw.d/Ew.d/Dw.d) digits to the left of the last mantissa digit.
    """
    s = s.strip()
    if s == "":
        return 0.0
    m = NUM_ASCII_RE.match(s)
    if not m or (m.group(2) == "" and not m.group(3)):
        raise ValueError("not a number: %r" % s)
    sign, ipart, fpart, exp = m.groups()
    mant_digits = ipart + (fpart or "")
    if fpart is None and "." not in s:
        scale_exp = -implied_decimals
    else:
        scale_exp = -len(fpart or "")
    e = int(exp) if exp else 0
    # build the decimal string exactly and let float() round once
    txt = "%s%se%d" % (sign, mant_digits or "0", scale_exp + e)
    return float(txt)


def ascii_column_stats(buf, header, ncols):
    naxis1 = as_int(header_get(header, "NAXIS1")) or 0
    nrows = as_int(header_get(header, "NAXIS2")) or 0
    out = []
    for n in range(1, ncols + 1):
        tform = str_or_none(header_get(header, "TFORM%d" % n)) or ""
        m = TFORM_ASCII_RE.match(tform)
        if not m:
            out.append((None, "unparsable ASCII TFORM %r" % tform))
            continue
        t = m.group(1).upper()
        if t == "A":
            out.append((None, None))
            continue
        try:
            width = int(m.group(2))
            decimals = int(m.group(3)) if (m.group(3) and t != "I") else 0
            tbcol = as_int(header_get(header, "TBCOL%d" % n))
            if tbcol is None or tbcol < 1 or tbcol - 1 + width > naxis1:
                raise ValueError("bad TBCOL%d=%r for width %d" % (n, tbcol, width))
            tnull = header_get(header, "TNULL%d" % n)
            tnull = None if tnull is None else str(tnull).strip()
            tscal = as_float(header_get(header, "TSCAL%d" % n), 1.0)
            tzero = as_float(header_get(header, "TZERO%d" % n), 0.0)
            total = []
            bad = 0
            for r in range(nrows):
                start = r * naxis1 + tbcol - 1
                field = buf[start:start + width].tobytes().decode("ascii", "replace")
                if tnull is not None and field.strip() == tnull:
                    continue
                try:
                    v = parse_ascii_number(field, decimals)
                except ValueError:
                    bad += 1
                    continue
                if v is None:
                    continue
                v = v * tscal + tzero
                if math.isfinite(v):
                    total.append(v)
            err = None
            if bad:
                err = "%d field(s) not parsable as numbers were excluded" % bad
            out.append(({"sum": json_float(math.fsum(total)), "finite": len(total)}, err))
        except Exception as exc:
            out.append((None, msg_of(exc)))
    return out


def touch_astropy_table(hdu):
    """Make astropy build every column; raise what it raises."""
    data = hdu.data
    if data is None:
        return
    for i in range(len(data.columns)):
        f = data.field(i)
        if f.dtype == object:  # variable-length arrays: force conversion
            for _ in f:
                pass


# --------------------------------------------------------------------------
# HDU / file


def dump_hdu(index, hdu, with_stats, get_scaled_hdu):
    kind = hdu_kind(hdu)
    header = hdu.header  # for CompImageHDU: the image header astropy presents

    extname = str_or_none(header_get(header, "EXTNAME"))
    if extname is None and kind == "compressed-image":
        # astropy drops the default EXTNAME='COMPRESSED_IMAGE' from the image
        # header; report the one in the underlying binary-table header (what
        # CFITSIO reports for the HDU).
        extname = str_or_none(header_get(getattr(hdu, "_header", {}), "EXTNAME"))

    bitpix = as_int(header_get(header, "BITPIX"))
    naxis_n = as_int(header_get(header, "NAXIS"))
    naxis = []
    if naxis_n is not None and naxis_n > 0:
        naxis = [as_int(header_get(header, "NAXIS%d" % i)) for i in range(1, naxis_n + 1)]

    doc = {
        "index": index,
        "kind": kind,
        "extname": extname,
        "bitpix": bitpix,
        "naxis": naxis,
        "rows": None,
        "columns": None,
        "cards": [card_dict(c) for c in header.cards],
    }

    if kind in ("bintable", "table"):
        doc["rows"] = as_int(header_get(header, "NAXIS2"))
        ncols = as_int(header_get(header, "TFIELDS")) or 0
        cols = []
        for n in range(1, ncols + 1):
            tform = str_or_none(header_get(header, "TFORM%d" % n))
            col = {
                "name": str_or_none(header_get(header, "TTYPE%d" % n)),
                "tform": tform.strip() if tform is not None else None,
                "unit": str_or_none(header_get(header, "TUNIT%d" % n)),
            }
            if with_stats:
                col["stats"] = None
            cols.append(col)
        doc["columns"] = cols
        if with_stats:
            try:
                touch_astropy_table(hdu)
            except Exception as exc:
                doc["data_error"] = "astropy: " + msg_of(exc)
            try:
                buf = table_raw_bytes(hdu, header)
                if kind == "bintable":
                    res = bintable_column_stats(buf, header, ncols)
                else:
                    res = ascii_column_stats(buf, header, ncols)
                for col, (st, err) in zip(cols, res):
                    col["stats"] = st
                    if err:
                        col["stats_error"] = err
            except Exception as exc:
                doc["data_error"] = (doc.get("data_error", "") + "; " if "data_error" in doc else "") + "raw: " + msg_of(exc)

    if with_stats:
        doc["stats"] = None
        try:
            if kind == "image":
                doc["stats"] = image_stats(hdu, header)
            elif kind == "compressed-image":
                doc["stats"] = compressed_image_stats(get_scaled_hdu(index))
        except Exception as exc:
            doc["data_error"] = msg_of(exc)
    return doc


def dump_file(path, with_stats):
    doc = {"file": path, "hdus": [], "warnings": []}
    scaled = {"hdul": None}

    def get_scaled_hdu(index):
        if scaled["hdul"] is None:
            scaled["hdul"] = fits.open(path, **OPEN_KWARGS_SCALED)
        return scaled["hdul"][index]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with fits.open(path, **OPEN_KWARGS) as hdul:
                i = 0
                while True:
                    try:
                        hdu = hdul[i]  # lazy: reads the next HDU header
                    except IndexError:
                        break
                    doc["hdus"].append(dump_hdu(i, hdu, with_stats, get_scaled_hdu))
                    i += 1
            gz_error = check_gzip_stream(path)
            if gz_error:
                # astropy treats EOFError from a truncated gzip stream as the
                # normal end of file and silently drops the remaining HDUs.
                doc["error"] = "%s (astropy stopped silently after %d HDU(s))" % (gz_error, len(doc["hdus"]))
        except FileTimeout:
            doc["error"] = "Timeout: gave up after %d s" % PER_FILE_TIMEOUT_SECONDS
        except Exception as exc:
            doc["error"] = msg_of(exc)
        finally:
            if scaled["hdul"] is not None:
                try:
                    scaled["hdul"].close()
                except Exception:
                    pass
    seen = set()
    dropped = 0
    for w in caught:
        if issubclass(w.category, ResourceWarning):
            continue
        text = "%s: %s" % (w.category.__name__, str(w.message).strip())
        if text in seen:  # keep the first occurrence of each message, in order
            continue
        seen.add(text)
        if len(doc["warnings"]) < MAX_WARNINGS:
            doc["warnings"].append(text)
        else:
            dropped += 1
    if dropped:
        doc["warnings"].append("astropy-dump: %d further distinct warning(s) omitted" % dropped)
    return doc


def check_gzip_stream(path):
    """Return an error message if `path` is a gzip file whose stream is broken."""
    try:
        with open(path, "rb") as fh:
            if fh.read(2) != b"\x1f\x8b":
                return None
        with gzip.open(path, "rb") as gz:
            while gz.read(1 << 20):
                pass
    except FileTimeout:
        raise
    except Exception as exc:
        return msg_of(exc)
    return None


def main(argv):
    args = argv[1:]
    with_stats = False
    files = []
    for a in args:
        if a == "--stats":
            with_stats = True
        elif a in ("-h", "--help"):
            sys.stderr.write(__doc__)
            return 0
        else:
            files.append(a)

    # Keep stdout clean: anything printed by astropy (logger) or C code goes
    # to stderr while we work; the JSON goes to the real stdout at the end.
    sys.stdout.flush()
    real_stdout_fd = os.dup(1)
    os.dup2(2, 1)
    saved_stdout = sys.stdout
    sys.stdout = sys.stderr

    def on_alarm(signum, frame):
        raise FileTimeout()

    have_alarm = hasattr(signal, "SIGALRM")
    if have_alarm:
        signal.signal(signal.SIGALRM, on_alarm)

    docs = []
    try:
        for path in files:
            if have_alarm:
                signal.alarm(PER_FILE_TIMEOUT_SECONDS)
            try:
                docs.append(dump_file(path, with_stats))
            except BaseException as exc:  # never crash as a whole
                if isinstance(exc, KeyboardInterrupt):
                    raise
                docs.append({"file": path, "hdus": [], "warnings": [], "error": msg_of(exc)})
            finally:
                if have_alarm:
                    signal.alarm(0)
    finally:
        sys.stdout = saved_stdout
        os.dup2(real_stdout_fd, 1)
        os.close(real_stdout_fd)

    out = json.dumps(docs, ensure_ascii=True, allow_nan=False, indent=1)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
