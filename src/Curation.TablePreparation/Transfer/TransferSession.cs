using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;

namespace Curation.TablePreparation.Transfer;

/// <summary>What CU1 is asked to transfer, and how.</summary>
public sealed record TransferRequest
{
    /// <summary>Where the files come from.</summary>
    public required TransferSource Source { get; init; }

    /// <summary>The archive's file store: files go to <c>ArchiveDirectory/YYYYMMDD/name</c>.</summary>
    public required string ArchiveDirectory { get; init; }

    /// <summary>The nights wanted.</summary>
    public NightRange Nights { get; init; } = NightRange.All;

    /// <summary>The kinds of file wanted (<see cref="FileKinds"/>).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = FileKinds.Default;

    /// <summary>How many files (or rsync batches) are copied at once.</summary>
    public int Threads { get; init; } = 4;

    /// <summary>How many more times a failing file is tried in the same round before it is reported.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Keep polling the source until stopped (Ctrl-C/SIGTERM) or <see cref="StopAfter"/>.</summary>
    public bool Watch { get; init; }

    /// <summary>The time between polls when watching.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When watching, stop after this long (the round in progress is finished first); null: until stopped.</summary>
    public TimeSpan? StopAfter { get; init; }
}

/// <summary>What a CU1 run did.</summary>
public sealed class TransferSummary
{
    /// <summary>Files copied into the archive and registered.</summary>
    public int Copied { get; set; }

    /// <summary>Bytes copied.</summary>
    public long Bytes { get; set; }

    /// <summary>Time spent copying (the rounds that copied something).</summary>
    public TimeSpan CopyTime { get; set; }

    /// <summary>Files found in the archive already but not registered (a run stopped between the two), registered now.</summary>
    public int RegisteredInPlace { get; set; }

    /// <summary>Files already in the archive and registered, unchanged at the source.</summary>
    public int UpToDate { get; set; }

    /// <summary>Files the markers list that are not at the source yet.</summary>
    public int Waiting { get; set; }

    /// <summary>Nights without an <c>OK_TO_COPY</c> marker (not released yet), at the last poll.</summary>
    public int NightsNotReady { get; set; }

    /// <summary>Polls of the source.</summary>
    public int Polls { get; set; }

    /// <summary>Files (or markers) that could not be transferred, with why, at the last try.</summary>
    public Dictionary<string, string> Failed { get; } = new(StringComparer.Ordinal);

    /// <summary>Files a dry run would copy.</summary>
    public List<string> WouldCopy { get; } = [];
}

/// <summary>
/// CU1: brings the files the data provider has released (<see cref="ReadyMarker"/>) from the source into the archive's
/// file store, by night (<c>YYYYMMDD/name</c>), and registers each in <c>ArchivedFile</c> for CU3 and CU4. Files are
/// copied on several threads into a staging directory of the store (<c>.incoming/</c>), verified (size, and the
/// marker's checksum when it lists one) and renamed into place, so a reader never sees a partial file; each is then
/// registered in its own unit. A file already there and unchanged at the source is skipped; a changed one is copied
/// again and its ingests made pending. A file that keeps failing is reported and the others go on. With
/// <see cref="TransferRequest.Watch"/> the source is polled until the run is stopped.
/// </summary>
public sealed class TransferSession(CuSessionOptions options, TransferRequest request, TextWriter output) : CuSession(1, options)
{
    private readonly Dictionary<string, string> failedVersions = new(StringComparer.Ordinal);

    /// <summary>What the run did.</summary>
    public TransferSummary Summary { get; } = new();

    private string Staging => Path.Combine(request.ArchiveDirectory, ".incoming");

