#!/usr/bin/python3
"""The independent reference of the preview tests: astropy and numpy (and Pillow) doing what CU2 does.

Usage: astropy-preview.py JOBS.json

JOBS.json is a list of jobs, each {"path", "hdu", "scale": "zscale"|"percentile", "clip", "stretch": "linear"|"asinh",
"out": FILE or null, "jpeg": FILE or null} (a job with only "jpeg" just decodes it). For each job this prints one JSON line with what astropy finds in the HDU's
data (its first plane: NAXIS1 x NAXIS2):
  width, height, finite        the plane's size and its number of finite pixels
  vmin, vmax                   the display limits: astropy's ZScaleInterval().get_limits(data) (its defaults:
                               n_samples=1000, contrast=0.25, max_reject=0.5, min_npixels=5, krej=2.5,
                               max_iterations=5), or AsymmetricPercentileInterval(clip, 100 - clip), over the finite
                               pixels of the whole data array (as astropy does)
  stride, nsamples, samples_sum  the zscale sample as astropy takes it: values[isfinite(values)][::stride][:1000]
  grey_mean, grey_p10, grey_p50, grey_p90  statistics of the expected 8-bit image
  mirrored                     whether astropy's WCS puts east clockwise from north on the image as FITS shows it
  pillow_mean, pillow_p10, pillow_p50, pillow_p90  the same statistics after Pillow's JPEG encoding and decoding of
                               the expected image at quality 85 (what JPEG alone does to it)
and, with "out", writes that expected image (rows top to bottom, numpy.flipud of the FITS rows, and numpy.fliplr too
when mirrored, one byte per pixel): round(255 * stretch(clip((value - vmin) / (vmax - vmin), 0, 1))), NaN pixels 0,
the stretch astropy's AsinhStretch() (a = 0.1) for "asinh"; limits that coincide are first widened as CU2 does. With "jpeg", Pillow decodes that JPEG (independently of libjpeg-turbo's
TurboJPEG API) and the line gets jpeg_width, jpeg_height and jpeg_pixels (a file of its bytes, written next to it).
"""

import io
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.visualization import AsinhStretch, AsymmetricPercentileInterval, ZScaleInterval

warnings.simplefilter("ignore")


def run(job):
    result = {}
    if job.get("path"):
        result.update(reference(job))
    if job.get("jpeg"):
        from PIL import Image
        with Image.open(job["jpeg"]) as image:
            image.load()
            result["jpeg_width"], result["jpeg_height"] = image.size
            result["jpeg_mode"] = image.mode
            pixels = job["jpeg"] + ".pillow.u8"
            np.asarray(image.convert("L"), dtype=np.uint8).tofile(pixels)
            result["jpeg_pixels"] = pixels
    return result


def reference(job):
    with fits.open(job["path"], memmap=False) as hdul:
        data = hdul[job["hdu"]].data
        plane = np.asarray(data).reshape((-1,) + data.shape[-2:])[0].astype(np.float64)
        values = np.asarray(data)
        if job.get("scale", "zscale") == "zscale":
            vmin, vmax = ZScaleInterval().get_limits(values)
        else:
            clip = job.get("clip", 1.0)
            vmin, vmax = AsymmetricPercentileInterval(clip, 100 - clip).get_limits(values)
        finite = values[np.isfinite(values)]
        stride = int(max(1.0, finite.size / 1000))
        samples = finite[::stride][:1000]
        mirrored = mirrored_on_sky(hdul[job["hdu"]].header, plane.shape)
    vmin, vmax = float(vmin), float(vmax)
    low, high = vmin, vmax
    if not high > low:
        # Limits that coincide are widened by a millionth of their value (1 at 0), as CU2 documents.
        half = 0.5 if low == 0 else abs(low) * 1e-6
        low, high = (low + high) / 2 - half, (low + high) / 2 + half
    with np.errstate(invalid="ignore", divide="ignore"):
        norm = np.clip((plane - low) / (high - low), 0, 1)
    if job.get("stretch", "linear") == "asinh":
        norm = AsinhStretch()(norm)
    grey = np.floor(np.nan_to_num(norm, nan=0.0) * 255 + 0.5).astype(np.uint8)
    grey = np.flipud(grey)
    if mirrored:
        grey = np.fliplr(grey)
    grey = np.ascontiguousarray(grey)
    result = {
        "width": int(plane.shape[1]), "height": int(plane.shape[0]), "finite": int(np.isfinite(plane).sum()),
        "vmin": vmin, "vmax": vmax, "stride": stride, "nsamples": int(samples.size),
        "samples_sum": float(np.sum(samples.astype(np.float64))), "mirrored": bool(mirrored),
    }
    result.update(statistics("grey", grey))
    # The same image through Pillow's JPEG encoder and decoder at the same quality: what JPEG does to it.
    from PIL import Image
    buffer = io.BytesIO()
    Image.fromarray(grey, "L").save(buffer, format="JPEG", quality=job.get("quality", 85))
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        result.update(statistics("pillow", np.asarray(decoded, dtype=np.uint8)))
    if job.get("out"):
        grey.tofile(job["out"])
    return result


def statistics(prefix, grey):
    return {f"{prefix}_mean": float(grey.mean()), f"{prefix}_p10": float(np.percentile(grey, 10)),
            f"{prefix}_p50": float(np.percentile(grey, 50)), f"{prefix}_p90": float(np.percentile(grey, 90))}


def mirrored_on_sky(header, shape):
    """True when, by astropy's WCS, east is clockwise from north on the image as FITS shows it (row 1 at the bottom):
    the cross product of the pixel directions of north and east at the centre is negative. False without a celestial
    WCS."""
    try:
        from astropy.coordinates import SkyCoord
        import astropy.units as u
        from astropy.wcs import WCS
        wcs = WCS(header).celestial
        if wcs.naxis != 2:
            return False
        x, y = (shape[1] - 1) / 2, (shape[0] - 1) / 2
        centre = wcs.pixel_to_world(x, y)
        step = 1 * u.arcsec
        north = wcs.world_to_pixel(centre.directional_offset_by(0 * u.deg, step))
        east = wcs.world_to_pixel(centre.directional_offset_by(90 * u.deg, step))
        n = (float(north[0]) - x, float(north[1]) - y)
        e = (float(east[0]) - x, float(east[1]) - y)
        cross = n[0] * e[1] - n[1] * e[0]
        return bool(np.isfinite(cross) and cross < 0)
    except Exception:
        return False


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    for job in jobs:
        print(json.dumps(run(job)))


if __name__ == "__main__":
    main()
