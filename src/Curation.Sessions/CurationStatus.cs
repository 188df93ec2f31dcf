using Curation.Database;

namespace Curation.Sessions;

/// <summary>Where one task stands for the archive or one programme: its last run, its last success, the work waiting
/// for it, and whether it should run next (and why).</summary>
/// <param name="CuId">The task's CU number.</param>
/// <param name="Name">Its command name.</param>
/// <param name="RequiredOrder">Its place in the sequence every programme goes through (<c>CurationTask.requiredOrder</c>).</param>
/// <param name="LastRun">Its last run, or null.</param>
/// <param name="LastSuccess">Its last successful run, or null.</param>
/// <param name="Pending">How much work waits for it (see <paramref name="PendingWhat"/>); null when not measurable.</param>
/// <param name="PendingWhat">What <paramref name="Pending"/> counts, eg. <c>detections not yet merged</c>.</param>
/// <param name="Due">True when it should run next.</param>
/// <param name="Reason">Why it is due, or null.</param>
/// <param name="NotApplicable">Why the task does not apply to the programme (eg. no required filters to merge), or null
/// when it does; a task that does not apply is never due.</param>
public sealed record TaskState(
    int CuId, string Name, int RequiredOrder, HistoryEntry? LastRun, HistoryEntry? LastSuccess, long? Pending, string? PendingWhat, bool Due, string? Reason,
    string? NotApplicable = null);

/// <summary>The state of the archive-wide tasks, or of one programme's tasks.</summary>
/// <param name="Programme">The programme, or null for the archive-wide tasks.</param>
/// <param name="Tasks">Every task of the sequence in order.</param>
public sealed record ScopeState(Programme? Programme, IReadOnlyList<TaskState> Tasks)
{
    /// <summary>The tasks that should run next, in order.</summary>
    public IReadOnlyList<TaskState> Next => Tasks.Where(t => t.Due).ToList();
}

/// <summary>A file CU3 or CU4 rejected, as <c>ArchivedFile</c> records it.</summary>
/// <param name="FileId">The file's ID.</param>
/// <param name="FileName">Its path.</param>
/// <param name="CuId">The task that rejected it: 3 (metadata) or 4 (detections).</param>
/// <param name="Reason">Why.</param>
/// <param name="CuEventId">The event that rejected it.</param>
public sealed record RejectedFile(long FileId, string FileName, int CuId, string Reason, int CuEventId);

/// <summary>The discovery tool behind <c>curate status</c>: for the archive and for every programme with tables, which tasks
/// ran last and how it went, what is new since, and which tasks should run next, in the order of
/// <c>CurationTask.requiredOrder</c>.</summary>
public static class CurationStatus
{
    /// <summary>Tasks that work on the whole archive rather than one programme: transfer (cu1), metadata ingest (cu3).</summary>
    public static readonly IReadOnlySet<int> ArchiveTasks = new HashSet<int> { 1, 3 };

    // The work waiting for each task, as the archive's tables show it. {prog} is the programme's table prefix; @p its ID;
    // @since the last successful event of the task for the programme (0 when none).
    private static readonly (int CuId, string What, string Query)[] Waiting =
    [
        (3, "file(s) registered but not yet ingested", "SELECT COUNT(*) FROM ArchivedFile WHERE metadataState = 0 AND deprecated = 0"),
        // The frames CU2 (MakeJpegsSession) previews: those of image files (not confidence maps or catalogues) in use.
        (2, "detector frame(s) without a preview",
            "SELECT COUNT(*) FROM MultiframeDetector d JOIN Multiframe m ON m.multiframeID = d.multiframeID JOIN ArchivedFile f ON f.fileID = m.fileID "
            + "WHERE m.programmeID = @p AND (d.compFile = 'NONE' OR d.thumbFile = 'NONE') AND f.fileType = 'image' "
            + "AND f.deprecated = 0 AND m.deprecated = 0 AND d.deprecated = 0"),
        (4, "catalogue(s) awaiting detection ingest",
            "SELECT COUNT(*) FROM ArchivedFile f JOIN Multiframe m ON m.catName = f.fileName WHERE m.programmeID = @p AND f.detectionState = 0 AND f.deprecated = 0"),
        (7, "detection(s) ingested since the last merge", "SELECT COUNT(*) FROM {prog}Detection WHERE cuEventID > @since"),
        (16, "source(s) merged since the last neighbour run", "SELECT COUNT(*) FROM {prog}Source WHERE cuEventID > @since"),
    ];

