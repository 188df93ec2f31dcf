using System.CommandLine;
using Curation.Database;
using Curation.Schema;
using Curation.Schema.Model;
using Curation.Sessions;

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

/// <summary>CU18: creates the missing indices of the scripts on every table of the archive.</summary>
internal sealed class CreateIndicesSession(CuSessionOptions options, SchemaModel scripts, TextWriter output) : CuSession(18, options)
{
    /// <summary>Indices created by the run.</summary>
    public List<string> Created { get; } = [];

    /// <summary>Indices that were already there.</summary>
    public int AlreadyPresent { get; private set; }

    /// <inheritdoc />
    protected override void Work()
    {
        var layout = ArchiveInitializer.RegisteredLayout(Database.Connection, Database.Transaction, Database.Dialect, scripts);
        var existing = LiveSchemaReader.ReadIndexNames(Database.Connection, Database.Dialect);
        var tables = layout.Tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

        // Indices are a step of every programme's sequence: the run is recorded for each programme with tables.
        foreach (var p in Programme.All(Database).Where(p => p.HasTables))
            RecordProgramme(p.Id);
        foreach (var index in layout.Indices)
        {
            if (!tables.ContainsKey(index.Table))
                throw new CurationInputException($"index {index.Name} is on table {index.Table}, which the schema scripts do not define");
            if (existing.Contains(Database.Dialect.CatalogName(index.Name).ToLowerInvariant()))
            {
                AlreadyPresent++;
                continue;
            }

            Unit($"creating index {index.Name} on {index.Table}", () => Database.Execute(Database.Dialect.CreateIndex(index, ifMissing: true)));
            Created.Add(index.Name);
            output.WriteLine($"created   {index.Name} on {index.Table}");
        }

        output.WriteLine($"{Options.Database}: {Created.Count} index(es) {(Options.DryRun ? "would be created (dry run)" : "created")}, {AlreadyPresent} already present");
    }
}
