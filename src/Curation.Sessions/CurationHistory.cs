using Curation.Database;

namespace Curation.Sessions;

/// <summary>The outcome of a curation event, as <c>ArchiveCurationHistory.status</c> stores it.</summary>
public enum RunStatus
{
    /// <summary>0: running, or stopped without recording its outcome.</summary>
    Running = 0,

    /// <summary>1: finished its work.</summary>
    Succeeded = 1,

    /// <summary>2: failed or was interrupted; its unfinished work was rolled back.</summary>
    Failed = 2,
}

/// <summary>What one curation event did for one programme (a row of <c>ProgrammeCurationHistory</c>).</summary>
/// <param name="ProgrammeId">The programme.</param>
/// <param name="Acronym">Its acronym.</param>
/// <param name="Status">The outcome for it.</param>
public sealed record ProgrammeOutcome(int ProgrammeId, string Acronym, RunStatus Status);

/// <summary>One curation event (a row of <c>ArchiveCurationHistory</c>, with its task's name and its programmes).</summary>
/// <param name="CuEventId">The event's identifier.</param>
/// <param name="CuId">The task (CU number).</param>
/// <param name="Task">The task's command name, eg. <c>ingest-detections</c>.</param>
/// <param name="Curator">Who ran it.</param>
/// <param name="StartTime">When it started (UTC).</param>
/// <param name="EndTime">When it ended (UTC); null while running or when it stopped without recording it.</param>
/// <param name="Status">Its outcome.</param>
/// <param name="RolledBack">True when its unfinished work was rolled back.</param>
/// <param name="Comment">The curator's comment.</param>
/// <param name="LogFile">Its log file.</param>
/// <param name="Programmes">The programmes it worked on.</param>
public sealed record HistoryEntry(
    int CuEventId, int CuId, string Task, string Curator, DateTime StartTime, DateTime? EndTime, RunStatus Status, bool RolledBack,
    string Comment, string LogFile, IReadOnlyList<ProgrammeOutcome> Programmes);

/// <summary>Reads and writes the curation history tables (<c>ArchiveCurationHistory</c>, <c>ProgrammeCurationHistory</c>).</summary>
public static class CurationHistory
{
    /// <summary>The value the scripts give unset times ('9999-12-31 23:59:59').</summary>
    public static readonly DateTime Unset = new(9999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);

