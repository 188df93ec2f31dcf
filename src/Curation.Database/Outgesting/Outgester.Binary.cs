using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Curation.Database.Outgesting;

/// <summary>Binary: fixed-size little-endian records (a null bitmap, then each column at its offset, no padding), no
/// header, and the JSON descriptor <c>FILE.json</c>. When the layout depends on the values (a string column's width is
/// its longest value; a SQLite expression's type is that of its values), the rows are first spooled to a temporary
/// file beside the target, then rewritten as records: the query runs once, and memory stays one record.</summary>
public static partial class Outgester
{
    /// <summary>The version written as <c>format_version</c> in descriptors.</summary>
    public const int BinaryFormatVersion = 1;

    private const long MicrosecondsPerDay = 86_400_000_000;

    // Spool tags of a value whose type is inferred (SQLite expressions).
    private const byte SpooledInteger = 1;
    private const byte SpooledReal = 2;
    private const byte SpooledText = 4;

    private static OutgestReport WriteBinary(RowReader rows, OutgestFiles files)
    {
        var columns = rows.Columns;
        var bitmapSize = (columns.Count + 7) / 8;
        BinaryLayout layout;
        long records;
        if (columns.All(c => c.Type is { } t && t != BinaryType.String))
        {
            layout = Layout(columns, bitmapSize, [.. columns.Select(c => c.Type!.Value)], new int[columns.Count]);
            records = WriteRecords(rows, layout, files.DataTemporary);
        }
        else
        {
            var spool = SpoolRows(rows, files.Spool!, bitmapSize);
            layout = Layout(columns, bitmapSize, ResolveTypes(rows, spool.Seen), spool.LongestText);
            records = WriteRecordsFromSpool(files, columns, layout, spool.Rows);
            File.Delete(files.Spool!);
        }

        var bytes = new FileInfo(files.DataTemporary).Length;
        var expected = rows.Rows * layout.RecordSize;
        Verify(files, rows.Rows, records,
            bytes == expected ? null : $"it holds {bytes} bytes where {rows.Rows} records of {layout.RecordSize} bytes take {expected}");
        WriteDescriptor(files, layout, rows.Rows);
        files.MoveIntoPlace();
        return new OutgestReport(OutgestFormat.Binary, files.Target, files.Descriptor, rows.Rows, [.. columns.Select(c => c.Name)], bytes, layout);
    }

    private static BinaryLayout Layout(IReadOnlyList<QueryColumn> columns, int bitmapSize, BinaryType[] types, int[] longestText)
    {
        var offset = bitmapSize;
        var result = new BinaryColumn[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var size = types[i] == BinaryType.String ? Math.Max(1, longestText[i]) : FixedSize(types[i]); // numpy has no zero-width string
            result[i] = new BinaryColumn(columns[i].Name, types[i], size, offset, columns[i].SourceType);
            offset = checked(offset + size);
        }

        return new BinaryLayout(bitmapSize, offset, result);
    }

    /// <summary>The width in bytes of a type other than <see cref="BinaryType.String"/>.</summary>
    private static int FixedSize(BinaryType type) => type switch
    {
        BinaryType.Bool or BinaryType.UInt8 => 1,
        BinaryType.Int16 => 2,
        BinaryType.Int32 or BinaryType.Float32 => 4,
        _ => 8,
    };

    /// <summary>Every column of known fixed size: each row encoded straight into its record.</summary>
    private static long WriteRecords(RowReader rows, BinaryLayout layout, string path)
    {
        long records = 0;
        using var sink = new ByteSink(path);
        while (rows.Next())
        {
            var record = sink.GetSpan(layout.RecordSize)[..layout.RecordSize];
            record.Clear();
            for (var i = 0; i < layout.Columns.Count; i++)
            {
                var column = layout.Columns[i];
                if (rows.Cells[i].Kind == CellKind.Null)
                    record[i >> 3] |= (byte)(1 << (i & 7));
                else
                    EncodeFixed(rows, i, column.Type, record.Slice(column.Offset, column.Size));
            }

            sink.Advance(layout.RecordSize);
            records++;
        }

        sink.Complete();
        return records;
    }

