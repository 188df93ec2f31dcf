using Curation.Schema.Model;

namespace Curation.Schema;

/// <summary>A schema script that cannot be parsed: where, what was expected, and the offending line with a caret.</summary>
public sealed class SchemaParseException : Exception
{
    /// <summary>Creates the exception for a fault at <paramref name="location"/>.</summary>
    /// <param name="location">Where the fault is.</param>
    /// <param name="expected">What the parser expected there, in words ("a column type", "')' to close the table").</param>
    /// <param name="found">What it found instead, in words.</param>
    /// <param name="lineText">The full text of the offending line.</param>
    public SchemaParseException(SourceLocation location, string expected, string found, string lineText)
        : base(Format(location, expected, found, lineText))
    {
        Location = location;
        Expected = expected;
        Found = found;
        LineText = lineText;
    }

    /// <summary>Where the fault is.</summary>
    public SourceLocation Location { get; }

    /// <summary>What was expected there.</summary>
    public string Expected { get; }

    /// <summary>What was found instead.</summary>
    public string Found { get; }

    /// <summary>The offending line as written.</summary>
    public string LineText { get; }

    private static string Format(SourceLocation location, string expected, string found, string lineText)
    {
        // Tabs before the fault are kept so the caret lines up under the same characters in a terminal.
        var prefix = lineText.Length >= location.Column - 1 ? lineText[..(location.Column - 1)] : lineText;
        var pad = new string(prefix.Select(c => c == '\t' ? '\t' : ' ').ToArray());
        return $"{location}: expected {expected}, found {found}\n{lineText}\n{pad}^";
    }
}
