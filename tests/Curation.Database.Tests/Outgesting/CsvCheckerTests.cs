using Curation.Database.Outgesting;
using NUnit.Framework;

namespace Curation.Database.Tests.Outgesting;

/// <summary>The check an outgest makes of its CSV file before putting it in place: the file read back as RFC 4180,
/// records counted (line breaks inside quoted fields included) and each record's fields counted.</summary>
[TestFixture]
public sealed class CsvCheckerTests
{
    private string dir = null!;

    [SetUp]
    public void SetUp() => dir = TestPaths.NewTempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(dir, "check.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Quoted_commas_doubled_quotes_and_line_breaks_stay_inside_their_field()
    {
        var path = Write("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\n\"\",\"\r\n\",3\n");
        Assert.That(CsvChecker.CountRecords(path, 3), Is.EqualTo(4));
    }

    [Test]
    public void A_record_of_one_empty_field_is_an_empty_line()
    {
        Assert.That(CsvChecker.CountRecords(Write("a\n\n\n1\n"), 1), Is.EqualTo(4));
    }

    [Test]
    public void A_quoted_line_break_is_not_counted_as_a_record_even_across_the_read_buffer()
    {
        // Fields longer than the 1 MB read buffer, so that quotes and line breaks fall on both sides of a refill.
        var big = new string('q', 1 << 20);
        var path = Write($"a,b\n\"{big}\n{big}\",\"\"\"\"\n{big},x\n");
        Assert.That(CsvChecker.CountRecords(path, 2), Is.EqualTo(3));
    }

    [TestCase("a,b\n1,2\n3\n", "record 3: 1 fields where there are 2 columns")]
    [TestCase("a,b\n1,2,3\n", "record 2: 3 fields where there are 2 columns")]
    [TestCase("a,b\n1,\"2\n", "record 2: the file ends inside a quoted field")]
    [TestCase("a,b\n1,2", "record 2: the file ends inside a record (no line feed after it)")]
    [TestCase("a,b\n1,x\"y\n", "record 2: a quote inside an unquoted field")]
    [TestCase("a,b\n1,\"x\"y\n", "record 2: text after the closing quote of a field")]
    public void A_malformed_file_is_reported_with_the_record_and_the_problem(string text, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvChecker.CountRecords(Write(text), 2))!;
        Assert.That(e.Message, Is.EqualTo(problem));
    }

    [Test]
    public void A_check_that_fails_names_the_final_file()
    {
        var files = new OutgestFiles(Path.Combine(dir, "table.csv"), binary: false);
        var e = Assert.Throws<CurationDatabaseException>(() => Outgester.Verify(files, 10, 9, null))!;
        Assert.That(e.Message, Is.EqualTo(
            $"the outgest to {Path.Combine(dir, "table.csv")} failed its check, so the file was not written: 9 records were written for the 10 rows read"));
        e = Assert.Throws<CurationDatabaseException>(() => Outgester.Verify(files, 10, 10, "it holds 9 records for the 10 rows read"))!;
        Assert.That(e.Message, Does.EndWith("so the file was not written: it holds 9 records for the 10 rows read"));
        Assert.DoesNotThrow(() => Outgester.Verify(files, 10, 10, null));
    }
}
