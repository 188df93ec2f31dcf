using Curation.Database.Dialects;
using Curation.Database.Outgesting;
using Dapper;
using NUnit.Framework;

namespace Curation.Database.Tests.Outgesting;

/// <summary>What only SQLite lets a table hold (each value keeps its own type, whatever the column declares), and how
/// a binary outgest refuses it, naming the row and column, while CSV writes it as it is.</summary>
[TestFixture]
public sealed class SqliteOutgesterTests
{
    private TestDatabase db = null!;
    private string dir = null!;

    [SetUp]
    public void SetUp()
    {
        db = TestDatabase.Create("sqlite");
        dir = TestPaths.NewTempDir();
        using var c = db.Open();
        c.Execute("CREATE TABLE Loose (id bigint NOT NULL PRIMARY KEY, tiny tinyint, flag bit)");
        c.Execute("INSERT INTO Loose VALUES (1, 1, 0), (2, 300, 1), (3, 'many', 2)");
    }

    [TearDown]
    public void TearDown()
    {
        db?.Dispose();
        if (dir is not null && Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    private OutgestReport Outgest(string query, string file, OutgestFormat format)
    {
        using var c = db.Open();
        return Outgester.Write(c, new SqliteDialect(), query, null, Path.Combine(dir, file), format);
    }

    [TestCase("SELECT id, tiny FROM Loose WHERE id <> 3 ORDER BY id", "row 2", "column tiny holds 300, outside the range of its type tinyint (0 to 255)")]
    [TestCase("SELECT id, tiny FROM Loose WHERE id <> 2 ORDER BY id", "row 2", "column tiny holds the text 'many' where its type tinyint needs an integer")]
    [TestCase("SELECT id, flag FROM Loose ORDER BY id", "row 3", "column flag holds 2, outside the range of its type bit (0 to 1)")]
    public void A_value_that_does_not_fit_its_declared_type_names_the_row_and_column_and_writes_nothing(string query, string row, string problem)
    {
        var target = Path.Combine(dir, "loose.bin");
        var e = Assert.Throws<CurationDatabaseException>(() => Outgest(query, "loose.bin", OutgestFormat.Binary))!;
        Assert.That(e.Message, Is.EqualTo($"nothing was written to {target}: {row} of query '{query}': {problem}"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    [Test]
    public void Csv_writes_every_value_as_the_database_holds_it()
    {
        var report = Outgest("SELECT id, tiny, flag FROM Loose ORDER BY id", "loose.csv", OutgestFormat.Csv);
        Assert.That(File.ReadAllText(report.Path), Is.EqualTo("id,tiny,flag\n1,1,0\n2,300,1\n3,many,2\n"));
    }

    [Test]
    public void An_expression_mixing_text_and_numbers_has_no_binary_type_and_is_refused()
    {
        var query = "SELECT CASE WHEN id % 2 = 0 THEN 'even' ELSE id END AS parity FROM Loose";
        var e = Assert.Throws<CurationDatabaseException>(() => Outgest(query, "mixed.bin", OutgestFormat.Binary))!;
        Assert.That(e.Message, Is.EqualTo($"nothing was written to {Path.Combine(dir, "mixed.bin")}: column parity of query '{query}' "
            + "holds both text and numbers (SQLite keeps each value's own type), so it has no one binary type: CAST it in the query"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);

        var report = Outgest($"SELECT CAST(parity AS TEXT) AS parity FROM ({query})", "text.bin", OutgestFormat.Binary);
        Assert.That(report.Layout!.Columns.Single().TypeName, Is.EqualTo("string"));
    }
}
