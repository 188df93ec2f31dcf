using System.CommandLine;
using Curation.Release.Indices;

namespace Curation.Invocations.Commands.CreateIndices;

/// <summary><c>curate create-indices</c> (<c>cu18</c>): creates every index of Indices.sql that is missing.</summary>
internal static class CreateIndicesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var schemaDir = CommonOptions.SchemaDir();
        return CuCommand.Create(context, 18, "create-indices", "CU18: create every index of Indices.sql that is missing, on every table.",
            "CU18: create every index of the schema scripts (Indices.sql) that the archive lacks, on every table, each\n"
            + "programme's tables included ({prog} and {ext} instantiated as 'curate init' does), in the database's own\n"
            + "dialect. Prints each index created and a summary of those already there. Safe to rerun: an index that\n"
            + "exists is left as it is. Each index is created in a transaction of its own.\n\n"
            + "Examples:\n"
            + "  curate create-indices\n"
            + "  curate cu18 --db postgres://curator:secret@dbhost/wsa --comment 'after the 2026B ingest'",
            perProgramme: false, [schemaDir],
            (parseResult, options) =>
            {
                var paths = ScriptSet.Paths(null, parseResult.GetValue(schemaDir));
                return new CreateIndicesSession(options, ScriptSet.Parse(paths, "wfau"), context.Out);
            });
    }
}
