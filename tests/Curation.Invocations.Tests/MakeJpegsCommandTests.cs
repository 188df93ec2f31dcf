using Curation.TablePreparation.Demo;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate make-jpegs</c> (<c>cu2</c>) from the command line: a generated night ingested by <c>cu3</c> and
/// previewed into an --archive-dir, and the options' usage errors.</summary>
public sealed class MakeJpegsCommandTests : CliTestBase
{
    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    [Test]
    public void Cu2_previews_the_ingested_night_into_the_archive_directory_and_status_shows_nothing_waiting()
    {
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);
        var night = DemoNight.Write(Path.Combine(Temp, "night"));
        var cu3 = Cli.Run([.. new[] { "cu3", "--quiet", "--db", Db, "--log-dir", Path.Combine(Temp, "logs"), "--file" }, .. night.Files.Select(f => f.Path)]);
        Assert.That(cu3.ExitCode, Is.Zero, cu3.Err);

        var store = Path.Combine(Temp, "store");
        var cu2 = Cli.Run("cu2", "--db", Db, "--log-dir", Path.Combine(Temp, "logs"), "--archive-dir", store, "--threads", "2", "--stretch", "asinh");
        Assert.That(cu2.ExitCode, Is.Zero, cu2.Err);
        // Every detector of the images and the stack; not the confidence map.
        var previewed = night.Files.Count(f => f.Kind is DemoFileKind.Image or DemoFileKind.Stack);
        Assert.That(cu2.Out, Does.StartWith($"cu2: {previewed * 4} preview(s) made, 0 already on disk recorded, 0 failed; {previewed} multiframe(s) recorded"));
        Assert.That(Directory.GetFiles(Path.Combine(store, "jpegs", "20071011")), Has.Length.EqualTo(previewed * 4));
        Assert.That(Directory.GetFiles(Path.Combine(store, "thumbs", "20071011")), Has.Length.EqualTo(previewed * 4));
        Assert.That(Cli.Run("status", "--db", Db).Out, Does.Contain("0 detector frame(s) without a preview").And.Not.Match(@"[1-9]\d* detector frame\(s\) without a preview"));

        var again = Cli.Run("make-jpegs", "--db", Db, "--log-dir", Path.Combine(Temp, "logs"), "--archive-dir", store);
        Assert.That((again.ExitCode, again.Out.Trim()), Is.EqualTo((0, "cu2: no detector frame waiting for a preview")));
    }

    [TestCase(new[] { "--clip", "2" }, "--clip is the clipping of --scale percentile")]
    [TestCase(new[] { "--scale", "percentile", "--clip", "50" }, "--clip must be a percentage from 0 up to (not including) 50")]
    [TestCase(new[] { "--quality", "0" }, "--quality must be from 1 to 100")]
    [TestCase(new[] { "--threads", "0" }, "--threads must be at least 1")]
    [TestCase(new[] { "--max-size", "-5" }, "--max-size must be 0 (no limit) or a number of pixels")]
    public void A_bad_option_value_is_one_error_line_before_anything_runs(string[] options, string message)
    {
        var (code, output, error) = Cli.Run([.. new[] { "cu2", "--db", Db, "--log-dir", Path.Combine(Temp, "logs") }, .. options]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.Trim(), Is.EqualTo($"error: {message}").Or.StartWith($"error: {message}"));
        Assert.That(Directory.Exists(Path.Combine(Temp, "logs")), Is.False, "no run started");
    }

    [Test]
    public void An_unknown_scale_is_refused_by_the_parser_with_the_choices()
    {
        var (code, _, error) = Cli.Run("cu2", "--scale", "log");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("'log' not recognized").And.Contain("'zscale'").And.Contain("'percentile'"));
    }
}
