using Curation.Database;
using Curation.Database.Tests;
using Dapper;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate load-external</c> (<c>cu17</c>) and <c>curate make-neighbours</c> (<c>cu16</c>) from the command
/// line on an SQLite archive made by <c>curate init</c>: a real catalogue loaded, sources put beside its sources, the
/// neighbour tables made and made again; and the options' usage errors, each one line before anything runs.</summary>
public sealed class NeighbourCommandTests : CliTestBase
{
    private const string Ngts = "ngts-casu/procIMAGE80220150514002449.cat";

    private string Db => "sqlite:" + Path.Combine(Temp, "a.db");

    private string Logs => Path.Combine(Temp, "logs");

    [Test]
    public void Load_external_then_cu16_make_the_neighbour_tables_and_schema_check_accepts_the_external_table()
    {
        var catalogue = TestPaths.RequireFitsFixture(Ngts);
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);
        var load = Cli.Run("load-external", catalogue, "--db", Db, "--log-dir", Logs, "--survey-name", "NGTS", "--alias", "NGTS", "--table-name", "imcore");
        Assert.That(load.ExitCode, Is.Zero, load.Err);
        Assert.That(load.Out, Does.StartWith($"load-external: 3152 row(s) of {catalogue}, HDU 1 (APM-BINARYTABLE) loaded into NGTS_imcore"));

        // 500 sources 1.8 arcsec east of NGTS sources (at Dec 0 to -3), the cross-neighbour table registered for LAS.
        using (var c = ArchiveConnection.Open(DatabaseUrl.Parse(Db)))
        {
            c.Execute("INSERT INTO lasMergeLog (frameSetID) VALUES (1)");
            c.Execute("INSERT INTO lasSource (sourceID, frameSetID, ra, dec) SELECT Sequence_number, 1, RA + 0.0005, DEC FROM NGTS_imcore WHERE Sequence_number <= 500");
            c.Execute("INSERT INTO RequiredNeighbours (programmeID, neighbourTable, surveyID, extTableID, extProgID, joinCriterion) VALUES (101, 'lasSourceXNGTS', 4, 1, -99, 2.0)");
        }

        var cu16 = Cli.Run("cu16", "--db", Db, "--log-dir", Logs, "--programme", "las", "--threads", "2", "--work-dir", Temp);
        Assert.That(cu16.ExitCode, Is.Zero, cu16.Err);
        var lines = cu16.Out.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(5));
        Assert.That(lines[0], Does.Match(@"^cu16: lasSourceNeighbours: \d+ pair\(s\) among 500 source\(s\) of lasSource within 10 arcsec \(\d+\.\d\d s\)$"));
        Assert.That(lines[1], Does.StartWith("cu16: lasSourceXGaiaDR3Source: skipped: "));
        Assert.That(lines[2], Does.StartWith("cu16: lasSourceXtwomass_psc: skipped: "));
        Assert.That(lines[3], Does.Match(@"^cu16: lasSourceXNGTS: 5\d\d pair\(s\) between 500 source\(s\) of lasSource and 3152 of NGTS_imcore within 2 arcsec \("));
        Assert.That(lines[4], Does.StartWith("cu16: LAS (101): 2 neighbour table(s) made, 2 skipped, 0 not made; "));
        Assert.That(Directory.GetDirectories(Temp, "curate-cu16-*"), Is.Empty, "the work directory is removed");

        var again = Cli.Run("make-neighbours", "--db", Db, "--log-dir", Logs, "-p", "LAS", "--table", "lasSourceXNGTS");
        Assert.That(again.ExitCode, Is.Zero, again.Err);
        static string Counts(string line) => line[..line.LastIndexOf(" (", StringComparison.Ordinal)];
        Assert.That(Counts(again.Out.Split('\n')[0]), Is.EqualTo(Counts(lines[3])), "the same pairs again");

        var check = Cli.Run("schema", "check", "--db", Db, "--schema-dir", Cli.SchemaSql);
        Assert.That(check.ExitCode, Is.Zero, check.Out + check.Err);
        Assert.That(check.Out, Does.Not.Contain("NGTS_imcore"));
        Assert.That(Cli.Run("status", "--db", Db).Out, Does.Match(@"cu16 +make-neighbours +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +succeeded"));
    }

    [TestCase(new[] { "cu16", "-p", "las", "--radius", "0" }, "--radius must be a number of arcseconds above 0 and below 324000 (90 degrees)")]
    [TestCase(new[] { "cu16", "-p", "las", "--threads", "0" }, "--threads must be at least 1")]
    [TestCase(new[] { "load-external", "x.fits", "--alias", "X" }, "say which external table to load: --survey ID --ext-table ID for a registered one, or --survey-name NAME --alias ALIAS (registered when new)")]
    [TestCase(new[] { "load-external", "x.fits", "--survey", "1" }, "say which table of the survey to load: --ext-table ID for a registered one, or --alias ALIAS (registered when new)")]
    public void A_bad_option_value_is_one_error_line_before_anything_runs(string[] args, string message)
    {
        var (code, output, error) = Cli.Run([.. args, "--db", Db, "--log-dir", Logs]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.Trim(), Is.EqualTo($"error: {message}"));
        Assert.That(Directory.Exists(Logs), Is.False, "no run started");
    }

    [TestCase(new[] { "cu16" }, "Option '--programme' is required.", "curate make-neighbours --help")]
    [TestCase(new[] { "load-external", "--survey", "1", "--ext-table", "1" }, "Required argument missing for command: 'load-external'.", "curate load-external --help")]
    [TestCase(new[] { "cu17", "x.fits", "--survey", "1", "--ext-table", "1", "--coord-unit", "hours" }, "Argument 'hours' not recognized. Must be one of:", "curate load-external --help")]
    public void A_missing_or_unknown_option_is_refused_by_the_parser(string[] args, string message, string help)
    {
        var (code, output, error) = Cli.Run([.. args, "--db", Db, "--log-dir", Logs]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain(message).And.Contain($"Run '{help}' for usage."));
        Assert.That(Directory.Exists(Logs), Is.False, "no run started");
    }

    [Test]
    public void A_failed_load_exits_1_with_the_file_and_hdu_in_its_one_error_line()
    {
        var catalogue = TestPaths.RequireFitsFixture(Ngts);
        Assert.That(Cli.Run("init", "--quiet", "--db", Db, "--schema-dir", Cli.SchemaSql).ExitCode, Is.Zero);
        var (code, output, error) = Cli.Run("cu17", catalogue, "--db", Db, "--log-dir", Logs, "--survey", "3", "--ext-table", "1", "--hdu", "0");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        var errors = error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith($"error: cu17 (load-external) failed: {catalogue}, HDU 0 is an image, not a table; its tables are HDU 1 (APM-BINARYTABLE)"));
    }
}
