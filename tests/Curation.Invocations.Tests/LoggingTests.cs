using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary>The global logging options: --log-dir, --quiet, --verbose.</summary>
public sealed class LoggingTests : CliTestBase
{
    [Test]
    public void Log_dir_gets_a_log_file_with_the_commands_log_lines()
    {
        var logs = Path.Combine(Temp, "logs");
        var db = "sqlite:" + Path.Combine(Temp, "a.db");

        var (code, _, error) = Cli.Run("--log-dir", logs, "init", "--db", db, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, error);
        var files = Directory.GetFiles(logs);
        Assert.That(files, Has.Length.EqualTo(1));
        Assert.That(Path.GetFileName(files[0]), Does.StartWith("curate-init-").And.EndWith(".log"));
        var log = File.ReadAllText(files[0]);
        Assert.That(log, Does.Contain("curate init started"));
        Assert.That(log, Does.Contain("INFO Initialising " + db));
    }

    [Test]
    public void Log_dir_of_a_failing_command_holds_the_error_and_its_stack_trace_while_stderr_has_only_the_message()
    {
        var logs = Path.Combine(Temp, "logs");
        var script = Path.Combine(Temp, "Broken.sql");
        File.WriteAllText(script, Scripts.Broken);

        var (code, output, error) = Cli.Run("schema", "dump", script, "--log-dir", logs);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith($"error: {script}:3:6:"));
        Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
        var log = File.ReadAllText(Directory.GetFiles(logs).Single());
        Assert.That(log, Does.Contain($"ERROR {script}:3:6: expected a type"));
        Assert.That(log, Does.Contain("SchemaParseException").And.Contain("   at "));
    }

    [Test]
    public void Quiet_leaves_only_results_on_stdout_and_nothing_on_stderr()
    {
        var db = "sqlite:" + Path.Combine(Temp, "a.db");

        var (code, output, error) = Cli.Run("init", "--quiet", "--db", db, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero);
        Assert.That(error, Is.Empty);
        Assert.That(output, Does.Contain("created   ").And.Contain("table(s) created"));
    }

    [Test]
    public void Without_quiet_init_logs_what_it_initialises_on_stderr()
    {
        var db = "sqlite:" + Path.Combine(Temp, "a.db");

        var (code, output, error) = Cli.Run("init", "--db", db, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero);
        Assert.That(error, Does.Contain("Initialising " + db));
        Assert.That(output, Does.Not.Contain("Initialising"));
    }

    [Test]
    public void Verbose_logs_debug_lines_on_stderr()
    {
        var script = Path.Combine(Temp, "Frame.sql");
        File.WriteAllText(script, Scripts.Frame);

        var (code, _, error) = Cli.Run("schema", "dump", script, "--verbose");

        Assert.That(code, Is.Zero);
        Assert.That(error, Does.Contain("curate schema dump started"));
    }
}
