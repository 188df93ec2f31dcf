using System.Globalization;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Fits;
using Curation.Fits.Headers;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Computations;
using Curation.TablePreparation.Preparation;
using Curation.TablePreparation.Programmes;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Ingest;

/// <summary>What CU3 and CU4 are asked to ingest, and how strictly.</summary>
public sealed record IngestRequest
{
    /// <summary>The files to ingest (registered first if they are not); empty for every file waiting for the task.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>A problem with a value rejects its file instead of the value taking its default.</summary>
    public bool Strict { get; init; }

    /// <summary>Ingest the files again even when they are unchanged since they were ingested.</summary>
    public bool Reingest { get; init; }

    /// <summary>CU3: the programme (ID, acronym or table prefix) for files whose PROJECT keyword names none, or null to leave them unassigned.</summary>
    public string? AssignProgramme { get; init; }

    /// <summary>CU4: only the waiting catalogues of this programme (ID, acronym or table prefix), or null for every programme's.</summary>
    public string? Programme { get; init; }

    /// <summary>Reads the paths listed in a file, one per line (blank lines and <c>#</c> comments skipped), relative
    /// paths taken from the list's directory.</summary>
    public static IReadOnlyList<string> ReadList(string listFile)
    {
        ArgumentNullException.ThrowIfNull(listFile);
        if (!File.Exists(listFile))
            throw new CurationInputException($"list file {listFile} does not exist");
        var dir = Path.GetDirectoryName(Path.GetFullPath(listFile))!;
        return [.. File.ReadLines(listFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => Path.GetFullPath(l, dir))];
    }
}

/// <summary>What one ingest run did, for its summary.</summary>
public sealed class IngestSummary
{
    /// <summary>Files ingested.</summary>
    public int Ingested { get; set; }

    /// <summary>Files skipped: unchanged since they were ingested, or nothing to do for the task.</summary>
    public int Skipped { get; set; }

    /// <summary>Files rejected, with the reason.</summary>
    public List<(string File, string Reason)> Rejected { get; } = [];

    /// <summary>Detector frames (CU3) or detections (CU4) ingested.</summary>
    public long Rows { get; set; }

    /// <summary>Values reported as problems (wrong type, not allowed), in all files.</summary>
    public long Problems { get; set; }

    /// <summary>Values left at their default because their keyword or column was missing, in all files.</summary>
    public long Missing { get; set; }

    /// <summary>Rows by programme (acronym), for CU4.</summary>
    public SortedDictionary<string, long> ByProgramme { get; } = new(StringComparer.Ordinal);

    /// <summary>Logs a file's problems (listed ones as warnings, missing values as one debug line) and counts them.</summary>
    public void Report(FileProblems problems, NLog.Logger log)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var p in problems.Problems)
            log.Warn("{Problem}", p.ToString());
        foreach (var (first, count) in problems.RowProblems)
            log.Warn("{Problem}{More}", first.ToString(), count > 1 ? $" (and {count - 1} more rows)" : "");
        if (problems.MissingCount > 0)
        {
            log.Debug("{File}: {Count} value(s) missing, defaults used: {List}", problems.File, problems.MissingCount,
                string.Join("; ", problems.Missing.Select(kv => $"{kv.Key} x{kv.Value}")));
        }

        Problems += problems.Problems.Count + problems.RowProblems.Sum(p => p.Count);
        Missing += problems.MissingCount;
    }
}

