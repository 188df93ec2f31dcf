using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Matching;

/// <summary>
/// Sources bucketed into declination zones and sorted by RA within each zone, with their unit vectors: what the zone
/// sweep reads. Zone z holds the declinations [-90 + z h, -90 + (z+1) h); the zone numbers are absolute, so two sets
/// built with the same height can be swept against each other.
/// </summary>
internal sealed class ZonedPositions
{
    // Scratch arrays of the counting sort, kept for the next Build into this object.
    private int[] _zone = [];
    private int[] _order = [];

    /// <summary>The first zone held.</summary>
    public int ZoneMin { get; private set; }

    /// <summary>The number of zones held, from <see cref="ZoneMin"/> on.</summary>
    public int ZoneCount { get; private set; }

    /// <summary>Zone <c>ZoneMin + k</c> holds the rows <c>Start[k]</c> .. <c>Start[k + 1] - 1</c>.</summary>
    public int[] Start { get; private set; } = [0];

    /// <summary>The largest |Dec| of each zone's rows (what its RA window is computed from).</summary>
    public double[] MaxAbsDec { get; private set; } = [];

    public long[] Id { get; private set; } = [];

    /// <summary>Each row's position in its input (the file's record number, or the array index): equal serials in a
    /// self-match are the same source.</summary>
    public long[] Serial { get; private set; } = [];

    /// <summary>RA in [0, 360).</summary>
    public double[] Ra { get; private set; } = [];

    public double[] Dec { get; private set; } = [];

    /// <summary>Unit vectors, three doubles per row.</summary>
    public double[] Xyz { get; private set; } = [];

    /// <summary>Rows held (the arrays may be longer: they are reused from block to block).</summary>
    public int Count { get; private set; }

    /// <summary>Rows left out: not on the sky.</summary>
    public long Skipped { get; private set; }

    /// <summary>The zone of a declination in [-90, 90] for zones of height <paramref name="height"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ZoneOf(double dec, double height)
    {
        var z = (int)Math.Floor((dec + 90.0) / height);
        return Math.Clamp(z, 0, (int)Math.Floor(180.0 / height));
    }

    /// <summary>True when a position can be matched: finite RA, Dec in [-90, 90].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool OnSky(double ra, double dec) => dec >= -90.0 && dec <= 90.0 && double.IsFinite(ra);

    /// <summary>
    /// Buckets the first <paramref name="count"/> rows into zones (a counting sort, O(N)), sorts each zone by RA
    /// (in parallel) and computes the unit vectors. <paramref name="serial"/> null means each row's index. With
    /// <paramref name="reuse"/>, its arrays are used again (grown when too short) and it is returned: a streamed
    /// match allocates its arrays once, not once per block.
    /// </summary>
    public static ZonedPositions Build(long[] ids, double[] ra, double[] dec, long[]? serial, int count, double height, int threads, ZonedPositions? reuse = null)
    {
        var result = reuse ?? new ZonedPositions();
        result.Fill(ids, ra, dec, serial, count, height, threads);
        return result;
    }

    private static T[] Ensure<T>(T[] array, int length) => array.Length >= length ? array : new T[Math.Max(length, array.Length + array.Length / 4)];

