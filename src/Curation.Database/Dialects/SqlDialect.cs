using System.Text;
using System.Text.RegularExpressions;
using Curation.Schema.Model;

namespace Curation.Database.Dialects;

/// <summary>How one database engine spells the SQL the suite writes: names, types, defaults, tables, keys and indices.</summary>
/// <remarks>The schema scripts are SQL Server T-SQL; each dialect maps them faithfully to its engine.</remarks>
public abstract partial class SqlDialect
{
    /// <summary>The dialect's name as given to <c>--dialect</c>: <c>sqlite</c>, <c>postgres</c> or <c>sqlserver</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether foreign keys are declared inside CREATE TABLE (SQLite) or added afterwards with ALTER TABLE.</summary>
    protected virtual bool ForeignKeysInline => false;

    /// <summary>The dialects by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sqlite", "postgres", "sqlserver"];

    /// <summary>The dialect for a name (<c>sqlite</c>, <c>postgres</c>/<c>postgresql</c>, <c>sqlserver</c>/<c>mssql</c>).</summary>
    /// <exception cref="ArgumentException">The name is not one of those.</exception>
    public static SqlDialect For(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteDialect(),
        "postgres" or "postgresql" => new PostgresDialect(),
        "sqlserver" or "mssql" => new SqlServerDialect(),
        _ => throw new ArgumentException($"unknown dialect '{name}': use sqlite, postgres or sqlserver", nameof(name)),
    };

    /// <summary>An identifier as this engine must spell it (quoted where needed).</summary>
    public abstract string Quote(string identifier);

    /// <summary>The name to look a table up by in this engine's catalogue (PostgreSQL folds to lower case).</summary>
    public virtual string CatalogName(string identifier) => identifier;

    /// <summary>The key that identifies a table in this engine, whatever the case: its catalogue name, with its schema
    /// unless that is the default (<c>dbo</c>) or the engine has none. Script tables and live tables compare by it.</summary>
    public virtual string TableKey(string name, string? schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        var s = schema is null || IsDefaultSchema(schema) ? "" : CatalogName(schema);
        return $"{s}.{CatalogName(name)}".ToLowerInvariant();
    }

    /// <summary>A table's name with its schema, as this engine spells it.</summary>
    public virtual string TableName(string name, string? schema) =>
        schema is null || IsDefaultSchema(schema) ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";

    /// <summary>The engine's type for a script type.</summary>
    public abstract string MapType(SqlType type);

    /// <summary>The engine's type for a column of a table: <see cref="MapType"/>, unless the column's role changes it.</summary>
    public virtual string ColumnType(TableDef table, ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return MapType(column.Type);
    }

    /// <summary>Whether computed columns (<c>name AS expr</c>, T-SQL) are created; other engines leave them out.</summary>
    public virtual bool HasComputedColumns => false;

    /// <summary>The statement separator appended after each statement.</summary>
    public virtual string Terminator => ";";

