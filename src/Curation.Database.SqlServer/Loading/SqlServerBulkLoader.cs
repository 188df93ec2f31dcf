using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Schema.Model;
using Microsoft.Data.SqlClient;

namespace Curation.Database.SqlServer.Loading;

/// <summary>
/// SQL Server: rows buffered (converted to their columns' types as they are added) and sent by SqlBulkCopy, a batch
/// at a time, through a data reader over the buffer; all inside a transaction, the loader's own or the caller's behind
/// a savepoint. <see cref="BulkLoader.Complete"/> sends the rest and commits; disposing without it rolls back.
/// See <see cref="BulkCopyPlan"/> for the options and why.
/// </summary>
internal sealed class SqlServerBulkLoader : BulkLoader
{
    private readonly BulkCopyPlan plan;
    private readonly RowBuffer buffer;
    private readonly SqlTransaction transaction;
    private readonly SqlBulkCopy copy;
    private long sent;
    private bool failed;

    public SqlServerBulkLoader(DbConnection connection, SqlServerDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, LiveTable live,
        DbTransaction? outer, int batchSize = BulkCopyPlan.DefaultBatchSize)
        : base(connection, table, columns, outer)
    {
        var sql = connection as SqlConnection
            ?? throw new CurationDatabaseException($"cannot load {table.QualifiedName}: the connection is a {connection.GetType().Name}, not a SqlConnection");
        if (outer is not null and not SqlTransaction)
            throw new CurationDatabaseException($"cannot load {table.QualifiedName}: the transaction is a {outer.GetType().Name}, not a SqlTransaction");
        plan = BulkCopyPlan.For(dialect, table, columns, live, outer is not null, batchSize);
        buffer = new RowBuffer(plan.Columns, plan.BatchSize);
        try
        {
            transaction = (SqlTransaction?)outer ?? sql.BeginTransaction();
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException)
        {
            throw new CurationDatabaseException($"cannot start the load into {table.QualifiedName}: {e.Message}", e);
        }

        try
        {
            if (outer is not null)
                transaction.Save(BulkCopyPlan.Savepoint);
            copy = plan.Create(sql, transaction);
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException)
        {
            if (outer is null)
                transaction.Dispose();
            throw new CurationDatabaseException($"cannot start the load into {table.QualifiedName}: {e.Message}", e);
        }
    }

    protected override void Write(ReadOnlySpan<object?> values)
    {
        ThrowIfFailed();
        buffer.Add(values);
        if (buffer.IsFull)
            Flush();
    }

    protected override void Commit()
    {
        ThrowIfFailed();
        Flush();
        if (Outer is null)
            transaction.Commit();

        // In the caller's transaction the savepoint simply stays: T-SQL has no RELEASE SAVEPOINT, and the caller's
        // COMMIT or ROLLBACK ends it with everything else.
    }

    protected override void Release()
    {
        ((IDisposable)copy).Dispose();
        buffer.Clear();
        if (!Completed)
        {
            try
            {
                if (Outer is null)
                    transaction.Rollback();
                else if (transaction.Connection is not null)
                    transaction.Rollback(BulkCopyPlan.Savepoint); // the caller's transaction goes on without this load's rows
            }
            catch (Exception e) when (e is SqlException or InvalidOperationException)
            {
                // The connection broke, or an error doomed the transaction: the server rolls it back whole, and the error
                // that did it is already on its way up.
            }
        }

        if (Outer is null)
            transaction.Dispose();
    }

    /// <summary>Sends the buffered rows as one batch.</summary>
    private void Flush()
    {
        if (buffer.Count == 0)
            return;
        try
        {
            using var reader = buffer.Reader();
            copy.WriteToServer(reader);
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException or InvalidCastException or FormatException or OverflowException)
        {
            failed = true;
            throw new CurationDatabaseException(
                $"rows {sent + 1} to {sent + buffer.Count} could not be loaded into {Table.QualifiedName}, so the load is abandoned: {e.Message}", e);
        }

        sent += buffer.Count;
        buffer.Clear();
    }

    private void ThrowIfFailed()
    {
        if (failed)
            throw new InvalidOperationException($"an earlier batch for {Table.QualifiedName} failed: dispose this loader (which rolls it back)");
    }
}
