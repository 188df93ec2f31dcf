using System.CommandLine;
using Curation.TablePreparation.Neighbours;

namespace Curation.Invocations.Commands.MakeNeighbours;

/// <summary><c>curate make-neighbours</c> (<c>cu16</c>): makes a programme's neighbour tables.</summary>
internal static class MakeNeighboursCommand
{
    /// <summary><c>--table</c>.</summary>
    public static readonly Option<string?> Table = new("--table")
    {
        Description = "Make only this neighbour table of the programme (a RequiredNeighbours.neighbourTable), eg. lasSourceNeighbours.",
        HelpName = "NAME",
    };

    /// <summary><c>--radius</c>.</summary>
    public static readonly Option<double?> Radius = new("--radius")
    {
        Description = "Pair sources within this many arcseconds instead of each table's RequiredNeighbours.joinCriterion.",
        HelpName = "ARCSEC",
    };

    /// <summary><c>--threads</c>.</summary>
    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "Threads matching at once (default: the number of processors).",
        HelpName = "N",
    };

    /// <summary><c>--work-dir</c>.</summary>
    public static readonly Option<DirectoryInfo?> WorkDir = new("--work-dir")
    {
        Description = "Where the sorted position files are written while a table is made, about 25 bytes per source "
            + "(default: the system's temporary directory); removed at the end.",
        HelpName = "DIR",
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 16, "make-neighbours", "CU16: make a programme's neighbour tables, as RequiredNeighbours prescribes.",
            "CU16: make the neighbour tables RequiredNeighbours prescribes for the programme (--programme is required:\n"
            + "the task holds the programme's lock, so run it once per programme). A self-neighbour table\n"
            + "({prog}SourceNeighbours) pairs every source of {prog}Source with every other source within the table's\n"
            + "joinCriterion (arcsec), both ways round, never a source with itself; a cross-neighbour table\n"
            + "({prog}SourceX{ext}) pairs them with the sources of an external table of ExternalSurveyTable, loaded with\n"
            + "'curate load-external'. Each row holds masterObjID, slaveObjID and distanceMins (arcminutes). The\n"
            + "positions are outgested sorted by Dec to binary files in --work-dir and matched in declination zones in\n"
            + "bounded memory. Each table is one unit: its old rows are replaced by the new ones, all or nothing, so a\n"
            + "rerun gives the same rows. A table with nothing to match yet ({prog}Source empty, the external table not\n"
            + "loaded) is skipped, saying why; a table whose registration is wrong is reported, the rest go on, and the\n"
            + "exit code is then 1. Prints one line per table: pairs, sources, radius and time. See docs/neighbours.md.\n\n"
            + "Examples:\n"
            + "  curate make-neighbours --programme LAS\n"
            + "  curate cu16 -p las --table lasSourceXGaiaDR3Source --threads 2 --work-dir /scratch",
            perProgramme: true, [Table, Radius, Threads, WorkDir, schemaDir],
            (parseResult, options) =>
            {
                var radius = parseResult.GetValue(Radius);
                if (radius is { } r && !(r > 0 && r < 324000))
                    throw new CurationUsageException("--radius must be a number of arcseconds above 0 and below 324000 (90 degrees)");
                if (parseResult.GetValue(Threads) is < 1)
                    throw new CurationUsageException("--threads must be at least 1");
                var scripts = ScriptSet.Parse(ScriptSet.Paths(null, parseResult.GetValue(schemaDir)), "wfau");
                return new MakeNeighboursSession(options, scripts, new MakeNeighboursRequest
                {
                    Table = parseResult.GetValue(Table),
                    RadiusArcsec = radius,
                    Threads = parseResult.GetValue(Threads),
                    WorkDirectory = parseResult.GetValue(WorkDir)?.FullName,
                }, context.Out);
            });
    }
}
