using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Curation.Imaging;

/// <summary>Makes smaller images: binning by an integer factor, and resampling to a given size (thumbnails). Both take
/// the mean of the finite pixels they cover; a pixel covering none is NaN (black).</summary>
public static class Resampling
{
    /// <summary>
    /// Bins an image by <paramref name="factor"/> in both axes: each output pixel is the mean of the finite pixels of
    /// its factor x factor block (the blocks at the right and top edges may be narrower), so the result is
    /// ceil(width / factor) x ceil(height / factor).
    /// </summary>
    public static FrameImage Bin(FrameImage image, int factor, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
            return image;
        var w = (image.Width + factor - 1) / factor;
        var h = (image.Height + factor - 1) / factor;
        var pixels = new float[w * h];
        var rowFinite = new int[h];
        Parallel.For(0, h, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, () => (new double[w], new int[w]), (oy, _, buffers) =>
        {
            var (sum, count) = buffers;
            Array.Clear(sum);
            Array.Clear(count);
            for (var y = oy * factor; y < Math.Min(image.Height, (oy + 1) * factor); y++)
            {
                var row = image.Row(y);
                for (var bx = 0; bx < w; bx++)
                {
                    var start = bx * factor;
                    sum[bx] += SumFinite(row.Slice(start, Math.Min(factor, row.Length - start)), out var n);
                    count[bx] += n;
                }
            }

            var target = pixels.AsSpan(oy * w, w);
            var finite = 0;
            for (var x = 0; x < w; x++)
            {
                target[x] = count[x] > 0 ? (float)(sum[x] / count[x]) : float.NaN;
                finite += count[x] > 0 ? 1 : 0;
            }

            rowFinite[oy] = finite;
            return buffers;
        }, _ => { });
        return new FrameImage(w, h, pixels, rowFinite);
    }

    /// <summary>The sum of the finite values of <paramref name="values"/>, and how many there are.</summary>
    private static double SumFinite(ReadOnlySpan<float> values, out int count)
    {
        var i = 0;
        double sum = 0;
        count = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            var sums = Vector256<float>.Zero;
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var finite = Vector256.Equals(v - v, Vector256<float>.Zero);
                sums += Vector256.ConditionalSelect(finite, v, Vector256<float>.Zero);
                count += BitOperations.PopCount(finite.ExtractMostSignificantBits());
            }

            sum = Vector256.Sum(sums);
        }

        for (; i < values.Length; i++)
        {
            if (float.IsFinite(values[i]))
            {
                sum += values[i];
                count++;
            }
        }

        return sum;
    }

    /// <summary>
    /// A thumbnail of an image: <see cref="ThumbnailSize"/> pixels, each the mean of the finite pixels under it. A large
    /// image is first binned by the largest integer factor that leaves it no smaller than the thumbnail (cheap, and
    /// most of the reduction), then resampled by area (<see cref="Resize"/>) to the exact size.
    /// </summary>
    public static FrameImage Thumbnail(FrameImage image, int longSide, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = ThumbnailSize(image.Width, image.Height, longSide);
        var factor = Math.Max(1, Math.Min(image.Width / width, image.Height / height));
        return Resize(Bin(image, factor, threads), width, height, threads);
    }

    /// <summary>The size of a thumbnail whose longer side is <paramref name="longSide"/>, or the image's own size when
    /// it is no larger (a thumbnail is never enlarged); the shorter side keeps the aspect ratio, at least 1 pixel.</summary>
    public static (int Width, int Height) ThumbnailSize(int width, int height, int longSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(longSide, 1);
        if (Math.Max(width, height) <= longSide)
            return (width, height);
        return width >= height
            ? (longSide, Math.Max(1, (int)Math.Round((double)height * longSide / width, MidpointRounding.AwayFromZero)))
            : (Math.Max(1, (int)Math.Round((double)width * longSide / height, MidpointRounding.AwayFromZero)), longSide);
    }

    /// <summary>
    /// Resamples an image to <paramref name="width"/> x <paramref name="height"/> by area: each output pixel covers
    /// an equal rectangle of the input and is the mean of the finite input pixels under it, each weighted by the
    /// fraction of it covered (a box filter, as Pillow's BOX resampling).
    /// </summary>
    public static FrameImage Resize(FrameImage image, int width, int height, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == image.Width && height == image.Height)
            return image;
        var columns = Coverage(image.Width, width);
        var rows = Coverage(image.Height, height);

        // Across each input row first (weighted sums and the weight of the finite pixels), then down the columns.
        var sums = new double[image.Height, width];
        var weights = new double[image.Height, width];
        Parallel.For(0, image.Height, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, y =>
        {
            var row = image.Row(y);
            for (var ox = 0; ox < width; ox++)
            {
                double s = 0, wt = 0;
                foreach (var (x, weight) in columns[ox])
                {
                    var v = row[x];
                    if (!float.IsFinite(v))
                        continue;
                    s += weight * v;
                    wt += weight;
                }

                sums[y, ox] = s;
                weights[y, ox] = wt;
            }
        });

        var pixels = new float[width * height];
        var rowFinite = new int[height];
        for (var oy = 0; oy < height; oy++)
        {
            for (var ox = 0; ox < width; ox++)
            {
                double s = 0, wt = 0;
                foreach (var (y, weight) in rows[oy])
                {
                    s += weight * sums[y, ox];
                    wt += weight * weights[y, ox];
                }

                pixels[oy * width + ox] = wt > 0 ? (float)(s / wt) : float.NaN;
                rowFinite[oy] += wt > 0 ? 1 : 0;
            }
        }

        return new FrameImage(width, height, pixels, rowFinite);
    }

    /// <summary>For each of <paramref name="outputs"/> equal intervals of <paramref name="inputs"/> pixels, the input
    /// pixels it covers and the fraction of each covered.</summary>
    private static (int Index, double Weight)[][] Coverage(int inputs, int outputs)
    {
        var scale = (double)inputs / outputs;
        var coverage = new (int, double)[outputs][];
        for (var o = 0; o < outputs; o++)
        {
            var start = o * scale;
            var end = (o + 1) * scale;
            var list = new List<(int, double)>();
            for (var i = (int)Math.Floor(start); i < Math.Min(inputs, (int)Math.Ceiling(end)); i++)
            {
                var weight = Math.Min(end, i + 1) - Math.Max(start, i);
                if (weight > 1e-12)
                    list.Add((i, weight));
            }

            coverage[o] = [.. list];
        }

        return coverage;
    }
}
