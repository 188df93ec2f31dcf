using NUnit.Framework;

namespace Curation.Schema.Tests.Parser;

/// <summary>Broken scripts are reported at file:line:column with the line, a caret and what was expected.</summary>
public sealed class BrokenScriptTests
{
    private const string Head = "CREATE TABLE Broken(\n--/H A broken table.\n";

    // Each case: the script, the 1-based line of the fault, the text at the fault (to find its column), and words of "expected".
    [TestCase(Head + "  ra ,\n  dec float\n)\n", 3, ",", "a type for column ra")]
    [TestCase(Head + "  ra flaot not null,\n)\n", 3, "flaot", "a SQL Server type for column ra")]
    [TestCase(Head + "  name varchar(32 not null,\n)\n", 3, "not", "')' to close the arguments of type varchar")]
    [TestCase(Head + "  42 int,\n)\n", 3, "42", "a column name")]
    [TestCase(Head + "  ra float not nul,\n)\n", 3, "not", "NOT NULL, NULL, DEFAULT")]
    [TestCase(Head + "  ra float\n  dec float\n)\n", 4, "dec", "NOT NULL, NULL, DEFAULT, a constraint, ',' or ')' after the type of column ra")]
    [TestCase(Head + "  name varchar(8) not null default 'abc,\n)\n", 3, "'abc", "a closing quote")]
    [TestCase("/* a comment\nCREATE TABLE X(a int)\n", 1, "/*", "'*/' to close the block comment")]
    [TestCase("CREATE TABLE X a int)\n", 1, "a", "'(' to open the column list of table X")]
    [TestCase("CREATE TABLE X(\n)\n", 2, ")", "a column definition in table X")]
    [TestCase("CREATE INDEX ix ON T (a b)\n", 1, "b", "',' or ')' in the column list of index ix")]
    public void Broken_script_is_reported_at_the_fault_with_the_line_and_a_caret(string script, int line, string at, string expected)
    {
        var lineText = script.Split('\n')[line - 1];
        var column = lineText.IndexOf(at, StringComparison.Ordinal) + 1;
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.Parse(script, "broken.sql"))!;
        Assert.That((e.Location.Line, e.Location.Column), Is.EqualTo((line, column)), e.Message);
        Assert.That(e.Expected, Does.StartWith(expected));
        var lines = e.Message.Split('\n');
        Assert.That(lines[0], Does.StartWith($"broken.sql:{line}:{column}: expected {expected}"));
        Assert.That(lines[1], Is.EqualTo(lineText));
        Assert.That(lines[2], Is.EqualTo(new string(' ', column - 1) + "^"));
    }

    [Test]
    public void A_table_never_closed_is_reported_at_the_end_of_the_file_naming_where_it_opened()
    {
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.Parse(Head + "  ra float,\n  dec float", "open.sql"))!;
        Assert.That(e.Message, Does.StartWith("open.sql:4:").And.Contain("')' to close table Broken opened at line 1").And.Contain("found end of file"));
    }

    [Test]
    public void The_caret_lines_up_under_tabs()
    {
        var e = Assert.Throws<SchemaParseException>(() => SchemaScriptParser.Parse("CREATE TABLE T(\n\tra\t,\n)", "tabs.sql"))!;
        Assert.That(e.Message.Split('\n')[2], Is.EqualTo("\t  \t^"));
    }
}
