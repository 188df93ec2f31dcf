namespace Curation.Fits.Tables;

/// <summary>A run of consecutive rows of a table, column by column.</summary>
public sealed class TableChunk
{
    internal TableChunk(long firstRow, int rowCount, IReadOnlyList<ColumnData> columns)
    {
        FirstRow = firstRow;
        RowCount = rowCount;
        Columns = columns;
    }

    /// <summary>0-based index of the first row in the table.</summary>
    public long FirstRow { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The data of each column read, in the reader's column order.</summary>
    public IReadOnlyList<ColumnData> Columns { get; }

    /// <summary>The data of the column with this name (case-insensitive), or null.</summary>
    public ColumnData? this[string name] => Columns.FirstOrDefault(c => string.Equals(c.Column.Name, name, StringComparison.OrdinalIgnoreCase));
}
