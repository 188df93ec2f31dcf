namespace Curation.Invocations;

/// <summary>Plain text tables for the terminal: columns padded to their widest cell, two spaces apart.</summary>
internal static class Table
{
    /// <summary>Writes a header line and the rows; the columns listed in <paramref name="rightAligned"/> are right-aligned.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows, IReadOnlyCollection<int>? rightAligned = null)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) =>
            rightAligned?.Contains(i) == true ? c.PadLeft(widths[i]) : i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        foreach (var r in rows)
            output.WriteLine(Line(r));
    }
}
