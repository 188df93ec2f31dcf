using Curation.Schema;
using Curation.Schema.Model;
using Dapper;
using NUnit.Framework;

namespace Curation.Database.Tests;

/// <summary>Creating the archive from the real schema-sql/ scripts, written once and run against SQLite and PostgreSQL.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class ArchiveInitializerTests(string engine)
{
    private TestDatabase _db = null!;
    private SchemaModel _scripts = null!;

    [SetUp]
    public void SetUp()
    {
        _db = TestDatabase.Create(engine);
        _scripts = SchemaScriptParser.ParseFiles(Directory.GetFiles(TestPaths.SchemaSql, "*.sql").Order(StringComparer.Ordinal));
    }

    [TearDown]
    public void TearDown() => _db?.Dispose();

    private IReadOnlyList<ReferenceTable> Reference => ReferenceData.ReadDirectory(Path.Combine(TestPaths.SchemaSql, "data"));

    [Test]
    public void Init_creates_every_table_and_each_programmes_tables_with_no_difference_from_the_scripts()
    {
        using var c = _db.Open();
        var report = ArchiveInitializer.Initialize(c, _db.Url.Dialect, _scripts, Reference);

        var prefixes = Reference.Single(r => r.Table == "Programme");
        var prefixColumn = prefixes.Columns.ToList().IndexOf("tablePrefix");
        var programmesWithTables = prefixes.Rows.Count(r => r.Values[prefixColumn] != "NONE");
        var concrete = _scripts.Tables.Count(t => !t.IsTemplate);
        var perProgramme = _scripts.Tables.Count(t => t.IsTemplate && TemplateNames.Placeholders(t.Name).SequenceEqual(["prog"]));
        // Neighbour tables a per-programme template already makes (self-neighbours) are not made twice.
        var neighbours = Reference.Single(r => r.Table == "RequiredNeighbours");
        var nameColumn = neighbours.Columns.ToList().IndexOf("neighbourTable");
        var perProgrammeTemplates = _scripts.Tables.Where(t => t.IsTemplate && TemplateNames.Placeholders(t.Name).SequenceEqual(["prog"])).ToList();
        var prefixList = prefixes.Rows.Select(r => r.Values[prefixColumn]).Where(p => p != "NONE").ToList();
        var perProgrammeNames = perProgrammeTemplates
            .SelectMany(t => prefixList.Select(p => TemplateNames.Fill(t.Name, new Dictionary<string, string> { ["prog"] = p })))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var neighbourRows = neighbours.Rows.Count(r => !perProgrammeNames.Contains(r.Values[nameColumn]));
        Assert.That(neighbourRows, Is.GreaterThan(0), "the reference rows register cross-neighbour tables");
        Assert.That(programmesWithTables, Is.GreaterThanOrEqualTo(5), "the reference rows register the five UKIDSS surveys");
        Assert.That(report.Created, Has.Count.EqualTo(concrete + programmesWithTables * perProgramme + neighbourRows));
        Assert.That(report.Created, Does.Contain("lasDetection").And.Contain("udsSource").And.Contain("Multiframe"));

        var layout = ArchiveInitializer.RegisteredLayout(c, null, _db.Url.Dialect, _scripts);
        var live = LiveSchemaReader.Read(c, _db.Url.Dialect);
        Assert.That(SchemaComparer.Compare(layout.Tables, live, _db.Url.Dialect), Is.Empty);
        Assert.That(live, Has.Count.EqualTo(report.Created.Count));
    }

    [Test]
    public void Init_fills_the_reference_rows_with_their_values()
    {
        using var c = _db.Open();
        var report = ArchiveInitializer.Initialize(c, _db.Url.Dialect, _scripts, Reference);
        var d = _db.Url.Dialect;
        var prefix = c.ExecuteScalar<string>(
            $"SELECT {d.Quote("tablePrefix")} FROM {d.Quote("Programme")} WHERE {d.Quote("programmeID")} = 101");
        Assert.That(prefix, Is.EqualTo("las"));
        foreach (var table in Reference)
        {
            var count = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {d.Quote(table.Table)}");
            Assert.That(count, Is.EqualTo(table.Rows.Count), table.Table);
            Assert.That(report.RowsInserted[table.Table], Is.EqualTo(table.Rows.Count), table.Table);
        }
    }

    [Test]
    public void Init_run_twice_creates_and_inserts_nothing_the_second_time()
    {
        using var c = _db.Open();
        var first = ArchiveInitializer.Initialize(c, _db.Url.Dialect, _scripts, Reference);
        var second = ArchiveInitializer.Initialize(c, _db.Url.Dialect, _scripts, Reference);
        Assert.That(second.Created, Is.Empty);
        Assert.That(second.AlreadyPresent, Has.Count.EqualTo(first.Created.Count));
        Assert.That(second.RowsInserted.Values.Sum(), Is.Zero);
        Assert.That(second.RowsPresent.Values.Sum(), Is.EqualTo(first.RowsInserted.Values.Sum()));
    }

    [Test]
    public void A_bad_reference_row_names_file_and_line_and_leaves_the_database_untouched()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.SchemaSql, "data")))
                File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            var filter = Path.Combine(dir, "Filter.csv");
            var lines = File.ReadAllLines(filter).ToList();
            lines.Add(string.Join(",", lines[0].Split(',').Select((col, i) => i == 0 ? "not-a-number" : "1")));
            File.WriteAllLines(filter, lines);

            using var c = _db.Open();
            var e = Assert.Throws<CurationDatabaseException>(() =>
                ArchiveInitializer.Initialize(c, _db.Url.Dialect, _scripts, ReferenceData.ReadDirectory(dir)));
            Assert.That(e!.Message, Does.StartWith($"{filter}:{lines.Count}:").And.Contain("not-a-number"));
            Assert.That(LiveSchemaReader.Read(c, _db.Url.Dialect), Is.Empty, "the failed init must leave no table behind");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Live_check_reports_a_missing_column_a_changed_type_and_an_extra_table()
    {
        using var c = _db.Open();
        ArchiveInitializer.Initialize(c, _db.Url.Dialect, _scripts, Reference);
        var d = _db.Url.Dialect;
        c.Execute($"DROP TABLE {d.Quote("Release")}");
        c.Execute($"CREATE TABLE {d.Quote("Release")} ({d.Quote("surveyID")} integer NOT NULL, {d.Quote("releaseNum")} smallint NOT NULL)");
        c.Execute($"CREATE TABLE {d.Quote("Stray")} (x integer)");

        var layout = ArchiveInitializer.RegisteredLayout(c, null, d, _scripts);
        var differences = SchemaComparer.Compare(layout.Tables, LiveSchemaReader.Read(c, d), d);
        var release = _scripts.Table("Release")!;
        var surveyType = d.MapType(release.Column("surveyID")!.Type);
        Assert.That(differences, Has.Some.StartsWith("Stray: table in the database is not in the scripts").IgnoreCase);
        Assert.That(differences.Count(x => x.StartsWith("Release.", StringComparison.Ordinal) && x.Contains("missing from the database", StringComparison.Ordinal)),
            Is.EqualTo(release.Columns.Count - 2));
        if (surveyType != "integer")
            Assert.That(differences, Has.Some.StartsWith($"Release.surveyID: type is {surveyType.Replace(" ", "", StringComparison.Ordinal)} in the scripts but integer"));
    }
}
