using System.Globalization;
using Curation.Database;
using Curation.Database.Dialects;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;
using Curation.TablePreparation.Programmes;

namespace Curation.TablePreparation.Registration;

/// <summary>What <c>curate register-programme</c> is asked to do.</summary>
public sealed record RegisterProgrammeRequest
{
    /// <summary>The registration file (JSON; docs/register-programme.md).</summary>
    public required string File { get; init; }

    /// <summary>Where the programme's schema script is written, as <c>&lt;tablePrefix&gt;.sql</c>.</summary>
    public required string ScriptsDirectory { get; init; }
}

/// <summary>
/// CU21 (<c>register-programme</c>): registers a new non-survey programme from a registration file. The file is read
/// and checked against the archive before the run starts (<see cref="RegistrationFile"/>, <see cref="RegistrationPlanner"/>):
/// any problem refuses it, every problem listed with its place in the file, nothing recorded. Then one unit inserts its
/// <c>Programme</c> row (a new <c>Survey</c> row if it names one), its <c>RequiredFilters</c> and
/// <c>RequiredNeighbours</c> rows, creates its tables as <c>curate init</c> does (<see cref="ArchiveLayout.ForProgramme"/>)
/// with their indices of <c>Indices.sql</c>, and queues the frames already ingested under the unknown programme (-99)
/// whose PROJECT it now claims for CU3 and CU4 again; all of it, or none. The programme's schema script (the template
/// statements filled in, <see cref="ProgrammeScript"/>) is written to the scripts directory once the unit has
/// committed, and recorded as the run's <c>resultsFile</c>. From the next run CU3 identifies its frames and CU4 ingests
/// their catalogues into its <c>{prog}Detection</c>.
/// </summary>
public sealed class RegisterProgrammeSession(CuSessionOptions options, SchemaModel scripts, RegisterProgrammeRequest request, TextWriter output)
    : CuSession(21, options)
{
    private readonly List<string> requeued = [];

    /// <summary>The checked registration (from the start of the run).</summary>
    public RegistrationPlan? Plan { get; private set; }

    /// <summary>The programme's schema script, once written (never in a dry run).</summary>
    public string? ScriptFile { get; private set; }

    /// <summary>The tables created.</summary>
    public IReadOnlyList<string> TablesCreated { get; private set; } = [];

    /// <summary>The files of frames ingested before the registration and queued for CU3 and CU4 again.</summary>
    public IReadOnlyList<string> Requeued => requeued;

    /// <inheritdoc />
    protected override void Prepare()
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!File.Exists(request.File))
            throw new CuRefusedException($"{request.File}: no such registration file");
        var problems = new List<RegistrationProblem>();
        var registration = RegistrationFile.Read(request.File, problems);
        if (registration is not null)
            Plan = RegistrationPlanner.Plan(Database, scripts, registration, problems);
        if (problems.Count > 0 || Plan is null)
            throw new CuRefusedException(Refusal(problems));
    }

    /// <inheritdoc />
    protected override void Work()
    {
        var plan = Plan!;
        var scriptFile = Path.GetFullPath(Path.Combine(request.ScriptsDirectory, plan.TablePrefix + ".sql"));
        var text = ProgrammeScript.Write(scripts, plan, string.Create(CultureInfo.InvariantCulture,
            $"curate register-programme (cu21, event {CuEventId}) on {CurationHistory.Now():yyyy-MM-dd}"));

        // The script is written beside its place first, so that a disk that refuses it stops the run before the archive
        // changes, and put in place once the registration has committed.
        string? staged = null;
        if (!Options.DryRun)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(scriptFile)!);
            staged = string.Create(CultureInfo.InvariantCulture, $"{scriptFile}.{Environment.ProcessId}.tmp");
            File.WriteAllText(staged, text);
        }

        var indices = 0;
        try
        {
            Unit($"registering programme {plan} from {request.File}", () =>
            {
                Recheck(plan);
                Insert(plan);
                RecordProgramme(plan.ProgrammeId);
                var report = ArchiveInitializer.CreateTables(Database.Connection, Database.Transaction!, Database.Dialect, plan.Layout.Tables);
                TablesCreated = report.Created;
                foreach (var index in plan.Layout.Indices)
                {
                    Database.Execute(Database.Dialect.CreateIndex(index, ifMissing: true));
                    indices++;
                }

                RequeueEarlierFrames(plan);
                if (!Options.DryRun)
                {
                    Database.Execute($"UPDATE {Database.Name("ArchiveCurationHistory")} SET resultsFile = {SqlDialect.Parameter("f")} WHERE cuEventID = {SqlDialect.Parameter("e")}",
                        new { f = Shorten(scriptFile, 256), e = CuEventId });
                }
            });
            if (staged is not null)
            {
                File.Move(staged, scriptFile, overwrite: true);
                staged = null;
                ScriptFile = scriptFile;
            }
        }
        finally
        {
            if (staged is not null)
                File.Delete(staged);
        }

        Log.Info("Programme {Programme} registered for PROJECT {Project}: tables {Tables}, {Indices} index(es), {Requeued} earlier frame(s) queued again",
            plan, plan.Registration.Project, string.Join(", ", TablesCreated), indices, requeued.Count);
        Report(plan, scriptFile, indices);
    }

    /// <summary>Checks the registration again inside the unit: the archive may have changed since the run started.</summary>
    private void Recheck(RegistrationPlan plan)
    {
        var problems = new List<RegistrationProblem>();
        var again = RegistrationPlanner.Plan(Database, scripts, plan.Registration, problems);
        if (problems.Count > 0)
            throw new CurationInputException(Refusal(problems));
        if (again!.ProgrammeId != plan.ProgrammeId || again.Survey.Id != plan.Survey.Id)
            throw new CurationInputException($"the archive changed while {plan} was being registered (another programme or survey took its ID); run it again");
    }

    private void Insert(RegistrationPlan plan)
    {
        var r = plan.Registration;
        if (plan.Survey.IsNew)
            Insert("Survey", new { surveyID = plan.Survey.Id, surveyName = plan.Survey.Name, description = plan.Survey.Description });
        Insert("Programme", new
        {
            programmeID = plan.ProgrammeId, surveyID = plan.Survey.Id, title = r.Title, description = plan.Description, acronym = plan.Acronym,
            dfsIDString = r.Project, tablePrefix = plan.TablePrefix, pairingCriterion = r.PairingCriterion, propPeriod = r.ProprietaryMonths,
            isNonSurvey = 1, reference = r.Reference ?? "NONE",
        });
        foreach (var f in plan.Filters)
            Insert("RequiredFilters", new { programmeID = plan.ProgrammeId, filterID = f.FilterId, nPass = f.Passes });
        foreach (var n in plan.Neighbours)
        {
            Insert("RequiredNeighbours", new
            {
                programmeID = plan.ProgrammeId, neighbourTable = n.Table, surveyID = n.SurveyId, extTableID = n.ExtTableId, extProgID = n.ExtProgId,
                joinCriterion = n.Radius,
            });
        }
    }

    private void Insert(string table, object row)
    {
        var columns = row.GetType().GetProperties().Select(p => p.Name).ToList();
        Database.Execute($"INSERT INTO {Database.Name(table)} ({string.Join(", ", columns.Select(Database.Quote))}) "
            + $"VALUES ({string.Join(", ", columns.Select(SqlDialect.Parameter))})", row);
        Database.Invalidate(table);
    }

    /// <summary>
    /// Frames ingested before the programme was registered carry the unknown programme (-99): those whose PROJECT the
    /// programme now claims are put back in the queues of CU3 (the frame's file) and CU4 (its catalogue), as CU1 does
    /// for a file that changed, so that the next runs identify them as the programme and ingest their detections.
    /// </summary>
    private void RequeueEarlierFrames(RegistrationPlan plan)
    {
        var identifier = new ProgrammeIdentifier(Database.QueryRows($"SELECT programmeID, acronym, dfsIDString, isNonSurvey FROM {Database.Name("Programme")}")
            .Select(r => new ProgrammeEntry(Convert.ToInt32(r["programmeID"], CultureInfo.InvariantCulture), Convert.ToString(r["acronym"], CultureInfo.InvariantCulture)!.TrimEnd(),
                Convert.ToString(r["dfsIDString"], CultureInfo.InvariantCulture)!.Trim(), Convert.ToInt32(r["isNonSurvey"], CultureInfo.InvariantCulture) != 0)));
        var frames = Database.QueryRows(
            $"SELECT m.project, m.catName, f.fileID, f.fileName, f.fileType FROM {Database.Name("Multiframe")} m "
            + $"JOIN {Database.Name("ArchivedFile")} f ON f.fileID = m.fileID WHERE m.programmeID = -99 AND f.deprecated = 0 ORDER BY f.fileName");
        foreach (var frame in frames)
        {
            if (identifier.Identify(Convert.ToString(frame["project"], CultureInfo.InvariantCulture)).ProgrammeId != plan.ProgrammeId)
                continue;
            var fileName = Convert.ToString(frame["fileName"], CultureInfo.InvariantCulture)!.TrimEnd();
            var isCatalogue = Convert.ToString(frame["fileType"], CultureInfo.InvariantCulture)!.Trim() == "catalogue";
            ArchivedFiles.Requeue(Database, Convert.ToInt64(frame["fileID"], CultureInfo.InvariantCulture), metadata: true, detections: isCatalogue);
            requeued.Add(fileName);
            var catName = Convert.ToString(frame["catName"], CultureInfo.InvariantCulture)!.TrimEnd();
            if (!isCatalogue && catName != "NONE" && ArchivedFiles.Find(Database, catName) is { } catalogue)
            {
                ArchivedFiles.Requeue(Database, catalogue.FileId, metadata: false, detections: true);
                requeued.Add(catalogue.FileName);
            }
        }
    }

    private void Report(RegistrationPlan plan, string scriptFile, int indices)
    {
        var r = plan.Registration;
        var dry = Options.DryRun;
        output.WriteLine($"register-programme: {(dry ? $"dry run: {plan} would be" : plan)} registered for PROJECT {r.Project}, "
            + $"survey {plan.Survey}{(plan.Survey.IsNew ? " (new)" : "")}, table prefix {plan.TablePrefix}");
        output.WriteLine($"  title: {r.Title}; PI: {r.Pi}; proprietary period {r.ProprietaryMonths.ToString(CultureInfo.InvariantCulture)} months; "
            + $"pairing criterion {r.PairingCriterion.ToString(CultureInfo.InvariantCulture)} arcsec");
        output.WriteLine("  required filters: " + string.Join(", ", plan.Filters.Select(f => f.Passes == 1 ? f.ShortName : string.Create(CultureInfo.InvariantCulture, $"{f.ShortName} ({f.Passes} passes)"))));
        output.WriteLine("  neighbour tables: " + (plan.Neighbours.Count == 0 ? "none"
            : string.Join(", ", plan.Neighbours.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Table} ({n.With}, {n.Radius} arcsec)")))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  tables {(dry ? "that would be " : "")}created: {string.Join(", ", TablesCreated)}; {indices} index(es)"));
        output.WriteLine(dry ? $"  schema script: would be written to {scriptFile}" : $"  schema script: {scriptFile}");
        output.WriteLine(requeued.Count == 0
            ? "  frames ingested before: none with this PROJECT"
            : string.Create(CultureInfo.InvariantCulture, $"  frames ingested before, {(dry ? "that would be " : "")}queued again for cu3 and cu4: {requeued.Count} file(s): {string.Join(", ", requeued.Select(Path.GetFileName))}"));
        output.WriteLine(dry
            ? "  dry run: rolled back; nothing registered, no script written"
            : $"  next: curate cu3, then curate cu4 (its frames are identified as {plan.Acronym} from now on; cu7 -p {plan.TablePrefix} merges them)");
    }

    /// <summary>The one message of a refused registration: its problem, or the count and each on its own line.</summary>
    private string Refusal(IReadOnlyList<RegistrationProblem> problems)
    {
        if (problems.Count == 1)
            return $"{problems[0]}; nothing was registered";
        return string.Create(CultureInfo.InvariantCulture, $"{request.File}: {problems.Count} problems; nothing was registered:")
            + string.Concat(problems.Select(p => "\n  " + p));
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];
}
