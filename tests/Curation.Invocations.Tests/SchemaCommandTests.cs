using System.Text.Json;
using NUnit.Framework;

namespace Curation.Invocations.Tests;

/// <summary><c>curate schema dump|ddl|docs|check</c> on scripts written by the tests and on the archive's own.</summary>
public sealed class SchemaCommandTests : CliTestBase
{
    [Test]
    public void Schema_dump_json_prints_the_documented_shape_with_every_field_and_tag()
    {
        var script = WriteFile("Frame.sql", Scripts.Frame);

        var (code, output, error) = Cli.Run("schema", "dump", script, "--json");

        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        var tables = doc.RootElement.GetProperty("tables");
        Assert.That(tables.GetArrayLength(), Is.EqualTo(1));
        var t = tables[0];
        Assert.That(t.GetProperty("name").GetString(), Is.EqualTo("Frame"));
        Assert.That(t.GetProperty("schema").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(t.GetProperty("kind").GetString(), Is.EqualTo("table"));
        Assert.That(t.GetProperty("documented").GetBoolean(), Is.True);
        Assert.That(t.GetProperty("header").GetString(), Is.EqualTo("Frames of the test archive."));
        Assert.That(t.GetProperty("text").GetString(), Is.EqualTo("First line of the text.\nSecond line of the text."));
        Assert.That(t.GetProperty("primaryKey").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "frameID" }));

