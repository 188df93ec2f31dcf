using System.CommandLine;

namespace Curation.Invocations.Commands.Nightly;

/// <summary><c>curate nightly</c>: every curation task that is due, for the archive and each programme, unattended.</summary>
internal static class NightlyCommand
{
    /// <summary><c>--from</c>.</summary>
    public static readonly Option<string?> From = new("--from")
    {
        Description = "Where CU1 transfers from, as for 'curate transfer --from' (default: CURATION_SOURCE; without either, CU1 is skipped).",
        HelpName = "SOURCE",
    };

    /// <summary><c>--programme</c>, repeatable.</summary>
    public static readonly Option<string[]> Programmes = new("--programme", "-p")
    {
        Description = "Only these programmes' chains (ID, acronym or table prefix; repeatable). Default: every programme.",
        HelpName = "P",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary><c>--wait</c>.</summary>
    public static readonly Option<bool> Wait = new("--wait")
    {
        Description = "If another nightly run is going, wait for it to finish instead of refusing.",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var archiveDir = CommonOptions.ArchiveDir();
        var schemaDir = CommonOptions.SchemaDir();
        var command = CommandHelp.Create("nightly", "Run every curation task that is due, for the archive and each programme, in order (for cron).",
            "Run the night's curation unattended: CU1 (transfer from --from, when given), then CU3 if 'curate status'\n"
            + "says it is due, then for each programme the tasks status says are due, in the required order: CU2\n"
            + "previews, CU4 detections, CU7 merge (programmes with RequiredFilters), CU16 neighbours (programmes with\n"
            + "RequiredNeighbours). A task that fails stops its programme's chain; the other programmes go on. CU18\n"
            + "(indices) runs last, when due and when no chain stopped. Each task records its own run and writes its own\n"
            + "log file in --log-dir; the nightly prints one plain line per task and a summary. A lock keeps two nightly\n"
            + "runs apart. Exit 0 when every task succeeded, else 1.\n\n"
            + "Examples:\n"
            + "  curate nightly --from /data/casu/wfcam --archive-dir /data/wsa\n"
            + "  30 7 * * * curate nightly --db postgres://curator@dbhost/wsa --from casu:/export/wfcam --archive-dir /data/wsa --log-dir /var/log/curation >> /var/log/curation/nightly.log 2>&1");
        CommandHelp.Add(command, From, archiveDir, Programmes, Wait, schemaDir, CuCommand.Comment, CuCommand.Curator);
        CommandAction.Set(command, context, parseResult =>
        {
            var options = CuCommand.Options(parseResult, perProgramme: false) with { Comment = parseResult.GetValue(CuCommand.Comment) ?? "curate nightly" };
            var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
            var request = new NightlyRequest
            {
                Source = parseResult.GetValue(From) ?? Environment.GetEnvironmentVariable("CURATION_SOURCE"),
                ArchiveDirectory = CommonOptions.ArchiveDirOf(parseResult, archiveDir),
                Programmes = parseResult.GetValue(Programmes) ?? [],
                Wait = parseResult.GetValue(Wait),
            };
            return new NightlyRun(options, scripts, request, context.Out, context.Error).Run();
        });
        return command;
    }
}
