using System.Globalization;

namespace Curation.TablePreparation.Sky;

/// <summary>
/// Modified Julian Dates (days since 1858-11-17T00:00) of FITS date strings (<c>DATE-OBS</c>, <c>DATE</c>, ...) and
/// of <see cref="DateTime"/> values. The MJD is in the time scale of the string (UTC for the archive's headers); no
/// scale is converted.
/// </summary>
/// <remarks>
/// The forms read are those of the FITS standard (4.0, section 4.4.2.1): <c>YYYY-MM-DD</c>,
/// <c>YYYY-MM-DDThh:mm:ss</c> with any number of decimals of the second, and the original <c>DD/MM/YY</c> (a year of
/// the 1900s). Blanks around the value are ignored; anything else (another separator, a time zone, a missing field, a
/// day that the month does not have) is refused. A leap second (<c>ss</c> from 60 to 61) is accepted and counted as
/// the first second of the next day, as a day of 86400 s has no room for it.
/// </remarks>
public static class JulianDates
{
    /// <summary>MJD 0, 1858-11-17T00:00, in <see cref="DateTime.Ticks"/>.</summary>
    private static readonly long MjdEpochTicks = new DateTime(1858, 11, 17, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>The MJD of a FITS date string; false (and 0) for anything that is not one of the FITS forms.</summary>
    public static bool TryParseMjd(string? fitsDate, out double mjd)
    {
        mjd = 0;
        if (!TryParse(fitsDate, out var date, out var seconds))
            return false;
        mjd = (date.Ticks - MjdEpochTicks) / TimeSpan.TicksPerDay + seconds / 86400.0;
        return true;
    }

    /// <summary>
    /// The MJD of a time; a <see cref="DateTimeKind.Local"/> time is converted to UTC first, an unspecified one is taken
    /// as UTC.
    /// </summary>
    public static double ToMjd(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
            utc = utc.ToUniversalTime();
        // Whole days and the rest apart, so that the fraction keeps its 100 ns resolution.
        var (days, rest) = Math.DivRem(utc.Ticks - MjdEpochTicks, TimeSpan.TicksPerDay);
        if (rest < 0)
        {
            days--;
            rest += TimeSpan.TicksPerDay;
        }

        return days + (double)rest / TimeSpan.TicksPerDay;
    }

    /// <summary>
    /// The time of a FITS date string as a UTC <see cref="DateTime"/> (fractions of a second rounded to 100 ns);
    /// false for anything that is not one of the FITS forms.
    /// </summary>
    public static bool TryParseDateTime(string? fitsDate, out DateTime utc)
    {
        utc = default;
        if (!TryParse(fitsDate, out var date, out var seconds))
            return false;
        var ticks = date.Ticks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);
        if (ticks > DateTime.MaxValue.Ticks)
            return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    // The day (at 00:00 UTC) and the seconds into it.
    private static bool TryParse(string? text, out DateTime date, out double seconds)
    {
        date = default;
        seconds = 0;
        if (text is null)
            return false;
        var s = text.AsSpan().Trim(' ');

        int year, month, day;
        if (s.Length == 8 && s[2] == '/' && s[5] == '/')
        {
            // The original form DD/MM/YY, years 1900-1999.
            if (!TwoDigits(s, 0, out day) || !TwoDigits(s, 3, out month) || !TwoDigits(s, 6, out year))
                return false;
            year += 1900;
            return TryDay(year, month, day, out date);
        }

        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !Digits(s[..4], out year) || !TwoDigits(s, 5, out month) || !TwoDigits(s, 8, out day)
            || !TryDay(year, month, day, out date))
        {
            return false;
        }

        if (s.Length == 10)
            return true;

        // Thh:mm:ss[.s...]
        var time = s[10..];
        if (time.Length < 9 || time[0] != 'T' || time[3] != ':' || time[6] != ':'
            || !TwoDigits(time, 1, out var hour) || !TwoDigits(time, 4, out var minute) || !TwoDigits(time, 7, out var whole)
            || hour > 23 || minute > 59 || whole > 60)
        {
            return false;
        }

        var fraction = 0.0;
        if (time.Length > 9)
        {
            // A decimal point and at least one digit.
            if (time[9] != '.' || time.Length == 10 || !Digits(time[10..], out _, allowLong: true))
                return false;
            fraction = double.Parse(time[9..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        seconds = hour * 3600.0 + minute * 60.0 + whole + fraction;
        return true;
    }

    private static bool TryDay(int year, int month, int day, out DateTime date)
    {
        date = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int start, out int value) => Digits(s.Slice(start, 2), out value);

    private static bool Digits(ReadOnlySpan<char> s, out int value, bool allowLong = false)
    {
        value = 0;
        if (s.IsEmpty)
            return false;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
                return false;
            if (!allowLong)
                value = value * 10 + (c - '0');
        }

        return true;
    }
}
