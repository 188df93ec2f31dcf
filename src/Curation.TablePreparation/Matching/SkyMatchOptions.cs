namespace Curation.TablePreparation.Matching;

/// <summary>How a sky match runs: its radius, its zones, its threads.</summary>
public sealed record SkyMatchOptions
{
    /// <summary>The smallest zone height used, 0.1 arcsec, however small the radius: it bounds the number of zones
    /// (at most 6,480,000 over the sky) and so the per-zone bookkeeping.</summary>
    public const double MinimumZoneHeightDeg = 0.1 / 3600.0;

    /// <summary>Options for pairs closer than <paramref name="radiusDeg"/> degrees (inclusive).</summary>
    public SkyMatchOptions(double radiusDeg)
    {
        if (!(radiusDeg >= 0) || radiusDeg >= 90 || double.IsNaN(radiusDeg))
            throw new ArgumentOutOfRangeException(nameof(radiusDeg), radiusDeg, "the match radius must be at least 0 and below 90 degrees");
        RadiusDeg = radiusDeg;
    }

    /// <summary>The radius in degrees: every pair whose separation is at most this is reported.</summary>
    public double RadiusDeg { get; }

    /// <summary>
    /// The height of the declination zones in degrees; null (the default) for the radius itself (a millionth larger,
    /// so that rounding in the zone number never puts a pair two zones apart), but at least
    /// <see cref="MinimumZoneHeightDeg"/>. A larger height is allowed (fewer, fuller zones); a smaller one is refused,
    /// as a pair could then be more than one zone apart.
    /// </summary>
    public double? ZoneHeightDeg { get; init; }

    /// <summary>Threads matching zones at once; null (the default) for every processor.</summary>
    public int? Threads { get; init; }

    /// <summary>The zone height in use.</summary>
    public double EffectiveZoneHeightDeg
    {
        get
        {
            var minimum = Math.Max(RadiusDeg * (1 + 1e-6), MinimumZoneHeightDeg);
            if (ZoneHeightDeg is not { } h)
                return minimum;
            if (!(h >= minimum) || h > 180)
                throw new ArgumentOutOfRangeException(nameof(ZoneHeightDeg), h, $"the zone height must be at least {minimum:R} degrees (the radius, a millionth larger) and at most 180");
            return h;
        }
    }

    /// <summary>The threads in use.</summary>
    public int EffectiveThreads => Math.Max(1, Threads ?? Environment.ProcessorCount);
}
