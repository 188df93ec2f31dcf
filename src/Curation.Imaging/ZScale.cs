using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Curation.Imaging;

/// <summary>
/// IRAF's zscale display limits, computed step for step as astropy's <c>ZScaleInterval.get_limits</c> (astropy 5.2)
/// does, with its defaults: up to <see cref="Samples"/> = 1000 finite pixels taken at a regular stride through the
/// image's finite pixels in FITS order; a straight line fitted to them sorted, by least squares with iterative
/// <see cref="Krej"/> = 2.5 sigma rejection (each rejected sample's neighbours, 1% of the samples, rejected too) for at
/// most <see cref="MaxIterations"/> = 5 rounds; then, if at least max(<see cref="MinPixels"/> = 5,
/// <see cref="MaxReject"/> = 0.5 x samples) survive, limits of median -/+ slope / <see cref="Contrast"/> (0.25) times
/// the distance to the ends of the sample, kept within the samples' minimum and maximum; otherwise those minimum and
/// maximum. Only the samples are sorted: the cost beyond finding them does not grow with the image.
/// </summary>
public sealed record ZScale
{
    /// <summary>The number of pixels sampled (astropy's <c>n_samples</c>).</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>The contrast: the fitted slope is divided by it (astropy's <c>contrast</c>).</summary>
    public double Contrast { get; init; } = 0.25;

    /// <summary>The largest fraction of samples that may be rejected before the fit is abandoned (<c>max_reject</c>).</summary>
    public double MaxReject { get; init; } = 0.5;

    /// <summary>The fewest samples that must survive rejection (<c>min_npixels</c>).</summary>
    public int MinPixels { get; init; } = 5;

    /// <summary>The rejection threshold in standard deviations of the residuals (<c>krej</c>).</summary>
    public double Krej { get; init; } = 2.5;

    /// <summary>The most rounds of fitting and rejection (<c>max_iterations</c>).</summary>
    public int MaxIterations { get; init; } = 5;

    /// <summary>The zscale limits of an image's finite pixels, or null when it has none.</summary>
    public DisplayLimits? Limits(FrameImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var samples = Sample(image, Samples);
        return samples.Length == 0 ? null : FromSamples(samples);
    }

    /// <summary>
    /// The samples astropy takes: with n finite pixels in FITS order, stride = max(1, floor(n / count)), the finite
    /// pixels of rank 0, stride, 2 x stride, ..., at most <paramref name="count"/> of them.
    /// </summary>
    public static float[] Sample(FrameImage image, int count)
    {
        ArgumentNullException.ThrowIfNull(image);
        var finite = image.Finite;
        if (finite == 0 || count < 1)
            return [];
        var stride = (long)Math.Max(1.0, finite / (double)count);
        var taken = (int)Math.Min(count, (finite + stride - 1) / stride);
        var samples = new float[taken];
        long before = 0; // finite pixels in the rows before y
        var k = 0;
        for (var y = 0; y < image.Height && k < taken; y++)
        {
            var inRow = image.RowFinite[y];
            var row = image.Row(y);
            while (k < taken && k * stride < before + inRow)
            {
                var rank = (int)(k * stride - before);
                samples[k++] = inRow == image.Width ? row[rank] : FiniteOfRank(row, rank);
            }

            before += inRow;
        }

        return samples;
    }

    /// <summary>The zscale limits of the given samples (in any order; they are sorted here).</summary>
    public DisplayLimits FromSamples(float[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0)
            throw new ArgumentException("zscale needs at least one sample", nameof(samples));
        var sorted = (float[])samples.Clone();
        Array.Sort(sorted);
        var npix = sorted.Length;
        double vmin = sorted[0];
        double vmax = sorted[^1];

        var minpix = Math.Max(MinPixels, (int)(npix * MaxReject));
        var good = npix;
        var lastGood = npix + 1;
        var bad = new bool[npix];
        var grown = new bool[npix];
        var grow = Math.Max(1, (int)(npix * 0.01));
        double slope = 0;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (good >= lastGood || good < minpix)
                break;
            (slope, var intercept) = FitLine(sorted, bad);

            // The residuals of the samples kept so far, and their (population) standard deviation.
            double sum = 0, sumSquares = 0;
            var n = 0;
            for (var i = 0; i < npix; i++)
            {
                if (bad[i])
                    continue;
                var r = sorted[i] - (slope * i + intercept);
                sum += r;
                n++;
            }

            var mean = sum / n;
            for (var i = 0; i < npix; i++)
            {
                if (bad[i])
                    continue;
                var d = sorted[i] - (slope * i + intercept) - mean;
                sumSquares += d * d;
            }

            var threshold = Krej * Math.Sqrt(sumSquares / n);
            for (var i = 0; i < npix; i++)
            {
                var r = sorted[i] - (slope * i + intercept);
                if (r < -threshold || r > threshold)
                    bad[i] = true;
            }

            // numpy.convolve(bad, ones(grow), mode="same"): sample i is rejected when any of samples
            // i - grow + 1 + (grow - 1) / 2 ... i + (grow - 1) / 2 is.
            var ahead = (grow - 1) / 2;
            for (var i = 0; i < npix; i++)
            {
                var any = false;
                var from = Math.Max(0, i - grow + 1 + ahead);
                var to = Math.Min(npix - 1, i + ahead);
                for (var j = from; j <= to && !any; j++)
                    any = bad[j];
                grown[i] = any;
            }

            (bad, grown) = (grown, bad);
            lastGood = good;
            good = bad.Count(b => !b);
        }

        if (good >= minpix)
        {
            if (Contrast > 0)
                slope /= Contrast;
            var center = (npix - 1) / 2;
            double median = npix % 2 == 1 ? sorted[npix / 2] : (sorted[npix / 2 - 1] + (double)sorted[npix / 2]) / 2;
            vmin = Math.Max(vmin, median - (center - 1) * slope);
            vmax = Math.Min(vmax, median + (npix - center) * slope);
        }

        return new DisplayLimits(vmin, vmax);
    }

    /// <summary>The least-squares line through (i, samples[i]) for the samples not marked bad (numpy.polyfit, degree 1).</summary>
    private static (double Slope, double Intercept) FitLine(float[] samples, bool[] bad)
    {
        double n = 0, sx = 0, sy = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (bad[i])
                continue;
            n++;
            sx += i;
            sy += samples[i];
        }

        var mx = sx / n;
        var my = sy / n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (bad[i])
                continue;
            var dx = i - mx;
            sxx += dx * dx;
            sxy += dx * (samples[i] - my);
        }

        var slope = sxx > 0 ? sxy / sxx : 0;
        return (slope, my - slope * mx);
    }

    /// <summary>The finite value of rank <paramref name="rank"/> (0-based) in a row that holds non-finite values too.</summary>
    private static float FiniteOfRank(ReadOnlySpan<float> row, int rank)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(row);
            for (; i + Vector256<float>.Count <= row.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var inBlock = BitOperations.PopCount(Vector256.Equals(v - v, Vector256<float>.Zero).ExtractMostSignificantBits());
                if (rank < inBlock)
                    break;
                rank -= inBlock;
            }
        }

        for (; i < row.Length; i++)
        {
            if (!float.IsFinite(row[i]))
                continue;
            if (rank == 0)
                return row[i];
            rank--;
        }

        throw new InvalidOperationException("the row holds fewer finite pixels than its count says");
    }
}