    /// <summary>What the spool pass learnt: rows, each column's longest UTF-8 text and, for inferred columns, the
    /// kinds of value seen (<see cref="SpooledInteger"/>, <see cref="SpooledReal"/>, <see cref="SpooledText"/>).</summary>
    private sealed record SpoolSummary(long Rows, int[] LongestText, byte[] Seen);

    /// <summary>Spools each row: its null bitmap, then each non-NULL value: fixed-size types already encoded, strings
    /// as a 4-byte length and their UTF-8 bytes, inferred values as a tag and their value.</summary>
    private static SpoolSummary SpoolRows(RowReader rows, string spool, int bitmapSize)
    {
        var columns = rows.Columns;
        var longest = new int[columns.Count];
        var seen = new byte[columns.Count];
        Span<byte> bitmap = stackalloc byte[bitmapSize];
        Span<byte> fixedValue = stackalloc byte[8];
        long spooled = 0;
        using var sink = new ByteSink(spool);
        while (rows.Next())
        {
            bitmap.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                if (rows.Cells[i].Kind == CellKind.Null)
                    bitmap[i >> 3] |= (byte)(1 << (i & 7));
            }

            sink.Write(bitmap);
            for (var i = 0; i < columns.Count; i++)
            {
                ref readonly var cell = ref rows.Cells[i];
                if (cell.Kind == CellKind.Null)
                    continue;
                switch (columns[i].Type)
                {
                    case BinaryType.String:
                        longest[i] = Math.Max(longest[i], SpoolText(rows, i, sink));
                        break;
                    case { } type:
                        var size = FixedSize(type);
                        EncodeFixed(rows, i, type, fixedValue[..size]);
                        sink.Write(fixedValue[..size]);
                        break;
                    default:
                        // Inferred (a SQLite expression): the storage class of each value, resolved once all are seen.
                        if (cell.Kind == CellKind.Integer)
                        {
                            seen[i] |= SpooledInteger;
                            sink.WriteByte(SpooledInteger);
                            BinaryPrimitives.WriteInt64LittleEndian(fixedValue, cell.Integer);
                            sink.Write(fixedValue);
                        }
                        else if (cell.Kind == CellKind.Real)
                        {
                            seen[i] |= SpooledReal;
                            sink.WriteByte(SpooledReal);
                            BinaryPrimitives.WriteDoubleLittleEndian(fixedValue, cell.Real);
                            sink.Write(fixedValue);
                        }
                        else
                        {
                            seen[i] |= SpooledText;
                            sink.WriteByte(SpooledText);
                            longest[i] = Math.Max(longest[i], SpoolText(rows, i, sink));
                        }

                        break;
                }
            }

            spooled++;
        }

