namespace Curation.Database.SqlServer.Loading;

/// <summary>Rows waiting for the next <c>SqlBulkCopy.WriteToServer</c>: each value converted to its column's type as
/// it is added, so that a bad value is reported with its row; the row arrays are reused from one batch to the next.</summary>
internal sealed class RowBuffer
{
    private readonly object[][] rows;

    /// <summary>Creates a buffer of <paramref name="capacity"/> rows of <paramref name="columns"/>.</summary>
    public RowBuffer(IReadOnlyList<LoadColumn> columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Columns = columns;
        rows = new object[capacity][];
    }

    /// <summary>The columns of each row.</summary>
    public IReadOnlyList<LoadColumn> Columns { get; }

    /// <summary>Rows buffered.</summary>
    public int Count { get; private set; }

    /// <summary>True when no further row fits.</summary>
    public bool IsFull => Count == rows.Length;

    /// <summary>Adds a row (converted); a value that cannot be converted leaves the buffer as it was.</summary>
    public void Add(ReadOnlySpan<object?> values)
    {
        if (IsFull)
            throw new InvalidOperationException("the row buffer is full: write it first");
        if (values.Length != Columns.Count)
            throw new ArgumentException($"a row has {values.Length} values; the buffer takes {Columns.Count}", nameof(values));
        var row = rows[Count] ??= new object[Columns.Count];
        for (var i = 0; i < values.Length; i++)
            row[i] = Columns[i].Convert(values[i]);
        Count++;
    }

    /// <summary>The row at <paramref name="index"/> (no copy).</summary>
    public object[] Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return rows[index];
    }

    /// <summary>Forgets every row (their arrays are kept for the next batch).</summary>
    public void Clear()
    {
        for (var i = 0; i < Count; i++)
            Array.Clear(rows[i]);
        Count = 0;
    }

    /// <summary>A forward-only reader over the buffered rows, as SqlBulkCopy reads them.</summary>
    public BufferedRowReader Reader() => new(this);
}
