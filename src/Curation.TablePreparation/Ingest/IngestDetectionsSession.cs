using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Fits;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Computations;
using Curation.TablePreparation.Preparation;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Ingest;

/// <summary>
/// CU4 (<c>ingest-detections</c>): ingests the source catalogues whose metadata CU3 ingested into their programme's
/// <c>{prog}Detection</c> table, one row per catalogue row, each tied to its detector frame (<c>Multiframe</c>,
/// <c>MultiframeDetector</c>) and every value as the template's tags say. Catalogues are read and their rows prepared
/// on several threads, a few files ahead, while this thread writes them, one file at a time, through the bulk loader:
/// each file is one unit, all its rows or none. A rejected file is recorded and the run goes on; an unchanged file
/// ingested before is skipped; a changed one (or any, with <see cref="IngestRequest.Reingest"/>) has its rows replaced.
/// </summary>
public sealed class IngestDetectionsSession(CuSessionOptions options, SchemaModel scripts, IngestRequest request, TextWriter output)
    : IngestSession(4, options, request)
{
    private SchemaModel layout = new();
    private Dictionary<int, Programme> programmes = [];

    /// <summary>Files prepared at once, beside the one being written (at least 1).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Rows per batch read and handed from a preparing thread to the writer. Small on purpose: a row is some 90
    /// objects (its boxed values), and rows still waiting for the writer when the garbage collector runs are copied
    /// into the older generations; with batches of 20,000 that was nearly every row, and the collector took half of
    /// CU4's time (tools/bench-ingest).</summary>
    public int BatchRows { get; init; } = 256;

    /// <inheritdoc />
    protected override bool Detections => true;

    /// <inheritdoc />
    protected override void Work()
    {
        layout = ArchiveInitializer.RegisteredLayout(Database.Connection, Database.Transaction, Database.Dialect, scripts);
        programmes = Programme.All(Database).ToDictionary(p => p.Id);
        var jobs = new List<Job>();
        foreach (var file in FilesToIngest())
        {
            if (Plan(file) is { } job)
                jobs.Add(job);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var producers = StartPreparing(jobs, stop.Token);
        try
        {
            foreach (var job in jobs)
                Write(job);
        }
        finally
        {
            stop.Cancel();
            foreach (var job in jobs)
                Drain(job);
            try
            {
                producers.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // each job's error has been reported through its channel
            }
        }

        var rejected = Summary.Rejected.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cu4: {Summary.Ingested} catalogue(s) ingested, {Summary.Rows} detection(s), {Summary.Skipped} skipped, {rejected} rejected; "
            + $"{Summary.Problems} value problem(s), {Summary.Missing} missing value(s) left at their default"));
        foreach (var (programme, rows) in Summary.ByProgramme)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {programme,-8} {rows,10} detection(s)"));
        foreach (var (file, reason) in Summary.Rejected)
            output.WriteLine($"  rejected {file}: {reason}");
        if (rejected > 0)
            Incomplete = $"{rejected} catalogue(s) were rejected (listed above and by 'curate status'); fix them and rerun";
    }

    private List<ArchivedFileRow> FilesToIngest()
    {
        if (Request.Files.Count > 0)
            return RegisterRequested();
        var waiting = ArchivedFiles.InState(Database, "detectionState", IngestState.Pending).Where(f => f.FileType == "catalogue");
        if (Request.Programme is null)
            return [.. waiting];
        var programme = Programme.Find(Database, Request.Programme);
        RecordProgramme(programme.Id);
        var catalogues = Database.Query<string>($"SELECT catName FROM {Database.Name("Multiframe")} WHERE programmeID = {SqlDialect.Parameter("p")}", new { p = programme.Id })
            .Select(c => c.TrimEnd()).ToHashSet(StringComparer.Ordinal);
        return [.. waiting.Where(f => catalogues.Contains(f.FileName))];
    }

    /// <summary>Decides where a catalogue's rows go, or null (with the reason logged) when there is nothing to do now.</summary>
    private Job? Plan(ArchivedFileRow file)
    {
        if (!File.Exists(file.FileName))
        {
            Reject(file, file.FileName, "the file is registered but not on disk");
            return null;
        }

        Func<string, string> p = SqlDialect.Parameter;
        var multiframe = Database.QueryRows($"SELECT * FROM {Database.Name("Multiframe")} WHERE catName = {p("c")}", new { c = file.FileName }).FirstOrDefault();
        if (multiframe is null)
        {
            Log.Warn("Skipped {File}: no multiframe names it as its catalogue yet; run cu3 (ingest-metadata) on it or its image first", file.FileName);
            Summary.Skipped++;
            return null;
        }

        var mfTable = Table("Multiframe");
        var mf = new ParentRow(mfTable, Values(mfTable, multiframe));
        var multiframeId = Convert.ToInt64(multiframe["multiframeID"], CultureInfo.InvariantCulture);
        var programmeId = Convert.ToInt32(multiframe["programmeID"], CultureInfo.InvariantCulture);
        var programme = programmes.GetValueOrDefault(programmeId);
        if (programme is not { HasTables: true })
        {
            Log.Info("{File}: programme {Programme} has no detection table; nothing to ingest", file.FileName, programme?.ToString() ?? programmeId.ToString(CultureInfo.InvariantCulture));
            Unit($"marking {file.FileName} as having no detections to ingest",
                () => ArchivedFiles.SetState(Database, file.FileId, detections: true, IngestState.NotApplicable, CuEventId, CurationHistory.Now(), "its programme has no detection table"));
            Summary.Skipped++;
            return null;
        }

        var checksum = CurrentChecksum(file);
        var changed = checksum != file.Checksum;
        if (file.DetectionState == IngestState.Ingested && !changed && !Request.Reingest)
        {
            Log.Info("Skipped {File}: unchanged since its detections were ingested; --reingest ingests it again", file.FileName);
            Summary.Skipped++;
            return null;
        }

        var mdTable = Table("MultiframeDetector");
        var detectors = Database.QueryRows($"SELECT * FROM {Database.Name("MultiframeDetector")} WHERE multiframeID = {p("m")}", new { m = multiframeId })
            .ToDictionary(r => Convert.ToInt32(r["extNum"], CultureInfo.InvariantCulture), r => new ParentRow(mdTable, Values(mdTable, r)));
        var table = Table(programme.TablePrefix + "Detection");
        return new Job(file, checksum, changed, multiframeId, programme, table, mf, detectors, new FileProblems(file.FileName, Request.Strict));
    }

    private Task StartPreparing(List<Job> jobs, CancellationToken stop)
    {
        var slots = new SemaphoreSlim(Workers);
        return Task.Run(async () =>
        {
            var running = new List<Task>();
            foreach (var job in jobs)
            {
                // Started in the writer's order, so the file being written always holds a slot.
                await slots.WaitAsync(stop).ConfigureAwait(false);
                running.Add(Task.Run(() =>
                {
                    try
                    {
                        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop, job.Abandon.Token);
                        Prepare(job, abandon.Token);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }, CancellationToken.None);
    }

    /// <summary>Reads a catalogue and hands its prepared rows to the writer, batch by batch (on a preparing thread).</summary>
    private void Prepare(Job job, CancellationToken stop)
    {
        var writer = job.Batches.Writer;
        try
        {
            using var fits = FitsFile.Open(job.File.FileName);
            if (fits.Truncation is { } truncated)
                throw new IngestRejectedException(truncated.Message);
            foreach (var hdu in fits.Hdus.Where(h => h.Kind == HduKind.BinaryTable))
            {
                var extNum = hdu.Index + 1;
                if (!job.Detectors.TryGetValue(extNum, out var detector))
                {
                    throw new IngestRejectedException($"{job.File.FileName} HDU {hdu.Index}: multiframe {job.MultiframeId} has no detector frame with extNum {extNum} "
                        + "(its image has fewer extensions than the catalogue has tables); ingest the matching image with cu3");
                }

                var wcs = Wcs.FromCatalogueTable(hdu, out var wcsProblem);
                var context = new IngestContext
                {
                    FileName = job.File.FileName, Problems = job.Problems, Hdu = hdu.Index, TableWcs = wcs, TableWcsProblem = wcsProblem,
                    Parents = new Dictionary<string, ParentRow>(StringComparer.OrdinalIgnoreCase) { ["Multiframe"] = job.Multiframe, ["MultiframeDetector"] = detector },
                };
                var plan = RowPlan.Create(job.Table, new HeaderSources(hdu, hdu), context, new Dictionary<string, object?>
                {
                    ["multiframeID"] = job.MultiframeId, ["extNum"] = (byte)extNum, ["cuEventID"] = CuEventId,
                }, hdu);
                var reader = hdu.OpenTable(plan.TableColumnsRead);
                plan.MapChunkColumns(reader);
                var clock = Stopwatch.StartNew();
                foreach (var chunk in reader.ReadChunks(BatchRows))
                {
                    job.Timing.Read += clock.Elapsed;
                    clock.Restart();
                    var rows = new object?[chunk.RowCount][];
                    for (var r = 0; r < rows.Length; r++)
                        rows[r] = plan.Row(chunk, r);
                    job.Timing.Prepare += clock.Elapsed;
                    clock.Restart();
                    if (!writer.WaitToWriteAsync(stop).AsTask().GetAwaiter().GetResult())
                        return;
                    writer.TryWrite(new Batch(rows));
                    job.Timing.WaitForWriter += clock.Elapsed;
                    clock.Restart();
                }

                job.Timing.Read += clock.Elapsed;
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    /// <summary>Writes one catalogue's rows as one unit (on the session's thread).</summary>
    private void Write(Job job)
    {
        var reader = job.Batches.Reader;
        long rows = 0;
        try
        {
            Unit($"ingesting {job.File.FileName} into {job.Table.Name}", () =>
            {
                if (job.Changed)
                    ArchivedFiles.SetChecksum(Database, job.File.FileId, job.Checksum, new FileInfo(job.File.FileName).Length);
                var deleted = Database.Execute($"DELETE FROM {Database.Name(job.Table.Name)} WHERE multiframeID = {SqlDialect.Parameter("m")}", new { m = job.MultiframeId });
                if (deleted > 0)
                    Log.Info("{File}: {Rows} detection(s) ingested before deleted, to be replaced", job.File.FileName, deleted);
                using var loader = Database.Load(job.Table);
                var clock = Stopwatch.StartNew();
                while (reader.WaitToReadAsync(Cancellation).AsTask().GetAwaiter().GetResult())
                {
                    job.Timing.WaitForRows += clock.Elapsed;
                    clock.Restart();
                    while (reader.TryRead(out var batch))
                    {
                        foreach (var row in batch.Rows)
                            loader.AddRow(row);
                    }

                    job.Timing.Load += clock.Elapsed;
                    clock.Restart();
                }

                job.Timing.WaitForRows += clock.Elapsed;
                clock.Restart();
                rows = loader.Complete();
                job.Timing.Complete = clock.Elapsed;
                RecordProgramme(job.Programme.Id);
                ArchivedFiles.SetState(Database, job.File.FileId, detections: true, IngestState.Ingested, CuEventId, CurationHistory.Now());
            });
        }
        catch (Exception e) when (Unwrap(e) is IngestRejectedException or FitsException or CurationDatabaseException or IOException)
        {
            job.Abandon.Cancel(); // its preparing thread stops, and frees its slot for the files after it
            Drain(job);
            Reject(job.File, job.File.FileName, Unwrap(e).Message);
            return;
        }

        Summary.Report(job.Problems, Log);
        Summary.Ingested++;
        Summary.Rows += rows;
        Summary.ByProgramme[job.Programme.Acronym] = Summary.ByProgramme.GetValueOrDefault(job.Programme.Acronym) + rows;
        Log.Info("Ingested {File}: {Rows} detection(s) into {Table} (multiframe {Multiframe})", job.File.FileName, rows, job.Table.Name, job.MultiframeId);
        var t = job.Timing;
        Log.Debug("{File}: read {Read:F2} s, prepared {Prepare:F2} s, waited for the writer {WaitForWriter:F2} s; "
            + "the writer waited for rows {WaitForRows:F2} s, loaded {Load:F2} s, completed {Complete:F2} s",
            job.File.FileName, t.Read.TotalSeconds, t.Prepare.TotalSeconds, t.WaitForWriter.TotalSeconds,
            t.WaitForRows.TotalSeconds, t.Load.TotalSeconds, t.Complete.TotalSeconds);
    }

    private static Exception Unwrap(Exception e) => e is ChannelClosedException { InnerException: { } inner } ? inner : e;

    private static void Drain(Job job)
    {
        while (job.Batches.Reader.TryRead(out _))
        {
        }
    }

    private TableDef Table(string name) =>
        layout.Table(name) ?? throw new CurationInputException($"the archive has no table {name}; rerun 'curate init' to create the programme's tables");

    private static object?[] Values(TableDef table, IReadOnlyDictionary<string, object?> row) =>
        [.. table.Columns.Where(c => !c.IsComputed).Select(c => row.TryGetValue(c.Name, out var v) ? v : null)];

    private sealed record Batch(object?[][] Rows);

    /// <summary>Where one catalogue's time went, for the debug log: its preparing thread's and the writer's.</summary>
    private sealed class Timing
    {
        public TimeSpan Read { get; set; }

        public TimeSpan Prepare { get; set; }

        public TimeSpan WaitForWriter { get; set; }

        public TimeSpan WaitForRows { get; set; }

        public TimeSpan Load { get; set; }

        public TimeSpan Complete { get; set; }
    }

    private sealed record Job(ArchivedFileRow File, string Checksum, bool Changed, long MultiframeId, Programme Programme, TableDef Table,
        ParentRow Multiframe, IReadOnlyDictionary<int, ParentRow> Detectors, FileProblems Problems)
    {
        public Channel<Batch> Batches { get; } = Channel.CreateBounded<Batch>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });

        /// <summary>Cancelled when the writer gives the file up, so that its preparing thread stops.</summary>
        public CancellationTokenSource Abandon { get; } = new();

        /// <summary>Where its time went (each part written by one thread only).</summary>
        public Timing Timing { get; } = new();
    }
}
