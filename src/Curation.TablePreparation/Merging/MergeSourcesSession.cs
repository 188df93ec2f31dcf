using System.Data;
using System.Diagnostics;
using System.Globalization;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Preparation;
using Dapper;

namespace Curation.TablePreparation.Merging;

/// <summary>What CU7 is asked to do beyond the programme.</summary>
public sealed record MergeRequest
{
    /// <summary>The pairing radius, arcsec; null for the programme's <c>Programme.pairingCriterion</c>.</summary>
    public double? RadiusArcsec { get; init; }

    /// <summary>How close frame centres must be to belong to one frame set, arcsec; null for a quarter of the frames'
    /// median height.</summary>
    public double? SetToleranceArcsec { get; init; }

    /// <summary>Merge every frame set again, changed or not.</summary>
    public bool Remerge { get; init; }

    /// <summary>Threads the matcher may use (null: the number of processors).</summary>
    public int? Threads { get; init; }
}

/// <summary>What a CU7 run did.</summary>
public sealed class MergeSummary
{
    /// <summary>Frame sets new this run.</summary>
    public int NewFrameSets { get; set; }

    /// <summary>Frame sets whose frames changed (a frame arrived, or superseded another).</summary>
    public int ChangedFrameSets { get; set; }

    /// <summary>Frame sets merged (new, changed, or with detections ingested again since).</summary>
    public int Merged { get; set; }

    /// <summary>Frame sets left as they were.</summary>
    public int Unchanged { get; set; }

    /// <summary>Frame sets whose frames are all gone (deprecated), deprecated in turn.</summary>
    public int Deprecated { get; set; }

    /// <summary>Sources written.</summary>
    public long Sources { get; set; }

    /// <summary>Detections merged into them.</summary>
    public long Detections { get; set; }
}

