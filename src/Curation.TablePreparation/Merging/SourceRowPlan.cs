using System.Globalization;
using Curation.Schema.Model;
using Curation.Sessions;
using Curation.TablePreparation.Preparation;

namespace Curation.TablePreparation.Merging;

/// <summary>
/// How each column of a programme's merged-source table (<c>{prog}Source</c>) is filled, decided once from its tags,
/// so that a column added to the template is filled without a code change:
/// <list type="bullet">
/// <item><c>sourceID</c>, <c>frameSetID</c>, <c>cuEventID</c>: given by CU7.</item>
/// <item>A column named with a passband's prefix (the lower-cased <c>Filter.shortName</c>: <c>jAperMag3</c>,
/// <c>kSeqNum</c>) tagged <c>--/Q {prog}Detection.attr</c>: the attribute of the source's detection in that band;
/// the default when the source has none there or the programme does not require the band.</item>
/// <item><c>ra</c> and <c>dec</c> tagged <c>--/Q {prog}Detection.ra,{prog}Detection.dec</c>: the source's mean position.</item>
/// <item>Any other <c>--/Q</c> of the table's own columns: the registry's computation (unit vector, HTM index,
/// Galactic co-ordinates, colours, merged class), after the columns above.</item>
/// <item>Anything else: its default.</item>
/// </list>
/// A <c>--/Q</c> that fits none of these is an error naming the column, before anything is written.
/// </summary>
public sealed class SourceRowPlan
{
    private readonly object?[] template;
    private readonly List<(int Index, int Band, int Attribute, SqlType Type)> bandCells = [];
    private readonly OwnColumnComputations computed;
    private readonly int sourceIdIndex;
    private readonly int frameSetIdIndex;
    private readonly int cuEventIdIndex;
    private readonly int raIndex = -1;
    private readonly int decIndex = -1;

    private SourceRowPlan(TableDef table, IReadOnlyList<string> attributes, object?[] template, int[] given, OwnColumnComputations computed)
    {
        Table = table;
        Columns = [.. table.Columns.Where(c => !c.IsComputed)];
        DetectionAttributes = attributes;
        this.template = template;
        this.computed = computed;
        (sourceIdIndex, frameSetIdIndex, cuEventIdIndex, raIndex, decIndex) = (given[0], given[1], given[2], given[3], given[4]);
    }

    /// <summary>The source table.</summary>
    public TableDef Table { get; }

    /// <summary>The columns of a row, in order (what the bulk loader takes).</summary>
    public IReadOnlyList<ColumnDef> Columns { get; }

    /// <summary>The detection attributes the rows need, in the order <see cref="Row"/> expects each detection's values;
    /// <c>ra</c> and <c>dec</c> first.</summary>
    public IReadOnlyList<string> DetectionAttributes { get; }