        var columns = t.GetProperty("columns").EnumerateArray().ToList();
        Assert.That(columns.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[] { "frameID", "mjdObs", "filtName" }));
        Assert.That(columns.Select(c => c.GetProperty("type").GetString()), Is.EqualTo(new[] { "bigint", "float", "varchar" }));
        Assert.That(columns[0].GetProperty("length").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(columns[2].GetProperty("length").GetInt32(), Is.EqualTo(16));
        Assert.That(columns.Select(c => c.GetProperty("nullable").GetBoolean()), Is.All.False);
        Assert.That(columns[0].GetProperty("default").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(columns[1].GetProperty("default").GetString(), Is.EqualTo("-0.9999995e9"));
        Assert.That(columns[2].GetProperty("default").GetString(), Is.EqualTo("'NONE'"));

        Assert.That(Tags(columns[0]), Is.EqualTo(new Dictionary<string, string> { ["D"] = "the frame", ["C"] = "ID_FRAME" }));
        Assert.That(Tags(columns[1]), Is.EqualTo(new Dictionary<string, string>
        {
            ["D"] = "the date of the frame", ["U"] = "days", ["C"] = "TIME_DATE", ["K"] = "MJD-OBS", ["N"] = "-0.9999995e9",
        }));
        Assert.That(Tags(columns[2]), Is.EqualTo(new Dictionary<string, string>
        {
            ["D"] = "aperture flux column", ["C"] = "INST_FILTER_CODE", ["F"] = "Aper_flux_3", ["A"] = "2", ["O"] = "",
        }));
    }

    [Test]
    public void Schema_dump_of_a_broken_script_reports_file_line_and_column_with_the_line_and_a_caret()
    {
        var script = WriteFile("Broken.sql", Scripts.Broken);

        var (code, output, error) = Cli.Run("schema", "dump", script, "--json");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith($"error: {script}:3:6: expected a type"));
        Assert.That(lines, Does.Contain("  ra ,"));
        Assert.That(lines, Does.Contain("     ^"), "the caret sits under the ',' at column 6");
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace on the terminal");
    }

    [Test]
    public void A_missing_script_fails_with_one_error_naming_the_file()
    {
        var missing = Path.Combine(Temp, "NoSuchSchema.sql");

        var (code, output, error) = Cli.Run("schema", "dump", missing);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("error: ").And.Contain(missing));
    }

    [Test]
    public void An_unknown_dialect_is_a_usage_error()
    {
        var script = WriteFile("Frame.sql", Scripts.Frame);

        var (code, _, error) = Cli.Run("schema", "ddl", script, "--dialect", "oracle");

        Assert.That(code, Is.Not.Zero);
        Assert.That(error, Does.Contain("oracle"));
    }

    [Test]
    public void Schema_ddl_for_sqlite_creates_the_table_with_its_columns()
    {
        var script = WriteFile("Frame.sql", Scripts.Frame);

        var (code, output, error) = Cli.Run("schema", "ddl", script, "--dialect", "sqlite");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("CREATE TABLE"));
        Assert.That(output, Does.Contain("Frame").And.Contain("frameID").And.Contain("mjdObs").And.Contain("filtName"));
        Assert.That(output, Does.Not.Contain("[frameID]").And.Not.Contain("\nGO"));
    }

    [Test]
    public void Schema_ddl_for_sqlserver_quotes_with_brackets_and_separates_batches_with_GO()
    {
        var script = WriteFile("Frame.sql", Scripts.Frame);

        var (code, output, error) = Cli.Run("schema", "ddl", script, "--dialect", "sqlserver");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("CREATE TABLE"));
        Assert.That(output, Does.Contain("[frameID]").And.Contain("[mjdObs]").And.Contain("[filtName]"));
        Assert.That(output, Does.Match(@"(?m)^GO\s*$"));
    }

    [Test]
    public void Schema_ddl_with_set_fills_the_template_placeholder()
    {
        var script = WriteFile("Template.sql", Scripts.Template);

        var (code, output, error) = Cli.Run("schema", "ddl", script, "--dialect", "sqlite", "--set", "prog=las");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("lasDetection"));
        Assert.That(output, Does.Not.Contain("{prog}"));
    }

    [Test]
    public void Schema_ddl_without_set_leaves_the_template_out()
    {
        var script = WriteFile("Template.sql", Scripts.Template);

        var (code, output, error) = Cli.Run("schema", "ddl", script, "--dialect", "sqlite");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Not.Contain("Detection"));
    }

    [Test]
    public void Schema_ddl_with_a_set_that_is_not_name_equals_value_fails_saying_so()
    {
        var script = WriteFile("Template.sql", Scripts.Template);

        var (code, output, error) = Cli.Run("schema", "ddl", script, "--dialect", "sqlite", "--set", "bad");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("NAME=VALUE").And.Contain("bad"));
    }

    [Test]
    public void Schema_docs_writes_an_index_and_one_page_per_script_family()
    {
        var outDir = Path.Combine(Temp, "browser");

        var (code, _, error) = Cli.Run("schema", "docs", "--out", outDir, "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(Path.Combine(outDir, "index.html")));
        // Indices.sql defines no tables, so it has no page of its own.
        var families = Directory.GetFiles(Cli.SchemaSql, "*.sql").Select(Path.GetFileNameWithoutExtension).Where(f => f != "Indices");
        foreach (var family in families)
            Assert.That(File.Exists(Path.Combine(outDir, family + ".html")), $"{family}.html");
    }

    [Test]
    public void Schema_check_of_the_archive_scripts_passes()
    {
        var (code, output, error) = Cli.Run("schema", "check", "--schema-dir", Cli.SchemaSql);

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("0 error(s)"));
    }

    [Test]
    public void Schema_check_reports_a_missing_Q_attribute_and_an_N_differing_from_the_default_with_file_line_column()
    {
        var script = WriteFile("BadTags.sql", Scripts.BadTags);

        var (code, output, error) = Cli.Run("schema", "check", script);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Match($@"(?m)^{Regex(script)}:6:\d+: error: .*--/Q names 'noSuchColumn'"));
        Assert.That(output, Does.Match($@"(?m)^{Regex(script)}:7:\d+: error: .*--/N -1 differs from the SQL default 0"));
        Assert.That(error, Does.Contain("2 error(s)"));
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static Dictionary<string, string> Tags(JsonElement column) =>
        column.GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
