using Curation.TablePreparation.Matching;
using Curation.TablePreparation.Sky;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Matching;

/// <summary>
/// The references the matcher is checked against: every pair of the two sets tried (O(N·M)), decided by the same
/// separation formula as the matcher (<see cref="SkyMath.SeparationDeg"/>, itself checked against astropy), so the pair
/// sets must be identical; the separations are also checked against a haversine written here.
/// </summary>
internal static class BruteForce
{
    public static List<SkyPair> Pairs(SkyPositions a, SkyPositions b, double radius, bool self = false)
    {
        var pairs = new List<SkyPair>();
        for (var i = 0; i < a.Count; i++)
        {
            if (!OnSky(a, i))
                continue;
            for (var j = 0; j < b.Count; j++)
            {
                if ((self && i == j) || !OnSky(b, j))
                    continue;
                var s = SkyMath.SeparationDeg(a.Ra[i], a.Dec[i], b.Ra[j], b.Dec[j]);
                if (s <= radius)
                    pairs.Add(new SkyPair(a.Ids[i], b.Ids[j], s));
            }
        }

        return pairs;
    }

    /// <summary>Nearest-first one-to-one pairing the slow way: repeatedly the closest remaining candidate whose two
    /// sources are both free (ties by the first ID, then the second), until none is left.</summary>
    public static List<SkyPair> GreedyPairing(IReadOnlyList<SkyPair> candidates)
    {
        var remaining = candidates.ToList();
        var accepted = new List<SkyPair>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            foreach (var p in remaining)
            {
                if (p.SeparationDeg < best.SeparationDeg || (p.SeparationDeg == best.SeparationDeg && (p.IdA < best.IdA || (p.IdA == best.IdA && p.IdB < best.IdB))))
                    best = p;
            }

            accepted.Add(best);
            remaining.RemoveAll(p => p.IdA == best.IdA || p.IdB == best.IdB);
        }

        return accepted;
    }

    /// <summary>The haversine distance in degrees (accurate for the small angles matched here).</summary>
    public static double Haversine(double ra1, double dec1, double ra2, double dec2)
    {
        const double r = Math.PI / 180;
        var sd = Math.Sin((dec2 - dec1) * r / 2);
        var sa = Math.Sin((ra2 - ra1) * r / 2);
        var h = sd * sd + Math.Cos(dec1 * r) * Math.Cos(dec2 * r) * sa * sa;
        return 2 * Math.Asin(Math.Min(1, Math.Sqrt(h))) / r;
    }

    public static List<SkyPair> Sorted(IEnumerable<SkyPair> pairs) =>
        [.. pairs.OrderBy(p => p.IdA).ThenBy(p => p.IdB)];

    /// <summary>Asserts that the matcher's pairs are the brute force's: the same (IdA, IdB) set, no duplicates,
    /// separations equal to 1e-9 degree and to the haversine of the positions to 1e-9 degree; and that there is
    /// something to compare (at least <paramref name="atLeast"/> pairs).</summary>
    public static void AssertSame(IEnumerable<SkyPair> found, IEnumerable<SkyPair> expected, SkyPositions a, SkyPositions b, int atLeast, string what)
    {
        var got = Sorted(found);
        var want = Sorted(expected);
        Assert.That(want, Has.Count.GreaterThanOrEqualTo(atLeast), $"{what}: the brute force found only {want.Count} pairs; the data should have more");
        var gotKeys = got.Select(p => (p.IdA, p.IdB)).ToList();
        Assert.That(gotKeys.Distinct().Count(), Is.EqualTo(gotKeys.Count), $"{what}: a pair was reported twice");
        var missing = want.Select(p => (p.IdA, p.IdB)).Except(gotKeys).Take(5).ToList();
        var extra = gotKeys.Except(want.Select(p => (p.IdA, p.IdB))).Take(5).ToList();
        Assert.That(missing, Is.Empty, $"{what}: pairs the brute force finds but the matcher does not");
        Assert.That(extra, Is.Empty, $"{what}: pairs the matcher reports but the brute force does not");
        Assert.That(got, Has.Count.EqualTo(want.Count), what);
        var index = new Dictionary<long, int>();
        for (var i = 0; i < a.Count; i++)
            index.TryAdd(a.Ids[i], i);
        var indexB = new Dictionary<long, int>();
        for (var j = 0; j < b.Count; j++)
            indexB.TryAdd(b.Ids[j], j);
        var worst = 0.0;
        for (var k = 0; k < got.Count; k++)
        {
            Assert.That(got[k].SeparationDeg, Is.EqualTo(want[k].SeparationDeg).Within(1e-9), $"{what}: separation of {got[k]}");
            var (i, j) = (index[got[k].IdA], indexB[got[k].IdB]);
            var h = Haversine(a.Ra[i], a.Dec[i], b.Ra[j], b.Dec[j]);
            worst = Math.Max(worst, Math.Abs(h - got[k].SeparationDeg));
        }

        Assert.That(worst, Is.LessThanOrEqualTo(1e-9), $"{what}: worst difference from the haversine");
    }

    private static bool OnSky(SkyPositions s, int i) => s.Dec[i] >= -90 && s.Dec[i] <= 90 && double.IsFinite(s.Ra[i]);
}
