using Curation.Database;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Dapper;

namespace Curation.TablePreparation.Ingest;

/// <summary>Inserts prepared rows (values in the order of a table's columns) with one parameterised INSERT per table:
/// header strings reach the database only as parameters, so quotes, semicolons and <c>--</c> are stored as they are.</summary>
public static class RowWriter
{
    /// <summary>Inserts the rows, each a value for every one of <paramref name="columns"/>; returns the number inserted.</summary>
    public static int Insert(Session session, TableDef table, IReadOnlyList<ColumnDef> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var sql = $"INSERT INTO {session.Name(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => session.Quote(c.Name)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => SqlDialect.Parameter($"p{i}")))})";
        var parameters = rows.Select(values =>
        {
            if (values.Length != columns.Count)
                throw new ArgumentException($"a row for {table.Name} has {values.Length} values; the table takes {columns.Count}", nameof(rows));
            var p = new DynamicParameters();
            for (var i = 0; i < values.Length; i++)
                p.Add($"p{i}", values[i]);
            return p;
        }).ToList();
        return parameters.Count == 0 ? 0 : session.Execute(sql, parameters);
    }

    /// <summary>Inserts one row.</summary>
    public static int Insert(Session session, TableDef table, IReadOnlyList<ColumnDef> columns, object?[] row) =>
        Insert(session, table, columns, [row]);
}
