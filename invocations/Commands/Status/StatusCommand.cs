using System.CommandLine;
using System.Text.Json;
using Curation.Database;
using Curation.Invocations.Commands.History;
using Curation.Sessions;

namespace Curation.Invocations.Commands.Status;

/// <summary><c>curate status</c>: for the archive and each programme, what ran last, what waits, and what to run next.</summary>
internal static class StatusCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the state as one JSON document instead of text." };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = CommandHelp.Create("status", "Show, for the archive and each programme, which tasks ran last, what is new since, and what to run next.",
            "Show where curation stands. For the archive-wide tasks (cu1 transfer, cu3 ingest-metadata) and for each\n"
            + "programme with tables, every task of the required sequence (CurationTask.requiredOrder) with its last run\n"
            + "and outcome, the work waiting for it (files registered but not yet ingested, catalogues awaiting detection\n"
            + "ingest, detections not yet merged, ...), and the tasks to run next, in order. A task is due when work waits\n"
            + "for it, when its last run failed, or when an earlier task of the sequence succeeded after it. Last, the reject\n"
            + "list: the files CU3 or CU4 rejected, with the reason.\n\n"
            + "JSON: {\"database\",\"archive\":{\"tasks\":[...],\"next\":[...]},\"programmes\":[{\"programmeID\",\"acronym\",\n"
            + "\"tasks\":[{\"cuID\",\"task\",\"order\",\"lastRun\",\"lastSuccess\",\"pending\",\"pendingWhat\",\"due\",\"reason\"}],\"next\"}],\n"
            + "\"rejected\":[{\"fileID\",\"fileName\",\"cuID\",\"cuEventID\",\"reason\"}]};\n"
            + "lastRun and lastSuccess are runs as 'curate history --json' prints them.\n\n"
            + "Examples:\n"
            + "  curate status\n"
            + "  curate status --json | jq '.programmes[] | {acronym, next}'");
        CommandHelp.Add(command, Json);
        CommandAction.Set(command, context, parseResult =>
        {
            var url = DatabaseUrl.FromOptionOrEnvironment(parseResult.GetValue(CommonOptions.Db));
            using var session = Session.Open(url);
            var (archive, programmes) = CurationStatus.Read(session);
            var rejected = CurationStatus.Rejected(session);
            if (parseResult.GetValue(Json))
                WriteJson(context.Out, url, archive, programmes, rejected);
            else
                WriteText(context.Out, url, archive, programmes, rejected);
            return 0;
        });
        return command;
    }

    private static void WriteText(TextWriter output, DatabaseUrl url, ScopeState archive, IReadOnlyList<ScopeState> programmes, IReadOnlyList<RejectedFile> rejected)
    {
        output.WriteLine($"Curation status of {url}");
        foreach (var scope in programmes.Prepend(archive))
        {
            output.WriteLine();
            output.WriteLine(scope.Programme is { } p ? $"programme {p.Acronym} ({p.Id}): {p.Title}" : "archive-wide tasks");
            var rows = scope.Tasks.Select(t => new[]
            {
                $"cu{t.CuId}", t.Name,
                t.LastRun is { } r ? $"{HistoryCommand.Time(r.StartTime)}  {HistoryCommand.StatusText(r)} (event {r.CuEventId})" : "never run",
                t.NotApplicable is { } na ? $"not applicable: {na}" : t.Pending is { } n ? $"{n} {t.PendingWhat}" : "",
            }).ToList();
            Table.Write(output, ["  task", "", "last run (UTC)", "waiting"], rows.Select(r => r.Select((c, i) => i == 0 ? "  " + c : c).ToArray()).ToList());
            output.WriteLine(scope.Next.Count == 0
                ? "  next: nothing to do"
                : "  next: " + string.Join("; ", scope.Next.Select(t => $"cu{t.CuId} {t.Name} ({t.Reason})")));
        }

        output.WriteLine();
        if (rejected.Count == 0)
        {
            output.WriteLine("rejected files: none");
            return;
        }

        output.WriteLine($"rejected files ({rejected.Count}; fix each and rerun its task with --file, or supersede it):");
        foreach (var r in rejected)
            output.WriteLine($"  cu{r.CuId} event {r.CuEventId}  {r.FileName}: {r.Reason}");
    }

    private static void WriteJson(TextWriter output, DatabaseUrl url, ScopeState archive, IReadOnlyList<ScopeState> programmes, IReadOnlyList<RejectedFile> rejected) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("database", url.ToString());
            json.WritePropertyName("archive");
            WriteScope(json, archive);
            json.WriteStartArray("programmes");
            foreach (var p in programmes)
                WriteScope(json, p);
            json.WriteEndArray();
            json.WriteStartArray("rejected");
            foreach (var r in rejected)
            {
                json.WriteStartObject();
                json.WriteNumber("fileID", r.FileId);
                json.WriteString("fileName", r.FileName);
                json.WriteNumber("cuID", r.CuId);
                json.WriteNumber("cuEventID", r.CuEventId);
                json.WriteString("reason", r.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteScope(Utf8JsonWriter json, ScopeState scope)
    {
        json.WriteStartObject();
        if (scope.Programme is { } p)
        {
            json.WriteNumber("programmeID", p.Id);
            json.WriteString("acronym", p.Acronym);
            json.WriteString("title", p.Title);
        }

        json.WriteStartArray("tasks");
        foreach (var t in scope.Tasks)
        {
            json.WriteStartObject();
            json.WriteNumber("cuID", t.CuId);
            json.WriteString("task", t.Name);
            json.WriteNumber("order", t.RequiredOrder);
            Run(json, "lastRun", t.LastRun);
            Run(json, "lastSuccess", t.LastSuccess);
            if (t.Pending is { } n)
                json.WriteNumber("pending", n);
            else
                json.WriteNull("pending");
            json.WriteString("pendingWhat", t.PendingWhat);
            json.WriteBoolean("due", t.Due);
            json.WriteString("reason", t.Reason);
            if (t.NotApplicable is { } notApplicable)
                json.WriteString("notApplicable", notApplicable);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("next");
        foreach (var t in scope.Next)
            json.WriteStringValue($"cu{t.CuId}");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Run(Utf8JsonWriter json, string name, HistoryEntry? entry)
    {
        json.WritePropertyName(name);
        if (entry is null)
            json.WriteNullValue();
        else
            HistoryCommand.Write(json, entry);
    }
}
