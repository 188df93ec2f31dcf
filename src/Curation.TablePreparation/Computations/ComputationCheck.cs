using Curation.Schema;
using Curation.Schema.Model;

namespace Curation.TablePreparation.Computations;

/// <summary>
/// Checks the <c>--/Q</c> tags of the tables the ingest tasks fill (those with any <c>--/K</c> or <c>--/F</c> source)
/// against the registry: each must name a computation of <see cref="ComputationRegistry"/>. Tables filled by later
/// tasks (merged sources, neighbours) use <c>--/Q</c> to document what they are derived from and are not checked here.
/// </summary>
public static class ComputationCheck
{
    /// <summary>The findings: an error for each <c>--/Q</c> of an ingested table that no computation computes.</summary>
    public static IReadOnlyList<Finding> Check(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var findings = new List<Finding>();
        foreach (var table in model.Tables.Where(IsIngested))
        {
            foreach (var column in table.Columns)
            {
                if (column.Tags.Get('Q') is not { Length: > 0 } q)
                    continue;
                var inputs = SourceTagGrammar.ParseComputed(q).Inputs;
                if (ComputationRegistry.For(column, inputs) is null)
                {
                    findings.Add(new Finding(FindingSeverity.Error, column.Location,
                        $"{table.Name}.{column.Name}: --/Q {q.Trim()} names no computation of the registry "
                        + $"({string.Join(", ", ComputationRegistry.All.Select(c => c.Name))}; see docs/table-preparation.md)"));
                }
            }
        }

        return findings;
    }

    /// <summary>True for a table filled from FITS files: one with a <c>--/K</c> or <c>--/F</c> source tag.</summary>
    public static bool IsIngested(TableDef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Columns.Any(c => c.Convention == TagConvention.Wfau && (c.Tags.Get('K') is { Length: > 0 } || c.Tags.Get('F') is { Length: > 0 }));
    }
}
