using Curation.Schema.Docs;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>The table tag <c>--/P</c>: a table private to the curation database, with why, which a release (CU19)
/// leaves out (issue 8).</summary>
public sealed class CurationOnlyTagTests
{
    private const string Script = """
        CREATE TABLE Frame(
        -------------------------------------------------------------------------------
        --/H Frames.
        --/T One row per frame.
        --/P where the curation machine keeps each
        --/P file
        -------------------------------------------------------------------------------
        frameID bigint not null, --/D the frame
        )
        GO
        CREATE TABLE Public(
        --/H Public rows.
        id int not null, --/D the row
        )
        GO
        """;

    [Test]
    public void A_p_tag_before_the_first_column_marks_the_table_curation_only_with_its_reason_on_one_line()
    {
        var model = Parse();

        Assert.That(model.Table("Frame")!.CurationOnly, Is.EqualTo("where the curation machine keeps each file"));
        Assert.That(model.Table("Public")!.CurationOnly, Is.Null);
        Assert.That(SchemaChecker.Check(model).Select(f => f.Message), Has.None.Contains("--/P"), "--/P is a table tag");
    }

    [Test]
    public void The_archive_marks_its_file_register_and_its_curation_log_curation_only_and_nothing_else()
    {
        var root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", ".."));
        var model = SchemaScriptParser.ParseFiles(Directory.GetFiles(Path.Combine(root, "schema-sql"), "*.sql").Order(StringComparer.Ordinal));

        Assert.That(model.Tables.Where(t => t.CurationOnly is not null).Select(t => t.Name),
            Is.EqualTo(new[] { "CurationTask", "ArchiveCurationHistory", "ProgrammeCurationHistory", "ArchivedFile" }));
        Assert.That(SchemaChecker.Check(model).Where(f => f.Message.Contains("is not a table tag", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void The_schema_browser_says_a_curation_only_table_is_left_out_of_releases_and_why()
    {
        var dir = Path.Combine(Path.GetTempPath(), "curation-tests", Guid.NewGuid().ToString("N"));
        try
        {
            SchemaDocsWriter.Write(Parse(), dir, "Test");
            var page = File.ReadAllText(Path.Combine(dir, "frames.html"));
            Assert.That(page, Does.Contain($"{SchemaDocsWriter.CurationOnlyNote} where the curation machine keeps each file"));
            Assert.That(page.Split("id=\"Public\"")[1], Does.Not.Contain(SchemaDocsWriter.CurationOnlyNote));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    private static Model.SchemaModel Parse()
    {
        var dir = Path.Combine(Path.GetTempPath(), "curation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "frames.sql");
            File.WriteAllText(path, Script);
            return SchemaScriptParser.ParseFiles([path]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
