using System.Text;
using Curation.Fits.Headers;
using Curation.Fits.Native;

namespace Curation.Fits;

/// <summary>
/// An open FITS file (plain, gzip or Unix-compress), read through CFITSIO. Opening lists every HDU with its header;
/// data are read on demand through <see cref="FitsHdu"/>. Dispose closes the file. One instance is not for use
/// from several threads at once (calls are serialised); open the file once per thread instead.
/// </summary>
public sealed class FitsFile : IDisposable
{
    private const int BlockSize = 2880;
    private readonly FitsHandle handle;
    private readonly List<FitsHdu> hdus = [];
    private readonly List<string> warnings = [];
    private int current = -1;

    private FitsFile(string path, FitsHandle handle, FitsReadOptions options)
    {
        Path = path;
        this.handle = handle;
        Options = options;
    }

    /// <summary>The path the file was opened with.</summary>
    public string Path { get; }

    /// <summary>The reading policy.</summary>
    public FitsReadOptions Options { get; }

    /// <summary>The HDUs, in file order (index 0 is the primary HDU).</summary>
    public IReadOnlyList<FitsHdu> Hdus => hdus;

    /// <summary>Problems with the file as a whole that a lenient read forgave (for example an unpadded last block).</summary>
    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>
    /// Why the HDU list stops early, when it does: the first HDU that could not be read (its index is
    /// <see cref="Hdus"/>.Count). Null when every HDU up to the end of the file was read.
    /// </summary>
    public FitsException? Truncation { get; private set; }

    /// <summary>
    /// True when CFITSIO reads a temporary copy instead of the file itself (a gzip or Unix-compress container, or a
    /// file whose last block is short): opening the file again makes another copy.
    /// </summary>
    public bool ReadsTemporaryCopy => handle.TemporaryFile is not null;

