using Curation.Database;
using Curation.Database.Tests;
using Curation.Sessions;
using Curation.TablePreparation.Demo;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Transfer;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate nightly</c> from the command line over a released demo night, on SQLite and PostgreSQL: every due
/// task in order, a failing chain that stops alone, the lock, and a rerun with nothing to do.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class NightlyCommandTests(string engine) : CliTestBase
{
    private TestDatabase database = null!;

    private string Db => database.Url.ToString();

    [SetUp]
    public void CreateDatabase()
    {
        database = TestDatabase.Create(engine);
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);
    }

    [TearDown]
    public void DropDatabase() => database.Dispose();

    /// <summary>The demo night in a source tree, released by an OK_TO_COPY.</summary>
    private string Source()
    {
        var source = Path.Combine(Temp, "source");
        var night = DemoNight.Write(source);
        File.WriteAllLines(Path.Combine(night.Directory, ReadyMarker.FileName), night.Files.Select(f => $"{ArchivedFiles.Checksum(f.Path)}  {f.Name}"));
        return source;
    }

    private (int ExitCode, string Out, string Err) Nightly(params string[] extra) =>
        Cli.Run([.. new[] { "nightly", "--quiet", "--db", Db, "--log-dir", Path.Combine(Temp, "logs"), "--archive-dir", Path.Combine(Temp, "archive"), "--schema-dir", Cli.SchemaSql }, .. extra]);

    private long Count(string sql)
    {
        using var session = Session.Open(database.Url);
        return session.Scalar<long>(sql);
    }

    [Test]
    public void The_nightly_runs_every_due_task_in_order_and_then_has_nothing_left_to_do()
    {
        var source = Source();
        var (code, output, error) = Nightly("--from", source);
        Assert.That(code, Is.Zero, output + error);
        var steps = output.Split('\n').Where(l => l.StartsWith("nightly: ", StringComparison.Ordinal) && l.Contains(" cu", StringComparison.Ordinal) && l.EndsWith(": done", StringComparison.Ordinal)).ToList();
        Assert.That(steps.Take(2), Is.EqualTo(new[] { "nightly: archive cu1 (transfer): done", "nightly: archive cu3 (ingest-metadata): done" }));
        Assert.That(steps.Where(s => s.StartsWith("nightly: LAS ", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "nightly: LAS cu2 (make-jpegs): done", "nightly: LAS cu4 (ingest-detections): done",
            "nightly: LAS cu7 (merge-sources): done", "nightly: LAS cu16 (make-neighbours): done",
        }), "a programme's chain in the required order");
        Assert.That(steps.Last(), Is.EqualTo("nightly: archive cu18 (create-indices): done"));
        Assert.That(output, Does.Contain("task run(s), 0 failed"));
        Assert.That(Count("SELECT COUNT(*) FROM lasSource"), Is.GreaterThan(0));
        Assert.That(Count("SELECT COUNT(*) FROM lasSourceNeighbours"), Is.GreaterThan(0));
        Assert.That(Count("SELECT COUNT(*) FROM ArchivedFile WHERE detectionState = 0 AND fileType = 'catalogue'"), Is.Zero, "every catalogue dealt with");
        Assert.That(Count("SELECT COUNT(*) FROM ArchivedFile f JOIN Multiframe m ON m.catName = f.fileName WHERE f.detectionState = 3 AND m.programmeID = -99"),
            Is.EqualTo(1), "the unregistered programme's catalogue has no table to go to (until cu21 registers it)");
        Assert.That(Count("SELECT COUNT(*) FROM MultiframeDetector d JOIN Multiframe m ON m.multiframeID = d.multiframeID JOIN ArchivedFile f ON f.fileID = m.fileID "
            + "WHERE f.fileType = 'image' AND d.compFile = 'NONE'"), Is.Zero, "every image previewed, the unregistered programme's too");

        var status = Cli.Run("status", "--db", Db);
        Assert.That(status.Out, Does.Not.Contain("next: cu"), "status has nothing left for any programme");

        var again = Nightly("--from", source);
        Assert.That(again.ExitCode, Is.Zero, again.Err);
        Assert.That(again.Out, Does.Contain("nightly: archive cu1 (transfer): done").And.Contain("31 up to date").And.Not.Contain("nightly: LAS"),
            "a rerun with nothing new runs no programme's task");
    }

    [Test]
    public void A_failing_task_stops_its_programmes_chain_and_no_other_and_the_run_exits_1()
    {
        var source = Source();
        using (var session = Session.Open(database.Url))
            session.Execute("UPDATE Programme SET pairingCriterion = -0.9999995e9 WHERE acronym = 'GPS'");
        var (code, output, _) = Nightly("--from", source);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("nightly: GPS cu7 (merge-sources): FAILED, exit 1").And.Contain("nightly: GPS (102): chain stopped at cu7"));
        Assert.That(output, Does.Not.Contain("nightly: GPS cu16"), "the rest of GPS's chain is not run");
        Assert.That(output, Does.Contain("nightly: LAS cu16 (make-neighbours): done").And.Contain("nightly: UDS cu16 (make-neighbours): done"), "the other programmes go on");
        Assert.That(output, Does.Contain("cu18 skipped: the chains of GPS stopped at a failure"));
        Assert.That(output, Does.Contain("1 failed; chains stopped: GPS").And.Contain("GPS cu7: cu7 (merge-sources) did not start: the pairing radius of GPS (102)"));

        // Fixed, the next night finishes GPS's chain and the indices.
        using (var session = Session.Open(database.Url))
            session.Execute("UPDATE Programme SET pairingCriterion = 0.8 WHERE acronym = 'GPS'");
        var again = Nightly("--from", source);
        Assert.That(again.ExitCode, Is.Zero, again.Out + again.Err);
        Assert.That(again.Out, Does.Contain("nightly: GPS cu7 (merge-sources): done").And.Contain("nightly: GPS cu16 (make-neighbours): done")
            .And.Contain("nightly: archive cu18 (create-indices): done"));
    }

    [Test]
    public void A_second_nightly_run_is_refused_while_one_holds_the_lock()
    {
        using var session = Session.Open(database.Url);
        using var held = SessionLock.TryAcquire(session, "nightly");
        Assert.That(held, Is.Not.Null);
        var (code, output, error) = Nightly();
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("another nightly run holds the lock").And.Contain("--wait"));
        Assert.That(output, Is.Empty);
    }
}
