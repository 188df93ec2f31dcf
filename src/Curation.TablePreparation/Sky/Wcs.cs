using System.Globalization;
using Curation.Fits.Writing;

namespace Curation.TablePreparation.Sky;

/// <summary>
/// A celestial World Coordinate System of an image (or of the X/Y columns of a source catalogue): FITS pixel
/// coordinates to equatorial (RA, Dec) in degrees and back, for the zenithal projections the archive's instruments
/// use (Calabretta and Greisen 2002): TAN (with SIP or TPV distortion), SIN, ARC, ZPN (CASU's WFCAM, VISTA and NGTS
/// astrometry), STG and ZEA.
/// </summary>
/// <remarks>
/// Pixel coordinates are FITS ones: 1-based, the centre of the first pixel is (1.0, 1.0). RA comes out in [0, 360).
/// The chain is pixel → (SIP: pixel offsets plus A/B polynomials) → CD matrix → intermediate coordinates (TPV: the
/// PV1_m/PV2_m polynomials) → projection → native spherical → celestial, and the reverse for
/// <see cref="SkyToPixel"/> (polynomials inverted by Newton's method to far below a milliarcsecond). Not read: lookup
/// table distortions (CPDISj, D2IMj: HST's small residual corrections), SIN's slant parameters, and non-zenithal
/// projections; <see cref="FromHeader"/> says so instead of returning a wrong WCS. Nothing is allocated per call.
/// </remarks>
public sealed partial class Wcs
{
    private const double Rad = Math.PI / 180.0;
    private const double Deg = 180.0 / Math.PI;

    private readonly ProjectionKind projection;
    private readonly double i11, i12, i21, i22;
    // Celestial unit vector -> native unit vector (its transpose is the inverse).
    private readonly double m00, m01, m02, m10, m11, m12, m20, m21, m22;
    private readonly double[] zpn;
    private readonly double zpnMaxZeta;
    private readonly double zpnMaxR;
    private readonly SipDistortion? sip;
    private readonly TpvDistortion? tpv;

    private Wcs(
        ProjectionKind projection, double crval1, double crval2, double crpix1, double crpix2,
        double cd11, double cd12, double cd21, double cd22, double lonPole,
        double[]? zpnCoefficients = null, SipDistortion? sip = null, TpvDistortion? tpv = null)
    {
        this.projection = projection;
        ReferenceRa = crval1;
        ReferenceDec = crval2;
        ReferenceX = crpix1;
        ReferenceY = crpix2;
        Cd11 = cd11;
        Cd12 = cd12;
        Cd21 = cd21;
        Cd22 = cd22;
        LonPole = lonPole;
        this.sip = sip;
        this.tpv = tpv;

        var det = cd11 * cd22 - cd12 * cd21;
        if (det == 0 || !double.IsFinite(det))
            throw new ArgumentException("the CD matrix is singular");
        (i11, i12, i21, i22) = (cd22 / det, -cd12 / det, -cd21 / det, cd11 / det);

        // For a zenithal projection the reference point is the native pole: (alpha_p, delta_p) = (CRVAL1, CRVAL2).
        Span<double> column = stackalloc double[3];
        CelestialToNative(1, 0, 0, column);
        (m00, m10, m20) = (column[0], column[1], column[2]);
        CelestialToNative(0, 1, 0, column);
        (m01, m11, m21) = (column[0], column[1], column[2]);
        CelestialToNative(0, 0, 1, column);
        (m02, m12, m22) = (column[0], column[1], column[2]);

        zpn = zpnCoefficients ?? [];
        if (projection == ProjectionKind.Zpn)
            (zpnMaxZeta, zpnMaxR) = ZpnLimits(zpn);
    }

    private enum ProjectionKind
    {
        Tan,
        Sin,
        Arc,
        Zpn,
        Stg,
        Zea,
    }

    /// <summary>The projection code of CTYPE1/2 (TAN, TPV, SIN, ARC, ZPN, STG or ZEA), without the -SIP suffix.</summary>
    public string ProjectionCode => tpv is not null ? "TPV" : projection.ToString().ToUpperInvariant();

    /// <summary>True when SIP distortion polynomials (A_p_q, B_p_q) are applied.</summary>
    public bool HasSip => sip is not null;

