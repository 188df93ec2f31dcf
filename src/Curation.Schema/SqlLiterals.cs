namespace Curation.Schema;

/// <summary>Small helpers for the SQL literals schema scripts write.</summary>
public static class SqlLiterals
{
    /// <summary>The value of a quoted string literal (<c>'it''s'</c>, <c>N'x'</c>) without its quotes; any other text unchanged.</summary>
    public static string Unquote(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var s = literal.StartsWith("N'", StringComparison.OrdinalIgnoreCase) ? literal[1..] : literal;
        return s.Length >= 2 && s[0] == '\'' && s[^1] == '\'' ? s[1..^1].Replace("''", "'", StringComparison.Ordinal) : literal;
    }
}