/// <summary>
/// CU3 (<c>ingest-metadata</c>): ingests the headers of each new file into <c>Multiframe</c> (one row per file),
/// <c>MultiframeDetector</c> and <c>CurrentAstrometry</c> (one row per image extension, with the keywords of the
/// matching extension of the file's catalogue), <c>ProgrammeFrame</c>, <c>HeaderCard</c> (every card of every HDU)
/// and <c>Provenance</c> (the components of combined frames), every value as the schema scripts' tags say. Each file
/// is one unit: all its rows or none. A file that cannot be ingested is marked rejected with its reason and the run
/// goes on; a file ingested before is skipped unless its checksum changed (or <see cref="IngestRequest.Reingest"/>),
/// in which case its rows are replaced.
/// </summary>
public sealed class IngestMetadataSession(CuSessionOptions options, SchemaModel scripts, IngestRequest request, TextWriter output)
    : IngestSession(3, options, request)
{
    private SchemaModel layout = new();
    private ProgrammeIdentifier programmes = new([]);
    private IReadOnlyList<FilterEntry> filters = [];
    private IReadOnlyList<TableDef> detectionTables = [];
    private Programme? assigned;

    /// <inheritdoc />
    protected override bool Detections => false;

    /// <inheritdoc />
    protected override void Work()
    {
        layout = ArchiveInitializer.RegisteredLayout(Database.Connection, Database.Transaction, Database.Dialect, scripts);
        programmes = new ProgrammeIdentifier(Database.Table("Programme").Rows.Select(r => new ProgrammeEntry(
            r.Get<int>("programmeID"), r.Get<string>("acronym").TrimEnd(), r.Get<string>("dfsIDString").TrimEnd(), r.Get<int>("isNonSurvey") != 0)));
        filters = [.. Database.Table("Filter").Rows.Select(r => new FilterEntry(r.Get<int>("filterID"), r.Get<string>("shortName").TrimEnd()))];
        if (Request.AssignProgramme is { } assign)
            assigned = Programme.Find(Database, assign);
        detectionTables = [.. Programme.All(Database).Where(p => p.HasTables)
            .Select(p => layout.Table(p.TablePrefix + "Detection")).OfType<TableDef>()];

        foreach (var file in FilesToIngest())
        {
            Cancellation.ThrowIfCancellationRequested();
            IngestOne(file);
        }

        var filled = 0;
        Unit("completing the provenance of combined frames", () => filled = Provenance.Fill(Database, CuEventId));
        if (filled > 0)
            Log.Info("Provenance completed: {Rows} component(s) of combined frames ingested earlier", filled);

        var rejected = Summary.Rejected.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cu3: {Summary.Ingested} file(s) ingested ({Summary.Rows} detector frame(s)), {Summary.Skipped} skipped, {rejected} rejected; "
            + $"{Summary.Problems} value problem(s), {Summary.Missing} missing value(s) left at their default"));
        foreach (var (file, reason) in Summary.Rejected)
            output.WriteLine($"  rejected {file}: {reason}");
        if (rejected > 0)
            Incomplete = $"{rejected} file(s) were rejected (listed above and by 'curate status'); fix them and rerun";
    }

    /// <summary>The files of this run: those asked for (registered now if new), else every file waiting for CU3; images before catalogues.</summary>
    private List<ArchivedFileRow> FilesToIngest()
    {
        var files = Request.Files.Count == 0 ? [.. ArchivedFiles.InState(Database, "metadataState", IngestState.Pending)] : RegisterRequested();
        return [.. files.OrderBy(f => f.FileType == "catalogue" ? 1 : 0).ThenBy(f => f.FileName, StringComparer.Ordinal)];
    }

    private void IngestOne(ArchivedFileRow listed)
    {
        var file = ArchivedFiles.Find(Database, listed.FileId) ?? listed; // its state may have changed earlier in this run
        if (!File.Exists(file.FileName))
        {
            Reject(file, file.FileName, "the file is registered but not on disk");
            return;
        }

        var checksum = CurrentChecksum(file);
        var changed = checksum != file.Checksum;
        if (file.MetadataState is IngestState.Ingested or IngestState.NotApplicable && !changed && !Request.Reingest)
        {
            Log.Info("Skipped {File}: unchanged since it was ingested (checksum {Checksum}); --reingest ingests it again", file.FileName, checksum[..12]);
            Summary.Skipped++;
            return;
        }

        try
        {
            Unit($"ingesting the metadata of {file.FileName}", () =>
            {
                if (changed)
                {
                    Log.Info("{File} changed since it was registered: its rows are replaced", file.FileName);
                    ArchivedFiles.SetChecksum(Database, file.FileId, checksum, new FileInfo(file.FileName).Length);
                }

                IngestFile(file);
            });
        }
        catch (Exception e) when (e is IngestRejectedException or FitsException or CurationDatabaseException or IOException)
        {
            Reject(file, file.FileName, e.Message);
        }
    }

    private void IngestFile(ArchivedFileRow file)
    {
        using var fits = FitsFile.Open(file.FileName);
        var now = CurationHistory.Now();
        if (fits.Truncation is { } truncated)
            throw new IngestRejectedException(truncated.Message);
        var standaloneCatalogue = false;
        if (file.FileType == "catalogue")
        {
            var image = PairedImage(file);
            if (image is not null)
            {
                Log.Info("{File}: a catalogue; its metadata is ingested with its image {Image}", file.FileName, image.FileName);
                ArchivedFiles.SetState(Database, file.FileId, detections: false, IngestState.NotApplicable, CuEventId, now);
                Summary.Skipped++;
                return;
            }

            standaloneCatalogue = true;
        }

        var problems = new FileProblems(file.FileName, Request.Strict);
        var existing = Database.Scalar<long?>($"SELECT multiframeID FROM {Database.Name("Multiframe")} WHERE fileID = {SqlDialect.Parameter("f")}", new { f = file.FileId });
        if (existing is { } old)
            DeleteMultiframe(old);
        var multiframeId = existing ?? Database.Scalar<long>($"SELECT COALESCE(MAX(multiframeID), 0) + 1 FROM {Database.Name("Multiframe")}");

        var (catalogueRow, catalogue) = standaloneCatalogue ? (file, null) : OpenCatalogue(file);
        var catalogueWasAlone = false;
        if (!standaloneCatalogue && catalogueRow is not null
            && Database.Scalar<long?>($"SELECT multiframeID FROM {Database.Name("Multiframe")} WHERE fileID = {SqlDialect.Parameter("f")}", new { f = catalogueRow.FileId }) is { } alone)
        {
            // The catalogue arrived (and was ingested as its own multiframe) before its image: the image's multiframe replaces that one.
            Log.Info("{Catalogue} was ingested on its own before its image {File} arrived: its multiframe {Multiframe} is replaced by the image's",
                catalogueRow.FileName, file.FileName, alone);
            DeleteMultiframe(alone);
            catalogueWasAlone = true;
        }

        using (catalogue)
        {
            var mfTable = Table("Multiframe");
            var mfContext = Context(file, problems, 0, null, null);
            var multiframe = RowPlan.Create(mfTable, new HeaderSources(fits.Hdus[0]), mfContext, new Dictionary<string, object?>
            {
                ["multiframeID"] = multiframeId, ["cuEventID"] = CuEventId, ["fileID"] = file.FileId, ["fileName"] = file.FileName,
                ["catName"] = catalogueRow?.FileName ?? "NONE",
            });
            var mfValues = multiframe.Row();
            var programmeIndex = multiframe.Columns.ToList().FindIndex(c => c.Name.Equals("programmeID", StringComparison.OrdinalIgnoreCase));
            if (assigned is not null && programmeIndex >= 0 && Convert.ToInt32(mfValues[programmeIndex], CultureInfo.InvariantCulture) == -99)
            {
                mfValues[programmeIndex] = assigned.Id;
                Log.Info("{File}: its PROJECT names no programme; assigned to {Programme} (--assign-programme)", file.FileName, assigned);
            }

            RowWriter.Insert(Database, mfTable, multiframe.Columns, mfValues);
            var mfParent = new ParentRow(mfTable, mfValues);
            var programmeId = Convert.ToInt32(Value(mfParent, "programmeID"), CultureInfo.InvariantCulture);
            if (programmeId != -99)
            {
                RecordProgramme(programmeId);
                var pf = Table("ProgrammeFrame");
                var plan = RowPlan.Create(pf, new HeaderSources(fits.Hdus[0]), mfContext, new Dictionary<string, object?>
                {
                    ["programmeID"] = programmeId, ["multiframeID"] = multiframeId, ["cuEventID"] = CuEventId,
                });
                RowWriter.Insert(Database, pf, plan.Columns, plan.Row());
            }

            var detectors = standaloneCatalogue
                ? fits.Hdus.Where(h => h.Kind == HduKind.BinaryTable).ToList()
                : fits.Hdus.Where(h => h.Kind.IsImage() && h.Axes.Count >= 2 && h.PixelCount > 0).ToList();
            foreach (var hdu in detectors)
                IngestDetector(file, fits, hdu, catalogue, standaloneCatalogue, mfParent, problems);

            InsertHeaderCards(multiframeId, fits, problems);
            var components = Provenance.Record(Database, multiframeId, CuEventId, fits);
            if (components.Named > 0)
                Log.Info("{File}: a combined frame of {Named} component(s), {Found} of them ingested", file.FileName, components.Named, components.Found);

            if (catalogueRow is not null && !standaloneCatalogue)
            {
                ArchivedFiles.SetState(Database, catalogueRow.FileId, detections: false, IngestState.NotApplicable, CuEventId, now);
                // A frame ingested again may belong to another programme now (one registered since, or --assign-programme):
                // its catalogue goes back to CU4 whether CU4 ingested it or found no detection table for it.
                if ((existing is not null || catalogueWasAlone) && catalogueRow.DetectionState is IngestState.Ingested or IngestState.NotApplicable)
                    ArchivedFiles.SetState(Database, catalogueRow.FileId, detections: true, IngestState.Pending, CuEventId, now, catalogueWasAlone ? "its image arrived after it" : "its image was ingested again");
            }

            if (!standaloneCatalogue)
                ArchivedFiles.SetState(Database, file.FileId, detections: true, IngestState.NotApplicable, CuEventId, now);
            else if (existing is not null)
                ArchivedFiles.SetState(Database, file.FileId, detections: true, IngestState.Pending, CuEventId, now);
            ArchivedFiles.SetState(Database, file.FileId, detections: false, IngestState.Ingested, CuEventId, now);

            Summary.Report(problems, Log);
            Summary.Ingested++;
            Summary.Rows += detectors.Count;
            var programme = Database.Table("Programme").Find("programmeID", programmeId)?.Get<string>("acronym")?.TrimEnd() ?? programmeId.ToString(CultureInfo.InvariantCulture);
            Log.Info("Ingested {File}: multiframe {Multiframe}, {Detectors} detector frame(s), programme {Programme}{Catalogue}",
                file.FileName, multiframeId, detectors.Count, programme, catalogueRow is null || standaloneCatalogue ? "" : $", catalogue {catalogueRow.FileName}");
        }
    }

    private void IngestDetector(ArchivedFileRow file, FitsFile fits, FitsHdu hdu, FitsFile? catalogue, bool standaloneCatalogue, ParentRow mf, FileProblems problems)
    {
        var extNum = hdu.Index + 1;
        var table = standaloneCatalogue ? hdu : catalogue is not null && hdu.Index < catalogue.Hdus.Count && catalogue.Hdus[hdu.Index].Kind == HduKind.BinaryTable
            ? catalogue.Hdus[hdu.Index] : null;
        var given = new Dictionary<string, object?> { ["multiframeID"] = Value(mf, "multiframeID"), ["extNum"] = (byte)extNum, ["cuEventID"] = CuEventId };
        Wcs? wcs;
        string? wcsProblem;
        if (standaloneCatalogue)
        {
            // A catalogue without its image: the detector frame is the catalogue's table, whose size is the image's (NXOUT, NYOUT).
            given["axis1Length"] = hdu.Header.TryGetInt64("NXOUT", out var nx) ? (int)nx : null;
            given["axis2Length"] = hdu.Header.TryGetInt64("NYOUT", out var ny) ? (int)ny : null;
            foreach (var k in given.Where(k => k.Value is null).Select(k => k.Key).ToList())
                given.Remove(k);
            wcs = Wcs.FromCatalogueTable(hdu, out wcsProblem);
        }
        else
        {
            wcs = Wcs.FromHeader(hdu.Header, out wcsProblem);
        }

        var sources = new HeaderSources(hdu, table);
        var mdTable = Table("MultiframeDetector");
        var context = Context(file, problems, hdu.Index, wcs, wcsProblem, mf);
        var detector = RowPlan.Create(mdTable, sources, context, given);
        var mdValues = detector.Row();
        RowWriter.Insert(Database, mdTable, detector.Columns, mdValues);

        var caTable = Table("CurrentAstrometry");
        var astrometry = RowPlan.Create(caTable, sources, Context(file, problems, hdu.Index, wcs, wcsProblem, mf, new ParentRow(mdTable, mdValues)),
            new Dictionary<string, object?> { ["multiframeID"] = Value(mf, "multiframeID"), ["extNum"] = (byte)extNum, ["cuEventID"] = CuEventId });
        RowWriter.Insert(Database, caTable, astrometry.Columns, astrometry.Row());
        if (wcs is null)
            Log.Debug("{File} HDU {Hdu}: no celestial WCS ({Problem}); the frame's sky extent keeps its defaults", file.FileName, hdu.Index, wcsProblem);
    }

    private void InsertHeaderCards(long multiframeId, FitsFile fits, FileProblems problems)
    {
        var table = Table("HeaderCard");
        var columns = table.Columns.Where(c => !c.IsComputed).ToList();
        var length = columns.ToDictionary(c => c.Name, c => c.Type.Length ?? int.MaxValue, StringComparer.OrdinalIgnoreCase);
        var rows = new List<object?[]>();
        foreach (var hdu in fits.Hdus)
        {
            foreach (var card in hdu.Header)
            {
                var (value, type) = card.Value.Kind switch
                {
                    CardValueKind.String => (card.Value.TextValue ?? "", "S"),
                    CardValueKind.Text => (card.Value.TextValue ?? "", "X"),
                    CardValueKind.Logical => (card.Value.Logical ? "T" : "F", "L"),
                    CardValueKind.Integer => (card.Value.Raw.Trim(), "I"),
                    CardValueKind.Float => (card.Value.Raw.Trim(), "F"),
                    CardValueKind.Complex => (card.Value.Raw.Trim(), "C"),
                    _ => ("", "U"),
                };
                var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
                {
                    ["multiframeID"] = multiframeId, ["extNum"] = (byte)(hdu.Index + 1), ["cardNum"] = (short)card.Position, ["cuEventID"] = CuEventId,
                    ["keyword"] = card.Keyword, ["value"] = value, ["comment"] = card.Comment ?? "NONE", ["valueType"] = type,
                };
                foreach (var name in new[] { "keyword", "value", "comment" })
                {
                    var text = (string)values[name]!;
                    if (text.Length > length[name])
                    {
                        problems.Add(hdu.Index, card.Keyword, $"HeaderCard.{name}", $"the card's {name} is {text.Length} characters long; the first {length[name]} are kept");
                        values[name] = text[..length[name]];
                    }
                }

                rows.Add([.. columns.Select(c => values.TryGetValue(c.Name, out var v) ? v : ColumnValues.DefaultOf(c))]);
            }
        }

        RowWriter.Insert(Database, table, columns, rows);
    }

    /// <summary>Deletes a multiframe's rows from every table (for a file ingested again), children first.</summary>
    private void DeleteMultiframe(long multiframeId)
    {
        var m = SqlDialect.Parameter("m");
        foreach (var t in detectionTables)
            Database.Execute($"DELETE FROM {Database.Name(t.Name)} WHERE multiframeID = {m}", new { m = multiframeId });
        Database.Execute($"DELETE FROM {Database.Name("Provenance")} WHERE combinedframeID = {m} OR multiframeID = {m}", new { m = multiframeId });
        foreach (var t in new[] { "HeaderCard", "ProgrammeFrame", "CurrentAstrometry", "MultiframeDetector", "Multiframe" })
            Database.Execute($"DELETE FROM {Database.Name(t)} WHERE multiframeID = {m}", new { m = multiframeId });
        Log.Info("Multiframe {Multiframe}: its earlier rows deleted, to be ingested again", multiframeId);
    }

    /// <summary>The registered image a catalogue belongs to (same base name), or null.</summary>
    private ArchivedFileRow? PairedImage(ArchivedFileRow catalogue)
    {
        var dir = Path.GetDirectoryName(catalogue.FileName) ?? "";
        var baseName = ArchivedFiles.BaseName(catalogue.FileName);
        var like = Database.Query<long>($"SELECT fileID FROM {Database.Name("ArchivedFile")} WHERE fileType IN ('image', 'conf') AND fileName LIKE {SqlDialect.Parameter("p")}",
            new { p = Path.Combine(dir, baseName) + ".%" });
        return like.Select(id => ArchivedFiles.Find(Database, id)).FirstOrDefault(f => f is not null && ArchivedFiles.BaseName(f.FileName) == baseName);
    }

    /// <summary>The image's catalogue: registered, or found beside it on disk (and registered now).</summary>
    private (ArchivedFileRow? Row, FitsFile? File) OpenCatalogue(ArchivedFileRow image)
    {
        foreach (var candidate in ArchivedFiles.CatalogueCandidates(image.FileName))
        {
            var row = ArchivedFiles.Find(Database, candidate);
            if (row is null && File.Exists(candidate))
                row = ArchivedFiles.Register(Database, candidate, CuEventId, CurationHistory.Now());
            if (row is null)
                continue;
            try
            {
                return (row, FitsFile.Open(row.FileName));
            }
            catch (FitsException e)
            {
                throw new IngestRejectedException($"its catalogue {row.FileName} cannot be read: {e.Message}", e);
            }
        }

        return (null, null);
    }

    private IngestContext Context(ArchivedFileRow file, FileProblems problems, int hdu, Wcs? wcs, string? wcsProblem, params ParentRow[] parents) => new()
    {
        FileName = file.FileName, Problems = problems, Hdu = hdu, Programmes = programmes, Filters = filters,
        ImageWcs = wcs, ImageWcsProblem = wcsProblem, TableWcs = wcs, TableWcsProblem = wcsProblem,
        Parents = parents.ToDictionary(p => p.Table.Name, StringComparer.OrdinalIgnoreCase),
    };

    private TableDef Table(string name) =>
        layout.Table(name) ?? throw new CurationInputException($"the schema scripts define no table {name}; CU3 fills it");

    private static object? Value(ParentRow row, string column) => row.TryGet(column, out var v, out _) ? v : null;
}
