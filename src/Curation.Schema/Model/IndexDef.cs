namespace Curation.Schema.Model;

/// <summary>An index from a <c>CREATE INDEX</c> statement.</summary>
public sealed class IndexDef
{
    /// <summary>The index name (may hold placeholders in a template script).</summary>
    public required string Name { get; init; }

    /// <summary>The indexed table's name.</summary>
    public required string Table { get; init; }

    /// <summary>The indexed table's schema prefix, or null.</summary>
    public string? Schema { get; init; }

    /// <summary>True for <c>CREATE UNIQUE INDEX</c>.</summary>
    public bool Unique { get; init; }

    /// <summary>True when declared <c>CLUSTERED</c> (SQL Server only; other engines ignore it).</summary>
    public bool Clustered { get; init; }

    /// <summary>Key columns in order.</summary>
    public required IReadOnlyList<IndexColumn> Columns { get; init; }

    /// <summary>Non-key columns (<c>INCLUDE (...)</c>).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Where the statement starts.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>True when the name or table has placeholders.</summary>
    public bool IsTemplate => Name.Contains('{', StringComparison.Ordinal) || Table.Contains('{', StringComparison.Ordinal);
}

/// <summary>A key column of an index.</summary>
/// <param name="Name">The column.</param>
/// <param name="Descending">True for <c>DESC</c>.</param>
public sealed record IndexColumn(string Name, bool Descending = false);

/// <summary>What kind of routine a script defines.</summary>
public enum RoutineKind
{
    /// <summary><c>CREATE PROCEDURE</c>.</summary>
    Procedure,

    /// <summary><c>CREATE FUNCTION</c>.</summary>
    Function,

    /// <summary><c>CREATE TRIGGER</c>.</summary>
    Trigger,
}

/// <summary>A stored procedure, function or trigger: skipped, but its name kept.</summary>
/// <param name="Name">The routine's name.</param>
/// <param name="Schema">Its schema prefix, or null.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Location">Where it starts.</param>
public sealed record RoutineDef(string Name, string? Schema, RoutineKind Kind, SourceLocation Location);
