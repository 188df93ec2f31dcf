namespace Curation.TablePreparation.Matching;

/// <summary>
/// One-to-one pairing, nearest first (CU7's pairing of detections across passbands): the candidate pairs are taken
/// in order of separation, and a pair is accepted when neither of its sources is in a pair accepted before it.
/// Equal separations are taken in order of the first source's ID, then the second's, so the result does not depend
/// on the order of the candidates.
/// </summary>
public static class NearestFirstPairing
{
    /// <summary>The accepted pairs, nearest first. O(P log P) for P candidates.</summary>
    public static List<SkyPair> Pair(IEnumerable<SkyPair> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var sorted = candidates.ToArray();
        Array.Sort(sorted, static (x, y) =>
        {
            var c = x.SeparationDeg.CompareTo(y.SeparationDeg);
            if (c == 0)
                c = x.IdA.CompareTo(y.IdA);
            return c != 0 ? c : x.IdB.CompareTo(y.IdB);
        });
        var takenA = new HashSet<long>();
        var takenB = new HashSet<long>();
        var accepted = new List<SkyPair>();
        foreach (var p in sorted)
        {
            if (takenA.Contains(p.IdA) || takenB.Contains(p.IdB))
                continue;
            takenA.Add(p.IdA);
            takenB.Add(p.IdB);
            accepted.Add(p);
        }

        return accepted;
    }
}
