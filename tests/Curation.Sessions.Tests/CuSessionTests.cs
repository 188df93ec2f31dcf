using Curation.Database;
using Curation.Sessions.TestHost;
using NUnit.Framework;

namespace Curation.Sessions.Tests;

/// <summary>The curation session for real, on SQLite and PostgreSQL archives made from the schema scripts: the history it
/// records, its failure path, dry runs, refusals, the programme lock, and runs that ended without recording an outcome.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class CuSessionTests(string engine)
{
    private TestArchive archive = null!;

    [SetUp]
    public void SetUp() => archive = TestArchive.Create(engine);

    [TearDown]
    public void TearDown() => archive?.Dispose();

    private (int Code, string Terminal, LoadingSession Session) Run(CuSessionOptions options, int units = 4, int failInUnit = 0)
    {
        using var terminal = new StringWriter();
        var session = new LoadingSession(options, TextWriter.Null) { Units = units, RowsPerUnit = 200, FailInUnit = failInUnit };
        var code = session.Run(terminal);
        return (code, terminal.ToString(), session);
    }

    [Test]
    public void A_successful_run_is_recorded_with_its_programme_curator_comment_and_log_file()
    {
        var (code, terminal, session) = Run(archive.Options());

        Assert.That(code, Is.EqualTo(0), terminal);
        var e = archive.History().Single();
        Assert.Multiple(() =>
        {
            Assert.That(e.CuEventId, Is.EqualTo(session.CuEventId));
            Assert.That((e.CuId, e.Task, e.Status, e.RolledBack), Is.EqualTo((4, "ingest-detections", RunStatus.Succeeded, false)));
            Assert.That((e.Curator, e.Comment), Is.EqualTo(("tester", "a test run")));
            Assert.That(e.EndTime, Is.Not.Null.And.GreaterThanOrEqualTo(e.StartTime));
            Assert.That(e.Programmes, Is.EqualTo(new[] { new ProgrammeOutcome(101, "LAS", RunStatus.Succeeded) }));
            Assert.That(e.LogFile, Does.StartWith(archive.LogDirectory));
            Assert.That(File.ReadAllText(e.LogFile), Does.Contain($"started as curation event {e.CuEventId}"));
            Assert.That(archive.Units(), Is.EqualTo(Enumerable.Range(1, 4).Select(u => ((long)u, 200L, 1L))));
        });
    }

    [Test]
    public void A_failing_unit_is_rolled_back_the_run_recorded_failed_and_earlier_units_kept()
    {
        var (code, terminal, _) = Run(archive.Options(), failInUnit: 3);

        Assert.That(code, Is.EqualTo(1));
        var errors = terminal.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), terminal);
        Assert.That(errors[0], Does.Contain("cu4 (ingest-detections) failed while loading unit 3 into UnitRow for LAS (101)")
            .And.Contain("unit 3 row 101: value out of range").And.Contain("recorded as failed"));
        var e = archive.History().Single();
        Assert.That((e.Status, e.RolledBack), Is.EqualTo((RunStatus.Failed, true)));
        Assert.That(e.Programmes.Single().Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(archive.Units().Select(u => u.Unit), Is.EqualTo(new[] { 1L, 2L }), "units 1 and 2 stay; nothing of unit 3");
        Assert.That(File.ReadAllText(e.LogFile), Does.Contain("CurationInputException").And.Contain(" at "), "the stack trace is in the log file");
        Assert.That(terminal, Does.Not.Contain(" at Curation."), "no stack trace on the terminal");
    }

    [Test]
    public void A_rerun_after_a_failure_finishes_the_job_without_duplicates()
    {
        Run(archive.Options(), failInUnit: 3);
        var (code, terminal, session) = Run(archive.Options());

        Assert.That(code, Is.EqualTo(0), terminal);
        Assert.That(archive.Units().Select(u => u.Unit), Is.EqualTo(new[] { 1L, 2L, 3L, 4L }));
        Assert.That(archive.Duplicates(), Is.Zero);
        Assert.That(session.UnitsCompleted, Is.EqualTo(2), "only units 3 and 4 were loaded again");
        Assert.That(archive.History().Select(h => h.Status), Is.EqualTo(new[] { RunStatus.Failed, RunStatus.Succeeded }));
    }

    [Test]
    public void A_dry_run_changes_nothing_and_records_nothing()
    {
        var (code, terminal, session) = Run(archive.Options() with { DryRun = true });

        Assert.That(code, Is.EqualTo(0), terminal);
        Assert.That(session.UnitsCompleted, Is.EqualTo(4));
        Assert.That(terminal, Does.Contain("Dry run"));
        Assert.That(archive.History(), Is.Empty);
        Assert.That(archive.Units(), Is.Empty);
    }

    [Test]
    public void An_unknown_programme_is_refused_with_the_programmes_known()
    {
        var (code, terminal, _) = Run(archive.Options("NOSUCH"));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(terminal, Does.Contain("error: cu4 (ingest-detections) did not start: no programme 'NOSUCH'").And.Contain("LAS (101)"));
        Assert.That(archive.History(), Is.Empty);
    }

    [Test]
    public void The_programme_is_found_by_id_or_table_prefix()
    {
        Assert.That(Run(archive.Options("101")).Code, Is.EqualTo(0));
        Assert.That(Run(archive.Options("las")).Code, Is.EqualTo(0));
        Assert.That(archive.History().SelectMany(h => h.Programmes).Select(p => p.ProgrammeId), Is.EqualTo(new[] { 101, 101 }));
    }

    [Test]
    public void A_database_without_curation_tables_is_refused_with_what_to_do()
    {
        var empty = archive.Options() with { Database = DatabaseUrl.Parse("sqlite:" + Path.Combine(archive.LogDirectory, "empty.db")) };
        var (code, terminal, _) = Run(empty);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(terminal, Does.Contain("has no curation tables").And.Contain("curate init"));
    }

    [Test]
    public void A_second_session_on_the_same_programme_refuses_without_wait()
    {
        using var other = archive.Open();
        using var held = SessionLock.TryAcquire(other, "programme-101");
        Assert.That(held, Is.Not.Null);

        var (code, terminal, _) = Run(archive.Options());

        Assert.That(code, Is.EqualTo(1));
        Assert.That(terminal, Does.Contain("programme LAS (101) is being curated by another session").And.Contain("--wait"));
        Assert.That(archive.History(), Is.Empty);
        Assert.That(Run(archive.Options("GPS")).Code, Is.EqualTo(0), "another programme is not locked");
    }

    [Test]
    public void A_second_session_with_wait_starts_when_the_first_releases_the_programme()
    {
        var other = archive.Open();
        var held = SessionLock.TryAcquire(other, "programme-101")!;
        var release = Task.Run(async () =>
        {
            await Task.Delay(1500);
            held.Dispose();
            other.Dispose();
        });

        var (code, terminal, _) = Run(archive.Options() with { Wait = true });
        release.Wait();

        Assert.That(code, Is.EqualTo(0), terminal);
        Assert.That(terminal, Does.Contain("Waiting for programme LAS (101)"));
        Assert.That(archive.History().Single().Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public void A_run_left_running_by_a_dead_process_is_marked_failed_by_the_next_run()
    {
        using (var s = archive.Open())
        {
            var id = CurationHistory.Start(s, 4, "ghost", "NONE", "killed", CurationHistory.Now());
            CurationHistory.StartProgramme(s, id, 101);
        }

        var (code, terminal, _) = Run(archive.Options());

        Assert.That(code, Is.EqualTo(0), terminal);
        Assert.That(terminal, Does.Contain("warning: event 1 (cu4 ingest-detections").And.Contain("by ghost) stopped without recording its outcome"));
        var history = archive.History();
        Assert.That(history.Select(h => (h.Status, h.RolledBack)), Is.EqualTo(new[] { (RunStatus.Failed, true), (RunStatus.Succeeded, false) }));
        Assert.That(history[0].Programmes.Single().Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public void History_is_filtered_by_programme_task_and_count()
    {
        Run(archive.Options("LAS"));
        Run(archive.Options("GPS"));
        Run(archive.Options("LAS"), failInUnit: 1);
        using var s = archive.Open();

        Assert.That(CurationHistory.Read(s, new HistoryFilter { ProgrammeId = 101 }).Select(h => h.CuEventId), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(CurationHistory.Read(s, new HistoryFilter { Last = 2 }).Select(h => h.CuEventId), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(CurationHistory.Read(s, new HistoryFilter { CuId = 7 }), Is.Empty);
    }
}
