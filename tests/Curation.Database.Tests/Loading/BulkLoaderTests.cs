using System.Globalization;
using Curation.Database.Loading;
using Curation.Schema;
using Curation.Schema.Model;
using Dapper;
using NUnit.Framework;

namespace Curation.Database.Tests.Loading;

/// <summary>The bulk loader on real SQLite and PostgreSQL databases: rows arrive only on Complete, a disposed load leaves
/// nothing, a table that disagrees with the scripts is refused, a bad value names its row.</summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class BulkLoaderTests(string engine)
{
    private const string Script = """
        CREATE TABLE Detection (
          objID bigint not null, --/D Detection ID --/N -99
          multiframeID bigint not null, --/D Frame
          extNum tinyint not null, --/D Extension
          ra float not null, --/D Right ascension --/U degrees
          dec float not null, --/D Declination --/U degrees
          aperMag3 real not null, --/D Magnitude --/U mag --/N -9.99999e8
          classStat real, --/D Stellarness
          filterName varchar(8) not null, --/D Filter
          CONSTRAINT pk_Detection PRIMARY KEY (objID)
        )
        """;

    private TestDatabase db = null!;
    private TableDef table = null!;

    [SetUp]
    public void SetUp()
    {
        db = TestDatabase.Create(engine);
        table = SchemaScriptParser.Parse(Script, "detection.sql").Tables.Single();
        using var c = db.Open();
        foreach (var statement in db.Url.Dialect.CreateTable(table))
            c.Execute(statement);
    }

    [TearDown]
    public void TearDown() => db?.Dispose();

    private static object?[] Row(int i) =>
        [(long)i, 1000L + (i % 3), (byte)(i % 16 + 1), 180.0 + i * 1e-4, -30.0 - i * 1e-4, (float)(15 + i % 7 * 0.5), i % 5 == 0 ? null : 0.9f, i % 2 == 0 ? "J" : "K"];

    [Test]
    public void Complete_commits_every_row_with_its_values()
    {
        using var c = db.Open();
        using (var loader = BulkLoader.Open(c, db.Url.Dialect, table))
        {
            Assert.That(loader.Columns.Select(x => x.Name), Is.EqualTo(new[] { "objID", "multiframeID", "extNum", "ra", "dec", "aperMag3", "classStat", "filterName" }));
            for (var i = 0; i < 5000; i++)
                loader.AddRow(Row(i));
            Assert.That(loader.Complete(), Is.EqualTo(5000));
        }

        var name = db.Url.Dialect.TableName(table.Name, table.Schema);
        Assert.Multiple(() =>
        {
            Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {name}"), Is.EqualTo(5000));
            Assert.That(c.ExecuteScalar<long>($"SELECT SUM(objID) FROM {name}"), Is.EqualTo(4999L * 5000 / 2));
            Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {name} WHERE classStat IS NULL"), Is.EqualTo(1000));
            Assert.That(c.ExecuteScalar<double>($"SELECT ra FROM {name} WHERE objID = 1234"), Is.EqualTo(180.0 + 1234 * 1e-4));
            Assert.That(c.ExecuteScalar<string>($"SELECT filterName FROM {name} WHERE objID = 7"), Is.EqualTo("K"));
        });
    }

    [Test]
    public void Disposing_without_Complete_leaves_no_row()
    {
        using var c = db.Open();
        using (var loader = BulkLoader.Open(c, db.Url.Dialect, table))
        {
            for (var i = 0; i < 100; i++)
                loader.AddRow(Row(i));
        }

        Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {db.Url.Dialect.TableName(table.Name, table.Schema)}"), Is.Zero);

        // The connection is usable afterwards: a second load goes through.
        using var again = BulkLoader.Open(c, db.Url.Dialect, table);
        again.AddRow(Row(1));
        Assert.That(again.Complete(), Is.EqualTo(1));
    }

    [Test]
    public void A_table_that_disagrees_with_the_scripts_is_refused_with_the_differences()
    {
        var changed = SchemaScriptParser.Parse(Script.Replace("classStat real, --/D Stellarness", "classStat real, --/D Stellarness\n  pStar real, --/D P(star)", StringComparison.Ordinal)
            .Replace("aperMag3 real not null", "aperMag3 float not null", StringComparison.Ordinal), "detection.sql").Tables.Single();
        using var c = db.Open();
        var e = Assert.Throws<CurationDatabaseException>(() => BulkLoader.Open(c, db.Url.Dialect, changed))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith("table Detection in the database does not match the schema scripts, so nothing was loaded"));
            Assert.That(e.Message, Does.Contain("Detection.pStar: column defined at detection.sql:"));
            Assert.That(e.Message, Does.Contain("Detection.aperMag3: type is"));
        });
    }

    [Test]
    public void A_missing_table_is_refused()
    {
        var other = SchemaScriptParser.Parse(Script.Replace("CREATE TABLE Detection", "CREATE TABLE Source", StringComparison.Ordinal), "source.sql").Tables.Single();
        using var c = db.Open();
        var e = Assert.Throws<CurationDatabaseException>(() => BulkLoader.Open(c, db.Url.Dialect, other))!;
        Assert.That(e.Message, Does.Contain("Source: table defined at source.sql:1:1 is missing from the database"));
    }

    [Test]
    public void A_bad_value_names_the_row_and_nothing_is_loaded() => AssertNullBreachLoadsNothing(table, i => Row(i));

    /// <summary>The detection tables are all numbers: on PostgreSQL their rows are encoded by the loader itself
    /// (the other tests' table has a string column and goes through Npgsql's importer).</summary>
    [Test]
    public void A_table_of_numbers_loads_every_row_converted_to_its_column_types()
    {
        var numbers = NumbersTable();
        using var c = db.Open();
        using (var loader = BulkLoader.Open(c, db.Url.Dialect, numbers))
        {
            for (var i = 0; i < 5000; i++)
                loader.AddRow(Row(i)[..7]);
            loader.AddRow(5000, 1001, (short)3, 1.5f, -2, 15.25, 0.5m); // values of other types, converted
            Assert.That(loader.Complete(), Is.EqualTo(5001));
        }

        var name = db.Url.Dialect.TableName(numbers.Name, numbers.Schema);
        Assert.Multiple(() =>
        {
            Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {name}"), Is.EqualTo(5001));
            Assert.That(c.ExecuteScalar<long>($"SELECT SUM(objID) FROM {name}"), Is.EqualTo(5000L * 5001 / 2));
            Assert.That(c.ExecuteScalar<long>($"SELECT SUM(extNum) FROM {name} WHERE objID < 5000"), Is.EqualTo(Enumerable.Range(0, 5000).Sum(i => i % 16 + 1)));
            Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {name} WHERE classStat IS NULL"), Is.EqualTo(1000));
            Assert.That(c.ExecuteScalar<double>($"SELECT ra FROM {name} WHERE objID = 1234"), Is.EqualTo(180.0 + 1234 * 1e-4));
            Assert.That(c.ExecuteScalar<double>($"SELECT aperMag3 FROM {name} WHERE objID = 1234"), Is.EqualTo((double)(float)(15 + 1234 % 7 * 0.5)));
            Assert.That(c.ExecuteScalar<double>($"SELECT ra + dec + aperMag3 + classStat FROM {name} WHERE objID = 5000"), Is.EqualTo(1.5 - 2 + 15.25 + 0.5));
        });
    }

    [Test]
    public void A_table_of_numbers_disposed_without_Complete_leaves_no_row()
    {
        var numbers = NumbersTable();
        using var c = db.Open();
        using (var loader = BulkLoader.Open(c, db.Url.Dialect, numbers))
        {
            for (var i = 0; i < 100_000; i++)
                loader.AddRow(Row(i)[..7]);
        }

        Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {db.Url.Dialect.TableName(numbers.Name, numbers.Schema)}"), Is.Zero);
        using var again = BulkLoader.Open(c, db.Url.Dialect, numbers);
        again.AddRow(Row(1)[..7]);
        Assert.That(again.Complete(), Is.EqualTo(1));
    }

    [Test]
    public void A_null_in_a_table_of_numbers_names_the_problem_and_nothing_is_loaded() => AssertNullBreachLoadsNothing(NumbersTable(), i => Row(i)[..7]);

    /// <summary>A NULL in the NOT NULL multiframeID of the second row: the error names the row (SQLite refuses it as it is
    /// added) or the commit (PostgreSQL's COPY refuses it then) and the column, and the table stays empty.</summary>
    private void AssertNullBreachLoadsNothing(TableDef target, Func<int, object?[]> row)
    {
        using var c = db.Open();
        using (var loader = BulkLoader.Open(c, db.Url.Dialect, target))
        {
            loader.AddRow(row(0));
            var bad = row(1);
            bad[1] = null; // multiframeID is NOT NULL
            var e = Assert.Throws<CurationDatabaseException>(() =>
            {
                loader.AddRow(bad);
                loader.Complete();
            })!;
            Assert.That(e.Message, Does.Contain("row 2 cannot be loaded into Detection").Or.Contain("rows for Detection could not be committed, so none was loaded"));
            Assert.That(e.Message, Does.Contain("multiframeid").IgnoreCase);
        }

        Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {db.Url.Dialect.TableName(target.Name, target.Schema)}"), Is.Zero);
    }

    [Test]
    public void A_value_that_does_not_convert_names_its_row_and_the_other_rows_still_load()
    {
        if (engine == "sqlite")
            Assert.Ignore("SQLite stores a value of any type in any column; only PostgreSQL's columns refuse one");
        var numbers = NumbersTable();
        using var c = db.Open();
        using (var loader = BulkLoader.Open(c, db.Url.Dialect, numbers))
        {
            loader.AddRow(Row(0)[..7]);
            var bad = Row(1)[..7];
            bad[3] = "east"; // ra is a float
            var e = Assert.Throws<CurationDatabaseException>(() => loader.AddRow(bad))!;
            Assert.That(e.Message, Does.StartWith("row 2 cannot be loaded into Detection"));
            loader.AddRow(Row(2)[..7]);
            Assert.That(loader.Complete(), Is.EqualTo(2));
        }

        Assert.That(c.ExecuteScalar<long>($"SELECT SUM(objID) FROM {db.Url.Dialect.TableName(numbers.Name, numbers.Schema)}"), Is.EqualTo(2));
    }

    /// <summary>The test table without its string column, so every loaded column is a number.</summary>
    private TableDef NumbersTable()
    {
        var numbers = SchemaScriptParser.Parse(Script.Replace("  filterName varchar(8) not null, --/D Filter\n", "", StringComparison.Ordinal), "numbers.sql").Tables.Single();
        Assert.That(numbers.Columns, Has.Count.EqualTo(7));
        using var c = db.Open();
        c.Execute($"DROP TABLE {db.Url.Dialect.TableName(table.Name, table.Schema)}");
        foreach (var statement in db.Url.Dialect.CreateTable(numbers))
            c.Execute(statement);
        return numbers;
    }

    [Test]
    public void A_row_with_the_wrong_number_of_values_is_refused()
    {
        using var c = db.Open();
        using var loader = BulkLoader.Open(c, db.Url.Dialect, table);
        var e = Assert.Throws<ArgumentException>(() => loader.AddRow(1L, 2L))!;
        Assert.That(e.Message, Does.StartWith(string.Create(CultureInfo.InvariantCulture, $"row 1 for Detection has 2 values; the table takes 8")));
    }
}
