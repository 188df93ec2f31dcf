using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate register-programme</c> (<c>cu21</c>) from the command line on an SQLite archive made by
/// <c>curate init</c>: the example registration, its rerun refused, a dry run, the exit codes and error lines.</summary>
public sealed class RegisterProgrammeCommandTests : CliTestBase
{
    private static string Example => Path.Combine(Cli.RepoRoot, "docs", "examples", "u07bh99.json");

    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    private string Logs => Path.Combine(Temp, "logs");

    private string Scripts => Path.Combine(Temp, "programmes");

    private (int ExitCode, string Out, string Err) Cu21(params string[] args) =>
        Cli.Run([.. args, "--db", Db, "--log-dir", Logs, "--schema-dir", Cli.SchemaSql, "--scripts-dir", Scripts]);

    [SetUp]
    public void Init() => Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);

    [Test]
    public void The_example_registers_exit_0_and_its_rerun_is_refused_with_one_error_line_and_exit_1()
    {
        var (code, output, error) = Cu21("register-programme", Example, "--curator", "tester", "--comment", "PATT 07B");
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Not.Contain("error:"));
        var lines = output.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("register-programme: U07BH99 (1003) registered for PROJECT u/07b/h99, survey NONSURVEY (2), table prefix u07bh99"));
        Assert.That(lines, Does.Contain("  required filters: K"));
        Assert.That(lines, Does.Contain("  neighbour tables: u07bh99SourceNeighbours (its own sources, 10 arcsec), u07bh99SourceXGaiaDR3Source (gaia_source of Gaia DR3, 5 arcsec)"));
        Assert.That(lines, Does.Contain($"  schema script: {Path.Combine(Scripts, "u07bh99.sql")}"));
        Assert.That(File.Exists(Path.Combine(Scripts, "u07bh99.sql")), Is.True);

        var again = Cu21("cu21", Example);
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Out, Is.Empty);
        var errors = again.Err.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith($"error: cu21 (register-programme) did not start: {Example}:2:14: project: programme U07BH99 (1003, PROJECT u/07b/h99, tables u07bh99...) is registered already"));

        var history = Cli.Run("history", "--db", Db);
        Assert.That(history.Out, Does.Match(@"(?m)^ +1 +cu21 +register-programme +U07BH99 +tester .* succeeded +PATT 07B$"));
        Assert.That(history.Out.Split('\n').Count(l => l.Contains("cu21", StringComparison.Ordinal)), Is.EqualTo(1), "the refusal is not recorded");
        var check = Cli.Run("schema", "check", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(check.ExitCode, Is.Zero, check.Out + check.Err);
        Assert.That(Cli.Run("status", "--db", Db).Out, Does.Contain("programme U07BH99 (1003): UKIRT open-time programme u/07b/h99"));
    }

    [Test]
    public void A_dry_run_exits_0_and_leaves_the_archive_as_it_was()
    {
        var (code, output, error) = Cu21("cu21", Example, "--dry-run");
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.StartWith("register-programme: dry run: U07BH99 (1003) would be registered"));
        Assert.That(Directory.Exists(Scripts), Is.False);
        Assert.That(Cli.Run("history", "--db", Db).Out, Does.Not.Contain("cu21"));
        Assert.That(Cu21("cu21", Example).ExitCode, Is.Zero, "and the registration is still to be made");
    }

    [Test]
    public void A_file_with_problems_lists_each_with_its_line_and_exits_1()
    {
        var file = WriteFile("bad.json", "{\n  \"project\": \"u/07b/h99\",\n  \"title\": \"t\",\n  \"pi\": \"p\",\n  \"filters\": [\"Q\"],\n  \"tablePrefix\": \"u07b-h99\"\n}\n");
        var (code, output, error) = Cu21("cu21", file);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain($"error: cu21 (register-programme) did not start: {file}:6:18: tablePrefix: 'u07b-h99' is not a table prefix"));
        Assert.That(Directory.Exists(Scripts), Is.False);
    }

    [Test]
    public void A_missing_file_is_refused_and_a_missing_argument_is_a_usage_error()
    {
        var missing = Path.Combine(Temp, "nowhere.json");
        var (code, _, error) = Cu21("cu21", missing);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"error: cu21 (register-programme) did not start: {missing}: no such registration file"));

        var usage = Cli.Run("register-programme", "--db", Db);
        Assert.That(usage.ExitCode, Is.EqualTo(1));
        Assert.That(usage.Out, Is.Empty);
        Assert.That(usage.Err, Does.Contain("Required argument missing for command: 'register-programme'.").And.Contain("Run 'curate register-programme --help' for usage."));
    }
}
