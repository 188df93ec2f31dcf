using System.Runtime.InteropServices;
using SQLitePCL;

namespace Curation.Database.Loading;

/// <summary>
/// SQLite's bind functions for numbers and NULL, called straight into the e_sqlite3 library that SQLitePCL's provider
/// uses. SQLitePCL's own wrappers take the statement as a SafeHandle (reference counted on every call) behind an
/// interface call; on an 80-column row those costs were about a fifth of the load. The functions are the same, and so
/// are their results and error codes.
/// </summary>
internal static unsafe class SqliteNativeBinds
{
    private const string Library = "e_sqlite3";

    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, long, int> BindInt64;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, double, int> BindDouble;
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> BindNull;

    static SqliteNativeBinds()
    {
        // The library is found as the provider's own DllImport finds it (same name, same assembly), so it is the one
        // the provider loaded; with any other provider these binds are not used.
        if (raw.GetNativeLibraryName() != Library
            || !NativeLibrary.TryLoad(Library, typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "sqlite3_bind_int64", out var int64)
            || !NativeLibrary.TryGetExport(library, "sqlite3_bind_double", out var real)
            || !NativeLibrary.TryGetExport(library, "sqlite3_bind_null", out var none))
        {
            return;
        }

        BindInt64 = (delegate* unmanaged[Cdecl]<IntPtr, int, long, int>)int64;
        BindDouble = (delegate* unmanaged[Cdecl]<IntPtr, int, double, int>)real;
        BindNull = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)none;
        Available = true;
    }

    /// <summary>True when the functions were found; otherwise <see cref="SqliteBulkLoader"/> leaves every row to the
    /// provider's command.</summary>
    public static bool Available { get; }

    /// <summary><c>sqlite3_bind_int64</c>.</summary>
    public static int Int64(IntPtr statement, int index, long value) => BindInt64(statement, index, value);

    /// <summary><c>sqlite3_bind_double</c>.</summary>
    public static int Double(IntPtr statement, int index, double value) => BindDouble(statement, index, value);

    /// <summary><c>sqlite3_bind_null</c>.</summary>
    public static int Null(IntPtr statement, int index) => BindNull(statement, index);
}
