using Curation.TablePreparation.Matching;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Merging;

/// <summary>The detections of one passband of a frame set, as the merge sees them: their positions (degrees; a
/// position off the sky, such as the archive's default, is never paired).</summary>
/// <param name="Ra">Right ascensions, one per detection.</param>
/// <param name="Dec">Declinations, one per detection.</param>
public sealed record BandDetections(double[] Ra, double[] Dec)
{
    /// <summary>The number of detections.</summary>
    public int Count => Ra.Length;
}

/// <summary>A merged source: for each passband, the index of its detection in that band's list, or -1; and its mean
/// position (null when none of its detections has a position on the sky).</summary>
/// <param name="Detections">Per band (in the order the bands were given), the detection's index, or -1.</param>
/// <param name="Ra">The mean right ascension, degrees.</param>
/// <param name="Dec">The mean declination, degrees.</param>
public sealed record MergedSource(int[] Detections, double? Ra, double? Dec);

/// <summary>
/// Merges the detections of a frame set's passbands into sources (CU7). Bands are taken in turn: the first band's
/// detections each start a source; each later band's detections are paired one-to-one, nearest first, with the
/// sources so far (at their mean position: the mean of their detections' unit vectors) within the pairing radius, and
/// a detection left unpaired starts a source of its own. The pairs within the radius come from the zone matcher
/// (<see cref="SkyMatcher"/>) and are paired by <see cref="NearestFirstPairing"/>: O(N log N), no quadratic loop.
/// Sources come out in the order they were started (by band, then detection index), so the result does not depend
/// on anything but the input.
/// </summary>
public static class BandMerger
{
    /// <summary>Merges <paramref name="bands"/> within <paramref name="radiusDeg"/>.</summary>
    public static List<MergedSource> Merge(IReadOnlyList<BandDetections> bands, double radiusDeg, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (!(radiusDeg > 0) || radiusDeg > 1)
            throw new ArgumentOutOfRangeException(nameof(radiusDeg), radiusDeg, "the pairing radius must be above 0 and at most 1 degree");
        var members = new List<int[]>();
        var sums = new List<(double X, double Y, double Z, int N)>();
        var firsts = new List<(double Ra, double Dec)>();
        var options = new SkyMatchOptions(radiusDeg) { Threads = threads };
        for (var b = 0; b < bands.Count; b++)
        {
            var band = bands[b];
            var paired = new int[band.Count];
            Array.Fill(paired, -1);
            if (members.Count > 0 && band.Count > 0)
            {
                var (ids, ra, dec) = (new long[members.Count], new double[members.Count], new double[members.Count]);
                for (var s = 0; s < members.Count; s++)
                {
                    ids[s] = s;
                    (ra[s], dec[s]) = Position(sums[s], firsts[s]) ?? (double.NaN, double.NaN);
                }

                var detectionIds = new long[band.Count];
                for (var d = 0; d < band.Count; d++)
                    detectionIds[d] = d;
                var pairs = SkyMatcher.Match(new SkyPositions(detectionIds, band.Ra, band.Dec), new SkyPositions(ids, ra, dec), options);
                foreach (var pair in NearestFirstPairing.Pair(pairs))
                    paired[pair.IdA] = (int)pair.IdB;
            }

            for (var d = 0; d < band.Count; d++)
            {
                var s = paired[d];
                if (s < 0)
                {
                    s = members.Count;
                    var detections = new int[bands.Count];
                    Array.Fill(detections, -1);
                    members.Add(detections);
                    sums.Add((0, 0, 0, 0));
                    firsts.Add((double.NaN, double.NaN));
                }

                members[s][b] = d;
                if (OnSky(band.Ra[d], band.Dec[d]))
                {
                    var v = SkyMath.UnitVector(band.Ra[d], band.Dec[d]);
                    var sum = sums[s];
                    if (sum.N == 0)
                        firsts[s] = (band.Ra[d], band.Dec[d]);
                    sums[s] = (sum.X + v.X, sum.Y + v.Y, sum.Z + v.Z, sum.N + 1);
                }
            }
        }

        var sources = new List<MergedSource>(members.Count);
        for (var s = 0; s < members.Count; s++)
        {
            var mean = Position(sums[s], firsts[s]);
            sources.Add(new MergedSource(members[s], mean?.Ra, mean?.Dec));
        }

        return sources;
    }

    /// <summary>True for a position the matcher pairs: finite, Dec within ±90.</summary>
    public static bool OnSky(double ra, double dec) => double.IsFinite(ra) && double.IsFinite(dec) && Math.Abs(dec) <= 90;

    /// <summary>A source's position: its one detection's own (not rounded through its unit vector), or the direction
    /// of the sum of its detections' unit vectors as (RA in [0, 360), Dec); null when it has no position on the sky.</summary>
    private static (double Ra, double Dec)? Position((double X, double Y, double Z, int N) sum, (double Ra, double Dec) first)
    {
        if (sum.N == 1)
            return first;
        if (sum.N == 0 || !(sum.X * sum.X + sum.Y * sum.Y + sum.Z * sum.Z > 0))
            return null;
        return SkyMath.Direction(sum.X, sum.Y, sum.Z);
    }
}
