using System.Data;
using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Schema.Model;
using Dapper;

namespace Curation.Database;

/// <summary>
/// One open connection to the archive and the dialect to speak to it: statements with parameters (through Dapper),
/// a transaction at a time, bulk loads inside it, and a cache of small reference tables (<see cref="Table"/>).
/// Every statement runs in the current transaction when there is one.
/// </summary>
public sealed partial class Session : IDisposable
{
    private readonly Dictionary<string, ReferenceTableCache> tables = new(StringComparer.OrdinalIgnoreCase);
    private DbTransaction? transaction;

    /// <summary>Wraps an open connection (the session disposes it).</summary>
    public Session(DbConnection connection, SqlDialect dialect, DatabaseUrl? url = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        Connection = connection;
        Dialect = dialect;
        Url = url;
    }

    /// <summary>Opens a session on the database <paramref name="url"/> names.</summary>
    /// <exception cref="CurationDatabaseException">The database cannot be reached.</exception>
    public static Session Open(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new Session(ArchiveConnection.Open(url), url.Dialect, url);
    }

    /// <summary>The open connection.</summary>
    public DbConnection Connection { get; }

    /// <summary>How this engine spells SQL.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The database's URL, when the session was opened from one.</summary>
    public DatabaseUrl? Url { get; }

    /// <summary>The open transaction, or null.</summary>
    public DbTransaction? Transaction => transaction;

    /// <summary>Seconds a statement may run before the driver gives up (0: no limit); null for the driver's default (30 s
    /// for PostgreSQL and SQL Server; for SQLite, how long to wait for a lock).</summary>
    public int? CommandTimeout { get; set; }

    /// <summary>A table's name quoted for this engine (schema included where it has one).</summary>
    public string Name(string table, string? schema = null) => Dialect.TableName(table, schema);

    /// <summary>A column's (or other identifier's) name quoted for this engine.</summary>
    public string Quote(string identifier) => Dialect.Quote(identifier);

    /// <summary>Runs a statement; returns the rows affected.</summary>
    public int Execute(string sql, object? parameters = null) =>
        Run(sql, () => Connection.Execute(sql, parameters, transaction, CommandTimeout));

    /// <summary>Runs a query; returns its rows as <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> Query<T>(string sql, object? parameters = null) =>
        Run(sql, () => Connection.Query<T>(sql, parameters, transaction, commandTimeout: CommandTimeout).AsList());

    /// <summary>Runs a query; returns its rows as dictionaries of column name (any case) to value.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> QueryRows(string sql, object? parameters = null) =>
        Run(sql, () => Connection.Query(sql, parameters, transaction, commandTimeout: CommandTimeout)
            .Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(
                ((IDictionary<string, object?>)r).Select(kv => KeyValuePair.Create(kv.Key, kv.Value is DBNull ? null : kv.Value)),
                StringComparer.OrdinalIgnoreCase))
            .ToList());

    /// <summary>Runs a query returning one value (the first column of the first row), converted to <typeparamref name="T"/>;
    /// the default when there is no row or the value is NULL.</summary>
    public T? Scalar<T>(string sql, object? parameters = null) =>
        Run(sql, () => Connection.ExecuteScalar<T>(sql, parameters, transaction, CommandTimeout));

    /// <summary>Inserts a row, or updates the existing row with the same key: <paramref name="row"/>'s properties name the
    /// columns; <paramref name="keyColumns"/> are the key, every other property is updated.</summary>
    public int Upsert(string table, object row, params string[] keyColumns)
    {
        var count = Execute(Dialect.Upsert(table, null, keyColumns, NonKeyColumns(row, keyColumns)), row);
        Invalidate(table);
        return count;
    }

    /// <summary>Inserts a row unless one with the same key exists; returns 1 when inserted, 0 when it was there.</summary>
    public int InsertIfMissing(string table, object row, params string[] keyColumns)
    {
        var count = Execute(Dialect.InsertIfMissing(table, null, keyColumns, NonKeyColumns(row, keyColumns)), row);
        Invalidate(table);
        return count;
    }

    /// <summary>The columns <paramref name="row"/>'s properties name, except the key columns.</summary>
    private static List<string> NonKeyColumns(object row, string[] keyColumns)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.GetType().GetProperties().Select(p => p.Name).Where(c => !keyColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Begins a transaction; statements and bulk loads of this session run in it until it is committed or rolled back.</summary>
    /// <exception cref="InvalidOperationException">A transaction is already open.</exception>
    public SessionTransaction Begin()
    {
        if (transaction is not null)
            throw new InvalidOperationException("a transaction is already open on this session");
        transaction = Run("BEGIN", () => Connection.BeginTransaction(IsolationLevel.ReadCommitted));
        return new SessionTransaction(this);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction: committed when it returns, rolled back when it throws.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var t = Begin();
        var result = work();
        t.Commit();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction: committed when it returns, rolled back when it throws.</summary>
    public void InTransaction(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var t = Begin();
        work();
        t.Commit();
    }

    /// <summary>Opens a bulk loader on <paramref name="table"/> inside the current transaction (which then commits the
    /// rows), or in a transaction of its own when none is open.</summary>
    public BulkLoader Load(TableDef table) => BulkLoader.Open(Connection, Dialect, table, transaction);

    internal void EndTransaction(bool commit)
    {
        var t = transaction ?? throw new InvalidOperationException("no transaction is open on this session");
        transaction = null;
        try
        {
            if (commit)
                Run("COMMIT", () => { t.Commit(); return 0; });
            else
                t.Rollback();
        }
        finally
        {
            t.Dispose();

            // Reference rows read inside a rolled-back transaction may be gone; read them again when next asked.
            if (!commit)
                tables.Clear();
        }
    }

    /// <summary>Closes the connection, rolling back an open transaction.</summary>
    public void Dispose()
    {
        if (transaction is not null)
        {
            try
            {
                transaction.Rollback();
            }
            catch (DbException)
            {
                // The connection is already broken: the server rolls back on its own.
            }

            transaction.Dispose();
            transaction = null;
        }

        Connection.Dispose();
    }

    private static T Run<T>(string sql, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DbException e)
        {
            throw new CurationDatabaseException($"{e.Message.TrimEnd()} (in: {FirstLine(sql)})", e);
        }
    }

    private static string FirstLine(string sql)
    {
        var line = sql.TrimStart().Split('\n')[0].Trim();
        return line.Length > 120 ? line[..117] + "..." : line;
    }
}

/// <summary>A session's open transaction: <see cref="Commit"/> makes its work permanent; disposing without it rolls back.</summary>
public sealed class SessionTransaction : IDisposable
{
    private readonly Session session;
    private bool ended;

    internal SessionTransaction(Session session) => this.session = session;

    /// <summary>Commits the work done since <see cref="Session.Begin"/>.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(ended, this);
        ended = true;
        session.EndTransaction(commit: true);
    }

    /// <summary>Rolls the work back.</summary>
    public void Rollback()
    {
        if (ended)
            return;
        ended = true;
        session.EndTransaction(commit: false);
    }

    /// <summary>Rolls back unless committed.</summary>
    public void Dispose() => Rollback();
}
