namespace Curation.Database.Dialects;

/// <summary>The data statements the code writes (paging, upserts), spelled for each engine. Values are always
/// parameters named <c>@column</c>, which Dapper binds for every provider.</summary>
public abstract partial class SqlDialect
{
    /// <summary>One page of a query's rows: <paramref name="query"/> (a SELECT without ORDER BY) ordered by
    /// <paramref name="orderBy"/>, skipping <paramref name="offset"/> rows and returning at most <paramref name="limit"/>.</summary>
    public virtual string Page(string query, string orderBy, long offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return $"{query}\nORDER BY {orderBy}\nLIMIT {limit} OFFSET {offset}";
    }

    /// <summary>
    /// Inserts one row, or, when a row with the same key exists, updates its other columns
    /// (<paramref name="updateColumns"/>; with none, the existing row is left as it is). Parameters are
    /// <c>@column</c> for every key and update column.
    /// </summary>
    public virtual string Upsert(string table, string? schema, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(updateColumns);
        if (keyColumns.Count == 0)
            throw new ArgumentException("an upsert needs at least one key column", nameof(keyColumns));
        var all = keyColumns.Concat(updateColumns).ToList();
        var insert = $"INSERT INTO {TableName(table, schema)} ({string.Join(", ", all.Select(Quote))})\n"
            + $"VALUES ({string.Join(", ", all.Select(Parameter))})\n"
            + $"ON CONFLICT ({string.Join(", ", keyColumns.Select(Quote))}) ";
        return updateColumns.Count == 0
            ? insert + "DO NOTHING"
            : insert + $"DO UPDATE SET {string.Join(", ", updateColumns.Select(c => $"{Quote(c)} = excluded.{Quote(c)}"))}";
    }

    /// <summary>Inserts one row unless a row with the same key exists (an upsert that updates nothing).</summary>
    public string InsertIfMissing(string table, string? schema, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(otherColumns);
        if (keyColumns.Count == 0)
            throw new ArgumentException("an insert-if-missing needs at least one key column", nameof(keyColumns));
        return InsertIfMissingCore(table, schema, keyColumns, otherColumns);
    }

    /// <summary>Inserts the key and other columns unless the key exists.</summary>
    protected virtual string InsertIfMissingCore(string table, string? schema, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns)
    {
        var all = keyColumns.Concat(otherColumns).ToList();
        return $"INSERT INTO {TableName(table, schema)} ({string.Join(", ", all.Select(Quote))})\n"
            + $"VALUES ({string.Join(", ", all.Select(Parameter))})\n"
            + $"ON CONFLICT ({string.Join(", ", keyColumns.Select(Quote))}) DO NOTHING";
    }

    /// <summary>The parameter for a column's value: <c>@column</c>.</summary>
    public static string Parameter(string column) => "@" + column;
}

/// <summary>SQL Server's spelling of the data statements: OFFSET/FETCH paging and MERGE upserts.</summary>
public sealed partial class SqlServerDialect
{
    /// <inheritdoc />
    public override string Page(string query, string orderBy, long offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return $"{query}\nORDER BY {orderBy}\nOFFSET {offset} ROWS FETCH NEXT {limit} ROWS ONLY";
    }

    /// <summary>A MERGE under HOLDLOCK, so that two sessions upserting the same key cannot both insert it.</summary>
    public override string Upsert(string table, string? schema, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(updateColumns);
        if (keyColumns.Count == 0)
            throw new ArgumentException("an upsert needs at least one key column", nameof(keyColumns));
        var all = keyColumns.Concat(updateColumns).ToList();
        var merge = Merge(table, schema, keyColumns, all);
        if (updateColumns.Count > 0)
            merge += $"\nWHEN MATCHED THEN\n    UPDATE SET {string.Join(", ", updateColumns.Select(c => $"{Quote(c)} = source.{Quote(c)}"))}";
        return merge + $"\nWHEN NOT MATCHED THEN\n    INSERT ({string.Join(", ", all.Select(Quote))}) VALUES ({string.Join(", ", all.Select(c => "source." + Quote(c)))});";
    }

    /// <inheritdoc />
    protected override string InsertIfMissingCore(string table, string? schema, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns)
    {
        var all = keyColumns.Concat(otherColumns).ToList();
        return Merge(table, schema, keyColumns, all)
            + $"\nWHEN NOT MATCHED THEN\n    INSERT ({string.Join(", ", all.Select(Quote))}) VALUES ({string.Join(", ", all.Select(c => "source." + Quote(c)))});";
    }

    private string Merge(string table, string? schema, IReadOnlyList<string> keyColumns, IReadOnlyList<string> all) =>
        $"MERGE INTO {TableName(table, schema)} WITH (HOLDLOCK) AS target\n"
        + $"USING (SELECT {string.Join(", ", all.Select(c => $"{Parameter(c)} AS {Quote(c)}"))}) AS source\n"
        + $"ON {string.Join(" AND ", keyColumns.Select(c => $"target.{Quote(c)} = source.{Quote(c)}"))}";
}
