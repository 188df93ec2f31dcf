using System.Globalization;
using Curation.Fits;
using Curation.Fits.Headers;

namespace Curation.TablePreparation.Sky;

public sealed partial class Wcs
{
    private static readonly string[] SupportedCodes = ["TAN", "TPV", "SIN", "ARC", "ZPN", "STG", "ZEA"];

    /// <summary>
    /// The celestial WCS of an image HDU's header: CTYPE1/2 = RA---xxx/DEC--xxx with xxx one of TAN (with the -SIP
    /// suffix and A_p_q/B_p_q terms, or without), TPV (PV1_m, PV2_m), SIN, ARC, ZPN (PV2_0..PV2_29; the old PROJPm
    /// when no PV2_m is present), STG or ZEA; the linear part from PCi_j (with CDELTi), else CDi_j, else CDELTi and
    /// CROTA2 (the precedence of wcslib); LONPOLE when present. Equatorial axes in ICRS or FK5 J2000 only.
    /// Null, with a one-line reason naming the keyword in <paramref name="problem"/>, when there is no usable
    /// celestial WCS.
    /// </summary>
    public static Wcs? FromHeader(Header header, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Read(new KeywordSource(header, null, null), out problem);
    }

    /// <summary>The WCS of a CASU imcore catalogue table's pixel columns (X_coordinate, Y_coordinate), read by
    /// <see cref="FromTableHeader"/>; null with a reason when the table lacks them or their WCS.</summary>
    public static Wcs? FromCatalogueTable(Curation.Fits.FitsHdu table, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(table);
        var x = table.Columns.FirstOrDefault(c => string.Equals(c.Name, "X_coordinate", StringComparison.OrdinalIgnoreCase));
        var y = table.Columns.FirstOrDefault(c => string.Equals(c.Name, "Y_coordinate", StringComparison.OrdinalIgnoreCase));
        if (x is null || y is null)
        {
            problem = "the table has no X_coordinate and Y_coordinate columns";
            return null;
        }

        return FromTableHeader(table.Header, x.Index + 1, y.Index + 1, out problem);
    }