    /// <summary>RA of the reference point (CRVAL1), degrees.</summary>
    public double ReferenceRa { get; }

    /// <summary>Dec of the reference point (CRVAL2), degrees.</summary>
    public double ReferenceDec { get; }

    /// <summary>X of the reference pixel (CRPIX1).</summary>
    public double ReferenceX { get; }

    /// <summary>Y of the reference pixel (CRPIX2).</summary>
    public double ReferenceY { get; }

    /// <summary>CD1_1, degrees per pixel.</summary>
    public double Cd11 { get; }

    /// <summary>CD1_2, degrees per pixel.</summary>
    public double Cd12 { get; }

    /// <summary>CD2_1, degrees per pixel.</summary>
    public double Cd21 { get; }

    /// <summary>CD2_2, degrees per pixel.</summary>
    public double Cd22 { get; }

    /// <summary>
    /// The native longitude of the celestial pole (LONPOLE), degrees. By default 180, or 0 when the reference point is
    /// the north celestial pole (CRVAL2 = 90), as the standard (Calabretta and Greisen 2002, section 2.5) and wcslib have it.
    /// </summary>
    public double LonPole { get; }

    /// <summary>The ZPN polynomial PV2_0.. PV2_n (empty for other projections).</summary>
    public IReadOnlyList<double> ZpnCoefficients => zpn;

    /// <summary>
    /// A ZPN WCS, as the CASU pipelines write it for WFCAM: R = (180/π) Σ PV2_m (90° − θ)^m with the native
    /// colatitude in radians; <paramref name="pv2"/>[m] is PV2_m (PV2_1 is normally 1).
    /// </summary>
    /// <exception cref="ArgumentException">When the CD matrix is singular or the polynomial has no positive PV2_1 term.</exception>
    public static Wcs Zpn(double crval1, double crval2, double crpix1, double crpix2, double cd11, double cd12, double cd21, double cd22, IReadOnlyList<double> pv2)
    {
        ArgumentNullException.ThrowIfNull(pv2);
        var coefficients = TrimZpn(pv2);
        if (ZpnProblem(coefficients) is { } problem)
            throw new ArgumentException(problem, nameof(pv2));
        return new Wcs(ProjectionKind.Zpn, crval1, crval2, crpix1, crpix2, cd11, cd12, cd21, cd22, DefaultLonPole(crval2), coefficients);
    }

    /// <summary>A TAN (gnomonic) WCS without distortion.</summary>
    /// <exception cref="ArgumentException">When the CD matrix is singular.</exception>
    public static Wcs Tan(double crval1, double crval2, double crpix1, double crpix2, double cd11, double cd12, double cd21, double cd22) =>
        new(ProjectionKind.Tan, crval1, crval2, crpix1, crpix2, cd11, cd12, cd21, cd22, DefaultLonPole(crval2));

    /// <summary>FITS pixel coordinates (1-based, centre of the first pixel = 1.0) to (RA in [0, 360), Dec) in degrees; NaN where the projection has no sky.</summary>
    public (double Ra, double Dec) PixelToSky(double x, double y)
    {
        var u = x - ReferenceX;
        var v = y - ReferenceY;
        if (sip is not null)
        {
            var du = sip.A.Evaluate(u, v);
            var dv = sip.B.Evaluate(u, v);
            u += du;
            v += dv;
        }

        var ix = Cd11 * u + Cd12 * v;
        var iy = Cd21 * u + Cd22 * v;
        if (tpv is not null)
            (ix, iy) = (tpv.Xi.Evaluate(ix, iy), tpv.Eta.Evaluate(ix, iy));
        return IntermediateToSky(ix, iy);
    }

    /// <summary>(RA, Dec) in degrees to FITS pixel coordinates; NaN for a position the projection cannot show (e.g. behind a TAN plane).</summary>
    public (double X, double Y) SkyToPixel(double raDeg, double decDeg)
    {
        var (ix, iy) = SkyToIntermediate(raDeg, decDeg);
        if (double.IsNaN(ix))
            return (double.NaN, double.NaN);
        if (tpv is not null)
            (ix, iy) = Invert(tpv.Xi, tpv.Eta, ix, iy, addIdentity: false, tolerance: 1e-14);

        var u = i11 * ix + i12 * iy;
        var v = i21 * ix + i22 * iy;
        if (sip is not null)
            (u, v) = Invert(sip.A, sip.B, u, v, addIdentity: true, tolerance: 1e-11);
        return (u + ReferenceX, v + ReferenceY);
    }

