using System.Collections;
using System.Globalization;

namespace Curation.Fits.Headers;

/// <summary>
/// The cards of one HDU's header, in order, duplicates and commentary kept, with typed access by keyword (the first
/// card with that keyword answers). Errors name the file, HDU and keyword.
/// </summary>
public sealed class Header : IReadOnlyList<Card>
{
    private readonly List<Card> cards;
    private readonly Dictionary<string, int> firstByKeyword = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a header from its cards; <paramref name="file"/> and <paramref name="hdu"/> go into error messages.</summary>
    public Header(IEnumerable<Card> cards, string file = "", int? hdu = null)
    {
        this.cards = [.. cards];
        File = file;
        Hdu = hdu;
        for (var i = 0; i < this.cards.Count; i++)
            firstByKeyword.TryAdd(this.cards[i].Keyword, i);
    }

    /// <summary>Reads a header from card images (see <see cref="CardParser"/>).</summary>
    public static Header Parse(IReadOnlyList<string> images, string file = "", int? hdu = null) => new(CardParser.ParseHeader(images), file, hdu);

    /// <summary>The file the header came from (for messages).</summary>
    public string File { get; }

    /// <summary>The 0-based HDU index the header came from (for messages).</summary>
    public int? Hdu { get; }

    /// <inheritdoc/>
    public int Count => cards.Count;

    /// <inheritdoc/>
    public Card this[int index] => cards[index];

    /// <summary>The first card with the keyword, or null.</summary>
    public Card? this[string keyword] => firstByKeyword.TryGetValue(keyword, out var i) ? cards[i] : null;

    /// <summary>True when a card with the keyword exists.</summary>
    public bool Contains(string keyword) => firstByKeyword.ContainsKey(keyword);

    /// <summary>Every card with the keyword, in order (duplicates are legal for commentary and happen elsewhere).</summary>
    public IEnumerable<Card> All(string keyword) => cards.Where(c => string.Equals(c.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every warning a lenient read recorded, with its card.</summary>
    public IEnumerable<(Card Card, string Warning)> Warnings => cards.SelectMany(c => c.Warnings.Select(w => (c, w)));

    /// <summary>The string value, or null when the keyword is absent; a non-string value is an error.</summary>
    public string? GetString(string keyword)
    {
        var card = this[keyword];
        if (card is null || card.Value.Kind == CardValueKind.Undefined)
            return null;
        return card.Value.Kind is CardValueKind.String or CardValueKind.Text ? card.Value.TextValue : throw WrongType(card, "a string");
    }

    /// <summary>The value as text whatever its type (a string without trailing blanks, or a number as written); null when absent or undefined.</summary>
    public string? GetText(string keyword)
    {
        var card = this[keyword];
        if (card is null || card.Value.Kind == CardValueKind.Undefined)
            return null;
        return card.Value.TextValue ?? card.Value.Raw;
    }

    /// <summary>The integer value, or <paramref name="fallback"/> when the keyword is absent or undefined.</summary>
    public long GetInt64(string keyword, long fallback) => TryGetInt64(keyword, out var v) ? v : fallback;

    /// <summary>The integer value of a keyword that must be present.</summary>
    public long GetInt64(string keyword) => TryGetInt64(keyword, out var v) ? v : throw Missing(keyword);

    /// <summary>The integer value; false when absent or undefined; a non-integer value is an error.</summary>
    public bool TryGetInt64(string keyword, out long value)
    {
        value = 0;
        var card = this[keyword];
        if (card is null || card.Value.Kind == CardValueKind.Undefined)
            return false;
        if (card.Value.Kind == CardValueKind.Integer && card.Value.Integer is { } i)
        {
            value = i;
            return true;
        }

        if (card.Value.Kind == CardValueKind.Float && Math.Abs(card.Value.Real) < 9e18 && card.Value.Real == Math.Floor(card.Value.Real))
        {
            value = (long)card.Value.Real;
            return true;
        }

        throw WrongType(card, "an integer");
    }

    /// <summary>The numeric value (integer or float), or <paramref name="fallback"/> when absent or undefined.</summary>
    public double GetDouble(string keyword, double fallback) => TryGetDouble(keyword, out var v) ? v : fallback;

    /// <summary>The numeric value of a keyword that must be present.</summary>
    public double GetDouble(string keyword) => TryGetDouble(keyword, out var v) ? v : throw Missing(keyword);

    /// <summary>The numeric value; false when absent or undefined; a non-numeric value is an error.</summary>
    public bool TryGetDouble(string keyword, out double value)
    {
        value = 0;
        var card = this[keyword];
        if (card is null || card.Value.Kind == CardValueKind.Undefined)
            return false;
        if (card.Value.IsNumber)
        {
            value = card.Value.Real;
            return true;
        }

        throw WrongType(card, "a number");
    }

    /// <summary>The logical value, or <paramref name="fallback"/> when absent or undefined.</summary>
    public bool GetBool(string keyword, bool fallback)
    {
        var card = this[keyword];
        if (card is null || card.Value.Kind == CardValueKind.Undefined)
            return fallback;
        return card.Value.Kind == CardValueKind.Logical ? card.Value.Logical : throw WrongType(card, "a logical (T or F)");
    }

    /// <inheritdoc/>
    public IEnumerator<Card> GetEnumerator() => cards.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private FitsException Missing(string keyword) => new(File, Hdu, $"keyword {keyword} is missing");

    private FitsException WrongType(Card card, string expected) =>
        new(File, Hdu, string.Create(CultureInfo.InvariantCulture,
            $"keyword {card.Keyword} (card {card.Position}) is {Describe(card.Value)}, not {expected}"));

    private static string Describe(CardValue value) => value.Kind switch
    {
        CardValueKind.String => $"the string '{value.TextValue}'",
        CardValueKind.Text => "commentary",
        _ => $"{value.Kind.ToString().ToLowerInvariant()} {value}",
    };
}
