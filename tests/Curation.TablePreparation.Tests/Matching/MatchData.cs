using Curation.TablePreparation.Matching;

namespace Curation.TablePreparation.Tests.Matching;

/// <summary>Generated position sets for the matching tests: uniform, clustered, at the poles, across RA 0/360 and on
/// zone edges. Every set is deterministic (seeded).</summary>
internal static class MatchData
{
    public const double Arcsec = 1.0 / 3600.0;

    /// <summary>Uniform on the sphere within an RA range (which may wrap: raMin above raMax) and a Dec range.</summary>
    public static SkyPositions Uniform(int n, double raMin, double raMax, double decMin, double decMax, int seed, long idBase = 0)
    {
        var random = new Random(seed);
        var width = raMax >= raMin ? raMax - raMin : raMax + 360 - raMin;
        double s0 = Math.Sin(decMin * Math.PI / 180), s1 = Math.Sin(decMax * Math.PI / 180);
        var ids = new long[n];
        var ra = new double[n];
        var dec = new double[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = idBase + i;
            ra[i] = (raMin + random.NextDouble() * width) % 360.0;
            dec[i] = Math.Asin(s0 + random.NextDouble() * (s1 - s0)) * 180 / Math.PI;
        }

        return new SkyPositions(ids, ra, dec);
    }

    /// <summary>Clusters: each of <paramref name="clusters"/> centres uniform in the box, with sources scattered
    /// around it (Gaussian, <paramref name="sigmaDeg"/>), so that most sources have several neighbours.</summary>
    public static SkyPositions Clustered(int n, int clusters, double sigmaDeg, double raMin, double raMax, double decMin, double decMax, int seed, long idBase = 0)
    {
        var centres = Uniform(clusters, raMin, raMax, decMin, decMax, seed);
        var random = new Random(seed + 1);
        var ids = new long[n];
        var ra = new double[n];
        var dec = new double[n];
        for (var i = 0; i < n; i++)
        {
            var c = random.Next(clusters);
            (ra[i], dec[i]) = Offset(centres.Ra[c], centres.Dec[c], Gaussian(random) * sigmaDeg, Gaussian(random) * sigmaDeg);
            ids[i] = idBase + i;
        }

        return new SkyPositions(ids, ra, dec);
    }

    /// <summary>A second catalogue seen from the first: each source with probability <paramref name="fraction"/>
    /// moved by a Gaussian error of <paramref name="sigmaDeg"/> on each axis, and <paramref name="extra"/> sources
    /// of its own, uniform in the box.</summary>
    public static SkyPositions Counterparts(SkyPositions from, double fraction, double sigmaDeg, int extra, double raMin, double raMax, double decMin, double decMax, int seed, long idBase)
    {
        var random = new Random(seed);
        var ids = new List<long>();
        var ra = new List<double>();
        var dec = new List<double>();
        for (var i = 0; i < from.Count; i++)
        {
            if (random.NextDouble() >= fraction)
                continue;
            var (r, d) = Offset(from.Ra[i], from.Dec[i], Gaussian(random) * sigmaDeg, Gaussian(random) * sigmaDeg);
            ids.Add(idBase + ids.Count);
            ra.Add(r);
            dec.Add(d);
        }

        var others = Uniform(extra, raMin, raMax, decMin, decMax, seed + 1);
        for (var i = 0; i < extra; i++)
        {
            ids.Add(idBase + ids.Count);
            ra.Add(others.Ra[i]);
            dec.Add(others.Dec[i]);
        }

        return new SkyPositions([.. ids], [.. ra], [.. dec]);
    }

    /// <summary>Sources on and beside the boundaries of zones of height <paramref name="zoneHeight"/> near Dec
    /// <paramref name="nearDec"/>: exactly on a boundary, one ulp either side, and pairs whose Dec differs by just
    /// under, at and just over the radius straddling a boundary.</summary>
    public static SkyPositions ZoneEdges(double zoneHeight, double radius, double nearDec, double ra, int seed, long idBase = 0)
    {
        var random = new Random(seed);
        var ids = new List<long>();
        var ras = new List<double>();
        var decs = new List<double>();
        void Add(double r, double d)
        {
            if (d is < -90 or > 90)
                return;
            ids.Add(idBase + ids.Count);
            ras.Add(SkyMathLongitude(r));
            decs.Add(d);
        }

        var k0 = Math.Floor((nearDec + 90) / zoneHeight);
        for (var k = k0 - 5; k <= k0 + 5; k++)
        {
            var edge = -90 + k * zoneHeight;
            foreach (var d in new[] { edge, Math.BitDecrement(edge), Math.BitIncrement(edge) })
                Add(ra + random.NextDouble() * radius, d);
            foreach (var f in new[] { 0.999999, 0.5, 1.0 - 1e-12, 1.0 + 1e-9 })
            {
                var r = ra + random.NextDouble() * 4 * radius;
                Add(r, edge - f * radius / 2);
                Add(r, edge + f * radius / 2);
            }
        }

        return new SkyPositions([.. ids], [.. ras], [.. decs]);
    }

    /// <summary>Concatenates sets (IDs must not collide).</summary>
    public static SkyPositions Concat(params SkyPositions[] sets) => new(
        [.. sets.SelectMany(s => s.Ids)], [.. sets.SelectMany(s => s.Ra)], [.. sets.SelectMany(s => s.Dec)]);

    /// <summary>A position moved by small offsets east and north (degrees), through the tangent plane, so that it
    /// stays valid at the poles.</summary>
    public static (double Ra, double Dec) Offset(double ra, double dec, double east, double north)
    {
        double a = ra * Math.PI / 180, d = dec * Math.PI / 180, x = east * Math.PI / 180, y = north * Math.PI / 180;
        // Gnomonic inverse: the point at tangent-plane offset (x, y) from (a, d).
        var denominator = Math.Cos(d) - y * Math.Sin(d);
        var ra2 = a + Math.Atan2(x, denominator);
        var dec2 = Math.Atan2(Math.Sin(d) + y * Math.Cos(d), Math.Sqrt(x * x + denominator * denominator));
        return (SkyMathLongitude(ra2 * 180 / Math.PI), dec2 * 180 / Math.PI);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double SkyMathLongitude(double ra)
    {
        var l = ra % 360.0;
        if (l < 0)
            l += 360.0;
        return l >= 360.0 ? 0.0 : l;
    }
}
