namespace Curation.TablePreparation.Matching;

/// <summary>
/// A set of sky positions held in memory, one entry per source: its ID and its (RA, Dec) in degrees (ICRS), as
/// parallel arrays. Positions that are not on the sky (NaN, or |Dec| above 90, such as the archive's default
/// -0.9999995e9) are kept but never matched.
/// </summary>
public sealed class SkyPositions
{
    /// <summary>Positions from parallel arrays (not copied: do not change them while a match runs).</summary>
    public SkyPositions(long[] ids, double[] ra, double[] dec)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(ra);
        ArgumentNullException.ThrowIfNull(dec);
        if (ra.Length != ids.Length || dec.Length != ids.Length)
            throw new ArgumentException($"{ids.Length} IDs, {ra.Length} RAs and {dec.Length} Decs: the arrays must have one entry per source");
        Ids = ids;
        Ra = ra;
        Dec = dec;
    }

    /// <summary>Each source's ID, reported in the pairs.</summary>
    public long[] Ids { get; }

    /// <summary>Each source's right ascension in degrees (any value; taken modulo 360).</summary>
    public double[] Ra { get; }

    /// <summary>Each source's declination in degrees.</summary>
    public double[] Dec { get; }

    /// <summary>The number of sources.</summary>
    public int Count => Ids.Length;
}

/// <summary>
/// One matched pair: a source of the first set (the master) and one of the second (the slave), and the great-circle
/// distance between them in degrees.
/// </summary>
/// <param name="IdA">The ID of the source in the first set (in a self-match, the source whose neighbour this is).</param>
/// <param name="IdB">The ID of the source in the second set (in a self-match, the neighbour).</param>
/// <param name="SeparationDeg">The distance in degrees (<see cref="Sky.SkyMath.SeparationDeg"/>).</param>
public readonly record struct SkyPair(long IdA, long IdB, double SeparationDeg);

/// <summary>Where a match sends its pairs, a batch at a time, from one thread, in the order the match produces them.</summary>
public interface IPairSink
{
    /// <summary>Takes a batch of pairs; the span is only valid during the call.</summary>
    void Write(ReadOnlySpan<SkyPair> pairs);
}

/// <summary>A sink that keeps every pair in memory.</summary>
public sealed class PairList : IPairSink
{
    /// <summary>The pairs received, in order.</summary>
    public List<SkyPair> Pairs { get; } = [];

    /// <inheritdoc />
    public void Write(ReadOnlySpan<SkyPair> pairs) => Pairs.AddRange(pairs);
}

/// <summary>What a match read and wrote.</summary>
/// <param name="RowsA">Sources read from the first set.</param>
/// <param name="RowsB">Sources read from the second set (in a self-match, the same as <paramref name="RowsA"/>).</param>
/// <param name="SkippedA">Sources of the first set that are not on the sky (NaN, NULL, |Dec| above 90) and were not matched.</param>
/// <param name="SkippedB">The same for the second set.</param>
/// <param name="Pairs">Pairs written to the sink.</param>
/// <param name="Blocks">Blocks of zones processed (1 for an in-memory match).</param>
/// <param name="LargestBlockRows">The most sources held in memory at once for one block (both sets together).</param>
public sealed record MatchReport(long RowsA, long RowsB, long SkippedA, long SkippedB, long Pairs, int Blocks, long LargestBlockRows);
