using System.Data.Common;
using System.Globalization;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Dapper;

namespace Curation.Database;

/// <summary>What <see cref="ArchiveInitializer.Initialize"/> did.</summary>
public sealed class InitReport
{
    /// <summary>Tables and views created by this run, in creation order.</summary>
    public List<string> Created { get; } = [];

    /// <summary>Tables and views that were already there.</summary>
    public List<string> AlreadyPresent { get; } = [];

    /// <summary>Reference rows inserted, by table.</summary>
    public SortedDictionary<string, int> RowsInserted { get; } = new(StringComparer.Ordinal);

    /// <summary>Reference rows already present (same primary key), by table.</summary>
    public SortedDictionary<string, int> RowsPresent { get; } = new(StringComparer.Ordinal);
}

/// <summary>Creates the archive from the schema scripts and fills its reference rows; safe to run again.</summary>
/// <remarks>Everything happens in one transaction: a failure leaves the database as it was. A rerun creates only
/// missing tables and inserts only reference rows whose primary key is absent.</remarks>
public static class ArchiveInitializer
{
    /// <summary>Creates missing tables (templates instantiated for the registered programmes) and inserts missing reference rows.</summary>
    /// <param name="connection">An open connection to the archive.</param>
    /// <param name="dialect">The archive's dialect.</param>
    /// <param name="scripts">The parsed schema scripts.</param>
    /// <param name="referenceData">The reference rows.</param>
    /// <exception cref="CurationDatabaseException">A statement or a reference row failed; nothing was changed.</exception>
    public static InitReport Initialize(DbConnection connection, SqlDialect dialect, SchemaModel scripts, IReadOnlyList<ReferenceTable> referenceData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(referenceData);
        var report = new InitReport();
        using var tx = connection.BeginTransaction();

        // Concrete tables first, so the reference rows that register programmes can be inserted.
        var concrete = ArchiveLayout.Resolve(scripts, [], []);
        CreateMissing(connection, tx, dialect, concrete.Tables, report);
        foreach (var data in OrderByDependency(referenceData, scripts))
            InsertReferenceRows(connection, tx, dialect, scripts, data, report);

        // Then each registered programme's and neighbour table's instances of the templates.
        var layout = RegisteredLayout(connection, tx, dialect, scripts);
        CreateMissing(connection, tx, dialect, layout.Tables.Where(t => !concrete.Tables.Contains(t)).ToList(), report);
        tx.Commit();
        return report;
    }

