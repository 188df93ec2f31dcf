using System.Globalization;
using System.Text.Json;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Release.Tests;

/// <summary>
/// CU19 on the demonstration night curated end to end (CU3, CU4, CU7, CU16, CU18), on SQLite and PostgreSQL: what the
/// release holds and leaves out, its indices and records, refusals, numbering, and failures that leave nothing behind.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class ReleaseTests(string engine)
{
    /// <summary>The tables the scripts mark curation-only (--/P).</summary>
    private static readonly string[] CurationOnly = ["ArchiveCurationHistory", "ArchivedFile", "CurationTask", "ProgrammeCurationHistory"];

    /// <summary>The history tables, which record every run, a failed one too.</summary>
    private static readonly string[] History = ["ArchiveCurationHistory", "ProgrammeCurationHistory"];

    /// <summary>A date on which the whole night (2007-10-11) is public: UKIDSS's 18 months and open time's 12 are over.</summary>
    private static readonly DateOnly Later = new(2030, 1, 1);

    /// <summary>A release of UKIDSS on <paramref name="date"/>; its schema browser and summary in the archive's directory
    /// (beside an SQLite release file anyway; a server release's would go to the current directory).</summary>
    private static ReleaseRequest Ukidss(ReleaseArchive archive, DateOnly? date = null) => new()
    {
        Survey = "UKIDSS", Date = date ?? Later, OutDirectory = archive.Url.Engine == DatabaseEngine.Sqlite ? null : archive.Directory,
    };

    [Test]
    public void The_curated_night_is_released_without_curation_only_tables_or_other_surveys_frames_and_with_every_index()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();
        var before = archive.Snapshot(History);

        Assert.That(archive.Release(Ukidss(archive)), Is.Zero, archive.Terminal);

        var target = archive.LastRelease!.Target!;
        var cu19 = archive.LastRelease.CuEventId;
        var release = target.Database.Final;
        Assert.That(archive.Scripts.Tables.Where(t => t.CurationOnly is not null).Select(t => t.Name).Order(), Is.EqualTo(CurationOnly));
        using (var s = Session.Open(release))
        {
            var tables = LiveSchemaReader.Read(s.Connection, s.Dialect).Select(t => t.Name).ToList();
            Assert.That(tables, Has.None.Matches<string>(t => CurationOnly.Contains(t, StringComparer.OrdinalIgnoreCase)), "no curation-only table");
            Assert.That(tables.Count, Is.EqualTo(LiveTables(archive.Url).Count - CurationOnly.Length), "every other table");

            // Only the UKIDSS programmes' frames, each public on the release date, and all of them.
            var frames = s.QueryRows($"SELECT m.multiframeID, m.dateObs, p.propPeriod, p.surveyID, p.tablePrefix FROM {s.Name("Multiframe")} m "
                + $"JOIN {s.Name("Programme")} p ON p.programmeID = m.programmeID");
            Assert.That(frames, Has.Count.EqualTo(archive.Count("Multiframe", "programmeID IN (101, 102, 103, 104, 105)")));
            Assert.That(frames.Select(f => PublicOn(f, Later)), Has.All.True);
            Assert.That(frames.Select(f => Convert.ToInt32(f["surveyID"], CultureInfo.InvariantCulture)), Has.All.EqualTo(1));

            // The released programmes' rows all there; the others' none.
            foreach (var prefix in new[] { "las", "gps", "gcs", "dxs", "uds" })
            {
                foreach (var table in new[] { "Detection", "MergeLog", "Source", "SourceNeighbours" })
                    Assert.That(Count(s, prefix + table), Is.EqualTo(archive.Count(prefix + table)).And.GreaterThan(0), prefix + table);
            }

            Assert.That(archive.Count("u07bh11Detection"), Is.GreaterThan(0));
            Assert.That(Count(s, "u07bh11Detection"), Is.Zero, "an open-time programme's detections are not in the UKIDSS release");
            Assert.That(Count(s, "HeaderCard"), Is.EqualTo(archive.Count("HeaderCard", "multiframeID IN (SELECT multiframeID FROM Multiframe WHERE programmeID IN (101, 102, 103, 104, 105))")));
            AssertNoDanglingRows(s);
            AssertEveryIndex(archive, s);

            Assert.That(ReleaseRows(s), Is.EqualTo(new[] { $"1 1 {Later:yyyy-MM-dd} UKIDSS DR1 {target.Database.Name} {cu19}" }));
            Assert.That(Count(s, "ProgrammeFrame", "releaseNum <> 1"), Is.Zero, "every frame of the release first appeared in it");
        }

        // The curation database: the release and its frames recorded, the run in both histories, nothing else changed.
        using (var s = archive.Open())
        {
            Assert.That(ReleaseRows(s), Is.EqualTo(new[] { $"1 1 {Later:yyyy-MM-dd} UKIDSS DR1 {target.Database.Name} {cu19}" }));
            const string ukidss = "multiframeID IN (SELECT multiframeID FROM Multiframe WHERE programmeID IN (101, 102, 103, 104, 105))";
            Assert.That(archive.Count("ProgrammeFrame", "releaseNum = 1"), Is.EqualTo(archive.Count("ProgrammeFrame", ukidss)).And.EqualTo(13));
            Assert.That(archive.Count("ProgrammeFrame", $"releaseNum = 0 AND NOT {ukidss}"), Is.EqualTo(archive.Count("ProgrammeFrame", $"NOT {ukidss}")).And.GreaterThan(0));
            var run = archive.Rows($"SELECT cuID, status, resultsFile FROM ArchiveCurationHistory WHERE cuEventID = {cu19}").Single();
            Assert.That(Convert.ToInt32(run["cuID"], CultureInfo.InvariantCulture), Is.EqualTo(19));
            Assert.That(Convert.ToInt32(run["status"], CultureInfo.InvariantCulture), Is.EqualTo(1));
            Assert.That(((string)run["resultsFile"]!).TrimEnd(), Is.EqualTo(target.SummaryFile));
            Assert.That(archive.Rows($"SELECT programmeID FROM ProgrammeCurationHistory WHERE cuEventID = {cu19} AND status = 1")
                .Select(r => Convert.ToInt32(r["programmeID"], CultureInfo.InvariantCulture)).Order(), Is.EqualTo(new[] { 101, 102, 103, 104, 105 }));
        }

        var after = archive.Snapshot(History);
        Assert.That(after.Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key), Is.EquivalentTo(new[] { "Release", "ProgrammeFrame" }).IgnoreCase);

        // The schema browser without the curation-only tables, and the summary, beside the release.
        Assert.That(File.Exists(Path.Combine(target.SchemaDirectory, "index.html")));
        var pages = string.Concat(Directory.GetFiles(target.SchemaDirectory, "*.html").Select(File.ReadAllText));
        Assert.That(pages, Does.Contain("id=\"Release\"").And.Contain("id=\"Multiframe\"").And.Not.Contain("id=\"ArchivedFile\"").And.Not.Contain("id=\"CurationTask\""));
        var summary = JsonDocument.Parse(File.ReadAllText(target.SummaryFile)).RootElement;
        Assert.That(summary.GetProperty("releaseNum").GetInt32(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("acronym").GetString()), Is.EqualTo(new[] { "LAS", "GPS", "GCS", "DXS", "UDS" }));
        Assert.That(summary.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString()!.Equals("lasSource", StringComparison.OrdinalIgnoreCase))
            .GetProperty("rows").GetInt64(), Is.EqualTo(archive.Count("lasSource")));
        Assert.That(archive.Output, Does.Contain("Release 1 of UKIDSS (1) dated 2030-01-01").And.Contain("LAS").And.Contain($"Summary: {target.SummaryFile}"));
        AssertNothingPartial(archive, target);
    }

    [Test]
    public void Frames_still_proprietary_on_the_release_date_are_left_out_with_their_detections_frame_sets_sources_and_neighbours()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();

        // GPS's period made 24 months (its frame public from 2009-10-11), and the LAS field's second K exposure
        // (00107) moved to 2008-06-01 (public from 2009-12-01); the rest of UKIDSS is public from 2009-04-11.
        var date = new DateOnly(2009, 6, 1);
        archive.Execute("UPDATE Programme SET propPeriod = 24 WHERE acronym = 'GPS'");
        var k2 = Convert.ToInt64(archive.Rows("SELECT multiframeID FROM Multiframe WHERE fileName LIKE '%w20071011_00107_sf.fit'").Single()["multiframeID"], CultureInfo.InvariantCulture);
        archive.Execute("UPDATE Multiframe SET dateObs = @d, mjdObs = 54618.25 WHERE multiframeID = @k2", new { d = new DateTime(2008, 6, 1, 6, 0, 0), k2 });
        var sets = $"{k2} IN (zmfID, ymfID, jmfID, hmfID, kmfID)";
        Assert.That(archive.Count("lasMergeLog", sets), Is.GreaterThan(0), "the repeat K is in frame sets");
        var sources = $"frameSetID IN (SELECT frameSetID FROM lasMergeLog WHERE {sets})";
        var pairs = $"masterObjID IN (SELECT sourceID FROM lasSource WHERE {sources}) OR slaveObjID IN (SELECT sourceID FROM lasSource WHERE {sources})";
        Assert.That(archive.Count("lasSourceNeighbours", pairs), Is.GreaterThan(0));

        Assert.That(archive.Release(Ukidss(archive, date)), Is.Zero, archive.Terminal);

        var target = archive.LastRelease!.Target!;
        using var s = Session.Open(target.Database.Final);
        var frames = s.QueryRows("SELECT m.multiframeID, m.dateObs, p.propPeriod, p.surveyID, p.tablePrefix FROM Multiframe m JOIN Programme p ON p.programmeID = m.programmeID");
        Assert.That(frames.Select(f => PublicOn(f, date)), Has.All.True, "no frame proprietary on the release date");
        Assert.That(frames, Has.Count.EqualTo(archive.Count("Multiframe", "programmeID IN (101, 103, 104, 105)") - 1));
        Assert.That(Count(s, "Multiframe", $"multiframeID = {k2}"), Is.Zero);
        Assert.That(Count(s, "lasDetection"), Is.EqualTo(archive.Count("lasDetection", $"multiframeID <> {k2}")));
        Assert.That(Count(s, "lasMergeLog"), Is.EqualTo(archive.Count("lasMergeLog", $"NOT ({sets})")).And.GreaterThan(0));
        Assert.That(Count(s, "lasSource"), Is.EqualTo(archive.Count("lasSource", $"NOT ({sources})")).And.GreaterThan(0));
        Assert.That(Count(s, "lasSourceNeighbours"), Is.EqualTo(archive.Count("lasSourceNeighbours", $"NOT ({pairs})")).And.GreaterThan(0));
        foreach (var table in new[] { "gpsDetection", "gpsMergeLog", "gpsSource", "gpsSourceNeighbours" })
            Assert.That(Count(s, table), Is.Zero, table);
        Assert.That(Count(s, "gcsSource"), Is.EqualTo(archive.Count("gcsSource")).And.GreaterThan(0));
        AssertNoDanglingRows(s);
        AssertEveryIndex(archive, s);

        var summary = archive.LastRelease.Summary!;
        Assert.That(summary.Programmes.Select(p => p.Acronym), Is.EqualTo(new[] { "LAS", "GCS", "DXS", "UDS" }));
        Assert.That(summary.ProprietaryFrames, Is.EqualTo(2));
        Assert.That(summary.Programmes.Single(p => p.Acronym == "LAS").FramesLeftOut, Is.EqualTo(1));
        Assert.That(archive.Count("ProgrammeFrame", $"multiframeID = {k2} AND releaseNum = 0"), Is.EqualTo(1), "the proprietary frame is not marked released");
    }

    [Test]
    public void A_release_with_an_unfinished_programme_is_refused_listing_each_one_with_its_last_task_and_what_is_missing()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();

        // LAS's neighbours made again after CU18; a GPS merge killed while it ran (its rows left 'running').
        Assert.That(archive.Cu16("LAS"), Is.Zero, archive.Terminal);
        var killed = archive.Rows("SELECT MAX(cuEventID) AS id FROM ArchiveCurationHistory").Single()["id"];
        var id = Convert.ToInt32(killed, CultureInfo.InvariantCulture) + 1;
        archive.Execute("INSERT INTO ArchiveCurationHistory (cuEventID, cuID, curator, status) VALUES (@id, 7, 'cron', 0)", new { id });
        archive.Execute("INSERT INTO ProgrammeCurationHistory (cuEventID, programmeID, status) VALUES (@id, 102, 0)", new { id });
        var before = archive.Snapshot();

        Assert.That(archive.Release(Ukidss(archive)), Is.EqualTo(1));

        Assert.That(archive.Terminal, Does.Contain("cu19 (release) did not start: 2 of the 5 programme(s) of the UKIDSS release have not finished the required sequence")
            .And.Contain("the last entry of each must be cu18 create-indices, succeeded")
            .And.Contain($"LAS (101): last cu16 make-neighbours, succeeded (event {id - 1}); still to run: cu18 create-indices")
            .And.Contain($"GPS (102): last cu7 merge-sources, still running or stopped without an outcome (event {id}); still to run: cu7 merge-sources, cu16 make-neighbours, cu18 create-indices")
            .And.Not.Contain("GCS (103)"));
        Assert.That(archive.Snapshot(), Is.EqualTo(before), "a refusal records nothing and changes nothing");
        Assert.That(ReleaseArtefacts(archive), Is.Empty);
    }

    [Test]
    public void A_release_when_every_frame_of_the_survey_is_still_proprietary_is_refused_saying_when_they_become_public()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();

        Assert.That(archive.Release(Ukidss(archive, new DateOnly(2008, 1, 1))), Is.EqualTo(1));

        Assert.That(archive.Terminal, Does.Contain("nothing to release: UKIDSS (1) has no programme with tables of its own and frames public on 2008-01-01")
            .And.Contain("LAS (101): 9 frame(s) proprietary, the first public on 2009-04-11"));
    }

    [Test]
    public void A_release_that_fails_creating_an_index_leaves_no_release_and_the_curation_database_as_it_was()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();
        var before = archive.Snapshot(History);

        // The scripts with one index more, on a column lasSource lacks: CU18's step on the trimmed copy fails.
        var scripts = new SchemaModel();
        scripts.AddRange(archive.Scripts);
        scripts.Indices.Add(new IndexDef { Name = "ix_lasSource_noSuchColumn", Table = "lasSource", Columns = [new("noSuchColumn")], Location = new("test", 1, 1) });

        Assert.That(archive.Release(Ukidss(archive), scripts: scripts), Is.EqualTo(1));

        Assert.That(archive.Terminal, Does.Contain("cu19 (release) failed").And.Contain("nosuchcolumn").IgnoreCase.And.Contain("recorded as failed"));
        AssertLeftNothing(archive, before);
    }

    [Test]
    public void A_release_that_fails_after_its_database_was_renamed_into_place_is_removed_again()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();

        // The last statement of the release records its summary with the run: a trigger refuses it.
        if (engine == "sqlite")
        {
            archive.Execute("CREATE TRIGGER no_results BEFORE UPDATE OF resultsFile ON ArchiveCurationHistory WHEN NEW.resultsFile <> 'NONE' "
                + "BEGIN SELECT RAISE(ABORT, 'results refused by the test'); END");
        }
        else
        {
            archive.Execute("CREATE FUNCTION no_results() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'results refused by the test'; END $$");
            archive.Execute("CREATE TRIGGER no_results BEFORE UPDATE OF resultsFile ON ArchiveCurationHistory FOR EACH ROW WHEN (NEW.resultsFile <> 'NONE') EXECUTE FUNCTION no_results()");
        }

        var before = archive.Snapshot(History);

        Assert.That(archive.Release(Ukidss(archive)), Is.EqualTo(1));

        Assert.That(archive.Terminal, Does.Contain("results refused by the test").And.Contain("while recording release 1 of UKIDSS"));
        Assert.That(archive.Terminal, Does.Contain($"Removing the unfinished release {archive.LastRelease!.Target!.Database.Final}\n"), "it had been renamed into place");
        AssertLeftNothing(archive, before);
    }

    [TestCase("copy")]
    [TestCase("check")]
    [TestCase("trim")]
    [TestCase("indices")]
    [TestCase("record")]
    [TestCase("finish")]
    [TestCase("docs")]
    [TestCase("publish")]
    public void A_release_stopped_before_any_stage_leaves_nothing_behind(string stage)
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();
        var before = archive.Snapshot(History);

        Assert.That(archive.Release(Ukidss(archive), beforeStage: s =>
        {
            if (s == stage)
                throw new IOException($"stopped by the test before {s}");
        }), Is.EqualTo(1));

        Assert.That(archive.Terminal, Does.Contain($"stopped by the test before {stage}"));
        AssertLeftNothing(archive, before);
    }

    [Test]
    public void Releases_are_numbered_from_one_for_each_survey_and_a_number_is_never_made_twice()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();

        Assert.That(archive.Release(Ukidss(archive)), Is.Zero, archive.Terminal);
        var first = archive.LastRelease!.Target!;
        Assert.That(archive.Release(Ukidss(archive) with { Description = "the second" }), Is.Zero, archive.Terminal);
        var second = archive.LastRelease!.Target!;
        Assert.That(archive.Release(Ukidss(archive) with { ReleaseNum = 1 }), Is.EqualTo(1));
        Assert.That(archive.Terminal, Does.Contain("release 1 of UKIDSS (1) was made already").And.Contain("the next is 3"));

        Assert.That(first.Database.Name, Does.Contain(engine == "sqlite" ? "_UKIDSS_DR1" : "_ukidss_dr1"));
        Assert.That(second.Database.Name, Does.Contain(engine == "sqlite" ? "_UKIDSS_DR2" : "_ukidss_dr2"));
        using (var s = archive.Open())
            Assert.That(ReleaseRows(s).Select(r => string.Join(' ', r.Split(' ').Take(2))), Is.EqualTo(new[] { "1 1", "1 2" }));
        using (var s = Session.Open(second.Database.Final))
        {
            Assert.That(ReleaseRows(s).Select(r => string.Join(' ', r.Split(' ').Take(2))), Is.EqualTo(new[] { "1 1", "1 2" }), "the second release knows the first");
            Assert.That(Count(s, "ProgrammeFrame", "releaseNum <> 1"), Is.Zero, "its frames first appeared in the first");
        }

        Assert.That(archive.Count("ProgrammeFrame", "releaseNum = 2"), Is.Zero);

        // A release whose database exists already is refused before anything is made.
        if (engine == "sqlite")
            File.WriteAllText(Path.Combine(archive.Directory, "archive_UKIDSS_DR3.db"), "");
        var taken = engine == "sqlite" ? Ukidss(archive) : Ukidss(archive) with { ReleaseDatabase = second.Database.Final };
        Assert.That(archive.Release(taken), Is.EqualTo(1));
        Assert.That(archive.Terminal, Does.Contain("exists already"));
    }

    [Test]
    public void A_release_is_made_while_another_session_holds_the_curation_database_open()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();
        using var other = archive.Open();
        other.Scalar<long>("SELECT COUNT(*) FROM Multiframe");

        Assert.That(archive.Release(Ukidss(archive)), Is.Zero, archive.Terminal);

        if (engine == "postgres")
            Assert.That(archive.Terminal, Does.Contain("cannot serve as a template while 1 other session(s) connected to it").And.Contain("pg_dump | pg_restore"));
        using var s = Session.Open(archive.LastRelease!.Target!.Database.Final);
        Assert.That(Count(s, "lasSource"), Is.EqualTo(archive.Count("lasSource")));
        AssertNoDanglingRows(s);
        AssertEveryIndex(archive, s);
        Assert.That(LiveSchemaReader.Read(s.Connection, s.Dialect).Select(t => t.Name), Has.None.Matches<string>(t => CurationOnly.Contains(t, StringComparer.OrdinalIgnoreCase)));
    }

    [Test]
    public void A_dry_run_reports_what_the_release_would_hold_and_makes_and_records_nothing()
    {
        using var archive = ReleaseArchive.CuratedNight(engine).Clone();
        var before = archive.Snapshot();

        Assert.That(archive.Release(Ukidss(archive), dryRun: true), Is.Zero, archive.Terminal);

        Assert.That(archive.Output, Does.Contain("Dry run: release 1 of UKIDSS (1) dated 2030-01-01 ('UKIDSS DR1') would be made in")
            .And.Contain("LAS (101): 9 frame(s), 0 left out").And.Contain("Nothing was made."));
        Assert.That(archive.Snapshot(), Is.EqualTo(before));
        Assert.That(ReleaseArtefacts(archive), Is.Empty);
    }

    /// <summary>A release that failed: no release database (partial or final), no schema browser, no summary, and the
    /// curation database as it was but for the failed run in its history.</summary>
    private static void AssertLeftNothing(ReleaseArchive archive, IReadOnlyDictionary<string, string> before)
    {
        Assert.That(ReleaseArtefacts(archive), Is.Empty, "nothing of the release is left");
        Assert.That(archive.Snapshot(History), Is.EqualTo(before), "the curation database is as it was");
        var run = archive.Rows("SELECT cuID, status, rolledBack FROM ArchiveCurationHistory ORDER BY cuEventID DESC").First();
        Assert.That(Convert.ToInt32(run["cuID"], CultureInfo.InvariantCulture), Is.EqualTo(19));
        Assert.That(Convert.ToInt32(run["status"], CultureInfo.InvariantCulture), Is.EqualTo(2), "recorded as failed");
        Assert.That(Convert.ToInt32(run["rolledBack"], CultureInfo.InvariantCulture), Is.EqualTo(1));
    }

    /// <summary>Whatever a release of this archive made: files beside it (but for the archive, its locks and the logs)
    /// and databases on its server.</summary>
    private static List<string> ReleaseArtefacts(ReleaseArchive archive)
    {
        var files = Directory.EnumerateFileSystemEntries(archive.Directory).Select(Path.GetFileName).OfType<string>()
            .Where(f => f != "logs" && f != "night" && !f.EndsWith(".lock", StringComparison.Ordinal) && !f.StartsWith("archive.db", StringComparison.Ordinal))
            .ToList();
        return [.. files, .. archive.ServerDatabases().Where(d => d != archive.Url.Database)];
    }

    private static void AssertNothingPartial(ReleaseArchive archive, ReleaseTarget target)
    {
        Assert.That(ReleaseArtefacts(archive).Where(a => a.Contains("partial", StringComparison.OrdinalIgnoreCase)), Is.Empty);
        Assert.That(Directory.Exists(target.SchemaDirectory + ".partial") || File.Exists(target.SummaryFile + ".partial"), Is.False);
    }

    /// <summary>No row of the release refers to a row it does not hold: every foreign key checked (SQLite: PRAGMA
    /// foreign_key_check; PostgreSQL: each key of the scripts is there, so the server checked every row when the
    /// release added it back), and the frame sets' frames, which no key covers, checked by query.</summary>
    private static void AssertNoDanglingRows(Session s)
    {
        if (s.Dialect is SqliteDialect)
        {
            Assert.That(s.QueryRows("PRAGMA foreign_key_check"), Is.Empty);
        }
        else
        {
            var keys = s.Query<string>("SELECT conname FROM pg_constraint WHERE contype = 'f'");
            Assert.That(keys, Does.Contain("fk_multiframedetector_multiframe").And.Contain("fk_lassource_lasmergelog").And.Contain("fk_lassourceneighbours_master")
                .And.Contain("fk_lasdetection_multiframedetector").And.Not.Contain("fk_multiframe_archivedfile"));
        }

        foreach (var prefix in new[] { "las", "gps", "gcs", "dxs", "uds" })
        {
            foreach (var band in new[] { "z", "y", "j", "h", "k" })
            {
                Assert.That(Count(s, prefix + "MergeLog", $"{band}mfID <> -99999999 AND NOT EXISTS (SELECT 1 FROM MultiframeDetector d "
                    + $"WHERE d.multiframeID = {prefix}MergeLog.{band}mfID AND d.extNum = {prefix}MergeLog.{band}eNum)"), Is.Zero, $"{prefix}MergeLog.{band}mfID");
            }
        }

        Assert.That(Count(s, "HeaderCard", "multiframeID NOT IN (SELECT multiframeID FROM Multiframe)"), Is.Zero);
        Assert.That(Count(s, "lasSourceNeighbours", "slaveObjID NOT IN (SELECT sourceID FROM lasSource)"), Is.Zero);
    }

    /// <summary>Every index of Indices.sql on the release's tables (the curation-only ones excepted) is there.</summary>
    private static void AssertEveryIndex(ReleaseArchive archive, Session s)
    {
        var layout = ArchiveInitializer.RegisteredLayout(s.Connection, null, s.Dialect, archive.Scripts);
        var expected = layout.Indices.Where(i => !CurationOnly.Contains(i.Table, StringComparer.OrdinalIgnoreCase)).Select(i => i.Name.ToLowerInvariant()).ToList();
        Assert.That(expected, Has.Count.GreaterThan(100));
        Assert.That(LiveSchemaReader.ReadIndexNames(s.Connection, s.Dialect), Is.SupersetOf(expected));
    }

    private static bool PublicOn(IReadOnlyDictionary<string, object?> frame, DateOnly date) =>
        DateOnly.FromDateTime(Convert.ToDateTime(frame["dateObs"], CultureInfo.InvariantCulture)).AddMonths(Convert.ToInt32(frame["propPeriod"], CultureInfo.InvariantCulture)) <= date
        && !"NONE".Equals(((string)frame["tablePrefix"]!).TrimEnd(), StringComparison.Ordinal);

    private static List<string> ReleaseRows(Session s) =>
        s.QueryRows("SELECT surveyID, releaseNum, releaseDate, description, dbName, cuEventID FROM Release ORDER BY surveyID, releaseNum")
            .Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r["surveyID"]} {r["releaseNum"]} {Convert.ToDateTime(r["releaseDate"], CultureInfo.InvariantCulture):yyyy-MM-dd} {((string)r["description"]!).TrimEnd()} {((string)r["dbName"]!).TrimEnd()} {r["cuEventID"]}"))
            .ToList();

    private static List<LiveTable> LiveTables(DatabaseUrl url)
    {
        using var s = Session.Open(url);
        return [.. LiveSchemaReader.Read(s.Connection, s.Dialect)];
    }

    private static long Count(Session s, string table, string where = "1 = 1") => s.Scalar<long>($"SELECT COUNT(*) FROM {s.Name(table)} WHERE {where}");
}
