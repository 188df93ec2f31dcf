using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Curation.Fits.Headers;
using Curation.Fits.Images;
using Curation.Fits.Native;
using Curation.Fits.Tables;

namespace Curation.Fits;

/// <summary>
/// One HDU of an open <see cref="FitsFile"/>: its kind, header and shape, and readers for its data. For a
/// tile-compressed image, <see cref="Header"/>, <see cref="Bitpix"/> and <see cref="Axes"/> describe the image it
/// holds and <see cref="StoredHeader"/> the binary table it is stored in.
/// </summary>
public sealed class FitsHdu
{
    private readonly FitsFile file;
    private IReadOnlyList<TableColumn>? columns;

    internal FitsHdu(FitsFile file, int index, HduKind kind, Header header, Header stored, long headerStart, long dataStart, long dataEnd)
    {
        this.file = file;
        Index = index;
        Kind = kind;
        Header = header;
        StoredHeader = stored;
        HeaderStart = headerStart;
        DataStart = dataStart;
        DataEnd = dataEnd;

        Bitpix = (int)header.GetInt64(Keywords.BITPIX, 0);
        var naxis = (int)Math.Clamp(header.GetInt64(Keywords.NAXIS, 0), 0, 999);
        var axes = new long[naxis];
        for (var i = 0; i < naxis; i++)
            axes[i] = header.GetInt64(Keywords.Indexed(Keywords.NAXIS, i + 1), 0);
        Axes = axes;
        // CFITSIO leaves the default EXTNAME 'COMPRESSED_IMAGE' out of a decompressed header; the stored one names the HDU.
        ExtName = (header.GetText(Keywords.EXTNAME) ?? stored.GetText(Keywords.EXTNAME))?.TrimEnd();
    }

    /// <summary>The file this HDU belongs to.</summary>
    public FitsFile File => file;

    /// <summary>0-based position in the file (0 is the primary HDU).</summary>
    public int Index { get; }

    /// <summary>What the HDU holds.</summary>
    public HduKind Kind { get; }

    /// <summary>The header (for a compressed image: the header of the image it holds).</summary>
    public Header Header { get; }

    /// <summary>The header as stored in the file (differs from <see cref="Header"/> only for compressed images).</summary>
    public Header StoredHeader { get; }

    /// <summary>EXTNAME without trailing blanks, or null.</summary>
    public string? ExtName { get; }

    /// <summary>BITPIX (for a compressed image, the BITPIX of the image it holds).</summary>
    public int Bitpix { get; }

    /// <summary>NAXIS1, NAXIS2, ... in FITS order (empty when NAXIS = 0).</summary>
    public IReadOnlyList<long> Axes { get; }

    /// <summary>Byte offset of the header in the (decompressed) file.</summary>
    public long HeaderStart { get; }

    /// <summary>Byte offset of the data.</summary>
    public long DataStart { get; }

    /// <summary>Byte offset just after the data (padding excluded).</summary>
    public long DataEnd { get; }

    /// <summary>
    /// Bytes of data the stored header declares, padding excluded: |BITPIX|/8 x GCOUNT x (PCOUNT + NAXIS1 x ... x NAXISn),
    /// NAXIS1 left out for random groups (FITS 4.0, section 4.4.1).
    /// </summary>
    public long DeclaredDataBytes
    {
        get
        {
            var h = StoredHeader;
            var naxis = (int)Math.Clamp(h.GetInt64(Keywords.NAXIS, 0), 0, 999);
            if (naxis == 0)
                return 0;
            long product = 1;
            for (var i = Kind == HduKind.RandomGroups ? 2 : 1; i <= naxis; i++)
                product *= h.GetInt64(Keywords.Indexed(Keywords.NAXIS, i), 0);
            var bytes = Math.Abs(h.GetInt64(Keywords.BITPIX, 8)) / 8;
            return bytes * h.GetInt64(Keywords.GCOUNT, 1) * (h.GetInt64(Keywords.PCOUNT, 0) + product);
        }
    }

    /// <summary>Why this HDU's data cannot be read (the file ends inside them), or null.</summary>
    public FitsException? Unreadable { get; internal set; }

    /// <summary>Number of pixels of an image (product of the axes; 0 without data).</summary>
    public long PixelCount => Kind.IsImage() && Axes.Count > 0 ? Axes.Aggregate(1L, (a, b) => a * b) : 0;

    /// <summary>Number of rows of a table (NAXIS2), or null for other kinds.</summary>
    public long? Rows => Kind.IsTable() ? (Axes.Count >= 2 ? Axes[1] : 0) : null;

    /// <summary>The columns of a table (empty for other kinds).</summary>
    public IReadOnlyList<TableColumn> Columns => columns ??= Kind.IsTable() ? TableColumn.FromHeader(Header, Kind == HduKind.AsciiTable) : [];

