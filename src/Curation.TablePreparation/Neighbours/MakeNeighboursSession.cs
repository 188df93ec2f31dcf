using System.Diagnostics;
using System.Globalization;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Database.Loading;
using Curation.Database.Outgesting;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Matching;

namespace Curation.TablePreparation.Neighbours;

/// <summary>What CU16 is asked to do.</summary>
public sealed record MakeNeighboursRequest
{
    /// <summary>Only this neighbour table (one of the programme's <c>RequiredNeighbours</c>), or null for all of them.</summary>
    public string? Table { get; init; }

    /// <summary>The radius in arcseconds, instead of each table's <c>joinCriterion</c>; null to use the registered one.</summary>
    public double? RadiusArcsec { get; init; }

    /// <summary>Threads matching at once; null for every processor.</summary>
    public int? Threads { get; init; }

    /// <summary>Where the position files are outgested (a directory of the run's own is made in it and removed at the
    /// end); null for the system's temporary directory.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Sources of the master table matched per block (the streaming matcher's memory bound).</summary>
    public int BlockRows { get; init; } = StreamingSkyMatcher.DefaultBlockRows;
}

/// <summary>What became of one neighbour table in a CU16 run.</summary>
public enum NeighbourOutcome
{
    /// <summary>Made: its rows replaced by the pairs found.</summary>
    Made,

    /// <summary>Nothing to match yet (no sources, or the external table not loaded): left as it was, not an error.</summary>
    Skipped,

    /// <summary>Its registration is wrong (no external table registered, no radius, ...): left as it was, and the run
    /// ends with exit code 1.</summary>
    NotMade,
}

/// <summary>One neighbour table of a CU16 run: what was done and measured.</summary>
public sealed class NeighbourTableReport
{
    /// <summary>The neighbour table (<c>RequiredNeighbours.neighbourTable</c>).</summary>
    public required string Table { get; init; }

    /// <summary>What became of it.</summary>
    public NeighbourOutcome Outcome { get; set; }

    /// <summary>Why it was skipped or not made.</summary>
    public string? Reason { get; set; }

    /// <summary>True for a self-neighbour table, false for a cross-neighbour table.</summary>
    public bool IsSelf { get; set; }

    /// <summary>The master table (<c>{prog}Source</c>).</summary>
    public string? MasterTable { get; set; }

    /// <summary>The slave table: the master table itself, or the external table.</summary>
    public string? SlaveTable { get; set; }

    /// <summary>The radius matched within, in arcseconds.</summary>
    public double RadiusArcsec { get; set; }

    /// <summary>What the match read and found (when made).</summary>
    public MatchReport? Match { get; set; }

    /// <summary>Rows the table held before and that were replaced.</summary>
    public long Replaced { get; set; }

    /// <summary>Rows loaded (the pairs).</summary>
    public long Pairs { get; set; }

    /// <summary>The time the table took: outgest, match and load.</summary>
    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// CU16 (<c>make-neighbours</c>): makes the neighbour tables <c>RequiredNeighbours</c> prescribes for a programme. A
/// self-neighbour table (<c>{prog}SourceNeighbours</c>) pairs every source of <c>{prog}Source</c> with every other
/// within the table's <c>joinCriterion</c>, both ways round and never a source with itself; a cross-neighbour table
/// (<c>{prog}SourceX{ext}</c>) pairs them with the sources of an external table (<c>ExternalSurveyTable</c>, loaded
/// by <c>curate load-external</c>). Each table is one unit: its positions are outgested, sorted by Dec, to binary files
/// in a work directory, matched by the streaming zone matcher (bounded memory, every thread), and the pairs, with their
/// distance in arcminutes, loaded through the bulk loader in place of the table's old rows; all in one transaction, so
/// the table holds either its old rows or all the new ones, and a rerun gives the same rows again. A table with nothing
/// to match yet is skipped with the reason; a table whose registration is wrong is reported and the run goes on.
/// </summary>
public sealed class MakeNeighboursSession(CuSessionOptions options, SchemaModel scripts, MakeNeighboursRequest request, TextWriter output)
    : ProgCuSession(16, options)
{
    private const double NotARadius = -0.9999995e9;

    /// <summary>The neighbour tables of the run, in <c>RequiredNeighbours</c> order.</summary>
    public List<NeighbourTableReport> Tables { get; } = [];

    /// <inheritdoc />
    protected override void Work()
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RadiusArcsec is { } r && !(r > 0 && r < 90 * 3600))
            throw new CurationInputException($"--radius must be a number of arcseconds above 0 and below 324000 (90 degrees), not {r.ToString("R", CultureInfo.InvariantCulture)}");
        if (request.Threads is < 1)
            throw new CurationInputException($"--threads must be at least 1, not {request.Threads}");
        if (!Programme.HasTables)
            throw new CurationInputException($"programme {Programme} has no tables of its own (its tablePrefix is NONE), so no neighbour tables");

