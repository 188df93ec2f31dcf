using System.Globalization;
using System.Text;

namespace Curation.Database;

/// <summary>The reference rows of one table, read from <c>schema-sql/data/&lt;Table&gt;.csv</c> (first line: column names).</summary>
/// <param name="Table">The table, from the file's name.</param>
/// <param name="File">The CSV file.</param>
/// <param name="Columns">The column names in the header.</param>
/// <param name="Rows">The rows: each value as written, with its line number for errors.</param>
public sealed record ReferenceTable(string Table, string File, IReadOnlyList<string> Columns, IReadOnlyList<ReferenceRow> Rows);

/// <summary>One reference row.</summary>
/// <param name="Line">Its line in the CSV file.</param>
/// <param name="Values">Its values, one per header column.</param>
public sealed record ReferenceRow(int Line, IReadOnlyList<string> Values);

/// <summary>Reads reference-row CSV files (RFC 4180: commas, double quotes, doubled quotes inside quotes).</summary>
public static class ReferenceData
{
    /// <summary>Every <c>*.csv</c> in a directory, by file name; none when the directory is absent.</summary>
    public static IReadOnlyList<ReferenceTable> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            return [];
        return Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal).Select(ReadFile).ToList();
    }

    /// <summary>Reads one CSV file.</summary>
    /// <exception cref="FormatException">A row is malformed; the message names the file and line.</exception>
    public static ReferenceTable ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var records = Parse(File.ReadAllText(path), path);
        if (records.Count == 0)
            throw new FormatException($"{path}:1: empty reference file: the first line must name the columns");
        var header = records[0].Values;
        var rows = new List<ReferenceRow>();
        foreach (var r in records.Skip(1))
        {
            if (r.Values.Count == 1 && r.Values[0].Length == 0)
                continue;
            if (r.Values.Count != header.Count)
                throw new FormatException($"{path}:{r.Line}: {r.Values.Count} values for {header.Count} columns");
            rows.Add(r);
        }

        return new ReferenceTable(Path.GetFileNameWithoutExtension(path), path, header, rows);
    }

    private static List<ReferenceRow> Parse(string text, string path)
    {
        var records = new List<ReferenceRow>();
        var values = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                values.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                values.Add(field.ToString());
                field.Clear();
                records.Add(new ReferenceRow(recordLine, values));
                values = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (inQuotes)
            throw new FormatException($"{path}:{recordLine}: a quoted value is not closed");
        if (field.Length > 0 || values.Count > 0)
        {
            values.Add(field.ToString());
            records.Add(new ReferenceRow(recordLine, values));
        }

        return records;
    }

    /// <summary>Converts a CSV value to the .NET value for a column of the given script type.</summary>
    /// <exception cref="FormatException">The value does not fit the type.</exception>
    public static object ConvertValue(string value, Schema.Model.SqlType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsInteger)
            return long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (type.IsFloat)
            return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (type.IsDecimal)
            return decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (type.IsDateTime)
            return DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return value;
    }
}
