using System.Globalization;

namespace Curation.TablePreparation.Demo;

/// <summary>
/// The WCS of one detector frame as the CASU pipeline writes it: a zenithal polynomial (ZPN) projection with a CD matrix
/// and PV2_1..PV2_3. The values are those written to the header (rounded as CASU rounds them), so that positions
/// computed from this object agree with any reader of the file.
/// </summary>
internal sealed record DetectorWcs(
    double CrVal1, double CrVal2, double CrPix1, double CrPix2,
    double Cd11, double Cd12, double Cd21, double Cd22,
    double Pv21, double Pv22, double Pv23)
{
    /// <summary>The header cards, in CASU's order and number format.</summary>
    public IEnumerable<string> Cards() => new HeaderCards()
        .Text("CTYPE1", "RA---ZPN", "Algorithm type for axis 1")
        .Text("CTYPE2", "DEC--ZPN", "Algorithm type for axis 2")
        .Real("CRPIX1", CrPix1, Crpix, "[pixel] Reference pixel along axis 1")
        .Real("CRPIX2", CrPix2, Crpix, "[pixel] Reference pixel along axis 2")
        .Real("CRVAL1", CrVal1, Crval, "[deg] Right ascension at the reference pixel")
        .Real("CRVAL2", CrVal2, Crval, "[deg] Declination at the reference pixel")
        .Text("CRUNIT1", "deg", "Unit of right ascension co-ordinates")
        .Text("CRUNIT2", "deg", "Unit of declination co-ordinates")
        .Real("CD1_1", Cd11, Cd, "Transformation matrix element")
        .Real("CD1_2", Cd12, Cd, "Transformation matrix element")
        .Real("CD2_1", Cd21, Cd, "Transformation matrix element")
        .Real("CD2_2", Cd22, Cd, "Transformation matrix element")
        .Real("PV2_1", Pv21, "0.######", "Pol.coeff. for pixel -> celestial coord")
        .Real("PV2_2", Pv22, Pv, "Pol.coeff. for pixel -> celestial coord")
        .Real("PV2_3", Pv23, "0.######", "Pol.coeff. for pixel -> celestial coord")
        .ToArray();

    /// <summary>The same WCS with every value rounded as <see cref="Cards"/> writes it.</summary>
    public DetectorWcs AsWritten() => new(
        Round(CrVal1, Crval), Round(CrVal2, Crval), Round(CrPix1, Crpix), Round(CrPix2, Crpix),
        Round(Cd11, Cd), Round(Cd12, Cd), Round(Cd21, Cd), Round(Cd22, Cd),
        Round(Pv21, "0.######"), Round(Pv22, Pv), Round(Pv23, "0.######"));

    /// <summary>The FITS pixel co-ordinates (1-based, pixel centres on integers) of a sky position in degrees.</summary>
    public (double X, double Y) SkyToPixel(double raDeg, double decDeg) => ZpnSkyToPixel(this, raDeg, decDeg);

    private const string Crpix = "0.000000000000000E+00";
    private const string Crval = "0.0000000E+00";
    private const string Cd = "0.0000000E+00";
    private const string Pv = "0.000000E+00";

    private static double Round(double value, string format) =>
        double.Parse(value.ToString(format, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// The ZPN projection, sky to pixel (Calabretta &amp; Greisen 2002, eqs. 5 and 54, LONPOLE 180): kept here, in one
    /// place, only until the archive's sky library (Curation.TablePreparation.Sky.Wcs) takes it over.
    /// </summary>
    private static (double X, double Y) ZpnSkyToPixel(DetectorWcs w, double raDeg, double decDeg)
    {
        const double d2r = Math.PI / 180;
        var (ra, dec, ra0, dec0) = (raDeg * d2r, decDeg * d2r, w.CrVal1 * d2r, w.CrVal2 * d2r);
        var dRa = ra - ra0;
        var phi = Math.PI + Math.Atan2(-Math.Cos(dec) * Math.Sin(dRa), Math.Sin(dec) * Math.Cos(dec0) - Math.Cos(dec) * Math.Sin(dec0) * Math.Cos(dRa));
        var theta = Math.Asin(Math.Clamp(Math.Sin(dec) * Math.Sin(dec0) + Math.Cos(dec) * Math.Cos(dec0) * Math.Cos(dRa), -1, 1));
        var z = Math.PI / 2 - theta;
        var r = (w.Pv21 * z + w.Pv22 * z * z + w.Pv23 * z * z * z) / d2r;
        var (x, y) = (r * Math.Sin(phi), -r * Math.Cos(phi));
        var det = w.Cd11 * w.Cd22 - w.Cd12 * w.Cd21;
        return (w.CrPix1 + (w.Cd22 * x - w.Cd12 * y) / det, w.CrPix2 + (-w.Cd21 * x + w.Cd11 * y) / det);
    }
}

/// <summary>
/// WFCAM's focal plane, scaled to the demonstration's detector size: four square detectors in a 2 x 2 pattern about the
/// optical axis, spaced by 94% of a detector width (so four pointings tile a filled square), 0.4 arcsec pixels.
/// </summary>
internal sealed class WfcamFocalPlane(int pixels)
{
    /// <summary>Nominal pixel size (arcsec).</summary>
    public const double PixelScale = 0.4;

    /// <summary>The gap between adjacent detectors as a fraction of a detector's width.</summary>
    public const double GapFraction = 0.94;

    /// <summary>The ZPN cubic term CASU's WFCAM solutions carry (PV2_3; the WSA fixture image has -60).</summary>
    public const double Pv23 = -60;

    /// <summary>Width and height of each detector in pixels.</summary>
    public int Pixels { get; } = pixels;

    /// <summary>Distance of each detector's centre from the optical axis along each pixel axis.</summary>
    public double HalfSpacing => Pixels * (1 + GapFraction) / 2;

    /// <summary>The half-width (degrees) of the square of sky that holds all four detectors, with a margin.</summary>
    public double HalfFieldDegrees => (HalfSpacing + Pixels / 2.0 + 12) * PixelScale / 3600;

    /// <summary>Where detector (camera) 1..4 sits: the signs of its centre's offset from the optical axis in pixel axes.
    /// Camera 4 lies at -x, +y, as the CRPIX of the WSA's camera-4 fixture says.</summary>
    public static (int X, int Y) Quadrant(int camNum) => camNum switch
    {
        1 => (-1, -1),
        2 => (1, -1),
        3 => (1, 1),
        4 => (-1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(camNum), camNum, "WFCAM has cameras 1 to 4"),
    };

    /// <summary>The WCS of a camera for a pointing: the tangent point at the optical axis, a small rotation and scale error
    /// (as a plate solution has), rounded as written.</summary>
    public DetectorWcs Wcs(int camNum, double raDeg, double decDeg, double rotationDeg, double scaleError, double crpixShift)
    {
        var (qx, qy) = Quadrant(camNum);
        var centre = (Pixels + 1) / 2.0;
        var s = PixelScale / 3600 * (1 + scaleError);
        var rho = rotationDeg * Math.PI / 180;
        return new DetectorWcs(
            raDeg, decDeg,
            centre - qx * HalfSpacing + crpixShift, centre - qy * HalfSpacing - crpixShift,
            s * Math.Cos(rho), -s * Math.Sin(rho), s * Math.Sin(rho), s * Math.Cos(rho),
            1, 0, Pv23).AsWritten();
    }
}
