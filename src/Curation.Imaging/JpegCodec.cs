using System.Buffers;
using System.Buffers.Binary;
using Curation.Imaging.Native;

namespace Curation.Imaging;

/// <summary>A greyscale image of 8-bit pixels, rows top to bottom, <see cref="Width"/> bytes per row.</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Pixels">The pixels, <c>Width x Height</c> bytes, the top row first.</param>
public sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The pixel at column <paramref name="x"/> and row <paramref name="y"/> (0-based, row 0 at the top).</summary>
    public byte this[int x, int y] => Pixels[(long)y * Width + x];
}

/// <summary>Fills <paramref name="destination"/> with <paramref name="rows"/> rows of grey pixels from row
/// <paramref name="firstRow"/> (0 at the top), each row <c>destination.Length / rows</c> bytes.</summary>
/// <param name="firstRow">The first row wanted.</param>
/// <param name="rows">How many rows.</param>
/// <param name="destination">Where they go, row after row.</param>
public delegate void GreyRows(int firstRow, int rows, Span<byte> destination);

/// <summary>A JPEG that could not be made or read: libjpeg-turbo's message, with what was being done.</summary>
public sealed class JpegException(string message) : Exception(message);

/// <summary>
/// Greyscale JPEG encoding and decoding through libjpeg-turbo's TurboJPEG library (Debian <c>libturbojpeg0</c>). A
/// large image is encoded in horizontal strips on several threads and the strips joined into one baseline JPEG with
/// restart markers between them (see <see cref="EncodeGrey(int, int, int, int, GreyRows)"/>): it decodes to exactly the pixels a one-piece encoding
/// decodes to.
/// </summary>
public static class JpegCodec
{
    /// <summary>The largest width or height a JPEG can have.</summary>
    public const int MaxDimension = 65535;

    // Below this many pixels an image is encoded in one piece: the strips would save less than they cost.
    private const long ParallelPixels = 1 << 20;

    // The pixels of a strip of a parallel encoding.
    private const int StripPixels = 1 << 18;

    // JPEG markers.
    private const byte Sof0 = 0xC0, Sos = 0xDA, Eoi = 0xD9, Dri = 0xDD, Rst0 = 0xD0, Soi = 0xD8;

    /// <summary>
    /// Encodes 8-bit grey pixels (rows top to bottom) as a baseline greyscale JPEG of the given quality (1-100), on up
    /// to <paramref name="threads"/> threads (see <see cref="EncodeGrey(int, int, int, int, GreyRows)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The size does not match the pixels, or is outside 1-65535.</exception>
    /// <exception cref="JpegException">libjpeg-turbo failed.</exception>
    public static byte[] EncodeGrey(byte[] pixels, int width, int height, int quality, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        CheckSize(width, height);
        if (pixels.LongLength < (long)width * height)
            throw new ArgumentException($"{pixels.LongLength} bytes cannot hold a {width} x {height} image", nameof(pixels));
        return EncodeGrey(width, height, quality, threads, (first, rows, destination) => pixels.AsSpan(first * width, rows * width).CopyTo(destination));
    }