    /// <summary>The archive's tables as the scripts and the live registration rows say they should be.</summary>
    public static SchemaModel RegisteredLayout(DbConnection connection, DbTransaction? tx, SqlDialect dialect, SchemaModel scripts)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var live = LiveSchemaReader.Read(connection, dialect, tx);
        var prefixes = QueryColumn(connection, tx, dialect, live, ArchiveLayout.ProgrammeTable, ArchiveLayout.TablePrefixColumn);
        var neighbours = QueryColumn(connection, tx, dialect, live, ArchiveLayout.NeighboursTable, ArchiveLayout.NeighbourTableColumn);
        return ArchiveLayout.Resolve(scripts, prefixes, neighbours);
    }

    /// <summary>
    /// Creates those of <paramref name="tables"/> the database lacks, then their foreign keys, in the caller's
    /// transaction, as <see cref="Initialize"/> does; the report lists what was created and what was there.
    /// </summary>
    /// <param name="connection">An open connection to the archive.</param>
    /// <param name="transaction">The transaction to work in (the caller commits or rolls it back).</param>
    /// <param name="dialect">The archive's dialect.</param>
    /// <param name="tables">The tables, templates already instantiated (eg. from <see cref="ArchiveLayout.ForProgramme"/>).</param>
    /// <exception cref="CurationDatabaseException">A statement failed.</exception>
    public static InitReport CreateTables(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<TableDef> tables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(tables);
        var report = new InitReport();
        CreateMissing(connection, transaction, dialect, tables, report);
        return report;
    }

    private static List<string> QueryColumn(DbConnection connection, DbTransaction? tx, SqlDialect dialect, IReadOnlyList<LiveTable> live, string table, string column)
    {
        if (!live.Any(t => t.Name.Equals(dialect.CatalogName(table), StringComparison.OrdinalIgnoreCase)
                           && t.Columns.Any(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase))))
            return [];
        return connection.Query<string>($"SELECT {dialect.Quote(column)} FROM {dialect.Quote(table)}", transaction: tx).ToList();
    }

    private static void CreateMissing(DbConnection connection, DbTransaction tx, SqlDialect dialect, IReadOnlyList<TableDef> tables, InitReport report)
    {
        var existing = LiveSchemaReader.Read(connection, dialect, tx).Select(t => dialect.TableKey(t.Name, t.Schema)).ToHashSet();
        var created = new List<TableDef>();
        foreach (var schemaStatement in dialect.CreateSchemas(tables.Select(t => t.Schema).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)))
            Execute(connection, tx, schemaStatement, "creating a schema");
        foreach (var table in tables)
        {
            if (existing.Contains(dialect.TableKey(table.Name, table.Schema)))
            {
                report.AlreadyPresent.Add(table.QualifiedName);
                continue;
            }

            foreach (var statement in dialect.CreateTable(table))
                Execute(connection, tx, statement, $"creating {table.QualifiedName} (defined at {table.Location})");
            report.Created.Add(table.QualifiedName);
            created.Add(table);
        }

        foreach (var table in created)
        {
            foreach (var statement in dialect.AddForeignKeys(table))
                Execute(connection, tx, statement, $"adding the foreign keys of {table.QualifiedName} (defined at {table.Location})");
        }
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql, string what)
    {
        try
        {
            connection.Execute(sql, transaction: tx);
        }
        catch (DbException e)
        {
            throw new CurationDatabaseException($"{what} failed: {e.Message}\n{sql}", e);
        }
    }

    private static void InsertReferenceRows(DbConnection connection, DbTransaction tx, SqlDialect dialect, SchemaModel scripts, ReferenceTable data, InitReport report)
    {
        var table = scripts.Table(data.Table)
            ?? throw new CurationDatabaseException($"{data.File}: no table {data.Table} in the schema scripts for these reference rows");
        var columns = data.Columns.Select((name, i) => table.Column(name)
            ?? throw new CurationDatabaseException($"{data.File}:1: column '{name}' is not a column of {table.Name} (defined at {table.Location})")).ToList();
        var key = table.PrimaryKey.Count > 0 ? table.PrimaryKey : columns.Select(c => c.Name).ToList();
        var missingKey = key.FirstOrDefault(k => !columns.Any(c => c.Name.Equals(k, StringComparison.OrdinalIgnoreCase)));
        if (missingKey is not null)
            throw new CurationDatabaseException($"{data.File}:1: primary-key column '{missingKey}' of {table.Name} has no values in the file");

        var tableName = dialect.TableName(table.Name, table.Schema);
        var insert = $"INSERT INTO {tableName} ({string.Join(", ", columns.Select(c => dialect.Quote(c.Name)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var exists = $"SELECT COUNT(*) FROM {tableName} WHERE "
            + string.Join(" AND ", key.Select(k => $"{dialect.Quote(k)} = @p{columns.FindIndex(c => c.Name.Equals(k, StringComparison.OrdinalIgnoreCase))}"));
        int inserted = 0, present = 0;
        foreach (var row in data.Rows)
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < columns.Count; i++)
                parameters.Add("p" + i.ToString(CultureInfo.InvariantCulture), Convert(data, row, columns[i], row.Values[i]));
            try
            {
                if (connection.ExecuteScalar<long>(exists, parameters, tx) > 0)
                {
                    present++;
                    continue;
                }

                connection.Execute(insert, parameters, tx);
                inserted++;
            }
            catch (DbException e)
            {
                throw new CurationDatabaseException($"{data.File}:{row.Line}: row not inserted into {table.Name}: {e.Message}", e);
            }
        }

        report.RowsInserted[table.Name] = inserted;
        report.RowsPresent[table.Name] = present;
    }

    private static object? Convert(ReferenceTable data, ReferenceRow row, ColumnDef column, string value)
    {
        // An empty cell takes the column's default, as a missing keyword does at ingest.
        if (value.Length == 0)
        {
            if (column.DefaultValue is not { } d)
                return column.Nullable ? null : throw new CurationDatabaseException($"{data.File}:{row.Line}: column {column.Name} is empty and has no default");
            value = Schema.SqlLiterals.Unquote(d);
        }

        try
        {
            return ReferenceData.ConvertValue(value, column.Type);
        }
        catch (FormatException)
        {
            throw new CurationDatabaseException($"{data.File}:{row.Line}: value '{value}' of column {column.Name} is not a {column.Type}");
        }
        catch (OverflowException)
        {
            throw new CurationDatabaseException($"{data.File}:{row.Line}: value '{value}' of column {column.Name} does not fit a {column.Type}");
        }
    }

    /// <summary>Reference tables ordered so that a table comes after the tables its foreign keys reference.</summary>
    private static List<ReferenceTable> OrderByDependency(IReadOnlyList<ReferenceTable> data, SchemaModel scripts)
    {
        var byName = data.ToDictionary(d => d.Table, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ReferenceTable>();
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Visit(ReferenceTable d)
        {
            if (ordered.Contains(d) || !visiting.Add(d.Table))
                return;
            foreach (var fk in scripts.Table(d.Table)?.ForeignKeys ?? [])
            {
                if (byName.TryGetValue(fk.ReferencedTable, out var target))
                    Visit(target);
            }

            ordered.Add(d);
        }

        foreach (var d in data)
            Visit(d);
        return ordered;
    }
}
