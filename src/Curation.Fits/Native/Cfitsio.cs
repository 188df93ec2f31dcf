using System.Reflection;
using System.Runtime.InteropServices;

namespace Curation.Fits.Native;

/// <summary>
/// The CFITSIO entry points this layer uses, by their short names (<c>ffopen</c> is <c>fits_open_file</c>).
/// Nothing outside <c>Curation.Fits</c> sees these: callers use <see cref="FitsFile"/> and friends.
/// </summary>
internal static partial class Cfitsio
{
    private const string Library = "cfitsio";

    // Debian ships only the versioned name (libcfitsio.so.10) unless the -dev package is installed.
    private static readonly string[] Candidates = ["libcfitsio.so.10", "libcfitsio.so", "libcfitsio.so.9", "libcfitsio.dylib", "cfitsio"];

    static Cfitsio() => NativeLibrary.SetDllImportResolver(typeof(Cfitsio).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
            return IntPtr.Zero;
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
                return handle;
        }

        throw new DllNotFoundException(
            "CFITSIO is not installed: no libcfitsio.so.10 found. Install it with 'apt-get install libcfitsio10' (tools/test and tools/curate do this).");
    }

    /// <summary>Forces the resolver to run before the first call (static constructors of partial classes run lazily).</summary>
    internal static void EnsureLoaded() => _ = Version();

    // Data type codes (fitsio.h).
    public const int TBYTE = 11, TSBYTE = 12, TLOGICAL = 14, TSTRING = 16, TUSHORT = 20, TSHORT = 21, TUINT = 30, TINT = 31,
        TFLOAT = 42, TLONGLONG = 81, TDOUBLE = 82, TDBLCOMPLEX = 163;

    // HDU types.
    public const int IMAGE_HDU = 0, ASCII_TBL = 1, BINARY_TBL = 2;

    // Status codes this layer reacts to.
    public const int END_OF_FILE = 107;

    public const int READONLY = 0;

    [LibraryImport(Library, EntryPoint = "ffvers")]
    private static partial float FfVers(out float version);

    public static float Version() => FfVers(out _);

    [LibraryImport(Library, EntryPoint = "ffdkopn", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenDiskFile(out IntPtr fptr, string name, int mode, ref int status);

    [LibraryImport(Library, EntryPoint = "ffinit", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CreateFile(out IntPtr fptr, string name, ref int status);

    [LibraryImport(Library, EntryPoint = "ffclos")]
    public static partial int Close(IntPtr fptr, ref int status);

    [LibraryImport(Library, EntryPoint = "ffmahd")]
    public static partial int MoveToHdu(IntPtr fptr, int hduNumber, out int hduType, ref int status);

    [LibraryImport(Library, EntryPoint = "ffghadll")]
    public static partial int HduAddresses(IntPtr fptr, out long headStart, out long dataStart, out long dataEnd, ref int status);

    [LibraryImport(Library, EntryPoint = "ffmbyt")]
    public static partial int MoveToByte(IntPtr fptr, long position, int errorMode, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgbyt")]
    public static unsafe partial int ReadBytes(IntPtr fptr, long count, byte* buffer, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgpv")]
    public static unsafe partial int ReadPixels(IntPtr fptr, int dataType, long firstElement, long count, void* nullValue, void* values, out int anyNull, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgtclll")]
    public static partial int ColumnType(IntPtr fptr, int column, out int typeCode, out long repeat, out long width, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgtbb")]
    public static unsafe partial int ReadTableBytes(IntPtr fptr, long firstRow, long firstChar, long count, byte* values, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgcv")]
    public static unsafe partial int ReadColumn(IntPtr fptr, int dataType, int column, long firstRow, long firstElement, long count, void* nullValue, void* values, out int anyNull, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgcfd")]
    public static unsafe partial int ReadColumnDoublesWithNulls(IntPtr fptr, int column, long firstRow, long firstElement, long count, double* values, byte* nulls, out int anyNull, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgcfl")]
    public static unsafe partial int ReadColumnLogicalsWithNulls(IntPtr fptr, int column, long firstRow, long firstElement, long count, byte* values, byte* nulls, out int anyNull, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgdesll")]
    public static partial int ReadDescriptor(IntPtr fptr, int column, long row, out long length, out long heapOffset, ref int status);

    [LibraryImport(Library, EntryPoint = "fftscl")]
    public static partial int SetColumnScaling(IntPtr fptr, int column, double scale, double zero, ref int status);

    [LibraryImport(Library, EntryPoint = "ffpscl")]
    public static partial int SetImageScaling(IntPtr fptr, double scale, double zero, ref int status);

    [LibraryImport(Library, EntryPoint = "ffgerr")]
    public static unsafe partial void StatusText(int status, byte* text);

    [LibraryImport(Library, EntryPoint = "ffgmsg")]
    public static unsafe partial int PopMessage(byte* text);

    [LibraryImport(Library, EntryPoint = "ffcmsg")]
    public static partial void ClearMessages();

    // Writing.
    [LibraryImport(Library, EntryPoint = "ffcrimll")]
    public static unsafe partial int CreateImage(IntPtr fptr, int bitpix, int naxis, long* axes, ref int status);

    [LibraryImport(Library, EntryPoint = "ffppr")]
    public static unsafe partial int WritePixels(IntPtr fptr, int dataType, long firstElement, long count, void* values, ref int status);

    [LibraryImport(Library, EntryPoint = "ffppn")]
    public static unsafe partial int WritePixelsWithNull(IntPtr fptr, int dataType, long firstElement, long count, void* values, void* nullValue, ref int status);

    [LibraryImport(Library, EntryPoint = "ffcrtb")]
    public static unsafe partial int CreateTable(IntPtr fptr, int tableType, long rows, int columns, byte** types, byte** forms, byte** units, byte* extname, ref int status);

    [LibraryImport(Library, EntryPoint = "ffpcl")]
    public static unsafe partial int WriteColumn(IntPtr fptr, int dataType, int column, long firstRow, long firstElement, long count, void* values, ref int status);

    [LibraryImport(Library, EntryPoint = "ffprec", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WriteRecord(IntPtr fptr, string card, ref int status);

    [LibraryImport(Library, EntryPoint = "ffrdef")]
    public static partial int Redefine(IntPtr fptr, ref int status);

    [LibraryImport(Library, EntryPoint = "fits_set_compression_type")]
    public static partial int SetCompressionType(IntPtr fptr, int type, ref int status);

    // dims is a C long* (64-bit on Linux and macOS, 32-bit on Windows): CLong, not int.
    [LibraryImport(Library, EntryPoint = "fits_set_tile_dim")]
    public static unsafe partial int SetTileDimensions(IntPtr fptr, int ndim, CLong* dims, ref int status);

    [LibraryImport(Library, EntryPoint = "fits_set_quantize_level")]
    public static partial int SetQuantizeLevel(IntPtr fptr, float level, ref int status);

    [LibraryImport(Library, EntryPoint = "fits_set_quantize_method")]
    public static partial int SetQuantizeMethod(IntPtr fptr, int method, ref int status);

    [LibraryImport(Library, EntryPoint = "fits_set_hcomp_scale")]
    public static partial int SetHcompScale(IntPtr fptr, float scale, ref int status);
}
