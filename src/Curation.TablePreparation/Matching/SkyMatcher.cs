namespace Curation.TablePreparation.Matching;

/// <summary>
/// Finds every pair of sources within a radius on the sky, between two sets or within one, by the zone sweep
/// (docs/matching.md): O(N log N + M log M) to bucket and sort, then each source compared only with the sources of
/// the neighbouring declination zones inside its RA window. Exact: every pair whose great-circle separation
/// (<see cref="Sky.SkyMath.SeparationDeg"/>) is at most the radius, near the poles and across RA 0/360 too.
/// For sets too large for memory, see <see cref="StreamingSkyMatcher"/>.
/// </summary>
public static class SkyMatcher
{
    /// <summary>
    /// Every pair (a source of <paramref name="a"/>, a source of <paramref name="b"/>) within the radius, sent to
    /// <paramref name="sink"/> in zone order.
    /// </summary>
    public static MatchReport Match(SkyPositions a, SkyPositions b, SkyMatchOptions options, IPairSink sink)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        var (h, threads) = (options.EffectiveZoneHeightDeg, options.EffectiveThreads);
        var za = ZonedPositions.Build(a.Ids, a.Ra, a.Dec, null, a.Count, h, threads);
        var zb = ReferenceEquals(a, b) ? za : ZonedPositions.Build(b.Ids, b.Ra, b.Dec, null, b.Count, h, threads);
        var pairs = ZoneSweep.Match(za, zb, self: false, options.RadiusDeg, threads, sink);
        return new MatchReport(a.Count, b.Count, za.Skipped, zb.Skipped, pairs, 1, a.Count + (ReferenceEquals(a, b) ? 0 : b.Count));
    }

    /// <summary>
    /// Every source's neighbours within the radius in the same set, itself excluded: each pair of distinct sources
    /// is reported in both directions, (i, j) and (j, i), as the archive's neighbour tables hold them
    /// (masterObjID, slaveObjID). Two distinct sources at the same position are neighbours at distance 0.
    /// </summary>
    public static MatchReport SelfMatch(SkyPositions positions, SkyMatchOptions options, IPairSink sink)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        var (h, threads) = (options.EffectiveZoneHeightDeg, options.EffectiveThreads);
        var z = ZonedPositions.Build(positions.Ids, positions.Ra, positions.Dec, null, positions.Count, h, threads);
        var pairs = ZoneSweep.Match(z, z, self: true, options.RadiusDeg, threads, sink);
        return new MatchReport(positions.Count, positions.Count, z.Skipped, z.Skipped, pairs, 1, positions.Count);
    }

    /// <summary><see cref="Match(SkyPositions, SkyPositions, SkyMatchOptions, IPairSink)"/> into a list.</summary>
    public static List<SkyPair> Match(SkyPositions a, SkyPositions b, SkyMatchOptions options)
    {
        var list = new PairList();
        Match(a, b, options, list);
        return list.Pairs;
    }

    /// <summary><see cref="SelfMatch(SkyPositions, SkyMatchOptions, IPairSink)"/> into a list.</summary>
    public static List<SkyPair> SelfMatch(SkyPositions positions, SkyMatchOptions options)
    {
        var list = new PairList();
        SelfMatch(positions, options, list);
        return list.Pairs;
    }
}
