using System.CommandLine;
using Curation.Database;
using Curation.Sessions;

namespace Curation.Invocations;

/// <summary>The options every curation task (CU) command shares, and the action that runs its session.</summary>
internal static class CuCommand
{
    /// <summary><c>--dry-run</c>.</summary>
    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Do the work and report it, but roll every change back and record nothing in the curation history.",
    };

    /// <summary><c>--comment</c>.</summary>
    public static readonly Option<string?> Comment = new("--comment")
    {
        Description = "A comment recorded with the run in ArchiveCurationHistory (up to 256 characters).",
        HelpName = "TEXT",
    };

    /// <summary><c>--curator</c>.</summary>
    public static readonly Option<string?> Curator = new("--curator")
    {
        Description = "Who is responsible for the run (default: the user name; up to 16 characters are recorded).",
        HelpName = "NAME",
    };

    /// <summary><c>--wait</c>.</summary>
    public static readonly Option<bool> Wait = new("--wait")
    {
        Description = "If another session is curating the same programme (or running the same task), wait for it to finish instead of refusing.",
    };

    /// <summary><c>--programme</c>, required by the programme tasks.</summary>
    public static readonly Option<string> Programme = new("--programme", "-p")
    {
        Description = "The programme to curate: its ID, acronym or table prefix (eg. 101, LAS or las).",
        HelpName = "P",
        Required = true,
    };

    /// <summary>What every task's help ends with, unless it says otherwise.</summary>
    public const string HistoryNote = "Every run is recorded in ArchiveCurationHistory (see 'curate history') with a log file in --log-dir\n"
        + "(default: CURATION_LOG_DIR, else ./logs). On failure, or on Ctrl-C/SIGTERM, the unit of work in progress is\n"
        + "rolled back, the run recorded as failed, and the exit code is 1 (130 for Ctrl-C, 143 for SIGTERM); a rerun\n"
        + "carries on where it stopped.";

    /// <summary>
    /// Creates a task's command named <paramref name="name"/> with its alias <c>cuN</c>, the shared options (and
    /// <c>--programme</c> when <paramref name="perProgramme"/>), and an action that builds the session and runs it. The
    /// help ends with <paramref name="historyNote"/> (default <see cref="HistoryNote"/>); a task whose dry run is not
    /// <see cref="DryRun"/>'s gives its own <c>--dry-run</c> in <paramref name="dryRun"/>.
    /// </summary>
    public static Command Create(CliContext context, int cuId, string name, string summary, string details, bool perProgramme,
        Symbol[] extra, Func<ParseResult, CuSessionOptions, CuSession> session, string? historyNote = null, Option<bool>? dryRun = null)
    {
        dryRun ??= DryRun;
        var command = CommandHelp.Create(name, summary, details + "\n\n" + (historyNote ?? HistoryNote));
        command.Aliases.Add($"cu{cuId}");
        CommandHelp.Add(command, [.. extra, .. perProgramme ? new Symbol[] { Programme } : [], dryRun, Comment, Curator, Wait]);
        command.SetAction(parseResult =>
        {
            CuSessionOptions options;
            CuSession run;
            try
            {
                options = Options(parseResult, perProgramme) with { DryRun = parseResult.GetValue(dryRun) };
                run = session(parseResult, options);
            }
            catch (Exception e) when (e is CurationUsageException or FormatException or Schema.SchemaParseException or IOException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }

            return run.Run(context.Error);
        });
        return command;
    }

    /// <summary>The session options a command line gives.</summary>
    internal static CuSessionOptions Options(ParseResult parseResult, bool perProgramme)
    {
        if (parseResult.GetValue(CommonOptions.Verbose) && parseResult.GetValue(CommonOptions.Quiet))
            throw new CurationUsageException("--verbose and --quiet cannot be used together");
        return new CuSessionOptions
        {
            Database = DatabaseUrl.FromOptionOrEnvironment(parseResult.GetValue(CommonOptions.Db)),
            LogDirectory = parseResult.GetValue(CommonOptions.LogDir)?.FullName,
            DryRun = parseResult.GetValue(DryRun),
            Comment = parseResult.GetValue(Comment),
            Curator = parseResult.GetValue(Curator) is { Length: > 0 } curator ? curator : Environment.UserName,
            Wait = parseResult.GetValue(Wait),
            Programme = perProgramme ? parseResult.GetValue(Programme) : null,
            Verbosity = CommonOptions.VerbosityOf(parseResult),
        };
    }
}
