namespace Curation.TablePreparation.Demo;

/// <summary>The photometric properties of a WFCAM passband used by the demonstration night.</summary>
/// <param name="Name">The FILTER value and Filter.shortName, eg. K.</param>
/// <param name="ZeroPoint">MAGZPT: magnitude of 1 ADU/s at default extinction.</param>
/// <param name="SkyPer10s">Sky level in ADU for a 10 s exposure.</param>
/// <param name="Extinction">EXTINCT: the extinction coefficient (mag per airmass).</param>
internal sealed record Passband(string Name, double ZeroPoint, double SkyPer10s, double Extinction)
{
    /// <summary>The five broad-band filters of schema-sql/data/Filter.csv; values typical of WFCAM, not measured.</summary>
    public static IReadOnlyDictionary<string, Passband> All { get; } = new Dictionary<string, Passband>(StringComparer.Ordinal)
    {
        ["Z"] = new("Z", 22.85, 310, 0.05),
        ["Y"] = new("Y", 23.05, 480, 0.05),
        ["J"] = new("J", 23.85, 1150, 0.10),
        ["H"] = new("H", 24.05, 4700, 0.04),
        ["K"] = new("K", 23.55, 6400, 0.07),
    };
}

/// <summary>One exposure of the night, as the telescope took it.</summary>
/// <param name="ObsNum">OBSNUM; the file is w&lt;date&gt;_&lt;obsnum:00000&gt;_sf.fit.</param>
/// <param name="UtStart">Start of the exposure, UT hours after midnight of the night's date.</param>
/// <param name="Project">PROJECT.</param>
/// <param name="ExpectedAcronym">The programme PROJECT should be identified as; null for the deliberately unknown one.</param>
/// <param name="Object">OBJECT.</param>
/// <param name="Filter">FILTER.</param>
/// <param name="RaDeg">Right ascension of the base position (degrees).</param>
/// <param name="DecDeg">Declination of the base position (degrees).</param>
/// <param name="ExpTime">EXP_TIME (seconds).</param>
/// <param name="Standard">STANDARD: a standard-star (calibration) observation.</param>
/// <param name="Recipe">RECIPE.</param>
/// <param name="Crowding">Relative density of stars (1 at high Galactic latitude).</param>
/// <param name="GalaxyFraction">Fraction of the sources that are galaxies.</param>
/// <param name="GroupNum">GRPNUM: the first OBSNUM of its group (the stack's components share it).</param>
/// <param name="JitterCount">NJITTER.</param>
/// <param name="JitterIndex">JITTER_I.</param>
/// <param name="JitterOffset">JITTER_X and JITTER_Y (arcsec; the same in both axes).</param>
/// <param name="PointingError">Where the telescope actually pointed less where it was asked to (arcsec on the sky, east and
/// north): the plate solution (the WCS) has it, the telescope's keywords (TELRA, TELDEC) do not.</param>
internal sealed record PlannedExposure(
    int ObsNum,
    double UtStart,
    string Project,
    string? ExpectedAcronym,
    string Object,
    string Filter,
    double RaDeg,
    double DecDeg,
    double ExpTime,
    bool Standard,
    string Recipe,
    double Crowding,
    double GalaxyFraction,
    int GroupNum,
    int JitterCount = 1,
    int JitterIndex = 1,
    double JitterOffset = 0,
    (double East, double North) PointingError = default)
{
    /// <summary>The pass band.</summary>
    public Passband Band => Passband.All[Filter];
}

/// <summary>
/// The night's observing log: which programmes were observed, where, when and in which filter. Times follow the sky
/// (targets near the meridian at their time, from UKIRT); positions are illustrative, not the surveys' real tiles.
/// Exposures with the same OBJECT are the same field and see the same sources: LAS_22h17_p00 is observed in H, K, Y
/// (twice, stacked) and J, then in K again an hour later.
/// </summary>
internal static class NightPlan
{
    /// <summary>The jitter offset of the second LAS exposure (arcsec in RA and Dec).</summary>
    public const double LasJitter = 6.4;

    /// <summary>The field observed in all four LAS passbands (H, K, Y stacked, J) and in K a second time.</summary>
    public const string MultiBandField = "LAS_22h17_p00";

    /// <summary>The exposures, in observing order.</summary>
    public static IReadOnlyList<PlannedExposure> Exposures { get; } =
    [
        new(12, 5.75, "UKIRTCAL", "CAL", "FS 29", "J", 315.20, 5.45, 5, true, "BRIGHT_POINT_SOURCE", 0.8, 0.1, 12),
        new(99, 6.44, "U/UKIDSS/LAS", "LAS", MultiBandField, "H", 334.10, 0.42, 10, false, "JITTER", 1.0, 0.2, 99, PointingError: (0.3, -0.2)),
        new(100, 6.47, "U/UKIDSS/LAS", "LAS", MultiBandField, "K", 334.10, 0.42, 10, false, "JITTER", 1.0, 0.2, 100, PointingError: (-0.25, 0.3)),
        new(101, 6.50, "U/UKIDSS/LAS", "LAS", MultiBandField, "Y", 334.10, 0.42, 10, false, "JITTER", 1.0, 0.2, 101, 2, 1, 0),
        new(102, 6.51, "U/UKIDSS/LAS", "LAS", MultiBandField, "Y", 334.10, 0.42, 10, false, "JITTER", 1.0, 0.2, 101, 2, 2, LasJitter),
        new(103, 6.54, "U/UKIDSS/LAS", "LAS", MultiBandField, "J", 334.10, 0.42, 10, false, "JITTER", 1.0, 0.2, 103, PointingError: (0.2, 0.25)),
        new(105, 7.20, "U/UKIDSS/LAS2", "LAS", "LAS_23h00_m00", "J", 345.00, -0.80, 10, false, "JITTER", 1.0, 0.2, 105),
        // The K of LAS_22h17_p00 again, an hour after the first: the same sources a second time.
        new(107, 7.60, "U/UKIDSS/LAS", "LAS", MultiBandField, "K", 334.10, 0.42, 10, false, "JITTER", 1.0, 0.2, 107, PointingError: (-0.3, -0.35)),
        new(110, 8.00, "U/UKIDSS/GPS14", "GPS", "GPS_l081_b+0", "K", 312.40, 42.10, 5, false, "JITTER", 2.5, 0.02, 110),
        new(115, 9.15, "U/UKIDSS/DXS", "DXS", "SA22-1", "J", 334.40, 0.30, 10, false, "JITTER", 0.8, 0.35, 115),
        new(120, 10.30, "U/UKIDSS/UDS", "UDS", "UDS-SXDF", "K", 34.45, -5.10, 10, false, "JITTER", 0.7, 0.45, 120),
        new(125, 11.45, "U/07B/H11", "U07BH11", "NGC1333-N", "H", 52.30, 31.35, 20, false, "JITTER", 1.8, 0.05, 125),
        new(130, 12.60, "U/UKIDSS/GCS21", "GCS", "TaurusAuriga:12_31:1_1", "Z", 83.90, 21.79, 10, false, "JITTER", 1.4, 0.1, 130),
        new(135, 13.80, "U/07B/H99", null, "M42-FIELD-2", "K", 83.80, -5.40, 15, false, "JITTER", 2.0, 0.02, 135),
    ];

    /// <summary>The stacks: (first component, further components); the stack is w&lt;date&gt;_&lt;first&gt;_sf_st.fit.</summary>
    public static IReadOnlyList<int[]> Stacks { get; } = [[101, 102]];
}
