using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Curation.Database.Loading;

/// <summary>SQLite: one prepared INSERT, parameters reused, all rows in one transaction (its own, or the caller's).</summary>
/// <remarks>Rows whose values are all numbers, strings or nulls are bound straight to a statement of the loader's own
/// by position (<see cref="SqliteNativeBinds"/>), the way Microsoft.Data.Sqlite would bind them; any other value (a
/// decimal, a date, a NaN, ...) sends its row through the Microsoft.Data.Sqlite command, so its conversion and errors
/// stay the provider's. Binding by name through the provider looked every parameter up by name for every row, which
/// cost more than SQLite's own work on an 80-column row.</remarks>
internal sealed class SqliteBulkLoader : BulkLoader
{
    private const string Savepoint = "curation_bulk_load";
    private readonly DbTransaction transaction;
    private readonly DbCommand insert;
    private readonly DbParameter[] parameters;
    private sqlite3_stmt? statement;

    public SqliteBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, DbTransaction? outer)
        : base(connection, table, columns, outer)
    {
        transaction = outer ?? connection.BeginTransaction();
        if (outer is not null)
            outer.Save(Savepoint);
        insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {Target(dialect)} "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var p = insert.CreateParameter();
            p.ParameterName = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            insert.Parameters.Add(p);
            parameters[i] = p;
        }

        insert.Prepare();
    }

    protected override void Write(ReadOnlySpan<object?> values)
    {
        statement ??= PrepareStatement();
        if (Bind(statement, values))
        {
            Step(statement);
            return;
        }

        for (var i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    protected override void Commit()
    {
        statement?.Dispose();
        statement = null;
        if (Outer is null)
            transaction.Commit();
        else
            transaction.Release(Savepoint);
    }

    protected override void Release()
    {
        statement?.Dispose();
        insert.Dispose();
        if (Outer is not null)
        {
            // The caller's transaction goes on: only this load's rows are undone.
            if (!Completed && transaction.Connection is not null)
                transaction.Rollback(Savepoint);
            return;
        }

        if (!Completed)
            transaction.Rollback();
        transaction.Dispose();
    }

    /// <summary>The INSERT again, as a statement of our own on the connection's handle: its parameters $p0, $p1, ...
    /// are numbered 1, 2, ... in column order.</summary>
    private sqlite3_stmt PrepareStatement()
    {
        var db = ((SqliteConnection)Connection).Handle;
        var rc = raw.sqlite3_prepare_v2(db, insert.CommandText, out var prepared);
        SqliteException.ThrowExceptionForRC(rc, db);
        return prepared;
    }

    /// <summary>Binds every value by position as Microsoft.Data.Sqlite binds it (integers as INTEGER, floats as
    /// REAL, strings as TEXT, null and DBNull as NULL); false, with nothing stepped, at the first value it leaves to
    /// the provider, and for every row when SQLite's bind functions could not be reached directly.</summary>
    private static bool Bind(sqlite3_stmt statement, ReadOnlySpan<object?> values)
    {
        if (!SqliteNativeBinds.Available)
            return false;
        var s = statement.DangerousGetHandle(); // the loader owns the statement: it outlives every bind
        for (var i = 0; i < values.Length; i++)
        {
            var index = i + 1;
            var rc = values[i] switch
            {
                null or DBNull => SqliteNativeBinds.Null(s, index),
                double v when !double.IsNaN(v) => SqliteNativeBinds.Double(s, index, v),
                float v when !float.IsNaN(v) => SqliteNativeBinds.Double(s, index, v),
                long v => SqliteNativeBinds.Int64(s, index, v),
                int v => SqliteNativeBinds.Int64(s, index, v),
                short v => SqliteNativeBinds.Int64(s, index, v),
                byte v => SqliteNativeBinds.Int64(s, index, v),
                sbyte v => SqliteNativeBinds.Int64(s, index, v),
                ushort v => SqliteNativeBinds.Int64(s, index, v),
                uint v => SqliteNativeBinds.Int64(s, index, v),
                bool v => SqliteNativeBinds.Int64(s, index, v ? 1 : 0),
                string v => raw.sqlite3_bind_text(statement, index, v),
                _ => -1,
            };
            if (rc != raw.SQLITE_OK)
                return false;
        }

        return true;
    }

    /// <summary>Runs the bound INSERT once, retrying while the database is busy for as long as the provider's
    /// command would (its CommandTimeout), and throws the provider's <see cref="SqliteException"/> on failure.</summary>
    private void Step(sqlite3_stmt bound)
    {
        var db = ((SqliteConnection)Connection).Handle;
        var started = Environment.TickCount64;
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(bound)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE)
            {
                if (insert.CommandTimeout != 0 && Environment.TickCount64 - started >= insert.CommandTimeout * 1000L)
                    break;
                raw.sqlite3_reset(bound);
                Thread.Sleep(150);
            }

            if (rc != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            raw.sqlite3_reset(bound);
        }
    }
}
