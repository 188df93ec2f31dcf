namespace Curation.TablePreparation.Demo;

/// <summary>UKIRT's place on Earth and the few time and pointing quantities the demonstration headers need.</summary>
internal static class Observatory
{
    /// <summary>East longitude of UKIRT (degrees).</summary>
    public const double Longitude = -155.4700;

    /// <summary>Latitude of UKIRT (degrees).</summary>
    public const double Latitude = 19.8229;

    /// <summary>Modified Julian date of a UTC instant.</summary>
    public static double Mjd(DateTime utc) => (utc - new DateTime(1858, 11, 17, 0, 0, 0, DateTimeKind.Utc)).TotalDays;

    /// <summary>Local sidereal time in degrees (0..360), from the IAU 1982 GMST to better than a second.</summary>
    public static double LocalSiderealTime(DateTime utc)
    {
        var days = Mjd(utc) - 51544.5;
        var gmstHours = 18.697374558 + 24.06570982441908 * days;
        return Normalise(gmstHours * 15 + Longitude);
    }

    /// <summary>Hour angle in degrees (-180..180) of a right ascension at an instant.</summary>
    public static double HourAngle(DateTime utc, double raDeg)
    {
        var h = Normalise(LocalSiderealTime(utc) - raDeg);
        return h > 180 ? h - 360 : h;
    }

    /// <summary>Airmass (secant of the zenith distance) of a position at an instant.</summary>
    public static double Airmass(DateTime utc, double raDeg, double decDeg)
    {
        var (phi, dec, h) = (Radians(Latitude), Radians(decDeg), Radians(HourAngle(utc, raDeg)));
        var sinAlt = Math.Sin(phi) * Math.Sin(dec) + Math.Cos(phi) * Math.Cos(dec) * Math.Cos(h);
        return 1 / Math.Max(sinAlt, 0.05);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Normalise(double degrees) => ((degrees % 360) + 360) % 360;
}