/// <summary>
/// CU7 (<c>merge-sources</c>): builds a programme's merged source catalogue. The detector frames of the filters
/// <c>RequiredFilters</c> lists are grouped into frame sets (<see cref="FrameSetPlanner"/>), recorded in
/// <c>{prog}MergeLog</c> (one unit); then each frame set that is new, changed, or whose detections were ingested again
/// since it was merged, is merged in a unit of its own: its detections paired across passbands
/// (<see cref="BandMerger"/>) and its sources in <c>{prog}Source</c> replaced by the new ones, filled as the table's
/// tags say (<see cref="SourceRowPlan"/>). A run stopped midway leaves the frame sets not yet merged marked
/// (<c>newFrameSet</c> 1), and the next run merges them.
/// </summary>
public sealed class MergeSourcesSession(CuSessionOptions options, SchemaModel scripts, MergeRequest request, TextWriter output)
    : ProgCuSession(7, options)
{
    /// <summary>The version of the merge recorded in <c>{prog}MergeLog.mergeSwVersion</c>.</summary>
    public const float SoftwareVersion = 1.0f;

    /// <summary>The largest number of sources a frame set may hold: a source's ID is its frame set's times 10^6 plus its number.</summary>
    public const int MaxSourcesPerFrameSet = 999_999;

    /// <summary>What the run did.</summary>
    public MergeSummary Summary { get; } = new();

    /// <inheritdoc />
    protected override void Work()
    {
        if (!Programme.HasTables)
            throw new CuRefusedException($"programme {Programme} has no tables of its own (tablePrefix NONE): nothing to merge");
        layout = ArchiveInitializer.RegisteredLayout(Database.Connection, Database.Transaction, Database.Dialect, scripts);
        var prefix = Programme.TablePrefix;
        var detectionTable = prefix + "Detection";
        var sourceTable = Table(layout, prefix + "Source");
        var mergeLog = Table(layout, prefix + "MergeLog");
        var bands = RequiredBands(mergeLog);
        if (bands.Count == 0)
        {
            output.WriteLine($"cu7: {Programme} has no RequiredFilters rows; nothing to merge");
            return;
        }

        var radiusArcsec = request.RadiusArcsec ?? Database.Scalar<double>(
            $"SELECT pairingCriterion FROM {Database.Name("Programme")} WHERE programmeID = {SqlDialect.Parameter("p")}", new { p = Programme.Id });
        if (!(radiusArcsec > 0) || radiusArcsec > 3600)
        {
            throw new CuRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"the pairing radius of {Programme} is {radiusArcsec} arcsec (Programme.pairingCriterion); set it, or give --radius"));
        }

        var filters = Database.Table("Filter").Rows.Select(r => r.Get<string>("shortName").Trim().ToLowerInvariant()).Where(s => s.Length > 0 && s != "none");
        var plan = SourceRowPlan.Create(sourceTable, detectionTable, [.. bands.Select(b => b.Prefix)], filters);
        Log.Debug("{Plan}", plan);

        var frames = CandidateFrames(bands);
        var stored = StoredFrameSets(mergeLog, bands);
        var toleranceDeg = request.SetToleranceArcsec / 3600 ?? FrameSetPlanner.DefaultToleranceDeg(frames);
        var sets = FrameSetPlanner.Plan(frames, [.. bands.Select(b => b.FilterId)], toleranceDeg, stored);
        Log.Info("{Programme}: {Frames} detector frame(s) in {Bands} ({Filters}), {Sets} frame set(s) within {Tolerance:F1} arcsec; pairing radius {Radius} arcsec",
            Programme, frames.Count, bands.Count, string.Join(" ", bands.Select(b => b.ShortName)), sets.Count, toleranceDeg * 3600, radiusArcsec);

        var due = RecordFrameSets(mergeLog, bands, sets, stored);
        foreach (var (id, set) in due)
            Merge(id, set, bands, plan, sourceTable, radiusArcsec / 3600);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cu7: {Programme}: {sets.Count} frame set(s) ({Summary.NewFrameSets} new, {Summary.ChangedFrameSets} changed, {Summary.Unchanged} unchanged, "
            + $"{Summary.Deprecated} deprecated); {Summary.Merged} merged into {Summary.Sources} source(s) from {Summary.Detections} detection(s)"));
    }

    /// <summary>The programme's required filters, with their prefixes, in filter ID order.</summary>
    private List<Band> RequiredBands(TableDef mergeLog)
    {
        var filters = Database.Table("Filter");
        var bands = new List<Band>();
        foreach (var row in Database.QueryRows(
            $"SELECT filterID, nPass FROM {Database.Name("RequiredFilters")} WHERE programmeID = {SqlDialect.Parameter("p")} ORDER BY filterID", new { p = Programme.Id }))
        {
            var id = Convert.ToInt32(row["filterID"], CultureInfo.InvariantCulture);
            var shortName = filters.Find("filterID", id)?.Get<string>("shortName").Trim()
                ?? throw new CurationInputException($"RequiredFilters names filter {id} for {Programme}, which the Filter table does not have");
            var p = shortName.ToLowerInvariant();
            string Slot(string name) => mergeLog.Column(name)?.Name
                ?? throw new CurationInputException($"{mergeLog.Name} has no column {name} for filter {shortName}, which RequiredFilters lists for {Programme}; "
                    + "add the filter's columns to the template (ProgrammeTemplate.sql)");
            if (Convert.ToInt32(row["nPass"], CultureInfo.InvariantCulture) > 1)
                Log.Warn("RequiredFilters asks {Passes} passes in {Filter} for {Programme}; {Table} has one frame per filter, so one pass is merged", row["nPass"], shortName, Programme, mergeLog.Name);
            bands.Add(new Band(id, shortName, p, Slot(p + "mfID"), Slot(p + "eNum"), Slot("new" + p + "frame")));
        }

        return bands;
    }

    private List<CandidateFrame> CandidateFrames(List<Band> bands)
    {
        var n = Database.Name;
        var sql = $"""
            SELECT d.multiframeID AS mf, d.extNum AS ext, d.filterID AS filter, a.centralRA AS ra, a.centralDec AS dec,
                   a.minDec AS minDec, a.maxDec AS maxDec, m.frameType AS frameType, m.mjdObs AS mjd, f.detectionEventID AS event
            FROM {n("Multiframe")} m
            JOIN {n("MultiframeDetector")} d ON d.multiframeID = m.multiframeID
            JOIN {n("CurrentAstrometry")} a ON a.multiframeID = d.multiframeID AND a.extNum = d.extNum
            JOIN {n("ArchivedFile")} f ON f.fileName = m.catName
            WHERE m.programmeID = {SqlDialect.Parameter("p")} AND m.deprecated = 0 AND d.deprecated = 0
              AND f.detectionState = 1 AND f.deprecated = 0
              AND d.filterID IN ({string.Join(", ", bands.Select(b => b.FilterId.ToString(CultureInfo.InvariantCulture)))})
              AND NOT EXISTS (SELECT 1 FROM {n("Provenance")} p WHERE p.multiframeID = m.multiframeID)
            """;
        var frames = new List<CandidateFrame>();
        foreach (var r in Database.QueryRows(sql, new { p = Programme.Id }))
        {
            var type = (r["frameType"] as string ?? "").Trim().ToLowerInvariant();
            if (type.EndsWith("conf", StringComparison.Ordinal))
                continue;
            double D(string c) => ColumnValues.NumberOf(r[c]) ?? double.NaN;
            var height = D("maxDec") - D("minDec");
            frames.Add(new CandidateFrame(Convert.ToInt64(r["mf"], CultureInfo.InvariantCulture), Convert.ToInt32(r["ext"], CultureInfo.InvariantCulture),
                Convert.ToInt32(r["filter"], CultureInfo.InvariantCulture), D("ra"), D("dec"), height is > 0 and < 10 ? height : 0,
                type.Contains("stack", StringComparison.Ordinal), D("mjd"), Convert.ToInt32(r["event"], CultureInfo.InvariantCulture)));
        }

        return frames;
    }

    private List<StoredFrameSet> StoredFrameSets(TableDef mergeLog, List<Band> bands)
    {
        var slots = string.Join(", ", bands.Select(b => $"{b.MfColumn}, {b.ENumColumn}"));
        var sets = new List<StoredFrameSet>();
        foreach (var r in Database.QueryRows($"SELECT frameSetID, cuEventID, newFrameSet, {slots} FROM {Database.Name(mergeLog.Name)} WHERE deprecated = 0"))
        {
            var held = new Dictionary<int, (long, int)>();
            foreach (var b in bands)
            {
                var mf = Convert.ToInt64(r[b.MfColumn], CultureInfo.InvariantCulture);
                if (mf > 0)
                    held[b.FilterId] = (mf, Convert.ToInt32(r[b.ENumColumn], CultureInfo.InvariantCulture));
            }

            sets.Add(new StoredFrameSet(Convert.ToInt64(r["frameSetID"], CultureInfo.InvariantCulture), Convert.ToInt32(r["cuEventID"], CultureInfo.InvariantCulture),
                held, Convert.ToInt32(r["newFrameSet"], CultureInfo.InvariantCulture) != 0));
        }

        return sets;
    }

    /// <summary>Records new and changed frame sets (marked to merge) and deprecates vanished ones, in one unit; returns
    /// the frame sets to merge, by ID.</summary>
    private List<(long Id, PlannedFrameSet Set)> RecordFrameSets(TableDef mergeLog, List<Band> bands, List<PlannedFrameSet> sets, List<StoredFrameSet> stored)
    {
        var p = SqlDialect.Parameter;
        var nextId = Math.Max(Database.Scalar<long?>($"SELECT MAX(frameSetID) FROM {Database.Name(mergeLog.Name)}") ?? 0, FrameSetBase) + 1;
        if (nextId > FrameSetBase + 99_999_999)
            throw new CurationInputException($"{mergeLog.Name} has used all the frame set IDs of {Programme}");
        var writes = new List<(long Id, PlannedFrameSet Set, HashSet<int> NewSlots)>();
        var due = new List<(long, PlannedFrameSet)>();
        foreach (var set in sets)
        {
            var changed = new HashSet<int>(set.Slots.Where(s => set.Stored is null || !set.Stored.Slots.TryGetValue(s.Key, out var k) || k != s.Value.Key).Select(s => s.Key));
            changed.UnionWith(set.Stored?.Slots.Keys.Where(f => !set.Slots.ContainsKey(f)) ?? []);
            var id = set.Stored?.FrameSetId ?? nextId++;
            if (set.Stored is null)
                Summary.NewFrameSets++;
            else if (changed.Count > 0)
                Summary.ChangedFrameSets++;
            if (set.Stored is null || changed.Count > 0)
            {
                writes.Add((id, set, changed));
                due.Add((id, set));
            }
            else if (set.Stored.NewFrameSet || request.Remerge || set.Slots.Values.Any(f => f.DetectionEventId > set.Stored.CuEventId))
            {
                due.Add((id, set));
            }
            else
            {
                Summary.Unchanged++;
            }
        }

        var claimed = sets.Where(s => s.Stored is not null).Select(s => s.Stored!.FrameSetId).ToHashSet();
        var vanished = stored.Where(s => !claimed.Contains(s.FrameSetId)).ToList();
        if (writes.Count == 0 && vanished.Count == 0)
            return due;

        Unit($"recording {writes.Count} new or changed frame set(s) in {mergeLog.Name}", () =>
        {
            var columns = mergeLog.Columns.Where(c => !c.IsComputed).ToList();
            var defaults = columns.Select(ColumnValues.DefaultOf).ToArray();

            // The centre's derived columns (cx, cy, cz, htmID) as the template's tags say, from ra and dec.
            var derived = OwnColumnComputations.Bind(mergeLog, columns, defaults, columns
                .Select((c, i) => (Index: i, Column: c, Inputs: c.Tags.Get('Q') is { Length: > 0 } q ? Schema.SourceTagGrammar.ParseComputed(q).Inputs : null))
                .Where(x => x.Inputs is not null && OwnColumnComputations.AreOwn(mergeLog, x.Inputs))
                .Select(x => (x.Index, x.Column, x.Inputs!)));

            // A changed frame set is updated in place: its sources refer to it until it is merged again.
            var update = $"UPDATE {Database.Name(mergeLog.Name)} SET "
                + string.Join(", ", columns.Select((c, i) => (c, i)).Where(x => !x.c.Name.Equals("frameSetID", StringComparison.OrdinalIgnoreCase))
                    .Select(x => $"{x.c.Name} = {SqlDialect.Parameter("v" + x.i.ToString(CultureInfo.InvariantCulture))}"))
                + $" WHERE frameSetID = {SqlDialect.Parameter("id")}";
            foreach (var (id, set, newSlots) in writes.Where(w => w.Set.Stored is not null))
            {
                var row = MergeLogRow(columns, defaults, derived, bands, id, set, newSlots);
                var parameters = new DynamicParameters();
                parameters.Add("id", id);
                for (var i = 0; i < row.Length; i++)
                    parameters.Add("v" + i.ToString(CultureInfo.InvariantCulture), row[i]);
                Database.Execute(update, parameters);
            }

            using (var loader = Database.Load(mergeLog))
            {
                foreach (var (id, set, newSlots) in writes.Where(w => w.Set.Stored is null))
                    loader.AddRow(MergeLogRow(columns, defaults, derived, bands, id, set, newSlots));
                loader.Complete();
            }

            foreach (var gone in vanished)
            {
                DeleteSources(gone.FrameSetId);
                Database.Execute($"UPDATE {Database.Name(mergeLog.Name)} SET deprecated = 1, newFrameSet = 0 WHERE frameSetID = {p("id")}", new { id = gone.FrameSetId });
                Log.Info("Frame set {FrameSet} deprecated: none of its frames can be merged any longer; its sources were deleted", gone.FrameSetId);
            }

            RecordProgramme(Programme.Id);
        });
        Summary.Deprecated = vanished.Count;
        return due;
    }

    private long FrameSetBase => Programme.Id * 100_000_000L;

    private object?[] MergeLogRow(List<ColumnDef> columns, object?[] defaults, OwnColumnComputations derived, List<Band> bands, long id, PlannedFrameSet set, HashSet<int> newSlots)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["frameSetID"] = id,
            ["cuEventID"] = set.Stored?.CuEventId ?? CuEventId,
            ["mergeSwVersion"] = SoftwareVersion,
            ["newFrameSet"] = (byte)1,
            ["deprecated"] = (byte)0,
        };
        (values["ra"], values["dec"]) = set.Centre();
        foreach (var b in bands)
        {
            if (set.Slots.TryGetValue(b.FilterId, out var f))
            {
                values[b.MfColumn] = f.MultiframeId;
                values[b.ENumColumn] = (byte)f.ExtNum;
            }

            values[b.NewColumn] = (byte)(newSlots.Contains(b.FilterId) ? 1 : 0);
        }

        var row = columns.Select((c, i) => values.TryGetValue(c.Name, out var v) ? v : defaults[i]).ToArray();
        derived.Apply(row);
        return row;
    }

    /// <summary>Merges one frame set in one unit: its sources replaced, and it is marked merged by this event.</summary>
    private void Merge(long id, PlannedFrameSet set, List<Band> bands, SourceRowPlan plan, TableDef sourceTable, double radiusDeg)
    {
        var clock = Stopwatch.StartNew();
        var frames = string.Join(" ", bands.Where(b => set.Slots.ContainsKey(b.FilterId))
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.ShortName}={set.Slots[b.FilterId].MultiframeId}[{set.Slots[b.FilterId].ExtNum}]")));
        long sources = 0, detections = 0;
        Unit($"merging frame set {id} ({frames}) into {sourceTable.Name}", () =>
        {
            var values = new List<IReadOnlyList<object?[]>>();
            var positions = new List<BandDetections>();
            foreach (var b in bands)
            {
                var rows = set.Slots.TryGetValue(b.FilterId, out var f) ? ReadDetections(plan.DetectionAttributes, f) : [];
                values.Add(rows);
                positions.Add(new BandDetections([.. rows.Select(r => ColumnValues.NumberOf(r[0]) ?? double.NaN)], [.. rows.Select(r => ColumnValues.NumberOf(r[1]) ?? double.NaN)]));
                detections += rows.Count;
            }

            var merged = BandMerger.Merge(positions, radiusDeg, request.Threads);
            if (merged.Count > MaxSourcesPerFrameSet)
            {
                throw new CurationInputException(string.Create(CultureInfo.InvariantCulture,
                    $"frame set {id} has {merged.Count} sources, more than the {MaxSourcesPerFrameSet} a frame set's source IDs allow"));
            }

            DeleteSources(id);
            using (var loader = Database.Load(sourceTable))
            {
                for (var s = 0; s < merged.Count; s++)
                    loader.AddRow(plan.Row(id * 1_000_000 + s + 1, id, CuEventId, merged[s], values));
                sources = loader.Complete();
            }

            Database.Execute($"UPDATE {Database.Name(Programme.TablePrefix + "MergeLog")} SET newFrameSet = 0, cuEventID = {SqlDialect.Parameter("e")}, "
                + $"mergeSwVersion = {SqlDialect.Parameter("v")} WHERE frameSetID = {SqlDialect.Parameter("id")}", new { e = CuEventId, v = SoftwareVersion, id });
            RecordProgramme(Programme.Id);
        });
        Summary.Merged++;
        Summary.Sources += sources;
        Summary.Detections += detections;
        Log.Info("Merged frame set {FrameSet} ({Frames}): {Detections} detection(s) into {Sources} source(s) in {Seconds:F2} s",
            id, frames, detections, sources, clock.Elapsed.TotalSeconds);
    }

    private List<object?[]> ReadDetections(IReadOnlyList<string> attributes, CandidateFrame frame)
    {
        var sql = $"SELECT {string.Join(", ", attributes)} FROM {Database.Name(Programme.TablePrefix + "Detection")} "
            + $"WHERE multiframeID = {SqlDialect.Parameter("m")} AND extNum = {SqlDialect.Parameter("e")} ORDER BY seqNum";
        var rows = new List<object?[]>();
        using var reader = Database.Connection.ExecuteReader(sql, new { m = frame.MultiframeId, e = frame.ExtNum }, Database.Transaction);
        while (reader.Read())
        {
            var row = new object?[attributes.Count];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes a frame set's sources, and first the neighbour rows that refer to them (CU16 makes them again).</summary>
    private void DeleteSources(long frameSetId)
    {
        var (lo, hi) = (frameSetId * 1_000_000, frameSetId * 1_000_000 + MaxSourcesPerFrameSet);
        foreach (var r in Database.QueryRows($"SELECT programmeID, neighbourTable, extProgID FROM {Database.Name("RequiredNeighbours")} "
            + $"WHERE programmeID = {SqlDialect.Parameter("p")} OR extProgID = {SqlDialect.Parameter("p")}", new { p = Programme.Id }))
        {
            var table = (r["neighbourTable"] as string ?? "").Trim();
            if (table.Length == 0 || !TableExists(table))
                continue;
            var master = Convert.ToInt32(r["programmeID"], CultureInfo.InvariantCulture) == Programme.Id;
            var slave = Convert.ToInt32(r["extProgID"], CultureInfo.InvariantCulture) == Programme.Id;
            var range = $"BETWEEN {SqlDialect.Parameter("lo")} AND {SqlDialect.Parameter("hi")}";
            var where = string.Join(" OR ", new[] { master ? $"masterObjID {range}" : null, slave ? $"slaveObjID {range}" : null }.OfType<string>());
            Database.Execute($"DELETE FROM {Database.Name(table)} WHERE {where}", new { lo, hi });
        }

        var deleted = Database.Execute($"DELETE FROM {Database.Name(Programme.TablePrefix + "Source")} WHERE frameSetID = {SqlDialect.Parameter("id")}", new { id = frameSetId });
        if (deleted > 0)
            Log.Info("Frame set {FrameSet}: {Sources} source(s) merged before deleted, to be replaced", frameSetId, deleted);
    }

    private SchemaModel layout = new();

    /// <summary>True for a table of the archive's layout (which init creates): a neighbour table registered for the programme.</summary>
    private bool TableExists(string table) => layout.Table(table) is not null;

    private static TableDef Table(SchemaModel layout, string name) =>
        layout.Table(name) ?? throw new CuRefusedException($"the archive has no table {name}; rerun 'curate init' to create the programme's tables");

    private sealed record Band(int FilterId, string ShortName, string Prefix, string MfColumn, string ENumColumn, string NewColumn);
}
