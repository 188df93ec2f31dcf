namespace Curation.TablePreparation.Tests.Sky;

/// <summary>Test positions (RA, Dec in degrees): random ones from a fixed seed plus the awkward places.</summary>
internal static class SkyPoints
{
    /// <summary>Positions uniform on the sphere.</summary>
    public static IEnumerable<(double Ra, double Dec)> Random(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return (random.NextDouble() * 360.0, Math.Asin(2 * random.NextDouble() - 1) * 180.0 / Math.PI);
    }

    /// <summary>Poles, RA 0/360 and the other octant meridians, the equator, tiny offsets from them, RAs outside [0, 360).</summary>
    public static IEnumerable<(double Ra, double Dec)> EdgeCases()
    {
        double[] ras = [0, -0.0, 1e-12, 45, 90, 135, 180, 225, 270, 315, 359.999999999, 360, -10, 370, 720.5, 123.456];
        double[] decs = [0, 1e-12, -1e-12, 10, -10, 35.264389682754654, -35.264389682754654, 45, -45, 89.999999, -89.999999, 90, -90];
        foreach (var ra in ras)
        {
            foreach (var dec in decs)
                yield return (ra, dec);
        }
    }

    /// <summary>
    /// Points on the edges of HTM trixels: the corners and edge midpoints of trixels down random paths to levels
    /// 1..14 (a tie between two trixels is where two implementations part if they differ at all).
    /// </summary>
    public static IEnumerable<(double Ra, double Dec)> TrixelEdges(int paths, int seed)
    {
        var random = new Random(seed);
        double[][] octahedron = [[1, 0, 0], [0, 1, 0], [-1, 0, 0], [0, -1, 0]];
        for (var i = 0; i < paths; i++)
        {
            var k = random.Next(4);
            double[] v0 = octahedron[k], v1 = [0, 0, random.Next(2) == 0 ? 1 : -1], v2 = octahedron[(k + 1) % 4];
            var depth = 1 + random.Next(14);
            for (var l = 0; l < depth; l++)
            {
                var w0 = Mid(v1, v2);
                var w1 = Mid(v2, v0);
                var w2 = Mid(v0, v1);
                (v0, v1, v2) = random.Next(4) switch
                {
                    0 => (v0, w2, w1),
                    1 => (v1, w0, w2),
                    2 => (v2, w1, w0),
                    _ => (w0, w1, w2),
                };
            }

            foreach (var v in new[] { v0, v1, v2, Mid(v0, v1), Mid(v1, v2), Mid(v2, v0) })
                yield return (Math.Atan2(v[1], v[0]) * 180 / Math.PI is var ra && ra < 0 ? ra + 360 : ra, Math.Asin(Math.Clamp(v[2], -1, 1)) * 180 / Math.PI);
        }
    }

    /// <summary>The HTM test set: 3000 random positions, the edge cases and 200 trixels' corners and edge midpoints.</summary>
    public static IEnumerable<(double Ra, double Dec)> ForHtm() => Random(3000, 20).Concat(EdgeCases()).Concat(TrixelEdges(200, 24));

    private static double[] Mid(double[] a, double[] b)
    {
        double[] m = [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
        var n = Math.Sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]);
        return [m[0] / n, m[1] / n, m[2] / n];
    }
}
