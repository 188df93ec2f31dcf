using System.Buffers;
using System.Globalization;
using System.Text;

namespace Curation.Database.Outgesting;

/// <summary>CSV: RFC 4180 fields and quoting, LF line endings, UTF-8 without BOM, invariant culture, NULL as an empty
/// field and the empty string as <c>""</c>.</summary>
public static partial class Outgester
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\n\r");

    private static OutgestReport WriteCsv(RowReader rows, OutgestFiles files)
    {
        var columns = rows.Columns;
        long records = 0;
        using (var sink = new ByteSink(files.DataTemporary))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                    sink.WriteByte((byte)',');
                WriteField(sink, columns[i].Name);
            }

            sink.WriteByte((byte)'\n');
            while (rows.Next())
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (i > 0)
                        sink.WriteByte((byte)',');
                    WriteCell(sink, in rows.Cells[i]);
                }

                sink.WriteByte((byte)'\n');
                records++;
            }

            sink.Complete();
        }

        // Read the file back as CSV: the records in it, less the header line, must be the rows read.
        string? problem = null;
        try
        {
            var inFile = CsvChecker.CountRecords(files.DataTemporary, columns.Count) - 1;
            if (inFile != rows.Rows)
                problem = $"it holds {inFile} records for the {rows.Rows} rows read";
        }
        catch (InvalidDataException e)
        {
            problem = $"it does not read back as CSV: {e.Message}";
        }

        Verify(files, rows.Rows, records, problem);
        var bytes = new FileInfo(files.DataTemporary).Length;
        files.MoveIntoPlace();
        return new OutgestReport(OutgestFormat.Csv, files.Target, null, rows.Rows, [.. columns.Select(c => c.Name)], bytes, null);
    }

    private static void WriteCell(ByteSink sink, in Cell cell)
    {
        switch (cell.Kind)
        {
            case CellKind.Null:
                return;
            case CellKind.Integer:
                Format(sink, cell.Integer, default);
                return;
            case CellKind.Boolean:
                sink.WriteByte(cell.Integer != 0 ? (byte)'1' : (byte)'0');
                return;
            case CellKind.Real:
                Format(sink, cell.Real, "R");
                return;
            case CellKind.Single:
                Format(sink, (float)cell.Real, "R"); // the float's own shortest form: 0.9, not 0.8999999761581421
                return;
            case CellKind.Decimal:
                Format(sink, cell.Decimal, default);
                return;
            case CellKind.Text:
                WriteField(sink, cell.Text!);
                return;
            case CellKind.DateTime:
                Format(sink, new DateTime(cell.Integer), "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff");
                return;
            case CellKind.UtcDateTime:
                Format(sink, new DateTime(cell.Integer), "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'");
                return;
            case CellKind.Date:
                Format(sink, DateOnly.FromDayNumber((int)cell.Integer), "yyyy'-'MM'-'dd");
                return;
            default:
                if (cell.Integer is >= 0 and < TimeSpan.TicksPerDay)
                    Format(sink, new TimeOnly(cell.Integer), "HH':'mm':'ss'.'ffffff");
                else
                    Format(sink, new TimeSpan(cell.Integer), "c"); // an interval: [-][d.]hh:mm:ss[.fffffff]
                return;
        }
    }

    private static void Format<T>(ByteSink sink, T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        // 64 bytes hold every form above (a double's "R" takes at most 24, a decimal 31).
        if (!value.TryFormat(sink.GetSpan(64), out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"{value} does not fit in 64 bytes");
        sink.Advance(written);
    }

    /// <summary>A text field: as it is, or quoted (quotes doubled) when it holds a comma, quote or line break, or is
    /// empty (so that it differs from NULL).</summary>
    private static void WriteField(ByteSink sink, string text)
    {
        var rest = text.AsSpan();
        if (rest.Length > 0 && !rest.ContainsAny(NeedsQuotes))
        {
            WriteUtf8(sink, rest);
            return;
        }

        sink.WriteByte((byte)'"');
        while (true)
        {
            var quote = rest.IndexOf('"');
            if (quote < 0)
            {
                WriteUtf8(sink, rest);
                break;
            }

            WriteUtf8(sink, rest[..(quote + 1)]);
            sink.WriteByte((byte)'"');
            rest = rest[(quote + 1)..];
        }

        sink.WriteByte((byte)'"');
    }

    private static void WriteUtf8(ByteSink sink, ReadOnlySpan<char> text) =>
        sink.Advance(Encoding.UTF8.GetBytes(text, sink.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
}
