using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary>The help of every command, compared with approved snapshots in Approved/ (set CURATION_APPROVE=1 to rewrite them).</summary>
public sealed partial class HelpTests : CliTestBase
{
    private static readonly object[] Commands =
    [
        new object[] { "root", new[] { "--help" } },
        new object[] { "schema", new[] { "schema", "--help" } },
        new object[] { "schema-dump", new[] { "schema", "dump", "--help" } },
        new object[] { "schema-ddl", new[] { "schema", "ddl", "--help" } },
        new object[] { "schema-docs", new[] { "schema", "docs", "--help" } },
        new object[] { "schema-check", new[] { "schema", "check", "--help" } },
        new object[] { "init", new[] { "init", "--help" } },
        new object[] { "demo", new[] { "demo", "--help" } },
        new object[] { "fits", new[] { "fits", "--help" } },
        new object[] { "fits-dump", new[] { "fits", "dump", "--help" } },
        new object[] { "transfer", new[] { "cu1", "--help" } },
        new object[] { "ingest-metadata", new[] { "cu3", "--help" } },
        new object[] { "make-jpegs", new[] { "cu2", "--help" } },
        new object[] { "ingest-detections", new[] { "cu4", "--help" } },
        new object[] { "merge-sources", new[] { "cu7", "--help" } },
        new object[] { "make-neighbours", new[] { "cu16", "--help" } },
        new object[] { "load-external", new[] { "load-external", "--help" } },
        new object[] { "fill-provenance", new[] { "fill-provenance", "--help" } },
        new object[] { "create-indices", new[] { "cu18", "--help" } },
        new object[] { "release", new[] { "cu19", "--help" } },
        new object[] { "register-programme", new[] { "cu21", "--help" } },
        new object[] { "nightly", new[] { "nightly", "--help" } },
        new object[] { "history", new[] { "history", "--help" } },
        new object[] { "status", new[] { "status", "--help" } },
    ];

    [TestCaseSource(nameof(Commands))]
    public void Help_output_equals_the_approved_snapshot(string name, string[] args)
    {
        var (code, output, error) = Cli.Run(args);
        Assert.That(code, Is.Zero);
        Assert.That(error, Is.Empty);
        var help = Normalise(output);
        var approved = Path.Combine(Cli.ProjectDir, "Approved", name + ".txt");
        if (Environment.GetEnvironmentVariable("CURATION_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approved)!);
            File.WriteAllText(approved, help);
            return;
        }

        Assert.That(File.Exists(approved), $"{approved} is missing: run the tests with CURATION_APPROVE=1 to create it");
        Assert.That(help, Is.EqualTo(TrailingBlanks().Replace(File.ReadAllText(approved).ReplaceLineEndings("\n"), "")),
            $"help differs from {approved}; if the change is intended, rerun with CURATION_APPROVE=1 and review the diff");
    }

    [Test]
    public void Root_help_lists_every_command_with_its_description()
    {
        var (code, output, _) = Cli.Run("--help");
        Assert.That(code, Is.Zero);
        var commands = output[output.IndexOf("Commands:", StringComparison.Ordinal)..];
        Assert.That(commands, Does.Match(@"(?m)^  schema +Read annotated schema scripts"));
        Assert.That(commands, Does.Match(@"(?m)^  init +Create the archive database"));
        Assert.That(commands, Does.Match(@"(?m)^  demo +Curate a generated sample night"));
        Assert.That(commands, Does.Match(@"(?m)^  fits +Inspect FITS files"));
        Assert.That(commands, Does.Match(@"(?m)^  cu1, transfer +CU1: copy the files the provider has released"));
        Assert.That(commands, Does.Match(@"(?m)^  create-indices, cu18 +CU18: create every index"));
        Assert.That(commands, Does.Match(@"(?m)^  cu19, release +CU19: publish a release database of a survey"));
        Assert.That(commands, Does.Match(@"(?m)^  cu2, make-jpegs +CU2: make a JPEG preview"));
        Assert.That(commands, Does.Match(@"(?m)^  cu7, merge-sources +CU7: merge a programme's detections"));
        Assert.That(commands, Does.Match(@"(?m)^  cu16, make-neighbours +CU16: make a programme's neighbour tables"));
        Assert.That(commands, Does.Match(@"(?m)^  cu17, load-external <FILE> +CU17: load an external survey's catalogue"));
        Assert.That(commands, Does.Match(@"(?m)^  cu21, register-programme <FILE> +CU21: register a new non-survey programme"));
        Assert.That(commands, Does.Match(@"(?m)^  nightly +Run every curation task that is due"));
        Assert.That(commands, Does.Match(@"(?m)^  history +List the curation log"));
        Assert.That(commands, Does.Match(@"(?m)^  status +Show, for the archive and each programme"));
        Assert.That(System.Text.RegularExpressions.Regex.Count(commands, @"(?m)^  \S"), Is.EqualTo(18), "one entry per command");
        Assert.That(output, Does.Contain("--db <URL>").And.Contain("--log-dir <DIR>").And.Contain("--verbose").And.Contain("--quiet"));
    }

    [TestCase("schema", "dump")]
    [TestCase("schema", "ddl")]
    [TestCase("schema", "docs")]
    [TestCase("schema", "check")]
    [TestCase("init")]
    [TestCase("demo")]
    [TestCase("fits", "dump")]
    [TestCase("ingest-metadata")]
    [TestCase("ingest-detections")]
    [TestCase("fill-provenance")]
    [TestCase("make-jpegs")]
    [TestCase("merge-sources")]
    [TestCase("nightly")]
    [TestCase("make-neighbours")]
    [TestCase("load-external")]
    [TestCase("release")]
    [TestCase("register-programme")]
    public void Each_command_help_shows_examples_of_curate_itself(params string[] command)
    {
        var (code, output, _) = Cli.Run([.. command, "--help"]);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Examples:"));
        Assert.That(output, Does.Match($@"(?m)^ +curate {Regex.Escape(string.Join(' ', command))}\b"));
    }

    /// <summary>The help with the executable name (testhost, ReSharperTestRunner...) replaced by curate, and without the
    /// trailing blanks System.CommandLine puts on the empty lines of indented descriptions (the repository's .editorconfig
    /// trims trailing whitespace, so an approved file saved by an editor would never match them).</summary>
    private static string Normalise(string help) =>
        TrailingBlanks().Replace(UsageLine().Replace(help, "Usage:\n  curate"), "");

    [GeneratedRegex(@"Usage:\n  \S+")]
    private static partial Regex UsageLine();

    [GeneratedRegex(@"[ \t]+$", RegexOptions.Multiline)]
    private static partial Regex TrailingBlanks();
}
