using System.CommandLine;
using Curation.Fits;
using Curation.Fits.Inspection;

namespace Curation.Invocations.Commands.Fits;

/// <summary><c>curate fits dump</c>: every HDU of FITS files, their cards, columns and (optionally) data statistics.</summary>
internal static class FitsDumpCommand
{
    private static readonly Argument<string[]> Files = new("FILE") { Description = "FITS files (plain, .gz, .Z, .fz).", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON document per file, one per line (JSON Lines)." };
    private static readonly Option<bool> Stats = new("--stats") { Description = "Read the data too: min, max, mean and finite count of each image, sum and finite count of each numeric table column." };
    private static readonly Option<bool> Strict = new("--strict") { Description = "Treat non-standard headers (unquoted strings, bad keywords, unpadded files) as errors instead of warnings." };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = CommandHelp.Create("dump", "List each FITS file's HDUs with their cards, columns and, with --stats, data statistics.",
            "List each FITS file's HDUs with their cards, columns and, with --stats, data statistics.\n"
            + "Tile-compressed images are shown as the image they hold. Non-standard cards are read leniently and\n"
            + "reported as warnings (--strict makes them errors). A file that cannot be read is reported on the\n"
            + "error stream naming the file and HDU; the other files are still dumped and the exit code is 1.\n\n"
            + "JSON: {\"file\",\"hdus\":[{\"index\",\"kind\",\"extname\",\"bitpix\",\"naxis\",\"rows\",\"columns\",\"cards\",\"stats\"}],\n"
            + "\"warnings\",\"error\"}; kind is image, compressed-image, bintable, table, random-groups or other.\n\n"
            + "Examples:\n"
            + "  curate fits dump w20071011_01818_sf_st.fits\n"
            + "  curate fits dump --json --stats *.fits.fz | jq '.hdus[].stats'");
        CommandHelp.Add(command, Files, Json, Stats, Strict);
        CommandAction.Set(command, context, parseResult =>
        {
            var json = parseResult.GetValue(Json);
            var stats = parseResult.GetValue(Stats);
            var options = parseResult.GetValue(Strict) ? FitsReadOptions.Strict : FitsReadOptions.Default;
            var failed = 0;
            var files = parseResult.GetValue(Files)!;
            foreach (var path in files)
            {
                var dump = FitsDump.Read(path, stats, options);
                if (json)
                {
                    context.Out.WriteLine(dump.ToJson());
                }
                else
                {
                    dump.WriteSummary(context.Out, stats);
                    context.Out.WriteLine();
                }

                context.Out.Flush();
                foreach (var warning in dump.Warnings)
                    context.Log.Debug("{File}: {Warning}", path, warning);
                if (dump.Failed)
                {
                    failed++;
                    foreach (var message in dump.Errors)
                        context.Log.Error(message);
                }
            }

            if (failed > 0 && files.Length > 1)
                context.Log.Error("{Failed} of {Count} files could not be read completely", failed, files.Length);
            return failed > 0 ? 1 : 0;
        });
        return command;
    }
}
