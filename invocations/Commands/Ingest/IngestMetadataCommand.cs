using System.CommandLine;
using Curation.TablePreparation.Ingest;

namespace Curation.Invocations.Commands.Ingest;

/// <summary><c>curate ingest-metadata</c> (<c>cu3</c>): ingests the headers of new files into the multiframe tables.</summary>
internal static class IngestMetadataCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        var assign = new Option<string?>("--assign-programme")
        {
            Description = "Assign files whose PROJECT keyword names no programme to programme P (ID, acronym or table prefix).",
            HelpName = "P",
        };
        return CuCommand.Create(context, 3, "ingest-metadata", "CU3: ingest the headers of new FITS files into Multiframe and its tables.",
            "CU3: ingest the metadata of every file registered and not yet ingested (or of --file/--list files, registered\n"
            + "first if new) into Multiframe, MultiframeDetector, CurrentAstrometry, ProgrammeFrame, HeaderCard (every card)\n"
            + "and Provenance, every column as its tag in the schema scripts says (--/K keyword, --/Q computation, --/N\n"
            + "default). An image's catalogue (X_cat.fits beside X.fit) gives the BINTABLE keywords of its detector frames.\n"
            + "Each file is all or nothing. Unchanged files already ingested are skipped; changed ones are ingested again.\n"
            + "A file that cannot be ingested is rejected with its reason (see 'curate status') and the rest go on; the exit\n"
            + "code is then 1.\n\n"
            + "Examples:\n"
            + "  curate ingest-metadata\n"
            + "  curate cu3 --file night/20071011/w20071011_00101_sf.fit --strict\n"
            + "  curate cu3 --list tonight.txt --db postgres://curator@dbhost/wsa\n"
            + "  curate cu3 --file other/ngts_cat.fits --assign-programme LAS",
            perProgramme: false, [.. IngestOptions.All, assign, schemaDir],
            (parseResult, options) =>
            {
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                return new IngestMetadataSession(options, scripts, IngestOptions.Request(parseResult) with { AssignProgramme = parseResult.GetValue(assign) }, context.Out);
            });
    }
}
