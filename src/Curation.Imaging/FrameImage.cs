using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Curation.Fits;

namespace Curation.Imaging;

/// <summary>
/// The pixels of one image plane in single precision, as the FITS file stores them: row 0 is FITS row 1 (the bottom
/// of the image as FITS displays it), NAXIS1 varies fastest. Physical values (BSCALE/BZERO applied); BLANK and NaN
/// pixels are NaN. <see cref="RowFinite"/> counts the finite pixels of each row.
/// </summary>
/// <param name="Width">NAXIS1.</param>
/// <param name="Height">NAXIS2.</param>
/// <param name="Pixels">Width x Height values, row by row from FITS row 1 (the array may be longer: a pooled buffer).</param>
/// <param name="RowFinite">The number of finite pixels (neither NaN nor infinite) in each row.</param>
public sealed record FrameImage(int Width, int Height, float[] Pixels, int[] RowFinite)
{
    /// <summary>The number of finite pixels.</summary>
    public long Finite => RowFinite.Sum(c => (long)c);

    /// <summary>The row <paramref name="y"/> (0 is FITS row 1).</summary>
    public ReadOnlySpan<float> Row(int y) => Pixels.AsSpan(y * Width, Width);

    /// <summary>An image of the given pixels (row 0 first), its finite pixels counted.</summary>
    public static FrameImage FromPixels(int width, int height, float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height != pixels.LongLength || width < 1 || height < 1)
            throw new ArgumentException($"{pixels.LongLength} pixels do not make a {width} x {height} image", nameof(pixels));
        var counts = new int[height];
        for (var y = 0; y < height; y++)
            counts[y] = CountFinite(pixels.AsSpan(y * width, width));
        return new FrameImage(width, height, pixels, counts);
    }

    /// <summary>The number of finite values in <paramref name="values"/>.</summary>
    public static int CountFinite(ReadOnlySpan<float> values)
    {
        var count = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                // v - v is 0 for a finite value and NaN for NaN and the infinities.
                count += BitOperations.PopCount(Vector256.Equals(v - v, Vector256<float>.Zero).ExtractMostSignificantBits());
            }
        }

        for (; i < values.Length; i++)
        {
            if (float.IsFinite(values[i]))
                count++;
        }

        return count;
    }
}

/// <summary>Reads the first image plane of an HDU into a <see cref="FrameImage"/>, a large one on several threads.</summary>
public static class FrameReader
{
    /// <summary>The number of pixels <see cref="Read(FitsHdu, int, CancellationToken)"/> reads from an image HDU
    /// (NAXIS1 x NAXIS2), or 0 when it has fewer than two axes.</summary>
    public static long PixelsOf(FitsHdu hdu)
    {
        ArgumentNullException.ThrowIfNull(hdu);
        return hdu.Axes.Count >= 2 ? hdu.Axes[0] * hdu.Axes[1] : 0;
    }

    // A large image is read on several threads, each through its own open handle on the file (CFITSIO, built
    // reentrant, allows that; one handle is not shared). Below this many pixels one thread reads it.
    private const long ParallelPixels = 1 << 21;

    // Pixels per read: a band of whole rows of about 1 MB, counted while it is in the cache.
    private const int BandPixels = 1 << 18;

    /// <summary>
    /// Reads the first plane (NAXIS1 x NAXIS2; a cube's further planes are not read) of an image HDU, compressed or
    /// not, as physical single-precision values with BLANK and NaN pixels as NaN, on up to <paramref name="threads"/>
    /// threads. A file CFITSIO reads through a temporary copy (gzip) is read on one thread, not copied again.
    /// </summary>
    /// <exception cref="FitsException">The HDU is not an image of at least two axes, or its pixels cannot be read.</exception>
    public static FrameImage Read(FitsHdu hdu, int threads = 1, CancellationToken cancellation = default) =>
        Read(hdu, threads, null, cancellation);

    /// <summary>As <see cref="Read(FitsHdu, int, CancellationToken)"/>, into <paramref name="buffer"/> when it is given
    /// (it must hold NAXIS1 x NAXIS2 values; <see cref="PixelsOf"/> says how many).</summary>
    internal static FrameImage Read(FitsHdu hdu, int threads, float[]? buffer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(hdu);
        if (!hdu.Kind.IsImage())
            throw new FitsException(hdu.File.Path, hdu.Index, $"is a {hdu.Kind.Name()} HDU, not an image");
        if (hdu.Axes.Count < 2 || hdu.PixelCount == 0)
            throw new FitsException(hdu.File.Path, hdu.Index, $"holds no image of two axes or more (NAXIS = {hdu.Axes.Count}, {hdu.PixelCount} pixels)");
        var width = hdu.Axes[0];
        var height = hdu.Axes[1];
        if (width > int.MaxValue || height > int.MaxValue || width * height > Array.MaxLength)
            throw new FitsException(hdu.File.Path, hdu.Index, $"an image of {width} x {height} pixels is too large for a preview");

        var w = (int)width;
        var h = (int)height;
        if (buffer is not null && buffer.Length < (long)w * h)
            throw new ArgumentException($"a buffer of {buffer.Length} values cannot hold {w} x {h} pixels", nameof(buffer));
        var pixels = buffer ?? GC.AllocateUninitializedArray<float>(w * h);
        var rowFinite = new int[h];
        var bandRows = Math.Max(1, BandPixels / w);
        var bands = (h + bandRows - 1) / bandRows;
        var readers = threads > 1 && (long)w * h >= ParallelPixels && !hdu.File.ReadsTemporaryCopy ? Math.Min(threads, bands) : 1;

        void ReadBand(FitsHdu from, int band)
        {
            cancellation.ThrowIfCancellationRequested();
            var first = band * bandRows;
            var rows = Math.Min(bandRows, h - first);
            var span = pixels.AsSpan(first * w, rows * w);
            from.ReadPixels((long)first * w, span);
            for (var y = 0; y < rows; y++)
                rowFinite[first + y] = FrameImage.CountFinite(span.Slice(y * w, w));
        }

        if (readers == 1)
        {
            for (var b = 0; b < bands; b++)
                ReadBand(hdu, b);
            return new FrameImage(w, h, pixels, rowFinite);
        }

        var next = -1;
        try
        {
            Parallel.For(0, readers, new ParallelOptions { MaxDegreeOfParallelism = readers }, reader =>
            {
                using var own = reader == 0 ? null : FitsFile.Open(hdu.File.Path, hdu.File.Options);
                var from = own?.Hdus[hdu.Index] ?? hdu;
                int band;
                while ((band = Interlocked.Increment(ref next)) < bands)
                    ReadBand(from, band);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is FitsException or OperationCanceledException or IOException) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        return new FrameImage(w, h, pixels, rowFinite);
    }
}
