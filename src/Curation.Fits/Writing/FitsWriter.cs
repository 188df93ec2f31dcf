using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Curation.Fits.Native;

namespace Curation.Fits.Writing;

/// <summary>Tile compression of an image written by <see cref="FitsWriter"/>.</summary>
public enum ImageCompression
{
    /// <summary>Not compressed.</summary>
    None = 0,

    /// <summary>RICE_1.</summary>
    Rice = 11,

    /// <summary>GZIP_1.</summary>
    Gzip1 = 21,

    /// <summary>GZIP_2 (bytes shuffled before gzip).</summary>
    Gzip2 = 22,

    /// <summary>PLIO_1 (integers 0..2^24 only).</summary>
    Plio = 31,

    /// <summary>HCOMPRESS_1.</summary>
    Hcompress = 41,
}

/// <summary>How floating-point pixels are quantised before tile compression.</summary>
public enum QuantizeMethod
{
    /// <summary>No dithering.</summary>
    NoDither = -1,

    /// <summary>SUBTRACTIVE_DITHER_1.</summary>
    SubtractiveDither1 = 1,

    /// <summary>SUBTRACTIVE_DITHER_2 (zeros kept exact).</summary>
    SubtractiveDither2 = 2,
}

/// <summary>Options for an image HDU written by <see cref="FitsWriter"/>.</summary>
public sealed record ImageOptions
{
    /// <summary>Tile compression (the image becomes a compressed-image extension).</summary>
    public ImageCompression Compression { get; init; }

    /// <summary>Tile dimensions (default: row by row).</summary>
    public IReadOnlyList<int>? Tiles { get; init; }

    /// <summary>Quantisation level for float images (CFITSIO's default 16 when null); negative = absolute step.</summary>
    public float? QuantizeLevel { get; init; }

    /// <summary>Dithering for quantised float images.</summary>
    public QuantizeMethod Quantize { get; init; } = QuantizeMethod.SubtractiveDither1;

    /// <summary>HCOMPRESS scale (0 is lossless).</summary>
    public float HcompressScale { get; init; }
}

/// <summary>One column of a table written by <see cref="FitsWriter"/>.</summary>
/// <param name="Name">TTYPE.</param>
/// <param name="TForm">TFORM (binary: 1E, 3J, 20A, 1PE(10), ...; ASCII: A9, I5, F8.3, E12.4).</param>
/// <param name="Unit">TUNIT, or null.</param>
/// <param name="Values">The values: a typed array with rows x repeat elements (bool[] for L, string[] for A, float[] / double[]
/// pairs for C / M), or for a variable-length column an array of per-row arrays.</param>
public sealed record ColumnSpec(string Name, string TForm, string? Unit, Array Values);

/// <summary>
/// Writes FITS files through CFITSIO: images (any BITPIX, scaled, tile-compressed) and binary or ASCII tables,
/// with extra header cards. For test data and generated sample nights; the archive itself only reads.
/// </summary>
public sealed class FitsWriter : IDisposable
{
    private readonly FitsHandle handle = new();

    private FitsWriter(string path) => Path = path;

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Creates (or replaces) a file.</summary>
    public static FitsWriter Create(string path)
    {
        Cfitsio.EnsureLoaded();
        if (System.IO.File.Exists(path))
            System.IO.File.Delete(path);
        var writer = new FitsWriter(path);
        var status = 0;
        Cfitsio.CreateFile(out var fptr, path, ref status);
        CfitsioStatus.Check(status, path, null, "cannot be created");
        writer.handle.Attach(fptr);
        return writer;
    }

    private IntPtr Fptr => handle.DangerousGetHandle();

    /// <summary>Writes an empty primary HDU (NAXIS = 0) with the given cards.</summary>
    public FitsWriter AddEmptyPrimary(params string[] cards)
    {
        var status = 0;
        unsafe
        {
            Cfitsio.CreateImage(Fptr, 8, 0, null, ref status);
        }

        Check(status, "empty primary HDU");
        WriteCards(cards);
        return this;
    }

