using System.Globalization;
using Curation.Fits;
using Curation.Sessions;
using Curation.TablePreparation.External;
using Curation.TablePreparation.Matching;
using Curation.TablePreparation.Tests.Matching;
using NUnit.Framework;
using static Curation.TablePreparation.Tests.Matching.MatchData;

namespace Curation.TablePreparation.Tests.Neighbours;

/// <summary>
/// CU16 on each engine: the neighbour tables of a generated catalogue (pairs across RA 0/360, around the poles,
/// duplicates at zero distance) and of real external extracts loaded by load-external (the fixtures' NGTS CASU and
/// LCO LDAC catalogues: there is no Gaia or Legacy Surveys extract among them), every pair checked against a
/// brute-force search and against STILTS; reruns, dry runs, failures that leave the table as it was, skips and wrong
/// registrations.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MakeNeighboursTests(string engine)
{
    private const double Radius = 10 * Arcsec; // RequiredNeighbours.joinCriterion of the LAS tables

    /// <summary>About 2,400 sources: clusters in a patch, clusters straddling RA 0/360 at Dec 60, clusters around both
    /// poles with sources on the poles themselves, and 60 duplicates of other sources (zero distance).</summary>
    private static SkyPositions Generated()
    {
        var patch = Clustered(1400, 140, 6 * Arcsec, 150, 150.5, 1, 1.5, seed: 7, idBase: 1_000);
        var acrossZero = Clustered(600, 40, 6 * Arcsec, 359.995, 0.005, 59.997, 60.003, seed: 8, idBase: 100_000);
        var north = Clustered(200, 30, 8 * Arcsec, 0, 360, 89.99, 90, seed: 9, idBase: 200_000);
        var south = Clustered(150, 30, 8 * Arcsec, 0, 360, -90, -89.99, seed: 10, idBase: 300_000);
        var poles = new SkyPositions([400_001, 400_002, 400_003, 400_004], [0, 120, 240, 10], [90, 90, 90, -90]);
        var all = Concat(patch, acrossZero, north, south, poles);
        var random = new Random(11);
        var copies = Enumerable.Range(0, 60).Select(_ => random.Next(all.Count)).ToList();
        var duplicates = new SkyPositions([.. copies.Select((_, k) => 433_791_187_969L + k)], [.. copies.Select(i => all.Ra[i])], [.. copies.Select(i => all.Dec[i])]);
        return Concat(all, duplicates);
    }

    [Test]
    public void Self_neighbours_of_a_generated_catalogue_are_the_brute_force_and_stilts_pairs_both_ways_round()
    {
        using var archive = NeighbourArchive.Create(engine);
        var sources = Generated();
        archive.AddSources(sources);
        Assert.That(archive.Cu16(), Is.Zero, archive.Terminal);

        var rows = archive.Neighbours("lasSourceNeighbours");
        var expected = BruteForce.Pairs(sources, sources, Radius, self: true);
        AssertSamePairs(rows, expected, 5000, "lasSourceNeighbours");
        Assert.That(rows.Count(r => r.Master == r.Slave), Is.Zero, "never a source with itself");
        var keys = rows.Select(r => (r.Master, r.Slave)).ToHashSet();
        Assert.That(keys.All(k => keys.Contains((k.Slave, k.Master))), "every pair both ways round");

        // The awkward places are all in the table.
        var index = Enumerable.Range(0, sources.Count).ToDictionary(i => sources.Ids[i]);
        Assert.That(rows.Count(r => Math.Abs(sources.Ra[index[r.Master]] - sources.Ra[index[r.Slave]]) > 180), Is.GreaterThan(50), "pairs across RA 0/360");
        Assert.That(rows.Count(r => sources.Dec[index[r.Master]] > 89.99), Is.GreaterThan(50), "pairs near the north pole");
        Assert.That(rows.Count(r => sources.Dec[index[r.Master]] < -89.99), Is.GreaterThan(50), "pairs near the south pole");
        Assert.That(rows.Count(r => r.DistanceMins == 0), Is.GreaterThanOrEqualTo(2 * 60), "duplicates, at zero distance");
        Assert.That(rows.Where(r => r.Master is 400_001 or 400_002 or 400_003 && r.Slave is 400_001 or 400_002 or 400_003).Select(r => r.DistanceMins),
            Has.Exactly(6).LessThan(1e-12), "sources on the north pole at different RAs, nothing apart");

        Assert.That(archive.Output, Does.Contain(string.Create(CultureInfo.InvariantCulture,
            $"cu16: lasSourceNeighbours: {expected.Count} pair(s) among {sources.Count} source(s) of lasSource within 10 arcsec (")));
        Assert.That(archive.Output, Does.Contain("cu16: lasSourceXGaiaDR3Source: skipped: GAIADR3_gaia_source, the table of ExternalSurveyTable 1/1 (gaia_source of Gaia DR3), is not loaded yet"));
        Assert.That(archive.Output, Does.Contain("cu16: lasSourceXtwomass_psc: skipped: TWOMASS_twomass_psc"));
        Assert.That(archive.Output, Does.Contain($"cu16: LAS (101): 1 neighbour table(s) made, 2 skipped, 0 not made; {expected.Count} pair(s)"));

        using var dir = Fixtures.NewTempDir();
        Stilts.AssertSame(dir, AsPairs(rows), sources, sources, Radius, self: true, 5000, "lasSourceNeighbours against STILTS",
            separationTolerance: 1e-9 + Radius * 1e-7);
    }

    [Test]
    public void A_rerun_gives_the_same_rows_and_new_sources_replace_them_all()
    {
        using var archive = NeighbourArchive.Create(engine);
        var sources = Generated();
        archive.AddSources(sources);
        Assert.That(archive.Cu16(table: "lasSourceNeighbours"), Is.Zero, archive.Terminal);
        var first = archive.Neighbours("lasSourceNeighbours");

        Assert.That(archive.Cu16(table: "lasSourceNeighbours", blockRows: 100_000, threads: 1), Is.Zero, archive.Terminal);
        Assert.That(archive.Neighbours("lasSourceNeighbours"), Is.EqualTo(first), "the same rows, however the match is blocked and threaded");
        Assert.That(archive.LastCu16!.Tables.Single().Replaced, Is.EqualTo(first.Count));
        Assert.That(archive.Output, Does.Not.Contain("lasSourceXGaiaDR3Source"), "--table makes only that table");

        // New sources near old ones: the table is the brute force's over all of them, nothing left of the old rows twice.
        var more = Counterparts(sources, 0.2, 3 * Arcsec, 0, 0, 0, 0, 0, seed: 12, idBase: 900_000);
        archive.AddSources(more);
        Assert.That(archive.Cu16(table: "lasSourceNeighbours"), Is.Zero, archive.Terminal);
        var all = Concat(sources, more);
        AssertSamePairs(archive.Neighbours("lasSourceNeighbours"), BruteForce.Pairs(all, all, Radius, self: true), first.Count + 1, "after new sources");

        // --radius instead of joinCriterion.
        Assert.That(archive.Cu16(table: "lasSourceNeighbours", radius: 4), Is.Zero, archive.Terminal);
        AssertSamePairs(archive.Neighbours("lasSourceNeighbours"), BruteForce.Pairs(all, all, 4 * Arcsec, self: true), 1000, "--radius 4");
        Assert.That(archive.Output, Does.Contain("within 4 arcsec"));
        Assert.That(archive.Count("ArchiveCurationHistory", "cuID = 16 AND status = 1"), Is.EqualTo(4));

        // The table's foreign keys are there after the runs (PostgreSQL's are dropped for the load and added back).
        Assert.Throws<Curation.Database.CurationDatabaseException>(
            () => archive.Execute("INSERT INTO lasSourceNeighbours (masterObjID, slaveObjID, distanceMins) VALUES (-1, -2, 0)"));
    }

    [Test]
    public void A_dry_run_reports_the_pairs_but_leaves_the_table_and_history_as_they_were()
    {
        using var archive = NeighbourArchive.Create(engine);
        archive.AddSources(Generated());
        Assert.That(archive.Cu16(dryRun: true), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Match(@"cu16: lasSourceNeighbours: [1-9]\d+ pair\(s\)").And.Contain("(dry run: rolled back)"));
        Assert.That(archive.Count("lasSourceNeighbours"), Is.Zero);
        Assert.That(archive.Count("ArchiveCurationHistory"), Is.Zero);
        Assert.That(Directory.GetFileSystemEntries(archive.WorkDirectory), Is.Empty, "the work directory is removed");
    }

    /// <summary>The real catalogues with positions among the fixtures, read straight from the file by the test (not by
    /// load-external): the file, the HDU, the ID, RA and Dec columns, and whether RA and Dec are radians.</summary>
    public static IEnumerable<TestCaseData> RealCatalogues()
    {
        yield return new TestCaseData("ngts-casu/procIMAGE80220150514002449.cat", "NGTS", "NGTSimcore", 1, "Sequence_number", "RA", "DEC", true)
            .SetName("{m}(NGTS CASU imcore, radians)");
        yield return new TestCaseData("neoexchange/ldac_test_catalog.fits", "LCO", "LCOldac", 2, "NUMBER", "ALPHA_J2000", "DELTA_J2000", false)
            .SetName("{m}(LCO SExtractor LDAC, HDU 2)");
    }

    [TestCaseSource(nameof(RealCatalogues))]
    public void Cross_neighbours_with_a_real_extract_loaded_by_load_external_are_the_brute_force_and_stilts_pairs(
        string fixture, string survey, string alias, int hdu, string id, string ra, string dec, bool radians)
    {
        var path = Fixtures.Require(fixture);
        using var archive = NeighbourArchive.Create(engine);
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyName = survey, Alias = alias }), Is.Zero, archive.Terminal);
        var registration = archive.LastLoad!.Registration!;
        var external = ReadCatalogue(path, hdu, id, ra, dec, radians);

        // lasSource seen around the field: counterparts of 70% of the external sources within about 2 arcsec, and as
        // many unrelated sources again.
        var sources = Counterparts(external, 0.7, 2 * Arcsec, external.Count, external.Ra.Min(), external.Ra.Max(), external.Dec.Min(), external.Dec.Max(),
            seed: 13, idBase: 50_000_000);
        archive.AddSources(sources);
        var table = "lasSourceX" + alias;
        archive.RequireNeighbours(101, table, registration.SurveyId, registration.ExtTableId, -99, 10);
        using (var s = archive.Open())
            Assert.That(Curation.Database.LiveSchemaReader.Read(s.Connection, s.Dialect).Any(t => t.Name.Equals(table, StringComparison.OrdinalIgnoreCase)), Is.False, "not there before");

        Assert.That(archive.Cu16(table: table), Is.Zero, archive.Terminal);
        var rows = archive.Neighbours(table);
        AssertSamePairs(rows, BruteForce.Pairs(sources, external, Radius), external.Count / 2, table);
        Assert.That(archive.Output, Does.Contain($"cu16: {table}: {rows.Count} pair(s) between {sources.Count} source(s) of lasSource and {external.Count} of {registration.TableName} within 10 arcsec"));
        using var dir = Fixtures.NewTempDir();
        Stilts.AssertSame(dir, AsPairs(rows), sources, external, Radius, self: false, external.Count / 2, $"{table} against STILTS",
            separationTolerance: 1e-9 + Radius * 1e-7);

        // Rerun: the same rows.
        Assert.That(archive.Cu16(table: table), Is.Zero, archive.Terminal);
        Assert.That(archive.Neighbours(table), Is.EqualTo(rows));
    }

    [Test]
    public void A_failure_while_loading_the_pairs_leaves_the_old_table_as_it_was()
    {
        var path = Fixtures.Require("neoexchange/ldac_test_catalog.fits");
        using var archive = NeighbourArchive.Create(engine);
        Assert.That(archive.LoadExternal(new LoadExternalRequest { File = path, SurveyName = "LCO", Alias = "LCOldac" }), Is.Zero, archive.Terminal);
        var external = ReadCatalogue(path, 2, "NUMBER", "ALPHA_J2000", "DELTA_J2000", radians: false);
        archive.AddSources(Counterparts(external, 0.7, 2 * Arcsec, 0, 0, 0, 0, 0, seed: 14, idBase: 60_000_000));
        var registration = archive.LastLoad!.Registration!;
        archive.RequireNeighbours(101, "lasSourceXLCOldac", registration.SurveyId, registration.ExtTableId, -99, 10);
        Assert.That(archive.Cu16(table: "lasSourceXLCOldac"), Is.Zero, archive.Terminal);
        var before = archive.Neighbours("lasSourceXLCOldac");
        Assert.That(before, Has.Count.GreaterThan(300));

        // The external table replaced by hand with one holding every source twice (a table loaded by other means, with
        // no primary key): the second copy of each pair breaks the neighbour table's key after the old rows are deleted
        // and many new ones loaded.
        archive.Execute("CREATE TABLE dup AS SELECT * FROM LCO_LCOldac");
        archive.Execute("DROP TABLE LCO_LCOldac");
        archive.Execute("CREATE TABLE LCO_LCOldac AS SELECT * FROM dup UNION ALL SELECT * FROM dup");
        Assert.That(archive.Cu16(table: "lasSourceXLCOldac"), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(archive.Terminal, Does.Contain("error: cu16 (make-neighbours) failed while making lasSourceXLCOldac").And.Contain("rolled back"));
        Assert.That(archive.Neighbours("lasSourceXLCOldac"), Is.EqualTo(before), "the old rows, all of them, and nothing else");
        Assert.That(archive.Count("ArchiveCurationHistory", "cuID = 16 AND status = 2 AND rolledBack = 1"), Is.EqualTo(1));
    }

    [Test]
    public void Tables_with_nothing_to_match_are_skipped_with_the_reason_and_the_run_succeeds()
    {
        using var archive = NeighbourArchive.Create(engine);
        Assert.That(archive.Cu16(), Is.Zero, archive.Terminal);
        Assert.That(archive.Output, Does.Contain("cu16: lasSourceNeighbours: skipped: lasSource has no sources yet (run cu7, merge-sources)"));
        Assert.That(archive.Output, Does.Contain("cu16: LAS (101): 0 neighbour table(s) made, 3 skipped, 0 not made; 0 pair(s)"));

        // A programme without neighbour tables; an unknown --table.
        Assert.That(archive.Cu16(programme: "U05A37"), Is.Zero, archive.Terminal);
        Assert.That(archive.Output.Trim(), Is.EqualTo("cu16: U05A37 (1001): no neighbour table in RequiredNeighbours; nothing to do"));
        Assert.That(archive.Cu16(table: "lasSourceXNothing"), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(archive.Terminal, Does.Contain("lasSourceXNothing is not a neighbour table of LAS (101) in RequiredNeighbours; its neighbour tables are lasSourceNeighbours, lasSourceXGaiaDR3Source, lasSourceXtwomass_psc"));
    }

    [Test]
    public void A_wrong_registration_is_reported_and_the_other_tables_are_still_made()
    {
        using var archive = NeighbourArchive.Create(engine);
        archive.AddSources(Clustered(500, 50, 6 * Arcsec, 10, 10.2, 5, 5.2, seed: 15, idBase: 1));
        archive.RequireNeighbours(101, "lasSourceXNowhere", 9, 1, -99, 10);
        archive.Execute("UPDATE RequiredNeighbours SET joinCriterion = -0.9999995e9 WHERE neighbourTable = 'lasSourceXtwomass_psc'");
        Assert.That(archive.Cu16(), Is.EqualTo(CuSession.ExitFailed));
        Assert.That(archive.Output, Does.Contain("cu16: lasSourceXNowhere: not made: no external table (9, 1) is registered in ExternalSurveyTable"));
        Assert.That(archive.Output, Does.Contain("cu16: lasSourceXtwomass_psc: not made: its joinCriterion is the default -0.9999995e9, not a radius"));
        Assert.That(archive.Output, Does.Contain("cu16: LAS (101): 1 neighbour table(s) made, 1 skipped, 2 not made"));
        Assert.That(archive.Terminal, Does.Contain("error: cu16 (make-neighbours) finished, but 2 neighbour table(s) could not be made"));
        Assert.That(archive.Count("lasSourceNeighbours"), Is.GreaterThan(0), "the self-neighbour table is made all the same");
        Assert.That(archive.Count("ArchiveCurationHistory", "cuID = 16 AND status = 1"), Is.EqualTo(1), "recorded as succeeded: what it committed is complete");
    }

    /// <summary>Asserts the table's rows are the brute force's pairs: the same (master, slave) set, each once, and the
    /// distance in arcminutes to single precision (distanceMins is a real).</summary>
    private static void AssertSamePairs(List<(long Master, long Slave, double DistanceMins)> rows, List<SkyPair> expected, int atLeast, string what)
    {
        Assert.That(expected, Has.Count.GreaterThanOrEqualTo(atLeast), $"{what}: the brute force found only {expected.Count} pairs; the data should have more");
        var want = expected.ToDictionary(p => (p.IdA, p.IdB), p => p.SeparationDeg * 60);
        var got = rows.Select(r => (r.Master, r.Slave)).ToList();
        Assert.That(got.Distinct().Count(), Is.EqualTo(got.Count), $"{what}: a pair twice");
        Assert.That(got.Except(want.Keys).Take(5), Is.Empty, $"{what}: pairs the brute force does not find");
        Assert.That(want.Keys.Except(got).Take(5), Is.Empty, $"{what}: pairs the brute force finds but the table lacks");
        var worst = rows.Max(r => Math.Abs(r.DistanceMins - want[(r.Master, r.Slave)]) / Math.Max(want[(r.Master, r.Slave)], 1e-6));
        Assert.That(worst, Is.LessThanOrEqualTo(1e-7), $"{what}: worst relative difference of distanceMins from the brute force");
    }

    private static List<SkyPair> AsPairs(List<(long Master, long Slave, double DistanceMins)> rows) =>
        [.. rows.Select(r => new SkyPair(r.Master, r.Slave, r.DistanceMins / 60))];

    /// <summary>A catalogue's positions in degrees, with its own IDs, read through the FITS layer.</summary>
    internal static SkyPositions ReadCatalogue(string path, int hdu, string id, string ra, string dec, bool radians)
    {
        using var file = FitsFile.Open(path);
        var table = file.Hdus[hdu];
        var chunk = table.OpenTable().Read(0, (int)table.Rows!.Value);
        var scale = radians ? 180 / Math.PI : 1;
        var n = chunk.RowCount;
        return new SkyPositions(
            [.. Enumerable.Range(0, n).Select(r => (long)chunk[id]!.GetPhysical(r, 0))],
            [.. Enumerable.Range(0, n).Select(r => chunk[ra]!.GetPhysical(r, 0) * scale)],
            [.. Enumerable.Range(0, n).Select(r => chunk[dec]!.GetPhysical(r, 0) * scale)]);
    }
}
