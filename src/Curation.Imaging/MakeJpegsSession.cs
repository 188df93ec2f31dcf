using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Fits;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;

namespace Curation.Imaging;

/// <summary>What CU2 is asked to do.</summary>
public sealed record MakeJpegsRequest
{
    /// <summary>The archive's file store: previews go to <c>jpegs/YYYYMMDD/</c> and thumbnails to <c>thumbs/YYYYMMDD/</c> in it.</summary>
    public required string ArchiveDirectory { get; init; }

    /// <summary>How the previews are made (the threads each may use included).</summary>
    public PreviewOptions Preview { get; init; } = new();

    /// <summary>Frames previewed at once.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Make the previews of every selected frame again, even those already made.</summary>
    public bool Force { get; init; }

    /// <summary>Only the frames of this programme (ID, acronym or table prefix), or null for every programme.</summary>
    public string? Programme { get; init; }
}

/// <summary>What a CU2 run did.</summary>
public sealed class MakeJpegsSummary
{
    /// <summary>Detector frames whose preview and thumbnail were made.</summary>
    public int Made { get; set; }

    /// <summary>Detector frames whose preview and thumbnail were already on disk (newer than the FITS file) and were recorded without being made again.</summary>
    public int Existing { get; set; }

    /// <summary>Detector frames that could not be previewed: the file, the 0-based HDU and why.</summary>
    public List<(string File, int Hdu, string Reason)> Failed { get; } = [];

    /// <summary>Multiframes whose frames were recorded (one unit each).</summary>
    public int Multiframes { get; set; }
}

/// <summary>
/// CU2 (<c>make-jpegs</c>): makes a JPEG preview and a 128-pixel thumbnail of every detector frame of the image files
/// (<c>ArchivedFile.fileType</c> image: not confidence maps, not catalogues) that has none yet
/// (<c>MultiframeDetector.compFile</c> or <c>thumbFile</c> NONE; every one with <see cref="MakeJpegsRequest.Force"/>),
/// as <see cref="Preview"/> makes them, and records where they are in <c>compFile</c> and <c>thumbFile</c>. The files
/// are <c>DIR/jpegs/YYYYMMDD/&lt;file&gt;_&lt;extNum&gt;.jpg</c> and <c>DIR/thumbs/YYYYMMDD/&lt;file&gt;_&lt;extNum&gt;.jpg</c>,
/// YYYYMMDD the file's night (<c>ArchivedFile.night</c>), each written atomically. Frames are previewed on several
/// threads while this thread records them, one unit per multiframe. A frame that cannot be previewed is reported
/// with its file and HDU and the run goes on (it then ends with exit code 1). A preview already on disk and newer than
/// its FITS file is recorded without being made again, unless forced. A dry run makes the previews but writes and
/// records nothing.
/// </summary>
public sealed class MakeJpegsSession(CuSessionOptions options, MakeJpegsRequest request, TextWriter output) : CuSession(2, options)
{
    /// <summary>What the run did.</summary>
    public MakeJpegsSummary Summary { get; } = new();

    /// <inheritdoc />
    protected override void Work()
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Preview.Validate();
        if (request.Workers < 1)
            throw new CurationInputException($"--threads must be at least 1, not {request.Workers}");
        RequireThumbColumn();
        var programme = request.Programme is null ? null : Programme.Find(Database, request.Programme);
        var frames = Frames(programme);
        if (frames.Count == 0)
        {
            output.WriteLine($"cu2: no detector frame waiting for a preview{(programme is null ? "" : $" in {programme}")}");
            return;
        }

