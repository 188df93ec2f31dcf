using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Curation.Imaging;

/// <summary>
/// Maps pixel values to grey levels between display limits, and lays the rows out for the JPEG: FITS row 1 (the
/// bottom of the image) becomes the last JPEG row, so the preview is the right way up; a mirrored frame (see
/// <see cref="Orientation"/>) is also flipped left to right. NaN and -infinity are black, +infinity white.
/// </summary>
public sealed class DisplayMapping
{
    // The asinh stretch is looked up: the fraction t in [0, 1] to this many steps (a step moves a grey level by at
    // most 0.02 with a = 0.1), each step's grey level computed once.
    private const int TableSteps = 1 << 16;
    private readonly byte[]? table;
    private readonly float low;
    private readonly float scale;

    /// <summary>The mapping of the given limits with the given stretch.</summary>
    public DisplayMapping(DisplayLimits limits, Stretch stretch = Stretch.Linear)
    {
        Limits = limits.Widened();
        Stretch = stretch;
        low = (float)Limits.Low;
        scale = (float)(255 / (Limits.High - Limits.Low));
        if (stretch == Stretch.Asinh)
        {
            table = new byte[TableSteps + 1];
            var norm = Math.Asinh(1 / AsinhA);
            for (var i = 0; i <= TableSteps; i++)
                table[i] = (byte)(Math.Asinh((double)i / TableSteps / AsinhA) / norm * 255 + 0.5);
        }
    }

    /// <summary>astropy's default softening parameter of <c>AsinhStretch</c>.</summary>
    public const double AsinhA = 0.1;

    /// <summary>The limits (widened when they coincided).</summary>
    public DisplayLimits Limits { get; }

    /// <summary>The stretch.</summary>
    public Stretch Stretch { get; }

    /// <summary>The grey level of one value: round(255 f(t)), t the value's fraction of the way from low to high, clipped to [0, 1].</summary>
    public byte Grey(float value)
    {
        // In single precision, as the vectorised rows are done, so that every pixel rounds alike.
        var t = (value - low) * scale;
        if (!(t > 0))
            t = 0; // NaN too
        if (!(t < 255))
            t = 255;
        return table is null ? (byte)(int)(t + 0.5f) : table[(int)(t * (TableSteps / 255f) + 0.5f)];
    }

    /// <summary>
    /// Renders an image as JPEG rows: rows top to bottom (FITS row 1 last), each mirrored left to right when
    /// <paramref name="mirror"/>, on up to <paramref name="threads"/> threads.
    /// </summary>
    public byte[] Render(FrameImage image, bool mirror, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        var output = GC.AllocateUninitializedArray<byte>(image.Width * image.Height);
        Render(image, mirror, threads, output);
        return output;
    }

    /// <summary>As <see cref="Render(FrameImage, bool, int)"/>, into <paramref name="output"/> (at least width x height bytes).</summary>
    public void Render(FrameImage image, bool mirror, int threads, byte[] output)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        if (output.LongLength < (long)image.Width * image.Height)
            throw new ArgumentException($"{output.LongLength} bytes cannot hold {image.Width} x {image.Height} pixels", nameof(output));
        var w = image.Width;
        var h = image.Height;
        var bandRows = Math.Max(1, (1 << 16) / w);
        var bands = (h + bandRows - 1) / bandRows;
        void RenderBand(int band)
        {
            for (var y = band * bandRows; y < Math.Min(h, (band + 1) * bandRows); y++)
            {
                var target = output.AsSpan((h - 1 - y) * w, w);
                RenderRow(image.Row(y), target);
                if (mirror)
                    target.Reverse();
            }
        }

