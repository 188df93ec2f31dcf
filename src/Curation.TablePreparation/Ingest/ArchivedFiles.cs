using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Fits;

namespace Curation.TablePreparation.Ingest;

/// <summary>A file registered in <c>ArchivedFile</c>.</summary>
/// <param name="FileId">Its ID.</param>
/// <param name="FileName">Its path in the archive.</param>
/// <param name="FileType">image, conf, catalogue or other.</param>
/// <param name="Checksum">The SHA-256 of its bytes when registered (or last ingested).</param>
/// <param name="MetadataState">0 pending, 1 ingested, 2 rejected, 3 not applicable (CU3).</param>
/// <param name="DetectionState">0 pending, 1 ingested, 2 rejected, 3 not applicable (CU4).</param>
public sealed record ArchivedFileRow(long FileId, string FileName, string FileType, string Checksum, int MetadataState, int DetectionState);

/// <summary>The states of <c>ArchivedFile.metadataState</c> and <c>detectionState</c>.</summary>
public static class IngestState
{
    /// <summary>Waiting for the task.</summary>
    public const int Pending = 0;

    /// <summary>Ingested.</summary>
    public const int Ingested = 1;

    /// <summary>Rejected: <c>rejectReason</c> says why.</summary>
    public const int Rejected = 2;

    /// <summary>Nothing for the task to do (a catalogue's metadata comes with its image; an image has no detections).</summary>
    public const int NotApplicable = 3;
}

/// <summary>
/// The register of files in the archive (<c>ArchivedFile</c>): registering a file (its type, night, size and SHA-256),
/// finding files by name, and pairing images with their catalogues by the pipeline's names
/// (<c>w20071011_00101_sf_st.fit</c> and <c>w20071011_00101_sf_st_cat.fits</c>).
/// </summary>
public static partial class ArchivedFiles
{
    private const string Columns = "fileID, fileName, fileType, checksum, metadataState, detectionState";

    /// <summary>The SHA-256 of a file's bytes, as 64 lower-case hexadecimal digits.</summary>
    public static string Checksum(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The registered file with this path, or null.</summary>
    public static ArchivedFileRow? Find(Session session, string fileName)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.QueryRows($"SELECT {Columns} FROM {session.Name("ArchivedFile")} WHERE fileName = {SqlDialect.Parameter("f")}",
            new { f = fileName }).Select(Read).FirstOrDefault();
    }

    /// <summary>The registered file with this ID, or null.</summary>
    public static ArchivedFileRow? Find(Session session, long fileId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.QueryRows($"SELECT {Columns} FROM {session.Name("ArchivedFile")} WHERE fileID = {SqlDialect.Parameter("id")}",
            new { id = fileId }).Select(Read).FirstOrDefault();
    }

