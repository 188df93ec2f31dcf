using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate transfer</c> (<c>cu1</c>) from the command line: the options' usage errors, and a source that is not there.</summary>
public sealed class TransferCommandTests : CliTestBase
{
    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    [TestCase(new string[0], "no source: give --from SOURCE (or set CURATION_SOURCE)")]
    [TestCase(new[] { "--from", "SRC", "--night", "2007-13-40" }, "--night 2007-13-40: not a night; give it as YYYYMMDD, eg. 20071011")]
    [TestCase(new[] { "--from", "SRC", "--since", "yesterday" }, "--since yesterday: not a night")]
    [TestCase(new[] { "--from", "SRC", "--kind", "image,spectrum" }, "--kind spectrum: not a kind of file; the kinds are image, conf, catalogue, other")]
    [TestCase(new[] { "--from", "SRC", "--threads", "0" }, "--threads must be at least 1")]
    [TestCase(new[] { "--from", "SRC", "--retries", "-1" }, "--retries cannot be negative")]
    [TestCase(new[] { "--from", "SRC", "--watch", "--interval", "0" }, "--interval must be a positive number of seconds")]
    [TestCase(new[] { "--from", "SRC", "--stop-after", "2h" }, "--stop-after needs --watch")]
    [TestCase(new[] { "--from", "SRC", "--watch", "--stop-after", "soon" }, "--stop-after soon: not a duration; give it as eg. 14h, 90m or 600s")]
    [TestCase(new[] { "--from", "MISSING" }, "the source directory")]
    public void A_bad_option_value_is_one_error_line_before_anything_runs(string[] options, string message)
    {
        Directory.CreateDirectory(Path.Combine(Temp, "SRC"));
        var args = options.Select(o => o is "SRC" or "MISSING" ? Path.Combine(Temp, o) : o);
        var (code, output, error) = Cli.Run([.. new[] { "cu1", "--db", Db, "--log-dir", Path.Combine(Temp, "logs"), "--archive-dir", Path.Combine(Temp, "store") }, .. args]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.Trim(), Does.StartWith($"error: {message}"));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(Directory.Exists(Path.Combine(Temp, "logs")), Is.False, "no run started");
        Assert.That(Directory.Exists(Path.Combine(Temp, "store")), Is.False, "nothing written");
    }

    [Test]
    public void The_source_and_the_store_come_from_the_environment_when_not_given()
    {
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);
        var night = Curation.TablePreparation.Demo.DemoNight.Write(Path.Combine(Temp, "source"));
        File.WriteAllText(Path.Combine(night.Directory, "OK_TO_COPY"), "");
        Environment.SetEnvironmentVariable("CURATION_SOURCE", Path.Combine(Temp, "source"));
        Environment.SetEnvironmentVariable("CURATION_ARCHIVE_DIR", Path.Combine(Temp, "store"));
        var (code, output, error) = Cli.Run("transfer", "--db", Db, "--log-dir", Path.Combine(Temp, "logs"), "--kind", "catalogue");
        Assert.That(code, Is.Zero, error);
        var catalogues = night.Files.Count(f => f.Kind == Curation.TablePreparation.Demo.DemoFileKind.Catalogue);
        Assert.That(output, Does.StartWith($"cu1: {catalogues} file(s) copied"));
        Assert.That(Directory.GetFiles(Path.Combine(Temp, "store", "20071011")), Has.Length.EqualTo(catalogues));
    }
}