        if (threads <= 1 || bands == 1)
        {
            for (var b = 0; b < bands; b++)
                RenderBand(b);
        }
        else
        {
            Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = threads }, RenderBand);
        }
    }

    /// <summary>
    /// Renders JPEG rows <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="rows"/> - 1 of an
    /// image (JPEG row 0 is the top: FITS row NAXIS2) into <paramref name="destination"/>, mirrored left to right when
    /// <paramref name="mirror"/>. Safe to call from several threads at once for different rows.
    /// </summary>
    public void RenderRows(FrameImage image, bool mirror, int firstRow, int rows, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var w = image.Width;
        if (firstRow < 0 || rows < 0 || firstRow + rows > image.Height || destination.Length < rows * w)
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows {firstRow}..{firstRow + rows - 1} of {image.Height}, {destination.Length} bytes for them");
        for (var r = 0; r < rows; r++)
        {
            var target = destination.Slice(r * w, w);
            RenderRow(image.Row(image.Height - 1 - (firstRow + r)), target);
            if (mirror)
                target.Reverse();
        }
    }

    private void RenderRow(ReadOnlySpan<float> row, Span<byte> target)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            i = table is null ? RenderLinear(row, target) : RenderTable(row, target, table);
        for (; i < row.Length; i++)
            target[i] = Grey(row[i]);
    }

    /// <summary>A looked-up stretch: the table index of 8 pixels at a time computed as the linear level is, then
    /// looked up one by one; returns how many pixels it did.</summary>
    private int RenderTable(ReadOnlySpan<float> row, Span<byte> target, byte[] lookup)
    {
        var low = Vector256.Create(this.low);
        var scale = Vector256.Create(this.scale);
        var white = Vector256.Create(255f);
        var steps = Vector256.Create(TableSteps / 255f);
        var half = Vector256.Create(0.5f);
        ref var source = ref MemoryMarshal.GetReference(row);
        Span<int> index = stackalloc int[8];
        var i = 0;
        for (; i + 8 <= row.Length; i += 8)
        {
            var t = (Vector256.LoadUnsafe(ref source, (nuint)i) - low) * scale;
            t = Vector256.ConditionalSelect(Vector256.GreaterThan(t, Vector256<float>.Zero), t, Vector256<float>.Zero);
            t = Vector256.ConditionalSelect(Vector256.LessThan(t, white), t, white);
            Vector256.ConvertToInt32(t * steps + half).CopyTo(index);
            for (var k = 0; k < 8; k++)
                target[i + k] = lookup[index[k]];
        }

        return i;
    }

    /// <summary>The linear mapping, 32 pixels at a time; returns how many pixels it did.</summary>
    private int RenderLinear(ReadOnlySpan<float> row, Span<byte> target)
    {
        var low = Vector256.Create(this.low);
        var scale = Vector256.Create(this.scale);
        var white = Vector256.Create(255f);
        var half = Vector256.Create(0.5f);
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var destination = ref MemoryMarshal.GetReference(target);
        var i = 0;
        for (; i + 32 <= row.Length; i += 32)
        {
            var a = Level(Vector256.LoadUnsafe(ref source, (nuint)i), low, scale, white, half);
            var b = Level(Vector256.LoadUnsafe(ref source, (nuint)i + 8), low, scale, white, half);
            var c = Level(Vector256.LoadUnsafe(ref source, (nuint)i + 16), low, scale, white, half);
            var d = Level(Vector256.LoadUnsafe(ref source, (nuint)i + 24), low, scale, white, half);
            var ab = Vector256.Narrow(a.AsUInt32(), b.AsUInt32());
            var cd = Vector256.Narrow(c.AsUInt32(), d.AsUInt32());
            Vector256.Narrow(ab, cd).StoreUnsafe(ref destination, (nuint)i);
        }

        return i;
    }

    /// <summary>round(clamp((v - low) x scale, 0, 255)) as integers, NaN as 0 (the comparisons are false for NaN).</summary>
    private static Vector256<int> Level(Vector256<float> v, Vector256<float> low, Vector256<float> scale, Vector256<float> white, Vector256<float> half)
    {
        var t = (v - low) * scale;
        var positive = Vector256.GreaterThan(t, Vector256<float>.Zero);
        t = Vector256.ConditionalSelect(positive, t, Vector256<float>.Zero);
        t = Vector256.ConditionalSelect(Vector256.LessThan(t, white), t, white);
        return Vector256.ConvertToInt32(t + half);
    }
}
