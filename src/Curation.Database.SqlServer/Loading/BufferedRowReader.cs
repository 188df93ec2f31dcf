using System.Collections;
using System.Data.Common;

namespace Curation.Database.SqlServer.Loading;

/// <summary>
/// The rows of a <see cref="RowBuffer"/> as a forward-only data reader, which <c>SqlBulkCopy.WriteToServer</c> streams
/// to the server row by row: no DataTable is built. Columns are named and typed as the table's; each value is the
/// buffered one, already of its column's type, or <see cref="DBNull.Value"/>.
/// </summary>
internal sealed class BufferedRowReader : DbDataReader
{
    private readonly RowBuffer buffer;
    private int index = -1;
    private bool closed;

    /// <summary>Creates a reader positioned before the first row.</summary>
    public BufferedRowReader(RowBuffer buffer) => this.buffer = buffer;

    /// <inheritdoc />
    public override int FieldCount => buffer.Columns.Count;

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override bool HasRows => buffer.Count > 0;

    /// <inheritdoc />
    public override bool IsClosed => closed;

    /// <inheritdoc />
    public override int RecordsAffected => -1;

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    private object[] Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(closed, this);
            return index >= 0 && index < buffer.Count ? buffer.Row(index) : throw new InvalidOperationException("the reader is not on a row: call Read first");
        }
    }

    /// <inheritdoc />
    public override bool Read()
    {
        ObjectDisposedException.ThrowIf(closed, this);
        if (index < buffer.Count)
            index++;
        return index < buffer.Count;
    }

    /// <inheritdoc />
    public override bool NextResult() => false;

    /// <inheritdoc />
    public override void Close() => closed = true;

    /// <inheritdoc />
    public override string GetName(int ordinal) => buffer.Columns[ordinal].Name;

    /// <inheritdoc />
    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < buffer.Columns.Count; i++)
        {
            if (string.Equals(buffer.Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        throw new IndexOutOfRangeException($"no column {name} in the rows loaded");
    }

    /// <inheritdoc />
    public override string GetDataTypeName(int ordinal) => buffer.Columns[ordinal].SqlType;

    /// <inheritdoc />
    public override Type GetFieldType(int ordinal) => buffer.Columns[ordinal].ClrType;

    /// <inheritdoc />
    public override object GetValue(int ordinal) => Current[ordinal];

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, FieldCount);
        Array.Copy(Current, values, n);
        return n;
    }

    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => Current[ordinal] is DBNull;

    /// <inheritdoc />
    public override bool GetBoolean(int ordinal) => (bool)Current[ordinal];

    /// <inheritdoc />
    public override byte GetByte(int ordinal) => (byte)Current[ordinal];

    /// <inheritdoc />
    public override char GetChar(int ordinal) => ((string)Current[ordinal])[0];

    /// <inheritdoc />
    public override short GetInt16(int ordinal) => (short)Current[ordinal];

    /// <inheritdoc />
    public override int GetInt32(int ordinal) => (int)Current[ordinal];

    /// <inheritdoc />
    public override long GetInt64(int ordinal) => (long)Current[ordinal];

    /// <inheritdoc />
    public override float GetFloat(int ordinal) => (float)Current[ordinal];

    /// <inheritdoc />
    public override double GetDouble(int ordinal) => (double)Current[ordinal];

    /// <inheritdoc />
    public override decimal GetDecimal(int ordinal) => (decimal)Current[ordinal];

    /// <inheritdoc />
    public override DateTime GetDateTime(int ordinal) => (DateTime)Current[ordinal];

    /// <inheritdoc />
    public override Guid GetGuid(int ordinal) => (Guid)Current[ordinal];

    /// <inheritdoc />
    public override string GetString(int ordinal) => (string)Current[ordinal];

    /// <inheritdoc />
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        CopyOut((byte[])Current[ordinal], dataOffset, buffer, bufferOffset, length);

    /// <inheritdoc />
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        CopyOut(((string)Current[ordinal]).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <summary>Copies part of a value out, as <see cref="GetBytes"/> and <see cref="GetChars"/> do: with no buffer, the value's length.</summary>
    private static long CopyOut<T>(T[] value, long dataOffset, T[]? target, int targetOffset, int length)
    {
        if (target is null)
            return value.Length;
        var n = (int)Math.Max(0, Math.Min(length, value.Length - dataOffset));
        Array.Copy(value, dataOffset, target, targetOffset, n);
        return n;
    }
}
