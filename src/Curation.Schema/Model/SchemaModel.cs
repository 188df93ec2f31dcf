namespace Curation.Schema.Model;

/// <summary>What one or more schema scripts define: tables, views, indices and the names of routines.</summary>
public sealed class SchemaModel
{
    /// <summary>Tables and views, in script order.</summary>
    public List<TableDef> Tables { get; } = [];

    /// <summary>Indices from <c>CREATE INDEX</c> statements, in script order.</summary>
    public List<IndexDef> Indices { get; } = [];

    /// <summary>Procedures, functions and triggers (skipped; names kept).</summary>
    public List<RoutineDef> Routines { get; } = [];

    /// <summary>The script files read, in order.</summary>
    public List<string> Files { get; } = [];

    /// <summary>The table or view of that name (case-insensitive, with or without schema prefix), or null.</summary>
    public TableDef? Table(string name)
    {
        var dot = name.LastIndexOf('.');
        string? schema = dot > 0 ? name[..dot] : null;
        var bare = dot > 0 ? name[(dot + 1)..] : name;
        return Tables.Find(t => string.Equals(t.Name, bare, StringComparison.OrdinalIgnoreCase)
            && (schema is null || string.Equals(t.Schema, schema, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Adds everything another model holds.</summary>
    public void AddRange(SchemaModel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Tables.AddRange(other.Tables);
        Indices.AddRange(other.Indices);
        Routines.AddRange(other.Routines);
        Files.AddRange(other.Files);
    }
}
