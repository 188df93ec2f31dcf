using System.CommandLine;
using Curation.Sessions;
using Curation.TablePreparation.Ingest;

namespace Curation.Invocations.Commands.Ingest;

/// <summary><c>curate fill-provenance</c>: completes the provenance of combined frames whose components arrived later.</summary>
internal static class FillProvenanceCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = CuCommand.Create(context, 3, "fill-provenance", "Complete the provenance of combined frames whose components arrived after them.",
            "Add the Provenance rows of every combined frame (stack, interleaved frame, confidence map) whose components\n"
            + "(PROV0001, PROV0002, ... in its headers, kept in HeaderCard) have been ingested since it was. CU3 does this at\n"
            + "the end of every run; this command does only this. It runs as a CU3 event (and takes CU3's lock).\n\n"
            + "Examples:\n"
            + "  curate fill-provenance",
            perProgramme: false, [],
            (_, options) => new FillProvenanceSession(options, context.Out));
        command.Aliases.Remove("cu3"); // cu3 is ingest-metadata
        return command;
    }
}

/// <summary>Completes the provenance of combined frames, as one unit.</summary>
internal sealed class FillProvenanceSession(CuSessionOptions options, TextWriter output) : CuSession(3, options)
{
    /// <inheritdoc />
    protected override void Work()
    {
        var added = 0;
        Unit("completing the provenance of combined frames", () => added = Provenance.Fill(Database, CuEventId));
        output.WriteLine($"{added} provenance row(s) added");
    }
}