    /// <summary>
    /// Writes an image HDU (the primary when it is the first HDU and not compressed). <paramref name="pixels"/> are
    /// stored values in FITS order (byte[], short[], ushort[], int[], uint[], long[], float[] or double[]); a BSCALE,
    /// BZERO or BLANK among <paramref name="cards"/> is written as given (CFITSIO does not rescale the values).
    /// </summary>
    public unsafe FitsWriter AddImage(int bitpix, long[] axes, Array pixels, ImageOptions? options = null, params string[] cards)
    {
        options ??= new ImageOptions();
        var status = 0;
        if (options.Compression != ImageCompression.None)
        {
            Cfitsio.SetCompressionType(Fptr, (int)options.Compression, ref status);
            if (options.Tiles is { } tiles)
            {
                var dims = tiles.Select(t => new CLong(t)).ToArray();
                fixed (CLong* d = dims)
                    Cfitsio.SetTileDimensions(Fptr, dims.Length, d, ref status);
            }

            if (options.QuantizeLevel is { } q)
                Cfitsio.SetQuantizeLevel(Fptr, q, ref status);
            Cfitsio.SetQuantizeMethod(Fptr, (int)options.Quantize, ref status);
            if (options.Compression == ImageCompression.Hcompress)
                Cfitsio.SetHcompScale(Fptr, options.HcompressScale, ref status);
            Check(status, "compression settings");
        }

        fixed (long* a = axes)
            Cfitsio.CreateImage(Fptr, bitpix, axes.Length, a, ref status);
        Check(status, "image header");

        // Scaling keywords first, and CFITSIO told to write the values as given (no rescaling on the way out).
        var scaling = cards.Where(c => c.StartsWith("BSCALE", StringComparison.Ordinal) || c.StartsWith("BZERO", StringComparison.Ordinal)
            || c.StartsWith("BLANK", StringComparison.Ordinal)).ToArray();
        WriteCards(scaling);
        if (scaling.Length > 0)
        {
            Cfitsio.Redefine(Fptr, ref status);
            Check(status, "scaling keywords");
        }

        var type = DataType(pixels) is { } t && t != Cfitsio.TLOGICAL
            ? t
            : throw new ArgumentException($"pixels of type {pixels.GetType().Name} cannot be written", nameof(pixels));
        var count = pixels.Length;
        if (scaling.Length > 0)
            SetImageScaling(1, 0);
        if (count > 0)
        {
            // CFITSIO quantises a NaN in a tile-compressed float image into garbage unless it is written as a null:
            // NaNs are replaced by a value the image does not hold, and that value is given to CFITSIO as the null.
            var (source, nul) = options.Compression != ImageCompression.None ? NaNsAsNull(pixels) : (pixels, null);
            var pin = GCHandle.Alloc(source, GCHandleType.Pinned);
            var nulPin = nul is null ? default : GCHandle.Alloc(nul, GCHandleType.Pinned);
            try
            {
                if (nul is null)
                    Cfitsio.WritePixels(Fptr, type, 1, count, (void*)pin.AddrOfPinnedObject(), ref status);
                else
                    Cfitsio.WritePixelsWithNull(Fptr, type, 1, count, (void*)pin.AddrOfPinnedObject(), (void*)nulPin.AddrOfPinnedObject(), ref status);
            }
            finally
            {
                pin.Free();
                if (nul is not null)
                    nulPin.Free();
            }

            Check(status, "pixels");
        }

        WriteCards(cards.Except(scaling).ToArray());
        if (options.Compression != ImageCompression.None)
        {
            Cfitsio.SetCompressionType(Fptr, 0, ref status);
            Check(status, "compression reset");
        }

        return this;
    }

    /// <summary>Writes a binary table extension.</summary>
    public FitsWriter AddBinaryTable(string extname, long rows, IReadOnlyList<ColumnSpec> columns, params string[] cards) =>
        AddTable(Cfitsio.BINARY_TBL, extname, rows, columns, cards);

    /// <summary>Writes an ASCII table extension.</summary>
    public FitsWriter AddAsciiTable(string extname, long rows, IReadOnlyList<ColumnSpec> columns, params string[] cards) =>
        AddTable(Cfitsio.ASCII_TBL, extname, rows, columns, cards);