    /// <summary>The files rejected by CU3 or CU4 and not ingested since (the reject list), by name.</summary>
    public static IReadOnlyList<RejectedFile> Rejected(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.QueryRows($"SELECT fileID, fileName, metadataState, metadataEventID, detectionEventID, rejectReason FROM {session.Name("ArchivedFile")} "
                + "WHERE (metadataState = 2 OR detectionState = 2) AND deprecated = 0 ORDER BY fileName")
            .Select(r =>
            {
                var metadata = Convert.ToInt32(r["metadataState"], System.Globalization.CultureInfo.InvariantCulture) == 2;
                return new RejectedFile(Convert.ToInt64(r["fileID"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(r["fileName"], System.Globalization.CultureInfo.InvariantCulture)!.TrimEnd(),
                    metadata ? 3 : 4, Convert.ToString(r["rejectReason"], System.Globalization.CultureInfo.InvariantCulture)!.TrimEnd(),
                    Convert.ToInt32(r[metadata ? "metadataEventID" : "detectionEventID"], System.Globalization.CultureInfo.InvariantCulture));
            })];
    }

    /// <summary>Reads the state of the archive-wide tasks and of every programme with tables, frames or history (the
    /// unknown programme, -99, when frames matched no registered programme).</summary>
    public static (ScopeState Archive, IReadOnlyList<ScopeState> Programmes) Read(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (tasks, history) = TasksAndHistory(session);
        var archive = Scope(session, null, tasks.Where(t => ArchiveTasks.Contains(t.CuId)).ToList(), history);
        var withFrames = session.Query<int>($"SELECT DISTINCT programmeID FROM {session.Name("Multiframe")}").ToHashSet();
        var programmes = Programme.All(session)
            .Where(p => p.HasTables || withFrames.Contains(p.Id) || history.Any(h => h.Programmes.Any(x => x.ProgrammeId == p.Id)))
            .Select(p => ProgrammeScope(session, p, tasks, history))
            .ToList();
        return (archive, programmes);
    }

    /// <summary>Reads the state of one programme's tasks (what <see cref="Read"/> gives for it, without the others').</summary>
    public static ScopeState ReadProgramme(Session session, Programme programme)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(programme);
        var (tasks, history) = TasksAndHistory(session);
        return ProgrammeScope(session, programme, tasks, history);
    }

    private static (List<(int CuId, string Name, int Order)> Tasks, IReadOnlyList<HistoryEntry> History) TasksAndHistory(Session session)
    {
        var tasks = session.Table("CurationTask").Rows
            .Select(r => (CuId: r.Get<int>("cuID"), Name: r.Get<string>("name").TrimEnd(), Order: r.Get<int>("requiredOrder")))
            .Where(t => t.Order > 0).OrderBy(t => t.Order).ToList();
        return (tasks, CurationHistory.Read(session, new HistoryFilter()));
    }

    private static ScopeState ProgrammeScope(Session session, Programme programme, List<(int CuId, string Name, int Order)> tasks, IReadOnlyList<HistoryEntry> history) =>
        Scope(session, programme, tasks.Where(t => !ArchiveTasks.Contains(t.CuId)).ToList(),
            history.Where(h => h.Programmes.Any(x => x.ProgrammeId == programme.Id)).ToList());

    private static ScopeState Scope(Session session, Programme? programme, List<(int CuId, string Name, int Order)> tasks, IReadOnlyList<HistoryEntry> history)
    {
        var states = new List<TaskState>();
        HistoryEntry? upstream = null; // the latest success of an earlier task of the sequence
        foreach (var (cuId, name, order) in tasks)
        {
            var runs = history.Where(h => h.CuId == cuId).ToList();
            var last = runs.LastOrDefault();
            var success = runs.LastOrDefault(h => h.Status == RunStatus.Succeeded);
            var (pending, what) = Pending(session, programme, cuId, success?.CuEventId ?? 0);
            if (programme is not null && NotApplicable(session, programme, cuId, pending) is { } notApplicable)
            {
                states.Add(new TaskState(cuId, name, order, last, success, pending, what, false, null, notApplicable));
                continue;
            }

            string? reason = null;
            if (last is { Status: RunStatus.Failed })
                reason = $"its last run failed (event {last.CuEventId})";
            else if (pending > 0)
                reason = $"{pending} {what}";
            else if (programme is null && last is null && pending is null)
                reason = "never run";
            else if (upstream is not null && (success is null || upstream.CuEventId > success.CuEventId))
                reason = success is null ? $"never run; cu{upstream.CuId} ({upstream.Task}) has" : $"cu{upstream.CuId} ({upstream.Task}) ran after it (event {upstream.CuEventId})";
            states.Add(new TaskState(cuId, name, order, last, success, pending, what, reason is not null, reason));
            if (success is not null && (upstream is null || success.CuEventId > upstream.CuEventId))
                upstream = success;
        }

        return new ScopeState(programme, states);
    }

    /// <summary>Why a task does not apply to a programme, or null when it does: without tables of its own a programme
    /// has only previews (and detections to mark as not ingested while any wait); merging needs required filters,
    /// neighbour tables required neighbours.</summary>
    private static string? NotApplicable(Session session, Programme programme, int cuId, long? pending)
    {
        long Rows(string table) => session.Scalar<long>($"SELECT COUNT(*) FROM {session.Name(table)} WHERE programmeID = @p", new { p = programme.Id });
        return cuId switch
        {
            4 when !programme.HasTables && pending is not > 0 => "no tables of its own",
            7 or 16 or 18 when !programme.HasTables => "no tables of its own",
            7 when Rows("RequiredFilters") == 0 => "no RequiredFilters rows",
            16 when Rows("RequiredNeighbours") == 0 => "no RequiredNeighbours rows",
            _ => null,
        };
    }

    private static (long? Count, string? What) Pending(Session session, Programme? programme, int cuId, int since)
    {
        var waiting = Waiting.Where(w => w.CuId == cuId).ToList();
        if (waiting.Count == 0)
            return (null, null);
        var (_, what, query) = waiting[0];
        if (query.Contains("{prog}", StringComparison.Ordinal))
        {
            if (programme is not { HasTables: true })
                return (null, what);
            query = query.Replace("{prog}Detection", session.Name(programme.TablePrefix + "Detection"), StringComparison.Ordinal)
                .Replace("{prog}Source", session.Name(programme.TablePrefix + "Source"), StringComparison.Ordinal);
        }

        try
        {
            return (session.Scalar<long>(query, new { p = programme?.Id ?? 0, since }), what);
        }
        catch (CurationDatabaseException e)
        {
            return (null, $"{what}: not known ({e.Message})");
        }
    }
}