    private void Fill(long[] ids, double[] ra, double[] dec, long[]? serial, int count, double height, int threads)
    {
        var zone = _zone = Ensure(_zone, count);
        int zmin = int.MaxValue, zmax = -1, valid = 0;
        for (var i = 0; i < count; i++)
        {
            if (!OnSky(ra[i], dec[i]))
            {
                zone[i] = -1;
                continue;
            }

            var z = ZoneOf(dec[i], height);
            zone[i] = z;
            zmin = Math.Min(zmin, z);
            zmax = Math.Max(zmax, z);
            valid++;
        }

        Count = valid;
        Skipped = count - valid;
        if (valid == 0)
        {
            (ZoneMin, ZoneCount) = (0, 0);
            Start[0] = 0;
            return;
        }

        var zones = zmax - zmin + 1;
        var start = Start = Ensure(Start, zones + 1);
        Array.Clear(start, 0, zones + 1);
        for (var i = 0; i < count; i++)
        {
            if (zone[i] >= 0)
                start[zone[i] - zmin + 1]++;
        }

        for (var k = 0; k < zones; k++)
            start[k + 1] += start[k];
        var next = new int[zones];
        Array.Copy(start, next, zones);
        var order = _order = Ensure(_order, valid);
        for (var i = 0; i < count; i++)
        {
            if (zone[i] >= 0)
                order[next[zone[i] - zmin]++] = i;
        }

        var keys = Ra = Ensure(Ra, valid);
        for (var k = 0; k < valid; k++)
            keys[k] = SkyMath.Longitude(ra[order[k]]);

        var outId = Id = Ensure(Id, valid);
        var outSerial = Serial = Ensure(Serial, valid);
        var outDec = Dec = Ensure(Dec, valid);
        var xyz = Xyz = Ensure(Xyz, 3 * valid);
        var maxAbsDec = MaxAbsDec = Ensure(MaxAbsDec, zones);
        var parts = Math.Min(zones, threads * 4);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            for (var k = (int)((long)zones * part / parts); k < (int)((long)zones * (part + 1) / parts); k++)
            {
                int s = start[k], e = start[k + 1];
                if (e - s > 1)
                    Array.Sort(keys, order, s, e - s);
                var m = 0.0;
                for (var r = s; r < e; r++)
                {
                    var i = order[r];
                    outId[r] = ids[i];
                    outSerial[r] = serial is null ? i : serial[i];
                    outDec[r] = dec[i];
                    m = Math.Max(m, Math.Abs(dec[i]));
                    var (x, y, zz) = SkyMath.UnitVector(keys[r], dec[i]);
                    xyz[3 * r] = x;
                    xyz[3 * r + 1] = y;
                    xyz[3 * r + 2] = zz;
                }

                maxAbsDec[k] = m;
            }
        });

        (ZoneMin, ZoneCount) = (zmin, zones);
    }
}

/// <summary>
/// The zone sweep: every pair of a source of one zoned set and a source of another within the radius. Each zone of the
/// first set is compared with the zones above, at and below it in the second (the zone height is at least the radius),
/// within an RA window widened by 1/cos(Dec), or the whole ring when the zone reaches to within a radius of a pole.
/// </summary>
internal static class ZoneSweep
{
    /// <summary>
    /// Sends every pair within <paramref name="radiusDeg"/> to <paramref name="sink"/>, in zone order of
    /// <paramref name="a"/> (then RA of a, then zone and RA of b): zones are shared out among the threads in chunks
    /// and the chunks' pairs written in order, so the output does not depend on the threads. In a self-match, a
    /// source is not paired with itself (same serial). Returns the number of pairs. <paramref name="buffers"/>, when
    /// given, keeps the chunks' pair lists for the next call (a streamed match's next block).
    /// </summary>
    public static long Match(ZonedPositions a, ZonedPositions b, bool self, double radiusDeg, int threads, IPairSink sink, List<List<SkyPair>>? buffers = null)
    {
        if (a.Count == 0 || b.Count == 0)
            return 0;
        var chord = 2 * Math.Sin(radiusDeg * Math.PI / 360.0) + 1e-15; // slack for the unit vectors' rounding
        var parameters = new SweepParameters(radiusDeg, chord * chord, Math.Sin(radiusDeg * Math.PI / 180.0), self);

        // Chunks of consecutive zones holding about the same number of rows of a, several per thread.
        var target = Math.Max(1, a.Count / (threads * 8));
        var bounds = new List<int> { 0 };
        for (var k = 0; k < a.ZoneCount; k++)
        {
            if (a.Start[k + 1] - a.Start[bounds[^1]] >= target)
                bounds.Add(k + 1);
        }

        if (bounds[^1] != a.ZoneCount)
            bounds.Add(a.ZoneCount);
        buffers ??= [];
        while (buffers.Count < bounds.Count - 1)
            buffers.Add([]);
        var results = buffers.GetRange(0, bounds.Count - 1);
        Parallel.For(0, results.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            var output = results[c];
            output.Clear();
            for (var k = bounds[c]; k < bounds[c + 1]; k++)
                MatchZone(a, k, b, parameters, output);
        });

