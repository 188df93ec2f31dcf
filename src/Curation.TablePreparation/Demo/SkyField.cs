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

/// <summary>A source's colours: its magnitude in each WFCAM passband less its J magnitude (Vega, as WFCAM's are).</summary>
internal sealed record SourceColours(double ZminusJ, double YminusJ, double HminusJ, double KminusJ)
{
    /// <summary>No colour: the same magnitude in every band (noise peaks).</summary>
    public static SourceColours None { get; } = new(0, 0, 0, 0);

    /// <summary>The magnitude in <paramref name="filter"/> less that in J.</summary>
    public double MinusJ(string filter) => filter switch
    {
        "Z" => ZminusJ,
        "Y" => YminusJ,
        "J" => 0,
        "H" => HminusJ,
        "K" => KminusJ,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "not a WFCAM broad-band filter"),
    };
}

/// <summary>
/// A source on the sky. Its position is held as the catalogue holds it, single-precision radians, and everything else
/// (its pixel position, where it is drawn) is derived from that, so that the catalogue's RA/DEC and X/Y agree through the
/// header WCS to far better than the float's own resolution. Its brightness is <paramref name="Magnitude"/> in
/// <paramref name="Band"/> and, through its colours, in every other band: a field observed in several filters shows the
/// same sources in each.
/// </summary>
internal sealed record SkySource(
    float RaRadians, float DecRadians, double Magnitude, SourceKind Kind, double Size, double Ellipticity, double PositionAngle, string Band,
    SourceColours Colours)
{
    /// <summary>Right ascension in degrees, from the single-precision radians.</summary>
    public double RaDeg => RaRadians * (180 / Math.PI);

    /// <summary>Declination in degrees, from the single-precision radians.</summary>
    public double DecDeg => DecRadians * (180 / Math.PI);

    /// <summary>The magnitude in a filter.</summary>
    public double MagnitudeIn(string filter) => filter == Band ? Magnitude : Magnitude + Colours.MinusJ(filter) - Colours.MinusJ(Band);
}

/// <summary>Random fields of stars and galaxies about a pointing, with a Euclidean-like count slope and colours.</summary>
/// <remarks>The colours come from a generator of their own, so that a field's positions, magnitudes and shapes are the
/// same whether or not it is given colours.</remarks>
internal static class SkyField
{
    /// <summary>The brightest magnitude drawn (bright enough for a few saturated stars in every frame).</summary>
    public const double BrightestMagnitude = 11.0;

    /// <summary>The scatter (mag) of each colour about the sequence <see cref="Colours"/> draws it from.</summary>
    private const double ColourScatter = 0.04;

    /// <summary>Sources uniformly spread over a square of half-width <paramref name="halfDeg"/> about (ra, dec), with
    /// magnitudes in <paramref name="band"/> from N(&lt;m) ∝ 10^(0.3 m) between <see cref="BrightestMagnitude"/> and
    /// <paramref name="faintest"/>, and colours from <paramref name="colourRng"/>.</summary>
    public static List<SkySource> Sources(
        Random rng, Random colourRng, string band, double raDeg, double decDeg, double halfDeg, int count, double galaxyFraction, double faintest)
    {
        var sources = new List<SkySource>(count);
        var (lo, hi) = (Math.Pow(10, 0.3 * BrightestMagnitude), Math.Pow(10, 0.3 * faintest));
        for (var i = 0; i < count; i++)
        {
            var (ra, dec) = Position(rng, raDeg, decDeg, halfDeg);
            var mag = Math.Log10(lo + rng.NextDouble() * (hi - lo)) / 0.3;
            sources.Add(rng.NextDouble() < galaxyFraction
                ? new SkySource(ra, dec, mag, SourceKind.Galaxy, 1.5 + 2 * rng.NextDouble(), 0.1 + 0.5 * rng.NextDouble(), 180 * rng.NextDouble(), band,
                    Colours(SourceKind.Galaxy, colourRng.NextDouble(), colourRng))
                : new SkySource(ra, dec, mag, SourceKind.Star, 1, 0, 0, band, Colours(SourceKind.Star, colourRng.NextDouble(), colourRng)));
        }

        return sources;
    }

