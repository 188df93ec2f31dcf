using Curation.Schema.Model;
using Curation.TablePreparation.Preparation;

namespace Curation.TablePreparation.Computations;

/// <summary>
/// A named computation of the registry: the function behind a <c>--/Q</c> tag. It says which columns it computes
/// (from the column and the attributes its tag lists) and, bound to one table and one source of rows, gives the
/// function that computes the column's value from a row.
/// </summary>
public sealed class Computation
{
    /// <summary>The computation's name, as listings and messages show it (eg. <c>htmIndex</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What it computes and how, in a sentence or two, for the documentation.</summary>
    public required string Description { get; init; }

    /// <summary>The columns it computes and the inputs it takes, as the documentation shows them.</summary>
    public required string Signature { get; init; }

    /// <summary>True when it computes a column from the attributes its <c>--/Q</c> tag lists.</summary>
    public required Func<ColumnDef, IReadOnlyList<AttributeRef>, bool> Computes { get; init; }

    /// <summary>Binds it to one column of one table and one source of rows: the function of a row (the table's values so
    /// far, in column order) giving the value, or null when an input is missing (the column then takes its default).</summary>
    public required Func<ComputationBinding, Func<object?[], object?>> Bind { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>An input of a bound computation: a column of the row being prepared, or a value fixed for all its rows (an
/// attribute of a parent row, such as <c>Multiframe.expTime</c> for a detection).</summary>
public readonly struct ComputationInput
{
    private readonly int index;
    private readonly object? constant;
    private readonly double? missing;

    private ComputationInput(int index, object? constant, double? missing)
    {
        this.index = index;
        this.constant = constant;
        this.missing = missing;
    }

    /// <summary>A column of the row, at <paramref name="index"/>; <paramref name="missing"/> is its default, which
    /// stands for a missing value.</summary>
    public static ComputationInput Column(int index, object? missing) => new(index, null, ColumnValues.NumberOf(missing));

    /// <summary>A value fixed for every row; <paramref name="missing"/> is the default standing for a missing value.</summary>
    public static ComputationInput Fixed(object? value, object? missing) => new(-1, value, ColumnValues.NumberOf(missing));

    /// <summary>The input's value in <paramref name="row"/>.</summary>
    public object? Value(object?[] row) => index >= 0 ? row[index] : constant;

    /// <summary>The input as a number, or null when it is null, not a number, or its column's default (missing).</summary>
    public double? Number(object?[] row)
    {
        var n = ColumnValues.NumberOf(Value(row));
        return n is null || n == missing || double.IsNaN(n.Value) ? null : n;
    }

    /// <summary>The input as text (trailing blanks removed), or null.</summary>
    public string? Text(object?[] row) => Value(row) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.TrimEnd() : null;
}

/// <summary>What a computation is bound to: the column, its table, the inputs its tag lists, and the ingest context.</summary>
public sealed class ComputationBinding
{
    private readonly Func<AttributeRef, ComputationInput?> resolve;

    /// <summary>Creates a binding; <paramref name="resolve"/> finds an attribute in the row or among the fixed values.</summary>
    public ComputationBinding(TableDef table, ColumnDef column, IReadOnlyList<AttributeRef> inputs, IngestContext context,
        Func<AttributeRef, ComputationInput?> resolve)
    {
        Table = table;
        Column = column;
        Inputs = inputs;
        Context = context;
        this.resolve = resolve;
    }

    /// <summary>The table.</summary>
    public TableDef Table { get; }

    /// <summary>The column computed.</summary>
    public ColumnDef Column { get; }

    /// <summary>The attributes the column's <c>--/Q</c> tag lists.</summary>
    public IReadOnlyList<AttributeRef> Inputs { get; }

    /// <summary>The file, detector and reference data the rows come from.</summary>
    public IngestContext Context { get; }

    /// <summary>The <paramref name="position"/>th attribute of the tag.</summary>
    public ComputationInput Input(int position) => Resolve(Inputs[position]);

    /// <summary>The tag's attribute named <paramref name="name"/> (qualified or not).</summary>
    public ComputationInput Input(string name) =>
        Resolve(Inputs.FirstOrDefault(i => i.Attribute.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{Table.Name}.{Column.Name}: its --/Q tag does not list {name}"));

    /// <summary>The first attribute of the tag matching <paramref name="predicate"/>, if any.</summary>
    public ComputationInput? Find(Func<string, bool> predicate) =>
        Inputs.FirstOrDefault(i => predicate(i.Attribute)) is { } a ? Resolve(a) : null;

    private ComputationInput Resolve(AttributeRef attribute) =>
        resolve(attribute) ?? throw new IngestRejectedException(
            $"{Table.Name}.{Column.Name} is computed from {attribute}, which is neither a column of {Table.Name} nor of a row it is ingested with");
}
