using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Curation.Database;
using Curation.Sessions;

namespace Curation.Invocations.Commands.History;

/// <summary><c>curate history</c>: the curation log, from <c>ArchiveCurationHistory</c> and <c>ProgrammeCurationHistory</c>.</summary>
internal static class HistoryCommand
{
    private static readonly Option<string?> ProgrammeOption = new("--programme", "-p")
    {
        Description = "Only runs that worked on this programme (ID, acronym or table prefix, eg. 101, LAS or las).",
        HelpName = "P",
    };

    private static readonly Option<string?> Cu = new("--cu")
    {
        Description = "Only runs of this task: its CU number or name (4, cu4 or ingest-detections).",
        HelpName = "N",
    };

    private static readonly Option<int> Last = new("--last")
    {
        Description = "Show the last N runs (default 20; 0 for all).",
        HelpName = "N",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "Print a JSON array of the runs instead of a table." };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = CommandHelp.Create("history", "List the curation log: which tasks ran, when, by whom, on which programmes, and how they ended.",
            "List the curation log: each run (curation event) of a task, oldest first, with its programmes, curator,\n"
            + "start and end times (UTC), outcome and comment. Outcomes: succeeded; failed (rolled back) - the run failed or\n"
            + "was interrupted and the unit it was doing was rolled back (units it finished stay); running - in progress,\n"
            + "or ended without recording its outcome (the next run of the task marks it failed).\n\n"
            + "JSON: [{\"cuEventID\",\"cuID\",\"task\",\"programmes\":[{\"programmeID\",\"acronym\",\"status\"}],\"curator\",\n"
            + "\"startTime\",\"endTime\",\"status\",\"rolledBack\",\"comment\",\"logFile\"}]; times in UTC, ISO 8601.\n\n"
            + "Examples:\n"
            + "  curate history\n"
            + "  curate history --programme LAS --cu ingest-detections --last 5\n"
            + "  curate history --last 0 --json | jq '.[] | select(.status == \"failed\")'");
        CommandHelp.Add(command, ProgrammeOption, Cu, Last, Json);
        CommandAction.Set(command, context, parseResult =>
        {
            using var session = Session.Open(DatabaseUrl.FromOptionOrEnvironment(parseResult.GetValue(CommonOptions.Db)));
            var filter = new HistoryFilter
            {
                ProgrammeId = parseResult.GetValue(ProgrammeOption) is { } p ? Programme.Find(session, p).Id : null,
                CuId = parseResult.GetValue(Cu) is { } cu ? TaskId(session, cu) : null,
                Last = parseResult.GetValue(Last) is > 0 and var n ? n : null,
            };
            var entries = CurationHistory.Read(session, filter);
            if (parseResult.GetValue(Json))
                WriteJson(context.Out, entries);
            else
                WriteTable(context.Out, entries);
            return 0;
        });
        return command;
    }

    /// <summary>The CU number of a task given by number (4), <c>cu4</c> or name (<c>ingest-detections</c>).</summary>
    internal static int TaskId(Session session, string text)
    {
        var key = text.Trim();
        var number = key.StartsWith("cu", StringComparison.OrdinalIgnoreCase) ? key[2..] : key;
        var tasks = session.Table("CurationTask");
        var row = int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? tasks.Find("cuID", id) : tasks.Find("name", key);
        return row?.Get<int>("cuID") ?? throw new CurationUsageException(
            $"no task '{key}'; known: " + string.Join(", ", tasks.Rows.Select(r => $"cu{r.Get<int>("cuID")} {r.Get<string>("name").TrimEnd()}")));
    }

    /// <summary>The words for an outcome.</summary>
    internal static string StatusText(HistoryEntry e) => e.Status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => e.RolledBack ? "failed (rolled back)" : "failed",
        _ => "running",
    };

    private static void WriteTable(TextWriter output, IReadOnlyList<HistoryEntry> entries)
    {
        if (entries.Count == 0)
        {
            output.WriteLine("No curation runs recorded.");
            return;
        }

        var rows = entries.Select(e => new[]
        {
            e.CuEventId.ToString(CultureInfo.InvariantCulture), $"cu{e.CuId}", e.Task,
            e.Programmes.Count == 0 ? "-" : string.Join(",", e.Programmes.Select(p => p.Acronym)),
            e.Curator, Time(e.StartTime), e.EndTime is { } end ? Time(end) : "-", StatusText(e), e.Comment == "NONE" ? "" : e.Comment,
        }).ToList();
        Table.Write(output, ["event", "cu", "task", "programmes", "curator", "started (UTC)", "ended (UTC)", "status", "comment"], rows, rightAligned: [0]);
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<HistoryEntry> entries) => JsonOutput.Write(output, json =>
    {
        json.WriteStartArray();
        foreach (var e in entries)
            Write(json, e);
        json.WriteEndArray();
    });

    /// <summary>One run as a JSON object.</summary>
    internal static void Write(Utf8JsonWriter json, HistoryEntry e)
    {
        json.WriteStartObject();
        json.WriteNumber("cuEventID", e.CuEventId);
        json.WriteNumber("cuID", e.CuId);
        json.WriteString("task", e.Task);
        json.WriteStartArray("programmes");
        foreach (var p in e.Programmes)
        {
            json.WriteStartObject();
            json.WriteNumber("programmeID", p.ProgrammeId);
            json.WriteString("acronym", p.Acronym);
            json.WriteString("status", p.Status.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("curator", e.Curator);
        json.WriteString("startTime", Iso(e.StartTime));
        if (e.EndTime is { } end)
            json.WriteString("endTime", Iso(end));
        else
            json.WriteNull("endTime");
        json.WriteString("status", e.Status.ToString().ToLowerInvariant());
        json.WriteBoolean("rolledBack", e.RolledBack);
        json.WriteString("comment", e.Comment);
        json.WriteString("logFile", e.LogFile);
        json.WriteEndObject();
    }

    /// <summary>A UTC time as the tables show it.</summary>
    internal static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
