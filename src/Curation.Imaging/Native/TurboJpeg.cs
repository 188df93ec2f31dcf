using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Curation.Imaging.Native;

/// <summary>
/// The TurboJPEG entry points this library uses (libjpeg-turbo's <c>turbojpeg.h</c>, API 2.x as Debian 12's
/// <c>libturbojpeg0</c> ships it). Nothing outside <c>Curation.Imaging</c> sees these: callers use <see cref="JpegCodec"/>.
/// A handle is used by one thread at a time.
/// </summary>
internal static partial class TurboJpeg
{
    private const string Library = "turbojpeg";

    // Debian ships only the versioned name unless libturbojpeg0-dev is installed.
    private static readonly string[] Candidates = ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.dylib", "turbojpeg"];

    static TurboJpeg() => NativeLibrary.SetDllImportResolver(typeof(TurboJpeg).Assembly, Resolve);

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
            "libjpeg-turbo's TurboJPEG library is not installed: no libturbojpeg.so.0 found. Install it with 'apt-get install libturbojpeg0' "
            + "(tools/test and tools/curate do this).");
    }

    /// <summary>Forces the resolver to run before the first call.</summary>
    internal static void EnsureLoaded() => RuntimeHelpers.RunClassConstructor(typeof(TurboJpeg).TypeHandle);

    /// <summary>TJPF_GRAY: one byte per pixel.</summary>
    public const int PixelFormatGray = 6;

    /// <summary>TJSAMP_GRAY: a greyscale JPEG (one component).</summary>
    public const int SubsamplingGray = 3;

    /// <summary>TJFLAG_ACCURATEDCT: the accurate integer DCT (libjpeg's JDCT_ISLOW, cjpeg's and Pillow's default)
    /// instead of the fast one TurboJPEG compresses with by default.</summary>
    public const int FlagAccurateDct = 4096;

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    public static partial IntPtr InitCompress();

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial IntPtr InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "tjBufSize")]
    public static partial nuint BufSize(int width, int height, int subsampling);

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    public static unsafe partial int Compress2(IntPtr handle, byte* source, int width, int pitch, int height, int pixelFormat,
        byte** jpeg, nuint* jpegSize, int subsampling, int quality, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    public static unsafe partial void Free(byte* buffer);

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static unsafe partial int DecompressHeader3(IntPtr handle, byte* jpeg, nuint jpegSize, out int width, out int height, out int subsampling, out int colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static unsafe partial int Decompress2(IntPtr handle, byte* jpeg, nuint jpegSize, byte* destination, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    private static partial IntPtr GetErrorStr2(IntPtr handle);

    /// <summary>The library's message for the last error on <paramref name="handle"/>.</summary>
    public static string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}
