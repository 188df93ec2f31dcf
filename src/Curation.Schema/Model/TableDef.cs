namespace Curation.Schema.Model;

/// <summary>Whether a definition is a table or a view.</summary>
public enum TableKind
{
    /// <summary>A base table (<c>CREATE TABLE</c>).</summary>
    Table,

    /// <summary>A view (<c>CREATE VIEW ... AS SELECT</c>).</summary>
    View,
}

/// <summary>A table or view defined by a schema script.</summary>
public sealed class TableDef
{
    /// <summary>The name, brackets removed; a template's name keeps its placeholders (<c>{prog}Detection</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The schema prefix (<c>GES</c> in <c>GES.SpecFrame</c>), or null.</summary>
    public string? Schema { get; init; }

    /// <summary>Table or view.</summary>
    public TableKind Kind { get; init; } = TableKind.Table;

    /// <summary>True when written <c>CREATE TABLE</c>/<c>CREATE VIEW</c> in capitals; lower-case definitions are created but not documented.</summary>
    public bool Documented { get; init; } = true;

    /// <summary>Table-level tags (<c>--/H</c>, <c>--/T</c> and any other found before the first column).</summary>
    public TagSet Tags { get; } = new();

    /// <summary>The one-line header (<c>--/H</c>).</summary>
    public string? Header => Tags.Get('H');

    /// <summary>The text (<c>--/T</c> lines joined with newlines).</summary>
    public string? Text => Tags.Get('T');

    /// <summary>Why the table is private to the curation database (<c>--/P</c>, its lines joined with spaces), or null
    /// for a table a release publishes. A release (CU19) leaves such tables out.</summary>
    public string? CurationOnly => Tags.Get('P')?.ReplaceLineEndings(" ");

    /// <summary>Columns in order.</summary>
    public List<ColumnDef> Columns { get; } = [];

    /// <summary>Primary-key columns in key order (empty when none).</summary>
    public List<string> PrimaryKey { get; } = [];

    /// <summary>The primary-key constraint's name, when named.</summary>
    public string? PrimaryKeyName { get; set; }

    /// <summary>Foreign keys.</summary>
    public List<ForeignKeyDef> ForeignKeys { get; } = [];

    /// <summary>Unique constraints.</summary>
    public List<UniqueDef> Uniques { get; } = [];

    /// <summary>Check constraints' expressions as written.</summary>
    public List<string> Checks { get; } = [];

    /// <summary>For a view, the query after <c>AS</c> as written; null for a table.</summary>
    public string? ViewQuery { get; init; }

    /// <summary>Where the definition starts.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The table family: the script file's name without directory and extension.</summary>
    public required string Family { get; init; }

    /// <summary>True when the name has placeholders (<c>{prog}</c>) to be filled per programme.</summary>
    public bool IsTemplate => Name.Contains('{', StringComparison.Ordinal);

    /// <summary>The column of that name (case-insensitive), or null.</summary>
    public ColumnDef? Column(string name) =>
        Columns.Find(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name with its schema prefix when it has one.</summary>
    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";
}

/// <summary>A foreign key.</summary>
/// <param name="Name">The constraint name, or null.</param>
/// <param name="Columns">The referencing columns.</param>
/// <param name="ReferencedTable">The referenced table.</param>
/// <param name="ReferencedColumns">The referenced columns (empty means the referenced table's primary key).</param>
public sealed record ForeignKeyDef(string? Name, IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns);

/// <summary>A unique constraint.</summary>
/// <param name="Name">The constraint name, or null.</param>
/// <param name="Columns">The columns.</param>
public sealed record UniqueDef(string? Name, IReadOnlyList<string> Columns);
