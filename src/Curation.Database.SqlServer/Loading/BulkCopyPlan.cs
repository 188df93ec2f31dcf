using System.Globalization;
using System.Text;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Microsoft.Data.SqlClient;

namespace Curation.Database.SqlServer.Loading;

/// <summary>
/// How <see cref="SqlServerBulkLoader"/> drives SqlBulkCopy into one table: the destination, the options, the batch,
/// the column mappings and the transaction statements. The loader is built from this plan, and <see cref="Describe"/>
/// prints it, so the golden file shows what the loader really does.
/// </summary>
internal sealed class BulkCopyPlan
{
    /// <summary>The savepoint a load inside a caller's transaction rolls back to (SQL Server allows 32 characters).</summary>
    public const string Savepoint = "curation_bulk_load";

    /// <summary>
    /// TableLock: one bulk-update lock instead of a lock per row (the fast, minimally logged path).
    /// CheckConstraints: foreign keys and checks are verified, and stay trusted (SqlBulkCopy skips them by default and
    /// marks them untrusted). FireTriggers, KeepIdentity, KeepNulls: the rows arrive as an INSERT of the same values
    /// would put them (and as the SQLite and PostgreSQL loaders do), identity values and NULLs as given, not replaced
    /// by the identity's next value or the column's default.
    /// </summary>
    public const SqlBulkCopyOptions Options = SqlBulkCopyOptions.TableLock | SqlBulkCopyOptions.CheckConstraints
        | SqlBulkCopyOptions.FireTriggers | SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.KeepNulls;

    /// <summary>Rows buffered before each WriteToServer, sent as one batch.</summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>Seconds one WriteToServer may take (SqlClient's default of 30 is short for a batch waiting on the table lock).</summary>
    public const int TimeoutSeconds = 600;

    private BulkCopyPlan(string destination, IReadOnlyList<LoadColumn> columns, IReadOnlyList<string> destinationColumns, int batchSize, bool inCallersTransaction)
    {
        Destination = destination;
        Columns = columns;
        DestinationColumns = destinationColumns;
        BatchSize = batchSize;
        InCallersTransaction = inCallersTransaction;
    }

    /// <summary>The destination table, bracketed: <c>[dbo].[Detection]</c>.</summary>
    public string Destination { get; }

    /// <summary>The loaded columns, in row order; each is also the source column name of its mapping.</summary>
    public IReadOnlyList<LoadColumn> Columns { get; }

    /// <summary>Each column's name as the live table spells it (SqlBulkCopy matches destination names exactly, whatever the collation).</summary>
    public IReadOnlyList<string> DestinationColumns { get; }

    /// <summary>Rows per WriteToServer and per batch.</summary>
    public int BatchSize { get; }

    /// <summary>True when the load runs inside the caller's transaction, behind <see cref="Savepoint"/>.</summary>
    public bool InCallersTransaction { get; }

    /// <summary>The plan for loading <paramref name="columns"/> of <paramref name="table"/>, whose live form is <paramref name="live"/>.</summary>
    public static BulkCopyPlan For(SqlServerDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, LiveTable? live, bool inCallersTransaction,
        int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var liveNames = live?.Columns.ToDictionary(c => c.Name, c => c.Name, StringComparer.OrdinalIgnoreCase);
        var destinationColumns = columns.Select(c => liveNames is not null && liveNames.TryGetValue(c.Name, out var n) ? n : c.Name).ToList();
        return new BulkCopyPlan(dialect.TableName(table.Name, table.Schema), LoadColumn.For(dialect, table, columns), destinationColumns, batchSize,
            inCallersTransaction);
    }

    /// <summary>A SqlBulkCopy set up by this plan on <paramref name="connection"/>, in <paramref name="transaction"/>.</summary>
    public SqlBulkCopy Create(SqlConnection connection, SqlTransaction? transaction)
    {
        var copy = new SqlBulkCopy(connection, Options, transaction)
        {
            DestinationTableName = Destination,
            BatchSize = BatchSize,
            BulkCopyTimeout = TimeoutSeconds,

            // The rows are in memory already; streaming changes only how (max) values are read (GetStream, GetTextReader).
            EnableStreaming = false,
        };
        for (var i = 0; i < Columns.Count; i++)
            copy.ColumnMappings.Add(new SqlBulkCopyColumnMapping(Columns[i].Name, DestinationColumns[i]));
        return copy;
    }

    /// <summary>The plan as text: the transaction statements the loader's calls send (as T-SQL) and the SqlBulkCopy set-up.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        sb.Append(invariant, $"-- SqlServerBulkLoader into {Destination}, {Columns.Count} columns, ")
            .Append(InCallersTransaction ? "inside the caller's transaction.\n" : "in a transaction of its own.\n");
        sb.Append("-- BulkLoader.Open first reads the live table (SqlServerLiveSchema.Query) and compares it with the scripts.\n");
        sb.Append(InCallersTransaction
            ? "-- SqlTransaction.Save:\n" + $"SAVE TRANSACTION {Savepoint};\n"
            : "-- SqlConnection.BeginTransaction:\nBEGIN TRANSACTION;\n");
        sb.Append(invariant, $"-- new SqlBulkCopy(connection, options, transaction); AddRow buffers {BatchSize} rows, then WriteToServer(IDataReader over them):\n");
        sb.Append(invariant, $"--   DestinationTableName  {Destination}\n");
        sb.Append(invariant, $"--   SqlBulkCopyOptions    {Options}\n");
        sb.Append(invariant, $"--   BatchSize             {BatchSize}\n");
        sb.Append(invariant, $"--   BulkCopyTimeout       {TimeoutSeconds} s\n");
        sb.Append("--   EnableStreaming       False\n");
        sb.Append("--   ColumnMappings        source -> destination: SQL Server type, .NET type of the values\n");
        var width = Columns.Max(c => c.Name.Length);
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            sb.Append(invariant, $"--     {c.Name.PadRight(width)} -> {DestinationColumns[i].PadRight(width)}: {c.SqlType}{(c.NotNull ? " NOT NULL" : "")}, {c.ClrType.Name}")
                .Append(c.MaxLength is { } max ? string.Create(invariant, $" (at most {max})") : "").Append('\n');
        }

        sb.Append("-- Complete: WriteToServer of the rows still buffered, then\n");
        sb.Append(InCallersTransaction
            ? "--   nothing more: the rows commit with the caller's transaction (T-SQL has no RELEASE SAVEPOINT).\n"
            : "-- SqlTransaction.Commit:\nCOMMIT TRANSACTION;\n");
        sb.Append("-- Dispose without Complete:\n");
        sb.Append(InCallersTransaction ? $"ROLLBACK TRANSACTION {Savepoint};\n" : "ROLLBACK TRANSACTION;\n");
        return sb.ToString();
    }
}
