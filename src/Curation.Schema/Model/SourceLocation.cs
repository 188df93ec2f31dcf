namespace Curation.Schema.Model;

/// <summary>A position in a schema script: file, 1-based line and 1-based column.</summary>
/// <param name="File">The script's path as given to the parser.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The compiler-style form <c>file:line:column</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
