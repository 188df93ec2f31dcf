using System.Text.Json;
using Curation.Database;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary>The curation commands on an SQLite archive made by <c>curate init</c>: a task run through the shared CU options
/// (<c>create-indices</c>, alias <c>cu18</c>), then <c>curate history</c> and <c>curate status</c> reading what it recorded.</summary>
public sealed class CurationCommandTests : CliTestBase
{
    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    private string Logs => Path.Combine(Temp, "logs");

    [SetUp]
    public void InitArchive()
    {
        var init = Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(init.ExitCode, Is.Zero, init.Err);
    }

    private (int ExitCode, string Out, string Err) Cu18(params string[] args) =>
        Cli.Run([.. new[] { "cu18", "--db", Db, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql }, .. args]);

    [Test]
    public void Create_indices_creates_the_missing_indices_once_and_records_each_run()
    {
        var first = Cu18("--comment", "first", "--curator", "alice");
        var second = Cu18();

        Assert.That(first.ExitCode, Is.Zero, first.Err);
        var created = first.Out.Split('\n').Count(l => l.StartsWith("created ", StringComparison.Ordinal));
        Assert.That(created, Is.GreaterThan(20));
        Assert.That(first.Out, Does.Contain("created   ix_lasDetection_").And.Contain($"{created} index(es) created, 0 already present"));
        Assert.That(second.Out, Does.Contain($"0 index(es) created, {created} already present"));
        Assert.That(first.Err, Does.Contain("cu18 (create-indices) started as curation event 1"));

        var history = Cli.Run("history", "--db", Db, "--json");
        var runs = JsonDocument.Parse(history.Out).RootElement.EnumerateArray().ToList();
        Assert.That(runs.Select(r => r.GetProperty("cuEventID").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(runs[0].GetProperty("curator").GetString(), Is.EqualTo("alice"));
        Assert.That(runs[0].GetProperty("comment").GetString(), Is.EqualTo("first"));
        Assert.That(runs[0].GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(runs[0].GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("acronym").GetString()), Does.Contain("LAS"));
        Assert.That(File.Exists(runs[0].GetProperty("logFile").GetString()), "the log file recorded exists");
    }

    [Test]
    public void A_dry_run_creates_nothing_and_records_nothing()
    {
        var (code, output, error) = Cu18("--dry-run");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("would be created (dry run), 0 already present"));
        Assert.That(Cli.Run("history", "--db", Db).Out, Does.Contain("No curation runs recorded."));
        Assert.That(Cu18().Out, Does.Contain("0 already present"), "the dry run created no index");
    }

    [Test]
    public void A_task_on_a_database_without_curation_tables_is_refused_with_what_to_do()
    {
        var empty = "sqlite:" + Path.Combine(Temp, "empty.db");
        var (code, _, error) = Cli.Run("cu18", "--db", empty, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("error: cu18 did not start:").And.Contain("curate init --db " + empty));
    }

    [Test]
    public void History_filters_by_programme_task_and_count_and_prints_a_table()
    {
        Cu18();
        Cu18("--comment", "again");

        var table = Cli.Run("history", "--db", Db, "--programme", "las", "--cu", "create-indices", "--last", "1");

        Assert.That(table.ExitCode, Is.Zero, table.Err);
        var lines = table.Out.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.StartWith("event  cu    task"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Match(@"^\s+2  cu18  create-indices  LAS,GPS,GCS,DXS,UDS,U05A37,U07BH11\s+\S+\s+\d{4}-\d\d-\d\d .*succeeded\s+again$"));
        Assert.That(Cli.Run("history", "--db", Db, "--cu", "7").Out, Does.Contain("No curation runs recorded."));
    }

    [Test]
    public void History_names_an_unknown_programme_or_task_with_those_known()
    {
        var programme = Cli.Run("history", "--db", Db, "--programme", "XYZ");
        var task = Cli.Run("history", "--db", Db, "--cu", "cu99");

        Assert.That((programme.ExitCode, task.ExitCode), Is.EqualTo((1, 1)));
        Assert.That(programme.Err, Does.Contain("no programme 'XYZ'").And.Contain("LAS (101)"));
        Assert.That(task.Err, Does.Contain("no task 'cu99'").And.Contain("cu4 ingest-detections"));
    }

    [Test]
    public void Status_shows_each_programmes_tasks_what_waits_and_what_to_run_next()
    {
        using (var session = Session.Open(DatabaseUrl.Parse(Db)))
        {
            // A catalogue and a detector frame registered for LAS, as CU1/CU3 would leave them, and one file not yet ingested.
            session.Execute("INSERT INTO ArchiveCurationHistory (cuEventID, cuID, status) VALUES (1, 1, 1)");
            session.Execute("INSERT INTO ArchivedFile (fileID, cuEventID, fileName, fileType, metadataState) VALUES (1, 1, 'a_cat.fits', 'catalogue', 1)");
            session.Execute("INSERT INTO ArchivedFile (fileID, cuEventID, fileName, fileType, metadataState) VALUES (2, 1, 'b.fits', 'image', 0)");
            session.Execute("INSERT INTO Multiframe (multiframeID, cuEventID, fileID, fileName, catName, programmeID) VALUES (10, 1, 1, 'a.fits', 'a_cat.fits', 101)");
        }

        var text = Cli.Run("status", "--db", Db);
        var json = JsonDocument.Parse(Cli.Run("status", "--db", Db, "--json").Out).RootElement;

        Assert.That(text.ExitCode, Is.Zero, text.Err);
        Assert.That(text.Out, Does.Contain("programme LAS (101): UKIDSS Large Area Survey"));
        Assert.That(text.Out, Does.Contain("1 file(s) registered but not yet ingested"));
        Assert.That(text.Out, Does.Contain("next: cu3 ingest-metadata (1 file(s) registered but not yet ingested)"));
        var las = json.GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("acronym").GetString() == "LAS");
        var cu4 = las.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("cuID").GetInt32() == 4);
        Assert.That(cu4.GetProperty("pending").GetInt64(), Is.EqualTo(1));
        Assert.That(las.GetProperty("next").EnumerateArray().Select(n => n.GetString()), Is.EqualTo(new[] { "cu4" }));
        var gps = json.GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("acronym").GetString() == "GPS");
        Assert.That(gps.GetProperty("next").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Status_after_a_task_ran_puts_the_later_tasks_of_the_sequence_next()
    {
        using (var session = Session.Open(DatabaseUrl.Parse(Db)))
        {
            // An ingest (cu4) for LAS that succeeded, recorded as a session records it.
            session.Execute("INSERT INTO ArchiveCurationHistory (cuEventID, cuID, status, startTime, endTime) VALUES (1, 4, 1, '2026-11-20 01:00:00', '2026-11-20 01:10:00')");
            session.Execute("INSERT INTO ProgrammeCurationHistory (cuEventID, programmeID, status) VALUES (1, 101, 1)");
        }

        var json = JsonDocument.Parse(Cli.Run("status", "--db", Db, "--json").Out).RootElement;

        var las = json.GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("acronym").GetString() == "LAS");
        Assert.That(las.GetProperty("next").EnumerateArray().Select(n => n.GetString()), Is.EqualTo(new[] { "cu7", "cu16", "cu18" }));
        var cu7 = las.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("cuID").GetInt32() == 7);
        Assert.That(cu7.GetProperty("reason").GetString(), Is.EqualTo("never run; cu4 (ingest-detections) has"));
    }

    [Test]
    public void Create_indices_history_and_status_work_on_postgres_too()
    {
        using var db = Curation.Database.Tests.TestDatabase.Create("postgres");
        var url = db.Url.ToStringWithPassword();
        Assert.That(Cli.Run("init", "--quiet", "--db", url, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);

        var first = Cli.Run("cu18", "--db", url, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql);
        var second = Cli.Run("cu18", "--db", url, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql);

        Assert.That(first.ExitCode, Is.Zero, first.Err);
        var created = first.Out.Split('\n').Count(l => l.StartsWith("created ", StringComparison.Ordinal));
        Assert.That(created, Is.GreaterThan(20));
        Assert.That(second.Out, Does.Contain($"0 index(es) created, {created} already present"), "index names are found in PostgreSQL's lower case");
        var history = Cli.Run("history", "--db", url, "--programme", "LAS");
        Assert.That(history.Out.TrimEnd().Split('\n'), Has.Length.EqualTo(3), history.Out + history.Err);
        var status = Cli.Run("status", "--db", url);
        Assert.That(status.Out, Does.Contain("cu18  create-indices").And.Contain("succeeded (event 2)"));
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
