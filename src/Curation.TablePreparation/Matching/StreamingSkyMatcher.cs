namespace Curation.TablePreparation.Matching;

/// <summary>
/// The zone sweep over position files sorted by Dec (binary outgests, <see cref="PositionFileReader"/>), for sets
/// larger than memory: the files are read once, front to back, a block of zones at a time, and each block's pairs are
/// sent to the sink before the next is read. Memory holds one block of the first set (about
/// <c>blockRows</c> sources, rounded up to whole zones) and the sources of the second set within the block's zones and
/// one zone either side. The pairs are those <see cref="SkyMatcher"/> finds on the same sets.
/// </summary>
public static class StreamingSkyMatcher
{
    /// <summary>The default block: 262,144 sources of the first set. On the benchmark (10 million against 10 million)
    /// the process peaked at 147 MB with it, against 428 MB with blocks of 1,048,576, and was faster (2.5 s against
    /// 2.9 s: a block's zones stay in the processor's caches).</summary>
    public const int DefaultBlockRows = 1 << 18;

    /// <summary>Every pair (a source of <paramref name="pathA"/>, a source of <paramref name="pathB"/>) within the
    /// radius, sent to <paramref name="sink"/> in Dec-zone order. Both files must be sorted by Dec.</summary>
    public static MatchReport Match(string pathA, PositionColumns? columnsA, string pathB, PositionColumns? columnsB,
        SkyMatchOptions options, IPairSink sink, int blockRows = DefaultBlockRows)
    {
        using var a = PositionFileReader.Open(pathA, columnsA, requireSortedByDec: true);
        using var b = PositionFileReader.Open(pathB, columnsB, requireSortedByDec: true);
        return Run(a, b, self: false, options, sink, blockRows);
    }

    /// <summary>Every source's neighbours within the radius in the same file, itself excluded, both directions of
    /// each pair (as <see cref="SkyMatcher.SelfMatch(SkyPositions, SkyMatchOptions, IPairSink)"/>). The file is read
    /// twice, side by side: once as the block's sources, once as their neighbours.</summary>
    public static MatchReport SelfMatch(string path, PositionColumns? columns, SkyMatchOptions options, IPairSink sink, int blockRows = DefaultBlockRows)
    {
        using var a = PositionFileReader.Open(path, columns, requireSortedByDec: true);
        using var b = PositionFileReader.Open(path, columns, requireSortedByDec: true);
        return Run(a, b, self: true, options, sink, blockRows);
    }

    private static MatchReport Run(PositionFileReader a, PositionFileReader b, bool self, SkyMatchOptions options, IPairSink sink, int blockRows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        var (h, threads) = (options.EffectiveZoneHeightDeg, options.EffectiveThreads);
        var blockA = new RowBuffer();
        ZonedPositions? za = null, zb = null; // their arrays are reused from block to block, and so are the pair lists
        var buffers = new List<List<SkyPair>>();
        var window = new RowBuffer();
        long pairs = 0, largest = 0;
        var blocks = 0;
        var hasA = a.Next();
        var hasB = b.Next();
        while (hasA)
        {
            // A block of a: at least blockRows sources, then to the end of the zone the last one is in.
            blockA.Clear();
            var zLo = ZonedPositions.ZoneOf(a.Dec, h);
            var zHi = zLo;
            while (hasA)
            {
                var z = ZonedPositions.ZoneOf(a.Dec, h);
                if (blockA.Count >= blockRows && z != zHi)
                    break;
                blockA.Add(a.Id, a.Ra, a.Dec, a.Record);
                zHi = z;
                hasA = a.Next();
            }

            // The sources of b in zones zLo - 1 .. zHi + 1: those kept from the last block, then more from the file.
            var drop = 0;
            while (drop < window.Count && ZonedPositions.ZoneOf(window.Dec[drop], h) < zLo - 1)
                drop++;
            window.DropFront(drop);
            while (hasB)
            {
                var z = ZonedPositions.ZoneOf(b.Dec, h);
                if (z > zHi + 1)
                    break;
                if (z >= zLo - 1)
                    window.Add(b.Id, b.Ra, b.Dec, b.Record);
                hasB = b.Next();
            }

            za = ZonedPositions.Build(blockA.Id, blockA.Ra, blockA.Dec, blockA.Serial, blockA.Count, h, threads, za);
            zb = ZonedPositions.Build(window.Id, window.Ra, window.Dec, window.Serial, window.Count, h, threads, zb);
            pairs += ZoneSweep.Match(za, zb, self, options.RadiusDeg, threads, sink, buffers);
            largest = Math.Max(largest, blockA.Count + window.Count);
            blocks++;
        }

        // Read the rest of b: its rows are counted and its order checked.
        while (hasB)
            hasB = b.Next();
        return new MatchReport(a.RowsRead, b.RowsRead, a.Skipped, b.Skipped, pairs, blocks, largest);
    }

    /// <summary>Growable parallel arrays of sources.</summary>
    private sealed class RowBuffer
    {
        public long[] Id = new long[1024];
        public double[] Ra = new double[1024];
        public double[] Dec = new double[1024];
        public long[] Serial = new long[1024];

        public int Count { get; private set; }

        public void Add(long id, double ra, double dec, long serial)
        {
            if (Count == Id.Length)
            {
                var size = checked(Count * 2);
                Array.Resize(ref Id, size);
                Array.Resize(ref Ra, size);
                Array.Resize(ref Dec, size);
                Array.Resize(ref Serial, size);
            }

            Id[Count] = id;
            Ra[Count] = ra;
            Dec[Count] = dec;
            Serial[Count] = serial;
            Count++;
        }

        public void Clear() => Count = 0;

        public void DropFront(int n)
        {
            if (n == 0)
                return;
            var keep = Count - n;
            Array.Copy(Id, n, Id, 0, keep);
            Array.Copy(Ra, n, Ra, 0, keep);
            Array.Copy(Dec, n, Dec, 0, keep);
            Array.Copy(Serial, n, Serial, 0, keep);
            Count = keep;
        }
    }
}