    /// <inheritdoc />
    protected override void Work()
    {
        Directory.CreateDirectory(request.ArchiveDirectory);
        if (Directory.Exists(Staging))
            Directory.Delete(Staging, recursive: true); // left by a run that was killed; CU1's lock says no other run uses it
        Log.Info("Transferring {Kinds} files from {Source} into {Archive}{Watch}", string.Join(", ", request.Kinds), request.Source.Description,
            request.ArchiveDirectory, request.Watch ? $" and watching it every {request.Interval.TotalSeconds:0.#} s" : "");
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                Poll();
                if (!request.Watch || (request.StopAfter is { } limit && clock.Elapsed >= limit))
                    break;
                var wait = request.StopAfter is { } stop ? Min(request.Interval, stop - clock.Elapsed) : request.Interval;
                if (!Idle(wait))
                    break;
            }
        }
        finally
        {
            if (Directory.Exists(Staging))
                Directory.Delete(Staging, recursive: true);
        }

        Report();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b < TimeSpan.Zero ? TimeSpan.Zero : b;

    /// <summary>One round: scan the source, decide what each released file needs, copy and register.</summary>
    private void Poll()
    {
        Summary.Polls++;
        IReadOnlyList<SourceNight> nights;
        try
        {
            nights = request.Source.Scan(request.Nights, Cancellation);
        }
        catch (Exception e) when (e is TransferSourceException or IOException or UnauthorizedAccessException)
        {
            if (!request.Watch)
                throw new CurationInputException($"the source {request.Source.Description} could not be read: {e.Message}");
            Log.Warn("The source {Source} could not be read ({Message}); trying again at the next poll", request.Source.Description, e.Message);
            return;
        }

        Summary.NightsNotReady = nights.Count(n => !n.Ready && n.Problem is null);
        Summary.Waiting = nights.Sum(n => n.Waiting.Count);
        foreach (var night in nights.Where(n => n.Problem is not null))
            Fail($"{night.Night:D8}/{ReadyMarker.FileName}", night.Problem!, night.Problem!);
        if (Summary.Polls == 1)
        {
            foreach (var night in nights.Where(n => !n.Ready && n.Problem is null))
                Log.Info("Night {Night}: not released yet (no {Marker})", night.Night, ReadyMarker.FileName);
            foreach (var night in nights.Where(n => n.Waiting.Count > 0))
                Log.Info("Night {Night}: {Count} file(s) listed in {Marker} are not there yet: {Names}", night.Night, night.Waiting.Count,
                    ReadyMarker.FileName, string.Join(", ", night.Waiting.Take(5)) + (night.Waiting.Count > 5 ? ", ..." : ""));
        }

        var toCopy = new List<SourceFile>();
        foreach (var file in nights.SelectMany(n => n.Files).Where(f => request.Kinds.Contains(f.Kind)))
        {
            Cancellation.ThrowIfCancellationRequested();
            if (failedVersions.TryGetValue(file.RelativePath, out var version) && version == Version(file))
                continue; // it failed as it is now: tried again once it changes at the source, or on the next run
            switch (Decide(file))
            {
                case Action.UpToDate:
                    if (Summary.Polls == 1)
                        Summary.UpToDate++;
                    break;
                case Action.Register:
                    RegisterInPlace(file);
                    break;
                default:
                    toCopy.Add(file);
                    break;
            }
        }

        if (toCopy.Count == 0)
            return;
        if (Options.DryRun)
        {
            foreach (var file in toCopy)
            {
                Log.Info("Would copy {File} ({Size})", file.RelativePath, Bytes(file.Size));
                Summary.WouldCopy.Add(file.RelativePath);
            }

            return;
        }

        Copy(toCopy);
    }

    private enum Action
    {
        Copy,
        Register,
        UpToDate,
    }

    private string Destination(SourceFile file) => Path.Combine(request.ArchiveDirectory, file.RelativePath);

    /// <summary>
    /// What a released file needs. It is up to date when the archive's copy has the source's size and modification time
    /// (rsync's quick check) and, when the marker lists a SHA-256, the registered checksum is that one.
    /// </summary>
    private Action Decide(SourceFile file)
    {
        var destination = new FileInfo(Destination(file));
        if (!destination.Exists || destination.Length != file.Size || TransferSource.ToSecond(destination.LastWriteTimeUtc) != file.Modified)
            return Action.Copy;
        var registered = ArchivedFiles.Find(Database, destination.FullName);
        if (registered is null)
            return Action.Register;
        return file.Checksum is { Length: 64 } sha256 && sha256 != registered.Checksum ? Action.Copy : Action.UpToDate;
    }

    private void RegisterInPlace(SourceFile file)
    {
        var path = Destination(file);
        var (sha256, problem) = Verify(file, path);
        if (problem is not null)
        {
            // The copy in the archive is not the released file: copy it again.
            Log.Warn("{File} is in the archive but not registered, and {Problem}: it is copied again", path, problem);
            File.Delete(path);
            Copy([file]);
            return;
        }

        Log.Info("{File} was in the archive already (a run stopped before registering it): registered", path);
        Register(file, path, sha256!);
        Summary.RegisteredInPlace++;
    }

    /// <summary>Copies files on several threads (staged, verified, renamed into place) while this thread registers them.</summary>
    private void Copy(IReadOnlyList<SourceFile> files)
    {
        var clock = Stopwatch.StartNew();
        var batches = new ConcurrentQueue<IReadOnlyList<SourceFile>>(files.Chunk(request.Source.BatchSize));
        using var results = new BlockingCollection<(SourceFile File, string? Path, string? Sha256, string? Error)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(request.Threads, batches.Count))).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested && batches.TryDequeue(out var batch))
            {
                foreach (var result in Transfer(batch, stop.Token))
                    results.Add(result, stop.Token);
            }
        }, stop.Token)).ToArray();
        var all = Task.WhenAll(workers).ContinueWith(_ => results.CompleteAdding(), TaskScheduler.Default);

        var done = 0;
        try
        {
            foreach (var (file, path, sha256, error) in results.GetConsumingEnumerable(Cancellation))
            {
                done++;
                if (error is not null)
                {
                    Fail(file.RelativePath, Version(file), error);
                    continue;
                }

                Register(file, path!, sha256!);
                Summary.Copied++;
                Summary.Bytes += file.Size;
                Log.Info("Copied {File} ({Size}) [{Done}/{Total}]", file.RelativePath, Bytes(file.Size), done, files.Count);
            }
        }
        finally
        {
            stop.Cancel(); // a failure here (the database) stops the copying too
            try
            {
                all.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // the workers' cancellation; what they did not finish stays in the staging directory and is removed
            }
        }

        Cancellation.ThrowIfCancellationRequested();
        foreach (var failed in workers.Where(w => w.IsFaulted))
            throw failed.Exception!.InnerException!;
        Summary.CopyTime += clock.Elapsed;
    }

    /// <summary>Stages a batch, verifies each file and renames it into place, trying a failing file again alone.</summary>
    private IEnumerable<(SourceFile File, string? Path, string? Sha256, string? Error)> Transfer(IReadOnlyList<SourceFile> batch, CancellationToken cancellation)
    {
        var staging = Path.Combine(Staging, Guid.NewGuid().ToString("N"));
        try
        {
            var pending = batch.ToList();
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                var again = new List<SourceFile>();
                foreach (var staged in request.Source.Stage(pending, staging, cancellation))
                {
                    var error = staged.Error;
                    string? sha256 = null;
                    if (error is null)
                    {
                        (sha256, error) = Verify(staged.File, staged.Path!);
                        if (error is null)
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(Destination(staged.File))!);
                            File.Move(staged.Path!, Destination(staged.File), overwrite: true);
                            yield return (staged.File, Destination(staged.File), sha256, null);
                            continue;
                        }

                        File.Delete(staged.Path!);
                    }

                    if (attempt < request.Retries)
                    {
                        Log.Warn("{File}: {Error}; trying again", staged.File.RelativePath, error);
                        again.Add(staged.File);
                    }
                    else
                    {
                        yield return (staged.File, null, null, error + (request.Retries > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({attempt + 1} tries)") : ""));
                    }
                }

                pending = again;
                if (pending.Count > 0 && cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(attempt + 1)))
                    yield break;
            }
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Checks a copy against what the source released: its size, and the marker's checksum when it lists one.
    /// Returns the copy's SHA-256 (recorded in <c>ArchivedFile</c>), or what is wrong.</summary>
    private static (string? Sha256, string? Problem) Verify(SourceFile file, string path)
    {
        var size = new FileInfo(path).Length;
        if (size != file.Size)
            return (null, string.Create(CultureInfo.InvariantCulture, $"the copy has {size} bytes, the source {file.Size}"));
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(handle); // the one flush of a copy (whatever staged it): on disk before it is renamed into place and registered
        using var stream = new FileStream(handle, FileAccess.Read, 1 << 20);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = file.Checksum is { Length: 32 } ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        var buffer = new byte[1 << 20];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, n);
            md5?.AppendData(buffer, 0, n);
        }

        var sha = Convert.ToHexStringLower(sha256.GetHashAndReset());
        var listed = md5 is null ? sha : Convert.ToHexStringLower(md5.GetHashAndReset());
        if (file.Checksum is { } expected && expected != listed)
            return (null, $"its {(md5 is null ? "SHA-256" : "MD5")} is {listed[..16]}..., but {ReadyMarker.FileName} lists {expected[..16]}...");
        return (sha, null);
    }

    private void Register(SourceFile file, string path, string sha256)
    {
        Unit($"registering {path}", () =>
        {
            var now = CurationHistory.Now();
            var registered = ArchivedFiles.Find(Database, path);
            if (registered is null)
            {
                ArchivedFiles.Register(Database, path, CuEventId, now, sha256);
            }
            else if (registered.Checksum != sha256)
            {
                Log.Info("{File} changed at the source: the new version replaces it, and CU3 (and CU4) will ingest it again", file.RelativePath);
                ArchivedFiles.Replace(Database, registered, sha256, file.Size, CuEventId, now);
            }
        });
        failedVersions.Remove(file.RelativePath);
        Summary.Failed.Remove(file.RelativePath);
    }

    private void Fail(string relativePath, string version, string error)
    {
        if (failedVersions.TryGetValue(relativePath, out var known) && known == version)
            return;
        failedVersions[relativePath] = version;
        Summary.Failed[relativePath] = error;
        Log.Error("Could not transfer {File}: {Error}", relativePath, error);
    }

    private static string Version(SourceFile file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Size}|{file.Modified.Ticks}|{file.Checksum}");

    private static string Bytes(long n) => n switch
    {
        < 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{n} B"),
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{n / 1024.0:0.#} KiB"),
        < 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{n / 1048576.0:0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{n / 1073741824.0:0.##} GiB"),
    };

    private void Report()
    {
        var s = Summary;
        var rate = s.CopyTime.TotalSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" at {s.Bytes / 1048576.0 / s.CopyTime.TotalSeconds:0.#} MiB/s") : "";
        var copied = Options.DryRun
            ? $"{s.WouldCopy.Count} file(s) would be copied"
            : $"{s.Copied} file(s) copied ({Bytes(s.Bytes)}{rate})";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cu1: {copied}, {s.RegisteredInPlace} registered in place, {s.UpToDate} up to date, {s.Failed.Count} failed; "
            + $"{s.Waiting} listed but not at the source yet, {s.NightsNotReady} night(s) not released{(request.Watch ? $"; {s.Polls} poll(s)" : "")}"));
        foreach (var (file, error) in s.Failed)
            output.WriteLine($"  failed {file}: {error}");
        if (s.Failed.Count > 0)
            Incomplete = $"{s.Failed.Count} file(s) could not be transferred (listed above); the next run tries them again";
    }
}
