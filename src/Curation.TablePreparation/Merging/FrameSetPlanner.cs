using Curation.TablePreparation.Matching;

namespace Curation.TablePreparation.Merging;

/// <summary>A detector frame that can go into a frame set: its detections are ingested, it is not deprecated, not a
/// confidence map, and not a component of a combined frame (a stack's exposures are merged through the stack).</summary>
/// <param name="MultiframeId">Its multiframe.</param>
/// <param name="ExtNum">Its extension number.</param>
/// <param name="FilterId">Its filter.</param>
/// <param name="Ra">The right ascension of its centre (CurrentAstrometry.centralRA), degrees.</param>
/// <param name="Dec">The declination of its centre, degrees.</param>
/// <param name="HeightDeg">Its extent in declination (maxDec - minDec), degrees; 0 when unknown.</param>
/// <param name="IsStack">True for a stacked frame (frameType stack, leavstack, ...), preferred to a single exposure.</param>
/// <param name="MjdObs">The modified Julian date of its observation.</param>
/// <param name="DetectionEventId">The event (CU4) that last ingested its detections.</param>
public sealed record CandidateFrame(long MultiframeId, int ExtNum, int FilterId, double Ra, double Dec, double HeightDeg, bool IsStack, double MjdObs, int DetectionEventId)
{
    /// <summary>The frame's key, (multiframeID, extNum).</summary>
    public (long, int) Key => (MultiframeId, ExtNum);
}

/// <summary>A frame set as <c>{prog}MergeLog</c> holds it.</summary>
/// <param name="FrameSetId">Its ID.</param>
/// <param name="CuEventId">The event that last merged it.</param>
/// <param name="Slots">Its frame per filter ID.</param>
/// <param name="NewFrameSet">True when it is waiting to be (re)merged.</param>
public sealed record StoredFrameSet(long FrameSetId, int CuEventId, IReadOnlyDictionary<int, (long MultiframeId, int ExtNum)> Slots, bool NewFrameSet);

/// <summary>A frame set as the frames now available make it: its frame per required filter, and every frame of the
/// field (the ones not chosen were superseded: a second observation in the same filter, an exposure beside a stack).</summary>
public sealed class PlannedFrameSet
{
    /// <summary>The frame per filter ID.</summary>
    public Dictionary<int, CandidateFrame> Slots { get; } = [];

    /// <summary>Every frame assigned to the field, chosen or superseded.</summary>
    public List<CandidateFrame> Members { get; } = [];

    /// <summary>The first frame of the field, whose centre frames are matched to.</summary>
    public required CandidateFrame Seed { get; init; }

    /// <summary>The frame set of <c>{prog}MergeLog</c> it continues, or null for a new one.</summary>
    public StoredFrameSet? Stored { get; set; }

    /// <summary>The centre: the mean of its chosen frames' centres (as unit vectors), degrees.</summary>
    public (double Ra, double Dec) Centre()
    {
        var (x, y, z) = (0.0, 0.0, 0.0);
        foreach (var f in Slots.Values)
        {
            var v = Sky.SkyMath.UnitVector(f.Ra, f.Dec);
            (x, y, z) = (x + v.X, y + v.Y, z + v.Z);
        }

        return Sky.SkyMath.Direction(x, y, z);
    }
}

/// <summary>
/// Groups detector frames into frame sets (CU7): frames of the required filters whose centres lie within a tolerance
/// of each other cover the same field. Frames are taken in the order they were observed (MJD, then multiframe and
/// extension): a frame joins the field whose first frame's centre is nearest, within the tolerance, or starts a new
/// field. Each field holds one frame per filter: a stack is preferred to a single exposure, and otherwise the later
/// observation to the earlier (a field observed again supersedes its earlier frame). The result depends only on
/// the frames, not on the runs they arrived in, so a rerun plans the same frame sets, and a frame arriving later
/// changes only its own field's set. The centre pairs come from the zone matcher: no quadratic loop.
/// </summary>
public static class FrameSetPlanner
{
    /// <summary>The default tolerance: a quarter of the frames' median extent in declination.</summary>
    public static double DefaultToleranceDeg(IReadOnlyList<CandidateFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var heights = frames.Select(f => f.HeightDeg).Where(h => h > 0 && double.IsFinite(h)).Order().ToList();
        return heights.Count == 0 ? 1.0 / 60 : heights[heights.Count / 2] / 4;
    }