    /// <summary>
    /// Encodes a greyscale JPEG of the given size and quality (1-100) whose rows <paramref name="rows"/> supplies,
    /// strip by strip. With <paramref name="threads"/> above 1 a large image is cut into strips of whole 8-row block
    /// rows (some 256 K pixels each), each made and encoded by libjpeg-turbo on one of the threads with the same
    /// tables, while it is still in the cache; the strips' entropy-coded data are then joined with restart markers
    /// (RST0-RST7, the restart interval being one strip) under the first strip's header, whose height is made the whole
    /// image's. Each strip starts its DC prediction afresh, as a restart requires, and the 8x8 blocks are those of a
    /// one-piece encoding, so the decoded pixels are identical to it. <paramref name="rows"/> is called from several
    /// threads at once, for different rows.
    /// </summary>
    /// <exception cref="ArgumentException">The size is outside 1-65535.</exception>
    /// <exception cref="JpegException">libjpeg-turbo failed.</exception>
    public static byte[] EncodeGrey(int width, int height, int quality, int threads, GreyRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckSize(width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        var stripRows = StripRows(width, height, threads);
        var strips = (height + stripRows - 1) / stripRows;
        var parts = new byte[strips][];
        void Strip(int s)
        {
            var first = s * stripRows;
            var count = Math.Min(stripRows, height - first);
            var buffer = ArrayPool<byte>.Shared.Rent(count * width);
            try
            {
                rows(first, count, buffer.AsSpan(0, count * width));
                parts[s] = EncodeRows(buffer, width, count, quality);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (strips == 1)
        {
            Strip(0);
            return parts[0];
        }

        Parallel.For(0, strips, new ParallelOptions { MaxDegreeOfParallelism = threads }, Strip);
        // The strips share their tables (same quality, libjpeg's standard Huffman tables); were they ever to differ,
        // the image is encoded again in one piece.
        return Join(parts, height, stripRows / 8 * ((width + 7) / 8)) ?? EncodeGrey(width, height, quality, 1, rows);
    }

    /// <summary>Decodes a JPEG to 8-bit grey pixels (a colour JPEG is converted to grey).</summary>
    /// <exception cref="JpegException">The data are not a JPEG libjpeg-turbo can read.</exception>
    public static unsafe GreyImage DecodeGrey(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.IsEmpty)
            throw new JpegException("cannot decode an empty buffer as a JPEG");
        TurboJpeg.EnsureLoaded();
        var handle = TurboJpeg.InitDecompress();
        if (handle == IntPtr.Zero)
            throw new JpegException("libjpeg-turbo could not start a decompressor");
        try
        {
            fixed (byte* source = jpeg)
            {
                if (TurboJpeg.DecompressHeader3(handle, source, (nuint)jpeg.Length, out var width, out var height, out _, out _) != 0)
                    throw new JpegException($"not a readable JPEG: {TurboJpeg.ErrorText(handle)}");
                var pixels = new byte[(long)width * height];
                fixed (byte* destination = pixels)
                {
                    if (TurboJpeg.Decompress2(handle, source, (nuint)jpeg.Length, destination, width, width, height, TurboJpeg.PixelFormatGray, 0) != 0)
                        throw new JpegException($"the JPEG cannot be decoded: {TurboJpeg.ErrorText(handle)}");
                }

                return new GreyImage(width, height, pixels);
            }
        }
        finally
        {
            TurboJpeg.Destroy(handle);
        }
    }

    /// <summary>The rows per strip for a parallel encoding (a multiple of 8), or <paramref name="height"/> for one piece.</summary>
    internal static int StripRows(int width, int height, int threads)
    {
        if (threads <= 1 || (long)width * height < ParallelPixels || height < 16)
            return height;
        // Strips of some 256 K pixels: small enough to stay in the cache between being made and being encoded, and
        // many enough to share out evenly among threads that other work also wants; each costs a JPEG header (some
        // 300 bytes, dropped when joined) and a restart marker.
        var blocksPerRow = (width + 7) / 8;
        var rows = Math.Max(8, StripPixels / width / 8 * 8);
        // The restart interval (one strip, in 8x8 blocks) is a 16-bit number.
        var maxRows = ushort.MaxValue / blocksPerRow * 8;
        rows = Math.Min(rows, maxRows);
        return rows >= height ? height : rows;
    }

    private static unsafe byte[] EncodeRows(byte[] pixels, int width, int rows, int quality)
    {
        TurboJpeg.EnsureLoaded();
        var handle = TurboJpeg.InitCompress();
        if (handle == IntPtr.Zero)
            throw new JpegException("libjpeg-turbo could not start a compressor");
        byte* output = null;
        nuint size = 0;
        try
        {
            fixed (byte* source = pixels)
            {
                if (TurboJpeg.Compress2(handle, source, width, width, rows, TurboJpeg.PixelFormatGray, &output, &size, TurboJpeg.SubsamplingGray, quality, TurboJpeg.FlagAccurateDct) != 0)
                    throw new JpegException($"libjpeg-turbo could not encode a {width} x {rows} image: {TurboJpeg.ErrorText(handle)}");
            }

            return new ReadOnlySpan<byte>(output, checked((int)size)).ToArray();
        }
        finally
        {
            if (output is not null)
                TurboJpeg.Free(output);
            TurboJpeg.Destroy(handle);
        }
    }

    /// <summary>
    /// Joins separately encoded strips into one JPEG: the first strip's header with the whole height and a restart
    /// interval, then each strip's scan data followed by the next restart marker. Null when the strips' headers
    /// differ other than in their heights (they never should: same quality, same standard Huffman tables).
    /// </summary>
    private static byte[]? Join(byte[][] strips, int height, int restartInterval)
    {
        var layouts = new StripLayout[strips.Length];
        for (var i = 0; i < strips.Length; i++)
        {
            if (Layout(strips[i]) is not { } layout)
                return null;
            layouts[i] = layout;
        }

        var first = layouts[0];
        var head = strips[0].AsSpan(0, first.SosStart);
        for (var i = 1; i < strips.Length; i++)
        {
            var other = strips[i].AsSpan(0, layouts[i].SosEnd);
            if (layouts[i].SofStart != first.SofStart || layouts[i].SosStart != first.SosStart || layouts[i].SosEnd != first.SosEnd
                || !SameExceptHeight(strips[0].AsSpan(0, first.SosEnd), other, first.SofStart + 5))
                return null;
        }

        var length = first.SosEnd + 6 + 2 + layouts.Select((l, i) => strips[i].Length - 2 - l.SosEnd).Sum() + 2 * (strips.Length - 1);
        var output = new byte[length];
        head.CopyTo(output);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(first.SofStart + 5), checked((ushort)height));
        var at = first.SosStart;
        output[at++] = 0xFF;
        output[at++] = Dri;
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(at), 4);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(at + 2), checked((ushort)restartInterval));
        at += 4;
        strips[0].AsSpan(first.SosStart, first.SosEnd - first.SosStart).CopyTo(output.AsSpan(at));
        at += first.SosEnd - first.SosStart;
        for (var i = 0; i < strips.Length; i++)
        {
            var scan = strips[i].AsSpan(layouts[i].SosEnd, strips[i].Length - 2 - layouts[i].SosEnd);
            scan.CopyTo(output.AsSpan(at));
            at += scan.Length;
            output[at++] = 0xFF;
            output[at++] = i == strips.Length - 1 ? Eoi : (byte)(Rst0 + i % 8);
        }

        return at == output.Length ? output : null;
    }

    private static bool SameExceptHeight(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int heightAt) =>
        a.Length == b.Length && a[..heightAt].SequenceEqual(b[..heightAt]) && a[(heightAt + 2)..].SequenceEqual(b[(heightAt + 2)..]);

    /// <summary>Where a one-scan baseline JPEG's frame header and scan header are, or null when it is not one.</summary>
    private static StripLayout? Layout(byte[] jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != Soi || jpeg[^2] != 0xFF || jpeg[^1] != Eoi)
            return null;
        var sof = -1;
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            if (marker == Sof0)
                sof = at;
            if (marker == Sos)
                return sof < 0 ? null : new StripLayout(sof, at, at + 2 + length);
            at += 2 + length;
        }

        return null;
    }

    private static void CheckSize(int width, int height)
    {
        if (width < 1 || height < 1 || width > MaxDimension || height > MaxDimension)
            throw new ArgumentException($"a JPEG is 1 to {MaxDimension} pixels wide and high, not {width} x {height}");
    }

    private readonly record struct StripLayout(int SofStart, int SosStart, int SosEnd);
}
