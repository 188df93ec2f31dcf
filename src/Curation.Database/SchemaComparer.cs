using Curation.Database.Dialects;
using Curation.Schema.Model;

namespace Curation.Database;

/// <summary>Lists every difference between the tables the scripts define and the tables a live database holds.</summary>
public static class SchemaComparer
{
    /// <summary>The differences, one readable line each, in table order; empty when the database matches.</summary>
    /// <param name="expected">The scripts' tables, templates already instantiated.</param>
    /// <param name="live">The live tables.</param>
    /// <param name="dialect">The live database's dialect, which says how each script type is spelled there.</param>
    public static IReadOnlyList<string> Compare(IEnumerable<TableDef> expected, IReadOnlyList<LiveTable> live, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(dialect);
        var differences = new List<string>();
        var liveByName = live.GroupBy(t => dialect.TableKey(t.Name, t.Schema)).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<string>();
        foreach (var table in expected)
        {
            var key = dialect.TableKey(table.Name, table.Schema);
            seen.Add(key);
            if (!liveByName.TryGetValue(key, out var liveTable))
            {
                differences.Add($"{table.QualifiedName}: {(table.Kind == TableKind.View ? "view" : "table")} defined at {table.Location} is missing from the database");
                continue;
            }

            if (table.Kind == TableKind.View)
                continue;
            var liveColumns = liveTable.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var column in table.Columns.Where(c => dialect.HasComputedColumns || !c.IsComputed))
            {
                var where = $"{table.QualifiedName}.{column.Name}";
                if (!liveColumns.Remove(column.Name, out var liveColumn))
                {
                    differences.Add($"{where}: column defined at {column.Location} is missing from the database");
                    continue;
                }

                var expectedType = Normalise(dialect.ColumnType(table, column));
                if (!string.Equals(expectedType, Normalise(liveColumn.Type), StringComparison.OrdinalIgnoreCase))
                    differences.Add($"{where}: type is {expectedType} in the scripts but {liveColumn.Type} in the database");
                var expectedNullable = column.Nullable && !table.PrimaryKey.Contains(column.Name, StringComparer.OrdinalIgnoreCase);
                if (expectedNullable != liveColumn.Nullable)
                    differences.Add($"{where}: {(expectedNullable ? "nullable" : "NOT NULL")} in the scripts but {(liveColumn.Nullable ? "nullable" : "NOT NULL")} in the database");
            }

            foreach (var extra in liveColumns.Values)
                differences.Add($"{table.QualifiedName}.{extra.Name}: column in the database is not in the scripts");
        }

        foreach (var t in live)
        {
            if (!seen.Contains(dialect.TableKey(t.Name, t.Schema)))
                differences.Add($"{(t.Schema is null ? t.Name : t.Schema + "." + t.Name)}: {(t.IsView ? "view" : "table")} in the database is not in the scripts");
        }

        return differences;
    }

    private static string Normalise(string type) => type.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
