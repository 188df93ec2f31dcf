using Curation.Schema.Model;
using Curation.Sessions;

namespace Curation.Release.Indices;

/// <summary>CU18 (<c>create-indices</c>): creates the indices of the scripts (Indices.sql) that the archive lacks, on
/// every table, each programme's included; one unit per index.</summary>
/// <param name="options">The run's options.</param>
/// <param name="scripts">The archive's schema scripts.</param>
/// <param name="output">Where each index created and the summary are printed.</param>
public sealed class CreateIndicesSession(CuSessionOptions options, SchemaModel scripts, TextWriter output) : CuSession(18, options)
{
    /// <summary>Indices created by the run.</summary>
    public List<string> Created { get; } = [];

    /// <summary>Indices that were already there.</summary>
    public int AlreadyPresent { get; private set; }

    /// <inheritdoc />
    protected override void Work()
    {
        ArgumentNullException.ThrowIfNull(output);
        var indices = ArchiveIndices.Read(Database, scripts);

        // Indices are a step of every programme's sequence: the run is recorded for each programme with tables.
        foreach (var p in Programme.All(Database).Where(p => p.HasTables))
            RecordProgramme(p.Id);
        foreach (var (index, present) in indices)
        {
            if (present)
            {
                AlreadyPresent++;
                continue;
            }

            Unit($"creating index {index.Name} on {index.Table}", () => Database.Execute(ArchiveIndices.CreateStatement(Database, index)));
            Created.Add(index.Name);
            output.WriteLine($"created   {index.Name} on {index.Table}");
        }

        output.WriteLine($"{Options.Database}: {Created.Count} index(es) {(Options.DryRun ? "would be created (dry run)" : "created")}, {AlreadyPresent} already present");
    }
}
