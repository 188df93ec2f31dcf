namespace Curation.TablePreparation.Sky;

/// <summary>
/// Per-position sky computations of the archive's detection and frame tables: direction cosines (<c>cx, cy, cz</c>),
/// Galactic coordinates and angular separations. All angles are in degrees; nothing is allocated per call.
/// </summary>
public static class SkyMath
{
    private const double Rad = Math.PI / 180.0;
    private const double Deg = 180.0 / Math.PI;

    // ICRS -> Galactic as astropy does it: ICRS -> FK5 J2000 (the frame bias of USNO circular 179: eta0 = -19.9 mas,
    // xi0 = 9.1 mas, da0 = -22.9 mas) and FK5 J2000 -> Galactic (the north Galactic pole at FK5 (192.8594812065348,
    // 27.12825118085622) and the longitude of the north celestial pole 122.9319185680026, Murray 1989's values).
    // The frame bias moves positions by up to about 20 mas, so leaving it out (as SLALIB's sla_EQGAL, which takes FK5,
    // does when given ICRS positions) would not agree with astropy to a milliarcsecond.
    private static readonly double G00, G01, G02, G10, G11, G12, G20, G21, G22;

#pragma warning disable CA1810 // the nine elements come from one matrix product
    static SkyMath()
#pragma warning restore CA1810
    {
        var bias = Multiply(Multiply(Rotation(19.9 / 3600000.0, 0), Rotation(9.1 / 3600000.0, 1)), Rotation(-22.9 / 3600000.0, 2));
        var toGalactic = Multiply(Multiply(Rotation(180.0 - 122.9319185680026, 2), Rotation(90.0 - 27.12825118085622, 1)), Rotation(192.8594812065348, 2));
        var m = Multiply(toGalactic, bias);
        (G00, G01, G02) = (m[0, 0], m[0, 1], m[0, 2]);
        (G10, G11, G12) = (m[1, 0], m[1, 1], m[1, 2]);
        (G20, G21, G22) = (m[2, 0], m[2, 1], m[2, 2]);
    }

    /// <summary>
    /// The unit vector of (<paramref name="raDeg"/>, <paramref name="decDeg"/>): (cos δ cos α, cos δ sin α, sin δ),
    /// the archive's <c>cx, cy, cz</c>.
    /// </summary>
    public static (double X, double Y, double Z) UnitVector(double raDeg, double decDeg)
    {
        var (sinDec, cosDec) = Math.SinCos(decDeg * Rad);
        var (sinRa, cosRa) = Math.SinCos(raDeg * Rad);
        return (cosDec * cosRa, cosDec * sinRa, sinDec);
    }

    /// <summary>
    /// The direction of the vector (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>), which need not be
    /// of unit length (a sum of unit vectors, say), as (longitude in [0, 360), latitude): the inverse of
    /// <see cref="UnitVector"/>, with atan2 for both angles so that neither loses precision near the poles.
    /// </summary>
    public static (double Lon, double Lat) Direction(double x, double y, double z) =>
        (Longitude(Math.Atan2(y, x) * Deg), Math.Atan2(z, Math.Sqrt(x * x + y * y)) * Deg);

    /// <summary>
    /// ICRS (J2000) (<paramref name="raDeg"/>, <paramref name="decDeg"/>) to Galactic (l in [0, 360), b in
    /// [-90, 90]), as astropy's <c>SkyCoord(ra, dec, frame='icrs').galactic</c> gives them.
    /// </summary>
    public static (double L, double B) ToGalactic(double raDeg, double decDeg)
    {
        var (x, y, z) = UnitVector(raDeg, decDeg);
        var gx = G00 * x + G01 * y + G02 * z;
        var gy = G10 * x + G11 * y + G12 * z;
        var gz = G20 * x + G21 * y + G22 * z;
        return Direction(gx, gy, gz);
    }

    /// <summary>
    /// The great-circle distance in degrees between two positions: Vincenty's formula (an atan2 of the cross and dot
    /// products, exact at antipodes) with its terms rewritten in sin(Δδ), cos(Δδ) and sin²(Δα/2) so that nothing
    /// cancels at small angles; full relative precision from microarcseconds to 180°.
    /// </summary>
    public static double SeparationDeg(double ra1, double dec1, double ra2, double dec2)
    {
        var (sin1, cos1) = Math.SinCos(dec1 * Rad);
        var (sin2, cos2) = Math.SinCos(dec2 * Rad);
        var (sinDdec, cosDdec) = Math.SinCos((dec2 - dec1) * Rad);
        var dra = (ra2 - ra1) * Rad;
        var sinHalf = Math.Sin(dra / 2);
        var h = sinHalf * sinHalf;
        // cos1 sin2 - sin1 cos2 cos(dra) and sin1 sin2 + cos1 cos2 cos(dra), with cos(dra) = 1 - 2h.
        var a = cos2 * Math.Sin(dra);
        var b = sinDdec + 2 * sin1 * cos2 * h;
        var c = cosDdec - 2 * cos1 * cos2 * h;
        return Math.Atan2(Math.Sqrt(a * a + b * b), c) * Deg;
    }

    /// <summary>An angle in degrees brought into [0, 360).</summary>
    public static double Longitude(double degrees)
    {
        var l = degrees % 360.0;
        if (l < 0)
            l += 360.0;
        // -1e-17 % 360 + 360 rounds to 360.
        return l >= 360.0 ? 0.0 : l;
    }

    // astropy.coordinates.matrix_utilities.rotation_matrix(angle, axis): the rotation of the coordinate frame by the
    // angle about axis 0 (x), 1 (y) or 2 (z).
    private static double[,] Rotation(double degrees, int axis)
    {
        var (s, c) = Math.SinCos(degrees * Rad);
        var r = new double[3, 3];
        int a1 = (axis + 1) % 3, a2 = (axis + 2) % 3;
        r[axis, axis] = 1;
        r[a1, a1] = c;
        r[a1, a2] = s;
        r[a2, a1] = -s;
        r[a2, a2] = c;
        return r;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        }

        return r;
    }
}
