using Curation.Schema.Model;
using Curation.TablePreparation.Preparation;
using Curation.TablePreparation.Programmes;
using Curation.TablePreparation.Sky;

namespace Curation.TablePreparation.Computations;

/// <summary>A filter of the archive's <c>Filter</c> table, as the filter computation matches it.</summary>
/// <param name="FilterId">Its ID.</param>
/// <param name="ShortName">Its short name, which the FILTER keyword gives (eg. <c>K</c>).</param>
public sealed record FilterEntry(int FilterId, string ShortName);

/// <summary>A row already prepared that the rows of another table are ingested with (a detection's detector frame and
/// multiframe), so that their computations can read its attributes.</summary>
/// <param name="Table">The row's table.</param>
/// <param name="Values">Its values, in the table's column order.</param>
public sealed record ParentRow(TableDef Table, object?[] Values)
{
    /// <summary>The value of <paramref name="column"/>, and its default (which stands for a missing value); false when the table has no such column.</summary>
    public bool TryGet(string column, out object? value, out object? missing)
    {
        var index = Table.Columns.FindIndex(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase));
        value = index >= 0 ? Values[index] : null;
        missing = index >= 0 ? ColumnValues.DefaultOf(Table.Columns[index]) : null;
        return index >= 0;
    }
}

/// <summary>Where the rows being prepared come from: the file, the HDU, its world co-ordinate systems, the rows they
/// are ingested with, the archive's reference data, and where problems go.</summary>
public sealed class IngestContext
{
    /// <summary>The file's path in the archive (as <c>ArchivedFile.fileName</c>).</summary>
    public required string FileName { get; init; }

    /// <summary>Where problems with values are reported.</summary>
    public required FileProblems Problems { get; init; }

    /// <summary>The HDU the rows come from (0 = primary), for messages.</summary>
    public int? Hdu { get; init; }

    /// <summary>The registered programmes, for the programme computation.</summary>
    public ProgrammeIdentifier? Programmes { get; init; }

    /// <summary>The registered filters, for the filter computation.</summary>
    public IReadOnlyList<FilterEntry> Filters { get; init; } = [];

    /// <summary>The celestial WCS of the image HDU the rows describe, or null (with <see cref="ImageWcsProblem"/>).</summary>
    public Wcs? ImageWcs { get; init; }

    /// <summary>Why the image HDU has no usable WCS, when it has none.</summary>
    public string? ImageWcsProblem { get; init; }

    /// <summary>The WCS of a catalogue table's pixel columns, or null (with <see cref="TableWcsProblem"/>).</summary>
    public Wcs? TableWcs { get; init; }

    /// <summary>Why the catalogue table has no usable WCS, when it has none.</summary>
    public string? TableWcsProblem { get; init; }

    /// <summary>The rows the rows being prepared are ingested with, by table name.</summary>
    public IReadOnlyDictionary<string, ParentRow> Parents { get; init; } = new Dictionary<string, ParentRow>(StringComparer.OrdinalIgnoreCase);
}
