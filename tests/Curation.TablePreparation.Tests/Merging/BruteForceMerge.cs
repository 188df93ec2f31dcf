using Curation.TablePreparation.Matching;
using Curation.TablePreparation.Merging;
using Curation.TablePreparation.Sky;
using Curation.TablePreparation.Tests.Matching;

namespace Curation.TablePreparation.Tests.Merging;

/// <summary>
/// The reference CU7's merge is checked against: the same rule (bands in turn; each band's detections paired one to
/// one, nearest first, with the sources so far at their mean position, within the radius; the unpaired start sources),
/// written the slow way: every detection tried against every source (O(N·M)), the pairing by repeatedly taking the
/// closest free pair (<see cref="BruteForce.GreedyPairing"/>), the mean position by averaging unit vectors here.
/// </summary>
internal static class BruteForceMerge
{
    public static List<int[]> Merge(IReadOnlyList<BandDetections> bands, double radiusDeg)
    {
        var sources = new List<int[]>();
        for (var b = 0; b < bands.Count; b++)
        {
            var band = bands[b];
            var candidates = new List<SkyPair>();
            for (var s = 0; s < sources.Count; s++)
            {
                if (MeanPosition(bands, sources[s]) is not { } mean)
                    continue;
                for (var d = 0; d < band.Count; d++)
                {
                    if (!BandMerger.OnSky(band.Ra[d], band.Dec[d]))
                        continue;
                    var separation = SkyMath.SeparationDeg(band.Ra[d], band.Dec[d], mean.Ra, mean.Dec);
                    if (separation <= radiusDeg)
                        candidates.Add(new SkyPair(d, s, separation));
                }
            }

            var paired = BruteForce.GreedyPairing(candidates).ToDictionary(p => (int)p.IdA, p => (int)p.IdB);
            for (var d = 0; d < band.Count; d++)
            {
                if (!paired.TryGetValue(d, out var s))
                {
                    s = sources.Count;
                    sources.Add(Enumerable.Repeat(-1, bands.Count).ToArray());
                }

                sources[s][b] = d;
            }
        }

        return sources;
    }

    public static (double Ra, double Dec)? MeanPosition(IReadOnlyList<BandDetections> bands, int[] members)
    {
        var on = Enumerable.Range(0, members.Length).Where(b => members[b] >= 0 && BandMerger.OnSky(bands[b].Ra[members[b]], bands[b].Dec[members[b]])).ToList();
        if (on.Count == 0)
            return null;
        if (on.Count == 1)
            return (bands[on[0]].Ra[members[on[0]]], bands[on[0]].Dec[members[on[0]]]);
        double x = 0, y = 0, z = 0;
        foreach (var b in on)
        {
            var v = SkyMath.UnitVector(bands[b].Ra[members[b]], bands[b].Dec[members[b]]);
            (x, y, z) = (x + v.X, y + v.Y, z + v.Z);
        }

        var ra = Math.Atan2(y, x) * 180 / Math.PI;
        return (ra < 0 ? ra + 360 : ra, Math.Atan2(z, Math.Sqrt(x * x + y * y)) * 180 / Math.PI);
    }
}
