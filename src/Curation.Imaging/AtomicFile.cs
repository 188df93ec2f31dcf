namespace Curation.Imaging;

/// <summary>Writes a file so that it is either there whole or not changed: the bytes go to a temporary file in the
/// same directory, are flushed to the disk, and the temporary file is renamed over the target (an atomic replace on
/// POSIX file systems). A reader never sees a half-written preview, and a crash leaves at most a stray temporary
/// file (<c>.name.tmp-*</c>), which the next write of the same file does not trip over.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> (its directory created if needed), replacing it atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
            }

            throw;
        }
    }
}
