using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>The scripts under Scripts/Broken/: each must fail with a <see cref="SchemaParseException"/> at the line and
/// column its header comment states, quoting the line with a caret under the fault and saying what was expected.</summary>
[TestFixture]
public sealed partial class BrokenScriptFileTests
{
    [GeneratedRegex(@"^-- The parser must throw SchemaParseException at line (\d+), column (\d+),$", RegexOptions.Multiline)]
    private static partial Regex StatedPosition();

    [GeneratedRegex(@"^-- expected: (.+)$", RegexOptions.Multiline)]
    private static partial Regex StatedExpectation();

    // file, line, column, what the message must say was expected
    [TestCase("column-without-type.sql", 9, 17, "a SQL Server type for column ra of table Pointing")]
    [TestCase("unclosed-string.sql", 9, 46, "a closing quote")]
    [TestCase("unclosed-block-comment.sql", 12, 1, "'*/' to close the block comment")]
    [TestCase("unclosed-table.sql", 9, 56, "')' to close table Survey opened at line 6")]
    [TestCase("missing-paren-in-type.sql", 9, 28, "')' to close the arguments of type varchar opened at column 24")]
    [TestCase("garbage-column.sql", 9, 5, "a column name in table Flux")]
    [TestCase("unknown-type-with-tabs.sql", 9, 7, "a SQL Server type for column mag of table Photometry")]
    [TestCase("missing-table-name.sql", 6, 14, "a table name after CREATE TABLE")]
    [TestCase("missing-comma.sql", 10, 5, "',' or ')' after column ra in table Position")]
    [TestCase("unclosed-bracket.sql", 9, 5, "']' to close the identifier")]
    [TestCase("temporary-table-outside-routine.sql", 6, 14, "a permanent table name")]
    [TestCase("view-without-as.sql", 8, 1, "AS before the query of view Recent")]
    public void Broken_script_is_reported_at_the_fault_with_the_line_a_caret_and_what_was_expected(string file, int line, int column, string expected)
    {
        var name = "Broken/" + file;
        var path = TestScripts.Path(name);
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.ParseFile(path))!;

        Assert.That((e.Location.File, e.Location.Line, e.Location.Column), Is.EqualTo((path, line, column)), e.Message);
        Assert.That(e.Expected, Does.StartWith(expected));
        var lineText = TestScripts.Line(name, line);
        Assert.That(e.LineText, Is.EqualTo(lineText));
        var messageLines = e.Message.Split('\n');
        Assert.That(messageLines, Has.Length.EqualTo(3), e.Message);
        Assert.That(messageLines[0], Does.StartWith($"{path}:{line}:{column}: expected {expected}"));
        Assert.That(messageLines[0], Does.Contain(", found "));
        Assert.That(messageLines[1], Is.EqualTo(lineText));
        var caret = new string(lineText.Take(column - 1).Select(c => c == '\t' ? '\t' : ' ').ToArray()) + "^";
        Assert.That(messageLines[2], Is.EqualTo(caret));
    }

    [Test]
    public void Every_broken_script_states_where_its_error_is_and_has_a_test_case()
    {
        var directory = TestScripts.Path("Broken");
        var cases = typeof(BrokenScriptFileTests).GetMethod(nameof(Broken_script_is_reported_at_the_fault_with_the_line_a_caret_and_what_was_expected))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>()
            .ToDictionary(c => (string)c.Arguments[0]!, c => ((int)c.Arguments[1]!, (int)c.Arguments[2]!, (string)c.Arguments[3]!));
        var files = Directory.GetFiles(directory, "*.sql").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Is.EqualTo(cases.Keys.Order(StringComparer.Ordinal)));
        foreach (var file in files)
        {
            var text = File.ReadAllText(System.IO.Path.Combine(directory, file!));
            var position = StatedPosition().Match(text);
            var expectation = StatedExpectation().Match(text);
            Assert.That(position.Success && expectation.Success, Is.True, $"{file} must state the position and the expectation in its header");
            var (line, column, expected) = cases[file!];
            Assert.That((int.Parse(position.Groups[1].Value), int.Parse(position.Groups[2].Value), expectation.Groups[1].Value),
                Is.EqualTo((line, column, expected)), file);
        }
    }

    [Test]
    public void Caret_keeps_the_tabs_of_the_offending_line()
    {
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.ParseFile(TestScripts.Path("Broken/unknown-type-with-tabs.sql")))!;
        Assert.That(e.Message.Split('\n')[1], Is.EqualTo("\t\tmag\treel NOT NULL,\t--/D Magnitude"));
        Assert.That(e.Message.Split('\n')[2], Is.EqualTo("\t\t   \t^"));
        Assert.That(e.Found, Does.Contain("reel"));
    }

    [Test]
    public void Unclosed_table_is_reported_at_the_end_of_the_file_one_past_its_last_character()
    {
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.ParseFile(TestScripts.Path("Broken/unclosed-table.sql")))!;
        Assert.That(e.Found, Is.EqualTo("end of file"));
        Assert.That(e.Location.Column, Is.EqualTo(e.LineText.Length + 1));
    }

    [Test]
    public void Unclosed_block_comment_is_reported_at_the_outer_opening_even_with_a_closed_inner_comment()
    {
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.ParseFile(TestScripts.Path("Broken/unclosed-block-comment.sql")))!;
        Assert.That(e.LineText, Is.EqualTo("/* the outer comment opens here"));
        Assert.That(e.Found, Is.EqualTo("end of file"));
    }

    [Test]
    public void Temporary_table_outside_a_routine_is_reported_at_its_name()
    {
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.ParseFile(TestScripts.Path("Broken/temporary-table-outside-routine.sql")))!;
        Assert.That(e.LineText[(e.Location.Column - 1)..], Does.StartWith("#scratch"));
    }
}
