using Curation.Schema.Model;

namespace Curation.Database.Dialects;

/// <summary>SQLite: declared types keep the script's names (their affinities follow), foreign keys inline, no schemas.</summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    protected override bool ForeignKeysInline => true;

    /// <inheritdoc />
    protected override string IdentityClause => "";

    /// <inheritdoc />
    public override string Quote(string identifier) =>
        IsSimpleIdentifier(identifier) && !ReservedWords.IsReserved(identifier) ? identifier : $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>SQLite has no schemas: a table is known by its name alone.</summary>
    public override string TableKey(string name, string? schema) => base.TableKey(name, null);

    /// <summary>SQLite has one namespace per database file: schema prefixes are dropped.</summary>
    public override string TableName(string name, string? schema) => Quote(name);

    /// <summary>The script's type name, which gives SQLite the matching affinity (INTEGER for the ints, REAL for real
    /// and float, TEXT for the strings); binary types become <c>blob</c> and <c>(max)</c> strings <c>text</c>,
    /// whose names SQLite would otherwise give NUMERIC affinity or reject.</summary>
    public override string MapType(SqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsBinary)
            return "blob";
        if (type.IsMax || type.Name is "ntext" or "uniqueidentifier" or "sql_variant")
            return "text";
        return type.Canonical;
    }

    /// <inheritdoc />
    public override string CreateIndex(IndexDef index, bool ifMissing)
    {
        ArgumentNullException.ThrowIfNull(index);
        return $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {(ifMissing ? "IF NOT EXISTS " : "")}{Quote(index.Name)} ON {Quote(index.Table)} "
            + $"({string.Join(", ", index.Columns.Select(c => Quote(c.Name) + (c.Descending ? " DESC" : "")))})";
    }

    /// <summary>An identity column that is the whole primary key becomes SQLite's auto-incrementing rowid alias.</summary>
    protected override string ColumnDefinition(TableDef table, ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsIdentity && HasInlinePrimaryKey(table))
            return $"{Quote(column.Name)} integer PRIMARY KEY AUTOINCREMENT";
        return base.ColumnDefinition(table, column);
    }

    /// <summary>An identity column that is the whole primary key is SQLite's <c>integer</c> rowid alias.</summary>
    public override string ColumnType(TableDef table, ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.IsIdentity && HasInlinePrimaryKey(table) ? "integer" : MapType(column.Type);
    }

    /// <inheritdoc />
    protected override bool HasInlinePrimaryKey(TableDef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.PrimaryKey.Count == 1 && table.Column(table.PrimaryKey[0]) is { IsIdentity: true };
    }
}
