using System.Text.Json;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate release</c> (<c>cu19</c>) from the command line: the demonstration archive released (refused while a
/// programme is unfinished), and what is refused before anything runs.</summary>
public sealed class ReleaseCommandTests : CliTestBase
{
    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    private string Logs => Path.Combine(Temp, "logs");

    private (int ExitCode, string Out, string Err) Release(string db, params string[] args) =>
        Cli.Run([.. new[] { "release", "--db", db, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql }, .. args]);

    [Test]
    public void The_demonstration_archive_is_released_and_refused_while_a_programme_has_run_a_task_after_cu18()
    {
        var dir = Path.Combine(Temp, "demo");
        var demo = Cli.Run("demo", "--dir", dir, "--schema-dir", Cli.SchemaSql);
        Assert.That(demo.ExitCode, Is.Zero, demo.Err);
        var db = "sqlite:" + Path.Combine(dir, "archive.db");

        // The demo's nightly run ends with cu18; LAS's neighbours made again after it leave LAS unfinished.
        var cu16 = Cli.Run("cu16", "--db", db, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql, "--quiet", "-p", "LAS", "--work-dir", Temp);
        Assert.That(cu16.ExitCode, Is.Zero, cu16.Err);
        var early = Release(db, "--survey", "UKIDSS");
        Assert.That(early.ExitCode, Is.EqualTo(1));
        Assert.That(early.Err, Does.Contain("cu19 (release) did not start: 1 of the 5 programme(s) of the UKIDSS release have not finished the required sequence")
            .And.Contain("LAS (101): last cu16 make-neighbours, succeeded").And.Contain("still to run: cu18 create-indices").And.Not.Contain("GPS (102)"));

        var cu18 = Cli.Run("cu18", "--db", db, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql, "--quiet");
        Assert.That(cu18.ExitCode, Is.Zero, cu18.Err);
        var (code, output, error) = Release(db, "--survey", "ukidss", "--date", "2026-06-30", "--description", "UKIDSS DR2 (demo)");

        // The demo published DR1 already; this is the next release.
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("Release 2 of UKIDSS (1) dated 2026-06-30 ('UKIDSS DR2 (demo)'").And.Contain("LAS  ").And.Contain("Summary: "));
        Assert.That(File.Exists(Path.Combine(dir, "archive_UKIDSS_DR1.db")) && File.Exists(Path.Combine(dir, "archive_UKIDSS_DR2.db")));
        Assert.That(File.Exists(Path.Combine(dir, "archive_UKIDSS_DR2_schema", "index.html")));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "archive_UKIDSS_DR2_summary.json"))).RootElement;
        Assert.That(summary.GetProperty("description").GetString(), Is.EqualTo("UKIDSS DR2 (demo)"));

        var releases = JsonDocument.Parse(Cli.Run("history", "--db", db, "--cu", "19", "--json").Out).RootElement.EnumerateArray().ToList();
        Assert.That(releases, Has.Count.EqualTo(2), "the demo's release and this one; the refusal recorded nothing");
        var history = releases[^1];
        Assert.That(history.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(history.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("acronym").GetString()), Is.EqualTo(new[] { "LAS", "GPS", "GCS", "DXS", "UDS" }));
    }

    [Test]
    public void An_archive_without_frames_has_nothing_to_release()
    {
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);

        var (code, _, error) = Release(Db, "--survey", "1");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("cu19 (release) did not start: nothing to release: UKIDSS (1) has no programme with tables of its own and frames public on"));
        Assert.That(Directory.GetFiles(Temp, "*DR1*"), Is.Empty);
    }

    [Test]
    public void An_unknown_survey_is_refused_with_the_surveys_known()
    {
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);

        var (code, _, error) = Release(Db, "--survey", "VHS");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no survey 'VHS'").And.Contain("known: UKIDSS (1), NONSURVEY (2), CALIBRATION (3)"));
    }

    [TestCase(new[] { "--date", "2026-13-01" }, "--date 2026-13-01 is not a date YYYY-MM-DD")]
    [TestCase(new[] { "--release-num", "0" }, "--release-num must be 1 or more")]
    [TestCase(new[] { "--release-db", "postgres://u@host/other" }, "must be of the curation database's engine and on its server")]
    public void Bad_options_are_refused_before_anything_is_made(string[] options, string message)
    {
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);

        var (code, _, error) = Release(Db, [.. options, "--survey", "UKIDSS"]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void The_survey_is_required()
    {
        var (code, _, error) = Cli.Run("release");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("--survey").And.Contain("Run 'curate release --help' for usage."));
    }
}