    /// <summary>Plans the rows of <paramref name="sourceTable"/>, whose band columns come from
    /// <paramref name="detectionTable"/>; <paramref name="bandPrefixes"/> are the prefixes of the bands merged, in the
    /// order <see cref="Row"/> gets their detections, and <paramref name="allPrefixes"/> those of every filter.</summary>
    /// <exception cref="CurationInputException">A column's <c>--/Q</c> tag fits no rule.</exception>
    public static SourceRowPlan Create(TableDef sourceTable, string detectionTable, IReadOnlyList<string> bandPrefixes, IEnumerable<string> allPrefixes)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(detectionTable);
        ArgumentNullException.ThrowIfNull(bandPrefixes);
        var prefixes = allPrefixes.Concat(bandPrefixes).Select(p => p.ToLowerInvariant()).Distinct().OrderByDescending(p => p.Length).ToList();
        var columns = sourceTable.Columns.Where(c => !c.IsComputed).ToList();
        var template = columns.Select(ColumnValues.DefaultOf).ToArray();
        var attributes = new List<string> { "ra", "dec" };
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
            byName[columns[i].Name] = i;
        int Given(string name) => byName.TryGetValue(name, out var i) ? i
            : throw new CurationInputException($"{sourceTable.Name} has no column {name}, which CU7 sets; check the programme template (ProgrammeTemplate.sql)");
        var given = new[] { Given("sourceID"), Given("frameSetID"), Given("cuEventID"), -1, -1 };
        var cells = new List<(int, int, int, SqlType)>();
        var local = new List<(int Index, ColumnDef Column, IReadOnlyList<AttributeRef> Inputs)>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (i == given[0] || i == given[1] || i == given[2])
                continue;
            if (column.Tags.Get('Q') is not { Length: > 0 } q)
                continue;
            var inputs = Schema.SourceTagGrammar.ParseComputed(q).Inputs;
            bool FromDetection(AttributeRef a) => a.Table is { } t && t.Equals(detectionTable, StringComparison.OrdinalIgnoreCase);
            if (inputs.Count > 0 && inputs.All(FromDetection))
            {
                if (inputs.Count == 2 && column.Name.ToLowerInvariant() is "ra" or "dec"
                    && inputs[0].Attribute.Equals("ra", StringComparison.OrdinalIgnoreCase) && inputs[1].Attribute.Equals("dec", StringComparison.OrdinalIgnoreCase))
                {
                    given[column.Name.Equals("ra", StringComparison.OrdinalIgnoreCase) ? 3 : 4] = i;
                    continue;
                }

                var prefix = inputs.Count == 1 ? prefixes.FirstOrDefault(p => HasPrefix(column.Name, p)) : null;
                if (prefix is null)
                {
                    throw new CurationInputException($"{sourceTable.Name}.{column.Name}: --/Q {q.Trim()} names {detectionTable} attributes, but the column "
                        + "is neither ra/dec (the mean position, from ra,dec) nor named with a passband's prefix (the Filter shortName, lower case, as jAperMag3)");
                }

                var band = bandPrefixes.ToList().FindIndex(p => p.Equals(prefix, StringComparison.OrdinalIgnoreCase));
                if (band < 0)
                    continue; // a passband the programme does not merge: the default
                var attribute = attributes.FindIndex(a => a.Equals(inputs[0].Attribute, StringComparison.OrdinalIgnoreCase));
                if (attribute < 0)
                {
                    attribute = attributes.Count;
                    attributes.Add(inputs[0].Attribute);
                }

                cells.Add((i, band, attribute, column.Type));
                continue;
            }

            if (!OwnColumnComputations.AreOwn(sourceTable, inputs))
            {
                throw new CurationInputException($"{sourceTable.Name}.{column.Name}: --/Q {q.Trim()} mixes other tables' attributes; "
                    + $"a source column is computed from {detectionTable} attributes or from {sourceTable.Name}'s own columns");
            }

            local.Add((i, column, inputs));
        }

        var plan = new SourceRowPlan(sourceTable, attributes, template, given, OwnColumnComputations.Bind(sourceTable, columns, template, local));
        plan.bandCells.AddRange(cells);
        return plan;
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="prefix"/> followed by an upper-case letter (<c>jAperMag3</c> for j).</summary>
    private static bool HasPrefix(string name, string prefix) =>
        name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(name[prefix.Length]);

    /// <summary>The row of a merged source: <paramref name="detections"/>[band][detection] holds each detection's
    /// values of <see cref="DetectionAttributes"/>.</summary>
    public object?[] Row(long sourceId, long frameSetId, int cuEventId, MergedSource source, IReadOnlyList<IReadOnlyList<object?[]>> detections)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(detections);
        var row = (object?[])template.Clone();
        row[sourceIdIndex] = sourceId;
        row[frameSetIdIndex] = frameSetId;
        row[cuEventIdIndex] = cuEventId;
        if (raIndex >= 0 && source.Ra is { } ra)
            row[raIndex] = Convert(ra, Columns[raIndex].Type) ?? row[raIndex];
        if (decIndex >= 0 && source.Dec is { } dec)
            row[decIndex] = Convert(dec, Columns[decIndex].Type) ?? row[decIndex];
        foreach (var (index, band, attribute, type) in bandCells)
        {
            var d = source.Detections[band];
            if (d < 0)
                continue;
            var value = detections[band][d][attribute];
            if (value is null or DBNull)
                continue;
            row[index] = ColumnValues.NumberOf(value) is { } n ? Convert(n, type) ?? row[index] : value;
        }

        computed.Apply(row);
        return row;
    }

    private static object? Convert(double number, SqlType type) => ColumnValues.FromNumber(number, type, out var value, out _) ? value : null;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Table.Name}: {bandCells.Count} band column(s), {computed.Count} computed, from {DetectionAttributes.Count} detection attribute(s)");
}
