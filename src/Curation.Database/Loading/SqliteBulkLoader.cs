using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Schema.Model;

namespace Curation.Database.Loading;

/// <summary>SQLite: one prepared INSERT, parameters reused, all rows in one transaction (its own, or the caller's).</summary>
internal sealed class SqliteBulkLoader : BulkLoader
{
    private const string Savepoint = "curation_bulk_load";
    private readonly DbTransaction transaction;
    private readonly DbCommand insert;
    private readonly DbParameter[] parameters;

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
        for (var i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    protected override void Commit()
    {
        if (Outer is null)
            transaction.Commit();
        else
            transaction.Release(Savepoint);
    }

    protected override void Release()
    {
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
}
