namespace Curation.TablePreparation.Demo;

/// <summary>What a source is: what imcore's Classification should call it.</summary>
internal enum SourceKind
{
    /// <summary>A point source.</summary>
    Star,

    /// <summary>An extended source.</summary>
    Galaxy,

    /// <summary>A spurious detection of a noise peak: catalogued, not put in the image.</summary>
    Noise,
}

/// <summary>
/// A source on the sky. Its position is held as the catalogue holds it, single-precision radians, and everything else
/// (its pixel position, where it is drawn) is derived from that, so that the catalogue's RA/DEC and X/Y agree through the
/// header WCS to far better than the float's own resolution.
/// </summary>
internal sealed record SkySource(float RaRadians, float DecRadians, double Magnitude, SourceKind Kind, double Size, double Ellipticity, double PositionAngle)
{
    /// <summary>Right ascension in degrees, from the single-precision radians.</summary>
    public double RaDeg => RaRadians * (180 / Math.PI);

    /// <summary>Declination in degrees, from the single-precision radians.</summary>
    public double DecDeg => DecRadians * (180 / Math.PI);
}

/// <summary>Random fields of stars and galaxies about a pointing, with a Euclidean-like count slope.</summary>
internal static class SkyField
{
    /// <summary>The brightest magnitude drawn (bright enough for a few saturated stars in every frame).</summary>
    public const double BrightestMagnitude = 11.0;

    /// <summary>Sources uniformly spread over a square of half-width <paramref name="halfDeg"/> about (ra, dec), with
    /// magnitudes from N(&lt;m) ∝ 10^(0.3 m) between <see cref="BrightestMagnitude"/> and <paramref name="faintest"/>.</summary>
    public static List<SkySource> Sources(Random rng, double raDeg, double decDeg, double halfDeg, int count, double galaxyFraction, double faintest)
    {
        var sources = new List<SkySource>(count);
        var (lo, hi) = (Math.Pow(10, 0.3 * BrightestMagnitude), Math.Pow(10, 0.3 * faintest));
        for (var i = 0; i < count; i++)
        {
            var (ra, dec) = Position(rng, raDeg, decDeg, halfDeg);
            var mag = Math.Log10(lo + rng.NextDouble() * (hi - lo)) / 0.3;
            sources.Add(rng.NextDouble() < galaxyFraction
                ? new SkySource(ra, dec, mag, SourceKind.Galaxy, 1.5 + 2 * rng.NextDouble(), 0.1 + 0.5 * rng.NextDouble(), 180 * rng.NextDouble())
                : new SkySource(ra, dec, mag, SourceKind.Star, 1, 0, 0));
        }

        return sources;
    }

    /// <summary>Stars bright enough to saturate (magnitude 9.5 to 10.5), placed so that each falls on one of the detectors
    /// whose pixel positions <paramref name="onDetector"/> gives, away from the edges.</summary>
    public static IEnumerable<SkySource> BrightStars(Random rng, double raDeg, double decDeg, double halfDeg, int count, Func<double, double, bool> onDetector)
    {
        for (var (found, tries) = (0, 0); found < count && tries < 10000; tries++)
        {
            var (ra, dec) = Position(rng, raDeg, decDeg, halfDeg);
            var source = new SkySource(ra, dec, 9.5 + rng.NextDouble(), SourceKind.Star, 1, 0, 0);
            if (!onDetector(source.RaDeg, source.DecDeg))
                continue;
            found++;
            yield return source;
        }
    }

    /// <summary>Noise peaks (not drawn) spread like <see cref="Sources"/>, at about the detection limit.</summary>
    public static List<SkySource> Noise(Random rng, double raDeg, double decDeg, double halfDeg, int count, double limit) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var (ra, dec) = Position(rng, raDeg, decDeg, halfDeg);
            return new SkySource(ra, dec, limit + 0.3 * rng.NextDouble(), SourceKind.Noise, 0.6, 0.3 + 0.4 * rng.NextDouble(), 180 * rng.NextDouble());
        })];

    private static (float Ra, float Dec) Position(Random rng, double raDeg, double decDeg, double halfDeg)
    {
        var dec = decDeg + halfDeg * (2 * rng.NextDouble() - 1);
        var ra = raDeg + halfDeg * (2 * rng.NextDouble() - 1) / Math.Cos(decDeg * Math.PI / 180);
        return ((float)(ra * Math.PI / 180), (float)(dec * Math.PI / 180));
    }
}