    private unsafe FitsWriter AddTable(int tableType, string extname, long rows, IReadOnlyList<ColumnSpec> columns, string[] cards)
    {
        var strings = new List<IntPtr>();
        IntPtr Utf8(string s)
        {
            var p = Marshal.StringToCoTaskMemUTF8(s);
            strings.Add(p);
            return p;
        }

        try
        {
            var names = columns.Select(c => Utf8(c.Name)).ToArray();
            var forms = columns.Select(c => Utf8(c.TForm)).ToArray();
            var units = columns.Select(c => Utf8(c.Unit ?? "")).ToArray();
            var status = 0;
            fixed (IntPtr* n = names)
            fixed (IntPtr* f = forms)
            fixed (IntPtr* u = units)
                Cfitsio.CreateTable(Fptr, tableType, rows, columns.Count, (byte**)n, (byte**)f, (byte**)u, (byte*)Utf8(extname), ref status);
            Check(status, $"table {extname}");

            // Scaling and null keywords first, so the values below are written as stored values.
            WriteCards(cards);
            Cfitsio.Redefine(Fptr, ref status);
            Check(status, $"table {extname} keywords");
            for (var i = 0; i < columns.Count; i++)
            {
                var column = i + 1;
                Cfitsio.SetColumnScaling(Fptr, column, 1, 0, ref status);
                WriteColumn(columns[i], column, rows, Utf8);
                Check(status, $"column {columns[i].Name}");
            }
        }
        finally
        {
            foreach (var p in strings)
                Marshal.FreeCoTaskMem(p);
        }

        return this;
    }

    private unsafe void WriteColumn(ColumnSpec spec, int column, long rows, Func<string, IntPtr> utf8)
    {
        var status = 0;
        if (spec.Values is string[] texts)
        {
            Cfitsio.ColumnType(Fptr, column, out var typeCode, out _, out _, ref status);
            Check(status, $"column {spec.Name}");
            if (typeCode < 0)
            {
                // A variable-length string column (rPA, rQA): CFITSIO writes one string per call, to the first row
                // given, so each row is written on its own; an empty string leaves the row's array empty.
                for (var r = 0; r < texts.Length; r++)
                {
                    if (texts[r].Length == 0)
                        continue;
                    var one = utf8(texts[r]);
                    Cfitsio.WriteColumn(Fptr, Cfitsio.TSTRING, column, r + 1, 1, 1, &one, ref status);
                    Check(status, $"column {spec.Name} row {r + 1}");
                }

                return;
            }

            var pointers = texts.Select(utf8).ToArray();
            fixed (IntPtr* p = pointers)
                Cfitsio.WriteColumn(Fptr, Cfitsio.TSTRING, column, 1, 1, texts.Length, p, ref status);
            Check(status, $"column {spec.Name}");
            return;
        }

        if (spec.Values is Array[] perRow)
        {
            for (var r = 0; r < perRow.Length; r++)
                WriteValues(perRow[r], column, r + 1, spec.Name);
            return;
        }

        if (spec.Values is bool[] logicals)
        {
            var bytes = logicals.Select(b => (byte)(b ? 1 : 0)).ToArray();
            fixed (byte* p = bytes)
                Cfitsio.WriteColumn(Fptr, Cfitsio.TLOGICAL, column, 1, 1, bytes.Length, p, ref status);
            Check(status, $"column {spec.Name}");
            return;
        }

        if (rows > 0)
            WriteValues(spec.Values, column, 1, spec.Name);
    }

    private unsafe void WriteValues(Array values, int column, long row, string name)
    {
        if (values.Length == 0)
            return;
        var status = 0;
        var type = DataType(values) ?? throw new ArgumentException($"column {name}: values of type {values.GetType().Name} cannot be written");
        var source = values is bool[] b ? b.Select(x => (byte)(x ? 1 : 0)).ToArray() : values;
        var pin = GCHandle.Alloc(source, GCHandleType.Pinned);
        try
        {
            Cfitsio.WriteColumn(Fptr, type, column, row, 1, values.Length, (void*)pin.AddrOfPinnedObject(), ref status);
        }
        finally
        {
            pin.Free();
        }

        Check(status, $"column {name} row {row}");
    }