    /// <summary>Files not deprecated whose state for a task (<c>metadataState</c> or <c>detectionState</c>) is <paramref name="state"/>, by name.</summary>
    public static IReadOnlyList<ArchivedFileRow> InState(Session session, string stateColumn, int state)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (stateColumn is not ("metadataState" or "detectionState"))
            throw new ArgumentException("metadataState or detectionState", nameof(stateColumn));
        return [.. session.QueryRows($"SELECT {Columns} FROM {session.Name("ArchivedFile")} WHERE {stateColumn} = {SqlDialect.Parameter("s")} AND deprecated = 0 ORDER BY fileName",
            new { s = state }).Select(Read)];
    }

    /// <summary>
    /// Registers <paramref name="path"/> (made absolute) unless it is registered, and returns its row. Its type comes from
    /// its name and content, its night from its directory (<c>.../20071011/...</c>) or its UTDATE or DATE-OBS keyword.
    /// </summary>
    public static ArchivedFileRow Register(Session session, string path, int cuEventId, DateTime now, string? checksum = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var full = Path.GetFullPath(path);
        if (Find(session, full) is { } known)
            return known;
        var (type, night) = Classify(full);
        var info = new FileInfo(full);
        var id = session.Scalar<long>($"SELECT COALESCE(MAX(fileID), 0) + 1 FROM {session.Name("ArchivedFile")}");
        var row = new
        {
            fileID = id, cuEventID = cuEventId, fileName = full, originalName = info.Name, fileType = type, night,
            fileSize = info.Length, checksum = checksum ?? Checksum(full), arrivalTime = now,
        };
        var names = row.GetType().GetProperties().Select(p => p.Name).ToList();
        session.Execute($"INSERT INTO {session.Name("ArchivedFile")} ({string.Join(", ", names.Select(session.Quote))}) "
            + $"VALUES ({string.Join(", ", names.Select(n => SqlDialect.Parameter(n)))})", row);
        return new ArchivedFileRow(id, full, type, row.checksum, IngestState.Pending, IngestState.Pending);
    }

    /// <summary>Sets a file's state for CU3 (<paramref name="detections"/> false) or CU4, with the event, the time and the reason of a rejection.</summary>
    public static void SetState(Session session, long fileId, bool detections, int state, int cuEventId, DateTime now, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var prefix = detections ? "detection" : "metadata";
        Func<string, string> p = SqlDialect.Parameter;
        session.Execute($"UPDATE {session.Name("ArchivedFile")} SET {prefix}State = {p("s")}, {prefix}Time = {p("t")}, {prefix}EventID = {p("e")}, "
            + $"rejectReason = {p("r")} WHERE fileID = {p("id")}",
            new { s = state, t = now, e = cuEventId, r = Shorten(reason ?? "NONE", 256), id = fileId });
    }

    /// <summary>
    /// Puts a file back in the queue of CU3 (<paramref name="metadata"/>) and of CU4 (<paramref name="detections"/>): its
    /// state pending again, its times, events and reason left as the last ingest recorded them, so that the next runs
    /// ingest it again and replace its rows (register-programme does this for frames of a programme registered after them).
    /// </summary>
    public static void Requeue(Session session, long fileId, bool metadata, bool detections)
    {
        ArgumentNullException.ThrowIfNull(session);
        var set = new List<string>();
        if (metadata)
            set.Add($"metadataState = {SqlDialect.Parameter("pending")}");
        if (detections)
            set.Add($"detectionState = {SqlDialect.Parameter("pending")}");
        if (set.Count == 0)
            return;
        session.Execute($"UPDATE {session.Name("ArchivedFile")} SET {string.Join(", ", set)} WHERE fileID = {SqlDialect.Parameter("id")}",
            new { pending = IngestState.Pending, id = fileId });
    }

    /// <summary>Records a file's new checksum and size (it changed since it was registered).</summary>
    public static void SetChecksum(Session session, long fileId, string checksum, long size)
    {
        ArgumentNullException.ThrowIfNull(session);
        Func<string, string> p = SqlDialect.Parameter;
        session.Execute($"UPDATE {session.Name("ArchivedFile")} SET checksum = {p("c")}, fileSize = {p("n")} WHERE fileID = {p("id")}",
            new { c = checksum, n = size, id = fileId });
    }

    /// <summary>
    /// Records that a registered file was replaced by a new version (CU1 copied a changed file over it): its checksum,
    /// size, arrival time and event, and its ingests pending again (CU3 then replaces its rows; a catalogue goes back to CU4).
    /// </summary>
    public static void Replace(Session session, ArchivedFileRow file, string checksum, long size, int cuEventId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(file);
        Func<string, string> p = SqlDialect.Parameter;
        session.Execute($"UPDATE {session.Name("ArchivedFile")} SET checksum = {p("c")}, fileSize = {p("n")}, arrivalTime = {p("t")}, cuEventID = {p("e")}, "
            + $"metadataState = {p("pending")}, detectionState = CASE WHEN fileType = 'catalogue' THEN {p("pending")} ELSE detectionState END, "
            + $"rejectReason = 'NONE' WHERE fileID = {p("id")}",
            new { c = checksum, n = size, t = now, e = cuEventId, pending = IngestState.Pending, id = file.FileId });
    }

    /// <summary>The pipeline's base name of a file: its name without directory, compression and FITS extensions, and
    /// without the <c>_cat</c> of a catalogue (so an image and its catalogue share it).</summary>
    public static string BaseName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = FitsSuffix().Replace(Path.GetFileName(path), "");
        return name.EndsWith("_cat", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    /// <summary>True when the file's name marks it as a source catalogue (<c>..._cat.fits</c>, <c>.cat</c>).</summary>
    public static bool IsCatalogueName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        return name.EndsWith(".cat", StringComparison.Ordinal) || FitsSuffix().Replace(name, "").EndsWith("_cat", StringComparison.Ordinal);
    }

    /// <summary>The catalogue files that may belong to an image, beside it on disk (<c>X_cat.fits</c>, <c>X_cat.fit</c>).</summary>
    public static IEnumerable<string> CatalogueCandidates(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        var dir = Path.GetDirectoryName(imagePath) ?? ".";
        var b = BaseName(imagePath);
        return new[] { "_cat.fits", "_cat.fit", "_cat.fits.fz" }.Select(s => Path.Combine(dir, b + s));
    }

    private static (string Type, int Night) Classify(string path)
    {
        var night = NightDirectory().Match(path) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -99999999;
        try
        {
            using var fits = FitsFile.Open(path);
            var primary = fits.Hdus[0].Header;
            if (night < 0)
            {
                var utDate = primary.GetString("UTDATE") ?? primary.GetString("NIGHT")
                    ?? (primary.TryGetInt64("UTDATE", out var u) ? u.ToString(CultureInfo.InvariantCulture) : null);
                if (utDate is not null && int.TryParse(utDate.Replace("-", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 19000000)
                    night = n;
                else if (primary.GetString("DATE-OBS") is { Length: >= 10 } date
                    && int.TryParse(date[..10].Replace("-", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var d))
                    night = d;
            }

            var hasImage = fits.Hdus.Any(h => h.Kind.IsImage() && h.PixelCount > 0 && h.Axes.Count >= 2);
            var tables = fits.Hdus.Count(h => h.Kind == HduKind.BinaryTable);
            var name = Path.GetFileName(path).ToLowerInvariant();
            var type = IsCatalogueName(path) && tables > 0 ? "catalogue"
                : hasImage && name.Contains("_conf", StringComparison.Ordinal) ? "conf"
                : hasImage ? "image"
                : "other";
            return (type, night);
        }
        catch (FitsException)
        {
            return ("other", night); // unreadable: CU3 reports why when it ingests it
        }
    }

    private static ArchivedFileRow Read(IReadOnlyDictionary<string, object?> r)
    {
        object? V(string name) => r.First(kv => kv.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        string S(string name) => Convert.ToString(V(name), CultureInfo.InvariantCulture)?.TrimEnd() ?? "";
        int I(string name) => Convert.ToInt32(V(name), CultureInfo.InvariantCulture);
        return new ArchivedFileRow(Convert.ToInt64(V("fileID"), CultureInfo.InvariantCulture), S("fileName"), S("fileType"), S("checksum"),
            I("metadataState"), I("detectionState"));
    }

    private static string Shorten(string s, int length) => s.Length <= length ? s : s[..(length - 3)] + "...";

    [GeneratedRegex(@"(\.fits?|\.fit|\.fts|\.cat)(\.fz|\.gz|\.Z)?$", RegexOptions.IgnoreCase)]
    private static partial Regex FitsSuffix();

    [GeneratedRegex(@"[/\\]((?:19|20)\d{6})[/\\][^/\\]+$")]
    private static partial Regex NightDirectory();
}
