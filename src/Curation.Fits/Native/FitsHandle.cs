using System.Runtime.InteropServices;
using System.Text;

namespace Curation.Fits.Native;

/// <summary>Owns one CFITSIO <c>fitsfile*</c>; closing it is deterministic (Dispose) and guaranteed (finalizer).</summary>
internal sealed class FitsHandle : SafeHandle
{
    private string? temporaryFile;

    public FitsHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A temporary copy this handle reads; deleted when the file is closed.</summary>
    public void DeleteOnClose(string path) => temporaryFile = path;

    /// <summary>The temporary copy CFITSIO reads instead of the file, or null.</summary>
    public string? TemporaryFile => temporaryFile;

    private void DeleteTemporary()
    {
        if (temporaryFile is null)
            return;
        try
        {
            File.Delete(temporaryFile);
        }
        catch (IOException)
        {
            // Left in the temporary directory; nothing depends on it.
        }

        temporaryFile = null;
    }

    public void Attach(IntPtr fptr) => SetHandle(fptr);

    protected override bool ReleaseHandle()
    {
        var status = 0;
        Cfitsio.Close(handle, ref status);
        if (status != 0)
            Cfitsio.ClearMessages(); // a failed close must not leave messages for the next, unrelated error
        DeleteTemporary();
        return true;
    }
}

/// <summary>Turns CFITSIO status codes into <see cref="FitsException"/>s carrying CFITSIO's messages.</summary>
internal static class CfitsioStatus
{
    /// <summary>CFITSIO's short text for a status code.</summary>
    public static unsafe string Text(int status)
    {
        var buffer = stackalloc byte[96];
        Cfitsio.StatusText(status, buffer);
        return Marshal.PtrToStringUTF8((IntPtr)buffer) ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drains CFITSIO's error-message stack (oldest first, as it pushed them).</summary>
    public static unsafe List<string> DrainMessages()
    {
        var messages = new List<string>();
        var buffer = stackalloc byte[96];
        while (Cfitsio.PopMessage(buffer) != 0)
        {
            var text = Marshal.PtrToStringUTF8((IntPtr)buffer)?.Trim();
            if (!string.IsNullOrEmpty(text))
                messages.Add(text);
        }

        return messages;
    }

    /// <summary>Describes a failed call: the status text, then the message stack without repetitions.</summary>
    /// <param name="status">CFITSIO's status code.</param>
    /// <param name="path">The file as the caller names it.</param>
    /// <param name="openedAs">The name CFITSIO opened, when that is a temporary copy.</param>
    public static string Describe(int status, string? path = null, string? openedAs = null)
    {
        var parts = new List<string> { Text(status) };
        foreach (var m in DrainMessages())
        {
            // CFITSIO names the file on a line of its own: the caller names it already (and a temporary copy's name means nothing).
            if (!parts.Contains(m, StringComparer.OrdinalIgnoreCase) && !m.StartsWith("ffopen", StringComparison.Ordinal) && m != path && m != openedAs)
                parts.Add(m);
        }

        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (sb.Length > 0)
                sb.Append("; ");
            sb.Append(p);
        }

        return sb.ToString();
    }

    /// <summary>Throws a <see cref="FitsException"/> when <paramref name="status"/> is not zero.</summary>
    public static void Check(int status, string file, int? hdu, string what, string? openedAs = null)
    {
        if (status != 0)
            throw new FitsException(file, hdu, what, status, Describe(status, file, openedAs));
    }
}
