using System.Text;
using Curation.Database.Dialects;
using Curation.Release;
using Curation.Schema;
using NUnit.Framework;

namespace Curation.Database.SqlServer.Tests;

/// <summary>
/// The T-SQL a release (CU19) sends a SQL Server, in the order it sends it, for an archive with two programmes (LAS and
/// GPS) and three neighbour tables: the backup and restore that copy the curation database, the trim, CU18's indices on
/// the release, the release recorded, the rename that publishes it, and the drops that remove a failed one. No SQL
/// Server runs here; the golden file is what a reviewer checks the statements against.
/// </summary>
public sealed class ReleaseStatementTests
{
    [Test]
    public void A_releases_statements_match_the_golden_file()
    {
        var dialect = new SqlServerDialect();
        var scripts = SchemaScriptParser.ParseFiles(Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        var layout = ArchiveLayout.Resolve(scripts, ["las", "gps"], ["lasSourceNeighbours", "lasSourceXtwomass_psc", "gpsSourceNeighbours"]);
        var plan = new SqlServerBackupPlan("WSA", "WSA_ukidss_dr1_partial", "WSA_ukidss_dr1", @"D:\Backup", @"E:\Data\", @"F:\Logs",
            [new SqlServerFile("WSA", IsLog: false), new SqlServerFile("WSA_detections", IsLog: false), new SqlServerFile("WSA_log", IsLog: true)]);
        var trim = new ReleaseTrim(layout, dialect);

        var sb = new StringBuilder();
        void Add(string what, string sql) => sb.Append("-- ").Append(what).Append('\n').Append(sql).Append(";\n\n");
        sb.Append("-- 1. The copy, on master.\n\n");
        Add("does the release database exist already? (@name)", SqlServerReleaseStatements.Exists);
        Add("the server's default directories", SqlServerReleaseStatements.DefaultPaths);
        Add("the curation database's files (@db)", SqlServerReleaseStatements.Files);
        Add("backing up the curation database", SqlServerReleaseStatements.Backup(plan));
        Add("restoring it as the partial release", SqlServerReleaseStatements.Restore(plan));

        sb.Append("-- 2. The trim, on the partial release, in one transaction.\n\n");
        foreach (var step in trim.Prepare())
            Add(step.What, step.Sql);
        Add("listing the frames left out, 3 at a time here (500 in a real run)", trim.InsertFrames(3));
        foreach (var step in trim.Trim())
            Add(step.What, step.Sql);

        sb.Append("-- 3. CU18 on the release: each index of the scripts on its tables, unless there.\n\n");
        var release = ArchiveLayout.Resolve(ReleaseSession.ReleaseScripts(scripts), ["las", "gps"], ["lasSourceNeighbours", "lasSourceXtwomass_psc", "gpsSourceNeighbours"]);
        foreach (var index in release.Indices)
            Add($"creating {index.Name}", dialect.CreateIndex(index, ifMissing: true));

        sb.Append("-- 4. The release recorded in the partial release, then (with the publication) in the curation database.\n\n");
        Add("recording the release", ReleaseSession.InsertRelease(dialect));
        Add("marking every frame of the release not released before (the partial release)", ReleaseSession.MarkAllReleased(dialect));
        Add("marking the released frames, 2 at a time here (500 in a real run; the curation database)", ReleaseSession.MarkReleased(dialect, 2));

        sb.Append("-- 5. Publishing, on master; or removing a release that failed.\n\n");
        Add("renaming the partial release into place", SqlServerReleaseStatements.Rename(plan.Partial, plan.Final));
        Add("removing a partial release", SqlServerReleaseStatements.Drop(plan.Partial));
        Add("removing a release published before its recording failed", SqlServerReleaseStatements.Drop(plan.Final));
        Golden.Check("release.sql", sb.ToString());
    }

    [Test]
    public void A_release_trims_from_multiframe_down_parents_before_children_and_drops_only_the_tables_marked_curation_only()
    {
        var scripts = SchemaScriptParser.ParseFiles(Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
        var layout = ArchiveLayout.Resolve(scripts, ["las"], ["lasSourceNeighbours"]);
        var trim = new ReleaseTrim(layout, new SqlServerDialect());

        Assert.That(trim.CurationOnly.Select(t => t.Name), Is.EqualTo(new[] { "CurationTask", "ArchiveCurationHistory", "ProgrammeCurationHistory", "ArchivedFile" }));
        var order = trim.Cascade.Select(r => $"{r.Child.Name}({string.Join(",", r.Columns)})->{r.Parent.Name}").ToList();
        Assert.That(order, Is.EqualTo(new[]
        {
            "MultiframeDetector(multiframeID)->Multiframe",
            "CurrentAstrometry(multiframeID,extNum)->MultiframeDetector",
            "Provenance(combinedframeID)->Multiframe",
            "Provenance(multiframeID)->Multiframe",
            "ProgrammeFrame(multiframeID)->Multiframe",
            "HeaderCard(multiframeID)->Multiframe",
            "lasDetection(multiframeID,extNum)->MultiframeDetector",
            "lasMergeLog(zmfID,zeNum)->MultiframeDetector",
            "lasMergeLog(ymfID,yeNum)->MultiframeDetector",
            "lasMergeLog(jmfID,jeNum)->MultiframeDetector",
            "lasMergeLog(hmfID,heNum)->MultiframeDetector",
            "lasMergeLog(kmfID,keNum)->MultiframeDetector",
            "lasSource(frameSetID)->lasMergeLog",
            "lasSourceNeighbours(masterObjID)->lasSource",
            "lasSourceNeighbours(slaveObjID)->lasSource",
        }));
        Assert.That(trim.ForeignKeysToDrop.Select(k => k.Key.Name), Does.Contain("fk_Multiframe_ArchivedFile").And.Contain("fk_Multiframe_ArchiveCurationHistory")
            .And.Contain("fk_lasSource_lasMergeLog").And.Not.Contain("fk_Programme_Survey"));
        Assert.That(trim.Rebuilt.Select(t => t.Name), Is.EqualTo(new[] { "Multiframe" }));
        Assert.That(trim.Rebuilt[0].ForeignKeys.Select(k => k.Name), Is.EqualTo(new[] { "fk_Multiframe_Programme", "fk_Multiframe_Filter" }));
    }
}
