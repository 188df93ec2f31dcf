using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Schema.Model;

namespace Curation.Database.Loading;

/// <summary>SQLite: one prepared INSERT, parameters reused, all rows in one transaction.</summary>
internal sealed class SqliteBulkLoader : BulkLoader
{
    private readonly DbTransaction transaction;
    private readonly DbCommand insert;
    private readonly DbParameter[] parameters;

    public SqliteBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns)
        : base(connection, table, columns)
    {
        transaction = connection.BeginTransaction();
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

    private protected override void Write(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    private protected override void Commit() => transaction.Commit();

    protected override void Release()
    {
        insert.Dispose();
        if (!Completed)
            transaction.Rollback();
        transaction.Dispose();
    }
}