        sink.Complete();
        return new SpoolSummary(spooled, longest, seen);
    }

    /// <summary>Spools a text value as its UTF-8 length (4 bytes) and bytes; returns the length.</summary>
    private static int SpoolText(RowReader rows, int column, ByteSink sink)
    {
        ref readonly var cell = ref rows.Cells[column];
        if (cell.Kind != CellKind.Text)
            throw rows.ValueError(column, $"holds {Describe(cell)} where its type {TypeOf(rows, column)} needs text");
        var text = cell.Text!;
        if (text.Contains('\0', StringComparison.Ordinal))
            throw rows.ValueError(column, "holds a NUL character, which a zero-padded string field cannot keep");
        var span = sink.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        sink.Advance(4 + length);
        return length;
    }

    /// <summary>The binary types: declared ones as they are; inferred ones from the values seen (integers only:
    /// int64; any real: float64; text: string; none at all: int64).</summary>
    private static BinaryType[] ResolveTypes(RowReader rows, byte[] seen)
    {
        var types = new BinaryType[rows.Columns.Count];
        for (var i = 0; i < types.Length; i++)
        {
            if (rows.Columns[i].Type is { } declared)
            {
                types[i] = declared;
                continue;
            }

            if ((seen[i] & SpooledText) != 0 && (seen[i] & (SpooledInteger | SpooledReal)) != 0)
            {
                throw rows.ColumnError(i,
                    "holds both text and numbers (SQLite keeps each value's own type), so it has no one binary type: CAST it in the query");
            }

            types[i] = (seen[i] & SpooledText) != 0 ? BinaryType.String
                : (seen[i] & SpooledReal) != 0 ? BinaryType.Float64
                : BinaryType.Int64;
        }

        return types;
    }

    /// <summary>Rewrites the spool as fixed-size records; returns the number written.</summary>
    private static long WriteRecordsFromSpool(OutgestFiles files, IReadOnlyList<QueryColumn> columns, BinaryLayout layout, long rows)
    {
        long records = 0;
        using var source = new ByteSource(files.Spool!);
        using var sink = new ByteSink(files.DataTemporary);
        for (var r = 0L; r < rows; r++)
        {
            var record = sink.GetSpan(layout.RecordSize)[..layout.RecordSize];
            record.Clear();
            source.Read(record[..layout.NullBitmapSize]);
            for (var i = 0; i < columns.Count; i++)
            {
                if ((record[i >> 3] & (1 << (i & 7))) != 0)
                    continue;
                var column = layout.Columns[i];
                var field = record.Slice(column.Offset, column.Size);
                if (columns[i].Type is BinaryType.String)
                {
                    source.Read(field[..source.ReadInt32()]);
                }
                else if (columns[i].Type is not null)
                {
                    source.Read(field);
                }
                else
                {
                    var tag = source.ReadByte();
                    if (tag == SpooledText)
                        source.Read(field[..source.ReadInt32()]);
                    else if (tag == SpooledInteger && column.Type == BinaryType.Float64)
                        BinaryPrimitives.WriteDoubleLittleEndian(field, source.ReadInt64());
                    else
                        source.Read(field); // an int64 as int64, a float64 as float64: the spooled bytes as they are
                }
            }

            sink.Advance(layout.RecordSize);
            records++;
        }

        if (!source.AtEnd)
            throw new InvalidDataException($"the spool {files.Spool} holds more than {rows} rows");
        sink.Complete();
        return records;
    }

    /// <summary>Encodes a non-NULL value of a fixed-size type, checking that it fits the type.</summary>
    private static void EncodeFixed(RowReader rows, int column, BinaryType type, Span<byte> field)
    {
        switch (type)
        {
            case BinaryType.Bool:
                field[0] = (byte)Integer(rows, column, 0, 1);
                break;
            case BinaryType.UInt8:
                field[0] = (byte)Integer(rows, column, byte.MinValue, byte.MaxValue);
                break;
            case BinaryType.Int16:
                BinaryPrimitives.WriteInt16LittleEndian(field, (short)Integer(rows, column, short.MinValue, short.MaxValue));
                break;
            case BinaryType.Int32:
                BinaryPrimitives.WriteInt32LittleEndian(field, (int)Integer(rows, column, int.MinValue, int.MaxValue));
                break;
            case BinaryType.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(field, Integer(rows, column, long.MinValue, long.MaxValue));
                break;
            case BinaryType.Float32:
                var d = Real(rows, column);
                var f = (float)d; // rounded to nearest, as the engines store a real
                if (float.IsInfinity(f) && double.IsFinite(d))
                    throw rows.ValueError(column, $"holds {d.ToString("R", CultureInfo.InvariantCulture)}, beyond the range of {TypeOf(rows, column)} (float32)");
                BinaryPrimitives.WriteSingleLittleEndian(field, f);
                break;
            case BinaryType.Float64:
                BinaryPrimitives.WriteDoubleLittleEndian(field, Real(rows, column));
                break;
            case BinaryType.DateTime:
                BinaryPrimitives.WriteInt64LittleEndian(field, Microseconds(rows, column));
                break;
            case BinaryType.Date:
                BinaryPrimitives.WriteInt64LittleEndian(field, Days(rows, column));
                break;
            default:
                BinaryPrimitives.WriteInt64LittleEndian(field, TimeMicroseconds(rows, column));
                break;
        }
    }

    private static long Integer(RowReader rows, int column, long min, long max)
    {
        ref readonly var cell = ref rows.Cells[column];
        if (cell.Kind is not (CellKind.Integer or CellKind.Boolean))
            throw rows.ValueError(column, $"holds {Describe(cell)} where its type {TypeOf(rows, column)} needs an integer");
        if (cell.Integer < min || cell.Integer > max)
            throw rows.ValueError(column, $"holds {cell.Integer}, outside the range of its type {TypeOf(rows, column)} ({min} to {max})");
        return cell.Integer;
    }

    private static double Real(RowReader rows, int column)
    {
        ref readonly var cell = ref rows.Cells[column];
        return cell.Kind switch
        {
            CellKind.Real or CellKind.Single => cell.Real,
            CellKind.Integer => cell.Integer,
            CellKind.Decimal => (double)cell.Decimal,
            _ => throw rows.ValueError(column, $"holds {Describe(cell)} where its type {TypeOf(rows, column)} needs a number"),
        };
    }

    /// <summary>A date and time as microseconds since 1970-01-01T00:00:00 UTC (dates and times without a zone are
    /// taken as UTC; SQLite's text is parsed as such).</summary>
    private static long Microseconds(RowReader rows, int column)
    {
        ref readonly var cell = ref rows.Cells[column];
        var ticks = cell.Kind switch
        {
            CellKind.DateTime or CellKind.UtcDateTime => cell.Integer,
            CellKind.Date => DateOnly.FromDayNumber((int)cell.Integer).ToDateTime(TimeOnly.MinValue).Ticks,
            CellKind.Text => ParseDateTime(rows, column, cell.Text!).Ticks,
            _ => throw rows.ValueError(column, $"holds {Describe(cell)} where its type {TypeOf(rows, column)} needs a date and time"),
        };
        return Math.DivRem(ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond) switch
        {
            (var q, < 0) => q - 1, // floor: sub-microsecond parts of times before 1970 round down, as after
            (var q, _) => q,
        };
    }

    /// <summary>A date as days since 1970-01-01.</summary>
    private static long Days(RowReader rows, int column)
    {
        ref readonly var cell = ref rows.Cells[column];
        return cell.Kind switch
        {
            CellKind.Date => cell.Integer - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
            _ => Math.DivRem(Microseconds(rows, column), MicrosecondsPerDay) switch
            {
                (var q, < 0) => q - 1,
                (var q, _) => q,
            },
        };
    }

    /// <summary>A time of day as microseconds since midnight (an interval as its microseconds).</summary>
    private static long TimeMicroseconds(RowReader rows, int column)
    {
        ref readonly var cell = ref rows.Cells[column];
        var ticks = cell.Kind switch
        {
            CellKind.Time => cell.Integer,
            CellKind.Text => TimeSpan.TryParse(cell.Text, CultureInfo.InvariantCulture, out var t)
                ? t.Ticks
                : throw rows.ValueError(column, $"holds '{cell.Text}', which is not a time"),
            _ => throw rows.ValueError(column, $"holds {Describe(cell)} where its type {TypeOf(rows, column)} needs a time"),
        };
        return ticks / TimeSpan.TicksPerMicrosecond;
    }

    private static DateTime ParseDateTime(RowReader rows, int column, string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw rows.ValueError(column, $"holds '{text}', which is not a date and time");

    private static string TypeOf(RowReader rows, int column) =>
        rows.Columns[column].SourceType ?? rows.Columns[column].Type?.ToString().ToLowerInvariant() ?? "(inferred)";

    private static string Describe(in Cell cell) => cell.Kind switch
    {
        CellKind.Text => $"the text '{(cell.Text!.Length > 40 ? cell.Text[..40] + "..." : cell.Text)}'",
        CellKind.Real or CellKind.Single => $"the real value {cell.Real.ToString("R", CultureInfo.InvariantCulture)}",
        CellKind.Decimal => $"the decimal value {cell.Decimal.ToString(CultureInfo.InvariantCulture)}",
        CellKind.Integer => $"the integer {cell.Integer}",
        _ => $"a {cell.Kind.ToString().ToLowerInvariant()} value",
    };

    /// <summary>The descriptor (<see cref="OutgestDescriptor"/>), synced to disk.</summary>
    private static void WriteDescriptor(OutgestFiles files, BinaryLayout layout, long rows)
    {
        using var stream = new FileStream(files.DescriptorTemporary!, FileMode.CreateNew, FileAccess.Write);
        new OutgestDescriptor(Path.GetFileName(files.Target), rows, layout).Write(stream);
        stream.Flush(flushToDisk: true);
    }
}