    /// <summary>
    /// For float pixels with NaNs: a copy with each NaN replaced by a value absent from the pixels, and that value (as a
    /// one-element array of the pixel type); otherwise the pixels and null.
    /// </summary>
    private static (Array Pixels, Array? Null) NaNsAsNull(Array pixels)
    {
        switch (pixels)
        {
            case float[] f when f.Any(float.IsNaN):
            {
                var sentinel = new[] { -float.MaxValue, float.MaxValue, -float.Epsilon, float.Epsilon }.First(c => !f.Contains(c));
                return (f.Select(v => float.IsNaN(v) ? sentinel : v).ToArray(), new[] { sentinel });
            }

            case double[] d when d.Any(double.IsNaN):
            {
                var sentinel = new[] { -double.MaxValue, double.MaxValue, -double.Epsilon, double.Epsilon }.First(c => !d.Contains(c));
                return (d.Select(v => double.IsNaN(v) ? sentinel : v).ToArray(), new[] { sentinel });
            }

            default:
                return (pixels, null);
        }
    }

    /// <summary>
    /// The CFITSIO data type of an array's elements, from its exact element type. (Type patterns such as
    /// <c>values is short[]</c> cannot tell signed from unsigned: the runtime lets a ushort[] pass as a short[], a
    /// uint[] as an int[] and an sbyte[] as a byte[].)
    /// </summary>
    private static int? DataType(Array values) => Type.GetTypeCode(values.GetType().GetElementType()) switch
    {
        TypeCode.Byte => Cfitsio.TBYTE,
        TypeCode.SByte => Cfitsio.TSBYTE,
        TypeCode.Int16 => Cfitsio.TSHORT,
        TypeCode.UInt16 => Cfitsio.TUSHORT,
        TypeCode.Int32 => Cfitsio.TINT,
        TypeCode.UInt32 => Cfitsio.TUINT,
        TypeCode.Int64 => Cfitsio.TLONGLONG,
        TypeCode.Single => Cfitsio.TFLOAT,
        TypeCode.Double => Cfitsio.TDOUBLE,
        TypeCode.Boolean => Cfitsio.TLOGICAL,
        _ => null,
    };

    /// <summary>Appends raw 80-character cards (or CFITSIO template lines such as "OBJECT = 'M13' / target").</summary>
    public FitsWriter WriteCards(params string[] cards)
    {
        foreach (var card in cards)
        {
            var status = 0;
            Cfitsio.WriteRecord(Fptr, card.Length > 80 ? card[..80] : card, ref status);
            Check(status, $"card '{card.TrimEnd()}'");
        }

        return this;
    }

    /// <summary>A card image: keyword, value as written (quote strings yourself), comment.</summary>
    public static string Card(string keyword, string value, string? comment = null)
    {
        var text = new StringBuilder(keyword.PadRight(8)).Append("= ").Append(value.PadLeft(value.StartsWith('\'') ? 0 : 20));
        if (comment is not null)
            text.Append(" / ").Append(comment);
        var s = text.ToString();
        return s.Length > 80 ? s[..80] : s.PadRight(80);
    }

    /// <summary>A card image with a number value.</summary>
    public static string Card(string keyword, double value, string? comment = null) =>
        Card(keyword, value.ToString("R", CultureInfo.InvariantCulture), comment);

    private void SetImageScaling(double scale, double zero)
    {
        // Images: pixels are written as given, even when BSCALE/BZERO cards are present.
        var status = 0;
        Cfitsio.SetImageScaling(Fptr, scale, zero, ref status);
        Check(status, "image scaling");
    }

    private void Check(int status, string what) => CfitsioStatus.Check(status, Path, null, $"{what} cannot be written");

    /// <summary>Closes the file (writing its last block).</summary>
    public void Dispose() => handle.Dispose();
}
