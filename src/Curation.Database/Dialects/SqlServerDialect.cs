using Curation.Schema.Model;

namespace Curation.Database.Dialects;

/// <summary>SQL Server: the scripts' own T-SQL, names in brackets, batches separated by GO.</summary>
public sealed partial class SqlServerDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "sqlserver";

    /// <inheritdoc />
    protected override string IdentityClause => " IDENTITY(1,1)";

    /// <inheritdoc />
    public override string Terminator => "\nGO";

    /// <inheritdoc />
    public override bool HasComputedColumns => true;

    /// <summary>A computed column keeps its T-SQL expression; any other column as the base class writes it.</summary>
    protected override string ColumnDefinition(TableDef table, ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.ComputedExpression is not { } expression)
            return base.ColumnDefinition(table, column);
        return $"{Quote(column.Name)} AS {expression}{(column.Persisted ? " PERSISTED" : "")}{(column.Nullable ? "" : " NOT NULL")}";
    }

    /// <inheritdoc />
    protected override string CurrentTimestamp => "getdate()";

    /// <inheritdoc />
    public override string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return $"[{identifier.Replace("]", "]]", StringComparison.Ordinal)}]";
    }

    /// <inheritdoc />
    public override string TableName(string name, string? schema) =>
        schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";

    /// <summary>
    /// The script's type, except TIMESTAMP (in T-SQL a row version, but the scripts that use it mean a date), and the
    /// synonyms SQL Server does not keep in its catalogue, spelled as it reports them (<c>integer</c> → <c>int</c>,
    /// <c>double precision</c> and <c>float(25..53)</c> → <c>float</c>, <c>float(1..24)</c> → <c>real</c>), so that a
    /// live table compares equal to its script.
    /// </summary>
    public override string MapType(SqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Name switch
        {
            "timestamp" => "datetime",
            "integer" => "int",
            "double precision" => "float",
            "float" when type.Length is not null => type.IsSinglePrecision ? "real" : "float",
            _ => type.Canonical,
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> CreateSchemas(IEnumerable<string> schemas) =>
        schemas.Where(s => !IsDefaultSchema(s))
            .Select(s => $"IF SCHEMA_ID(N'{s.Replace("'", "''", StringComparison.Ordinal)}') IS NULL EXEC(N'CREATE SCHEMA {Quote(s)}')")
            .ToList();

    /// <inheritdoc />
    public override string CreateIndex(IndexDef index, bool ifMissing)
    {
        ArgumentNullException.ThrowIfNull(index);
        var table = TableName(index.Table, index.Schema);
        var include = index.Include.Count > 0 ? $" INCLUDE ({string.Join(", ", index.Include.Select(Quote))})" : "";
        var create = $"CREATE {(index.Unique ? "UNIQUE " : "")}{(index.Clustered ? "CLUSTERED " : "NONCLUSTERED ")}INDEX {Quote(index.Name)} ON {table} "
            + $"({string.Join(", ", index.Columns.Select(c => Quote(c.Name) + (c.Descending ? " DESC" : "")))}){include}";
        if (!ifMissing)
            return create;
        var name = index.Name.Replace("'", "''", StringComparison.Ordinal);
        var objectName = table.Replace("'", "''", StringComparison.Ordinal);
        return $"IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{name}' AND object_id = OBJECT_ID(N'{objectName}'))\n    {create}";
    }
}
