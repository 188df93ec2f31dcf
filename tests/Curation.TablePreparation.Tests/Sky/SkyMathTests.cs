using Curation.TablePreparation.Sky;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Sky;

public class SkyMathTests
{
    private const string GalacticScript = """
        import sys, numpy as np
        from astropy.coordinates import SkyCoord
        import astropy.units as u
        ra, dec = np.loadtxt('points.csv', delimiter=',', skiprows=1, unpack=True, ndmin=2)
        c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame='icrs')
        g = c.galactic
        xyz = c.cartesian.xyz.value
        for l, b, x, y, z in zip(g.l.deg, g.b.deg, xyz[0], xyz[1], xyz[2]):
            print('%.17g %.17g %.17g %.17g %.17g' % (l, b, x, y, z))
        """;

    private const string SeparationScript = """
        import math, numpy as np
        from decimal import Decimal
        from astropy.coordinates import SkyCoord
        import astropy.units as u
        ra1, dec1, ra2, dec2 = np.loadtxt('pairs.csv', delimiter=',', skiprows=1, unpack=True, ndmin=2)
        a = SkyCoord(ra=ra1 * u.deg, dec=dec1 * u.deg)
        b = SkyCoord(ra=ra2 * u.deg, dec=dec2 * u.deg)
        rows = [line.strip().split(',') for line in open('pairs.csv').readlines()[1:]]
        for s, r in zip(a.separation(b).deg, rows):
            # For a tiny angle, also the flat-sky distance from the exact differences of the inputs (its error is of
            # order the angle squared), which astropy's own rounding does not reach.
            dra = float(Decimal(float(r[2])) - Decimal(float(r[0])))
            ddec = float(Decimal(float(r[3])) - Decimal(float(r[1])))
            mean = math.radians((float(r[1]) + float(r[3])) / 2)
            print('%.17g %.17g' % (s, math.hypot(dra * math.cos(mean), ddec)))
        """;

    [Test]
    public void Galactic_coordinates_and_unit_vectors_match_astropy()
    {
        using var dir = Fixtures.NewTempDir();
        // Random positions, the awkward ones, and the Galactic poles and centre in ICRS.
        var points = SkyPoints.Random(2000, 7).Concat(SkyPoints.EdgeCases())
            .Concat(new (double Ra, double Dec)[] { (192.85948, 27.12825), (12.85948, -27.12825), (266.40499, -28.93617), (86.40499, 28.93617) }).ToList();
        ReferenceTools.WriteCsv(dir.File("points.csv"), "ra,dec", points.Select(p => new[] { p.Ra, p.Dec }));
        var expected = ReferenceTools.ParseNumbers(ReferenceTools.RunAstropy(dir, GalacticScript));
        Assert.That(expected, Has.Count.EqualTo(points.Count));

        var worst = 0.0;
        var failures = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            var (ra, dec) = points[i];
            var (l, b) = SkyMath.ToGalactic(ra, dec);
            var (x, y, z) = SkyMath.UnitVector(ra, dec);
            var e = expected[i];
            var mas = ReferenceTools.MasBetween(l, b, e[0], e[1]);
            worst = Math.Max(worst, mas);
            if (mas > 1 || l is < 0 or >= 360 || Math.Abs(b) > 90)
                failures.Add($"({ra}, {dec}): l, b = ({l:R}, {b:R}), astropy ({e[0]:R}, {e[1]:R}): {mas:F3} mas");
            // 1e-13 is far below a milliarcsecond (5e-9); an RA of 720.5 costs sin and cos some 1e-15.
            if (Math.Abs(x - e[2]) > 1e-13 || Math.Abs(y - e[3]) > 1e-13 || Math.Abs(z - e[4]) > 1e-13)
                failures.Add($"({ra}, {dec}): unit vector ({x:R}, {y:R}, {z:R}), astropy ({e[2]:R}, {e[3]:R}, {e[4]:R})");
        }

        Assert.That(failures, Is.Empty);
        TestContext.Out.WriteLine($"worst Galactic difference from astropy over {points.Count} positions: {worst:F6} mas");
    }

    [Test]
    public void Separations_match_astropy_from_microarcseconds_to_antipodes()
    {
        using var dir = Fixtures.NewTempDir();
        var random = new Random(11);
        var pairs = new List<double[]>();
        foreach (var (ra, dec) in SkyPoints.Random(500, 3))
        {
            var (ra2, dec2) = SkyPoints.Random(1, random.Next()).First();
            pairs.Add([ra, dec, ra2, dec2]);
            // Tiny offsets (1 µas to 1 arcsec) and near-antipodes.
            var offset = Math.Pow(10, -9.5 + 6 * random.NextDouble());
            pairs.Add([ra, dec, ra + offset, Math.Clamp(dec + offset, -90, 90)]);
            pairs.Add([ra, dec, ra + 180 + offset, -dec]);
        }

        pairs.Add([10, 90, 200, 90]);
        pairs.Add([0, 0, 180, 0]);
        pairs.Add([359.9999999, 0, 0, 0]);
        ReferenceTools.WriteCsv(dir.File("pairs.csv"), "ra1,dec1,ra2,dec2", pairs);
        var expected = ReferenceTools.ParseNumbers(ReferenceTools.RunAstropy(dir, SeparationScript));
        Assert.That(expected, Has.Count.EqualTo(pairs.Count));

        var failures = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            var actual = SkyMath.SeparationDeg(p[0], p[1], p[2], p[3]);
            var (reference, flat) = (expected[i][0], expected[i][1]);
            // Within 1 mas of astropy everywhere; below 1e-4 degrees, within one part in 1e9 of the exact flat-sky
            // distance (astropy's Vincenty formula loses some 1e-6 of such angles to cancellation).
            if (Math.Abs(actual - reference) > 1.0 / 3.6e6)
                failures.Add($"({p[0]}, {p[1]}) to ({p[2]}, {p[3]}): {actual:R}, astropy {reference:R}");
            var flatApplies = reference < 1e-4 && Math.Abs(p[2] - p[0]) < 1 && Math.Abs(p[1]) < 89;
            if (flatApplies && Math.Abs(actual - flat) > 1e-9 * flat)
                failures.Add($"({p[0]}, {p[1]}) to ({p[2]}, {p[3]}): {actual:R}, exact flat-sky distance {flat:R}, astropy {reference:R}");
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Longitudes_are_brought_into_0_to_360()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SkyMath.Longitude(360), Is.Zero);
            Assert.That(SkyMath.Longitude(-1e-17), Is.Zero.Or.LessThan(360));
            Assert.That(SkyMath.Longitude(-90), Is.EqualTo(270));
            Assert.That(SkyMath.Longitude(725), Is.EqualTo(5).Within(1e-12));
            Assert.That(SkyMath.ToGalactic(0, -90).L, Is.GreaterThanOrEqualTo(0).And.LessThan(360));
        });
    }

    [Test]
    public void Sky_math_allocates_nothing()
    {
        var sum = 0.0;
        for (var i = 0; i < 100; i++)
            sum += SkyMath.ToGalactic(i, i * 0.5).L + SkyMath.UnitVector(i, 3).X + SkyMath.SeparationDeg(i, 1, 2, 3);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
            sum += SkyMath.ToGalactic(i * 0.0036, i * 0.0009 - 45).B + SkyMath.UnitVector(i, 3).Z + SkyMath.SeparationDeg(i, 1, 2, 3);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, $"checksum {sum}");
    }
}
