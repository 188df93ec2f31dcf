using Curation.TablePreparation.Matching;
using NUnit.Framework;
using static Curation.TablePreparation.Tests.Matching.MatchData;

namespace Curation.TablePreparation.Tests.Matching;

/// <summary>The zone matcher (in memory and streamed from files) against a brute-force search of every pair.</summary>
public class SkyMatcherTests
{
    /// <summary>Pairs of generated sets, each with the radius it is matched at, and how many pairs the brute force
    /// must at least find there (so that no case passes empty).</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        // A survey-like patch: a catalogue and its counterparts (80% moved by 0.3", plus unrelated sources).
        var patchA = Uniform(3000, 150, 150.5, 1.0, 1.5, seed: 1);
        yield return new TestCaseData("random patch, 2 arcsec", patchA,
            Counterparts(patchA, 0.8, 0.3 * Arcsec, 600, 150, 150.5, 1.0, 1.5, seed: 2, idBase: 100_000), 2 * Arcsec, 2000, 20).SetName("{m}(random patch at 2 arcsec)");
        // Clusters: many neighbours each, at a larger radius.
        var clusters = Clustered(2500, 40, 5 * Arcsec, 20, 21, -30, -29, seed: 3);
        yield return new TestCaseData("clusters, 6 arcsec", clusters, Clustered(2500, 40, 5 * Arcsec, 20, 21, -30, -29, seed: 3, idBase: 100_000), 6 * Arcsec, 5000, 5000).SetName("{m}(clusters at 6 arcsec)");
        // Around the north and the south pole: every RA, zones whose windows are the whole ring.
        yield return new TestCaseData("north pole", Uniform(2000, 0, 360, 89.97, 90, seed: 5), Uniform(2000, 0, 360, 89.97, 90, seed: 6, idBase: 100_000), 10 * Arcsec, 500, 300).SetName("{m}(north pole at 10 arcsec)");
        var south = Concat(Uniform(1500, 0, 360, -90, -89.98, seed: 7), new SkyPositions([90_000, 90_001], [0, 123.4], [-90, -90]));
        yield return new TestCaseData("south pole", south, Uniform(1500, 0, 360, -90, -89.98, seed: 8, idBase: 100_000), 10 * Arcsec, 300, 200).SetName("{m}(south pole at 10 arcsec)");
        // Across RA 0/360, at a high declination where the window is wide.
        yield return new TestCaseData("across RA 0", Uniform(2500, 359.9, 0.1, 60, 60.1, seed: 9), Uniform(2500, 359.9, 0.1, 60, 60.1, seed: 10, idBase: 100_000), 15 * Arcsec, 1000, 500).SetName("{m}(across RA 0 at 15 arcsec)");
        // Just below the pole band, where the RA window is wider than a few degrees but not the whole ring.
        yield return new TestCaseData("near the pole", Uniform(2500, 0, 360, 89.5, 89.9, seed: 11), Uniform(2500, 0, 360, 89.5, 89.9, seed: 12, idBase: 100_000), 60 * Arcsec, 400, 300).SetName("{m}(Dec 89.5 to 89.9 at 60 arcsec)");
        // A large radius over a wide area.
        yield return new TestCaseData("wide, 1 degree", Uniform(1200, 0, 360, -90, 90, seed: 13), Uniform(1200, 0, 360, -90, 90, seed: 14, idBase: 100_000), 1.0, 20, 10).SetName("{m}(whole sky at 1 degree)");
        // On and beside zone edges, pairs at just under, at and just over the radius.
        const double r = 3 * Arcsec;
        var h = new SkyMatchOptions(r).EffectiveZoneHeightDeg;
        var edges = Concat(ZoneEdges(h, r, 10, 40, seed: 15), ZoneEdges(h, r, -45, 359.9995, seed: 16, idBase: 10_000), ZoneEdges(h, r, 89.999, 200, seed: 17, idBase: 20_000));
        yield return new TestCaseData("zone edges", edges, Concat(ZoneEdges(h, r, 10, 40, seed: 18, idBase: 100_000), ZoneEdges(h, r, -45, 359.9995, seed: 19, idBase: 110_000), ZoneEdges(h, r, 89.999, 200, seed: 20, idBase: 120_000)), r, 300, 300).SetName("{m}(zone edges at 3 arcsec)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_pair_within_the_radius_is_found_as_brute_force_finds_it(string what, SkyPositions a, SkyPositions b, double radius, int atLeast, int selfAtLeast)
    {
        var expected = BruteForce.Pairs(a, b, radius);
        var found = SkyMatcher.Match(a, b, new SkyMatchOptions(radius));
        _ = selfAtLeast;
        BruteForce.AssertSame(found, expected, a, b, atLeast, what);
    }

    [TestCaseSource(nameof(Cases))]
    public void A_self_match_finds_every_other_source_within_the_radius_in_both_directions(string what, SkyPositions a, SkyPositions b, double radius, int atLeast, int selfAtLeast)
    {
        _ = b;
        _ = atLeast;
        var expected = BruteForce.Pairs(a, a, radius, self: true);
        var found = SkyMatcher.SelfMatch(a, new SkyMatchOptions(radius));
        BruteForce.AssertSame(found, expected, a, a, selfAtLeast, what + " (self)");
        Assert.That(found.Where(p => p.IdA == p.IdB), Is.Empty, "a source is never its own neighbour");
        var keys = found.Select(p => (p.IdA, p.IdB)).ToHashSet();
        Assert.That(keys.Where(k => !keys.Contains((k.IdB, k.IdA))), Is.Empty, "every pair is there in both directions");
    }

    [TestCaseSource(nameof(Cases))]
    public void Streaming_from_dec_sorted_files_in_small_blocks_finds_the_same_pairs(string what, SkyPositions a, SkyPositions b, double radius, int atLeast, int selfAtLeast)
    {
        using var dir = Fixtures.NewTempDir();
        OutgestRecordWriter.WritePositions(dir.File("a.bin"), a, sortByDec: true);
        OutgestRecordWriter.WritePositions(dir.File("b.bin"), b, sortByDec: true);
        var expected = BruteForce.Pairs(a, b, radius);
        var expectedSelf = BruteForce.Pairs(a, a, radius, self: true);
        // Blocks of one source (so one zone, the smallest block), of 97 sources, and the whole file.
        foreach (var blockRows in new[] { 1, 97, 1 << 20 })
        {
            var sink = new PairList();
            var report = StreamingSkyMatcher.Match(dir.File("a.bin"), null, dir.File("b.bin"), null, new SkyMatchOptions(radius), sink, blockRows);
            BruteForce.AssertSame(sink.Pairs, expected, a, b, atLeast, $"{what}, streamed in blocks of {blockRows}");
            Assert.That((report.RowsA, report.RowsB, report.Pairs), Is.EqualTo(((long)a.Count, (long)b.Count, (long)expected.Count)));
            var self = new PairList();
            StreamingSkyMatcher.SelfMatch(dir.File("a.bin"), null, new SkyMatchOptions(radius), self, blockRows);
            BruteForce.AssertSame(self.Pairs, expectedSelf, a, a, selfAtLeast, $"{what}, self-match streamed in blocks of {blockRows}");
            if (blockRows == 1)
            {
                var h = new SkyMatchOptions(radius).EffectiveZoneHeightDeg;
                var zones = a.Dec.Where(d => d is >= -90 and <= 90).Select(d => ZonedPositions.ZoneOf(d, h)).Distinct().Count();
                Assert.That(report.Blocks, Is.EqualTo(zones), "blocks of one source are one zone each");
            }
        }
    }

    [Test]
    public void The_pairs_and_their_order_do_not_depend_on_the_number_of_threads_or_on_a_larger_zone_height()
    {
        var a = Clustered(20000, 300, 4 * Arcsec, 30, 32, 5, 7, seed: 21);
        var b = Counterparts(a, 0.9, 0.5 * Arcsec, 2000, 30, 32, 5, 7, seed: 22, idBase: 1_000_000);
        var one = SkyMatcher.Match(a, b, new SkyMatchOptions(2 * Arcsec) { Threads = 1 });
        var two = SkyMatcher.Match(a, b, new SkyMatchOptions(2 * Arcsec) { Threads = 2 });
        var seven = SkyMatcher.Match(a, b, new SkyMatchOptions(2 * Arcsec) { Threads = 7 });
        Assert.That(one, Has.Count.GreaterThan(15000));
        Assert.That(two, Is.EqualTo(one));
        Assert.That(seven, Is.EqualTo(one));
        var tall = SkyMatcher.Match(a, b, new SkyMatchOptions(2 * Arcsec) { ZoneHeightDeg = 30 * Arcsec });
        Assert.That(BruteForce.Sorted(tall), Is.EqualTo(BruteForce.Sorted(one)));
    }

    [Test]
    public void A_zone_height_below_the_radius_is_refused()
    {
        var options = new SkyMatchOptions(2 * Arcsec) { ZoneHeightDeg = 1 * Arcsec };
        Assert.That(() => options.EffectiveZoneHeightDeg, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("at least"));
        Assert.That(() => new SkyMatchOptions(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new SkyMatchOptions(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Positions_not_on_the_sky_are_counted_and_never_matched()
    {
        // NaN, the archive's default -0.9999995e9, and Dec beyond the poles, beside real positions that match.
        var a = new SkyPositions([1, 2, 3, 4, 5], [10, double.NaN, 10, 10, 10], [20, 20, -0.9999995e9, 90.5, double.NaN]);
        var b = new SkyPositions([11, 12], [10, 10.0001], [20, 20]);
        var pairs = new PairList();
        var report = SkyMatcher.Match(a, b, new SkyMatchOptions(1 * Arcsec), pairs);
        Assert.That(pairs.Pairs.Select(p => (p.IdA, p.IdB)), Is.EqualTo(new[] { (1L, 11L), (1L, 12L) }));
        Assert.That((report.SkippedA, report.SkippedB), Is.EqualTo((4L, 0L)));

        using var dir = Fixtures.NewTempDir();
        OutgestRecordWriter.WritePositions(dir.File("a.bin"), a, sortByDec: true);
        OutgestRecordWriter.WritePositions(dir.File("b.bin"), b, sortByDec: true);
        var streamed = new PairList();
        var streamedReport = StreamingSkyMatcher.Match(dir.File("a.bin"), null, dir.File("b.bin"), null, new SkyMatchOptions(1 * Arcsec), streamed);
        Assert.That(BruteForce.Sorted(streamed.Pairs), Is.EqualTo(BruteForce.Sorted(pairs.Pairs)));
        Assert.That((streamedReport.RowsA, streamedReport.SkippedA), Is.EqualTo((5L, 4L)));
    }

    [Test]
    public void A_file_not_sorted_by_dec_is_refused_naming_the_record()
    {
        using var dir = Fixtures.NewTempDir();
        var a = new SkyPositions([1, 2, 3], [10, 10, 10], [1, 3, 2]);
        OutgestRecordWriter.WritePositions(dir.File("a.bin"), a, sortByDec: false);
        var e = Assert.Throws<InvalidDataException>(() => StreamingSkyMatcher.SelfMatch(dir.File("a.bin"), null, new SkyMatchOptions(Arcsec), new PairList()))!;
        Assert.That(e.Message, Does.Contain("record 3 has Dec 2, below the 3 of a record before it: the file must be sorted by Dec"));
    }

    [Test]
    public void Pair_files_hold_the_pairs_with_their_descriptor()
    {
        using var dir = Fixtures.NewTempDir();
        var a = Clustered(3000, 50, 3 * Arcsec, 100, 100.5, 0, 0.5, seed: 23);
        var expected = SkyMatcher.SelfMatch(a, new SkyMatchOptions(4 * Arcsec));
        OutgestRecordWriter.WritePositions(dir.File("a.bin"), a, sortByDec: true);
        using (var writer = new PairFileWriter(dir.File("pairs.bin")))
        {
            StreamingSkyMatcher.SelfMatch(dir.File("a.bin"), null, new SkyMatchOptions(4 * Arcsec), writer, blockRows: 500);
            writer.Complete();
        }

        // Read back through the position reader (an int64, then two numbers), the separation in arcminutes.
        using var reader = PositionFileReader.Open(dir.File("pairs.bin"), new PositionColumns("masterObjID", "distanceMins", "distanceMins"));
        var descriptor = Curation.Database.Outgesting.OutgestDescriptor.Read(dir.File("pairs.bin.json"));
        Assert.That(descriptor.Layout.Columns.Select(c => (c.Name, c.TypeName)), Is.EqualTo(new[] { ("masterObjID", "int64"), ("slaveObjID", "int64"), ("distanceMins", "float64") }));
        Assert.That(descriptor.Rows, Is.EqualTo(expected.Count).And.GreaterThan(1000));
        var bytes = File.ReadAllBytes(dir.File("pairs.bin"));
        var read = new List<SkyPair>();
        for (var k = 0; k < descriptor.Rows; k++)
        {
            var r = bytes.AsSpan(k * 25, 25);
            read.Add(new SkyPair(BitConverter.ToInt64(r[1..]), BitConverter.ToInt64(r[9..]), BitConverter.ToDouble(r[17..]) / 60));
        }

        Assert.That(read.Select(p => (p.IdA, p.IdB)), Is.EquivalentTo(expected.Select(p => (p.IdA, p.IdB))));
        var sep = expected.ToDictionary(p => (p.IdA, p.IdB), p => p.SeparationDeg);
        Assert.That(read.Max(p => Math.Abs(p.SeparationDeg - sep[(p.IdA, p.IdB)])), Is.LessThan(1e-15));
        Assert.That(Directory.GetFiles(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "a.bin", "a.bin.json", "pairs.bin", "pairs.bin.json" }));
    }

    [Test]
    public void Nearest_first_pairing_is_the_greedy_pairing_of_a_brute_force()
    {
        // Crowded clusters, so that most sources compete for the same partners; rounded separations make ties.
        var a = Clustered(1500, 30, 2 * Arcsec, 60, 60.3, 10, 10.3, seed: 24);
        var b = Clustered(1500, 30, 2 * Arcsec, 60, 60.3, 10, 10.3, seed: 24, idBase: 10_000);
        var jittered = new SkyPositions(b.Ids, [.. b.Ra.Select((r, i) => r + (i % 3 - 1) * 0.2 * Arcsec)], b.Dec);
        var candidates = SkyMatcher.Match(a, jittered, new SkyMatchOptions(3 * Arcsec));
        Assert.That(candidates, Has.Count.GreaterThan(10000), "crowded enough to compete");
        var accepted = NearestFirstPairing.Pair(candidates);
        var expected = BruteForce.GreedyPairing(candidates);
        Assert.That(accepted, Is.EqualTo(expected));
        Assert.That(accepted.Select(p => p.IdA).Distinct().Count(), Is.EqualTo(accepted.Count));
        Assert.That(accepted.Select(p => p.IdB).Distinct().Count(), Is.EqualTo(accepted.Count));

        var ties = candidates.Select(p => p with { SeparationDeg = Math.Round(p.SeparationDeg / Arcsec, 1) * Arcsec }).ToList();
        Assert.That(ties.GroupBy(p => p.SeparationDeg).Count(g => g.Count() > 1), Is.GreaterThan(10), "rounded separations tie");
        var shuffled = ties.OrderBy(p => HashCode.Combine(p.IdA, p.IdB, 7)).ToList();
        Assert.That(NearestFirstPairing.Pair(shuffled), Is.EqualTo(BruteForce.GreedyPairing(ties)));
    }
}
