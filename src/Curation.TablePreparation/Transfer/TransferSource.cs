using System.Globalization;
using System.Text.RegularExpressions;

namespace Curation.TablePreparation.Transfer;

/// <summary>A file a night directory of the source releases (its marker lists it, or releases the whole directory).</summary>
/// <param name="Night">The night, YYYYMMDD (the directory's name).</param>
/// <param name="Name">The file's name.</param>
/// <param name="Size">Its size in bytes at the source.</param>
/// <param name="Modified">Its modification time at the source (UTC, to the second).</param>
/// <param name="Checksum">The checksum the marker lists for it, or null.</param>
public sealed record SourceFile(int Night, string Name, long Size, DateTime Modified, string? Checksum)
{
    /// <summary>Its path below the source (and the archive): <c>YYYYMMDD/name</c>.</summary>
    public string RelativePath => string.Create(CultureInfo.InvariantCulture, $"{Night:D8}/{Name}");

    /// <summary>Its kind, from its name: image, conf, catalogue or other.</summary>
    public string Kind => FileKinds.Of(Name);
}

/// <summary>One night directory of the source as a scan found it.</summary>
/// <param name="Night">YYYYMMDD.</param>
/// <param name="Ready">True when it has an <c>OK_TO_COPY</c> marker that could be read.</param>
/// <param name="Files">The files released (of every kind).</param>
/// <param name="Waiting">Files the marker lists that are not in the directory (yet).</param>
/// <param name="Problem">Why the marker could not be read, or null.</param>
public sealed record SourceNight(int Night, bool Ready, IReadOnlyList<SourceFile> Files, IReadOnlyList<string> Waiting, string? Problem);

/// <summary>Nights to transfer, inclusive; null ends are open.</summary>
public sealed record NightRange(int? Since, int? Until)
{
    /// <summary>Every night.</summary>
    public static NightRange All { get; } = new(null, null);

    /// <summary>True when <paramref name="night"/> is in the range.</summary>
    public bool Contains(int night) => (Since is null || night >= Since) && (Until is null || night <= Until);
}

/// <summary>A file staged by <see cref="TransferSource.Stage"/>: where it is, or why it is not.</summary>
public sealed record StagedFile(SourceFile File, string? Path, string? Error);

/// <summary>
/// Where CU1 takes files from: a directory tree of nights (<c>SOURCE/YYYYMMDD/</c>) each released by an
/// <c>OK_TO_COPY</c> marker (<see cref="ReadyMarker"/>), on a local or mounted disk (<see cref="LocalSource"/>) or on a
/// remote host reached with rsync (<see cref="RsyncSource"/>).
/// </summary>
public abstract partial class TransferSource
{
    /// <summary>The source as given (a directory, or <c>[user@]host:/path</c>).</summary>
    public abstract string Description { get; }

    /// <summary>How many files one <see cref="Stage"/> call should take: one for a local copy, a batch for rsync.</summary>
    public abstract int BatchSize { get; }

    /// <summary>The nights of the range, each with its marker and the files it releases, by night.</summary>
    public abstract IReadOnlyList<SourceNight> Scan(NightRange range, CancellationToken cancellation);

    /// <summary>Copies <paramref name="files"/> into <paramref name="stagingDirectory"/> (as <c>YYYYMMDD/name</c>, with
    /// the source's modification time), returning each file's staged path or why it could not be copied.</summary>
    public abstract IReadOnlyList<StagedFile> Stage(IReadOnlyList<SourceFile> files, string stagingDirectory, CancellationToken cancellation);

    /// <summary>
    /// The source <paramref name="from"/> names: <c>[user@]host:/path</c> or <c>rsync://host/module/path</c> is read with
    /// rsync (over ssh, or <paramref name="rsh"/>); anything else is a local directory, copied directly unless
    /// <paramref name="viaRsync"/>.
    /// </summary>
    public static TransferSource Open(string from, bool viaRsync = false, string? rsh = null, int timeoutSeconds = 300)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(from);
        if (IsRemote(from))
            return new RsyncSource(from, rsh, timeoutSeconds);
        var full = System.IO.Path.GetFullPath(from);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"the source directory {full} does not exist");
        return viaRsync ? new RsyncSource(full, rsh, timeoutSeconds) : new LocalSource(full);
    }

    /// <summary>True when <paramref name="from"/> names a remote source.</summary>
    public static bool IsRemote(string from) =>
        from.StartsWith("rsync://", StringComparison.OrdinalIgnoreCase) || RemoteSpec().IsMatch(from);

    /// <summary>The night a directory name stands for (YYYYMMDD, a plausible date), or null.</summary>
    public static int? NightOf(string directoryName) =>
        directoryName.Length == 8 && DateOnly.TryParseExact(directoryName, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? int.Parse(directoryName, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The files a night releases given the names and sizes in its directory and its marker (null: not ready).</summary>
    protected static SourceNight Night(int night, IReadOnlyDictionary<string, (long Size, DateTime Modified)> files, ReadyMarker? marker, string? problem)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (marker is null)
            return new SourceNight(night, false, [], [], problem);
        var released = new List<SourceFile>();
        var waiting = new List<string>();
        if (marker.ReleasesAll)
        {
            foreach (var (name, info) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (name != ReadyMarker.FileName && !name.StartsWith('.'))
                    released.Add(new SourceFile(night, name, info.Size, info.Modified, null));
            }
        }
        else
        {
            foreach (var entry in marker.Entries!)
            {
                if (files.TryGetValue(entry.Name, out var info))
                    released.Add(new SourceFile(night, entry.Name, info.Size, info.Modified, entry.Checksum));
                else
                    waiting.Add(entry.Name);
            }
        }

        return new SourceNight(night, true, released, waiting, null);
    }

    /// <summary>A time truncated to the second, as UTC (file systems and rsync listings keep different precisions).</summary>
    protected internal static DateTime ToSecond(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    [GeneratedRegex(@"^(?:[^@/:\s]+@)?[^/:\s]+:")]
    private static partial Regex RemoteSpec();
}

/// <summary>The kinds of file CU1 can be asked for, from a file's name (the pipeline's naming).</summary>
public static partial class FileKinds
{
    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = ["image", "conf", "catalogue", "other"];

    /// <summary>The kinds transferred unless others are asked for: the FITS files.</summary>
    public static IReadOnlyList<string> Default { get; } = ["image", "conf", "catalogue"];

    /// <summary>catalogue (<c>_cat.fits</c>, <c>.cat</c>), conf (<c>_conf</c> in a FITS name), image (any other FITS
    /// name, compressed or not), or other.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Ingest.ArchivedFiles.IsCatalogueName(name))
            return "catalogue";
        if (!FitsName().IsMatch(name))
            return "other";
        return name.Contains("_conf", StringComparison.OrdinalIgnoreCase) ? "conf" : "image";
    }

    [GeneratedRegex(@"\.(fits?|fts)(\.fz|\.gz|\.Z)?$", RegexOptions.IgnoreCase)]
    private static partial Regex FitsName();
}