    /// <summary>The engine's default expression for a column, or null when none.</summary>
    public virtual string? MapDefault(ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Default is not { } d)
            return null;
        if (IsCurrentTimeFunction(d))
            return CurrentTimestamp;
        if (d.StartsWith("N'", StringComparison.OrdinalIgnoreCase))
            d = d[1..];
        return IsPlainLiteral(d) ? d : $"({d})";
    }

    /// <summary>The engine's expression for the current date and time.</summary>
    protected virtual string CurrentTimestamp => "CURRENT_TIMESTAMP";

    /// <summary>Checks the engine needs to keep a script type's range (PostgreSQL has no tinyint).</summary>
    protected virtual string? RangeCheck(ColumnDef column) => null;

    /// <summary>The statements that create a table or view; foreign keys only when declared inline.</summary>
    public IReadOnlyList<string> CreateTable(TableDef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Kind == TableKind.View)
            return [$"CREATE VIEW {TableName(table.Name, table.Schema)} AS\n{table.ViewQuery}"];

        // Computed columns hold T-SQL expressions: only SQL Server creates them (see HasComputedColumns).
        var lines = new List<string>();
        foreach (var c in table.Columns.Where(c => HasComputedColumns || !c.IsComputed))
            lines.Add(ColumnDefinition(table, c));
        if (table.PrimaryKey.Count > 0 && !HasInlinePrimaryKey(table))
            lines.Add($"{Constraint(table.PrimaryKeyName)}PRIMARY KEY ({string.Join(", ", table.PrimaryKey.Select(Quote))})");
        foreach (var u in table.Uniques)
            lines.Add($"{Constraint(u.Name)}UNIQUE ({string.Join(", ", u.Columns.Select(Quote))})");
        foreach (var check in table.Checks)
            lines.Add($"CHECK ({check})");
        foreach (var c in table.Columns.Where(c => !c.IsComputed))
        {
            if (RangeCheck(c) is { } rc)
                lines.Add(rc);
        }

        if (ForeignKeysInline)
        {
            foreach (var fk in table.ForeignKeys)
                lines.Add(ForeignKeyClause(fk));
        }

        var sb = new StringBuilder();
        sb.Append("CREATE TABLE ").Append(TableName(table.Name, table.Schema)).Append(" (\n");
        sb.Append(string.Join(",\n", lines.Select(l => "    " + l)));
        sb.Append("\n)");
        return [sb.ToString()];
    }

    /// <summary>The statements that add a table's foreign keys after every table exists (none when declared inline).</summary>
    public IReadOnlyList<string> AddForeignKeys(TableDef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (ForeignKeysInline || table.Kind == TableKind.View)
            return [];
        return table.ForeignKeys.Select(fk => $"ALTER TABLE {TableName(table.Name, table.Schema)} ADD {ForeignKeyClause(fk)}").ToList();
    }

    /// <summary>The statement that creates an index, optionally only when it is missing.</summary>
    public abstract string CreateIndex(IndexDef index, bool ifMissing);

    /// <summary>The statements that create the schemas (namespaces) the tables use, where the engine has them.</summary>
    public virtual IReadOnlyList<string> CreateSchemas(IEnumerable<string> schemas) => [];

    /// <summary>The whole DDL script for a model: schemas, tables and views in script order, then foreign keys, then indices.</summary>
    public string Script(SchemaModel model, IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        sb.Append("-- DDL for ").Append(Name).Append(", generated by curate schema ddl from:\n");
        foreach (var s in sources)
            sb.Append("--   ").Append(s).Append('\n');
        var statements = new List<string>();
        statements.AddRange(CreateSchemas(model.Tables.Select(t => t.Schema).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)));
        foreach (var t in model.Tables)
            statements.AddRange(CreateTable(t));
        foreach (var t in model.Tables)
            statements.AddRange(AddForeignKeys(t));
        foreach (var i in model.Indices)
            statements.Add(CreateIndex(i, ifMissing: true));
        foreach (var s in statements)
            sb.Append('\n').Append(s).Append(Terminator).Append('\n');
        return sb.ToString();
    }

    /// <summary>One column's definition inside CREATE TABLE.</summary>
    protected virtual string ColumnDefinition(TableDef table, ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var sb = new StringBuilder();
        sb.Append(Quote(column.Name)).Append(' ').Append(ColumnType(table, column));
        if (column.IsIdentity)
            sb.Append(IdentityClause);
        if (!column.Nullable)
            sb.Append(" NOT NULL");
        if (MapDefault(column) is { } d)
            sb.Append(" DEFAULT ").Append(d);
        return sb.ToString();
    }

    /// <summary>What marks an identity column (appended after the type).</summary>
    protected abstract string IdentityClause { get; }

    /// <summary>True when the column definitions already declare the primary key.</summary>
    protected virtual bool HasInlinePrimaryKey(TableDef table) => false;

    /// <summary><c>CONSTRAINT name </c>, or nothing for an unnamed constraint.</summary>
    protected string Constraint(string? name) => name is null ? "" : $"CONSTRAINT {Quote(name)} ";

    private string ForeignKeyClause(ForeignKeyDef fk) =>
        $"{Constraint(fk.Name)}FOREIGN KEY ({string.Join(", ", fk.Columns.Select(Quote))}) REFERENCES {Quote(fk.ReferencedTable)}"
        + (fk.ReferencedColumns.Count > 0 ? $" ({string.Join(", ", fk.ReferencedColumns.Select(Quote))})" : "");

    /// <summary>True for SQL Server's default schema, which other engines leave out.</summary>
    protected static bool IsDefaultSchema(string schema) => schema.Equals("dbo", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a plain identifier: a letter or underscore, then letters, digits and underscores.</summary>
    protected static bool IsSimpleIdentifier(string name) => SimpleIdentifier().IsMatch(name);

    private static bool IsCurrentTimeFunction(string d) =>
        d.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() is "getdate()" or "current_timestamp" or "sysdatetime()" or "getutcdate()";

    private static bool IsPlainLiteral(string d) => PlainLiteral().IsMatch(d);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleIdentifier();

    [GeneratedRegex(@"^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|'([^']|'')*'|NULL|null)$")]
    private static partial Regex PlainLiteral();
}
