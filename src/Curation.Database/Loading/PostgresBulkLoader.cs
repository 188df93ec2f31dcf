using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Npgsql;
using NpgsqlTypes;

namespace Curation.Database.Loading;

/// <summary>PostgreSQL: binary COPY inside a transaction (its own, or the caller's behind a savepoint); the COPY and the
/// transaction commit together.</summary>
/// <remarks>A table whose loaded columns are all numbers (the detection tables) has its rows encoded by
/// <see cref="BinaryCopyWriter"/> into a raw binary COPY; any other table goes through Npgsql's binary importer.</remarks>
internal sealed class PostgresBulkLoader : BulkLoader
{
    private const string Savepoint = "curation_bulk_load";
    private readonly NpgsqlTransaction transaction;
    private readonly NpgsqlBinaryImporter? importer;
    private readonly BinaryCopyWriter? writer;
    private readonly NpgsqlDbType[] types;

    public PostgresBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns, DbTransaction? outer)
        : base(connection, table, columns, outer)
    {
        var npgsql = (NpgsqlConnection)connection;
        transaction = (NpgsqlTransaction?)outer ?? npgsql.BeginTransaction();
        if (outer is not null)
            transaction.Save(Savepoint);
        types = [.. columns.Select(c => TypeOf(dialect.MapType(c.Type)))];
        var copy = $"COPY {Target(dialect)} FROM STDIN (FORMAT BINARY)";
        if (Array.TrueForAll(types, BinaryCopyWriter.Writes))
            writer = new BinaryCopyWriter(npgsql.BeginRawBinaryCopy(copy), types);
        else
            importer = npgsql.BeginBinaryImport(copy);
    }

    protected override void Write(ReadOnlySpan<object?> values)
    {
        if (writer is not null)
        {
            writer.WriteRow(values);
            return;
        }

        importer!.StartRow();
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null or DBNull)
            {
                importer.WriteNull();
                continue;
            }

            switch (types[i])
            {
                case NpgsqlDbType.Smallint:
                    importer.Write(Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Smallint);
                    break;
                case NpgsqlDbType.Integer:
                    importer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                    break;
                case NpgsqlDbType.Bigint:
                    importer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                    break;
                case NpgsqlDbType.Real:
                    importer.Write(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Real);
                    break;
                case NpgsqlDbType.Double:
                    importer.Write(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Double);
                    break;
                default:
                    importer.Write(value, types[i]);
                    break;
            }
        }
    }

    protected override void Commit()
    {
        if (writer is not null)
        {
            writer.Complete();
        }
        else
        {
            importer!.Complete();
            importer.Dispose();
        }

        if (Outer is null)
            transaction.Commit();
        else
            transaction.Release(Savepoint);
    }

    protected override void Release()
    {
        if (!Completed)
        {
            try
            {
                writer?.Cancel();
                importer?.Dispose(); // without Complete: the COPY is cancelled
                if (Outer is null)
                    transaction.Rollback();
                else if (transaction.Connection is not null)
                    transaction.Rollback(Savepoint); // the caller's transaction goes on without this load's rows
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server rolls back by itself, and the error that broke it is already on its way up.
            }
        }

        if (Outer is null)
            transaction.Dispose();
    }

    /// <summary>The binary COPY type of a column, from the PostgreSQL type the dialect creates it with (one mapping, not two).</summary>
    private static NpgsqlDbType TypeOf(string postgresType)
    {
        var parenthesis = postgresType.IndexOf('(', StringComparison.Ordinal);
        return (parenthesis < 0 ? postgresType : postgresType[..parenthesis]) switch
        {
            "smallint" => NpgsqlDbType.Smallint,
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "real" => NpgsqlDbType.Real,
            "double precision" => NpgsqlDbType.Double,
            "numeric" => NpgsqlDbType.Numeric,
            "char" => NpgsqlDbType.Char,
            "varchar" => NpgsqlDbType.Varchar,
            "text" => NpgsqlDbType.Text,
            "timestamp" => NpgsqlDbType.Timestamp,
            "timestamptz" => NpgsqlDbType.TimestampTz,
            "date" => NpgsqlDbType.Date,
            "time" => NpgsqlDbType.Time,
            "bytea" => NpgsqlDbType.Bytea,
            "uuid" => NpgsqlDbType.Uuid,
            _ => NpgsqlDbType.Unknown,
        };
    }
}