    /// <summary>
    /// The WCS of the X and Y pixel columns (1-based column numbers) of a source catalogue's binary table, as CASU's
    /// imcore writes it: the column forms of the image keywords (FITS WCS paper I, table 8: TCTYPn, TCRVLn, TCRPXn,
    /// TCDLTn, TCn_k for CDi_j, TPn_k for PCi_j, TVn_m for PVi_m, TCROTn, LONPn) for the two columns, each keyword
    /// falling back to the plain image keyword (CTYPE1, CRVAL1, CD1_1, PV2_m, ...) that the table header also
    /// carries. So a header with TV5_1..TV5_5 and a plain PV2_7 (as NGTS's catalogues have) gets all four ZPN
    /// terms, and one with only plain keywords is read as an image header. Null with a reason when neither form gives
    /// a usable WCS.
    /// </summary>
    public static Wcs? FromTableHeader(Header header, int xColumnNumber, int yColumnNumber, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentOutOfRangeException.ThrowIfLessThan(xColumnNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(yColumnNumber, 1);
        return Read(new KeywordSource(header, xColumnNumber, yColumnNumber), out problem);
    }

    private static Wcs? Read(KeywordSource k, out string? problem)
    {
        try
        {
            var wcs = Parse(k, out problem);
            return problem is null ? wcs : null;
        }
        catch (FitsException e)
        {
            // A keyword of the wrong type (a string CRVAL1, ...): the header's own message names it.
            problem = e.Message;
            return null;
        }
    }

    private static Wcs? Parse(KeywordSource k, out string? problem)
    {
        problem = null;
        var ctype1 = k.GetText("CTYPE1")?.Trim().ToUpperInvariant();
        var ctype2 = k.GetText("CTYPE2")?.Trim().ToUpperInvariant();
        if (ctype1 is null || ctype2 is null)
            return Fail(out problem, $"no celestial WCS: {k.Describe(ctype1 is null ? "CTYPE1" : "CTYPE2")} is missing");
        if (!ctype1.StartsWith("RA--", StringComparison.Ordinal) || !ctype2.StartsWith("DEC-", StringComparison.Ordinal))
        {
            return Fail(out problem, ctype1.StartsWith("DEC-", StringComparison.Ordinal) && ctype2.StartsWith("RA--", StringComparison.Ordinal)
                ? $"{k.Describe("CTYPE1")} = '{ctype1}' and {k.Describe("CTYPE2")} = '{ctype2}': Dec on axis 1 and RA on axis 2 are not supported"
                : $"{k.Describe("CTYPE1")} = '{ctype1}', {k.Describe("CTYPE2")} = '{ctype2}': not an equatorial RA---xxx/DEC--xxx pair");
        }

        if (ctype1.Length < 8 || ctype2.Length < 8 || ctype1[4] != '-' || ctype2[4] != '-')
            return Fail(out problem, $"{k.Describe("CTYPE1")} = '{ctype1}': no projection code (RA---TAN, ...)");
        var code = ctype1[5..8];
        var suffix = ctype1[8..];
        if (ctype2[5..8] != code || ctype2[8..] != suffix)
            return Fail(out problem, $"{k.Describe("CTYPE1")} = '{ctype1}' and {k.Describe("CTYPE2")} = '{ctype2}' name different projections");
        if (!SupportedCodes.Contains(code))
            return Fail(out problem, $"{k.Describe("CTYPE1")} = '{ctype1}': the {code} projection is not supported ({string.Join(", ", SupportedCodes)} are)");
        if (suffix is not ("" or "-SIP"))
            return Fail(out problem, $"{k.Describe("CTYPE1")} = '{ctype1}': the distortion '{suffix.TrimStart('-')}' is not supported (only -SIP is)");

        foreach (var unit in (ReadOnlySpan<string>)["CUNIT1", "CUNIT2"])
        {
            if (k.GetText(unit)?.Trim() is { Length: > 0 } u && !u.Equals("deg", StringComparison.OrdinalIgnoreCase))
                return Fail(out problem, $"{k.Describe(unit)} = '{u}': celestial axes must be in degrees");
        }

        if (FrameProblem(k) is { } frame)
            return Fail(out problem, frame);

        if (!k.TryGetDouble("CRVAL1", out var crval1) || !k.TryGetDouble("CRVAL2", out var crval2)
            || !k.TryGetDouble("CRPIX1", out var crpix1) || !k.TryGetDouble("CRPIX2", out var crpix2))
        {
            var missing = new[] { "CRVAL1", "CRVAL2", "CRPIX1", "CRPIX2" }.First(kw => !k.Has(kw));
            return Fail(out problem, $"no celestial WCS: {k.Describe(missing)} is missing");
        }

        if (LinearPart(k, out problem) is not { } cd)
            return null;
        var lonPole = k.TryGetDouble("LONPOLE", out var lp) ? lp : DefaultLonPole(crval2);

        var projection = code switch
        {
            "SIN" => ProjectionKind.Sin,
            "ARC" => ProjectionKind.Arc,
            "ZPN" => ProjectionKind.Zpn,
            "STG" => ProjectionKind.Stg,
            "ZEA" => ProjectionKind.Zea,
            _ => ProjectionKind.Tan,
        };

        double[]? zpnCoefficients = null;
        TpvDistortion? tpv = null;
        switch (code)
        {
            case "ZPN":
                zpnCoefficients = ReadZpn(k);
                if (ZpnProblem(zpnCoefficients) is { } zpnProblem)
                    return Fail(out problem, $"{k.Describe("CTYPE1")} = '{ctype1}': {zpnProblem} ({k.Describe("PV2_1")})");
                break;
            case "SIN":
                if ((k.TryGetDouble("PV2_1", out var xi) && xi != 0) || (k.TryGetDouble("PV2_2", out var eta) && eta != 0))
                    return Fail(out problem, $"{k.Describe("PV2_1")}/{k.Describe("PV2_2")}: the slant orthographic (SIN with PV2_1, PV2_2) is not supported");
                break;
            case "TPV":
                tpv = ReadTpv(k);
                break;
        }

        SipDistortion? sip = null;
        if (suffix == "-SIP")
        {
            sip = ReadSip(k, out problem);
            if (problem is not null)
                return null;
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("CRVAL1", crval1), ("CRVAL2", crval2), ("CRPIX1", crpix1), ("CRPIX2", crpix2), ("LONPOLE", lonPole)])
        {
            if (!double.IsFinite(value))
                return Fail(out problem, $"{k.Describe(name)} is not a finite number");
        }

        if (Math.Abs(crval2) > 90)
            return Fail(out problem, string.Create(CultureInfo.InvariantCulture, $"{k.Describe("CRVAL2")} = {crval2} is not a declination"));

        return new Wcs(projection, crval1, crval2, crpix1, crpix2, cd.Cd11, cd.Cd12, cd.Cd21, cd.Cd22, lonPole, zpnCoefficients, sip, tpv);
    }

