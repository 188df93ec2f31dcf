using System.Globalization;
using Curation.Fits.Writing;

namespace Curation.TablePreparation.Demo;

/// <summary>Header cards in the order they are added, formatted as the CASU pipeline writes them.</summary>
internal sealed class HeaderCards
{
    private readonly List<string> cards = [];

    /// <summary>The cards, as 80-character images.</summary>
    public string[] ToArray() => [.. cards];

    /// <summary>A string value (quoted, padded to eight characters, quotes doubled).</summary>
    public HeaderCards Text(string keyword, string value, string? comment = null)
    {
        // Padded to eight characters inside the quotes, and the comment aligned after column 30, as the DHS writes them.
        var quoted = ("'" + value.Replace("'", "''", StringComparison.Ordinal).PadRight(8) + "'").PadRight(20);
        cards.Add(FitsWriter.Card(keyword, quoted, comment));
        return this;
    }

    /// <summary>An integer value.</summary>
    public HeaderCards Int(string keyword, long value, string? comment = null)
    {
        cards.Add(FitsWriter.Card(keyword, value.ToString(CultureInfo.InvariantCulture), comment));
        return this;
    }

    /// <summary>A floating-point value written with a .NET format string (eg. <c>0.000</c> or <c>E7</c>).</summary>
    public HeaderCards Real(string keyword, double value, string format, string? comment = null)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
            text += ".";
        cards.Add(FitsWriter.Card(keyword, text, comment));
        return this;
    }

    /// <summary>A floating-point value written exactly (round-trip format).</summary>
    public HeaderCards Exact(string keyword, double value, string? comment = null)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
            text += ".";
        cards.Add(FitsWriter.Card(keyword, text, comment));
        return this;
    }

    /// <summary>A logical value.</summary>
    public HeaderCards Bool(string keyword, bool value, string? comment = null)
    {
        cards.Add(FitsWriter.Card(keyword, value ? "T" : "F", comment));
        return this;
    }

    /// <summary>A HISTORY card.</summary>
    public HeaderCards History(string text)
    {
        cards.Add(("HISTORY " + text).PadRight(80));
        return this;
    }

    /// <summary>Appends other cards.</summary>
    public HeaderCards AddRange(IEnumerable<string> more)
    {
        cards.AddRange(more);
        return this;
    }
}
