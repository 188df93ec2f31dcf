using Curation.Schema.Model;
using NUnit.Framework;

namespace Curation.Schema.Tests;

/// <summary>The test scripts under <c>Scripts/</c>, copied beside the test assembly.</summary>
internal static class TestScripts
{
    /// <summary>The full path of a test script, e.g. <c>Path("wfau-irregular.sql")</c> or <c>Path("Broken/garbage-column.sql")</c>.</summary>
    public static string Path(string name) =>
        System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Scripts", name);

    /// <summary>Parses a test script by its name under <c>Scripts/</c>.</summary>
    public static SchemaModel Parse(string name, TagConvention convention = TagConvention.Wfau) =>
        SchemaScriptParser.ParseFile(Path(name), convention);

    /// <summary>The text of line <paramref name="line"/> (1-based) of a test script, without its line break.</summary>
    public static string Line(string name, int line) =>
        File.ReadAllText(Path(name)).Split('\n')[line - 1].TrimEnd('\r');

    /// <summary>The 1-based number of the only line of a test script that contains <paramref name="text"/>.</summary>
    public static int LineOf(string name, string text)
    {
        var lines = File.ReadAllText(Path(name)).Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(text, StringComparison.Ordinal)).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"'{text}' must occur on exactly one line of {name}");
        return found[0] + 1;
    }
}