        var required = RequiredRows();
        if (required.Count == 0)
        {
            output.WriteLine($"cu16: {Programme}: no neighbour table in RequiredNeighbours; nothing to do");
            return;
        }

        var layout = ArchiveInitializer.RegisteredLayout(Database.Connection, Database.Transaction, Database.Dialect, scripts);
        var externals = ExternalTables.Registered(Database);
        var work = Path.Combine(Path.GetFullPath(request.WorkDirectory ?? Path.GetTempPath()),
            string.Create(CultureInfo.InvariantCulture, $"curate-cu16-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(work);
        Log.Debug("Position files go to {Directory}", work);
        try
        {
            foreach (var row in required)
            {
                var report = new NeighbourTableReport { Table = row.Table };
                Tables.Add(report);
                if (Plan(row, layout, externals, report) is { } plan)
                    Make(plan, report, work);
                output.WriteLine(Line(report));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException e)
            {
                Log.Warn("Could not remove the work directory {Directory}: {Message}", work, e.Message);
            }
        }

        var made = Tables.Count(t => t.Outcome == NeighbourOutcome.Made);
        var skipped = Tables.Count(t => t.Outcome == NeighbourOutcome.Skipped);
        var notMade = Tables.Count(t => t.Outcome == NeighbourOutcome.NotMade);
        var pairs = Tables.Sum(t => t.Pairs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cu16: {Programme}: {made} neighbour table(s) made, {skipped} skipped, {notMade} not made; {pairs} pair(s){(Options.DryRun ? " (dry run: rolled back)" : "")}"));
        if (notMade > 0)
            Incomplete = $"{notMade} neighbour table(s) could not be made (listed above); correct RequiredNeighbours or ExternalSurveyTable and rerun";
    }

    private List<RequiredRow> RequiredRows()
    {
        var all = Database.Table(ArchiveLayout.NeighboursTable).Where("programmeID", Programme.Id)
            .Select(r => new RequiredRow(r.Get<string>("neighbourTable").TrimEnd(), r.Get<int>("surveyID"), r.Get<int>("extTableID"), r.Get<int>("extProgID"),
                (double)r.Get<float>("joinCriterion")))
            .ToList();
        if (request.Table is null)
            return all;
        var one = all.Where(r => r.Table.Equals(request.Table.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (one.Count == 0)
        {
            throw new CurationInputException($"{request.Table} is not a neighbour table of {Programme} in RequiredNeighbours"
                + (all.Count == 0 ? " (it has none)" : $"; its neighbour tables are {string.Join(", ", all.Select(r => r.Table))}"));
        }

        return one;
    }

    /// <summary>Works out what a RequiredNeighbours row asks for, or records why nothing is done and returns null.</summary>
    private TablePlan? Plan(RequiredRow row, SchemaModel layout, IReadOnlyList<ExternalTable> externals, NeighbourTableReport report)
    {
        TablePlan? Refuse(NeighbourOutcome outcome, string reason)
        {
            report.Outcome = outcome;
            report.Reason = reason;
            if (outcome == NeighbourOutcome.NotMade)
                Log.Error("{Table} not made: {Reason}", row.Table, reason);
            else
                Log.Info("{Table} skipped: {Reason}", row.Table, reason);
            return null;
        }

        var master = Programme.TablePrefix + "Source";
        report.MasterTable = master;
        var definition = layout.Table(row.Table);
        if (definition is null)
            return Refuse(NeighbourOutcome.NotMade, $"the name matches no neighbour table template of the schema scripts ({Programme.TablePrefix}SourceNeighbours or {Programme.TablePrefix}SourceX<extTableAlias>)");

        ExternalTable? external = null;
        if (row.SurveyId == -99 && row.ExtTableId == -99)
        {
            report.IsSelf = true;
            if (row.ExtProgId != Programme.Id)
                return Refuse(NeighbourOutcome.NotMade, $"extProgID is {row.ExtProgId}: a self-neighbour table pairs the programme's own sources, so extProgID must be {Programme.Id}");
            if (!row.Table.Equals(master + "Neighbours", StringComparison.OrdinalIgnoreCase))
                return Refuse(NeighbourOutcome.NotMade, $"a self-neighbour table (surveyID and extTableID -99) of {Programme} is {master}Neighbours");
            report.SlaveTable = master;
        }
        else
        {
            external = externals.FirstOrDefault(e => e.SurveyId == row.SurveyId && e.ExtTableId == row.ExtTableId);
            if (external is null)
                return Refuse(NeighbourOutcome.NotMade, string.Create(CultureInfo.InvariantCulture, $"no external table ({row.SurveyId}, {row.ExtTableId}) is registered in ExternalSurveyTable"));
            if (!row.Table.Equals($"{master}X{external.Alias}", StringComparison.OrdinalIgnoreCase))
                return Refuse(NeighbourOutcome.NotMade, $"{external} has the alias {external.Alias}, so its cross-neighbour table is {master}X{external.Alias}");
            report.SlaveTable = external.TableName;
        }

        var radius = request.RadiusArcsec ?? row.JoinCriterion;
        report.RadiusArcsec = radius;
        if (!(radius > 0 && radius < 90 * 3600))
        {
            return Refuse(NeighbourOutcome.NotMade, radius == (double)(float)NotARadius
                ? "its joinCriterion is the default -0.9999995e9, not a radius; set it (arcseconds) in RequiredNeighbours"
                : $"its joinCriterion {radius.ToString("R", CultureInfo.InvariantCulture)} is not a radius in arcseconds above 0 and below 90 degrees");
        }

        var live = LiveSchemaReader.Read(Database.Connection, Database.Dialect, Database.Transaction)
            .ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        if (Count(master) == 0)
            return Refuse(NeighbourOutcome.Skipped, $"{master} has no sources yet (run cu7, merge-sources)");
        if (external is not null)
        {
            if (!live.TryGetValue(Database.Dialect.CatalogName(external.TableName), out var table))
                return Refuse(NeighbourOutcome.Skipped, $"{external.TableName}, the table of {external}, is not loaded yet (curate load-external FILE --survey {external.SurveyId} --ext-table {external.ExtTableId})");
            foreach (var (column, what) in new[] { (external.IdColumn, "sourceIDName"), (external.RaColumn, "coord1"), (external.DecColumn, "coord2") })
            {
                if (!table.Columns.Any(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase)))
                    return Refuse(NeighbourOutcome.NotMade, $"{external.TableName} has no column {column} ({what} of {external})");
            }

            if (Count(external.TableName) == 0)
                return Refuse(NeighbourOutcome.Skipped, $"{external.TableName}, the table of {external}, is empty");
        }

        var exists = live.ContainsKey(Database.Dialect.CatalogName(row.Table));
        return new TablePlan(row, definition, master, external, radius, exists);
    }

    /// <summary>Replaces a neighbour table's rows with the pairs found, in one unit.</summary>
    private void Make(TablePlan plan, NeighbourTableReport report, string work)
    {
        var clock = Stopwatch.StartNew();
        var q = (Func<string, string>)Database.Quote;
        var masterFile = Path.Combine(work, plan.Definition.Name + ".master.bin");
        var slaveFile = Path.Combine(work, plan.Definition.Name + ".slave.bin");
        var matchOptions = new SkyMatchOptions(plan.RadiusArcsec / 3600.0) { Threads = request.Threads };
        var what = plan.External is null
            ? $"making {plan.Definition.Name} (neighbours within {Arcsec(plan.RadiusArcsec)} arcsec among {plan.Master})"
            : $"making {plan.Definition.Name} (neighbours within {Arcsec(plan.RadiusArcsec)} arcsec of {plan.Master} in {plan.External.TableName})";

        // Where the unit's time goes, for the log file: outgest, delete, match and load, complete, commit.
        var stages = new Stopwatch();
        TimeSpan outgest = default, delete = default, matchAndLoad = default, complete = default;

        // SQLite: the key index of the table is written in the matcher's order (by Dec), not the key's, and with the
        // default page cache (2 MB) the unit's dirty pages spill to the journal long before the commit. A 64 MB cache
        // for the unit took a million pairs from 8.7 s to 6.0 s (docs/performance.md); the default is set back after.
        var sqliteCache = Database.Dialect is SqliteDialect ? Database.Scalar<long>("PRAGMA cache_size") : (long?)null;
        if (sqliteCache is not null)
            Database.Execute("PRAGMA cache_size = -65536");
        try
        {
            MakeUnit();
        }
        finally
        {
            if (sqliteCache is { } previous)
                Database.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {previous}"));
        }

        void MakeUnit() => Unit(what, () =>
        {
            if (!plan.Exists)
            {
                foreach (var statement in Database.Dialect.CreateTable(plan.Definition).Concat(Database.Dialect.AddForeignKeys(plan.Definition)))
                    Database.Execute(statement);
                Log.Info("Created {Table}", plan.Definition.Name);
            }

            // The positions, sorted by Dec, read in this unit's transaction: the pairs are those of the sources as they
            // are when the rows are replaced.
            stages.Restart();
            Outgest($"SELECT {q("sourceID")}, {q("ra")}, {q("dec")} FROM {Database.Name(plan.Master)} ORDER BY {q("dec")}", masterFile);
            var masterColumns = new PositionColumns("sourceID", "ra", "dec");
            if (plan.External is { } e)
                Outgest($"SELECT {q(e.IdColumn)}, {q(e.RaColumn)}, {q(e.DecColumn)} FROM {Database.Name(e.TableName)} ORDER BY {q(e.DecColumn)}", slaveFile);
            outgest = stages.Elapsed;

            stages.Restart();
            report.Replaced = Database.Execute($"DELETE FROM {Database.Name(plan.Definition.Name)}");

            // PostgreSQL checks a foreign key row by row, at the end of the COPY: two index lookups per pair, 60% of
            // the unit (tools/bench-neighbours). Dropped here and added back after the load, in this transaction, the
            // keys are checked by one join each instead; the pairs cannot break them (they come from {prog}Source as
            // this transaction sees it), but the engine still proves it before the commit.
            var rekey = Database.Dialect is PostgresDialect && plan.Definition.ForeignKeys.Count > 0 && plan.Definition.ForeignKeys.All(k => k.Name is not null);
            if (rekey)
            {
                foreach (var fk in plan.Definition.ForeignKeys)
                    Database.Execute($"ALTER TABLE {Database.Name(plan.Definition.Name)} DROP CONSTRAINT {Database.Quote(fk.Name!)}");
            }

            delete = stages.Elapsed;
            stages.Restart();
            using var loader = Database.Load(plan.Definition);
            var sink = new NeighbourRows(loader, Cancellation);
            report.Match = plan.External is { } x
                ? StreamingSkyMatcher.Match(masterFile, masterColumns, slaveFile, new PositionColumns(x.IdColumn, x.RaColumn, x.DecColumn), matchOptions, sink, request.BlockRows)
                : StreamingSkyMatcher.SelfMatch(masterFile, masterColumns, matchOptions, sink, request.BlockRows);
            matchAndLoad = stages.Elapsed;
            stages.Restart();
            report.Pairs = loader.Complete();
            if (rekey)
            {
                foreach (var statement in Database.Dialect.AddForeignKeys(plan.Definition))
                    Database.Execute(statement);
            }

            RecordProgramme(Programme.Id);
            File.Delete(masterFile);
            File.Delete(slaveFile);
            complete = stages.Elapsed;
            stages.Restart();
        });
        Log.Debug("{Table}: outgest {Outgest:F2} s, delete {Delete:F2} s, match and load {Match:F2} s, complete the load (and add the keys) {Complete:F2} s, commit {Commit:F2} s",
            plan.Definition.Name, outgest.TotalSeconds, delete.TotalSeconds, matchAndLoad.TotalSeconds, complete.TotalSeconds, stages.Elapsed.TotalSeconds);
        report.Outcome = NeighbourOutcome.Made;
        report.Elapsed = clock.Elapsed;
        var m = report.Match!;
        Log.Info("{Table}: {Pairs} pair(s) within {Radius} arcsec; {Master} source(s) of {MasterTable} ({SkippedA} not on the sky), {Slave} of {SlaveTable} ({SkippedB} not on the sky); "
            + "{Replaced} row(s) replaced; {Blocks} block(s), at most {Largest} sources in memory; {Seconds:F2} s",
            plan.Definition.Name, report.Pairs, Arcsec(plan.RadiusArcsec), m.RowsA, plan.Master, m.SkippedA, m.RowsB, report.SlaveTable, m.SkippedB,
            report.Replaced, m.Blocks, m.LargestBlockRows, report.Elapsed.TotalSeconds);
    }

    private void Outgest(string query, string path)
    {
        var written = Outgester.Write(Database.Connection, Database.Transaction, Database.Dialect, query, null, path, OutgestFormat.Binary);
        Log.Debug("Outgested {Rows} position(s) to {File} ({Bytes} bytes): {Query}", written.Rows, path, written.Bytes, query);
    }

    private long Count(string table) => Database.Scalar<long>($"SELECT COUNT(*) FROM {Database.Name(table)}");

    /// <summary>The summary line of one table, as printed.</summary>
    private static string Line(NeighbourTableReport r)
    {
        if (r.Outcome == NeighbourOutcome.Skipped)
            return $"cu16: {r.Table}: skipped: {r.Reason}";
        if (r.Outcome == NeighbourOutcome.NotMade)
            return $"cu16: {r.Table}: not made: {r.Reason}";
        var m = r.Match!;
        var among = r.IsSelf
            ? $"among {m.RowsA - m.SkippedA} source(s) of {r.MasterTable}"
            : $"between {m.RowsA - m.SkippedA} source(s) of {r.MasterTable} and {m.RowsB - m.SkippedB} of {r.SlaveTable}";
        return string.Create(CultureInfo.InvariantCulture, $"cu16: {r.Table}: {r.Pairs} pair(s) {among} within {Arcsec(r.RadiusArcsec)} arcsec ({r.Elapsed.TotalSeconds:F2} s)");
    }

    private static string Arcsec(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private sealed record RequiredRow(string Table, int SurveyId, int ExtTableId, int ExtProgId, double JoinCriterion);

    private sealed record TablePlan(RequiredRow Row, TableDef Definition, string Master, ExternalTable? External, double RadiusArcsec, bool Exists);
}

/// <summary>The pairs of a match as rows of a neighbour table (masterObjID, slaveObjID, distanceMins in arcminutes),
/// fed to a bulk loader as the matcher sends them.</summary>
internal sealed class NeighbourRows : IPairSink
{
    private readonly BulkLoader loader;
    private readonly CancellationToken cancellation;
    private readonly int master, slave, distance;
    private readonly object?[] row;

    public NeighbourRows(BulkLoader loader, CancellationToken cancellation)
    {
        this.loader = loader;
        this.cancellation = cancellation;
        int Index(string name)
        {
            for (var i = 0; i < loader.Columns.Count; i++)
            {
                if (loader.Columns[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    return i;
            }

            throw new CurationDatabaseException($"the neighbour table {loader.Table.Name} has no column {name}");
        }

        (master, slave, distance) = (Index("masterObjID"), Index("slaveObjID"), Index("distanceMins"));
        if (loader.Columns.Count != 3)
            throw new CurationDatabaseException($"the neighbour table {loader.Table.Name} has {loader.Columns.Count} columns; CU16 fills masterObjID, slaveObjID and distanceMins only");
        row = new object?[3];
    }

    public void Write(ReadOnlySpan<SkyPair> pairs)
    {
        cancellation.ThrowIfCancellationRequested();
        foreach (var p in pairs)
        {
            row[master] = p.IdA;
            row[slave] = p.IdB;
            row[distance] = (float)(p.SeparationDeg * 60.0);
            loader.AddRow(row);
        }
    }
}
