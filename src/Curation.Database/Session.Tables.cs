using System.Globalization;

namespace Curation.Database;

public sealed partial class Session
{
    /// <summary>
    /// The rows of a small reference table (<c>Programme</c>, <c>Filter</c>, <c>RequiredFilters</c>, ...), read once and
    /// kept until this session changes the table through <see cref="Upsert"/>, <see cref="InsertIfMissing"/> or
    /// <see cref="Invalidate"/>, or rolls back a transaction.
    /// </summary>
    public ReferenceTableCache Table(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!tables.TryGetValue(name, out var table))
        {
            var rows = QueryRows($"SELECT * FROM {Name(name)}").Select(r => new TableRow(name, r)).ToList();
            table = new ReferenceTableCache(name, rows);
            tables[name] = table;
        }

        return table;
    }

    /// <summary>Forgets the cached rows of <paramref name="table"/>, so that the next <see cref="Table"/> reads them again.</summary>
    public void Invalidate(string table) => tables.Remove(table);
}

/// <summary>The cached rows of one small table (see <see cref="Session.Table"/>).</summary>
public sealed class ReferenceTableCache
{
    internal ReferenceTableCache(string name, IReadOnlyList<TableRow> rows)
    {
        Name = name;
        Rows = rows;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>Every row, in the order the database returned them.</summary>
    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>The rows whose <paramref name="column"/> equals <paramref name="value"/> (numbers by value, text ignoring case).</summary>
    public IEnumerable<TableRow> Where(string column, object value) => Rows.Where(r => TableRow.SameValue(r[column], value));

    /// <summary>The one row whose <paramref name="column"/> equals <paramref name="value"/>, or null.</summary>
    public TableRow? Find(string column, object value) => Where(column, value).FirstOrDefault();
}

/// <summary>One row of a cached table: column values by name, whatever the case.</summary>
public sealed class TableRow
{
    private readonly IReadOnlyDictionary<string, object?> values;

    internal TableRow(string table, IReadOnlyDictionary<string, object?> values)
    {
        Table = table;
        this.values = values;
    }

    /// <summary>The table the row is from.</summary>
    public string Table { get; }

    /// <summary>A column's value (null for NULL).</summary>
    /// <exception cref="KeyNotFoundException">The table has no such column.</exception>
    public object? this[string column] =>
        values.TryGetValue(column, out var v) ? v : throw new KeyNotFoundException($"table {Table} has no column {column}");

    /// <summary>A column's value converted to <typeparamref name="T"/> (engines return integers as 64 bits, for example).</summary>
    public T Get<T>(string column)
    {
        var value = this[column];
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is null)
            return default!;
        if (value is T t)
            return t;
        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    internal static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => string.Equals(x.TrimEnd(), y.TrimEnd(), StringComparison.OrdinalIgnoreCase),
        (IConvertible x, IConvertible y) when IsNumber(a) && IsNumber(b) => a is float or double || b is float or double
            ? x.ToDouble(CultureInfo.InvariantCulture).Equals(y.ToDouble(CultureInfo.InvariantCulture))
            : x.ToDecimal(CultureInfo.InvariantCulture) == y.ToDecimal(CultureInfo.InvariantCulture),
        _ => Equals(a, b),
    };

    private static bool IsNumber(object o) => o is sbyte or byte or short or ushort or int or uint or long or ulong or decimal
        or float or double;
}