    private static Wcs? Fail(out string problem, string message)
    {
        problem = message;
        return null;
    }

    // ICRS and FK5 J2000 are taken as the archive's frame (they differ by some 20 mas); FK4 B1950 and other frames are refused.
    private static string? FrameProblem(KeywordSource k)
    {
        var radesysKeyword = k.Has("RADESYS") ? "RADESYS" : "RADECSYS";
        var radesys = k.GetText(radesysKeyword)?.Trim().ToUpperInvariant();
        var equinoxKeyword = k.Has("EQUINOX") ? "EQUINOX" : "EPOCH";
        double? equinox = k.GetText(equinoxKeyword) is { } text
            && double.TryParse(text.Trim().TrimStart('J'), NumberStyles.Float, CultureInfo.InvariantCulture, out var e) ? e : null;

        switch (radesys)
        {
            case null or "":
                if (equinox is < 1984.0)
                    return string.Create(CultureInfo.InvariantCulture, $"{k.Describe(equinoxKeyword)} = {equinox} without RADESYS means FK4 B{equinox}: only ICRS or FK5 J2000 are supported");
                break;
            case "ICRS":
                return null;
            case "FK5":
                break;
            default:
                return $"{k.Describe(radesysKeyword)} = '{radesys}': only ICRS or FK5 J2000 are supported";
        }

        return equinox is { } eq && Math.Abs(eq - 2000.0) > 1e-6
            ? string.Create(CultureInfo.InvariantCulture, $"{k.Describe(equinoxKeyword)} = {eq}: only ICRS or FK5 J2000 are supported (no precession)")
            : null;
    }

