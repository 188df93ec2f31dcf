using System.Globalization;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Sky;
using Curation.TablePreparation.Tests.Ingest;
using NUnit.Framework;

namespace Curation.TablePreparation.Tests.Merging;

/// <summary>CU7 over the generated night (several passbands, a field observed twice), checked against the brute-force
/// merge of the same detections.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MergeSourcesTests(string engine)
{
    private const double Arcsec = 1.0 / 3600;
    private const double Missing = -0.9999995e9;
    private static readonly string[] LasBands = ["y", "j", "h", "k"];

    private static double V(IReadOnlyDictionary<string, object?> row, string column) => Convert.ToDouble(row[column], CultureInfo.InvariantCulture);

    private static long L(IReadOnlyDictionary<string, object?> row, string column) => Convert.ToInt64(row[column], CultureInfo.InvariantCulture);

    /// <summary>A night ingested by CU3 and CU4 (the catalogues given, or all).</summary>
    private static IngestArchive Ingested(string engine, DemoNightManifest night, Func<DemoFile, bool>? catalogues = null)
    {
        var archive = IngestArchive.Create(engine);
        Assert.That(archive.Cu3(night.Files.Select(f => f.Path).ToArray()), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu4([.. night.OfKind(DemoFileKind.Catalogue).Where(catalogues ?? (_ => true)).Select(f => f.Path)]), Is.Zero, archive.Terminal);
        return archive;
    }

    /// <summary>
    /// Checks every source of every LAS frame set against the brute-force merge of its frames' detections: the same
    /// sources in the same order (by sourceID), made of the same detections (their seqNum per band), their values those
    /// of their detections, their colours, mean position and merged class computed from them. Returns the number of
    /// sources with detections in two bands or more.
    /// </summary>
    private static int AssertSourcesAreTheBruteForceMerge(IngestArchive archive)
    {
        var radius = archive.Rows("SELECT pairingCriterion FROM Programme WHERE programmeID = 101").Select(r => V(r, "pairingCriterion")).Single() * Arcsec;
        var sets = archive.Rows("SELECT * FROM lasMergeLog WHERE deprecated = 0 ORDER BY frameSetID");
        Assert.That(sets, Is.Not.Empty);
        var multiBand = 0;
        foreach (var set in sets)
        {
            var id = L(set, "frameSetID");
            Assert.That(V(set, "newFrameSet"), Is.Zero, $"frame set {id} is merged");
            var centre = SkyMath.UnitVector(V(set, "ra"), V(set, "dec"));
            Assert.That((V(set, "cx"), V(set, "cy"), V(set, "cz")), Is.EqualTo(centre), $"frame set {id}: its centre's unit vector");
            Assert.That(L(set, "htmID"), Is.EqualTo(Htm.Index(V(set, "ra"), V(set, "dec"), 20)), $"frame set {id}: its centre's htmID");
            var detections = LasBands.Select(b => L(set, b + "mfID") < 0 ? [] : archive.Rows(
                "SELECT seqNum, ra, dec, aperMag3, aperMag3Err, classStat, class FROM lasDetection WHERE multiframeID = @m AND extNum = @e ORDER BY seqNum",
                new { m = L(set, b + "mfID"), e = (int)L(set, b + "eNum") })).ToList();
            var bands = detections.Select(rows => new BandDetections([.. rows.Select(r => V(r, "ra"))], [.. rows.Select(r => V(r, "dec"))])).ToList();
            var expected = BruteForceMerge.Merge(bands, radius);
            var sources = archive.Rows("SELECT * FROM lasSource WHERE frameSetID = @id ORDER BY sourceID", new { id });
            Assert.That(sources, Has.Count.EqualTo(expected.Count), $"frame set {id}: sources");
            for (var s = 0; s < sources.Count; s++)
            {
                var source = sources[s];
                var what = $"frame set {id}, source {L(source, "sourceID")}";
                Assert.That(L(source, "sourceID"), Is.EqualTo(id * 1_000_000 + s + 1), what);
                var seqNums = LasBands.Select((b, i) => expected[s][i] < 0 ? -99999999 : L(detections[i][expected[s][i]], "seqNum")).ToList();
                Assert.That(LasBands.Select(b => L(source, b + "SeqNum")), Is.EqualTo(seqNums), $"{what}: its detections");
                if (expected[s].Count(d => d >= 0) >= 2)
                    multiBand++;
                for (var i = 0; i < LasBands.Length; i++)
                {
                    var b = LasBands[i];
                    var d = expected[s][i] < 0 ? null : detections[i][expected[s][i]];
                    Assert.That(V(source, b + "AperMag3"), Is.EqualTo(d is null ? Missing : V(d, "aperMag3")).Within(d is null ? 1e3 : 1e-5), $"{what}: {b}AperMag3");
                    Assert.That(V(source, b + "Class"), Is.EqualTo(d is null ? -9999 : V(d, "class")), $"{what}: {b}Class");
                }

                Assert.That(V(source, "zAperMag3"), Is.EqualTo(Missing).Within(1e3), $"{what}: Z is not a LAS passband");
                var (y, j) = (V(source, "yAperMag3"), V(source, "jAperMag3"));
                Assert.That(V(source, "ymjPnt"), y > -1e8 && j > -1e8 ? Is.EqualTo(y - j).Within(1e-5) : Is.EqualTo(Missing).Within(1e3), $"{what}: Y-J");
                var stats = LasBands.Select((b, i) => expected[s][i] < 0 ? (double?)null : V(detections[i][expected[s][i]], "classStat")).OfType<double>().ToList();
                Assert.That(V(source, "mergedClassStat"), Is.EqualTo(stats.Sum() / Math.Sqrt(stats.Count)).Within(1e-5), $"{what}: mergedClassStat");
                var mean = BruteForceMerge.MeanPosition(bands, expected[s])!.Value;
                Assert.That(SkyMath.SeparationDeg(V(source, "ra"), V(source, "dec"), mean.Ra, mean.Dec), Is.LessThan(1e-6 * Arcsec), $"{what}: mean position");
                var v = SkyMath.UnitVector(mean.Ra, mean.Dec);
                Assert.That(V(source, "cz"), Is.EqualTo(v.Z).Within(1e-12), $"{what}: cz");
                Assert.That(L(source, "htmID"), Is.EqualTo(Htm.Index(V(source, "ra"), V(source, "dec"), 20)), $"{what}: htmID");
            }
        }

        return multiBand;
    }

    [Test]
    public void The_merged_sources_are_the_brute_force_merge_of_each_frame_set_and_a_rerun_changes_nothing()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = Ingested(engine, night);
        Assert.That(archive.Cu7("LAS", out var first), Is.Zero, archive.Terminal);
        Assert.That(first.Summary.NewFrameSets, Is.GreaterThan(0));
        Assert.That(first.Summary.Merged, Is.EqualTo(first.Summary.NewFrameSets));
        Assert.That(AssertSourcesAreTheBruteForceMerge(archive), Is.GreaterThan(100), "sources with detections in several passbands");
        Assert.That(archive.Count("lasSource"), Is.EqualTo(first.Summary.Sources));
        var ofFrameSets = archive.Rows("SELECT COUNT(*) AS n FROM lasDetection d JOIN lasMergeLog m ON "
            + "(d.multiframeID = m.ymfID AND d.extNum = m.yeNum) OR (d.multiframeID = m.jmfID AND d.extNum = m.jeNum) "
            + "OR (d.multiframeID = m.hmfID AND d.extNum = m.heNum) OR (d.multiframeID = m.kmfID AND d.extNum = m.keNum)").Single();
        Assert.That(first.Summary.Detections, Is.EqualTo(L(ofFrameSets, "n")), "every detection of the frame sets is in a source");

        var sourceIds = archive.Rows("SELECT sourceID FROM lasSource ORDER BY sourceID").Select(r => L(r, "sourceID")).ToList();
        Assert.That(archive.Cu7("LAS", out var again), Is.Zero, archive.Terminal);
        Assert.That((again.Summary.Merged, again.Summary.NewFrameSets, again.Summary.ChangedFrameSets), Is.EqualTo((0, 0, 0)));
        Assert.That(again.Summary.Unchanged, Is.EqualTo(first.Summary.NewFrameSets));
        Assert.That(archive.Rows("SELECT sourceID FROM lasSource ORDER BY sourceID").Select(r => L(r, "sourceID")), Is.EqualTo(sourceIds));
        Assert.That(archive.Count("ProgrammeCurationHistory", "programmeID = 101 AND cuEventID IN (SELECT cuEventID FROM ArchiveCurationHistory WHERE cuID = 7)"),
            Is.EqualTo(2), "both runs are recorded for LAS");
    }

    [Test]
    public void Frame_sets_are_one_frame_per_filter_from_stacks_not_their_exposures_and_the_later_of_two_observations()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = Ingested(engine, night);
        Assert.That(archive.Cu7("LAS", out _), Is.Zero, archive.Terminal);
        var used = archive.Rows("SELECT DISTINCT f.fileName FROM lasMergeLog m JOIN Multiframe f ON f.multiframeID IN (m.ymfID, m.jmfID, m.hmfID, m.kmfID)")
            .Select(r => Path.GetFileName(((string)r["fileName"]!).TrimEnd())).ToList();
        var stack = night.OfKind(DemoFileKind.Stack).Single(f => f.ExpectedAcronym == "LAS");
        Assert.That(used, Does.Contain(stack.Name));
        Assert.That(used, Has.None.AnyOf(stack.Components.Select(Path.GetFileName).ToArray()), "a stack's exposures are merged through the stack");

        // A field observed twice in one filter: only the later frame is used. (Two fields observed in one filter are not a repeat.)
        var repeats = night.OfKind(DemoFileKind.Image).Where(f => f.ExpectedAcronym == "LAS" && !night.OfKind(DemoFileKind.Stack).Any(s => s.Components.Contains(f.Name)))
            .GroupBy(f => (f.Object, f.Filter)).Where(g => g.Count() > 1).SelectMany(g => g.OrderBy(f => f.ObsNum).SkipLast(1)).Select(f => f.Name).ToList();
        Assert.That(repeats, Is.Not.Empty, "the night observes a LAS field twice in one filter");
        Assert.That(used, Has.None.AnyOf(repeats.ToArray()), "the earlier observation is superseded");
    }

    [Test]
    public void A_frame_arriving_later_changes_its_frame_set_which_is_merged_again()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        var firstFilter = night.OfKind(DemoFileKind.Stack).Single(f => f.ExpectedAcronym == "LAS").Filter;
        bool Early(DemoFile f) => f.Filter == firstFilter;
        using var archive = Ingested(engine, night, Early);
        Assert.That(archive.Cu7("LAS", out var before), Is.Zero, archive.Terminal);
        var setsBefore = archive.Count("lasMergeLog");
        Assert.That(archive.Cu4([.. night.OfKind(DemoFileKind.Catalogue).Where(f => !Early(f)).Select(f => f.Path)]), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu7("LAS", out var after), Is.Zero, archive.Terminal);
        Assert.That(after.Summary.ChangedFrameSets, Is.GreaterThan(0), "frames of other filters joined the first filter's frame sets");
        Assert.That(after.Summary.Merged, Is.EqualTo(after.Summary.ChangedFrameSets + after.Summary.NewFrameSets));
        Assert.That(archive.Count("lasMergeLog", "newJframe = 1 AND newYframe = 0"), Is.GreaterThan(0), "the new J frames are flagged");
        Assert.That(archive.Count("lasMergeLog"), Is.EqualTo(setsBefore + after.Summary.NewFrameSets));
        Assert.That(AssertSourcesAreTheBruteForceMerge(archive), Is.GreaterThan(100));

        // The same frame sets and sources as when everything arrives at once.
        using var once = Ingested(engine, night);
        Assert.That(once.Cu7("LAS", out _), Is.Zero, once.Terminal);
        const string slots = "SELECT ymfID, yeNum, jmfID, jeNum, hmfID, heNum, kmfID, keNum FROM lasMergeLog ORDER BY ymfID, yeNum, jmfID, jeNum, hmfID, heNum, kmfID, keNum";
        Assert.That(Slots(archive.Rows(slots)), Is.EqualTo(Slots(once.Rows(slots))));
        Assert.That(archive.Count("lasSource"), Is.EqualTo(once.Count("lasSource")));
        Assert.That(before.Summary.Sources, Is.GreaterThan(0));
    }

    private static List<string> Slots(IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        [.. rows.Select(r => string.Join(",", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];

    [Test]
    public void Detections_ingested_again_have_their_frame_sets_merged_again_with_the_same_sources()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = Ingested(engine, night);
        Assert.That(archive.Cu7("LAS", out _), Is.Zero, archive.Terminal);
        var ids = archive.Rows("SELECT sourceID, jSeqNum FROM lasSource ORDER BY sourceID").Select(r => (L(r, "sourceID"), L(r, "jSeqNum"))).ToList();
        var stack = night.OfKind(DemoFileKind.Catalogue).Single(f => f.ImagePath == night.OfKind(DemoFileKind.Stack).Single(s => s.ExpectedAcronym == "LAS").Path);
        Assert.That(archive.Cu4(new IngestRequest { Files = [stack.Path], Reingest = true }), Is.Zero, archive.Terminal);
        Assert.That(archive.Cu7("LAS", out var again), Is.Zero, archive.Terminal);
        Assert.That(again.Summary.Merged, Is.EqualTo(4), "the stack's four detector frames' sets");
        Assert.That(again.Summary.Unchanged, Is.EqualTo(archive.Count("lasMergeLog") - 4));
        Assert.That(archive.Rows("SELECT sourceID, jSeqNum FROM lasSource ORDER BY sourceID").Select(r => (L(r, "sourceID"), L(r, "jSeqNum"))), Is.EqualTo(ids));
    }

    [Test]
    public void A_run_that_fails_midway_keeps_the_frame_sets_merged_before_and_the_rerun_finishes_the_job()
    {
        if (engine != "sqlite")
            Assert.Ignore("the failure is injected with a SQLite trigger; the unit's rollback is the engine-independent CuSession one");
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = Ingested(engine, night);
        const long second = 10100000002;
        archive.Execute($"CREATE TRIGGER failing BEFORE INSERT ON lasSource WHEN NEW.frameSetID = {second} BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        Assert.That(archive.Cu7("LAS", out var failed), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(failed.Error, Does.Contain($"merging frame set {second}").And.Contain("injected failure"));
        Assert.That(archive.Count("lasSource", $"frameSetID = {second}"), Is.Zero, "the failed frame set's unit was rolled back");
        Assert.That(archive.Count("lasSource", "frameSetID = 10100000001"), Is.GreaterThan(0), "the frame set merged before stays");
        Assert.That(archive.Count("lasMergeLog", "newFrameSet = 1"), Is.EqualTo(archive.Count("lasMergeLog") - 1), "the others wait, marked");

        archive.Execute("DROP TRIGGER failing");
        Assert.That(archive.Cu7("LAS", out var rerun), Is.Zero, archive.Terminal);
        Assert.That(rerun.Summary.Merged, Is.EqualTo(archive.Count("lasMergeLog") - 1));
        Assert.That(AssertSourcesAreTheBruteForceMerge(archive), Is.GreaterThan(0));
    }

    [Test]
    public void A_programme_without_tables_is_refused_and_one_without_a_pairing_radius_needs_one()
    {
        using var dir = Fixtures.NewTempDir();
        var night = DemoNight.Write(dir.Path);
        using var archive = Ingested(engine, night, f => f.ExpectedAcronym == "LAS");
        Assert.That(archive.Cu7("CAL", out var cal), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(cal.Error, Does.Contain("CAL (1) has no tables of its own"));
        archive.Execute("UPDATE Programme SET pairingCriterion = -0.9999995e9 WHERE programmeID = 101");
        Assert.That(archive.Cu7("LAS", out var las), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(las.Error, Does.Contain("pairing radius").And.Contain("--radius"));
        Assert.That(archive.Cu7("LAS", out var given, new MergeRequest { RadiusArcsec = 1.0 }), Is.Zero, archive.Terminal);
        Assert.That(given.Summary.Sources, Is.GreaterThan(0));
    }
}
