using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Computations;
using Curation.TablePreparation.Preparation;

namespace Curation.TablePreparation.Merging;

/// <summary>
/// The registry's computations of a table's columns tagged <c>--/Q</c> with the table's own columns (<c>cx</c> from
/// <c>ra,dec</c>, a colour from two magnitudes), bound once and applied to each row after the columns they read are
/// set: what CU7 uses for the rows it makes of <c>{prog}Source</c> and <c>{prog}MergeLog</c>. A computed value that
/// does not fit its column leaves the default.
/// </summary>
public sealed class OwnColumnComputations
{
    private readonly List<(int Index, Func<object?[], object?> Function, SqlType Type)> computed = [];

    private OwnColumnComputations()
    {
    }

    /// <summary>The number of columns computed.</summary>
    public int Count => computed.Count;

    /// <summary>True when every attribute of <paramref name="inputs"/> is a column of <paramref name="table"/> (unqualified, or qualified by its name).</summary>
    public static bool AreOwn(TableDef table, IReadOnlyList<AttributeRef> inputs)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.All(a => a.Table is null || a.Table.Equals(table.Name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Binds the computations of <paramref name="targets"/> (column index in <paramref name="columns"/>, the
    /// column, its <c>--/Q</c> attributes), whose inputs are columns of the row; <paramref name="defaults"/> are the
    /// columns' defaults, which stand for a missing value.</summary>
    /// <exception cref="CurationInputException">A column's tag names no computation of the registry.</exception>
    public static OwnColumnComputations Bind(TableDef table, IReadOnlyList<ColumnDef> columns, object?[] defaults,
        IEnumerable<(int Index, ColumnDef Column, IReadOnlyList<AttributeRef> Inputs)> targets)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(targets);
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
            byName[columns[i].Name] = i;
        var context = new IngestContext { FileName = table.Name, Problems = new FileProblems(table.Name, strict: false) };
        var result = new OwnColumnComputations();
        foreach (var (index, column, inputs) in targets)
        {
            var computation = ComputationRegistry.For(column, inputs)
                ?? throw new CurationInputException($"{table.Name}.{column.Name}: --/Q {string.Join(",", inputs)} names no computation of the registry (see docs/merging.md)");
            var binding = new ComputationBinding(table, column, inputs, context, a =>
                byName.TryGetValue(a.Attribute, out var c) ? ComputationInput.Column(c, defaults[c]) : null);
            result.computed.Add((index, computation.Bind(binding), column.Type));
        }

        return result;
    }

    /// <summary>Computes the columns in <paramref name="row"/>, in the order they were given.</summary>
    public void Apply(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var (index, function, type) in computed)
        {
            var result = function(row);
            object? value = null;
            var ok = result switch
            {
                null => false,
                string s => ColumnValues.FromText(s, type, out value, out _),
                DateTime => (value = result) is not null,
                _ => ColumnValues.FromNumber(ColumnValues.NumberOf(result) ?? double.NaN, type, out value, out _),
            };
            if (ok)
                row[index] = value;
        }
    }
}