    /// <summary>Plans the frame sets of <paramref name="frames"/> (those of other filters are ignored) within
    /// <paramref name="toleranceDeg"/>, and ties each to the stored frame set it continues: the one sharing most frames.</summary>
    public static List<PlannedFrameSet> Plan(IReadOnlyList<CandidateFrame> frames, IReadOnlyCollection<int> filters, double toleranceDeg, IReadOnlyList<StoredFrameSet> stored)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(stored);
        var ordered = frames.Where(f => filters.Contains(f.FilterId) && BandMerger.OnSky(f.Ra, f.Dec))
            .OrderBy(f => f.MjdObs).ThenBy(f => f.MultiframeId).ThenBy(f => f.ExtNum).ToList();

        // Every pair of frames whose centres are within the tolerance, once.
        var ids = Enumerable.Range(0, ordered.Count).Select(i => (long)i).ToArray();
        var positions = new SkyPositions(ids, [.. ordered.Select(f => f.Ra)], [.. ordered.Select(f => f.Dec)]);
        var near = new List<(int Other, double Separation)>[ordered.Count];
        foreach (var pair in SkyMatcher.SelfMatch(positions, new SkyMatchOptions(toleranceDeg)))
            (near[pair.IdA] ??= []).Add(((int)pair.IdB, pair.SeparationDeg));

        var fieldOfSeed = new Dictionary<int, PlannedFrameSet>();
        var sets = new List<PlannedFrameSet>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var frame = ordered[i];
            PlannedFrameSet? set = null;
            var best = double.MaxValue;
            foreach (var (other, separation) in near[i] ?? [])
            {
                if (other < i && fieldOfSeed.TryGetValue(other, out var candidate) && separation < best)
                    (set, best) = (candidate, separation);
            }

            if (set is null)
            {
                set = new PlannedFrameSet { Seed = frame };
                fieldOfSeed[i] = set;
                sets.Add(set);
            }

            set.Members.Add(frame);
            if (!set.Slots.TryGetValue(frame.FilterId, out var held) || Preferred(frame, held))
                set.Slots[frame.FilterId] = frame;
        }

        // Each stored frame set continues in the planned set sharing most of its frames (each used once).
        var setOfFrame = new Dictionary<(long, int), PlannedFrameSet>();
        foreach (var set in sets)
        {
            foreach (var m in set.Members)
                setOfFrame[m.Key] = set;
        }

        var claims = new List<(StoredFrameSet Stored, PlannedFrameSet Set, int Shared)>();
        foreach (var s in stored)
        {
            foreach (var group in s.Slots.Values.Where(setOfFrame.ContainsKey).GroupBy(k => setOfFrame[k]))
                claims.Add((s, group.Key, group.Count()));
        }

        var taken = new HashSet<long>();
        foreach (var (s, set, _) in claims.OrderByDescending(c => c.Shared).ThenBy(c => c.Stored.FrameSetId))
        {
            if (set.Stored is null && taken.Add(s.FrameSetId))
                set.Stored = s;
        }

        return sets;
    }

    /// <summary>True when <paramref name="frame"/> should replace <paramref name="held"/> in its filter's slot.</summary>
    private static bool Preferred(CandidateFrame frame, CandidateFrame held) =>
        frame.IsStack != held.IsStack ? frame.IsStack : frame.MjdObs >= held.MjdObs;
}
