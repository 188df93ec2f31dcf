using System.Globalization;
using Curation.Fits.Headers;
using Curation.Schema.Model;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Preparation;

/// <summary>
/// Typed values for archive columns: the CLR value a column of each SQL type takes (what the bulk loaders and Dapper
/// bind), its default from the scripts, and the conversions from header cards and table cells, each with the reason
/// when a value does not fit.
/// </summary>
public static class ColumnValues
{
    /// <summary>The column's default (<c>--/N</c>, else the SQL default) as a typed value; null when it has none.</summary>
    public static object? DefaultOf(ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var text = column.DefaultValue;
        if (text is null || text.Equals("NULL", StringComparison.OrdinalIgnoreCase))
            return null;
        text = text.Trim();
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
            text = text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        return FromText(text, column.Type, out var value, out _) ? value : null;
    }

    /// <summary>Converts a number to the column's type; false, with the reason, when it does not fit.</summary>
    public static bool FromNumber(double number, SqlType type, out object? value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(type);
        value = null;
        problem = null;
        if (double.IsNaN(number))
        {
            problem = "not a number";
            return false;
        }

        if (type.IsFloat || type.IsDecimal)
        {
            if (type.IsSinglePrecision)
            {
                var f = (float)number;
                if (float.IsInfinity(f) && !double.IsInfinity(number))
                {
                    problem = $"{Format(number)} is too large for {type}";
                    return false;
                }

                value = f;
            }
            else
            {
                value = type.IsDecimal ? (decimal)number : number;
            }

            return true;
        }

        if (type.IsInteger)
        {
            if (number != Math.Floor(number) || double.IsInfinity(number))
            {
                problem = $"{Format(number)} is not an integer, as {type} needs";
                return false;
            }

            var (min, max) = IntegerRange(type.Name);
            if (number < min || number > max)
            {
                problem = $"{Format(number)} is outside the range of {type} ({min}..{max})";
                return false;
            }

            value = IntegerOf(type.Name, (long)number);
            return true;
        }

        if (type.IsString)
            return FromText(Format(number), type, out value, out problem);
        problem = $"a number cannot be stored in a {type} column";
        return false;
    }

    /// <summary>Converts text to the column's type (numbers parsed, dates read as FITS dates); false, with the reason,
    /// when it does not fit.</summary>
    public static bool FromText(string text, SqlType type, out object? value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        value = null;
        problem = null;
        if (type.IsString)
        {
            if (type.Length is { } length && !type.IsMax && text.Length > length)
            {
                problem = $"'{Shorten(text)}' is {text.Length} characters long; the column holds {length}";
                return false;
            }

            value = text;
            return true;
        }

        if (type.IsNumeric)
        {
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return FromNumber(number, type, out value, out problem);
            if (text.Trim() is "T" or "F" && type.IsInteger)
                return FromNumber(text.Trim() == "T" ? 1 : 0, type, out value, out problem);
            problem = $"'{Shorten(text)}' is not a number, as {type} needs";
            return false;
        }

        if (type.IsDateTime)
        {
            if (JulianDates.TryParseDateTime(text.Trim(), out var utc)
                || DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
            {
                value = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
                return true;
            }

            problem = $"'{Shorten(text)}' is not a date (YYYY-MM-DD[Thh:mm:ss])";
            return false;
        }

        problem = $"values of type {type} are not prepared";
        return false;
    }

    /// <summary>Converts a header card's value to the column's type; false, with the reason, when it does not fit.
    /// A logical fills a number column as 1 or 0 and a string column as T or F; a number fills a string column as written.</summary>
    public static bool FromCard(CardValue card, SqlType type, out object? value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (card.Kind)
        {
            case CardValueKind.Integer when card.Integer is { } n && type.IsNumeric:
                return FromNumber(n, type, out value, out problem);
            case CardValueKind.Integer or CardValueKind.Float when type.IsNumeric:
                return FromNumber(card.Real, type, out value, out problem);
            case CardValueKind.Integer or CardValueKind.Float:
                return FromText(card.Raw.Trim(), type, out value, out problem);
            case CardValueKind.Logical when type.IsNumeric:
                return FromNumber(card.Logical ? 1 : 0, type, out value, out problem);
            case CardValueKind.Logical:
                return FromText(card.Logical ? "T" : "F", type, out value, out problem);
            case CardValueKind.String or CardValueKind.Text:
                return FromText(card.TextValue ?? "", type, out value, out problem);
            default:
                value = null;
                problem = $"a {card.Kind.ToString().ToLowerInvariant()} value cannot fill a {type} column";
                return false;
        }
    }

    /// <summary>The number a typed value stands for, or null for null, text and dates.</summary>
    public static double? NumberOf(object? value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        _ => null,
    };

    /// <summary>Checks a value against the column's <c>--/V</c> allowed values and <c>--/R</c> range; null when it passes.</summary>
    public static string? CheckAllowed(ColumnDef column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
            return null;
        var allowed = column.AllowedValues;
        if (allowed.Count > 0)
        {
            var number = NumberOf(value);
            var ok = allowed.Any(a => number is { } n
                ? double.TryParse(a.Trim('\''), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x == n
                : string.Equals(a.Trim('\''), Convert.ToString(value, CultureInfo.InvariantCulture)?.TrimEnd(), StringComparison.OrdinalIgnoreCase));
            if (!ok)
                return $"{Describe(value)} is not one of the allowed values ({string.Join(",", allowed)})";
        }

        if (column.Range is { } range && NumberOf(value) is { } v)
        {
            if (range.Min is { } lo && double.TryParse(lo, NumberStyles.Float, CultureInfo.InvariantCulture, out var min) && v < min)
                return $"{Describe(value)} is below the allowed range ({range.Min},{range.Max ?? "None"})";
            if (range.Max is { } hi && double.TryParse(hi, NumberStyles.Float, CultureInfo.InvariantCulture, out var max) && v > max)
                return $"{Describe(value)} is above the allowed range ({range.Min ?? "None"},{range.Max})";
        }

        return null;
    }

    /// <summary>A value as a message shows it.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{Shorten(s)}'",
        double d => Format(d),
        float f => Format(f),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static (double Min, double Max) IntegerRange(string name) => name switch
    {
        "bit" => (0, 1),
        "tinyint" => (0, 255),
        "smallint" => (short.MinValue, short.MaxValue),
        "int" or "integer" => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static object IntegerOf(string name, long n) => name switch
    {
        "bit" => n != 0,
        "tinyint" => (byte)n,
        "smallint" => (short)n,
        "int" or "integer" => (int)n,
        _ => n,
    };
}