    /// <summary>The current UTC time as the history stores it: whole milliseconds, no time-zone kind (the columns are
    /// <c>datetime</c>/<c>timestamp</c> in UTC).</summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Unspecified);
    }

    /// <summary>Records the start of an event: allocates the next <c>cuEventID</c> and inserts its row (status running),
    /// committed at once so that the event is visible even if the process is killed. Returns the ID.</summary>
    public static int Start(Session session, int cuId, string curator, string logFile, string comment, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var table = session.Name("ArchiveCurationHistory");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return session.InTransaction(() =>
                {
                    var id = session.Scalar<int>($"SELECT COALESCE(MAX(cuEventID), 0) + 1 FROM {table}");
                    session.Execute(
                        $"INSERT INTO {table} (cuEventID, cuID, logFile, curator, comment, rolledBack, startTime, status) "
                        + "VALUES (@id, @cuId, @logFile, @curator, @comment, 0, @now, 0)",
                        new { id, cuId, logFile = Fit(logFile, 256), curator = Fit(curator, 16), comment = Fit(comment, 256), now });
                    return id;
                });
            }
            catch (CurationDatabaseException) when (attempt < 5)
            {
                // Another session took the same ID at the same moment: the primary key refused ours; take the next.
                Thread.Sleep(50 * attempt);
            }
        }
    }

    /// <summary>Records that event <paramref name="cuEventId"/> works on a programme (status running), committed at once.</summary>
    public static void StartProgramme(Session session, int cuEventId, int programmeId)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.InsertIfMissing("ProgrammeCurationHistory", new { cuEventID = cuEventId, programmeID = programmeId, status = 0 }, "cuEventID", "programmeID");
    }

    /// <summary>Records the end of an event, and the same outcome for each of its programmes.</summary>
    public static void Finish(Session session, int cuEventId, RunStatus status, bool rolledBack, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.InTransaction(() =>
        {
            session.Execute(
                $"UPDATE {session.Name("ArchiveCurationHistory")} SET status = @status, rolledBack = @rolledBack, endTime = @now, timeStamp = @now "
                + "WHERE cuEventID = @cuEventId",
                new { status = (int)status, rolledBack = rolledBack ? 1 : 0, now, cuEventId });
            session.Execute(
                $"UPDATE {session.Name("ProgrammeCurationHistory")} SET status = @status, timeStamp = @now WHERE cuEventID = @cuEventId",
                new { status = (int)status, now, cuEventId });
        });
    }

    /// <summary>
    /// Marks as failed and rolled back the events still recorded as running that the caller's lock proves dead (their
    /// process ended without recording an outcome: killed, or the machine stopped): those of <paramref name="programmeId"/>,
    /// or, with none, those of task <paramref name="cuId"/>. Called before the caller records its own run. Their
    /// uncommitted work was already undone by the engine. With <paramref name="write"/> false (a dry run) nothing is
    /// changed. Returns the events found.
    /// </summary>
    public static IReadOnlyList<HistoryEntry> MarkAbandoned(Session session, int cuId, int? programmeId, DateTime now, bool write)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ach = session.Name("ArchiveCurationHistory");
        var pch = session.Name("ProgrammeCurationHistory");
        var ids = programmeId is { } p
            ? session.Query<int>($"SELECT cuEventID FROM {pch} WHERE programmeID = @p AND status = 0", new { p })
            : session.Query<int>($"SELECT cuEventID FROM {ach} WHERE cuID = @cuId AND status = 0", new { cuId });
        if (ids.Count == 0)
            return [];
        var entries = Read(session, new HistoryFilter { ProgrammeId = programmeId, CuId = programmeId is null ? cuId : null }).Where(e => ids.Contains(e.CuEventId)).ToList();
        if (write)
        {
            session.InTransaction(() =>
            {
                foreach (var id in ids)
                {
                    session.Execute($"UPDATE {ach} SET status = 2, rolledBack = 1, endTime = @now, timeStamp = @now WHERE cuEventID = @id AND status = 0", new { id, now });
                    session.Execute($"UPDATE {pch} SET status = 2, timeStamp = @now WHERE cuEventID = @id AND status = 0", new { id, now });
                }
            });
        }

        return entries;
    }

    /// <summary>The events matching <paramref name="filter"/>, oldest first.</summary>
    public static IReadOnlyList<HistoryEntry> Read(Session session, HistoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(filter);
        var ach = session.Name("ArchiveCurationHistory");
        var pch = session.Name("ProgrammeCurationHistory");
        var where = new List<string>();
        if (filter.CuId is not null)
            where.Add("h.cuID = @cuId");
        if (filter.ProgrammeId is not null)
            where.Add($"h.cuEventID IN (SELECT cuEventID FROM {pch} WHERE programmeID = @programmeId)");
        var sql = $"SELECT h.cuEventID, h.cuID, t.name, h.curator, h.startTime, h.endTime, h.status, h.rolledBack, h.comment, h.logFile "
            + $"FROM {ach} h JOIN {session.Name("CurationTask")} t ON t.cuID = h.cuID"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
        if (filter.Last is { } last)
            sql = session.Dialect.Page(sql, "h.cuEventID DESC", 0, last);
        else
            sql += " ORDER BY h.cuEventID DESC";
        var rows = session.Query<(long CuEventId, long CuId, string Task, string Curator, DateTime Start, DateTime End, long Status, long RolledBack, string Comment, string LogFile)>(
            sql, new { cuId = filter.CuId, programmeId = filter.ProgrammeId });
        if (rows.Count == 0)
            return [];

        var programmes = session.Query<(long CuEventId, long ProgrammeId, string Acronym, long Status)>(
            $"SELECT c.cuEventID, c.programmeID, p.acronym, c.status FROM {pch} c JOIN {session.Name("Programme")} p ON p.programmeID = c.programmeID "
            + $"WHERE c.cuEventID >= @min ORDER BY c.programmeID", new { min = rows.Min(r => r.CuEventId) })
            .ToLookup(r => r.CuEventId, r => new ProgrammeOutcome((int)r.ProgrammeId, r.Acronym.TrimEnd(), (RunStatus)r.Status));
        return rows.OrderBy(r => r.CuEventId).Select(r => new HistoryEntry(
            (int)r.CuEventId, (int)r.CuId, r.Task.TrimEnd(), r.Curator.TrimEnd(), r.Start, r.End >= Unset ? null : r.End, (RunStatus)r.Status,
            r.RolledBack != 0, r.Comment.TrimEnd(), r.LogFile.TrimEnd(), [.. programmes[r.CuEventId]])).ToList();
    }

    private static string Fit(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Which events <see cref="CurationHistory.Read"/> returns.</summary>
public sealed record HistoryFilter
{
    /// <summary>Only events that worked on this programme.</summary>
    public int? ProgrammeId { get; init; }

    /// <summary>Only events of this task (CU number).</summary>
    public int? CuId { get; init; }

    /// <summary>Only the last N events.</summary>
    public int? Last { get; init; }
}
