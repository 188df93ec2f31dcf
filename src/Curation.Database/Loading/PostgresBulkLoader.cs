using System.Data.Common;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Npgsql;
using NpgsqlTypes;

namespace Curation.Database.Loading;

/// <summary>PostgreSQL: binary COPY inside a transaction; the COPY and the transaction commit together.</summary>
internal sealed class PostgresBulkLoader : BulkLoader
{
    private readonly NpgsqlTransaction transaction;
    private readonly NpgsqlBinaryImporter importer;
    private readonly NpgsqlDbType[] types;

    public PostgresBulkLoader(DbConnection connection, SqlDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns)
        : base(connection, table, columns)
    {
        var npgsql = (NpgsqlConnection)connection;
        transaction = npgsql.BeginTransaction();
        types = [.. columns.Select(c => TypeOf(c.Type))];
        importer = npgsql.BeginBinaryImport(
            $"COPY {dialect.TableName(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => dialect.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)");
    }

    private protected override void Write(ReadOnlySpan<object?> values)
    {
        importer.StartRow();
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

    private protected override void Commit()
    {
        importer.Complete();
        importer.Dispose();
        transaction.Commit();
    }

    protected override void Release()
    {
        if (!Completed)
        {
            importer.Dispose(); // without Complete: the COPY is cancelled
            transaction.Rollback();
        }

        transaction.Dispose();
    }

    private static NpgsqlDbType TypeOf(SqlType type) => type.Name switch
    {
        "bit" or "tinyint" or "smallint" => NpgsqlDbType.Smallint,
        "int" or "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "real" => NpgsqlDbType.Real,
        "float" => type.IsSinglePrecision ? NpgsqlDbType.Real : NpgsqlDbType.Double,
        "double precision" => NpgsqlDbType.Double,
        "decimal" or "numeric" or "money" or "smallmoney" => NpgsqlDbType.Numeric,
        "char" or "nchar" => NpgsqlDbType.Char,
        "varchar" or "nvarchar" or "sysname" => type.IsMax || type.Length is null ? NpgsqlDbType.Text : NpgsqlDbType.Varchar,
        "text" or "ntext" or "sql_variant" => NpgsqlDbType.Text,
        "datetime" or "datetime2" or "timestamp" or "smalldatetime" => NpgsqlDbType.Timestamp,
        "date" => NpgsqlDbType.Date,
        "time" => NpgsqlDbType.Time,
        "datetimeoffset" => NpgsqlDbType.TimestampTz,
        "binary" or "varbinary" or "image" => NpgsqlDbType.Bytea,
        "uniqueidentifier" => NpgsqlDbType.Uuid,
        _ => NpgsqlDbType.Unknown,
    };
}
