using System.Diagnostics;
using System.Globalization;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Release.Indices;
using Curation.Schema.Docs;
using Curation.Schema.Model;
using Curation.Sessions;

namespace Curation.Release;

/// <summary>
/// CU19 (<c>release</c>): publishes a release database of one survey. Refuses, listing the reasons, unless every
/// programme of the release has finished the required sequence (<see cref="ReleaseReadiness"/>). Copies the curation
/// database under a temporary name (<see cref="ReleaseDatabase"/>), checks the copy again, trims it of the curation-only
/// tables and of the frames left out with everything derived from them (<see cref="ReleaseContent"/>,
/// <see cref="ReleaseTrim"/>), creates every index of the scripts on it (CU18's work), records the release in its
/// <c>Release</c> table and its frames' <c>ProgrammeFrame.releaseNum</c>, writes the schema browser and the summary, and
/// only then, in one unit of the curation database that records the release there too, renames everything into place.
/// A failure at any step removes what was made; the curation database keeps only the run's history row, marked failed.
/// With <c>--dry-run</c> it checks and reports what the release would hold, and makes nothing.
/// </summary>
/// <param name="options">The run's options.</param>
/// <param name="scripts">The archive's schema scripts.</param>
/// <param name="request">What to release.</param>
/// <param name="output">Where the summary is printed.</param>
public sealed class ReleaseSession(CuSessionOptions options, SchemaModel scripts, ReleaseRequest request, TextWriter output) : CuSession(19, options)
{
    /// <summary>Frames listed per statement in the work table, and per update of <c>ProgrammeFrame</c>.</summary>
    private const int Batch = 500;

    private Survey? survey;
    private int releaseNum;
    private DateOnly date;
    private ReleaseContent? content;
    private ReleaseTarget? target;
    private IReadOnlySet<long> releasedFrames = new HashSet<long>();

    /// <summary>The summary of the release made (null until it is made, and for a dry run).</summary>
    public ReleaseSummary? Summary { get; private set; }

    /// <summary>Where the release goes (known once the run has started).</summary>
    public ReleaseTarget? Target => target;

    /// <summary>Called between the stages of the work with the stage about to start (<c>copy</c>, <c>check</c>,
    /// <c>trim</c>, <c>indices</c>, <c>record</c>, <c>finish</c>, <c>docs</c>, <c>publish</c>): for tests that stop a
    /// release midway.</summary>
    public Action<string>? BeforeStage { get; init; }

    /// <summary>The schema scripts of a release: <paramref name="scripts"/> without the curation-only tables (<c>--/P</c>)
    /// and their indices.</summary>
    public static SchemaModel ReleaseScripts(SchemaModel scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var dropped = scripts.Tables.Where(t => t.CurationOnly is not null).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var model = new SchemaModel();
        model.Files.AddRange(scripts.Files);
        model.Tables.AddRange(scripts.Tables.Where(t => !dropped.Contains(t.Name)));
        model.Indices.AddRange(scripts.Indices.Where(i => !dropped.Contains(i.Table)));
        model.Routines.AddRange(scripts.Routines);
        return model;
    }

