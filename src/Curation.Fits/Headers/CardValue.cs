using System.Globalization;

namespace Curation.Fits.Headers;

/// <summary>The type of a header card's value, as the FITS standard (section 4.2) defines them.</summary>
public enum CardValueKind
{
    /// <summary>No value: the value field is blank (an undefined value) or the card has no value indicator.</summary>
    Undefined,

    /// <summary>A character string (quoted in the card; <c>''</c> stands for one quote).</summary>
    String,

    /// <summary>A logical, <c>T</c> or <c>F</c>.</summary>
    Logical,

    /// <summary>An integer (arbitrarily long in the card; <see cref="CardValue.Integer"/> holds it when it fits 64 bits).</summary>
    Integer,

    /// <summary>A floating-point number (<c>E</c> or <c>D</c> exponent).</summary>
    Float,

    /// <summary>A complex number <c>(re, im)</c>.</summary>
    Complex,

    /// <summary>The text of a commentary card (COMMENT, HISTORY, blank keyword, or any card without <c>= </c>).</summary>
    Text,
}

/// <summary>A typed header value. Immutable; <see cref="Raw"/> keeps the text it was read from.</summary>
public readonly record struct CardValue
{
    private CardValue(CardValueKind kind, string raw, string? text = null, bool logical = false, long? integer = null, double real = 0, double imaginary = 0)
    {
        Kind = kind;
        Raw = raw;
        TextValue = text;
        Logical = logical;
        Integer = integer;
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>What type of value this is.</summary>
    public CardValueKind Kind { get; }

    /// <summary>The value as written in the card (for strings: without quotes, doubled quotes resolved).</summary>
    public string Raw { get; }

    /// <summary>The string (for <see cref="CardValueKind.String"/> without trailing blanks), or commentary text.</summary>
    public string? TextValue { get; }

    /// <summary>The logical value.</summary>
    public bool Logical { get; }

    /// <summary>The integer value when it fits 64 bits; null for a longer integer (its digits are in <see cref="Raw"/>).</summary>
    public long? Integer { get; }

    /// <summary>The number as a double (integers and floats; the real part of a complex).</summary>
    public double Real { get; }

    /// <summary>The imaginary part of a complex value.</summary>
    public double Imaginary { get; }

    /// <summary>True when the value is an integer or a float.</summary>
    public bool IsNumber => Kind is CardValueKind.Integer or CardValueKind.Float;

    /// <summary>The undefined value.</summary>
    public static CardValue Undefined { get; } = new(CardValueKind.Undefined, "");

    /// <summary>A string value; trailing blanks are not significant (FITS 4.2.1.1) and are removed.</summary>
    public static CardValue FromString(string value) => new(CardValueKind.String, value, value.TrimEnd(' '));

    /// <summary>Commentary text.</summary>
    public static CardValue FromText(string text) => new(CardValueKind.Text, text, text);

    /// <summary>A logical value.</summary>
    public static CardValue FromLogical(bool value) => new(CardValueKind.Logical, value ? "T" : "F", logical: value);

    /// <summary>An integer value; <paramref name="raw"/> keeps digits beyond 64 bits.</summary>
    public static CardValue FromInteger(long? value, double approximate, string raw) =>
        new(CardValueKind.Integer, raw, integer: value, real: value ?? approximate);

    /// <summary>An integer value.</summary>
    public static CardValue FromInteger(long value) =>
        new(CardValueKind.Integer, value.ToString(CultureInfo.InvariantCulture), integer: value, real: value);

    /// <summary>A floating-point value.</summary>
    public static CardValue FromFloat(double value, string? raw = null) =>
        new(CardValueKind.Float, raw ?? value.ToString("R", CultureInfo.InvariantCulture), real: value);

    /// <summary>A complex value.</summary>
    public static CardValue FromComplex(double real, double imaginary, string raw) =>
        new(CardValueKind.Complex, raw, real: real, imaginary: imaginary);

    /// <summary>The value as an object: string, bool, long, double (or the integer's digits when too long), a (re, im) tuple, or null.</summary>
    public object? ToObject() => Kind switch
    {
        CardValueKind.String or CardValueKind.Text => TextValue,
        CardValueKind.Logical => Logical,
        CardValueKind.Integer => Integer is { } i ? i : Raw,
        CardValueKind.Float => Real,
        CardValueKind.Complex => (Real, Imaginary),
        _ => null,
    };

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        CardValueKind.String => $"'{TextValue}'",
        CardValueKind.Undefined => "",
        CardValueKind.Float => Real.ToString("R", CultureInfo.InvariantCulture),
        CardValueKind.Complex => $"({Real.ToString("R", CultureInfo.InvariantCulture)}, {Imaginary.ToString("R", CultureInfo.InvariantCulture)})",
        _ => Raw,
    };
}