    /// <summary>
    /// The header cards (80-character card images, as <see cref="FitsWriter.Card(string, string, string?)"/> makes
    /// them) that describe this WCS: CTYPE, CRVAL, CRPIX, CD, LONPOLE when it is not 180, and the PV and SIP terms.
    /// </summary>
    public IReadOnlyList<string> Cards()
    {
        var code = ProjectionCode + (sip is null ? "" : "-SIP");
        var cards = new List<string>
        {
            FitsWriter.Card("CTYPE1", $"'RA---{code}'", "RA in the projection named"),
            FitsWriter.Card("CTYPE2", $"'DEC--{code}'", "Dec in the projection named"),
            FitsWriter.Card("CRVAL1", ReferenceRa, "[deg] RA of the reference point"),
            FitsWriter.Card("CRVAL2", ReferenceDec, "[deg] Dec of the reference point"),
            FitsWriter.Card("CRPIX1", ReferenceX, "[pixel] reference pixel along axis 1"),
            FitsWriter.Card("CRPIX2", ReferenceY, "[pixel] reference pixel along axis 2"),
            FitsWriter.Card("CD1_1", Cd11, "[deg/pixel] linear transformation matrix"),
            FitsWriter.Card("CD1_2", Cd12, "[deg/pixel] linear transformation matrix"),
            FitsWriter.Card("CD2_1", Cd21, "[deg/pixel] linear transformation matrix"),
            FitsWriter.Card("CD2_2", Cd22, "[deg/pixel] linear transformation matrix"),
        };
        if (LonPole != DefaultLonPole(ReferenceDec))
            cards.Add(FitsWriter.Card("LONPOLE", LonPole, "[deg] native longitude of the celestial pole"));
        for (var m = 0; m < zpn.Length; m++)
        {
            if (m > 0 || zpn[m] != 0)
                cards.Add(FitsWriter.Card(Pv(2, m), zpn[m], "ZPN polynomial coefficient"));
        }

        if (tpv is not null)
        {
            foreach (var (m, value) in tpv.Pv1.OrderBy(t => t.Key))
                cards.Add(FitsWriter.Card(Pv(1, m), value, "TPV polynomial coefficient"));
            foreach (var (m, value) in tpv.Pv2.OrderBy(t => t.Key))
                cards.Add(FitsWriter.Card(Pv(2, m), value, "TPV polynomial coefficient"));
        }

        if (sip is not null)
        {
            AddSip(cards, "A", sip.AOrder, sip.A);
            AddSip(cards, "B", sip.BOrder, sip.B);
        }

        return cards;
    }

