using System.Globalization;
using System.Text;
using Curation.TablePreparation.Matching;
using Curation.TablePreparation.Tests.Sky;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Matching;

/// <summary>STILTS's <c>tskymatch2 find=all</c> as the reference for pairs within a radius (Debian's stilts; the test
/// is skipped, with the reason, when it is absent): the matcher's tests and CU16's use it.</summary>
internal static class Stilts
{
    /// <summary>
    /// Runs STILTS on the same positions (written as CSV with every digit) and asserts it finds the same pairs. STILTS computes separations its own way (haversine), so a pair at the radius
    /// itself, to within 1e-9 arcsec, could fall on either side of it: such pairs are allowed to differ, and there
    /// are none in these sets (each difference is listed). Separations must agree to <paramref name="separationTolerance"/>
    /// degree (1e-9 by default; a neighbour table's distanceMins is single precision).
    /// </summary>
    public static void AssertSame(TempDirectory dir, IEnumerable<SkyPair> found, SkyPositions a, SkyPositions b, double radius, bool self, int atLeast, string what,
        double separationTolerance = 1e-9)
    {
        var stilts = ReferenceTools.StiltsCommand();
        WriteCsv(dir.File("a.csv"), a);
        WriteCsv(dir.File("b.csv"), b);
        var args = new List<string>(stilts.Skip(1))
        {
            "tskymatch2", "in1=a.csv", "ifmt1=csv", "in2=" + (self ? "a.csv" : "b.csv"), "ifmt2=csv",
            "ra1=ra", "dec1=dec", "ra2=ra", "dec2=dec", "error=" + (radius * 3600).ToString("R", CultureInfo.InvariantCulture),
            "find=all", "join=1and2", "ofmt=csv", "out=pairs.csv",
        };
        var (exit, _, stderr) = ReferenceTools.Run(stilts[0], args, dir.Path);
        Assert.That(exit, Is.EqualTo(0), $"stilts failed: {stderr}");
        var lines = File.ReadAllLines(dir.File("pairs.csv"));
        var header = lines[0].Split(',');
        int id1 = Array.IndexOf(header, "id_1"), id2 = Array.IndexOf(header, "id_2"), sep = Array.IndexOf(header, "Separation");
        var theirs = new Dictionary<(long, long), double>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var key = (long.Parse(f[id1], CultureInfo.InvariantCulture), long.Parse(f[id2], CultureInfo.InvariantCulture));
            if (self && key.Item1 == key.Item2)
                continue; // STILTS pairs each source with itself too
            theirs[key] = double.Parse(f[sep], CultureInfo.InvariantCulture) / 3600.0;
        }

        var ours = found.ToDictionary(p => (p.IdA, p.IdB), p => p.SeparationDeg);
        Assert.That(theirs, Has.Count.GreaterThanOrEqualTo(atLeast), $"{what}: STILTS found only {theirs.Count} pairs");
        var differences = ours.Keys.Except(theirs.Keys).Select(k => (k, ours[k]))
            .Concat(theirs.Keys.Except(ours.Keys).Select(k => (k, theirs[k]))).ToList();
        // Debian's STILTS 3.4.7 misses some pairs whose two sources lie on either side of RA 0/360 (at Dec 60 and
        // 15 arcsec, 3 of 3364; a one-row table of each source of such a pair gives no match either): those are
        // allowed, when they straddle RA 0 and the haversine confirms them, and listed. Any other difference fails.
        bool StraddlesRaZero((long, long) k)
        {
            var (i, j) = (Array.IndexOf(a.Ids, k.Item1), Array.IndexOf(b.Ids, k.Item2));
            return Math.Abs(a.Ra[i] - b.Ra[j]) > 180 && BruteForce.Haversine(a.Ra[i], a.Dec[i], b.Ra[j], b.Dec[j]) <= radius;
        }

        var missedByStilts = ours.Keys.Except(theirs.Keys).Where(StraddlesRaZero).ToList();
        foreach (var k in missedByStilts)
            TestContext.Out.WriteLine($"{what}: STILTS misses {k} across RA 0, {ours[k] * 3600:F4} arcsec apart");
        Assert.That(differences.Where(d => Math.Abs(d.Item2 - radius) > 1e-9 / 3600 && !missedByStilts.Contains(d.k)), Is.Empty, $"{what}: pairs found by one of STILTS and the matcher only");
        var worst = ours.Keys.Intersect(theirs.Keys).Select(k => Math.Abs(ours[k] - theirs[k])).DefaultIfEmpty(0).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(separationTolerance), $"{what}: worst separation difference from STILTS (degrees)");
        TestContext.Out.WriteLine($"{what}: {ours.Count} pairs, STILTS {theirs.Count}; {differences.Count} at the radius on either side; worst separation difference {worst * 3.6e6:F6} mas");
    }

    private static void WriteCsv(string path, SkyPositions s)
    {
        var text = new StringBuilder("id,ra,dec\n");
        for (var i = 0; i < s.Count; i++)
            text.Append(s.Ids[i]).Append(',').Append(s.Ra[i].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(s.Dec[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(path, text.ToString());
    }
}
