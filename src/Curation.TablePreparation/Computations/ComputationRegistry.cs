using System.Text.RegularExpressions;
using Curation.Schema.Model;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Computations;

/// <summary>
/// The computations behind the <c>--/Q</c> tags of the tables CU3 and CU4 fill. A column tagged <c>--/Q a,b</c> is
/// computed by the first computation here that computes that column from those attributes; a tagged column that none
/// computes is an error of the scripts, which <c>curate schema check</c> reports. A column with a source tag
/// (<c>--/K</c> or <c>--/F</c>) and a <c>--/Q</c> tag is computed only when its source is missing from a file
/// (<c>mjdObs --/K MJD-OBS --/Q dateObs</c>, <c>ra --/F RA --/Q x,y</c>). docs/table-preparation.md lists them.
/// </summary>
public static partial class ComputationRegistry
{
    private const double MagnitudePerLn = 1.0857362047581294; // 2.5 / ln(10)

    /// <summary>Every computation, in the order they are tried.</summary>
    public static IReadOnlyList<Computation> All { get; } =
    [
        new()
        {
            Name = "parentValue",
            Signature = "any column  <-  Table.attr (one attribute of another table)",
            Description = "Copies the attribute of the row the row is ingested with: a detector frame's filterID from its "
                + "multiframe, a detection's from its detector frame.",
            Computes = (_, inputs) => inputs.Count == 1 && inputs[0].Table is not null,
            Bind = b =>
            {
                var input = b.Input(0);
                return row => input.Value(row);
            },
        },
        new()
        {
            Name = "unitVector",
            Signature = "cx, cy, cz  <-  ra, dec",
            Description = "The Cartesian components of the unit vector towards (ra, dec): cx = cos dec cos ra, "
                + "cy = cos dec sin ra, cz = sin dec.",
            Computes = (c, inputs) => c.Name is "cx" or "cy" or "cz" && inputs.Count == 2,
            Bind = b =>
            {
                var (ra, dec) = (b.Input(0), b.Input(1));
                var axis = b.Column.Name[1];
                return row =>
                {
                    if (ra.Number(row) is not { } r || dec.Number(row) is not { } d)
                        return null;
                    var v = SkyMath.UnitVector(r, d);
                    return axis switch { 'x' => v.X, 'y' => v.Y, _ => v.Z };
                };
            },
        },
        new()
        {
            Name = "htmIndex",
            Signature = "htmID (any column with --/L n)  <-  ra, dec",
            Description = "The Hierarchical Triangular Mesh ID of (ra, dec) at the column's --/L level (SDSS's HTM, "
                + "the IDs STILTS's htmIndex gives).",
            Computes = (c, inputs) => c.HtmLevel is not null && inputs.Count == 2,
            Bind = b =>
            {
                var (ra, dec) = (b.Input(0), b.Input(1));
                var level = b.Column.HtmLevel!.Value;
                return row => ra.Number(row) is { } r && dec.Number(row) is { } d ? Htm.Index(r, d, level) : null;
            },
        },
        new()
        {
            Name = "galactic",
            Signature = "l, b  <-  ra, dec",
            Description = "Galactic longitude and latitude of the J2000 (ICRS) position (ra, dec), in degrees.",
            Computes = (c, inputs) => c.Name is "l" or "b" && inputs.Count == 2,
            Bind = b =>
            {
                var (ra, dec) = (b.Input(0), b.Input(1));
                var longitude = b.Column.Name == "l";
                return row =>
                {
                    if (ra.Number(row) is not { } r || dec.Number(row) is not { } d)
                        return null;
                    var g = SkyMath.ToGalactic(r, d);
                    return longitude ? g.L : g.B;
                };
            },
        },
        new()
        {
            Name = "objectId",
            Signature = "objID  <-  multiframeID, extNum, seqNum",
            Description = "The detection's ID over the whole archive: (multiframeID x 100 + extNum) x 10^8 + seqNum, "
                + "so that it reads as its three parts; null (the default) if a part is out of that range.",
            Computes = (c, inputs) => c.Name.Equals("objID", StringComparison.OrdinalIgnoreCase) && inputs.Count == 3,
            Bind = b =>
            {
                var (mf, ext, seq) = (b.Input(0), b.Input(1), b.Input(2));
                return row =>
                {
                    if (mf.Number(row) is not { } m || ext.Number(row) is not { } e || seq.Number(row) is not { } s)
                        return null;
                    if (m is < 0 or > 90_000_000_000 || e is < 0 or > 99 || s is < 0 or > 99_999_999)
                        return null;
                    return ((long)m * 100 + (long)e) * 100_000_000 + (long)s;
                };
            },
        },
        new()
        {
            Name = "filterId",
            Signature = "filterID  <-  filterName",
            Description = "The Filter whose shortName is the filter name (case and blanks ignored); a name that matches "
                + "none is reported and the column keeps its default.",
            Computes = (c, inputs) => c.Name.Equals("filterID", StringComparison.OrdinalIgnoreCase) && inputs.Count == 1,
            Bind = b =>
            {
                var name = b.Input(0);
                var filters = b.Context.Filters.ToDictionary(f => f.ShortName.Trim(), f => f.FilterId, StringComparer.OrdinalIgnoreCase);
                return row =>
                {
                    if (name.Text(row) is not { Length: > 0 } text || text.Equals("NONE", StringComparison.OrdinalIgnoreCase))
                        return null;
                    if (filters.TryGetValue(text.Trim(), out var id))
                        return id;
                    b.Context.Problems.Add(b.Context.Hdu, null, $"{b.Table.Name}.{b.Column.Name}",
                        $"filter '{text}' matches no shortName of the Filter table; filterID keeps its default");
                    return null;
                };
            },
        },
        new()
        {
            Name = "programmeId",
            Signature = "programmeID  <-  project",
            Description = "The programme the PROJECT keyword names, by the WSA rules (docs/table-preparation.md); an "
                + "unknown programme is reported, not guessed, and the column keeps its default.",
            Computes = (c, inputs) => c.Name.Equals("programmeID", StringComparison.OrdinalIgnoreCase) && inputs.Count == 1,
            Bind = b =>
            {
                var project = b.Input(0);
                var identifier = b.Context.Programmes
                    ?? throw new InvalidOperationException("the programme computation needs the registered programmes");
                return row =>
                {
                    var match = identifier.Identify(project.Text(row));
                    if (match.ProgrammeId is { } id)
                        return id;
                    b.Context.Problems.Add(b.Context.Hdu, "PROJECT", $"{b.Table.Name}.{b.Column.Name}",
                        $"{match.Problem}; programmeID keeps its default");
                    return null;
                };
            },
        },
        new()
        {
            Name = "frameType",
            Signature = "frameType  <-  fileName",
            Description = "The kind of frame from the pipeline's file-name suffixes: st stack, ld/lv/leav interleaved "
                + "(leav), ls or leav with st leavstack, conf appended for a confidence map (stackconf); normal otherwise.",
            Computes = (c, inputs) => c.Name.Equals("frameType", StringComparison.OrdinalIgnoreCase) && inputs.Count == 1,
            Bind = b =>
            {
                var fileName = b.Input(0);
                return row => fileName.Text(row) is { } f ? FrameTypeOf(f) : null;
            },
        },
        new()
        {
            Name = "frameExtent",
            Signature = "centralRA, centralDec, minRA, maxRA, minDec, maxDec, xPixSize, yPixSize, posAngle  <-  the WCS, axis1Length, axis2Length",
            Description = "The frame's centre, the RA and Dec range of its corners, its pixel sizes (arcsec) and the "
                + "position angle of its Y axis, from the WCS of its image HDU (ZPN, TAN, ARC or SIN) and its size.",
            Computes = (c, _) => FrameExtentColumns().IsMatch(c.Name),
            Bind = b =>
            {
                var nx = b.Find(a => a.Equals("axis1Length", StringComparison.OrdinalIgnoreCase));
                var ny = b.Find(a => a.Equals("axis2Length", StringComparison.OrdinalIgnoreCase));
                var wcs = b.Context.ImageWcs;
                var name = b.Column.Name.ToLowerInvariant();
                return row =>
                {
                    if (wcs is null)
                        return null;
                    var size = nx?.Number(row) is >= 1 and var x && ny?.Number(row) is >= 1 and var y ? ((int)x, (int)y) : ((int, int)?)null;
                    if (size is null && name is not ("xpixsize" or "ypixsize" or "posangle"))
                        return null; // the extent needs the frame's size; the scale and angle at the reference point do not
                    var e = wcs.Extent(size?.Item1 ?? 1, size?.Item2 ?? 1);
                    return name switch
                    {
                        "centralra" => e.CentralRa,
                        "centraldec" => e.CentralDec,
                        "minra" => e.MinRa,
                        "maxra" => e.MaxRa,
                        "mindec" => e.MinDec,
                        "maxdec" => e.MaxDec,
                        "xpixsize" => e.XPixSizeArcsec,
                        "ypixsize" => e.YPixSizeArcsec,
                        _ => e.PosAngleDeg,
                    };
                };
            },
        },
        new()
        {
            Name = "calibratedMagnitude",
            Signature = "xxxMag[n]  <-  flux, [aperCor], photZP, expTime, [amStart, amEnd], [extinction]",
            Description = "zp - 2.5 log10(flux / expTime) - aperCor - extinction x (airmass - 1), with the airmass the "
                + "mean of amStart and amEnd; a missing aperture correction, airmass or extinction drops its term; a "
                + "flux that is not positive, or a missing zero point or exposure time, leaves the default.",
            Computes = (c, inputs) => MagnitudeColumn().IsMatch(c.Name) && inputs.Count >= 3
                && inputs[0].Attribute.Contains("Flux", StringComparison.OrdinalIgnoreCase),
            Bind = b =>
            {
                var flux = b.Input(0);
                var aperCor = b.Find(a => a.StartsWith("aperCor", StringComparison.OrdinalIgnoreCase));
                var zp = b.Find(a => a.StartsWith("photZP", StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"{b.Table.Name}.{b.Column.Name}: no photZP attribute in its --/Q tag");
                var expTime = b.Input("expTime");
                var amStart = b.Find(a => a.Equals("amStart", StringComparison.OrdinalIgnoreCase));
                var amEnd = b.Find(a => a.Equals("amEnd", StringComparison.OrdinalIgnoreCase));
                var extinction = b.Find(a => a.StartsWith("extinction", StringComparison.OrdinalIgnoreCase));
                return row =>
                {
                    if (flux.Number(row) is not (> 0 and var f) || zp.Number(row) is not { } z || expTime.Number(row) is not (> 0 and var t))
                        return null;
                    var mag = z - 2.5 * Math.Log10(f / t) - (aperCor?.Number(row) ?? 0);
                    if (extinction?.Number(row) is { } k && amStart?.Number(row) is { } a0 && amEnd?.Number(row) is { } a1)
                        mag -= k * ((a0 + a1) / 2 - 1);
                    return mag;
                };
            },
        },
        new()
        {
            Name = "magnitudeError",
            Signature = "xxxMag[n]Err  <-  flux, fluxErr",
            Description = "The magnitude error from the flux and its error: 2.5 / ln 10 x fluxErr / flux; the default "
                + "when the flux is not positive or the error is missing or negative.",
            Computes = (c, inputs) => MagnitudeErrorColumn().IsMatch(c.Name) && inputs.Count == 2,
            Bind = b =>
            {
                var (flux, error) = (b.Input(0), b.Input(1));
                return row => flux.Number(row) is > 0 and var f && error.Number(row) is >= 0 and var e ? MagnitudePerLn * e / f : null;
            },
        },
        new()
        {
            Name = "skyFromPixel",
            Signature = "ra, dec  <-  x, y (when the table has no sky position)",
            Description = "The sky position of a detection from its pixel position, through the WCS of its catalogue "
                + "table's pixel columns (or, failing that, of its image), for catalogues that give only x and y.",
            Computes = (c, inputs) => c.Name is "ra" or "dec" && inputs.Count == 2,
            Bind = b =>
            {
                var (x, y) = (b.Input(0), b.Input(1));
                var wcs = b.Context.TableWcs ?? b.Context.ImageWcs;
                var isRa = b.Column.Name == "ra";
                return row =>
                {
                    if (wcs is null || x.Number(row) is not { } px || y.Number(row) is not { } py)
                        return null;
                    var (ra, dec) = wcs.PixelToSky(px, py);
                    return isRa ? ra : dec;
                };
            },
        },
        new()
        {
            Name = "mjdFromDate",
            Signature = "mjdXxx  <-  a date attribute",
            Description = "The modified Julian date of a date and time (UTC), for headers that give a date but no MJD.",
            Computes = (c, inputs) => c.Name.StartsWith("mjd", StringComparison.OrdinalIgnoreCase) && inputs.Count == 1,
            Bind = b =>
            {
                var date = b.Input(0);
                var missing = b.Table.Column(b.Inputs[0].Attribute) is { } dc ? Preparation.ColumnValues.DefaultOf(dc) : null;
                return row => date.Value(row) is DateTime t && !Equals(t, missing) ? JulianDates.ToMjd(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
            },
        },
        new()
        {
            Name = "colour",
            Signature = "xmyPnt, xmyExt  <-  xMag, yMag (two magnitudes of a merged source)",
            Description = "A colour: the first magnitude minus the second (CU7's zmyPnt from zAperMag3 and yAperMag3); the "
                + "default when either is missing.",
            Computes = (c, inputs) => ColourColumn().IsMatch(c.Name) && inputs.Count == 2 && inputs.All(i => i.Table is null),
            Bind = b =>
            {
                var (first, second) = (b.Input(0), b.Input(1));
                return row => first.Number(row) is { } m1 && second.Number(row) is { } m2 ? m1 - m2 : null;
            },
        },
        new()
        {
            Name = "colourError",
            Signature = "xmyPntErr, xmyExtErr  <-  xMagErr, yMagErr",
            Description = "The error of a colour from its magnitudes' errors, added in quadrature: sqrt(e1^2 + e2^2); the "
                + "default when either is missing or negative.",
            Computes = (c, inputs) => ColourErrorColumn().IsMatch(c.Name) && inputs.Count == 2 && inputs.All(i => i.Table is null),
            Bind = b =>
            {
                var (first, second) = (b.Input(0), b.Input(1));
                return row => first.Number(row) is >= 0 and var e1 && second.Number(row) is >= 0 and var e2 ? Math.Sqrt(e1 * e1 + e2 * e2) : null;
            },
        },
        new()
        {
            Name = "mergedClassStat",
            Signature = "mergedClassStat  <-  the passbands' classStat",
            Description = "The merged stellarness statistic: the sum of the passbands' N(0,1) classStat over the bands "
                + "with a value, divided by the square root of their number (so it stays N(0,1) for a point source); "
                + "the default when no band has one.",
            Computes = (c, inputs) => c.Name.Equals("mergedClassStat", StringComparison.OrdinalIgnoreCase) && inputs.Count >= 1,
            Bind = b =>
            {
                var stats = Enumerable.Range(0, b.Inputs.Count).Select(b.Input).ToArray();
                return row =>
                {
                    var (sum, n) = (0.0, 0);
                    foreach (var s in stats)
                    {
                        if (s.Number(row) is { } v)
                            (sum, n) = (sum + v, n + 1);
                    }

                    return n == 0 ? null : sum / Math.Sqrt(n);
                };
            },
        },
        new()
        {
            Name = "mergedClass",
            Signature = "mergedClass  <-  mergedClassStat, the passbands' class",
            Description = "The merged classification: -9 (saturated) if any passband's class is -9; otherwise from "
                + "mergedClassStat s, as CASU classifies a single band: -1 star for |s| < 2, -2 probable star for "
                + "-3 < s <= -2, -3 probable galaxy for 2 <= s < 3, 1 galaxy for s >= 3, 0 noise for s <= -3; the "
                + "default when s is missing.",
            Computes = (c, inputs) => c.Name.Equals("mergedClass", StringComparison.OrdinalIgnoreCase) && inputs.Count >= 1
                && inputs[0].Attribute.Equals("mergedClassStat", StringComparison.OrdinalIgnoreCase),
            Bind = b =>
            {
                var stat = b.Input(0);
                var classes = Enumerable.Range(1, b.Inputs.Count - 1).Select(b.Input).ToArray();
                return row =>
                {
                    if (classes.Any(c => c.Number(row) == -9))
                        return -9;
                    return stat.Number(row) switch
                    {
                        null => null,
                        <= -3 => 0,
                        <= -2 => -2,
                        < 2 => -1,
                        < 3 => -3,
                        _ => 1,
                    };
                };
            },
        },
    ];

    /// <summary>The computation that computes <paramref name="column"/> from its <c>--/Q</c> attributes, or null when none does.</summary>
    public static Computation? For(ColumnDef column, IReadOnlyList<AttributeRef> inputs)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(inputs);
        return All.FirstOrDefault(c => c.Computes(column, inputs));
    }

    /// <summary>The frame type a file name's pipeline suffixes give (see the frameType computation).</summary>
    public static string FrameTypeOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName).ToLowerInvariant();
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
            name = name[..dot];
        var tokens = name.Split('_');
        bool Has(params string[] t) => tokens.Any(t.Contains);
        var leav = Has("ld", "lv", "leav");
        var stack = Has("st", "stack");
        var type = Has("ls", "leavstack") || (leav && stack) ? "leavstack" : stack ? "stack" : leav ? "leav" : "normal";
        if (Has("conf"))
            type = type == "normal" ? "conf" : type + "conf";
        return type;
    }

    [GeneratedRegex("^(centralRA|centralDec|minRA|maxRA|minDec|maxDec|xPixSize|yPixSize|posAngle)$", RegexOptions.IgnoreCase)]
    private static partial Regex FrameExtentColumns();

    [GeneratedRegex("^[a-z][a-z0-9]*m[a-z][a-z0-9]*(Pnt|Ext)$")]
    private static partial Regex ColourColumn();

    [GeneratedRegex("^[a-z][a-z0-9]*m[a-z][a-z0-9]*(Pnt|Ext)Err$")]
    private static partial Regex ColourErrorColumn();

    [GeneratedRegex("^[a-z]*Mag[0-9]*$", RegexOptions.IgnoreCase)]
    private static partial Regex MagnitudeColumn();

    [GeneratedRegex("^[a-z]*Mag[0-9]*Err$", RegexOptions.IgnoreCase)]
    private static partial Regex MagnitudeErrorColumn();
}
