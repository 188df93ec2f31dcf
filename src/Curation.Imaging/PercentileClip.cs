using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Curation.Imaging;

/// <summary>
/// Percentile-clipping display limits, as the ACS Quicklook project made its JPEGs: the <see cref="Clip"/> percent
/// lowest finite pixels are shown black and the <see cref="Clip"/> percent highest white; the limits are numpy's
/// <c>percentile(finite, [clip, 100 - clip])</c> exactly (linear interpolation between the order statistics). They
/// are found without sorting the image: a histogram of 65,536 bins between the finite minimum and maximum locates
/// the order statistics, and only the pixels of their bins are sorted.
/// </summary>
/// <param name="Clip">The percentage of finite pixels clipped at each end, 0 to 50.</param>
public sealed record PercentileClip(double Clip)
{
    private const int Bins = 1 << 16;

    /// <summary>The limits, or null when the image has no finite pixel.</summary>
    public DisplayLimits? Limits(FrameImage image, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Clip is < 0 or > 50 || double.IsNaN(Clip))
            throw new ArgumentOutOfRangeException(nameof(image), Clip, "the clip is a percentage from 0 to 50");
        var n = image.Finite;
        if (n == 0)
            return null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        var bands = Bands(image, options.MaxDegreeOfParallelism);

        // The finite minimum and maximum.
        var lows = new double[bands.Count];
        var highs = new double[bands.Count];
        Parallel.For(0, bands.Count, options, b =>
        {
            var (lo, hi) = MinMax(image.Pixels.AsSpan(bands[b].Start, bands[b].Length));
            lows[b] = lo;
            highs[b] = hi;
        });
        var min = lows.Min();
        var max = highs.Max();
        if (min == max)
            return new DisplayLimits(min, max);

        // The order statistics numpy interpolates between, and the bins they fall in.
        var lowIndex = Clip / 100 * (n - 1);
        var highIndex = (100 - Clip) / 100 * (n - 1);
        long[] ranks = [(long)Math.Floor(lowIndex), Math.Min(n - 1, (long)Math.Floor(lowIndex) + 1), (long)Math.Floor(highIndex), Math.Min(n - 1, (long)Math.Floor(highIndex) + 1)];
        var scale = Bins / (max - min);
        int BinOf(float v) => Math.Min(Bins - 1, (int)((v - min) * scale));

        var histograms = new long[bands.Count][];
        Parallel.For(0, bands.Count, options, b =>
        {
            var histogram = histograms[b] = new long[Bins];
            foreach (var v in image.Pixels.AsSpan(bands[b].Start, bands[b].Length))
            {
                if (float.IsFinite(v))
                    histogram[BinOf(v)]++;
            }
        });
        var total = new long[Bins];
        foreach (var histogram in histograms)
        {
            for (var i = 0; i < Bins; i++)
                total[i] += histogram[i];
        }

        var wanted = new Dictionary<int, long>(); // bin -> finite pixels in the bins below it
        var isWanted = new bool[Bins];
        foreach (var rank in ranks)
        {
            long below = 0;
            var bin = 0;
            while (below + total[bin] <= rank)
                below += total[bin++];
            wanted[bin] = below;
            isWanted[bin] = true;
        }

        // The pixels of those bins, sorted, give the order statistics.
        var found = new List<float>[bands.Count];
        Parallel.For(0, bands.Count, options, b =>
        {
            var list = found[b] = [];
            foreach (var v in image.Pixels.AsSpan(bands[b].Start, bands[b].Length))
            {
                if (float.IsFinite(v) && isWanted[BinOf(v)])
                    list.Add(v);
            }
        });
        var byBin = found.SelectMany(l => l).GroupBy(BinOf).ToDictionary(g => g.Key, g => g.Order().ToArray());
        double OrderStatistic(long rank)
        {
            var bin = wanted.Keys.First(k => rank >= wanted[k] && rank < wanted[k] + total[k]);
            return byBin[bin][rank - wanted[bin]];
        }

        return new DisplayLimits(Interpolate(lowIndex, OrderStatistic(ranks[0]), OrderStatistic(ranks[1])),
            Interpolate(highIndex, OrderStatistic(ranks[2]), OrderStatistic(ranks[3])));
    }

    /// <summary>The smallest and largest finite values (+infinity and -infinity when there is none).</summary>
    private static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 8)
        {
            var los = Vector256.Create(float.PositiveInfinity);
            var his = Vector256.Create(float.NegativeInfinity);
            ref var start = ref MemoryMarshal.GetReference(values);
            for (; i + 8 <= values.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var finite = Vector256.Equals(v - v, Vector256<float>.Zero);
                los = Vector256.ConditionalSelect(finite & Vector256.LessThan(v, los), v, los);
                his = Vector256.ConditionalSelect(finite & Vector256.GreaterThan(v, his), v, his);
            }

            for (var k = 0; k < 8; k++)
            {
                lo = Math.Min(lo, los[k]);
                hi = Math.Max(hi, his[k]);
            }
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            if (!float.IsFinite(v))
                continue;
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }

        return (lo, hi);
    }

    /// <summary>numpy's linear interpolation between neighbouring order statistics (its <c>_lerp</c>).</summary>
    private static double Interpolate(double index, double below, double above)
    {
        var t = index - Math.Floor(index);
        var difference = above - below;
        return t >= 0.5 ? above - difference * (1 - t) : below + difference * t;
    }

    private static List<(int Start, int Length)> Bands(FrameImage image, int threads)
    {
        var total = image.Width * image.Height;
        var count = Math.Max(1, Math.Min(threads * 4, total / (1 << 16)));
        var size = (total + count - 1) / count;
        var bands = new List<(int, int)>();
        for (var start = 0; start < total; start += size)
            bands.Add((start, Math.Min(size, total - start)));
        return bands;
    }
}
