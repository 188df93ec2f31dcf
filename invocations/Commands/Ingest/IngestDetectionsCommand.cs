using System.CommandLine;
using Curation.TablePreparation.Ingest;

namespace Curation.Invocations.Commands.Ingest;

/// <summary><c>curate ingest-detections</c> (<c>cu4</c>): ingests source catalogues into the programmes' detection tables.</summary>
internal static class IngestDetectionsCommand
{
    /// <summary><c>--programme</c>, optional here.</summary>
    public static readonly Option<string?> Programme = new("--programme", "-p")
    {
        Description = "Only the waiting catalogues of this programme: its ID, acronym or table prefix (default: every programme's).",
        HelpName = "P",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 4, "ingest-detections", "CU4: ingest source catalogues into their programme's detection table.",
            "CU4: ingest every catalogue whose metadata CU3 ingested and whose detections are not yet ingested (or the\n"
            + "--file/--list catalogues) into its programme's {prog}Detection table, every column as the template's tags\n"
            + "say (--/F catalogue column, --/Q computation, --/N default). Catalogues are read and prepared on several\n"
            + "threads while one writer loads them through the bulk loader. Each catalogue is all or nothing; unchanged\n"
            + "catalogues already ingested are skipped; a rejected catalogue is reported (see 'curate status') and the\n"
            + "rest go on; the exit code is then 1.\n\n"
            + "Examples:\n"
            + "  curate ingest-detections\n"
            + "  curate cu4 --file night/20071011/w20071011_00101_sf_cat.fits --reingest\n"
            + "  curate cu4 --programme LAS",
            perProgramme: false, [.. IngestOptions.All, Programme, schemaDir],
            (parseResult, options) =>
            {
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                var request = IngestOptions.Request(parseResult) with { Programme = parseResult.GetValue(Programme) };
                if (request.Programme is not null && request.Files.Count > 0)
                    throw new CurationUsageException("--programme selects among the waiting catalogues; with --file or --list the files given are ingested");
                return new IngestDetectionsSession(options, scripts, request, context.Out);
            });
    }
}