    /// <summary>The CFITSIO version this layer runs on.</summary>
    public static string LibraryVersion => Cfitsio.Version().ToString("0.00#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Opens a FITS file and reads every header; throws <see cref="FitsException"/> when it is not FITS.</summary>
    public static FitsFile Open(string path, FitsReadOptions? options = null)
    {
        options ??= FitsReadOptions.Default;
        if (Directory.Exists(path))
            throw new FitsException(path, null, "is a directory, not a FITS file");
        if (!System.IO.File.Exists(path))
            throw new FitsException(path, null, "no such file");
        Cfitsio.EnsureLoaded();

        var fileWarnings = new List<string>();
        var handle = OpenHandle(path, options, fileWarnings, out var length);
        var file = new FitsFile(path, handle, options);
        file.warnings.AddRange(fileWarnings);
        try
        {
            file.ReadHdus();
            if (file.hdus.Count > 0 && file.Truncation is null && file.hdus[^1] is var last)
            {
                if (last.DataStart > length)
                {
                    file.Truncation = new FitsException(path, last.Index, $"header truncated: the file ends at byte {length}, inside the header (no END card)");
                }
                else if (last.DataStart + last.DeclaredDataBytes > length)
                {
                    file.Truncation = new FitsException(path, last.Index,
                        $"data truncated: the header declares {last.DeclaredDataBytes} bytes of data, the file ends {last.DataStart + last.DeclaredDataBytes - length} bytes short");
                }

                // Its data are not read: CFITSIO would only fail part way through them.
                if (file.Truncation is not null)
                    last.Unreadable = file.Truncation;
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return file;
    }

    private static FitsHandle OpenHandle(string path, FitsReadOptions options, List<string> fileWarnings, out long length)
    {
        var handle = new FitsHandle();
        length = new FileInfo(path).Length;
        if (length == 0)
            throw new FitsException(path, null, "is empty (0 bytes), not a FITS file");

        var magic = new byte[Math.Min(length, 2)];
        using (var stream = System.IO.File.OpenRead(path))
            stream.ReadExactly(magic);

        byte[]? content = null;
        if (Containers.IsCompressed(magic))
        {
            content = Containers.Decompress(path, System.IO.File.ReadAllBytes(path));
            length = content.Length;
            if (length == 0)
                throw new FitsException(path, null, "decompresses to nothing (0 bytes), not a FITS file");
        }

        int status = 0;
        IntPtr fptr;
        string? copy = null;
        if (content is not null || length % BlockSize != 0)
        {
            if (length % BlockSize != 0)
            {
                // Not a whole number of 2880-byte blocks. CFITSIO stops at the short last block; a lenient read pads
                // it with zeros, as astropy does.
                if (!options.Lenient)
                    throw new FitsException(path, null, $"length {length} is not a multiple of {BlockSize} bytes (the last block is short)");
                fileWarnings.Add($"file length {length} is not a multiple of {BlockSize} bytes; the last block was padded with zeros");
            }

            // CFITSIO reads this content from a temporary disk file, not from memory: its memory driver does not
            // check reads against the end of the buffer (a damaged descriptor would read past it), the disk driver does.
            copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"curation-fits-{Guid.NewGuid():N}.fits");
            using (var output = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.None))
            {
                if (content is not null)
                {
                    output.Write(content);
                }
                else
                {
                    using var input = System.IO.File.OpenRead(path);
                    input.CopyTo(output);
                }

                var padded = (length + BlockSize - 1) / BlockSize * BlockSize;
                output.SetLength(padded);
            }

            Cfitsio.OpenDiskFile(out fptr, copy, Cfitsio.READONLY, ref status);
        }
        else
        {
            // The disk-file open takes the name literally (no CFITSIO extended syntax such as "file.fits[1]").
            Cfitsio.OpenDiskFile(out fptr, path, Cfitsio.READONLY, ref status);
        }

        if (status != 0)
        {
            var detail = CfitsioStatus.Describe(status, path, copy);
            handle.Dispose();
            if (copy is not null)
                System.IO.File.Delete(copy);
            throw new FitsException(path, null, "cannot be opened as FITS", status, detail);
        }

        handle.Attach(fptr);
        if (copy is not null)
            handle.DeleteOnClose(copy);
        return handle;
    }

    private void ReadHdus()
    {
        for (var index = 0; ; index++)
        {
            var status = 0;
            Cfitsio.MoveToHdu(handle.DangerousGetHandle(), index + 1, out var type, ref status);
            if (status == Cfitsio.END_OF_FILE && index > 0)
            {
                CfitsioStatus.DrainMessages();
                return;
            }

            if (status != 0)
            {
                var failure = new FitsException(Path, index, "header cannot be read", status, CfitsioStatus.Describe(status, Path, handle.TemporaryFile));
                if (index == 0)
                    throw failure;
                Truncation = failure;
                return;
            }

            current = index;
            hdus.Add(ReadHdu(index, type));
        }
    }

    private FitsHdu ReadHdu(int index, int cfitsioType)
    {
        var fptr = handle.DangerousGetHandle();
        var status = 0;
        Cfitsio.HduAddresses(fptr, out var headStart, out var dataStart, out var dataEnd, ref status);
        Check(status, index, "HDU addresses cannot be read");

        var stored = new Header(CardParser.ParseHeader(ReadCardImages(fptr, index, headStart, dataStart)), Path, index);
        if (!Options.Lenient && stored.Warnings.FirstOrDefault() is { Card: { } bad, Warning: { } why })
            throw new FitsException(Path, index, $"card {bad.Position} ({bad.Keyword}): {why}");

        var kind = KindOf(index, stored, cfitsioType);
        var header = kind == HduKind.CompressedImage ? new Header(CompressedImageHeader.FromStored(stored), Path, index) : stored;
        return new FitsHdu(this, index, kind, header, stored, headStart, dataStart, dataEnd);
    }

    private static HduKind KindOf(int index, Header header, int cfitsioType)
    {
        if (index == 0)
        {
            return header.GetBool(Keywords.GROUPS, false) && header.GetInt64("NAXIS1", -1) == 0 && header.GetInt64(Keywords.NAXIS, 0) > 0
                ? HduKind.RandomGroups
                : HduKind.Image;
        }

        var xtension = (header[Keywords.XTENSION]?.Value.TextValue ?? "").Trim();
        switch (xtension)
        {
            case "IMAGE" or "IUEIMAGE":
                return HduKind.Image;
            case "TABLE":
                return HduKind.AsciiTable;
            case "BINTABLE" or "A3DTABLE":
                var zimage = header[Keywords.ZIMAGE];
                return zimage is { Value.Kind: CardValueKind.Logical, Value.Logical: true } && cfitsioType == Cfitsio.IMAGE_HDU
                    ? HduKind.CompressedImage
                    : HduKind.BinaryTable;
            default:
                return HduKind.Other;
        }
    }

    /// <summary>
    /// The header's card images up to END, read as raw bytes: blank cards before END (which CFITSIO counts as free
    /// space) are cards too, and bytes outside printable ASCII reach the card parser unchanged.
    /// </summary>
    private unsafe List<string> ReadCardImages(IntPtr fptr, int index, long headStart, long dataStart)
    {
        var length = dataStart - headStart;
        if (length <= 0 || length > 1L << 30)
            throw new FitsException(Path, index, $"header of {length} bytes (from byte {headStart} to {dataStart}) cannot be read");
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        var status = 0;
        fixed (byte* b = bytes)
        {
            Cfitsio.MoveToByte(fptr, headStart, 0, ref status);
            Cfitsio.ReadBytes(fptr, length, b, ref status);
        }

        Check(status, index, "header bytes cannot be read");
        var images = new List<string>((int)(length / 80));
        for (var offset = 0; offset + 80 <= bytes.Length; offset += 80)
        {
            var card = Encoding.Latin1.GetString(bytes, offset, 80);
            if (card.StartsWith("END", StringComparison.Ordinal) && card.AsSpan(3).TrimEnd(' ').IsEmpty)
                break;
            images.Add(card);
        }

        return images;
    }

    /// <summary>Throws a <see cref="FitsException"/> naming this file and the HDU when a CFITSIO call failed.</summary>
    internal void Check(int status, int? hdu, string what) => CfitsioStatus.Check(status, Path, hdu, what, handle.TemporaryFile);

    /// <summary>Positions CFITSIO on an HDU and runs an operation on it, serialised with other calls on this file.</summary>
    internal T OnHdu<T>(int index, Func<IntPtr, T> operation)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        lock (handle)
        {
            var fptr = handle.DangerousGetHandle();
            if (current != index)
            {
                var status = 0;
                Cfitsio.MoveToHdu(fptr, index + 1, out _, ref status);
                Check(status, index, "cannot move to the HDU");
                current = index;
            }

            return operation(fptr);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (handle)
            handle.Dispose();
    }
}
