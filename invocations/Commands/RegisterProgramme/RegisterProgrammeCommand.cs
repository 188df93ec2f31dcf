using System.CommandLine;
using Curation.TablePreparation.Registration;

namespace Curation.Invocations.Commands.RegisterProgramme;

/// <summary><c>curate register-programme</c> (<c>cu21</c>): registers a new non-survey programme from a registration file.</summary>
internal static class RegisterProgrammeCommand
{
    /// <summary>The registration file.</summary>
    public static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "The registration file: a JSON object naming the programme's PROJECT, title, PI, filters, proprietary period and "
            + "neighbour tables (docs/register-programme.md).",
    };

    /// <summary><c>--scripts-dir</c>.</summary>
    public static readonly Option<DirectoryInfo?> ScriptsDir = new("--scripts-dir")
    {
        Description = "Where the programme's schema script (the template filled in for it) is written, as <tablePrefix>.sql "
            + "(default: ./programmes).",
        HelpName = "DIR",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 21, "register-programme", "CU21: register a new non-survey programme from a registration file (JSON).",
            "CU21: register a new non-survey (open-time) programme from a registration file: its Programme row (survey\n"
            + "NONSURVEY unless the file names another; the PI is kept in the description, as Programme has no PI column),\n"
            + "its RequiredFilters and RequiredNeighbours rows, and its tables made from the programme template as\n"
            + "'curate init' makes them ({prog}Detection, {prog}MergeLog, {prog}Source, the neighbour tables), with\n"
            + "their indices of Indices.sql; all in one unit, all or nothing. Its schema script, the template\n"
            + "statements with {prog} and {ext} filled in, is written to --scripts-dir for the record. From the next run\n"
            + "CU3 identifies frames whose PROJECT is the programme's (exactly, or with a sub-project letter a/b/c) and\n"
            + "CU4 ingests their catalogues into {prog}Detection. Frames ingested before, under the unknown programme\n"
            + "(-99), whose PROJECT the programme claims are queued again: the next cu3 and cu4 bring them in.\n\n"
            + "The file is checked before anything is written: bad JSON, unknown or missing fields, wrong numbers,\n"
            + "unknown filters or external tables, a programme ID, acronym, table prefix or PROJECT another programme\n"
            + "has (a rerun of the same file among them), tables that exist already. Every problem is listed with its\n"
            + "file:line:column and field; nothing is registered or recorded, exit code 1. --dry-run does the\n"
            + "registration, shows it and rolls it back. See docs/register-programme.md (example:\n"
            + "docs/examples/u07bh99.json).\n\n"
            + "Examples:\n"
            + "  curate register-programme docs/examples/u07bh99.json --dry-run\n"
            + "  curate register-programme u07bh99.json --scripts-dir /data/wsa/programmes --comment 'PATT 07B'\n"
            + "  curate cu21 u07bh99.json && curate cu3 && curate cu4",
            perProgramme: false, [File, ScriptsDir, schemaDir],
            (parseResult, options) =>
            {
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                var request = new RegisterProgrammeRequest
                {
                    File = parseResult.GetValue(File)!.FullName,
                    ScriptsDirectory = parseResult.GetValue(ScriptsDir)?.FullName ?? Path.GetFullPath("programmes"),
                };
                return new RegisterProgrammeSession(options, scripts, request, context.Out);
            });
    }
}