    /// <summary>
    /// The extent of a frame of <paramref name="nx"/> × <paramref name="ny"/> pixels: the central pixel's position,
    /// the RA and Dec ranges of the four corner pixels (see <see cref="FrameExtent"/> for the RA = 0 and pole
    /// conventions), the pixel sizes from the CD matrix (for ZPN divided by PV2_1, the scale of the polynomial at the
    /// reference point) and the position angle of the Y axis at the reference point, from the CD matrix and LONPOLE
    /// (SIP terms, whose first derivatives vanish there, and TPV's linear terms are not in it).
    /// </summary>
    public FrameExtent Extent(int nx, int ny)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ny, 1);
        var (centralRa, centralDec) = PixelToSky((nx + 1) / 2.0, (ny + 1) / 2.0);

        double minRa = double.PositiveInfinity, maxRa = double.NegativeInfinity;
        double minDec = double.PositiveInfinity, maxDec = double.NegativeInfinity;
        foreach (var (x, y) in (ReadOnlySpan<(double, double)>)[(1, 1), (nx, 1), (1, ny), (nx, ny)])
        {
            var (ra, dec) = PixelToSky(x, y);
            // The corner's RA within 180 degrees of the centre's.
            var unwrapped = centralRa + (SkyMath.Longitude(ra - centralRa + 180.0) - 180.0);
            minRa = Math.Min(minRa, unwrapped);
            maxRa = Math.Max(maxRa, unwrapped);
            minDec = Math.Min(minDec, dec);
            maxDec = Math.Max(maxDec, dec);
        }

        if (maxRa >= 360.0)
        {
            minRa -= 360.0;
            maxRa -= 360.0;
        }

        foreach (var pole in (ReadOnlySpan<double>)[90.0, -90.0])
        {
            var (px, py) = SkyToPixel(0, pole);
            if (px >= 1 && px <= nx && py >= 1 && py <= ny)
            {
                (minRa, maxRa) = (0, 360);
                if (pole > 0)
                    maxDec = 90;
                else
                    minDec = -90;
            }
        }

        var scale = projection == ProjectionKind.Zpn && zpn.Length > 1 ? zpn[1] : 1.0;
        var xSize = Math.Sqrt(Cd11 * Cd11 + Cd21 * Cd21) * 3600.0 / scale;
        var ySize = Math.Sqrt(Cd12 * Cd12 + Cd22 * Cd22) * 3600.0 / scale;

        // North at the reference point is the direction of native longitude LONPOLE in the plane of intermediate
        // coordinates (x = R sin(phi), y = -R cos(phi)); east is north turned 90 degrees towards +x for LONPOLE = 180.
        var (sinPole, cosPole) = SinCosDeg(LonPole);
        double northX = sinPole, northY = -cosPole, eastX = -cosPole, eastY = -sinPole;
        var posAngle = Math.Atan2(Cd12 * eastX + Cd22 * eastY, Cd12 * northX + Cd22 * northY) * Deg;
        if (posAngle <= -180.0)
            posAngle += 360.0;

        return new FrameExtent(centralRa, centralDec, minRa, maxRa, minDec, maxDec, xSize, ySize, posAngle);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ProjectionCode}{(sip is null ? "" : "-SIP")} at ({ReferenceRa}, {ReferenceDec}) pixel ({ReferenceX}, {ReferenceY})");

    private (double Ra, double Dec) IntermediateToSky(double ix, double iy)
    {
        var r = Math.Sqrt(ix * ix + iy * iy);
        var zeta = Colatitude(r * Rad);
        if (double.IsNaN(zeta))
            return (double.NaN, double.NaN);

        // Native unit vector: (sin(zeta) cos(phi), sin(zeta) sin(phi), cos(zeta)) with phi = atan2(x, -y).
        var (sinZeta, cosZeta) = Math.SinCos(zeta);
        double nx = 0, ny = 0;
        if (r > 0)
        {
            var s = sinZeta / r;
            nx = -iy * s;
            ny = ix * s;
        }

        var cx = m00 * nx + m10 * ny + m20 * cosZeta;
        var cy = m01 * nx + m11 * ny + m21 * cosZeta;
        var cz = m02 * nx + m12 * ny + m22 * cosZeta;
        return SkyMath.Direction(cx, cy, cz);
    }

    private (double X, double Y) SkyToIntermediate(double raDeg, double decDeg)
    {
        var (cx, cy, cz) = SkyMath.UnitVector(raDeg, decDeg);
        var nx = m00 * cx + m01 * cy + m02 * cz;
        var ny = m10 * cx + m11 * cy + m12 * cz;
        var nz = m20 * cx + m21 * cy + m22 * cz;
        var sinZeta = Math.Sqrt(nx * nx + ny * ny);
        var r = Radius(Math.Atan2(sinZeta, nz)) * Deg;
        if (double.IsNaN(r))
            return (double.NaN, double.NaN);
        if (sinZeta == 0)
            return (0, 0);
        // x = R sin(phi), y = -R cos(phi)
        return (r * ny / sinZeta, -r * nx / sinZeta);
    }

    // The native colatitude (90 degrees - theta, radians) at the projection-plane radius r (radians); NaN outside the projection.
    private double Colatitude(double r) => projection switch
    {
        ProjectionKind.Tan => Math.Atan(r),
        ProjectionKind.Sin => r <= 1 ? Math.Asin(r) : r <= 1 + 1e-13 ? Math.PI / 2 : double.NaN,
        ProjectionKind.Arc => r <= Math.PI ? r : double.NaN,
        ProjectionKind.Stg => 2 * Math.Atan(r / 2),
        ProjectionKind.Zea => r <= 2 ? 2 * Math.Asin(r / 2) : double.NaN,
        ProjectionKind.Zpn => ZpnColatitude(r),
        _ => double.NaN,
    };

    // The projection-plane radius (radians) of the native colatitude zeta (radians); NaN where the projection has no plane.
    private double Radius(double zeta) => projection switch
    {
        ProjectionKind.Tan => zeta < Math.PI / 2 ? Math.Tan(zeta) : double.NaN,
        ProjectionKind.Sin => zeta <= Math.PI / 2 ? Math.Sin(zeta) : double.NaN,
        ProjectionKind.Arc => zeta,
        ProjectionKind.Stg => zeta < Math.PI ? 2 * Math.Tan(zeta / 2) : double.NaN,
        ProjectionKind.Zea => 2 * Math.Sin(zeta / 2),
        ProjectionKind.Zpn => zeta <= zpnMaxZeta ? Horner(zpn, zeta) : double.NaN,
        _ => double.NaN,
    };

    private double ZpnColatitude(double r)
    {
        if (zpn.Length == 2)
        {
            var z = (r - zpn[0]) / zpn[1];
            return z >= 0 && z <= zpnMaxZeta ? z : double.NaN;
        }

        if (r < zpn[0])
            return double.NaN;
        if (r >= zpnMaxR)
            return r <= zpnMaxR + 1e-13 ? zpnMaxZeta : double.NaN;

        // R(zeta) increases on [0, zpnMaxZeta]: Newton's method kept inside a shrinking bracket.
        double lo = 0, hi = zpnMaxZeta;
        var zeta = Math.Clamp((r - zpn[0]) / zpn[1], lo, hi);
        for (var i = 0; i < 100; i++)
        {
            var (f, d) = HornerWithDerivative(zpn, zeta);
            f -= r;
            if (f < 0)
                lo = zeta;
            else
                hi = zeta;
            var next = d > 0 ? zeta - f / d : double.NaN;
            if (!(next > lo && next < hi))
                next = (lo + hi) / 2;
            if (Math.Abs(next - zeta) <= 1e-16 * Math.Max(1, zeta))
                return next;
            zeta = next;
        }

        return zeta;
    }

    // Where dR/dzeta first falls to zero (the ZPN projection is one-to-one up to there), and R there.
    private static (double Zeta, double R) ZpnLimits(double[] p)
    {
        const int steps = 3600;
        var previous = 0.0;
        for (var i = 1; i <= steps; i++)
        {
            var zeta = Math.PI * i / steps;
            if (HornerWithDerivative(p, zeta).Derivative <= 0)
            {
                double lo = previous, hi = zeta;
                for (var k = 0; k < 100 && hi - lo > 1e-15; k++)
                {
                    var mid = (lo + hi) / 2;
                    if (HornerWithDerivative(p, mid).Derivative > 0)
                        lo = mid;
                    else
                        hi = mid;
                }

                return (lo, Horner(p, lo));
            }

            previous = zeta;
        }

        return (Math.PI, Horner(p, Math.PI));
    }

    private static double Horner(double[] p, double x)
    {
        var sum = 0.0;
        for (var m = p.Length - 1; m >= 0; m--)
            sum = sum * x + p[m];
        return sum;
    }

    private static (double Value, double Derivative) HornerWithDerivative(double[] p, double x)
    {
        double value = 0, derivative = 0;
        for (var m = p.Length - 1; m >= 0; m--)
        {
            derivative = derivative * x + value;
            value = value * x + p[m];
        }

        return (value, derivative);
    }

    private static double[] TrimZpn(IReadOnlyList<double> pv2)
    {
        var n = pv2.Count;
        while (n > 0 && pv2[n - 1] == 0)
            n--;
        var p = new double[n];
        for (var i = 0; i < n; i++)
            p[i] = pv2[i];
        return p;
    }

    private static string? ZpnProblem(double[] p)
    {
        if (p.Length < 2 || !(p[1] > 0))
            return "the ZPN polynomial needs a positive PV2_1 term";
        if (p.Any(c => !double.IsFinite(c)))
            return "the ZPN polynomial has a coefficient that is not a finite number";
        return null;
    }

    // Solves f(a, b) = target for (a, b), where f = (P(a, b), Q(a, b)) (plus (a, b) itself for SIP), by Newton's method.
    private static (double A, double B) Invert(DistortionPolynomial p, DistortionPolynomial q, double targetA, double targetB, bool addIdentity, double tolerance)
    {
        double a = targetA, b = targetB;
        var scale = Math.Max(1.0, Math.Max(Math.Abs(targetA), Math.Abs(targetB)));
        for (var i = 0; i < 50; i++)
        {
            var (fa, da1, da2) = p.EvaluateWithGradient(a, b);
            var (fb, db1, db2) = q.EvaluateWithGradient(a, b);
            if (addIdentity)
            {
                fa += a;
                fb += b;
                da1 += 1;
                db2 += 1;
            }

            var ea = fa - targetA;
            var eb = fb - targetB;
            var det = da1 * db2 - da2 * db1;
            if (det == 0 || !double.IsFinite(det))
                return (double.NaN, double.NaN);
            var stepA = (db2 * ea - da2 * eb) / det;
            var stepB = (da1 * eb - db1 * ea) / det;
            a -= stepA;
            b -= stepB;
            if (Math.Abs(stepA) + Math.Abs(stepB) <= tolerance * scale)
                return (a, b);
        }

        return (a, b);
    }

    // The rotation of Calabretta and Greisen (2002) eq. 5 for a reference point at the native pole: the celestial
    // unit vector (x, y, z) to the native one.
    private void CelestialToNative(double x, double y, double z, Span<double> native)
    {
        var (sinA, cosA) = SinCosDeg(ReferenceRa);
        var (sinD, cosD) = SinCosDeg(ReferenceDec);
        var (sinG, cosG) = SinCosDeg(LonPole + 180.0);
        var x1 = cosA * x + sinA * y;
        var y1 = -sinA * x + cosA * y;
        var x2 = x1 * sinD - z * cosD;
        var z2 = x1 * cosD + z * sinD;
        native[0] = x2 * cosG - y1 * sinG;
        native[1] = x2 * sinG + y1 * cosG;
        native[2] = z2;
    }

    // LONPOLE's default for a zenithal projection (theta0 = 90): 0 when delta0 >= theta0, else 180.
    private static double DefaultLonPole(double crval2) => crval2 >= 90.0 ? 0.0 : 180.0;

    // Sine and cosine of an angle in degrees, exact at multiples of 90 degrees (as wcslib's sincosd).
    private static (double Sin, double Cos) SinCosDeg(double degrees)
    {
        var d = SkyMath.Longitude(degrees);
        return d switch
        {
            0 => (0, 1),
            90 => (1, 0),
            180 => (0, -1),
            270 => (-1, 0),
            _ => Math.SinCos(d * Rad),
        };
    }

    private static string Pv(int axis, int m) => string.Create(CultureInfo.InvariantCulture, $"PV{axis}_{m}");

    private static void AddSip(List<string> cards, string name, int order, DistortionPolynomial polynomial)
    {
        cards.Add(FitsWriter.Card($"{name}_ORDER", order.ToString(CultureInfo.InvariantCulture), "SIP polynomial order"));
        foreach (var (p, q, _, c) in polynomial.Terms.OrderBy(t => t.P + t.Q).ThenBy(t => t.P))
            cards.Add(FitsWriter.Card(string.Create(CultureInfo.InvariantCulture, $"{name}_{p}_{q}"), c, "SIP coefficient"));
    }

    /// <summary>SIP: pixel offsets (u, v) from CRPIX become (u + A(u, v), v + B(u, v)) before the CD matrix.</summary>
    private sealed record SipDistortion(int AOrder, int BOrder, DistortionPolynomial A, DistortionPolynomial B);

    /// <summary>TPV: intermediate coordinates (xi, eta) in degrees become (P1(xi, eta), P2(eta, xi)) before the TAN projection.</summary>
    private sealed record TpvDistortion(IReadOnlyDictionary<int, double> Pv1, IReadOnlyDictionary<int, double> Pv2, DistortionPolynomial Xi, DistortionPolynomial Eta);
}