        long pairs = 0;
        foreach (var r in results)
        {
            sink.Write(CollectionsMarshal.AsSpan(r));
            pairs += r.Count;
        }

        return pairs;
    }

    private readonly record struct SweepParameters(double Radius, double Chord2, double SinRadius, bool Self);

    private static void MatchZone(ZonedPositions a, int ka, ZonedPositions b, in SweepParameters p, List<SkyPair> output)
    {
        int a0 = a.Start[ka], a1 = a.Start[ka + 1];
        if (a0 == a1)
            return;
        var zone = a.ZoneMin + ka;
        // The RA half-width of a circle of the radius around any source of this zone: asin(sin r / cos |Dec|) at the
        // zone's largest |Dec|, widened a little for rounding (the exact test follows); the whole ring when the circle
        // can hold a pole.
        var maxAbsDec = a.MaxAbsDec[ka];
        var window = 360.0;
        if (maxAbsDec + p.Radius < 90.0)
        {
            window = Math.Asin(p.SinRadius / Math.Cos(maxAbsDec * Math.PI / 180.0)) * 180.0 / Math.PI;
            window = window * (1 + 1e-9) + 1e-12;
        }

        for (var zb = zone - 1; zb <= zone + 1; zb++)
        {
            var kb = zb - b.ZoneMin;
            if (kb < 0 || kb >= b.ZoneCount)
                continue;
            int b0 = b.Start[kb], b1 = b.Start[kb + 1];
            if (b0 == b1)
                continue;
            if (window >= 180.0)
            {
                for (var i = a0; i < a1; i++)
                {
                    for (var j = b0; j < b1; j++)
                        Test(a, i, b, j, p, output);
                }

                continue;
            }

            // Both zones are sorted by RA, so the window's lower edge only moves up: one pointer for the zone.
            var bRa = b.Ra;
            var first = b0;
            for (var i = a0; i < a1; i++)
            {
                var ra = a.Ra[i];
                double lo = ra - window, hi = ra + window;
                while (first < b1 && bRa[first] < lo)
                    first++;
                for (var j = first; j < b1 && bRa[j] <= hi; j++)
                    Test(a, i, b, j, p, output);
                // Across RA = 0/360: the part of the window beyond either end, from the other end (disjoint from the
                // part above as the window is narrower than 360).
                if (lo < 0)
                {
                    var wrapped = lo + 360.0;
                    for (var j = b1 - 1; j >= b0 && bRa[j] >= wrapped; j--)
                        Test(a, i, b, j, p, output);
                }
                else if (hi >= 360.0)
                {
                    var wrapped = hi - 360.0;
                    for (var j = b0; j < b1 && bRa[j] <= wrapped; j++)
                        Test(a, i, b, j, p, output);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Test(ZonedPositions a, int i, ZonedPositions b, int j, in SweepParameters p, List<SkyPair> output)
    {
        if (p.Self && a.Serial[i] == b.Serial[j])
            return;
        var ax = a.Xyz;
        var bx = b.Xyz;
        var dx = ax[3 * i] - bx[3 * j];
        var dy = ax[3 * i + 1] - bx[3 * j + 1];
        var dz = ax[3 * i + 2] - bx[3 * j + 2];
        if (dx * dx + dy * dy + dz * dz > p.Chord2)
            return;
        // The chord is only a filter: the pair is decided, and its separation given, by one formula, exact at every
        // angle.
        var separation = SkyMath.SeparationDeg(a.Ra[i], a.Dec[i], b.Ra[j], b.Dec[j]);
        if (separation <= p.Radius)
            output.Add(new SkyPair(a.Id[i], b.Id[j], separation));
    }
}