    private static (double Cd11, double Cd12, double Cd21, double Cd22)? LinearPart(KeywordSource k, out string? problem)
    {
        problem = null;
        double cd11, cd12, cd21, cd22;
        string[] pc = ["PC1_1", "PC1_2", "PC2_1", "PC2_2"];
        string[] cdNames = ["CD1_1", "CD1_2", "CD2_1", "CD2_2"];
        if (pc.Any(k.Has))
        {
            // PCi_j with CDELTi (both default to the unit matrix and 1).
            var cdelt1 = k.GetDouble("CDELT1", 1.0);
            var cdelt2 = k.GetDouble("CDELT2", 1.0);
            cd11 = cdelt1 * k.GetDouble("PC1_1", 1.0);
            cd12 = cdelt1 * k.GetDouble("PC1_2", 0.0);
            cd21 = cdelt2 * k.GetDouble("PC2_1", 0.0);
            cd22 = cdelt2 * k.GetDouble("PC2_2", 1.0);
        }
        else if (cdNames.Any(k.Has))
        {
            cd11 = k.GetDouble("CD1_1", 0.0);
            cd12 = k.GetDouble("CD1_2", 0.0);
            cd21 = k.GetDouble("CD2_1", 0.0);
            cd22 = k.GetDouble("CD2_2", 0.0);
        }
        else if (k.TryGetDouble("CDELT1", out var cdelt1) && k.TryGetDouble("CDELT2", out var cdelt2))
        {
            // The AIPS convention: CROTA2 turns the axes after scaling them.
            var rho = k.TryGetDouble("CROTA2", out var r2) ? r2 : k.GetDouble("CROTA1", 0.0);
            var (sin, cos) = SinCosDeg(rho);
            cd11 = cdelt1 * cos;
            cd12 = -cdelt2 * sin;
            cd21 = cdelt1 * sin;
            cd22 = cdelt2 * cos;
        }
        else
        {
            problem = $"no celestial WCS: none of {k.Describe("CD1_1")}, {k.Describe("PC1_1")} or {k.Describe(k.Has("CDELT1") ? "CDELT2" : "CDELT1")} is present";
            return null;
        }

        var det = cd11 * cd22 - cd12 * cd21;
        if (det == 0 || !double.IsFinite(det))
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"the linear transformation ({k.Describe("CD1_1")} ...) is singular or not finite: [[{cd11}, {cd12}], [{cd21}, {cd22}]]");
            return null;
        }

        return (cd11, cd12, cd21, cd22);
    }

    private static double[] ReadZpn(KeywordSource k)
    {
        const int terms = 30;
        var p = new double[terms];
        var any = false;
        for (var m = 0; m < terms; m++)
        {
            if (k.TryGetDouble(Pv(2, m), out var value))
            {
                p[m] = value;
                any = true;
            }
        }

        if (!any)
        {
            // The draft standard's PROJPm, still written beside PV2_m by some old pipelines.
            for (var m = 0; m < 10; m++)
            {
                if (k.TryGetDouble(string.Create(CultureInfo.InvariantCulture, $"PROJP{m}"), out var value))
                    p[m] = value;
            }
        }

        return TrimZpn(p);
    }

    // TPV's 40 terms per axis (index m -> powers of the axis's own coordinate, of the other one, and of r). Absent
    // terms are 0, as in wcslib (so astropy), except that an axis with no PVi_m at all is left as it is (PVi_1 = 1),
    // where wcslib would collapse it to 0.
    private static TpvDistortion ReadTpv(KeywordSource k)
    {
        var pv1 = new Dictionary<int, double>();
        var pv2 = new Dictionary<int, double>();
        for (var m = 0; m < TpvTerms.Length; m++)
        {
            if (k.TryGetDouble(Pv(1, m), out var a))
                pv1[m] = a;
            if (k.TryGetDouble(Pv(2, m), out var b))
                pv2[m] = b;
        }

        if (pv1.Count == 0)
            pv1[1] = 1.0;
        if (pv2.Count == 0)
            pv2[1] = 1.0;
        var xi = new DistortionPolynomial(pv1.Select(t => (TpvTerms[t.Key].Own, TpvTerms[t.Key].Other, TpvTerms[t.Key].R, t.Value)));
        // The second axis's polynomial is in (eta, xi): its "own" coordinate is the second variable.
        var eta = new DistortionPolynomial(pv2.Select(t => (TpvTerms[t.Key].Other, TpvTerms[t.Key].Own, TpvTerms[t.Key].R, t.Value)));
        return new TpvDistortion(pv1, pv2, xi, eta);
    }

    private static readonly (int Own, int Other, int R)[] TpvTerms = BuildTpvTerms();

    private static (int, int, int)[] BuildTpvTerms()
    {
        var terms = new List<(int, int, int)> { (0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1) };
        for (var n = 2; n <= 7; n++)
        {
            for (var j = 0; j <= n; j++)
                terms.Add((n - j, j, 0));
            if (n % 2 == 1)
                terms.Add((0, 0, n));
        }

        return [.. terms];
    }

    // SIP's A_ORDER/B_ORDER and their terms; an order that is absent counts as no polynomial (HST's error and
    // data-quality extensions keep the -SIP CTYPE without any terms), so that -SIP with neither is plain TAN.
    private static SipDistortion? ReadSip(KeywordSource k, out string? problem)
    {
        problem = null;
        var aOrder = k.TryGetInt("A_ORDER", out var a) ? a : 0;
        var bOrder = k.TryGetInt("B_ORDER", out var b) ? b : 0;
        if (aOrder is < 0 or > 9 || bOrder is < 0 or > 9)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"A_ORDER = {aOrder}, B_ORDER = {bOrder}: SIP orders must be 0..9");
            return null;
        }

        var sip = new SipDistortion(aOrder, bOrder, ReadSipPolynomial(k, "A", aOrder), ReadSipPolynomial(k, "B", bOrder));
        return sip.A.IsZero && sip.B.IsZero ? null : sip;
    }

    private static DistortionPolynomial ReadSipPolynomial(KeywordSource k, string name, int order)
    {
        var terms = new List<(int, int, int, double)>();
        for (var p = 0; p <= order; p++)
        {
            for (var q = 0; p + q <= order; q++)
            {
                if (k.TryGetDouble(string.Create(CultureInfo.InvariantCulture, $"{name}_{p}_{q}"), out var c))
                    terms.Add((p, q, 0, c));
            }
        }

        return new DistortionPolynomial(terms);
    }

    /// <summary>
    /// The WCS keywords of an image header, or of a table header for two pixel columns (each image keyword read from
    /// its column form first, from the plain keyword otherwise).
    /// </summary>
    private sealed class KeywordSource(Header header, int? xColumn, int? yColumn)
    {
        /// <summary>The keyword that holds the value of an image keyword here, or null.</summary>
        public string? Find(string imageKeyword)
        {
            foreach (var candidate in Candidates(imageKeyword))
            {
                if (header.Contains(candidate) && header[candidate] is { IsCommentary: false })
                    return candidate;
            }

            return null;
        }

        public bool Has(string imageKeyword) => Find(imageKeyword) is not null;

        public bool TryGetDouble(string imageKeyword, out double value)
        {
            value = 0;
            return Find(imageKeyword) is { } keyword && header.TryGetDouble(keyword, out value);
        }

        public double GetDouble(string imageKeyword, double fallback) => TryGetDouble(imageKeyword, out var v) ? v : fallback;

        public bool TryGetInt(string imageKeyword, out int value)
        {
            value = 0;
            if (Find(imageKeyword) is not { } keyword || !header.TryGetInt64(keyword, out var v) || v is < int.MinValue or > int.MaxValue)
                return false;
            value = (int)v;
            return true;
        }

        public string? GetText(string imageKeyword) => Find(imageKeyword) is { } keyword ? header.GetText(keyword) : null;

        /// <summary>How to name an image keyword in a message: the keyword found, else every form looked for.</summary>
        public string Describe(string imageKeyword) => Find(imageKeyword) ?? string.Join(" or ", Candidates(imageKeyword));

        private IEnumerable<string> Candidates(string imageKeyword)
        {
            if (xColumn is { } x && yColumn is { } y)
            {
                foreach (var columnForm in ColumnForms(imageKeyword, x, y))
                    yield return columnForm;
            }

            yield return imageKeyword;
        }

        // FITS WCS paper I, table 8: the binary-table pixel-list forms of the image keywords (axis 1 is the X
        // column, axis 2 the Y column).
        private static IEnumerable<string> ColumnForms(string keyword, int x, int y)
        {
            string Column(char axis) => (axis == '1' ? x : y).ToString(CultureInfo.InvariantCulture);
            string? root = keyword.Length == 6 && keyword[5] is '1' or '2' ? keyword[..5] switch
            {
                "CTYPE" => "TCTYP",
                "CRVAL" => "TCRVL",
                "CRPIX" => "TCRPX",
                "CDELT" => "TCDLT",
                "CUNIT" => "TCUNI",
                "CROTA" => "TCROT",
                _ => null,
            } : null;
            if (root is not null)
            {
                yield return root + Column(keyword[5]);
                yield break;
            }

            if (keyword.Length == 5 && keyword[2] is '1' or '2' && keyword[3] == '_' && keyword[4] is '1' or '2'
                && keyword[..2] is "PC" or "CD")
            {
                yield return (keyword[..2] == "PC" ? "TP" : "TC") + Column(keyword[2]) + "_" + Column(keyword[4]);
                yield break;
            }

            if (keyword.Length >= 5 && keyword.StartsWith("PV", StringComparison.Ordinal) && keyword[2] is '1' or '2' && keyword[3] == '_')
            {
                yield return "TV" + Column(keyword[2]) + keyword[3..];
                yield break;
            }

            var perColumn = keyword switch
            {
                "LONPOLE" => "LONP",
                "LATPOLE" => "LATP",
                "RADESYS" => "RADE",
                "EQUINOX" => "EQUI",
                _ => null,
            };
            if (perColumn is not null)
            {
                yield return perColumn + Column('1');
                yield return perColumn + Column('2');
            }
        }
    }
}
