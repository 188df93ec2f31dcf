using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Curation.Fits.Native;

namespace Curation.Fits.Tables;

/// <summary>
/// Streams a binary or ASCII table in chunks of rows, column by column, in bounded memory. Fixed-width binary
/// columns are decoded from the raw rows (one CFITSIO read per chunk); variable-length arrays and ASCII-table numbers
/// are read through CFITSIO, which applies their scaling and nulls.
/// </summary>
public sealed class TableReader
{
    /// <summary>Bytes of raw rows read at a time when the caller does not choose a chunk size.</summary>
    public const int DefaultChunkBytes = 16 << 20;

    private readonly FitsHdu hdu;
    private readonly long rowBytes;
    private byte[]? rawBuffer;

    internal TableReader(FitsHdu hdu, IReadOnlyList<int>? columnIndexes)
    {
        this.hdu = hdu;
        var all = hdu.Columns;
        Columns = columnIndexes is null ? all : columnIndexes.Select(i => i >= 0 && i < all.Count ? all[i]
            : throw new FitsException(hdu.File.Path, hdu.Index, $"has no column {i} (it has {all.Count})")).ToList();
        Rows = hdu.Rows ?? 0;
        rowBytes = hdu.Axes.Count > 0 ? hdu.Axes[0] : 0;
    }

    /// <summary>The columns read.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Rows in the table.</summary>
    public long Rows { get; }

    /// <summary>Rows per chunk for the default chunk size.</summary>
    public int DefaultChunkRows => (int)Math.Clamp(DefaultChunkBytes / Math.Max(rowBytes, 1), 1, 1 << 20);

    /// <summary>Reads the whole table as consecutive chunks of at most <paramref name="rowsPerChunk"/> rows (0: the default).</summary>
    public IEnumerable<TableChunk> ReadChunks(int rowsPerChunk = 0)
    {
        if (rowsPerChunk <= 0)
            rowsPerChunk = DefaultChunkRows;
        for (long first = 0; first < Rows; first += rowsPerChunk)
            yield return Read(first, (int)Math.Min(rowsPerChunk, Rows - first));
    }

