using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Schema.Model;

namespace Curation.Database.Loading;

/// <summary>
/// Loads rows into one table as fast as the engine allows (the original's Ingester): SQLite through one prepared
/// INSERT inside one transaction, PostgreSQL through binary <c>COPY</c>, SQL Server through <c>SqlBulkCopy</c> (in
/// Curation.Database.SqlServer, reached through its <see cref="IEngineProvider"/>). Nothing is visible until
/// <see cref="Complete"/>; disposing without it rolls everything back. Before loading, the live table is compared
/// with its definition in the schema scripts, and a table that disagrees is refused with the differences listed.
/// Opened inside a caller's transaction, the loader leaves committing to that transaction's owner: <see cref="Complete"/>
/// finishes the load, and disposing without it makes the owner's transaction fail rather than commit part of a load.
/// </summary>
public abstract class BulkLoader : IDisposable
{
    /// <summary>Creates the loader; an engine's loader opens its transaction (or savepoint in <paramref name="outer"/>) here.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="table">The table loaded.</param>
    /// <param name="columns">The columns each row gives values for, in order.</param>
    /// <param name="outer">The caller's transaction to load in, or null for a transaction of the loader's own.</param>
    protected BulkLoader(DbConnection connection, TableDef table, IReadOnlyList<ColumnDef> columns, DbTransaction? outer)
    {
        Connection = connection;
        Outer = outer;
        Table = table;
        Columns = columns;
    }

    /// <summary>The table loaded.</summary>
    public TableDef Table { get; }

    /// <summary>The columns each row gives values for, in order: the table's columns except computed ones.</summary>
    public IReadOnlyList<ColumnDef> Columns { get; }

    /// <summary>Rows added so far.</summary>
    public long Rows { get; private set; }

    /// <summary>True once <see cref="Complete"/> has committed.</summary>
    public bool Completed { get; private set; }

    /// <summary>The open connection the rows go through.</summary>
    protected DbConnection Connection { get; }

    /// <summary>The caller's transaction the rows are loaded in, or null when the loader has its own.</summary>
    protected DbTransaction? Outer { get; }

    /// <summary>The table's name and its loaded columns, quoted for <paramref name="dialect"/>: <c>"t" ("a", "b")</c>.</summary>
    protected string Target(SqlDialect dialect) =>
        $"{dialect.TableName(Table.Name, Table.Schema)} ({string.Join(", ", Columns.Select(c => dialect.Quote(c.Name)))})";

    /// <summary>
    /// Opens a loader on <paramref name="table"/> (its real name, templates instantiated) after checking the live
    /// table against it; throws <see cref="CurationDatabaseException"/> listing the differences when they disagree.
    /// With <paramref name="transaction"/>, the rows are loaded in it and committed when its owner commits it.
    /// </summary>
    public static BulkLoader Open(DbConnection connection, SqlDialect dialect, TableDef table, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(table);
        var key = dialect.TableKey(table.Name, table.Schema);
        var live = LiveSchemaReader.Read(connection, dialect, transaction).Where(t => dialect.TableKey(t.Name, t.Schema) == key).ToList();
        var differences = SchemaComparer.Compare([table], live, dialect);
        if (differences.Count > 0)
        {
            throw new CurationDatabaseException(
                $"table {table.QualifiedName} in the database does not match the schema scripts, so nothing was loaded:\n  "
                + string.Join("\n  ", differences));
        }

        var columns = table.Columns.Where(c => !c.IsComputed).ToList();
        return dialect switch
        {
            SqliteDialect => new SqliteBulkLoader(connection, dialect, table, columns, transaction),
            PostgresDialect => new PostgresBulkLoader(connection, dialect, table, columns, transaction),
            _ => EngineProviders.Require(EngineProviders.EngineOf(dialect), $"cannot load {table.QualifiedName}")
                .OpenBulkLoader(connection, dialect, table, columns, live.Single(), transaction),
        };
    }

    /// <summary>Adds one row: a value (or null) for each of <see cref="Columns"/>, in order.</summary>
    public void AddRow(params object?[] values) => AddRow(values.AsSpan());

    /// <summary>Adds one row: a value (or null) for each of <see cref="Columns"/>, in order.</summary>
    public void AddRow(ReadOnlySpan<object?> values)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (Completed)
            throw new InvalidOperationException($"the load into {Table.QualifiedName} is already complete");
        if (values.Length != Columns.Count)
            throw new ArgumentException($"row {Rows + 1} for {Table.QualifiedName} has {values.Length} values; the table takes {Columns.Count}", nameof(values));
        try
        {
            Write(values);
        }
        catch (Exception e) when (e is DbException or InvalidCastException or FormatException or OverflowException)
        {
            throw new CurationDatabaseException($"row {Rows + 1} cannot be loaded into {Table.QualifiedName}: {e.Message}", e);
        }

        Rows++;
    }

    /// <summary>Commits every row added; returns the number of rows.</summary>
    public long Complete()
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (!Completed)
        {
            try
            {
                Commit();
            }
            catch (Exception e) when (e is DbException or InvalidCastException or InvalidOperationException)
            {
                throw new CurationDatabaseException($"the {Rows} rows for {Table.QualifiedName} could not be committed, so none was loaded: {e.Message}", e);
            }

            Completed = true;
        }

        return Rows;
    }

    /// <summary>True once <see cref="Dispose"/> has run.</summary>
    protected bool Disposed { get; private set; }

    /// <summary>Writes (or buffers) one row of <see cref="Columns"/> values; the row is counted when this returns.
    /// A <see cref="DbException"/>, <see cref="InvalidCastException"/>, <see cref="FormatException"/> or
    /// <see cref="OverflowException"/> is reported as this row's fault.</summary>
    protected abstract void Write(ReadOnlySpan<object?> values);

    /// <summary>Sends whatever is still buffered and commits: the loader's own transaction, or, in the caller's, only
    /// ends this load's part (the caller commits).</summary>
    protected abstract void Commit();

    /// <summary>Rolls back (when not completed) and releases the engine's resources.</summary>
    protected abstract void Release();

    /// <summary>Rolls back everything unless <see cref="Complete"/> was called.</summary>
    public void Dispose()
    {
        if (Disposed)
            return;
        Disposed = true;
        Release();
        GC.SuppressFinalize(this);
    }
}