    /// <summary>Stars bright enough to saturate (magnitude 9.5 to 10.5), placed so that each falls on one of the detectors
    /// whose pixel positions <paramref name="onDetector"/> gives, away from the edges.</summary>
    public static IEnumerable<SkySource> BrightStars(
        Random rng, Random colourRng, string band, double raDeg, double decDeg, double halfDeg, int count, Func<double, double, bool> onDetector)
    {
        for (var (found, tries) = (0, 0); found < count && tries < 10000; tries++)
        {
            var (ra, dec) = Position(rng, raDeg, decDeg, halfDeg);
            var source = new SkySource(ra, dec, 9.5 + rng.NextDouble(), SourceKind.Star, 1, 0, 0, band, SourceColours.None);
            if (!onDetector(source.RaDeg, source.DecDeg))
                continue;
            found++;
            yield return source with { Colours = Colours(SourceKind.Star, colourRng.NextDouble(), colourRng) };
        }
    }

    /// <summary>Noise peaks (not drawn) spread like <see cref="Sources"/>, at about the detection limit.</summary>
    public static List<SkySource> Noise(Random rng, string band, double raDeg, double decDeg, double halfDeg, int count, double limit) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var (ra, dec) = Position(rng, raDeg, decDeg, halfDeg);
            return new SkySource(ra, dec, limit + 0.3 * rng.NextDouble(), SourceKind.Noise, 0.6, 0.3 + 0.4 * rng.NextDouble(), 180 * rng.NextDouble(), band,
                SourceColours.None);
        })];

    /// <summary>
    /// The colours of a source at <paramref name="redness"/> (0 to 1) along its kind's sequence, with a little scatter:
    /// stars from early types to M dwarfs (Y-J 0.2 to 0.6, J-H 0.1 to 0.6, H-K 0.03 to 0.3), galaxies as the field
    /// galaxies of a shallow survey, at redshifts of about 0.1 to 1 (Y-J 0.45 to 0.8, J-H 0.6 to 0.95, H-K 0.3 to 0.9):
    /// roughly the UKIDSS colours of Hewett et al. (2006), not a fit to them.
    /// </summary>
    public static SourceColours Colours(SourceKind kind, double redness, Random? scatter = null)
    {
        double Jitter() => scatter is null ? 0 : ColourScatter * DetectorFrame.Gaussian(scatter);
        var (zy, yj, jh, hk) = kind == SourceKind.Galaxy
            ? (0.30 + 0.30 * redness, 0.45 + 0.35 * redness, 0.60 + 0.35 * redness, 0.30 + 0.60 * redness)
            : (0.10 + 0.40 * redness, 0.20 + 0.40 * redness, 0.10 + 0.50 * redness, 0.03 + 0.27 * redness);
        (zy, yj, jh, hk) = (zy + Jitter(), yj + Jitter(), jh + Jitter(), hk + Jitter());
        return new SourceColours(zy + yj, yj, -jh, -(jh + hk));
    }

    /// <summary>The most a star or galaxy can be brighter in <paramref name="band"/> than in <paramref name="reference"/>
    /// (mag, at least 0), allowing for the colours' scatter: how much deeper than a field's first band it must be drawn
    /// for every source <paramref name="band"/> detects to be in it.</summary>
    public static double MostBrighterIn(string band, string reference)
    {
        if (band == reference)
            return 0;
        var ends = new[] { SourceKind.Star, SourceKind.Galaxy }.SelectMany(k => new[] { Colours(k, 0), Colours(k, 1) });
        var colour = ends.Min(c => c.MinusJ(band) - c.MinusJ(reference));
        return Math.Max(0, -colour + 4 * ColourScatter);
    }

    private static (float Ra, float Dec) Position(Random rng, double raDeg, double decDeg, double halfDeg)
    {
        var dec = decDeg + halfDeg * (2 * rng.NextDouble() - 1);
        var ra = raDeg + halfDeg * (2 * rng.NextDouble() - 1) / Math.Cos(decDeg * Math.PI / 180);
        return ((float)(ra * Math.PI / 180), (float)(dec * Math.PI / 180));
    }
}