    /// <summary>
    /// Reads physical pixel values (BSCALE/BZERO applied, BLANK and NaN pixels as NaN) starting at the 0-based pixel
    /// <paramref name="firstPixel"/> in FITS order (NAXIS1 varies fastest). Compressed images are decompressed.
    /// </summary>
    public void ReadPixels(long firstPixel, Span<double> destination)
    {
        if (Bitpix != -32)
        {
            ReadPixelsAs(firstPixel, destination, Cfitsio.TDOUBLE, double.NaN);
            return;
        }

        // A BITPIX -32 image holds single-precision values: a quantised compressed one too, which CFITSIO would
        // otherwise dequantise in double precision (values the image never held).
        var single = System.Buffers.ArrayPool<float>.Shared.Rent(destination.Length);
        try
        {
            var span = single.AsSpan(0, destination.Length);
            ReadPixels(firstPixel, span);
            for (var i = 0; i < span.Length; i++)
                destination[i] = span[i];
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(single);
        }
    }

    /// <summary>As <see cref="ReadPixels(long, Span{double})"/>, into single precision.</summary>
    public void ReadPixels(long firstPixel, Span<float> destination)
    {
        if (!StoresPlainFloats)
        {
            ReadPixelsAs(firstPixel, destination, Cfitsio.TFLOAT, float.NaN);
            return;
        }

        // Unscaled single-precision pixels are read without CFITSIO's check for undefined values (it tests every
        // pixel), and the values that check would replace, NaN and the infinities (an all-ones exponent), are made
        // NaN here, as it would: the same values at a little over half the cost.
        ReadPixelsAs(firstPixel, destination, Cfitsio.TFLOAT, float.NaN, checkUndefined: false);
        var bits = MemoryMarshal.Cast<float, uint>(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var exponent = Vector256.Create(0x7F800000u);
            var nan = Vector256.Create(BitConverter.SingleToUInt32Bits(float.NaN));
            for (; i + 8 <= bits.Length; i += 8)
            {
                var v = Vector256.Create<uint>(bits.Slice(i, 8));
                var undefined = Vector256.Equals(v & exponent, exponent);
                if (undefined != Vector256<uint>.Zero)
                    Vector256.ConditionalSelect(undefined, nan, v).CopyTo(bits.Slice(i, 8));
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & 0x7F800000u) == 0x7F800000u)
                destination[i] = float.NaN;
        }
    }

    /// <summary>True for an uncompressed BITPIX = -32 image without BSCALE/BZERO scaling: its stored values are its physical ones.</summary>
    private bool StoresPlainFloats => Kind == HduKind.Image && Bitpix == -32
        && Header.GetDouble(Keywords.BSCALE, 1) == 1 && Header.GetDouble(Keywords.BZERO, 0) == 0;

    /// <summary>The whole image in single precision, NAXIS1 varying fastest.</summary>
    public float[] ReadImage()
    {
        RequireImage();
        if (PixelCount > Array.MaxLength)
            throw new FitsException(file.Path, Index, $"image of {PixelCount} pixels is too large to read at once; read it in parts with ReadPixels");
        var pixels = new float[PixelCount];
        ReadPixels(0, pixels);
        return pixels;
    }

    /// <summary>Minimum, maximum, mean and count of the finite physical pixel values, read in bounded chunks.</summary>
    public ImageStatistics ComputeImageStatistics(int chunkPixels = 1 << 20)
    {
        RequireImage();
        var accumulator = new ImageStatistics.Accumulator();
        var buffer = new double[(int)Math.Min(Math.Max(chunkPixels, 1), Math.Max(PixelCount, 1))];
        for (long first = 0; first < PixelCount; first += buffer.Length)
        {
            var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, PixelCount - first));
            ReadPixels(first, span);
            accumulator.Add(span);
        }

        return accumulator.Result();
    }

    /// <summary>Opens a reader that streams the table in row chunks (optionally only some columns, by 0-based index).</summary>
    public TableReader OpenTable(IReadOnlyList<int>? columnIndexes = null)
    {
        if (!Kind.IsTable())
            throw new FitsException(file.Path, Index, $"is a {Kind.Name()} HDU, not a table");
        if (Unreadable is { } e)
            throw e;
        return new TableReader(this, columnIndexes);
    }

    internal T OnHdu<T>(Func<IntPtr, T> operation) => file.OnHdu(Index, operation);

    private unsafe void ReadPixelsAs<T>(long firstPixel, Span<T> destination, int dataType, T nullValue, bool checkUndefined = true)
        where T : unmanaged
    {
        RequireImage();
        if (destination.IsEmpty)
            return;
        if (firstPixel < 0 || firstPixel + destination.Length > PixelCount)
            throw new ArgumentOutOfRangeException(nameof(firstPixel), $"pixels {firstPixel}..{firstPixel + destination.Length - 1} are outside the image of {PixelCount}");
        var count = destination.Length;
        fixed (T* values = destination)
        {
            var pointer = values;
            OnHdu(fptr =>
            {
                var status = 0;
                var nul = nullValue;
                Cfitsio.ReadPixels(fptr, dataType, firstPixel + 1, count, checkUndefined ? &nul : null, pointer, out _, ref status);
                file.Check(status, Index, $"pixels {firstPixel + 1}..{firstPixel + count} cannot be read");
                return 0;
            });
        }
    }

    private void RequireImage()
    {
        if (!Kind.IsImage())
            throw new FitsException(file.Path, Index, $"is a {Kind.Name()} HDU, not an image");
        if (Unreadable is { } e)
            throw e;
    }

    /// <inheritdoc/>
    public override string ToString() => $"HDU {Index} {Kind.Name()} {ExtName}";
}