    /// <summary>Reads <paramref name="count"/> rows from the 0-based row <paramref name="firstRow"/>.</summary>
    public TableChunk Read(long firstRow, int count)
    {
        if (firstRow < 0 || count < 0 || firstRow + count > Rows)
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"rows {firstRow}..{firstRow + count - 1} are outside the table of {Rows}");
        var data = new ColumnData[Columns.Count];
        var fixedColumns = new List<int>();
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            if (c.IsVariableLength)
                data[i] = ReadVariable(c, firstRow, count);
            else if (c.IsAscii && c.Type != ColumnType.String)
                data[i] = ReadAsciiNumbers(c, firstRow, count);
            else
                fixedColumns.Add(i);
        }

        // Fixed-width fields (and ASCII strings) are decoded from the raw rows.
        var raw = count > 0 && rowBytes > 0 && fixedColumns.Count > 0 ? ReadRawRows(firstRow, count) : [];
        if ((long)count * fixedColumns.Count >= 1 << 16)
            Parallel.ForEach(fixedColumns, i => data[i] = Decode(Columns[i], raw, count));
        else
            foreach (var i in fixedColumns)
                data[i] = Decode(Columns[i], raw, count);
        return new TableChunk(firstRow, count, data);
    }

    private unsafe byte[] ReadRawRows(long firstRow, int count)
    {
        var total = rowBytes * count;
        if (total > Array.MaxLength)
            throw new FitsException(hdu.File.Path, hdu.Index, $"{count} rows of {rowBytes} bytes are too many to read at once; use smaller chunks");
        // One raw buffer per reader, reused by every chunk: the decoded columns are copies.
        if (rawBuffer is null || rawBuffer.Length < total)
            rawBuffer = GC.AllocateUninitializedArray<byte>((int)total);
        var raw = rawBuffer;
        fixed (byte* p = raw)
        {
            var pointer = p;
            hdu.OnHdu(fptr =>
            {
                var status = 0;
                Cfitsio.ReadTableBytes(fptr, firstRow + 1, 1, total, pointer, ref status);
                hdu.File.Check(status, hdu.Index, $"rows {firstRow + 1}..{firstRow + count} cannot be read");
                return 0;
            });
        }

        return raw;
    }

    private ColumnData Decode(TableColumn c, byte[] raw, int count)
    {
        var offset = (int)c.Offset;
        var stride = (int)rowBytes;
        var repeat = (int)c.Repeat;
        switch (c.Type)
        {
            case ColumnType.String:
            {
                var strings = new string?[count];
                var width = (int)c.FieldBytes;
                for (var r = 0; r < count; r++)
                    strings[r] = DecodeString(raw.AsSpan(r * stride + offset, width));
                return new ColumnData(c, count, null, 1, strings: strings);
            }

            case ColumnType.Logical or ColumnType.Byte or ColumnType.Bit:
            {
                var width = (int)c.FieldBytes;
                var bytes = new byte[count * width];
                for (var r = 0; r < count; r++)
                    raw.AsSpan(r * stride + offset, width).CopyTo(bytes.AsSpan(r * width));
                return new ColumnData(c, count, bytes, width);
            }

            case ColumnType.Int16:
                return new ColumnData(c, count, Swap<short>(raw, count, stride, offset, repeat, 2), repeat);
            case ColumnType.Int32:
                return new ColumnData(c, count, Swap<int>(raw, count, stride, offset, repeat, 4), repeat);
            case ColumnType.Int64:
                return new ColumnData(c, count, Swap<long>(raw, count, stride, offset, repeat, 8), repeat);
            case ColumnType.Float32:
                return new ColumnData(c, count, Swap<float>(raw, count, stride, offset, repeat, 4), repeat);
            case ColumnType.Float64:
                return new ColumnData(c, count, Swap<double>(raw, count, stride, offset, repeat, 8), repeat);
            case ColumnType.Complex64:
                return new ColumnData(c, count, Swap<float>(raw, count, stride, offset, repeat * 2, 4), repeat * 2);
            case ColumnType.Complex128:
                return new ColumnData(c, count, Swap<double>(raw, count, stride, offset, repeat * 2, 8), repeat * 2);
            default:
                throw new FitsException(hdu.File.Path, hdu.Index, $"column {c.Index + 1} ({c.Name}): type {c.Type} cannot be decoded");
        }
    }

    /// <summary>Gathers one column's big-endian elements out of the rows into a native-order array.</summary>
    private static unsafe T[] Swap<T>(byte[] raw, int count, int stride, int offset, int repeat, int size)
        where T : unmanaged
    {
        var values = GC.AllocateUninitializedArray<T>(count * repeat);
        var width = repeat * size;
        if (width == 0 || count == 0)
            return values;
        fixed (byte* source = raw)
        fixed (T* target = values)
        {
            var from = source + offset;
            var to = (byte*)target;
            if (BitConverter.IsLittleEndian && repeat == 1 && size == 4)
            {
                // The hot path (imcore catalogues are all 1E columns): one load, one byte swap, one store per value.
                var dst = (uint*)to;
                for (var r = 0; r < count; r++, from += stride)
                    dst[r] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(from));
                return values;
            }

            if (BitConverter.IsLittleEndian && repeat == 1 && size == 8)
            {
                var dst = (ulong*)to;
                for (var r = 0; r < count; r++, from += stride)
                    dst[r] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(from));
                return values;
            }

            for (var r = 0; r < count; r++, from += stride)
                Buffer.MemoryCopy(from, to + (long)r * width, width, width);
        }

        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            switch (size)
            {
                case 2:
                    var s = MemoryMarshal.Cast<byte, short>(bytes);
                    BinaryPrimitives.ReverseEndianness(s, s);
                    break;
                case 4:
                    var i = MemoryMarshal.Cast<byte, int>(bytes);
                    BinaryPrimitives.ReverseEndianness(i, i);
                    break;
                case 8:
                    var l = MemoryMarshal.Cast<byte, long>(bytes);
                    BinaryPrimitives.ReverseEndianness(l, l);
                    break;
            }
        }

        return values;
    }

    private static string DecodeString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        if (end >= 0)
            field = field[..end];
        while (field.Length > 0 && field[^1] == (byte)' ')
            field = field[..^1];
        return Encoding.Latin1.GetString(field);
    }

    private unsafe ColumnData ReadAsciiNumbers(TableColumn c, long firstRow, int count)
    {
        var values = new double[count];
        var nulls = new byte[count];
        if (count > 0)
        {
            fixed (double* v = values)
            fixed (byte* n = nulls)
            {
                var pv = v;
                var pn = n;
                hdu.OnHdu(fptr =>
                {
                    var status = 0;
                    Cfitsio.ReadColumnDoublesWithNulls(fptr, c.Index + 1, firstRow + 1, 1, count, pv, pn, out _, ref status);
                    hdu.File.Check(status, hdu.Index, $"column {c.Index + 1} ({c.Name}) rows {firstRow + 1}..{firstRow + count} cannot be read");
                    return 0;
                });
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (nulls[i] != 0)
                values[i] = double.NaN;
        }

        return new ColumnData(c, count, values, 1, physical: true);
    }

    private unsafe ColumnData ReadVariable(TableColumn c, long firstRow, int count)
    {
        var rows = new double[]?[count];
        string?[]? strings = c.Type == ColumnType.String ? new string?[count] : null;
        hdu.OnHdu(fptr =>
        {
            for (var r = 0; r < count; r++)
            {
                var status = 0;
                var row = firstRow + r + 1;
                Cfitsio.ReadDescriptor(fptr, c.Index + 1, row, out var length, out _, ref status);
                hdu.File.Check(status, hdu.Index, $"column {c.Index + 1} ({c.Name}) row {row}: variable-length descriptor cannot be read");
                if (length == 0 || c.FieldBytes == 0)
                {
                    rows[r] = [];
                    if (strings is not null)
                        strings[r] = "";
                    continue;
                }

                switch (c.Type)
                {
                    case ColumnType.String:
                    case ColumnType.Bit:
                    {
                        var bytes = new byte[length];
                        fixed (byte* b = bytes)
                        {
                            byte zero = 0;
                            Cfitsio.ReadColumn(fptr, Cfitsio.TBYTE, c.Index + 1, row, 1, length, &zero, b, out _, ref status);
                        }

                        if (strings is not null)
                            strings[r] = DecodeString(bytes);
                        else
                            rows[r] = [.. bytes.Select(x => (double)x)];
                        break;
                    }

                    case ColumnType.Logical:
                    {
                        var values = new byte[length];
                        var nulls = new byte[length];
                        fixed (byte* v = values)
                        fixed (byte* n = nulls)
                            Cfitsio.ReadColumnLogicalsWithNulls(fptr, c.Index + 1, row, 1, length, v, n, out _, ref status);
                        rows[r] = [.. values.Select((x, i) => nulls[i] != 0 ? double.NaN : x)];
                        break;
                    }

                    case ColumnType.Complex64 or ColumnType.Complex128:
                    {
                        var values = new double[length * 2];
                        fixed (double* v = values)
                        {
                            var zero = stackalloc double[2];
                            Cfitsio.ReadColumn(fptr, Cfitsio.TDBLCOMPLEX, c.Index + 1, row, 1, length, zero, v, out _, ref status);
                        }

                        rows[r] = values;
                        break;
                    }

                    default:
                    {
                        var values = new double[length];
                        var nulls = new byte[length];
                        fixed (double* v = values)
                        fixed (byte* n = nulls)
                            Cfitsio.ReadColumnDoublesWithNulls(fptr, c.Index + 1, row, 1, length, v, n, out _, ref status);
                        for (var i = 0; i < length; i++)
                        {
                            if (nulls[i] != 0)
                                values[i] = double.NaN;
                        }

                        rows[r] = values;
                        break;
                    }
                }

                hdu.File.Check(status, hdu.Index, $"column {c.Index + 1} ({c.Name}) row {row}: variable-length array cannot be read");
            }

            return 0;
        });
        return new ColumnData(c, count, null, 0, rows, strings, physical: true);
    }
}