        Log.Info("{Frames} detector frame(s) of {Multiframes} multiframe(s) to preview into {Directory}, {Workers} at a time",
            frames.Count, frames.Select(f => f.MultiframeId).Distinct().Count(), request.ArchiveDirectory, request.Workers);
        var results = Channel.CreateBounded<Result>(new BoundedChannelOptions(Math.Max(2, request.Workers * 2)) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var workers = StartWorkers(frames, results.Writer, stop.Token);
        try
        {
            Record(frames, results.Reader);
        }
        finally
        {
            stop.Cancel();
            while (results.Reader.TryRead(out _))
            {
            }

            try
            {
                workers.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // a worker's failure has been reported as its frame's result
            }
        }

        var failed = Summary.Failed.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cu2: {Summary.Made} preview(s) made, {Summary.Existing} already on disk recorded, {failed} failed; "
            + $"{Summary.Multiframes} multiframe(s) recorded{(Options.DryRun ? " (dry run: nothing written or recorded)" : "")}"));
        output.WriteLine($"  previews in {Path.Combine(request.ArchiveDirectory, "jpegs")}, thumbnails in {Path.Combine(request.ArchiveDirectory, "thumbs")}");
        foreach (var (file, hdu, reason) in Summary.Failed)
            output.WriteLine($"  failed {file} HDU {hdu}: {reason}");
        if (failed > 0)
            Incomplete = $"{failed} detector frame(s) could not be previewed (listed above); fix or deprecate them and rerun";
    }

    /// <summary>The detector frames to preview, by multiframe and extension.</summary>
    private List<Frame> Frames(Programme? programme)
    {
        Func<string, string> p = SqlDialect.Parameter;
        var sql = "SELECT d.multiframeID, d.extNum, m.fileName, m.programmeID, m.utDate, f.night "
            + $"FROM {Database.Name("MultiframeDetector")} d JOIN {Database.Name("Multiframe")} m ON m.multiframeID = d.multiframeID "
            + $"JOIN {Database.Name("ArchivedFile")} f ON f.fileID = m.fileID "
            + "WHERE f.fileType = 'image' AND f.deprecated = 0 AND m.deprecated = 0 AND d.deprecated = 0"
            + (request.Force ? "" : " AND (d.compFile = 'NONE' OR d.thumbFile = 'NONE')")
            + (programme is null ? "" : $" AND m.programmeID = {p("p")}")
            + " ORDER BY d.multiframeID, d.extNum";
        return [.. Database.QueryRows(sql, new { p = programme?.Id ?? 0 }).Select(r =>
        {
            int I(string c) => Convert.ToInt32(r[c], CultureInfo.InvariantCulture);
            var file = Convert.ToString(r["fileName"], CultureInfo.InvariantCulture)!.TrimEnd();
            var night = I("night") > 0 ? I("night") : I("utDate");
            var nightDir = night is > 10000000 and < 100000000 ? night.ToString("D8", CultureInfo.InvariantCulture) : "unknown";
            var name = $"{ArchivedFiles.BaseName(file)}_{I("extNum")}.jpg";
            return new Frame(Convert.ToInt64(r["multiframeID"], CultureInfo.InvariantCulture), I("extNum"), file, I("programmeID"),
                Path.Combine(request.ArchiveDirectory, "jpegs", nightDir, name), Path.Combine(request.ArchiveDirectory, "thumbs", nightDir, name));
        })];
    }

    private Task StartWorkers(List<Frame> frames, ChannelWriter<Result> results, CancellationToken stop)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(request.Workers, frames.Count)).Select(_ => Task.Factory.StartNew(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < frames.Count && !stop.IsCancellationRequested)
            {
                var result = MakePreview(frames[i], stop);
                results.WriteAsync(result, stop).AsTask().GetAwaiter().GetResult();
            }
        }, stop, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        return Task.WhenAll(workers).ContinueWith(t => results.TryComplete(t.Exception?.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Makes and writes one frame's preview and thumbnail (on a worker thread); never throws for a bad file.</summary>
    private Result MakePreview(Frame frame, CancellationToken stop)
    {
        var hdu = frame.ExtNum - 1;
        try
        {
            if (Math.Max(frame.PreviewPath.Length, frame.ThumbPath.Length) > 256)
                return Result.Failure(frame, $"the preview's path ({frame.PreviewPath}) is longer than the 256 characters compFile holds; use a shorter --archive-dir");
            if (!request.Force && Current(frame))
                return new Result(frame, Outcome.Existing, null, null);
            if (!File.Exists(frame.FileName))
                return Result.Failure(frame, "the file is not on disk");
            var clock = Stopwatch.StartNew();
            using var fits = FitsFile.Open(frame.FileName);
            if (hdu >= fits.Hdus.Count)
                return Result.Failure(frame, $"the file has {fits.Hdus.Count} HDU(s), none with extNum {frame.ExtNum}");
            var preview = Curation.Imaging.Preview.Make(fits.Hdus[hdu], request.Preview, stop);
            if (!Options.DryRun)
            {
                AtomicFile.Write(frame.PreviewPath, preview.Jpeg);
                AtomicFile.Write(frame.ThumbPath, preview.Thumbnail);
            }

            return new Result(frame, Outcome.Made, preview, clock.Elapsed);
        }
        catch (Exception e) when (e is FitsException or JpegException or IOException or UnauthorizedAccessException)
        {
            return Result.Failure(frame, e.Message);
        }
    }

    /// <summary>True when the frame's preview and thumbnail are on disk and newer than its FITS file.</summary>
    private static bool Current(Frame frame)
    {
        if (!File.Exists(frame.PreviewPath) || !File.Exists(frame.ThumbPath) || !File.Exists(frame.FileName))
            return false;
        var source = File.GetLastWriteTimeUtc(frame.FileName);
        return File.GetLastWriteTimeUtc(frame.PreviewPath) >= source && File.GetLastWriteTimeUtc(frame.ThumbPath) >= source;
    }

    /// <summary>Records the frames as their previews arrive: one unit per multiframe, once all its frames are in.</summary>
    private void Record(List<Frame> frames, ChannelReader<Result> results)
    {
        var waiting = frames.GroupBy(f => f.MultiframeId).ToDictionary(g => g.Key, g => g.Count());
        var arrived = new Dictionary<long, List<Result>>();
        while (results.WaitToReadAsync(Cancellation).AsTask().GetAwaiter().GetResult())
        {
            while (results.TryRead(out var result))
            {
                var id = result.Frame.MultiframeId;
                if (!arrived.TryGetValue(id, out var list))
                    arrived[id] = list = [];
                list.Add(result);
                if (list.Count == waiting[id])
                {
                    RecordMultiframe(list);
                    arrived.Remove(id);
                    waiting.Remove(id);
                }
            }
        }

        Cancellation.ThrowIfCancellationRequested();
        if (waiting.Count > 0)
            throw new InvalidOperationException($"the previews of {waiting.Count} multiframe(s) never arrived from the workers");
    }

    private void RecordMultiframe(List<Result> results)
    {
        foreach (var failure in results.Where(r => r.Outcome == Outcome.Failed))
        {
            Log.Error("Could not preview {File} HDU {Hdu}: {Reason}", failure.Frame.FileName, failure.Frame.ExtNum - 1, failure.Reason);
            Summary.Failed.Add((failure.Frame.FileName, failure.Frame.ExtNum - 1, failure.Reason!));
        }

        var done = results.Where(r => r.Outcome != Outcome.Failed).OrderBy(r => r.Frame.ExtNum).ToList();
        if (done.Count == 0)
            return;
        var first = done[0].Frame;
        Func<string, string> p = SqlDialect.Parameter;
        Unit($"recording the previews of {first.FileName}", () =>
        {
            foreach (var r in done)
            {
                Database.Execute($"UPDATE {Database.Name("MultiframeDetector")} SET compFile = {p("c")}, thumbFile = {p("t")} "
                    + $"WHERE multiframeID = {p("m")} AND extNum = {p("e")}",
                    new { c = r.Frame.PreviewPath, t = r.Frame.ThumbPath, m = r.Frame.MultiframeId, e = r.Frame.ExtNum });
            }

            if (first.ProgrammeId != -99)
                RecordProgramme(first.ProgrammeId);
        });
        Summary.Multiframes++;
        foreach (var r in done)
        {
            if (r.Outcome == Outcome.Existing)
            {
                Summary.Existing++;
                Log.Debug("{File} HDU {Hdu}: its preview {Preview} is already made; recorded", r.Frame.FileName, r.Frame.ExtNum - 1, r.Frame.PreviewPath);
                continue;
            }

            Summary.Made++;
            var v = r.Preview!;
            var t = v.Timing;
            Log.Debug("{File} HDU {Hdu}: {Width}x{Height} preview (binned {Binning}, limits {Low:G6} to {High:G6}{Mirrored}) and {ThumbWidth}x{ThumbHeight} thumbnail "
                + "in {Seconds:F3} s (read {Read:F3}, limits {Limits:F3}, render {Render:F3}, encode {Encode:F3}, thumbnail {Thumbnail:F3})",
                r.Frame.FileName, r.Frame.ExtNum - 1, v.Width, v.Height, v.Binning, v.Limits?.Low, v.Limits?.High, v.Mirrored ? ", mirrored" : "",
                v.ThumbnailWidth, v.ThumbnailHeight, r.Elapsed?.TotalSeconds, t.Read.TotalSeconds, t.Limits.TotalSeconds, t.Render.TotalSeconds,
                t.Encode.TotalSeconds, t.Thumbnail.TotalSeconds);
            if (v.Limits is null)
                Log.Warn("{File} HDU {Hdu} has no finite pixel: its preview is black", r.Frame.FileName, r.Frame.ExtNum - 1);
            if (v.Planes > 1)
                Log.Info("{File} HDU {Hdu} holds {Planes} planes; the preview shows the first", r.Frame.FileName, r.Frame.ExtNum - 1, v.Planes);
        }

        Log.Info("Recorded the previews of {File} ({Frames} frame(s))", first.FileName, done.Count);
    }

    private void RequireThumbColumn()
    {
        try
        {
            Database.QueryRows($"SELECT thumbFile FROM {Database.Name("MultiframeDetector")} WHERE 1 = 0");
        }
        catch (CurationDatabaseException e)
        {
            throw new CurationInputException($"the archive's MultiframeDetector has no thumbFile column ({e.Message}); it was created before CU2: add it with "
                + "\"ALTER TABLE MultiframeDetector ADD COLUMN thumbFile varchar(256) NOT NULL DEFAULT 'NONE'\" ('curate schema check --db URL' lists every difference)");
        }
    }

    private sealed record Frame(long MultiframeId, int ExtNum, string FileName, int ProgrammeId, string PreviewPath, string ThumbPath);

    private enum Outcome
    {
        Made,
        Existing,
        Failed,
    }

    private sealed record Result(Frame Frame, Outcome Outcome, Preview? Preview, TimeSpan? Elapsed, string? Reason = null)
    {
        public static Result Failure(Frame frame, string reason) => new(frame, Outcome.Failed, null, null, reason);
    }
}
