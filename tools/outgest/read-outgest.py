#!/usr/bin/python3
"""Reads an outgested table the way an outside user would, with nothing but numpy and the standard library.

Used by the Curation tests as the peer that cross-checks the Outgester, and as a working example of reading the
formats of docs/outgest.md. Run with Debian's interpreter (python3-numpy):

    /usr/bin/python3 tools/outgest/read-outgest.py binary FILE   # FILE.json is the descriptor
    /usr/bin/python3 tools/outgest/read-outgest.py csv FILE

Prints one JSON document on stdout.

binary: {"columns": [{"name", "type"}...], "rows": [[value...]...]}, the records read with np.fromfile and a dtype
built from the descriptor alone; NULLs (from the null bitmap) as null, integers as numbers, booleans as true/false,
floats as repr() strings ("nan", "inf", "-0.0", "0.10000000149011612": exact and JSON-safe), strings decoded from
UTF-8, datetimes and dates as numpy prints them (ISO 8601), times as integer microseconds.

csv: {"header": [...], "rows": [[field...]...], "parsed": [[parsed...]...]}, the records as the csv module reads them
(strings), and for each field what Python makes of it: ["int", n, repr(float)], ["float", repr], ["date", iso],
["datetime", iso with microseconds], or null.
"""

import csv
import datetime
import json
import sys

import numpy as np


def read_binary(path):
    with open(path + ".json", encoding="utf-8") as f:
        descriptor = json.load(f)
    if descriptor["format"] != "curation-outgest-binary" or descriptor["format_version"] != 1:
        raise SystemExit(f"{path}.json: not a version 1 curation-outgest-binary descriptor")
    if descriptor["byte_order"] != "little":
        raise SystemExit(f"{path}.json: byte order {descriptor['byte_order']} not supported here")
    columns = descriptor["columns"]
    size = descriptor["record_size"]
    dtype = np.dtype({
        "names": [c["name"] for c in columns],
        "formats": [c["numpy"] for c in columns],
        "offsets": [c["offset"] for c in columns],
        "itemsize": size,
    })
    for c in columns:
        if dtype.fields[c["name"]][0].itemsize != c["size"]:
            raise SystemExit(f"{path}.json: column {c['name']}: numpy type {c['numpy']} is not {c['size']} bytes")
    records = np.fromfile(path, dtype=dtype)
    if len(records) != descriptor["rows"]:
        raise SystemExit(f"{path}: {len(records)} records, the descriptor says {descriptor['rows']}")

    bitmap = descriptor["null_bitmap"]
    bits = np.fromfile(path, dtype=np.dtype({
        "names": ["nulls"],
        "formats": [(np.uint8, (bitmap["size"],))],
        "offsets": [bitmap["offset"]],
        "itemsize": size,
    }))["nulls"].reshape(len(records), bitmap["size"])
    nulls = np.unpackbits(bits, axis=1, bitorder=bitmap["bit_order"])[:, :len(columns)].astype(bool)

    def value(c, v):
        kind = c["type"]
        if kind == "bool":
            return bool(v)
        if kind in ("uint8", "int16", "int32", "int64"):
            return int(v)
        if kind in ("float32", "float64"):
            return repr(float(v))
        if kind == "string":
            return v.decode("utf-8")
        if kind in ("datetime", "date"):
            return str(v)
        if kind == "time":
            return int(v.astype(np.int64))
        raise SystemExit(f"unknown column type {kind}")

    rows = [[None if nulls[r, i] else value(c, records[r][c["name"]]) for i, c in enumerate(columns)]
            for r in range(len(records))]
    return {"columns": [{"name": c["name"], "type": c["type"]} for c in columns], "rows": rows}


def parse(field):
    if field == "":
        return None
    try:
        return ["int", int(field), repr(float(field))]  # "-0" is the integer 0 but the float -0.0
    except ValueError:
        pass
    try:
        return ["float", repr(float(field))]
    except ValueError:
        pass
    try:
        if len(field) == 10:
            return ["date", datetime.date.fromisoformat(field).isoformat()]
        return ["datetime", datetime.datetime.fromisoformat(field).isoformat(sep="T", timespec="microseconds")]
    except ValueError:
        return None


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        records = list(csv.reader(f, strict=True))
    header, rows = records[0], records[1:]
    return {"header": header, "rows": rows, "parsed": [[parse(x) for x in r] for r in rows]}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("binary", "csv"):
        raise SystemExit(__doc__)
    result = read_binary(sys.argv[2]) if sys.argv[1] == "binary" else read_csv(sys.argv[2])
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
