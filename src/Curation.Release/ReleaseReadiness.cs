using Curation.Database;
using Curation.Sessions;

namespace Curation.Release;

/// <summary>A task of the sequence every programme goes through before a release (<c>CurationTask.requiredOrder</c> &gt; 0).</summary>
/// <param name="CuId">Its CU number.</param>
/// <param name="Name">Its command name.</param>
/// <param name="Order">Its place in the sequence (1 first).</param>
public sealed record RequiredTask(int CuId, string Name, int Order)
{
    /// <summary><c>cu18 create-indices</c>.</summary>
    public override string ToString() => $"cu{CuId} {Name}";
}

/// <summary>Whether one programme is ready for release.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="LastTask">The task of its last <c>ProgrammeCurationHistory</c> entry among the tasks of the sequence, or null when none ran.</param>
/// <param name="LastEvent">That entry's event, or 0.</param>
/// <param name="LastStatus">That entry's outcome for the programme.</param>
/// <param name="Missing">The tasks still to run, in order (empty when ready).</param>
public sealed record ProgrammeReadiness(Programme Programme, RequiredTask? LastTask, int LastEvent, RunStatus LastStatus, IReadOnlyList<RequiredTask> Missing)
{
    /// <summary>True when the last entry is the final task of the sequence and it succeeded.</summary>
    public bool Ready => Missing.Count == 0;

    /// <summary>One line: <c>LAS (101): last cu7 merge-sources, succeeded (event 12); still to run: cu16 make-neighbours, cu18 create-indices</c>.</summary>
    public override string ToString()
    {
        var last = LastTask is null
            ? "no task of the sequence recorded"
            : $"last {LastTask}, {LastStatus switch { RunStatus.Succeeded => "succeeded", RunStatus.Failed => "failed", _ => "still running or stopped without an outcome" }} (event {LastEvent})";
        return Ready ? $"{Programme}: {last}" : $"{Programme}: {last}; still to run: {string.Join(", ", Missing)}";
    }
}

/// <summary>
/// The check a release makes of each of its programmes: the last <c>ProgrammeCurationHistory</c> entry of the
/// programme, among the tasks of the required sequence (<c>CurationTask.requiredOrder</c> &gt; 0; other tasks, the
/// release itself among them, change no programme's data and are passed over), must be the final task of the sequence
/// (the highest <c>requiredOrder</c>) and must have succeeded. The sequence is read from <c>CurationTask</c>, not
/// written here.
/// </summary>
public static class ReleaseReadiness
{
    /// <summary>The tasks of the required sequence, in order.</summary>
    /// <exception cref="CuRefusedException">CurationTask has no task with a required order.</exception>
    public static IReadOnlyList<RequiredTask> Sequence(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var tasks = session.Table("CurationTask").Rows
            .Select(r => new RequiredTask(r.Get<int>("cuID"), r.Get<string>("name").TrimEnd(), r.Get<int>("requiredOrder")))
            .Where(t => t.Order > 0).OrderBy(t => t.Order).ThenBy(t => t.CuId).ToList();
        return tasks.Count > 0 ? tasks
            : throw new CuRefusedException("CurationTask gives no task a requiredOrder, so no programme can be checked for release; rerun 'curate init'");
    }

    /// <summary>Checks each programme.</summary>
    public static IReadOnlyList<ProgrammeReadiness> Check(Session session, IEnumerable<Programme> programmes)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(programmes);
        var sequence = Sequence(session);
        var byId = sequence.ToDictionary(t => t.CuId);
        var entries = session.Query<(long Programme, long Event, long CuId, long Status)>(
                $"SELECT p.programmeID, p.cuEventID, a.cuID, p.status FROM {session.Name("ProgrammeCurationHistory")} p "
                + $"JOIN {session.Name("ArchiveCurationHistory")} a ON a.cuEventID = p.cuEventID ORDER BY p.programmeID, p.cuEventID")
            .Where(e => byId.ContainsKey((int)e.CuId))
            .ToLookup(e => (int)e.Programme);
        return programmes.Select(p =>
        {
            if (!entries[p.Id].Any())
                return new ProgrammeReadiness(p, null, 0, RunStatus.Running, sequence);
            var last = entries[p.Id].Last();
            var task = byId[(int)last.CuId];
            var status = (RunStatus)last.Status;

            // Still to run: the tasks after the last one, and the last one again unless it succeeded.
            var missing = sequence.Where(t => t.Order > task.Order || (t == task && status != RunStatus.Succeeded)).ToList();
            return new ProgrammeReadiness(p, task, (int)last.Event, status, missing);
        }).ToList();
    }

    /// <summary>The refusal listing every programme not ready, or null when all are.</summary>
    public static string? Refusal(Survey survey, IReadOnlyList<RequiredTask> sequence, IReadOnlyList<ProgrammeReadiness> checks)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(checks);
        var notReady = checks.Where(c => !c.Ready).ToList();
        if (notReady.Count == 0)
            return null;
        return $"{notReady.Count} of the {checks.Count} programme(s) of the {survey.Name} release have not finished the required sequence "
            + $"({string.Join(", ", sequence.Select(t => t.ToString()))}; the last entry of each must be {sequence[^1]}, succeeded):\n  "
            + string.Join("\n  ", notReady.Select(c => c.ToString()));
    }
}
