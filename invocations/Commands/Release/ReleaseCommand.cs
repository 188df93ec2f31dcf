using System.CommandLine;
using System.Globalization;
using Curation.Database;
using Curation.Release;

namespace Curation.Invocations.Commands.Release;

/// <summary><c>curate release</c> (<c>cu19</c>): publishes a release database of one survey.</summary>
internal static class ReleaseCommand
{
    /// <summary><c>--survey</c>.</summary>
    public static readonly Option<string> Survey = new("--survey")
    {
        Description = "The survey to release: its ID or name in Survey (eg. 1 or UKIDSS).",
        HelpName = "NAME|ID",
        Required = true,
    };

    /// <summary><c>--release-num</c>.</summary>
    public static readonly Option<int?> ReleaseNum = new("--release-num")
    {
        Description = "The release number (default: one more than the survey's last release in Release, 1 for its first).",
        HelpName = "N",
    };

    /// <summary><c>--date</c>.</summary>
    public static readonly Option<string?> Date = new("--date")
    {
        Description = "The release date: frames still proprietary on it are left out (default: today, UTC).",
        HelpName = "YYYY-MM-DD",
    };

    /// <summary><c>--description</c>.</summary>
    public static readonly Option<string?> Description = new("--description")
    {
        Description = "A brief description recorded in Release (default: SURVEY DRn; up to 256 characters).",
        HelpName = "TEXT",
    };

    /// <summary><c>--release-db</c>.</summary>
    public static readonly Option<string?> ReleaseDb = new("--release-db")
    {
        Description = "The release database, of the archive's engine and on its server (default: sqlite:DIR/ARCHIVE_SURVEY_DRn.db "
            + "beside an SQLite archive, or the database archive_survey_drn on the archive's server).",
        HelpName = "URL",
    };

    /// <summary><c>--out</c>.</summary>
    public static readonly Option<DirectoryInfo?> Out = new("--out")
    {
        Description = "Where the schema browser NAME_schema/ and the summary NAME_summary.json go, and an SQLite release file "
            + "without --release-db (default: beside the SQLite release file; the current directory for a server database).",
        HelpName = "DIR",
    };

    /// <summary><c>--dry-run</c>: the release's own, which checks and reports and makes nothing.</summary>
    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Make the checks and print what the release would hold (programmes, frames kept and left out, its "
            + "database); make nothing and record nothing in the curation history.",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 19, "release", "CU19: publish a release database of a survey, for the release manager.",
            "CU19: publish a release database of a survey. The release holds the survey's programmes that have tables of\n"
            + "their own and frames public on the release date: a frame is public once its date of observation plus its\n"
            + "programme's proprietary period (Programme.propPeriod, months) is on or before that date. Refused, with every\n"
            + "reason, unless each of those programmes has finished the required sequence: its last ProgrammeCurationHistory\n"
            + "entry among the tasks of CurationTask.requiredOrder must be the final one (cu18 create-indices) and must\n"
            + "have succeeded. Then the archive is copied under a temporary name (SQLite: the online backup API;\n"
            + "PostgreSQL: CREATE DATABASE ... TEMPLATE, or pg_dump | pg_restore while other sessions are connected; SQL\n"
            + "Server: BACKUP and RESTORE), checked again, trimmed of the curation-only tables (--/P in the scripts) and of\n"
            + "the frames left out with everything derived from them (detector frames, headers, detections, frame sets\n"
            + "and their sources, neighbour pairs), indexed as cu18 would, and the release recorded in its Release table\n"
            + "and ProgrammeFrame.releaseNum. The schema browser (NAME_schema/) and a summary (NAME_summary.json: tables,\n"
            + "rows, programmes) are written beside it, the summary printed. Only then is everything renamed into place,\n"
            + "in the transaction that records the release in the archive's Release table. A failure at any step removes\n"
            + "what was made and leaves the archive as it was (but for the run's history row, marked failed); a rerun\n"
            + "starts again. With --dry-run the checks are made and what the release would hold is printed; nothing is\n"
            + "made. See docs/release.md.\n\n"
            + "Examples:\n"
            + "  curate release --survey UKIDSS --dry-run\n"
            + "  curate cu19 --survey UKIDSS --date 2026-06-30 --description 'UKIDSS DR1' --out /data/releases\n"
            + "  curate release --db postgres://curator@dbhost/wsa --survey 1 --release-db postgres://curator@dbhost/ukidssdr1",
            perProgramme: false, [Survey, ReleaseNum, Date, Description, ReleaseDb, Out, schemaDir],
            (parseResult, options) =>
            {
                DateOnly? date = null;
                if (parseResult.GetValue(Date) is { } text)
                {
                    date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? d
                        : throw new CurationUsageException($"--date {text} is not a date YYYY-MM-DD");
                }

                if (parseResult.GetValue(ReleaseNum) is < 1)
                    throw new CurationUsageException("--release-num must be 1 or more");
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                return new ReleaseSession(options, scripts, new ReleaseRequest
                {
                    Survey = parseResult.GetValue(Survey)!,
                    ReleaseNum = parseResult.GetValue(ReleaseNum),
                    Date = date,
                    Description = parseResult.GetValue(Description),
                    ReleaseDatabase = parseResult.GetValue(ReleaseDb) is { Length: > 0 } url ? DatabaseUrl.Parse(url) : null,
                    OutDirectory = parseResult.GetValue(Out)?.FullName,
                }, context.Out);
            },
            "The run is recorded in ArchiveCurationHistory (see 'curate history') and ProgrammeCurationHistory, with its\n"
            + "summary as the results file and a log file in --log-dir (default: CURATION_LOG_DIR, else ./logs). On failure,\n"
            + "or on Ctrl-C/SIGTERM, the unfinished release is removed, the run recorded as failed, and the exit code is 1\n"
            + "(130 for Ctrl-C, 143 for SIGTERM); a refusal records nothing.",
            DryRun);
    }
}
