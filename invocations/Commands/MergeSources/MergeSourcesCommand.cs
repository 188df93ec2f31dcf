using System.CommandLine;
using Curation.TablePreparation.Merging;

namespace Curation.Invocations.Commands.MergeSources;

/// <summary><c>curate merge-sources</c> (<c>cu7</c>): merges a programme's detections into its source catalogue.</summary>
internal static class MergeSourcesCommand
{
    /// <summary><c>--radius</c>.</summary>
    public static readonly Option<double?> Radius = new("--radius")
    {
        Description = "Pair detections of different passbands within R arcsec (default: the programme's Programme.pairingCriterion).",
        HelpName = "R",
    };

    /// <summary><c>--set-tolerance</c>.</summary>
    public static readonly Option<double?> SetTolerance = new("--set-tolerance")
    {
        Description = "Detector frames whose centres are within T arcsec cover the same field (default: a quarter of the frames' median height).",
        HelpName = "T",
    };

    /// <summary><c>--remerge</c>.</summary>
    public static readonly Option<bool> Remerge = new("--remerge")
    {
        Description = "Merge every frame set again, changed or not (after a change of the template or of the pairing radius).",
    };

    /// <summary><c>--threads</c>.</summary>
    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "Threads the matcher may use (default: the number of processors).",
        HelpName = "N",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 7, "merge-sources", "CU7: merge a programme's detections across passbands into its source catalogue.",
            "CU7: group the programme's detector frames in the filters RequiredFilters lists into frame sets (frames\n"
            + "whose centres are within --set-tolerance: one frame per filter, a stack preferred to its exposures, a\n"
            + "later observation to an earlier one) and record them in {prog}MergeLog; then merge each frame set that is\n"
            + "new, changed, or whose detections were ingested again since: its detections are paired across passbands\n"
            + "within --radius, one-to-one, nearest first (declination zones, O(N log N)), and its sources in\n"
            + "{prog}Source replaced, every column filled as the template's tags say (--/Q {prog}Detection.attr per\n"
            + "passband, colours, the mean position, the merged class). Each frame set is one unit: complete, or rolled\n"
            + "back. Only frames whose detections CU4 has ingested are merged. See docs/merging.md.\n\n"
            + "Examples:\n"
            + "  curate merge-sources --programme LAS\n"
            + "  curate cu7 -p las --radius 1.0 --remerge",
            perProgramme: true, [Radius, SetTolerance, Remerge, Threads, schemaDir],
            (parseResult, options) =>
            {
                var radius = parseResult.GetValue(Radius);
                if (radius is { } r && !(r > 0 && r <= 3600))
                    throw new CurationUsageException("--radius must be above 0 and at most 3600 arcsec");
                var tolerance = parseResult.GetValue(SetTolerance);
                if (tolerance is { } t && !(t > 0 && t <= 3600))
                    throw new CurationUsageException("--set-tolerance must be above 0 and at most 3600 arcsec");
                if (parseResult.GetValue(Threads) is < 1)
                    throw new CurationUsageException("--threads must be at least 1");
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                var request = new MergeRequest
                {
                    RadiusArcsec = radius,
                    SetToleranceArcsec = tolerance,
                    Remerge = parseResult.GetValue(Remerge),
                    Threads = parseResult.GetValue(Threads),
                };
                return new MergeSourcesSession(options, scripts, request, context.Out);
            });
    }
}