    /// <inheritdoc />
    protected override void Prepare()
    {
        ArgumentNullException.ThrowIfNull(request);
        survey = Survey.Find(Database, request.Survey);
        date = request.Date ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var releases = Database.Query<(long Num, DateTime Date, string DbName)>(
            $"SELECT releaseNum, releaseDate, dbName FROM {Database.Name("Release")} WHERE surveyID = @s ORDER BY releaseNum", new { s = survey.Id });
        releaseNum = request.ReleaseNum ?? (releases.Count == 0 ? 1 : (int)releases[^1].Num + 1);
        if (releaseNum < 1)
            throw new CuRefusedException($"release number {releaseNum} is not a release number: they count from 1");
        if (releases.Any(r => r.Num == releaseNum))
        {
            var made = releases.First(r => r.Num == releaseNum);
            throw new CuRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"release {releaseNum} of {survey} was made already ({made.Date:yyyy-MM-dd}, {made.DbName.TrimEnd()}); the next is {releases[^1].Num + 1}"));
        }

        target = ReleaseTarget.Resolve(Options.Database, survey, releaseNum, request);
        if (target.Database.Exists())
            throw new CuRefusedException($"the release database {target.Database.Final} exists already; remove it, or give another --release-num or --release-db");
        foreach (var path in new[] { target.SchemaDirectory, target.SummaryFile }.Where(p => Path.Exists(p)))
            throw new CuRefusedException($"{path} exists already; remove it, or give another --out");

        content = ReleaseContent.Read(Database, survey, date);
        if (content.Programmes.Count == 0)
        {
            throw new CuRefusedException($"nothing to release: {survey} has no programme with tables of its own and frames public on {date:yyyy-MM-dd}"
                + (content.Candidates.Count == 0 ? "" : " (" + string.Join("; ", content.Candidates.Select(c =>
                    $"{c.Programme.Programme}: {c.Proprietary} frame(s) proprietary{(c.NextPublic is { } d ? $", the first public on {d:yyyy-MM-dd}" : "")}"
                    + (c.Undated > 0 ? $", {c.Undated} undated" : ""))) + ")"));
        }

        var sequence = ReleaseReadiness.Sequence(Database);
        if (ReleaseReadiness.Refusal(survey, sequence, ReleaseReadiness.Check(Database, content.Programmes.Select(p => p.Programme.Programme))) is { } refusal)
            throw new CuRefusedException(refusal);
    }

    /// <inheritdoc />
    protected override void Work()
    {
        var (s, c, t) = (survey!, content!, target!);
        var description = request.Description ?? $"{s.Name} DR{releaseNum}";
        if (Options.DryRun)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Dry run: release {releaseNum} of {s} dated {date:yyyy-MM-dd} ('{description}') would be made in {t.Database.Final}, with:"));
            foreach (var p in c.Programmes)
                output.WriteLine($"  {p.Programme.Programme}: {p.Public} frame(s), {p.Proprietary + p.Undated} left out");
            output.WriteLine($"  {c.OtherFrames} frame(s) of other surveys or of programmes without tables left out; curation-only tables left out: "
                + string.Join(", ", scripts.Tables.Where(x => x.CurationOnly is not null).Select(x => x.Name)));
            output.WriteLine("Nothing was made.");
            return;
        }

        foreach (var p in c.Programmes)
            RecordProgramme(p.Programme.Programme.Id);
        if (t.Database.RemoveLeftover())
            Log.Warn("Removed {Partial}, left by a release that stopped before it finished", t.Database.Partial);
        var (schemaPartial, summaryPartial) = (t.SchemaDirectory + ".partial", t.SummaryFile + ".partial");
        DeleteFiles(schemaPartial, summaryPartial);

        var timings = new List<(string, double)>();
        bool published = false, documented = false, summarised = false;
        try
        {
            Stage("copy", timings, () => t.Database.Copy(new CopyContext(Database, Disconnected, Log)));
            Log.Info("Copied {Archive} to {Partial}", Options.Database, t.Database.Partial);
            Summary = MakeRelease(s, t, description, timings);

            Stage("docs", timings, () =>
            {
                SchemaDocsWriter.Write(ReleaseScripts(scripts), schemaPartial, $"{s.Name} release {releaseNum} ({description}, {date:yyyy-MM-dd})");
                File.WriteAllText(summaryPartial, Summary.ToJson());
            });

            Stage("publish", timings, () => Unit($"recording release {releaseNum} of {s.Name} and publishing it", () =>
            {
                RecordRelease(Database, s, description, t.Database.Name);
                foreach (var chunk in releasedFrames.Order().Chunk(Batch))
                    Database.Execute(MarkReleased(Database.Dialect, chunk.Length), Frames(chunk, new { n = releaseNum }));
                t.Database.Publish();
                published = true;
                Directory.Move(schemaPartial, t.SchemaDirectory);
                documented = true;
                File.Move(summaryPartial, t.SummaryFile);
                summarised = true;
                Database.Execute($"UPDATE {Database.Name("ArchiveCurationHistory")} SET resultsFile = @file WHERE cuEventID = @id",
                    new { file = Fit(t.SummaryFile, 256), id = CuEventId });
            }));
        }
        catch
        {
            Log.Info("Removing the unfinished release {Partial}", published ? t.Database.Final : t.Database.Partial);
            Tidy(() => t.Database.Discard());
            if (published)
                Tidy(() => t.Database.Unpublish());
            Tidy(() => DeleteFiles(schemaPartial, summaryPartial));
            if (documented)
                Tidy(() => DeleteFiles(t.SchemaDirectory));
            if (summarised)
                Tidy(() => DeleteFiles(t.SummaryFile));
            throw;
        }

        output.Write(Summary.ToText());
        output.WriteLine($"Summary: {t.SummaryFile}");
    }

    /// <summary>The statement that records a release in <c>Release</c>.</summary>
    public static string InsertRelease(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"INSERT INTO {dialect.TableName("Release", null)} (surveyID, releaseNum, releaseDate, description, dbName, cuEventID) "
            + "VALUES (@surveyID, @releaseNum, @releaseDate, @description, @dbName, @cuEventID)";
    }

    /// <summary>The statement that marks <paramref name="count"/> frames (<c>@m0</c>, ...) as first released in release <c>@n</c>.</summary>
    public static string MarkReleased(SqlDialect dialect, int count)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"UPDATE {dialect.TableName("ProgrammeFrame", null)} SET releaseNum = @n WHERE releaseNum = 0 AND multiframeID IN ("
            + string.Join(", ", Enumerable.Range(0, count).Select(i => "@m" + i.ToString(CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary>The statement that marks every frame of the release database not released before as first released in release <c>@n</c>.</summary>
    public static string MarkAllReleased(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"UPDATE {dialect.TableName("ProgrammeFrame", null)} SET releaseNum = @n WHERE releaseNum = 0";
    }

    /// <summary>Copies, checks, trims and indexes the release; records it in the release database; returns its summary.</summary>
    private ReleaseSummary MakeRelease(Survey s, ReleaseTarget t, string description, List<(string, double)> timings)
    {
        using var partial = t.Database.OpenPartial();
        var released = Stage("check", timings, () => Recheck(partial, s));
        releasedFrames = released.Released;

        var layout = ArchiveInitializer.RegisteredLayout(partial.Connection, null, partial.Dialect, scripts);
        var trim = new ReleaseTrim(layout, partial.Dialect);
        Stage("trim", timings, () =>
        {
            CheckRebuiltTables(partial, trim);
            t.Database.BeforeTrim(partial);
            partial.InTransaction(() =>
            {
                Run(partial, trim.Prepare());
                foreach (var chunk in released.LeftOut.Chunk(Batch))
                    partial.Execute(trim.InsertFrames(chunk.Length), Frames(chunk, null));
                Run(partial, trim.Trim());
            });
            t.Database.AfterTrim(partial);
        });
        Log.Info("Trimmed {Partial}: {Frames} frame(s) left out with what derives from them; dropped {Tables}",
            t.Database.Partial, released.Frames.Count - released.Released.Count, string.Join(", ", trim.CurationOnly.Select(x => x.Name)));

        var releaseScripts = ReleaseScripts(scripts);
        var (created, present) = Stage("indices", timings, () =>
        {
            int made = 0, there = 0;
            foreach (var (index, exists) in ArchiveIndices.Read(partial, releaseScripts))
            {
                Cancellation.ThrowIfCancellationRequested();
                if (exists)
                {
                    there++;
                    continue;
                }

                partial.Execute(ArchiveIndices.CreateStatement(partial, index));
                made++;
            }

            return (made, there);
        });
        Log.Info("Created {Created} index(es) on {Partial}, {Present} already there", created, t.Database.Partial, present);

        Stage("record", timings, () => partial.InTransaction(() =>
        {
            RecordRelease(partial, s, description, t.Database.Name);
            partial.Execute(MarkAllReleased(partial.Dialect), new { n = releaseNum });
        }));
        Stage("finish", timings, () => t.Database.Finish(partial));

        var tables = LiveSchemaReader.Read(partial.Connection, partial.Dialect).Where(x => !x.IsView)
            .Select(x => (Table: x.Schema is null ? x.Name : $"{x.Schema}.{x.Name}", Rows: partial.Scalar<long>($"SELECT COUNT(*) FROM {partial.Name(x.Name, x.Schema)}")))
            .OrderBy(x => x.Table, StringComparer.OrdinalIgnoreCase).ToList();
        long Rows(string table) => tables.FirstOrDefault(x => x.Table.Equals(table, StringComparison.OrdinalIgnoreCase)).Rows;
        return new ReleaseSummary
        {
            Survey = s, ReleaseNum = releaseNum, Date = date, Description = description, Database = t.Database.Final.ToString(), DbName = t.Database.Name,
            CuEventId = CuEventId,
            Programmes = [.. released.Programmes.Select(p => new ReleasedProgramme(p.Programme.Programme.Id, p.Programme.Programme.Acronym, p.Programme.Programme.Title,
                p.Public, p.Proprietary + p.Undated, Rows(p.Programme.Programme.TablePrefix + "Detection"), Rows(p.Programme.Programme.TablePrefix + "Source")))],
            ProprietaryFrames = released.Candidates.Sum(p => p.Proprietary), UndatedFrames = released.Candidates.Sum(p => p.Undated),
            OtherFrames = released.OtherFrames, TablesLeftOut = [.. trim.CurationOnly.Select(x => x.Name)], Tables = tables, Indices = (created, present),
            SchemaDirectory = t.SchemaDirectory, Timings = timings,
        };
    }

    /// <summary>Checks the copy as the curation database was checked: the copy is what is released, and the curation
    /// database may have changed between the check and the copy.</summary>
    private ReleaseContent Recheck(Session partial, Survey s)
    {
        var copy = ReleaseContent.Read(partial, s, date);
        var before = content!.Programmes.Select(p => p.Programme.Programme.Id).ToList();
        var after = copy.Programmes.Select(p => p.Programme.Programme.Id).ToList();
        if (!before.SequenceEqual(after))
        {
            throw new CurationDatabaseException($"the curation database changed while it was being copied: the release's programmes were "
                + $"{string.Join(", ", content.Programmes.Select(p => p.Programme.Programme))} and are now {string.Join(", ", copy.Programmes.Select(p => p.Programme.Programme))}; run the release again");
        }

        if (ReleaseReadiness.Refusal(s, ReleaseReadiness.Sequence(partial), ReleaseReadiness.Check(partial, copy.Programmes.Select(p => p.Programme.Programme))) is { } refusal)
            throw new CurationDatabaseException($"the curation database changed while it was being copied: {refusal}");
        return copy;
    }

    /// <summary>A table SQLite makes again from the scripts must hold what the scripts say, or it would lose columns.</summary>
    private static void CheckRebuiltTables(Session partial, ReleaseTrim trim)
    {
        if (trim.Rebuilt.Count == 0 || partial.Dialect is not SqliteDialect)
            return;
        var live = LiveSchemaReader.Read(partial.Connection, partial.Dialect);
        foreach (var table in trim.Rebuilt)
        {
            var columns = live.FirstOrDefault(l => l.Name.Equals(table.Name, StringComparison.OrdinalIgnoreCase))?.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            var scripted = table.Columns.Where(c => !c.IsComputed).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!columns.SetEquals(scripted))
            {
                throw new CurationInputException($"{table.Name} in the curation database differs from the schema scripts (columns {string.Join(", ", columns.Except(scripted, StringComparer.OrdinalIgnoreCase).Concat(scripted.Except(columns, StringComparer.OrdinalIgnoreCase)))}); "
                    + "the release makes it again from the scripts, so they must agree: see 'curate schema check --db'");
            }
        }
    }

    private void RecordRelease(Session session, Survey s, string description, string dbName) =>
        session.Execute(InsertRelease(session.Dialect), new
        {
            surveyID = s.Id, releaseNum = (short)releaseNum, releaseDate = date.ToDateTime(TimeOnly.MinValue), description = Fit(description, 256),
            dbName = Fit(dbName, 128), cuEventID = CuEventId,
        });

    private void Run(Session session, IEnumerable<TrimStep> steps)
    {
        foreach (var step in steps)
        {
            Cancellation.ThrowIfCancellationRequested();
            Log.Debug("{What}: {Sql}", step.What, step.Sql);
            try
            {
                session.Execute(step.Sql);
            }
            catch (CurationDatabaseException e)
            {
                throw new CurationDatabaseException($"{step.What}: {e.Message}", e);
            }
        }
    }

    private T Stage<T>(string name, List<(string, double)> timings, Func<T> work)
    {
        Cancellation.ThrowIfCancellationRequested();
        BeforeStage?.Invoke(name);
        var clock = Stopwatch.StartNew();
        var result = work();
        timings.Add((name, clock.Elapsed.TotalSeconds));
        Log.Debug("Stage {Stage} took {Seconds:F2} s", name, clock.Elapsed.TotalSeconds);
        return result;
    }

    private void Stage(string name, List<(string, double)> timings, Action work) => Stage(name, timings, () =>
    {
        work();
        return 0;
    });

    private static Dapper.DynamicParameters Frames(long[] ids, object? more)
    {
        var parameters = new Dapper.DynamicParameters(more);
        for (var i = 0; i < ids.Length; i++)
            parameters.Add("m" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        return parameters;
    }

    private void Tidy(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is CurationDatabaseException or IOException or UnauthorizedAccessException)
        {
            Log.Error("Could not remove part of the unfinished release: {Message}; remove it by hand", e.Message);
        }
    }

    private static void DeleteFiles(params string[] paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            else if (File.Exists(path))
                File.Delete(path);
        }
    }

    private static string Fit(string text, int length) => text.Length <= length ? text : text[..length];
}
