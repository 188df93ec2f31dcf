using Curation.TablePreparation.Sky;
using NUnit.Framework;
using System.Globalization;

namespace Curation.TablePreparation.Tests.Sky;

public class JulianDatesTests
{
    // astropy reads the ISO forms; the old DD/MM/YY form (FITS 4.4.2.1: a year of the 1900s) is rewritten to ISO
    // here in Python, by the standard's rule, not by the code under test.
    private const string MjdScript = """
        from astropy.time import Time
        for line in open('dates.txt'):
            s = line.rstrip('\n')
            t = s.strip()
            if len(t) == 8 and t[2] == '/' and t[5] == '/':
                t = '19%s-%s-%s' % (t[6:8], t[3:5], t[0:2])
            m = Time(t, format='isot' if 'T' in t else 'iso', scale='utc')
            print('%.17g' % m.mjd)
        """;

    private static readonly string[] Dates =
    [
        "2015-05-14", "2015-05-14T00:24:49", "2015-05-14T00:24:49.5", "2007-10-11T15:18:59.123456",
        "1858-11-17", "1858-11-17T00:00:00", "1858-11-16T23:59:59.999", "1900-01-01", "1900-03-01T12:00:00",
        "2000-01-01T12:00:00", "2000-02-29T23:59:59.9999999", "2024-02-29", "2099-12-31T23:59:59.5", "1970-01-01T00:00:00.000",
        "14/05/95", "01/01/00", "31/12/99", "29/02/96", "  2015-05-14T00:24:49  ", "2100-03-01T06:00:00",
    ];

    [Test]
    public void Mjds_of_fits_dates_match_astropy()
    {
        using var dir = Fixtures.NewTempDir();
        File.WriteAllText(dir.File("dates.txt"), string.Join('\n', Dates) + "\n");
        var expected = ReferenceTools.ParseNumbers(ReferenceTools.RunAstropy(dir, MjdScript));
        Assert.That(expected, Has.Count.EqualTo(Dates.Length));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < Dates.Length; i++)
            {
                Assert.That(JulianDates.TryParseMjd(Dates[i], out var mjd), Is.True, Dates[i]);
                // 1e-9 day is 86 µs; a double MJD near 6e4 resolves about 1 µs.
                Assert.That(mjd, Is.EqualTo(expected[i][0]).Within(1e-9), Dates[i]);
                Assert.That(JulianDates.TryParseDateTime(Dates[i], out var utc), Is.True, Dates[i]);
                Assert.That(JulianDates.ToMjd(utc), Is.EqualTo(expected[i][0]).Within(1e-9), $"{Dates[i]} via DateTime {utc:O}");
            }
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("yesterday")]
    [TestCase("2015-13-01")]
    [TestCase("2015-02-29")]
    [TestCase("2015-04-31")]
    [TestCase("2015-05-14 00:24:49")]
    [TestCase("2015-05-14T00:24")]
    [TestCase("2015-05-14T24:00:00")]
    [TestCase("2015-05-14T12:60:00")]
    [TestCase("2015-05-14T12:00:61")]
    [TestCase("2015-05-14T12:00:00.")]
    [TestCase("2015-05-14T12:00:00Z")]
    [TestCase("2015-05-14T12:00:00+01:00")]
    [TestCase("2015-5-14")]
    [TestCase("15-05-14")]
    [TestCase("14/13/95")]
    [TestCase("30/02/95")]
    [TestCase("14/05/1995")]
    [TestCase("1/5/95")]
    [TestCase("0000-01-01")]
    [TestCase("2015-05-14T1a:00:00")]
    [TestCase("-2015-05-14")]
    public void Anything_but_a_fits_date_is_refused_without_an_exception(string? text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(JulianDates.TryParseMjd(text, out var mjd), Is.False);
            Assert.That(mjd, Is.Zero);
            Assert.That(JulianDates.TryParseDateTime(text, out var utc), Is.False);
            Assert.That(utc, Is.EqualTo(default(DateTime)));
        });
    }

    [Test]
    public void Datetimes_convert_to_mjd_whatever_their_kind()
    {
        var utc = new DateTime(2015, 5, 14, 0, 24, 49, DateTimeKind.Utc);
        Assert.Multiple(() =>
        {
            Assert.That(JulianDates.ToMjd(utc), Is.EqualTo(57156.017233796296).Within(1e-9), "the MJD keyword of the NGTS catalogue's header");
            Assert.That(JulianDates.ToMjd(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)), Is.EqualTo(JulianDates.ToMjd(utc)));
            Assert.That(JulianDates.ToMjd(utc.ToLocalTime()), Is.EqualTo(JulianDates.ToMjd(utc)).Within(1e-12));
            Assert.That(JulianDates.ToMjd(new DateTime(1858, 11, 16, 12, 0, 0, DateTimeKind.Utc)), Is.EqualTo(-0.5));
        });
    }

    [Test]
    public void A_leap_second_counts_as_the_first_second_of_the_next_day()
    {
        Assert.That(JulianDates.TryParseMjd("2016-12-31T23:59:60.5", out var mjd), Is.True);
        Assert.That(JulianDates.TryParseDateTime("2016-12-31T23:59:60.5", out var utc), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(mjd, Is.EqualTo(57754 + 0.5 / 86400).Within(1e-10));
            Assert.That(utc, Is.EqualTo(new DateTime(2017, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc)));
            Assert.That(JulianDates.TryParseDateTime("2015-05-14T00:24:49.123", out var t) ? t.ToString("O", CultureInfo.InvariantCulture) : null,
                Is.EqualTo("2015-05-14T00:24:49.1230000Z"));
        });
    }
}
